// One review round: the picked reviewers asked in parallel and blind (answers stay in memory until
// all are in), then the devil's advocate on a unanimous pass. Returns the votes; reporting is the gate's.
import { availableParallelism } from 'node:os'
import type { ReviewConfig, ReviewerConfig } from '../config/review.js'
import { askReviewer, type AskResult } from './ask.js'
import type { ReviewRequest, ReviewRole } from './protocol.js'

/** One reviewer's answer in a round. */
export interface Vote {
  reviewer: ReviewerConfig
  role: ReviewRole
  result: AskResult
}

/** How a round runs its reviewers. */
export interface RoundOptions {
  cwd: string
  signal?: AbortSignal
  baseEnv?: NodeJS.ProcessEnv
  /** The base commit's `review.prompt` text, when configured (review/prompt.ts). */
  prompt?: string
  /** The request for one reviewer in one role (the diff and files are the same for all). */
  request(reviewer: ReviewerConfig, role: ReviewRole): ReviewRequest
  /** At most this many reviewers at once (default: the machine's available parallelism). */
  concurrency?: number
}

/** Runs `fn` on every item with at most `limit` at once; results in input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      out[index] = await fn(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return out
}

/** True when a vote is a clean pass: verdict pass and no critical or high finding. */
export function cleanPass(vote: Vote): boolean {
  return vote.result.verdict === 'pass' && !vote.result.findings.some((f) => f.severity === 'critical' || f.severity === 'high')
}

/**
 * Asks `picked` (role `reviewer`) in parallel, bounded by `options.concurrency`; when every one of
 * them is a {@link cleanPass} and `review['devils-advocate']` is set, asks it (role
 * `devils-advocate`). No reviewer's answer is written anywhere while others run: votes are returned in memory.
 */
export async function runRound(picked: readonly ReviewerConfig[], review: Pick<ReviewConfig, 'devils-advocate'>, options: RoundOptions): Promise<Vote[]> {
  const ask = async (reviewer: ReviewerConfig, role: ReviewRole): Promise<Vote> => ({
    reviewer,
    role,
    result: await askReviewer(reviewer, options.request(reviewer, role), {
      cwd: options.cwd,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.baseEnv === undefined ? {} : { baseEnv: options.baseEnv }),
      ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
    }),
  })
  const votes = await mapBounded(picked, options.concurrency ?? availableParallelism(), (r) => ask(r, 'reviewer'))
  const advocate = review['devils-advocate']
  if (advocate !== undefined && votes.length > 0 && votes.every(cleanPass) && options.signal?.aborted !== true)
    votes.push(await ask(advocate, 'devils-advocate'))
  return votes
}
