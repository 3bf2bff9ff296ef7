// Runs one proof command: `bash -c <run>` in the repository root, in its own process group (a
// timeout kills the whole tree), stdin closed, tokens kept out of its environment.
import type { ProofCommand } from '../../config/schema.js'
import { withoutTokens } from '../../util/exec.js'
import { runInGroup } from '../tests/spawn.js'

/** Lines of output kept per command: the end of it, where errors are. */
export const TAIL_LINES = 40
/** Bytes (UTF-8) of output kept per command, at most. */
export const TAIL_BYTES = 4_096

/**
 * The environment overrides for a proof command on top of `base` (the process environment, which
 * the child inherits): no token (withoutTokens), and colour turned off so tails stay readable.
 */
export function proofEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...withoutTokens(base), NO_COLOR: '1', FORCE_COLOR: '0' }
}

/**
 * The last TAIL_LINES lines of `text`, cut to at most TAIL_BYTES bytes of UTF-8 from the end
 * (a character split by the cut is dropped); trailing whitespace removed.
 */
export function outputTail(text: string): string {
  const lines = text.trimEnd().split('\n')
  const out = lines.slice(-TAIL_LINES).join('\n')
  const bytes = Buffer.from(out, 'utf8')
  if (bytes.length <= TAIL_BYTES) return out
  // Continuation bytes (10xxxxxx) at the cut belong to a character that started before it.
  let start = bytes.length - TAIL_BYTES
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++
  return bytes.subarray(start).toString('utf8')
}

/** What one run of a proof command came to, before it is written to the journal. */
export interface CommandOutcome {
  exitCode: number | null
  signal: string | null
  timedOut: boolean
  durationMs: number
  outputTail: string
}

/**
 * Runs `command.run` with `bash -c` in `cwd`; it is killed with its process group when
 * `command.timeout` (seconds) passes or `signal` aborts (both count as `timedOut`). Never throws
 * for a failing, missing or killed command: bash not found is exit code 127. The environment is
 * the process's through proofEnv.
 */
export async function runProofCommand(command: ProofCommand, options: { cwd: string; signal: AbortSignal }): Promise<CommandOutcome> {
  const limit = new AbortController()
  const timer = setTimeout(() => limit.abort(), Math.round(command.timeout * 1000))
  try {
    const result = await runInGroup('bash', ['-c', command.run], {
      cwd: options.cwd,
      signal: AbortSignal.any([options.signal, limit.signal]),
      env: proofEnv(process.env),
      reportSignal: true,
    })
    return {
      exitCode: result.cancelled ? null : (result.exitCode ?? null),
      signal: result.cancelled ? null : (result.signal ?? null),
      timedOut: result.cancelled,
      durationMs: result.durationMs,
      outputTail: outputTail(result.all),
    }
  } finally {
    clearTimeout(timer)
  }
}
