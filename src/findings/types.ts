// The findings model: what a gate reports and what every reporter prints.
// Shapes follow ESLint's LintMessage and SARIF results: 1-based lines and columns.

import { GATE_IDS } from './registry.generated.js'

export { GATE_IDS }
/** A gate id: the gate's file name under src/gates/, its config key and its name in every report. */
export type GateId = (typeof GATE_IDS)[number]
/** Who reported a finding: a gate, or `proofgate` for the engine's own (an expired or unused waiver, a run-level check). */
export type FindingSource = GateId | 'proofgate'

/** Most severe first. By default (`fail-on: high`) critical and high block in a blocking gate and the rest warn; `--fail-on` moves the line. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
/** A finding's severity; {@link SEVERITIES} gives the order. */
export type Severity = (typeof SEVERITIES)[number]

/** Sort key: 0 for critical … 4 for info. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}

/** What a gate hands to `context.report()`; the runner adds the gate id and the fingerprint. */
export interface FindingInput {
  ruleId: string
  severity: Severity
  message: string
  /**
   * Which of the rule's `meta.messages` the message was formatted from (findings/rule.ts), as
   * ESLint's LintMessage.messageId; unset for gates whose rules do not declare messages yet.
   */
  messageId?: string
  /** Repository-relative path with forward slashes. */
  path?: string
  /** 1-based. */
  startLine?: number
  endLine?: number
  /** 1-based. */
  startColumn?: number
  endColumn?: number
  /** What to do next. */
  help?: string
  /**
   * What identifies a finding that has no source line, in place of its message (which may carry
   * volatile text such as a command's output): e.g. `build` for a failed proof command. Used for
   * the fingerprint only; never part of a report. With a line, it is added to the line's text (a
   * reviewer's normalised message: two findings on one line stay apart, a rewording of the line does not move it).
   */
  fingerprintKey?: string
  /**
   * `always` when the diff filter must not drop the finding whatever the filter mode: it means a
   * changed file could not be analysed (a parse error, a tsc syntax error), so every other finding
   * about that file is missing and the change may hide anything. Unset: the run's filter mode
   * applies, unless the gate's `meta.diffFiltered` is false (then nothing is filtered).
   */
  filter?: 'always'
  /**
   * More 1-based lines of `path` that the finding is about (the `return` that makes an assertion
   * unreachable): under the `added`/`diff_context` filter the finding stays when any of them, or
   * `startLine`, is in the filter. Used for filtering only; never part of a report.
   */
  filterLines?: readonly number[]
  /** `config` when the `rules:` section of `.proofgate.yml` set the severity (set by the runner, never by a gate). */
  severitySource?: 'config'
  /** With `severitySource`: the severity the gate reported before the config changed it. */
  defaultSeverity?: Severity
}

/** A reported finding once the runner has stamped its source and fingerprint. */
export interface Finding extends FindingInput {
  gate: FindingSource
  /**
   * Stable across line shifts: sha256 of rule id, path, the finding's source line with whitespace
   * collapsed, and the occurrence index among identical (rule, path, line text) triples; 32 hex chars.
   */
  fingerprint: string
}

/** The evidence a waiver cites for the finding being wrong or out of scope (the `proof` key of `.proofgate/waivers.yml`). */
export type WaiverProof = 'file-exists' | 'test-passes' | 'grep-miss' | 'reviewer-misread' | 'duplicate-code-path' | 'out-of-scope'

/** Why a finding is waived, as shown in every report. */
export interface WaiverRef {
  reason: string
  proof: WaiverProof
  expires?: string
  /** 1-based line of the waiver in `.proofgate/waivers.yml` (in `council.file` when the council waived it). */
  line: number
  /**
   * Set when the override council waived the finding on counter-evidence: `reason` is its claim,
   * `proof` its proof type, `line` its line in `file`; `approvals` of `judges` passed it.
   */
  council?: { file: string; approvals: number; judges: number; artifacts: string[] }
}

/** One judge's vote on a contested finding: `none` when it exited non-zero, timed out or printed no verdict. */
export interface CouncilVote {
  judge: string
  vote: 'pass' | 'fail' | 'none'
  durationMs: number
  /** The judge's exit code; null when it was killed (a timeout) or could not start. */
  exitCode: number | null
  timedOut: boolean
  /** Why the vote is `none`, when it is. */
  error?: string
}

/** The override council's decision on one finding contested in `.proofgate/counter-evidence.yml` (review/council.ts). */
export interface CouncilDecision {
  /** `approved` waives the finding; `rejected` and `inconclusive` leave it as it was (blocking). */
  outcome: 'approved' | 'rejected' | 'inconclusive'
  /** The counter-evidence the judges heard; `line` is 1-based in `file`. */
  evidence: { file: string; line: number; claim: string; proofType: WaiverProof; artifacts: string[] }
  /** One per configured judge, in config order. */
  votes: CouncilVote[]
}

/**
 * A reviewer's approval of a pull request's head commit (the Action reads it from the reviews
 * API): with it, the change's own waivers and config apply and findings that need approval no
 * longer block.
 */
export interface Approval {
  /** The reviewer's login, without `@`. */
  by: string
  /** The full SHA of the commit the approving review was submitted on (the pull request's head). */
  sha: string
  /** The reviewer's `author_association`: OWNER, MEMBER or COLLABORATOR. */
  association: string
}

/** A finding after the diff filter and waivers, as reporters receive it. */
export interface ReportedFinding extends Finding {
  /** True when this finding alone makes the verdict `blocked`. */
  blocking: boolean
  waived: WaiverRef | null
  /**
   * Present (true) when only a reviewer can resolve this finding: a `gate-integrity`
   * `config-weakened` finding, or one that a waiver added or extended by the change would waive
   * ({@link pendingWaiver}). It blocks until approved (the pre-push hook only warns by default).
   */
  needsApproval?: true
  /** The change's own waiver that would waive this finding once a reviewer approves; its line is in the version under test. */
  pendingWaiver?: WaiverRef
  /** Set on a finding that needs approval when the run has one: who approved, on which commit. */
  approved?: Pick<Approval, 'by' | 'sha'>
  /** Set when the override council heard counter-evidence against this finding: its decision (an approval also sets `waived`). */
  council?: CouncilDecision
}

/** What a run looks at: the change set (`run`), or every file the gate knows how to read (`scan --all`). */
export type Scope = 'changes' | 'all'

/** How a gate ended: `fail` when an unwaived finding at or above the run's fail-on (default high) survived the diff filter, `errored` when it threw or timed out (blocks in a blocking gate). */
export type GateStatus = 'pass' | 'fail' | 'inconclusive' | 'skipped' | 'errored'
