// Per-rule severity (`rules:` in .proofgate.yml) end to end: the CLI (main, in-process) on real git repositories.
// The config sets a severity or `off`, every report marks it, a range cannot lower a rule that
// judges it (the base's level stands, gate-integrity reports the edit), unknown ids are exit 78.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const VITEST_CONFIG = lines(
  "import { defineConfig } from 'vitest/config'",
  'export default defineConfig({',
  "  test: { include: ['test/**/*.test.ts'] },",
  '})',
)
const SUM = lines('export function sum(a: number, b: number): number {', '  return a + b', '}')
const TEST = (only: boolean): string =>
  lines(
    "import { expect, it } from 'vitest'",
    "import { sum } from '../src/sum.js'",
    '',
    `it${only ? '.only' : ''}('adds', () => {`,
    '  expect(sum(1, 2)).toBe(3)',
    '})',
  )

function project(config: string | undefined): TempRepo {
  const r = makeTempGitRepo({
    files: {
      '.gitignore': '.proofgate/\n',
      'package.json': JSON.stringify({ name: 'calc', private: true, type: 'module', scripts: { test: 'vitest run' } }, null, 2) + '\n',
      'vitest.config.ts': VITEST_CONFIG,
      'src/sum.ts': SUM,
      'test/sum.test.ts': TEST(false),
      ...(config === undefined ? {} : { '.proofgate.yml': config }),
    },
  })
  repos.push(r)
  return r
}

type Finding = JsonReport['findings'][number] & { severitySource?: string; defaultSeverity?: string }
const brief = (report: JsonReport) =>
  (report.findings as Finding[]).map((f) => [
    `${f.gate}/${f.ruleId}`,
    f.severity,
    `${f.path}:${f.startLine}:${f.startColumn}`,
    f.blocking,
    f.severitySource ?? null,
    f.defaultSeverity ?? null,
  ])

describe('rules: per-rule severity', () => {
  it('a severity set in the base config applies, and every report says so', async () => {
    const r = project(lines('rules:', '  mock-integrity/focused-test: low'))
    const base = r.head()
    r.commit('focus', { 'test/sum.test.ts': TEST(true) })
    const json = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'json'], r.dir)
    expect(json.exitCode).toBe(0)
    expect(brief(json.json())).toEqual([['mock-integrity/focused-test', 'low', 'test/sum.test.ts:4:1', false, 'config', 'high']])
    expect(json.json().notes).toContain('severity set in .proofgate.yml: mock-integrity/focused-test low')
    const terminal = await runCli(['run', '--base', base, '--gates', 'mock-integrity'], r.dir)
    expect(terminal.exitCode).toBe(0)
    expect(terminal.stdout).toContain('(severity set in .proofgate.yml; the gate reported high)')
    const sarif = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'sarif'], r.dir)
    const result = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ level: string; properties: Record<string, unknown> }> }> }).runs[0]!
      .results[0]!
    expect([result.level, result.properties['severitySource'], result.properties['defaultSeverity']]).toEqual(['note', 'config', 'high'])
  })

  it("off drops the rule's findings; another rule of the gate still reports", async () => {
    const r = project(lines('rules:', '  mock-integrity/focused-test: off'))
    const base = r.head()
    r.commit('focus', { 'test/sum.test.ts': TEST(true) })
    const result = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'json'], r.dir)
    expect(result.exitCode).toBe(0)
    expect(brief(result.json())).toEqual([])
    expect(result.json().gates.map((g) => [g.id, g.status])).toEqual([['mock-integrity', 'pass']])
  })

  it("a range that turns a rule off runs at the base's level, and gate-integrity reports the edit (critical)", async () => {
    const r = project(undefined)
    const base = r.head()
    r.commit('focus and silence it', { 'test/sum.test.ts': TEST(true), '.proofgate.yml': lines('rules:', '  mock-integrity/focused-test: off') })
    const result = await runCli(['run', '--base', base, '--gates', 'mock-integrity,gate-integrity', '--format', 'json'], r.dir)
    expect(result.exitCode).toBe(1)
    expect(brief(result.json())).toEqual([
      ['gate-integrity/config-weakened', 'critical', '.proofgate.yml:2:3', true, null, null],
      ['mock-integrity/focused-test', 'high', 'test/sum.test.ts:4:1', true, null, null],
    ])
    expect(result.json().findings[0]!.message).toBe(
      'Severity of `mock-integrity/focused-test` turned off (was high), so its findings are dropped in .proofgate.yml.',
    )
    expect(result.json().notes).toContain(
      "rules weakened in this change run at the base commit's level: mock-integrity/focused-test (the range cannot lower a severity that judges it; gate-integrity reports the edit)",
    )
  })

  it('a gate-integrity rule is never lowered by the config', async () => {
    const r = project(lines('rules:', '  gate-integrity/config-weakened: low'))
    const base = r.head()
    r.commit('relax the tests gate', { '.proofgate.yml': lines('rules:', '  gate-integrity/config-weakened: low', 'gates:', '  tests:', '    mode: advisory') })
    const result = await runCli(['run', '--base', base, '--gates', 'gate-integrity', '--format', 'json'], r.dir)
    expect(result.exitCode).toBe(1)
    expect(brief(result.json())).toEqual([['gate-integrity/config-weakened', 'critical', '.proofgate.yml:5:5', true, null, null]])
  })

  it('an unknown rule id is a configuration error at its line and column, with the closest id (exit 78)', async () => {
    const r = project(lines('rules:', '  mock-integrity/focussed-test: low'))
    const result = await runCli(['run', '--gates', 'mock-integrity'], r.dir)
    expect(result.exitCode).toBe(78)
    expect(result.stderr).toContain('.proofgate.yml:2:3')
    expect(result.stderr).toContain('unknown key "mock-integrity/focussed-test" (did you mean "mock-integrity/focused-test"?)')
  })
})
