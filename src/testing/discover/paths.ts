// Repository-relative path helpers of test discovery: forward slashes, '' for the root, and which
// files and directories may ever hold a test or a config.
import { posix } from 'node:path'

/** Directories that never hold the repository's own tests: dependencies, build output, snapshots. */
export const NEVER_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', 'out', '.next', '.turbo', '__snapshots__'])
export const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/
export const DECLARATION_FILE = /\.d\.[cm]?ts$/
export const MODULE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs']
export const GLOB_CHARS = /[*?[\]{}()!]/

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function normalisePath(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '')
}

/** `dir` joined with `path`, normalised, '' for the root; undefined when it leaves the repository. */
export function joinRepo(dir: string, path: string): string | undefined {
  const joined = posix.normalize(posix.join(dir === '' ? '.' : dir, path.startsWith('/') ? `.${path}` : path)).replace(/\/$/, '')
  if (joined === '..' || joined.startsWith('../')) return undefined
  return joined === '.' ? '' : joined
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

export function under(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`)
}

/** A file proofgate may ever call a test: code, not a declaration, outside dependencies and build output. */
export function isCandidate(path: string): boolean {
  if (!CODE_FILE.test(path) || DECLARATION_FILE.test(path)) return false
  const parts = path.split('/')
  for (let i = 0; i < parts.length - 1; i++) if (NEVER_DIRS.has(parts[i] as string)) return false
  return true
}

/** Where config files may live: not in dependencies, build output or test data. */
export function mayHoldConfig(path: string): boolean {
  const parts = path.split('/')
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string
    if (NEVER_DIRS.has(part) || part === 'fixtures' || part === '__fixtures__') return false
  }
  return true
}

export function stripDot(pattern: string): string {
  return pattern.replace(/^(?:\.\/)+/, '')
}
