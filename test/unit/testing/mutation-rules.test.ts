// Pair-tester rows for each test-mutation rule and messageId: the exact messageId and 1-based span
// of every report, and for some the data its message is formatted from. A finding about a whole
// test (skipped, lost assertions, too few) is anchored at its start: its span ends where it starts.
import { lines } from '../../helpers/tables.js'
import { mutationRuleTester } from '../../helpers/mutation-tester.js'

const HEAD = ["import { describe, expect, it, test } from 'vitest'", "import { sum } from './sum'"]
const file = (...rows: string[]): string => lines(...HEAD, ...rows)

mutationRuleTester('expected-value-changed', {
  valid: [
    {
      name: 'the same expected value',
      old: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
      new: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })"),
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
  ],
})

mutationRuleTester('assertion-weakened', {
  valid: [
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
  ],
  invalid: [
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
  valid: [{ name: 'a new test that checks a value', old: file(), new: file("it('adds', () => { expect(sum(1, 2)).toBe(3) })") }],
  invalid: [
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
