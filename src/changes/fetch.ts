// Brings the commits a CI run compares into a shallow checkout: the base and head commits, then
// history down to their merge-base. Argument arrays only; the token never reaches an argv or a log.
import { ProofgateError } from '../errors.js'
import { runGit, tryGit } from './git-exec.js'
import type { Repository } from './git.js'

/** Depths tried in turn when the merge-base is not in the clone yet, then `--unshallow`. */
const DEPTHS = [50, 400, 3_000] as const

/** How {@link ensureHistory} reaches the remote; every field optional (remote `origin`, no token). */
export interface FetchOptions {
  /** The remote to fetch from (actions/checkout names it `origin`). */
  remote?: string
  /**
   * A token for HTTPS remotes on `serverUrl`, sent as an `http.<url>/.extraheader` through
   * `GIT_CONFIG_*` variables, and only when the clone has no extraheader of its own
   * (actions/checkout persists one unless `persist-credentials: false`; two break the request).
   */
  token?: string
  /** e.g. `https://github.com` (GITHUB_SERVER_URL). */
  serverUrl?: string
  /** Progress lines for the log (never contain the token). */
  log?(message: string): void
}

/** What {@link ensureHistory} had to do, for the log and the run notes. */
export interface FetchReport {
  /** Commits that had to be fetched. */
  fetched: string[]
  /** The depths deepened to, in order (empty when nothing was deepened). */
  deepened: Array<number | 'unshallow'>
}

/**
 * Makes `base` and `head` (full SHAs) present, and, in a shallow clone, the history between them
 * down to their merge-base, which the range's commit list needs.
 * @throws ProofgateError PG_SHALLOW_CLONE when a commit cannot be fetched or the merge-base is
 *   not found even after `--unshallow`, with the remedy (`fetch-depth: 0`); PG_FETCH_UNREACHABLE
 *   (exit 75) when the remote could not be reached.
 */
export async function ensureHistory(repo: Repository, base: string, head: string, options: FetchOptions = {}): Promise<FetchReport> {
  const remote = options.remote ?? 'origin'
  const env = await credentialEnv(repo, options)
  const report: FetchReport = { fetched: [], deepened: [] }
  const git = async (args: string[]): Promise<{ ok: boolean; stderr: string }> => {
    const r = await tryGit(repo.root, args, { env })
    return { ok: r.exitCode === 0, stderr: r.stderr }
  }
  const shallow = await repo.isShallow()
  const missing: string[] = []
  for (const sha of new Set([base, head])) if ((await repo.resolveCommit(sha)) === null) missing.push(sha)
  if (missing.length > 0) {
    options.log?.(`fetching ${missing.map((s) => s.slice(0, 12)).join(', ')} from ${remote}`)
    const r = await git(['fetch', '--no-tags', '--no-recurse-submodules', ...(shallow ? ['--depth=1'] : []), remote, ...missing])
    const still = []
    for (const sha of missing) if ((await repo.resolveCommit(sha)) === null) still.push(sha)
    if (!r.ok || still.length > 0) {
      const what = `Commit ${(still[0] ?? missing[0]!).slice(0, 12)} is not in this clone and could not be fetched from ${remote}`
      throw (
        unreachable(what, r.stderr) ??
        new ProofgateError('PG_SHALLOW_CLONE', `${what}: ${lastLine(r.stderr)}`, {
          hint: 'check out with history: actions/checkout with fetch-depth: 0 (and the token, for a private fork)',
        })
      )
    }
    report.fetched.push(...missing)
  }
  if (!(await repo.isShallow())) return report
  const mergeBase = async (): Promise<boolean> => (await git(['merge-base', base, head])).ok
  for (const depth of [...DEPTHS, 'unshallow' as const]) {
    if (await mergeBase()) return report
    options.log?.(depth === 'unshallow' ? `no merge-base yet: fetching the whole history` : `no merge-base yet: deepening to ${depth} commits`)
    const r = await git(['fetch', '--no-tags', '--no-recurse-submodules', depth === 'unshallow' ? '--unshallow' : `--depth=${depth}`, remote, base, head])
    report.deepened.push(depth)
    if (!r.ok && depth === 'unshallow') break
  }
  if (await mergeBase()) return report
  throw new ProofgateError('PG_SHALLOW_CLONE', `No merge-base of ${base.slice(0, 12)} and ${head.slice(0, 12)}, even with the whole history of ${remote}.`, {
    hint: 'the two commits share no history; check the base branch, or check out with fetch-depth: 0',
  })
}

/**
 * Fetches the tip of `branch` (a branch name, e.g. the repository's default branch) from the
 * remote into `refs/remotes/<remote>/<branch>`, one commit deep in a shallow clone, with the same
 * credentials as {@link ensureHistory}.
 * @returns the fetched tip's full SHA.
 * @throws ProofgateError PG_SHALLOW_CLONE when the branch cannot be fetched, with git's last line;
 *   PG_FETCH_UNREACHABLE (exit 75) when the remote could not be reached.
 */
export async function fetchBranch(repo: Repository, branch: string, options: FetchOptions = {}): Promise<string> {
  const remote = options.remote ?? 'origin'
  const tracking = `refs/remotes/${remote}/${branch}`
  const env = await credentialEnv(repo, options)
  options.log?.(`fetching branch ${branch} from ${remote}`)
  const depth = (await repo.isShallow()) ? ['--depth=1'] : []
  const r = await tryGit(repo.root, ['fetch', '--no-tags', '--no-recurse-submodules', ...depth, remote, `+refs/heads/${branch}:${tracking}`], { env })
  const sha = r.exitCode === 0 ? await repo.resolveCommit(tracking) : null
  if (sha === null) {
    const what = `Branch ${branch} could not be fetched from ${remote}`
    throw (
      unreachable(what, r.stderr) ??
      new ProofgateError('PG_SHALLOW_CLONE', `${what}: ${lastLine(r.stderr) || 'no such branch'}`, {
        hint: 'check that the branch exists on the remote and that the token can read the repository',
      })
    )
  }
  return sha
}

async function credentialEnv(repo: Repository, options: FetchOptions): Promise<Record<string, string>> {
  if (options.token === undefined || options.token === '' || options.serverUrl === undefined || !options.serverUrl.startsWith('https://')) return {}
  const configured = await runGit(repo.root, ['config', '--get-regexp', '^http\\..*\\.extraheader$']).catch(() => '')
  if (configured.trim() !== '') return {}
  const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64')
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${options.serverUrl.replace(/\/$/, '')}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
  }
}

/** What git prints when the remote cannot be reached right now (network, DNS, a server error): worth a retry. */
const UNREACHABLE = [
  /could not resolve host/i,
  /failed to connect to/i,
  /connection (?:refused|timed out|reset)/i,
  /operation timed out/i,
  /the requested url returned error: 5\d\d/i,
  /rpc failed/i,
  /early eof/i,
  /temporary failure in name resolution/i,
]

/** PG_FETCH_UNREACHABLE (exit 75, try again) when git's `stderr` says the remote could not be reached; null otherwise. */
function unreachable(what: string, stderr: string): ProofgateError | null {
  const line = stderr.split('\n').find((l) => UNREACHABLE.some((p) => p.test(l)))
  if (line === undefined) return null
  return new ProofgateError('PG_FETCH_UNREACHABLE', `${what}: the remote could not be reached (${line.trim()}).`, {
    hint: "re-run the job (a network or server failure is usually temporary); if it persists, check the remote URL and the runner's network",
  })
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? ''
}
