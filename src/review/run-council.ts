// The override council at a gate's end: each blocking finding that the trusted counter-evidence
// contests goes to the three judges (blind, in parallel); two passes waive it, anything less blocks.
import { basename } from 'node:path'
import { readFilePatches } from '../changes/review-diff.js'
import type { ChangeSet } from '../changes/types.js'
import type { CounterEvidence } from '../config/counter-evidence.js'
import { COUNTER_EVIDENCE_FILE } from '../config/files.js'
import type { ReviewerConfig } from '../config/review.js'
import type { Config } from '../config/schema.js'
import { formatMessage, type RuleMeta } from '../findings/rule.js'
import type { CouncilDecision, CouncilVote, Finding, FindingInput, GateId, ReportedFinding } from '../findings/types.js'
import { ENGINE_GATE } from '../findings/waivers.js'
import type { JournalEvent } from '../journal/journal.js'
import { askReviewer, type AskResult } from './ask.js'
import { tallyVotes } from './council.js'
import { addedLineCount } from './pick.js'
import { buildRequest, type FilePatch, type ReviewRequest } from './protocol.js'

/** The run-level rule the council reports (gate `proofgate`); its page is docs/rules/proofgate/council-not-configured.md. */
export const COUNCIL_RULES = {
  'council-not-configured': {
    description: 'Counter-evidence contests a blocking finding, but no judges are configured (review.judges), so the council cannot hear it',
    // Medium, not high: the contested finding keeps blocking on its own (fail closed); this one
    // only says why the counter-evidence was not heard, and must not add a second blocker.
    defaultSeverity: 'medium',
    reportedFor: ENGINE_GATE,
    filter: 'always',
    messages: {
      notConfigured:
        'Counter-evidence contests the blocking finding {{fingerprint}} ({{rule}}), but review.judges is not configured: the override council cannot hear it, so the finding still blocks.',
    },
  },
} as const satisfies Record<string, RuleMeta & { reportedFor: string; messages: Record<string, string> }>

/** How a judge answers, in its request's `instructions` (in place of a reviewer's). */
export const JUDGE_INSTRUCTIONS =
  "You are one of three judges of proofgate's override council; you do not see the others' answers. `finding` was reported by a gate and blocks this change; " +
  '`counterEvidence` claims it is wrong (`proofType` says what kind of proof, `artifacts` where it is). Check the claim against the diff and the artifacts. ' +
  'Answer pass only if the evidence shows the finding should not block; otherwise, or when you cannot tell, fail. ' +
  'Print one JSON object on stdout: {"verdict":"pass"|"fail","findings":[]} (schema/review-response.schema.json), or a line `VERDICT: PASS` or `VERDICT: FAIL`.'

/** What the council of one run needs. */
export interface CouncilOptions {
  /** Where the judges run: the repository root. */
  root: string
  runId: string
  /** `review.judges` (three), or [] when none are configured. */
  judges: readonly ReviewerConfig[]
  /** The trusted counter-evidence (findings/trust.ts `resolveCounterEvidence`). */
  evidence: readonly CounterEvidence[]
  /** Findings no counter-evidence may contest, as no waiver may waive them (findings/trust.ts `isUnwaivable`). */
  unwaivable(finding: Finding): boolean
  /** The request `judge` reads on stdin for `finding` (role `judge`, the finding and its counter-evidence in it). */
  request(judge: ReviewerConfig, finding: ReportedFinding, evidence: CounterEvidence): ReviewRequest | Promise<ReviewRequest>
  /** Appends to the journal (before the gate's `gate-ended`). */
  journal(events: ReadonlyArray<Omit<JournalEvent, 'v' | 'ts'>>): Promise<void>
  /**
   * Why `judge` may not run here, or undefined when it may: on pull_request_target a judge whose
   * command runs the repository's code is refused (review/trust.ts, the reviewers' rule); its vote is `none`.
   */
  refused?(judge: ReviewerConfig): string | undefined
  env?: NodeJS.ProcessEnv
  signal?: AbortSignal
  /** The base commit's `review.prompt` text (review/prompt.ts), read once when a finding is first heard; a throw makes every vote `none`. */
  prompt?(): Promise<string | undefined>
}

/** One run's council: the runner's `settle` hook, and the run-level findings it leaves. */
export interface Council {
  /** Hears every contested blocking finding of one gate; returns the findings with the council's decisions applied (same order). */
  settle(gate: GateId, findings: ReportedFinding[]): Promise<ReportedFinding[]>
  /** `council-not-configured` findings (one per contested finding no judge could hear), for the run's run-level findings. */
  report(): FindingInput[]
}

/** The counter-evidence entry that contests `finding` (fingerprint or a prefix of it), or undefined. */
export function contestedBy(evidence: readonly CounterEvidence[], finding: Finding): CounterEvidence | undefined {
  return evidence.find((e) => finding.fingerprint.startsWith(e.fingerprint))
}

function voteOf(judge: string, answer: AskResult): CouncilVote {
  return {
    judge,
    vote: answer.verdict ?? 'none',
    durationMs: answer.durationMs,
    exitCode: answer.exitCode,
    timedOut: answer.timedOut,
    ...(answer.verdict === null && answer.error !== undefined ? { error: answer.error } : {}),
  }
}

/** Builds the council; nothing runs until `settle` meets a contested blocking finding. */
export function createCouncil(options: CouncilOptions): Council {
  const unheard: FindingInput[] = []

  let prompt: Promise<{ text?: string; error?: string }> | undefined
  const promptOnce = (): Promise<{ text?: string; error?: string }> =>
    (prompt ??= (options.prompt?.() ?? Promise.resolve(undefined)).then(
      (text) => (text === undefined ? {} : { text }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    ))

  const hear = async (gate: GateId, finding: ReportedFinding, evidence: CounterEvidence): Promise<CouncilDecision> => {
    const trusted = await promptOnce()
    // Blind: each judge gets its own request and never another's answer; all three at once.
    const votes = await Promise.all(
      options.judges.map(async (judge): Promise<CouncilVote> => {
        const refused = options.refused?.(judge)
        if (refused !== undefined) return { judge: judge.name, vote: 'none', durationMs: 0, exitCode: null, timedOut: false, error: `refused: ${refused}` }
        // No judge is asked without the prompt the base configured (fail closed).
        if (trusted.error !== undefined)
          return { judge: judge.name, vote: 'none', durationMs: 0, exitCode: null, timedOut: false, error: `no prompt: ${trusted.error}` }
        let request: ReviewRequest
        try {
          request = await options.request(judge, finding, evidence)
        } catch (error) {
          // The diff could not be read: no judge is asked on half a request, and no vote counts (fail closed).
          return {
            judge: judge.name,
            vote: 'none',
            durationMs: 0,
            exitCode: null,
            timedOut: false,
            error: `no request: ${error instanceof Error ? error.message : String(error)}`,
          }
        }
        const answer = await askReviewer(judge, request, {
          cwd: options.root,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.env === undefined ? {} : { baseEnv: options.env }),
          ...(trusted.text === undefined ? {} : { prompt: trusted.text }),
        })
        return voteOf(judge.name, answer)
      }),
    )
    const outcome = tallyVotes(votes)
    const about = { runId: options.runId, gate, ruleId: finding.ruleId, fingerprint: finding.fingerprint, evidenceLine: evidence.line }
    // Votes and the outcome are journaled before the gate's gate-ended event and the verdict.
    await options.journal([
      ...votes.map((v) => ({
        ...about,
        type: 'council-vote',
        judge: v.judge,
        vote: v.vote,
        durationMs: v.durationMs,
        exitCode: v.exitCode,
        timedOut: v.timedOut,
      })),
      { ...about, type: 'council-decided', outcome, approvals: votes.filter((v) => v.vote === 'pass').length, judges: votes.length },
    ])
    return {
      outcome,
      evidence: { file: COUNTER_EVIDENCE_FILE, line: evidence.line, claim: evidence.claim, proofType: evidence.proofType, artifacts: [...evidence.artifacts] },
      votes,
    }
  }

  const apply = (finding: ReportedFinding, decision: CouncilDecision): ReportedFinding => {
    if (decision.outcome !== 'approved') return { ...finding, council: decision }
    const { claim, proofType, artifacts, file, line } = decision.evidence
    const approvals = decision.votes.filter((v) => v.vote === 'pass').length
    return {
      ...finding,
      blocking: false,
      waived: { reason: claim, proof: proofType, line, council: { file, approvals, judges: decision.votes.length, artifacts } },
      council: decision,
    }
  }

  return {
    async settle(gate, findings) {
      const out: ReportedFinding[] = []
      for (const finding of findings) {
        const evidence = finding.blocking && !options.unwaivable(finding) ? contestedBy(options.evidence, finding) : undefined
        if (evidence === undefined) {
          out.push(finding)
        } else if (options.judges.length === 0) {
          unheard.push(notConfigured(finding, evidence))
          out.push(finding)
        } else {
          out.push(apply(finding, await hear(gate, finding, evidence)))
        }
      }
      return out
    },
    report: () => [...unheard],
  }
}

function notConfigured(finding: ReportedFinding, evidence: CounterEvidence): FindingInput {
  const meta = COUNCIL_RULES['council-not-configured']
  return {
    ruleId: 'council-not-configured',
    messageId: 'notConfigured',
    severity: meta.defaultSeverity,
    message: formatMessage('council-not-configured', meta, 'notConfigured', {
      fingerprint: finding.fingerprint.slice(0, 12),
      rule: `${finding.gate}/${finding.ruleId}`,
    }),
    path: COUNTER_EVIDENCE_FILE,
    startLine: evidence.line,
    help: 'configure three judges under review.judges in .proofgate.yml (see docs/council.md), or fix the finding',
  }
}

/**
 * The request builder of a run's council: the review protocol's request with role `judge`, the
 * finding, its counter-evidence and {@link JUDGE_INSTRUCTIONS}; the diff (capped by
 * `review.max-diff-bytes`) is read once, when the first judge is asked.
 */
export function judgeRequests(
  root: string,
  changes: ChangeSet,
  config: Pick<Config, 'review'>,
  env: NodeJS.ProcessEnv,
): (judge: ReviewerConfig, finding: ReportedFinding, evidence: CounterEvidence) => Promise<ReviewRequest> {
  let patches: Promise<FilePatch[]> | undefined
  const files = changes.files.map((f) => ({
    path: f.path,
    status: f.status,
    ...(f.oldPath === undefined ? {} : { oldPath: f.oldPath }),
    binary: f.binary,
    addedLines: addedLineCount(f),
  }))
  const repository = env['GITHUB_REPOSITORY'] !== undefined && env['GITHUB_REPOSITORY'] !== '' ? env['GITHUB_REPOSITORY'] : basename(root)
  return async (judge, finding, evidence) => ({
    ...buildRequest({
      role: 'judge',
      reviewer: judge.name,
      focus: judge.focus,
      repository,
      baseSha: changes.base.sha,
      headSha: changes.head.sha,
      files,
      patches: await (patches ??= readFilePatches(root, changes.base.sha, changes.treeHash, changes.files)),
      maxDiffBytes: config.review['max-diff-bytes'],
      finding: {
        fingerprint: finding.fingerprint,
        gate: finding.gate,
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        ...(finding.path === undefined ? {} : { path: finding.path }),
        ...(finding.startLine === undefined ? {} : { line: finding.startLine }),
      },
      counterEvidence: { claim: evidence.claim, proofType: evidence.proofType, artifacts: [...evidence.artifacts] },
    }),
    instructions: JUDGE_INSTRUCTIONS,
  })
}
