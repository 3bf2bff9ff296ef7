// The gate-integrity gate end to end: the CLI (main, in-process) on real git repositories, one planted loosening
// per rule (committed, and once uncommitted), and edits that must stay quiet, with exact findings.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { configSchema } from '../../../src/config/schema.js'
import { GATES } from '../../../src/gates/index.js'
import type { GateMeta } from '../../../src/gates/types.js'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const PROOFGATE_YML = lines('gates:', '  semantic-tests:', '    mode: advisory')
const WAIVERS = lines('waivers:', '  - fingerprint: 3f9c2a7d1e0b4c55', '    reason: checked by hand', '    proof: reviewer-misread')
const ESLINT_CONFIG = lines(
  "import js from '@eslint/js'",
  'export default [',
  '  js.configs.recommended,',
  "  { rules: { 'no-console': 'error', eqeqeq: 'error' } },",
  ']',
)
const VITEST_CONFIG = lines(
  "import { defineConfig } from 'vitest/config'",
  'export default defineConfig({',
  "  test: { include: ['test/**/*.test.ts'] },",
  '})',
)
const SUM = lines('export function sum(a: number, b: number): number {', '  return a + b', '}')
const TEST = lines("import { expect, it } from 'vitest'", "import { sum } from '../src/sum.js'", '', "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})')
const HOOK = lines('#!/bin/sh', 'echo "proofgate - checking the push"', 'npx proofgate run')
const WORKFLOW = lines(
  'name: ci',
  'on: [push, pull_request]',
  'jobs:',
  '  check:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - name: proofgate',
  '        run: npx proofgate run',
)

/** A small TypeScript project with every file the gate reads, committed as the base. */
function project(): TempRepo {
  const r = makeTempGitRepo({
    files: {
      '.gitignore': lines('.proofgate/*', '!.proofgate/waivers.yml'),
      'package.json': JSON.stringify({ name: 'calc', private: true, type: 'module', scripts: { test: 'vitest run' } }, null, 2) + '\n',
      '.proofgate.yml': PROOFGATE_YML,
      '.proofgate/waivers.yml': WAIVERS,
      'eslint.config.js': ESLINT_CONFIG,
      'vitest.config.ts': VITEST_CONFIG,
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true } }, null, 2) + '\n',
      'src/sum.ts': SUM,
      'test/sum.test.ts': TEST,
      '.husky/pre-push': HOOK,
      '.github/workflows/ci.yml': WORKFLOW,
      'README.md': '# calc\n',
    },
  })
  repos.push(r)
  return r
}

async function run(r: TempRepo, base: string): Promise<{ exitCode: number | null; report: JsonReport }> {
  const result = await runCli(['run', '--base', base, '--gates', 'gate-integrity', '--format', 'json'], r.dir)
  return { exitCode: result.exitCode, report: result.json() }
}

/** The gate's findings (the engine's own, such as waiver-unused on the fixture's waiver, left out). */
const brief = (report: JsonReport) =>
  report.findings
    .filter((f) => f.gate === 'gate-integrity')
    .map((f) => [f.gate, f.ruleId, f.severity, f.startLine === undefined ? f.path : `${f.path}:${f.startLine}`, f.blocking])
const gate = (report: JsonReport) => report.gates.map((g) => [g.id, g.mode, g.status])

describe('gate-integrity: one loosening per rule', () => {
  it('config-weakened: a gate lowered in .proofgate.yml and a waiver added (critical, blocking)', async () => {
    const r = project()
    const base = r.head()
    r.commit('relax', {
      '.proofgate.yml': lines('gates:', '  semantic-tests:', '    mode: advisory', '  tests:', '    mode: advisory'),
      '.proofgate/waivers.yml': WAIVERS + lines('  - rule: no-console', '    path: "src/**"', '    reason: logging', '    proof: out-of-scope'),
    })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(1)
    expect(report.verdict).toBe('blocked')
    expect(brief(report)).toEqual([
      ['gate-integrity', 'config-weakened', 'critical', '.proofgate.yml:5', true],
      ['gate-integrity', 'config-weakened', 'critical', '.proofgate/waivers.yml:5', true],
    ])
    expect(report.findings.find((f) => f.path === '.proofgate.yml')!.message).toBe('`gates.tests.mode` lowered from blocking to advisory in .proofgate.yml.')
    expect(gate(report)).toEqual([['gate-integrity', 'blocking', 'fail']])
  })

  it('suppression-added: medium in source (warn), high in a test file (blocking)', async () => {
    const r = project()
    const base = r.head()
    r.commit('suppress', {
      'src/sum.ts': lines('// eslint-disable-next-line no-console', "console.log('sum')", SUM.trimEnd()),
      'test/sum.test.ts': TEST.replace("it('adds'", "// @ts-ignore\nit('adds'"),
    })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(1)
    expect(brief(report)).toEqual([
      ['gate-integrity', 'suppression-added', 'high', 'test/sum.test.ts:4', true],
      ['gate-integrity', 'suppression-added', 'medium', 'src/sum.ts:1', false],
    ])
    expect(report.findings.find((f) => f.path === 'src/sum.ts')!.message).toBe(
      "`eslint-disable-next-line no-console` added in src/sum.ts: turns off ESLint's no-console on the next line.",
    )
  })

  it('suppression-added: a suppression moved with its tests into another file is not new (query ccc843e); another one added beside the move is', async () => {
    const r = project()
    const suppressed = TEST.replace("it('adds'", "// eslint-disable-next-line vitest/valid-expect\nit('adds'")
    r.commit('a suppressed test', { 'test/sum.test.ts': suppressed })
    const base = r.head()
    // The test moves to a type-test file, its suppression with it; the old file keeps nothing of it.
    r.commit('move the type-only test', { 'test/sum.test.ts': TEST.replace("it('adds'", "it('adds again'"), 'test/types.test.ts': suppressed })
    const moved = await run(r, base)
    expect(brief(moved.report)).toEqual([])
    expect(moved.exitCode).toBe(0)

    r.commit('and one more', {
      'test/types.test.ts': suppressed.replace("it('adds'", "// eslint-disable-next-line vitest/valid-expect\nit('adds twice', () => {})\nit('adds'"),
    })
    const added = await run(r, base)
    expect(brief(added.report)).toEqual([['gate-integrity', 'suppression-added', 'high', 'test/types.test.ts:5', true]])
    expect(added.exitCode).toBe(1)
  })

  it('--head judges the runner config against the files of that commit, not the disk (a test file added later is not "no longer selected")', async () => {
    const r = project()
    r.commit('every test file', { 'vitest.config.ts': VITEST_CONFIG.replace("include: ['test/**/*.test.ts']", "include: ['**/*.test.ts']") })
    const base = r.head()
    // Every test file of this commit is under test/: narrowing the include loses none of them.
    r.commit('narrow the tests to test/', { 'vitest.config.ts': VITEST_CONFIG })
    const judged = r.head()
    r.commit('a test outside test/, later', { 'src/later.test.ts': TEST.replace('../src/sum.js', './sum.js') })
    const result = await runCli(['run', '--base', base, '--head', judged, '--gates', 'gate-integrity', '--format', 'json'], r.dir)
    expect([result.exitCode, brief(result.json())]).toEqual([0, []])
  })

  it('test-config-weakened: passWithNoTests turned on in the vitest config (high)', async () => {
    const r = project()
    const base = r.head()
    r.commit('pass empty', {
      'vitest.config.ts': VITEST_CONFIG.replace("include: ['test/**/*.test.ts']", "include: ['test/**/*.test.ts'], passWithNoTests: true"),
    })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(1)
    expect(brief(report)).toEqual([['gate-integrity', 'test-config-weakened', 'high', 'vitest.config.ts:3', true]])
  })

  it('lint-config-weakened: an ESLint rule downgraded and a tsconfig flag turned off (high)', async () => {
    const r = project()
    const base = r.head()
    r.commit('lint less', {
      'eslint.config.js': ESLINT_CONFIG.replace("'no-console': 'error'", "'no-console': 'warn'"),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: false, noEmit: true } }, null, 2) + '\n',
    })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(1)
    expect(brief(report)).toEqual([
      ['gate-integrity', 'lint-config-weakened', 'high', 'eslint.config.js:4', true],
      ['gate-integrity', 'lint-config-weakened', 'high', 'tsconfig.json:3', true],
    ])
  })

  it('hook-removed: the proofgate line removed from a husky hook, continue-on-error added to the workflow step (high)', async () => {
    const r = project()
    const base = r.head()
    r.commit('no gate', {
      '.husky/pre-push': lines('#!/bin/sh', 'echo "proofgate - checking the push"'),
      '.github/workflows/ci.yml': WORKFLOW + '        continue-on-error: true\n',
    })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(1)
    expect(brief(report)).toEqual([
      ['gate-integrity', 'hook-removed', 'high', '.github/workflows/ci.yml:10', true],
      ['gate-integrity', 'hook-removed', 'high', '.husky/pre-push', true],
    ])
  })

  it('hook-removed: every place `proofgate install` writes, a custom husky directory and .config/lefthook.yml (high)', async () => {
    const r = project()
    // husky 9 with a custom directory (`husky .config/husky`): core.hooksPath is `.config/husky/_`.
    r.write({ '.config/husky/_/h': '#!/bin/sh\n' })
    r.git('config', 'core.hooksPath', '.config/husky/_')
    expect((await runCli(['install'], r.dir)).exitCode).toBe(0)
    r.git('config', '--unset', 'core.hooksPath')
    r.write({ '.config/lefthook.yml': lines('pre-push:', '  commands:', '    proofgate:', '      run: npx proofgate hook pre-push') })
    r.commit('hooks')
    const base = r.head()
    const installed = readFileSync(join(r.dir, '.config/husky/pre-push'), 'utf8')
    expect(installed).toMatch(/proofgate/)
    r.commit('no gate', {
      '.config/husky/pre-push': installed
        .split('\n')
        .filter((l) => !/proofgate hook/.test(l))
        .join('\n'),
      '.config/lefthook.yml': lines('pre-push:', '  commands: {}'),
    })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(1)
    expect(brief(report)).toEqual([
      ['gate-integrity', 'hook-removed', 'high', '.config/husky/pre-push', true],
      ['gate-integrity', 'hook-removed', 'high', '.config/lefthook.yml', true],
    ])
  })

  it('an uncommitted loosening in the working tree counts, the waivers file read from disk', async () => {
    const r = project()
    const base = r.head()
    r.write({
      '.proofgate.yml': lines('filter-mode: added', 'gates:', '  semantic-tests:', '    mode: off'),
      '.proofgate/waivers.yml': WAIVERS.replace('3f9c2a7d1e0b4c55', '3f9c2a7d'),
    })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(1)
    expect(brief(report)).toEqual([
      ['gate-integrity', 'config-weakened', 'critical', '.proofgate.yml:4', true],
      ['gate-integrity', 'config-weakened', 'critical', '.proofgate/waivers.yml:2', true],
    ])
  })
})

describe('gate-integrity with --head: the commit, not the working tree', () => {
  it('reads the waivers of the head commit, not the uncommitted file on disk', async () => {
    const r = project()
    const base = r.head()
    r.commit('waive', {
      '.proofgate/waivers.yml': WAIVERS + lines('  - fingerprint: 0123456789abcdef', '    reason: flaky upstream', '    proof: out-of-scope'),
    })
    // The added waiver is gone from disk, but --head checks the commit.
    r.write({ '.proofgate/waivers.yml': WAIVERS })
    const result = await runCli(['run', '--base', base, '--head', 'HEAD', '--gates', 'gate-integrity', '--format', 'json'], r.dir)
    expect(result.exitCode).toBe(1)
    expect(brief(result.json())).toEqual([['gate-integrity', 'config-weakened', 'critical', '.proofgate/waivers.yml:5', true]])
  })
})

describe('gate-integrity: edits that loosen nothing', () => {
  it('a tightened config is a medium finding, never a critical one', async () => {
    const r = project()
    const base = r.head()
    r.commit('stricter', { '.proofgate.yml': lines('gates:', '  semantic-tests:', '    mode: blocking') })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(0)
    expect(report.verdict).toBe('warn')
    expect(brief(report)).toEqual([['gate-integrity', 'config-weakened', 'medium', '.proofgate.yml:3', false]])
  })

  it('a moved suppression, a reformatted ESLint config, an unrelated workflow edit and a removed waiver: nothing', async () => {
    const r = project()
    const withSuppression = lines('// eslint-disable-next-line no-console', "console.log('loaded')", SUM.trimEnd())
    r.commit('a suppression that predates the range', { 'src/sum.ts': withSuppression })
    const base = r.head()
    r.commit('tidy', {
      'src/sum.ts': lines(SUM.trimEnd(), '// eslint-disable-next-line no-console', "console.log('loaded')"),
      'eslint.config.js': lines(
        "import js from '@eslint/js'",
        '',
        'export default [',
        '  js.configs.recommended,',
        '  {',
        '    rules: {',
        '      eqeqeq: 2,',
        '      "no-console": ["error"],',
        '    },',
        '  },',
        ']',
      ),
      '.github/workflows/ci.yml': WORKFLOW.replace('      - name: proofgate', '      - run: npm ci\n      - name: proofgate'),
      '.proofgate/waivers.yml': 'waivers: []\n',
    })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(0)
    expect(report.findings).toEqual([])
    expect(gate(report)).toEqual([['gate-integrity', 'blocking', 'pass']])
    // eslint.config.js is read twice: as a lint config and for suppression comments.
    expect(report.gates[0]!.summary).toBe('compared the waivers, 2 source files, 1 lint config, 1 hook file: 0 findings')
  })

  it('a file renamed with its suppression: the old version is read from the old path', async () => {
    const r = project()
    r.commit('a suppression that predates the range', { 'src/sum.ts': lines('// @ts-ignore', 'export const x: number = "1"', SUM.trimEnd()) })
    const base = r.head()
    r.git('mv', 'src/sum.ts', 'src/add.ts')
    r.commit('rename')
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(0)
    expect(brief(report)).toEqual([])
  })

  const EXAMPLE = {
    'examples/jest-ts/package.json': JSON.stringify({ name: 'jest-ts-example', private: true, scripts: { test: 'jest' } }, null, 2) + '\n',
    'examples/jest-ts/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true } }, null, 2) + '\n',
    'examples/jest-ts/jest.config.js': lines('export default {', "  testMatch: ['**/*.spec.cts'],", '}'),
    'examples/jest-ts/index.spec.cts': lines("test('runs', () => {", '  expect(1 + 1).toBe(2)', '})'),
    'examples/jest-ts/README.md': '# jest-ts\n',
  }

  it('a project deleted whole (package.json, tsconfig, runner config, tests): not a loosening, said in the summary', async () => {
    const r = project()
    r.commit('an example project', EXAMPLE)
    const base = r.head()
    r.git('rm', '-q', '-r', 'examples/jest-ts')
    r.commit('Remove the jest example')
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(0)
    expect(brief(report)).toEqual([])
    expect(report.gates.map((g) => [g.id, g.status, g.reason])).toEqual([
      [
        'gate-integrity',
        'skipped',
        'no proofgate config, waiver, counter-evidence, JS/TS source, runner or lint config, hook or workflow changed (project deleted whole, not a loosening: examples/jest-ts)',
      ],
    ])
  })

  it("the same settings deleted while the project's tests stay: still a loosening", async () => {
    const r = project()
    r.commit('an example project', EXAMPLE)
    const base = r.head()
    r.git('rm', '-q', 'examples/jest-ts/package.json', 'examples/jest-ts/tsconfig.json')
    r.commit("Drop the example's settings")
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(1)
    expect(brief(report)).toEqual([
      ['gate-integrity', 'test-config-weakened', 'high', 'examples/jest-ts/package.json', true],
      ['gate-integrity', 'lint-config-weakened', 'high', 'examples/jest-ts/tsconfig.json', true],
    ])
  })

  it('skips, visibly, when nothing it reads changed', async () => {
    const r = project()
    const base = r.head()
    r.commit('docs', { 'README.md': '# calc\n\nAdds numbers.\n' })
    const { exitCode, report } = await run(r, base)
    expect(exitCode).toBe(0)
    expect(report.gates.map((g) => [g.id, g.status, g.reason])).toEqual([
      ['gate-integrity', 'skipped', 'no proofgate config, waiver, counter-evidence, JS/TS source, runner or lint config, hook or workflow changed'],
    ])
  })
})

describe('the range cannot switch gate-integrity off', () => {
  it('runs blocking, as the base config says, when the range turns every gate off', async () => {
    const r = project()
    const base = r.head()
    const allOff = ['gates:', ...GATES.map((g) => `  ${g.id}: { mode: off }`)]
    r.commit('quiet please', { '.proofgate.yml': lines(...allOff) })
    const run = await runCli(['run', '--base', base, '--format', 'json'], r.dir)
    const report = run.json()
    expect(report.gates.map((g) => [g.id, g.mode, g.status])).toEqual([['gate-integrity', 'blocking', 'fail']])
    expect(report.notes).toContain(
      "gate-integrity runs blocking, as the base commit's config says: the range cannot loosen the gate that judges it (PROOFGATE_GATE_GATE_INTEGRITY overrides)",
    )
    // Every gate lowered to off is one critical config-weakened, except coverage (off by default) and
    // review (off without reviewers, GateMeta.enabled).
    const defaults = configSchema.parse({})
    const onByDefault = GATES.filter((g) => g.meta.defaultMode !== 'off' && ((g.meta as GateMeta).enabled?.(defaults) ?? true))
    expect(report.findings.filter((f) => f.severity === 'critical').length).toBe(onByDefault.length)
    expect(onByDefault.length).toBe(10)
    expect(run.exitCode).toBe(1)
  })

  it('an explicit environment override still wins (the runner, not the range, sets it)', async () => {
    const r = project()
    const base = r.head()
    r.commit('quiet please', { '.proofgate.yml': lines('gates:', '  gate-integrity: { mode: off }') })
    const run = await runCli(['run', '--base', base, '--gates', 'gate-integrity', '--format', 'json'], r.dir, { PROOFGATE_GATE_GATE_INTEGRITY: 'advisory' })
    expect(run.json().gates.map((g) => [g.id, g.mode])).toEqual([['gate-integrity', 'advisory']])
    expect(run.exitCode).toBe(0)
  })
})
