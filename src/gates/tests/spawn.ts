// Runs a test runner in its own process group so that a timeout kills the whole tree: the runners
// stop their own workers on SIGTERM, but not the processes tests start (servers), nor does npm → sh.
import { run, type ExecResult } from '../../util/exec.js'

/**
 * A tiny CommonJS launcher run with `node -e`: it starts the command detached (a new process
 * group), passes its exit code through (128 + signal number when killed), and kills the group on
 * SIGTERM/SIGINT (SIGTERM, then SIGKILL 500 ms later, inside execa's 2 s grace) and when the
 * command exits, so no stray test process holds the output pipes open or keeps running.
 */
const LAUNCHER = `
const { spawn } = require('node:child_process')
const { constants } = require('node:os')
const [file, ...args] = process.argv.slice(1)
const child = spawn(file, args, { stdio: 'inherit', detached: true })
const killGroup = (signal) => { try { process.kill(-child.pid, signal) } catch {} }
let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  killGroup('SIGTERM')
  setTimeout(() => { killGroup('SIGKILL'); process.exit(143) }, 500)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
child.on('error', (error) => { process.stderr.write('proofgate: cannot start ' + file + ': ' + error.message + '\\n'); process.exit(127) })
child.on('exit', (code, signal) => {
  killGroup('SIGKILL')
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0))
})
`

/** Exit code of the launcher when the command could not be started (ENOENT…), as a shell does. */
export const SPAWN_FAILED_EXIT = 127

/**
 * Runs `file args` in `cwd` like `run()` (never throws for a failing command), but in a new process
 * group that is killed as a whole when `signal` aborts. On Windows, which has no process groups,
 * runs the command directly. `exitCode` 127 with `proofgate: cannot start` in stderr means the
 * command was not found.
 */
export async function runInGroup(
  file: string,
  args: readonly string[],
  options: { cwd: string; signal: AbortSignal; env?: NodeJS.ProcessEnv },
): Promise<ExecResult> {
  if (process.platform === 'win32') return run(file, args, options)
  return run(process.execPath, ['--input-type=commonjs', '-e', LAUNCHER, '--', file, ...args], options)
}
