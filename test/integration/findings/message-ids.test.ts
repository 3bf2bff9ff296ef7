// Rules report by messageId (issue 18.2): the CLI (main, in-process) on a real repository, the JSON report's
// `messageId` and SARIF's `result.properties.messageId` beside the unchanged message text.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

function project(): TempRepo {
  const r = makeTempGitRepo({
    files: {
      'package.json': JSON.stringify({ name: 'shop', private: true, type: 'module' }) + '\n',
      'src/price.js': lines('export function price(net) {', '  return Math.round(net * 1.2)', '}'),
      'test/price.test.js': lines(
        "import { price } from '../src/price.js'",
        "it.only('prices', () => {",
        '  const net = 10',
        '  expect(net).toBe(10)',
        '  expect(price(net)).toBe(12)',
        '  expect(1).toBe(1)',
        '})',
      ),
    },
  })
  repos.push(r)
  return r
}

describe('1. findings carry the messageId their message was formatted from', () => {
  it('the JSON report: mock-integrity and semantic-tests findings, exact ids, spans and messages', async () => {
    const run = await runCli(['scan', '--all', '--gates', 'mock-integrity,semantic-tests', '--format', 'json'], project().dir)
    type Row = { gate: string; ruleId: string; messageId?: string; startLine: number; startColumn: number; endLine: number; endColumn: number; message: string }
    const rows = (run.json().findings as unknown as Row[]).map((f) => [
      f.gate,
      f.ruleId,
      f.messageId,
      f.startLine,
      f.startColumn,
      f.endLine,
      f.endColumn,
      f.message,
    ])
    expect(rows).toEqual([
      ['mock-integrity', 'focused-test', 'focused', 2, 1, 2, 8, "Focused test 'prices' (it.only): every other test in the file is skipped"],
      [
        'semantic-tests',
        'literal-echo',
        'echo',
        4,
        3,
        4,
        23,
        '`expect(net).toBe(10)` asserts a literal the test itself bound to `net`: no code under test produced it',
      ],
      [
        'mock-integrity',
        'tautological-assertion',
        'sameValue',
        6,
        3,
        6,
        20,
        '`expect(1).toBe(1)` compares the same value on both sides: it passes whatever the code does',
      ],
    ])
    expect(run.exitCode).toBe(1)
  })

  it('SARIF: result.properties.messageId, message.text unchanged', async () => {
    const run = await runCli(['scan', '--all', '--gates', 'mock-integrity', '--format', 'sarif'], project().dir)
    const log = JSON.parse(run.stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; message: { text: string; id?: string }; properties: Record<string, unknown> }> }>
    }
    const results = log.runs[0]!.results.map((r) => [r.ruleId, r.properties.messageId, r.message.id, r.message.text.split('\n')[0]])
    expect(results).toEqual([
      ['mock-integrity/focused-test', 'focused', undefined, "Focused test 'prices' (it.only): every other test in the file is skipped"],
      [
        'mock-integrity/tautological-assertion',
        'sameValue',
        undefined,
        '`expect(1).toBe(1)` compares the same value on both sides: it passes whatever the code does',
      ],
    ])
    expect(run.exitCode).toBe(1)
  })
})
