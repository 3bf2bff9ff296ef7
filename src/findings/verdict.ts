// The verdict: what a run's findings and gate statuses mean, and the exit code that says it.
// This is the one place that decides blocking.
import { ExitCode } from '../errors.js'
import type { GateMode } from '../config/schema.js'
import type { GateStatus } from '../gates/types.js'
import { severityRank, type ReportedFinding, type Severity } from './types.js'

/** A run's outcome; {@link decideVerdict} decides it and {@link exitCodeFor} maps it to 0, 1 or 2. */
export type Verdict = 'pass' | 'blocked' | 'warn'

/** Severities that block when they come from a blocking gate (`fail-on: high`). */
export function blocksAt(severity: Severity, failOn: Severity = 'high'): boolean {
  return severityRank(severity) <= severityRank(failOn)
}

/**
 * `blocked` when a finding is blocking or a blocking gate errored (fail closed); `warn` when the
 * worst unwaived finding is medium or an advisory gate has a critical/high one; else `pass`.
 */
export function decideVerdict(findings: readonly ReportedFinding[], gates: ReadonlyArray<{ mode: GateMode; status: GateStatus }>): Verdict {
  if (findings.some((f) => f.blocking)) return 'blocked'
  if (gates.some((g) => g.mode === 'blocking' && g.status === 'errored')) return 'blocked'
  if (findings.some((f) => f.waived === null && severityRank(f.severity) <= severityRank('medium'))) return 'warn'
  return 'pass'
}

/** 0 pass · 1 blocked · 2 warn under --strict-warnings (else 0). */
export function exitCodeFor(verdict: Verdict, strictWarnings: boolean): ExitCode {
  if (verdict === 'blocked') return ExitCode.blocked
  if (verdict === 'warn' && strictWarnings) return ExitCode.warningsFailed
  return ExitCode.pass
}
