// The append-only journal `.proofgate/journal/events.jsonl`: one JSON event per line, appended
// under a cross-process lock (proper-lockfile), each line written whole by a single write.
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import { ProofgateError } from '../errors.js'

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
 * @throws ProofgateError PG_STATE_LOCKED when the lock stays held by another live process for ~10 s.
 */
export function appendEvents(stateDir: string, events: ReadonlyArray<Omit<JournalEvent, 'v' | 'ts'> & { ts?: string }>): Promise<void> {
  if (events.length === 0) return Promise.resolve()
  const file = journalPath(stateDir)
  // Timestamps are taken when the events are handed over, not when the queue reaches them.
  const stamped = events.map((e) => ({ ...e, ts: e.ts ?? new Date().toISOString() }))
  const previous = queues.get(file) ?? Promise.resolve()
  const next = previous.catch(() => undefined).then(() => appendLocked(stateDir, file, stamped))
  queues.set(file, next)
  void next.finally(() => {
    if (queues.get(file) === next) queues.delete(file)
  }).catch(() => undefined)
  return next
}

async function appendLocked(stateDir: string, file: string, events: ReadonlyArray<Omit<JournalEvent, 'v'>>): Promise<void> {
  await mkdir(join(stateDir, 'journal'), { recursive: true })
  const text = events.map((e) => JSON.stringify({ v: JOURNAL_VERSION, ts: e.ts, ...e })).join('\n') + '\n'
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 100, factor: 1.2, minTimeout: 10, maxTimeout: 250 },
    })
  } catch (error) {
    throw new ProofgateError('PG_STATE_LOCKED', `The journal ${file} is locked by another process.`, {
      hint: 'wait for the other proofgate run to finish; a lock left by a crashed run expires after 10 s',
      cause: error,
    })
  }
  try {
    await appendFile(file, text, { encoding: 'utf8', flag: 'a' })
  } finally {
    await release()
  }
}

export interface ReadJournal {
  events: JournalEvent[]
  /** One per skipped line: `events.jsonl:12: not valid JSON`. */
  warnings: string[]
}

/** Reads every event; a corrupt or partial line is skipped with a warning, never fatal. */
export async function readEvents(stateDir: string): Promise<ReadJournal> {
  let text: string
  try {
    text = await readFile(journalPath(stateDir), 'utf8')
  } catch {
    return { events: [], warnings: [] }
  }
  const events: JournalEvent[] = []
  const warnings: string[] = []
  const lines = text.split('\n')
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    try {
      const value = JSON.parse(line) as Partial<JournalEvent>
      if (typeof value !== 'object' || value === null || typeof value.type !== 'string' || typeof value.runId !== 'string') {
        warnings.push(`events.jsonl:${i + 1}: not a journal event (needs type and runId); skipped`)
        return
      }
      events.push(value as JournalEvent)
    } catch {
      warnings.push(`events.jsonl:${i + 1}: not valid JSON; skipped`)
    }
  })
  return { events, warnings }
}
