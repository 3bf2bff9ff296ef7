// Uncertainty escalation (Loki Mode's three proxies), computed from the journal per branch: the
// same diff on N blocked runs (P1), a diff that comes back after another (P2, A→B→A), the same
// blocking fingerprints on N blocked runs (P3). Two hot for R runs in a row escalate, once per episode.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { formatMessage, type RuleMeta } from '../findings/rule.js'
import type { ReportedFinding } from '../findings/types.js'
import { stateDir, writeStateJson, writeStateText } from '../util/state.js'
import { readJournalRuns, type JournalRun } from './journal-runs.js'

/** Loki's defaults: N consecutive runs for P1 and P3, R consecutive hot runs to escalate (`loop.escalation.runs`, `.rounds`). */
export const ESCALATION_N = 3
export const ESCALATION_R = 2

/** N and R (`loop.escalation` in .proofgate.yml). */
export interface EscalationKnobs {
  runs: number
  rounds: number
}
const DEFAULT_KNOBS: EscalationKnobs = { runs: ESCALATION_N, rounds: ESCALATION_R }
/** How far back P2 looks for a diff that comes back, in runs. */
const P2_LOOKBACK = 10

/** What the proxies need from one run of the branch. */
export interface EscalationRun {
  runId: string
  startedAt: string
  diffHash: string | null
  blocked: boolean
  /** The blocking findings' fingerprints. */
  fingerprints: readonly string[]
}

/** The proxies of one run: which are hot. */
export interface Proxies {
  sameDiff: boolean
  oscillation: boolean
  sameFindings: boolean
}

/** `EscalationRun` of a journal run. */
export function toEscalationRun(run: JournalRun): EscalationRun {
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    diffHash: run.diffHash,
    blocked: run.verdict === 'blocked',
    fingerprints: run.blockingFindings.map((f) => f.fingerprint),
  }
}

const key = (fingerprints: readonly string[]): string => [...new Set(fingerprints)].sort().join(',')

/** The proxies at index `i` of `runs` (oldest first). */
export function proxiesAt(runs: readonly EscalationRun[], i: number, n = ESCALATION_N): Proxies {
  const run = runs[i]!
  const last = i >= n - 1 ? runs.slice(i - n + 1, i + 1) : []
  const sameDiff = last.length === n && run.diffHash !== null && last.every((r) => r.blocked && r.diffHash === run.diffHash)
  const findings = key(run.fingerprints)
  const sameFindings = last.length === n && findings !== '' && last.every((r) => r.blocked && key(r.fingerprints) === findings)
  const previous = runs[i - 1]
  const oscillation =
    run.diffHash !== null &&
    previous !== undefined &&
    previous.diffHash !== run.diffHash &&
    runs.slice(Math.max(0, i - P2_LOOKBACK), i - 1).some((r) => r.diffHash === run.diffHash)
  return { sameDiff, oscillation, sameFindings }
}

const hot = (p: Proxies): boolean => [p.sameDiff, p.oscillation, p.sameFindings].filter(Boolean).length >= 2

/**
 * Whether the last run of `runs` (one branch, oldest first, the current run last) escalates: at
 * least two proxies hot on each of the last R runs, and this is the R-th hot run in a row (once
 * per episode; a run that is not hot re-arms it). Returns the hot streak's proxies when it does.
 */
export function decideEscalation(runs: readonly EscalationRun[], knobs: EscalationKnobs = DEFAULT_KNOBS): { proxies: Proxies; streak: EscalationRun[] } | null {
  let streak = 0
  for (let i = runs.length - 1; i >= 0 && hot(proxiesAt(runs, i, knobs.runs)); i--) streak++
  if (streak !== knobs.rounds) return null
  return { proxies: proxiesAt(runs, runs.length - 1, knobs.runs), streak: runs.slice(-Math.max(knobs.runs, knobs.rounds) - 2) }
}

/** The handoff for a human: history of the attempts, recurring fingerprints, diff hashes, what was tried. */
export function renderHandoff(
  branch: string | null,
  decision: { proxies: Proxies; streak: EscalationRun[] },
  n = ESCALATION_N,
): { json: Record<string, unknown>; markdown: string } {
  const names = [
    decision.proxies.sameDiff ? `P1: the same diff on ${n} blocked runs (no change between attempts)` : null,
    decision.proxies.oscillation ? 'P2: a diff that came back after another (A→B→A oscillation)' : null,
    decision.proxies.sameFindings ? `P3: the same blocking findings on ${n} runs` : null,
  ].filter((n): n is string => n !== null)
  const recurring = [...new Set(decision.streak.flatMap((r) => r.fingerprints))].filter((f) => decision.streak.every((r) => r.fingerprints.includes(f)))
  const json = {
    schemaVersion: 1,
    branch,
    proxies: decision.proxies,
    reasons: names,
    attempts: decision.streak.map((r) => ({
      runId: r.runId,
      startedAt: r.startedAt,
      diffHash: r.diffHash,
      blocked: r.blocked,
      blockingFindings: r.fingerprints.length,
    })),
    recurringFingerprints: recurring,
    diffHashes: [...new Set(decision.streak.map((r) => r.diffHash))],
    humanReviewRequired: true,
  }
  const markdown = [
    `# proofgate: human review required${branch === null ? '' : ` (${branch})`}`,
    '',
    'The agent is going in circles. Stop retrying; a person should look at the change.',
    '',
    ...names.map((n) => `- ${n}`),
    '',
    '## Attempts',
    '',
    ...decision.streak.map(
      (r) => `- ${r.startedAt}  ${r.blocked ? 'blocked' : 'not blocked'}  diff ${r.diffHash?.slice(0, 12) ?? '-'}  ${r.fingerprints.length} blocking`,
    ),
    '',
    '## Failing in every attempt',
    '',
    ...(recurring.length === 0 ? ['- (none in common)'] : recurring.map((f) => `- ${f}`)),
    '',
    'Details: the matching .json file and .proofgate/next.md.',
    '',
  ].join('\n')
  return { json, markdown }
}

/** The run-level rule (gate `proofgate`) an escalation is reported under. */
export const ESCALATION_RULES = {
  escalation: {
    description: 'The attempts at this change are going in circles (two of the three uncertainty proxies hot on consecutive runs): human review required',
    defaultSeverity: 'medium',
    reportedFor: 'proofgate',
    filter: 'always',
    messages: {
      escalated: 'Human review required: {{reasons}}. The handoff is in {{handoff}}.',
    },
  },
} as const satisfies Record<string, RuleMeta & { reportedFor: string; messages: Record<string, string> }>

/** The environment variable that turns escalation off (`PROOFGATE_ESCALATION=off`). */
export const ESCALATION_OPT_OUT = 'PROOFGATE_ESCALATION'

/** The current run, as escalation sees it. */
export interface CurrentRun extends EscalationRun {
  root: string
  branch: string | null
  env: NodeJS.ProcessEnv
  /** Prints the loud line (stderr, through the entry point's warn). */
  warn(message: string): void
  /** `loop.escalation` of the config that applies (default: on, N 3, R 2, medium). */
  settings?: { enabled: boolean; runs: number; rounds: number; severity: 'medium' | 'high' }
}

/**
 * Decides whether `current` escalates, from the journal's earlier runs of its branch; when it does,
 * writes `.proofgate/handoff/<timestamp>.md` and `.json`, prints one loud line naming the opt-out and
 * returns the `escalation` finding (medium and non-blocking by default; `loop.escalation.severity: high` blocks). Null otherwise, or when turned off (`loop.escalation.enabled: false`, PROOFGATE_ESCALATION=off).
 * @throws ProofgateError PG_STATE_UNSAFE or PG_STATE_UNWRITABLE when the handoff cannot be written.
 */
export async function escalateRun(current: CurrentRun): Promise<ReportedFinding | null> {
  const settings = current.settings ?? { enabled: true, ...DEFAULT_KNOBS, severity: 'medium' as const }
  if (current.env[ESCALATION_OPT_OUT] === 'off' || !settings.enabled) return null
  // P1 and P3 are hot only on a blocked run, and one proxy alone (P2) is not enough: a run that
  // passes cannot escalate, so it never pays for reading the journal (a hook on a long journal).
  if (!current.blocked) return null
  const journal = await readJournalRuns(current.root)
  const earlier = journal.runs
    .filter((r) => r.scope === 'changes' && r.verdict !== null && r.branch === current.branch && r.runId !== current.runId)
    .slice(-(P2_LOOKBACK + settings.runs + settings.rounds))
    .map(toEscalationRun)
  const decision = decideEscalation([...earlier, current], settings)
  if (decision === null) return null
  const stamp = current.startedAt.replace(/[:.]/g, '-')
  const handoff = `.proofgate/handoff/${stamp}.md`
  const { json, markdown } = renderHandoff(current.branch, decision, settings.runs)
  await writeStateText(join(stateDir(current.root), 'handoff', `${stamp}.md`), markdown)
  await writeStateJson(join(stateDir(current.root), 'handoff', `${stamp}.json`), { ...json, runId: current.runId })
  current.warn(`ESCALATION: human review required, the attempts are going in circles; handoff in ${handoff} (${ESCALATION_OPT_OUT}=off turns this off)`)
  const reasons = (json.reasons as string[]).map((r) => r.split(':')[0]).join(' and ')
  return {
    gate: 'proofgate',
    ruleId: 'escalation',
    severity: settings.severity,
    messageId: 'escalated',
    message: formatMessage('escalation', ESCALATION_RULES.escalation, 'escalated', { reasons: `${reasons} hot on ${settings.rounds} runs in a row`, handoff }),
    help: `Stop retrying: read ${handoff} and have a person review the change.`,
    fingerprint: createHash('sha256')
      .update(`escalation\0${current.branch ?? ''}\0${decision.streak[0]?.runId ?? ''}`)
      .digest('hex')
      .slice(0, 32),
    // High (`loop.escalation.severity`) blocks, as any high finding of the run would.
    blocking: settings.severity === 'high',
    waived: null,
  }
}
