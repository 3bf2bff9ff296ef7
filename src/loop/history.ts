// `proofgate history`: debug memory from the journal. Runs are grouped into attempts at one change
// (same branch, from `proofgate start` or the first run after a pass); pure over JournalRuns.
import { inert } from '../util/text.js'
import type { JournalRun, JournalRuns } from './journal-runs.js'

/** A failure seen in at least this many runs is recurring. */
export const RECURRING_RUNS = 3
/** How many changes the terminal text lists (the most recent). */
const SHOWN_CHANGES = 20
/** How many files `files` lists. */
const TOP_FILES = 10

/** One change: the runs of a branch from its first attempt to its pass (or the last run, still open). */
export interface HistoryChange {
  branch: string | null
  /** ISO 8601 of the first run. */
  startedAt: string
  /** Runs (attempts) so far. */
  runs: number
  passed: boolean
  /** Runs it took to pass (the passing one included); null while not passed. */
  attemptsToPass: number | null
  /** True when a run of it reported an `escalation` finding. */
  escalated: boolean
}

/** A test or a finding fingerprint failing (blocking) in {@link RECURRING_RUNS} or more runs. */
export interface RecurringFailure {
  kind: 'test' | 'finding'
  /** The test's `file > name`, or the fingerprint. */
  id: string
  /** The test's name, or `gate/rule at path`. */
  label: string
  runs: number
  /** ISO 8601 of the last run it failed in. */
  lastSeen: string
}

/** `proofgate history --format json`. */
export interface HistoryReport {
  branch: string | null
  /** ISO 8601, or null for no lower bound. */
  since: string | null
  /** Runs of the change set that reached a verdict, after the filters. */
  runs: number
  changes: HistoryChange[]
  metrics: {
    changes: number
    passedChanges: number
    /** Over passed changes; null when none passed. */
    attemptsToPass: { mean: number; median: number; max: number } | null
    /** Changes that passed on their first run, over all changes (0..1); null without changes. */
    firstAttemptPassRate: number | null
    /** Changes that escalated, over all changes (0..1); null without changes. */
    escalationRate: number | null
  }
  recurringFailures: RecurringFailure[]
  /** The files most often named by blocking findings and failing tests, by runs. */
  files: Array<{ path: string; runs: number }>
}

/** Options: one branch, and runs started at or after `since` (ms since the epoch). */
export interface HistoryOptions {
  branch?: string
  since?: number
}

function groupChanges(runs: readonly JournalRun[], starts: JournalRuns['starts']): HistoryChange[] {
  const byBranch = new Map<string | null, JournalRun[]>()
  for (const run of runs) {
    const list = byBranch.get(run.branch)
    if (list === undefined) byBranch.set(run.branch, [run])
    else list.push(run)
  }
  const changes: HistoryChange[] = []
  for (const [branch, list] of byBranch) {
    const startTimes = starts.filter((s) => s.branch === branch).map((s) => s.time)
    let current: HistoryChange | null = null
    let previousTime = -Infinity
    for (const run of list) {
      const restarted = startTimes.some((t) => t > previousTime && t <= run.time)
      if (current === null || current.passed || restarted) {
        current = { branch, startedAt: run.startedAt, runs: 0, passed: false, attemptsToPass: null, escalated: false }
        changes.push(current)
      }
      current.runs++
      if (run.escalated) current.escalated = true
      if (run.verdict === 'pass') {
        current.passed = true
        current.attemptsToPass = current.runs
      }
      previousTime = run.time
    }
  }
  return changes.sort((a, b) => a.startedAt.localeCompare(b.startedAt))
}

function recurring(runs: readonly JournalRun[]): RecurringFailure[] {
  const seen = new Map<string, RecurringFailure>()
  const count = (kind: RecurringFailure['kind'], id: string, label: string, at: string): void => {
    const key = `${kind}\0${id}`
    const entry = seen.get(key) ?? { kind, id, label, runs: 0, lastSeen: at }
    entry.runs++
    entry.lastSeen = at
    seen.set(key, entry)
  }
  for (const run of runs) {
    for (const t of new Map(run.failingTests.map((t) => [`${t.file ?? ''} > ${t.name}`, t])).entries()) count('test', t[0], t[1].name, run.startedAt)
    for (const f of new Map(run.blockingFindings.map((f) => [f.fingerprint, f])).values())
      count('finding', f.fingerprint, `${f.gate}/${f.ruleId}${f.path === undefined ? '' : ` at ${f.path}`}`, run.startedAt)
  }
  return [...seen.values()].filter((r) => r.runs >= RECURRING_RUNS).sort((a, b) => b.runs - a.runs || b.kind.localeCompare(a.kind) || a.id.localeCompare(b.id))
}

function topFiles(runs: readonly JournalRun[]): Array<{ path: string; runs: number }> {
  const counts = new Map<string, number>()
  for (const run of runs) {
    const paths = new Set(
      [...run.blockingFindings.map((f) => f.path), ...run.failingTests.map((t) => t.file)].filter((p): p is string => typeof p === 'string'),
    )
    for (const path of paths) counts.set(path, (counts.get(path) ?? 0) + 1)
  }
  return [...counts]
    .map(([path, n]) => ({ path, runs: n }))
    .sort((a, b) => b.runs - a.runs || a.path.localeCompare(b.path))
    .slice(0, TOP_FILES)
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 1000)

/** The history of `journal`'s change-set runs that reached a verdict, filtered by `options`. */
export function buildHistory(journal: JournalRuns, options: HistoryOptions = {}): HistoryReport {
  const runs = journal.runs.filter(
    (r) =>
      r.scope === 'changes' &&
      r.verdict !== null &&
      (options.branch === undefined || r.branch === options.branch) &&
      (options.since === undefined || r.time >= options.since),
  )
  const changes = groupChanges(runs, journal.starts)
  const passed = changes.filter((c) => c.passed)
  const attempts = passed.map((c) => c.attemptsToPass!).sort((a, b) => a - b)
  return {
    branch: options.branch ?? null,
    since: options.since === undefined ? null : new Date(options.since).toISOString(),
    runs: runs.length,
    changes,
    metrics: {
      changes: changes.length,
      passedChanges: passed.length,
      attemptsToPass:
        attempts.length === 0
          ? null
          : {
              mean: Math.round((attempts.reduce((a, b) => a + b, 0) / attempts.length) * 100) / 100,
              median: attempts[Math.floor((attempts.length - 1) / 2)]!,
              max: attempts.at(-1)!,
            },
      firstAttemptPassRate: ratio(changes.filter((c) => c.attemptsToPass === 1).length, changes.length),
      escalationRate: ratio(changes.filter((c) => c.escalated).length, changes.length),
    },
    recurringFailures: recurring(runs),
    files: topFiles(runs),
  }
}

const pct = (value: number | null): string => (value === null ? 'n/a' : `${Math.round(value * 100)}%`)

/** The terminal text of a history report. */
export function renderHistory(h: HistoryReport): string {
  const m = h.metrics
  const lines = [
    `proofgate history${h.branch === null ? '' : ` of ${inert(h.branch)}`}${h.since === null ? '' : ` since ${h.since}`}: ${h.runs} runs, ${m.changes} changes, ${m.passedChanges} passed`,
    `  attempts to pass: ${m.attemptsToPass === null ? 'n/a' : `mean ${m.attemptsToPass.mean}, median ${m.attemptsToPass.median}, max ${m.attemptsToPass.max}`}`,
    `  first-attempt pass rate: ${pct(m.firstAttemptPassRate)} · escalation rate: ${pct(m.escalationRate)}`,
    '',
    h.changes.length > SHOWN_CHANGES ? `Changes (the last ${SHOWN_CHANGES} of ${h.changes.length}; --format json lists all)` : 'Changes',
    ...(h.changes.length === 0 ? ['  (none)'] : []),
    ...h.changes
      .slice(-SHOWN_CHANGES)
      .map(
        (c) =>
          `  ${c.startedAt}  ${c.branch === null ? '(detached)' : inert(c.branch)}  ${c.runs} run${c.runs === 1 ? '' : 's'}  ${c.passed ? `passed on attempt ${c.attemptsToPass}` : 'not passed yet'}`,
      ),
  ]
  if (h.recurringFailures.length > 0) {
    lines.push('', `Recurring failures (${RECURRING_RUNS}+ runs)`, ...h.recurringFailures.map((r) => `  ${r.runs}×  ${r.kind}  ${inert(r.label)}`))
  }
  if (h.files.length > 0) lines.push('', 'Files most often involved', ...h.files.map((f) => `  ${f.runs}×  ${inert(f.path)}`))
  return lines.join('\n') + '\n'
}
