// test-mutation reports by messageId (issue 18.2): the CLI (in-process) on a real repository
// whose range weakens an assertion, drops another, skips a test and rewrites a snapshot, all
// while the implementation changed. The JSON report carries each finding's messageId beside the
// unchanged message text.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const SNAP = (value: string): string => lines('// Vitest Snapshot v1', '', 'exports[`prices 1`] = `' + value + '`;')

describe('test-mutation findings carry the messageId their message was formatted from', () => {
  it('weakerMatcher, assertionsLost, disabled and file: exact rule, messageId, line and message', async () => {
    const r = makeTempGitRepo({
      files: {
        'package.json': JSON.stringify({ name: 'shop', private: true, type: 'module' }) + '\n',
        'src/price.js': lines('export function price(net) {', '  return Math.round(net * 1.2)', '}'),
        'test/price.test.js': lines(
          "import { price } from '../src/price.js'",
          "it('prices', () => {",
          '  expect(price(10)).toBe(12)',
          '})',
          "it('rounds', () => {",
          '  expect(price(1)).toBe(1)',
          '  expect(price(2)).toBe(2)',
          '})',
          "it('is positive', () => {",
          '  expect(price(5) > 0).toBe(true)',
          '})',
        ),
        'test/__snapshots__/price.test.js.snap': SNAP('12'),
      },
    })
    repos.push(r)
    const start = r.head()
    r.commit('Change', {
      'src/price.js': lines('export function price(net) {', '  return Math.floor(net * 1.2)', '}'),
      'test/price.test.js': lines(
        "import { price } from '../src/price.js'",
        "it('prices', () => {",
        '  expect(price(10)).toBeDefined()',
        '})',
        "it('rounds', () => {",
        '  expect(price(1)).toBe(1)',
        '})',
        "it.skip('is positive', () => {",
        '  expect(price(5) > 0).toBe(true)',
        '})',
      ),
      'test/__snapshots__/price.test.js.snap': SNAP('11'),
    })
    const run = await runCli(['run', '--base', start, '--gates', 'test-mutation', '--format', 'json'], r.dir)
    type Row = { ruleId: string; messageId?: string; startLine?: number; message: string }
    const rows = (run.json().findings as unknown as Row[]).map((f) => [f.ruleId, f.messageId, f.startLine, f.message])
    expect(rows).toEqual([
      [
        'assertion-weakened',
        'weakerMatcher',
        3,
        "In 'prices', `toBe` (an exact value) became `toBeDefined` (existence or truthiness) while src/price.js changed: `expect(price(10)).toBeDefined()`",
      ],
      ['assertion-deleted', 'assertionsLost', 5, "'rounds' lost 1 assertion while src/price.js changed: `expect(price(2)).toBe(2)`"],
      ['test-disabled', 'disabled', 8, "Test 'is positive' was disabled in the range (skip)"],
      ['snapshot-rewritten', 'file', 3, '1 snapshot rewritten (`prices 1`) while src/price.js changed'],
    ])
    expect(run.exitCode).toBe(1)
  })
})
