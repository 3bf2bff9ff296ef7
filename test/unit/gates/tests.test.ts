// The tests gate's pure parts: reporter parsers on real captured output (test/fixtures/tests/captured,
// recorded by capture.mjs), runner detection, script arguments, locating failures, the results file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ChangedFile, ChangeSet } from '../../../src/changes/types.js'
import { evidenceGate } from '../../../src/gates/evidence.js'
import { mockIntegrityGate } from '../../../src/gates/mock-integrity.js'
import { semanticTestsGate } from '../../../src/gates/semantic-tests.js'
import {
  countsSummary,
  detectRunner,
  firstLines,
  lineInFile,
  parseJestLikeJson,
  parseMochaJson,
  parseNodeTap,
  ReportParseError,
  readTestResults,
  scriptRunnerArgs,
  testScript,
  testsGate,
  writeTestResults,
  type ParsedReport,
  type TestResults,
} from '../../../src/gates/tests.js'
import { makeTempDir, PROJECT_ROOT, removeTempDirs } from '../../helpers/repo.js'

const CAPTURED = join(PROJECT_ROOT, 'test/fixtures/tests/captured')
const index = JSON.parse(readFileSync(join(CAPTURED, 'index.json'), 'utf8')) as {
  root: string
  cases: Record<string, { report: string | null; exitCode: number; files: string[] }>
}
const ROOT = index.root

function parseCaptured(name: string): ParsedReport {
  const entry = index.cases[name]
  if (entry === undefined || entry.report === null) throw new Error(`no captured report for ${name}`)
  const text = readFileSync(join(CAPTURED, entry.report), 'utf8')
  const runner = name.split('-')[0]
  if (runner === 'node') return parseNodeTap(text, ROOT, (p) => entry.files.includes(p))
  if (runner === 'mocha') return parseMochaJson(text, ROOT)
  return parseJestLikeJson(text, ROOT, runner as 'vitest' | 'jest')
}

interface Expected {
  counts: [total: number, passed: number, failed: number, skipped: number]
  /** name, file, line (undefined when the reporter gives none), a fragment of the message. */
  failures: Array<[string, string, number | undefined, string]>
}

// Lines are those of test/fixtures/tests/projects.ts: `multiplies` asserts on line 8 with a
// one-line import header (vitest, mocha), 7 with none (jest), 9 with two (node).
const cases: Record<string, Expected> = {
  'vitest-pass': { counts: [3, 2, 0, 1], failures: [] },
  'vitest-fail': {
    counts: [3, 1, 2, 0],
    failures: [
      ['math > multiplies', 'test/math.test.js', 8, 'expected 4 to be 5'],
      ['throws', 'test/other.test.js', 4, 'boom\nsecond line'],
    ],
  },
  'vitest-crash': {
    counts: [4, 1, 2, 1],
    failures: [
      ['test/broken.test.js (suite failed to run)', 'test/broken.test.js', undefined, 'invalid JS syntax'],
      // vitest's JSON reporter drops the error of a hook inside a describe; the file still fails.
      ['test/setup.test.js (suite failed to run)', 'test/setup.test.js', undefined, 'the reporter gave no message'],
    ],
  },
  'vitest-zero': { counts: [0, 0, 0, 0], failures: [] },
  'jest-pass': { counts: [3, 2, 0, 1], failures: [] },
  'jest-fail': {
    counts: [3, 1, 2, 0],
    failures: [
      ['math > multiplies', 'test/math.test.js', 7, 'Expected: 5\nReceived: 4'],
      ['throws', 'test/other.test.js', 3, 'boom\nsecond line'],
    ],
  },
  'jest-crash': {
    counts: [3, 1, 2, 0],
    failures: [
      ['with setup > needs setup', 'test/setup.test.js', 4, 'setup exploded'],
      ['test/broken.test.js (suite failed to run)', 'test/broken.test.js', undefined, 'SyntaxError: /fixture-root/test/broken.test.js: Unexpected token'],
    ],
  },
  'jest-zero': { counts: [0, 0, 0, 0], failures: [] },
  'node-pass': { counts: [3, 2, 0, 1], failures: [] },
  'node-fail': {
    counts: [3, 1, 2, 0],
    failures: [
      ['math > multiplies', 'test/math.test.js', 9, '4 !== 5'],
      ['throws', 'test/other.test.js', 5, 'boom\nsecond line'],
    ],
  },
  'node-crash': {
    counts: [4, 1, 3, 0],
    failures: [
      ['test/broken.test.js', 'test/broken.test.js', 5, 'SyntaxError: Unexpected end of input'],
      ['with setup', 'test/setup.test.js', 6, 'setup exploded'],
      ['with setup > needs setup', 'test/setup.test.js', 8, 'cancelled'],
    ],
  },
  // The file that declares no test is reported by node as one passing test; it must not count.
  'node-zero': { counts: [0, 0, 0, 0], failures: [] },
  'mocha-pass': { counts: [3, 2, 0, 1], failures: [] },
  'mocha-fail': {
    counts: [3, 1, 2, 0],
    failures: [
      ['throws', 'test/other.test.js', 4, 'boom\nsecond line'],
      ['math multiplies', 'test/math.test.js', 8, '4 !== 5'],
    ],
  },
}

describe('parsers on captured reporter output', () => {
  it.each(Object.entries(cases))('%s', (name, expected) => {
    const report = parseCaptured(name)
    expect([report.total, report.passed, report.failed, report.skipped]).toEqual(expected.counts)
    expect(report.failures.map((f) => [f.name, f.file, f.line])).toEqual(expected.failures.map(([n, f, l]) => [n, f, l]))
    report.failures.forEach((f, i) => {
      expect(f.message).toContain(expected.failures[i]?.[3])
      // Stack frames stay out of the message; the line carries the location.
      expect(f.message).not.toMatch(/^\s*at /m)
    })
  })

  it('captured every runner and case the table covers (mocha writes no report on a load error or no files)', () => {
    expect(
      Object.keys(index.cases)
        .filter((k) => index.cases[k]?.report !== null)
        .sort(),
    ).toEqual(Object.keys(cases).sort())
    expect(index.cases['mocha-crash']).toMatchObject({ report: null, exitCode: 1 })
    expect(index.cases['mocha-zero']).toMatchObject({ report: null, exitCode: 1 })
  })
})

describe('parsers fail closed on output they do not understand', () => {
  it.each([
    ['vitest, not JSON', () => parseJestLikeJson('JSON report written to', ROOT, 'vitest'), /not JSON/],
    ['vitest, truncated JSON', () => parseJestLikeJson('{"numTotalTests": 3, "testResults": [', ROOT, 'vitest'), /not JSON/],
    ['jest, another shape', () => parseJestLikeJson('{"stats": {}}', ROOT, 'jest'), /without testResults/],
    ['mocha, another shape', () => parseMochaJson('{"numTotalTests": 1, "testResults": []}', ROOT), /without stats/],
    ['node, no TAP header', () => parseNodeTap('▶ math\n  ✔ adds\n', ROOT), /no TAP header/],
    ['node, no summary', () => parseNodeTap('TAP version 13\n# Subtest: a\nok 1 - a\n', ROOT), /ends before its summary/],
  ])('%s', (_name, parse, message) => {
    expect(parse).toThrow(ReportParseError)
    expect(parse).toThrow(message)
  })

  it('counts a test status it does not know as a failure', () => {
    const json = JSON.stringify({
      numTotalTests: 1,
      testResults: [
        { name: `${ROOT}/a.test.js`, status: 'passed', assertionResults: [{ ancestorTitles: [], title: 't', status: 'exploded', failureMessages: [] }] },
      ],
    })
    expect(parseJestLikeJson(json, ROOT, 'vitest')).toMatchObject({
      total: 1,
      failed: 1,
      failures: [{ name: 't', file: 'a.test.js', message: 'status: exploded' }],
    })
  })
})

describe('parseNodeTap', () => {
  const tap = (body: string): string => `TAP version 13\n${body}\n1..1\n# tests 1\n# pass 1\n`

  it.each([
    ['an escaped # in a name', 'ok 1 - issue \\#42 is fixed', { passed: 1, skipped: 0 }],
    ['a SKIP directive with a reason', 'ok 1 - later # SKIP not on CI', { passed: 0, skipped: 1 }],
    ['a TODO directive on a failing test', 'not ok 1 - later # TODO', { passed: 0, failed: 0, skipped: 1 }],
  ])('reads %s', (_name, body, counts) => {
    expect(parseNodeTap(tap(body), ROOT, () => false)).toMatchObject(counts)
  })

  it('keeps nested names and attaches subtests to the parent that follows them', () => {
    const body = [
      '# Subtest: outer',
      '    # Subtest: inner',
      '        # Subtest: leaf',
      '        not ok 1 - leaf',
      '          ---',
      "          type: 'test'",
      "          location: '/fixture-root/t.test.js:3:5'",
      "          error: 'nope'",
      '          ...',
      '    not ok 1 - inner',
      '      ---',
      "      type: 'suite'",
      "      failureType: 'subtestsFailed'",
      '      ...',
      'not ok 1 - outer',
      '  ---',
      "  type: 'suite'",
      "  failureType: 'subtestsFailed'",
      '  ...',
    ].join('\n')
    expect(parseNodeTap(tap(body), ROOT, () => false)).toEqual({
      total: 1,
      passed: 0,
      failed: 1,
      skipped: 0,
      failures: [{ name: 'outer > inner > leaf', file: 't.test.js', line: 3, message: 'nope' }],
    })
  })
})

describe('lineInFile and firstLines', () => {
  it.each([
    ['an absolute frame', `Error: x\n    at fn (${ROOT}/test/a.test.js:12:5)`, 12],
    ['a file URL frame', `Error: x\n    at file://${ROOT}/test/a.test.js:7:1`, 7],
    ['a root-relative frame (mocha, jest)', 'Error: x\n    at Context.<anonymous> (test/a.test.js:3:9)', 3],
    [
      'the first frame in the file, not a helper',
      `at helper (${ROOT}/src/h.js:1:1)\n    at t (${ROOT}/test/a.test.js:20:2)\n    at t (${ROOT}/test/a.test.js:30:2)`,
      20,
    ],
    ['no frame in the file', `at helper (${ROOT}/src/h.js:1:1)`, undefined],
    ['a same-named file elsewhere', '    at x (/elsewhere/test/a.test.js:9:9)', undefined],
  ])('finds %s', (_name, text, line) => {
    expect(lineInFile(text, ROOT, 'test/a.test.js')).toBe(line)
  })

  it('keeps the first lines without stack frames or colours', () => {
    const message = '\u001b[31mAssertionError: expected 4 to be 5\u001b[39m\n\n\n- Expected\n+ Received\n    at x (a.js:1:1)\n1\n2\n3\n4'
    expect(firstLines(message)).toBe('AssertionError: expected 4 to be 5\n\n- Expected\n+ Received\n1\n2')
  })
})

describe('detectRunner', () => {
  afterAll(removeTempDirs)
  const project = (files: Record<string, unknown>): string =>
    makeTempDir(
      Object.fromEntries(Object.entries(files).map(([path, content]) => [path, typeof content === 'string' ? content : JSON.stringify(content)])),
      'proofgate-detect-',
    )

  it.each([
    [
      'the test script names vitest',
      { 'package.json': { scripts: { test: 'vitest run --coverage' }, devDependencies: { jest: '1' } } },
      'vitest',
      'test script',
    ],
    ['the test script runs node --test', { 'package.json': { scripts: { test: 'tsc && node --import tsx --test test/' } } }, 'node', 'test script'],
    ['the earliest runner in the script wins', { 'package.json': { scripts: { test: 'mocha && jest' } } }, 'mocha', 'test script'],
    ['a vitest config', { 'package.json': { scripts: { test: 'npm run unit' } }, 'vitest.config.mts': '' }, 'vitest', 'vitest.config.mts'],
    [
      'a vite config with a test block',
      { 'package.json': {}, 'vite.config.ts': 'export default { test: { globals: true } }' },
      'vitest',
      'vite.config.ts (test block)',
    ],
    ['a jest config', { 'package.json': {}, 'jest.config.cjs': '' }, 'jest', 'jest.config.cjs'],
    ['a jest key in package.json', { 'package.json': { jest: { testEnvironment: 'node' } } }, 'jest', 'package.json "jest" key'],
    ['a .mocharc', { 'package.json': {}, '.mocharc.yml': 'spec: test' }, 'mocha', '.mocharc.yml'],
    ['a dependency only', { 'package.json': { devDependencies: { mocha: '11' } } }, 'mocha', 'package.json dependencies'],
    ['any other test script', { 'package.json': { scripts: { test: 'ava' } } }, 'script', 'test script'],
  ])('%s', (_name, files, runner, source) => {
    expect(detectRunner(project(files))).toEqual({ runner, source })
  })

  it.each([
    ['no package.json', {}],
    ['a vite config without a test block', { 'package.json': {}, 'vite.config.ts': 'export default {}' }],
    ["npm init's placeholder script", { 'package.json': { scripts: { test: 'echo "Error: no test specified" && exit 1' } } }],
  ])('finds no runner with %s', (_name, files) => {
    expect(detectRunner(project(files))).toBeNull()
  })

  it('throws on a package.json that is not JSON', () => {
    expect(() => detectRunner(project({ 'package.json': '{ "scripts": ' }))).toThrow(/Cannot read .*package\.json/)
  })

  it('ignores an empty test script', () => {
    expect(testScript({ scripts: { test: '  ' } })).toBeUndefined()
  })
})

describe('scriptRunnerArgs', () => {
  it.each([
    ['node --test test/', 'node', ['test/']],
    ['node --test --test-reporter spec --import tsx "test/**/*.test.ts"', 'node', ['--import', 'tsx', 'test/**/*.test.ts']],
    ['node --test --test-reporter=dot --test-reporter-destination=stdout', 'node', []],
    ["mocha 'test/**/*.spec.js' --reporter dot --recursive", 'mocha', ['test/**/*.spec.js', '--recursive']],
    ['mocha -R spec -w test', 'mocha', ['test']],
    ['npm run build && node --test', 'node', undefined],
    ['node --test $TESTS', 'node', undefined],
    ['node test/run.js', 'node', undefined],
    ['vitest run', 'mocha', undefined],
    [undefined, 'node', undefined],
  ] as const)('%s → %j', (script, runner, args) => {
    expect(scriptRunnerArgs(script, runner)).toEqual(args)
  })
})

describe('the results file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proofgate-results-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const results: TestResults = {
    schemaVersion: 1,
    runner: 'vitest',
    status: 'failed',
    command: ['node', 'vitest.mjs', 'run'],
    total: 2,
    passed: 1,
    failed: 1,
    skipped: 0,
    durationMs: 1234,
    failures: [{ name: 'math > multiplies', file: 'test/math.test.js', line: 8, message: 'expected 4 to be 5' }],
    treeHash: 'a'.repeat(40),
    headSha: 'b'.repeat(40),
    runId: 'run-1',
    exitCode: 1,
    finishedAt: '2026-01-01T00:00:00.000Z',
  }

  it('is null when absent, and reads back what was written', async () => {
    expect(await readTestResults(join(dir, 'nothing-here'))).toBeNull()
    await writeTestResults(dir, results)
    expect(await readTestResults(dir)).toEqual(results)
  })

  it.each([
    ['not JSON', '{"schemaVersion": 1,', /test-results\.json is not valid JSON/],
    ['another schema version', JSON.stringify({ ...results, schemaVersion: 2 }), /not a test results file .*schemaVersion/],
    ['a missing field', JSON.stringify({ ...results, treeHash: undefined }), /treeHash/],
  ])('throws a clear error when it is %s', async (_name, text, message) => {
    const bad = mkdtempSync(join(dir, 'bad-'))
    writeFileSync(join(bad, 'test-results.json'), text)
    await expect(readTestResults(bad)).rejects.toThrow(message)
  })
})

describe('countsSummary', () => {
  it('reads like a sentence', () => {
    expect(countsSummary({ total: 12, passed: 11, failed: 1, skipped: 0 }, 'vitest', 2_140)).toBe('12 tests: 11 passed, 1 failed, 0 skipped (vitest, 2.1 s)')
    expect(countsSummary({ total: 1, passed: 1, failed: 0, skipped: 0 }, 'node', 40)).toBe('1 test: 1 passed, 0 failed, 0 skipped (node, 0.0 s)')
  })
})

describe('documentation-only change sets', () => {
  const file = (path: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({
    path,
    status: 'modified',
    binary: false,
    addedLines: [],
    contextLines: [],
    ...extra,
  })
  const changes = (...files: ChangedFile[]): ChangeSet => ({ files }) as ChangeSet

  it('skips the tests, evidence and test-integrity gates with the same reason', () => {
    const docs = changes(file('README.md'), file('docs/a.md'), file('docs/b.md'), file('LICENSE'))
    const skipped = { applies: false, reason: 'only documentation changed (4 files (README.md, docs/a.md, docs/b.md, …))' }
    expect(testsGate.appliesTo?.(docs)).toEqual(skipped)
    expect(evidenceGate.appliesTo?.(docs)).toEqual(skipped)
    expect(mockIntegrityGate.appliesTo?.(docs)).toEqual(skipped)
    expect(semanticTestsGate.appliesTo?.(docs)).toEqual(skipped)
    expect(testsGate.appliesTo?.(changes(file('README.md'), file('src/a.ts')))).toBe(true)
    expect(evidenceGate.appliesTo?.(changes(file('README.md'), file('src/a.ts')))).toBe(true)
    expect(evidenceGate.appliesTo?.(changes())).toBe(true)
  })
})
