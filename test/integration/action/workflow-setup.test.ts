// The Action on a workflow that forgot a step, and its job summary: a repository that declares
// eslint but whose dependencies were not installed gets a visible medium finding that names the
// missing `npm ci` step; a gate skipped for a reason says that reason once.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { runAction } from '../../helpers/action.js'
import { useGitHubApi, type GitHubApi } from '../../helpers/github-api.js'
import { pullRequestEvent } from '../../helpers/github-events.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, removeTempDirs } from '../../helpers/repo.js'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

let api: GitHubApi
useGitHubApi((started) => (api = started))
afterAll(() => removeTempDirs())

const PACKAGE_JSON = '{ "name": "demo", "private": true, "type": "module", "devDependencies": { "eslint": "^9.0.0" } }\n'

/** main with package.json (eslint declared) and a feature commit changing `prFiles`, checked out one commit deep as actions/checkout does, without node_modules. */
function pullRequest(prFiles: Record<string, string>): { ws: string; baseSha: string; headSha: string } {
  const source = makeTempGitRepo({
    files: { 'package.json': PACKAGE_JSON, 'eslint.config.js': 'export default []\n', 'src/a.js': 'export const a = 1\n', 'README.md': '# demo\n' },
  })
  const baseSha = source.head()
  source.git('checkout', '-q', '-b', 'feature')
  const headSha = source.commit('feature work', prFiles)
  const bare = makeTempDir({}, 'proofgate-remote-')
  git(bare, 'clone', '-q', '--bare', source.dir, '.')
  source.cleanup()
  const ws = makeTempDir({}, 'proofgate-workspace-')
  git(ws, 'init', '-q')
  git(ws, 'remote', 'add', 'origin', `file://${bare}`)
  git(ws, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/heads/feature:refs/remotes/origin/checkout')
  git(ws, 'checkout', '-q', '--detach', 'refs/remotes/origin/checkout')
  return { ws, baseSha, headSha }
}

describe('the Action when the workflow did not install dependencies', () => {
  it('reports static-analysis/eslint-not-installed (medium) naming the npm ci step, not a quiet skip', async () => {
    const pr = pullRequest({ 'src/a.js': 'export const a = 2\n' })
    const r = await runAction({
      workspace: pr.ws,
      eventName: 'pull_request',
      payload: pullRequestEvent({ baseSha: pr.baseSha, headSha: pr.headSha }),
      sha: pr.headSha,
      apiUrl: api.url,
      inputs: { gates: 'static-analysis', comment: 'off' },
    })
    expect(r.outputs.verdict, r.stdout + r.stderr).toBe('warn')
    expect(r.exitCode).toBe(0)
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as {
      findings: Array<{ gate: string; ruleId: string; severity: string; message: string; blocking: boolean; help?: string }>
      gates: Array<{ id: string; status: string; reason?: string }>
    }
    expect(report.findings.map((f) => [f.gate, f.ruleId, f.severity, f.blocking, f.message])).toEqual([
      [
        'static-analysis',
        'eslint-not-installed',
        'medium',
        false,
        'ESLint did not run: package.json declares eslint (devDependencies) but it is not installed: the dependencies were not installed before proofgate ran, so the changed files were not linted.',
      ],
    ])
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([['static-analysis', 'skipped']])
    expect(report.findings.map((f) => f.help)).toEqual([
      'install the dependencies before proofgate runs: in a workflow, add a step such as `npm ci` (or `pnpm install --frozen-lockfile`, `yarn install --immutable`) before the proofgate step; locally, run `npm install`',
    ])
    const lines = r.summary.split('\n')
    expect(lines.filter((l) => l.includes('eslint-not-installed'))).toEqual([
      '| medium | `static-analysis/eslint-not-installed` | (run) | ESLint did not run: package.json declares eslint (devDependencies) but it is not installed: the dependencies were not installed before proofgate ran, so the changed files were not linted. |',
    ])
    // The gate's row says why once, not "summary — the same reason again".
    expect(lines.filter((l) => l.startsWith('| static-analysis '))).toEqual([
      expect.stringMatching(
        /^\| static-analysis \| blocking \| ⏭️ skipped \| \d+\.\d s \| eslint skipped: package\.json declares eslint \(devDependencies\) but it is not installed: the dependencies were not installed before proofgate ran; tsc skipped: no tsconfig\.json in this repository \|$/,
      ),
    ])
    expect(r.summary).not.toContain('ESLint is not installed in this repository')
  })

  it("the job summary says a skipped gate's reason once, in the table and in its details", async () => {
    const pr = pullRequest({ 'README.md': '# demo\n\nMore words.\n' })
    const r = await runAction({
      workspace: pr.ws,
      eventName: 'pull_request',
      payload: pullRequestEvent({ baseSha: pr.baseSha, headSha: pr.headSha }),
      sha: pr.headSha,
      apiUrl: api.url,
      inputs: { gates: 'static-analysis', comment: 'off' },
    })
    expect(r.exitCode, r.stdout + r.stderr).toBe(0)
    const lines = r.summary.split('\n')
    expect(lines.filter((l) => l.startsWith('| static-analysis '))).toEqual([
      expect.stringMatching(/^\| static-analysis \| blocking \| ⏭️ skipped \| \d+\.\d s \| skipped: no changed JS\/TS files \|$/),
    ])
    expect(lines.filter((l) => l.includes('no changed JS/TS files'))).toEqual([
      expect.stringMatching(/^\| static-analysis \| blocking \| ⏭️ skipped \| \d+\.\d s \| skipped: no changed JS\/TS files \|$/),
      '- summary: skipped: no changed JS/TS files',
    ])
  })
})
