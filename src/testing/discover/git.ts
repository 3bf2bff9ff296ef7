// The candidate list of test discovery when the caller passes none: git's listing of the work
// tree, tracked and untracked, minus ignored and deleted files.
import { realpathSync } from 'node:fs'
import { relative, sep } from 'node:path'
import { openRepository } from '../../changes/git.js'
import { compare } from './paths.js'

/**
 * The repository's files, repository-relative with forward slashes: `git ls-files -z --cached
 * --others --exclude-standard` in `root` minus files deleted from the work tree, sorted.
 * @throws ProofgateError PG_NOT_A_GIT_REPO when `root` is not inside a work tree.
 */
export async function listRepositoryFiles(root: string): Promise<string[]> {
  const repo = await openRepository(root)
  // git prints paths relative to the top level; a root below it keeps its own part only.
  const prefix = relative(realpathSync(repo.root), realpathSync(root)).split(sep).join('/')
  const paths = prefix === '' ? [] : [prefix]
  const [listed, deleted] = await Promise.all([repo.lsFiles({ cached: true, others: true, paths }), repo.lsFiles({ deleted: true, paths })])
  const gone = new Set(deleted)
  const strip = prefix === '' ? 0 : prefix.length + 1
  const files = new Set<string>()
  for (const path of listed) {
    if (path !== '' && !gone.has(path)) files.add(path.slice(strip))
  }
  return [...files].sort(compare)
}
