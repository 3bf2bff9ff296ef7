// Path helpers of the change model: naming changed files in one-line reasons, and telling a
// documentation-only change set, which the gates that read or run code can skip.
import { basename, extname, sep } from 'node:path'
import type { ChangeSet } from './types.js'

/**
 * `count files (a, b, c, …)`: names at most `max` of `paths` (in the order given), for reasons that
 * must say which files are meant without flooding a one-line report.
 */
export function namePaths(paths: readonly string[], max = 3): string {
  // Never `0 files ()`.
  if (paths.length === 0) return 'no files'
  const named = paths.slice(0, max).join(', ')
  return `${String(paths.length)} file${paths.length === 1 ? '' : 's'} (${named}${paths.length > max ? ', …' : ''})`
}

/** Extensions of documentation files (lower case, with the dot). */
export const DOCUMENTATION_EXTENSIONS = ['.md', '.mdx', '.markdown', '.txt', '.rst', '.adoc'] as const

// LICENSE, LICENCE-MIT, CHANGELOG, AUTHORS.txt; the word must end the name or be followed by
// `.`, `-` or `_`, so `licenses.ts` or `changelogParser.js` are not documentation.
const DOCUMENTATION_NAME = /^(?:licen[cs]e|changelog|authors)(?:[._-]|$)/i

/**
 * True when `path` (repository-relative) is documentation, which test suites are assumed not to read: a
 * DOCUMENTATION_EXTENSIONS file, or a name starting with LICENSE, LICENCE, CHANGELOG or AUTHORS
 * (any case) that is not a JS/TS or JSON file (`license-check.ts` is code).
 */
export function isDocumentationPath(path: string): boolean {
  const name = basename(path)
  const ext = extname(name).toLowerCase()
  if ((DOCUMENTATION_EXTENSIONS as readonly string[]).includes(ext)) return true
  return DOCUMENTATION_NAME.test(name) && !/\.[cm]?[jt]sx?$/i.test(name) && ext !== '.json'
}

/**
 * The changed paths when every one is documentation (both sides of a rename or copy), else null;
 * null for an empty change set, which the evidence gate reports as such. The tests and evidence
 * gates (and the test-integrity gates) skip on it: running the suite for a README edit proves nothing and costs minutes.
 */
export function documentationOnly(changes: ChangeSet): string[] | null {
  if (changes.files.length === 0) return null
  const docs = changes.files.every((f) => isDocumentationPath(f.path) && (f.oldPath === undefined || isDocumentationPath(f.oldPath)))
  return docs ? changes.files.map((f) => f.path) : null
}

/** The skip reason for a documentation-only change set, e.g. `only documentation changed (2 files (README.md, docs/a.md))`. */
export function documentationOnlyReason(paths: readonly string[]): string {
  return `only documentation changed (${namePaths(paths)})`
}

/** Tool configs (`vitest.config.ts`, `vite.config.e2e.mts`, `eslint.config.mjs`, `.eslintrc.cjs`). */
const TOOL_CONFIG = /(?:^|\/)(?:[^/]+\.config(?:\.[^/]+)?\.[cm]?[jt]s|\.[^/]+rc\.[cm]?[jt]s)$/i

/** True for a tool's config file: settings, not code a test exercises or an API a README documents. */
export function isToolConfigPath(path: string): boolean {
  return TOOL_CONFIG.test(path)
}

/**
 * `path` with `/` separators and no leading `./`. A backslash becomes `/` on Windows only, where it
 * is a separator; elsewhere it is part of a file name (`a\b.test.ts` is one file, and git always
 * separates with `/`), so turning it into `/` would move the file to another directory.
 */
export function slashPath(path: string): string {
  return (sep === '\\' ? path.replaceAll('\\', '/') : path).replace(/^(?:\.\/)+/, '')
}

/** The hooks git runs on the client that a quality gate is wired into (githooks(5)). */
const GIT_HOOK_NAMES = 'pre-commit|pre-push|commit-msg|prepare-commit-msg|pre-merge-commit|pre-rebase|post-checkout|post-merge|post-commit|post-rewrite'
/**
 * A hook script: a file named after a git hook in any directory (`.husky/pre-push`, a custom husky
 * directory, any `core.hooksPath` such as `scripts/git-hooks/pre-commit`), or any file of the
 * conventional hook directories (`.husky/`, `hooks/`, `.githooks/`). Husky's own generated `_/`
 * directory and `node_modules/` are not the repository's hooks.
 */
const HOOK_SCRIPT = new RegExp(`^(?:(?:\\.husky|hooks|\\.githooks)/[^/]+|(?:[^/]+/)*(?:${GIT_HOOK_NAMES}))$`)

/** True when `path` (repository-relative, forward slashes) is a hook script (see HOOK_SCRIPT). */
export function isHookScriptPath(path: string): boolean {
  if (/(?:^|\/)(?:_|node_modules)\//.test(path)) return false
  return HOOK_SCRIPT.test(path)
}

/**
 * True when `path` is a lefthook YAML config, at any of the places lefthook reads one
 * (lefthook.dev "Config file name": `lefthook.yml`, `.lefthook.yml`, `.config/lefthook.yml`, and
 * `.yaml`), the `-local` overrides included.
 */
export function isLefthookConfigPath(path: string): boolean {
  return /^(?:\.config\/)?\.?lefthook(?:-local)?\.ya?ml$/.test(path)
}
