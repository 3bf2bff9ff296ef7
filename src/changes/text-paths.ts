// Which files are text by their name, whatever .gitattributes or a stray NUL byte says: code,
// tests, JSON/YAML configs, Markdown and the files that configure the checks are read for every gate.
import { basename } from 'node:path'
import { isHookScriptPath } from './paths.js'

/** Extensions (lower case, with the dot) of files that are always text: JS/TS, JSON, YAML, Markdown, snapshots. */
export const TEXT_EXTENSIONS = [
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.json',
  '.jsonc',
  '.json5',
  '.yml',
  '.yaml',
  '.md',
  '.mdx',
  '.markdown',
  '.snap',
] as const

/** Extension-less files that configure a check: rc and ignore files, git attributes. */
const TEXT_NAMES = /^\.(?:eslintrc|eslintignore|babelrc|mocharc|nycrc|c8rc|swcrc|prettierrc|lintstagedrc|gitattributes)$/i

/**
 * True when `path` (repository-relative) is text by its name: a TEXT_EXTENSIONS file, an rc file,
 * `.gitattributes`, or a hook script. Such a file is never flagged binary and its
 * hunks are always read (`git diff --text`), so `-diff`, `binary`, a `diff=` driver or a NUL
 * byte cannot hide it from the gates.
 */
export function isTextByPath(path: string): boolean {
  const name = basename(path)
  const lower = name.toLowerCase()
  if (TEXT_EXTENSIONS.some((ext) => lower.endsWith(ext))) return true
  return TEXT_NAMES.test(name) || isHookScriptPath(path)
}
