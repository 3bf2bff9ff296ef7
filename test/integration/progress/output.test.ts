// Output a person can scan, through the real CLI on a real temp repository: the count summary
// above 20 findings, --max-findings, and --verbose's decision lines.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

afterAll(removeTempDirs)

/** A test file with `n` tautologies (`assert.equal(1, 1)`, one per test) and one focused test. */
function tautologies(n: number): string {
  const tests = Array.from({ length: n }, (_, i) => `it('case ${i + 1}', () => {\n  add(1, 1)\n  assert.equal(1, 1)\n})\n`)
  return [
    "import { it } from 'node:test'",
    "import assert from 'node:assert/strict'",
    "import { add } from '../src/add.js'",
    '',
    ...tests,
    "it.only('focused', () => {\n  assert.equal(add(1, 2), 3)\n})\n",
  ].join('\n')
}

function repoWith(n: number): { repo: TempRepo; base: string } {
  const repo = makeTempGitRepo({
    files: {
      'package.json': '{ "name": "many", "private": true, "type": "module", "scripts": { "test": "node --test" } }\n',
      'src/add.js': 'export function add(a, b) {\n  return a + b\n}\n',
    },
  })
  const base = repo.head()
  repo.commit('tests', { 'test/add.test.js': tautologies(n) })
  return { repo, base }
}

describe('the terminal report of many findings', () => {
  it('opens with a count per gate and rule above 20 findings', async () => {
    const { repo, base } = repoWith(21)
    const r = await runCli(['run', '--base', base, '--gates', 'mock-integrity'], repo.dir)
    expect(r.exitCode, r.stderr).toBe(1)
    const lines = r.stdout.split('\n')
    const at = lines.indexOf('SUMMARY (22 findings by gate and rule)')
    expect(at).toBe(2)
    expect(lines.slice(at, at + 3)).toEqual(['SUMMARY (22 findings by gate and rule)', '  mock-integrity  22  tautological-assertion 21 · focused-test 1', ''])
    expect(lines[at + 3]).toBe('HIGH (22)')
  })

  it('prints no summary at 20 findings or fewer', async () => {
    const { repo, base } = repoWith(19)
    const r = await runCli(['run', '--base', base, '--gates', 'mock-integrity'], repo.dir)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).not.toContain('SUMMARY')
    expect(r.stdout).toContain('\nHIGH (20)\n')
  })

  it('--max-findings N prints N findings, then how many more', async () => {
    const { repo, base } = repoWith(21)
    const r = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--max-findings', '5'], repo.dir)
    expect(r.exitCode, r.stderr).toBe(1)
    const printed = r.stdout.split('\n').filter((l) => / {2}high {2}(tautological-assertion|focused-test) /.test(l))
    expect(printed).toHaveLength(5)
    expect(r.stdout).toContain('\n… and 17 more, see --format json\n')
    // The heading and the verdict still count every finding.
    expect(r.stdout).toContain('\nHIGH (22)\n')
    expect(r.stdout).toMatch(/\nBLOCKED · 22 high · 22 blocking · exit 1 · /)
  })

  it('rejects a --max-findings that is not a positive whole number', async () => {
    const { repo, base } = repoWith(1)
    const r = await runCli(['run', '--base', base, '--max-findings', '0'], repo.dir)
    expect(r.exitCode).toBe(64)
    expect(r.stderr).toContain("Invalid --max-findings '0': expected a positive whole number.")
  })
})

describe('--verbose', () => {
  it("prints each gate's decisions: test files found and how, pairings, what was linted and skipped, the runner command", async () => {
    const { repo, base } = repoWith(1)
    repo.commit('change', { 'src/add.js': 'export function add(a, b) {\n  return b + a\n}\n' })
    const r = await runCli(['run', '--base', base, '--gates', 'mock-integrity,test-mutation,static-analysis,tests', '--verbose'], repo.dir)
    const lines = r.stderr.split('\n')
    expect(lines).toContain('proofgate: [mock-integrity] test files found by convention (no runner config names them): 1 in the repository')
    expect(lines).toContain('proofgate: [mock-integrity] checking 1 test file (test/add.test.js)')
    expect(lines).toContain('proofgate: [test-mutation] changed: 1 test file(s), 0 snapshot(s), 1 implementation file(s)')
    expect(lines).toContain('proofgate: [test-mutation] pairing: test/add.test.js → src/add.js')
    expect(lines).toContain('proofgate: [static-analysis] linting 2 changed JS/TS file(s): src/add.js, test/add.test.js')
    expect(lines).toContain('proofgate: [static-analysis] tsc: skipped: no tsconfig.json in this repository')
    expect(lines).toContain('proofgate: [tests] tests: runner node (from test script)')
    expect(lines.some((l) => l.startsWith('proofgate: [tests] tests: running ') && l.includes(' --test '))).toBe(true)
  })
})
