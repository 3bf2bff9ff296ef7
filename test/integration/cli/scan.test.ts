// The test-integrity gates end to end: the CLI (main, in-process) on real git repositories, `proofgate run` on
// a change set and `proofgate scan --all` over every test file, asserting exact JSON findings.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, spawnCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const PACKAGE_JSON = JSON.stringify({ name: 'calc', private: true, type: 'module' }, null, 2) + '\n'
const VITEST_CONFIG =
  "import { defineConfig } from 'vitest/config'\nexport default defineConfig({ test: { include: ['test/**/*.test.js'], setupFiles: ['test/setup.js'] } })\n"
const SUM = 'export function sum(a, b) {\n  return a + b\n}\n'
const GOOD_TEST = "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit('adds', () => {\n  expect(sum(1, 2)).toBe(3)\n})\n"

function project(files: Record<string, string> = {}): TempRepo {
  const r = makeTempGitRepo({
    files: {
      'package.json': PACKAGE_JSON,
      'vitest.config.js': VITEST_CONFIG,
      'src/sum.js': SUM,
      'test/sum.test.js': GOOD_TEST,
      'test/setup.js': '// nothing to set up\n',
      ...files,
    },
  })
  repos.push(r)
  return r
}

const brief = (findings: Array<{ gate: string; ruleId: string; severity: string; path?: string; startLine?: number; blocking: boolean }>) =>
  findings.map((f) => [f.gate, f.ruleId, f.severity, `${f.path}:${f.startLine}`, f.blocking])

describe('proofgate run with the test-integrity gates', () => {
  const r = project({ 'test/legacy.test.js': "import { it } from 'vitest'\nimport { sum } from '../src/sum.js'\nit('legacy', () => { sum(1, 1) })\n" })
  const base = r.head()
  r.commit('agent work', {
    'test/new.test.js': [
      "import { expect, it } from 'vitest'",
      "import { sum } from '../src/sum.js'",
      '',
      "it('is true', () => {",
      '  expect(true).toBe(true)',
      '})',
      "it('echoes', () => {",
      "  const result = 'three'",
      "  expect(result).toBe('three')",
      '})',
      "it('runs', () => {",
      '  sum(1, 2)',
      '})',
      '',
    ].join('\n'),
  })

  it('blocks a planted tautology; a test that only runs the code is an implicit assertion and the advisory literal echo do not block (dist/cli.js)', () => {
    // The smoke test of `scan` across the process boundary.
    const run = spawnCli(['run', '--base', base, '--gates', 'mock-integrity,semantic-tests', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(1)
    const report = run.json()
    expect(report.verdict).toBe('blocked')
    expect(brief(report.findings)).toEqual([
      ['mock-integrity', 'tautological-assertion', 'high', 'test/new.test.js:5', true],
      ['semantic-tests', 'literal-echo', 'high', 'test/new.test.js:9', false],
      ['mock-integrity', 'implicit-assertion', 'medium', 'test/new.test.js:11', false],
    ])
    // The untouched legacy test has no assertion either, but it is not part of the change.
    expect(report.findings.some((f) => f.path === 'test/legacy.test.js')).toBe(false)
    expect(report.gates.map((g) => [g.id, g.mode, g.status])).toEqual([
      ['mock-integrity', 'blocking', 'fail'],
      ['semantic-tests', 'advisory', 'fail'],
    ])
  })

  it('PROOFGATE_GATE_SEMANTIC_TESTS=blocking makes the literal echo block', async () => {
    const run = await runCli(['run', '--base', base, '--gates', 'semantic-tests', '--format', 'json'], r.dir, { PROOFGATE_GATE_SEMANTIC_TESTS: 'blocking' })
    expect(run.exitCode).toBe(1)
    expect(brief(run.json().findings)).toEqual([['semantic-tests', 'literal-echo', 'high', 'test/new.test.js:9', true]])
  })

  it('skips, visibly, when the change has no test file', async () => {
    const clean = project()
    const start = clean.head()
    clean.commit('source only', { 'src/sum.js': SUM.replace('a + b', 'b + a') })
    const run = await runCli(['run', '--base', start, '--gates', 'mock-integrity', '--format', 'json'], clean.dir)
    expect(run.exitCode).toBe(0)
    expect(run.json().gates.map((g) => [g.id, g.status, g.reason])).toEqual([
      ['mock-integrity', 'skipped', 'no test file, setup file or runner config in the change set'],
    ])
  })
})

describe('proofgate scan --all', () => {
  const r = project({
    'test/setup.js': 'console.error = () => {}\n',
    'test/legacy.test.js': "import { it } from 'vitest'\nimport { sum } from '../src/sum.js'\nit.only('legacy', () => { sum(1, 1) })\n",
    'test/fixtures/bad.test.js': "import { expect, it } from 'vitest'\nit('x', () => expect(1).toBe(1))\n",
    'test/broken.test.js': "import { it } from 'vitest'\nit('x', () => {\n",
    '.proofgate.yml': 'test-files:\n  exclude: ["test/fixtures/**"]\n',
  })

  it('reports every test file, setup file and runner config, with the configured exclusions left out', async () => {
    const run = await runCli(['scan', '--all', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(1)
    const report = run.json() as ReturnType<typeof run.json> & { scope: string; filterMode: string }
    expect([report.scope, report.filterMode]).toEqual(['all', 'nofilter'])
    // No --base: HEAD stands in, and the report says so rather than calling it an explicit base.
    expect((report as unknown as { base: { source: string; ref: string } }).base).toMatchObject({ source: 'scan', ref: 'HEAD' })
    expect(report.gates.map((g) => g.id)).toEqual(['mock-integrity', 'semantic-tests', 'doc-coverage'])
    expect(brief(report.findings)).toEqual([
      ['mock-integrity', 'focused-test', 'high', 'test/legacy.test.js:3', true],
      ['mock-integrity', 'harness-suppression', 'high', 'test/setup.js:1', true],
      ['mock-integrity', 'implicit-assertion', 'medium', 'test/legacy.test.js:3', false],
      ['doc-coverage', 'readme-missing', 'low', 'README.md:undefined', false],
      ['doc-coverage', 'export-undocumented', 'info', 'src/sum.js:1', false],
      ['mock-integrity', 'parse-error', 'info', 'test/broken.test.js:3', false],
    ])
    expect(report.gates[0]!.summary).toBe('3 test files (from 1 runner config), 3 tests, 1 assertion, 3 setup/config files, 1 not parsed: 4 findings')
  })

  it('refuses gates that cannot scan the whole repository', async () => {
    const run = await runCli(['scan', '--all', '--gates', 'tests'], r.dir)
    expect(run.exitCode).toBe(64)
    expect(run.stderr).toContain('scan runs only mock-integrity, semantic-tests, doc-coverage;')
  })
})
