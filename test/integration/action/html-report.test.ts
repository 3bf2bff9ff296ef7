// The Action's `html-report` input end to end: dist/index.js in a real process on a push to a real
// shallow clone, the fake GitHub API validating every request. The page is written beside the JSON
// report and named by the `html-path` output. The upload to the results service is attempted with
// @actions/artifact; outside a runner (no ACTIONS_RUNTIME_TOKEN) it fails, which must be a warning
// that leaves the verdict and exit code alone.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAction } from '../../helpers/action.js'
import { useGitHubApi, type GitHubApi } from '../../helpers/github-api.js'
import { pushEvent } from '../../helpers/github-events.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, removeTempDirs } from '../../helpers/repo.js'
import { JOB_BACKEND_ID, RUN_BACKEND_ID, startResultsService } from '../../helpers/results-service.js'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

const BASE_FILES = {
  'package.json': '{ "name": "demo", "type": "module" }\n',
  'src/sum.js': 'export function add(a, b) {\n  return a + b\n}\n',
}
// Line 5 compares a literal with itself: mock-integrity's tautological-assertion (high, blocking).
const TAUTOLOGY = "import { expect, it } from 'vitest'\nimport { add } from '../src/sum.js'\n\nit('adds', () => {\n  expect(true).toBe(true)\n  add(1, 2)\n})\n"

/** main, then a feature commit with the tautology, in a bare remote; the workspace is a depth-1 checkout of the feature tip. */
function pushScenario(): { workspace: string; baseSha: string; headSha: string } {
  const source = makeTempGitRepo({ files: BASE_FILES })
  const baseSha = source.head()
  source.git('checkout', '-q', '-b', 'feature')
  const headSha = source.commit('feature work', { 'test/sum.test.js': TAUTOLOGY })
  const bare = makeTempDir({}, 'proofgate-remote-')
  git(bare, 'clone', '-q', '--bare', source.dir, '.')
  source.cleanup()
  const workspace = makeTempDir({}, 'proofgate-workspace-')
  git(workspace, 'init', '-q')
  git(workspace, 'remote', 'add', 'origin', `file://${bare}`)
  git(workspace, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/heads/feature:refs/remotes/origin/feature')
  git(workspace, 'checkout', '-q', '--detach', 'refs/remotes/origin/feature')
  return { workspace, baseSha, headSha }
}

let api: GitHubApi
useGitHubApi((started) => (api = started))
afterAll(removeTempDirs)

describe('the Action with html-report', () => {
  it('writes the HTML report beside the JSON report, sets html-path, and a failed upload only warns', async () => {
    const s = pushScenario()
    const payload = pushEvent({ before: s.baseSha, after: s.headSha, ref: 'refs/heads/feature' })
    const r = await runAction({
      workspace: s.workspace,
      eventName: 'push',
      payload,
      sha: s.headSha,
      apiUrl: api.url,
      inputs: { gates: 'mock-integrity', comment: 'off', 'html-report': 'true', 'html-artifact-name': 'proofgate-html' },
    })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.verdict).toBe('blocked')
    expect(r.outputs['exit-code']).toBe('1')
    const htmlPath = r.outputs['html-path']!
    expect(htmlPath).toBe(join(dirname(r.outputs['report-path']!), 'report.html'))
    const html = readFileSync(htmlPath, 'utf8')
    expect(html.startsWith('<!doctype html>\n')).toBe(true)
    expect(html).toContain('<span class="verdict verdict-blocked" id="verdict">BLOCKED</span>')
    expect(html.match(/<article class="finding" data-gate="mock-integrity" data-rule="tautological-assertion" data-severity="high"/g)).toHaveLength(1)
    // The code around the finding, read from the checkout.
    expect(html).toContain('<span class="hit"><i>5</i>  expect(true).toBe(true)</span>')
    expect(r.commands.filter((c) => c.kind === 'warning' && c.message.includes('HTML report'))).toEqual([
      {
        kind: 'warning',
        properties: '',
        message: "proofgate: the HTML report was not uploaded: report.html as artifact 'proofgate-html': Unable to get the ACTIONS_RUNTIME_TOKEN env variable",
      },
    ])
  })

  it('uploads the page as the named artifact to the results service (CreateArtifact, blob, FinalizeArtifact)', async () => {
    const results = await startResultsService(4711)
    try {
      const s = pushScenario()
      const payload = pushEvent({ before: s.baseSha, after: s.headSha, ref: 'refs/heads/feature' })
      const r = await runAction({
        workspace: s.workspace,
        eventName: 'push',
        payload,
        sha: s.headSha,
        apiUrl: api.url,
        inputs: { gates: 'mock-integrity', comment: 'off', 'html-report': 'true', 'html-artifact-name': 'proofgate-html' },
        env: results.env,
      })
      expect(r.exitCode).toBe(1)
      expect(r.outputs.verdict).toBe('blocked')
      expect(r.commands.filter((c) => c.kind === 'warning')).toEqual([])
      expect(r.stdout).toContain("proofgate - HTML report uploaded as artifact 'proofgate-html' (id 4711)")
      expect(results.calls.map((c) => [c.method, c.body.name, c.body.workflow_run_backend_id, c.body.workflow_job_run_backend_id])).toEqual([
        ['CreateArtifact', 'proofgate-html', RUN_BACKEND_ID, JOB_BACKEND_ID],
        ['FinalizeArtifact', 'proofgate-html', RUN_BACKEND_ID, JOB_BACKEND_ID],
      ])
      // A zip (local file header PK\x03\x04) holding report.html, of the size FinalizeArtifact reports.
      const zip = results.blob()!
      expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304')
      expect(zip.subarray(30, 30 + 'report.html'.length).toString('utf8')).toBe('report.html')
      expect(results.calls[1]!.body.size).toBe(String(zip.length))
    } finally {
      await results.close()
    }
  })

  it('writes no page and sets no html-path by default', async () => {
    const s = pushScenario()
    const payload = pushEvent({ before: s.baseSha, after: s.headSha, ref: 'refs/heads/feature' })
    const r = await runAction({
      workspace: s.workspace,
      eventName: 'push',
      payload,
      sha: s.headSha,
      apiUrl: api.url,
      inputs: { gates: 'mock-integrity', comment: 'off' },
    })
    expect(r.exitCode).toBe(1)
    expect(r.outputs['html-path']).toBeUndefined()
    expect(existsSync(join(dirname(r.outputs['report-path']!), 'report.html'))).toBe(false)
    expect(r.stdout).not.toContain('HTML report')
  })

  it('refuses an artifact name @actions/artifact would refuse, naming the input', async () => {
    const s = pushScenario()
    const payload = pushEvent({ before: s.baseSha, after: s.headSha, ref: 'refs/heads/feature' })
    const r = await runAction({
      workspace: s.workspace,
      eventName: 'push',
      payload,
      sha: s.headSha,
      apiUrl: api.url,
      inputs: { 'html-report': 'true', 'html-artifact-name': 'a/b' },
    })
    expect(r.exitCode).toBe(1)
    expect(r.outputs['exit-code']).toBe('64')
    expect(r.commands.filter((c) => c.kind === 'error').map((c) => c.message)).toEqual([
      "proofgate: PG_USAGE: Invalid input 'html-artifact-name': expected an artifact name of 1 to 100 characters without \" : < > | * ? \\ / or a line break, got 'a/b'.%0A  hint: see the inputs in proofgate's docs/action.md or action.yml",
    ])
  })
})
