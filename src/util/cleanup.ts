// What proofgate leaves behind if it stops half-way: the process groups of the repository's code
// it started and its temporary files. A process-level registry, emptied on SIGINT and SIGTERM.
import { randomUUID } from 'node:crypto'
import { lstatSync, readdirSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTerminationSignal } from './termination.js'

const groups = new Set<number>()
const paths = new Set<string>()
let installed = false

/** Kills every process group started by runRepositoryCode that is still running (SIGKILL). */
export function killLiveGroups(): void {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  groups.clear()
}

/** Removes every temporary path still registered (synchronously: it runs in a signal handler). */
export function removeTemporaryPaths(): void {
  for (const path of paths) rmSync(path, { recursive: true, force: true })
  paths.clear()
}

/**
 * On SIGINT or SIGTERM: kill the live groups and remove the temporary paths, through the one
 * signal registry (util/termination.ts), which then dies of the same signal (exit 130/143) once
 * every task, a worktree's removal included, is done. Installed once, on first use, so a process
 * that never runs repository code keeps the default behaviour.
 */
function installHandlers(): void {
  if (installed) return
  installed = true
  onTerminationSignal(() => {
    killLiveGroups()
    removeTemporaryPaths()
  })
  process.on('exit', () => {
    killLiveGroups()
    removeTemporaryPaths()
  })
}

/** Records a live process group (its leader's pid) to kill if proofgate is stopped. */
export function registerGroup(group: number): void {
  installHandlers()
  groups.add(group)
}

/** Forgets a process group that has ended. */
export function unregisterGroup(group: number): void {
  groups.delete(group)
}

/** Records a temporary file or directory (absolute) to remove if proofgate is stopped before it does. */
export function registerTemporaryPath(path: string): void {
  installHandlers()
  paths.add(path)
}

/** Forgets a temporary path proofgate has removed itself. */
export function unregisterTemporaryPath(path: string): void {
  paths.delete(path)
}

/** The prefix of the index copies under the OS temp directory: `proofgate-index-<pid>-XXXXXX`. */
export const INDEX_COPY_PREFIX = 'proofgate-index-'
/** Index copies older than this (ms) are removed whatever their owner: no run takes an hour to write a tree. */
export const STALE_INDEX_COPY_MS = 60 * 60 * 1000

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes index copies a stopped or killed proofgate left in `dir` (default the OS temp
 * directory): those whose owning pid (in the name) is not running, and any older than an hour.
 * Best effort: a directory that cannot be read or removed is left.
 */
export function sweepStaleIndexCopies(dir: string = tmpdir(), now: number = Date.now()): void {
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(INDEX_COPY_PREFIX))
  } catch {
    return
  }
  for (const name of names) {
    const path = join(dir, name)
    try {
      const pid = Number(/^proofgate-index-(\d+)-/.exec(name)?.[1])
      const stale = now - lstatSync(path).mtimeMs > STALE_INDEX_COPY_MS
      const orphaned = Number.isInteger(pid) && pid > 0 && pid !== process.pid && !pidAlive(pid)
      if (stale || orphaned) rmSync(path, { recursive: true, force: true })
    } catch {
      // Someone else's, or gone already.
    }
  }
}

/**
 * A name for a temporary file or directory under `.proofgate/tmp/` that carries the owner's pid:
 * `<kind>-<pid>-<uuid>`, so the next run can tell a killed run's leftovers from a live run's
 * (see {@link sweepStaleStateTmp}).
 */
export function ownedTempName(kind: 'tests' | 'coverage'): string {
  return `${kind}-${process.pid}-${randomUUID()}`
}

/** `<kind>-<pid>-…` as {@link ownedTempName} writes it; earlier versions wrote `<kind>-<uuid>…` (no pid). */
const OWNED_TEMP = /^(?:tests|coverage)-(?:(\d+)-)?[0-9a-f]{8}-/

/**
 * Removes what killed runs left in `.proofgate/tmp/` (`dir`, absolute): entries named by
 * {@link ownedTempName} whose pid is not running, and pid-less entries of earlier versions older
 * than an hour. Another live run's entries stay. Never follows a symbolic link: `dir` must be a
 * real directory, and an entry that is a link is unlinked itself (its target is never touched;
 * rmSync's recursive removal does not follow links inside a directory either). Best effort, never
 * throws. Returns the names removed.
 */
export function sweepStaleStateTmp(dir: string, now: number = Date.now()): string[] {
  let names: string[]
  try {
    if (!lstatSync(dir).isDirectory()) return []
    names = readdirSync(dir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const match = OWNED_TEMP.exec(name)
    if (match === null) continue
    const path = join(dir, name)
    try {
      const info = lstatSync(path)
      const pid = match[1] === undefined ? undefined : Number(match[1])
      const stale = pid === undefined ? now - info.mtimeMs > STALE_INDEX_COPY_MS : pid !== process.pid && !pidAlive(pid)
      if (!stale) continue
      if (info.isSymbolicLink()) unlinkSync(path)
      else rmSync(path, { recursive: true, force: true })
      removed.push(name)
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed
}
