// `proofgate history` and `proofgate health` over journals made by real runs of the CLI on a
// scenario repository: three attempts to pass, a recurring failing test, a restart with
// `proofgate start`; a healthy and an unhealthy window with `health --strict-warnings` exiting 0 and 2.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import type { HealthReport } from '../../../src/loop/health.js'
import type { HistoryReport } from '../../../src/loop/history.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const GOOD = 'export function sum(a, b) {\n  return a + b\n}\n'
const BAD = 'export function sum(a, b) {\n  return a - b\n}\n'

function scenario(): TempRepo {
  const r = makeTempGitRepo({
    linkNodeModules: true,
    files: {
      'package.json': JSON.stringify({ name: 's', private: true, type: 'module', devDependencies: { vitest: '*', eslint: '*' } }),
      'eslint.config.js': `export default [{ files: ['**/*.js'], languageOptions: { sourceType: 'module' }, rules: { 'no-unused-vars': 'error' } }]\n`,
      'src/sum.js': GOOD,
      'test/sum.test.js': "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit('adds', () => {\n  expect(sum(1, 2)).toBe(3)\n})\n",
    },
  })
  repos.push(r)
  return r
}

describe('proofgate history', () => {
  it('counts three attempts to pass, a recurring failing test and a restart by proofgate start', async () => {
    const r = scenario()
    const base = r.head()
    const attempt = async (sum: string, expected: number): Promise<void> => {
      r.write({ 'src/sum.js': sum })
      expect((await runCli(['run', '--base', base, '--gates', 'tests'], r.dir)).exitCode).toBe(expected)
    }
    // Change 1: fails twice, passes on the third attempt.
    await attempt(BAD, 1)
    await attempt(BAD.replace('a - b', 'b - a'), 1)
    await attempt(GOOD.replace('a + b', 'b + a'), 0)
    // Change 2: fails once, then the agent starts over.
    await attempt(BAD, 1)
    expect((await runCli(['start'], r.dir)).exitCode).toBe(0)
    // Change 3: fails, then passes.
    await attempt(BAD, 1)
    await attempt(GOOD, 0)

    const run = await runCli(['history', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(0)
    const h = JSON.parse(run.stdout) as HistoryReport
    expect(h.runs).toBe(6)
    expect(h.changes.map((c) => [c.branch, c.runs, c.passed, c.attemptsToPass])).toEqual([
      ['main', 3, true, 3],
      ['main', 1, false, null],
      ['main', 2, true, 2],
    ])
    expect(h.metrics).toEqual({
      changes: 3,
      passedChanges: 2,
      attemptsToPass: { mean: 2.5, median: 2, max: 3 },
      firstAttemptPassRate: 0,
      escalationRate: 0,
    })
    expect(h.recurringFailures.map((f) => [f.kind, f.label, f.runs])).toEqual([
      ['test', 'adds', 4],
      ['finding', 'tests/test-failed at test/sum.test.js', 4],
    ])
    expect(h.files).toEqual([{ path: 'test/sum.test.js', runs: 4 }])

    const text = await runCli(['history', '--branch', 'main'], r.dir)
    expect(text.stdout).toContain('proofgate history of main: 6 runs, 3 changes, 2 passed\n  attempts to pass: mean 2.5, median 2, max 3\n')
    expect(text.stdout).toContain('Recurring failures (3+ runs)\n  4×  test  adds\n')
    const none = await runCli(['history', '--branch', 'other', '--format', 'json'], r.dir)
    expect((JSON.parse(none.stdout) as HistoryReport).runs).toBe(0)
    expect((await runCli(['history', '--since', 'yesterday-ish'], r.dir)).exitCode).toBe(64)
  }, 180_000)
})

describe('proofgate health', () => {
  it('is healthy after a passing run (exit 0 under --strict-warnings) and warns after blocked runs and a skip (exit 2)', async () => {
    const r = scenario()
    const base = r.head()
    r.commit('change', { 'src/sum.js': GOOD.replace('a + b', 'b + a') })
    expect((await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)).exitCode).toBe(0)

    const healthy = await runCli(['health', '--strict-warnings', '--format', 'json'], r.dir)
    expect(healthy.exitCode).toBe(0)
    const good = JSON.parse(healthy.stdout) as HealthReport
    expect(good.healthy).toBe(true)
    expect(good.metrics).toMatchObject({ runs: 1, unfinishedRuns: 0, runIdCoverage: 1, blockedRatio: 0, blockedRatioDrift: null, skipUses: 0 })
    expect(good.metrics.gates).toEqual([{ gate: 'static-analysis', runs: 1, errorRate: 0, inconclusiveRate: 0, skippedRate: 0, passRate: 1 }])

    // Two blocked runs and a PROOFGATE_SKIP push: 2 of 3 blocked, one skip.
    r.write({ 'src/sum.js': 'export function sum(a, b) {\n  const unused = a\n  return a + b\n}\n' })
    expect((await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)).exitCode).toBe(1)
    expect((await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)).exitCode).toBe(1)
    expect((await runCli(['hook', 'pre-push'], r.dir, { PROOFGATE_SKIP: '1' })).exitCode).toBe(0)

    const strict = await runCli(['health', '--strict-warnings', '--format', 'json'], r.dir)
    expect(strict.exitCode).toBe(2)
    const bad = JSON.parse(strict.stdout) as HealthReport
    expect(bad.healthy).toBe(false)
    expect(bad.metrics).toMatchObject({ runs: 3, blockedRatio: 0.667, skipUses: 1 })
    expect(bad.checks.filter((c) => c.status === 'warn').map((c) => [c.id, c.message])).toEqual([
      ['blocked-ratio', 'blocked ratio 66.7% (at most 50%)'],
      ['skip-uses', '1 PROOFGATE_SKIP uses (at most 0)'],
    ])
    // Without --strict-warnings the warnings inform and the exit is 0.
    const informative = await runCli(['health', '--window-hours', '1'], r.dir)
    expect(informative.exitCode).toBe(0)
    expect(informative.stdout).toContain('  ! blocked-ratio      blocked ratio 66.7% (at most 50%)\n')
    expect((await runCli(['health', '--window-hours', '0'], r.dir)).exitCode).toBe(64)

    // The thresholds come from loop.health in .proofgate.yml: a team that tolerates both is healthy.
    r.write({ '.proofgate.yml': 'loop:\n  health: { max-blocked-ratio: 0.7, max-skips: 1, window-hours: 2 }\n' })
    const tolerant = await runCli(['health', '--strict-warnings', '--format', 'json'], r.dir)
    expect(tolerant.exitCode, tolerant.stderr).toBe(0)
    const ok = JSON.parse(tolerant.stdout) as HealthReport
    expect([ok.healthy, ok.window.hours, ok.checks.find((c) => c.id === 'blocked-ratio')!.message]).toEqual([true, 2, 'blocked ratio 66.7% (at most 70%)'])
  }, 120_000)
})
