// The Action end to end: dist/index.js in a real process, real git (a bare remote, a shallow
// clone checked out like actions/checkout does), real webhook payloads, and a local server on
// 127.0.0.1 that validates every GitHub API request against GitHub's OpenAPI description.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAction } from '../../helpers/action.js'
import { faults, useGitHubApi, type GitHubApi } from '../../helpers/github-api.js'
import { pullRequestEvent, pushEvent } from '../../helpers/github-events.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, removeTempDirs } from '../../helpers/repo.js'

const TAUTOLOGIES = 60
const GATES = 'mock-integrity,test-mutation,gate-integrity'

const BASE_FILES = {
  'package.json': '{ "name": "demo", "type": "module", "scripts": { "test": "vitest run" } }\n',
  '.proofgate.yml': 'gates:\n  mock-integrity: { mode: blocking }\n',
  'src/sum.js': 'export function add(a, b) {\n  return a + b\n}\n',
  'test/sum.test.js': "import { expect, it } from 'vitest'\nimport { add } from '../src/sum.js'\n\nit('adds', () => {\n  expect(add(1, 2)).toBe(3)\n})\n",
}

const tautologies = (n: number): string =>
  "import { expect, it } from 'vitest'\n\n" + Array.from({ length: n }, (_, i) => `it('checks ${i}', () => {\n  expect(true).toBe(true)\n})\n`).join('\n')

/** The pull request: 60 tautological tests, an expected value fitted to changed code, and a config that turns mock-integrity off. */
const PR_FILES = {
  'test/many.test.js': tautologies(TAUTOLOGIES),
  'src/sum.js': 'export function add(a, b) {\n  return a + b + 1\n}\n',
  'test/sum.test.js': "import { expect, it } from 'vitest'\nimport { add } from '../src/sum.js'\n\nit('adds', () => {\n  expect(add(1, 2)).toBe(4)\n})\n",
  '.proofgate.yml': 'gates:\n  mock-integrity: { mode: off }\n',
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

interface Scenario {
  bare: string
  baseSha: string
  headSha: string
  mergeSha: string
  /** A fresh depth-1 checkout of `ref` (a pull request's merge ref, a branch, a sha), detached, as actions/checkout makes it. */
  checkout(ref: string): string
}

/** main with BASE_FILES, a feature branch with PR_FILES, pushed to a bare remote with refs/pull/2/{head,merge}. */
function scenario(prFiles: Record<string, string> = PR_FILES): Scenario {
  const source = makeTempGitRepo({ files: BASE_FILES })
  const baseSha = source.head()
  source.git('checkout', '-q', '-b', 'feature')
  const headSha = source.commit('feature work', prFiles)
  source.git('checkout', '-q', '-b', 'merge', 'main')
  source.git('merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature')
  const mergeSha = source.head()
  const bare = makeTempDir({}, 'proofgate-remote-')
  git(bare, 'clone', '-q', '--bare', source.dir, '.')
  git(bare, 'update-ref', 'refs/pull/2/head', headSha)
  git(bare, 'update-ref', 'refs/pull/2/merge', mergeSha)
  git(bare, 'update-ref', '-d', 'refs/heads/merge')
  source.cleanup()
  return {
    bare,
    baseSha,
    headSha,
    mergeSha,
    checkout(ref) {
      const ws = makeTempDir({}, 'proofgate-workspace-')
      git(ws, 'init', '-q')
      git(ws, 'remote', 'add', 'origin', `file://${bare}`)
      git(ws, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', `+${ref}:refs/remotes/origin/checkout`)
      git(ws, 'checkout', '-q', '--detach', 'refs/remotes/origin/checkout')
      return ws
    },
  }
}

let api: GitHubApi
useGitHubApi((started) => (api = started))
afterAll(removeTempDirs)

const ops = (): string[] => api.requests.map((r) => `${r.operationId ?? r.path} ${r.status}`)

describe('the Action on pull_request', () => {
  it('reports >50 annotations in batches, one sticky comment edited on the next run, under the base branch config', async () => {
    const s = scenario()
    const ws = s.checkout('refs/pull/2/merge')
    expect(git(ws, 'rev-parse', '--is-shallow-repository')).toBe('true')
    const payload = pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, baseRef: 'main', headRef: 'feature', number: 2 })
    const first = await runAction({ workspace: ws, eventName: 'pull_request', payload, sha: s.mergeSha, apiUrl: api.url, inputs: { gates: GATES } })

    expect(first.exitCode, first.stdout + first.stderr).toBe(1)
    expect(first.outputs).toMatchObject({ verdict: 'blocked', 'exit-code': '1' })
    const report = JSON.parse(readFileSync(first.outputs['report-path']!, 'utf8')) as {
      base: { sha: string; source: string }
      notes: string[]
      findings: Array<{ gate: string; ruleId: string; severity: string; path?: string }>
      github: { pullRequest: number; headSha: string }
    }
    // The merge commit's first parent is the base; the shallow clone was deepened to reach it.
    expect(report.base).toMatchObject({ sha: s.baseSha, source: 'pull-request' })
    expect(report.github).toMatchObject({ pullRequest: 2, headSha: s.headSha })
    // The PR's .proofgate.yml turns mock-integrity off; the base's config still runs it, and gate-integrity reports the edit.
    expect(report.notes).toContain(`configuration read from .proofgate.yml at ${s.baseSha.slice(0, 12)}: edits to it in this change apply once merged`)
    expect(report.notes).toContain(`checked out the merge commit ${s.mergeSha.slice(0, 12)}: compared with its first parent ${s.baseSha.slice(0, 12)}`)
    const tautological = report.findings.filter((f) => f.gate === 'mock-integrity' && f.ruleId === 'tautological-assertion')
    expect(tautological).toHaveLength(TAUTOLOGIES)
    expect(report.findings.some((f) => f.gate === 'gate-integrity' && f.ruleId === 'config-weakened')).toBe(true)
    expect(report.findings.find((f) => f.ruleId === 'expected-value-changed')).toMatchObject({ severity: 'high', path: 'test/sum.test.js' })

    // One check run on the PR's head commit: created in progress, annotations 50 per request, completed once.
    expect(api.checkRuns.size).toBe(1)
    const run = [...api.checkRuns.values()][0]!
    expect(run).toMatchObject({ name: 'proofgate', head_sha: s.headSha, status: 'completed', conclusion: 'failure' })
    expect(run.created).toMatchObject({ status: 'in_progress', head_sha: s.headSha })
    const withPath = report.findings.filter((f) => f.path !== undefined).length
    expect(run.annotations).toHaveLength(withPath)
    expect(run.annotations.length).toBeGreaterThan(50)
    const sizes = run.updates.map((u) => ((u.output as { annotations?: unknown[] } | undefined)?.annotations ?? []).length)
    expect(sizes).toEqual([50, withPath - 50])
    expect(run.updates.map((u) => u.status ?? null)).toEqual([null, 'completed'])
    expect(run.annotations[0]!.annotation_level).toBe('failure')
    expect(run.output.title).toMatch(/^Blocked/)

    // The sticky comment, and the job summary.
    expect(api.comments.size).toBe(1)
    const comment = [...api.comments.values()][0]!
    expect(comment.body.startsWith('<!-- proofgate:comment')).toBe(true)
    expect(first.summary).toContain('tautological-assertion')

    const sarif = JSON.parse(readFileSync(first.outputs['sarif-path']!, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0]!.results.length).toBe(report.findings.length)

    // A second run edits the comment in place.
    const second = await runAction({
      workspace: ws,
      eventName: 'pull_request',
      payload: { ...payload, action: 'synchronize' },
      sha: s.mergeSha,
      apiUrl: api.url,
      inputs: { gates: GATES },
    })
    expect(second.exitCode).toBe(1)
    expect(api.comments.size).toBe(1)
    expect(ops().filter((o) => o.startsWith('issues/create-comment'))).toHaveLength(1)
    expect(ops().filter((o) => o.startsWith('issues/update-comment'))).toEqual(['issues/update-comment 200'])
  })

  it('retries a 5xx on the check run update', async () => {
    const s = scenario()
    const ws = s.checkout('refs/pull/2/merge')
    api.fail({ operationId: 'checks/update' }, faults.serverError(), 1)
    const payload = pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, number: 2 })
    const r = await runAction({ workspace: ws, eventName: 'pull_request', payload, sha: s.mergeSha, apiUrl: api.url, inputs: { gates: GATES, comment: 'off' } })
    expect(r.exitCode).toBe(1)
    expect(ops().filter((o) => o.startsWith('checks/update'))).toEqual(['checks/update 502', 'checks/update 200', 'checks/update 200'])
    expect([...api.checkRuns.values()][0]).toMatchObject({ status: 'completed', conclusion: 'failure' })
  })

  it('treats the behavior-change label as a declaration: the fitted expectation drops to medium', async () => {
    const s = scenario({ 'src/sum.js': PR_FILES['src/sum.js'], 'test/sum.test.js': PR_FILES['test/sum.test.js'] })
    const ws = s.checkout('refs/pull/2/merge')
    const payload = pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, number: 2, labels: ['behavior-change'] })
    const r = await runAction({
      workspace: ws,
      eventName: 'pull_request',
      payload,
      sha: s.mergeSha,
      apiUrl: api.url,
      inputs: { gates: GATES, comment: 'always' },
    })
    expect(r.exitCode, r.stdout).toBe(0)
    expect(r.outputs.verdict).toBe('warn')
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as { findings: Array<{ ruleId: string; severity: string; message: string }> }
    const fitted = report.findings.find((f) => f.ruleId === 'expected-value-changed')
    expect(fitted?.severity).toBe('medium')
    expect(fitted?.message).toContain("label 'behavior-change' on #2")
    expect([...api.checkRuns.values()][0]).toMatchObject({ conclusion: 'neutral' })
  })
})

describe('the Action with a read-only token (a fork pull request)', () => {
  it('degrades a 403 to workflow-command annotations within GitHub limits and the job summary; the verdict stands', async () => {
    const s = scenario()
    const ws = s.checkout('refs/pull/2/merge')
    api.fail({ operationId: 'checks/create' }, faults.forbiddenForFork(), 5)
    api.fail({ operationId: 'issues/create-comment' }, faults.forbiddenForFork(), 5)
    const payload = pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, number: 2, fork: true })
    const r = await runAction({ workspace: ws, eventName: 'pull_request', payload, sha: s.mergeSha, apiUrl: api.url, inputs: { gates: GATES } })

    expect(r.exitCode).toBe(1)
    expect(r.outputs.verdict).toBe('blocked')
    expect(api.checkRuns.size).toBe(0)
    const annotations = r.commands.filter((c) => c.properties.includes('file='))
    const byKind = (k: string): number => annotations.filter((c) => c.kind === k).length
    expect(byKind('error')).toBe(10)
    expect(annotations.length).toBeLessThanOrEqual(50)
    const hidden = r.commands.find((c) => c.kind === 'notice' && /more findings? not annotated/.test(c.message))
    expect(hidden).toBeDefined()
    expect(r.stdout).toContain('read-only')
    expect(r.stdout).toContain(
      "findings go to annotations in this job and to the job summary instead — proofgate's docs/action.md shows the workflow_run recipe for full checks on forks",
    )
    // The token is only ever handed to the runner's mask command.
    expect(r.stdout.split('\n').filter((l) => l.includes('test-token'))).toEqual(['::add-mask::test-token'])
    expect(r.summary).toContain('tautological-assertion')
  })
})

describe('the Action on push', () => {
  it('compares before..after', async () => {
    const s = scenario()
    const ws = s.checkout('refs/pull/2/head')
    const payload = pushEvent({ before: s.baseSha, after: s.headSha, ref: 'refs/heads/feature' })
    const r = await runAction({ workspace: ws, eventName: 'push', payload, sha: s.headSha, apiUrl: api.url, inputs: { gates: GATES } })
    expect(r.exitCode).toBe(1)
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as { base: { sha: string; source: string }; head: { sha: string } }
    expect(report.base).toMatchObject({ sha: s.baseSha, source: 'push' })
    expect(report.head.sha).toBe(s.headSha)
    expect([...api.checkRuns.values()][0]).toMatchObject({ head_sha: s.headSha })
    expect(api.comments.size).toBe(0)
  })
})

describe('the Action on the push of a new branch', () => {
  const ZERO = '0'.repeat(40)
  const newBranch = (defaultBranch: string) => {
    const payload = pushEvent({ before: ZERO, after: '', ref: 'refs/heads/feature' }) as unknown as { after: string; repository: { default_branch: string } }
    payload.repository.default_branch = defaultBranch
    return payload
  }

  it('compares with the merge-base of the default branch, fetched into the shallow checkout', async () => {
    const s = scenario()
    const ws = s.checkout('refs/pull/2/head')
    const payload = { ...newBranch('main'), after: s.headSha }
    const r = await runAction({ workspace: ws, eventName: 'push', payload, sha: s.headSha, apiUrl: api.url, inputs: { gates: GATES, comment: 'off' } })
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as { base: { sha: string }; notes: string[] }
    expect(report.base.sha).toBe(s.baseSha)
    expect(git(ws, 'rev-parse', 'refs/remotes/origin/main')).toBe(s.baseSha)
    expect(report.notes).toContain('push of a new branch: compared with the merge-base of the default branch')
    expect(report.notes.filter((n) => n.includes('could not be fetched'))).toEqual([])
  })

  it('fails with a named error when the default branch cannot be fetched, never silently using another base', async () => {
    const s = scenario()
    const ws = s.checkout('refs/pull/2/head')
    // A local main the engine could fall back to, as a checkout with more refs has.
    git(ws, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/heads/main:refs/heads/main')
    const payload = { ...newBranch('trunk'), after: s.headSha }
    const r = await runAction({ workspace: ws, eventName: 'push', payload, sha: s.headSha, apiUrl: api.url, inputs: { gates: GATES, comment: 'off' } })
    expect(r.exitCode).toBe(1)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      expect.stringMatching(
        /^::error::proofgate: PG_SHALLOW_CLONE: Branch trunk could not be fetched from origin: .+%0A {2}hint: check that the branch exists on the remote/,
      ),
    ])
  })

  it('falls back to the tip fetched before, with a note, when the default branch cannot be fetched now', async () => {
    const s = scenario()
    const ws = s.checkout('refs/pull/2/head')
    // An earlier fetch left origin/trunk behind; the remote has no trunk any more.
    git(ws, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/heads/main:refs/remotes/origin/trunk')
    const payload = { ...newBranch('trunk'), after: s.headSha }
    const r = await runAction({ workspace: ws, eventName: 'push', payload, sha: s.headSha, apiUrl: api.url, inputs: { gates: GATES, comment: 'off' } })
    expect(r.outputs['report-path'], r.stdout + r.stderr).toBeDefined()
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as { base: { sha: string }; notes: string[] }
    expect(report.base.sha).toBe(s.baseSha)
    expect(report.notes.filter((n) => n.startsWith('the default branch trunk'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^the default branch trunk could not be fetched \\(Branch trunk could not be fetched from origin: .+\\): compared with its tip last fetched, ${s.baseSha.slice(0, 12)}, which may be out of date$`,
        ),
      ),
    ])
  })
})

describe('the Action on pull_request_target', () => {
  it("refuses to run the repository's code when the fork's code is checked out (fail closed)", async () => {
    const s = scenario()
    const ws = s.checkout('refs/pull/2/merge')
    const payload = pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, number: 2, fork: true })
    const r = await runAction({
      workspace: ws,
      eventName: 'pull_request_target',
      payload,
      sha: s.baseSha,
      apiUrl: api.url,
      inputs: { gates: 'tests,mock-integrity', comment: 'off' },
    })
    expect(r.exitCode).toBe(1)
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as {
      gates: Array<{ id: string; status: string }>
      findings: Array<{ gate: string; ruleId: string; severity: string; message: string }>
    }
    expect(report.gates.find((g) => g.id === 'tests')?.status).toBe('errored')
    const refused = report.findings.find((f) => f.ruleId === 'gate-refused')
    expect(refused).toMatchObject({ gate: 'tests', severity: 'critical' })
    expect(refused?.message).toContain('pwn request')
    expect(report.findings.filter((f) => f.ruleId === 'tautological-assertion')).toHaveLength(TAUTOLOGIES)
  })

  it("reads the pull request's head commit from git when the base branch is checked out", async () => {
    const s = scenario()
    const ws = s.checkout('refs/heads/main')
    const payload = pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, number: 2, fork: true })
    const r = await runAction({
      workspace: ws,
      eventName: 'pull_request_target',
      payload,
      sha: s.baseSha,
      apiUrl: api.url,
      inputs: { gates: GATES, comment: 'off' },
    })
    expect(r.exitCode, r.stdout + r.stderr).toBe(1)
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as { head: { sha: string }; findings: Array<{ ruleId: string }> }
    expect(report.head.sha).toBe(s.headSha)
    expect(report.findings.filter((f) => f.ruleId === 'tautological-assertion')).toHaveLength(TAUTOLOGIES)
    // Nothing of the pull request reached the work tree.
    expect(git(ws, 'status', '--porcelain', '--untracked-files=no')).toBe('')
    expect(readFileSync(join(ws, 'src/sum.js'), 'utf8')).toBe(BASE_FILES['src/sum.js'])
  })
})

describe('the Action publishing a fork run from workflow_run (report-from)', () => {
  it("publishes the fork job's report as a check run on the PR head and a comment, running nothing", async () => {
    const s = scenario()
    const ws = s.checkout('refs/pull/2/merge')
    // Step 1: the fork's pull_request job, read-only token: the check run and comment are refused.
    api.fail({ operationId: 'checks/create' }, faults.forbiddenForFork(), 1)
    const forkRun = await runAction({
      workspace: ws,
      eventName: 'pull_request',
      payload: pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, number: 2, fork: true }),
      sha: s.mergeSha,
      apiUrl: api.url,
      inputs: { gates: GATES, comment: 'off' },
    })
    expect(forkRun.exitCode).toBe(1)
    expect(api.checkRuns.size).toBe(0)

    // Step 2: workflow_run on the base branch, with the report downloaded as an artifact.
    const base = s.checkout('refs/heads/main')
    const payload = {
      action: 'completed',
      workflow_run: { id: 99, event: 'pull_request', head_sha: s.headSha, pull_requests: [] },
      repository: { full_name: 'Codertocat/Hello-World' },
    }
    const publish = await runAction({
      workspace: base,
      eventName: 'workflow_run',
      payload,
      sha: s.baseSha,
      apiUrl: api.url,
      inputs: { 'report-from': forkRun.outputs['report-path']!, comment: 'always', 'check-name': 'proofgate (fork)' },
    })
    expect(publish.exitCode, publish.stdout + publish.stderr).toBe(1)
    expect(publish.outputs).toMatchObject({ verdict: 'blocked', 'report-path': forkRun.outputs['report-path'] })
    const run = [...api.checkRuns.values()][0]!
    expect(run).toMatchObject({ name: 'proofgate (fork)', head_sha: s.headSha, conclusion: 'failure' })
    expect(run.annotations.length).toBeGreaterThan(50)
    expect([...api.comments.values()].map((c) => c.issue)).toEqual([2])
    // Nothing ran in the base checkout: no journal, no state.
    expect(git(base, 'status', '--porcelain')).toBe('')

    // A report for another commit than the workflow run's is refused.
    const wrong = await runAction({
      workspace: base,
      eventName: 'workflow_run',
      payload: { ...payload, workflow_run: { ...payload.workflow_run, head_sha: s.baseSha } },
      sha: s.baseSha,
      apiUrl: api.url,
      inputs: { 'report-from': forkRun.outputs['report-path']! },
    })
    expect(wrong.exitCode).toBe(1)
    expect(wrong.outputs['exit-code']).toBe('64')
    expect(wrong.stdout).toContain(`The report is for commit ${s.headSha}`)
  })
})
