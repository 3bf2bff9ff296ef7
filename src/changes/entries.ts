// What a path is in a commit or tree: a regular file, a symbolic link (git mode 120000, whose blob
// holds the target path), absent, or something else. `cat-file` alone cannot tell a link's blob
// from a file's; `ls-tree` shows the mode.
import { runGit } from './git-exec.js'
import { readBlobs } from './history.js'

/** What {@link treeEntryKinds} found for one path. */
export type TreeEntryKind =
  | { kind: 'missing' }
  | { kind: 'file' }
  /** The path is a symbolic link (mode 120000), or `via`, a directory above it, is one. */
  | { kind: 'symlink'; via?: string }
  /** A directory or a submodule where a file was expected. */
  | { kind: 'not-a-file' }

/** git's mode of a symbolic link in a tree. */
export const SYMLINK_MODE = '120000'

/** `a/b/c` → `a`, `a/b`: the directories a path lies under. */
function parentsOf(path: string): string[] {
  const parts = path.split('/')
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'))
}

/**
 * The kind of each of `paths` (repository-relative, forward slashes) at `rev` (a commit or tree
 * id), with one `git ls-tree -z` for all of them. A path under a directory that is a link at
 * `rev` is that link. Paths with a newline or pathspec magic are not asked for and read as missing.
 * @throws ProofgateError PG_GIT_FAILED when a tree cannot be read; GitCommandError when `rev` is not a tree-ish.
 */
export async function treeEntryKinds(root: string, rev: string, paths: readonly string[]): Promise<TreeEntryKind[]> {
  const askable = (p: string): boolean => p !== '' && !p.includes('\n') && !p.startsWith(':')
  const asked = [...new Set(paths.filter(askable).flatMap((p) => [...parentsOf(p), p]))]
  const modes = new Map<string, string>()
  if (asked.length > 0) {
    // --literal-pathspecs: a `*` or `?` in a name is that character, never a glob.
    const stdout = await runGit(root, ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', rev, '--', ...asked])
    for (const record of stdout.split('\0')) {
      const tab = record.indexOf('\t')
      if (tab < 0) continue
      modes.set(record.slice(tab + 1), record.split(' ')[0]!)
    }
  }
  return paths.map((path) => {
    if (!askable(path)) return { kind: 'missing' }
    for (const dir of parentsOf(path)) if (modes.get(dir) === SYMLINK_MODE) return { kind: 'symlink', via: dir }
    const mode = modes.get(path)
    if (mode === undefined) return { kind: 'missing' }
    if (mode === SYMLINK_MODE) return { kind: 'symlink' }
    return mode.startsWith('100') ? { kind: 'file' } : { kind: 'not-a-file' }
  })
}

/**
 * The UTF-8 text of `path` (repository-relative) at `rev` (a commit or tree id), or null when it
 * is absent there, is not a regular file (a symlink, whose target text git would hand out as the
 * blob, or a submodule), sits under a symlinked directory, or is binary: the trusted inputs of a
 * run (the base's waivers) are read only from a real file.
 * @throws ProofgateError PG_GIT_FAILED when the tree or the file's blob cannot be read (a lost
 *   object is never an absent file); GitCommandError when `rev` is not a tree-ish.
 */
export async function readCommittedFile(root: string, rev: string, path: string): Promise<string | null> {
  const [text] = await readCommittedFiles(root, rev, [path])
  return text ?? null
}

/**
 * {@link readCommittedFile} of several paths at one `rev`, with one `ls-tree` and one blob read
 * (none when no path is a regular file there); texts in the order of `paths`.
 * @throws as readCommittedFile.
 */
export async function readCommittedFiles(root: string, rev: string, paths: readonly string[]): Promise<Array<string | null>> {
  const entries = await treeEntryKinds(root, rev, paths)
  const present = paths.filter((_, i) => entries[i]?.kind === 'file')
  const texts =
    present.length === 0
      ? []
      : await readBlobs(
          root,
          present.map((path) => ({ rev, path })),
        )
  return paths.map((path) => {
    const index = present.indexOf(path)
    return index === -1 ? null : (texts[index] ?? null)
  })
}
