// The engine: one run from validated Settings to a RunResult. The CLI, the Action and the hooks
// only translate their inputs into Settings and the result into their outputs.
import { randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import { openRepository, resolveChanges, trackedStatePaths, workTreeDifference, type Repository, type ResolveOptions } from '../changes/git.js'
import { removeRunTree, sweepStaleWorktrees, WORKTREES_DIR } from '../changes/worktree.js'
import { createLineReader } from '../changes/history.js'
import { CONFIG_FILE_NAMES, loadConfig, WAIVERS_FILE } from '../config/load.js'
import { type Config, type FilterMode, type GateMode } from '../config/schema.js'
import { ProofgateError } from '../errors.js'
import { fingerprintFindings } from '../findings/fingerprint.js'
import { exitCodeFor, decideVerdict } from '../findings/verdict.js'
import { createWaiverMatcher } from '../findings/waivers.js'
import { isUnwaivable, resolveCounterEvidence, resolveWaivers } from '../findings/trust.js'
import { COUNTER_EVIDENCE_FILE } from '../config/files.js'
import { readBasePrompt } from '../review/prompt.js'
import { createCouncil, judgeRequests, type Council } from '../review/run-council.js'
import { runsRepositoryCode } from '../review/trust.js'
import type { Approval, GateId, ReportedFinding, Severity } from '../findings/types.js'
import { describeRuleLevels } from '../findings/rules.js'
import { baseConfigText, rulesOfRange, stricterAtBase } from '../config/floor.js'
import { GATES } from '../gates/index.js'
import { SCOPE_FILE, scopePath } from '../config/scope.js'
import { executesRepositoryCode, type GateMeta, type Scope } from '../gates/types.js'
import { appendEvents } from '../journal/journal.js'
import { compactJournal } from '../journal/retention.js'
import { escalateRun } from '../loop/escalation.js'
import { journalDetails } from '../loop/journal-runs.js'
import { entryExists } from '../util/real-file.js'
import { sweepStaleStateTmp } from '../util/cleanup.js'
import { checkStateDirectory, stateDir as stateDirOf } from '../util/state.js'
import { askAppliesTo, compareFindings, runGates } from './runner.js'
import { undecidedWaivers } from './waiver-scope.js'
import { createWarmer, provisionalChanges } from './warm.js'
import type { GateResult, Reporter, RunPlan, RunResult } from './types.js'
import type { ReleaseChecklist } from '../gates/checklist.js'
import { loadChecklist } from '../checklist/load.js'

/** Everything a run needs, validated by the entry point. */
export interface Settings extends Pick<ResolveOptions, 'base' | 'head' | 'baseSource' | 'labels' | 'staged'> {
  /** Where the user ran proofgate (any directory inside the work tree). */
  cwd: string
  /**
   * The repository of `cwd` when the entry point already opened it (the pre-push hook does, to plan
   * the push): the run reuses it and the full SHAs it resolved instead of asking git again.
   */
  repository?: Repository
  /** With `staged`: the index git handed the hook (GIT_INDEX_FILE), absolute or relative to `cwd`. */
  indexFile?: string
  /** Run only these gates (`--gates a,b`); others are off for this run. */
  gates?: GateId[]
  /**
   * `changes` (default): the change set. `all` (`proofgate scan --all`): only gates with
   * `meta.scansAll` run, over the whole repository, and the filter mode is `nofilter`.
   */
  scope?: Scope
  filterMode?: FilterMode
  strictWarnings: boolean
  /** Config file relative to the repository root (default `.proofgate.yml`). */
  configFile?: string
  /**
   * Read the config from this commit instead of the work tree. A pull request runs under its base
   * commit's config, so the pull request's own edits to it never loosen the run that judges it
   * (`gate-integrity` reports them).
   */
  configRev?: string
  /** Behaviour changes declared for the whole run (a pull request label), e.g. `label 'behavior-change' on #12`. */
  declarations?: string[]
  /**
   * Set where the repository's code is untrusted and a write token is in reach: gates that
   * execute that code are `errored` (a critical `gate-refused` finding) instead of running.
   */
  refuseRepositoryCode?: string
  /** Notes from the entry point (how the base was chosen from a workflow event), shown first in every report. */
  notes?: string[]
  /** Lowest severity that blocks in a blocking gate (default high). */
  failOn?: Severity
  env: NodeJS.ProcessEnv
  signal?: AbortSignal
  reporters: Reporter[]
  /** Called when a reporter throws: warnings never change the verdict. */
  warn(message: string): void
  /** Diagnostics (`--verbose`). */
  debug?(message: string): void
  /** For tests: the clock that judges waiver expiry. */
  now?: Date
  /**
   * Whether findings that need a reviewer's approval block (default true: `run`, the Action,
   * pre-commit). The pre-push hook sets it from `hooks.pre-push.block-on-approval` (default false):
   * the approval happens on the pull request, so the push goes through with a loud warning.
   */
  approvalBlocks?: boolean
  /**
   * Leave the suite gates (tests, coverage, proof) unstarted when a cheap static gate already
   * blocks (runner.ts `failFast`); the pre-push hook sets it from `hooks.pre-push.fail-fast`.
   */
  failFast?: boolean
  /**
   * A reviewer's approval of the version under test (the Action reads it from the pull request's
   * reviews): the change's own waivers apply, and findings that need approval do not block.
   */
  approval?: Approval
  /** Set by runRelease (runner/release.ts) only: the checklist gate runs the held-out items too. */
  release?: ReleaseChecklist
}

/** Each gate's effective mode: config (with env overrides) narrowed by `--gates`. */
export function effectiveModes(config: Config, subset: readonly GateId[] | undefined, scope: Scope = 'changes'): Map<GateId, GateMode> {
  const modes = new Map<GateId, GateMode>()
  for (const gate of GATES) {
    const meta: GateMeta = gate.meta
    const set = (config.gates as Record<string, { mode: GateMode } | undefined>)[gate.id]?.mode ?? meta.defaultMode
    // A gate the config gives nothing to do (review without reviewers) is off, not an empty pass.
    const configured = meta.enabled !== undefined && !meta.enabled(config) ? 'off' : set
    const selected = (subset === undefined || subset.includes(gate.id)) && (scope === 'changes' || gate.meta.scansAll === true)
    modes.set(gate.id, selected ? configured : 'off')
  }
  return modes
}

function timeoutMsOf(config: Config, id: GateId): number {
  const seconds = (config.gates as Record<string, { timeout?: number } | undefined>)[id]?.timeout ?? 600
  return Math.round(seconds * 1000)
}

/** The gate whose mode the range under test cannot lower: it reports that very loosening. */
const GUARDED_GATE = 'gate-integrity' satisfies GateId

async function callReporters(reporters: Reporter[], warn: (m: string) => void, call: (r: Reporter) => unknown): Promise<void> {
  for (const reporter of reporters) {
    try {
      await call(reporter)
    } catch (error) {
      warn(`reporter ${reporter.name} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

/** Records how long each phase of a run took, for `--verbose` (ms). */
type Phase = (name: string) => void

/** The run as planned before git is asked about the change: the repository, the config and the gates. */
interface RunPlanning {
  repo: Awaited<ReturnType<typeof openRepository>>
  root: string
  loaded: Awaited<ReturnType<typeof loadConfig>>
  config: Config
  scope: Scope
  modes: Map<GateId, GateMode>
  /** True when gate-integrity's mode is judged against the base commit's config (see config/floor.ts). */
  guarded: boolean
  planned: PlannedGate[]
  stateNotes: string[]
  /** Stale worktrees being removed (names), awaited before the gates run. */
  swept: Promise<string[]>
  nothingToRun(): ProofgateError
}

type PlannedGate = { gate: (typeof GATES)[number]; mode: GateMode; timeoutMs: number }

/** The run once the change set is known: the gates after the base's floor, the rules, the waivers and the notes. */
interface RunResolution {
  changes: Awaited<ReturnType<typeof resolveChanges>>['changes']
  notes: string[]
  planned: PlannedGate[]
  rules: Config['rules']
  waivers: Awaited<ReturnType<typeof resolveWaivers>>
  /** The counter-evidence the override council may hear (the base's). */
  counterEvidence: Awaited<ReturnType<typeof resolveCounterEvidence>>
}

/** Plan: open the repository, check the state directory, load the config, choose the gates and their modes. */
async function planRun(settings: Settings, phase: Phase): Promise<RunPlanning> {
  const repo = settings.repository ?? (await openRepository(settings.cwd))
  const root = repo.root
  // Before anything is written: .proofgate/ must hold no symlink or committed file where state goes.
  // The check (a `git ls-files`) overlaps the config load; it is awaited before the first write.
  const stateChecked = trackedStatePaths(repo).then((tracked) => checkStateDirectory(root, tracked))
  stateChecked.catch(() => undefined) // awaited below; a config error thrown first must not leave it unhandled
  // Worktrees a killed run left behind (SIGKILL gives no chance to clean up); overlaps the config load.
  const swept = sweepStaleWorktrees(root)
  const loaded = await loadConfig(root, {
    ...(settings.configFile === undefined ? {} : { file: settings.configFile }),
    ...(settings.configRev === undefined ? {} : { rev: settings.configRev }),
    env: settings.env,
  })
  const stateNotes = await stateChecked
  // The same for the report files and coverage directories under .proofgate/tmp/: only once the
  // state check has refused a linked .proofgate/, so the sweep never removes anything outside it.
  sweepStaleStateTmp(join(stateDirOf(root), 'tmp'))
  const scope = settings.scope ?? 'changes'
  // A scan of the whole repository reports on every line, changed or not.
  const filterMode = scope === 'all' ? 'nofilter' : settings.filterMode
  const config: Config = filterMode === undefined ? loaded.config : { ...loaded.config, 'filter-mode': filterMode }
  phase('config')
  const modes = effectiveModes(config, settings.gates, scope)
  // gate-integrity may be turned off by the very range it judges: plan it, then decide with the base's config.
  const guarded =
    loaded.rev === null &&
    scope === 'changes' &&
    (settings.gates === undefined || settings.gates.includes(GUARDED_GATE)) &&
    loaded.gateModeOverrides[GUARDED_GATE] === undefined &&
    GATES.some((g) => g.id === GUARDED_GATE)
  const modeOf = (id: GateId): GateMode => (guarded && id === GUARDED_GATE && modes.get(id) !== 'blocking' ? 'blocking' : modes.get(id)!)
  const planned = GATES.filter((g) => modeOf(g.id) !== 'off').map((gate) => ({ gate, mode: modeOf(gate.id), timeoutMs: timeoutMsOf(config, gate.id) }))
  const nothingToRun = (): ProofgateError =>
    new ProofgateError(
      'PG_USAGE',
      scope === 'all' ? 'Every gate that can scan the whole repository is off for this run.' : 'Every gate is off for this run, so it could prove nothing.',
      {
        hint: 'enable a gate in .proofgate.yml, or check --gates and PROOFGATE_GATE_* variables',
      },
    )
  if (planned.length === 0) throw nothingToRun()
  return { repo, root, loaded, config, scope, modes, guarded, planned, stateNotes, swept, nothingToRun }
}

/**
 * Resolve: the change set (warming the heavy modules as soon as the changed names are known), the
 * base commit's floors (gate-integrity's mode, rule severities), the base's waivers and the notes.
 */
async function resolveRun(settings: Settings, p: RunPlanning, phase: Phase): Promise<RunResolution> {
  const { repo, root, loaded, config, scope, modes, guarded, stateNotes, nothingToRun } = p
  let planned = p.planned
  // Heavy modules (TypeScript, the repository's ESLint) load only for gates this change set needs, so
  // a push that touches only docs stays near node's start time; they start loading as soon as the
  // changed names are known, while git still computes the patch.
  // A run that refuses the repository's code (pull_request_target) starts none of it early either.
  const warmed = settings.refuseRepositoryCode === undefined ? planned : planned.filter((p) => !executesRepositoryCode(p.gate, config))
  const warm = createWarmer(root, scope, warmed, config)
  const { changes, notes } = await resolveChanges({
    // A provisional change set: names and statuses only (no shas, binary flags or line ranges yet).
    onNames: (files) =>
      warm(provisionalChanges(root, files, { includesWorkingTree: settings.head === undefined && settings.staged !== true, staged: settings.staged === true })),
    repo,
    ...(settings.base === undefined ? {} : { base: settings.base }),
    ...(settings.head === undefined ? {} : { head: settings.head }),
    ...(settings.baseSource === undefined ? {} : { baseSource: settings.baseSource }),
    ...(settings.labels === undefined ? {} : { labels: settings.labels }),
    ...(settings.staged === true
      ? { staged: true, ...(settings.indexFile === undefined ? {} : { indexFile: resolve(settings.cwd, settings.indexFile) }) }
      : {}),
  })
  warm(changes)
  // The gates that run what is on disk ask whether the disk is the version under test; start that
  // git status (or snapshot) now, so it overlaps the module loads instead of following them.
  if (!changes.includesWorkingTree && planned.some((p) => executesRepositoryCode(p.gate, config) && askAppliesTo(p.gate, changes) === true)) {
    void workTreeDifference(changes).catch(() => undefined)
  }
  // The base's config (gate-integrity's floor, the rules' floor) and waivers: read concurrently.
  const inRange = loaded.rev === null && scope === 'changes'
  const baseConfig = guarded || inRange ? baseConfigText(root, changes.base.sha, loaded) : Promise.resolve(null)
  const trustOptions = { root, changes, scope, ...(settings.approval === undefined ? {} : { approval: settings.approval }) }
  const [enforced, range, waivers, counterEvidence] = await Promise.all([
    // Nothing is stricter than blocking: no git read on the common path.
    guarded && modes.get(GUARDED_GATE) !== 'blocking'
      ? baseConfig.then((text) => stricterAtBase(text, GUARDED_GATE, modes.get(GUARDED_GATE)!))
      : Promise.resolve(undefined),
    inRange ? baseConfig.then((text) => rulesOfRange(text, loaded)) : Promise.resolve(undefined),
    // The waivers that apply are the base's (git objects), never the change's own: see findings/trust.ts.
    resolveWaivers(trustOptions),
    // The counter-evidence the council hears is the base's too; the change's own is validated, not heard.
    resolveCounterEvidence(trustOptions),
  ])
  if (guarded) {
    const mode = enforced ?? modes.get(GUARDED_GATE)!
    planned = planned.filter((p) => p.gate.id !== GUARDED_GATE || mode !== 'off').map((p) => (p.gate.id === GUARDED_GATE ? { ...p, mode } : p))
    if (planned.length === 0) throw nothingToRun()
    if (enforced !== undefined)
      notes.push(
        `${GUARDED_GATE} runs ${enforced}, as the base commit's config says: the range cannot loosen the gate that judges it (PROOFGATE_GATE_GATE_INTEGRITY overrides)`,
      )
  }
  let rules = config.rules
  if (range !== undefined) {
    rules = range.rules
    if (range.kept.length > 0)
      notes.push(
        `rules weakened in this change run at the base commit's level: ${range.kept.join(', ')} (the range cannot lower a severity that judges it; gate-integrity reports the edit)`,
      )
  }
  if (describeRuleLevels(rules) !== '') notes.push(`severity set in .proofgate.yml: ${describeRuleLevels(rules)}`)
  notes.unshift(...(settings.notes ?? []))
  notes.push(...stateNotes)
  // The scope lock is the proof gate's to check; a run without that gate says it did not.
  if (!planned.some((p) => p.gate.id === 'proof') && (await entryExists(scopePath(stateDirOf(root))))) {
    notes.push(
      `the scope recorded by proofgate start (.proofgate/${SCOPE_FILE}) was not checked: the proof gate is off for this run (${settings.gates === undefined ? `mode ${modes.get('proof')}` : '--gates'})`,
    )
  }
  if (loaded.rev !== null) {
    notes.push(
      `configuration read from ${loaded.file === null ? `the defaults (no ${settings.configFile ?? CONFIG_FILE_NAMES[0]} at` : `${loaded.file} at`} ${loaded.rev.slice(0, 12)}${loaded.file === null ? ')' : ''}: edits to it in this change apply once merged`,
    )
  }
  notes.push(...waivers.notes, ...counterEvidence.notes)
  if (settings.approval !== undefined) {
    const { by, sha, association } = settings.approval
    notes.push(`approved by @${by} (${association.toLowerCase()}) on ${sha.slice(0, 12)}: findings that need approval do not block`)
  }
  // An invalid checklist is a configuration error (exit 78 at file:line:column), not a blocked run;
  // this also writes the held-out reservation once, before any gate reads it.
  if (planned.some((p) => p.gate.id === 'checklist') && scope === 'changes') {
    const rev = settings.release === undefined ? changes.base.sha : changes.head.sha
    await loadChecklist(root, rev, settings.release === undefined ? {} : { external: settings.release.external })
  }
  phase('change set and waivers')
  return { changes, notes, planned, rules, waivers, counterEvidence }
}

/** Execute: journal the start, tell the reporters, run the gates with the waiver matchers; the run's worktree is removed after. */
async function executeRun(settings: Settings, p: RunPlanning, r: RunResolution, runId: string, phase: Phase) {
  const { root, loaded, config, scope, swept } = p
  const { changes, notes, planned, rules, waivers } = r
  const stateDir = stateDirOf(root)
  const plan: RunPlan = { runId, scope, changes, gates: planned.map((p) => ({ id: p.gate.id, mode: p.mode })), filterMode: config['filter-mode'], notes }

  const journal = async (events: Parameters<typeof appendEvents>[1]): Promise<void> => appendEvents(stateDir, events)
  await journal([
    {
      runId,
      type: 'run-started',
      base: changes.base,
      head: changes.head,
      treeHash: changes.treeHash,
      diffHash: changes.diffHash,
      files: changes.files.length,
      scope,
      gates: plan.gates,
      filterMode: plan.filterMode,
      configFile: loaded.file,
      configRev: loaded.rev,
    },
  ])
  await callReporters(settings.reporters, settings.warn, (r) => r.onRunStart?.(plan))
  phase('journal and run start')

  const today = (settings.now ?? new Date()).toISOString().slice(0, 10)
  // No waivers file, the base's included, waives a finding about proofgate's own config or waivers.
  const protectedPaths = [...CONFIG_FILE_NAMES, WAIVERS_FILE, COUNTER_EVIDENCE_FILE, ...(loaded.file === null ? [] : [loaded.file])]
  const unwaivable = (finding: Parameters<typeof isUnwaivable>[0]): boolean => isUnwaivable(finding, protectedPaths)
  const matcher = createWaiverMatcher(waivers.applied, today, { unwaivable })
  const pendingMatcher = createWaiverMatcher(waivers.pending, today, { unwaivable })
  const readLine = createLineReader(changes)
  const council = councilOf(settings, p, r, runId, unwaivable, journal)
  const removed = await swept
  if (removed.length > 0) settings.debug?.(`removed ${removed.length} stale worktree(s) under ${WORKTREES_DIR}: ${removed.join(', ')}`)
  const gateResults: GateResult[] = await runGates({
    root,
    stateDir,
    runId,
    changes,
    scope,
    config,
    gates: planned,
    waivers: matcher,
    pendingWaivers: pendingMatcher,
    approval: { blocks: settings.approvalBlocks ?? true, ...(settings.approval === undefined ? {} : { approval: settings.approval }) },
    readLine,
    failOn: settings.failOn ?? 'high',
    rules,
    env: settings.env,
    ...(settings.declarations === undefined ? {} : { declarations: settings.declarations }),
    ...(settings.refuseRepositoryCode === undefined ? {} : { refuseRepositoryCode: settings.refuseRepositoryCode }),
    ...(settings.release === undefined ? {} : { release: settings.release }),
    ...(settings.signal === undefined ? {} : { signal: settings.signal }),
    ...(settings.failFast === true ? { failFast: true } : {}),
    decideEmpty: true,
    ...(council === null ? {} : { settle: (gate: GateId, findings: ReportedFinding[]) => council.settle(gate, findings) }),
    onGateProgress: (id, text) => {
      for (const reporter of settings.reporters) {
        try {
          reporter.onGateProgress?.(id, text)
        } catch (error) {
          settings.warn(`reporter ${reporter.name} failed: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
    },
    onGateStart: async (id) => {
      await journal([{ runId, type: 'gate-started', gate: id }])
      await callReporters(settings.reporters, settings.warn, (r) => r.onGateStart?.(id))
    },
    onGateEnd: async (result) => {
      await journal([
        {
          runId,
          type: 'gate-ended',
          gate: result.id,
          mode: result.mode,
          status: result.status,
          durationMs: result.durationMs,
          counts: result.counts,
          filteredOut: result.filteredOut,
          ...(result.reason === undefined ? {} : { reason: result.reason }),
        },
      ])
      await callReporters(settings.reporters, settings.warn, (r) => r.onGateEnd?.(result))
    },
    log: (gate, message) => settings.debug?.(`[${gate}] ${message}`),
  }).finally(() => removeRunTree(runId)) // the worktree the gates that run code shared, if any

  phase('gates')
  return { gateResults, matcher, readLine, journal, council }
}

/**
 * The run's override council (review/run-council.ts), or null when no trusted counter-evidence
 * exists (nothing to hear: no cost on the common path). On pull_request_target a judge whose
 * command runs the repository's code is refused, by the reviewers' rule (review/trust.ts).
 */
function councilOf(
  settings: Settings,
  p: RunPlanning,
  r: RunResolution,
  runId: string,
  unwaivable: (finding: Parameters<typeof isUnwaivable>[0]) => boolean,
  journal: (events: Parameters<typeof appendEvents>[1]) => Promise<void>,
): Council | null {
  if (r.counterEvidence.applied.length === 0) return null
  const refuse = settings.refuseRepositoryCode
  return createCouncil({
    root: p.root,
    runId,
    judges: p.config.review.judges ?? [],
    evidence: r.counterEvidence.applied,
    unwaivable,
    request: judgeRequests(p.root, r.changes, p.config, settings.env),
    journal,
    ...(refuse === undefined ? {} : { refused: (judge) => (runsRepositoryCode(judge.run) ? refuse : undefined) }),
    env: settings.env,
    ...(settings.signal === undefined ? {} : { signal: settings.signal }),
    prompt: () => readBasePrompt(p.root, r.changes.base.sha, p.config.review),
  })
}

/**
 * Runs proofgate once: plan (config and gates), resolve (change set, base floors, waivers),
 * execute (the gates), finish (verdict, journal, reporters).
 * @throws ProofgateError for a usage, git or configuration problem (the entry point maps its code
 *   to an exit code); any other throw is an internal error (exit 70).
 */
export async function runProofgate(settings: Settings): Promise<RunResult> {
  const startedAt = new Date()
  const started = performance.now()
  let mark = started
  const phase = (name: string): void => {
    const now = performance.now()
    settings.debug?.(`${name}: ${Math.round(now - mark)} ms`)
    mark = now
  }
  const planning = await planRun(settings, phase)
  const resolution = await resolveRun(settings, planning, phase)
  const runId = randomUUID()
  const executed = await executeRun(settings, planning, resolution, runId, phase)
  return finishRun(settings, planning, resolution, { ...executed, runId, startedAt, started }, phase)
}

/** Finish: run-level waiver findings, the verdict and exit code, the journal's verdict line, the reporters' onRunEnd. */
async function finishRun(
  settings: Settings,
  p: RunPlanning,
  r: RunResolution,
  e: Awaited<ReturnType<typeof executeRun>> & { runId: string; startedAt: Date; started: number },
  phase: Phase,
): Promise<RunResult> {
  const { root, config, scope } = p
  const { changes, notes, waivers } = r
  const { gateResults, matcher, readLine, journal, council, runId, startedAt, started } = e
  const runLevel: ReportedFinding[] = fingerprintFindings(
    [...matcher.report(WAIVERS_FILE, waivers.removed, undecidedWaivers(gateResults, GATES, changes, scope)), ...(council?.report() ?? [])].map((finding) => ({
      gate: 'proofgate' as const,
      finding,
    })),
    readLine,
  ).map((f) => ({ ...f, blocking: false, waived: null }))
  const findings = [...gateResults.flatMap((g) => g.findings), ...runLevel].sort(compareFindings)
  let verdict = decideVerdict(findings, gateResults)
  // Uncertainty escalation (loop/escalation.ts): medium and non-blocking unless the config makes it high.
  if (scope === 'changes') {
    const escalation = await escalateRun({
      root,
      runId,
      startedAt: startedAt.toISOString(),
      branch: changes.head.ref ?? null,
      diffHash: changes.diffHash,
      blocked: verdict === 'blocked',
      fingerprints: findings.filter((f) => f.blocking).map((f) => f.fingerprint),
      env: settings.env,
      warn: settings.warn,
      settings: config.loop.escalation,
    })
    if (escalation !== null) findings.push(escalation)
    if (escalation !== null) findings.sort(compareFindings)
    // `loop.escalation.severity: high` makes it blocking: the verdict follows it.
    if (escalation?.blocking === true) verdict = decideVerdict(findings, gateResults)
  }
  const exitCode = exitCodeFor(verdict, settings.strictWarnings)
  const inconclusive = gateResults.filter((g) => g.status === 'inconclusive').map((g) => ({ gate: g.id, reason: g.reason ?? g.summary }))

  await journal([
    {
      runId,
      type: 'verdict',
      verdict,
      exitCode,
      base: changes.base.sha,
      head: changes.head.sha,
      treeHash: changes.treeHash,
      diffHash: changes.diffHash,
      blocking: findings.filter((f) => f.blocking).length,
      findings: findings.length,
      inconclusive,
      // What `proofgate history` and `health` read back (loop/journal-runs.ts): capped, never the messages.
      ...journalDetails(findings, gateResults),
    },
  ])
  // Retention: only the head of the journal is read unless something is due; a failure only warns.
  await compactJournal(stateDirOf(root), { days: config.loop['retention-days'] }).catch((error: unknown) =>
    settings.warn(`journal retention failed: ${error instanceof Error ? error.message : String(error)}`),
  )

  const result: RunResult = {
    runId,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    root,
    base: changes.base,
    head: changes.head,
    treeHash: changes.treeHash,
    diffHash: changes.diffHash,
    scope,
    filterMode: config['filter-mode'],
    changedFiles: changes.files.length,
    verdict,
    exitCode,
    gates: gateResults,
    findings,
    inconclusive,
    notes,
    ...(settings.approval === undefined ? {} : { approval: settings.approval }),
  }
  phase('verdict and journal')
  await callReporters(settings.reporters, settings.warn, (r) => r.onRunEnd?.(result))
  phase('reporters')
  return result
}
