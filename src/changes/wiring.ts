// The git questions `proofgate doctor` asks about how a repository is wired (its origin remote, its
// default branch, whether a file is committed), as named reads: git starts only in src/changes/.
import { tryGit } from './git-exec.js'

/** The URL of remote `name` (default `origin`), or null when it has none. @throws GitError when git cannot run. */
export async function remoteUrl(root: string, name = 'origin'): Promise<string | null> {
  const url = await tryGit(root, ['config', '--get', `remote.${name}.url`])
  return url.exitCode === 0 && url.stdout.trim() !== '' ? url.stdout.trim() : null
}

/** The default branch: `origin/HEAD`'s target, else `main` when that branch exists, else `master`. @throws GitError when git cannot run. */
export async function defaultBranchName(root: string): Promise<string> {
  const head = await tryGit(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'])
  if (head.exitCode === 0 && head.stdout.trim() !== '') return head.stdout.trim().replace(/^origin\//, '')
  const main = await tryGit(root, ['rev-parse', '--verify', '--quiet', 'refs/heads/main'])
  return main.exitCode === 0 ? 'main' : 'master'
}

/**
 * Whether repository-relative `path` is in HEAD's tree (`committed`) and whether the working tree's
 * copy differs from it (`edited`). @throws GitError when git cannot run.
 */
export async function committedState(root: string, path: string): Promise<{ committed: boolean; edited: boolean }> {
  const committed = await tryGit(root, ['cat-file', '-e', `HEAD:${path}`])
  if (committed.exitCode !== 0) return { committed: false, edited: true }
  const changed = await tryGit(root, ['diff', '--quiet', 'HEAD', '--', path])
  return { committed: true, edited: changed.exitCode !== 0 }
}
