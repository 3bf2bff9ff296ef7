// The one way proofgate runs the repository's own code (test suites, coverage runs, tsc, proof
// commands): an allow-listed environment, secrets redacted from what comes back, its own process
// group that is killed on every way out, and output in proofgate's words.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Socket } from 'node:net'
import { isAbsolute } from 'node:path'
import type { Readable } from 'node:stream'
import { stripVTControlCharacters } from 'node:util'
import { registerGroup, unregisterGroup } from './cleanup.js'

/**
 * Names passed to the repository's code as they are. Everything else is removed unless the
 * config's `env-pass` names it. NODE_OPTIONS is not here: it can `--require`/`--import` a file
 * into every Node process the suite starts, which is proofgate's environment speaking through
 * the repository's code; a repository that needs it lists it in `env-pass`.
 */
const PASSED_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'TMP',
  'TEMP',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TERM',
  'CI',
  'NODE_ENV',
  // Where the machine's CA certificates are (paths, not credentials): behind a TLS-inspecting proxy a suite needs them.
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
])
/** Prefixes passed as they are: the locale and the test runners' own switches. */
const PASSED_PREFIXES = ['LC_', 'VITEST_', 'JEST_']
/** npm's settings (`npm_config_*`, `npm_package_*`, `npm_lifecycle_*`) pass, except credentials: `_auth`, `_authToken`, `_password`, `//registry/:…` keys. */
const NPM_PREFIX = /^npm_/i
const NPM_CREDENTIAL = /_auth|_password|\/\/|:|token|secret|password/i
/** A value shorter than this is not redacted: `1`, `true`, `en_US` would hide half the output. */
export const MIN_REDACTED_LENGTH = 6
/** What a redacted value becomes. */
export const REDACTED = '***'

/** The environment the repository's code gets, and what was kept from it. */
export interface RepositoryEnv {
  /** The child's whole environment (a replacement, not an overlay). */
  env: NodeJS.ProcessEnv
  /** Values of removed variables, longest first, that {@link redactText} replaces. */
  secrets: string[]
}

/** True when the variable `name` passes by default (the allow-list). */
export function passesByDefault(name: string): boolean {
  if (PASSED_NAMES.has(name)) return true
  if (PASSED_PREFIXES.some((p) => name.startsWith(p))) return true
  return NPM_PREFIX.test(name) && !NPM_CREDENTIAL.test(name.slice(4))
}

/**
 * Builds the environment of the repository's code from `base` (proofgate's environment): the
 * allow-list ({@link passesByDefault}) plus the names in `pass` (the config's `env-pass`, exact
 * names). Every other variable is removed and, when its value is at least
 * {@link MIN_REDACTED_LENGTH} characters, becomes a secret to redact, except values that name an
 * existing absolute path (PWD, OLDPWD, `_`): a path is not a credential, and hiding it would
 * mangle every stack trace.
 */
export function repositoryEnv(base: NodeJS.ProcessEnv, pass: readonly string[] = []): RepositoryEnv {
  const listed = new Set(pass)
  const env: NodeJS.ProcessEnv = {}
  const removed: string[] = []
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue
    if (listed.has(name) || passesByDefault(name)) env[name] = value
    else removed.push(value)
  }
  const kept = new Set(Object.values(env))
  const secrets = [...new Set(removed)]
    .filter((v) => v.length >= MIN_REDACTED_LENGTH && !kept.has(v) && !(isAbsolute(v) && existsSync(v)))
    .sort((a, b) => b.length - a.length)
  return { env, secrets }
}

/** `scheme://user:password@` and `scheme://token@`: the credentials of a URL. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:'"<>]+(?::[^\s/@'"<>]*)?@/gi

/** `text` with every URL's `user:password@` replaced by `***@` (the host stays readable). */
export function redactUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1${REDACTED}@`)
}

/** `text` with each of `secrets` (longest first) and each URL's credentials replaced by `***`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  return redactUrlCredentials(out)
}

/** Lines of output kept in a finding, a journal line or a report: the end, where errors are. */
export const TAIL_LINES = 40
/** Bytes (UTF-8) of output kept, at most. */
export const TAIL_BYTES = 4_096

/**
 * The last `maxLines` lines of `text`, cut to at most `maxBytes` bytes of UTF-8 from the end (a
 * character split by the cut is dropped); terminal control sequences removed, trailing whitespace trimmed.
 */
export function outputTail(text: string, maxLines = TAIL_LINES, maxBytes = TAIL_BYTES): string {
  const lines = stripVTControlCharacters(text).trimEnd().split('\n')
  const out = lines.slice(-maxLines).join('\n')
  const bytes = Buffer.from(out, 'utf8')
  if (bytes.length <= maxBytes) return out
  // Continuation bytes (10xxxxxx) at the cut belong to a character that started before it.
  let start = bytes.length - maxBytes
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++
  return bytes.subarray(start).toString('utf8')
}

/** The tail of everything a run of repository code printed (stdout and stderr interleaved), or words saying it printed nothing. */
export function runOutputTail(result: Pick<RepoCodeResult, 'all'>, nothing = '(the runner printed nothing)'): string {
  const text = outputTail(result.all)
  return text === '' ? nothing : text
}

/** What {@link runRepositoryCode} observed. Output is already redacted and free of terminal control sequences. */
export interface RepoCodeResult {
  /** The command's exit code; undefined when it was killed by a signal, stopped by us, or not started. */
  exitCode: number | undefined
  /** The signal that killed the command (not one we sent to stop it). */
  signal: string | undefined
  stdout: string
  stderr: string
  /** stdout and stderr interleaved as written. */
  all: string
  /** Wall-clock ms. */
  durationMs: number
  /** True when `options.signal` aborted (the gate's timeout or a cancelled run) and we stopped the command. */
  cancelled: boolean
  /** True when `options.timeoutMs` passed and we stopped the command. */
  timedOut: boolean
  /** Why the command could not be started, in proofgate's words (`npm was not found on PATH`). */
  spawnError: string | undefined
  /** Redacts the run's secrets from other text the command produced (a reporter file). */
  redact(text: string): string
}

/** Options of {@link runRepositoryCode}. */
export interface RepoCodeOptions {
  /** Where the command runs: the repository root, or a temporary work tree of the version under test. */
  cwd: string
  /** Stops the command (its whole process group) when aborted. */
  signal?: AbortSignal
  /** Stops the command after this many ms (`timedOut`). */
  timeoutMs?: number
  /** The config's `env-pass`: names passed on top of the allow-list. */
  envPass?: readonly string[]
  /** proofgate's environment to filter (default `process.env`). */
  baseEnv?: NodeJS.ProcessEnv
  /** Bytes of interleaved output kept, the end of it (default 64 MiB). */
  maxBuffer?: number
  /**
   * What the command reads on stdin (default: nothing, stdin closed). Written as it comes; its
   * end does not end the command's stdin, which stays open until the command exits (it doubles as
   * the lifeline that stops the command when proofgate dies), so the command must not wait for it.
   */
  input?: Readable
  /**
   * Text the command reads on stdin, after which its stdin is closed (EOF), as `cmd < file` would
   * give it: a request for a command that reads to the end. Not with `input`. A command that exits
   * without reading it is not an error.
   */
  stdinText?: string
  /**
   * false: start the command directly as the leader of its own process group, without the Node
   * launcher (about 80 ms less per command, the launcher's start-up). The group is still killed when
   * the command exits, on timeout, on abort and when proofgate gets SIGINT or SIGTERM or exits; what
   * is lost is the kill when proofgate itself is killed by SIGKILL (the command then runs until its
   * own end). For short commands that get their input as `stdinText` (reviewers, judges). Default true.
   */
  lifeline?: boolean
  /** Called once the command is started, with the handle that lets an idle command not hold proofgate's event loop open. */
  onStarted?(handle: RepoCodeHandle): void
}

/** Whether a started command keeps proofgate's event loop alive (like a timer's ref/unref). */
export interface RepoCodeHandle {
  /** Keeps proofgate running until the command ends (the default). */
  ref(): void
  /** Lets proofgate exit while the command still runs (it is killed then, as its group is). */
  unref(): void
}

/** ms between the SIGTERM that asks a stopped group to end and the SIGKILL that makes it. */
const KILL_GRACE_MS = 500

/**
 * A tiny CommonJS launcher, the leader of a new process group, that runs the command inside that
 * group. When the command exits it writes `{code, signal}` (or `{spawnError}`) to fd 3 and kills
 * the group, so no stray process (a server a test started) keeps running or holds the pipes. When
 * proofgate dies, even by SIGKILL, its end of the launcher's stdin closes and the launcher kills
 * the group too. SIGTERM is left to the command, which gets it with the whole group. With `pipe`
 * as its first argument it passes what arrives on its stdin to the command's stdin; with
 * `text:<bytes>` it passes that many bytes and then closes the command's stdin (its own stays open).
 */
const LAUNCHER = `
const { spawn } = require('node:child_process')
const { writeSync } = require('node:fs')
const [input, file, ...args] = process.argv.slice(1)
const killGroup = () => { try { process.kill(-process.pid, 'SIGKILL') } catch {} }
const report = (status) => { try { writeSync(3, JSON.stringify(status)) } catch {} }
process.on('SIGTERM', () => {})
process.on('SIGINT', () => {})
const text = input.startsWith('text:') ? Number(input.slice(5)) : -1
const child = spawn(file, args, { stdio: [input === 'none' ? 'ignore' : 'pipe', 'inherit', 'inherit'] })
child.on('error', (error) => { report({ spawnError: error.code ?? error.message }); killGroup() })
child.on('exit', (code, signal) => { report({ code, signal }); killGroup() })
if (child.stdin) {
  child.stdin.on('error', () => {})
  let left = text
  if (left === 0) child.stdin.end()
  process.stdin.on('data', (chunk) => {
    if (text < 0) return child.stdin.write(chunk)
    if (left <= 0) return
    const part = chunk.length > left ? chunk.subarray(0, left) : chunk
    left -= part.length
    child.stdin.write(part)
    if (left === 0) child.stdin.end()
  })
}
process.stdin.on('close', killGroup)
process.stdin.on('end', killGroup)
process.stdin.resume()
`

interface Status {
  code?: number | null
  signal?: string | null
  spawnError?: string
}

function spawnError(file: string, code: string): string {
  if (code === 'ENOENT') return `${file} was not found on PATH`
  if (code === 'EACCES') return `${file} is not executable (EACCES)`
  return `${file} could not be started (${code})`
}

/** Collects the interleaved output, keeping the last `max` bytes. */
function collector(max: number): { push(stream: 'out' | 'err', chunk: Buffer): void; text(stream?: 'out' | 'err'): string } {
  const chunks: Array<{ stream: 'out' | 'err'; chunk: Buffer }> = []
  let size = 0
  return {
    push(stream, chunk) {
      chunks.push({ stream, chunk })
      size += chunk.length
      while (size > max && chunks.length > 1) size -= chunks.shift()!.chunk.length
    },
    text(stream) {
      return Buffer.concat(chunks.filter((c) => stream === undefined || c.stream === stream).map((c) => c.chunk)).toString('utf8')
    },
  }
}

/**
 * Runs `file args` as the repository's code: environment from {@link repositoryEnv}, stdin
 * closed, in its own process group (POSIX), killed as a group when the command exits, when
 * `timeoutMs` passes or `signal` aborts (SIGTERM, then SIGKILL after 500 ms), and when proofgate
 * itself gets SIGINT or SIGTERM or dies. Never throws for a failing, missing or killed command.
 */
export async function runRepositoryCode(file: string, args: readonly string[], options: RepoCodeOptions): Promise<RepoCodeResult> {
  const started = performance.now()
  const { env, secrets } = repositoryEnv(options.baseEnv ?? process.env, options.envPass)
  const redact = (text: string): string => redactText(text, secrets)
  const output = collector(options.maxBuffer ?? 64 * 1024 * 1024)
  const finish = (status: Status, stopped: { cancelled: boolean; timedOut: boolean }): RepoCodeResult => {
    const clean = (text: string): string => redact(stripVTControlCharacters(text))
    const byUs = stopped.cancelled || stopped.timedOut
    return {
      exitCode: byUs || status.spawnError !== undefined ? undefined : (status.code ?? undefined),
      signal: byUs ? undefined : (status.signal ?? undefined),
      stdout: clean(output.text('out')),
      stderr: clean(output.text('err')),
      all: clean(output.text()),
      durationMs: Math.round(performance.now() - started),
      ...stopped,
      spawnError: status.spawnError === undefined ? undefined : spawnError(file, status.spawnError),
      redact,
    }
  }
  if (options.signal?.aborted === true) return finish({}, { cancelled: true, timedOut: false })

  const windows = process.platform === 'win32'
  const stdinBytes = options.stdinText === undefined ? undefined : Buffer.from(options.stdinText, 'utf8')
  const inputMode = stdinBytes !== undefined ? `text:${stdinBytes.length}` : options.input === undefined ? 'none' : 'pipe'
  // Without the launcher the command is the group's leader and reports its own status.
  const direct = windows || options.lifeline === false
  const child: ChildProcess = direct
    ? spawn(file, [...args], {
        cwd: options.cwd,
        env,
        stdio: [inputMode === 'none' ? 'ignore' : 'pipe', 'pipe', 'pipe', 'pipe'],
        detached: !windows,
        windowsHide: true,
      })
    : spawn(process.execPath, ['--input-type=commonjs', '-e', LAUNCHER, '--', inputMode, file, ...args], {
        cwd: options.cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
        detached: true,
      })
  const group = child.pid
  if (group !== undefined && !windows) registerGroup(group)
  // Never end() the child's stdin: on POSIX it is the launcher's lifeline.
  options.input?.on('data', (chunk: Buffer | string) => child.stdin?.write(chunk))
  if (stdinBytes !== undefined) {
    child.stdin?.write(stdinBytes)
    // With the launcher, it counts the bytes and closes the command's stdin; its own stays the lifeline.
    if (direct) child.stdin?.end()
  }
  options.onStarted?.(handleOf(child))
  const stopped = { cancelled: false, timedOut: false }
  let graceTimer: NodeJS.Timeout | undefined
  const stop = (why: 'cancelled' | 'timedOut'): void => {
    if (stopped.cancelled || stopped.timedOut) return
    stopped[why] = true
    if (windows || group === undefined) {
      child.kill('SIGKILL')
      return
    }
    killGroup(group, 'SIGTERM')
    graceTimer = setTimeout(() => killGroup(group, 'SIGKILL'), KILL_GRACE_MS)
  }
  const onAbort = (): void => stop('cancelled')
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop('timedOut'), options.timeoutMs)

  let statusText = ''
  child.stdout!.on('data', (c: Buffer) => output.push('out', c))
  child.stderr!.on('data', (c: Buffer) => output.push('err', c))
  const fd3 = child.stdio[3] as NodeJS.ReadableStream | null
  fd3?.on('data', (c: Buffer) => (statusText += c.toString('utf8')))
  // The launcher's stdin is only a lifeline: it closes when proofgate dies.
  child.stdin?.on('error', () => undefined)

  const status = await new Promise<Status>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ spawnError: error.code ?? error.message }))
    // As the launcher does: once the leader exits, what is left of its group goes, so no stray
    // process holds the pipes open and 'close' comes.
    if (direct && !windows && group !== undefined) child.on('exit', () => killGroup(group, 'SIGKILL'))
    child.on('close', (code, signal) => {
      if (direct) return resolve({ code, signal })
      try {
        resolve(JSON.parse(statusText) as Status)
      } catch {
        // No status: the launcher was killed before the command ended (by our stop or from outside).
        resolve({ code: null, signal: signal ?? 'SIGKILL' })
      }
    })
  })
  clearTimeout(timer)
  clearTimeout(graceTimer)
  options.signal?.removeEventListener('abort', onAbort)
  if (group !== undefined && !windows) {
    // Whatever is left of the group (the launcher kills it, unless it was itself killed) goes now.
    killGroup(group, 'SIGKILL')
    unregisterGroup(group)
  }
  return finish(status, stopped)
}

function handleOf(child: ChildProcess): RepoCodeHandle {
  const streams = child.stdio.filter((s) => s !== null) as unknown as Array<Partial<Pick<Socket, 'ref' | 'unref'>>>
  return {
    ref() {
      child.ref()
      for (const s of streams) s.ref?.()
    },
    unref() {
      child.unref()
      for (const s of streams) s.unref?.()
    },
  }
}

function killGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}
