// Check runs (https://docs.github.com/rest/checks/runs): created in_progress when a run starts,
// then completed with the verdict; annotations go 50 per request, as the API accepts at most 50.
import { batches as inBatches, type CheckAnnotation } from '../reporters/annotations.js'
import type { GitHubClient, RepoRef } from './client.js'

/** The conclusions proofgate sets: `failure` when blocked (or any non-zero exit code), `neutral` for a warn verdict, else `success`. */
export type CheckConclusion = 'success' | 'failure' | 'neutral'

/** Creates an `in_progress` check run on `headSha` and returns its id and html_url. */
export async function createCheckRun(
  client: GitHubClient,
  repo: RepoRef,
  options: { name: string; headSha: string; detailsUrl?: string; externalId?: string },
): Promise<{ id: number; url: string | null }> {
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
  const batches = inBatches(options.annotations)
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
