// The tests gate end to end: real vitest, node --test, jest and mocha runs in temp git repos (one
// repo per runner, its test files swapped per case), judged through the real GateContext contract.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ChangeSet } from '../../../src/changes/types.js'
import { configSchema } from '../../../src/config/schema.js'
import type { FindingInput } from '../../../src/findings/types.js'
import { readTestResults, testsGate, type TestResults } from '../../../src/gates/tests.js'
import type { GateContext, GateOutcome } from '../../../src/gates/types.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { createWaiverMatcher } from '../../../src/findings/waivers.js'
import { runGates } from '../../../src/runner/runner.js'
import { MANIFESTS, projectFiles, type FixtureCase, type FixtureRunner } from '../../fixtures/tests/projects.js'

interface GateRun {
  outcome: GateOutcome
  findings: FindingInput[]
  data: TestResults
  elapsedMs: number
}

/** The work tree of `repo` against its HEAD: the change set the tests gate runs on. */
function headChangeSet(repo: TempRepo, head: string): ChangeSet {
  return {
    root: repo.dir,
    base: { sha: head, source: 'explicit' },
    head: { sha: head, ref: 'main' },
    treeHash: repo.git('rev-parse', 'HEAD^{tree}'),
    includesWorkingTree: true,
    files: [],
    diffHash: 'd'.repeat(64),
  }
}

/** `signal` replaces the timeout's own (a cancelled run); `env` is proofgate's environment, which the suite inherits filtered. */
async function runGate(
  repo: TempRepo,
  options: { timeoutMs?: number; config?: unknown; signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {},
): Promise<GateRun> {
  const timeoutMs = options.timeoutMs ?? 60_000
  const head = repo.head()
  const changes = headChangeSet(repo, head)
  const findings: FindingInput[] = []
  const ctx: GateContext = {
    root: repo.dir,
    stateDir: join(repo.dir, '.proofgate'),
    runId: `run-${Date.now()}`,
    changes,
    scope: 'changes',
    config: configSchema.parse(options.config ?? {}),
    signal: options.signal ?? AbortSignal.timeout(timeoutMs),
    timeoutMs,
    report: (finding) => findings.push(finding),
    log: () => {},
    results: new Map(),
    declarations: [],
    ...(options.env === undefined ? {} : { env: options.env }),
  }
  const started = Date.now()
  const outcome = await testsGate.run(ctx)
  return { outcome, findings, data: outcome.data as TestResults, elapsedMs: Date.now() - started }
}

/** One repo per runner; each case replaces the test files and commits, so HEAD and the tree change. */
function runnerRepo(runner: FixtureRunner): { repo: () => TempRepo; use: (kase: FixtureCase) => void } {
  let repo: TempRepo | undefined
  beforeAll(() => {
    repo = makeTempGitRepo({ linkNodeModules: true, files: { 'package.json': JSON.stringify(MANIFESTS[runner], null, 2) } })
  })
  afterAll(() => repo?.cleanup())
  const get = (): TempRepo => {
    if (repo === undefined) throw new Error('repo not created')
    return repo
  }
  return {
    repo: get,
    use: (kase) => {
      const r = get()
      for (const dir of ['test', 'src']) rmSync(join(r.dir, dir), { recursive: true, force: true })
      r.commit(kase, projectFiles(runner, kase))
    },
  }
}

/** True while `pid` runs; a zombie (killed, not yet reaped by init) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync('/proc/self/stat')) return false
  }
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const RUNNERS: FixtureRunner[] = ['vitest', 'node', 'jest', 'mocha']

describe.each(RUNNERS)('%s', (runner) => {
  const { repo, use } = runnerRepo(runner)

  it('passes a passing suite and records the counts for the evidence gate', async () => {
    use('pass')
    const { outcome, findings, data } = await runGate(repo())
    expect(findings).toEqual([])
    expect(outcome.status).toBeUndefined()
    expect(outcome.summary).toMatch(new RegExp(`^3 tests: 2 passed, 0 failed, 1 skipped \\(${runner}, \\d+\\.\\d s\\)$`))
    expect(data).toMatchObject({
      schemaVersion: 1,
      runner,
      status: 'passed',
      total: 3,
      passed: 2,
      failed: 0,
      skipped: 1,
      failures: [],
      exitCode: 0,
      headSha: repo().head(),
      treeHash: repo().git('rev-parse', 'HEAD^{tree}'),
    })
    expect(await readTestResults(join(repo().dir, '.proofgate'))).toEqual(data)
    // The reporter's temp output is cleaned up.
    expect(readdirSync(join(repo().dir, '.proofgate/tmp'))).toEqual([])
  })

  it('reports each failing test as critical at its file and line', async () => {
    use('fail')
    const { outcome, findings, data } = await runGate(repo())
    const line = { vitest: 8, jest: 7, node: 9, mocha: 8 }[runner]
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.path, f.startLine]).sort()).toEqual([
      ['test-failed', 'failedWithMessage', 'critical', 'test/math.test.js', line],
      ['test-failed', 'failedWithMessage', 'critical', 'test/other.test.js', runner === 'jest' ? 3 : runner === 'node' ? 5 : 4],
    ])
    const multiplies = findings.find((f) => f.path === 'test/math.test.js')
    expect(multiplies?.message).toMatch(/^Test failed: math( >)? multiplies\n/)
    expect(outcome.summary).toMatch(new RegExp(`^3 tests: 1 passed, 2 failed, 0 skipped \\(${runner}, `))
    expect(data).toMatchObject({ status: 'failed', failed: 2 })
  })

  it('never passes a suite with a syntax error and a throwing setup hook', async () => {
    use('crash')
    const { findings, data } = await runGate(repo())
    expect(findings.length).toBeGreaterThan(0)
    for (const f of findings) {
      expect(f.severity).toBe('critical')
      expect(['test-failed', 'runner-crashed']).toContain(f.ruleId)
    }
    if (runner === 'mocha') {
      // mocha aborts before running anything and writes no report.
      expect(findings.map((f) => [f.ruleId, f.messageId])).toEqual([['runner-crashed', 'crashed']])
      expect(findings[0]?.message).toMatch(/SyntaxError/)
      expect(data.status).toBe('crashed')
    } else {
      expect(findings.map((f) => f.path)).toContain('test/broken.test.js')
      expect(data.status).toBe('failed')
    }
  })

  it('reports a run that executed no test as high', async () => {
    use('zero')
    const { findings, data, outcome } = await runGate(repo())
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity])).toEqual([['no-tests-executed', data.exitCode === 0 ? 'noTests' : 'noTestsExit', 'high']])
    expect(findings[0]!.message).toMatch(
      data.exitCode === 0
        ? /^\w+ ran but executed no test( \(\d tests? skipped\))?\.$/
        : /^\w+ ran but executed no test.*\. It exited with code \d+\. Last output:\n/,
    )
    expect(outcome.summary).toMatch(/^0 tests executed/)
    expect(data.status).toBe('no-tests')
  })

  it('kills a run that outlives the gate timeout, with the processes its tests started', async () => {
    use('timeout')
    const pidFile = join(repo().dir, 'slow.pid')
    rmSync(pidFile, { force: true })
    // 8 s: long enough for the runner to reach the test's sleep on a loaded 2-core machine (2.5 s was
    // not: the test process had not started, so there was nothing of its own to prove killed).
    const { findings, data, elapsedMs } = await runGate(repo(), { timeoutMs: 8_000 })
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity])).toEqual([['tests-timeout', 'timedOut', 'critical']])
    expect(findings[0]?.message).toMatch(/did not finish within its timeout of 8\.0 s \(gates\.tests\.timeout\) and was killed/)
    expect(data).toMatchObject({ status: 'timeout', total: null })
    expect(elapsedMs).toBeLessThan(13_000)
    // The test process reached the sleep; it and the helper process it started are gone now.
    const pids = readFileSync(pidFile, 'utf8').split(' ').map(Number)
    expect(pids).toHaveLength(2)
    await expect.poll(() => pids.filter(isAlive), { timeout: 1_000 }).toEqual([])
  })
})

describe('mocha exit codes that contradict the report', () => {
  const { repo } = runnerRepo('mocha')
  // mocha sets the exit code in its own 'exit' listener; process.exit() in an earlier one wins.
  const mask = (code: number): string => `process.on('exit', () => process.exit(${code}))\n`

  it('trusts a reported failure when a test forces exit code 0', async () => {
    repo().commit('masked', { 'test/masked.test.js': `${mask(0)}it('fails', () => { throw new Error('really failed') })\n` })
    const { findings, data } = await runGate(repo())
    expect(data.exitCode).toBe(0)
    expect(findings.map((f) => [f.ruleId, f.messageId, f.path, f.startLine])).toEqual([['test-failed', 'failedWithMessage', 'test/masked.test.js', 2]])
  })

  it('fails closed when the exit code is non-zero but no test failed', async () => {
    repo().commit('odd exit', { 'test/masked.test.js': `${mask(3)}it('passes', () => {})\n` })
    const { findings, data } = await runGate(repo())
    expect(data).toMatchObject({ status: 'crashed', exitCode: 3, passed: 1 })
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity])).toEqual([['runner-crashed', 'crashed', 'critical']])
    expect(findings[0]?.message).toMatch(
      /^The mocha run cannot be trusted: it exited with code 3 but reported no failing test \(an unhandled error, a failing global setup or teardown\?\)\. Last output:\n/,
    )
  })
})

describe('runner choice', () => {
  const repos: TempRepo[] = []
  afterAll(() => repos.forEach((r) => r.cleanup()))
  const make = (files: Record<string, string>, linkNodeModules = false): TempRepo => {
    const repo = makeTempGitRepo({ linkNodeModules, files })
    repos.push(repo)
    return repo
  }

  it('is inconclusive without a runner or a test script, and reports nothing', async () => {
    const repo = make({ 'package.json': JSON.stringify({ name: 'x', scripts: { build: 'tsc' } }) })
    const { outcome, findings } = await runGate(repo)
    expect(outcome).toMatchObject({ status: 'inconclusive', reason: expect.stringMatching(/^no test runner found/) })
    expect(findings).toEqual([])
    expect(existsSync(join(repo.dir, '.proofgate/test-results.json'))).toBe(false)
  })

  it('runs the test script and, with no counts, is inconclusive when it passes', async () => {
    const repo = make({ 'package.json': JSON.stringify({ name: 'x', scripts: { test: 'node check.js' } }), 'check.js': "console.log('all good')\n" })
    const { outcome, findings, data } = await runGate(repo)
    expect(findings).toEqual([])
    expect(outcome).toMatchObject({ status: 'inconclusive', reason: 'test counts unknown: the `test` script has no machine-readable reporter' })
    expect(data).toMatchObject({ runner: 'script', status: 'unknown', total: null, exitCode: 0, command: ['npm', 'test'] })
  })

  it('reports a failing test script as critical with its output', async () => {
    const repo = make({
      'package.json': JSON.stringify({ name: 'x', scripts: { test: 'node check.js' } }),
      'check.js': "console.error('2 of 9 checks failed')\nprocess.exit(1)\n",
    })
    const { findings, data } = await runGate(repo)
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity])).toEqual([['test-failed', 'scriptFailed', 'critical']])
    expect(findings[0]?.message).toMatch(
      /^`npm test` failed with exit code 1; the script has no machine-readable reporter, so the failing tests are not named\. Last output:\n[^]*2 of 9 checks failed/,
    )
    expect(data).toMatchObject({ status: 'failed', exitCode: 1 })
  })

  it('kills a test script that outlives the gate timeout, down to the processes npm started', async () => {
    const repo = make({
      'package.json': JSON.stringify({ name: 'x', scripts: { test: 'node slow.js' } }),
      'slow.js': "require('node:fs').writeFileSync('slow.pid', String(process.pid))\nsetTimeout(() => {}, 60_000)\n",
    })
    const { findings, data, elapsedMs } = await runGate(repo, { timeoutMs: 2_500 })
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity])).toEqual([['tests-timeout', 'timedOut', 'critical']])
    expect(data).toMatchObject({ runner: 'script', status: 'timeout' })
    expect(elapsedMs).toBeLessThan(6_000)
    const pid = Number(readFileSync(join(repo.dir, 'slow.pid'), 'utf8'))
    await expect.poll(() => isAlive(pid), { timeout: 1_000 }).toBe(false)
  })

  it('reports a configured runner that is not installed as high', async () => {
    const repo = make({ 'package.json': JSON.stringify({ name: 'x', scripts: { test: 'node --test' } }) })
    const { outcome, findings } = await runGate(repo, { config: { gates: { tests: { runner: 'jest' } } } })
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.message])).toEqual([
      [
        'runner-not-found',
        'notInstalled',
        'high',
        'Cannot run the tests: jest is not installed in this repository (require.resolve("jest/package.json") failed from its root).',
      ],
    ])
    expect(outcome.summary).toMatch(/jest is not installed/)
  })

  it('keeps the tokens proofgate was given away from the suite, and passes what env-pass names', async () => {
    const repo = make({
      'package.json': JSON.stringify({ name: 'x', type: 'module', scripts: { test: 'node --test' } }),
      'test/env.test.js':
        "import { it } from 'node:test'\nimport assert from 'node:assert'\nit('sees no token', () => {\n  assert.deepStrictEqual(Object.keys(process.env).filter((k) => /TOKEN/i.test(k)), [])\n  assert.strictEqual(process.env.PROOFGATE_PROBE, 'kept')\n})\n",
    })
    vi.stubEnv('GITHUB_TOKEN', 'ghs_secret')
    vi.stubEnv('INPUT_GITHUB-TOKEN', 'ghs_secret')
    vi.stubEnv('NPM_TOKEN', 'npm_secret')
    vi.stubEnv('PROOFGATE_PROBE', 'kept')
    try {
      const { data, findings } = await runGate(repo, { config: { 'env-pass': ['PROOFGATE_PROBE'] } })
      expect(findings).toEqual([])
      expect(data).toMatchObject({ runner: 'node', status: 'passed', total: 1, passed: 1 })
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('passes the configured args to the runner', async () => {
    const repo = make({
      'package.json': JSON.stringify({ name: 'x', type: 'module', scripts: { test: 'node --test' } }),
      'test/a.test.js': "import { it } from 'node:test'\nit('a', () => {})\n",
      'other/b.test.js': "import { it } from 'node:test'\nit('b', () => { throw new Error('b') })\n",
    })
    const { data } = await runGate(repo, { config: { gates: { tests: { args: ['test/*.test.js'] } } } })
    expect(data).toMatchObject({ runner: 'node', status: 'passed', total: 1 })
    expect(data.command.slice(-1)).toEqual(['test/*.test.js'])
  })

  it('folds failing tests beyond the first 100 into one test-failed finding (messageIds failedWithMessage and more)', async () => {
    const repo = make({
      'package.json': JSON.stringify({ name: 'x', type: 'module', scripts: { test: 'node --test' } }),
      'test/many.test.js': "import { it } from 'node:test'\nfor (let i = 1; i <= 102; i++) it(`case ${i}`, () => { throw new Error(`no ${i}`) })\n",
    })
    const { findings } = await runGate(repo)
    expect(findings.map((f) => f.messageId)).toEqual([...Array(100).fill('failedWithMessage'), 'more'])
    expect(findings.slice(99).map((f) => [f.ruleId, f.messageId, f.severity, f.path, f.startLine, f.message.split('\n')[0]])).toEqual([
      ['test-failed', 'failedWithMessage', 'critical', 'test/many.test.js', 2, 'Test failed: case 100'],
      ['test-failed', 'more', 'critical', undefined, undefined, '…and 2 more failing tests (all listed in .proofgate/test-results.json)'],
    ])
  })

  it('says npm is missing when the test script cannot be started (messageId npmMissing)', async () => {
    const repo = make({ 'package.json': JSON.stringify({ name: 'x', scripts: { test: 'node check.js' } }), 'check.js': '' })
    const { findings, data } = await runGate(repo, { config: { gates: { tests: { runner: 'script' } } }, env: { PATH: join(repo.dir, 'no-such-bin') } })
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.message.replace(/: .*/s, ': …')])).toEqual([
      ['runner-not-found', 'npmMissing', 'high', 'Cannot run `npm test`: …'],
    ])
    expect(data).toMatchObject({ runner: 'script', status: 'crashed' })
  })

  it('says a cancelled run was cancelled, not timed out (messageId cancelled)', async () => {
    const repo = make({ 'package.json': JSON.stringify({ name: 'x', scripts: { test: 'node slow.js' } }), 'slow.js': 'setTimeout(() => {}, 60_000)\n' })
    const cancel = new AbortController()
    setTimeout(() => cancel.abort(new Error('run cancelled')), 1_000)
    const { findings } = await runGate(repo, { signal: cancel.signal })
    expect(findings.map((f) => [f.ruleId, f.messageId, f.message.split('\n')[0]])).toEqual([
      ['tests-timeout', 'cancelled', 'The script run was cancelled and was killed with its child processes. Last output:'],
    ])
  })

  it("names the test script's own flags in the reproduce hint (node --test --no-such-flag)", async () => {
    const repo = make({
      'package.json': JSON.stringify({ name: 'x', type: 'module', scripts: { test: 'node --test --no-such-flag' } }),
      'test/a.test.js': "import { it } from 'node:test'\nit('a', () => {})\n",
    })
    const { findings } = await runGate(repo)
    expect(findings.map((f) => [f.ruleId, f.severity, f.help])).toEqual([
      ['runner-crashed', 'critical', 'Reproduce with `node --test --no-such-flag` and fix what stops the suite from running to the end.'],
    ])
  })
})

describe('under the runner', () => {
  it("says a run the runner's timeout stopped timed out, naming the timeout and its config key", async () => {
    const repo = makeTempGitRepo({ files: { 'package.json': JSON.stringify(MANIFESTS.node, null, 2), ...projectFiles('node', 'timeout') } })
    const head = repo.head()
    const changes = headChangeSet(repo, head)
    try {
      const [result] = await runGates({
        root: repo.dir,
        stateDir: join(repo.dir, '.proofgate'),
        runId: 'run-timeout',
        changes,
        scope: 'changes',
        config: configSchema.parse({ gates: { tests: { timeout: 2 } } }),
        gates: [{ gate: testsGate, mode: 'blocking', timeoutMs: 2_000 }],
        waivers: createWaiverMatcher([], '2026-01-01'),
        readLine: () => undefined,
        failOn: 'high',
      })
      expect(result).toMatchObject({ id: 'tests', status: 'errored', reason: 'timed out after 2 s' })
      expect(result!.findings.map((f) => [f.ruleId, f.messageId, f.severity, f.blocking])).toEqual([['tests-timeout', 'timedOut', 'critical', true]])
      expect(result!.findings[0]!.message).toMatch(/^The node run did not finish within its timeout of 2\.0 s \(gates\.tests\.timeout\) and was killed/)
      expect(result!.findings[0]!.message).not.toContain('cancelled')
    } finally {
      repo.cleanup()
    }
  }, 30_000)
})
