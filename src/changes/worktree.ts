// The version under test, checked out: when the disk is not it (a push with uncommitted or untracked
// files, a push of another branch, --head, the staged content), the gates that run the repository's
// code (tests, tsc, proof commands, coverage) run in one temporary git worktree of it per run.
import { lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ProofgateError } from '../errors.js'
import { onTerminationSignal } from '../util/termination.js'
import { STATE_DIR_NAME } from '../util/state.js'
import { runGit } from './git-exec.js'
import { openRepository, workTreeDifference, type Repository } from './git.js'
import { namePaths } from './paths.js'
import type { ChangeSet } from './types.js'

/**
 * Where the temporary worktrees live, under the repository root. Not under the git dir, which
 * would keep them out of every tool's way: jest ignores every file whose absolute path holds a
 * `/.git/` component (jest-haste-map's VCS_DIRECTORIES), so a suite run there finds no test.
 * `.proofgate/` is inside the repository, is left out of every change set and snapshot, a dot
 * directory tsc's wildcards skip, and `worktrees/.gitignore` (`*`) keeps git status and
 * `git add -A` away from the checkouts.
 */
export const WORKTREES_DIR = `${STATE_DIR_NAME}/worktrees`

const OWNER_SUFFIX = '.owner.json'
/** A worktree whose owning process is alive is still swept after this long (ms): a reused pid. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000
/** A worktree directory without an owner file is swept once this old (ms). */
const ORPHAN_AFTER_MS = 10 * 60 * 1000

/**
 * Runs git in `cwd` (the worktree, or a submodule of the work tree) rather than the root.
 * @throws what runGit throws (a GitCommandError's message is git's stderr).
 */
function gitAt(cwd: string, args: string[]): Promise<string> {
  return runGit(cwd, args)
}

/** Where a gate that runs the repository's code runs. */
export interface RunTree {
  /** Absolute directory to run in: the repository root, or the temporary worktree of the version under test. */
  dir: string
  /** True when `dir` is a temporary worktree (the disk is not the version under test). */
  temporary: boolean
  /** Repository-relative paths where the disk differs from the version under test, sorted (empty when `dir` is the root). */
  differing: readonly string[]
}

/** What the owner file next to each worktree records, so the next run can tell a live worktree from a stale one. */
interface Owner {
  pid: number
  /** ISO 8601. */
  startedAt: string
}

interface Active {
  root: string
  dir: string
  created: Promise<void>
  unregister: () => void
}

/** The run's worktree by run id: created once, shared by the gates, which run concurrently. */
const active = new Map<string, Active>()

function remedy(changes: ChangeSet): string {
  return changes.index === true
    ? 'stage or stash the unstaged edits (git stash --keep-index) so that the disk is the staged content, then commit again'
    : 'commit or stash your changes (git stash -u), or check out the branch you push, so that the disk is the version under test; then run again'
}

function failed(changes: ChangeSet, why: string, cause?: unknown): ProofgateError {
  const version = changes.index === true ? 'the staged content' : `commit ${changes.head.sha.slice(0, 12)}`
  return new ProofgateError('PG_WORKTREE_FAILED', `cannot check out the version under test (${version}) in a temporary git worktree: ${why}`, {
    hint: remedy(changes),
    ...(cause === undefined ? {} : { cause }),
  })
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return (
    text
      .trim()
      .split('\n')
      .filter((l) => l.trim() !== '')[0] ?? 'unknown error'
  )
}

/** Makes `dir` a real directory (never through a symlink), creating it when missing. @throws Error naming it otherwise. */
async function realDirectory(dir: string, label: string): Promise<void> {
  try {
    const stat = await lstat(dir)
    if (stat.isSymbolicLink()) throw new Error(`${label} is a symbolic link; proofgate does not follow it`)
    if (!stat.isDirectory()) throw new Error(`${label} is not a directory`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    await mkdir(dir)
  }
}

async function prepareParent(root: string): Promise<string> {
  await realDirectory(join(root, STATE_DIR_NAME), STATE_DIR_NAME)
  const parent = join(root, WORKTREES_DIR)
  await realDirectory(parent, WORKTREES_DIR)
  try {
    await writeFile(join(parent, '.gitignore'), '*\n', { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return parent
}

/**
 * Links the repository's `node_modules` into the worktree (the root's, and each workspace package's
 * that exists on disk at the same relative path), so the runner, tsc and the suite's imports resolve
 * as they do in the work tree. A `node_modules` the version under test tracks is left as it is.
 */
async function linkNodeModules(repo: Repository, dir: string): Promise<number> {
  const listed = await gitAt(dir, ['ls-files', '-z', '--', ':(glob)**/package.json'])
  const packages = [
    '',
    ...listed
      .split('\0')
      .filter((p) => p.endsWith('/package.json') && !p.split('/').includes('node_modules'))
      .map((p) => dirname(p)),
  ]
  let linked = 0
  for (const pkg of packages) {
    const source = join(repo.root, pkg, 'node_modules')
    const target = join(dir, pkg, 'node_modules')
    try {
      await lstat(source)
    } catch {
      continue
    }
    try {
      await symlink(source, target, 'dir')
      linked++
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return linked
}

/**
 * Checks out each submodule the version under test records as its own worktree of the submodule's
 * repository in the work tree (offline: the commit must be there).
 * @throws Error naming the submodule when it is not initialised or lacks the commit.
 */
async function checkOutSubmodules(repo: Repository, dir: string): Promise<void> {
  const staged = await gitAt(dir, ['ls-files', '-z', '--stage'])
  for (const entry of staged.split('\0')) {
    if (!entry.startsWith('160000 ')) continue
    const tab = entry.indexOf('\t')
    const sha = entry.slice(7, tab).split(' ')[0]!
    const path = entry.slice(tab + 1)
    const own = join(repo.root, path)
    try {
      await gitAt(own, ['cat-file', '-e', `${sha}^{commit}`])
      await gitAt(own, ['worktree', 'add', '--detach', '--no-checkout', join(dir, path), sha])
      await gitAt(join(dir, path), ['read-tree', '--reset', '-u', sha])
    } catch (error) {
      throw new Error(
        `the submodule ${path} (commit ${sha.slice(0, 12)}) cannot be checked out from ${path}: ${messageOf(error)}; run git submodule update --init --recursive`,
        { cause: error },
      )
    }
  }
}

/** Removes a worktree (git's record too), never following a link inside it; a submodule's worktrees first. */
async function removeWorktree(repo: Repository, dir: string): Promise<void> {
  try {
    const staged = await gitAt(dir, ['ls-files', '-z', '--stage'])
    for (const entry of staged.split('\0')) {
      if (!entry.startsWith('160000 ')) continue
      const path = entry.slice(entry.indexOf('\t') + 1)
      await gitAt(join(repo.root, path), ['worktree', 'remove', '--force', '--force', join(dir, path)]).catch(() => undefined)
      await gitAt(join(repo.root, path), ['worktree', 'prune']).catch(() => undefined)
    }
  } catch {
    // Not a worktree any more (a half-made or half-removed one): the fallback below removes it.
  }
  try {
    await runGit(repo.root, ['worktree', 'remove', '--force', '--force', dir])
  } catch {
    // git refused (the directory is half made, or a process still writes into it): remove the
    // files (fs.rm never follows links), then drop git's record of the worktree.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 })
  }
  await runGit(repo.root, ['worktree', 'prune'])
}

async function create(repo: Repository, changes: ChangeSet, runId: string, dir: string): Promise<void> {
  const started = performance.now()
  let parent: string
  try {
    parent = await prepareParent(repo.root)
  } catch (error) {
    throw failed(changes, messageOf(error), error)
  }
  const owner: Owner = { pid: process.pid, startedAt: new Date().toISOString() }
  await writeFile(join(parent, `${runId}${OWNER_SUFFIX}`), JSON.stringify(owner) + '\n')
  try {
    // --no-checkout: git runs no post-checkout hook of the repository; read-tree then checks out
    // exactly the tree under test (the commit's, or the index's for the pre-commit hook).
    await runGit(repo.root, ['worktree', 'add', '--detach', '--no-checkout', dir, changes.head.sha])
    await gitAt(dir, ['read-tree', '--reset', '-u', changes.treeHash])
    await checkOutSubmodules(repo, dir)
    await linkNodeModules(repo, dir)
  } catch (error) {
    await removeWorktree(repo, dir).catch(() => undefined)
    await rm(join(parent, `${runId}${OWNER_SUFFIX}`), { force: true })
    throw failed(changes, messageOf(error), error)
  }
  lastCreateMs = Math.round(performance.now() - started)
}

let lastCreateMs = 0

/** How long the last worktree took to create (ms): add, check out, link node_modules. For the bench. */
export function lastWorktreeCreateMs(): number {
  return lastCreateMs
}

/**
 * Where a gate that runs the repository's code runs for `changes` in run `runId`: the repository
 * root when the disk is the version under test, else one temporary worktree of it
 * (`.proofgate/worktrees/<runId>`, `node_modules` linked in), created on the first call of the run
 * and shared by every later one; {@link removeRunTree} removes it.
 * @throws ProofgateError PG_WORKTREE_FAILED (with a remedy that works in a hook) when git cannot
 *   add the worktree, a submodule cannot be checked out, or the disk is full.
 */
export async function runTreeFor(changes: ChangeSet, runId: string): Promise<RunTree> {
  const differing = await workTreeDifference(changes)
  if (differing.length === 0) return { dir: changes.root, temporary: false, differing }
  let entry = active.get(runId)
  if (entry === undefined) {
    const dir = join(changes.root, WORKTREES_DIR, runId)
    // No await between the lookup and the set: the gates ask concurrently and must share one worktree.
    const created = openRepository(changes.root).then((repo) => create(repo, changes, runId, dir))
    // Registered before git starts, so a signal during the checkout removes the half-made worktree.
    const unregister = onTerminationSignal(() => removeRunTree(runId))
    entry = { root: changes.root, dir, created, unregister }
    active.set(runId, entry)
  }
  await entry.created
  return { dir: entry.dir, temporary: true, differing }
}

/** `in a temporary worktree of commit abc123def456 (the disk differs in 2 files (a, b))`, for summaries and logs. */
export function describeRunTree(changes: ChangeSet, tree: RunTree): string {
  const version = changes.index === true ? 'the staged content' : `commit ${changes.head.sha.slice(0, 12)}`
  return `in a temporary worktree of ${version} (the disk differs in ${namePaths(tree.differing)})`
}

/** Removes run `runId`'s worktree, if it has one (git's record, the directory, the owner file). Never throws. */
export async function removeRunTree(runId: string): Promise<void> {
  const entry = active.get(runId)
  if (entry === undefined) return
  active.delete(runId)
  entry.unregister()
  await entry.created.catch(() => undefined)
  try {
    const repo = await openRepository(entry.root)
    await removeWorktree(repo, entry.dir)
  } catch {
    // The next run's sweep removes what is left.
  }
  await rm(`${entry.dir}${OWNER_SUFFIX}`, { force: true })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function isStale(parent: string, id: string, now: number): Promise<boolean> {
  let text: string
  try {
    text = await readFile(join(parent, `${id}${OWNER_SUFFIX}`), 'utf8')
  } catch {
    const stat = await lstat(join(parent, id)).catch(() => null)
    return stat !== null && now - stat.mtimeMs > ORPHAN_AFTER_MS
  }
  try {
    const owner = JSON.parse(text) as Partial<Owner>
    if (typeof owner.pid !== 'number' || !alive(owner.pid)) return true
    return now - Date.parse(owner.startedAt ?? '') > STALE_AFTER_MS
  } catch {
    return true
  }
}

/**
 * Removes the worktrees earlier runs left under `.proofgate/worktrees/` (a run killed with SIGKILL
 * cannot clean up): those whose owning process is gone, or that are older than 6 hours. Another
 * live run's worktree is kept. Returns the ids removed. Never throws.
 */
export async function sweepStaleWorktrees(root: string): Promise<string[]> {
  const parent = join(root, WORKTREES_DIR)
  let names: string[]
  try {
    const stat = await lstat(parent)
    if (!stat.isDirectory()) return []
    names = await readdir(parent)
  } catch {
    return []
  }
  const ids = new Set(names.filter((n) => n !== '.gitignore').map((n) => (n.endsWith(OWNER_SUFFIX) ? n.slice(0, -OWNER_SUFFIX.length) : n)))
  const now = Date.now()
  const removed: string[] = []
  let repo: Repository | undefined
  for (const id of ids) {
    if (active.has(id) || !(await isStale(parent, id, now))) continue
    try {
      repo ??= await openRepository(root)
      if ((await lstat(join(parent, id)).catch(() => null)) !== null) await removeWorktree(repo, join(parent, id))
      await rm(join(parent, `${id}${OWNER_SUFFIX}`), { force: true })
      removed.push(id)
    } catch {
      // Left for the next sweep.
    }
  }
  if (removed.length > 0 && repo !== undefined) await runGit(repo.root, ['worktree', 'prune']).catch(() => undefined)
  return removed
}
