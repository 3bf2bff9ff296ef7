// Shapes of a run as reporters and the JSON report see them (schemaVersion 1 of STYLE.md,
// extended, never broken), and the reporter contract (vitest-style optional hooks).
import type { BaseSource, ChangeSet } from '../changes/types.js'
import type { FilterMode, GateMode } from '../config/schema.js'
import type { Approval, GateId, ReportedFinding, Severity } from '../findings/types.js'
import type { Verdict } from '../findings/verdict.js'
import type { GateStatus, Scope } from '../gates/types.js'

/** Findings per severity, every severity present (0 when none). */
export type SeverityCounts = Record<Severity, number>

/** One gate's result after the runner applied the diff filter and waivers: what `onGateEnd` and the JSON report's `gates` entries get. */
export interface GateResult {
  id: GateId
  mode: GateMode
  status: GateStatus
  /** Wall time of the gate's own run in ms, from its start to its end (0 when it was skipped before it started). */
  durationMs: number
  /**
   * Time in ms from the start of the gates phase until this gate started: waiting for the gates it
   * depends on and, under fail-fast, for the cheap static gates. Absent in results built elsewhere.
   */
  queuedMs?: number
  summary: string
  /** Why skipped, inconclusive or errored. */
  reason?: string
  /** Unwaived findings inside the filter, per severity. */
  counts: SeverityCounts
  /** Findings the diff filter left out (counted, not shown as blocking). */
  filteredOut: number
  findings: ReportedFinding[]
  data?: unknown
}

/** What a run is about to do, handed to `onRunStart` before any gate starts: the change set and the enabled gates with their modes. */
export interface RunPlan {
  runId: string
  scope: Scope
  changes: ChangeSet
  gates: Array<{ id: GateId; mode: GateMode }>
  filterMode: FilterMode
  notes: string[]
}

/** A finished run as every reporter's `onRunEnd` and the JSON report see it; `durationMs` in ms, paths repository-relative except `root`. */
export interface RunResult {
  runId: string
  /** ISO 8601. */
  startedAt: string
  durationMs: number
  root: string
  base: { sha: string; source: BaseSource; ref?: string }
  head: { sha: string; ref?: string }
  treeHash: string
  diffHash: string
  /** `changes` for `proofgate run`, `all` for `proofgate scan --all`. */
  scope: Scope
  filterMode: FilterMode
  /** Changed files, for reporters. */
  changedFiles: number
  verdict: Verdict
  exitCode: number
  gates: GateResult[]
  /** All reported findings, most severe first; includes waived ones and run-level ones (gate `proofgate`). */
  findings: ReportedFinding[]
  /** `inconclusive: <reason>` lines every report must show. */
  inconclusive: Array<{ gate: GateId; reason: string }>
  notes: string[]
  /** The reviewer's approval the run applied (the Action on a pull request), when there is one. */
  approval?: Approval
  /** Only `proofgate release` (runner/release.ts): the release range and the checklist's results. */
  release?: ReleaseInfo
}

/**
 * What a release adds to its result and its report (`release` of release-report.json): visible
 * items by name, held-out items as counts and a set hash; `heldOutFailures` names the failing
 * in-repository held-out items (external ones as `external#N`), for the release report only.
 */
export interface ReleaseInfo {
  tag: string | null
  base: { sha: string; source: 'previous-tag' | 'root'; tag?: string }
  visible: Array<{ id: string; title: string; status: 'pass' | 'fail' | 'errored' }>
  heldOut: { total: number; passed: number; failed: number; setSha256: string }
  heldOutFailures: Array<{ id: string; title: string; message: string }>
}

type Awaitable<T> = T | Promise<T>

/** A reporter's hooks are optional; a reporter that throws only warns, it never changes the verdict. */
export interface Reporter {
  readonly name: string
  onRunStart?(plan: RunPlan): Awaitable<void>
  /** A gate starts its own work (after its dependencies; not called for a gate skipped before it started). */
  onGateStart?(id: GateId): Awaitable<void>
  onGateEnd?(result: GateResult): Awaitable<void>
  /** A running gate's progress in a few words (`412 tests done`), as often as the gate says it; synchronous. */
  onGateProgress?(id: GateId, text: string): void
  onRunEnd?(result: RunResult): Awaitable<void>
}
