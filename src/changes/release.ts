// The range a release judges: from the previous release tag (else the root commit) to the tag
// being released (else HEAD). Git runs behind git-exec with argument arrays, never a shell.
import { ProofgateError } from '../errors.js'
import { runGit, tryGit } from './git-exec.js'

/** The commits of a release, full SHAs; `base.tag` is the previous release tag when there is one. */
export interface ReleaseRange {
  tag: string | null
  head: string
  base: { sha: string; source: 'previous-tag' | 'root'; tag?: string }
}

/**
 * Resolves the release range in the repository at `root`: head is tag `tag` (which must exist
 * under refs/tags/) or HEAD; base is `git describe --tags --abbrev=0 <head>^`, else the root
 * commit of head's history (the oldest one when there are several).
 * @throws ProofgateError PG_HEAD_NOT_FOUND (exit 64) when `tag` is no local tag; PG_NO_COMMITS
 *   when there is no HEAD; PG_GIT_FAILED for a repository git cannot read.
 */
export async function resolveReleaseRange(root: string, tag?: string): Promise<ReleaseRange> {
  const target = tag === undefined ? 'HEAD' : `refs/tags/${tag}`
  const resolved = await tryGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${target}^{commit}`])
  if (resolved.exitCode !== 0) {
    if (tag === undefined)
      throw new ProofgateError('PG_NO_COMMITS', 'The repository has no commit to release.', { hint: 'commit, tag and run proofgate release again' })
    throw new ProofgateError('PG_HEAD_NOT_FOUND', `Invalid --tag '${tag}': expected a tag that exists locally.`, {
      hint: `create it (git tag ${tag}) or fetch tags (git fetch --tags), then run again`,
    })
  }
  const head = resolved.stdout.trim()
  const described = await tryGit(root, ['describe', '--tags', '--abbrev=0', '--end-of-options', `${head}^`])
  if (described.exitCode === 0) {
    const previous = described.stdout.trim()
    const sha = (await runGit(root, ['rev-parse', '--verify', '--end-of-options', `refs/tags/${previous}^{commit}`])).trim()
    return { tag: tag ?? null, head, base: { sha, source: 'previous-tag', tag: previous } }
  }
  const roots = (await runGit(root, ['rev-list', '--max-parents=0', '--end-of-options', head])).trim().split('\n')
  return { tag: tag ?? null, head, base: { sha: roots.at(-1)!, source: 'root' } }
}
