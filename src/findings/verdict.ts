// The verdict: what a run's findings and gate statuses mean, and the exit code that says it.
// This is the one place that decides blocking.
import { ExitCode } from '../errors.js'
import type { GateMode } from '../config/schema.js'
import type { GateStatus } from './types.js'
import { APPROVAL_RULES, DECLARABLE_RULES } from './registry.generated.js'
import { severityRank, type Approval, type Finding, type ReportedFinding, type Severity, type WaiverRef } from './types.js'

/** A run's outcome; {@link decideVerdict} decides it and {@link exitCodeFor} maps it to 0, 1 or 2. */
export type Verdict = 'pass' | 'blocked' | 'warn'

/** Severities that block when they come from a blocking gate (`fail-on: high`). */
export function blocksAt(severity: Severity, failOn: Severity = 'high'): boolean {
  return severityRank(severity) <= severityRank(failOn)
}

/**
 * True when a reviewer's approval resolves `finding`: its rule declares `meta.approval`
 * (`APPROVAL_RULES`): `gate-integrity/config-weakened` wherever it is (a lowered gate, a waiver
 * added or extended; no waivers file waives it), and test-mutation's undeclared behaviour changes
 * (`expected-value-changed`, `assertion-deleted`, `snapshot-rewritten`), where only a person can
 * tell an intended change from a test fitted to broken code.
 */
export function needsReviewer(finding: Pick<Finding, 'gate' | 'ruleId'>): boolean {
  return APPROVAL_RULES.has(`${finding.gate}/${finding.ruleId}`)
}

/**
 * How findings that only a reviewer can resolve count in this run: `blocks` (default true: the
 * required check, `run`, pre-commit) or only warn (the pre-push hook, unless
 * `hooks.pre-push.block-on-approval`); with `approval` they never block.
 */
export interface ApprovalPolicy {
  blocks: boolean
  approval?: Approval
}

/** What {@link judgeFinding} decides for one finding: the approval fields of a ReportedFinding. */
export type Judgement = Pick<ReportedFinding, 'blocking' | 'needsApproval' | 'pendingWaiver' | 'approved'>

/**
 * Whether `finding` blocks. An unwaived finding at or above `failOn` in a blocking gate would
 * block; when a reviewer can resolve it (`needsReviewer`, or one a pending waiver would waive) it
 * needs approval, and then blocks only without an approval, and under `policy.blocks` — except a
 * finding the change could have declared (`DECLARABLE_RULES`), which blocks without an approval wherever it is.
 */
export function judgeFinding(
  finding: Finding,
  options: { waived: WaiverRef | null; pendingWaiver: WaiverRef | null; mode: GateMode; failOn: Severity; policy: ApprovalPolicy },
): Judgement {
  const pending = options.pendingWaiver === null ? {} : { pendingWaiver: options.pendingWaiver }
  const wouldBlock = options.waived === null && options.mode === 'blocking' && blocksAt(finding.severity, options.failOn)
  if (!wouldBlock || (options.pendingWaiver === null && !needsReviewer(finding))) return { blocking: wouldBlock, ...pending }
  const { approval } = options.policy
  if (approval !== undefined) return { blocking: false, needsApproval: true, ...pending, approved: { by: approval.by, sha: approval.sha } }
  // A finding the change can declare has a local way forward, so it blocks even where approvals only warn.
  const declarable = options.pendingWaiver === null && DECLARABLE_RULES.has(`${finding.gate}/${finding.ruleId}`)
  return { blocking: options.policy.blocks || declarable, needsApproval: true, ...pending }
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
