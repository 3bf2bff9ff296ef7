// RuleTester-style tables for the test-mutation rules: a base and a new version of test files,
// parsed by the real TypeScript parser and compared by the real detector, with the exact rule id,
// severity, line and column expected. The range around them (pairing, trailers) is an input.
import { describe, expect, it } from 'vitest'
import { analyseFile } from '../../../src/testing/analyse.js'
import {
  detectTestMutation,
  snapshotEntries,
  summariseTestFile,
  type MutationFinding,
  type SnapshotPair,
  type TestFilePair,
} from '../../../src/testing/mutation.js'
import { loadTypeScript } from '../../../src/testing/typescript.js'
import { lines } from '../../helpers/tables.js'

interface Case {
  name: string
  /** Base version of `src/sum.test.ts` (absent: the file was added). */
  old?: string
  /** New version (absent: the file was deleted). */
  new?: string
  /** More changed test files: path → [old, new]. */
  more?: Record<string, [string | undefined, string | undefined]>
  snapshots?: SnapshotPair[]
  /** Whether the test's paired implementation changed (default true); 'none' = no implementation changed anywhere. */
  paired?: boolean | 'none'
  declared?: string[]
  minAssertions?: number
  /** Identifiers the range removed from the implementation. */
  removed?: string[]
  /** [rule id, severity, line, column]; line and column 0 when the finding has no location. */
  errors: Array<[string, string, number, number]>
}

const HEAD = ["import { describe, expect, it, test } from 'vitest'", "import { sum, add } from './sum'"]
const file = (...rows: string[]): string => lines(...HEAD, ...rows)

async function findingsOf(c: Case): Promise<MutationFinding[]> {
  const ts = await loadTypeScript()
  const summarise = (path: string, text: string | undefined) => (text === undefined ? undefined : summariseTestFile(analyseFile(ts, path, text), text))
  const entries: Array<[string, string | undefined, string | undefined]> = [
    ['src/sum.test.ts', c.old, c.new],
    ...Object.entries(c.more ?? {}).map(([p, [o, n]]): [string, string | undefined, string | undefined] => [p, o, n]),
  ]
  const pairs: TestFilePair[] = entries.map(([path, o, n]) => {
    const pair: TestFilePair = {}
    if (o !== undefined) Object.assign(pair, { oldPath: path, old: summarise(path, o) })
    if (n !== undefined) Object.assign(pair, { newPath: path, new: summarise(path, n) })
    return pair
  })
  const paired = c.paired ?? true
  return detectTestMutation(pairs, c.snapshots ?? [], {
    pairedChanges: () => (paired === true ? ['src/sum.ts'] : []),
    implementationChanged: paired !== 'none',
    declared: () => c.declared ?? [],
    minAssertions: c.minAssertions ?? 1,
    trailer: 'Behavior-Change',
    deletedWithCode: () => false,
    removedNames: new Set(c.removed ?? []),
    removedEverywhere: new Set(c.removed ?? []),
    removedExports: () => new Set(),
  })
}

function table(cases: Case[]): void {
  for (const c of cases) {
    it(`${c.errors.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, async () => {
      const found = (await findingsOf(c)).map((f) => [f.ruleId, f.severity, f.startLine ?? 0, f.startColumn ?? 0])
      expect(found).toEqual(c.errors)
    })
  }
}

const ADDS = ["it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})']

describe('renames and additions are not findings', () => {
  table([
    {
      name: 'the function under test renamed, expected value unchanged',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  expect(add(1, 2)).toBe(3)', '})'),
      errors: [],
    },
    { name: 'the test title renamed', old: file(...ADDS), new: file("it('sums two numbers', () => {", '  expect(sum(1, 2)).toBe(3)', '})'), errors: [] },
    {
      name: 'a describe added around the test, and the title renamed',
      old: file(...ADDS),
      new: file("describe('sum', () => {", "  it('sums', () => {", '    expect(sum(1, 2)).toBe(3)', '  })', '})'),
      errors: [],
    },
    {
      name: 'a constant renamed across the file (the old name is gone)',
      old: file('const THREE = 3', "it('adds', () => {", '  expect(sum(1, 2)).toBe(THREE)', '})'),
      new: file('const EXPECTED = 3', "it('adds', () => {", '  expect(sum(1, 2)).toBe(EXPECTED)', '})'),
      errors: [],
    },
    { name: 'a new test only adds', old: file(...ADDS), new: file(...ADDS, "it('adds zero', () => {", '  expect(sum(1, 0)).toBe(1)', '})'), errors: [] },
    { name: 'a new file of tests', new: file(...ADDS), errors: [] },
    {
      name: 'a test moved to another file',
      old: file(...ADDS, "it('stays', () => expect(sum(0, 0)).toBe(0))"),
      new: file("it('stays', () => expect(sum(0, 0)).toBe(0))"),
      more: { 'src/add.test.ts': [undefined, file(...ADDS)] },
      errors: [],
    },
    {
      name: 'quotes and trailing commas reformatted',
      old: file("it('a', () => expect(sum(1, 2)).toEqual({ a: 'x', b: [1, 2] }))"),
      new: file("it('a', () => expect(sum(1, 2)).toEqual({", '  a: "x",', '  b: [1, 2,],', '}))'),
      errors: [],
    },
    {
      name: 'a matcher made stronger (toBeDefined → toBe)',
      old: file("it('a', () => expect(sum(1, 2)).toBeDefined())"),
      new: file("it('a', () => expect(sum(1, 2)).toBe(3))"),
      errors: [],
    },
    {
      name: 'assert.strictEqual(x, 1) → assert.ok(x === 1)',
      old: file("import assert from 'node:assert'", "it('a', () => assert.strictEqual(sum(0, 1), 1))"),
      new: file("import assert from 'node:assert'", "it('a', () => assert.ok(sum(0, 1) === 1))"),
      errors: [],
    },
  ])
})

describe('expected-value-changed', () => {
  table([
    {
      name: 'a single changed value while the implementation changed',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(4)', '})'),
      errors: [['expected-value-changed', 'high', 4, 3]],
    },
    {
      name: 'the title renamed and the value changed',
      old: file(...ADDS),
      new: file("it('sums', () => {", '  expect(sum(1, 2)).toBe(4)', '})'),
      errors: [['expected-value-changed', 'high', 4, 3]],
    },
    {
      name: 'a test-only fix (no implementation changed anywhere): medium',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(4)', '})'),
      paired: 'none',
      errors: [['expected-value-changed', 'medium', 4, 3]],
    },
    {
      name: 'implementation changed elsewhere, not paired: medium',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(4)', '})'),
      paired: false,
      errors: [['expected-value-changed', 'medium', 4, 3]],
    },
    {
      name: 'a declared behaviour change: medium',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(4)', '})'),
      declared: ['rounding (abc1234)'],
      errors: [['expected-value-changed', 'medium', 4, 3]],
    },
    {
      name: 'a member of an existing enum swapped (both names still in the file)',
      old: file("import { Status } from './status'", "it('a', () => { expect(sum(1, 2)).toBe(Status.Ok); expect(Status.Error).toBeDefined() })"),
      new: file("import { Status } from './status'", "it('a', () => { expect(sum(1, 2)).toBe(Status.Error); expect(Status.Error).toBeDefined() })"),
      errors: [['expected-value-changed', 'high', 4, 17]],
    },
    {
      name: 'the checked value changed to its type',
      old: file("it('a', () => { const r = sum(1, 2); expect(r).toBe(3) })"),
      new: file("it('a', () => { const r = sum(1, 2); expect(typeof r).toBe('number') })"),
      errors: [['expected-value-changed', 'high', 3, 38]],
    },
    {
      name: 'toEqual with fewer keys is another exact value',
      old: file("it('a', () => expect(sum(1, 2)).toEqual({ a: 1, b: 2 }))"),
      new: file("it('a', () => expect(sum(1, 2)).toEqual({ a: 1 }))"),
      errors: [['expected-value-changed', 'high', 3, 15]],
    },
    {
      name: 'a key the range removed from the implementation left the expected object: medium',
      old: file("it('a', () => expect(sum(1, 2)).toEqual({ data: 3, promise: expect.any(Promise) }))"),
      new: file("it('a', () => expect(sum(1, 2)).toEqual({ data: 3 }))"),
      removed: ['promise'],
      errors: [['expected-value-changed', 'medium', 3, 15]],
    },
    {
      name: 'a key still in the implementation left the expected object: high',
      old: file("it('a', () => expect(sum(1, 2)).toEqual({ data: 3, promise: 1 }))"),
      new: file("it('a', () => expect(sum(1, 2)).toEqual({ data: 3 }))"),
      errors: [['expected-value-changed', 'high', 3, 15]],
    },
    {
      name: 'toBeNull() → toEqual(3): another exact value',
      old: file("it('a', () => expect(sum(1, 2)).toBeNull())"),
      new: file("it('a', () => expect(sum(1, 2)).toEqual(3))"),
      errors: [['expected-value-changed', 'high', 3, 15]],
    },
    {
      name: 'chai: expect(x).to.equal(3) → 4',
      old: file("it('a', () => expect(sum(1, 2)).to.equal(3))"),
      new: file("it('a', () => expect(sum(1, 2)).to.equal(4))"),
      errors: [['expected-value-changed', 'high', 3, 15]],
    },
  ])
})

describe('assertion-weakened', () => {
  table([
    {
      name: 'toBe → toBeDefined',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toBeDefined()', '})'),
      errors: [['assertion-weakened', 'high', 4, 3]],
    },
    {
      name: 'toEqual → toMatchObject',
      old: file("it('a', () => expect(sum(1, 2)).toEqual({ a: 1, b: 2 }))"),
      new: file("it('a', () => expect(sum(1, 2)).toMatchObject({ a: 1 }))"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'toMatchObject with fewer keys',
      old: file("it('a', () => expect(sum(1, 2)).toMatchObject({ a: 1, b: 2 }))"),
      new: file("it('a', () => expect(sum(1, 2)).toMatchObject({ a: 1 }))"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'toStrictEqual → toEqual',
      old: file("it('a', () => expect(sum(1, 2)).toStrictEqual([3]))"),
      new: file("it('a', () => expect(sum(1, 2)).toEqual([3]))"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'toBe(3) → toBeGreaterThan(0)',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toBeGreaterThan(0)', '})'),
      errors: [['assertion-weakened', 'high', 4, 3]],
    },
    {
      name: 'toThrow(TypeError) → not.toThrow()',
      old: file("it('a', () => expect(() => sum()).toThrow(TypeError))"),
      new: file("it('a', () => expect(() => sum()).not.toThrow())"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'toThrow(msg) → toThrow()',
      old: file("it('a', () => expect(() => sum()).toThrow('bad input'))"),
      new: file("it('a', () => expect(() => sum()).toThrow())"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'toBe(true) → toBeTruthy()',
      old: file("it('a', () => expect(sum(1, 2) > 0).toBe(true))"),
      new: file("it('a', () => expect(sum(1, 2)).toBeTruthy())"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'toBeTypeOf from toEqual',
      old: file("it('a', () => expect(sum(1, 2)).toEqual(3))"),
      new: file("it('a', () => expect(sum(1, 2)).toBeTypeOf('number'))"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'a regex anchor dropped',
      old: file("it('a', () => expect(String(sum(1, 2))).toMatch(/^3$/))"),
      new: file("it('a', () => expect(String(sum(1, 2))).toMatch(/3/))"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'a regex made case-insensitive',
      old: file("it('a', () => expect(String(sum(1, 2))).toMatch(/Three/))"),
      new: file("it('a', () => expect(String(sum(1, 2))).toMatch(/Three/i))"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'a wildcard added to a regex',
      old: file("it('a', () => expect(String(sum(1, 2))).toMatch(/^sum: 3$/))"),
      new: file("it('a', () => expect(String(sum(1, 2))).toMatch(/^sum: .*$/))"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'a shorter expected substring',
      old: file("it('a', () => expect(() => sum()).toThrow('expected two numbers'))"),
      new: file("it('a', () => expect(() => sum()).toThrow('expected'))"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'a looser bound',
      old: file("it('a', () => expect(sum(1, 2)).toBeGreaterThan(2))"),
      new: file("it('a', () => expect(sum(1, 2)).toBeGreaterThan(0))"),
      errors: [['assertion-weakened', 'high', 3, 15]],
    },
    {
      name: 'assert.deepStrictEqual → assert.ok',
      old: file("import assert from 'node:assert'", "it('a', () => assert.deepStrictEqual(sum(1, 2), 3))"),
      new: file("import assert from 'node:assert'", "it('a', () => assert.ok(sum(1, 2)))"),
      errors: [['assertion-weakened', 'high', 4, 15]],
    },
    {
      name: 'weakened without an implementation change: medium',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toBeDefined()', '})'),
      paired: 'none',
      errors: [['assertion-weakened', 'medium', 4, 3]],
    },
    {
      name: 'a narrower regex is fine',
      old: file("it('a', () => expect(String(sum(1, 2))).toMatch(/3/))"),
      new: file("it('a', () => expect(String(sum(1, 2))).toMatch(/^3$/))"),
      errors: [],
    },
    {
      name: 'toMatchObject with more keys is fine',
      old: file("it('a', () => expect(sum(1, 2)).toMatchObject({ a: 1 }))"),
      new: file("it('a', () => expect(sum(1, 2)).toMatchObject({ a: 1, b: 2 }))"),
      errors: [],
    },
  ])
})

describe('assertion-deleted', () => {
  table([
    {
      name: 'one of two assertions removed',
      old: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '  expect(sum(2, 2)).toBe(4)', '})'),
      new: file(...ADDS),
      errors: [['assertion-deleted', 'high', 3, 1]],
    },
    {
      name: 'an existing test deleted (reported without a line)',
      old: file(...ADDS, "it('subtracts', () => expect(sum(1, -1)).toBe(0))"),
      new: file(...ADDS),
      errors: [['assertion-deleted', 'high', 0, 0]],
    },
    { name: 'the whole test file deleted', old: file(...ADDS), errors: [['assertion-deleted', 'high', 0, 0]] },
    {
      name: 'a test deleted with a declared behaviour change: medium',
      old: file(...ADDS, "it('subtracts', () => expect(sum(1, -1)).toBe(0))"),
      new: file(...ADDS),
      declared: ['subtraction removed'],
      errors: [['assertion-deleted', 'medium', 0, 0]],
    },
    {
      name: 'an assertion on a field the range removed: medium',
      old: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '  expect(sum.promise).toBe(undefined)', '})'),
      new: file(...ADDS),
      removed: ['promise'],
      errors: [['assertion-deleted', 'medium', 3, 1]],
    },
    {
      name: 'an assertion replaced by another one: not a deletion',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  expect(add(2, 2)).toEqual(4)', '})'),
      errors: [],
    },
    {
      name: 'a test deleted together with the function it reaches is not a finding',
      old: file(...ADDS, "it('adds twice', () => expect(add(1, 1)).toBe(2))"),
      new: file(...ADDS),
      removed: ['add'],
      errors: [],
    },
    {
      name: 'a test deleted while another function it reaches remains',
      old: file(...ADDS, "it('adds twice', () => expect(add(sum(1, 0), 1)).toBe(2))"),
      new: file(...ADDS),
      removed: ['add'],
      errors: [['assertion-deleted', 'medium', 0, 0]],
    },
    {
      name: 'a skipped test deleted is not reported',
      old: file(...ADDS, "it.skip('later', () => expect(sum(1, -1)).toBe(0))"),
      new: file(...ADDS),
      errors: [],
    },
  ])
})

describe('test-disabled', () => {
  table([
    {
      name: 'it → it.skip',
      old: file(...ADDS),
      new: file("it.skip('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [['test-disabled', 'high', 3, 1]],
    },
    { name: 'it → xit', old: file(...ADDS), new: file("xit('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'), errors: [['test-disabled', 'high', 3, 1]] },
    {
      name: 'describe → describe.skip: one finding, on the suite',
      old: file("describe('sum', () => {", ...ADDS, '})'),
      new: file("describe.skip('sum', () => {", ...ADDS, '})'),
      errors: [['test-disabled', 'high', 3, 1]],
    },
    {
      name: 'skipIf(true)',
      old: file(...ADDS),
      new: file("it.skipIf(true)('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [['test-disabled', 'high', 3, 1]],
    },
    {
      name: 'describe → describe.skipIf(process.env.CI): one finding, on the suite',
      old: file("describe('sum', () => {", ...ADDS, '})'),
      new: file("describe.skipIf(process.env.CI)('sum', () => {", ...ADDS, '})'),
      errors: [['test-disabled', 'high', 3, 1]],
    },
    {
      name: "it → it.runIf(process.platform === 'darwin')",
      old: file(...ADDS),
      new: file("it.runIf(process.platform === 'darwin')('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [['test-disabled', 'high', 3, 1]],
    },
    {
      name: 'node:test { skip: process.env.CI }',
      old: file(...ADDS),
      new: file("it('adds', { skip: process.env.CI }, () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [['test-disabled', 'high', 3, 1]],
    },
    {
      name: 'an environment skip that was already there',
      old: file("it.skipIf(isCI)('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      new: file("it.skipIf(isCI)('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [],
    },
    {
      name: 'skipIf on a condition that is not the environment',
      old: file(...ADDS),
      new: file("it.skipIf(sum.length > 2)('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [],
    },
    { name: 'a new it.todo', old: file(...ADDS), new: file(...ADDS, "it.todo('subtracts')"), errors: [['test-disabled', 'high', 6, 1]] },
    {
      name: 'a test commented out (not also deleted)',
      old: file(...ADDS, "it('zero', () => expect(sum(0, 0)).toBe(0))"),
      new: file(...ADDS, "// it('zero', () => expect(sum(0, 0)).toBe(0))"),
      errors: [['test-disabled', 'high', 6, 1]],
    },
    {
      name: 'a comment that was already there',
      old: file(...ADDS, "// it('zero', () => expect(sum(0, 0)).toBe(0))"),
      new: file("// it('zero', () => expect(sum(0, 0)).toBe(0))", ...ADDS),
      errors: [],
    },
    {
      name: 'an already skipped test stays skipped',
      old: file("it.skip('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      new: file("it.skip('adds', () => {", '  expect(sum(1, 2)).toBe(30)', '})'),
      errors: [],
    },
  ])
})

describe('test-disabled through an alias', () => {
  const BODY = ["t('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})']
  table([
    {
      name: 'const t = process.env.CI ? test.skip : test',
      old: file(...ADDS),
      new: file('const t = process.env.CI ? test.skip : test', ...BODY),
      errors: [['test-disabled', 'high', 4, 1]],
    },
    {
      name: 'const t = isCI ? it : it.skip (runs only on CI: skipped everywhere else, reported as environment-dependent)',
      old: file(...ADDS),
      new: file('const t = isCI ? it : it.skip', ...BODY),
      errors: [['test-disabled', 'high', 4, 1]],
    },
    {
      name: 'const maybe = cond ? it.skip : it, cond a variable that reads the environment',
      old: file(...ADDS),
      new: file("const cond = process.platform === 'win32'", 'const maybe = cond ? it.skip : it', "maybe('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [['test-disabled', 'high', 5, 1]],
    },
    {
      name: 'const maybe = cond ? it.skip : it, cond a variable holding true',
      old: file(...ADDS),
      new: file('const cond = true', 'const maybe = cond ? it.skip : it', "maybe('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [['test-disabled', 'high', 5, 1]],
    },
    {
      name: 'const t = test.skipIf(process.env.CI)',
      old: file(...ADDS),
      new: file('const t = test.skipIf(process.env.CI)', ...BODY),
      errors: [['test-disabled', 'high', 4, 1]],
    },
    { name: 'const t = test.skipIf(true)', old: file(...ADDS), new: file('const t = test.skipIf(true)', ...BODY), errors: [['test-disabled', 'high', 4, 1]] },
    { name: 'const t = test.runIf(false)', old: file(...ADDS), new: file('const t = test.runIf(false)', ...BODY), errors: [['test-disabled', 'high', 4, 1]] },
    {
      name: 'an alias of the alias: const t = base.concurrent, base = test.skipIf(process.env.CI)',
      old: file(...ADDS),
      new: file('const base = test.skipIf(process.env.CI)', 'const t = base.concurrent', ...BODY),
      errors: [['test-disabled', 'high', 5, 1]],
    },
    {
      name: 'a describe alias: one finding, on the suite',
      old: file("describe('sum', () => {", ...ADDS, '})'),
      new: file('const d = process.env.CI ? describe.skip : describe', "d('sum', () => {", ...ADDS, '})'),
      errors: [['test-disabled', 'high', 4, 1]],
    },
    {
      name: 'a describe.skipIf alias',
      old: file("describe('sum', () => {", ...ADDS, '})'),
      new: file("const d = describe.skipIf(process.platform === 'win32')", "d('sum', () => {", ...ADDS, '})'),
      errors: [['test-disabled', 'high', 4, 1]],
    },
    {
      name: 'a conditional alias already there at the base',
      old: file('const t = process.env.CI ? test.skip : test', ...BODY),
      new: file('const t = process.env.CI ? test.skip : test', "t('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '  expect(sum(2, 2)).toBe(4)', '})'),
      errors: [],
    },
    {
      name: 'a conditional alias on a condition that is not the environment (as skipIf(sum.length > 2))',
      old: file(...ADDS),
      new: file('const t = sum.length > 2 ? test.skip : test', ...BODY),
      errors: [],
    },
    {
      name: 'a conditional alias choosing between two runners that both run',
      old: file(...ADDS),
      new: file('const t = process.env.CI ? test.concurrent : test', ...BODY),
      errors: [],
    },
    { name: 'const t = test.skipIf(false) still runs', old: file(...ADDS), new: file('const t = test.skipIf(false)', ...BODY), errors: [] },
  ])
})

describe('assertion-swallowed', () => {
  table([
    {
      name: 'moved into a try whose catch swallows',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  try {', '    expect(sum(1, 2)).toBe(3)', '  } catch {}', '})'),
      errors: [['assertion-swallowed', 'high', 5, 5]],
    },
    {
      name: 'moved under a new condition',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  if (process.env.STRICT) {', '    expect(sum(1, 2)).toBe(3)', '  }', '})'),
      errors: [['assertion-swallowed', 'high', 5, 5]],
    },
    {
      name: 'a promise chain with a swallowing .catch()',
      old: file("it('a', async () => { await Promise.resolve(sum(1, 2)).then((v) => expect(v).toBe(3)) })"),
      new: file("it('a', async () => { await Promise.resolve(sum(1, 2)).then((v) => expect(v).toBe(3)).catch(() => {}) })"),
      errors: [['assertion-swallowed', 'high', 3, 68]],
    },
    {
      name: 'moved into a setTimeout callback',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  setTimeout(() => {', '    expect(sum(1, 2)).toBe(3)', '  }, 10)', '})'),
      errors: [['assertion-swallowed', 'high', 5, 5]],
    },
    {
      name: 'moved into a .then() nobody awaits',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  Promise.resolve().then(() => {', '    expect(sum(1, 2)).toBe(3)', '  })', '})'),
      errors: [['assertion-swallowed', 'high', 5, 5]],
    },
    {
      name: 'moved into a .then() that is returned',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  return Promise.resolve().then(() => {', '    expect(sum(1, 2)).toBe(3)', '  })', '})'),
      errors: [],
    },
    {
      name: 'a timer in a done-style test is awaited by done',
      old: file(...ADDS),
      new: file("it('adds', (done) => {", '  setTimeout(() => {', '    expect(sum(1, 2)).toBe(3)', '    done()', '  }, 10)', '})'),
      errors: [],
    },
    {
      name: 'a try whose catch rethrows is fine',
      old: file(...ADDS),
      new: file("it('adds', () => {", '  try {', '    expect(sum(1, 2)).toBe(3)', '  } catch (e) {', '    throw e', '  }', '})'),
      errors: [],
    },
    {
      name: 'a condition that was already there',
      old: file("it('adds', () => {", '  if (sum) {', '    expect(sum(1, 2)).toBe(3)', '  }', '})'),
      new: file("it('sums', () => {", '  if (sum) {', '    expect(sum(1, 2)).toBe(3)', '  }', '})'),
      errors: [],
    },
  ])
})

describe('assertions followed into same-file helpers', () => {
  const TWO = ["it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '  expect(sum(2, 2)).toBe(4)', '})']
  table([
    {
      name: 'both assertions moved into an expectX helper: nothing changed',
      old: file(...TWO),
      new: file('function expectSums() {', '  expect(sum(1, 2)).toBe(3)', '  expect(sum(2, 2)).toBe(4)', '}', "it('adds', () => {", '  expectSums()', '})'),
      errors: [],
    },
    {
      name: 'moved into a helper of any name, one assertion kept in the test',
      old: file(...TWO),
      new: file('const check = () => {', '  expect(sum(2, 2)).toBe(4)', '}', "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '  check()', '})'),
      errors: [],
    },
    {
      name: 'through two helpers',
      old: file(...TWO),
      new: file('function inner() { expect(sum(2, 2)).toBe(4) }', 'function outer() { expect(sum(1, 2)).toBe(3); inner() }', "it('adds', () => { outer() })"),
      errors: [],
    },
    {
      name: "the helper expects another value: reported at the helper's line",
      old: file(...TWO),
      new: file('function expectSums() {', '  expect(sum(1, 2)).toBe(3)', '  expect(sum(2, 2)).toBe(5)', '}', "it('adds', () => {", '  expectSums()', '})'),
      errors: [['expected-value-changed', 'high', 5, 3]],
    },
    {
      name: 'the helper dropped one of the assertions',
      old: file(...TWO),
      new: file('function expectSums() {', '  expect(sum(1, 2)).toBe(3)', '}', "it('adds', () => {", '  expectSums()', '})'),
      errors: [['assertion-deleted', 'high', 6, 1]],
    },
    {
      name: 'the helper called under a new condition',
      old: file(...TWO),
      new: file(
        'function expectSums() {',
        '  expect(sum(1, 2)).toBe(3)',
        '  expect(sum(2, 2)).toBe(4)',
        '}',
        "it('adds', () => {",
        '  if (process.env.STRICT) expectSums()',
        '})',
      ),
      errors: [
        ['assertion-swallowed', 'high', 4, 3],
        ['assertion-swallowed', 'high', 5, 3],
      ],
    },
    {
      // It cannot be read, so it counts as the assertion it replaced (as any replacement does), and
      // it never pairs as "the expected value changed to nothing" through the shared name `s`.
      name: 'an assertion replaced by an imported expectX helper call',
      old: file("it('adds', () => {", '  const s = sum', '  expect(s(1, 2)).toBe(3)', '})'),
      new: file("import { expectSum } from './helpers'", "it('adds', () => {", '  const s = sum', '  expectSum(s, 3)', '})'),
      errors: [],
    },
    {
      name: 'a helper argument changed: check(3) → check(30) is a changed expected value',
      old: file('function check(want: number) {', '  expect(sum(1, 2)).toBe(want)', '}', "it('adds', () => {", '  check(3)', '})'),
      new: file('function check(want: number) {', '  expect(sum(1, 2)).toBe(want)', '}', "it('adds', () => {", '  check(30)', '})'),
      errors: [['expected-value-changed', 'high', 4, 3]],
    },
    {
      name: 'an assertion moved into a helper with parameters, same values',
      old: file(...ADDS),
      new: file('function check(a: number, b: number, want: number) {', '  expect(sum(a, b)).toBe(want)', '}', "it('adds', () => {", '  check(1, 2, 3)', '})'),
      errors: [],
    },
    {
      name: 'an assertion moved out of a helper with parameters, same values',
      old: file('function check(a: number, b: number, want: number) {', '  expect(sum(a, b)).toBe(want)', '}', "it('adds', () => {", '  check(1, 2, 3)', '})'),
      new: file(...ADDS),
      errors: [],
    },
    {
      name: 'moved into a helper with a changed value',
      old: file(...ADDS),
      new: file('const check = (a: number, want: number) => {', '  expect(sum(a, 2)).toBe(want)', '}', "it('adds', () => {", '  check(1, 4)', '})'),
      errors: [['expected-value-changed', 'high', 4, 3]],
    },
    {
      name: 'an expectX helper taking the expected message (commander)',
      old: file(
        'function expectError(fn: () => void, message: string) { expect(fn).toThrow(message) }',
        "it('adds', () => {",
        "  expectError(() => sum(1, 'x'), 'Allowed choices')",
        '})',
      ),
      new: file(
        'function expectError(fn: () => void, message: string) { expect(fn).toThrow(message) }',
        "it('adds', () => {",
        "  expectError(() => sum(1, 'x'), 'Allowed values')",
        '})',
      ),
      errors: [['expected-value-changed', 'high', 3, 57]],
    },
    {
      name: 'a recursive helper is entered once',
      old: file(...TWO),
      new: file(
        'function expectSums(n = 0) {',
        '  expect(sum(1, 2)).toBe(3)',
        '  expect(sum(2, 2)).toBe(4)',
        '  if (n > 0) expectSums(n - 1)',
        '}',
        "it('adds', () => {",
        '  expectSums(1)',
        '})',
      ),
      errors: [],
    },
  ])
})

describe('expected values inside assert(…) and supertest chains', () => {
  const REQ = ["import request from 'supertest'", "import { app } from './app'"]
  table([
    {
      name: "assert(help.includes('…')) with another string",
      old: file("it('helps', () => {", "  assert(sum.help().includes('Allowed choices'))", '})'),
      new: file("it('helps', () => {", "  assert(sum.help().includes('Allowed values'))", '})'),
      errors: [['expected-value-changed', 'high', 4, 3]],
    },
    {
      name: 'assert.ok(x > 10) → assert.ok(x > 1)',
      old: file("it('big', () => {", '  assert.ok(sum(5, 6) > 10)', '})'),
      new: file("it('big', () => {", '  assert.ok(sum(5, 6) > 1)', '})'),
      errors: [['expected-value-changed', 'high', 4, 3]],
    },
    {
      name: 'assert(…) unchanged',
      old: file("it('helps', () => {", "  assert(sum.help().includes('Allowed choices'))", '})'),
      new: file("it('helps', () => {", "  assert(sum.help().includes('Allowed choices'))", '  assert(sum)', '})'),
      errors: [],
    },
    {
      name: 'supertest: the expected status changed',
      old: lines(...REQ, "it('gets', () => request(app).get('/').expect(200))"),
      new: lines(...REQ, "it('gets', () => request(app).get('/').expect(404))"),
      errors: [['expected-value-changed', 'high', 3, 18]],
    },
    {
      name: 'supertest: the expected header value changed, the status kept',
      old: lines(...REQ, "it('gets', (done) => { request(app).get('/').expect('Content-Type', 'text/html').expect(200, done) })"),
      new: lines(...REQ, "it('gets', (done) => { request(app).get('/').expect('Content-Type', 'application/json').expect(200, done) })"),
      errors: [['expected-value-changed', 'high', 3, 24]],
    },
    {
      name: 'supertest: an exact header value became a pattern it matches (weakened, not a changed value)',
      old: lines(...REQ, "it('gets', (done) => { request(app).get('/').expect('Content-Type', 'application/json; charset=utf-8').expect(200, done) })"),
      new: lines(...REQ, "it('gets', (done) => { request(app).get('/').expect('Content-Type', /json/).expect(200, done) })"),
      errors: [['assertion-weakened', 'high', 3, 24]],
    },
    {
      name: 'supertest: an exact header value became a pattern it does not match (a changed value)',
      old: lines(...REQ, "it('gets', (done) => { request(app).get('/').expect('Content-Type', 'text/html').expect(200, done) })"),
      new: lines(...REQ, "it('gets', (done) => { request(app).get('/').expect('Content-Type', /json/).expect(200, done) })"),
      errors: [['expected-value-changed', 'high', 3, 24]],
    },
    {
      name: 'supertest: a header expectation added, nothing changed',
      old: lines(...REQ, "it('gets', () => request(app).get('/').expect(200))"),
      new: lines(...REQ, "it('gets', () => request(app).get('/').expect('Content-Type', /json/).expect(200))"),
      errors: [],
    },
    {
      name: 'an inline snapshot rewritten',
      old: file("it('adds', () => {", '  expect(sum(1, 2)).toMatchInlineSnapshot(`3`)', '})'),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toMatchInlineSnapshot(`4`)', '})'),
      errors: [['snapshot-rewritten', 'medium', 4, 3]],
    },
  ])
})

describe('low-assertion-density', () => {
  table([
    {
      name: 'a new test that only checks existence',
      old: file(...ADDS),
      new: file(...ADDS, "it('works', () => {", '  expect(sum(1, 2)).toBeDefined()', '  expect(() => sum(1, 2)).not.toThrow()', '})'),
      errors: [['low-assertion-density', 'medium', 6, 1]],
    },
    { name: 'a floor of 2 values', old: file(), new: file(...ADDS), minAssertions: 2, errors: [['low-assertion-density', 'medium', 3, 1]] },
    {
      name: 'a new test through an asserting helper',
      old: file(),
      new: file('function check(n) { expect(sum(n, 0)).toBe(n) }', "it('checks', () => { check(1) })"),
      errors: [],
    },
    { name: 'a new test without any assertion is left to mock-integrity', old: file(), new: file("it('runs', () => { sum(1, 2) })"), errors: [] },
    {
      name: 'an existing test is not judged',
      old: file("it('a', () => expect(sum(1, 2)).toBeDefined())"),
      new: file("it('a', () => expect(sum(1, 2)).toBeDefined())"),
      errors: [],
    },
  ])
})

describe('snapshot-rewritten', () => {
  const SNAP_OLD = '// Vitest Snapshot v1\n\nexports[`sum > adds 1`] = `3`;\n\nexports[`sum > list 1`] = `\n[\n  1,\n]\n`;\n'
  const SNAP_NEW = '// Vitest Snapshot v1\n\nexports[`sum > adds 1`] = `3`;\n\nexports[`sum > list 1`] = `\n[\n  2,\n]\n`;\n\nexports[`sum > new 1`] = `5`;\n'
  table([
    {
      name: 'an inline snapshot rewritten',
      old: file("it('a', () => expect(sum(1, 2)).toMatchInlineSnapshot('3'))"),
      new: file("it('a', () => expect(sum(1, 2)).toMatchInlineSnapshot('4'))"),
      errors: [['snapshot-rewritten', 'medium', 3, 15]],
    },
    {
      name: 'a snapshot file entry rewritten',
      old: file(...ADDS),
      new: file(...ADDS),
      snapshots: [{ path: 'src/__snapshots__/sum.test.ts.snap', oldText: SNAP_OLD, newText: SNAP_NEW, testPath: 'src/sum.test.ts' }],
      errors: [['snapshot-rewritten', 'medium', 5, 1]],
    },
    {
      name: 'snapshots rewritten without an implementation change are not reported',
      old: file(...ADDS),
      new: file(...ADDS),
      paired: 'none',
      snapshots: [{ path: 'src/__snapshots__/sum.test.ts.snap', oldText: SNAP_OLD, newText: SNAP_NEW }],
      errors: [],
    },
  ])
  it('reads snapshot entries with their 1-based lines', () => {
    expect(snapshotEntries(SNAP_NEW).map((e) => [e.key, e.line])).toEqual([
      ['sum > adds 1', 3],
      ['sum > list 1', 5],
      ['sum > new 1', 11],
    ])
  })
})
