// Pair-tester rows for each test-mutation rule and messageId: the exact messageId and 1-based span
// of every report, and for some the data its message is formatted from. A finding about a whole
// test (skipped, lost assertions, too few) is anchored at its start: its span ends where it starts.
import { lines } from '../../helpers/tables.js'
import { mutationRuleTester } from '../../helpers/mutation-tester.js'

const HEAD = ["import { describe, expect, it, test } from 'vitest'", "import { sum } from './sum'"]
const file = (...rows: string[]): string => lines(...HEAD, ...rows)

// A CommonJS module and its tests, in the shape of express's `utils.flatten` removal (6c75119): the
// export goes, the name `flatten` stays in the module (it still requires the package of that name).
const CJS_OLD = lines("var flatten = require('array-flatten')", 'exports.sum = function (a, b) { return a + b }', 'exports.flatten = deprecate(flatten)')
const CJS_NEW = lines("var flatten = require('array-flatten')", 'exports.sum = function (a, b) { return flatten([a, b]).length }')
const REQUIRED = ["import { describe, expect, it } from 'vitest'", "var utils = require('./sum')"]
const SUMS = "it('sums', () => { expect(utils.sum(1, 2)).toBe(3) })"
const FLATTENS = "it('flattens', () => { expect(utils.flatten([1, [2]])).toEqual([1, 2]) })"
// supertest checks through a same-file helper factory, in the shape of express's res.append tests
// (e9f9aae): `.expect(fn)` with an inline `should(…).eql(…)` became `.expect(shouldHaveHeaderValues(…))`.
const SUPERTEST = ["var assert = require('assert')", "var request = require('supertest')", "var should = require('should')", "var app = require('./sum')"]
const INLINE_CHECK = lines(
  ...SUPERTEST,
  "it('appends', function (done) {",
  "  request(app()).get('/')",
  '    .expect(function (res) {',
  "      should(res.headers['set-cookie']).eql(['a=1', 'b=2'])",
  '    })',
  '    .expect(200, done)',
  '})',
)
/** The new version: the check moved into `shouldHaveHeaderValues`, whose body is `checks` (lines 11 onwards). */
const helperCheck = (...checks: string[]): string =>
  lines(
    ...SUPERTEST,
    "it('appends', function (done) {",
    "  request(app()).get('/')",
    '    .expect(200)',
    "    .expect(shouldHaveHeaderValues('Set-Cookie', ['a=1', 'b=2']))",
    '    .end(done)',
    '})',
    'function shouldHaveHeaderValues(key, values) {',
    '  return function (res) {',
    '    var headers = res.headers[key.toLowerCase()]',
    ...checks,
    '  }',
    '}',
  )
const PRESENT = "    assert.ok(headers, 'should have header ' + key)"
const LENGTH_AND_EACH = [
  '    assert.strictEqual(headers.length, values.length)',
  '    for (var i = 0; i < values.length; i++) assert.strictEqual(headers[i], values[i])',
]

/** testDeleted of the test on line 4 of the base, 1 assertion, while src/sum.ts changed. */
const flattenDeleted = (title: string) => ({
  messageId: 'testDeleted',
  line: 0,
  column: 0,
  endLine: 0,
  endColumn: 0,
  data: { titlePath: title, oldPath: 'src/sum.test.ts', line: 4, count: 1, assertions: 'assertion', why: 'while src/sum.ts changed' },
})

mutationRuleTester('expected-value-changed', {
  valid: [
    {
      name: 'the same expected value',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
    },
    {
      name: 'supertest `.expect(function (res) { … })` became `.expect(helper(…))`: the checks inside are compared, not the functions',
      old: INLINE_CHECK,
      new: helperCheck(PRESENT, ...LENGTH_AND_EACH),
    },
  ],
  invalid: [
    {
      name: 'toBe(3) became toBe(4)',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toBe(4) })"),
      errors: [
        { messageId: 'changed', line: 3, column: 20, endLine: 3, endColumn: 45, data: { title: 'adds', from: '3', to: '4', why: 'while src/sum.ts changed' } },
      ],
    },
    {
      name: 'the values passed to the helper factory changed',
      old: helperCheck(PRESENT, ...LENGTH_AND_EACH),
      new: helperCheck(PRESENT, ...LENGTH_AND_EACH).replace("['a=1', 'b=2']", "['a=1']"),
      errors: [
        { messageId: 'changed', line: 15, column: 5, endLine: 15, endColumn: 54 },
        { messageId: 'changed', line: 16, column: 45, endLine: 16, endColumn: 86 },
      ],
    },
  ],
})

mutationRuleTester('assertion-weakened', {
  valid: [
    {
      name: 'an exact check moved into a helper factory that checks presence, then the length and each element exactly',
      old: INLINE_CHECK,
      new: helperCheck(PRESENT, ...LENGTH_AND_EACH),
    },
    {
      name: 'a stronger matcher',
      old: file("it('adds', () => { expect(sum(1, 2)).toBeDefined() })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
    },
  ],
  invalid: [
    {
      name: 'toBe became toBeDefined',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toBeDefined() })"),
      errors: [{ messageId: 'weakerMatcher', line: 3, column: 20, endLine: 3, endColumn: 51 }],
    },
    {
      name: 'an exact check moved into a helper factory that only checks presence',
      old: INLINE_CHECK,
      new: helperCheck(PRESENT),
      errors: [{ messageId: 'weakerMatcher', line: 14, column: 5, endLine: 14, endColumn: 52 }],
    },
    {
      name: 'a helper whose strong check is on another value',
      old: INLINE_CHECK,
      new: helperCheck(PRESENT, '    assert.strictEqual(res.status, values.length)'),
      errors: [{ messageId: 'weakerMatcher', line: 14, column: 5, endLine: 14, endColumn: 52 }],
    },
    {
      name: 'toMatchObject with fewer keys',
      old: file("it('adds', () => { expect(sum(1, 2)).toMatchObject({ a: 1, b: 2 }) })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toMatchObject({ a: 1 }) })"),
      errors: [{ messageId: 'checksLess', line: 3, column: 20, endLine: 3, endColumn: 61 }],
    },
  ],
})

mutationRuleTester('assertion-deleted', {
  valid: [
    {
      name: 'an assertion added',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '  expect(sum(2, 2)).toBe(4)', '})'),
    },
    {
      name: 'a test that checked nothing (`should(x)` alone) deleted',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })", "it('runs', () => { should(sum(1, 2)) })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
    },
    {
      name: 'a test deleted with the CommonJS export it read (`utils.flatten`, `exports.flatten = …` removed)',
      implementation: { old: CJS_OLD, new: CJS_NEW },
      old: lines(...REQUIRED, SUMS, FLATTENS),
      new: lines(...REQUIRED, SUMS),
    },
    {
      name: 'a test deleted with a key of `module.exports = { … }`',
      implementation: {
        old: lines('function sum(a, b) { return a + b }', 'function flatten(x) { return x.flat() }', 'module.exports = { sum, flatten: flatten }'),
        new: lines('function sum(a, b) { return a + b }', 'function flatten(x) { return x.flat() }', 'module.exports = { sum }'),
      },
      old: lines(...REQUIRED, SUMS, FLATTENS),
      new: lines(...REQUIRED, SUMS),
    },
    {
      name: 'a test deleted with an export it read through a namespace import (the function itself stays, unexported)',
      implementation: {
        old: lines('export function sum(a, b) { return a + b }', 'export function flatten(x) { return x.flat() }'),
        new: lines('export function sum(a, b) { return flatten([a]).length + b }', 'function flatten(x) { return x.flat() }'),
      },
      old: lines("import { describe, expect, it } from 'vitest'", "import * as utils from './sum'", SUMS, FLATTENS),
      new: lines("import { describe, expect, it } from 'vitest'", "import * as utils from './sum'", SUMS),
    },
    {
      name: 'a test deleted with the export it destructured from require()',
      implementation: { old: CJS_OLD, new: CJS_NEW },
      old: lines(
        "import { describe, expect, it } from 'vitest'",
        "var { flatten: flat } = require('./sum')",
        "it('x', () => {})",
        "it('flattens', () => { expect(flat([1, [2]])).toEqual([1, 2]) })",
      ),
      new: lines("import { describe, expect, it } from 'vitest'", "var { flatten: flat } = require('./sum')", "it('x', () => {})"),
    },
  ],
  invalid: [
    {
      name: 'a test deleted while the export it reads stays (`utils.sum`), though another export went',
      implementation: { old: CJS_OLD, new: CJS_NEW },
      old: lines(...REQUIRED, FLATTENS, SUMS),
      new: lines(...REQUIRED, FLATTENS),
      errors: [flattenDeleted('sums')],
    },
    {
      name: 'a test deleted that read a removed export and a kept one',
      implementation: { old: CJS_OLD, new: CJS_NEW },
      old: lines(...REQUIRED, SUMS, "it('flattens', () => { expect(utils.flatten([utils.sum(1, 1)])).toEqual([2]) })"),
      new: lines(...REQUIRED, SUMS),
      errors: [flattenDeleted('flattens')],
    },
    {
      name: 'a test deleted that used the module object whole',
      implementation: { old: CJS_OLD, new: CJS_NEW },
      old: lines(...REQUIRED, SUMS, "it('flattens', () => { expect(Object.keys(utils)).toEqual(['sum', 'flatten']) })"),
      new: lines(...REQUIRED, SUMS),
      errors: [flattenDeleted('flattens')],
    },
    {
      name: "an assertion of a table test put under a condition on its row (zod d24fb4c: `if (key !== '__proto__')`)",
      old: file("it.each(['a', '__proto__'])('keeps %s', (key) => {", '  expect(sum(key, 1)).toBe(2)', '})'),
      new: file("it.each(['a', '__proto__'])('keeps %s', (key) => {", "  if (key !== '__proto__') expect(sum(key, 1)).toBe(2)", '})'),
      errors: [{ messageId: 'casesNarrowed', line: 4, column: 28, endLine: 4, endColumn: 55 }],
    },
    {
      name: 'a test deleted with an export another module removed (the specifier names a module the range did not change)',
      implementation: { old: CJS_OLD, new: CJS_NEW },
      old: lines("import { describe, expect, it } from 'vitest'", "var utils = require('./other')", SUMS, FLATTENS),
      new: lines("import { describe, expect, it } from 'vitest'", "var utils = require('./other')", SUMS),
      errors: [flattenDeleted('flattens')],
    },
    {
      name: 'the matcher removed: `expect(x)` alone checks nothing',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it('adds', () => { expect(sum(1, 2)) })"),
      errors: [{ messageId: 'assertionsLost', line: 3, column: 1, endLine: 3, endColumn: 1 }],
    },
    {
      name: 'one of two assertions removed',
      old: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '  expect(sum(2, 2)).toBe(4)', '})'),
      new: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [{ messageId: 'assertionsLost', line: 3, column: 1, endLine: 3, endColumn: 1 }],
    },
    {
      name: 'a test deleted (no location)',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })", "it('adds more', () => { expect(sum(2, 2)).toBe(4) })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      errors: [
        {
          messageId: 'testDeleted',
          line: 0,
          column: 0,
          endLine: 0,
          endColumn: 0,
          data: { titlePath: 'adds more', oldPath: 'src/sum.test.ts', line: 4, count: 1, assertions: 'assertion', why: 'while src/sum.ts changed' },
        },
      ],
    },
  ],
})

mutationRuleTester('test-disabled', {
  valid: [
    {
      name: 'a skip already in the base',
      old: file("it.skip('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it.skip('adds', () => { expect(sum(1, 2)).toBe(4) })"),
    },
  ],
  invalid: [
    {
      name: 'a test commented out',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("// it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      errors: [{ messageId: 'commentedOut', line: 3, column: 1, endLine: 3, endColumn: 1, data: { title: 'adds' } }],
    },
    {
      name: 'it → it.skip',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it.skip('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      errors: [{ messageId: 'disabled', line: 3, column: 1, endLine: 3, endColumn: 1, data: { kind: 'Test', title: 'adds', skip: 'skip' } }],
    },
    {
      name: 'skipped on CI',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it.skipIf(process.env.CI)('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      errors: [{ messageId: 'environmentSkip', line: 3, column: 1, endLine: 3, endColumn: 1 }],
    },
    {
      name: 'a test added disabled',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })", "it.todo('subtracts')"),
      errors: [{ messageId: 'addedDisabled', line: 4, column: 1, endLine: 4, endColumn: 1 }],
    },
  ],
})

mutationRuleTester('assertion-swallowed', {
  valid: [
    {
      name: 'the assertion stays outside the try',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
    },
  ],
  invalid: [
    {
      name: 'moved into a try whose catch swallows',
      old: file("it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      new: file("it('adds', () => {", '  try {', '    expect(sum(1, 2)).toBe(3)', '  } catch {}', '})'),
      errors: [{ messageId: 'swallowed', line: 5, column: 5, endLine: 5, endColumn: 30 }],
    },
    {
      name: 'a table test whose new condition reads more than its row (a call, another variable) still swallows',
      old: file("it.each(['a'])('keeps %s', (key) => {", '  expect(sum(key, 1)).toBe(2)', '})'),
      new: file("it.each(['a'])('keeps %s', (key) => {", '  if (key !== process.env.SKIP) expect(sum(key, 1)).toBe(2)', '})'),
      errors: [{ messageId: 'swallowed', line: 4, column: 33, endLine: 4, endColumn: 60 }],
    },
    {
      name: "a plain test's callback parameter (`done`) is no row of a table",
      old: file("it('adds', (done) => {", '  expect(sum(1, 2)).toBe(3)', '  done()', '})'),
      new: file("it('adds', (done) => {", '  if (!done) expect(sum(1, 2)).toBe(3)', '  done()', '})'),
      errors: [{ messageId: 'swallowed', line: 4, column: 14, endLine: 4, endColumn: 39 }],
    },
  ],
})

mutationRuleTester('snapshot-rewritten', {
  valid: [
    {
      name: 'no implementation changed',
      paired: false,
      snapshots: [
        {
          path: 'src/__snapshots__/sum.test.ts.snap',
          testPath: 'src/sum.test.ts',
          oldText: 'exports[`adds 1`] = `3`;\n',
          newText: 'exports[`adds 1`] = `4`;\n',
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'a snapshot file entry rewritten',
      snapshots: [
        {
          path: 'src/__snapshots__/sum.test.ts.snap',
          testPath: 'src/sum.test.ts',
          oldText: 'exports[`adds 1`] = `3`;\n',
          newText: 'exports[`adds 1`] = `4`;\n',
        },
      ],
      errors: [
        {
          messageId: 'file',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          data: { count: 1, snapshots: 'snapshot', keys: '`adds 1`', more: '', why: 'while src/sum.ts changed' },
        },
      ],
    },
    {
      name: 'an inline snapshot rewritten',
      old: file("it('adds', () => { expect(sum(1, 2)).toMatchInlineSnapshot('3') })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toMatchInlineSnapshot('4') })"),
      errors: [{ messageId: 'inline', line: 3, column: 20, endLine: 3, endColumn: 64 }],
    },
  ],
})

mutationRuleTester('low-assertion-density', {
  valid: [
    { name: 'a new test that checks a value', old: file(), new: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })") },
    // It asserts nothing at all: mock-integrity's no-assertions / implicit-assertion report it.
    { name: 'a new test of `chai.expect(x)` and `x.should` alone', old: file(), new: file("it('adds', () => { chai.expect(sum(1, 2)); sum(1, 2).should })") },
  ],
  invalid: [
    {
      name: '`should(x)` alone is no second value check',
      minAssertions: 2,
      old: file(),
      new: file("it('adds', () => { expect(sum(1, 2)).toBe(3); should(sum(2, 2)) })"),
      errors: [
        {
          messageId: 'few',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 1,
          data: { title: 'adds', count: 1, values: 'value', floor: 2, weakest: 'expect(sum(1, 2)).toBe(3)' },
        },
      ],
    },
    {
      name: 'a new test that only checks existence',
      old: file(),
      new: file("it('adds', () => { expect(sum(1, 2)).toBeDefined() })"),
      errors: [
        {
          messageId: 'few',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 1,
          data: { title: 'adds', count: 0, values: 'values', floor: 1, weakest: 'expect(sum(1, 2)).toBeDefined()' },
        },
      ],
    },
  ],
})
