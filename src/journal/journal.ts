// The append-only journal `.proofgate/journal/events.jsonl`: one JSON event per line, appended
// under a cross-process lock (proper-lockfile), each line written whole by a single write through
// util/state (parents checked, O_NOFOLLOW), so a planted symlink is refused, never appended through.
import { constants } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import lockfile from 'proper-lockfile'
import { ProofgateError } from '../errors.js'
import { appendStateText, ensureStateDirectory } from '../util/state.js'

/** The `v` of every journal line; raised when an event's shape changes incompatibly. */
export const JOURNAL_VERSION = 1

/** Every event carries these; the rest depends on `type`. */
export interface JournalEvent {
  v: number
  /** ISO 8601. */
  ts: string
  runId: string
  type: string
  [key: string]: unknown
}

/** Absolute path of the journal under a state dir. */
export function journalPath(stateDir: string): string {
  return join(stateDir, 'journal', 'events.jsonl')
}

/** The last append queued per journal file in this process. */
const queues = new Map<string, Promise<void>>()

/**
 * Appends events under the lock, all lines in one write. Appends from this process are queued, so
 * gates ending together never contend for the lock and sleep in its retries (10 ms and up); the
 * lock still orders them against other processes.
 * @throws ProofgateError PG_STATE_LOCKED (exit 75) when the lock stays held by another live process for ~2 s;
 *   PG_STATE_UNSAFE when the journal or a parent is a symlink.
 */
export function appendEvents(stateDir: string, events: ReadonlyArray<Omit<JournalEvent, 'v' | 'ts'> & { ts?: string }>): Promise<void> {
  return appendEventsTo(journalPath(stateDir), events)
}

/**
 * `appendEvents` to another JSON-lines file with the same lock discipline (absolute path; its
 * directory is created), e.g. `.proofgate/proof-results.jsonl`.
 * @throws ProofgateError PG_STATE_LOCKED as appendEvents.
 */
export function appendEventsTo(file: string, events: ReadonlyArray<Omit<JournalEvent, 'v' | 'ts'> & { ts?: string }>): Promise<void> {
  if (events.length === 0) return Promise.resolve()
  // Timestamps are taken when the events are handed over, not when the queue reaches them.
  const stamped = events.map((e) => ({ ...e, ts: e.ts ?? new Date().toISOString() }))
  const previous = queues.get(file) ?? Promise.resolve()
  const next = previous.catch(() => undefined).then(() => appendLocked(file, stamped))
  queues.set(file, next)
  void next
    .finally(() => {
      if (queues.get(file) === next) queues.delete(file)
    })
    .catch(() => undefined)
  return next
}

/** True when `file` exists and its last byte is not a newline (a writer died mid-line). */
async function endsMidLine(file: string): Promise<boolean> {
  let handle
  try {
    // No following a planted link, and no blocking on a FIFO: the append below refuses both.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch {
    return false
  }
  try {
    const stats = await handle.stat()
    const size = stats.size
    if (!stats.isFile() || size === 0) return false
    const last = Buffer.alloc(1)
    await handle.read(last, 0, 1, size - 1)
    return last[0] !== 0x0a
  } finally {
    await handle.close()
  }
}

async function appendLocked(file: string, events: ReadonlyArray<Omit<JournalEvent, 'v'>>): Promise<void> {
  await ensureStateDirectory(dirname(file))
  const text = events.map((e) => JSON.stringify({ v: JOURNAL_VERSION, ts: e.ts, ...e })).join('\n') + '\n'
  await withJournalLock(file, async () => {
    // A partial line left by a crashed writer would swallow this append's first event into one
    // corrupt line; starting on a fresh line keeps it readable.
    const separator = (await endsMidLine(file)) ? '\n' : ''
    await appendStateText(file, separator + text)
  })
}

/**
 * Runs `fn` holding the cross-process lock of the JSON-lines `file` (absolute), the one every
 * append takes: journal retention rewrites the file under it.
 * @throws ProofgateError PG_STATE_LOCKED as appendEvents.
 */
export async function withJournalLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 10_000,
      // ~2 s of retries (10 ms growing to 250 ms): an append holds the lock for milliseconds, so
      // a lock held longer is another live run's, and waiting 20 s for it helps nobody.
      retries: { retries: 21, factor: 1.2, minTimeout: 10, maxTimeout: 250 },
    })
  } catch (error) {
    if (error instanceof ProofgateError) throw error
    throw new ProofgateError('PG_STATE_LOCKED', `The journal ${file} is locked by another process.`, {
      hint: 'another proofgate run is writing it: run again when it has finished (exit 75 means try again); a lock left by a crashed run expires after 10 s',
      cause: error,
    })
  }
  try {
    return await fn()
  } finally {
    await release()
  }
}

/** A journal read back: the events that parsed, and one warning per line that did not. */
export interface ReadJournal {
  events: JournalEvent[]
  /** One per skipped line: `events.jsonl:12: not valid JSON`. */
  warnings: string[]
}

/** Reads every event; a corrupt or partial line is skipped with a warning, never fatal. */
export async function readEvents(stateDir: string): Promise<ReadJournal> {
  return readEventsFrom(journalPath(stateDir))
}

/** `readEvents` of another JSON-lines file (absolute path); a missing or unreadable file has no events. */
export async function readEventsFrom(file: string): Promise<ReadJournal> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return { events: [], warnings: [] }
  }
  return parseEvents(text, basename(file))
}

/**
 * Parses JSON-lines `text`; a line that is not JSON or not an event (no string `type` and
 * `runId`) is skipped with a warning naming `name` and its 1-based line, e.g. `events.jsonl:12`.
 */
export function parseEvents(text: string, name: string): ReadJournal {
  const events: JournalEvent[] = []
  const warnings = forEachEvent(text, name, (e) => events.push(e))
  return { events, warnings }
}

/**
 * Calls `visit` with each event of `text` (JSON lines) in order, without keeping them: a 100,000-event
 * journal is read in one pass with no array of events (`proofgate history` and `health`). Returns
 * the warnings for skipped lines, as {@link parseEvents}.
 */
export function forEachEvent(text: string, name: string, visit: (event: JournalEvent) => void): string[] {
  const warnings: string[] = []
  let start = 0
  for (let line = 1; start < text.length; line++) {
    const end = text.indexOf('\n', start)
    const raw = text.slice(start, end === -1 ? text.length : end)
    start = end === -1 ? text.length : end + 1
    if (raw.trim() === '') continue
    let value: Partial<JournalEvent>
    try {
      value = JSON.parse(raw) as Partial<JournalEvent>
    } catch {
      warnings.push(`${name}:${line}: not valid JSON; skipped`)
      continue
    }
    if (typeof value !== 'object' || value === null || typeof value.type !== 'string' || typeof value.runId !== 'string') {
      warnings.push(`${name}:${line}: not a journal event (needs type and runId); skipped`)
      continue
    }
    visit(value as JournalEvent)
  }
  return warnings
}
