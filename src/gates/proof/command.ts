// Runs one proof command: `bash -c <run>` as the repository's code (util/repo-code.ts: allow-listed
// environment, secrets redacted, its own process group killed on every way out), stdin closed.
import type { ProofCommand } from '../../config/schema.js'
import { outputTail, runRepositoryCode } from '../../util/repo-code.js'

export { outputTail, TAIL_BYTES, TAIL_LINES } from '../../util/repo-code.js'

/** What one run of a proof command came to, before it is written to the journal. */
export interface CommandOutcome {
  exitCode: number | null
  signal: string | null
  timedOut: boolean
  durationMs: number
  /** The last 40 lines (≤ 4 KiB) of its output, secrets redacted, control sequences removed. */
  outputTail: string
}

/** Exit code recorded when bash cannot be started, as a shell reports a missing command. */
const NOT_FOUND_EXIT = 127

/**
 * Runs `command.run` with `bash -c` in `cwd` (the repository root, or a temporary work tree of
 * the version under test); it is killed with its process group when `command.timeout` (seconds)
 * passes or `signal` aborts (both count as `timedOut`). Never throws for a failing, missing or
 * killed command: bash not found is exit code 127. `envPass` is the config's `env-pass`; `baseEnv`
 * proofgate's environment (default `process.env`).
 */
export async function runProofCommand(
  command: ProofCommand,
  options: { cwd: string; signal: AbortSignal; envPass?: readonly string[]; baseEnv?: NodeJS.ProcessEnv | undefined },
): Promise<CommandOutcome> {
  const result = await runRepositoryCode('bash', ['-c', command.run], {
    cwd: options.cwd,
    signal: options.signal,
    timeoutMs: Math.max(1, Math.round(command.timeout * 1000)),
    ...(options.envPass === undefined ? {} : { envPass: options.envPass }),
    ...(options.baseEnv === undefined ? {} : { baseEnv: options.baseEnv }),
  })
  const stopped = result.cancelled || result.timedOut
  const tail = result.spawnError === undefined ? outputTail(result.all) : outputTail(`${result.all}\nproofgate: ${result.spawnError}`)
  return {
    exitCode: stopped ? null : result.spawnError !== undefined ? NOT_FOUND_EXIT : (result.exitCode ?? null),
    signal: stopped ? null : (result.signal ?? null),
    timedOut: stopped,
    durationMs: result.durationMs,
    outputTail: tail,
  }
}
