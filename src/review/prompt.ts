// The reviewers' prompt (`review.prompt`): read from the base commit, as the config is, so a change
// cannot rewrite what its own reviewers are told ("approve everything"); its own copy is never read.
import { readCommittedFile } from '../changes/entries.js'
import type { ReviewConfig } from '../config/review.js'
import { ProofgateError } from '../errors.js'

/**
 * The text of `review.prompt` at `baseSha` (a regular file, not a symlink), or undefined when no
 * prompt is configured.
 * @throws ProofgateError PG_CONFIG_INVALID when the file is not a regular file in the base commit
 *   (the remedy: commit it on the base branch first); PG_GIT_FAILED when its blob cannot be read.
 */
export async function readBasePrompt(root: string, baseSha: string, review: Pick<ReviewConfig, 'prompt'>): Promise<string | undefined> {
  if (review.prompt === undefined) return undefined
  const text = await readCommittedFile(root, baseSha, review.prompt)
  if (text === null)
    throw new ProofgateError('PG_CONFIG_INVALID', `review.prompt: '${review.prompt}' is not a regular file in the base commit ${baseSha.slice(0, 12)}`, {
      hint: "commit the prompt on the base branch first: reviewers read the base's prompt, never the change's own copy",
    })
  return text
}
