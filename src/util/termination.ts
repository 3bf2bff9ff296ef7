// The one process-level registry of cleanup on SIGINT and SIGTERM: the repository code's process
// groups and temporary files (util/cleanup.ts) and a run's temporary git worktree are removed,
// all tasks awaited, and then the signal is raised again.

/** A cleanup task; it must not throw (a throw is ignored) and should finish within a few seconds. */
export type CleanupTask = () => Promise<void> | void

const tasks = new Set<CleanupTask>()
const SIGNALS = ['SIGINT', 'SIGTERM'] as const
/** How long the cleanup tasks may take after a signal before the process goes anyway (ms). */
const SIGNAL_CLEANUP_MS = 10_000
let installed = false
let cleaning = false

function onSignal(signal: NodeJS.Signals): void {
  // A second signal while cleaning must not interrupt the removal it is waiting for.
  if (cleaning) return
  cleaning = true
  const all = Promise.allSettled([...tasks].map(async (task) => task()))
  const deadline = new Promise((resolve) => setTimeout(resolve, SIGNAL_CLEANUP_MS).unref())
  void Promise.race([all, deadline]).then(() => {
    uninstall()
    // Re-raised with no handler left, the signal ends the process as it would have: exit status
    // 128 + n for the parent (git, a shell, CI) to read. A library's listener (signal-exit, which
    // proper-lockfile and write-file-atomic load) would otherwise swallow it while the run goes on.
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  })
}

function install(): void {
  if (installed) return
  installed = true
  for (const signal of SIGNALS) process.on(signal, onSignal)
}

function uninstall(): void {
  if (!installed) return
  installed = false
  for (const signal of SIGNALS) process.off(signal, onSignal)
}

/**
 * Registers `task` to run when the process receives SIGINT or SIGTERM (all tasks concurrently,
 * then the signal is raised again with the default action). Returns the function that
 * unregisters it; the signal handlers are removed with the last task, so a process with nothing
 * to clean up keeps the default signal behaviour.
 */
export function onTerminationSignal(task: CleanupTask): () => void {
  tasks.add(task)
  install()
  return () => {
    tasks.delete(task)
    if (tasks.size === 0 && !cleaning) uninstall()
  }
}
