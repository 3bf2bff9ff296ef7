// `proofgate health`: the Execution Loop Gate applied to proofgate's own journal. Metrics over a
// window of hours, each check against a default threshold; pure over JournalRuns and a clock.
import type { JournalRun, JournalRuns } from './journal-runs.js'

/** The default thresholds (`loop.health` in .proofgate.yml overrides them); a check warns when its value is past its threshold. */
export const HEALTH_THRESHOLDS: HealthThresholds = {
  /** At least this many runs in the window. */
  minRuns: 1,
  /** At least this share of run events carry a run id that has a `run-started`. */
  minRunIdCoverage: 0.99,
  /** At most this share of runs blocked. */
  maxBlockedRatio: 0.5,
  /** At most this change of the blocked ratio against the previous window (absolute). */
  maxBlockedDrift: 0.25,
  /** Per gate, at most this share of its runs errored. */
  maxErrorRate: 0.05,
  /** Per gate, at most this share inconclusive. */
  maxInconclusiveRate: 0.1,
  /** At most this many `PROOFGATE_SKIP` uses. */
  maxSkips: 0,
  /** At most this many expired or unused waivers reported by the last run. */
  maxStaleWaivers: 0,
  /** A gate that ran at least this many times and passed every time is suspect (it may check nothing). */
  alwaysPassMinRuns: 20,
}

/** The thresholds of {@link buildHealth}: ratios 0..1, counts, and runs. */
export interface HealthThresholds {
  minRuns: number
  minRunIdCoverage: number
  maxBlockedRatio: number
  maxBlockedDrift: number
  maxErrorRate: number
  maxInconclusiveRate: number
  maxSkips: number
  maxStaleWaivers: number
  alwaysPassMinRuns: number
}

/** The thresholds `loop.health` of a config sets (the same defaults as {@link HEALTH_THRESHOLDS}). */
export function thresholdsOf(health: {
  'min-runs': number
  'min-run-id-coverage': number
  'max-blocked-ratio': number
  'max-blocked-drift': number
  'max-error-rate': number
  'max-inconclusive-rate': number
  'max-skips': number
  'max-stale-waivers': number
  'always-pass-min-runs': number
}): HealthThresholds {
  return {
    minRuns: health['min-runs'],
    minRunIdCoverage: health['min-run-id-coverage'],
    maxBlockedRatio: health['max-blocked-ratio'],
    maxBlockedDrift: health['max-blocked-drift'],
    maxErrorRate: health['max-error-rate'],
    maxInconclusiveRate: health['max-inconclusive-rate'],
    maxSkips: health['max-skips'],
    maxStaleWaivers: health['max-stale-waivers'],
    alwaysPassMinRuns: health['always-pass-min-runs'],
  }
}

/** One check of `proofgate health`. */
export interface HealthCheck {
  id:
    'run-volume' | 'run-id-coverage' | 'blocked-ratio' | 'blocked-drift' | 'gate-errors' | 'gate-inconclusive' | 'skip-uses' | 'stale-waivers' | 'gate-coverage'
  status: 'pass' | 'warn'
  /** What was measured, one line. */
  message: string
}

/** Per gate over the window: runs (gate-ended events) and the rates of each status (0..1). */
export interface GateHealth {
  gate: string
  runs: number
  errorRate: number
  inconclusiveRate: number
  skippedRate: number
  passRate: number
}

/** `proofgate health --format json`. */
export interface HealthReport {
  /** The window: ISO 8601 bounds and its length in hours. */
  window: { from: string; to: string; hours: number }
  /** True when every check passes. */
  healthy: boolean
  metrics: {
    runs: number
    /** Runs that reached no verdict (crashed or killed). */
    unfinishedRuns: number
    /** Run events whose run id has a `run-started`, over all run events (0..1); null without events. */
    runIdCoverage: number | null
    blockedRatio: number | null
    /** blockedRatio minus the previous window's; null when either has no runs. */
    blockedRatioDrift: number | null
    gates: GateHealth[]
    skipUses: number
    /** From the last run of the window: expired and unused waivers. */
    waivers: { expired: number; unused: number }
    /** Gates with `alwaysPassMinRuns`+ runs that passed every one. */
    alwaysPass: string[]
    /** Gates planned in the window that never got past `skipped`. */
    neverRan: string[]
  }
  checks: HealthCheck[]
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 1000)

function gateHealth(runs: readonly JournalRun[]): GateHealth[] {
  const byGate = new Map<string, { runs: number; errored: number; inconclusive: number; skipped: number; pass: number }>()
  for (const run of runs) {
    for (const g of run.gates) {
      const entry = byGate.get(g.gate) ?? { runs: 0, errored: 0, inconclusive: 0, skipped: 0, pass: 0 }
      entry.runs++
      if (g.status === 'errored' || g.status === 'inconclusive' || g.status === 'skipped' || g.status === 'pass') entry[g.status]++
      byGate.set(g.gate, entry)
    }
  }
  return [...byGate]
    .map(([gate, e]) => ({
      gate,
      runs: e.runs,
      errorRate: ratio(e.errored, e.runs)!,
      inconclusiveRate: ratio(e.inconclusive, e.runs)!,
      skippedRate: ratio(e.skipped, e.runs)!,
      passRate: ratio(e.pass, e.runs)!,
    }))
    .sort((a, b) => a.gate.localeCompare(b.gate))
}

function blockedRatio(runs: readonly JournalRun[]): number | null {
  const finished = runs.filter((r) => r.verdict !== null)
  return ratio(finished.filter((r) => r.verdict === 'blocked').length, finished.length)
}

/** The health of `journal` over the `hours` up to `now`, against `thresholds` (default {@link HEALTH_THRESHOLDS}). */
export function buildHealth(journal: JournalRuns, now: Date, hours: number, thresholds: HealthThresholds = HEALTH_THRESHOLDS): HealthReport {
  const to = now.getTime()
  const from = to - hours * 3600_000
  const inWindow = (t: number): boolean => t > from && t <= to
  const runs = journal.runs.filter((r) => inWindow(r.time))
  const previous = journal.runs.filter((r) => r.time > from - hours * 3600_000 && r.time <= from)
  const events = journal.runEvents.filter((e) => inWindow(e.time))
  const ratioNow = blockedRatio(runs)
  const ratioBefore = blockedRatio(previous)
  const gates = gateHealth(runs)
  const last = runs.filter((r) => r.verdict !== null).at(-1)
  const metrics: HealthReport['metrics'] = {
    runs: runs.length,
    unfinishedRuns: runs.filter((r) => r.verdict === null).length,
    runIdCoverage: ratio(events.filter((e) => e.known).length, events.length),
    blockedRatio: ratioNow,
    blockedRatioDrift: ratioNow === null || ratioBefore === null ? null : Math.round((ratioNow - ratioBefore) * 1000) / 1000,
    gates,
    skipUses: journal.skips.filter(inWindow).length,
    waivers: last?.waivers ?? { expired: 0, unused: 0 },
    alwaysPass: gates.filter((g) => g.runs >= thresholds.alwaysPassMinRuns && g.passRate === 1).map((g) => g.gate),
    neverRan: gates.filter((g) => g.skippedRate === 1).map((g) => g.gate),
  }
  const checks = healthChecks(metrics, thresholds)
  return { window: { from: new Date(from).toISOString(), to: now.toISOString(), hours }, healthy: checks.every((c) => c.status === 'pass'), metrics, checks }
}

const pct = (value: number | null): string => (value === null ? 'n/a' : `${Math.round(value * 1000) / 10}%`)

function healthChecks(m: HealthReport['metrics'], t: HealthThresholds): HealthCheck[] {
  const check = (id: HealthCheck['id'], ok: boolean, message: string): HealthCheck => ({ id, status: ok ? 'pass' : 'warn', message })
  const errored = m.gates.filter((g) => g.errorRate > t.maxErrorRate)
  const inconclusive = m.gates.filter((g) => g.inconclusiveRate > t.maxInconclusiveRate)
  const stale = m.waivers.expired + m.waivers.unused
  return [
    check(
      'run-volume',
      m.runs >= t.minRuns,
      `${m.runs} runs in the window (at least ${t.minRuns})${m.unfinishedRuns > 0 ? `, ${m.unfinishedRuns} without a verdict` : ''}`,
    ),
    check(
      'run-id-coverage',
      m.runIdCoverage === null || m.runIdCoverage >= t.minRunIdCoverage,
      `run-id coverage ${pct(m.runIdCoverage)} (at least ${pct(t.minRunIdCoverage)})`,
    ),
    check(
      'blocked-ratio',
      m.blockedRatio === null || m.blockedRatio <= t.maxBlockedRatio,
      `blocked ratio ${pct(m.blockedRatio)} (at most ${pct(t.maxBlockedRatio)})`,
    ),
    check(
      'blocked-drift',
      m.blockedRatioDrift === null || Math.abs(m.blockedRatioDrift) <= t.maxBlockedDrift,
      `blocked ratio drift ${m.blockedRatioDrift === null ? 'n/a' : `${m.blockedRatioDrift >= 0 ? '+' : ''}${pct(m.blockedRatioDrift)}`} against the previous window (at most ±${pct(t.maxBlockedDrift)})`,
    ),
    check(
      'gate-errors',
      errored.length === 0,
      errored.length === 0
        ? `no gate errored in over ${pct(t.maxErrorRate)} of its runs`
        : errored.map((g) => `${g.gate} errored in ${pct(g.errorRate)} of ${g.runs} runs`).join('; '),
    ),
    check(
      'gate-inconclusive',
      inconclusive.length === 0,
      inconclusive.length === 0
        ? `no gate inconclusive in over ${pct(t.maxInconclusiveRate)} of its runs`
        : inconclusive.map((g) => `${g.gate} inconclusive in ${pct(g.inconclusiveRate)} of ${g.runs} runs`).join('; '),
    ),
    check('skip-uses', m.skipUses <= t.maxSkips, `${m.skipUses} PROOFGATE_SKIP uses (at most ${t.maxSkips})`),
    check(
      'stale-waivers',
      stale <= t.maxStaleWaivers,
      `${m.waivers.expired} expired and ${m.waivers.unused} unused waivers in the last run (at most ${t.maxStaleWaivers})`,
    ),
    check(
      'gate-coverage',
      m.alwaysPass.length === 0 && m.neverRan.length === 0,
      [
        m.alwaysPass.length === 0 ? 'no gate passed every one of 20+ runs' : `always passed: ${m.alwaysPass.join(', ')}`,
        m.neverRan.length === 0 ? 'every gate ran a check' : `never ran a check (always skipped): ${m.neverRan.join(', ')}`,
      ].join('; '),
    ),
  ]
}

/** The terminal text of a health report. */
export function renderHealth(h: HealthReport): string {
  const lines = [
    `proofgate health over ${h.window.hours} h (${h.window.from} → ${h.window.to}): ${h.healthy ? 'healthy' : `${h.checks.filter((c) => c.status === 'warn').length} warning(s)`}`,
    ...h.checks.map((c) => `  ${c.status === 'pass' ? '✔' : '!'} ${c.id.padEnd(18)} ${c.message}`),
  ]
  if (h.metrics.gates.length > 0) {
    lines.push(
      '',
      'Gates (runs · errored · inconclusive · skipped)',
      ...h.metrics.gates.map((g) => `  ${g.gate.padEnd(18)} ${g.runs} · ${pct(g.errorRate)} · ${pct(g.inconclusiveRate)} · ${pct(g.skippedRate)}`),
    )
  }
  return lines.join('\n') + '\n'
}
