// test-mutation end to end on two shapes real ranges take: separate assertions folded into one
// snapshot or object over their parent (zod 4c27fe879767), and a test disabled by an inline
// conditional skip (`(process.env.CI ? it.skip : it)(…)`). Real repositories, the CLI (main, in-process).
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const PACKAGE_JSON = JSON.stringify({ name: 'unions', private: true, type: 'module' }, null, 2) + '\n'
const UNION = lines(
  'export function xor(input) {',
  "  return { success: false, error: { issues: [{ code: 'invalid_union', errors: [], inclusive: false }] } }",
  '}',
)
/** The implementation change the range makes alongside the test edit (a new key on the issue). */
const UNION_CHANGED = UNION.replace('inclusive: false }', 'inclusive: false, matches: [0, 1] }')

/** The base test: two assertions on one issue's keys, and one on another subject. */
const BASE_TEST = lines(
  "import { expect, test } from 'vitest'",
  "import { xor } from '../src/union.js'",
  '',
  "test('multiple matches fails', () => {",
  "  const result = xor('hello')",
  '  expect(result.success).toBe(false)',
  '  if (!result.success) {',
  "    expect(result.error.issues[0].code).toBe('invalid_union')",
  '    expect((result.error.issues[0] as any).inclusive).toBe(false)',
  '  }',
  '})',
)
const FOLDED = ["    expect(result.error.issues[0].code).toBe('invalid_union')", '    expect((result.error.issues[0] as any).inclusive).toBe(false)'].join('\n')

/** The new test: the two assertions replaced by `replacement` (lines of the `if` block). */
const folded = (...replacement: string[]): string => BASE_TEST.replace(FOLDED, replacement.join('\n'))

interface Row {
  name: string
  /** The test file in the range's commit. */
  test: string
  /** [rule id, severity, line] of each finding. */
  findings: Array<[string, string, number]>
  /** A substring of the first finding's message. */
  message?: string
}

/** Commits `files` as the base, then `changed` and the row's test file, and runs the gate on the range. */
async function runRow(row: Row, files: Record<string, string>, changed: string): Promise<void> {
  const r = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, ...files } })
  repos.push(r)
  const start = r.head()
  r.commit('Change', { 'src/union.js': changed, 'test/union.test.ts': row.test })
  const run = await runCli(['run', '--base', start, '--gates', 'test-mutation', '--format', 'json'], r.dir)
  const report = run.json()
  expect(report.findings.map((f) => [f.ruleId, f.severity, f.startLine])).toEqual(row.findings)
  if (row.message !== undefined) expect(report.findings[0]!.message).toContain(row.message)
  expect(run.exitCode).toBe(row.findings.some(([, severity]) => severity === 'high') ? 1 : 0)
}

describe('assertions folded into one assertion over their parent', () => {
  const rows: Row[] = [
    {
      name: 'folded into an inline snapshot that keeps both values (zod 4c27fe879767): no finding',
      test: folded(
        '    expect(result.error.issues).toMatchInlineSnapshot(`',
        '      [',
        '        {',
        '          "code": "invalid_union",',
        '          "errors": [],',
        '          "inclusive": false,',
        '          "matches": [',
        '            0,',
        '            1,',
        '          ],',
        '        },',
        '      ]',
        '    `)',
      ),
      findings: [],
    },
    {
      name: 'folded into toEqual over the parent with both values: no finding',
      test: folded("    expect(result.error.issues[0]).toEqual({ code: 'invalid_union', errors: [], inclusive: false, matches: [0, 1] })"),
      findings: [],
    },
    {
      name: 'folded into toMatchObject with a quoted key: no finding',
      test: folded("    expect(result.error).toMatchObject({ issues: [{ 'code': 'invalid_union', inclusive: false }] })"),
      findings: [],
    },
    {
      name: 'folded into an inline snapshot that drops the old value (inclusive absent): still deleted',
      test: folded(
        '    expect(result.error.issues).toMatchInlineSnapshot(`',
        '      [',
        '        {',
        '          "code": "invalid_union",',
        '          "errors": [],',
        '        },',
        '      ]',
        '    `)',
      ),
      findings: [['assertion-deleted', 'high', 4]],
      message: "'multiple matches fails' lost 1 assertion while src/union.js changed: `expect((result.error.issues[0] as any).inclusive).toBe(false)`",
    },
    {
      name: 'folded into an inline snapshot where the old value changed (inclusive: true): still deleted',
      test: folded(
        '    expect(result.error.issues).toMatchInlineSnapshot(`',
        '      [',
        '        {',
        '          "code": "invalid_union",',
        '          "inclusive": true,',
        '        },',
        '      ]',
        '    `)',
      ),
      findings: [['assertion-deleted', 'high', 4]],
    },
    {
      name: 'an unrelated snapshot over another subject: still deleted (the new assertion offsets one)',
      test: folded('    expect(xor).toMatchInlineSnapshot(`[Function]`)'),
      findings: [['assertion-deleted', 'high', 4]],
      message: "'multiple matches fails' lost 1 assertion while src/union.js changed: `expect(result.error.issues[0].code).toBe('invalid_union')`",
    },
  ]
  for (const row of rows) it(row.name, async () => await runRow(row, { 'src/union.js': UNION, 'test/union.test.ts': BASE_TEST }, UNION_CHANGED))
})

describe('expected values inside inline snapshots', () => {
  const SUM = lines('export function sum(a, b) {', '  return a + b', '}')
  const SUM_TEST = (assertion: string): string =>
    lines("import { expect, test } from 'vitest'", "import { sum } from '../src/union.js'", "test('adds', () => {", `  ${assertion}`, '})')
  const rows: Array<Row & { old: string }> = [
    {
      name: 'an inline snapshot rewritten alongside the implementation change: snapshot-rewritten',
      old: SUM_TEST('expect(sum(1, 2)).toMatchInlineSnapshot(`3`)'),
      test: SUM_TEST('expect(sum(1, 2)).toMatchInlineSnapshot(`4`)'),
      findings: [['snapshot-rewritten', 'medium', 4]],
      message: "Inline snapshot of 'adds' rewritten while src/union.js changed",
    },
    {
      name: 'a toBe value turned into an inline snapshot of another value: expected-value-changed',
      old: SUM_TEST('expect(sum(1, 2)).toBe(3)'),
      test: SUM_TEST('expect(sum(1, 2)).toMatchInlineSnapshot(`4`)'),
      findings: [['expected-value-changed', 'high', 4]],
      message: "Expected value in 'adds' changed from `3` to `4` while src/union.js changed",
    },
    {
      name: 'a toBe value turned into an inline snapshot of the same value: no finding',
      old: SUM_TEST("expect(String(sum(1, 2))).toBe('3')"),
      test: SUM_TEST('expect(String(sum(1, 2))).toMatchInlineSnapshot(`"3"`)'),
      findings: [],
    },
    {
      name: 'an inline snapshot only re-indented (the test moved into a block): no finding',
      old: SUM_TEST('expect([sum(1, 2)]).toMatchInlineSnapshot(`\n    [\n      3,\n    ]\n  `)'),
      test: SUM_TEST('expect([sum(1, 2)]).toMatchInlineSnapshot(`\n        [\n          3,\n        ]\n      `)'),
      findings: [],
    },
  ]
  for (const row of rows) it(row.name, async () => await runRow(row, { 'src/union.js': SUM, 'test/union.test.ts': row.old }, SUM.replace('a + b', 'a + b + 0')))
})

describe('a test disabled by an inline conditional skip', () => {
  const SUM = lines('export function sum(a, b) {', '  return a + b', '}')
  const SUM_TEST = (declare: string, suite = 'describe'): string =>
    lines(
      "import { describe, expect, it, test } from 'vitest'",
      "import { sum } from '../src/union.js'",
      '',
      `${suite}('sum', () => {`,
      `  ${declare}('adds', () => {`,
      '    expect(sum(1, 2)).toBe(3)',
      '  })',
      '})',
    )
  interface SkipRow {
    name: string
    test: string
    /** [gate, rule id, severity, line] of each finding. */
    findings: Array<[string, string, string, number]>
    message?: string
  }
  const rows: SkipRow[] = [
    {
      name: '(process.env.CI ? it.skip : it) over an existing test: test-disabled',
      test: SUM_TEST('(process.env.CI ? it.skip : it)'),
      findings: [['test-mutation', 'test-disabled', 'high', 5]],
      message: "Test 'adds' is now skipped depending on the environment ((process.env.CI ? it.skip : it)): it stops running exactly where the check runs",
    },
    {
      name: '(process.env.CI ? test : test.skip), the runIf form: test-disabled',
      test: SUM_TEST('(process.env.CI ? test : test.skip)'),
      findings: [['test-mutation', 'test-disabled', 'high', 5]],
    },
    {
      name: "(process.platform === 'win32' ? describe.skip : describe) over an existing suite: test-disabled on the suite",
      test: SUM_TEST('it', "(process.platform === 'win32' ? describe.skip : describe)"),
      findings: [['test-mutation', 'test-disabled', 'high', 4]],
      message: "Suite 'sum' is now skipped depending on the environment",
    },
    {
      name: 'the same through an alias (const t = process.env.CI ? it.skip : it): the same finding',
      test: SUM_TEST('t').replace("describe('sum'", "const t = process.env.CI ? it.skip : it\ndescribe('sum'"),
      findings: [['test-mutation', 'test-disabled', 'high', 6]],
    },
    {
      name: '(true ? it.skip : it), a literal condition: test-disabled, and mock-integrity sees the skipped test',
      test: SUM_TEST('(true ? it.skip : it)'),
      findings: [
        ['test-mutation', 'test-disabled', 'high', 5],
        ['mock-integrity', 'skipped-test', 'medium', 5],
      ],
      message: "Test 'adds' was disabled in the range ((true ? it.skip : it))",
    },
    {
      name: '(sum.length > 2 ? it.skip : it), a condition on neither a literal nor the environment: not reported, as through an alias',
      test: SUM_TEST('(sum.length > 2 ? it.skip : it)'),
      findings: [],
    },
  ]
  for (const row of rows) {
    it(row.name, async () => {
      const r = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, 'src/union.js': SUM, 'test/union.test.ts': SUM_TEST('it') } })
      repos.push(r)
      const start = r.head()
      r.commit('Change', { 'src/union.js': SUM.replace('a + b', 'a + b + 0'), 'test/union.test.ts': row.test })
      const run = await runCli(['run', '--base', start, '--gates', 'test-mutation,mock-integrity', '--format', 'json'], r.dir)
      const report = run.json()
      const found = report.findings.map((f) => [f.gate, f.ruleId, f.severity, f.startLine])
      expect(found).toEqual(row.findings)
      if (row.message !== undefined) expect(report.findings[0]!.message).toContain(row.message)
      expect(run.exitCode).toBe(row.findings.some(([, , severity]) => severity === 'high') ? 1 : 0)
    })
  }
})
