// A package's public API as its entry points reach it: the files package.json `exports` (every
// condition, nested), `main`, `module`, `types`/`typings` and `bin` name, mapped from built paths
// back to sources, then every file whose exports they expose through re-exports (`export … from`,
// `export *`, an import exported again). A file only imported is an implementation detail.
import { posix } from 'node:path'

/** Built-output directories whose files map to the same stem under `src/` (`dist/index.js` → `src/index.ts`). */
const BUILD_DIRS = new Set(['dist', 'lib', 'build', 'esm', 'cjs', 'out', 'es', 'module'])
const BUILT_EXTENSION = /(?:\.d)?\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']

/** One target of package.json's entry fields and the entry that names it. */
export interface EntryTarget {
  /** The path as written (`./dist/index.mjs`). */
  target: string
  /** The entry: an `exports` subpath (`.`, `./mini`; `.` for a conditions-only or string `exports`), or `main`, `module`, `types`, `bin` / `bin <name>`. */
  entry: string
  /** Node's default `./index.js`, named by no field: it counts only where the file itself exists (no build-path mapping). */
  implicit?: true
}

/** The entry name of Node's default `./index.js`, for a package with neither `exports` nor `main`. */
export const DEFAULT_MAIN = 'main (index.js by default)'

/**
 * Every string target of package.json's entry fields (patterns with `*` and `package.json` left
 * out), in the manifest's order (`exports` first), each with the entry that names it; a target
 * named by several entries is listed once, under the first. With neither `exports` nor `main`,
 * `./index.js` is the {@link DEFAULT_MAIN} entry (`implicit`), as Node's resolution has it.
 */
export function entryTargets(manifest: Record<string, unknown>): EntryTarget[] {
  const out: EntryTarget[] = []
  const walk = (value: unknown, entry: string): void => {
    if (typeof value === 'string') out.push({ target: value, entry })
    else if (Array.isArray(value)) value.forEach((v) => walk(v, entry))
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach((v) => walk(v, entry))
  }
  const exportsField = manifest['exports']
  if (typeof exportsField === 'object' && exportsField !== null && !Array.isArray(exportsField)) {
    // Node: an `exports` object's keys are either all subpaths (`.`-led) or all conditions.
    for (const [key, value] of Object.entries(exportsField)) walk(value, key.startsWith('.') ? key : '.')
  } else walk(exportsField, '.')
  for (const key of ['main', 'module', 'types', 'typings']) walk(manifest[key], key === 'typings' ? 'types' : key)
  // Without `exports` or `main`, Node resolves the package to its `index.js` (express has neither field).
  if (exportsField === undefined && manifest['main'] === undefined) out.push({ target: './index.js', entry: DEFAULT_MAIN, implicit: true })
  const bin = manifest['bin']
  if (typeof bin === 'object' && bin !== null && !Array.isArray(bin)) for (const [name, value] of Object.entries(bin)) walk(value, `bin ${name}`)
  else walk(bin, 'bin')
  const seen = new Set<string>()
  return out.filter((t) => {
    if (t.target.includes('*') || t.target.endsWith('package.json') || seen.has(t.target)) return false
    seen.add(t.target)
    return true
  })
}

/**
 * The source file an entry target stands for, in package directory `dir`: the file itself when
 * the tree has it; else the documented mapping of a build path to the same stem under `src/`
 * (`./dist/defu.mjs` → `src/defu.ts`, `./index.js` → `src/index.ts`), or at the package root;
 * undefined when neither exists.
 */
export function sourceOfEntry(dir: string, target: string, files: ReadonlySet<string>): string | undefined {
  const rel = posix.normalize(target).replace(/^\.\//, '')
  if (rel.startsWith('../')) return undefined
  const at = (p: string): string => (dir === '' ? p : `${dir}/${p}`)
  if (files.has(at(rel)) && !rel.endsWith('.d.ts') && !rel.endsWith('.d.mts') && !rel.endsWith('.d.cts')) return at(rel)
  const stem = rel.replace(BUILT_EXTENSION, '')
  const parts = stem.split('/')
  const rest = BUILD_DIRS.has(parts[0] ?? '') ? parts.slice(1).join('/') : stem
  for (const candidate of [`src/${rest}`, rest, `src/${stem}`]) {
    for (const e of SOURCE_EXTENSIONS) if (files.has(at(candidate + e))) return at(candidate + e)
    for (const e of SOURCE_EXTENSIONS) if (files.has(at(`${candidate}/index${e}`))) return at(`${candidate}/index${e}`)
  }
  return undefined
}

/** What {@link publicFiles} found for one package. */
export interface PublicApi {
  /** Entry source files, sorted. Empty when no entry point maps to a source (then every export counts). */
  entries: string[]
  /** Files reachable from the entries (entries included). */
  reachable: Set<string>
  /** Entry targets with no source in the tree. */
  unmapped: string[]
  /** Each entry that maps to a source, in the manifest's order (an entry with several targets once per distinct source). */
  named: Array<{ entry: string; source: string }>
}

/**
 * The files of the package in `dir` whose exports its entry points expose: the entries, then the
 * targets `reExports(path, text)` gives (the caller follows re-exports with its own parser),
 * breadth first. `read` loads texts (null when absent or binary); one call per level.
 */
export async function publicFiles(
  reExports: (path: string, text: string) => readonly string[],
  dir: string,
  manifest: Record<string, unknown>,
  files: ReadonlySet<string>,
  read: (paths: readonly string[]) => Promise<ReadonlyMap<string, string | null>>,
): Promise<PublicApi> {
  const targets = entryTargets(manifest)
  const index = dir === '' ? 'index.js' : `${dir}/index.js`
  const mapped = targets.map((t) => ({ ...t, source: t.implicit === true ? (files.has(index) ? index : undefined) : sourceOfEntry(dir, t.target, files) }))
  const entries = [...new Set(mapped.flatMap((m) => (m.source === undefined ? [] : [m.source])))].sort()
  // A default index.js the package does not have was never promised: it is not an unmapped entry.
  const unmapped = mapped.filter((m) => m.source === undefined && m.implicit !== true).map((m) => m.target)
  const named: PublicApi['named'] = []
  for (const m of mapped)
    if (m.source !== undefined && !named.some((n) => n.entry === m.entry && n.source === m.source)) named.push({ entry: m.entry, source: m.source })
  const reachable = new Set(entries)
  let frontier = entries
  while (frontier.length > 0) {
    const texts = await read(frontier)
    const next: string[] = []
    for (const path of frontier) {
      const text = texts.get(path)
      if (typeof text !== 'string') continue
      for (const target of reExports(path, text)) {
        if (!reachable.has(target)) {
          reachable.add(target)
          next.push(target)
        }
      }
    }
    frontier = next
  }
  return { entries, reachable, unmapped, named }
}
