// A gate's status follows the verdict's rule (--fail-on), end to end through the CLI (main, in-process) on a
// real repository: a skipped test is a medium mock-integrity finding.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => repos.forEach((r) => r.cleanup()))

const SUM_TEST = "import { expect, it } from 'vitest'\nimport { add } from '../src/sum.js'\n\nit('adds', () => {\n  expect(add(1, 2)).toBe(3)\n})\n"

/** A committed base, and a work tree that adds a skipped test (mock-integrity `skipped-test`, medium, line 8). */
function repoWithSkippedTest(config = ''): TempRepo {
  const repo = makeTempGitRepo({
    files: {
      'package.json': '{ "name": "demo", "type": "module", "scripts": { "test": "vitest run" } }\n',
      'src/sum.js': 'export function add(a, b) {\n  return a + b\n}\n',
      'test/sum.test.js': SUM_TEST,
      ...(config === '' ? {} : { '.proofgate.yml': config }),
    },
  })
  repos.push(repo)
  repo.write({ 'test/sum.test.js': `${SUM_TEST}\nit.skip('adds negatives', () => {\n  expect(add(-1, -2)).toBe(-3)\n})\n` })
  return repo
}

async function run(repo: TempRepo, ...args: string[]) {
  const r = await runCli(['run', '--gates', 'mock-integrity', '--format', 'json', ...args], repo.dir)
  const report = r.json()
  return {
    exitCode: r.exitCode,
    verdict: report.verdict,
    gate: report.gates.find((g) => g.id === 'mock-integrity'),
    findings: report.findings.filter((f) => f.gate === 'mock-integrity').map((f) => [f.ruleId, f.severity, f.path, f.startLine, f.blocking]),
  }
}

describe('gate status', () => {
  it('passes a gate whose only finding is a medium warning under the default fail-on (high)', async () => {
    const r = await run(repoWithSkippedTest())
    expect(r.findings).toEqual([['skipped-test', 'medium', 'test/sum.test.js', 8, false]])
    expect(r.gate).toMatchObject({ status: 'pass', counts: { critical: 0, high: 0, medium: 1, low: 0, info: 0 } })
    expect([r.verdict, r.exitCode]).toEqual(['warn', 0])
  })

  it('fails the gate that blocks under --fail-on low (a finding set to low in the config)', async () => {
    const r = await run(repoWithSkippedTest('rules:\n  mock-integrity/skipped-test: low\n'), '--fail-on', 'low')
    expect(r.findings).toEqual([['skipped-test', 'low', 'test/sum.test.js', 8, true]])
    expect(r.gate).toMatchObject({ status: 'fail', counts: { critical: 0, high: 0, medium: 0, low: 1, info: 0 } })
    expect([r.verdict, r.exitCode]).toEqual(['blocked', 1])
  })

  it('fails a gate with a medium finding under --fail-on medium', async () => {
    const r = await run(repoWithSkippedTest(), '--fail-on', 'medium')
    expect(r.findings).toEqual([['skipped-test', 'medium', 'test/sum.test.js', 8, true]])
    expect(r.gate).toMatchObject({ status: 'fail' })
    expect([r.verdict, r.exitCode]).toEqual(['blocked', 1])
  })
})
