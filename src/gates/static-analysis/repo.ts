// Paths and module resolution shared by the static-analysis gate's ESLint and tsc halves: a
// repository-relative spelling of a path, and a package resolved the way the repository's code would.
import { createRequire } from 'node:module'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'

/** `abs` (or a path relative to `root`) as a repository-relative path with forward slashes. */
export function toRepoPath(root: string, path: string): string {
  const abs = isAbsolute(path) ? path : resolve(root, path)
  return relative(root, abs).split(sep).join('/')
}

/**
 * Resolves `specifier` the way code in the repository at `root` would (node_modules upward from
 * the root); undefined when it is not installed or not exported.
 * @throws Error for any other resolution failure (an unreadable package.json).
 */
export function resolveFromRepo(root: string, specifier: string): string | undefined {
  try {
    return createRequire(join(root, 'package.json')).resolve(specifier)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined
    throw error
  }
}
