// Where a report goes: `--output FILE` and stdout. A regular file is replaced by temp file and
// rename; a FIFO, device or /dev/fd/N is written in place (never replaced by a regular file);
// a failed write (full disk, closed pipe) is a named error with exit 74, not a silent 0.
import { constants, write } from 'node:fs'
import { lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import { formatError, ProofgateError } from '../errors.js'

/**
 * How {@link writeOutput} writes a path: `replace` (temp file + rename), `in-place` (open the
 * existing FIFO or device, no create or truncate), `through-link` (a symlink to a regular file:
 * truncate and write the target, as a shell's `>` does), `append` (a /dev/fd-style alias of an
 * open descriptor, which may be a file others write too).
 */
export type OutputKind = 'replace' | 'in-place' | 'through-link' | 'append'

/** Paths that name a descriptor this process already has open: writing them must never create or truncate. */
const DESCRIPTOR_ALIAS = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/(?:self|thread-self|\d+)\/fd\/\d+)$/

function invalid(path: string, what: string): ProofgateError {
  return new ProofgateError('PG_OUTPUT_INVALID', `Invalid --output '${path}': ${what}.`, {
    hint: 'pass a file path (its directory is created), a FIFO or /dev/stdout, or drop --output to print to stdout',
  })
}

/**
 * Decides how `path` (absolute) is written, before any gate runs, so a bad `--output` costs nothing.
 * @throws ProofgateError PG_OUTPUT_INVALID (exit 64) for a directory or a dangling symlink.
 */
export async function planOutput(path: string): Promise<OutputKind> {
  if (DESCRIPTOR_ALIAS.test(path)) return 'append'
  let link
  try {
    link = await lstat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'replace'
    if (code === 'ENOTDIR') throw invalid(path, 'a parent of it is not a directory')
    throw outputFailed(path, error)
  }
  let target = link
  if (link.isSymbolicLink()) {
    try {
      target = await stat(path)
    } catch {
      throw invalid(path, 'a symbolic link to nothing')
    }
  }
  if (target.isDirectory()) throw invalid(path, 'it is a directory')
  // A link to a regular file is written through (as a shell's `>` would); the link stays.
  if (target.isFile()) return link.isSymbolicLink() ? 'through-link' : 'replace'
  return 'in-place'
}

/** The descriptor number `path` names in this process (/dev/stdout → 1), or undefined for another process's. */
function descriptorOf(path: string): number | undefined {
  if (path === '/dev/stdout') return 1
  if (path === '/dev/stderr') return 2
  const match =
    /^\/(?:dev\/fd|proc\/(?:self|thread-self)\/fd)\/(\d+)$/.exec(path) ??
    (/^\/proc\/(\d+)\/fd\/(\d+)$/.exec(path)?.[1] === String(process.pid) ? /(\d+)$/.exec(path) : null)
  return match === null ? undefined : Number(match[1])
}

/** Writes all of `data` to `fd`, however many writes a pipe takes. */
async function writeAll(fd: number, data: Buffer): Promise<void> {
  let offset = 0
  while (offset < data.length) {
    try {
      offset += await new Promise<number>((resolve, reject) =>
        write(fd, data, offset, data.length - offset, null, (error, written) => (error === null ? resolve(written) : reject(error))),
      )
    } catch (error) {
      // libuv keeps stdout pipes non-blocking: a full pipe says EAGAIN until the reader catches up.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
}

/**
 * The error for a failed write of `path` (`stdout` for the standard output): exit 74.
 */
export function outputFailed(path: string, error: unknown): ProofgateError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const why =
    code === 'ENOSPC'
      ? 'no space left on the device'
      : code === 'EPIPE'
        ? 'the reader closed the pipe'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EROFS'
            ? 'the file system is read-only'
            : (code ?? String(error))
  return new ProofgateError('PG_OUTPUT_FAILED', `Cannot write the report to ${path}: ${why}.`, {
    hint:
      path === 'stdout'
        ? "keep the reader of proofgate's output open (no `| head`), or pass --output FILE"
        : 'check the path and free space, or write to another --output',
    cause: error,
  })
}

/**
 * Writes `text` to `path` (absolute) the way {@link planOutput} says: a regular file by temp file
 * in its directory and rename, a FIFO, device or descriptor alias in place.
 * @throws ProofgateError PG_OUTPUT_INVALID (64) or PG_OUTPUT_FAILED (74).
 */
export async function writeOutput(path: string, text: string): Promise<void> {
  const kind = await planOutput(path)
  const fd = kind === 'append' ? descriptorOf(path) : undefined
  if (fd !== undefined) {
    // Reopening /proc/self/fd/N fails for a socket (ENXIO) and would reset a file's offset: use
    // the descriptor this process already holds.
    try {
      await writeAll(fd, Buffer.from(text, 'utf8'))
    } catch (error) {
      throw outputFailed(path, error)
    }
    return
  }
  if (kind !== 'replace') {
    const flags = constants.O_WRONLY | (kind === 'append' ? constants.O_APPEND : kind === 'through-link' ? constants.O_TRUNC : 0)
    let handle
    try {
      handle = await open(path, flags)
      await handle.writeFile(text, 'utf8')
    } catch (error) {
      throw outputFailed(path, error)
    } finally {
      await handle?.close().catch(() => undefined)
    }
    return
  }
  const dir = dirname(path)
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await mkdir(dir, { recursive: true })
    const handle = await open(temp, 'wx', 0o644)
    try {
      await handle.writeFile(text, 'utf8')
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw outputFailed(path, error)
  }
}

/** Watches a stream for write errors (EPIPE, ENOSPC) that would otherwise end the process with 0. */
export interface StreamWatch {
  /** Waits until everything written so far is flushed or failed; returns the first write error, if any. */
  settle(): Promise<NodeJS.ErrnoException | undefined>
}

/**
 * Starts watching `stream` (process.stdout) for write errors. Node reports them as 'error'
 * events, after the write call returned, so the exit code is decided only after {@link StreamWatch.settle}.
 */
export function watchStream(stream: NodeJS.WritableStream & { writableNeedDrain?: boolean; writableLength?: number }): StreamWatch {
  let failure: NodeJS.ErrnoException | undefined
  stream.on('error', (error: NodeJS.ErrnoException) => {
    failure ??= error
  })
  return {
    async settle() {
      if (failure === undefined && (stream.writableLength ?? 0) > 0) {
        await new Promise<void>((resolve) => {
          const done = (): void => resolve()
          stream.once('drain', done)
          stream.once('error', done)
        })
      }
      // Errors of the last synchronous writes arrive on the next tick.
      await new Promise((resolve) => setImmediate(resolve))
      return failure
    },
  }
}

/**
 * The exit code once stdout has settled: `code`, or 74 with the named error on `stderr` when a
 * write to stdout failed (a full disk, a reader that closed the pipe).
 */
export async function settleStdout(watch: StreamWatch, stderr: { write(text: string): unknown }, code: number): Promise<number> {
  const failure = await watch.settle()
  if (failure === undefined) return code
  const error = outputFailed('stdout', failure)
  stderr.write(formatError(error) + '\n')
  return error.exitCode
}
