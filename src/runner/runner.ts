// Runs the enabled gates: concurrently once their dependencies finish, each with a timeout and
// an AbortSignal. A throw or a timeout makes the gate `errored`, which blocks in blocking mode.
import type { ChangeSet } from '../changes/types.js'
import type { Config, GateMode } from '../config/schema.js'
import { fingerprintFindings, type LineReader } from '../findings/fingerprint.js'
import { inFilter, indexByPath } from '../findings/filter.js'
import { blocksAt, judgeFinding, type ApprovalPolicy } from '../findings/verdict.js'
import { applyRuleLevel, type RuleLevels } from '../findings/rules.js'
import type { WaiverMatcher } from '../findings/waivers.js'
import { severityRank, type FindingInput, type GateId, type ReportedFinding, type Severity } from '../findings/types.js'
import { executesRepositoryCode, GateTimeoutError, type Gate, type GateOutcome, type GateStatus, type Scope } from '../gates/types.js'
import { erroredFinding, isFailClosedRule, refusedFinding, timeoutFinding } from './fail-closed.js'
import { byCost, EMPTY_CHANGE_SET_REASON, failFastReason, firstBlock, STATIC_GATES, SUITE_GATES } from './order.js'
import type { GateResult, SeverityCounts } from './types.js'
import type { ReleaseChecklist } from '../gates/checklist.js'

/** How long a gate may take to wind down after its signal fired before it is abandoned (ms). */
const ABORT_GRACE_MS = 5_000

/** Everything {@link runGates} needs: the run's context for every gate, the gate plan, how findings are judged (filter, waivers, `failOn`) and the reporter hooks. */
export interface GateRunOptions {
  root: string
  stateDir: string
  runId: string
  changes: ChangeSet
  scope: Scope
  config: Config
  /** The enabled gates with their effective modes (off gates are not listed). */
  gates: ReadonlyArray<{ gate: Gate; mode: GateMode; timeoutMs: number }>
  /** The waivers that apply (the base's, or the change's once approved). */
  waivers: WaiverMatcher
  /** The change's own added or extended waivers: never applied, only named on the findings they would waive. */
  pendingWaivers?: WaiverMatcher
  /** How findings that need a reviewer's approval count (default: they block). */
  approval?: ApprovalPolicy
  /** Source lines for fingerprints; `prefetch`, when there, loads a gate's finding files in one batch first. */
  readLine: LineReader & { prefetch?(paths: readonly string[]): Promise<void> }
  /** Lowest severity that blocks (default high). */
  failOn: Severity
  /** Per-rule severities to apply (default `config.rules`); run.ts passes the base's where the range lowered one. */
  rules?: RuleLevels
  signal?: AbortSignal
  /** proofgate's environment, handed to every gate (`GateContext.env`); absent: `process.env`. */
  env?: NodeJS.ProcessEnv
  /** Run-level behaviour-change declarations handed to every gate (`GateContext.declarations`). */
  declarations?: readonly string[]
  /**
   * When set, gates with `meta.executesRepositoryCode` do not run: each is `errored` with a
   * critical `gate-refused` finding carrying this reason (fail closed).
   */
  refuseRepositoryCode?: string
  /** `proofgate release` only: handed to every gate as GateContext.release. */
  release?: ReleaseChecklist
  /** How long a gate may take to wind down after its signal fired before it is abandoned (ms; default 5,000). */
  abortGraceMs?: number
  /**
   * Fail fast (the pre-push hook's `hooks.pre-push.fail-fast`): the suite gates (tests, coverage,
   * proof) wait for the cheap static gates and are skipped, unstarted, when one of those already
   * blocks. A skip never turns a block into a pass: the blocking finding stands.
   */
  failFast?: boolean
  /**
   * Decide an empty change set before any tool runs (run.ts sets it): with scope `changes`, no
   * changed file and a blocking `evidence` gate planned (its `empty-change-set` blocks), every
   * other gate is skipped unstarted.
   */
  decideEmpty?: boolean
  onGateStart?(id: GateId): void | Promise<void>
  /**
   * Called with a gate's judged findings (filter, waivers, blocking decided) before its status and
   * counts are decided and before `onGateEnd`: the override council (review/run-council.ts) hears
   * counter-evidence here, so the gate's result, its `gate-ended` event and the verdict reflect
   * the council. Returns the findings to keep (same order). A throw is the run's (fail closed).
   */
  settle?(gate: GateId, findings: ReportedFinding[]): Promise<ReportedFinding[]>
  onGateEnd?(result: GateResult): void | Promise<void>
  /** A running gate's progress text (`GateContext.progress`); called synchronously, never awaited. */
  onGateProgress?(id: GateId, text: string): void
  log?(gate: GateId, message: string): void
}

/** A fresh all-zero count per severity (a new object each call: callers increment it). */
export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
}

interface RawGateRun {
  status: GateStatus | null
  outcome: GateOutcome | null
  reason?: string
  findings: FindingInput[]
  durationMs: number
}

/** A gate skipped before it started (fail-fast, empty change set): no time, the reason shown. */
function notRun(reason: string): RawGateRun {
  return { status: 'skipped', outcome: null, reason, findings: [], durationMs: 0 }
}

async function executeGate(
  gate: Gate,
  timeoutMs: number,
  options: GateRunOptions,
  results: Map<GateId, { status: GateStatus; data?: unknown }>,
): Promise<RawGateRun> {
  const started = performance.now()
  const findings: FindingInput[] = []
  // A scan of the whole repository is not about the change set, so nothing skips for it.
  const applies = options.scope === 'all' ? true : askAppliesTo(gate, options.changes)
  if (applies !== true && 'error' in applies) {
    // A gate that cannot even say whether it applies has checked nothing: it errors, which blocks.
    findings.push(erroredFinding(gate.id, applies.error))
    return { status: 'errored', outcome: null, reason: messageOf(applies.error), findings, durationMs: Math.round(performance.now() - started) }
  }
  if (applies !== true) return { status: 'skipped', outcome: null, reason: applies.reason, findings, durationMs: 0 }
  if (options.refuseRepositoryCode !== undefined && executesRepositoryCode(gate, options.config)) {
    findings.push(refusedFinding(gate.id, options.refuseRepositoryCode))
    return { status: 'errored', outcome: null, reason: `refused: ${options.refuseRepositoryCode}`, findings, durationMs: 0 }
  }
  const timeout = new AbortController()
  const signal = options.signal === undefined ? timeout.signal : AbortSignal.any([options.signal, timeout.signal])
  const timer = setTimeout(() => timeout.abort(new GateTimeoutError(timeoutMs)), timeoutMs)
  let abandon: NodeJS.Timeout | undefined
  let onAbort: (() => void) | undefined
  const abandoned = new Promise<never>((_, reject) => {
    onAbort = () => {
      abandon = setTimeout(() => reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled')), options.abortGraceMs ?? ABORT_GRACE_MS)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
  // Only the race below awaits it; once the gate has settled nobody does.
  abandoned.catch(() => undefined)
  try {
    const outcome = await Promise.race([
      gate.run({
        root: options.root,
        stateDir: options.stateDir,
        runId: options.runId,
        changes: options.changes,
        scope: options.scope,
        config: options.config,
        declarations: options.declarations ?? [],
        signal,
        timeoutMs,
        report: (f) => findings.push(f),
        log: (m) => options.log?.(gate.id, m),
        progress: (text) => options.onGateProgress?.(gate.id, text),
        results,
        ...(options.env === undefined ? {} : { env: options.env }),
        ...(options.release === undefined ? {} : { release: options.release }),
      }),
      abandoned,
    ])
    const durationMs = Math.round(performance.now() - started)
    if (signal.aborted) {
      // The gate wound down after its timeout: keep what it reported, but it is still errored.
      const reason = signal.reason instanceof Error ? signal.reason.message : 'cancelled'
      if (!findings.some((f) => f.severity === 'critical')) findings.push(timeoutFinding(gate.id, reason))
      return { status: 'errored', outcome, reason, findings, durationMs }
    }
    return { status: null, outcome, findings, durationMs }
  } catch (error) {
    const durationMs = Math.round(performance.now() - started)
    const timedOut = error instanceof GateTimeoutError || (signal.aborted && signal.reason instanceof GateTimeoutError)
    const reason = messageOf(error)
    findings.push(timedOut ? timeoutFinding(gate.id, reason) : erroredFinding(gate.id, error))
    return { status: 'errored', outcome: null, reason, findings, durationMs }
  } finally {
    clearTimeout(timer)
    if (abandon !== undefined) clearTimeout(abandon)
    // A run-level signal that fires after this gate settled must not start a stray timer.
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort)
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * A gate's `appliesTo` answer for `changes`, normalised: true, or why it does not apply. A throw is
 * caught and returned as `{ error }`: the runner turns it into an errored gate, the warm-up skips it.
 */
export function askAppliesTo(gate: Gate, changes: ChangeSet): true | { applies: false; reason: string } | { error: unknown } {
  try {
    const applies = gate.appliesTo?.(changes) ?? true
    return applies === true ? true : applies === false ? { applies: false, reason: 'does not apply to this change set' } : applies
  } catch (error) {
    return { error }
  }
}

/** Gate.dispose, which promises not to throw; if one does, the run's result stands. */
function disposeGate(gate: GateRunOptions['gates'][number]['gate']): void {
  try {
    gate.dispose?.()
  } catch {
    // Nothing to report: the gate's result is already decided.
  }
}

/**
 * Unwaived, in-filter findings decide pass/fail by the verdict's rule: `fail` exactly when one is at
 * or above `failOn`, so it blocks (or would block: in an advisory gate, or awaiting an approval).
 * Findings below it are warnings, shown in the counts of a passing gate.
 */
function statusOf(raw: RawGateRun, findings: ReportedFinding[], failOn: Severity): GateStatus {
  if (raw.status !== null) return raw.status
  const failing = findings.some((f) => f.waived === null && blocksAt(f.severity, failOn))
  if (failing) return 'fail'
  return raw.outcome?.status ?? 'pass'
}

/**
 * Runs the gates and returns their results in plan order. Never throws for a gate's failure;
 * throws only when a reporter hook (`onGateStart`/`onGateEnd`) throws, which callers guard.
 */
export async function runGates(options: GateRunOptions): Promise<GateResult[]> {
  const byPath = indexByPath(options.changes)
  const shared = new Map<GateId, { status: GateStatus; data?: unknown }>()
  const enabled = new Set(options.gates.map((g) => g.gate.id))
  const done = new Map<GateId, Promise<GateResult>>()
  const phaseStarted = performance.now()
  // An empty change set is decided by evidence's empty-change-set alone: no other gate (no test
  // suite, no linter) starts for it. A scan of the whole repository is not about the change set.
  // Only when a blocking evidence gate is planned: it is what decides; `--gates proof` on a clean
  // tree still runs the proof commands.
  const empty =
    options.decideEmpty === true &&
    options.scope === 'changes' &&
    options.changes.files.length === 0 &&
    options.gates.some((g) => g.gate.id === 'evidence' && g.mode === 'blocking')
  const skipBeforeStart = async (id: GateId): Promise<string | null> => {
    if (empty && id !== 'evidence') return EMPTY_CHANGE_SET_REASON
    if (options.failFast !== true || !SUITE_GATES.has(id)) return null
    barrier ??= failFastBarrier()
    const block = await barrier
    return block === null ? null : failFastReason(block)
  }
  let barrier: Promise<string | null> | undefined
  // The suite waits only for the static gates that parse in-process (about a second): not for
  // static-analysis, whose ESLint and tsc can take as long as the suite (29 s on commander), so a
  // passing push does not pay for them one after the other. The first block decides at once.
  const failFastBarrier = async (): Promise<string | null> => {
    const cheap = options.gates.filter((g) => STATIC_GATES.has(g.gate.id) && !executesRepositoryCode(g.gate, options.config))
    const finished: GateResult[] = []
    return new Promise<string | null>((resolve, reject) => {
      if (cheap.length === 0) resolve(null)
      for (const entry of cheap) {
        start(entry).then((result) => {
          finished.push(result)
          const block = firstBlock(finished)
          if (block !== null || finished.length === cheap.length) resolve(block)
        }, reject)
      }
    })
  }

  const start = (entry: GateRunOptions['gates'][number]): Promise<GateResult> => {
    const existing = done.get(entry.gate.id)
    if (existing !== undefined) return existing
    const promise = (async () => {
      const deps = (entry.gate.dependsOn ?? []).filter((d) => enabled.has(d))
      await Promise.all(deps.map((d) => start(options.gates.find((g) => g.gate.id === d)!)))
      const skip = await skipBeforeStart(entry.gate.id)
      // Waiting for dependencies and for the fail-fast barrier is queue time, not the gate's work.
      const queuedMs = Math.round(performance.now() - phaseStarted)
      if (skip === null) await options.onGateStart?.(entry.gate.id)
      const raw = skip === null ? await executeGate(entry.gate, entry.timeoutMs, options, shared) : notRun(skip)
      disposeGate(entry.gate)
      await options.readLine.prefetch?.(raw.findings.flatMap((f) => (f.path !== undefined && f.startLine !== undefined ? [f.path] : [])))
      // Per-rule severity comes first, so the filter, the waivers and the verdict see the configured one.
      const rules = options.rules ?? options.config.rules
      const configured = raw.findings.flatMap((finding) => {
        // The runner's own fail-closed findings keep their severity whatever the config says.
        const applied = isFailClosedRule(finding.ruleId) ? finding : applyRuleLevel(entry.gate.id, finding, rules)
        return applied === null ? [] : [{ gate: entry.gate.id, finding: applied }]
      })
      const stamped = fingerprintFindings(configured, options.readLine)
      let filteredOut = 0
      let kept: ReportedFinding[] = []
      const filtered = entry.gate.meta.diffFiltered !== false
      // filterLines only steer the filter: no report carries them.
      for (const { filterLines, ...finding } of stamped) {
        if (
          filtered &&
          !inFilter({ ...finding, ...(filterLines === undefined ? {} : { filterLines }) }, options.changes, options.config['filter-mode'], byPath)
        ) {
          filteredOut++
          options.waivers.observe(finding)
          continue
        }
        const waived = options.waivers.match(finding)
        const pendingWaiver = waived === null ? (options.pendingWaivers?.match(finding) ?? null) : null
        const judged = judgeFinding(finding, { waived, pendingWaiver, mode: entry.mode, failOn: options.failOn, policy: options.approval ?? { blocks: true } })
        kept.push({ ...finding, ...judged, waived })
      }
      kept.sort(compareFindings)
      if (options.settle !== undefined) kept = await options.settle(entry.gate.id, kept)
      const counts = emptyCounts()
      for (const f of kept) if (f.waived === null) counts[f.severity]++
      const status = statusOf(raw, kept, options.failOn)
      const outcome = raw.outcome
      const result: GateResult = {
        id: entry.gate.id,
        mode: entry.mode,
        status,
        durationMs: raw.durationMs,
        queuedMs,
        summary:
          outcome?.summary ?? (status === 'errored' ? `errored: ${raw.reason ?? 'unknown'}` : status === 'skipped' ? `skipped: ${raw.reason ?? ''}` : ''),
        ...(raw.reason !== undefined ? { reason: raw.reason } : outcome?.reason !== undefined ? { reason: outcome.reason } : {}),
        counts,
        filteredOut,
        findings: kept,
        ...(outcome?.data !== undefined ? { data: outcome.data } : {}),
      }
      shared.set(entry.gate.id, { status, ...(outcome?.data !== undefined ? { data: outcome.data } : {}) })
      await options.onGateEnd?.(result)
      return result
    })()
    done.set(entry.gate.id, promise)
    return promise
  }

  // Cheapest first: the static gates start (and their warm-ups run) before the suite; the
  // results keep the plan's order.
  for (const entry of byCost(options.gates)) void start(entry)
  return Promise.all(options.gates.map(start))
}

/** Most severe first, then path, line and column. */
export function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.path ?? '').localeCompare(b.path ?? '') ||
    (a.startLine ?? 0) - (b.startLine ?? 0) ||
    (a.startColumn ?? 0) - (b.startColumn ?? 0) ||
    a.ruleId.localeCompare(b.ruleId)
  )
}
