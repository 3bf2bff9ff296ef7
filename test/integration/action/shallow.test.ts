// The Action in a shallow checkout (actions/checkout's default fetch-depth: 1) on an event that
// leaves the base to the engine: HEAD and the default branch share no commit in the clone, and
// the run stops with PG_SHALLOW_CLONE and the remedy, exit 78, instead of an internal error.
import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { runAction } from '../../helpers/action.js'
import { useGitHubApi, type GitHubApi } from '../../helpers/github-api.js'
import { pullRequestEvent, webhookExample } from '../../helpers/github-events.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, removeTempDirs } from '../../helpers/repo.js'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

let api: GitHubApi
useGitHubApi((started) => (api = started))
afterAll(() => removeTempDirs())

describe('the Action in a shallow checkout without a merge-base', () => {
  it('workflow_dispatch on a branch, main fetched one commit deep: PG_SHALLOW_CLONE, exit-code 78, fetch-depth: 0', async () => {
    const source = makeTempGitRepo({ files: { 'src/a.js': 'export const a = 1\n' } })
    source.git('checkout', '-q', '-b', 'feature')
    const headSha = source.commit('feature work', { 'src/b.js': 'export const b = 1\n' })
    const bare = makeTempDir({}, 'proofgate-remote-')
    git(bare, 'clone', '-q', '--bare', source.dir, '.')
    source.cleanup()
    // As actions/checkout leaves it (depth 1), plus the default branch one commit deep.
    const ws = makeTempDir({}, 'proofgate-workspace-')
    git(ws, 'init', '-q')
    git(ws, 'remote', 'add', 'origin', `file://${bare}`)
    git(ws, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/heads/feature:refs/remotes/origin/feature', '+refs/heads/main:refs/remotes/origin/main')
    git(ws, 'checkout', '-q', '--detach', 'refs/remotes/origin/feature')
    const payload = webhookExample('workflow_dispatch')
    const r = await runAction({
      workspace: ws,
      eventName: 'workflow_dispatch',
      payload,
      sha: headSha,
      apiUrl: api.url,
      inputs: { gates: 'mock-integrity', comment: 'off' },
    })
    expect(r.outputs['exit-code']).toBe('78')
    expect(r.exitCode).toBe(1)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      '::error::proofgate: PG_SHALLOW_CLONE: HEAD and origin/main share no commit in this shallow clone, so there is no merge-base to compare against.%0A' +
        '  hint: fetch the history: git fetch --unshallow (or git fetch --deepen=100); in GitHub Actions set fetch-depth: 0 on actions/checkout; or pass --base REV',
    ])
  })

  it('pull_request whose base commit is not in the clone and the remote cannot be reached: PG_FETCH_UNREACHABLE, exit-code 75', async () => {
    const source = makeTempGitRepo({ files: { 'src/a.js': 'export const a = 1\n' } })
    const baseSha = source.head()
    source.git('checkout', '-q', '-b', 'feature')
    const headSha = source.commit('feature work', { 'src/b.js': 'export const b = 1\n' })
    const bare = makeTempDir({}, 'proofgate-remote-')
    git(bare, 'clone', '-q', '--bare', source.dir, '.')
    source.cleanup()
    const ws = makeTempDir({}, 'proofgate-workspace-')
    git(ws, 'init', '-q')
    git(ws, 'remote', 'add', 'origin', `file://${bare}`)
    git(ws, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/heads/feature:refs/remotes/origin/checkout')
    git(ws, 'checkout', '-q', '--detach', 'refs/remotes/origin/checkout')
    // The network goes away: nothing listens on the discard port.
    git(ws, 'remote', 'set-url', 'origin', 'http://127.0.0.1:9/demo.git')
    const r = await runAction({
      workspace: ws,
      eventName: 'pull_request',
      payload: pullRequestEvent({ baseSha, headSha }),
      sha: headSha,
      apiUrl: api.url,
      inputs: { gates: 'mock-integrity', comment: 'off' },
    })
    expect(r.outputs['exit-code']).toBe('75')
    expect(r.exitCode).toBe(1)
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'))
    // curl's wording carries the time it tried ("after 0 ms"): that number is the only free part.
    expect(errors.map((l) => l.replace(/after \d+ ms/, 'after <n> ms'))).toEqual([
      `::error::proofgate: PG_FETCH_UNREACHABLE: Commit ${baseSha.slice(0, 12)} is not in this clone and could not be fetched from origin: the remote could not be reached (fatal: unable to access 'http://127.0.0.1:9/demo.git/': Failed to connect to 127.0.0.1 port 9 after <n> ms: Couldn't connect to server).%0A` +
        "  hint: re-run the job (a network or server failure is usually temporary); if it persists, check the remote URL and the runner's network",
    ])
  })
})
