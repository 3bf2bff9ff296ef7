// The packages of a repository as the documentation rules see them: every package.json of the
// tree under test, whether it is publishable (not `"private": true`) and where its README is.
import { posix } from 'node:path'

/** Directories whose files are tests, mocks or fixtures, never a package's documented surface. */
export const NON_SOURCE_DIRS = ['test', 'tests', '__tests__', '__mocks__', 'fixtures', '__fixtures__', 'node_modules'] as const

const NON_SOURCE = new Set<string>(NON_SOURCE_DIRS)

/** True when a directory segment of `path` (not its file name) is one of NON_SOURCE_DIRS. */
export function inNonSourceDir(path: string): boolean {
  const segments = path.split('/')
  segments.pop()
  return segments.some((s) => NON_SOURCE.has(s))
}

/** A package of the repository. */
export interface PackageInfo {
  /** Repository-relative directory ('' for the root). */
  dir: string
  /** Path of its package.json. */
  manifest: string
  /** The `name` field, when it is a string. */
  name?: string
  /** False only for `"private": true`; a package.json that does not parse counts as publishable (nothing says it is not). */
  publishable: boolean
}

/** The package.json paths of a tree listing that can be packages: not in NON_SOURCE_DIRS. */
export function manifestPaths(paths: readonly string[]): string[] {
  return paths.filter((p) => (p === 'package.json' || p.endsWith('/package.json')) && !inNonSourceDir(p))
}

/** Reads one package.json text into a PackageInfo (`manifest` is its repository-relative path). */
export function packageInfo(manifest: string, text: string | null): PackageInfo {
  const dir = posix.dirname(manifest) === '.' ? '' : posix.dirname(manifest)
  let value: unknown
  try {
    value = text === null ? undefined : JSON.parse(text)
  } catch {
    value = undefined
  }
  const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  return { dir, manifest, ...(typeof fields.name === 'string' ? { name: fields.name } : {}), publishable: fields.private !== true }
}

/**
 * The package owning `path`: the one with the nearest package.json at or above the file's
 * directory, inside the repository. Undefined when no package.json is above it.
 */
export function packageOf(path: string, packages: ReadonlyMap<string, PackageInfo>): PackageInfo | undefined {
  let dir = posix.dirname(path)
  for (;;) {
    const key = dir === '.' ? '' : dir
    const found = packages.get(key)
    if (found !== undefined) return found
    if (key === '') return undefined
    dir = posix.dirname(dir)
  }
}

/** README.md in any case, or README.markdown: what counts as a README. */
const README_NAME = /^readme\.(?:md|markdown)$/i

/** True when `name` (a file name, no directory) is a README by README_NAME. */
export function isReadmeName(name: string): boolean {
  return README_NAME.test(name)
}

/**
 * The README of directory `dir` ('' for the root) among `files`: `README.md` when present, else
 * the first other accepted name in sorted order. Undefined when there is none.
 */
export function readmeOf(dir: string, files: ReadonlySet<string>, byDir: ReadonlyMap<string, readonly string[]>): string | undefined {
  const exact = dir === '' ? 'README.md' : `${dir}/README.md`
  if (files.has(exact)) return exact
  return byDir.get(dir)?.[0]
}

/** Directory ('' for the root) → README paths in it, sorted; for readmeOf. */
export function readmesByDir(paths: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const path of paths) {
    if (!isReadmeName(posix.basename(path))) continue
    const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path)
    out.set(dir, [...(out.get(dir) ?? []), path].sort())
  }
  return out
}

/** Smallest README worth the name (bytes of UTF-8); below it the README is reported as missing. */
export const MIN_README_BYTES = 64
