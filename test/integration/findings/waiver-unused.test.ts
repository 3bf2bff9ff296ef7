// waiver-unused only for waivers whose finding the run could have reported: not when the diff
// filter left the finding out, nor when the gate that reports it did not run. Built CLI, real repo.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => repos.forEach((r) => r.cleanup()))

const LEGACY = "import { expect, it } from 'vitest'\nimport { add } from '../src/sum.js'\n\nit.skip('adds later', () => {\n  expect(add(1, 2)).toBe(3)\n})\n"

const WAIVERS = `waivers:
  - rule: mock-integrity/skipped-test
    path: test/legacy.test.js
    reason: the legacy suite is skipped until the port
    proof: out-of-scope
  - rule: test-mutation/expected-value-changed
    path: test/**
    reason: expected values follow the spec change
    proof: reviewer-misread
  - rule: mock-integrity/focused-test
    path: test/**
    reason: nothing is focused any more
    proof: out-of-scope
`

describe('waiver-unused', () => {
  it('is not reported for a finding the diff filter left out or a gate that did not run; still for a waiver nothing matched', async () => {
    const repo = makeTempGitRepo({
      files: {
        'package.json': '{ "name": "demo", "type": "module", "scripts": { "test": "vitest run" } }\n',
        'src/sum.js': 'export function add(a, b) {\n  return a + b\n}\n',
        'test/legacy.test.js': LEGACY,
        '.proofgate/waivers.yml': WAIVERS,
      },
    })
    repos.push(repo)
    // The change touches the legacy test file away from its skipped test (line 4, outside the added filter).
    repo.write({ 'test/legacy.test.js': `// ported suite follows\n${LEGACY}` })
    const r = await runCli(['run', '--gates', 'mock-integrity', '--format', 'json'], repo.dir)
    const report = r.json()
    expect(report.gates.map((g) => [g.id, g.status, g.filteredOut])).toEqual([['mock-integrity', 'pass', 1]])
    // Line 2 is the skipped-test waiver (its finding is outside the filter), line 6 test-mutation's (the gate is off under --gates).
    expect(report.findings.map((f) => [f.gate, f.ruleId, f.severity, f.path, f.startLine, f.blocking])).toEqual([
      ['proofgate', 'waiver-unused', 'low', '.proofgate/waivers.yml', 10, false],
    ])
    expect([report.verdict, r.exitCode]).toEqual(['pass', 0])
  })
})
