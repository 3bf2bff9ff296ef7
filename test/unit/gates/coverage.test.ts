// The coverage gate's pure parts, table-driven: uncovered ranges, code lines, one file's patch,
// percentages and messages, report paths and formats, istanbul JSON, and the runners' argv.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  codeLines,
  CoverageReportError,
  CoverageSetupError,
  coverageGate,
  coverageSummary,
  filePatch,
  lineRatio,
  literalGlob,
  parseIstanbulJson,
  percent,
  planCoverageRun,
  readCoverageReport,
  repositoryPath,
  sniffFormat,
  uncoveredMessage,
  uncoveredRanges,
} from '../../../src/gates/coverage.js'
import { GATES } from '../../../src/gates/index.js'
import { executesRepositoryCode } from '../../../src/gates/types.js'
import { configSchema } from '../../../src/config/schema.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const hits = (entries: Record<number, number>): Map<number, number> => new Map(Object.entries(entries).map(([l, n]) => [Number(l), n]))

interface RangeCase {
  name: string
  changed: number[]
  executable: Record<number, number>
  /** [startLine, endLine, changed executable lines] */
  ranges: Array<[number, number, number]>
}

describe('uncoveredRanges', () => {
  it.each<RangeCase>([
    { name: 'every changed line covered', changed: [1, 2], executable: { 1: 1, 2: 4 }, ranges: [] },
    { name: 'one uncovered line', changed: [5], executable: { 4: 1, 5: 0 }, ranges: [[5, 5, 1]] },
    { name: 'consecutive uncovered lines form one range', changed: [3, 4, 5], executable: { 3: 0, 4: 0, 5: 0 }, ranges: [[3, 5, 3]] },
    {
      name: 'a covered changed line splits',
      changed: [3, 4, 5],
      executable: { 3: 0, 4: 2, 5: 0 },
      ranges: [
        [3, 3, 1],
        [5, 5, 1],
      ],
    },
    {
      name: 'a covered unchanged line splits',
      changed: [3, 5],
      executable: { 3: 0, 4: 1, 5: 0 },
      ranges: [
        [3, 3, 1],
        [5, 5, 1],
      ],
    },
    { name: 'a non-executable line between does not split', changed: [3, 4, 5], executable: { 3: 0, 5: 0 }, ranges: [[3, 5, 2]] },
    { name: 'an unchanged uncovered line between does not split and is not counted', changed: [3, 5], executable: { 3: 0, 4: 0, 5: 0 }, ranges: [[3, 5, 2]] },
    { name: 'an unchanged uncovered line after the last changed one does not extend it', changed: [3], executable: { 3: 0, 4: 0, 9: 0 }, ranges: [[3, 3, 1]] },
    { name: 'changed lines that are not executable are ignored', changed: [1, 2], executable: { 5: 0 }, ranges: [] },
    {
      name: 'lines given out of order',
      changed: [12, 10, 11],
      executable: { 12: 0, 10: 0, 11: 1 },
      ranges: [
        [10, 10, 1],
        [12, 12, 1],
      ],
    },
    { name: 'far apart with nothing covered between: one range', changed: [2, 40], executable: { 2: 0, 20: 0, 40: 0 }, ranges: [[2, 40, 2]] },
  ])('$name', ({ changed, executable, ranges }) => {
    expect(uncoveredRanges(changed, hits(executable)).map((r) => [r.startLine, r.endLine, r.lines])).toEqual(ranges)
  })
})

describe('codeLines: lines that hold a token', () => {
  it.each([
    { name: 'blank lines and line comments are not code', path: 'a.ts', text: lines('// head', '', 'const a = 1 // tail', '   ', 'a'), code: [3, 5] },
    {
      name: 'a block comment over lines, and JSDoc',
      path: 'a.ts',
      text: lines('/*', ' * x', ' */', '/** doc */', 'export const b = 2', '/* a */ const c = 3 /* b */'),
      code: [5, 6],
    },
    { name: 'a multi-line template literal is code on every line', path: 'a.js', text: lines('const t = `', '', '// not a comment', '`'), code: [1, 2, 3, 4] },
    { name: 'a string holding comment markers', path: 'a.js', text: lines("const url = 'http://x' // c", 'const s = "/* no */"'), code: [1, 2] },
    { name: 'a regex with slashes', path: 'a.js', text: lines('const r = /\\/\\/ x/', '// c'), code: [1] },
    {
      name: 'JSX whitespace is not code, its text is',
      path: 'a.tsx',
      text: lines('const e = (', '  <div>', '', '    hello', '  </div>', ')'),
      code: [1, 2, 4, 5, 6],
    },
    {
      name: 'a blank line between JSX elements is not code',
      path: 'a.jsx',
      text: lines('const e = <div>', '  <span />', '', '  <b />', '</div>'),
      code: [1, 2, 4, 5],
    },
    { name: 'braces and else are code', path: 'a.ts', text: lines('if (x) {', '  y()', '} else {', '}'), code: [1, 2, 3, 4] },
  ])('$name', async ({ path, text, code }) => {
    expect([...(await codeLines(text, path))].sort((a, b) => a - b)).toEqual(code)
  })
})

describe('filePatch', () => {
  it('counts the changed lines the report knows that hold code', () => {
    // Added 4–9; the report knows 5–9 (a blank line 6 reported as executable, as node's lcov does).
    const p = filePatch('src/a.ts', [{ start: 4, end: 9 }], hits({ 2: 1, 5: 1, 6: 1, 7: 0, 8: 0, 9: 1 }), new Set([2, 5, 7, 8, 9]))
    expect(p).toEqual({ path: 'src/a.ts', covered: 2, total: 4, inReport: true, uncovered: [{ startLine: 7, endLine: 8, lines: 2 }] })
  })

  it('counts every changed code line of a file the report lacks as uncovered', () => {
    const p = filePatch('src/new.ts', [{ start: 1, end: 6 }], undefined, new Set([2, 3, 4, 6]))
    expect(p).toEqual({ path: 'src/new.ts', covered: 0, total: 4, inReport: false, uncovered: [{ startLine: 2, endLine: 6, lines: 4 }] })
  })

  it('takes every known line when the text is unknown', () => {
    const p = filePatch('src/a.ts', [{ start: 1, end: 3 }], hits({ 1: 0, 2: 1, 3: 0 }), null)
    expect(p).toMatchObject({
      covered: 1,
      total: 3,
      uncovered: [
        { startLine: 1, endLine: 1, lines: 1 },
        { startLine: 3, endLine: 3, lines: 1 },
      ],
    })
  })
})

describe('percentages, messages and the summary', () => {
  it.each([
    [4, 6, 66.7],
    [2, 3, 66.7],
    [1, 3, 33.3],
    [1, 8, 12.5],
    [0, 5, 0],
    [5, 5, 100],
    [0, 0, null],
    [999, 1000, 99.9],
  ])('%i of %i → %s', (covered, total, expected) => {
    expect(percent(covered, total)).toBe(expected)
  })

  it('overall counts every line of every file', () => {
    expect(lineRatio([hits({ 1: 1, 2: 0 }), hits({ 3: 5 }), hits({})])).toEqual({ covered: 2, total: 3, percent: 66.7 })
  })

  it.each([
    [{ startLine: 12, endLine: 14, lines: 3 }, 'lines 12–14 are not covered by any test (3 changed executable lines)'],
    [{ startLine: 7, endLine: 7, lines: 1 }, 'line 7 is not covered by any test (1 changed executable line)'],
    [{ startLine: 3, endLine: 9, lines: 2 }, 'lines 3–9 are not covered by any test (2 changed executable lines)'],
  ])('%j → %s', (range, message) => {
    expect(uncoveredMessage(range)).toBe(message)
  })

  it.each([
    [
      { covered: 4, total: 6, percent: 66.7 },
      { covered: 812, total: 1000, percent: 81.2 },
      [],
      'patch coverage 66.7% (4 of 6 changed executable lines), overall 81.2% (vitest v8)',
    ],
    [
      { covered: 1, total: 1, percent: 100 },
      { covered: 0, total: 0, percent: null },
      [],
      'patch coverage 100.0% (1 of 1 changed executable line), overall n/a (vitest v8)',
    ],
    [
      { covered: 0, total: 0, percent: null },
      { covered: 1, total: 2, percent: 50 },
      ['a note'],
      'patch coverage n/a: no changed executable lines, overall 50.0% (vitest v8); a note',
    ],
  ])('summary %#', (patch, overall, notes, summary) => {
    expect(coverageSummary(patch, overall, 'vitest v8', notes)).toBe(summary)
  })
})

describe('repositoryPath', () => {
  it.each([
    ['/repo/src/a.ts', 'src/a.ts'],
    ['/real/repo/src/a.ts', 'src/a.ts'],
    ['file:///repo/src/a.ts', 'src/a.ts'],
    ['src/a.ts', 'src/a.ts'],
    ['./src/a.ts', 'src/a.ts'],
    ['src\\win\\a.ts', 'src/win/a.ts'],
    ['/elsewhere/a.ts', null],
    ['../a.ts', null],
    ['/repo', null],
    ['C:\\a\\repo\\src\\a.ts', null],
  ])('%s → %s', (path, expected) => {
    expect(repositoryPath(path, ['/repo', '/real/repo'])).toBe(expected)
  })
})

describe('report formats', () => {
  it.each([
    ['coverage/lcov.info', '', 'lcov'],
    ['x.lcov', '', 'lcov'],
    ['coverage/coverage-final.json', '', 'istanbul'],
    ['report', '  {"a": {}}', 'istanbul'],
    ['report', 'TN:\nSF:a\n', 'lcov'],
    ['report', 'SF:a\n', 'lcov'],
    ['report', '<xml/>', undefined],
  ])('%s with %j → %s', (path, text, format) => {
    expect(sniffFormat(path, text)).toBe(format)
  })

  const dir = mkdtempSync(join(tmpdir(), 'proofgate-coverage-unit-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads a report of neither format as an error naming it', async () => {
    writeFileSync(join(dir, 'cov.xml'), '<coverage/>')
    await expect(readCoverageReport(join(dir, 'cov.xml'), 'cov.xml')).rejects.toThrow(
      'cov.xml: neither lcov (SF:/DA: records) nor istanbul JSON (coverage-final.json): name the file .info or .json, or point gates.coverage.report at one of those',
    )
  })

  it('reads a missing report as an error naming it', async () => {
    await expect(readCoverageReport(join(dir, 'absent.info'), 'coverage/absent.info')).rejects.toThrow(
      'coverage/absent.info: the coverage report does not exist: expected an lcov tracefile (.info) or istanbul JSON (coverage-final.json)',
    )
  })
})

describe('parseIstanbulJson', () => {
  const loc = (line: number, endLine = line) => ({ start: { line, column: 0 }, end: { line: endLine, column: 1 } })
  const entry = (path: string, statements: Array<[number, number]>) => ({
    path,
    statementMap: Object.fromEntries(statements.map(([line], i) => [i, loc(line)])),
    fnMap: {},
    branchMap: {},
    s: Object.fromEntries(statements.map(([, count], i) => [i, count])),
    f: {},
    b: {},
  })
  const plain = (files: Map<string, Map<number, number>>) => Object.fromEntries([...files].map(([p, h]) => [p, [...h].sort((a, b) => a[0] - b[0])]))

  it('gives each line the largest count of the statements starting on it', async () => {
    const json = JSON.stringify({
      '/r/a.ts': entry('/r/a.ts', [
        [1, 2],
        [3, 0],
        [3, 5],
        [4, 0],
      ]),
    })
    expect(plain(await parseIstanbulJson(json, 'c.json'))).toEqual({
      '/r/a.ts': [
        [1, 2],
        [3, 5],
        [4, 0],
      ],
    })
  })

  it('takes the `l` line map when an entry has one, and `data`-wrapped entries', async () => {
    const json = JSON.stringify({
      '/r/a.ts': { path: '/r/a.ts', l: { 1: 1, 2: 0 } },
      '/r/b.ts': { data: entry('/r/b.ts', [[7, 1]]) },
    })
    expect(plain(await parseIstanbulJson(json, 'c.json'))).toEqual({
      '/r/a.ts': [
        [1, 1],
        [2, 0],
      ],
      '/r/b.ts': [[7, 1]],
    })
  })

  it.each([
    ['not JSON', '{ nope', /^c\.json: not valid JSON \(.+\): expected istanbul JSON \(coverage-final\.json\)$/],
    ['an array', '[]', /^c\.json: expected istanbul JSON \(coverage-final\.json\): an object keyed by file path$/],
    ['a coverage summary', JSON.stringify({ total: { lines: { total: 2, covered: 1, pct: 50 } } }), /^c\.json: this is a coverage summary \(json-summary/],
    [
      'an entry without statementMap',
      JSON.stringify({ '/r/a.ts': { path: '/r/a.ts', s: {} } }),
      /^c\.json: entry "\/r\/a\.ts" is not istanbul file coverage \(Invalid file coverage object, missing keys/,
    ],
    ['an entry that is a string', JSON.stringify({ '/r/a.ts': 'x' }), /^c\.json: entry "\/r\/a\.ts" is not istanbul file coverage \(a string, not an object\)/],
    [
      'a count that is not a number',
      JSON.stringify({ '/r/a.ts': { ...entry('/r/a.ts', [[1, 1]]), s: { 0: 'many' } } }),
      /^c\.json: entry "\/r\/a\.ts" is not istanbul file coverage \(a statement count in `s` is not a number\)/,
    ],
    [
      'a statement without a start',
      JSON.stringify({ '/r/a.ts': { ...entry('/r/a.ts', [[1, 1]]), statementMap: { 0: {} } } }),
      /^c\.json: entry "\/r\/a\.ts" has a malformed statementMap/,
    ],
  ])('%s is an error', async (_name, json, message) => {
    const error = await parseIstanbulJson(json, 'c.json').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CoverageReportError)
    expect((error as Error).message).toMatch(message)
  })
})

describe('planCoverageRun', () => {
  const out = '/tmp/out'
  // A repository without c8: a package.json and nothing installed.
  const withoutC8 = mkdtempSync(join(tmpdir(), 'proofgate-coverage-no-c8-'))
  writeFileSync(join(withoutC8, 'package.json'), '{"name":"x","scripts":{"test":"node --test"}}\n')
  afterAll(() => rmSync(withoutC8, { recursive: true, force: true }))
  it('vitest: v8 provider, json reporter, the report directory, each changed file included literally', () => {
    const plan = planCoverageRun('vitest', PROJECT_ROOT, out, ['src/a.ts', 'src/[id].ts'], ['--project', 'unit'], undefined)
    expect(plan).toMatchObject({ label: 'vitest v8', file: process.execPath, reportFile: '/tmp/out/coverage-final.json', format: 'istanbul' })
    expect(plan.args.slice(1)).toEqual([
      'run',
      '--coverage.enabled',
      '--coverage.provider=v8',
      '--coverage.reporter=json',
      '--coverage.reportsDirectory=/tmp/out',
      '--coverage.reportOnFailure',
      '--coverage.include=src/a.ts',
      '--coverage.include=src/\\[id\\].ts',
      '--project',
      'unit',
    ])
    expect(plan.args[0]).toMatch(/node_modules\/vitest\/vitest\.mjs$/)
  })

  it("node with c8 in the repository: c8 around node --test, with proofgate's own node", () => {
    // proofgate's own repository has c8 (a devDependency).
    const plan = planCoverageRun('node', PROJECT_ROOT, out, ['src/a.js'], [], undefined, '24.1.0')
    expect(plan).toMatchObject({ label: 'node --test c8', file: process.execPath, reportFile: '/tmp/out/coverage-final.json', format: 'istanbul' })
    expect(plan.args).toEqual(expect.arrayContaining(['--reporter=json', '--report-dir=/tmp/out', '--all', '--test']))
  })

  it('jest: v8 provider, json reporter, collectCoverageFrom each changed file', () => {
    const plan = planCoverageRun('jest', PROJECT_ROOT, out, ['src/a.js'], [], undefined)
    expect(plan).toMatchObject({ label: 'jest v8', reportFile: '/tmp/out/coverage-final.json', format: 'istanbul' })
    expect(plan.args.slice(1)).toEqual([
      '--ci',
      '--coverage',
      '--coverageProvider=v8',
      '--coverageReporters=json',
      '--coverageDirectory=/tmp/out',
      '--collectCoverageFrom=src/a.js',
    ])
  })

  it("node without c8: node's own coverage to lcov, the test script's arguments kept", () => {
    const plan = planCoverageRun('node', withoutC8, out, ['src/a.js'], [], 'node --test --test-reporter=tap test/', '24.1.0')
    expect(plan).toEqual({
      label: 'node --test built-in',
      file: process.execPath,
      args: [
        '--test',
        '--experimental-test-coverage',
        '--test-reporter=lcov',
        '--test-reporter-destination=/tmp/out/lcov.info',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        'test/',
      ],
      reportFile: '/tmp/out/lcov.info',
      format: 'lcov',
    })
  })

  it.each(['20.11.0', '21.7.3'])("node's own coverage under Node %s is a setup error naming the version and the remedy", (version) => {
    expect(() => planCoverageRun('node', withoutC8, out, ['src/a.js'], [], undefined, version)).toThrow(
      new CoverageSetupError(
        `node's built-in test coverage with the lcov reporter needs Node 22 or later, and proofgate runs under Node ${version}: run proofgate under Node 22+, or install c8 in the repository (\`npm i -D c8\`)`,
      ),
    )
  })

  it('a runner that is not installed is a setup error', () => {
    const empty = mkdtempSync(join(tmpdir(), 'proofgate-coverage-empty-'))
    try {
      expect(() => planCoverageRun('vitest', empty, out, [], [], undefined)).toThrow(/^vitest is not installed in this repository/)
      expect(() => planCoverageRun('jest', empty, out, [], [], undefined)).toThrow(/^jest is not installed in this repository/)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })

  it.each([
    ['src/a.ts', 'src/a.ts'],
    ['src/[slug]/(group)/page.tsx', 'src/\\[slug\\]/\\(group\\)/page.tsx'],
    ['src/{a}*?!.ts', 'src/\\{a\\}\\*\\?\\!.ts'],
  ])('literalGlob(%s) → %s', (path, glob) => {
    expect(literalGlob(path)).toBe(glob)
  })
})

describe('the gate', () => {
  it('is registered after proof and review (the checklist follows it), off by default, after tests', () => {
    const ids = GATES.map((g) => g.id)
    expect(ids.indexOf('coverage')).toBe(ids.indexOf('review') + 1)
    expect(ids.indexOf('review')).toBe(ids.indexOf('proof') + 1)
    expect(ids.indexOf('coverage')).toBe(ids.indexOf('checklist') - 1)
    expect(coverageGate.meta.defaultMode).toBe('off')
    expect(coverageGate.dependsOn).toEqual(['tests'])
    // It runs the suite, except when it only reads a report.
    expect(executesRepositoryCode(coverageGate, configSchema.parse({}))).toBe(true)
    expect(executesRepositoryCode(coverageGate, configSchema.parse({ gates: { coverage: { runner: 'report', report: 'coverage/lcov.info' } } }))).toBe(false)
    expect(Object.entries(coverageGate.meta.rules).map(([id, r]) => [id, r.defaultSeverity])).toEqual([
      ['uncovered-lines', 'low'],
      ['patch-coverage-below-minimum', 'high'],
    ])
  })

  const file = (path: string, status: 'added' | 'modified' | 'deleted' = 'modified', binary = false) => ({
    path,
    status,
    binary,
    addedLines: [{ start: 1, end: 1 }],
    contextLines: [],
  })
  const changes = (...files: ReturnType<typeof file>[]) => ({
    root: '/r',
    base: { sha: 'a', source: 'explicit' as const },
    head: { sha: 'b' },
    treeHash: 't',
    includesWorkingTree: true,
    files,
    diffHash: 'd',
  })

  it.each([
    [[file('src/a.ts')], true],
    [[file('src/a.mjs'), file('README.md')], true],
    [[file('README.md')], false],
    [[file('src/a.ts', 'deleted')], false],
    [[file('src/types.d.ts'), file('vitest.config.ts'), file('.eslintrc.js')], false],
    [[file('dist/cli.js'), file('node_modules/x/index.js'), file('test/fixtures/a/src/x.ts')], false],
    [[file('test/helpers/repo.ts'), file('packages/a/__mocks__/fs.js'), file('tests/support/server.mjs')], false],
  ])('appliesTo %j → %s', (files, applies) => {
    const result = coverageGate.appliesTo?.(changes(...files))
    expect(result).toEqual(applies ? true : { applies: false, reason: 'no JS/TS source file changed' })
  })
})
