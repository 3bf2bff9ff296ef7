// The coverage gate end to end through the engine (runProofgate): real git, real vitest with
// @vitest/coverage-v8, node --test with node's own coverage, and handwritten lcov and istanbul
// reports. Every expected number below is counted by hand from the source shown next to it.
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GateId } from '../../../src/findings/types.js'
import type { CoverageGateData } from '../../../src/gates/coverage.js'
import { runProofgate } from '../../../src/runner/run.js'
import type { GateResult, RunResult } from '../../../src/runner/types.js'
import { makeTempGitRepo, PROJECT_ROOT, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

async function run(repo: TempRepo, options: { base: string; head?: string; mode?: 'blocking' | 'advisory'; gates?: GateId[] }): Promise<RunResult> {
  return runProofgate({
    cwd: repo.dir,
    base: options.base,
    ...(options.head === undefined ? {} : { head: options.head }),
    gates: options.gates ?? ['coverage'],
    strictWarnings: false,
    env: { PROOFGATE_GATE_COVERAGE: options.mode ?? 'blocking' },
    reporters: [],
    warn: () => {},
  })
}

function coverage(result: RunResult): GateResult {
  const found = result.gates.find((g) => g.id === 'coverage')
  if (found === undefined) throw new Error(`the coverage gate did not run: ${result.gates.map((g) => g.id).join(', ')}`)
  return found
}

const dataOf = (result: RunResult): CoverageGateData => coverage(result).data as CoverageGateData

/** [rule id, severity, path, startLine, endLine, blocking] of the coverage gate's findings, in report order. */
const located = (result: RunResult): Array<[string, string, string | undefined, number | undefined, number | undefined, boolean]> =>
  result.findings.filter((f) => f.gate === 'coverage').map((f) => [f.ruleId, f.severity, f.path, f.startLine, f.endLine, f.blocking])

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

function repository(files: Record<string, string>, linkNodeModules = true): TempRepo {
  const r = makeTempGitRepo({ linkNodeModules, files: { '.gitignore': lines('node_modules', '.proofgate/*', 'coverage'), ...files } })
  repos.push(r)
  return r
}

/** The base version of the module under test: one tested function. */
const MATH_BASE = lines('export function add(a: number, b: number): number {', '  return a + b', '}')

/**
 * The change: lines 4–13 are added (line 4 blank). Under istanbul's model (vitest v8 and the
 * handwritten istanbul report) a line is executable when a statement starts on it: 7 (`if`),
 * 8 (`const`), 9 and 11 (`return`); function declarations, braces, `else` and comments are not.
 * The test calls classify(5) only: 7 and 11 run, 8 and 9 do not.
 */
const MATH_TS = lines(
  'export function add(a: number, b: number): number {', // 1
  '  return a + b', //                                     2  statement, run by the add test
  '}', //                                                  3
  '', //                                                   4  added, blank
  'export function classify(n: number): string {', //     5  added
  '  // Negative numbers are rare here.', //               6  added, comment
  '  if (n < 0) {', //                                     7  added, statement, run
  "    const label = 'negative'", //                       8  added, statement, NOT run
  '    return label', //                                   9  added, statement, NOT run
  '  } else {', //                                        10  added
  "    return 'non-negative'", //                         11  added, statement, run
  '  }', //                                               12  added
  '}', //                                                 13  added
)

/** A new file no test imports: statements start on lines 3 and 6, neither runs. */
const UNUSED_TS = lines(
  '// Not used by any test yet.', //            1  comment
  'export function twice(n: number): number {', // 2
  '  return n * 2', //                          3  statement
  '}', //                                       4
  '', //                                        5
  'export const ZERO = 0', //                   6  statement
)

const MATH_TEST_TS = lines(
  "import { expect, it } from 'vitest'",
  "import { add, classify } from '../src/math.js'",
  '',
  "it('adds', () => {",
  '  expect(add(1, 2)).toBe(3)',
  '})',
  '',
  "it('classifies a positive number', () => {",
  "  expect(classify(5)).toBe('non-negative')",
  '})',
)

describe('vitest with @vitest/coverage-v8', () => {
  let repo: TempRepo
  let base: string
  beforeAll(() => {
    repo = repository({
      'package.json': JSON.stringify({ name: 'calc', private: true, type: 'module', scripts: { test: 'vitest run' } }, null, 2) + '\n',
      'src/math.ts': MATH_BASE,
      'test/math.test.ts': lines(
        "import { expect, it } from 'vitest'",
        "import { add } from '../src/math.js'",
        "it('adds', () => { expect(add(1, 2)).toBe(3) })",
      ),
    })
    base = repo.head()
  })

  it('counts the changed executable lines a test ran, by hand', async () => {
    repo.git('reset', '-q', '--hard', base)
    repo.commit('classify', { 'src/math.ts': MATH_TS, 'src/unused.ts': UNUSED_TS, 'test/math.test.ts': MATH_TEST_TS })
    const result = await run(repo, { base })
    // Patch: math.ts 7, 8, 9, 11 (7 and 11 covered) + unused.ts 3, 6 (neither) = 2 of 6.
    // The test file changed too, but tests are not measured.
    expect(dataOf(result).patch).toEqual({ covered: 2, total: 6, percent: 33.3 })
    expect(dataOf(result).files).toEqual([
      { path: 'src/math.ts', covered: 2, total: 4, inReport: true },
      { path: 'src/unused.ts', covered: 0, total: 2, inReport: true },
    ])
    // Overall: vitest is told to include the changed files only, so the report holds math.ts
    // (2, 7, 11 covered; 8, 9 not: 3 of 5) and unused.ts (3, 6: 0 of 2) = 3 of 7 = 42.857…%.
    expect(dataOf(result).overall).toEqual({ covered: 3, total: 7, percent: 42.9 })
    // 8 and 9 are consecutive uncovered statements; in unused.ts nothing covered lies between 3 and 6.
    expect(located(result)).toEqual([
      ['uncovered-lines', 'low', 'src/math.ts', 8, 9, false],
      ['uncovered-lines', 'low', 'src/unused.ts', 3, 6, false],
    ])
    expect(result.findings.filter((f) => f.gate === 'coverage').map((f) => f.message)).toEqual([
      'lines 8–9 are not covered by any test (2 changed executable lines)',
      'lines 3–6 are not covered by any test (2 changed executable lines)',
    ])
    expect(coverage(result)).toMatchObject({
      mode: 'blocking',
      status: 'pass',
      summary: 'patch coverage 33.3% (2 of 6 changed executable lines), overall 42.9% (vitest v8)',
    })
    expect(dataOf(result)).toMatchObject({ runner: 'vitest v8', report: { format: 'istanbul', path: null }, notes: [] })
    // The run's report directory is gone, and vitest wrote nothing into the repository.
    expect(readdirSync(join(repo.dir, '.proofgate/tmp')).filter((name) => name.startsWith('coverage-'))).toEqual([])
    expect(existsSync(join(repo.dir, 'coverage'))).toBe(false)
    expect(repo.git('status', '--porcelain')).toBe('')
    // low findings do not block: the verdict passes.
    expect(result.verdict).toBe('pass')
  })

  it('runs after the tests gate, in the same run, without disturbing it', async () => {
    repo.git('reset', '-q', '--hard', base)
    repo.commit('classify', { 'src/math.ts': MATH_TS, 'test/math.test.ts': MATH_TEST_TS })
    const result = await run(repo, { base, gates: ['tests', 'coverage'] })
    expect(result.gates.map((g) => [g.id, g.status])).toEqual([
      ['tests', 'pass'],
      ['coverage', 'pass'],
    ])
    expect(result.gates[0]?.summary).toMatch(/^2 tests: 2 passed, 0 failed, 0 skipped \(vitest, /)
    expect(dataOf(result).patch).toEqual({ covered: 2, total: 4, percent: 50 })
  })

  it('reads the report of a failing run and says the tests failed', async () => {
    repo.git('reset', '-q', '--hard', base)
    repo.commit('classify, with a wrong expectation', {
      'src/math.ts': MATH_TS,
      'test/math.test.ts': MATH_TEST_TS.replace("toBe('non-negative')", "toBe('positive')"),
    })
    const result = await run(repo, { base })
    // The failing test still ran classify(5): the same lines of math.ts as above.
    expect(dataOf(result).patch).toEqual({ covered: 2, total: 4, percent: 50 })
    expect(dataOf(result).testExitCode).toBe(1)
    expect(coverage(result).summary).toBe(
      'patch coverage 50.0% (2 of 4 changed executable lines), overall 60.0% (vitest v8); the test run failed (exit code 1): coverage is that of a failing run; the tests gate reports the failures',
    )
    expect(located(result)).toEqual([['uncovered-lines', 'low', 'src/math.ts', 8, 9, false]])
  })

  it('with min-patch-coverage above the patch: a high finding without a path that blocks', async () => {
    repo.git('reset', '-q', '--hard', base)
    repo.commit('classify, with a minimum', {
      'src/math.ts': MATH_TS,
      'test/math.test.ts': MATH_TEST_TS,
      '.proofgate.yml': lines('gates:', '  coverage:', '    min-patch-coverage: 80'),
    })
    const result = await run(repo, { base })
    expect(located(result)).toEqual([
      ['patch-coverage-below-minimum', 'high', undefined, undefined, undefined, true],
      ['uncovered-lines', 'low', 'src/math.ts', 8, 9, false],
    ])
    expect(result.findings.find((f) => f.ruleId === 'patch-coverage-below-minimum')?.message).toBe(
      'Patch coverage is 50.0% (2 of 4 changed executable lines covered), below the minimum of 80% (gates.coverage.min-patch-coverage).',
    )
    expect(coverage(result).status).toBe('fail')
    expect(result.verdict).toBe('blocked')
  })

  it('errors with the output tail when the run writes no report', async () => {
    repo.git('reset', '-q', '--hard', base)
    repo.commit('classify, with a flag vitest rejects before running anything', {
      'src/math.ts': MATH_TS,
      '.proofgate.yml': lines('gates:', '  coverage:', '    args: [--definitely-not-a-flag]'),
    })
    const result = await run(repo, { base })
    expect(coverage(result).status).toBe('errored')
    expect(coverage(result).reason).toMatch(
      /^the vitest v8 coverage run \(exit code 1\) left no usable report: \.proofgate\/tmp\/coverage-[0-9a-f-]+\/coverage-final\.json: the coverage report does not exist: .*\. Last output:\n[\s\S]*Unknown option `--definitelyNotA-flag`/,
    )
    expect(result.verdict).toBe('blocked')
  })

  it('skips a change that touches only tests', async () => {
    repo.git('reset', '-q', '--hard', base)
    repo.commit('more tests', {
      'test/math.test.ts': lines(
        "import { expect, it } from 'vitest'",
        "import { add } from '../src/math.js'",
        "it('adds', () => { expect(add(2, 2)).toBe(4) })",
      ),
    })
    const result = await run(repo, { base })
    expect(coverage(result)).toMatchObject({ status: 'skipped', reason: 'no JS/TS source file changed' })
    expect(located(result)).toEqual([])
  })

  it('measures the commit under test in a temporary worktree when the disk differs from it', async () => {
    repo.git('reset', '-q', '--hard', base)
    const head = repo.commit('classify', { 'src/math.ts': MATH_TS, 'test/math.test.ts': MATH_TEST_TS })
    repo.write({ 'src/math.ts': MATH_BASE })
    try {
      const result = await run(repo, { base, head: 'HEAD' })
      const where = `measured in a temporary worktree of commit ${head.slice(0, 12)} (the disk differs in 1 file (src/math.ts))`
      expect(coverage(result)).toMatchObject({
        status: 'pass',
        summary: `patch coverage 50.0% (2 of 4 changed executable lines), overall 60.0% (vitest v8); ${where}`,
      })
      expect(dataOf(result).patch).toEqual({ covered: 2, total: 4, percent: 50 })
      expect(dataOf(result).notes).toEqual([where])
      expect(located(result)).toEqual([['uncovered-lines', 'low', 'src/math.ts', 8, 9, false]])
      expect(repo.worktrees()).toEqual([`worktree ${repo.dir}`])
    } finally {
      repo.git('checkout', '-q', '--', 'src/math.ts')
    }
  })
})

describe('vitest without @vitest/coverage-v8', () => {
  it('errors with the command that installs the provider (fail closed)', async () => {
    // node_modules holds vitest only (a link to proofgate's copy), so the repository itself cannot
    // resolve @vitest/coverage-v8.
    const repo = repository(
      { 'package.json': JSON.stringify({ name: 'bare', private: true, type: 'module', scripts: { test: 'vitest run' } }) + '\n', 'src/math.ts': MATH_BASE },
      false,
    )
    mkdirSync(join(repo.dir, 'node_modules'))
    symlinkSync(join(PROJECT_ROOT, 'node_modules/vitest'), join(repo.dir, 'node_modules/vitest'), 'dir')
    const base = repo.head()
    repo.commit('classify', { 'src/math.ts': MATH_TS })
    const result = await run(repo, { base })
    expect(coverage(result).status).toBe('errored')
    expect(coverage(result).reason).toBe(
      '@vitest/coverage-v8 is not installed in this repository, and vitest needs it to measure coverage: run `npm i -D @vitest/coverage-v8@5.1.1` (the same version as vitest), or set gates.coverage.runner to report with a report your CI writes',
    )
    expect(located(result)).toEqual([['gate-errored', 'critical', undefined, undefined, undefined, true]])
    expect(result.verdict).toBe('blocked')
  })
})

/**
 * node --test with node's own coverage (lcov reporter). Node marks every line of a loaded file in
 * its DA records: a line is uncovered when an unexecuted block spans all of it. classify(5) skips
 * the block `{ … }` of the `if`, which fully spans lines 8 and 9 only (it opens on line 7 after
 * the condition and closes on line 10 before `else`).
 */
const MATH_JS = lines(
  'export function add(a, b) {', // 1  covered
  '  return a + b', //              2  covered
  '}', //                           3  covered
  '', //                            4  added, blank: not executable
  'export function classify(n) {', // 5  added, covered
  '  // Negative numbers are rare here.', // 6  added, comment: not executable
  '  if (n < 0) {', //              7  added, covered
  "    const label = 'negative'", // 8  added, NOT covered
  '    return label', //            9  added, NOT covered
  '  } else {', //                 10  added, covered
  "    return 'non-negative'", //  11  added, covered
  '  }', //                        12  added, covered
  '}', //                          13  added, covered
)

/** Never imported by a test, so node leaves it out of the report: its code lines 2, 3, 4 and 6 count uncovered. */
const UNUSED_JS = lines('// Not used by any test yet.', 'export function twice(n) {', '  return n * 2', '}', '', 'export const ZERO = 0')

describe("node --test with node's own coverage", () => {
  it('counts by hand; a file no test loads counts its code lines uncovered', async () => {
    // proofgate runs the runner with its own Node (process.execPath): node 24 here, whatever `node` is on PATH.
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22)
    // No node_modules: with c8 installed the gate would take c8 (the next case).
    const repo = nodeRepository(false)
    const base = repo.head()
    changeMath(repo)
    const result = await run(repo, { base })
    // Patch: math.js code lines 5, 7–13 (8 lines; 4 blank and 6 comment are not), 8 and 9 uncovered: 6 of 8;
    // unused.js (absent): 2, 3, 4, 6 uncovered: 0 of 4. Together 6 of 12.
    expect(dataOf(result).files).toEqual([
      { path: 'src/math.js', covered: 6, total: 8, inReport: true },
      { path: 'src/unused.js', covered: 0, total: 4, inReport: false },
    ])
    expect(dataOf(result).patch).toEqual({ covered: 6, total: 12, percent: 50 })
    // Overall is the report's own count: math.js's 13 DA lines, 11 covered = 84.615…%.
    expect(dataOf(result).overall).toEqual({ covered: 11, total: 13, percent: 84.6 })
    expect(located(result)).toEqual([
      ['uncovered-lines', 'low', 'src/math.js', 8, 9, false],
      ['uncovered-lines', 'low', 'src/unused.js', 2, 6, false],
    ])
    expect(result.findings.find((f) => f.path === 'src/unused.js')?.message).toBe('lines 2–6 are not covered by any test (4 changed executable lines)')
    expect(coverage(result).summary).toBe(
      'patch coverage 50.0% (6 of 12 changed executable lines), overall 84.6% (node --test built-in); 1 file not in the coverage report (src/unused.js); their non-blank lines counted uncovered',
    )
    expect(dataOf(result)).toMatchObject({ runner: 'node --test built-in', report: { format: 'lcov', path: null } })
  })

  it('runs under c8 when the repository has it, which reports the file no test loads too', async () => {
    const repo = nodeRepository(true)
    const base = repo.head()
    changeMath(repo)
    const result = await run(repo, { base })
    expect(dataOf(result)).toMatchObject({ runner: 'node --test c8' })
    // c8 (v8-to-istanbul) makes every line a statement; the gate counts code lines only, as above:
    // math.js 5, 7–13 with 8 and 9 unexecuted; unused.js is in the report (--all) with 2, 3, 4, 6 unexecuted.
    expect(dataOf(result).files).toEqual([
      { path: 'src/math.js', covered: 6, total: 8, inReport: true },
      { path: 'src/unused.js', covered: 0, total: 4, inReport: true },
    ])
    expect(dataOf(result).patch).toEqual({ covered: 6, total: 12, percent: 50 })
    expect(located(result)).toEqual([
      ['uncovered-lines', 'low', 'src/math.js', 8, 9, false],
      ['uncovered-lines', 'low', 'src/unused.js', 2, 6, false],
    ])
  })
})

function nodeRepository(linkNodeModules: boolean): TempRepo {
  return repository(
    {
      'package.json': JSON.stringify({ name: 'calc', private: true, type: 'module', scripts: { test: 'node --test' } }, null, 2) + '\n',
      'src/math.js': lines('export function add(a, b) {', '  return a + b', '}'),
      'test/math.test.js': lines(
        "import { test } from 'node:test'",
        "import assert from 'node:assert/strict'",
        "import { add } from '../src/math.js'",
        "test('adds', () => assert.equal(add(1, 2), 3))",
      ),
    },
    linkNodeModules,
  )
}

function changeMath(repo: TempRepo): void {
  repo.commit('classify', {
    'src/math.js': MATH_JS,
    'src/unused.js': UNUSED_JS,
    'test/math.test.js': lines(
      "import { test } from 'node:test'",
      "import assert from 'node:assert/strict'",
      "import { add, classify } from '../src/math.js'",
      "test('adds', () => assert.equal(add(1, 2), 3))",
      "test('classifies a positive number', () => assert.equal(classify(5), 'non-negative'))",
    ),
  })
}

/**
 * jest's v8 provider (v8-to-istanbul) makes every line a statement, blank lines and comments
 * included; the gate counts only lines with code. The base is lines 1–3 and `module.exports = { add }`,
 * so lines 4–15 are added.
 */
const MATH_CJS = lines(
  'function add(a, b) {', //        1  covered
  '  return a + b', //              2  covered
  '}', //                           3  covered
  '', //                            4  added, blank: not executable
  'function classify(n) {', //      5  added, covered
  '  // Negative numbers are rare here.', // 6  added, comment: not executable
  '  if (n < 0) {', //              7  added, covered
  "    const label = 'negative'", // 8  added, NOT covered
  '    return label', //            9  added, NOT covered
  '  } else {', //                 10  added, covered
  "    return 'non-negative'", //  11  added, covered
  '  }', //                        12  added, covered
  '}', //                          13  added, covered
  '', //                           14  added, blank: not executable
  'module.exports = { add, classify }', // 15  added, covered
)

describe('jest with the v8 provider', () => {
  it('counts by hand; a file no test loads is in the report with zero hits (collectCoverageFrom)', async () => {
    const repo = repository({
      'package.json': JSON.stringify({ name: 'calc', private: true, scripts: { test: 'jest' } }, null, 2) + '\n',
      'src/math.js': lines('function add(a, b) {', '  return a + b', '}', 'module.exports = { add }'),
      'test/math.test.js': lines("const { add } = require('../src/math.js')", "test('adds', () => { expect(add(1, 2)).toBe(3) })"),
    })
    const base = repo.head()
    repo.commit('classify', {
      'src/math.js': MATH_CJS,
      'src/unused.js': lines('// Not used by any test yet.', 'function twice(n) {', '  return n * 2', '}', '', 'module.exports = { twice }'),
      'test/math.test.js': lines(
        "const { add, classify } = require('../src/math.js')",
        "test('adds', () => { expect(add(1, 2)).toBe(3) })",
        "test('classifies a positive number', () => { expect(classify(5)).toBe('non-negative') })",
      ),
    })
    const result = await run(repo, { base })
    // math.js: code lines 5, 7–13, 15 (9), 8 and 9 uncovered: 7 of 9. unused.js: code lines 2, 3, 4, 6, none run: 0 of 4.
    expect(dataOf(result).files).toEqual([
      { path: 'src/math.js', covered: 7, total: 9, inReport: true },
      { path: 'src/unused.js', covered: 0, total: 4, inReport: true },
    ])
    expect(dataOf(result).patch).toEqual({ covered: 7, total: 13, percent: 53.8 })
    // Overall, the report's own count: math.js 15 lines with 13 run, unused.js 6 lines with none = 13 of 21 = 61.904…%.
    expect(dataOf(result).overall).toEqual({ covered: 13, total: 21, percent: 61.9 })
    expect(located(result)).toEqual([
      ['uncovered-lines', 'low', 'src/math.js', 8, 9, false],
      ['uncovered-lines', 'low', 'src/unused.js', 2, 6, false],
    ])
    expect(coverage(result).summary).toBe('patch coverage 53.8% (7 of 13 changed executable lines), overall 61.9% (jest v8)')
  })
})

/** A handwritten lcov for MATH_TS: the same lines as istanbul's model, and an unchanged file. */
function handwrittenLcov(root: string): string {
  return lines(
    'TN:',
    'SF:src/math.ts',
    'DA:2,3',
    'DA:7,1',
    'DA:8,0',
    'DA:9,0',
    'DA:11,1',
    'LF:5',
    'LH:3',
    'end_of_record',
    // An absolute path, as jest and c8 write them.
    `SF:${root}/src/other.ts`,
    'DA:1,1',
    'DA:2,0',
    'end_of_record',
  )
}

/** istanbul JSON for MATH_TS: statements start on 2, 7, 8, 9 and 11; two start on 11 and the line takes the larger count. */
function handwrittenIstanbul(root: string): string {
  const loc = (line: number, from: number, to: number, endLine = line) => ({ start: { line, column: from }, end: { line: endLine, column: to } })
  const file = `${root}/src/math.ts`
  return JSON.stringify({
    [file]: {
      path: file,
      statementMap: { 0: loc(2, 2, 14), 1: loc(7, 2, 3, 12), 2: loc(8, 4, 28), 3: loc(9, 4, 16), 4: loc(11, 4, 25), 5: loc(11, 11, 25) },
      fnMap: {},
      branchMap: {},
      s: { 0: 3, 1: 1, 2: 0, 3: 0, 4: 0, 5: 1 },
      f: {},
      b: {},
    },
  })
}

describe('runner report: a report written before proofgate runs', () => {
  let repo: TempRepo
  let base: string
  beforeAll(() => {
    repo = repository(
      {
        'package.json': JSON.stringify({ name: 'calc', private: true, type: 'module' }) + '\n',
        'src/math.ts': MATH_BASE,
        'src/other.ts': lines('export const one = 1', 'export const two = () => 2'),
      },
      false,
    )
    base = repo.head()
  })

  function change(config: string[], report?: { path: string; text: string }, files: Record<string, string> = {}): void {
    repo.git('reset', '-q', '--hard', base)
    // Ignored files survive the reset: the last case's report goes explicitly.
    rmSync(join(repo.dir, 'coverage'), { recursive: true, force: true })
    repo.commit('classify', { 'src/math.ts': MATH_TS, '.proofgate.yml': lines('gates:', '  coverage:', ...config), ...files })
    // Reports are build output: written to the ignored coverage/ directory, never committed.
    if (report !== undefined) repo.write({ [report.path]: report.text })
  }

  it.each([
    ['lcov', 'coverage/lcov.info', handwrittenLcov],
    ['istanbul JSON', 'coverage/coverage-final.json', handwrittenIstanbul],
  ])('%s: patch and overall counted by hand', async (format, path, write) => {
    change(['    runner: report', `    report: ${path}`], { path, text: write(repo.dir) })
    const result = await run(repo, { base })
    // Patch: 7, 8, 9, 11 executable and changed; 7 and 11 hit.
    expect(dataOf(result).patch).toEqual({ covered: 2, total: 4, percent: 50 })
    expect(located(result)).toEqual([['uncovered-lines', 'low', 'src/math.ts', 8, 9, false]])
    if (format === 'lcov') {
      // Overall: math.ts 3 of 5 (2, 7, 11) + other.ts 1 of 2 = 4 of 7 = 57.142…%.
      expect(dataOf(result).overall).toEqual({ covered: 4, total: 7, percent: 57.1 })
    } else {
      // Overall: math.ts alone, lines 2, 7, 8, 9, 11 with 2, 7, 11 hit = 3 of 5.
      expect(dataOf(result).overall).toEqual({ covered: 3, total: 5, percent: 60 })
    }
    expect(dataOf(result)).toMatchObject({ runner: 'report', report: { format: format === 'lcov' ? 'lcov' : 'istanbul', path } })
    expect(coverage(result).summary).toMatch(
      new RegExp(
        `^patch coverage 50\\.0% \\(2 of 4 changed executable lines\\), overall \\d+\\.\\d% \\(report ${path.replace('.', '\\.')}\\); the report is read from disk as it is: nothing ties it to the tree under test \\([0-9a-f]{12}\\)$`,
      ),
    )
  })

  it("maps a report written on another machine (a CI checkout path) by the path's tail", async () => {
    change(['    runner: report', '    report: coverage/lcov.info'], {
      path: 'coverage/lcov.info',
      text: handwrittenLcov('/home/runner/work/calc/calc').replace('SF:src/math.ts', 'SF:/home/runner/work/calc/calc/src/math.ts'),
    })
    const result = await run(repo, { base })
    expect(dataOf(result).patch).toEqual({ covered: 2, total: 4, percent: 50 })
    expect(dataOf(result).files).toEqual([{ path: 'src/math.ts', covered: 2, total: 4, inReport: true }])
  })

  it.each([
    ['blocking', 'min 60: a high finding that blocks', 60, true, 'blocked'],
    ['advisory', 'min 60: reported, not blocking', 60, false, 'warn'],
    ['blocking', 'min 40: no high finding', 40, undefined, 'pass'],
    ['blocking', 'min 50: exactly at the minimum is enough', 50, undefined, 'pass'],
  ] as const)('min-patch-coverage, %s mode, %s', async (mode, _name, min, blocking, verdict) => {
    change(['    runner: report', '    report: coverage/lcov.info', `    min-patch-coverage: ${min}`], {
      path: 'coverage/lcov.info',
      text: handwrittenLcov(repo.dir),
    })
    const result = await run(repo, { base, mode })
    const high = located(result).filter((f) => f[0] === 'patch-coverage-below-minimum')
    expect(high).toEqual(blocking === undefined ? [] : [['patch-coverage-below-minimum', 'high', undefined, undefined, undefined, blocking]])
    expect(coverage(result).mode).toBe(mode)
    expect(result.verdict).toBe(verdict)
  })

  it('reports each rule by messageId: uncovered-lines line and range, patch-coverage-below-minimum below', async () => {
    const rows = (result: RunResult): unknown[][] =>
      result.findings.filter((f) => f.gate === 'coverage').map((f) => [f.ruleId, f.messageId, f.severity, f.path, f.startLine, f.endLine, f.message])
    // Line 8 hit, 9 not: one uncovered line, 3 of 4 covered (75%), below 80.
    change(['    runner: report', '    report: coverage/lcov.info', '    min-patch-coverage: 80'], {
      path: 'coverage/lcov.info',
      text: handwrittenLcov(repo.dir).replace('DA:8,0', 'DA:8,1'),
    })
    expect(rows(await run(repo, { base }))).toEqual([
      [
        'patch-coverage-below-minimum',
        'below',
        'high',
        undefined,
        undefined,
        undefined,
        'Patch coverage is 75.0% (3 of 4 changed executable lines covered), below the minimum of 80% (gates.coverage.min-patch-coverage).',
      ],
      ['uncovered-lines', 'line', 'low', 'src/math.ts', 9, 9, 'line 9 is not covered by any test (1 changed executable line)'],
    ])
    change(['    runner: report', '    report: coverage/lcov.info'], { path: 'coverage/lcov.info', text: handwrittenLcov(repo.dir) })
    expect(rows(await run(repo, { base }))).toEqual([
      ['uncovered-lines', 'range', 'low', 'src/math.ts', 8, 9, 'lines 8–9 are not covered by any test (2 changed executable lines)'],
    ])
    // Valid: every changed executable line hit, no minimum missed.
    change(['    runner: report', '    report: coverage/lcov.info', '    min-patch-coverage: 100'], {
      path: 'coverage/lcov.info',
      text: handwrittenLcov(repo.dir).replace('DA:8,0', 'DA:8,1').replace('DA:9,0', 'DA:9,1'),
    })
    expect(rows(await run(repo, { base }))).toEqual([])
  })

  it('errors naming the file when the report does not exist', async () => {
    change(['    runner: report', '    report: coverage/lcov.info'])
    const result = await run(repo, { base })
    expect(coverage(result)).toMatchObject({
      status: 'errored',
      reason: 'coverage/lcov.info: the coverage report does not exist: expected an lcov tracefile (.info) or istanbul JSON (coverage-final.json)',
    })
    expect(result.verdict).toBe('blocked')
  })

  it('errors with the file and line of a malformed lcov record', async () => {
    change(['    runner: report', '    report: coverage/lcov.info'], {
      path: 'coverage/lcov.info',
      text: lines('TN:', 'SF:src/math.ts', 'DA:7;1', 'end_of_record'),
    })
    const result = await run(repo, { base })
    expect(coverage(result)).toMatchObject({
      status: 'errored',
      reason: 'coverage/lcov.info:3: expected DA:<line>,<hits> with a line number ≥ 1 and a hit count ≥ 0, got "DA:7;1"',
    })
    expect(result.verdict).toBe('blocked')
  })

  it('errors when runner is report and no report is configured', async () => {
    change(['    runner: report'])
    const result = await run(repo, { base })
    expect(coverage(result).status).toBe('errored')
    expect(coverage(result).reason).toMatch(/^gates\.coverage\.runner is report but gates\.coverage\.report is not set/)
  })

  it('errors for a repository whose tests run with mocha: auto cannot measure it', async () => {
    change(['    runner: auto'], undefined, { 'package.json': JSON.stringify({ name: 'calc', private: true, scripts: { test: 'mocha' } }) + '\n' })
    const result = await run(repo, { base })
    expect(coverage(result)).toMatchObject({
      status: 'errored',
      reason:
        'cannot measure coverage: the repository runs its tests with mocha (from test script), and coverage drives vitest, jest or node --test only: set gates.coverage.runner to vitest, jest or node, or to report with gates.coverage.report naming an lcov or istanbul JSON report your CI writes before proofgate runs',
    })
  })

  it('reads a report where untrusted code must not run (pull_request_target); a runner that executes the suite is refused', async () => {
    const refuse = 'the pull request is checked out on pull_request_target: a pwn request'
    change(['    runner: report', '    report: coverage/lcov.info'], { path: 'coverage/lcov.info', text: handwrittenLcov(repo.dir) })
    const reading = await runProofgate({
      cwd: repo.dir,
      base,
      gates: ['coverage'],
      strictWarnings: false,
      env: { PROOFGATE_GATE_COVERAGE: 'blocking' },
      reporters: [],
      warn: () => {},
      refuseRepositoryCode: refuse,
    })
    expect(coverage(reading).status).toBe('pass')
    expect(dataOf(reading).patch).toEqual({ covered: 2, total: 4, percent: 50 })
    change(['    runner: vitest'])
    const running = await runProofgate({
      cwd: repo.dir,
      base,
      gates: ['coverage'],
      strictWarnings: false,
      env: { PROOFGATE_GATE_COVERAGE: 'blocking' },
      reporters: [],
      warn: () => {},
      refuseRepositoryCode: refuse,
    })
    expect(coverage(running).status).toBe('errored')
    expect(running.findings.map((f) => [f.gate, f.ruleId, f.severity])).toEqual([['coverage', 'gate-refused', 'critical']])
  })

  it('is off by default: nothing runs without opting in', async () => {
    change(['    runner: report', '    report: coverage/lcov.info'], { path: 'coverage/lcov.info', text: handwrittenLcov(repo.dir) })
    await expect(runProofgate({ cwd: repo.dir, base, gates: ['coverage'], strictWarnings: false, env: {}, reporters: [], warn: () => {} })).rejects.toThrow(
      'Every gate is off for this run',
    )
  })
})
