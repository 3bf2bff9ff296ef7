// The override council's tally, pure: three judges' votes on one contested finding become
// approved, rejected or inconclusive. Fail closed: anything short of two parseable passes blocks.
import type { CouncilDecision, CouncilVote } from '../findings/types.js'

/** Parseable `pass` votes the council needs to waive a finding: a majority of three. */
export const COUNCIL_QUORUM = 2

/**
 * The outcome of `votes`: `approved` with at least {@link COUNCIL_QUORUM} `pass` votes,
 * `rejected` with at least as many `fail` votes, else `inconclusive` (fewer than two parseable
 * votes, or one each way beside a judge that gave no verdict). Only `approved` waives.
 */
export function tallyVotes(votes: readonly Pick<CouncilVote, 'vote'>[]): CouncilDecision['outcome'] {
  const count = (vote: CouncilVote['vote']): number => votes.filter((v) => v.vote === vote).length
  if (count('pass') >= COUNCIL_QUORUM) return 'approved'
  if (count('fail') >= COUNCIL_QUORUM) return 'rejected'
  return 'inconclusive'
}
