// Loading config files as plain values (JSON/JSONC/YAML parsed, JS/TS evaluated statically) and
// the path questions every runner's reader asks of them: setup files, project globs.
import { readFile } from 'node:fs/promises'
import { posix } from 'node:path'
import picomatch from 'picomatch'
import { parse as parseYaml } from 'yaml'
import { loadTypeScript } from '../typescript.js'
import { CONFIG_MODULE_EXTENSIONS } from './config-names.js'
import { GLOB_CHARS, MODULE_EXTENSIONS, baseName, dirOf, joinRepo, mayHoldConfig, stripDot } from './paths.js'
import { isDict, parseJsonc, StaticModule, UNKNOWN, type Dict } from './static.js'
import type { RunnerConfigFacts } from './types.js'

/** A file a `projects` glob may name as a config of its own (`vitest.config.e2e.ts`, `jest.unit.config.js`). */
export const CONFIG_LIKE = /(?:config|workspace|projects)[^/]*\.(?:[cm]?[jt]s|json)$/

export interface Context {
  files: readonly string[]
  fileSet: ReadonlySet<string>
  /** Every directory that holds a file, '' included; built on first use. */
  dirs(): ReadonlySet<string>
  read(path: string): Promise<string | undefined>
}

/**
 * The Context of the sorted, repository-relative `files` of the repository at `root` (absolute):
 * reads are UTF-8, undefined for a file that cannot be read.
 */
export function fileContext(root: string, files: readonly string[]): Context {
  let dirs: Set<string> | undefined
  return {
    files,
    fileSet: new Set(files),
    dirs() {
      if (dirs === undefined) {
        dirs = new Set([''])
        for (const file of files) {
          for (let d = dirOf(file); d !== '' && !dirs.has(d); d = dirOf(d)) dirs.add(d)
        }
      }
      return dirs
    },
    async read(path) {
      try {
        return await readFile(posix.join(root.replaceAll('\\', '/'), path), 'utf8')
      } catch {
        return undefined
      }
    },
  }
}

/** What a runner's reader needs of the ConfigReader that drives it. */
export interface ReadState {
  readonly ctx: Context
  /** Records a config's facts (an alternate config that names no tests is dropped). */
  add(facts: RunnerConfigFacts): void
  /** True the first time `key` (a config path, or path#dir for jest) is read; a config is read once. */
  once(key: string): boolean
  /** Directories whose own vitest / jest config is read anyway (a project entry naming them adds nothing). */
  readonly vitestDirs: Set<string>
  readonly jestDirs: Set<string>
}

/** A config file's contents as plain values: JSON/JSONC/YAML parsed, JS/TS evaluated statically. */
export interface LoadedConfig {
  path: string
  /** The default export or whole document; UNKNOWN when not static. */
  value: unknown
  module?: StaticModule
}

export async function loadConfig(ctx: Context, path: string): Promise<LoadedConfig | undefined> {
  const text = await ctx.read(path)
  if (text === undefined) return undefined
  const name = baseName(path)
  if (/\.ya?ml$/.test(name)) {
    try {
      return { path, value: parseYaml(text) as unknown }
    } catch {
      return { path, value: UNKNOWN }
    }
  }
  if (name.endsWith('.json') || name.endsWith('.jsonc')) {
    return { path, value: parseJsonc(await loadTypeScript(), name, text) ?? UNKNOWN }
  }
  // Loaded here, so a repository whose configs are all JSON or YAML never pays for TypeScript.
  const ts = await loadTypeScript()
  const kind = /\.[cm]?tsx?$/.test(name) ? ts.ScriptKind.TS : ts.ScriptKind.JS
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, kind)
  const module = new StaticModule(ts, file)
  return { path, value: module.exported(), module }
}

/** The config object of a loaded config: the static export, else the first object literal with one of `keys`. */
export function configObject(config: LoadedConfig, keys: readonly string[]): Dict | undefined {
  if (isDict(config.value)) return config.value
  return config.module?.objectsWith(keys)[0]
}

/** A setup entry as a repository path when it is local (relative, root-relative or an existing file). */
function localPath(ctx: Context, dir: string, entry: string): string | undefined {
  const local = /^(?:\.{1,2}\/|\/)/.test(entry)
  const path = joinRepo(dir, entry)
  if (path === undefined) return undefined
  for (const candidate of [path, ...MODULE_EXTENSIONS.map((ext) => `${path}.${ext}`)]) {
    if (ctx.fileSet.has(candidate)) return candidate
  }
  return local ? path : undefined
}

export function setupPaths(ctx: Context, dir: string, entries: Array<string[] | undefined>): string[] {
  const out = new Set<string>()
  for (const list of entries) {
    for (const entry of list ?? []) {
      const path = localPath(ctx, dir, entry.replace(/^<rootDir>/, '.'))
      if (path !== undefined) out.add(path)
    }
  }
  return [...out]
}

/** Directories a `projects`/`workspace` glob names, and files it names, relative to `dir`. */
export function expandProjectEntry(ctx: Context, dir: string, entry: string): { dirs: string[]; files: string[] } {
  const pattern = stripDot(entry).replace(/\/$/, '')
  const prefix = dir === '' ? '' : `${dir}/`
  if (!GLOB_CHARS.test(pattern)) {
    const path = joinRepo(dir, pattern)
    if (path === undefined) return { dirs: [], files: [] }
    if (ctx.fileSet.has(path)) return { dirs: [], files: [path] }
    return ctx.dirs().has(path) ? { dirs: [path], files: [] } : { dirs: [], files: [] }
  }
  const match = picomatch(pattern, { dot: true })
  const relativeTo = (path: string): string | undefined => (dir === '' ? path : path.startsWith(prefix) ? path.slice(prefix.length) : undefined)
  const dirs: string[] = []
  for (const d of ctx.dirs()) {
    const rel = relativeTo(d)
    if (rel !== undefined && rel !== '' && match(rel) && mayHoldConfig(`${d}/x`)) dirs.push(d)
  }
  const files: string[] = []
  for (const f of ctx.files) {
    const rel = relativeTo(f)
    if (rel !== undefined && match(rel) && mayHoldConfig(f)) files.push(f)
  }
  return { dirs, files }
}

export function byExtension(a: string, b: string): number {
  const rank = (name: string): number => CONFIG_MODULE_EXTENSIONS.indexOf(name.slice(name.lastIndexOf('.') + 1))
  return rank(a) - rank(b)
}

export function parsePackage(text: string | undefined): Dict | undefined {
  if (text === undefined) return undefined
  try {
    const value: unknown = JSON.parse(text)
    return isDict(value) ? value : undefined
  } catch {
    return undefined
  }
}
