// What proofgate leaves behind if it stops half-way: the process groups of the repository's code
// it started and its temporary files. A process-level registry, emptied on SIGINT and SIGTERM.
import { lstatSync, readdirSync, rmSync } from 'node:fs'
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
