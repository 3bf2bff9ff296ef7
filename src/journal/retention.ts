// Journal retention: events older than the retention period are folded into one `day-aggregate`
// event per UTC day (runs, verdicts, gate statuses, skips), rewritten atomically under the
// journal's lock; recent events, existing aggregates and unreadable lines are kept as they are.
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { JOURNAL_VERSION, journalPath, withJournalLock, type JournalEvent } from './journal.js'
import { readRealFile } from '../util/real-file.js'
import { writeStateText } from '../util/state.js'
import { dirname } from 'node:path'

/** Events older than this many days are compacted (not configurable yet). */
export const RETENTION_DAYS = 30
/** The run id of aggregate events. */
const AGGREGATE_RUN_ID = 'retention'

/** One UTC day of compacted events. */
export interface DayAggregate extends JournalEvent {
  type: 'day-aggregate'
  /** `YYYY-MM-DD` (UTC). */
  day: string
  /** Events folded in. */
  events: number
  /** `run-started` events. */
  runs: number
  verdicts: Record<string, number>
  /** Per gate, `gate-ended` events per status. */
  gates: Record<string, Record<string, number>>
  /** `hook-skipped` events (PROOFGATE_SKIP). */
  skips: number
}

/** The first event's time that is not an aggregate, read from the head of the file only (ms since the epoch), or null. */
async function oldestEventTime(file: string): Promise<number | null> {
  let handle
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch {
    return null
  }
  try {
    const buffer = Buffer.alloc(1 << 20)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    for (const line of buffer.subarray(0, bytesRead).toString('utf8').split('\n').slice(0, -1)) {
      try {
        const e = JSON.parse(line) as Partial<JournalEvent>
        if (e.type !== 'day-aggregate' && typeof e.ts === 'string') return Date.parse(e.ts)
      } catch {
        // An unreadable line is kept and skipped here.
      }
    }
    return null
  } finally {
    await handle.close()
  }
}

function emptyDay(day: string): DayAggregate {
  return {
    v: JOURNAL_VERSION,
    ts: `${day}T00:00:00.000Z`,
    runId: AGGREGATE_RUN_ID,
    type: 'day-aggregate',
    day,
    events: 0,
    runs: 0,
    verdicts: {},
    gates: {},
    skips: 0,
  }
}

function fold(day: DayAggregate, e: JournalEvent): void {
  day.events++
  if (e.type === 'run-started') day.runs++
  if (e.type === 'verdict') day.verdicts[String(e.verdict)] = (day.verdicts[String(e.verdict)] ?? 0) + 1
  if (e.type === 'hook-skipped') day.skips++
  if (e.type === 'gate-ended') {
    const gate = (day.gates[String(e.gate)] ??= {})
    gate[String(e.status)] = (gate[String(e.status)] ?? 0) + 1
  }
}

/** The compacted text of `text`: aggregates (old and new, by day) first, then every line kept. */
function compact(text: string, cutoff: number): { text: string; compacted: number } {
  const days = new Map<string, DayAggregate>()
  const kept: string[] = []
  let compacted = 0
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    let e: JournalEvent | null = null
    try {
      e = JSON.parse(line) as JournalEvent
    } catch {
      // Not JSON: kept as it is (retention loses nothing it cannot account for).
    }
    if (e !== null && e.type === 'day-aggregate' && typeof e.day === 'string') {
      days.set(e.day, e as DayAggregate)
      continue
    }
    const time = e === null || typeof e.ts !== 'string' ? NaN : Date.parse(e.ts)
    if (e === null || Number.isNaN(time) || time >= cutoff) {
      kept.push(line)
      continue
    }
    const key = e.ts.slice(0, 10)
    const day = days.get(key) ?? emptyDay(key)
    days.set(key, day)
    fold(day, e)
    compacted++
  }
  const aggregates = [...days.values()].sort((a, b) => a.day.localeCompare(b.day)).map((d) => JSON.stringify(d))
  return { text: [...aggregates, ...kept].map((l) => `${l}\n`).join(''), compacted }
}

/**
 * Compacts the journal under `stateDir` when its oldest event is older than `days` days before
 * `now`: under the journal's lock, the file is replaced (temp file and rename, never through a
 * link) by the day aggregates followed by every event it keeps. Returns how many events were
 * folded (0 when nothing was due).
 * @throws ProofgateError PG_STATE_LOCKED, PG_STATE_UNSAFE or PG_STATE_UNWRITABLE.
 */
export async function compactJournal(stateDir: string, options: { now?: Date; days?: number } = {}): Promise<number> {
  const file = journalPath(stateDir)
  const cutoff = (options.now ?? new Date()).getTime() - (options.days ?? RETENTION_DAYS) * 24 * 3600_000
  const oldest = await oldestEventTime(file)
  if (oldest === null || oldest >= cutoff) return 0
  return withJournalLock(file, async () => {
    const read = await readRealFile(dirname(stateDir), file)
    if (read.kind !== 'file') return 0
    const result = compact(read.text, cutoff)
    if (result.compacted > 0) await writeStateText(file, result.text)
    return result.compacted
  })
}
