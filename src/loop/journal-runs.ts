// The journal read back as runs: one record per run id from its `run-started`, `gate-ended` and
// `verdict` events, for `proofgate history` and `proofgate health`. Also what the verdict event
// records for them (journalDetails), so nothing is recorded by hand.
import type { GateStatus } from '../gates/types.js'
import type { ReportedFinding } from '../findings/types.js'
import { ProofgateError } from '../errors.js'
import { forEachEvent, journalPath, type JournalEvent } from '../journal/journal.js'
import { readRealFile } from '../util/real-file.js'
import { stateDir } from '../util/state.js'
import type { GateResult } from '../runner/types.js'

/** At most this many blocking findings and failing tests are recorded per verdict event. */
const DETAIL_CAP = 50

/** A blocking finding as the verdict event records it (no message: it may be long or volatile). */
export interface JournalFinding {
  gate: string
  ruleId: string
  path?: string
  fingerprint: string
}

/** The verdict event's extra fields: blocking findings, failing tests, waiver findings. */
export function journalDetails(
  findings: readonly ReportedFinding[],
  gates: readonly GateResult[],
): { blockingFindings: JournalFinding[]; failingTests: Array<{ name: string; file: string | null }>; waivers: { expired: number; unused: number } } {
  const blocking = findings.filter((f) => f.blocking)
  const data = gates.find((g) => g.id === 'tests')?.data as { failures?: Array<{ name?: unknown; file?: unknown }> } | undefined
  const failures = Array.isArray(data?.failures) ? data.failures : []
  return {
    blockingFindings: blocking
      .slice(0, DETAIL_CAP)
      .map((f) => ({ gate: f.gate, ruleId: f.ruleId, ...(f.path === undefined ? {} : { path: f.path }), fingerprint: f.fingerprint })),
    failingTests: failures
      .slice(0, DETAIL_CAP)
      .map((f) => ({ name: typeof f.name === 'string' ? f.name : '(unnamed)', file: typeof f.file === 'string' ? f.file : null })),
    waivers: {
      expired: findings.filter((f) => f.gate === 'proofgate' && f.ruleId === 'waiver-expired').length,
      unused: findings.filter((f) => f.gate === 'proofgate' && f.ruleId === 'waiver-unused').length,
    },
    ...(findings.some((f) => f.gate === 'proofgate' && f.ruleId === 'escalation') ? { escalated: true as const } : {}),
  }
}

/** One run as the journal tells it. `verdict` is null for a run that never reached its verdict (a crash, a kill). */
export interface JournalRun {
  runId: string
  /** ISO 8601 of `run-started`. */
  startedAt: string
  /** ms since the epoch of `startedAt`. */
  time: number
  /** `head.ref`: the branch, a pushed ref, or `index` (pre-commit); null when detached. */
  branch: string | null
  scope: string
  diffHash: string | null
  verdict: 'pass' | 'blocked' | 'warn' | null
  exitCode: number | null
  gates: Array<{ gate: string; status: GateStatus }>
  blockingFindings: JournalFinding[]
  failingTests: Array<{ name: string; file: string | null }>
  waivers: { expired: number; unused: number }
  inconclusive: number
  /** True when the run escalated (an `escalation` finding). */
  escalated: boolean
}

/** The runs and the other events (`run-start-recorded`, `hook-skipped`) of a journal, oldest first. */
export interface JournalRuns {
  runs: JournalRun[]
  /** `run-start-recorded` events: branch and ms since the epoch. */
  starts: Array<{ branch: string | null; time: number }>
  /** `hook-skipped` events: ms since the epoch. */
  skips: number[]
  /** Events of types that belong to a run (gate-*, verdict) whose run id has no `run-started`. */
  orphanEvents: Array<{ time: number }>
  /** Every run-scoped event, with whether its run id is known: for run-id coverage. */
  runEvents: Array<{ time: number; known: boolean }>
}

const RUN_EVENT_TYPES = new Set(['run-started', 'gate-started', 'gate-ended', 'verdict'])

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

/** Groups `events` into runs in one pass (100,000 events in well under a second). */
export function collectRuns(events: readonly JournalEvent[]): JournalRuns {
  const collector = createCollector()
  for (const e of events) collector.add(e)
  return collector.runs
}

/** An incremental {@link collectRuns}: events are added one at a time. */
function createCollector(): { add(e: JournalEvent): void; runs: JournalRuns } {
  const byId = new Map<string, JournalRun>()
  const out: JournalRuns = { runs: [], starts: [], skips: [], orphanEvents: [], runEvents: [] }
  const add = (e: JournalEvent): void => {
    const time = Date.parse(e.ts)
    if (e.type === 'run-start-recorded') out.starts.push({ branch: str(e.branch), time })
    else if (e.type === 'hook-skipped') out.skips.push(time)
    if (!RUN_EVENT_TYPES.has(e.type)) return
    if (e.type === 'run-started') {
      const run = newRun(e, time)
      byId.set(e.runId, run)
      out.runs.push(run)
    }
    const run = byId.get(e.runId)
    out.runEvents.push({ time, known: run !== undefined && e.runId !== '' })
    if (run === undefined) {
      out.orphanEvents.push({ time })
      return
    }
    if (e.type === 'gate-ended') run.gates.push({ gate: String(e.gate), status: e.status as GateStatus })
    if (e.type === 'verdict') readVerdict(run, e)
  }
  return { add, runs: out }
}

function newRun(e: JournalEvent, time: number): JournalRun {
  const head = e.head as { ref?: unknown } | undefined
  return {
    runId: e.runId,
    startedAt: e.ts,
    time,
    branch: str(head?.ref),
    scope: str(e.scope) ?? 'changes',
    diffHash: str(e.diffHash),
    verdict: null,
    exitCode: null,
    gates: [],
    blockingFindings: [],
    failingTests: [],
    waivers: { expired: 0, unused: 0 },
    inconclusive: 0,
    escalated: false,
  }
}

function readVerdict(run: JournalRun, e: JournalEvent): void {
  run.verdict = e.verdict === 'pass' || e.verdict === 'blocked' || e.verdict === 'warn' ? e.verdict : null
  run.exitCode = typeof e.exitCode === 'number' ? e.exitCode : null
  if (Array.isArray(e.blockingFindings)) run.blockingFindings = e.blockingFindings as JournalFinding[]
  if (Array.isArray(e.failingTests)) run.failingTests = e.failingTests as JournalRun['failingTests']
  const waivers = e.waivers as { expired?: unknown; unused?: unknown } | undefined
  run.waivers = { expired: Number(waivers?.expired ?? 0) || 0, unused: Number(waivers?.unused ?? 0) || 0 }
  run.inconclusive = Array.isArray(e.inconclusive) ? e.inconclusive.length : 0
  run.escalated = e.escalated === true
}

/**
 * Reads `.proofgate/journal/events.jsonl` of the repository at `root` as runs, never through a
 * symlink; a missing journal has no runs, a corrupt line is skipped (`warnings`).
 * @throws ProofgateError PG_STATE_UNSAFE when the journal or a directory on the way is a link or not a file;
 *   PG_STATE_CORRUPT when it cannot be read.
 */
export async function readJournalRuns(root: string): Promise<JournalRuns & { warnings: string[] }> {
  const file = journalPath(stateDir(root))
  const read = await readRealFile(root, file)
  if (read.kind === 'missing') return { ...collectRuns([]), warnings: [] }
  if (read.kind !== 'file') {
    const what = read.kind === 'symlink' ? 'a symbolic link' : read.kind === 'not-a-file' ? 'not a regular file' : `unreadable (${read.reason})`
    throw new ProofgateError(read.kind === 'unreadable' ? 'PG_STATE_CORRUPT' : 'PG_STATE_UNSAFE', `The journal .proofgate/journal/events.jsonl is ${what}.`, {
      hint: 'delete .proofgate/journal/ (rm -r .proofgate/journal); the next run starts a new journal',
    })
  }
  // One pass, no array of events: each is folded into its run as it is parsed.
  const collector = createCollector()
  const warnings = forEachEvent(read.text, 'events.jsonl', collector.add)
  return { ...collector.runs, warnings }
}
