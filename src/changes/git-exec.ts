// The one place proofgate starts git (actions/checkout's git-command-manager shape): argument
// arrays, the allow-listed environment, output as text or bytes, and failures named in one place.
import { execa, execaSync } from 'execa'
import { classifyGitFailure } from './git-errors.js'

const BASE_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', LC_ALL: 'C' }

/** What git needs from the ambient environment to find itself, its config and temp space. */
const INHERITED_ENV = ['PATH', 'HOME', 'USERPROFILE', 'XDG_CONFIG_HOME', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT', 'LANG']

/** Bytes of output a git call may print by default (256 MiB); `cat-file --batch` callers raise it. */
const DEFAULT_MAX_BUFFER = 256 * 1024 * 1024

/**
 * The environment git runs with: the allow-listed ambient variables, then no prompts, no pager,
 * no optional locks and the C locale, then `extra` (which wins). Ambient GIT_* (a hook's GIT_DIR or
 * GIT_INDEX_FILE) never redirects our reads, and EDITOR/PAGER and the like are never inherited.
 */
export function gitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const key of INHERITED_ENV) {
    const value = process.env[key]
    if (value !== undefined) env[key] = value
  }
  return { ...env, ...BASE_ENV, ...extra }
}

/** How one git call runs; every field optional. */
export interface GitExecOptions {
  /** Variables set on top of {@link gitEnv} (GIT_INDEX_FILE, GIT_CONFIG_*). */
  env?: Record<string, string>
  /** Written to git's stdin; without it stdin is closed. */
  input?: string | Buffer
  /** Stops git (SIGTERM) when aborted; the call then rejects with the abort reason. */
  signal?: AbortSignal
  /** Output limit in bytes (default 256 MiB); more is a failure, never a silent truncation. */
  maxBuffer?: number
}

/**
 * git ran and exited non-zero. `message` is git's stderr (trimmed), or says that git printed
 * nothing: `git merge-base` of unrelated commits exits 1 silently, and an empty answer must
 * never pass for a result.
 */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError'
  constructor(
    /** The argument array, after `git`. */
    readonly args: readonly string[],
    /** git's exit code. */
    readonly exitCode: number,
    /** git's stderr, untrimmed. */
    readonly stderr: string,
    options?: ErrorOptions,
  ) {
    super(stderr.trim() === '' ? `git exited with code ${exitCode} and printed nothing` : stderr.trim(), options)
  }
}

/** What a call that does not reject on a non-zero exit returns. */
export interface GitResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** The execa options every call shares; the encoding and the abort signal are added per call. */
function baseOptions(cwd: string, options: GitExecOptions) {
  return {
    cwd,
    env: gitEnv(options.env),
    extendEnv: false,
    // Callers parse git's exact output (a trailing newline of a `cat-file --batch` included).
    stripFinalNewline: false,
    maxBuffer: options.maxBuffer ?? DEFAULT_MAX_BUFFER,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
  } as const
}

function cancel(options: GitExecOptions): { cancelSignal?: AbortSignal } {
  return options.signal === undefined ? {} : { cancelSignal: options.signal }
}

/**
 * The error a failed call rejects with: a ProofgateError (PG_GIT_FAILED, PG_GIT_LOCKED) when the
 * repository's data is the cause (see classifyGitFailure), a GitCommandError for any other
 * non-zero exit, and execa's own error (spawn ENOENT, a buffer overflow, an abort) unchanged.
 */
function failure(error: unknown, args: readonly string[]): unknown {
  const e = error as { exitCode?: number; stderr?: unknown; isCanceled?: boolean; isMaxBuffer?: boolean }
  if (typeof e.exitCode !== 'number' || e.isCanceled === true || e.isMaxBuffer === true) return error
  const stderr =
    typeof e.stderr === 'string' ? e.stderr : Buffer.isBuffer(e.stderr) || e.stderr instanceof Uint8Array ? Buffer.from(e.stderr).toString('utf8') : ''
  const failed = new GitCommandError(args, e.exitCode, stderr, { cause: error })
  return classifyGitFailure(failed, args) ?? failed
}

/**
 * Runs `git <args>` in `cwd` and returns its stdout as UTF-8 text, untrimmed.
 * @throws ProofgateError PG_GIT_FAILED / PG_GIT_LOCKED (the repository's data), GitCommandError
 *   (any other non-zero exit), or execa's error when git cannot start or is aborted.
 */
export async function runGit(cwd: string, args: readonly string[], options: GitExecOptions = {}): Promise<string> {
  try {
    return (await execa('git', args, { ...baseOptions(cwd, options), ...cancel(options), encoding: 'utf8' })).stdout
  } catch (error) {
    throw failure(error, args)
  }
}

/** {@link runGit} returning stdout as bytes (blobs are not text). Same errors. */
export async function runGitBuffer(cwd: string, args: readonly string[], options: GitExecOptions = {}): Promise<Buffer> {
  try {
    return Buffer.from((await execa('git', args, { ...baseOptions(cwd, options), ...cancel(options), encoding: 'buffer' })).stdout)
  } catch (error) {
    throw failure(error, args)
  }
}

/**
 * {@link runGit} that resolves whatever git's exit code, for callers that read the code (`merge-base
 * --is-ancestor`, a fetch whose stderr names the cause).
 * @throws execa's error when git cannot start or is aborted.
 */
export async function tryGit(cwd: string, args: readonly string[], options: GitExecOptions = {}): Promise<GitResult> {
  const r = await execa('git', args, { ...baseOptions(cwd, options), ...cancel(options), encoding: 'utf8', reject: false })
  if (r.exitCode === undefined || r.isCanceled || r.isMaxBuffer) throw failure(r, args)
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }
}

/**
 * {@link runGit}, synchronously: for the line reader of fingerprints, which runs inside a
 * synchronous reporter callback. Same errors.
 */
export function runGitSync(cwd: string, args: readonly string[], options: Omit<GitExecOptions, 'signal'> = {}): string {
  try {
    return execaSync('git', args, { ...baseOptions(cwd, options), encoding: 'utf8' }).stdout
  } catch (error) {
    throw failure(error, args)
  }
}
