// Git behind one interface (git-exec: argument arrays, no prompts): repository discovery,
// base resolution, the working-tree snapshot and its tree hash, and the zero-context diff.
import { createHash } from 'node:crypto'
import { copyFile, mkdtemp, open, rm, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { ProofgateError } from '../errors.js'
import { readRealFile } from '../util/real-file.js'
import { STATE_DIR_NAME, writeStateJson } from '../util/state.js'
import { INDEX_COPY_PREFIX, registerTemporaryPath, sweepStaleIndexCopies, unregisterTemporaryPath } from '../util/cleanup.js'
import { runGit, tryGit } from './git-exec.js'
import { readBlobBuffers, readWorkTreeFile } from './history.js'
import { parseNameStatus, parseNumstat, parsePatch, withContext } from './diff.js'
import { isTextByPath } from './text-paths.js'
import type { BaseSource, ChangeSet, ChangedFile } from './types.js'

export { gitEnv } from './git-exec.js'

/** Options every diff runs with, whatever the user's git config says. */
const DIFF_FLAGS = ['-c', 'core.quotePath=false', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false']

/**
 * A repository opened at its top level, and the git questions proofgate asks it. Every method
 * runs one git command through git-exec (argument arrays, the allow-listed environment) and
 * throws what runGit throws: a ProofgateError (PG_GIT_FAILED, PG_GIT_LOCKED) when the
 * repository's data is the cause, else a GitCommandError.
 */
export interface Repository {
  root: string
  /** The commit `rev` names, or null when it does not exist locally. */
  resolveCommit(rev: string): Promise<string | null>
  isShallow(): Promise<boolean>
  /** The value of config `key` (last one wins, trailing newline removed), or undefined when unset or empty. */
  configGet(key: string): Promise<string | undefined>
  /** `git rev-parse --git-path <name>` as an absolute path (`hooks`, `index`: where git keeps them, worktrees included). */
  gitPath(name: string): Promise<string>
  /** The common git directory (shared by every worktree), absolute. */
  commonDir(): Promise<string>
  /** The raw commit object `sha` (`git cat-file commit`): headers, a blank line, the message. */
  catFileCommit(sha: string): Promise<string>
  /** True when commit `ancestor` is reachable from `descendant` (both exist); false otherwise. */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>
  /**
   * The best common ancestor of two commits.
   * @throws GitCommandError (exit 1, "printed nothing") when they share no commit present here.
   */
  mergeBase(a: string, b: string): Promise<string>
  /**
   * `git ls-files -z` of the index (`cached`), untracked files not ignored (`others`), or files
   * deleted from the work tree (`deleted`), limited to `paths` taken literally; repository-relative.
   */
  lsFiles(options: { cached?: boolean; others?: boolean; deleted?: boolean; paths?: readonly string[] }): Promise<string[]>
}

/** A full SHA-1 (40) or SHA-256 (64) object id, lower case as git prints it. */
const FULL_OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

/** Runs `git <args>` in `root` (see runGit); `env` adds variables such as GIT_INDEX_FILE. */
function gitIn(root: string, args: readonly string[], env?: Record<string, string>): Promise<string> {
  return runGit(root, args, env === undefined ? {} : { env })
}

/** The Repository of the work tree whose top level is `root`. */
function repositoryAt(root: string): Repository {
  const absolute = (out: string): string => resolve(root, out.replace(/\r?\n$/, ''))
  // A full object id that names a commit names it for good, so a found commit is asked of git once
  // per Repository (the pre-push hook resolves the pushed SHAs, then the run it starts resolves them
  // again). Not found is asked again (a fetch may bring it); refs and abbreviations always are.
  const resolvedIds = new Map<string, Promise<string | null>>()
  const ask = async (rev: string): Promise<string | null> => {
    const r = await tryGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])
    const sha = r.stdout.trim()
    return r.exitCode !== 0 || sha === '' ? null : sha
  }
  return {
    root,
    resolveCommit(rev) {
      if (!FULL_OBJECT_ID.test(rev)) return ask(rev)
      let answer = resolvedIds.get(rev)
      if (answer === undefined) {
        answer = ask(rev)
        resolvedIds.set(rev, answer)
        // Neither a failed call nor "no such commit" is remembered: the next call asks git again.
        answer.then(
          (sha) => sha === null && resolvedIds.delete(rev),
          () => resolvedIds.delete(rev),
        )
      }
      return answer
    },
    async isShallow() {
      return (await gitIn(root, ['rev-parse', '--is-shallow-repository'])).trim() === 'true'
    },
    async configGet(key) {
      const value = (await gitIn(root, ['config', '--default', '', '--get', key])).replace(/\r?\n$/, '')
      return value === '' ? undefined : value
    },
    // Relative output of --git-path is relative to where git ran: the root.
    gitPath: async (name) => absolute(await gitIn(root, ['rev-parse', '--git-path', name])),
    commonDir: async () => absolute(await gitIn(root, ['rev-parse', '--git-common-dir'])),
    catFileCommit: (sha) => gitIn(root, ['cat-file', 'commit', sha]),
    async isAncestor(ancestor, descendant) {
      const r = await tryGit(root, ['merge-base', '--is-ancestor', ancestor, descendant])
      return r.exitCode === 0
    },
    mergeBase: async (a, b) => (await gitIn(root, ['merge-base', a, b])).trim(),
    async lsFiles(options) {
      const flags = [
        options.cached === true ? '--cached' : [],
        options.others === true ? ['--others', '--exclude-standard'] : [],
        options.deleted === true ? '--deleted' : [],
      ].flat()
      const paths = options.paths ?? []
      const out = await gitIn(root, ['--literal-pathspecs', 'ls-files', '-z', ...flags, ...(paths.length === 0 ? [] : ['--', ...paths])])
      return out.split('\0').filter((p) => p !== '')
    },
  }
}

/**
 * Opens the repository containing `cwd` (any subdirectory, or a git worktree).
 * @throws ProofgateError PG_NOT_A_GIT_REPO when `cwd` is not inside a work tree (or does not
 *   exist), PG_GIT_NOT_FOUND when git is not on PATH, PG_GIT_UNSAFE_DIRECTORY (safe.directory).
 */
export async function openRepository(cwd: string): Promise<Repository> {
  let root: string
  try {
    root = (await runGit(cwd, ['rev-parse', '--show-toplevel'])).trim()
  } catch (error) {
    throw openFailure(error, cwd)
  }
  if (root === '') {
    throw new ProofgateError('PG_NOT_A_GIT_REPO', `Not inside a work tree: ${cwd} (a bare repository or .git directory)`, {
      hint: 'run proofgate in a checked-out work tree',
    })
  }
  return repositoryAt(root)
}

/**
 * Repository-relative paths under `.proofgate/` that the index tracks (committed state), for
 * util/state's checkStateDirectory. NUL-separated, so any file name reads back exactly.
 */
export async function trackedStatePaths(repo: Repository): Promise<string[]> {
  return repo.lsFiles({ paths: [STATE_DIR_NAME] })
}

/**
 * Tells apart why git could not open `cwd`: git is not installed (spawn ENOENT), git refuses a
 * directory another user owns (safe.directory), the directory is gone, or it is no repository.
 */
function openFailure(error: unknown, cwd: string): ProofgateError {
  const message = error instanceof Error ? error.message : String(error)
  // Checked first: a missing directory makes the spawn fail with ENOENT as well.
  if (/The "cwd" option is invalid|cannot change to|No such file or directory/.test(message)) {
    return new ProofgateError('PG_NOT_A_GIT_REPO', `Cannot open ${cwd}: the directory does not exist.`, {
      hint: 'run proofgate inside a git work tree',
      cause: error,
    })
  }
  if (/\bspawn git ENOENT\b/.test(message) || (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    return new ProofgateError('PG_GIT_NOT_FOUND', 'git was not found on PATH.', {
      hint: 'install git (2.30 or later) and make sure it is on the PATH proofgate runs with',
      cause: error,
    })
  }
  if (/detected dubious ownership/.test(message)) {
    return new ProofgateError('PG_GIT_UNSAFE_DIRECTORY', `git refuses to work in ${cwd}: it is owned by another user (safe.directory).`, {
      hint: `if you trust it: git config --global --add safe.directory '${cwd}' (in a container, run as the owner of the checkout instead)`,
      cause: error,
    })
  }
  return new ProofgateError('PG_NOT_A_GIT_REPO', `Not a git repository: ${cwd}`, {
    hint: 'run proofgate inside a git work tree (git init, or cd into your clone)',
    cause: error,
  })
}

/** `.proofgate/run-start.json`, written by `proofgate start`. */
export interface RunStart {
  sha: string
  /** ISO 8601. */
  startedAt: string
  branch?: string
}

/** `.proofgate/run-start.json`, relative to the repository root. */
export const RUN_START_FILE = `${STATE_DIR_NAME}/run-start.json`

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

/** A run-start file that cannot be used: the base it records is unknown, and guessing one would change what is checked. */
function corruptRunStart(why: string): ProofgateError {
  return new ProofgateError('PG_STATE_CORRUPT', `${RUN_START_FILE} ${why}, so the run-start base it records cannot be used.`, {
    hint: `run \`proofgate start\` to record it again, or delete ${RUN_START_FILE} to compare against the merge-base (or pass --base REV)`,
  })
}

/**
 * Reads `.proofgate/run-start.json` under `root`; null when there is none (nothing at that path).
 * @throws ProofgateError PG_STATE_CORRUPT (exit 78) when it is there but cannot be used: a
 *   symbolic link (never followed), not a regular file, unreadable, not JSON, or without a full
 *   hex `sha` and a string `startedAt`. A silent fall-back to the merge-base would move the base
 *   and drop committed work from the change set.
 */
export async function readRunStart(root: string): Promise<RunStart | null> {
  const found = await readRealFile(root, join(root, RUN_START_FILE))
  switch (found.kind) {
    case 'missing':
      return null
    case 'symlink':
      throw corruptRunStart(
        found.via === undefined
          ? 'is a symbolic link, which proofgate never follows'
          : `lies under the symbolic link ${found.via}, which proofgate never follows`,
      )
    case 'not-a-file':
      throw corruptRunStart('is not a regular file')
    case 'unreadable':
      throw corruptRunStart(`cannot be read (${found.reason})`)
    case 'file':
      break
  }
  let value: Partial<RunStart> | null
  try {
    value = JSON.parse(found.text) as Partial<RunStart> | null
  } catch {
    throw corruptRunStart('is not valid JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corruptRunStart('is not a JSON object')
  if (typeof value.sha !== 'string' || !OBJECT_ID.test(value.sha)) throw corruptRunStart('has no commit id in `sha` (40 or 64 lower-case hex digits)')
  if (typeof value.startedAt !== 'string' || value.startedAt === '') throw corruptRunStart('has no `startedAt` time')
  return { sha: value.sha, startedAt: value.startedAt, ...(typeof value.branch === 'string' ? { branch: value.branch } : {}) }
}

/** What {@link resolveChanges} compares: the CLI flags, the hooks' refs, or the Action's target. Everything unset = merge-base (or run-start) against the working tree. */
export interface ResolveOptions {
  /** Where to look for the repository; ignored when `repo` is given. */
  cwd?: string
  /** An already opened repository (saves a git call). */
  repo?: Repository
  /** `--base REV`. */
  base?: string
  /** `--head REV`; when set, the working tree is not part of the change set. */
  head?: string
  /** Source to report for an explicit base (the Action passes `pull-request`, hooks `push`). */
  baseSource?: BaseSource
  /** Names to show for an explicit base and head instead of the revisions (the pre-push hook's refs). */
  labels?: { base?: string; head?: string }
  /**
   * The pre-commit hook: the staged content (the index) against HEAD; `base` and `head` must be
   * unset. The working tree is not part of the change set.
   */
  staged?: boolean
  /** With `staged`: the index file git handed the hook (GIT_INDEX_FILE), else the repository's. */
  indexFile?: string
  /** Called once with the changed files as soon as their names are known (see diffTrees), before the change set is complete. */
  onNames?: (files: ChangedFile[]) => void
}

/** The change set of a run and the notes gathered while resolving it. */
export interface ResolvedChanges {
  changes: ChangeSet
  /** Things the user should know (a stale run-start, a fallback taken); shown in reports. */
  notes: string[]
}

async function headCommit(repo: Repository, rev: string | undefined): Promise<{ sha: string; ref?: string }> {
  const sha = await repo.resolveCommit(rev ?? 'HEAD')
  if (sha === null) {
    if (rev !== undefined) {
      throw new ProofgateError('PG_HEAD_NOT_FOUND', `Invalid head '${rev}': expected a commit, branch or tag that exists locally.`, {
        hint: `git fetch origin ${rev}, or check the spelling`,
      })
    }
    throw new ProofgateError('PG_NO_COMMITS', 'The repository has no commits yet, so there is nothing to compare against.', {
      hint: 'make a first commit (git add -A && git commit -m "initial"), then run proofgate again',
    })
  }
  if (rev !== undefined) return { sha, ref: rev }
  const ref = await currentBranch(repo)
  return ref === undefined ? { sha } : { sha, ref }
}

/** The checked-out branch's short name, or undefined on a detached HEAD (which works too). */
async function currentBranch(repo: Repository): Promise<string | undefined> {
  try {
    return (await gitIn(repo.root, ['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim() || undefined
  } catch {
    return undefined
  }
}

/**
 * `proofgate start`: records HEAD and the time in `.proofgate/run-start.json` (atomically), the
 * `run-start` base of later runs.
 * @throws ProofgateError PG_NOT_A_GIT_REPO or PG_NO_COMMITS.
 */
export async function recordRunStart(cwd: string): Promise<RunStart & { root: string }> {
  const repo = await openRepository(cwd)
  const { sha, ref } = await headCommit(repo, undefined)
  const start: RunStart = { sha, startedAt: new Date().toISOString(), ...(ref === undefined ? {} : { branch: ref }) }
  await writeStateJson(join(repo.root, RUN_START_FILE), start)
  return { ...start, root: repo.root }
}

async function missingBaseError(repo: Repository, rev: string, what: string): Promise<ProofgateError> {
  if (await repo.isShallow()) {
    return new ProofgateError('PG_SHALLOW_CLONE', `${what} '${rev}' is not in this shallow clone.`, {
      hint: 'fetch more history: git fetch --deepen=100 (or git fetch --unshallow); in GitHub Actions set fetch-depth: 0 on actions/checkout',
    })
  }
  return new ProofgateError('PG_BASE_NOT_FOUND', `Invalid base '${rev}': expected a commit, branch or tag that exists locally.`, {
    hint: `git fetch origin ${rev}, or pass another --base`,
  })
}

async function firstExisting(repo: Repository, refs: string[]): Promise<{ ref: string; sha: string } | null> {
  for (const ref of refs) {
    const sha = await repo.resolveCommit(ref)
    if (sha !== null) return { ref, sha }
  }
  return null
}

async function upstreamOf(repo: Repository): Promise<string | null> {
  try {
    const out = (await gitIn(repo.root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}'])).trim()
    return out === '' ? null : out
  } catch {
    return null
  }
}

/**
 * Chooses the base commit: `--base` (explicit) → `.proofgate/run-start.json` (run-start) →
 * merge-base of HEAD with its upstream, else origin/HEAD, else main/master (merge-base). A
 * run-start commit that no longer exists (rebased away) falls back to the merge-base with a note.
 * @throws ProofgateError PG_BASE_NOT_FOUND, PG_SHALLOW_CLONE or PG_NO_MERGE_BASE, each with a remedy;
 *   PG_STATE_CORRUPT when run-start.json is there but cannot be used (see readRunStart).
 */
export async function resolveBase(
  repo: Repository,
  headSha: string,
  options: Pick<ResolveOptions, 'base' | 'baseSource' | 'labels'>,
  notes: string[],
): Promise<ChangeSet['base']> {
  if (options.base !== undefined) {
    const sha = await repo.resolveCommit(options.base)
    if (sha === null) throw await missingBaseError(repo, options.base, 'Base')
    return { sha, source: options.baseSource ?? 'explicit', ref: options.labels?.base ?? options.base }
  }
  const start = await readRunStart(repo.root)
  if (start !== null) {
    const sha = await repo.resolveCommit(start.sha)
    if (sha !== null) return { sha, source: 'run-start', ref: `run-start ${start.startedAt}` }
    notes.push(`run-start commit ${start.sha.slice(0, 12)} no longer exists; fell back to the merge-base (run proofgate start again)`)
  }
  const upstream = await upstreamOf(repo)
  const candidates = [
    ...(upstream === null ? [] : [upstream]),
    'refs/remotes/origin/HEAD',
    'refs/heads/main',
    'refs/heads/master',
    'refs/remotes/origin/main',
    'refs/remotes/origin/master',
  ]
  const target = await firstExisting(repo, candidates)
  if (target === null) {
    throw new ProofgateError('PG_BASE_NOT_FOUND', 'No base to compare against: no upstream branch, origin/HEAD, main or master.', {
      hint: 'pass --base REV (e.g. --base HEAD~1), or run `proofgate start` at the start of the work',
    })
  }
  let sha: string
  try {
    // Exits 1 (silently) when the two share no commit that is present here.
    sha = await repo.mergeBase(headSha, target.sha)
  } catch (error) {
    if (error instanceof ProofgateError) throw error
    throw await noMergeBase(repo, target.ref, error)
  }
  return { sha, source: 'merge-base', ref: target.ref.replace(/^refs\/(heads|remotes)\//, '') }
}

/** HEAD and the chosen base branch share no commit here: history cut off by a shallow clone, or unrelated histories. */
async function noMergeBase(repo: Repository, ref: string, cause: unknown): Promise<ProofgateError> {
  const name = ref.replace(/^refs\/(heads|remotes)\//, '')
  if (await repo.isShallow()) {
    return new ProofgateError('PG_SHALLOW_CLONE', `HEAD and ${name} share no commit in this shallow clone, so there is no merge-base to compare against.`, {
      hint: 'fetch the history: git fetch --unshallow (or git fetch --deepen=100); in GitHub Actions set fetch-depth: 0 on actions/checkout; or pass --base REV',
      cause,
    })
  }
  return new ProofgateError('PG_NO_MERGE_BASE', `HEAD and ${name} have no common ancestor (unrelated histories).`, {
    hint: 'pass --base REV explicitly (e.g. --base HEAD~1)',
    cause,
  })
}

function indexFileError(file: string, why: string, cause?: unknown): ProofgateError {
  return new ProofgateError('PG_INDEX_FILE_INVALID', `The index file ${file} (GIT_INDEX_FILE) is not usable: ${why}.`, {
    hint: 'unset GIT_INDEX_FILE unless git itself set it for a hook; git commit sets it to an index that exists',
    ...(cause === undefined ? {} : { cause }),
  })
}

/** Every git index starts with the signature `DIRC`; anything else would be reported by git as something else. */
async function assertIndexSignature(copy: string, source: string): Promise<void> {
  const handle = await open(copy, 'r')
  try {
    const head = Buffer.alloc(4)
    const { bytesRead } = await handle.read(head, 0, 4, 0)
    if (bytesRead < 4 || head.toString('latin1') !== 'DIRC') throw indexFileError(source, 'it is not a git index (no DIRC signature)')
  } finally {
    await handle.close()
  }
}

/**
 * A fresh directory under the system temp directory.
 * @throws ProofgateError PG_TMPDIR_UNUSABLE when TMPDIR is not a writable directory.
 */
export async function makeTempDirectory(prefix: string): Promise<string> {
  try {
    return await mkdtemp(join(tmpdir(), prefix))
  } catch (error) {
    throw new ProofgateError(
      'PG_TMPDIR_UNUSABLE',
      `Cannot create a temporary directory in ${tmpdir()} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      {
        hint: 'point TMPDIR at a writable directory (or unset it to use /tmp)',
        cause: error,
      },
    )
  }
}

/** The id of the empty tree, the same in every SHA-1 repository. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'

/**
 * Copies the index file `from` to `to` with `from`'s modification time, rounded down to whole
 * microseconds and one more down (utimes takes a double of seconds, which can round up).
 * Why: git trusts an entry's stat data only when the entry is older than the index file; an
 * entry written in the index's own second (or nanosecond) is "racy" and its content is compared.
 * A copy with a fresh mtime would make every racy entry look settled, and a same-size edit made
 * in that second would go unseen. An older mtime only makes git compare more entries.
 * @throws the fs error when `from` cannot be read or `to` written.
 */
export async function copyIndexKeepingTime(from: string, to: string): Promise<void> {
  await copyFile(from, to)
  const { mtimeNs } = await stat(from, { bigint: true })
  const micros = mtimeNs / 1000n - 1n
  const seconds = Number(micros / 1_000_000n) + Number(micros % 1_000_000n) / 1e6
  await utimes(to, seconds, seconds)
}

/**
 * Runs `write` with GIT_INDEX_FILE pointing at a throw-away copy of `source` (default: the
 * repository's index), so the real index is never rewritten. A copy keeps the stat cache, so
 * git re-hashes only files that changed, and the index's time, so racy entries stay racy.
 */
async function withIndexCopy<T>(repo: Repository, source: string | undefined, write: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const indexPath = source ?? (await repo.gitPath('index'))
  const realIndex = isAbsolute(indexPath) ? indexPath : resolve(repo.root, indexPath)
  sweepOnce()
  // The pid in the name lets the next run remove a copy whose owner was killed (SIGKILL).
  const dir = await makeTempDirectory(`${INDEX_COPY_PREFIX}${process.pid}-`)
  registerTemporaryPath(dir)
  const tempIndex = join(dir, 'index')
  try {
    try {
      await copyIndexKeepingTime(realIndex, tempIndex)
    } catch (error) {
      // An index git handed us that is missing would make every file look deleted.
      if (source !== undefined) throw indexFileError(source, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, error)
      // No index yet (fresh clone state): git starts an empty one. Any other failure would leave
      // a copy with a fresh time, blind to racy edits: fail instead.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    if (source !== undefined) await assertIndexSignature(tempIndex, source)
    return await write({ GIT_INDEX_FILE: tempIndex })
  } finally {
    await rm(dir, { recursive: true, force: true })
    unregisterTemporaryPath(dir)
  }
}

let swept = false
/** Removes the index copies earlier, killed runs left in TMPDIR, once per process. */
function sweepOnce(): void {
  if (swept) return
  swept = true
  sweepStaleIndexCopies()
}

/**
 * Writes the working tree (tracked changes, staged or not, and untracked files that are not
 * ignored, minus `.proofgate/`) as a tree object through a throw-away copy of the index, so
 * the user's index is never touched. Returns the tree hash.
 */
export async function snapshotWorkingTree(repo: Repository): Promise<string> {
  return withIndexCopy(repo, undefined, async (env) => {
    // An exclude pathspec fails ("paths are ignored") when .gitignore lists `.proofgate/` itself,
    // so add everything, then drop the state directory from the copy.
    await gitIn(repo.root, ['add', '--all', '--', '.'], env)
    await gitIn(repo.root, ['rm', '-r', '--cached', '-q', '--ignore-unmatch', '--', STATE_DIR_NAME], env)
    return (await gitIn(repo.root, ['write-tree'], env)).trim()
  })
}

/**
 * Writes the staged content as a tree object, from a copy of the index: `indexFile` when given
 * (the GIT_INDEX_FILE git hands a pre-commit hook during `git commit -a` or `git commit PATH`,
 * absolute or relative to the root), else the repository's index. Returns the tree hash.
 * @throws ProofgateError PG_UNMERGED_INDEX when the index holds unresolved merge conflicts.
 */
export async function writeIndexTree(repo: Repository, indexFile?: string): Promise<string> {
  return withIndexCopy(repo, indexFile, async (env) => {
    try {
      return (await gitIn(repo.root, ['write-tree'], env)).trim()
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (/index file corrupt|bad signature|index file smaller|bad index/i.test(message))
        throw indexFileError(indexFile ?? 'the index', 'git cannot read it (index file corrupt)', error)
      throw new ProofgateError('PG_UNMERGED_INDEX', 'The index has unmerged paths, so there is no staged version to check.', {
        hint: 'resolve the conflicts and git add the files, then commit again',
        cause: error,
      })
    }
  })
}

function insideStateDir(path: string): boolean {
  return path === STATE_DIR_NAME || path.startsWith(`${STATE_DIR_NAME}/`)
}

/** The changed files as name-status gives them: statuses and paths, not yet binary flags or line ranges. */
function provisionalFiles(nameStatus: string): ChangedFile[] {
  return parseNameStatus(nameStatus)
    .filter((entry) => !(insideStateDir(entry.path) && (entry.oldPath === undefined || insideStateDir(entry.oldPath))))
    .map((entry) => ({ ...entry, binary: false, addedLines: [], contextLines: [] }))
}

/**
 * The files that differ from tree-ish `from` to `to` (rename and copy detection on; `.proofgate/`
 * left out), sorted by path, with binary flags, added line ranges (1-based, from a zero-context
 * patch) and the same ranges widened by 3 lines of context. `onNames` is called once, early,
 * with the name-status list alone (binary false, no ranges) so callers can start warming up.
 * A file that is text by its name (isTextByPath: JS/TS, JSON, YAML, Markdown, rc files, hooks)
 * is never binary, whatever `.gitattributes` or a NUL byte says: its hunks are read again with
 * `--text`. Diffs never run textconv or external drivers.
 * @throws the GitError when `from` or `to` is not a tree-ish.
 */
export async function diffTrees(repo: Repository, from: string, to: string, onNames?: (files: ChangedFile[]) => void): Promise<ChangedFile[]> {
  const common = [...DIFF_FLAGS, 'diff-tree', '-r', '--no-commit-id', '-M', '-C', '--no-ext-diff', '--no-textconv']
  const names = gitIn(repo.root, [...common, '-z', '--name-status', from, to])
  // The names arrive before the patch: callers start loading what those files need meanwhile.
  if (onNames !== undefined) void names.then((text) => onNames(provisionalFiles(text))).catch(() => undefined)
  const [nameStatus, numstat, patch] = await Promise.all([
    names,
    gitIn(repo.root, [...common, '-z', '--numstat', from, to]),
    gitIn(repo.root, [...common, '-p', '-U0', '--no-color', '--src-prefix=a/', '--dst-prefix=b/', from, to]),
  ])
  const binaryToGit = parseNumstat(numstat)
  const hunks = parsePatch(patch)
  const entries = parseNameStatus(nameStatus).filter((entry) => !(insideStateDir(entry.path) && (entry.oldPath === undefined || insideStateDir(entry.oldPath))))
  // Git called these binary (by attribute, driver or content), yet they are code: read their hunks as text.
  const code = entries.filter((entry) => binaryToGit.get(entry.path) === true && isTextByPath(entry.path) && entry.status !== 'deleted')
  if (code.length > 0) {
    const paths = code.flatMap((entry) => (entry.oldPath === undefined ? [entry.path] : [entry.oldPath, entry.path]))
    const textPatch = await gitIn(repo.root, [
      ...DIFF_FLAGS,
      '--literal-pathspecs',
      ...common.slice(DIFF_FLAGS.length),
      '--text',
      '-p',
      '-U0',
      '--no-color',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      from,
      to,
      '--',
      ...paths,
    ])
    for (const [path, ranges] of parsePatch(textPatch)) hunks.set(path, ranges)
  }
  const files: ChangedFile[] = []
  for (const entry of entries) {
    const isBinary = binaryToGit.get(entry.path) === true && !isTextByPath(entry.path)
    const addedLines = entry.status === 'deleted' || isBinary ? [] : (hunks.get(entry.path) ?? [])
    files.push({
      ...entry,
      binary: isBinary,
      addedLines,
      contextLines: withContext(addedLines, 3),
    })
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return files
}

function hashDiff(files: ChangedFile[]): string {
  const normalised = files.map((f) => [f.path, f.status, f.oldPath ?? '', f.binary, f.addedLines.map((r) => `${r.start}-${r.end}`).join(',')])
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex')
}

/**
 * Resolves the change set of a run from `cwd`: base, head, the tree under test and every
 * changed file.
 * @throws ProofgateError PG_NOT_A_GIT_REPO, PG_NO_COMMITS, PG_BASE_NOT_FOUND, PG_HEAD_NOT_FOUND,
 *   PG_SHALLOW_CLONE, PG_NO_MERGE_BASE or PG_STATE_CORRUPT.
 */
export async function resolveChanges(options: ResolveOptions): Promise<ResolvedChanges> {
  const repo = options.repo ?? (await openRepository(options.cwd ?? process.cwd()))
  const notes: string[] = []
  if (options.staged === true) {
    const head = await headCommit(repo, undefined)
    const treeHash = await writeIndexTree(repo, options.indexFile)
    const files = await diffTrees(repo, head.sha, treeHash, options.onNames)
    return {
      changes: {
        root: repo.root,
        base: { sha: head.sha, source: 'pre-commit', ref: 'HEAD' },
        head: { sha: head.sha, ref: 'index' },
        treeHash,
        includesWorkingTree: false,
        index: true,
        files,
        diffHash: hashDiff(files),
      },
      notes,
    }
  }
  const found = await headCommit(repo, options.head)
  const head = options.labels?.head === undefined ? found : { sha: found.sha, ref: options.labels.head }
  const base = await resolveBase(repo, head.sha, options, notes)
  const includesWorkingTree = options.head === undefined
  const treeHash = includesWorkingTree ? await snapshotWorkingTree(repo) : (await gitIn(repo.root, ['rev-parse', `${head.sha}^{tree}`])).trim()
  const files = await diffTrees(repo, base.sha, treeHash, options.onNames)
  return {
    changes: { root: repo.root, base, head, treeHash, includesWorkingTree, files, diffHash: hashDiff(files) },
    notes,
  }
}

const differences = new WeakMap<ChangeSet, Promise<string[]>>()

/** Paths `git status` reports (staged, unstaged, untracked; both sides of a rename), `.proofgate/` aside, sorted. */
async function statusPaths(repo: Repository): Promise<string[]> {
  const out = await gitIn(repo.root, ['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'])
  const paths = new Set<string>()
  for (const entry of out.split('\0')) {
    if (entry.length < 4) continue
    const path = entry.slice(3)
    if (!insideStateDir(path)) paths.add(path)
  }
  return [...paths].sort()
}

/**
 * The repository-relative paths where the working tree (tracked files, staged or not, and
 * untracked files that are not ignored; `.proofgate/` aside) differs from the version under test,
 * sorted. Empty when the working tree is the version under test. Gates that can only run what is
 * on disk (the test suite, tsc) use it so that they never vouch for a tree they did not run.
 * Computed once per change set.
 */
export function workTreeDifference(changes: ChangeSet): Promise<string[]> {
  if (changes.includesWorkingTree) return Promise.resolve([])
  let found = differences.get(changes)
  if (found === undefined) {
    found = (async () => {
      // changes.root is already a top level (the change set was resolved there): no git call to find it.
      const repo = repositoryAt(changes.root)
      // The common case, the checked-out commit: `git status` lists the differences without
      // hashing the whole work tree into a snapshot.
      if (changes.index !== true && (await repo.resolveCommit('HEAD')) === changes.head.sha) return statusPaths(repo)
      const disk = await snapshotWorkingTree(repo)
      if (disk === changes.treeHash) return []
      const out = await gitIn(repo.root, [...DIFF_FLAGS, 'diff-tree', '-r', '--no-renames', '--name-only', '-z', changes.treeHash, disk])
      return out
        .split('\0')
        .filter((p) => p !== '' && !insideStateDir(p))
        .sort()
    })()
    differences.set(changes, found)
  }
  return found
}

/**
 * The text of `path` (repository-relative) in the version under test: the working tree when it is
 * part of the change set, else the blob in the tree under test (the head commit's or the index's).
 * Null when the file is absent there, and only then.
 * @throws ProofgateError PG_GIT_FAILED when the tree names the file and its object cannot be read,
 *   PG_FILE_UNREADABLE when the file on disk cannot be read.
 */
export async function readChangedFile(changes: ChangeSet, path: string): Promise<string | null> {
  if (changes.includesWorkingTree) return readWorkTreeFile(changes.root, path)
  const [bytes] = await readBlobBuffers(changes.root, [{ rev: changes.treeHash, path }])
  return bytes === null || bytes === undefined ? null : bytes.toString('utf8')
}
