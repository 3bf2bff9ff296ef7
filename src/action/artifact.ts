// The HTML report as a workflow artifact (`html-report: true`). @actions/artifact and its upload
// stack load only here, through a dynamic import, so a run that does not ask for the artifact
// never pays for them at cold start.
import { basename, dirname } from 'node:path'

/** What became of the upload: the artifact's id and size (bytes), or why there is none. */
export type UploadOutcome = { uploaded: true; id?: number; size?: number } | { uploaded: false; reason: string }

/**
 * Uploads `file` (absolute) as the artifact `name` of this workflow run. Never throws: a failed
 * upload (no ACTIONS_RUNTIME_TOKEN or ACTIONS_RESULTS_URL outside a runner, a name already taken
 * in this run, a network error) comes back as `{ uploaded: false, reason }` for a warning; the
 * verdict does not depend on it.
 */
export async function uploadHtmlArtifact(file: string, name: string): Promise<UploadOutcome> {
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const client = new DefaultArtifactClient()
    const response = await client.uploadArtifact(name, [file], dirname(file))
    return { uploaded: true, ...(response.id === undefined ? {} : { id: response.id }), ...(response.size === undefined ? {} : { size: response.size }) }
  } catch (error) {
    return { uploaded: false, reason: `${basename(file)} as artifact '${name}': ${error instanceof Error ? error.message : String(error)}` }
  }
}
