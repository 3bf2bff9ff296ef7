// How every report words the override council's decision on a finding (the votes, the outcome,
// where the counter-evidence is): one wording for the terminal, markdown, HTML and SARIF reports.
import type { CouncilDecision, CouncilVote, ReportedFinding, WaiverRef } from './types.js'

/** `2 of 3 judges passed, 1 failed` — how a report sums the votes up; a vote with no verdict is "gave no verdict". */
export function describeVotes(votes: readonly Pick<CouncilVote, 'vote'>[]): string {
  const pass = votes.filter((v) => v.vote === 'pass').length
  const fail = votes.filter((v) => v.vote === 'fail').length
  const none = votes.length - pass - fail
  const parts = [`${pass} of ${votes.length} judges passed`]
  if (fail > 0) parts.push(`${fail} failed`)
  if (none > 0) parts.push(`${none} gave no verdict`)
  return parts.join(', ')
}

/** One line for every report: `the override council approved this counter-evidence (2 of 3 judges passed, 1 failed)`. */
export function describeDecision(decision: Pick<CouncilDecision, 'outcome' | 'votes'>): string {
  const what =
    decision.outcome === 'approved'
      ? 'the override council approved the counter-evidence'
      : decision.outcome === 'rejected'
        ? 'the override council rejected the counter-evidence'
        : 'the override council was inconclusive (fewer than two judges passed or failed it), so the finding still blocks'
  return `${what} (${describeVotes(decision.votes)})`
}

/**
 * Where a waiver is and why, for every report: `reason (proof: x, expires y; .proofgate/waivers.yml:12)`,
 * or for the council `claim (proof: x; .proofgate/counter-evidence.yml:3; override council, 2 of 3 judges)`.
 */
export function waiverText(w: WaiverRef): string {
  if (w.council !== undefined)
    return `${w.reason} (proof: ${w.proof}; ${w.council.file}:${w.line}; override council, ${w.council.approvals} of ${w.council.judges} judges)`
  return `${w.reason} (proof: ${w.proof}${w.expires === undefined ? '' : `, expires ${w.expires}`}; .proofgate/waivers.yml:${w.line})`
}

/** For a finding the council heard and did not waive: `<file>:<line>: the override council rejected … (…)`; '' otherwise. */
export function councilRefusalText(f: Pick<ReportedFinding, 'council'>): string {
  const c = f.council
  if (c === undefined || c.outcome === 'approved') return ''
  return `${c.evidence.file}:${c.evidence.line}: ${describeDecision(c)}: ${c.evidence.claim} (proof: ${c.evidence.proofType})`
}

/** The votes by judge and the artifacts, for a report's detail line: `votes: a pass, b pass, c fail · artifacts: src/x.ts`. */
export function councilEvidenceText(c: CouncilDecision): string {
  const votes = c.votes.map((v) => `${v.judge} ${v.vote === 'none' ? `no verdict${v.error === undefined ? '' : ` (${v.error})`}` : v.vote}`).join(', ')
  return `votes: ${votes}${c.evidence.artifacts.length === 0 ? '' : ` · artifacts: ${c.evidence.artifacts.join(', ')}`}`
}
