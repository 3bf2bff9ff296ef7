// The engine's own rules report by messageId too (issue 18.2): waiver-expired and waiver-unused
// through the CLI (main, in-process) on a real repository, messages as before.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => repos.forEach((r) => r.cleanup()))

const WAIVERS = `waivers:
  - rule: mock-integrity/focused-test
    path: test/**
    reason: nothing is focused any more
    proof: out-of-scope
  - rule: mock-integrity/skipped-test
    path: test/**
    reason: ported long ago
    proof: out-of-scope
    expires: 2020-01-01
`

describe('3. engine rules carry messageIds', () => {
  it('waiver-expired (expired) and waiver-unused (unused) in the JSON report', async () => {
    const repo = makeTempGitRepo({
      files: {
        'package.json': '{ "name": "demo", "type": "module" }\n',
        'src/sum.js': 'export function add(a, b) {\n  return a + b\n}\n',
        'test/sum.test.js': "import { add } from '../src/sum.js'\nit('adds', () => {\n  expect(add(1, 2)).toBe(3)\n})\n",
        '.proofgate/waivers.yml': WAIVERS,
      },
    })
    repos.push(repo)
    const r = await runCli(['scan', '--all', '--gates', 'mock-integrity', '--format', 'json'], repo.dir)
    type Row = { gate: string; ruleId: string; messageId?: string; startLine?: number; message: string }
    expect((r.json().findings as unknown as Row[]).map((f) => [f.gate, f.ruleId, f.messageId, f.startLine, f.message])).toEqual([
      ['proofgate', 'waiver-unused', 'unused', 2, 'Waiver for rule mock-integrity/focused-test on test/** matched no finding in this run.'],
      ['proofgate', 'waiver-expired', 'expired', 6, 'Waiver for rule mock-integrity/skipped-test on test/** expired on 2020-01-01; it no longer applies.'],
    ])
    expect(r.exitCode).toBe(0)
  })
})
