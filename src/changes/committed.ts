// One file as a commit (or tree) holds it, for the trusted inputs of a run (the base's waivers):
// only a regular file counts; a symlink blob is not followed and reads as no file.
import { execa } from 'execa'
import { gitEnv } from './git.js'
import { readBlobs } from './history.js'

/** Tree modes of a regular file (mode 120000 is a symlink, 160000 a submodule). */
const REGULAR_MODES = new Set(['100644', '100755'])

/**
 * The UTF-8 text of `path` (repository-relative) at `rev` (a commit or tree id), or null when it
 * is absent there, is not a regular file (a symlink, whose target text git would hand out as the
 * blob, or a submodule), sits under a symlinked directory, or is binary.
 * @throws Error when git cannot start or `rev` is not a tree-ish.
 */
export async function readCommittedFile(root: string, rev: string, path: string): Promise<string | null> {
  // `ls-tree` names the entry's mode; a symlinked parent directory has no entry below it.
  const { stdout } = await execa('git', ['ls-tree', '-z', '--full-tree', rev, '--', path], { cwd: root, env: gitEnv(), extendEnv: false, stdin: 'ignore' })
  const entry = stdout.split('\0').find((line) => line.endsWith(`\t${path}`))
  if (entry === undefined) return null
  const [mode, type] = entry.split(/[ \t]/)
  if (type !== 'blob' || mode === undefined || !REGULAR_MODES.has(mode)) return null
  const [text] = await readBlobs(root, [{ rev, path }])
  return text ?? null
}
