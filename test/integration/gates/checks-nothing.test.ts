// A value named with no matcher checks nothing (`expect(x)`, `should(x)`, `x.should`, `chai.expect(x)`
// alone): mock-integrity counts no assertion in it, and test-mutation reads an assertion cut down to
// one as deleted. The CLI (main, in-process) on real git repositories, exact findings.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const PACKAGE_JSON = JSON.stringify({ name: 'shop', private: true, type: 'module' }, null, 2) + '\n'
const PRICE = lines('export function price(net) {', '  return Math.round(net * 1.2)', '}')
const HEAD = ["import { expect as chaiExpect } from 'chai'", "import should from 'should'", "import { price } from '../src/price.js'"]

function project(test: string): TempRepo {
  const r = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, 'src/price.js': PRICE, 'test/price.test.js': test } })
  repos.push(r)
  return r
}

type Row = [string, string, string, string, boolean]
const rowsOf = (findings: Array<{ gate: string; ruleId: string; severity: string; path?: string; startLine?: number; blocking: boolean }>): Row[] =>
  findings.map((f) => [f.gate, f.ruleId, f.severity, `${f.path}:${f.startLine ?? ''}`, f.blocking])

describe('a value named with no matcher is no assertion', () => {
  it('mock-integrity: a test of only such calls asserts nothing', async () => {
    const r = project(
      lines(
        ...HEAD,
        "test('prices', () => {",
        '  expect(price(10))',
        '  should(price(10))',
        '  price(10).should',
        '  chaiExpect(price(10)).to.be',
        '})',
        "test('names a constant', () => {",
        '  const net = 10',
        '  expect(net)',
        '})',
      ),
    )
    const run = await runCli(['scan', '--all', '--gates', 'mock-integrity', '--format', 'json'], r.dir)
    expect({ exitCode: run.exitCode, rows: rowsOf(run.json().findings) }).toEqual({
      exitCode: 1,
      rows: [
        ['mock-integrity', 'no-assertions', 'high', 'test/price.test.js:10', true],
        ['mock-integrity', 'implicit-assertion', 'medium', 'test/price.test.js:4', false],
      ],
    })
  })

  it('test-mutation: an assertion cut down to `expect(x)` lost its check', async () => {
    const r = project(lines(...HEAD, "test('prices', () => {", '  expect(price(10)).toBe(12)', '})'))
    const base = r.head()
    r.commit('Change', {
      'src/price.js': PRICE.replace('1.2', '1.25'),
      'test/price.test.js': lines(...HEAD, "test('prices', () => {", '  expect(price(10))', '})'),
    })
    const run = await runCli(['run', '--base', base, '--gates', 'test-mutation', '--format', 'json'], r.dir)
    expect({ exitCode: run.exitCode, rows: rowsOf(run.json().findings) }).toEqual({
      exitCode: 1,
      rows: [['test-mutation', 'assertion-deleted', 'high', 'test/price.test.js:4', true]],
    })
  })
})
