// Pull request reviews (https://docs.github.com/rest/pulls/reviews): the approval that lets a
// change's own waivers and config apply. Only a trusted reviewer's approval of the exact head counts.
import type { Approval } from '../findings/types.js'
import type { GitHubClient, RepoRef } from './client.js'

/** The fields of a pull request review that {@link findApproval} reads. */
export interface PullRequestReview {
  id: number
  user?: { login?: string } | null
  state: string
  commit_id?: string | null
  author_association: string
  submitted_at?: string
}

/** Associations whose approval counts: people with write access to the repository. */
export const TRUSTED_ASSOCIATIONS = ['OWNER', 'MEMBER', 'COLLABORATOR'] as const

/** Every review of pull request `pull`, all pages (100 per request), oldest first as GitHub lists them. */
export async function listReviews(client: GitHubClient, repo: RepoRef, pull: number): Promise<PullRequestReview[]> {
  return client.paginate(client.rest.pulls.listReviews, { ...repo, pull_number: pull, per_page: 100 })
}

/**
 * The approval that counts, or undefined. Per reviewer, only the latest review that is not
 * `COMMENTED` (nor `PENDING`) speaks, as GitHub's own review state does; it counts when it is
 * `APPROVED`, was submitted on `headSha` (an approval of an older push approves nothing newer),
 * comes from someone other than `author`, and the reviewer is an OWNER, MEMBER or COLLABORATOR.
 * With several, the one submitted last in list order. An unknown `author` counts no approval
 * (it could be the author's own).
 */
export function findApproval(reviews: readonly PullRequestReview[], options: { headSha: string; author: string | undefined }): Approval | undefined {
  if (options.author === undefined || options.author === '') return undefined
  const author = options.author.toLowerCase()
  const latest = new Map<string, { review: PullRequestReview; index: number }>()
  reviews.forEach((review, index) => {
    const login = review.user?.login
    if (login === undefined || review.state === 'COMMENTED' || review.state === 'PENDING') return
    latest.set(login.toLowerCase(), { review, index })
  })
  let found: { approval: Approval; index: number } | undefined
  for (const [login, { review, index }] of latest) {
    if (review.state !== 'APPROVED' || review.commit_id !== options.headSha || login === author) continue
    if (!(TRUSTED_ASSOCIATIONS as readonly string[]).includes(review.author_association)) continue
    if (found === undefined || index > found.index)
      found = { approval: { by: review.user!.login!, sha: options.headSha, association: review.author_association }, index }
  }
  return found?.approval
}
