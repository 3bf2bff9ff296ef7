// Every mock-integrity and semantic-tests rule through the RuleTester (test/helpers/rule-tester.ts):
// at least one valid and one invalid snippet each, asserting messageId and the exact span.
import { ruleTester } from '../../helpers/rule-tester.js'
import { lines } from '../../helpers/tables.js'

const VI = "import { describe, it, test, expect, vi } from 'vitest'"
const SUM = "import { sum } from './sum'"

ruleTester.run('tautological-assertion', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})')],
  invalid: [
    {
      code: lines(
        VI,
        SUM,
        "it('adds', () => {",
        '  expect(sum(1, 2)).toBe(3)',
        '  expect(1).toBe(1)',
        '  expect(sum(1, 2)).toEqual(sum(1, 2))',
        '  expect(true).toBeTruthy()',
        '})',
      ),
      errors: [
        { messageId: 'sameValue', line: 5, column: 3, endLine: 5, endColumn: 20, data: { assertion: 'expect(1).toBe(1)' } },
        { messageId: 'sameCall', line: 6, column: 3, endLine: 6, endColumn: 39 },
        { messageId: 'constant', line: 7, column: 3, endLine: 7, endColumn: 28, data: { assertion: 'expect(true).toBeTruthy()', matcher: 'toBeTruthy' } },
      ],
    },
  ],
})

// `expect(x)`, `should(x)`, `x.should` and `chai.expect(x)` with no matcher (or only language chains) check nothing.
const SHOULD_CHAI = ["import chai from 'chai'", "const should = require('should')"]
const BARE = ['  expect(x)', '  should(x)', '  x.should', '  chai.expect(x)', '  expect(x).to.be', '  should(x).not']

ruleTester.run('no-assertions', {
  valid: [
    lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
    lines(VI, SUM, "it('runs', () => {", '  sum(1, 2)', '})'),
    lines(
      VI,
      ...SHOULD_CHAI,
      "it('a', () => { const x = 1; should(x).eql(1) })",
      "it('b', () => { const x = 1; x.should.equal(1) })",
      "it('c', () => { const x = 1; chai.expect(x).to.equal(1) })",
      "it('d', () => { const x = 1; expect(x).to.be.ok })",
    ),
    { code: lines(VI, "it('e', () => { const x = 1; expect(x) })"), assertionFunctions: ['expect'] },
    // A supertest request held in a variable: its `.expect(…)` is not chai's bare expect, and still counts.
    lines(VI, "import request from 'supertest'", "it('f', () => {", "  const test = request('http://localhost').get('/')", '  return test.expect(413)', '})'),
  ],
  invalid: [
    {
      code: lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})', "it('does nothing', () => {", '  const x = 1', '})'),
      errors: [{ messageId: 'noAssertions', line: 6, column: 1, endLine: 6, endColumn: 3, data: { title: 'does nothing' } }],
    },
    {
      code: lines(VI, ...SHOULD_CHAI, "it('checks nothing', () => {", '  const x = 1', ...BARE, '})'),
      errors: [{ messageId: 'noAssertions', line: 4, column: 1, endLine: 4, endColumn: 3, data: { title: 'checks nothing' } }],
    },
  ],
})

ruleTester.run('implicit-assertion', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'), lines(VI, SUM, "it('does nothing', () => {", '  const x = 1', '})')],
  invalid: [
    {
      code: lines(VI, SUM, "test('runs', () => {", '  sum(1, 2)', '})'),
      errors: [{ messageId: 'implicitAssertion', line: 3, column: 1, endLine: 3, endColumn: 5, data: { title: 'runs' } }],
    },
    {
      code: lines(VI, ...SHOULD_CHAI, SUM, "test('runs', () => {", '  expect(sum(1, 2))', '  should(sum(1, 2))', '  chai.expect(sum(1, 2))', '})'),
      errors: [{ messageId: 'implicitAssertion', line: 5, column: 1, endLine: 5, endColumn: 5, data: { title: 'runs' } }],
    },
  ],
})

ruleTester.run('unreachable-assertion', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '  return', '})')],
  invalid: [
    {
      code: lines(VI, SUM, "it('adds', () => {", '  const r = sum(1, 2)', '  return', '  expect(r).toBe(3)', '})'),
      errors: [{ messageId: 'unreachable', line: 6, column: 3, endLine: 6, endColumn: 20, data: { assertion: 'expect(r).toBe(3)', exit: 'return', line: 5 } }],
    },
  ],
})

ruleTester.run('mocked-unit-under-test', {
  valid: [lines(VI, SUM, "import { query } from './db'", "vi.mock('./db')", "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})')],
  invalid: [
    {
      code: lines(VI, SUM, "vi.mock('./sum')", "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [{ messageId: 'moduleMocked', line: 3, column: 1, endLine: 3, endColumn: 17, data: { api: 'vi.mock', specifier: './sum', name: 'sum' } }],
    },
    {
      code: lines(
        VI,
        "import * as calc from './sum'",
        "it('adds', () => {",
        "  vi.spyOn(calc, 'sum').mockReturnValue(3)",
        '  expect(calc.sum(1, 2)).toBe(3)',
        '})',
      ),
      errors: [{ messageId: 'exportReplaced', line: 4, column: 3, endLine: 4, endColumn: 43 }],
    },
  ],
})

ruleTester.run('no-source-under-test', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})')],
  invalid: [
    {
      code: lines(VI, "it('adds', () => {", '  expect(1 + 2).toBe(3)', '})'),
      errors: [{ messageId: 'importsOnly', line: 2, column: 1, endLine: 2, endColumn: 3, data: { tests: '1 test', libraries: 'vitest' } }],
    },
    {
      code: lines("it('adds', () => {", '  expect(1 + 2).toBe(3)', '})', "it('subtracts', () => {", '  expect(2 - 1).toBe(1)', '})'),
      errors: [{ messageId: 'importsNothing', line: 1, column: 1, endLine: 1, endColumn: 3, data: { tests: '2 tests' } }],
    },
  ],
})

ruleTester.run('internal-mock-ratio', {
  valid: [lines(VI, SUM, "import { query } from './db'", "vi.mock('./db')", "it('adds', () => {", '  expect(sum(query(), 2)).toBe(3)', '})')],
  invalid: [
    {
      code: lines(
        VI,
        SUM,
        "import { query } from './db'",
        "import { log } from './log'",
        "import { now } from './clock'",
        "vi.mock('./db')",
        "vi.mock('./log')",
        "vi.mock('./clock')",
        "it('adds', () => {",
        '  expect(sum(query(), now())).toBe(3)',
        '})',
      ),
      errors: [{ messageId: 'ratio', line: 6, column: 1, endLine: 6, endColumn: 16, data: { mocked: 3, used: 4, percent: 75, maxPercent: 50 } }],
    },
  ],
})

ruleTester.run('conditional-assertion', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  expect.assertions(1)', '  if (sum(1, 2)) expect(sum(1, 2)).toBe(3)', '})')],
  invalid: [
    {
      code: lines(
        VI,
        SUM,
        "it('adds', async () => {",
        '  const r = sum(1, 2)',
        '  if (r > 0) {',
        '    expect(r).toBe(3)',
        '  }',
        '  r > 1 ? expect(r).toBe(3) : null',
        '  r && expect(r).toBe(3)',
        '  try {',
        '    sum(1, 2)',
        '  } catch (e) {',
        '    expect(e).toBeDefined()',
        '  }',
        '  Promise.resolve(r).then((v) => expect(v).toBe(3))',
        '})',
      ),
      errors: [
        { messageId: 'underIf', line: 6, column: 5, endLine: 6, endColumn: 22, data: { assertion: 'expect(r).toBe(3)', condition: 'r > 0' } },
        { messageId: 'inTernary', line: 8, column: 11, endLine: 8, endColumn: 28 },
        { messageId: 'afterOperator', line: 9, column: 8, endLine: 9, endColumn: 25, data: { assertion: 'expect(r).toBe(3)', operator: '&&' } },
        { messageId: 'inCatch', line: 13, column: 5, endLine: 13, endColumn: 28 },
        { messageId: 'inCallback', line: 15, column: 34, endLine: 15, endColumn: 51 },
      ],
    },
  ],
})

ruleTester.run('focused-test', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})')],
  invalid: [
    {
      code: lines(VI, SUM, "describe.only('sum', () => {", "  it('adds', () => {", '    expect(sum(1, 2)).toBe(3)', '  })', '})'),
      errors: [{ messageId: 'focused', line: 3, column: 1, endLine: 3, endColumn: 14, data: { kind: 'suite', title: 'sum', chain: 'describe.only' } }],
    },
  ],
})

ruleTester.run('skipped-test', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})')],
  invalid: [
    {
      code: lines(VI, SUM, "it.skip('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})', "it.todo('subtracts')"),
      errors: [
        { messageId: 'skipped', line: 3, column: 1, endLine: 3, endColumn: 8, data: { kind: 'test', title: 'adds', how: 'skip' } },
        { messageId: 'skipped', line: 6, column: 1, endLine: 6, endColumn: 8, data: { kind: 'test', title: 'subtracts', how: 'todo' } },
      ],
    },
  ],
})

ruleTester.run('harness-suppression', {
  valid: [
    { code: lines("import { vi } from 'vitest'", "vi.spyOn(console, 'error')"), path: 'test/setup.ts' },
    { code: lines("import { defineConfig } from 'vitest/config'", 'export default defineConfig({ test: { silent: false } })'), path: 'vitest.config.ts' },
  ],
  invalid: [
    {
      code: lines('console.error = () => {}', "process.on('unhandledRejection', () => {})", 'globalThis.IS_REACT_ACT_ENVIRONMENT = false'),
      path: 'test/setup.ts',
      errors: [
        { messageId: 'consoleReplaced', line: 1, column: 1, endLine: 1, endColumn: 25, data: { target: 'console.error' } },
        { messageId: 'handlerSwallows', line: 2, column: 1, endLine: 2, endColumn: 43, data: { event: 'unhandledRejection' } },
        { messageId: 'reactActOff', line: 3, column: 1, endLine: 3, endColumn: 44 },
      ],
    },
    {
      code: lines("import { defineConfig } from 'vitest/config'", 'export default defineConfig({ test: { silent: true, onConsoleLog: () => false } })'),
      path: 'vitest.config.ts',
      errors: [
        { messageId: 'silent', line: 2, column: 39, endLine: 2, endColumn: 51 },
        { messageId: 'filterReturnsFalse', line: 2, column: 53, endLine: 2, endColumn: 78, data: { option: 'onConsoleLog', dropped: 'console output' } },
      ],
    },
  ],
})

ruleTester.run('parse-error', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2)).toBe(3)', '})')],
  invalid: [
    {
      code: lines(VI, SUM, "it('adds', () => {", '  expect(sum(1, 2).toBe(3)', '})'),
      errors: [{ messageId: 'notAnalysed', line: 5, column: 1, endLine: 5, endColumn: 1, data: { error: "',' expected." } }],
    },
  ],
})

ruleTester.run('literal-echo', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  const r = sum(1, 2)', '  expect(r).toBe(3)', '})')],
  invalid: [
    {
      code: lines(VI, SUM, "it('adds', () => {", "  const name = 'ann'", "  expect(name).toBe('ann')", '  expect(sum(1, 2)).toBe(3)', '})'),
      errors: [{ messageId: 'echo', line: 5, column: 3, endLine: 5, endColumn: 27, data: { assertion: "expect(name).toBe('ann')", binding: 'name' } }],
    },
  ],
})

ruleTester.run('mock-return-echo', {
  valid: [lines(VI, SUM, "it('adds', () => {", '  const fetch = vi.fn().mockReturnValue(2)', '  expect(sum(fetch(), 1)).toBe(3)', '})')],
  invalid: [
    {
      code: lines(
        VI,
        SUM,
        "it('adds', () => {",
        '  const fetch = vi.fn().mockReturnValue(2)',
        '  expect(fetch()).toBe(2)',
        '  expect(sum(1, 2)).toBe(3)',
        '})',
      ),
      errors: [{ messageId: 'echo', line: 5, column: 3, endLine: 5, endColumn: 26, data: { assertion: 'expect(fetch()).toBe(2)', target: 'fetch' } }],
    },
  ],
})
