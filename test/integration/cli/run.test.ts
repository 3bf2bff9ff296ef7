// `proofgate run` end to end: the CLI (main, in-process) on real git repositories with the real ESLint,
// TypeScript and vitest, asserting exit codes and exact findings in the JSON report.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { normalise, runCli, spawnCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
const dirs: string[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const ESLINT_CONFIG = `export default [{ files: ['**/*.js'], languageOptions: { sourceType: 'module' }, rules: { 'no-unused-vars': 'error', 'no-console': 'warn' } }]\n`
const PACKAGE_JSON = JSON.stringify({ name: 'scenario', private: true, type: 'module', devDependencies: { vitest: '*', eslint: '*' } }, null, 2)
const SUM = 'export function sum(a, b) {\n  return a + b\n}\n'
const README = '# scenario\n\nA small JS project with ESLint and vitest, for the CLI tests.\n'
const SUM_TEST = "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit('adds', () => {\n  expect(sum(1, 2)).toBe(3)\n})\n"

/** A small JS project with ESLint and vitest, committed on main. */
function scenario(extra: Record<string, string> = {}): TempRepo {
  const r = makeTempGitRepo({
    linkNodeModules: true,
    files: { 'package.json': PACKAGE_JSON, 'README.md': README, 'eslint.config.js': ESLINT_CONFIG, 'src/sum.js': SUM, 'test/sum.test.js': SUM_TEST, ...extra },
  })
  repos.push(r)
  return r
}

describe('proofgate run (static-analysis)', () => {
  const r = scenario({ 'src/legacy.js': 'const old = 1\nexport const kept = 2\n' })
  const base = r.head()
  r.commit('feature', {
    'src/sum.js': 'export function sum(a, b) {\n  const unused = a\n  return a + b\n}\n',
    'src/legacy.js': 'const old = 1\nexport const kept = 3\n',
  })

  it('blocks on an ESLint error on an added line, at the exact file:line:col, and ignores the untouched one (dist/cli.js)', () => {
    // The smoke test of `run` across the process boundary: the bundle, its exit code and stdout.
    const run = spawnCli(['run', '--base', base, '--gates', 'static-analysis', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(1)
    const report = run.json()
    expect(report.schemaVersion).toBe(1)
    expect(report.verdict).toBe('blocked')
    expect(report.base).toEqual({ sha: base, source: 'explicit', ref: base })
    expect(report.findings.map((f) => [f.gate, f.ruleId, f.severity, f.path, f.startLine, f.startColumn, f.blocking])).toEqual([
      ['static-analysis', 'no-unused-vars', 'high', 'src/sum.js', 2, 9, true],
    ])
    // `old` in src/legacy.js:1 is a pre-existing error on an untouched line: counted, not shown.
    expect(report.gates[0]).toMatchObject({ id: 'static-analysis', status: 'fail', filteredOut: 1 })
  })

  it('passes when the only error is on an untouched line', async () => {
    const r2 = scenario({ 'src/legacy.js': 'const old = 1\nexport const kept = 2\n' })
    const base2 = r2.head()
    r2.commit('touch another line', { 'src/legacy.js': 'const old = 1\nexport const kept = 4\n' })
    const run = await runCli(['run', '--base', base2, '--gates', 'static-analysis', '--format', 'json'], r2.dir)
    expect(run.exitCode).toBe(0)
    expect(run.json().findings).toEqual([])
    expect(run.json().gates[0]!.filteredOut).toBe(1)
  })

  it('reports every error of the changed files under --filter-mode file', async () => {
    const run = await runCli(['run', '--base', base, '--gates', 'static-analysis', '--format', 'json', '--filter-mode', 'file'], r.dir)
    expect(run.json().findings.map((f) => `${f.path}:${f.startLine}`)).toEqual(['src/legacy.js:1', 'src/sum.js:2'])
  })

  it('prints findings by severity, gate lines and the verdict on the terminal', async () => {
    const run = await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)
    expect(run.exitCode).toBe(1)
    expect(normalise(run.stdout, r.dir)).toMatchInlineSnapshot(`
      "proofgate 0.1.0 · base <short-sha> (explicit <sha>) → head <short-sha> (main) · 2 changed files · filter added

      HIGH (1)
        src/sum.js:2:9  high  no-unused-vars  'unused' is assigned a value but never used.  [static-analysis <short-sha>]
            → See https://eslint.org/docs/latest/rules/no-unused-vars

      Gates
        ✖ fail         static-analysis    <t> s  eslint: 2 files, 2 errors, 0 warnings; tsc skipped: no tsconfig.json in this repository · 1 outside the added filter

      BLOCKED · 1 high · 1 blocking · exit 1 · <t> s
      "
    `)
  })

  it('keeps a finding waived by the base commit in the report, marked, and passes', async () => {
    // The waiver is the base's: a change's own waivers are pending until approved (test/integration/findings/waivers.test.ts).
    const r3 = scenario({
      '.proofgate/waivers.yml':
        'waivers:\n  - rule: no-unused-vars\n    path: "src/**"\n    reason: "kept for the debugger session in #12"\n    proof: reviewer-misread\n',
    })
    const base3 = r3.head()
    r3.commit('debugging', { 'src/sum.js': 'export function sum(a, b) {\n  const unused = a\n  return a + b\n}\n' })
    const run = await runCli(['run', '--base', base3, '--gates', 'static-analysis', '--format', 'json'], r3.dir)
    expect(run.exitCode).toBe(0)
    const report = run.json()
    expect(report.verdict).toBe('pass')
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({
      ruleId: 'no-unused-vars',
      blocking: false,
      waived: { reason: 'kept for the debugger session in #12', proof: 'reviewer-misread', line: 2 },
    })
    const terminal = await runCli(['run', '--base', base3, '--gates', 'static-analysis'], r3.dir)
    expect(terminal.stdout).toContain('waived: kept for the debugger session in #12 (proof: reviewer-misread; .proofgate/waivers.yml:2)')
  })

  it('warns on a medium finding and exits 2 under --strict-warnings', async () => {
    const r4 = scenario()
    const base4 = r4.head()
    r4.commit('log', { 'src/sum.js': 'export function sum(a, b) {\n  console.log(a)\n  return a + b\n}\n' })
    const loose = await runCli(['run', '--base', base4, '--gates', 'static-analysis', '--format', 'json'], r4.dir)
    expect([loose.exitCode, loose.json().verdict, loose.json().findings[0]?.severity]).toEqual([0, 'warn', 'medium'])
    const strict = await runCli(['run', '--base', base4, '--gates', 'static-analysis', '--strict-warnings'], r4.dir)
    expect(strict.exitCode).toBe(2)
  })

  it('finds renamed files and paths with spaces and unicode, from a subdirectory', async () => {
    const r5 = scenario({ 'lib/old name.js': 'export const a = 1\nexport const b = 2\nexport const c = 3\n' })
    const base5 = r5.head()
    r5.git('mv', 'lib/old name.js', 'src/ünï cødé.js')
    r5.write({ 'src/ünï cødé.js': 'export const a = 1\nexport const b = 2\nexport const c = 3\nconst zut = 4\n' })
    r5.commit('rename')
    const run = await runCli(['run', '--base', base5, '--gates', 'static-analysis', '--format', 'json'], join(r5.dir, 'src'))
    expect(run.exitCode).toBe(1)
    expect(run.json().findings.map((f) => [f.path, f.startLine, f.ruleId])).toEqual([['src/ünï cødé.js', 4, 'no-unused-vars']])
  })
})

describe('proofgate run (tests and evidence)', () => {
  it('passes a clean change with passing tests, and evidence vouches for this tree', async () => {
    const r = scenario()
    const base = r.head()
    r.commit('more', { 'src/sum.js': SUM + '/** Twice `a`, through sum. */\nexport const twice = (a) => sum(a, a)\n' })
    const run = await runCli(['run', '--base', base, '--format', 'json'], r.dir)
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const report = run.json()
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([
      ['static-analysis', 'pass'],
      ['tests', 'pass'],
      // Only source changed: the test-integrity gates have no test file to read.
      ['mock-integrity', 'skipped'],
      ['test-mutation', 'skipped'],
      ['semantic-tests', 'skipped'],
      ['doc-coverage', 'pass'],
      ['evidence', 'pass'],
      // No proof commands in the config and no scope lock recorded.
      ['proof', 'skipped'],
      // No .proofgate/checklist.yml at the base.
      ['checklist', 'skipped'],
      ['gate-integrity', 'pass'],
    ])
    const results = JSON.parse(readFileSync(join(r.dir, '.proofgate/test-results.json'), 'utf8')) as {
      treeHash: string
      total: number
      passed: number
      runner: string
    }
    expect(results).toMatchObject({ runner: 'vitest', total: 1, passed: 1, treeHash: report.treeHash })
  })

  it('blocks a failing test as critical, and evidence refuses the tree', async () => {
    const r = scenario()
    const base = r.head()
    r.commit('break', { 'src/sum.js': 'export function sum(a, b) {\n  return a - b\n}\n' })
    const run = await runCli(['run', '--base', base, '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(1)
    const report = run.json()
    const rules = report.findings.map((f) => [f.gate, f.ruleId, f.messageId, f.severity, f.path])
    expect(rules).toContainEqual(['tests', 'test-failed', 'failedWithMessage', 'critical', 'test/sum.test.js'])
    expect(rules).toContainEqual(['evidence', 'tests-failed-for-tree', 'failedWithExitCode', 'critical', undefined])
    expect(report.findings.find((f) => f.ruleId === 'tests-failed-for-tree')?.message).toBe(
      `The tests run on tree ${report.treeHash.slice(0, 12)} (vitest) ended failed: 1 failed of 1, exit code 1.`,
    )
  })

  it('blocks a suite that executes no tests as high', async () => {
    const r = scenario({ 'test/sum.test.js': "import { describe } from 'vitest'\ndescribe.skip('later', () => {})\n" })
    const base = r.head()
    r.commit('change', { 'src/sum.js': SUM + 'export const one = 1\n' })
    const run = await runCli(['run', '--base', base, '--gates', 'tests', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(1)
    expect(run.json().findings.map((f) => [f.ruleId, f.severity])).toContainEqual(['no-tests-executed', 'high'])
  })

  it('blocks an empty change set through evidence', async () => {
    const r = scenario()
    const run = await runCli(['run', '--base', 'HEAD', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(1)
    const report = run.json()
    expect(report.findings.filter((f) => f.blocking).map((f) => [f.gate, f.ruleId, f.messageId, f.severity, f.message])).toEqual([
      [
        'evidence',
        'empty-change-set',
        'empty',
        'high',
        `No changes between base ${r.head().slice(0, 12)} (explicit) and the tree under test: nothing to verify.`,
      ],
    ])
  })

  it('shows an inconclusive evidence verdict in every report and records it', async () => {
    const r = scenario()
    const base = r.head()
    r.commit('change', { 'src/sum.js': SUM + 'export const one = 1\n' })
    const run = await runCli(['run', '--base', base, '--gates', 'evidence', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(0)
    expect(run.json().inconclusive).toEqual([
      { gate: 'evidence', reason: 'no test results for this tree (the tests gate did not run and .proofgate/test-results.json is absent)' },
    ])
    expect(existsSync(join(r.dir, '.proofgate/evidence-inconclusive.json'))).toBe(true)
    const terminal = await runCli(['run', '--base', base, '--gates', 'evidence'], r.dir)
    expect(terminal.stdout).toContain('inconclusive: evidence: no test results for this tree')
  })
})

describe('proofgate run: errors and state', () => {
  it('exits 78 on a malformed .proofgate.yml, naming file:line:col', async () => {
    const r = scenario({ '.proofgate.yml': 'gates:\n  tests:\n    mode: strict\n' })
    const run = await runCli(['run', '--base', 'HEAD'], r.dir)
    expect(run.exitCode).toBe(78)
    expect(run.stderr).toContain('PG_CONFIG_INVALID')
    expect(run.stderr).toContain('.proofgate.yml:3:11  gates.tests.mode: expected one of blocking, advisory, off, got "strict"')
  })

  it('exits 64 on a usage error and 78 on a shallow clone without the base, with the remedy', async () => {
    const r = scenario()
    const first = r.head()
    r.commit('two', { 'src/sum.js': SUM + '// two\n' })
    r.commit('three', { 'src/sum.js': SUM + '// three\n' })
    expect((await runCli(['run', '--format', 'xml'], r.dir)).exitCode).toBe(64)
    expect((await runCli(['run', '--gates', 'nope'], r.dir)).stderr).toContain("Unknown gate 'nope'")
    const clone = realpathSync(mkdtempSync(join(tmpdir(), 'proofgate-shallow-cli-')))
    dirs.push(clone)
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, clone], { env: { ...process.env, ...GIT_ENV } })
    const run = await runCli(['run', '--base', first], clone)
    expect(run.exitCode).toBe(78)
    expect(run.stderr).toContain('PG_SHALLOW_CLONE')
    expect(run.stderr).toContain('fetch-depth: 0')
  })

  it('exits 64 outside a git repository', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'proofgate-norepo-cli-')))
    dirs.push(dir)
    const run = await runCli(['run'], dir)
    expect(run.exitCode).toBe(64)
    expect(run.stderr).toContain('PG_NOT_A_GIT_REPO')
  })

  it('records the run start, uses it as the base, and journals every run', async () => {
    const r = scenario()
    r.git('checkout', '-q', '-b', 'work')
    r.commit('before start', { 'src/sum.js': SUM + 'export const a = 1\n' })
    const start = await runCli(['start'], r.dir)
    expect(start.exitCode).toBe(0)
    expect(start.stdout).toMatch(/^proofgate - run start recorded: [0-9a-f]{12} on work at /)
    r.commit('after start', { 'src/sum.js': SUM + 'export const a = 1\nexport const b = 2\n' })
    const run = await runCli(['run', '--gates', 'static-analysis', '--format', 'json', '--output', 'report.json'], r.dir)
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('PASS')
    const report = JSON.parse(readFileSync(join(r.dir, 'report.json'), 'utf8')) as { base: { source: string } }
    expect(report.base.source).toBe('run-start')
    const events = readFileSync(join(r.dir, '.proofgate/journal/events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string })
    expect(events.map((e) => e.type)).toEqual(['run-start-recorded', 'scope-recorded', 'run-started', 'gate-started', 'gate-ended', 'verdict'])
  })

  it('prints the JSON Schema and the resolved config', async () => {
    const r = scenario({ '.proofgate.yml': 'filter-mode: file\n' })
    const schema = await runCli(['config', 'schema'], r.dir)
    expect(schema.exitCode).toBe(0)
    expect(JSON.parse(schema.stdout)).toMatchObject({ title: expect.any(String), type: 'object' })
    const print = await runCli(['config', 'print'], r.dir, { PROOFGATE_GATE_TESTS: 'advisory' })
    expect(print.exitCode).toBe(0)
    expect(print.stdout).toContain('filter-mode: file')
    expect(print.stdout).toMatch(/tests:\n\s+mode: advisory/)
  })
})
