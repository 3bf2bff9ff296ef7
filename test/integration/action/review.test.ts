// The review gate in the Action end to end (issue 22): dist/index.js in a real process on a
// pull_request payload from @octokit/webhooks-examples, a real reviewer process (a sh script the
// test writes) configured in the base branch's .proofgate.yml, and the fake GitHub API that
// validates every request against GitHub's OpenAPI description. The reviewer's findings become
// check-run annotations (path, line, level, rule id reviewer/<name>) and rows of the sticky comment.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAction } from '../../helpers/action.js'
import { runCli } from '../../helpers/cli.js'
import { useGitHubApi, type GitHubApi } from '../../helpers/github-api.js'
import { pullRequestEvent } from '../../helpers/github-events.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, removeTempDirs } from '../../helpers/repo.js'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

/** The reviewer's answer: a high finding on the changed line and a medium one beside it. */
const ANSWER = {
  verdict: 'fail',
  findings: [
    { severity: 'high', path: 'src/sum.js', line: 2, message: 'add() now returns one too many', suggestion: 'return a + b' },
    { severity: 'medium', path: 'src/sum.js', line: 2, message: 'the magic 1 deserves a name' },
  ],
}

/** A reviewer: keeps the request it read on stdin in $1, then prints {@link ANSWER}. POSIX sh. */
const REVIEWER = `#!/bin/sh
cat > "$1"
cat <<'JSON'
${JSON.stringify(ANSWER)}
JSON
`

interface Scenario {
  baseSha: string
  headSha: string
  mergeSha: string
  /** Where the reviewer keeps the request it read. */
  requestFile: string
  /** A depth-1 checkout of the pull request's merge ref, detached, as actions/checkout makes it. */
  checkout(): string
}

/** A judge of the override council: reads the request and passes the counter-evidence. */
const JUDGE = "#!/bin/sh\ncat > /dev/null\necho 'VERDICT: PASS'\n"

/**
 * main holds the config and src/sum.js; the pull request changes line 2; refs/pull/2/{head,merge}
 * on a bare remote. With `contest`, main also has three judges and, committed after a probe run
 * found its fingerprint, counter-evidence against the reviewer's high finding.
 */
async function scenario(contest = false): Promise<Scenario> {
  const reviewers = makeTempDir({ 'reviewer.sh': REVIEWER, 'judge.sh': JUDGE }, 'proofgate-reviewers-')
  const requestFile = join(reviewers, 'request.json')
  const judges = ['  judges:', ...['a', 'b', 'c'].map((n) => `    - { name: judge-${n}, run: "sh ${reviewers}/judge.sh", timeout: 60 }`)]
  const source = makeTempGitRepo({
    files: {
      '.gitignore': '.proofgate/*\n!.proofgate/counter-evidence.yml\n',
      'package.json': '{ "name": "demo", "type": "module" }\n',
      '.proofgate.yml': [
        'gates:',
        '  review: { mode: blocking }',
        'review:',
        '  reviewers:',
        `    - { name: sec, run: "sh ${reviewers}/reviewer.sh ${requestFile}", focus: correctness, timeout: 60 }`,
        ...(contest ? judges : []),
        '',
      ].join('\n'),
      'src/sum.js': 'export function add(a, b) {\n  return a + b\n}\n',
    },
  })
  const change = { 'src/sum.js': 'export function add(a, b) {\n  return a + b + 1\n}\n' }
  source.git('checkout', '-q', '-b', 'feature')
  let headSha = source.commit('off by one', change)
  if (contest) {
    const probe = await runCli(['run', '--gates', 'review', '--base', 'main', '--head', 'feature', '--format', 'json'], source.dir)
    const high = probe.json().findings.find((f) => f.severity === 'high')!
    source.git('checkout', '-q', 'main')
    source.commit('contest the off-by-one finding', {
      '.proofgate/counter-evidence.yml': `counter-evidence:\n  - fingerprint: ${high.fingerprint}\n    claim: the +1 is the documented offset\n    proofType: reviewer-misread\n    artifacts: [docs/offset.md]\n`,
    })
    source.git('checkout', '-q', 'feature')
    source.git('rebase', '-q', 'main')
    headSha = source.head()
  }
  const baseSha = source.git('rev-parse', 'main')
  source.git('checkout', '-q', '-b', 'merge', 'main')
  source.git('merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature')
  const mergeSha = source.head()
  const bare = makeTempDir({}, 'proofgate-remote-')
  git(bare, 'clone', '-q', '--bare', source.dir, '.')
  git(bare, 'update-ref', 'refs/pull/2/head', headSha)
  git(bare, 'update-ref', 'refs/pull/2/merge', mergeSha)
  source.cleanup()
  return {
    baseSha,
    headSha,
    mergeSha,
    requestFile,
    checkout() {
      const ws = makeTempDir({}, 'proofgate-workspace-')
      git(ws, 'init', '-q')
      git(ws, 'remote', 'add', 'origin', `file://${bare}`)
      git(ws, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/pull/2/merge:refs/remotes/origin/checkout')
      git(ws, 'checkout', '-q', '--detach', 'refs/remotes/origin/checkout')
      return ws
    },
  }
}

let api: GitHubApi
useGitHubApi((started) => (api = started))
afterAll(removeTempDirs)

describe('the review gate in the Action', () => {
  it('reviewer findings are check-run annotations with rule id reviewer/<name> and rows of the sticky comment', async () => {
    const s = await scenario()
    const ws = s.checkout()
    const payload = pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, baseRef: 'main', headRef: 'feature', number: 2 })
    const r = await runAction({ workspace: ws, eventName: 'pull_request', payload, sha: s.mergeSha, apiUrl: api.url, inputs: { gates: 'review' } })

    expect(r.exitCode, r.stdout + r.stderr).toBe(1)
    expect(r.outputs).toMatchObject({ verdict: 'blocked', 'exit-code': '1' })
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as {
      gates: Array<{ id: string; status: string }>
      findings: Array<{ gate: string; ruleId: string; severity: string; path?: string; startLine?: number; blocking: boolean; message: string }>
    }
    expect(report.gates.find((g) => g.id === 'review')).toMatchObject({ status: 'fail' })
    expect(report.findings.map((f) => [f.gate, f.ruleId, f.severity, f.path, f.startLine, f.blocking])).toEqual([
      ['review', 'reviewer/sec', 'high', 'src/sum.js', 2, true],
      ['review', 'reviewer/sec', 'medium', 'src/sum.js', 2, false],
    ])

    // The reviewer ran as a real process on the request: the pull request's base and head, the diff as data.
    expect(existsSync(s.requestFile)).toBe(true)
    const request = JSON.parse(readFileSync(s.requestFile, 'utf8')) as { role: string; reviewer: string; base: { sha: string }; files: Array<{ path: string }> }
    expect([request.role, request.reviewer, request.base.sha]).toEqual(['reviewer', 'sec', s.baseSha])
    expect(request.files.map((f) => f.path)).toEqual(['src/sum.js'])

    // One check run on the head commit: one annotation per finding, at its path and line, by severity.
    expect(api.checkRuns.size).toBe(1)
    const run = [...api.checkRuns.values()][0]!
    expect(run).toMatchObject({ name: 'proofgate', head_sha: s.headSha, status: 'completed', conclusion: 'failure' })
    expect(run.annotations.map((a) => [a.path, a.start_line, a.end_line, a.annotation_level, a.title])).toEqual([
      ['src/sum.js', 2, 2, 'failure', 'review/reviewer/sec (high)'],
      ['src/sum.js', 2, 2, 'warning', 'review/reviewer/sec (medium)'],
    ])
    expect(run.annotations[0]!.message).toContain('add() now returns one too many')

    // The sticky comment: the high finding in the blocking table, the medium one under the details.
    expect(api.comments.size).toBe(1)
    const comment = [...api.comments.values()][0]!
    expect(comment.issue).toBe(2)
    expect(comment.body.startsWith('<!-- proofgate:comment check-name=proofgate -->')).toBe(true)
    const [blocking, rest] = comment.body.split('<details>') as [string, string]
    expect(blocking).toContain('#### Blocking (1)')
    expect(blocking).toMatch(/\| \*\*high\*\* · blocking \| `review\/reviewer\/sec` \| `src\/sum\.js:2:1` \| add\(\) now returns one too many/)
    expect(rest).toMatch(/\| medium \| `review\/reviewer\/sec` \| `src\/sum\.js:2:1` \| the magic 1 deserves a name/)
  })

  it('a reviewer finding the override council waives on the base counter-evidence is not annotated, and the comment shows the evidence', async () => {
    const s = await scenario(true)
    const ws = s.checkout()
    const payload = pullRequestEvent({ baseSha: s.baseSha, headSha: s.headSha, baseRef: 'main', headRef: 'feature', number: 2 })
    const r = await runAction({
      workspace: ws,
      eventName: 'pull_request',
      payload,
      sha: s.mergeSha,
      apiUrl: api.url,
      inputs: { gates: 'review', comment: 'always' },
    })

    expect(r.exitCode, r.stdout + r.stderr).toBe(0)
    expect(r.outputs).toMatchObject({ verdict: 'warn', 'exit-code': '0' })
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')) as {
      findings: Array<{ ruleId: string; severity: string; blocking: boolean; waived: null | { line: number; council?: { approvals: number } } }>
    }
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.blocking, f.waived?.council?.approvals ?? null])).toEqual([
      ['reviewer/sec', 'high', false, 3],
      ['reviewer/sec', 'medium', false, null],
    ])
    const run = [...api.checkRuns.values()][0]!
    expect(run).toMatchObject({ head_sha: s.headSha, conclusion: 'neutral' })
    expect(run.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.title])).toEqual([
      ['src/sum.js', 2, 'warning', 'review/reviewer/sec (medium)'],
    ])
    const comment = [...api.comments.values()][0]!
    expect(comment.body).toContain(
      '⚖ waived by the override council: the +1 is the documented offset (proof: reviewer-misread; .proofgate/counter-evidence.yml:2; override council, 3 of 3 judges) · votes: judge-a pass, judge-b pass, judge-c pass · artifacts: docs/offset.md',
    )
  })
})
