// More declarations of a behaviour change for test-mutation (the fitted-expectation findings drop
// to medium): a Conventional Commits subject with `!`, and a `.changeset/*.md` added in the range
// that names the package of the changed files. The built CLI on real git repositories.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const PACKAGE_JSON = JSON.stringify({ name: '@acme/calc', type: 'module' }, null, 2) + '\n'
const PRICE = lines('export function price(net, rate) {', '  return Math.round(net * (1 + rate))', '}', '')
const PRICE_TEST = lines(
  "import { describe, expect, it } from 'vitest'",
  "import { price } from '../src/price.js'",
  '',
  "describe('price', () => {",
  "  it('rounds', () => {",
  '    expect(price(10, 0.15)).toBe(12)',
  '  })',
  '})',
)
const FITTED = { 'src/price.js': PRICE.replace('Math.round', 'Math.floor'), 'test/price.test.js': PRICE_TEST.replace('toBe(12)', 'toBe(11)') }

function project(): { r: TempRepo; base: string } {
  const r = makeTempGitRepo({ files: { '.gitignore': '.proofgate/\n', 'package.json': PACKAGE_JSON, 'src/price.js': PRICE, 'test/price.test.js': PRICE_TEST } })
  repos.push(r)
  return { r, base: r.head() }
}

async function check(r: TempRepo, base: string): Promise<{ exitCode: number | null; report: JsonReport; rows: Array<[string, string, string, boolean]> }> {
  const run = await runCli(['run', '--base', base, '--gates', 'test-mutation', '--format', 'json'], r.dir)
  const report = run.json()
  return {
    exitCode: run.exitCode,
    report,
    rows: report.findings.map((f) => [f.ruleId, f.severity, `${f.path}:${f.startLine ?? ''}:${f.startColumn ?? ''}`, f.blocking]),
  }
}

describe('declared behaviour changes', () => {
  it.each(['feat!: prices round down', 'fix(price)!: prices round down'])(
    'a Conventional Commits subject with ! (%s): medium, with the subject shown',
    async (subject) => {
      const { r, base } = project()
      r.commit(subject, FITTED)
      const { exitCode, rows, report } = await check(r, base)
      expect(rows).toEqual([['expected-value-changed', 'medium', 'test/price.test.js:6:5', false]])
      expect(report.findings[0]!.message).toMatch(
        new RegExp(`declared behaviour change: breaking change: ${subject.replace(/[()!]/g, '\\$&')} \\([0-9a-f]{7}\\)$`),
      )
      expect(exitCode).toBe(0)
    },
  )

  it('a subject without ! is not a declaration: high, blocks', async () => {
    const { r, base } = project()
    r.commit('feat: prices round down', FITTED)
    const { exitCode, rows } = await check(r, base)
    expect(rows).toEqual([['expected-value-changed', 'high', 'test/price.test.js:6:5', true]])
    expect(exitCode).toBe(1)
  })

  it('a changeset added in the range that names the package: medium, the changeset in the message and the summary', async () => {
    const { r, base } = project()
    r.commit('Round prices down', { ...FITTED, '.changeset/round-down.md': lines('---', '"@acme/calc": major', '---', '', 'Prices are rounded down now.') })
    const { exitCode, rows, report } = await check(r, base)
    expect(rows).toEqual([['expected-value-changed', 'medium', 'test/price.test.js:6:5', false]])
    expect(report.findings[0]!.message).toContain('declared behaviour change: changeset .changeset/round-down.md (@acme/calc): Prices are rounded down now.')
    expect(report.gates[0]!.summary).toContain('; behaviour change declared by .changeset/round-down.md')
    expect(exitCode).toBe(0)
  })

  it('a changeset for another package, or one already in the base, declares nothing: high, blocks', async () => {
    const { r, base } = project()
    r.commit('Round prices down', { ...FITTED, '.changeset/other.md': lines('---', "'@acme/other': minor", '---', '', 'Another package.') })
    expect((await check(r, base)).rows).toEqual([['expected-value-changed', 'high', 'test/price.test.js:6:5', true]])

    const second = project()
    second.r.commit('An old changeset', { '.changeset/old.md': lines('---', '"@acme/calc": patch', '---', '', 'Old.') })
    const start = second.r.head()
    second.r.commit('Round prices down', FITTED)
    const { exitCode, rows } = await check(second.r, start)
    expect(rows).toEqual([['expected-value-changed', 'high', 'test/price.test.js:6:5', true]])
    expect(exitCode).toBe(1)
  })

  it('an entry added to a hand-written changelog that covers the files (History.md, CHANGELOG.md): medium, the entry in the message', async () => {
    const { r, base } = project()
    r.commit('An old history', { 'History.md': lines('unreleased', '==========', '', '* Old entry', '') })
    const start = r.head()
    r.commit('Round prices down', { ...FITTED, 'History.md': lines('unreleased', '==========', '', '* Round prices down, not to nearest', '* Old entry', '') })
    const { exitCode, rows, report } = await check(r, start)
    expect(rows).toEqual([['expected-value-changed', 'medium', 'test/price.test.js:6:5', false]])
    expect(report.findings[0]!.message).toContain('declared behaviour change: changelog History.md: Round prices down, not to nearest')
    expect(report.gates[0]!.summary).toContain('; behaviour change declared by History.md')
    expect(exitCode).toBe(0)
    expect(base).not.toBe(start)
  })

  it('a changelog that gains only a version heading, or that covers another package, declares nothing: high, blocks', async () => {
    const { r, base } = project()
    r.commit('Round prices down', { ...FITTED, 'CHANGELOG.md': lines('# Changelog', '', '## [1.2.0] - 2026-12-03', '') })
    expect((await check(r, base)).rows).toEqual([['expected-value-changed', 'high', 'test/price.test.js:6:5', true]])

    const second = project()
    second.r.commit('Round prices down', { ...FITTED, 'packages/other/CHANGELOG.md': lines('# Changelog', '', '- Other package rounds down.', '') })
    const { exitCode, rows } = await check(second.r, second.base)
    expect(rows).toEqual([['expected-value-changed', 'high', 'test/price.test.js:6:5', true]])
    expect(exitCode).toBe(1)
  })
})
