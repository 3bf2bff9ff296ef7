// The test-mutation gate end to end: the CLI (main, in-process) on real git repositories with real commits,
// one scenario per kind of change (honest and fitted), asserting exact findings and exit codes.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const PACKAGE_JSON = JSON.stringify({ name: 'calc', private: true, type: 'module' }, null, 2) + '\n'
const PRICE = lines('export function price(net, rate) {', '  return Math.round(net * (1 + rate))', '}', '')
const PRICE_TEST = lines(
  "import { describe, expect, it } from 'vitest'",
  "import { price } from '../src/price.js'",
  '',
  "describe('price', () => {",
  "  it('adds the tax', () => {",
  '    expect(price(100, 0.2)).toBe(120)',
  '  })',
  "  it('rounds', () => {",
  '    expect(price(10, 0.15)).toBe(12)',
  '    expect(price(0, 0.2)).toBe(0)',
  '  })',
  '})',
)

/** A repository with src/price.js and its test, and the base commit of the scenario. */
function project(): { r: TempRepo; base: string } {
  const r = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, 'src/price.js': PRICE, 'test/price.test.js': PRICE_TEST } })
  repos.push(r)
  return { r, base: r.head() }
}

async function check(
  r: TempRepo,
  base: string,
  extra: string[] = [],
): Promise<{ exitCode: number | null; report: JsonReport; rows: Array<[string, string, string, boolean]> }> {
  const run = await runCli(['run', '--base', base, '--gates', 'test-mutation', '--format', 'json', ...extra], r.dir)
  const report = run.json()
  return { exitCode: run.exitCode, report, rows: report.findings.map((f) => [f.ruleId, f.severity, `${f.path}:${f.startLine ?? ''}`, f.blocking]) }
}

const fitted = (from: string, to: string): string => PRICE_TEST.replace(from, to)
const CHANGED_PRICE = PRICE.replace('Math.round', 'Math.floor')

describe('honest work is not reported', () => {
  it('a rename of the function, its file and the test titles', async () => {
    const { r, base } = project()
    r.git('mv', 'src/price.js', 'src/gross.js')
    r.git('mv', 'test/price.test.js', 'test/gross.test.js')
    r.commit('Rename price to gross', {
      'src/gross.js': PRICE.replace('function price', 'function gross'),
      'test/gross.test.js': PRICE_TEST.replaceAll('price', 'gross').replace("'adds the tax'", "'adds the VAT'"),
    })
    const { exitCode, rows, report } = await check(r, base)
    expect(rows).toEqual([])
    expect(exitCode).toBe(0)
    expect(report.gates[0]).toMatchObject({ id: 'test-mutation', status: 'pass' })
  })

  it('a pure addition of tests', async () => {
    const { r, base } = project()
    r.commit('More tests', {
      'test/price.test.js': PRICE_TEST.replace('})\n$', "  it('handles zero tax', () => {\n    expect(price(100, 0)).toBe(100)\n  })\n})\n"),
    })
    const { exitCode, rows } = await check(r, base)
    expect(rows).toEqual([])
    expect(exitCode).toBe(0)
  })

  it('a new feature with new tests, existing tests untouched', async () => {
    const { r, base } = project()
    r.commit('Add discount', {
      'src/price.js': PRICE + lines('export function discount(net, pct) {', '  return net - (net * pct) / 100', '}'),
      'test/discount.test.js': lines(
        "import { expect, it } from 'vitest'",
        "import { discount } from '../src/price.js'",
        "it('takes a percentage off', () => {",
        '  expect(discount(200, 10)).toBe(180)',
        '})',
      ),
    })
    const { exitCode, rows } = await check(r, base)
    expect(rows).toEqual([])
    expect(exitCode).toBe(0)
  })

  it('a test file moved into __tests__, with its import adjusted', async () => {
    const { r, base } = project()
    r.git('rm', '-q', 'test/price.test.js')
    r.commit('Colocate tests', { 'src/__tests__/price.test.js': PRICE_TEST.replace("'../src/price.js'", "'../price.js'") })
    const { exitCode, rows } = await check(r, base)
    expect(rows).toEqual([])
    expect(exitCode).toBe(0)
  })

  it('an example project deleted whole, its tests importing the package by name (commander "Remove jest esm examples")', async () => {
    const { r } = project()
    r.commit('Example', {
      'examples/jest/package.json': '{ "name": "example", "private": true }\n',
      'examples/jest/index.spec.cjs': lines(
        "const { Command } = require('commander')",
        "test('names', () => {",
        "  expect(new Command().name('x').name()).toBe('x')",
        '})',
      ),
    })
    const base = r.head()
    r.git('rm', '-q', '-r', 'examples/jest')
    r.commit('Remove the jest example')
    const { exitCode, rows } = await check(r, base)
    expect(rows).toEqual([])
    expect(exitCode).toBe(0)
  })
})

describe('fitting is reported', () => {
  it('a single changed value alongside the implementation change blocks', async () => {
    const { r, base } = project()
    r.commit('Round down', { 'src/price.js': CHANGED_PRICE, 'test/price.test.js': fitted('toBe(12)', 'toBe(11)') })
    const { exitCode, rows, report } = await check(r, base)
    expect(rows).toEqual([['expected-value-changed', 'high', 'test/price.test.js:9', true]])
    expect(report.findings[0]!.message).toBe("Expected value in 'rounds' changed from `12` to `11` while src/price.js changed")
    expect(exitCode).toBe(1)
  })

  it('fitting split across two commits (code first, test later) blocks', async () => {
    const { r, base } = project()
    r.commit('Round down', { 'src/price.js': CHANGED_PRICE })
    r.commit('Fix test', { 'test/price.test.js': fitted('toBe(12)', 'toBe(11)') })
    const { exitCode, rows } = await check(r, base)
    expect(rows).toEqual([['expected-value-changed', 'high', 'test/price.test.js:9', true]])
    expect(exitCode).toBe(1)
  })

  it('uncommitted fitting in the working tree blocks', async () => {
    const { r, base } = project()
    r.commit('Round down', { 'src/price.js': CHANGED_PRICE })
    r.write({ 'test/price.test.js': fitted('toBe(12)', 'toBeGreaterThan(10)') })
    const { exitCode, rows } = await check(r, base)
    expect(rows).toEqual([['assertion-weakened', 'high', 'test/price.test.js:9', true]])
    expect(exitCode).toBe(1)
  })

  it('a test-only fix (no implementation change) is medium and does not block', async () => {
    const { r, base } = project()
    r.commit('Fix the expected value', { 'test/price.test.js': fitted('toBe(120)', 'toBe(121)') })
    const { exitCode, rows, report } = await check(r, base)
    expect(rows).toEqual([['expected-value-changed', 'medium', 'test/price.test.js:6', false]])
    expect(report.findings[0]!.message).toBe(
      "Expected value in 'adds the tax' changed from `120` to `121` while no implementation changed in the range (a test-only fix)",
    )
    expect(exitCode).toBe(0)
    expect(report.verdict).toBe('warn')
  })

  it('a declared behaviour change drops to medium and shows the reason', async () => {
    const { r, base } = project()
    r.commit('Round down\n\nBehavior-Change: prices are truncated now, see #12', {
      'src/price.js': CHANGED_PRICE,
      'test/price.test.js': fitted('toBe(12)', 'toBe(11)'),
    })
    const { exitCode, rows, report } = await check(r, base)
    expect(rows).toEqual([['expected-value-changed', 'medium', 'test/price.test.js:9', false]])
    expect(report.findings[0]!.message).toMatch(/declared behaviour change: prices are truncated now, see #12 \([0-9a-f]{7}\)$/)
    expect(exitCode).toBe(0)
  })

  it('a deleted assertion, a skipped test and a rewritten snapshot, with the code changed', async () => {
    const { r } = project()
    r.commit('Snapshot', {
      'test/price.test.js': PRICE_TEST.replace('})\n$', "  it('formats', () => {\n    expect(String(price(5, 0))).toMatchSnapshot()\n  })\n})\n"),
      'test/__snapshots__/price.test.js.snap': '// Vitest Snapshot v1\n\nexports[`price > formats 1`] = `"5"`;\n',
    })
    const start = r.head()
    r.commit('Round down', {
      'src/price.js': CHANGED_PRICE,
      'test/price.test.js': PRICE_TEST.replace('    expect(price(0, 0.2)).toBe(0)\n', '')
        .replace("it('adds the tax'", "it.skip('adds the tax'")
        .replace('})\n$', "  it('formats', () => {\n    expect(String(price(5, 0))).toMatchSnapshot()\n  })\n})\n"),
      'test/__snapshots__/price.test.js.snap': '// Vitest Snapshot v1\n\nexports[`price > formats 1`] = `"4"`;\n',
    })
    const { exitCode, rows } = await check(r, start)
    expect(rows).toEqual([
      ['test-disabled', 'high', 'test/price.test.js:5', true],
      ['assertion-deleted', 'high', 'test/price.test.js:8', true],
      ['snapshot-rewritten', 'medium', 'test/__snapshots__/price.test.js.snap:3', false],
    ])
    expect(exitCode).toBe(1)
  })

  it('pairs a test with code it reaches through a workspace package re-export', async () => {
    const r = makeTempGitRepo({
      files: {
        'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
        'packages/money/package.json': JSON.stringify({ name: '@acme/money', type: 'module', main: 'src/index.js' }),
        'packages/money/src/index.js': "export { price } from './tax/price.js'\n",
        'packages/money/src/tax/price.js': PRICE,
        'apps/shop/test/cart.test.js': lines(
          "import { expect, it } from 'vitest'",
          "import { price } from '@acme/money'",
          "it('prices a cart', () => {",
          '  expect(price(10, 0.15)).toBe(12)',
          '})',
        ),
      },
    })
    repos.push(r)
    const base = r.head()
    r.commit('Round down', {
      'packages/money/src/tax/price.js': CHANGED_PRICE,
      'apps/shop/test/cart.test.js': lines(
        "import { expect, it } from 'vitest'",
        "import { price } from '@acme/money'",
        "it('prices a cart', () => {",
        '  expect(price(10, 0.15)).toBe(11)',
        '})',
      ),
    })
    const { exitCode, rows, report } = await check(r, base)
    expect(rows).toEqual([['expected-value-changed', 'high', 'apps/shop/test/cart.test.js:4', true]])
    expect(report.findings[0]!.message).toContain('while packages/money/src/tax/price.js changed')
    expect(exitCode).toBe(1)
  })

  it('is skipped, visibly, when no test file changed', async () => {
    const { r, base } = project()
    r.commit('Round down', { 'src/price.js': CHANGED_PRICE })
    const { exitCode, report } = await check(r, base)
    expect(report.gates[0]).toMatchObject({ id: 'test-mutation', status: 'skipped', reason: 'no test file or snapshot changed in the range' })
    expect(exitCode).toBe(0)
  })
})
