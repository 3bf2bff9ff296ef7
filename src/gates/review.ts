// The `review` gate: the reviewer commands under `review:` read the diff as a JSON request and vote,
// blind and in parallel; a devil's advocate re-reviews a unanimous pass; no verdict fails closed.
import { basename, isAbsolute, relative } from 'node:path'
import { readFilePatches } from '../changes/review-diff.js'
import type { ChangeSet } from '../changes/types.js'
import type { Config } from '../config/schema.js'
import { reviewEnabled, type ReviewerConfig } from '../config/review.js'
import type { FindingInput } from '../findings/types.js'
import { appendEvents } from '../journal/journal.js'
import { addedLineCount, describePick, pickReviewers, type PickEntry } from '../review/pick.js'
import { buildRequest, type RequestFile, type ReviewFinding, type ReviewRequest, type ReviewRole } from '../review/protocol.js'
import { readBasePrompt } from '../review/prompt.js'
import { runRound, type Vote } from '../review/round.js'
import { runsRepositoryCode } from '../review/trust.js'
import { plural } from '../util/text.js'
import { REVIEW_RULES, reviewRuleFinding } from './review/rules.js'
import type { Gate, GateContext, GateOutcome } from './types.js'

export { REVIEW_RULES } from './review/rules.js'

/** The journal event type of one reviewer's vote. */
export const REVIEW_VOTE_TYPE = 'review-vote'
/** The journal event type of the pick: every reviewer, picked or not, and why (line and file counts). */
export const REVIEW_PICK_TYPE = 'review-pick'

/** One vote as the JSON report and the journal hold it: no reviewer output, only what it came to. */
export interface VoteRecord {
  reviewer: string
  role: ReviewRole
  verdict: 'pass' | 'fail' | null
  /** Wall-clock ms. */
  durationMs: number
  exitCode: number | null
  timedOut: boolean
  /** Findings it reported (before the diff filter). */
  findings: number
  /** Why there is no verdict, as a kind (ask.ts AskFailure). */
  failure?: string
}

/** `data` of the gate's result, for the JSON report. */
export interface ReviewData {
  pick: PickEntry[]
  votes: VoteRecord[]
}

/** A message as its fingerprint sees it: lower case, digits as 0, whitespace collapsed (a reviewer's wording of the same finding drifts in these). */
export function normaliseMessage(message: string): string {
  return message.toLowerCase().replace(/\d+/g, '0').replace(/\s+/g, ' ').trim()
}

/** A reviewer's path as the change set names it: `./`, diff's `a/`/`b/` prefixes and the absolute root taken off. */
export function changedPath(path: string, root: string, changes: ChangeSet): string {
  const known = new Set(changes.files.map((f) => f.path))
  let p = path.replace(/\\/g, '/')
  if (isAbsolute(p)) p = relative(root, p).replace(/\\/g, '/')
  p = p.replace(/^(?:\.\/)+/, '')
  if (!known.has(p) && /^[ab]\//.test(p) && known.has(p.slice(2))) p = p.slice(2)
  return p
}

function roleWord(role: ReviewRole): string {
  return role === 'devils-advocate' ? "Devil's advocate" : role === 'judge' ? 'Judge' : 'Reviewer'
}

/** The finding of one reviewer finding: rule `reviewer/<name>`, the reviewer's severity, its suggestion as help. */
export function reviewerFinding(vote: Pick<Vote, 'reviewer' | 'role'>, f: ReviewFinding, root: string, changes: ChangeSet): FindingInput {
  const path = f.path === undefined ? undefined : changedPath(f.path, root, changes)
  const built = reviewRuleFinding(
    'reviewer',
    vote.role === 'devils-advocate' ? 'devilsAdvocate' : 'finding',
    { message: f.message, reviewer: vote.reviewer.name },
    {
      severity: f.severity,
      ...(path === undefined || path === '' ? {} : { path }),
      ...(path === undefined || path === '' || f.line === undefined ? {} : { startLine: f.line }),
      ...(f.suggestion === undefined ? {} : { help: f.suggestion }),
      fingerprintKey: normaliseMessage(f.message),
    },
  )
  return { ...built, ruleId: `reviewer/${vote.reviewer.name}` }
}

/** The review-inconclusive finding of a vote without a usable verdict, or null when it has one. */
export function inconclusiveFinding(vote: Vote, severity: 'high' | 'medium'): FindingInput | null {
  const { result } = vote
  const data = { role: roleWord(vote.role), reviewer: vote.reviewer.name }
  const tail = result.stderrTail === undefined ? '' : ` Its stderr ended with:\n${result.stderrTail}`
  const help = `run the command by hand with a request on stdin (docs/review.md) and make it exit 0 with a verdict;${vote.role === 'reviewer' ? ' or set review.inconclusive: warn to make this advisory.' : ''}${tail}`
  if (result.verdict === null) {
    return reviewRuleFinding(
      'review-inconclusive',
      'noVerdict',
      { ...data, problem: result.error ?? 'unknown' },
      { severity, fingerprintKey: vote.reviewer.name, help },
    )
  }
  if (result.verdict === 'fail' && result.findings.length === 0) {
    return reviewRuleFinding('review-inconclusive', 'failWithoutFindings', data, { severity, fingerprintKey: vote.reviewer.name, help })
  }
  return null
}

function voteRecord(vote: Vote): VoteRecord {
  const r = vote.result
  return {
    reviewer: vote.reviewer.name,
    role: vote.role,
    verdict: r.verdict,
    durationMs: r.durationMs,
    exitCode: r.exitCode,
    timedOut: r.timedOut,
    findings: r.findings.length,
    ...(r.failure === undefined ? {} : { failure: r.failure }),
  }
}

/** `3 reviewers: 2 passed, 1 failed; devil's advocate da: failed`. */
export function roundSummary(votes: readonly Vote[]): string {
  const word = (v: Vote): string => (v.result.verdict === 'pass' ? 'passed' : v.result.verdict === 'fail' ? 'failed' : 'gave no verdict')
  const reviewers = votes.filter((v) => v.role === 'reviewer')
  const counts = ['passed', 'failed', 'gave no verdict']
    .map((w) => [w, reviewers.filter((v) => word(v) === w).length] as const)
    .filter(([, n]) => n > 0)
    .map(([w, n]) => `${n} ${w}`)
  const advocate = votes.find((v) => v.role === 'devils-advocate')
  return `${plural(reviewers.length, 'reviewer')}: ${counts.join(', ')}${advocate === undefined ? '' : `; devil's advocate ${advocate.reviewer.name}: ${word(advocate)}`}`
}

/** The request builder of a run: the diff is read once and shared by every reviewer. */
async function requestsFor(ctx: GateContext): Promise<(reviewer: ReviewerConfig, role: ReviewRole) => ReviewRequest> {
  const { changes } = ctx
  const patches = await readFilePatches(ctx.root, changes.base.sha, changes.treeHash, changes.files)
  const files: RequestFile[] = changes.files.map((f) => ({
    path: f.path,
    status: f.status,
    ...(f.oldPath === undefined ? {} : { oldPath: f.oldPath }),
    binary: f.binary,
    addedLines: addedLineCount(f),
  }))
  const env = ctx.env ?? process.env
  const repository = env.GITHUB_REPOSITORY !== undefined && env.GITHUB_REPOSITORY !== '' ? env.GITHUB_REPOSITORY : basename(ctx.root)
  const review = ctx.config.review
  return (reviewer, role) =>
    buildRequest({
      role,
      reviewer: reviewer.name,
      focus: reviewer.focus,
      repository,
      baseSha: changes.base.sha,
      headSha: changes.head.sha,
      files,
      patches,
      maxDiffBytes: review['max-diff-bytes'],
    })
}

/** Appends the `review-pick` event and one `review-vote` event per vote; a journal that cannot be written is logged, not fatal (the report holds them too). */
async function journalVotes(ctx: GateContext, pick: readonly PickEntry[], records: readonly VoteRecord[]): Promise<void> {
  try {
    await appendEvents(ctx.stateDir, [
      { runId: ctx.runId, type: REVIEW_PICK_TYPE, reviewers: pick },
      ...records.map((r) => ({ runId: ctx.runId, type: REVIEW_VOTE_TYPE, ...r })),
    ])
  } catch (error) {
    ctx.log(`review: warning: the votes were not journaled: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * True when any reviewer or the devil's advocate would run repository code (review/trust.ts). Judges
 * are left out: the override council refuses such a judge alone (its vote is `none`), so one judge
 * does not take the whole review gate down on pull_request_target.
 */
export function reviewRunsRepositoryCode(config: Config): boolean {
  const review = config.review
  const all = [...review.reviewers, ...(review['devils-advocate'] === undefined ? [] : [review['devils-advocate']])]
  return all.some((r) => runsRepositoryCode(r.run))
}

/**
 * The `review` gate: picks the reviewers for the change (review/pick.ts), sends each the same JSON
 * request on stdin (the diff capped by `max-diff-bytes`), in parallel and blind, then the devil's
 * advocate when every picked reviewer passed. Reports each finding as `reviewer/<name>` and a
 * vote without a verdict as `review-inconclusive`; journals a `review-vote` per reviewer once all are done.
 */
export const reviewGate: Gate<'review', Record<never, never>> = {
  id: 'review',
  meta: {
    description:
      "Reviewer commands under `review:` read the diff as a JSON request and vote, blind and in parallel; a devil's advocate re-reviews a unanimous pass; no verdict fails closed. Off until reviewers are configured",
    defaultMode: 'blocking',
    defaultTimeout: 1_800,
    timeoutDescription: 'Timeout in seconds for the whole review round; each reviewer also has its own `timeout`',
    options: {},
    enabled: (config) => reviewEnabled(config.review),
    executesRepositoryCode: reviewRunsRepositoryCode,
    rules: REVIEW_RULES,
  },

  appliesTo(changes) {
    return changes.files.length === 0 ? { applies: false, reason: 'no changed files to review' } : true
  },

  async run(ctx: GateContext): Promise<GateOutcome> {
    const review = ctx.config.review
    const pick = pickReviewers(review.reviewers, ctx.changes.files, review.pick)
    const why = describePick(pick)
    ctx.log(`review: ${why}`)
    const picked = review.reviewers.filter((r) => pick.some((e) => e.name === r.name && e.picked))
    if (picked.length === 0)
      return { status: 'skipped', reason: `no reviewer's paths match the changed files (${why})`, summary: why, data: { pick, votes: [] } }
    const request = await requestsFor(ctx)
    // Read before anyone is asked: a prompt missing from the base errors the gate (fail closed).
    const prompt = await readBasePrompt(ctx.root, ctx.changes.base.sha, review)
    ctx.progress?.(`${plural(picked.length, 'reviewer')} asked`)
    const votes = await runRound(picked, review, {
      cwd: ctx.root,
      signal: ctx.signal,
      ...(ctx.env === undefined ? {} : { baseEnv: ctx.env }),
      ...(prompt === undefined ? {} : { prompt }),
      request,
    })
    // Every answer is in: only now does anything about them leave memory.
    const severity = review.inconclusive === 'warn' ? 'medium' : 'high'
    const undecided: string[] = []
    for (const vote of votes) {
      const inconclusive = inconclusiveFinding(vote, severity)
      if (inconclusive !== null) {
        ctx.report(inconclusive)
        undecided.push(vote.reviewer.name)
      }
      for (const f of vote.result.findings) ctx.report(reviewerFinding(vote, f, ctx.root, ctx.changes))
    }
    const records = votes.map(voteRecord)
    await journalVotes(ctx, pick, records)
    const outcome: GateOutcome = { summary: `${roundSummary(votes)}; ${why}`, data: { pick, votes: records } satisfies ReviewData }
    // The status when nothing blocks (inconclusive: warn); a blocking finding makes it fail anyway.
    return undecided.length === 0 ? outcome : { ...outcome, status: 'inconclusive', reason: `no verdict from ${undecided.join(', ')}` }
  },
}
