// next.json and next.md after real runs of `proofgate run` on a scenario repository: the ranking
// (blocking first, most severe first), the new/old marks against the previous run of the branch,
// and the refusal to write through a planted symlink.
import { readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempDir, makeTempGitRepo, removeTempDirs, type TempRepo } from '../../helpers/repo.js'
import type { NextReport } from '../../../src/loop/next.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

const ESLINT_CONFIG = `export default [{ files: ['**/*.js'], languageOptions: { sourceType: 'module' }, rules: { 'no-unused-vars': 'error', 'no-console': 'warn' } }]\n`
const PACKAGE_JSON = JSON.stringify({ name: 'scenario', private: true, type: 'module', devDependencies: { eslint: '*' } }, null, 2)

function scenario(): TempRepo {
  const r = makeTempGitRepo({
    linkNodeModules: true,
    files: { 'package.json': PACKAGE_JSON, 'eslint.config.js': ESLINT_CONFIG, 'src/sum.js': 'export function sum(a, b) {\n  return a + b\n}\n' },
  })
  repos.push(r)
  return r
}

const readNext = (r: TempRepo): NextReport => JSON.parse(readFileSync(join(r.dir, '.proofgate/next.json'), 'utf8')) as NextReport

describe('next.json and next.md', () => {
  it('rank blocking findings first and mark what the previous run of the branch did not report as new', async () => {
    const r = scenario()
    const base = r.head()
    r.commit('first attempt', { 'src/sum.js': 'export function sum(a, b) {\n  console.log(a)\n  const unused = a\n  return a + b\n}\n' })
    const first = await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)
    expect(first.exitCode).toBe(1)
    const one = readNext(r)
    expect(one).toMatchObject({ schemaVersion: 1, branch: 'main', verdict: 'blocked', exitCode: 1, previousRunId: null, failingTests: [], inconclusive: [] })
    expect(one.omitted).toEqual({ findings: 0, failingTests: 0 })
    expect(one.findings.map((f) => [f.blocking, f.severity, f.ruleId, f.location, f.source, f.new])).toEqual([
      [true, 'high', 'no-unused-vars', 'src/sum.js:3', 'const unused = a', true],
      [false, 'medium', 'no-console', 'src/sum.js:2', 'console.log(a)', true],
    ])

    // The second attempt keeps both and adds an error above them: the lines shift, the fingerprints do not.
    r.write({ 'src/sum.js': 'export function sum(a, b) {\n  const other = b\n  console.log(a)\n  const unused = a\n  return a + b\n}\n' })
    const second = await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)
    expect(second.exitCode).toBe(1)
    const two = readNext(r)
    expect(two.previousRunId).toBe(one.runId)
    expect(two.findings.map((f) => [f.ruleId, f.location, f.new])).toEqual([
      ['no-unused-vars', 'src/sum.js:2', true],
      ['no-unused-vars', 'src/sum.js:4', false],
      ['no-console', 'src/sum.js:3', false],
    ])
    const md = readFileSync(join(r.dir, '.proofgate/next.md'), 'utf8')
    expect(md).toBe(
      [
        '# proofgate: blocked (exit 1)',
        '',
        'Fix these before your next attempt, in this order. Do not weaken tests, config or waivers to pass.',
        '',
        '## Blocking',
        '',
        "1. [new] high static-analysis/no-unused-vars at src/sum.js:2: 'other' is assigned a value but never used.",
        '   line: const other = b',
        '   do: See https://eslint.org/docs/latest/rules/no-unused-vars',
        "2. [old] high static-analysis/no-unused-vars at src/sum.js:4: 'unused' is assigned a value but never used.",
        '   line: const unused = a',
        '   do: See https://eslint.org/docs/latest/rules/no-unused-vars',
        '',
        '## Warnings',
        '',
        '3. [old] medium static-analysis/no-console at src/sum.js:3: Unexpected console statement.',
        '   line: console.log(a)',
        '   do: See https://eslint.org/docs/latest/rules/no-console',
        '',
        '[new] = not reported by the previous run of this branch. Details: .proofgate/next.json.',
        '',
      ].join('\n'),
    )
    expect(md).not.toContain('\u001b')

    // Fixed: the next file says nothing blocks.
    r.write({ 'src/sum.js': 'export function sum(a, b) {\n  return a + b\n}\n' })
    const third = await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)
    expect(third.exitCode).toBe(0)
    expect(readNext(r)).toMatchObject({ verdict: 'pass', findings: [], previousRunId: two.runId })
    expect(readFileSync(join(r.dir, '.proofgate/next.md'), 'utf8')).toContain('Nothing blocks. Do not change anything for proofgate.')
  })

  it('lists failing tests with their first error line', async () => {
    const r = makeTempGitRepo({
      linkNodeModules: true,
      files: {
        'package.json': JSON.stringify({ name: 's', private: true, type: 'module', devDependencies: { vitest: '*' } }),
        'src/sum.js': 'export function sum(a, b) {\n  return a + b\n}\n',
        'test/sum.test.js': "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit('adds', () => {\n  expect(sum(1, 2)).toBe(3)\n})\n",
      },
    })
    repos.push(r)
    const base = r.head()
    r.commit('break sum', { 'src/sum.js': 'export function sum(a, b) {\n  return a - b\n}\n' })
    const run = await runCli(['run', '--base', base, '--gates', 'tests'], r.dir)
    expect(run.exitCode).toBe(1)
    const next = readNext(r)
    expect(next.failingTests).toEqual([
      { name: 'adds', location: 'test/sum.test.js:5', firstError: 'AssertionError: expected -1 to be 3 // Object.is equality' },
    ])
    expect(next.findings[0]).toMatchObject({ gate: 'tests', ruleId: 'test-failed', blocking: true })
    expect(readFileSync(join(r.dir, '.proofgate/next.md'), 'utf8')).toContain(
      '## Failing tests\n\n- adds (test/sum.test.js:5): AssertionError: expected -1 to be 3 // Object.is equality\n',
    )
  })

  it('refuses to write through a symlink planted at next.md', async () => {
    const r = scenario()
    const outside = makeTempDir({ 'target.md': 'untouched\n' })
    const base = r.head()
    r.commit('change', { 'src/sum.js': 'export function sum(a, b) {\n  return b + a\n}\n' })
    await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)
    rmSync(join(r.dir, '.proofgate/next.md'))
    symlinkSync(join(outside, 'target.md'), join(r.dir, '.proofgate/next.md'))
    const run = await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)
    expect(run.exitCode).toBe(78)
    expect(run.stderr).toContain('PG_STATE_UNSAFE')
    expect(readFileSync(join(outside, 'target.md'), 'utf8')).toBe('untouched\n')
  })
})

describe('next.md from a hook', () => {
  it('is written by the pre-commit hook for the staged change, keyed by the index', async () => {
    const r = scenario()
    // mock-integrity reads the staged blobs in-process: the hook's own work, with no linter process to wait for.
    r.write({ '.proofgate.yml': 'hooks:\n  pre-commit:\n    gates: [mock-integrity]\n' })
    r.commit('config')
    r.write({
      'src/sum.test.js':
        "import { expect, it } from 'vitest'\nimport { sum } from './sum.js'\n\nit('adds', () => {\n  sum(1, 2)\n  expect(true).toBe(true)\n})\n",
    })
    r.git('add', 'src/sum.test.js')
    const run = await runCli(['hook', 'pre-commit'], r.dir)
    expect(run.exitCode).toBe(1)
    const next = readNext(r)
    expect(next).toMatchObject({ branch: 'index', verdict: 'blocked' })
    expect(next.findings.map((f) => [f.ruleId, f.location, f.source, f.new])).toEqual([
      ['tautological-assertion', 'src/sum.test.js:6', 'expect(true).toBe(true)', true],
    ])
  })
})
