// Tree-wide reads (doc-coverage, gate-integrity, test-mutation): the file listing of a tree, the
// linguist-generated/-vendored attributes, and when some paths were last committed.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { runGit, type GitExecOptions } from './git-exec.js'
import { makeTempDirectory } from './git.js'

function git(root: string, args: string[], options: Omit<GitExecOptions, 'maxBuffer'> = {}): Promise<string> {
  return runGit(root, args, { ...options, maxBuffer: 512 * 1024 * 1024 })
}

/**
 * Every file path of tree `tree` (a tree or commit id), repository-relative with `/`, in git's
 * order (sorted by bytes). Submodules are listed as paths.
 * @throws ProofgateError PG_GIT_FAILED when a tree cannot be read; GitCommandError for an unknown tree.
 */
export async function listTree(root: string, tree: string, signal?: AbortSignal): Promise<string[]> {
  const out = await git(root, ['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--full-tree', '--name-only', tree], signal === undefined ? {} : { signal })
  return out.split('\0').filter((p) => p !== '')
}

const LINGUIST = ['linguist-generated', 'linguist-vendored'] as const

/**
 * The paths among `paths` that `.gitattributes` marks `linguist-generated` or `linguist-vendored`
 * (set, or `=true`), as GitHub's linguist reads them. The attribute files come from the work tree
 * (`fromWorkTree`, for `scan --all` of the working tree), else from `tree` (a commit or tree id:
 * doc-coverage passes the base, whose attributes are trusted) read into a throw-away index (git
 * 2.39 has no `check-attr --source`; a fresh index has no stat data, so nothing there is racy).
 * @throws what runGit throws (PG_GIT_FAILED for unreadable data, GitCommandError otherwise).
 */
export async function linguistExcluded(
  root: string,
  tree: string,
  fromWorkTree: boolean,
  paths: readonly string[],
  signal?: AbortSignal,
): Promise<Set<string>> {
  const excluded = new Set<string>()
  const askable = paths.filter((p) => !p.includes('\0'))
  if (askable.length === 0) return excluded
  const input = askable.join('\0') + '\0'
  const parse = (out: string): void => {
    const parts = out.split('\0')
    for (let i = 0; i + 2 < parts.length; i += 3) {
      const value = parts[i + 2]
      if (value === 'set' || value === 'true') excluded.add(parts[i]!)
    }
  }
  const sig = signal === undefined ? {} : { signal }
  if (fromWorkTree) {
    parse(await git(root, ['check-attr', '-z', '--stdin', ...LINGUIST], { input, ...sig }))
    return excluded
  }
  const dir = await makeTempDirectory('proofgate-attr-')
  try {
    const env = { GIT_INDEX_FILE: join(dir, 'index') }
    await git(root, ['read-tree', tree], { env, ...sig })
    parse(await git(root, ['check-attr', '--cached', '-z', '--stdin', ...LINGUIST], { input, env, ...sig }))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return excluded
}

/** When some paths were last committed, seen from a head commit. */
export type LastTouched =
  | { kind: 'commit'; sha: string; /** Committer date, ISO 8601. */ date: string; /** Commits after it up to and including head. */ behind: number }
  | { kind: 'never'; /** Every commit of head. */ behind: number }

/**
 * The newest commit reachable from `head` that touched any of `paths` (files or directories,
 * taken literally), and how many commits lie between it and `head`: `git log -1` and
 * `git rev-list --count <that>..<head>`. `never` counts all commits of `head`.
 * @throws what runGit throws (PG_GIT_FAILED for unreadable data, GitCommandError otherwise).
 */
export async function lastTouched(root: string, head: string, paths: readonly string[], signal?: AbortSignal): Promise<LastTouched> {
  const sig = signal === undefined ? {} : { signal }
  const found = (await git(root, ['--literal-pathspecs', 'log', '-1', '--format=%H%x1f%cI', head, '--', ...paths], sig)).trim()
  if (found === '') {
    return { kind: 'never', behind: Number((await git(root, ['rev-list', '--count', head], sig)).trim()) }
  }
  const [sha = '', date = ''] = found.split('\x1f')
  const behind = Number((await git(root, ['rev-list', '--count', `${sha}..${head}`], sig)).trim())
  return { kind: 'commit', sha, date, behind }
}
