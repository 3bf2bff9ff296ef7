// The unified diff a reviewer reads, one patch per changed file: read from git in one call (no
// textconv, no external drivers, no diff attributes' say on what is text), matched to files by header.
import { runGit } from './git-exec.js'
import { isTextByPath } from './text-paths.js'
import type { ChangedFile } from './types.js'

const DIFF_FLAGS = ['-c', 'core.quotePath=false', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false', '-c', 'color.ui=false']
const PATCH_ARGS = [
  'diff-tree',
  '-r',
  '--no-commit-id',
  '-M',
  '-C',
  '--no-ext-diff',
  '--no-textconv',
  '-p',
  '-U3',
  '--no-color',
  '--src-prefix=a/',
  '--dst-prefix=b/',
]

/** git's C-style quoting of a path in a diff header (core.quotePath=false: only `"`, `\` and control characters are escaped). */
export function quoteDiffPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/["\\\u0000-\u001f\u007f]/.test(path)) return path
  const named: Record<string, string> = {
    '\u0007': '\\a',
    '\b': '\\b',
    '\t': '\\t',
    '\n': '\\n',
    '\v': '\\v',
    '\f': '\\f',
    '\r': '\\r',
    '"': '\\"',
    '\\': '\\\\',
  }
  let out = '"'
  for (const ch of path) {
    const code = ch.codePointAt(0)!
    out += named[ch] ?? (code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, '0')}` : ch)
  }
  return `${out}"`
}

/** The `diff --git` line git writes for `file`. */
export function diffHeader(file: Pick<ChangedFile, 'path' | 'oldPath'>): string {
  return `diff --git ${quoteDiffPath(`a/${file.oldPath ?? file.path}`)} ${quoteDiffPath(`b/${file.path}`)}`
}

/** Splits a multi-file patch at its `diff --git` lines: header line → the file's whole patch text. */
export function splitPatch(patch: string): Map<string, string> {
  const out = new Map<string, string>()
  const starts: number[] = []
  const header = /^diff --git .*$/gm
  for (let m = header.exec(patch); m !== null; m = header.exec(patch)) starts.push(m.index)
  starts.forEach((start, i) => {
    const text = patch.slice(start, starts[i + 1] ?? patch.length)
    out.set(text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')), text)
  })
  return out
}

const BINARY_LINE = /^Binary files .* differ$/m

/**
 * One patch per file of `files` (unified, 3 lines of context) from tree-ish `from` to `to`, in the
 * order of `files`; a file git shows no patch for (a mode change alone) gets its header lines. A
 * file that is text by its name (changes/text-paths.ts) is read with `--text` when git calls it
 * binary, as the change set does. Paths in `.proofgate/` are never in `files`, so never here.
 * @throws the git error when `from` or `to` is not a tree-ish.
 */
export async function readFilePatches(root: string, from: string, to: string, files: readonly ChangedFile[]): Promise<Array<{ path: string; patch: string }>> {
  if (files.length === 0) return []
  const chunks = splitPatch(await runGit(root, [...DIFF_FLAGS, ...PATCH_ARGS, from, to]))
  const text = files.filter((f) => !f.binary && f.status !== 'deleted' && isTextByPath(f.path) && BINARY_LINE.test(chunks.get(diffHeader(f)) ?? ''))
  if (text.length > 0) {
    const paths = text.flatMap((f) => (f.oldPath === undefined ? [f.path] : [f.oldPath, f.path]))
    const again = splitPatch(await runGit(root, [...DIFF_FLAGS, '--literal-pathspecs', ...PATCH_ARGS, '--text', from, to, '--', ...paths]))
    for (const [header, patch] of again) chunks.set(header, patch)
  }
  return files.map((f) => ({ path: f.path, patch: chunks.get(diffHeader(f)) ?? `${diffHeader(f)}\n` }))
}
