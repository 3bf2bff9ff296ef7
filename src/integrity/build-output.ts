// Whether an ESLint ignore pattern can only match build output or dependencies: such a pattern
// hides no code from the linter, so adding it (a package whose output moved from dist/ to build/)
// is not a loosening. Judged on the tree under test, never on the disk.
import { posix } from 'node:path'
import picomatch from 'picomatch'

/** Directory names that hold generated output or installed dependencies by convention (`lib` only when git ignores it). */
export const OUTPUT_DIRS: ReadonlySet<string> = new Set([
  'dist',
  'build',
  'out',
  'coverage',
  'node_modules',
  '.next',
  '.nuxt',
  '.output',
  '.turbo',
  '.cache',
  '.svelte-kit',
  '.vercel',
  '.docusaurus',
  '.parcel-cache',
  'storybook-static',
])

/** What the judgement reads from the tree under test. */
export interface OutputFacts {
  /** Every file of the tree under test (repository-relative, forward slashes). */
  files: readonly string[]
  /** The `.gitignore` files of the tree under test that may apply: directory ('' for the root) → text. */
  gitignores: ReadonlyMap<string, string>
}

const GLOB = /[*?[\]{}()!+@]/

/** Directories `.gitignore` files ignore, as repository-relative paths (anchored entries) or names (any depth). */
function ignoredDirs(gitignores: ReadonlyMap<string, string>): { paths: Set<string>; names: Set<string> } {
  const paths = new Set<string>()
  const names = new Set<string>()
  for (const [dir, text] of gitignores) {
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim()
      if (line === '' || line.startsWith('#') || line.startsWith('!')) continue
      const entry = line.replace(/^(?:\*\*\/)+/, '').replace(/(?:\/\*\*)+$|\/\*$|\/$/g, '')
      if (entry === '' || GLOB.test(entry)) continue
      const anchored = entry.startsWith('/') || entry.includes('/')
      const clean = entry.replace(/^\//, '')
      if (anchored) paths.add(dir === '' ? clean : `${dir}/${clean}`)
      else names.add(clean)
    }
  }
  return { paths, names }
}

/**
 * True when the ignore `pattern`, written in a config in `configDir` ('' for the root), can only
 * match build output or dependencies: (1) it matches no file of the tree under test under
 * `configDir` — itself, with `**\/` in front when it has no slash (gitignore style), or as a
 * directory holding the file; and (2) one of its literal path segments (no glob characters) is a
 * conventional output directory ({@link OUTPUT_DIRS}) or a directory a `.gitignore` of the tree
 * ignores by a plain entry (`lib`, `/lib/`, `packages/x/lib`). Negated patterns are never output.
 */
export function onlyBuildOutput(pattern: string, configDir: string, facts: OutputFacts): boolean {
  if (pattern.startsWith('!')) return false
  const clean = pattern.replace(/^\.?\//, '').replace(/\/$/, '')
  if (clean === '' || clean === '**' || clean === '.') return false
  const segments = clean.split('/')
  const { paths, names } = ignoredDirs(facts.gitignores)
  const named = segments.some((segment, i) => {
    if (GLOB.test(segment) || segment === '..') return false
    if (OUTPUT_DIRS.has(segment) || names.has(segment)) return true
    // An anchored entry: the literal prefix up to here, from the config's directory.
    if (segments.slice(0, i + 1).some((s) => GLOB.test(s))) return false
    const path = posix.join(configDir === '' ? '.' : configDir, ...segments.slice(0, i + 1))
    return paths.has(path)
  })
  if (!named) return false
  const globs = clean.includes('/') ? [clean] : [clean, `**/${clean}`]
  const matches = picomatch(globs, { dot: true })
  const prefix = configDir === '' ? '' : `${configDir}/`
  return !facts.files.some((file) => {
    if (!file.startsWith(prefix)) return false
    const relative = file.slice(prefix.length)
    if (matches(relative)) return true
    // The pattern may name a directory that holds the file.
    const parts = relative.split('/')
    return parts.slice(0, -1).some((_, i) => matches(parts.slice(0, i + 1).join('/')))
  })
}
