// The change model: what a run looks at. Produced by changes/git.ts, read by every gate,
// the diff filter and the reporters. Paths are repository-relative with forward slashes.

/**
 * How the base commit was chosen; `pull-request` and `push` come from the Action and the pre-push
 * hook, `pre-commit` (HEAD, with the index as the version under test) from the pre-commit hook.
 */
/** How the base was chosen; `scan` is `scan --all` with no `--base`, where HEAD stands in (no range is judged). */
export type BaseSource = 'explicit' | 'run-start' | 'merge-base' | 'pull-request' | 'push' | 'pre-commit' | 'scan'

/** An inclusive range of 1-based line numbers in the new version of a file. */
export interface LineRange {
  start: number
  end: number
}

/** A changed file's status, one per git name-status letter (A, M, D, R, C, T). */
export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed'

/** One file that differs between the base and the version under test. */
export interface ChangedFile {
  /** Path in the new version (the old path for a deleted file). */
  path: string
  status: FileStatus
  /** Set for renamed and copied files. */
  oldPath?: string
  /**
   * Binary to git (by content or a `binary`/`-diff` attribute) and not text by its name: a JS/TS,
   * JSON, YAML or Markdown file, rc file, `.gitattributes` or hook script is never binary here
   * (changes/text-paths.ts), so attributes and NUL bytes cannot hide code from the gates.
   */
  binary: boolean
  /** Added or changed lines of the new version, from a zero-context diff (empty when binary or deleted). */
  addedLines: LineRange[]
  /** The added lines widened by the diff's context (3 lines each side), as reviewdog's diff_context. */
  contextLines: LineRange[]
}

/** Everything a run compares: base, head, the tree under test and the changed files (sorted by path). */
export interface ChangeSet {
  /** Absolute path of the repository's top level (of the worktree when in a git worktree). */
  root: string
  base: { sha: string; source: BaseSource; ref?: string }
  head: { sha: string; ref?: string }
  /**
   * Tree hash of what the run looks at: the working tree including staged, unstaged and untracked
   * (not ignored) files, minus `.proofgate/`; the head commit's tree when `--head` was given; the
   * staged tree for the pre-commit hook. Gates read the version under test from this tree.
   */
  treeHash: string
  /** True when the working tree (staged, unstaged, untracked) is part of the change set. */
  includesWorkingTree: boolean
  /** True when the version under test is the index (the pre-commit hook): `treeHash` is the staged tree, `head` is HEAD. */
  index?: boolean
  files: ChangedFile[]
  /** sha256 of the normalised list of files and line ranges, to tell two runs' diffs apart. */
  diffHash: string
}
