// The workflow event → what to compare: base and head commits, the commit the check run belongs
// to, the pull request (number, labels, fork), and whether the checked-out code is untrusted.
import { readFile } from 'node:fs/promises'
import type { BaseSource } from '../changes/types.js'
import type { Repository } from '../changes/git.js'
import { ProofgateError } from '../errors.js'

/** What the Action reads of `GITHUB_*` (https://docs.github.com/actions/reference/variables-reference). */
export interface WorkflowContext {
  eventName: string
  payload: Record<string, unknown>
  /** `owner/name` of the repository the workflow runs in. */
  repository: { owner: string; repo: string }
  /** GITHUB_SHA: the commit the workflow was triggered for. */
  sha: string
  serverUrl: string
  apiUrl: string
  runId: string | undefined
}

/** Reads the workflow context from the environment GitHub sets for every step. */
export async function readWorkflowContext(env: NodeJS.ProcessEnv): Promise<WorkflowContext> {
  const need = (name: string): string => {
    const value = env[name]
    if (value === undefined || value === '') {
      throw new ProofgateError('PG_USAGE', `${name} is not set: proofgate's Action runs inside a GitHub Actions job.`, {
        hint: 'outside GitHub Actions, run the CLI: npx proofgate run',
      })
    }
    return value
  }
  const [owner = '', repo = ''] = need('GITHUB_REPOSITORY').split('/')
  const eventPath = env.GITHUB_EVENT_PATH
  let payload: Record<string, unknown> = {}
  if (eventPath !== undefined && eventPath !== '') {
    try {
      payload = JSON.parse(await readFile(eventPath, 'utf8')) as Record<string, unknown>
    } catch (error) {
      throw new ProofgateError(
        'PG_USAGE',
        `Cannot read the event payload at GITHUB_EVENT_PATH (${eventPath}): ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
  return {
    eventName: need('GITHUB_EVENT_NAME'),
    payload,
    repository: { owner, repo },
    sha: need('GITHUB_SHA'),
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runId: env.GITHUB_RUN_ID,
  }
}

/** The pull request of a `pull_request`/`pull_request_target` payload; SHAs are full 40-hex commits. */
export interface PullRequestInfo {
  number: number
  baseSha: string
  headSha: string
  baseRef: string
  labels: string[]
  /** The head branch lives in another repository (its token is read-only on `pull_request`). */
  fork: boolean
  /** The login of the pull request's author (`pull_request.user.login`), whose own approval never counts. */
  author?: string
}

/** What the engine compares and where the results go. */
export interface RunTarget {
  /** Base commit (full SHA) or undefined to let the engine choose (merge-base with the default branch). */
  base?: string
  baseSource?: BaseSource
  /** A head commit to read from git objects instead of the working tree (set when the PR's code is not checked out). */
  head?: string
  /** The commit the check run is attached to (the PR's head commit, or the pushed one). */
  reportSha: string
  /** Read the config at this commit (the pull request's base): the PR cannot loosen its own run. */
  configRev?: string
  pullRequest?: PullRequestInfo
  /**
   * Why the repository's code must not run here, when it must not: `pull_request_target` runs
   * with a write token and secrets, so the pull request's code is untrusted.
   */
  untrusted?: string
  notes: string[]
}

const ZERO = /^0{40}$/

function pullRequestOf(payload: Record<string, unknown>): PullRequestInfo | undefined {
  const pr = payload.pull_request as
    | {
        number?: number
        base?: { sha?: string; ref?: string; repo?: { full_name?: string } }
        head?: { sha?: string; repo?: { full_name?: string } | null }
        labels?: Array<{ name?: string }>
        user?: { login?: string } | null
      }
    | undefined
  if (pr?.base?.sha === undefined || pr.head?.sha === undefined || typeof pr.number !== 'number') return undefined
  return {
    number: pr.number,
    baseSha: pr.base.sha,
    headSha: pr.head.sha,
    baseRef: pr.base.ref ?? '',
    labels: (pr.labels ?? []).flatMap((l) => (typeof l.name === 'string' ? [l.name] : [])),
    // A deleted fork has head.repo null: treat it as a fork.
    fork: pr.head.repo?.full_name !== pr.base.repo?.full_name,
    ...(typeof pr.user?.login === 'string' ? { author: pr.user.login } : {}),
  }
}

/**
 * The run's target for the event. Git is asked only about the checkout (HEAD and its parents);
 * fetching missing commits is the caller's job (changes/fetch.ts) once it knows what is needed.
 *
 * - `pull_request`: base = the PR's base commit, or the merge commit's first parent when
 *   actions/checkout checked out `refs/pull/N/merge`; head = the work tree.
 * - `pull_request_target`: the same when the PR's code is checked out, marked untrusted; when
 *   the base branch is checked out (the default), head = the PR's head commit read from git.
 * - `push`: before..after; a new branch (zero `before`) or a forced push compares with the
 *   merge-base, chosen by the engine or computed later.
 * - `merge_group`: base_sha..head_sha. Any other event: the engine's default base.
 * @throws ProofgateError PG_USAGE when a pull request event has no `pull_request` payload.
 */
export async function targetOf(context: WorkflowContext, repo: Repository): Promise<RunTarget> {
  const { eventName, payload } = context
  const notes: string[] = []
  const head = await repo.resolveCommit('HEAD')
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = pullRequestOf(payload)
    if (pr === undefined) throw new ProofgateError('PG_USAGE', `The ${eventName} event payload has no pull_request with base and head commits.`)
    // The commit object itself: a shallow clone hides the parents from rev-list, not from cat-file.
    const object = head === null ? '' : await repo.catFileCommit(head).catch(() => '')
    const parents = [...object.split('\n\n')[0]!.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]!)
    const checkedOut = head === pr.headSha ? 'head' : parents.length === 2 && parents[1] === pr.headSha ? 'merge' : 'other'
    const base = checkedOut === 'merge' ? parents[0]! : pr.baseSha
    const common = { baseSource: 'pull-request' as const, reportSha: pr.headSha, configRev: base, pullRequest: pr, notes }
    if (checkedOut === 'merge') notes.push(`checked out the merge commit ${head!.slice(0, 12)}: compared with its first parent ${base.slice(0, 12)}`)
    if (eventName === 'pull_request_target') {
      if (checkedOut === 'other') {
        notes.push(
          `pull_request_target: the pull request's code is not checked out; proofgate reads its head commit ${pr.headSha.slice(0, 12)} from git and runs nothing from it`,
        )
        return {
          ...common,
          base,
          head: pr.headSha,
          untrusted:
            "the pull request's code is not checked out (pull_request_target checks out the base branch), and gates must not run it with this workflow's write token",
        }
      }
      return {
        ...common,
        base,
        untrusted:
          "pull_request_target runs with a write token and the repository's secrets while the pull request's own code is checked out; running its tests or its ESLint config would let the pull request execute anything with them (a 'pwn request')",
      }
    }
    if (checkedOut === 'other')
      notes.push(
        `HEAD ${head?.slice(0, 12) ?? '(none)'} is neither the pull request's head ${pr.headSha.slice(0, 12)} nor its merge commit: checked the work tree against ${base.slice(0, 12)}`,
      )
    return { ...common, base }
  }
  if (eventName === 'push') {
    const before = typeof payload.before === 'string' ? payload.before : undefined
    const after = typeof payload.after === 'string' && !ZERO.test(payload.after) ? payload.after : context.sha
    if (before === undefined || ZERO.test(before)) {
      notes.push('push of a new branch: compared with the merge-base of the default branch')
      return { reportSha: after, notes }
    }
    return { base: before, baseSource: 'push', reportSha: after, notes }
  }
  if (eventName === 'merge_group') {
    const group = payload.merge_group as { base_sha?: string; head_sha?: string } | undefined
    if (group?.base_sha !== undefined && group.head_sha !== undefined) return { base: group.base_sha, baseSource: 'explicit', reportSha: group.head_sha, notes }
  }
  return { reportSha: context.sha, notes }
}
