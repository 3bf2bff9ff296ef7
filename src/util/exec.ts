// Child processes for gates: argument arrays only (never a shell string), cancellation through
// the gate's AbortSignal, output captured whole. Wraps execa.
import { execa } from 'execa'

/** What {@link run} observed: `exitCode`, else `signal` or `spawnError`, says how the process ended; `cancelled` says the kill was ours. `durationMs` is wall-clock ms. */
export interface ExecResult {
  exitCode: number | undefined
  /** Set when the process was killed by a signal. */
  signal: string | undefined
  stdout: string
  stderr: string
  /** stdout and stderr interleaved as written. */
  all: string
  durationMs: number
  /** True when the AbortSignal fired (the gate's timeout or a cancelled run). */
  cancelled: boolean
  /** Set when the command could not be started (ENOENT, EACCES…). */
  spawnError: string | undefined
}

/** Options of {@link run}; `env` is added to proofgate's own environment (GIT_TERMINAL_PROMPT=0 always), not a replacement for it. */
export interface ExecOptions {
  cwd: string
  signal?: AbortSignal
  env?: NodeJS.ProcessEnv
  /** Bytes of output kept per stream (default 64 MiB). */
  maxBuffer?: number
}

/** A name that holds a TOKEN word: GITHUB_TOKEN, GH_TOKEN, INPUT_GITHUB-TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN, NPM_TOKEN… */
const TOKEN_NAME = /(?:^|[_-])TOKEN(?:$|[_-])/i

/**
 * Overrides that keep every token of `base` out of a child's environment: each variable whose
 * name holds a TOKEN word, set to undefined (which a child never receives). For the repository's
 * own code (tests, proof commands), which must not see the credentials proofgate was given.
 */
export function withoutTokens(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const name of Object.keys(base)) if (TOKEN_NAME.test(name)) env[name] = undefined
  return env
}

/**
 * Runs `file` with `args` and never throws for a non-zero exit, a signal or a spawn failure:
 * the caller decides what each means (fail closed). Throws only for programming errors.
 */
export async function run(file: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  const started = performance.now()
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: { ...options.env, GIT_TERMINAL_PROMPT: '0' },
    extendEnv: true,
    reject: false,
    all: true,
    stdin: 'ignore',
    maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
    ...(options.signal === undefined ? {} : { cancelSignal: options.signal }),
    forceKillAfterDelay: 2_000,
    stripFinalNewline: false,
  })
  const spawnError = result.failed && result.exitCode === undefined && result.signal === undefined && !result.isCanceled
    ? result.shortMessage
    : undefined
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    all: String(result.all ?? ''),
    durationMs: Math.round(performance.now() - started),
    cancelled: result.isCanceled === true,
    spawnError,
  }
}

/** The last `maxLines` lines of `text`, at most `maxBytes` bytes, for finding messages. */
export function tail(text: string, maxLines = 20, maxBytes = 4_000): string {
  const lines = text.trimEnd().split('\n')
  let out = lines.slice(-maxLines).join('\n')
  if (Buffer.byteLength(out) > maxBytes) out = '…' + out.slice(out.length - maxBytes)
  return out
}
