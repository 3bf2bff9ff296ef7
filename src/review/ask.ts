// Asks one reviewer: its command runs through the repository-code runner (bash -c, own process
// group, timeout, allow-listed environment), reads the request on stdin, and its stdout is parsed.
import { outputTail, runRepositoryCode } from '../util/repo-code.js'
import { parseResponse, type ResponseForm, type ReviewFinding, type ReviewRequest } from './protocol.js'

/** The parts of a reviewer's config that running it needs (reviewers, the devil's advocate and judges alike). */
export interface ReviewerCommand {
  name: string
  run: string
  /** Seconds. */
  timeout: number
  /** Environment variable names let through on top of the allow-list. */
  env: readonly string[]
}

/** How {@link askReviewer} runs the command. */
export interface AskOptions {
  /** Where the command runs: the repository root. */
  cwd: string
  /** Stops the command (its process group) when aborted: the gate's timeout or a cancelled run. */
  signal?: AbortSignal
  /** proofgate's environment to filter (default `process.env`). */
  baseEnv?: NodeJS.ProcessEnv
  /** Bytes of output (stdout and stderr) read at most (default 4 MiB); more is no verdict. */
  maxOutputBytes?: number
  /** The trusted prompt (`review.prompt`, read from the base commit), given as {@link PROMPT_ENV}. */
  prompt?: string
}

/** The environment variable that carries the base commit's `review.prompt` to a reviewer or judge. */
export const PROMPT_ENV = 'PROOFGATE_REVIEW_PROMPT'

/** What one reviewer answered, and how its process ended. Holds no stdout: only what was parsed. */
export interface AskResult {
  /** null: no verdict (exit non-zero, a timeout, a crash, an answer that cannot be parsed). */
  verdict: 'pass' | 'fail' | null
  findings: ReviewFinding[]
  /** The command's exit code; null when it was killed, stopped or never started. */
  exitCode: number | null
  /** Wall-clock ms. */
  durationMs: number
  timedOut: boolean
  /** The form the answer came in, when it was parsed. */
  form?: ResponseForm
  /** Why there is no verdict, in proofgate's words (for a report; it may quote the reviewer's output). */
  error?: string
  /** Why there is no verdict, as a kind (for the journal, which never holds reviewer output). */
  failure?: AskFailure
  /** The last lines of its stderr (secrets redacted), for a reviewer that gave no verdict. */
  stderrTail?: string
}

/** The kinds of {@link AskResult.failure}. */
export type AskFailure = 'spawn' | 'timeout' | 'cancelled' | 'signal' | 'exit' | 'output-cap' | 'no-verdict'

/** Default cap on a reviewer's output: 4 MiB. */
export const MAX_OUTPUT_BYTES = 4 * 1024 * 1024
/** The runner keeps output in chunks of up to 64 KiB: this close to the cap, some may have been dropped. */
const CHUNK_SLACK = 64 * 1024

function failure(kind: AskFailure, why: string, base: Omit<AskResult, 'verdict' | 'findings' | 'error' | 'failure'>): AskResult {
  return { verdict: null, findings: [], ...base, error: why, failure: kind }
}

/**
 * Runs `reviewer.run` with `bash --norc -c` in `options.cwd`, the JSON of `request` on stdin (then EOF),
 * in its own process group, stopped after `reviewer.timeout` s; only the allow-listed environment
 * and `reviewer.env` reach it. Its stdout is parsed by {@link parseResponse}. A non-zero exit, a
 * signal, a timeout, output over the cap or an answer that cannot be parsed gives `verdict: null`
 * and `error`. Never throws for a failing reviewer.
 */
export async function askReviewer(reviewer: ReviewerCommand, request: ReviewRequest, options: AskOptions): Promise<AskResult> {
  const cap = options.maxOutputBytes ?? MAX_OUTPUT_BYTES
  // --norc: the request arrives on a socket (Node's stdio pipes are socketpairs), and bash takes a
  // socket on stdin for rshd/sshd and sources ~/.bashrc unless told not to: slow, and not the reviewer's.
  const result = await runRepositoryCode('bash', ['--norc', '-c', reviewer.run], {
    cwd: options.cwd,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    timeoutMs: reviewer.timeout * 1000,
    // The prompt replaces any PROOFGATE_REVIEW_PROMPT of proofgate's own environment; without one, none passes.
    envPass: options.prompt === undefined ? reviewer.env.filter((n) => n !== PROMPT_ENV) : [...reviewer.env, PROMPT_ENV],
    baseEnv: options.prompt === undefined ? (options.baseEnv ?? process.env) : { ...(options.baseEnv ?? process.env), [PROMPT_ENV]: options.prompt },
    maxBuffer: cap,
    stdinText: `${JSON.stringify(request)}\n`,
    // No Node launcher: it was most of a reviewer's cost (scripts/bench.mjs review). The group is
    // still killed on exit, timeout, abort, SIGINT and SIGTERM; only a SIGKILL of proofgate leaves
    // a reviewer to finish on its own (docs/review.md, Fail closed).
    lifeline: false,
  })
  const stderrTail = outputTail(result.stderr, 10, 1_000)
  const base = {
    exitCode: result.exitCode ?? null,
    durationMs: result.durationMs,
    timedOut: result.timedOut,
    ...(stderrTail === '' ? {} : { stderrTail }),
  }
  if (result.spawnError !== undefined) return failure('spawn', result.spawnError, base)
  if (result.timedOut) return failure('timeout', `it did not answer within its timeout of ${reviewer.timeout} s`, base)
  if (result.cancelled)
    return failure('cancelled', `it was stopped after ${Math.round(result.durationMs / 1000)} s (the gate's timeout ran out or the run was cancelled)`, base)
  if (result.signal !== undefined) return failure('signal', `it was killed by ${result.signal}`, base)
  if (result.exitCode !== 0) return failure('exit', `it exited with code ${result.exitCode ?? 'none'}`, base)
  if (Buffer.byteLength(result.all, 'utf8') > (cap > 2 * CHUNK_SLACK ? cap - CHUNK_SLACK : cap - 1))
    return failure('output-cap', `its output reached the cap of ${cap} bytes`, base)
  const parsed = parseResponse(result.stdout)
  if (parsed.verdict === null) return failure('no-verdict', parsed.problem, base)
  return { verdict: parsed.verdict, findings: parsed.findings, form: parsed.form, ...base }
}
