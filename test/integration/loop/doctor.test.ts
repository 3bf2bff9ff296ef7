// `proofgate doctor` end to end: a fully wired repository (hook installed, a pull-request workflow,
// the check required on main through the fake GitHub API, a real run of the tests gate, a committed
// config, a recent run in the journal) exits 0; taking away each fact makes it fail, with a remedy.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { startGitHubApi, type GitHubApi } from '../../helpers/github-api.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import type { DoctorReport } from '../../../src/loop/doctor.js'

const WORKFLOW = `on: pull_request
permissions: { contents: read, checks: write }
jobs:
  proofgate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - run: npm ci
      - uses: proofgate/proofgate@v0
`
const FILES = {
  'package.json': JSON.stringify({ name: 's', private: true, type: 'module', devDependencies: { vitest: '*' } }),
  'src/sum.js': 'export function sum(a, b) {\n  return a + b\n}\n',
  'test/sum.test.js': "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit('adds', () => {\n  expect(sum(1, 2)).toBe(3)\n})\n",
  '.proofgate.yml': 'gates:\n  tests: { mode: blocking }\n',
  '.github/workflows/proofgate.yml': WORKFLOW,
}

let api: GitHubApi
let required: string[] = ['proofgate']
let r: TempRepo
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  api = await startGitHubApi({
    repository: { owner: 'acme', repo: 'app' },
    handlers: {
      'repos/get-status-checks-protection': (ctx) => ({
        status: 200,
        body: {
          url: `${api.url}/repos/acme/app/branches/${String(ctx.params.branch)}/protection/required_status_checks`,
          strict: true,
          contexts: required,
          checks: required.map((context) => ({ context, app_id: null })),
          contexts_url: `${api.url}/repos/acme/app/branches/main/protection/required_status_checks/contexts`,
        },
      }),
    },
  })
  r = makeTempGitRepo({ linkNodeModules: true, files: FILES })
  r.git('remote', 'add', 'origin', 'https://github.com/acme/app.git')
  env = { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: api.url }
  expect((await runCli(['install'], r.dir)).exitCode).toBe(0)
  const base = r.head()
  r.commit('change', { 'src/sum.js': 'export function sum(a, b) {\n  return b + a\n}\n' })
  const run = await runCli(['run', '--base', base, '--gates', 'tests'], r.dir)
  expect(run.exitCode).toBe(0)
}, 120_000)

afterAll(async () => {
  await api.close()
  r.cleanup()
})

async function doctor(extra: NodeJS.ProcessEnv = env): Promise<{ exitCode: number | null; report: DoctorReport; stdout: string }> {
  const json = await runCli(['doctor', '--format', 'json'], r.dir, extra)
  const text = await runCli(['doctor'], r.dir, extra)
  expect(text.exitCode).toBe(json.exitCode)
  return { exitCode: json.exitCode, report: JSON.parse(json.stdout) as DoctorReport, stdout: text.stdout }
}

const statuses = (report: DoctorReport): string[] => report.facts.map((f) => `${f.id}:${f.status}`)

describe('proofgate doctor', () => {
  it('passes all six facts on a fully wired repository, asking GitHub with the token (never printed)', async () => {
    const { exitCode, report, stdout } = await doctor()
    expect(statuses(report)).toEqual(['hook:pass', 'workflow:pass', 'required-check:pass', 'tests-ran:pass', 'config:pass', 'recent-run:pass'])
    expect(exitCode).toBe(0)
    expect(report.facts[2]!.detail).toBe('proofgate is required on main')
    expect(report.facts[3]!.detail).toMatch(/^vitest ran 1 tests \(passed\) at /)
    expect(stdout).toContain('proofgate - the loop is closed\n')
    expect(stdout).not.toContain('test-token')
    const asked = api.requests.filter((q) => q.operationId === 'repos/get-status-checks-protection')
    expect(asked.at(-1)!.path).toBe('/repos/acme/app/branches/main/protection/required_status_checks')
    expect(api.violations).toEqual([])
  })

  it('says unknown for the required check without a token, and still exits 0', async () => {
    const { exitCode, report } = await doctor({ GITHUB_TOKEN: undefined })
    expect(report.facts[2]).toEqual({
      id: 'required-check',
      status: 'unknown',
      detail: 'unknown: GITHUB_TOKEN is not set, so GitHub was not asked',
      remedy: 'set GITHUB_TOKEN to ask; require the proofgate check in the default branch protection (Settings → Branches, or a ruleset)',
    })
    expect(exitCode).toBe(0)
  })

  it('fails the required check when main requires other checks', async () => {
    required = ['build']
    const { exitCode, report } = await doctor()
    required = ['proofgate']
    expect(report.facts[2]).toMatchObject({ status: 'fail', detail: 'main requires build, not proofgate' })
    expect(exitCode).toBe(1)
  })

  it('fails each other fact when it is taken away, naming the remedy', async () => {
    // The config: invalid.
    r.write({ '.proofgate.yml': 'gates:\n  tests: { mode: sometimes }\n' })
    let d = await doctor()
    expect(d.exitCode).toBe(1)
    expect(statuses(d.report)).toEqual(['hook:pass', 'workflow:pass', 'required-check:pass', 'tests-ran:pass', 'config:fail', 'recent-run:pass'])
    expect(d.stdout).toMatch(/proofgate - ✖ config +invalid: /)
    r.git('checkout', '--', '.proofgate.yml')

    // The workflow: gone.
    rmSync(join(r.dir, '.github'), { recursive: true })
    d = await doctor()
    expect(statuses(d.report)).toEqual(['hook:pass', 'workflow:fail', 'required-check:pass', 'tests-ran:pass', 'config:pass', 'recent-run:pass'])
    expect(d.report.facts[1]!.remedy).toBe('add the workflow of README.md (Quick start, GitHub Action): on: pull_request, uses: proofgate/proofgate@v0')
    r.git('checkout', '--', '.github')

    // The tests gate's record and the journal: gone.
    rmSync(join(r.dir, '.proofgate/test-results.json'))
    rmSync(join(r.dir, '.proofgate/journal'), { recursive: true })
    d = await doctor()
    expect(statuses(d.report)).toEqual(['hook:pass', 'workflow:pass', 'required-check:pass', 'tests-ran:fail', 'config:pass', 'recent-run:fail'])
    expect(d.report.facts[5]).toEqual({
      id: 'recent-run',
      status: 'fail',
      detail: 'the journal records no run',
      remedy: 'run npx proofgate run (or install the hook so every push runs it)',
    })

    // The hook: uninstalled.
    expect((await runCli(['uninstall'], r.dir)).exitCode).toBe(0)
    d = await doctor()
    expect(d.report.facts[0]).toEqual({
      id: 'hook',
      status: 'fail',
      detail: 'no proofgate hook is installed',
      remedy: 'run npx proofgate install (then npx proofgate install --check)',
    })
    expect(d.exitCode).toBe(1)
  })
})
