// The `review:` section of `.proofgate.yml` (zod): the reviewer commands of the `review` gate, its
// devil's advocate and judges, and how much of the diff they see. A leaf: gates import it at load time.
import * as z from 'zod'
import { timeoutSeconds } from './gate-options.js'

/** What a reviewer's name must look like: it becomes part of a rule id (`reviewer/<name>`) and a journal field. */
export const REVIEWER_NAME = /^[a-z0-9][a-z0-9_-]*$/

/** One reviewer command: how it runs, what it looks at, which changes it is picked for. */
export const reviewerSchema = z
  .strictObject({
    name: z
      .string()
      .regex(REVIEWER_NAME, 'expected lower-case letters, digits, `-` and `_`, starting with a letter or digit')
      .max(64)
      .describe('Unique name; findings are reported as `reviewer/<name>`'),
    run: z
      .string()
      .trim()
      .min(1)
      .describe('A bash command, run with `bash -c` in the repository root; it reads one JSON request on stdin and prints its verdict on stdout'),
    focus: z.string().trim().min(1).max(200).optional().describe('What the reviewer looks for (security, correctness, api-design, tests); sent in the request'),
    paths: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('picomatch globs (repository-relative): the reviewer is picked for changes to these files; absent: every file'),
    always: z.boolean().default(false).describe('Run on every change, on top of the `pick` specialists'),
    timeout: timeoutSeconds.default(300),
    env: z
      .array(z.string().regex(/^[^=\0]+$/, 'an environment variable name (no `=`)'))
      .default([])
      .describe('Environment variables passed to this reviewer on top of the allow-list (e.g. ANTHROPIC_API_KEY); every other one is removed'),
  })
  .describe('A reviewer: a command that reads the review request on stdin and prints a verdict')

/** A validated reviewer. */
export type ReviewerConfig = z.output<typeof reviewerSchema>

/** Entries of a list of reviewers with unique names. */
function uniqueNames(list: ReadonlyArray<{ name: string }>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>()
  list.forEach((r, index) => {
    if (seen.has(r.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `expected a unique name; '${r.name}' is used twice` })
    seen.add(r.name)
  })
}

/** The default of `review.max-diff-bytes`: about 50k tokens of diff. */
export const DEFAULT_MAX_DIFF_BYTES = 200_000

/** The `review:` section. */
export const reviewSchema = z
  .strictObject({
    reviewers: z
      .array(reviewerSchema)
      .max(100)
      .default([])
      .superRefine(uniqueNames)
      .describe('Reviewer commands; the review gate is off until at least one is configured'),
    'devils-advocate': reviewerSchema
      .optional()
      .describe('Runs with `role: devils-advocate` when every picked reviewer passed; its critical and high findings block'),
    judges: z
      .array(reviewerSchema)
      .length(3, 'expected exactly three judges')
      .superRefine(uniqueNames)
      .optional()
      .describe('Three judges of the override council: each contested finding and its counter-evidence goes to all three'),
    'max-diff-bytes': z
      .number()
      .int()
      .min(1_000)
      .max(50_000_000)
      .default(DEFAULT_MAX_DIFF_BYTES)
      .describe('Bytes (UTF-8) of unified diff a request carries at most; the rest is cut and the request says what was cut'),
    inconclusive: z
      .enum(['block', 'warn'])
      .default('block')
      .describe('A reviewer that crashes, times out or gives no verdict: block (review-inconclusive is high) or warn (medium)'),
    pick: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(3)
      .describe('How many reviewers run: those whose paths match the most changed lines (plus every `always` one)'),
    prompt: z
      .string()
      .trim()
      .min(1)
      .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'expected a path inside the repository (relative, without `..`)')
      .optional()
      .describe(
        "A repository-relative file (the reviewers' prompt) read from the base commit, never from the change, and given to every reviewer, the devil's advocate and the judges as the environment variable PROOFGATE_REVIEW_PROMPT",
      ),
  })
  .describe("The review gate: blind reviewer commands, a devil's advocate on a unanimous pass, and an override council")

/** The effective `review:` section. */
export type ReviewConfig = z.output<typeof reviewSchema>

/** True when the review gate has something to run: at least one reviewer. */
export function reviewEnabled(review: Pick<ReviewConfig, 'reviewers'>): boolean {
  return review.reviewers.length > 0
}
