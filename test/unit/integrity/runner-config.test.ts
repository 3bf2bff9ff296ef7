// RuleTester-style tables for test-config-weakened: two versions of a vitest, jest or mocha config
// or package.json, read statically, with the exact rule id, severity, line and column of each finding.
import { beforeAll, describe, expect, it } from 'vitest'
import { compareRunnerConfig, runnerConfigKind } from '../../../src/integrity/runner-config.js'
import { evaluateConfigModule } from '../../../src/testing/discover.js'
import { loadTypeScript, type TypeScript } from '../../../src/testing/typescript.js'
import { lines, versionTable, type VersionCase } from '../../helpers/tables.js'

let ts: TypeScript
beforeAll(async () => {
  ts = await loadTypeScript()
})

/** The repository the configs belong to. */
const FILES = [
  'package.json',
  'src/sum.ts',
  'src/sum.test.ts',
  'test/sum.test.ts',
  'test/slow/big.test.ts',
  'e2e/app.spec.ts',
  'test/unit.js',
  'test/deep/more.js',
  'packages/a/src/x.test.ts',
]

const vitest = (test: string): string => lines("import { defineConfig } from 'vitest/config'", `export default defineConfig({ test: ${test} })`)

interface Case extends VersionCase {
  path: string
}

function table(cases: Case[]): void {
  versionTable(cases, (c) => compareRunnerConfig(ts, c.path, c.old, c.new, FILES))
}

describe('vitest', () => {
  table([
    {
      name: 'unchanged options, reformatted',
      path: 'vitest.config.ts',
      old: vitest("{ include: ['test/**/*.test.ts'], testTimeout: 10000 }"),
      new: lines(
        "import { defineConfig } from 'vitest/config'",
        'const include = ["test/**/*.test.ts"]',
        'export default defineConfig({',
        '  test: { include, testTimeout: 10_000 },',
        '})',
      ),
      errors: [],
    },
    {
      name: 'a wider include and a lower timeout',
      path: 'vitest.config.ts',
      old: vitest("{ include: ['test/**/*.test.ts'], testTimeout: 20000 }"),
      new: vitest("{ include: ['**/*.test.ts'], testTimeout: 5000 }"),
      errors: [],
    },
    { name: 'a timeout raised less than tenfold', path: 'vitest.config.ts', old: null, new: vitest('{ testTimeout: 30000 }'), errors: [] },
    {
      name: 'passWithNoTests turned on',
      path: 'vitest.config.ts',
      old: vitest('{}'),
      new: vitest('{ passWithNoTests: true }'),
      errors: [['test-config-weakened', 'high', 2, 39]],
      messages: ['`test.passWithNoTests` set to true: a run that finds no tests passes (vitest.config.ts).'],
    },
    {
      name: 'include narrowed: names a file no longer run',
      path: 'vitest.config.ts',
      old: vitest("{ include: ['**/*.test.ts'] }"),
      new: vitest("{ include: ['test/*.test.ts'] }"),
      errors: [['test-config-weakened', 'high', 2, 39]],
      messages: ['Fewer test files run: 3 files the old settings ran are no longer selected, e.g. src/sum.test.ts (changed: `test.include`)'],
    },
    {
      name: 'an exclude entry that matches existing tests',
      path: 'vitest.config.ts',
      old: vitest('{}'),
      new: vitest("{ exclude: ['**/node_modules/**', 'test/slow/**'] }"),
      errors: [['test-config-weakened', 'high', 2, 39]],
      messages: ['e.g. test/slow/big.test.ts'],
    },
    {
      name: 'an exclude entry that matches nothing',
      path: 'vitest.config.ts',
      old: vitest('{}'),
      new: vitest("{ exclude: ['**/node_modules/**', '**/dist/**', 'tmp/**'] }"),
      errors: [],
    },
    {
      name: 'coverage thresholds lowered (and one removed), perFile off',
      path: 'vitest.config.ts',
      old: vitest('{ coverage: { thresholds: { lines: 90, branches: 80, functions: 90, perFile: true } } }'),
      new: lines(
        "import { defineConfig } from 'vitest/config'",
        'export default defineConfig({',
        '  test: {',
        '    coverage: { thresholds: { lines: 70, branches: 80 } },',
        '  },',
        '})',
      ),
      errors: [
        ['test-config-weakened', 'high', 4, 5],
        ['test-config-weakened', 'high', 4, 17],
        ['test-config-weakened', 'high', 4, 31],
      ],
      messages: ['no longer apply per file', 'coverage threshold functions removed (was 90)', 'coverage threshold lines lowered from 90 to 70'],
    },
    {
      name: 'thresholds given as 100: true, then dropped',
      path: 'vitest.config.ts',
      old: vitest('{ coverage: { thresholds: { 100: true } } }'),
      new: vitest('{ coverage: { thresholds: { lines: 100, functions: 100, branches: 100, statements: 95 } } }'),
      errors: [['test-config-weakened', 'high', 2, 108]],
      messages: ['statements lowered from 100 to 95'],
    },
    {
      name: 'retry raised, hookTimeout raised tenfold, testTimeout 0 turns it off',
      path: 'vitest.config.mts',
      old: vitest('{ retry: 0 }'),
      new: vitest('{ retry: 3, hookTimeout: 100_000, testTimeout: 0 }'),
      errors: [
        ['test-config-weakened', 'high', 2, 39],
        ['test-config-weakened', 'high', 2, 49],
        ['test-config-weakened', 'high', 2, 71],
      ],
      messages: [
        '`test.retry` raised from 0 to 3',
        '`test.hookTimeout` raised from 10000 ms (the default) to 100000 ms, 10 times longer',
        '`test.testTimeout` set to 0, which turns the timeout off',
      ],
    },
    {
      name: 'masks: dangerouslyIgnoreUnhandledErrors, allowOnly, silent',
      path: 'vite.config.js',
      old: vitest('{}'),
      new: vitest("{ dangerouslyIgnoreUnhandledErrors: true, allowOnly: true, silent: true, environment: 'node' }"),
      errors: [
        ['test-config-weakened', 'high', 2, 39],
        ['test-config-weakened', 'high', 2, 79],
        ['test-config-weakened', 'high', 2, 96],
      ],
    },
    {
      name: 'a project dropped from test.projects',
      path: 'vitest.config.ts',
      old: vitest("{ projects: ['packages/*', { test: { name: 'unit', include: ['test/**/*.test.ts'] } }] }"),
      new: vitest("{ projects: [{ test: { name: 'unit', include: ['test/**/*.test.ts'] } }] }"),
      errors: [['test-config-weakened', 'high', 2, 39]],
      messages: ['Project "packages/*" removed'],
    },
    {
      name: 'an inline project narrowed',
      path: 'vitest.config.ts',
      old: vitest("{ projects: [{ test: { name: 'unit', include: ['test/**/*.test.ts'] } }] }"),
      new: vitest("{ projects: [{ test: { name: 'unit', include: ['test/*.test.ts'] } }] }"),
      errors: [['test-config-weakened', 'high', 2, 74]],
      messages: ['e.g. test/slow/big.test.ts (changed: `test.projects.0.test.include`)'],
    },
    {
      name: 'a setting that stops being static (medium)',
      path: 'vitest.config.ts',
      old: vitest("{ include: ['test/**/*.test.ts'] }"),
      new: vitest("{ include: process.env.CI ? ['test/**/*.test.ts'] : [] }"),
      errors: [['test-config-weakened', 'medium', 2, 39]],
      messages: ['`test.include` is not a static value'],
    },
    {
      name: 'a config whose export is not static (medium, no line)',
      path: 'vitest.config.ts',
      old: vitest('{}'),
      new: lines('export default await load()'),
      errors: [['test-config-weakened', 'medium', undefined, undefined]],
    },
    {
      name: 'a config with syntax errors (medium)',
      path: 'vitest.config.ts',
      old: vitest('{}'),
      new: lines('export default defineConfig({ test: { ', ''),
      errors: [['test-config-weakened', 'medium', undefined, undefined]],
    },
    {
      name: 'the config deleted with thresholds in it',
      path: 'vitest.config.ts',
      old: vitest('{ coverage: { thresholds: { lines: 80 } } }'),
      new: null,
      errors: [['test-config-weakened', 'high', undefined, undefined]],
      messages: ['coverage threshold lines removed (was 80)'],
    },
  ])
})

describe('jest and package.json', () => {
  table([
    {
      name: 'jest.config.js unchanged in substance',
      path: 'jest.config.js',
      old: lines("module.exports = { testMatch: ['**/test/**/*.test.ts'] }"),
      new: lines('/** @type {import("jest").Config} */', "module.exports = {\n  testMatch: ['**/test/**/*.test.ts'],\n}"),
      errors: [],
    },
    {
      name: 'jest passWithNoTests and a global threshold lowered',
      path: 'jest.config.ts',
      old: lines('export default { coverageThreshold: { global: { branches: 80 } } }'),
      new: lines('export default {', '  passWithNoTests: true,', '  coverageThreshold: { global: { branches: 50 } },', '}'),
      errors: [
        ['test-config-weakened', 'high', 2, 3],
        ['test-config-weakened', 'high', 3, 34],
      ],
    },
    {
      name: 'jest negative thresholds: more uncovered lines allowed',
      path: 'jest.config.json',
      old: JSON.stringify({ coverageThreshold: { global: { lines: -10 } } }),
      new: JSON.stringify({ coverageThreshold: { global: { lines: -20 } } }),
      errors: [['test-config-weakened', 'high', 1, 33]],
    },
    {
      name: 'jest testPathIgnorePatterns widened',
      path: 'jest.config.js',
      old: lines('module.exports = {}'),
      new: lines("module.exports = { testPathIgnorePatterns: ['/node_modules/', '<rootDir>/e2e/'] }"),
      errors: [['test-config-weakened', 'high', 1, 20]],
      messages: ['e.g. e2e/app.spec.ts (changed: `testPathIgnorePatterns`)'],
    },
    {
      name: 'jest roots narrowed',
      path: 'jest.config.js',
      old: lines('module.exports = {}'),
      new: lines("module.exports = { roots: ['<rootDir>/test'] }"),
      errors: [['test-config-weakened', 'high', 1, 20]],
    },
    {
      name: 'jest testTimeout raised tenfold',
      path: 'jest.config.js',
      old: lines('module.exports = { testTimeout: 5000 }'),
      new: lines('module.exports = { testTimeout: 60000 }'),
      errors: [['test-config-weakened', 'high', 1, 20]],
    },
    {
      name: 'package.json jest key',
      path: 'package.json',
      old: JSON.stringify({ name: 'x', jest: {} }, null, 2),
      new: JSON.stringify({ name: 'x', jest: { passWithNoTests: true } }, null, 2),
      errors: [['test-config-weakened', 'high', 4, 5]],
      messages: ['`jest.passWithNoTests` set to true'],
    },
    {
      name: 'package.json scripts: unrelated scripts and a reworded test script',
      path: 'package.json',
      old: JSON.stringify({ scripts: { test: 'vitest run', lint: 'eslint .' } }, null, 2),
      new: JSON.stringify({ scripts: { test: 'vitest run --reporter=dot', lint: 'eslint . || true' } }, null, 2),
      errors: [],
    },
    {
      name: 'package.json test script masks',
      path: 'package.json',
      old: JSON.stringify({ scripts: { test: 'vitest run', 'test:e2e': 'playwright test' } }, null, 2),
      new: JSON.stringify({ scripts: { test: 'vitest run --passWithNoTests || true', 'test:e2e': 'echo skipped' } }, null, 2),
      errors: [
        ['test-config-weakened', 'high', 3, 5],
        ['test-config-weakened', 'high', 3, 5],
        ['test-config-weakened', 'high', 4, 5],
      ],
      messages: [
        'The test script now passes --passWithNoTests',
        'The test script now discards the exit code',
        'The test:e2e script no longer runs a test runner',
      ],
    },
    {
      name: 'package.json scripts: a wrapper flag with its value as the next word (express ea49706, nyc --exclude examples npm test)',
      path: 'package.json',
      old: JSON.stringify({ scripts: { test: 'mocha test/', 'test-ci': 'nyc --reporter=lcovonly npm test' } }, null, 2),
      new: JSON.stringify({ scripts: { test: 'mocha test/', 'test-ci': 'nyc --exclude examples --exclude test --reporter=lcovonly npm test' } }, null, 2),
      errors: [],
    },
    {
      name: 'package.json scripts: after a flag value the next word is the command (nyc --reporter text echo npm test)',
      path: 'package.json',
      old: JSON.stringify({ scripts: { test: 'mocha test/', 'test-ci': 'nyc --reporter=lcovonly npm test' } }, null, 2),
      new: JSON.stringify({ scripts: { test: 'mocha test/', 'test-ci': 'nyc --reporter text echo npm test' } }, null, 2),
      errors: [['test-config-weakened', 'high', 4, 5]],
      messages: ['The test-ci script no longer runs a test runner'],
    },
    {
      name: 'package.json test script removed',
      path: 'package.json',
      old: JSON.stringify({ scripts: { test: 'jest' } }),
      new: JSON.stringify({ scripts: {} }),
      errors: [['test-config-weakened', 'high', undefined, undefined]],
    },
    {
      name: 'package.json that is not JSON (medium)',
      path: 'package.json',
      old: '{}',
      new: '{ "scripts": ',
      errors: [['test-config-weakened', 'medium', undefined, undefined]],
    },
  ])
})

describe('mocha', () => {
  table([
    {
      name: '.mocharc.yml unchanged values in another style',
      path: '.mocharc.yml',
      old: lines('spec: test', 'timeout: 2000'),
      new: lines('spec: "test"', 'timeout: "2s"'),
      errors: [],
    },
    {
      name: 'retries raised, timeout turned off, forbid-only dropped',
      path: '.mocharc.yml',
      old: lines('forbid-only: true', 'spec: test'),
      new: lines('spec: test', 'retries: 2', 'timeout: 0'),
      errors: [
        ['test-config-weakened', 'high', 2, 1],
        ['test-config-weakened', 'high', 3, 1],
        ['test-config-weakened', 'high', undefined, undefined],
      ],
      messages: ['`retries` raised from 0 to 2', '`timeout` set to 0', '`forbidOnly` removed'],
    },
    {
      name: 'spec narrowed from a recursive directory',
      path: '.mocharc.json',
      old: JSON.stringify({ spec: 'test', recursive: true }),
      new: JSON.stringify({ spec: 'test' }),
      errors: [['test-config-weakened', 'high', undefined, undefined]],
      messages: ['e.g. test/deep/more.js (changed: `recursive`)'],
    },
    {
      name: 'package.json mocha key: timeout raised tenfold as a string',
      path: 'package.json',
      old: JSON.stringify({ mocha: {} }),
      new: JSON.stringify({ mocha: { timeout: '20s' } }),
      errors: [['test-config-weakened', 'high', 1, 11]],
    },
  ])
})

describe('runnerConfigKind', () => {
  it.each([
    ['vitest.config.ts', 'vitest'],
    ['packages/a/vite.config.mjs', 'vitest'],
    ['vitest.workspace.json', 'vitest-workspace'],
    ['jest.config.cjs', 'jest'],
    ['.mocharc.jsonc', 'mocha'],
    ['packages/a/package.json', 'package'],
    ['node_modules/x/package.json', undefined],
    ['vitest.setup.ts', undefined],
  ])('%s → %s', (path, kind) => {
    expect(runnerConfigKind(path)).toBe(kind)
  })
})

describe('evaluateConfigModule (discover.ts)', () => {
  it('evaluates the static parts and lists the dynamic ones by dotted path', () => {
    const text = lines(
      "import { defineConfig, configDefaults } from 'vitest/config'",
      "const shared = { environment: 'node' }",
      'export default defineConfig({',
      "  test: { ...shared, include: [...configDefaults.include, process.env.X], retry: Number(process.env.R), exclude: ['e2e/**'] },",
      '})',
    )
    expect(evaluateConfigModule(ts, 'vitest.config.ts', text)).toEqual({
      value: { test: { environment: 'node', include: ['**/*.{test,spec}.?(c|m)[jt]s?(x)'], exclude: ['e2e/**'] } },
      dynamic: ['test.include', 'test.retry'],
    })
  })

  it('falls back to the first object literal with a known key, else reports the export dynamic', () => {
    expect(evaluateConfigModule(ts, 'jest.config.js', lines('module.exports = make({ testMatch: ["**/*.spec.js"] })'), ['testMatch']).value).toEqual({
      testMatch: ['**/*.spec.js'],
    })
    expect(evaluateConfigModule(ts, 'jest.config.js', lines('module.exports = make()'))).toEqual({ value: undefined, dynamic: [''] })
  })
})
