// The Action and a reviewer's approval: dist/index.js in a real process on a real pull_request
// payload, reviews served by the fake GitHub API (responses checked against GitHub's OpenAPI
// description). Only a trusted reviewer's approval of the exact head applies the PR's own waiver.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { runAction } from '../../helpers/action.js'
import { faults, startGitHubApi, type GitHubApi, type ReviewSeed } from '../../helpers/github-api.js'
import { pullRequestEvent } from '../../helpers/github-events.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, removeTempDirs } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

/** The PR author in the webhook example @octokit/webhooks-examples ships. */
const AUTHOR = 'Codertocat'
const WAIVER = lines('waivers:', '  - rule: lint-config-weakened', '    path: tsconfig.json', '    reason: strictness comes later', '    proof: out-of-scope')

interface Scenario {
  baseSha: string
  headSha: string
  mergeSha: string
  workspace: string
}

/** main with a strict tsconfig; the PR turns strictness off and waives its own finding; checked out at refs/pull/2/merge. */
function scenario(): Scenario {
  return pullRequest(
    { 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }, null, 2) + '\n' },
    {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: false } }, null, 2) + '\n',
      '.proofgate/waivers.yml': WAIVER,
    },
  )
}

const CHOICES = (word: string) =>
  lines(
    'export function check(value, choices) {',
    `  if (!choices.includes(value)) throw new Error(\`Allowed ${word}: \${choices.join(', ')}\`)`,
    '  return value',
    '}',
  )
const CHOICES_TEST = (word: string) =>
  lines(
    "import { expect, test } from 'vitest'",
    "import { check } from './choices.js'",
    "test('rejects a value outside the choices', () => {",
    `  expect(() => check('c', ['a', 'b'])).toThrow('Allowed ${word}: a, b')`,
    '})',
  )

/** The gamed edit of issue 17 (commander's "Allowed choices" → "Allowed values"): the message and its expected value changed together, undeclared. */
function fittedScenario(): Scenario {
  return pullRequest(
    { 'src/choices.js': CHOICES('choices'), 'src/choices.test.js': CHOICES_TEST('choices') },
    { 'src/choices.js': CHOICES('values'), 'src/choices.test.js': CHOICES_TEST('values') },
  )
}

/** A pull request #2 from `feature` (one commit of `change` over `base`), checked out at refs/pull/2/merge. */
function pullRequest(base: Record<string, string>, change: Record<string, string>): Scenario {
  const source = makeTempGitRepo({
    files: {
      'package.json': '{ "name": "demo", "private": true, "type": "module" }\n',
      '.gitignore': lines('.proofgate/*', '!.proofgate/waivers.yml'),
      ...base,
    },
  })
  const baseSha = source.head()
  source.git('checkout', '-q', '-b', 'feature')
  const headSha = source.commit('the change', change)
  source.git('checkout', '-q', '-b', 'merge', 'main')
  source.git('merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature')
  const mergeSha = source.head()
  const bare = makeTempDir({}, 'proofgate-remote-')
  git(bare, 'clone', '-q', '--bare', source.dir, '.')
  git(bare, 'update-ref', 'refs/pull/2/head', headSha)
  git(bare, 'update-ref', 'refs/pull/2/merge', mergeSha)
  source.cleanup()
  const workspace = makeTempDir({}, 'proofgate-workspace-')
  git(workspace, 'init', '-q')
  git(workspace, 'remote', 'add', 'origin', `file://${bare}`)
  git(workspace, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/pull/2/merge:refs/remotes/origin/checkout')
  git(workspace, 'checkout', '-q', '--detach', 'refs/remotes/origin/checkout')
  return { baseSha, headSha, mergeSha, workspace }
}

interface Report {
  verdict: string
  notes: string[]
  approval?: { by: string; sha: string; association: string }
  findings: Array<{
    ruleId: string
    path?: string
    blocking: boolean
    waived: unknown
    needsApproval?: boolean
    approved?: { by: string; sha: string }
    pendingWaiver?: { line: number }
  }>
}

let api: GitHubApi | undefined
afterEach(async () => {
  expect(api?.violations).toEqual([])
  await api?.close()
})
afterAll(removeTempDirs)

async function runWith(
  s: Scenario,
  reviews: ReviewSeed[],
  fault?: 'forbidden',
  gates = 'gate-integrity',
): Promise<{ exitCode: number | null; report: Report; conclusion: string | null; text: string; stdout: string }> {
  api = await startGitHubApi({ repository: { owner: 'Codertocat', repo: 'Hello-World' }, reviews: { 2: reviews }, checkResponses: true })
  if (fault === 'forbidden') api.fail({ operationId: 'pulls/list-reviews' }, faults.forbiddenForFork(), 5)
  const payload = pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, baseRef: 'main', headRef: 'feature', number: 2 })
  const r = await runAction({
    workspace: s.workspace,
    eventName: 'pull_request',
    payload,
    sha: s.mergeSha,
    apiUrl: api.url,
    inputs: { gates, comment: 'off' },
  })
  const run = [...api.checkRuns.values()][0]!
  return {
    exitCode: r.exitCode,
    report: JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as Report,
    conclusion: run.conclusion,
    text: `${run.output.summary ?? ''}\n${run.output.text ?? ''}`,
    stdout: r.stdout,
  }
}

const brief = (report: Report) =>
  report.findings.map((f) => [f.ruleId, f.path, f.blocking, f.waived === null ? null : 'waived', f.needsApproval ?? false, f.approved?.by ?? null])

describe('the Action reads approvals from the reviews API', () => {
  it("a collaborator's approval of the head SHA applies the PR's waiver; the report names the approver and the SHA", async () => {
    const s = scenario()
    const r = await runWith(s, [
      { login: 'reviewer', state: 'COMMENTED', commitId: s.headSha, association: 'COLLABORATOR' },
      { login: 'reviewer', state: 'APPROVED', commitId: s.headSha, association: 'COLLABORATOR' },
    ])
    expect(r.exitCode, r.stdout).toBe(0)
    expect(r.conclusion).toBe('neutral')
    expect(r.report.approval).toEqual({ by: 'reviewer', sha: s.headSha, association: 'COLLABORATOR' })
    expect(brief(r.report)).toEqual([
      ['config-weakened', '.proofgate/waivers.yml', false, null, true, 'reviewer'],
      ['lint-config-weakened', 'tsconfig.json', false, 'waived', false, null],
    ])
    expect(r.report.findings[0]!.approved).toEqual({ by: 'reviewer', sha: s.headSha })
    expect(r.report.notes).toContain(`approved by @reviewer (collaborator) on ${s.headSha.slice(0, 12)}: findings that need approval do not block`)
    expect(r.text).toContain(`approved by @\u200Dreviewer on \`${s.headSha.slice(0, 12)}\``)
  })

  it("the PR author's own approval does not count", async () => {
    const s = scenario()
    const r = await runWith(s, [{ login: AUTHOR, state: 'APPROVED', commitId: s.headSha, association: 'OWNER' }])
    expect(r.exitCode).toBe(1)
    expect(r.conclusion).toBe('failure')
    expect(r.report.approval).toBeUndefined()
    expect(brief(r.report)).toEqual([
      ['config-weakened', '.proofgate/waivers.yml', true, null, true, null],
      ['lint-config-weakened', 'tsconfig.json', true, null, true, null],
    ])
    expect(r.report.findings[1]!.pendingWaiver).toMatchObject({ line: 2 })
    expect(r.report.notes).toContain(
      `no approval: no owner, member or collaborator other than the author approved ${s.headSha.slice(0, 12)}, so findings that need approval block`,
    )
    expect(r.text).toContain('**needs approval**')
    expect(r.text).toContain('would waive this once approved: strictness comes later (proof: out-of-scope)')
  })

  it('an approval of an older SHA does not count, and a 403 from the reviews API means no approval, never a crash', async () => {
    const s = scenario()
    const stale = await runWith(s, [{ login: 'reviewer', state: 'APPROVED', commitId: s.baseSha, association: 'MEMBER' }])
    expect([stale.exitCode, stale.conclusion, stale.report.approval]).toEqual([1, 'failure', undefined])
    await api!.close()
    expect(api!.violations).toEqual([])
    const forbidden = await runWith(s, [{ login: 'reviewer', state: 'APPROVED', commitId: s.headSha, association: 'MEMBER' }], 'forbidden')
    expect([forbidden.exitCode, forbidden.conclusion, forbidden.report.approval]).toEqual([1, 'failure', undefined])
    expect(forbidden.report.notes).toContain(
      "no approval: the pull request's reviews could not be read (HTTP 403; the workflow needs pull-requests: read), so findings that need approval block",
    )
  })
})

describe("an undeclared behaviour change needs approval (issue 17: zod's honest changes and a gamed edit look the same)", () => {
  it('blocks the check as needs approval; a collaborator approving the head SHA resolves it', async () => {
    const s = fittedScenario()
    const none = await runWith(s, [], undefined, 'test-mutation')
    expect([none.exitCode, none.conclusion]).toEqual([1, 'failure'])
    expect(brief(none.report)).toEqual([['expected-value-changed', 'src/choices.test.js', true, null, true, null]])
    expect(none.text).toContain('**needs approval**')
    await api!.close()
    expect(api!.violations).toEqual([])
    const approved = await runWith(s, [{ login: 'reviewer', state: 'APPROVED', commitId: s.headSha, association: 'MEMBER' }], undefined, 'test-mutation')
    expect([approved.exitCode, approved.conclusion]).toEqual([0, 'neutral'])
    expect(brief(approved.report)).toEqual([['expected-value-changed', 'src/choices.test.js', false, null, true, 'reviewer']])
  })
})
