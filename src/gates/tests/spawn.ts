// Runs a test runner in its own process group so that a timeout kills the whole tree: the runners
// stop their own workers on SIGTERM, but not the processes tests start (servers), nor does npm → sh.
import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run, type ExecResult } from '../../util/exec.js'

/**
 * A tiny CommonJS launcher run with `node -e`: it starts the command detached (a new process
 * group), passes its exit code through (128 + signal number when killed), and kills the group on
 * SIGTERM/SIGINT (SIGTERM, then SIGKILL 500 ms later, inside execa's 2 s grace) and when the
 * command exits, so no stray test process holds the output pipes open or keeps running. With a
 * status file (first argument, '' for none) it also writes the name of the signal that killed the
 * command there, which the exit code alone cannot tell from `exit 137`.
 */
const LAUNCHER = `
const { spawn } = require('node:child_process')
const { constants } = require('node:os')
const [statusFile, file, ...args] = process.argv.slice(1)
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
  if (signal !== null && statusFile !== '') { try { require('node:fs').writeFileSync(statusFile, signal) } catch {} }
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0))
})
`

/** Exit code of the launcher when the command could not be started (ENOENT…), as a shell does. */
export const SPAWN_FAILED_EXIT = 127

/**
 * Runs `file args` in `cwd` like `run()` (never throws for a failing command), but in a new process
 * group that is killed as a whole when `signal` aborts. On Windows, which has no process groups,
 * runs the command directly. `exitCode` 127 with `proofgate: cannot start` in stderr means the
 * command was not found. With `reportSignal`, a command killed by a signal (not by `signal`
 * aborting) comes back with `exitCode` undefined and `signal` its name, as `run()` reports it;
 * otherwise as 128 + the signal number.
 */
export async function runInGroup(
  file: string,
  args: readonly string[],
  options: { cwd: string; signal: AbortSignal; env?: NodeJS.ProcessEnv; reportSignal?: boolean },
): Promise<ExecResult> {
  const { reportSignal, ...runOptions } = options
  if (process.platform === 'win32') return run(file, args, runOptions)
  const statusFile = reportSignal === true ? join(tmpdir(), `proofgate-signal-${randomUUID()}`) : ''
  const result = await run(process.execPath, ['--input-type=commonjs', '-e', LAUNCHER, '--', statusFile, file, ...args], runOptions)
  if (statusFile === '') return result
  try {
    const killedBy = (await readFile(statusFile, 'utf8').catch(() => '')).trim()
    return killedBy === '' || result.cancelled ? result : { ...result, exitCode: undefined, signal: killedBy }
  } finally {
    await rm(statusFile, { force: true })
  }
}
