// Check runs (https://docs.github.com/rest/checks/runs): created in_progress when a run starts,
// then completed with the verdict; annotations go 50 per request, as the API accepts at most 50.
import type { GitHubClient, RepoRef } from './client.js'

/** GitHub's limit of annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50

/** A check run annotation as the REST API takes it (1-based lines; columns only on one-line spans). */
export interface CheckAnnotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  message: string
  title?: string
  raw_details?: string
}

export type CheckConclusion = 'success' | 'failure' | 'neutral'

/** Creates an `in_progress` check run on `headSha` and returns its id and html_url. */
export async function createCheckRun(client: GitHubClient, repo: RepoRef, options: { name: string; headSha: string; detailsUrl?: string; externalId?: string }): Promise<{ id: number; url: string | null }> {
  const { data } = await client.rest.checks.create({
    ...repo,
    name: options.name,
    head_sha: options.headSha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
    ...(options.detailsUrl === undefined ? {} : { details_url: options.detailsUrl }),
    ...(options.externalId === undefined ? {} : { external_id: options.externalId }),
  })
  return { id: data.id, url: data.html_url }
}

/**
 * Sends the annotations in batches of 50 (updates append them), the last batch with the
 * conclusion, so the check completes once, with everything attached.
 * @returns the number of update requests made.
 */
export async function completeCheckRun(
  client: GitHubClient,
  repo: RepoRef,
  id: number,
  options: { conclusion: CheckConclusion; title: string; summary: string; text?: string; annotations: readonly CheckAnnotation[] },
): Promise<number> {
  const output = { title: options.title, summary: options.summary, ...(options.text === undefined ? {} : { text: options.text }) }
  const batches: CheckAnnotation[][] = []
  for (let i = 0; i < options.annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(options.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
  const last = batches.pop() ?? []
  for (const batch of batches) await client.rest.checks.update({ ...repo, check_run_id: id, output: { ...output, annotations: batch } })
  await client.rest.checks.update({
    ...repo,
    check_run_id: id,
    status: 'completed',
    conclusion: options.conclusion,
    completed_at: new Date().toISOString(),
    output: { ...output, ...(last.length === 0 ? {} : { annotations: last }) },
  })
  return batches.length + 1
}
