// The sticky pull request comment (https://docs.github.com/rest/issues/comments): found by its
// hidden marker, created once, edited in place on later runs, deleted when asked.
import type { GitHubClient, RepoRef } from './client.js'

/** The fields of an issue comment the sticky-comment lookup reads (its body holds the hidden marker). */
export interface IssueComment {
  id: number
  body?: string | null
  user?: { type?: string } | null
  html_url?: string
}

/** Every comment of the pull request, all pages (100 per request). */
export async function listComments(client: GitHubClient, repo: RepoRef, issue: number): Promise<IssueComment[]> {
  return client.paginate(client.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 })
}

/** Edits comment `id` when given, else creates one; returns what GitHub answered. */
export async function writeComment(
  client: GitHubClient,
  repo: RepoRef,
  issue: number,
  body: string,
  id: number | undefined,
): Promise<{ id: number; url: string; created: boolean }> {
  if (id !== undefined) {
    const { data } = await client.rest.issues.updateComment({ ...repo, comment_id: id, body })
    return { id: data.id, url: data.html_url, created: false }
  }
  const { data } = await client.rest.issues.createComment({ ...repo, issue_number: issue, body })
  return { id: data.id, url: data.html_url, created: true }
}

/** Deletes comment `id` (the sticky comment once the pull request passes, in `on-failure` mode); rejects with the RequestError, e.g. 403 for a read-only token. */
export async function deleteComment(client: GitHubClient, repo: RepoRef, id: number): Promise<void> {
  await client.rest.issues.deleteComment({ ...repo, comment_id: id })
}
