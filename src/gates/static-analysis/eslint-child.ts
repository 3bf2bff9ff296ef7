// The static-analysis gate's side of the ESLint worker (eslint-worker.ts): starts it through
// runRepositoryCode (the warm-up starts it early, so ESLint loads while git works), sends the one
// request, reads the one response. Any way the worker fails is a throw, so the gate errors.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { outputTail, runRepositoryCode, type RepoCodeHandle, type RepoCodeResult } from '../../util/repo-code.js'
import type { WorkerRequest, WorkerResponse } from './eslint-protocol.js'

/** The ESLint worker could not answer: not started, crashed, killed, or printed no response. */
export class EslintWorkerError extends Error {
  override name = 'EslintWorkerError'
}

interface Worker {
  /** Root, ESLint entry and env-pass: a warm worker serves only a request with the same ones. */
  key: string
  /** The environment it inherits (filtered): a warm worker serves only a request with the same object. */
  baseEnv: NodeJS.ProcessEnv
  input: PassThrough
  stop: AbortController
  result: Promise<RepoCodeResult>
  /** Makes the worker hold proofgate's event loop again (a warm one does not while it idles). */
  ref(): void
  /** performance.now() when it was started. */
  startedAt: number
}

/** The worker the warm-up started and no request has claimed yet (one per process). */
let warm: Worker | undefined

/**
 * The worker script and the node flags it needs: dist/eslint-worker.js next to the bundle (or its
 * chunk directory's parent), or, running from the sources (the tests), eslint-worker.ts with
 * Node's type stripping.
 * @throws EslintWorkerError when neither exists.
 */
function workerScript(): { file: string; flags: string[] } {
  for (const candidate of ['./eslint-worker.js', '../eslint-worker.js']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url))
    if (existsSync(file)) return { file, flags: [] }
  }
  const source = fileURLToPath(new URL('./eslint-worker.ts', import.meta.url))
  if (existsSync(source)) return { file: source, flags: ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'] }
  throw new EslintWorkerError(`proofgate's ESLint worker (eslint-worker.js) is missing next to ${fileURLToPath(import.meta.url)}; reinstall proofgate`)
}

function keyOf(root: string, entry: string, envPass: readonly string[]): string {
  return JSON.stringify([root, entry, envPass])
}

/** Starts a worker that loads ESLint from `entry` and waits for its request; `idle` ones do not hold proofgate open. */
function start(root: string, entry: string, envPass: readonly string[], idle: boolean, baseEnv: NodeJS.ProcessEnv = process.env): Worker {
  const { file, flags } = workerScript()
  const input = new PassThrough()
  const stop = new AbortController()
  let handle: RepoCodeHandle | undefined
  const result = runRepositoryCode(process.execPath, [...flags, file, entry, root], {
    cwd: root,
    signal: stop.signal,
    envPass,
    baseEnv,
    input,
    onStarted: (started) => {
      handle = started
      if (idle) started.unref()
    },
  })
  return { key: keyOf(root, entry, envPass), baseEnv, input, stop, result, ref: () => handle?.ref(), startedAt: performance.now() }
}

/**
 * Starts a worker for the repository at `root` (ESLint resolved to `entry`, the config's
 * `env-pass`) so ESLint loads before the gate runs. An unclaimed worker never keeps proofgate
 * running and is killed by {@link disposeEslintWorker} or when proofgate exits.
 * @throws EslintWorkerError when the worker script is missing.
 */
export function warmEslintWorker(root: string, entry: string, envPass: readonly string[]): void {
  if (warm?.key === keyOf(root, entry, envPass)) return
  disposeEslintWorker()
  warm = start(root, entry, envPass, true)
}

/** Kills the warm worker, if any (the gate was skipped, refused or is done). */
export function disposeEslintWorker(): void {
  warm?.stop.abort()
  warm = undefined
}

/** Options of {@link lintInWorker}. */
export interface LintInWorkerOptions {
  root: string
  /** The repository's ESLint entry point (resolved from the repository). */
  entry: string
  /** The config's `env-pass`. */
  envPass: readonly string[]
  /**
   * proofgate's environment (default `process.env`). The warm-up knows no other, so a run with
   * an environment of its own (the CLI driven in-process) starts its own worker.
   */
  baseEnv?: NodeJS.ProcessEnv | undefined
  /** The gate's signal: stops the worker (its process group) when aborted. */
  signal: AbortSignal
  request: Omit<WorkerRequest, 'begin' | 'end'>
  /** Diagnostics (`--verbose`): whether the warm worker served the request, and how long the answer took in ms. */
  log?(message: string): void
}

/**
 * Sends `request` to a worker (the warm one when it matches, else a new one) and returns its
 * response, which may itself be a structured failure (`ok: false`, a config that does not load).
 * @throws the signal's reason when it aborted; EslintWorkerError when the worker could not be
 *   started, was killed, exited non-zero or printed no response (with the end of its stderr, redacted).
 */
export async function lintInWorker(options: LintInWorkerOptions): Promise<WorkerResponse> {
  const { root, entry, envPass, signal } = options
  const baseEnv = options.baseEnv ?? process.env
  const sent = performance.now()
  let worker = warm?.key === keyOf(root, entry, envPass) && warm.baseEnv === baseEnv ? warm : undefined
  options.log?.(`eslint: ${worker === undefined ? 'starting a worker' : `worker warm for ${Math.round(sent - worker.startedAt)} ms`}`)
  if (worker === undefined) disposeEslintWorker()
  // One request per worker: a claimed worker is no longer the warm one.
  warm = undefined
  worker ??= start(root, entry, envPass, false, baseEnv)
  worker.ref()
  const abort = (): void => worker.stop.abort(signal.reason)
  if (signal.aborted) abort()
  signal.addEventListener('abort', abort, { once: true })
  const nonce = randomBytes(12).toString('hex')
  const begin = `@@proofgate-eslint-begin-${nonce}@@`
  const end = `@@proofgate-eslint-end-${nonce}@@`
  const request: WorkerRequest = { ...options.request, begin, end }
  worker.input.write(`${JSON.stringify(request)}\n`)
  const result = await worker.result.finally(() => signal.removeEventListener('abort', abort))
  options.log?.(`eslint: the worker answered and exited ${Math.round(performance.now() - sent)} ms after the request`)
  if (result.cancelled) signal.throwIfAborted()
  if (result.spawnError !== undefined) throw new EslintWorkerError(`the ESLint worker could not be started: ${result.spawnError}`)
  const response = parseResponse(result.stdout, begin, end)
  const stderr = outputTail(result.stderr === '' ? result.all : result.stderr)
  if (result.signal !== undefined)
    throw new EslintWorkerError(
      `the ESLint worker (the repository's ESLint and its config) was killed by ${result.signal}${stderr === '' ? '' : `:\n${stderr}`}`,
    )
  if (result.exitCode !== 0 || response === undefined) {
    const what = result.exitCode !== 0 ? `exited with code ${String(result.exitCode)}` : 'exited without a response'
    throw new EslintWorkerError(
      `the ESLint worker (the repository's ESLint and its config) ${what}${response === undefined && result.exitCode !== 0 ? ' before answering' : ''}${stderr === '' ? '' : `:\n${stderr}`}`,
    )
  }
  return response
}

/** The response between the last `begin` line and the `end` line after it, or undefined. */
function parseResponse(stdout: string, begin: string, end: string): WorkerResponse | undefined {
  const from = stdout.lastIndexOf(`${begin}\n`)
  if (from < 0) return undefined
  const to = stdout.indexOf(`\n${end}`, from)
  if (to < 0) return undefined
  try {
    const value = JSON.parse(stdout.slice(from + begin.length + 1, to)) as WorkerResponse
    return typeof value === 'object' && value !== null && typeof value.ok === 'boolean' ? value : undefined
  } catch {
    return undefined
  }
}
