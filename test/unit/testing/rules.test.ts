// RuleTester-style tables for the test-integrity rules: each case is a real snippet parsed by
// TypeScript, run through the real rules, with the exact rule id, line and column expected.
import { afterAll, describe, expect, it } from 'vitest'
import { analyseFile } from '../../../src/testing/analyse.js'
import { checkRunnerConfig, checkSetupFile } from '../../../src/testing/harness.js'
import { createImportClassifier } from '../../../src/testing/resolve.js'
import { mockIntegrity, semanticTests, type RuleFinding } from '../../../src/testing/rules.js'
import { analyseOptions, ruleEnvironment } from '../../../src/testing/scan.js'
import { loadTypeScript } from '../../../src/testing/typescript.js'
import { makeTempDir, removeTempDirs } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

/** The repository the snippets live in: a package named `calc` with a few source modules. */
const FILES = [
  'package.json',
  'src/sum.ts',
  'src/db.ts',
  'src/log.ts',
  'src/api.ts',
  'src/clock.ts',
  'src/user/index.ts',
  'bin/cli.js',
  'test/fixtures/data.ts',
  'src/__mocks__/db.ts',
  'test/fixtures/pm',
  'test/fixtures/plain.js',
  'test/spawned/run.js',
]
/** Fixture scripts the tests spawn: one imports the repository's code, one does not. */
const FIXTURES: Record<string, string> = {
  'test/fixtures/pm': "#!/usr/bin/env node\nimport { sum } from '../../src/sum.js'\nconsole.log(sum(1, 2))\n",
  'test/fixtures/plain.js': "console.log('hello')\n",
}

interface Case {
  name: string
  code: string
  /** Path of the snippet (default `src/sum.test.ts`). */
  path?: string
  /** [rule id, 1-based line, 1-based column] of each expected finding of the rules under test. */
  errors: Array<[string, number, number]>
  /** `gates.mock-integrity.assertion-functions`. */
  assertionFunctions?: string[]
}

/** A real directory holding the package.json the classifier reads (the snippets themselves stay in memory). */
const ROOT = makeTempDir({ 'package.json': JSON.stringify({ name: 'calc', version: '1.0.0' }) }, 'proofgate-rules-')
afterAll(removeTempDirs)

const VI = "import { describe, it, test, expect, vi } from 'vitest'"
const SUM = "import { sum } from './sum'"

async function findingsOf(c: Case): Promise<RuleFinding[]> {
  const ts = await loadTypeScript()
  const path = c.path ?? 'src/sum.test.ts'
  const classifier = await createImportClassifier(ROOT, FILES)
  const env = ruleEnvironment(
    [...FILES, path],
    classifier,
    (p) => /\.test\.|\/test\.ts$|^test\//.test(p),
    { maxRatio: 0.5, minMocks: 3 },
    (p) => FIXTURES[p] ?? null,
  )
  const file = analyseFile(ts, path, c.code, analyseOptions(c.assertionFunctions ?? []))
  return [...mockIntegrity(file, env), ...semanticTests(file, env)]
}

function table(rules: string[], cases: Case[]): void {
  for (const c of cases) {
    it(`${c.errors.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, async () => {
      const found = (await findingsOf(c)).filter((f) => rules.includes(f.ruleId)).map((f) => [f.ruleId, f.startLine, f.startColumn])
      expect(found).toEqual(c.errors)
    })
  }
}

describe('tautological-assertion', () => {
  table(
    ['tautological-assertion'],
    [
      {
        name: 'expect(true).toBe(true) (vitest import)',
        code: lines(VI, SUM, "it('a', () => {", '  expect(true).toBe(true)', '})'),
        errors: [['tautological-assertion', 4, 3]],
      },
      {
        name: 'expect(\'x\').toBe("x"): quote styles agree',
        code: lines(SUM, "test('a', () => { expect('x').toBe(\"x\") })"),
        errors: [['tautological-assertion', 2, 19]],
      },
      {
        name: 'assert.equal(typeof x.json, typeof x.json) (node:assert)',
        code: lines("import assert from 'node:assert'", "import * as x from './sum'", "it('a', () => {", '  assert.equal(typeof x.json, typeof x.json)', '})'),
        errors: [['tautological-assertion', 4, 3]],
      },
      {
        name: 'expect(!x).toBe(!x)',
        code: lines(SUM, "test('a', () => {", '  const x = sum(1, 2)', '  expect(!x).toBe(!x)', '})'),
        errors: [['tautological-assertion', 4, 3]],
      },
      {
        name: 'assert.ok(!cmd._flag) is a unary check of a value, not a constant (commander)',
        code: lines(
          "import assert from 'node:assert'",
          "import * as x from './sum'",
          "it('a', () => {",
          '  const cmd = x.make()',
          '  assert.ok(!cmd._flag)',
          '})',
        ),
        errors: [],
      },
      {
        name: "typeof on one side only: assert.equal(typeof x.json, 'function')",
        code: lines("import assert from 'node:assert'", "import * as x from './sum'", "it('a', () => {", "  assert.equal(typeof x.json, 'function')", '})'),
        errors: [],
      },
      {
        name: 'typeof of different references',
        code: lines("import assert from 'node:assert'", "import * as x from './sum'", "it('a', () => {", '  assert.equal(typeof x.json, typeof x.text)', '})'),
        errors: [],
      },
      {
        name: 'expect(x).toBe(x) (jest globals)',
        code: lines(SUM, "test('a', () => {", '  const x = sum(1, 2)', '  expect(x).toBe(x)', '})'),
        errors: [['tautological-assertion', 4, 3]],
      },
      { name: 'expect(1).toEqual(1.0)', code: lines(SUM, "it('a', () => expect(1).toEqual(1.0))"), errors: [['tautological-assertion', 2, 15]] },
      {
        name: 'assert.ok(true) and assert.equal(1, 1) (node:test)',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          SUM,
          "test('a', () => {",
          '  assert.ok(true)',
          '  assert.equal(1, 1)',
          '  assert.equal(sum(1, 1), 2)',
          '})',
        ),
        errors: [
          ['tautological-assertion', 5, 3],
          ['tautological-assertion', 6, 3],
        ],
      },
      {
        name: 'assert(true) with a named import',
        code: lines("import assert from 'assert'", SUM, "it('a', () => { assert(true) })"),
        errors: [['tautological-assertion', 3, 17]],
      },
      {
        name: 'chai: expect(true).to.be.true and expect(2).to.equal(2) (mocha)',
        code: lines(
          "const { expect } = require('chai')",
          SUM,
          "describe('s', function () {",
          "  it('a', function () {",
          '    expect(true).to.be.true',
          '    expect(2).to.equal(2)',
          '  })',
          '})',
        ),
        errors: [
          ['tautological-assertion', 5, 5],
          ['tautological-assertion', 6, 5],
        ],
      },
      {
        name: 'objects of literals in any key order',
        code: lines(SUM, "it('a', () => expect({ a: 1, b: [2] }).toEqual({ b: [2], a: 1 }))"),
        errors: [['tautological-assertion', 2, 15]],
      },
      { name: 'expect(sum(1, 1)).toBe(2) is fine', code: lines(VI, SUM, "it('a', () => { expect(sum(1, 1)).toBe(2) })"), errors: [] },
      {
        name: 'negated: expect(x).not.toBe(x) is not a tautology',
        code: lines(SUM, "it('a', () => { const x = sum(1, 2); expect(x).not.toBe(x) })"),
        errors: [],
      },
      {
        name: 'the same call on both sides: expect(sum(1, 2)).toBe(sum(1, 2)) checks only determinism',
        code: lines(SUM, "it('a', () => { expect(sum(1, 2)).toBe(sum(1, 2)) })"),
        errors: [['tautological-assertion', 2, 17]],
      },
      {
        name: 'a call without arguments on both sides checks a singleton',
        code: lines(SUM, "it('a', () => { expect(sum.instance()).toBe(sum.instance()) })"),
        errors: [],
      },
      { name: 'different calls of the unit are fine', code: lines(SUM, "it('a', () => { expect(sum(1, 2)).toBe(sum(2, 1)) })"), errors: [] },
      {
        name: 'an alias: const b = a; expect(a).toBe(b)',
        code: lines(SUM, "it('a', () => {", '  const a = sum(1, 2)', '  const b = a', '  expect(a).toBe(b)', '})'),
        errors: [['tautological-assertion', 5, 3]],
      },
      {
        name: 'an alias through two consts, in toEqual',
        code: lines(SUM, "it('a', () => {", '  const a = sum(1, 2)', '  const b = a', '  const c = b', '  expect(c).toEqual(a)', '})'),
        errors: [['tautological-assertion', 6, 3]],
      },
      {
        name: 'an alias of a reassigned let is a snapshot of the old value',
        code: lines(SUM, "it('a', () => {", '  let a = sum(1, 2)', '  const b = a', '  a = sum(2, 2)', '  expect(a).toBe(b)', '})'),
        errors: [],
      },
      {
        name: 'commented-out code never counts',
        code: lines(SUM, "it('a', () => {", '  // expect(true).toBe(true)', '  /* assert.equal(1, 1) */', '  expect(sum(1, 1)).toBe(2)', '})'),
        errors: [],
      },
      {
        name: 'toBeTruthy on a literal',
        code: lines(SUM, "it('a', () => { expect('ok').toBeTruthy(); expect(sum(0, 0)).toBeFalsy() })"),
        errors: [['tautological-assertion', 2, 17]],
      },
    ],
  )
})

describe('no-assertions and implicit-assertion', () => {
  table(
    ['no-assertions', 'implicit-assertion'],
    [
      { name: 'empty body', code: lines(VI, SUM, "it('does nothing', () => {})"), errors: [['no-assertions', 3, 1]] },
      {
        name: 'a body wrapped in a helper call is read',
        code: lines(VI, SUM, "it('a', withEffectRoot(() => { sum(1, 1) }))", "it('b', withEffectRoot(() => { expect(sum(1, 1)).toBe(2) }))"),
        errors: [['implicit-assertion', 3, 1]],
      },
      {
        name: 'calls code but asserts nothing (jest globals)',
        code: lines(SUM, "test('runs', () => {", '  sum(1, 2)', '})'),
        errors: [['implicit-assertion', 2, 1]],
      },
      {
        name: 'test.each and concurrent',
        code: lines(VI, SUM, "it.each([1, 2])('x %i', (n) => { sum(n, n) })", "it.concurrent('c', async () => { await sum(1, 1) })"),
        errors: [
          ['implicit-assertion', 3, 1],
          ['implicit-assertion', 4, 1],
        ],
      },
      {
        name: 'a helper in the same file asserts, two levels deep',
        code: lines(
          VI,
          SUM,
          'function check(n: number) { expect(sum(n, 0)).toBe(n) }',
          'const twice = (n: number) => { check(n); check(n) }',
          "it('via helper', () => { twice(3) })",
        ),
        errors: [],
      },
      {
        name: 'a helper that does not assert does not count; it runs the code',
        code: lines(VI, SUM, 'function run(n: number) { return sum(n, 0) }', "it('via helper', () => { run(3) })"),
        errors: [['implicit-assertion', 4, 1]],
      },
      {
        name: 'expect.assertions, snapshots, rejects',
        code: lines(
          VI,
          SUM,
          "it('a', () => { expect.assertions(0) })",
          "it('b', () => { expect(sum(1, 1)).toMatchSnapshot() })",
          "it('c', async () => { await expect(Promise.reject(sum(1, 1))).rejects.toBe(2) })",
        ),
        errors: [],
      },
      {
        name: 'node:assert named imports and t.assert (node:test)',
        code: lines(
          "import { test } from 'node:test'",
          "import { strictEqual } from 'node:assert'",
          SUM,
          "test('a', () => { strictEqual(sum(1, 1), 2) })",
          "test('b', (t) => { t.assert.equal(sum(1, 1), 2) })",
        ),
        errors: [],
      },
      { name: 'chai should style (mocha)', code: lines("require('chai').should()", SUM, "it('a', function () { sum(1, 1).should.equal(2) })"), errors: [] },
      {
        name: 'an afterEach that asserts covers the tests of its suite',
        code: lines(
          VI,
          SUM,
          "describe('s', () => {",
          '  afterEach(() => { expect(sum(0, 0)).toBe(0) })',
          "  it('a', () => { sum(1, 1) })",
          '})',
          "it('outside', () => { sum(1, 1) })",
        ),
        errors: [['implicit-assertion', 7, 1]],
      },
      { name: 'skipped and todo tests are reported as skipped, not here', code: lines(VI, SUM, "it.skip('a', () => {})", "it.todo('b')"), errors: [] },
      {
        name: 'a test function passed by name and imported cannot be followed',
        code: lines(VI, SUM, "import { shared } from './shared-cases'", "it('a', shared)"),
        errors: [],
      },
      {
        name: '@ts-expect-error is a type-level assertion',
        code: lines(VI, SUM, "it('rejects strings', () => {", '  // @ts-expect-error', "  sum('1', 2)", '})'),
        errors: [],
      },
    ],
  )
})

const REQUEST = ["import request from 'supertest'", "import { app } from './api'"]

describe('assertions as real suites write them (supertest chains, done callbacks, assertion-functions)', () => {
  table(
    ['no-assertions', 'implicit-assertion'],
    [
      {
        name: 'supertest: status, header, body and callback .expect()s are assertions',
        code: lines(
          ...REQUEST,
          "it('status', () => request(app).get('/').expect(200))",
          "it('header', (done) => { request(app).get('/').expect('Content-Type', /json/).expect(200, done) })",
          "it('body', async () => { await request(app).get('/').expect('hello') })",
          "it('callback', () => request(app).get('/').expect((res) => { if (!res.ok) throw new Error('status') }))",
        ),
        errors: [],
      },
      {
        name: 'a superagent agent kept in a variable',
        code: lines(
          ...REQUEST,
          'const agent = request.agent(app)',
          "it('logs in', function () { return agent.post('/login').send({ user: 'a' }).expect(302) })",
        ),
        errors: [],
      },
      {
        name: 'a request sent without any .expect() only runs the code',
        code: lines(...REQUEST, "it('sends', async () => { await request(app).get('/') })"),
        errors: [['implicit-assertion', 3, 1]],
      },
      {
        name: 'done handed to the code or called with its error is an assertion',
        code: lines(
          ...REQUEST,
          "it('closes', (done) => { app.close(done) })",
          "it('renders', function (done) { app.render('x', function (err) { if (err) return done(err); done() }) })",
        ),
        errors: [],
      },
      {
        name: 'done handed over inside an object (express: { end: done })',
        code: lines(...REQUEST, "it('ends', function (done) { app.handle({ url: '/' }, { end: done }) })"),
        errors: [],
      },
      {
        name: 'done() called with nothing proves nothing',
        code: lines(...REQUEST, "it('runs', (done) => { app.render('x'); done() })"),
        errors: [['implicit-assertion', 3, 1]],
      },
      {
        name: 'assertion-functions "**.ensure" matches a call path rooted in a call',
        assertionFunctions: ['**.ensure'],
        code: lines(...REQUEST, "it('a', () => request(app).get('/').ensure(200))"),
        errors: [],
      },
      {
        name: 'assertion-functions "request.**.ensure" matches only chains rooted at request',
        assertionFunctions: ['request.**.ensure'],
        code: lines(...REQUEST, "it('a', () => request(app).get('/').ensure(200))", "it('b', () => app.get('/').ensure(200))"),
        errors: [['implicit-assertion', 4, 1]],
      },
    ],
  )
  it('assertion-functions globs match member paths with calls dropped', () => {
    // `**` matches zero segments too: `"**.expect"` also names a bare `expect(…)` call.
    const any = analyseOptions(['**.expect']).isAssertionCall!
    const rooted = analyseOptions(['request.**.expect']).isAssertionCall!
    expect([any('request.get.expect'), any('expect'), rooted('request.get.expect'), rooted('request.agent.post.expect'), rooted('agent.get.expect')]).toEqual([
      true,
      true,
      true,
      true,
      false,
    ])
  })
})

describe('implicit-assertion: smoke tests run repository code', () => {
  table(
    ['no-assertions', 'implicit-assertion'],
    [
      {
        name: 'a schema built at the top of the file and parsed in the test (zod)',
        code: lines(
          VI,
          "import * as z from 'calc'",
          'const minTwo = z.string().array().min(2)',
          "test('passing validations', () => {",
          "  minTwo.parse(['a', 'a'])",
          '})',
        ),
        errors: [['implicit-assertion', 4, 1]],
      },
      {
        name: 'an app built in a beforeEach hook and used in the test',
        code: lines(VI, "import { createApp } from './api'", 'let app', 'beforeEach(() => { app = createApp() })', "it('starts', () => { app.start() })"),
        errors: [['implicit-assertion', 5, 1]],
      },
      {
        name: 'typed declarations only: an assignability check by the compiler (zod)',
        code: lines(
          VI,
          "import * as z from 'calc'",
          "test('checks', () => {",
          '  const _a: z.Check = {} as any as z.Checks',
          '  let _t!: z.Def<readonly ["a"]>',
          '  _t',
          '})',
        ),
        errors: [],
      },
      {
        name: 'a typed declaration that calls code is not a compile-time check',
        code: lines(VI, "import * as z from 'calc'", "test('parses', () => {", "  const _a: string = z.parse('a')", '})'),
        errors: [['implicit-assertion', 3, 1]],
      },
      {
        name: 'a test that touches no repository code stays no-assertions',
        code: lines(VI, SUM, "it('pushes', () => { const a = [1]; a.push(2) })"),
        errors: [['no-assertions', 3, 1]],
      },
    ],
  )
})

describe('no-source-under-test: spawned fixtures', () => {
  table(
    ['no-source-under-test'],
    [
      {
        name: 'a spawned fixture script that imports the repository',
        path: 'test/pm.test.js',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          "import * as path from 'node:path'",
          "const pm = path.join(import.meta.dirname, './fixtures/pm')",
          "test('lists', () => { assert.ok(execFileSync('node', [pm, 'list'])) })",
        ),
        errors: [],
      },
      {
        name: 'a fixtures directory one of whose scripts imports the repository',
        path: 'test/pm.test.js',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          "const pm = join(import.meta.dirname, './fixtures', 'pm')",
          "test('lists', () => { assert.ok(execFileSync('node', [pm])) })",
        ),
        errors: [],
      },
      {
        name: "path.join(dir, 'fixtures', 'pm') names the fixture by its segments (commander)",
        path: 'test/pm.test.js',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          "import * as path from 'node:path'",
          "const pm = path.join(import.meta.dirname, 'fixtures', 'pm')",
          "test('lists', () => { assert.ok(spawn(pm, ['list'])) })",
        ),
        errors: [],
      },
      {
        name: 'a spawned fixture that does not import the repository',
        path: 'test/pm.test.js',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          "test('hello', () => { assert.ok(execFileSync('node', ['test/fixtures/plain.js'])) })",
        ),
        errors: [['no-source-under-test', 3, 1]],
      },
    ],
  )
})

describe('unreachable-assertion', () => {
  table(
    ['unreachable-assertion'],
    [
      {
        name: 'an assertion after return',
        code: lines(VI, SUM, "it('a', () => {", '  const r = sum(1, 1)', '  return', '  expect(r).toBe(2)', '})'),
        errors: [['unreachable-assertion', 6, 3]],
      },
      {
        name: 'an assertion after throw, in a nested block',
        code: lines(VI, SUM, "it('a', async () => {", '  await sum(1, 1)', '  {', "    throw new Error('todo')", '    expect(sum(1, 1)).toBe(2)', '  }', '})'),
        errors: [['unreachable-assertion', 7, 5]],
      },
      {
        name: 'a conditional return leaves the assertion reachable',
        code: lines(VI, SUM, "it('a', () => {", '  const r = sum(1, 1)', '  if (r > 5) return', '  expect(r).toBe(2)', '})'),
        errors: [],
      },
      {
        name: 'a return in an earlier callback does not count',
        code: lines(VI, SUM, "it('a', () => {", '  const f = () => { return 1 }', '  expect(sum(f(), 1)).toBe(2)', '})'),
        errors: [],
      },
      {
        name: 'a helper declared after the return is hoisted',
        code: lines(VI, SUM, "it('a', () => {", '  return check()', '  function check() { expect(sum(1, 1)).toBe(2) }', '})'),
        errors: [],
      },
    ],
  )
})

describe('mocked-unit-under-test', () => {
  table(
    ['mocked-unit-under-test'],
    [
      {
        name: "vi.spyOn(mod, 'sum').mockReturnValue on the unit's own module",
        code: lines(
          VI,
          "import * as calc from './sum'",
          "it('a', () => {",
          "  vi.spyOn(calc, 'sum').mockReturnValue(42)",
          '  expect(calc.sum(1, 2)).toBe(42)',
          '})',
        ),
        errors: [['mocked-unit-under-test', 4, 3]],
      },
      {
        name: 'jest.spyOn kept in a variable and given an implementation',
        code: lines(
          "import * as calc from './sum'",
          "test('a', () => {",
          "  const spy = jest.spyOn(calc, 'sum')",
          '  spy.mockImplementation(() => 42)',
          '  expect(calc.sum(1, 2)).toBe(42)',
          '})',
        ),
        errors: [['mocked-unit-under-test', 3, 15]],
      },
      {
        name: 'a spy that only observes calls through',
        code: lines(
          VI,
          "import * as calc from './sum'",
          "it('a', () => {",
          "  const spy = vi.spyOn(calc, 'sum')",
          '  expect(calc.sum(1, 2)).toBe(3)',
          '  expect(spy).toHaveBeenCalledOnce()',
          '})',
        ),
        errors: [],
      },
      {
        name: "node:test t.mock.method on the unit's prototype, the replaced method asserted on",
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          "import * as lib from './sum'",
          "test('a', (t) => {",
          "  t.mock.method(lib.Calc.prototype, 'total', () => 3)",
          '  const c = new lib.Calc()',
          '  assert.equal(c.total(), 3)',
          '})',
        ),
        errors: [['mocked-unit-under-test', 5, 3]],
      },
      {
        name: "node:test mock.method on the unit's module",
        code: lines(
          "import { mock, test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          "import calc from './sum'",
          "test('a', () => {",
          "  mock.method(calc, 'sum', () => 42)",
          '  assert.equal(calc.sum(1, 2), 42)',
          '})',
        ),
        errors: [['mocked-unit-under-test', 5, 3]],
      },
      {
        name: 'node:test t.mock.method on the only unit, next to a test-support helper import',
        path: 'tests/argument.test.js',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          "import * as commander from '../index.js'",
          "import { createTestCommand } from './testHelpers.js'",
          "test('a', (t) => {",
          "  t.mock.method(commander.Command.prototype, 'parse', () => { throw new Error('x') })",
          '  const program = createTestCommand()',
          "  assert.throws(() => program.parse(['orange']))",
          '})',
        ),
        errors: [['mocked-unit-under-test', 6, 3]],
      },
      {
        name: 'node:test t.mock.method silencing process.stderr.write (not the unit)',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          "import * as lib from './sum'",
          "test('a', (t) => {",
          "  t.mock.method(process.stderr, 'write', () => {})",
          '  assert.equal(lib.sum(1, 2), 3)',
          '})',
        ),
        errors: [],
      },
      {
        name: 'node:test t.mock.method on the unit, the assertion on another member',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert/strict'",
          "import * as lib from './sum'",
          "test('a', (t) => {",
          "  t.mock.method(lib.Calc.prototype, 'log', () => {})",
          '  const c = new lib.Calc()',
          '  assert.equal(c.total(), 3)',
          '})',
        ),
        errors: [],
      },
      {
        name: 'a spy replacing a dependency of the unit',
        code: lines(
          VI,
          SUM,
          "import * as logger from './log'",
          "it('a', () => {",
          "  vi.spyOn(logger, 'log').mockReturnValue(undefined)",
          '  expect(sum(1, 2)).toBe(3)',
          '})',
        ),
        errors: [],
      },
      {
        name: 'vi.mock of the paired module asserted on',
        code: lines(VI, SUM, "vi.mock('./sum')", "it('a', () => { expect(sum(1, 2)).toBe(3) })"),
        errors: [['mocked-unit-under-test', 3, 1]],
      },
      {
        name: 'jest.mock of the only source import (jest globals)',
        path: 'src/db.test.ts',
        code: lines("import { query } from './db'", "jest.mock('./db')", "test('a', () => { expect(query).toHaveBeenCalled() })"),
        errors: [['mocked-unit-under-test', 2, 1]],
      },
      {
        name: 'vi.doMock and unstable_mockModule count too',
        code: lines(SUM, "jest.unstable_mockModule('./sum', () => ({ sum: jest.fn() }))", "it('a', () => { expect(sum(1, 1)).toBe(2) })"),
        errors: [['mocked-unit-under-test', 2, 1]],
      },
      {
        name: 'mocking a dependency of the unit is fine',
        code: lines(VI, SUM, "import { log } from './log'", "vi.mock('./log')", "it('a', () => { expect(sum(1, 2)).toBe(3); expect(log).toHaveBeenCalled() })"),
        errors: [],
      },
      {
        name: 'a partial mock that replaces another export is fine',
        code: lines(
          VI,
          "import { sum, other } from './sum'",
          "vi.mock('./sum', async (orig) => ({ ...(await orig()), other: vi.fn() }))",
          "it('a', () => { expect(sum(1, 2)).toBe(3) })",
        ),
        errors: [],
      },
      {
        name: 'a partial mock that replaces the asserted export is not',
        code: lines(
          VI,
          "import { sum } from './sum'",
          "vi.mock('./sum', async (importOriginal) => ({ ...(await importOriginal()), sum: vi.fn(() => 3) }))",
          "it('a', () => { expect(sum(1, 2)).toBe(3) })",
        ),
        errors: [['mocked-unit-under-test', 3, 1]],
      },
    ],
  )
})

describe('no-source-under-test', () => {
  table(
    ['no-source-under-test'],
    [
      { name: 'only test libraries', code: lines(VI, "it('a', () => { expect([1, 2].length).toBe(2) })"), errors: [['no-source-under-test', 2, 1]] },
      {
        name: 'only doubles and fixtures',
        code: lines(VI, "import { db } from './__mocks__/db'", "import data from '../test/fixtures/data'", "it('a', () => { expect(db(data)).toBe(1) })"),
        errors: [['no-source-under-test', 4, 1]],
      },
      { name: 'nothing at all (jest globals)', code: lines("test('a', () => { expect(1 + 1).toBe(2) })"), errors: [['no-source-under-test', 1, 1]] },
      {
        name: 'the package imported by its public name',
        code: lines(VI, "import { sum } from 'calc'", "it('a', () => { expect(sum(1, 1)).toBe(2) })"),
        errors: [],
      },
      {
        name: 'spawning the bin by path',
        path: 'test/cli.test.ts',
        code: lines(
          VI,
          "import { execFileSync } from 'node:child_process'",
          "it('a', () => { expect(execFileSync('node', ['bin/cli.js']).toString()).toContain('ok') })",
        ),
        errors: [],
      },
      { name: 'a relative source import', code: lines(VI, SUM, "it('a', () => { expect(sum(1, 1)).toBe(2) })"), errors: [] },
      { name: 'a file without tests is not judged', code: lines(VI, 'export const helper = 1'), errors: [] },
    ],
  )
})

describe('internal-mock-ratio', () => {
  table(
    ['internal-mock-ratio'],
    [
      {
        name: '3 of 4 internal modules mocked',
        path: 'src/api.test.ts',
        code: lines(
          VI,
          "import { get } from './api'",
          "import { query } from './db'",
          "import { log } from './log'",
          "import { now } from './clock'",
          "vi.mock('./db')",
          "vi.mock('./log')",
          "vi.mock('./clock')",
          "it('a', () => { expect(get(query, log, now)).toBe(1) })",
        ),
        errors: [['internal-mock-ratio', 6, 1]],
      },
      {
        name: '2 mocked is under the minimum of 3',
        path: 'src/api.test.ts',
        code: lines(
          VI,
          "import { get } from './api'",
          "import { query } from './db'",
          "vi.mock('./db')",
          "vi.mock('./log')",
          "it('a', () => { expect(get(query)).toBe(1) })",
        ),
        errors: [],
      },
      {
        name: 'vi.fn callbacks and spies are not module mocks',
        path: 'src/api.test.ts',
        code: lines(
          VI,
          "import { get } from './api'",
          "import * as db from './db'",
          "it('a', () => { const cb = vi.fn(); vi.spyOn(db, 'query'); vi.spyOn(console, 'log'); get(cb); expect(cb).toHaveBeenCalled() })",
        ),
        errors: [],
      },
    ],
  )
})

describe('conditional-assertion', () => {
  table(
    ['conditional-assertion'],
    [
      {
        name: 'under if',
        code: lines(VI, SUM, "it('a', () => {", '  const r = sum(1, 1)', '  if (r > 1) {', '    expect(r).toBe(2)', '  }', '})'),
        errors: [['conditional-assertion', 6, 5]],
      },
      {
        name: 'both branches assert: fine',
        code: lines(VI, SUM, "it('a', () => {", '  const r = sum(1, 1)', '  if (r > 1) expect(r).toBe(2)', '  else expect(r).toBe(0)', '})'),
        errors: [],
      },
      {
        name: 'setup under if, then an unconditional assertion: fine',
        code: lines(VI, SUM, "it('a', () => {", '  let r = sum(1, 1)', '  if (r > 1) r = 2', '  expect(r).toBe(2)', '})'),
        errors: [],
      },
      {
        name: 'ternary and &&',
        code: lines(VI, SUM, "it('a', () => {", '  const r = sum(1, 1)', '  r ? expect(r).toBe(2) : null', '  r > 0 && expect(r).toBe(2)', '})'),
        errors: [
          ['conditional-assertion', 5, 7],
          ['conditional-assertion', 6, 12],
        ],
      },
      {
        name: 'in a catch without expect.assertions',
        code: lines(VI, SUM, "it('a', () => {", '  try { sum(1, 1) } catch (e) {', '    expect(e).toBeInstanceOf(Error)', '  }', '})'),
        errors: [['conditional-assertion', 5, 5]],
      },
      {
        name: 'in a catch with expect.assertions: fine',
        code: lines(
          VI,
          SUM,
          "it('a', () => {",
          '  expect.assertions(1)',
          '  try { sum(1, 1) } catch (e) {',
          '    expect(e).toBeInstanceOf(Error)',
          '  }',
          '})',
        ),
        errors: [],
      },
      {
        name: 'in a catch after a fail in the try: fine',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert'",
          SUM,
          "test('a', () => {",
          "  try { sum(1, 1); assert.fail('should throw') } catch (e) {",
          '    assert.ok(e instanceof Error)',
          '  }',
          '})',
        ),
        errors: [],
      },
      {
        name: 'in a .then() nobody awaits',
        code: lines(VI, SUM, "it('a', () => {", '  Promise.resolve(sum(1, 1)).then((r) => {', '    expect(r).toBe(2)', '  })', '})'),
        errors: [['conditional-assertion', 5, 5]],
      },
      {
        name: 'in a returned or awaited .then(): fine',
        code: lines(
          VI,
          SUM,
          "it('a', () => Promise.resolve(sum(1, 1)).then((r) => { expect(r).toBe(2) }))",
          "it('b', async () => { await Promise.resolve(sum(1, 1)).then((r) => { expect(r).toBe(2) }) })",
        ),
        errors: [],
      },
      {
        name: 'in a setTimeout callback without done',
        code: lines(VI, SUM, "it('a', () => {", '  setTimeout(() => expect(sum(1, 1)).toBe(2), 10)', '})'),
        errors: [['conditional-assertion', 4, 20]],
      },
      {
        name: 'in a setTimeout callback with done (mocha): fine',
        code: lines(SUM, "it('a', function (done) {", '  setTimeout(() => { expect(sum(1, 1)).toBe(2); done() }, 10)', '})'),
        errors: [],
      },
      {
        name: 'type-level assertions under if are checked by the compiler: fine',
        code: lines(VI, SUM, "it('a', () => {", '  const r = sum(1, 1)', '  if (r > 1) expectTypeOf(r).toEqualTypeOf<number>()', '})'),
        errors: [],
      },
      {
        name: 'a vitest type-test file (*.test-d.ts) is left out',
        path: 'src/sum.test-d.ts',
        code: lines(VI, SUM, "it('a', () => {", '  const r = sum(1, 1)', '  if (r > 1) expect(r).toBe(2)', '})'),
        errors: [],
      },
      {
        name: 'forEach callbacks run synchronously: fine',
        code: lines(VI, SUM, "it('a', () => { [1, 2].forEach((n) => expect(sum(n, 0)).toBe(n)) })"),
        errors: [],
      },
    ],
  )
})

describe('focused-test and skipped-test', () => {
  table(
    ['focused-test', 'skipped-test'],
    [
      {
        name: '.only, fit, fdescribe (jest globals)',
        code: lines(SUM, "it.only('a', () => { expect(sum(1, 1)).toBe(2) })", "fit('b', () => { expect(sum(1, 1)).toBe(2) })", "fdescribe('s', () => {})"),
        errors: [
          ['focused-test', 2, 1],
          ['focused-test', 3, 1],
          ['focused-test', 4, 1],
        ],
      },
      {
        name: '.skip, xit, xdescribe, .todo, skipIf(true)',
        code: lines(
          VI,
          SUM,
          "it.skip('a', () => {})",
          "xit('b', () => {})",
          "xdescribe('s', () => {})",
          "it.todo('c')",
          "test.skipIf(true)('d', () => {})",
          "test.skipIf(process.env.CI)('e', () => { expect(sum(1, 1)).toBe(2) })",
        ),
        errors: [
          ['skipped-test', 3, 1],
          ['skipped-test', 4, 1],
          ['skipped-test', 5, 1],
          ['skipped-test', 6, 1],
          ['skipped-test', 7, 1],
        ],
      },
      {
        name: 'a body wrapped in a helper call is neither pending nor empty',
        code: lines(
          VI,
          SUM,
          "it('a', withEffectRoot(() => { expect(sum(1, 1)).toBe(2) }))",
          "it('b', wrap(body))",
          "it('c', withEffectRoot(() => { sum(1, 1) }))",
        ),
        errors: [],
      },
      {
        name: 'through aliases',
        code: lines(VI, SUM, 'const s = test.skip', 'const o = it.only', "s('a', () => {})", "o('b', () => { expect(sum(1, 1)).toBe(2) })"),
        errors: [
          ['skipped-test', 5, 1],
          ['focused-test', 6, 1],
        ],
      },
      {
        name: 'node:test options',
        code: lines(
          "import { test } from 'node:test'",
          "import assert from 'node:assert'",
          SUM,
          "test('a', { skip: true }, () => {})",
          "test('b', { only: true }, () => { assert.equal(sum(1, 1), 2) })",
        ),
        errors: [
          ['skipped-test', 4, 1],
          ['focused-test', 5, 1],
        ],
      },
      {
        name: 'query.skip(10) is not a test API',
        code: lines(VI, SUM, "it('a', () => { const query = { skip: (n: number) => n }; expect(query.skip(sum(5, 5))).toBe(10) })"),
        errors: [],
      },
      {
        name: 'a local named test is not the test API',
        code: lines(
          VI,
          SUM,
          "function check(test: { only: (x: string) => number }) { return test.only('x') }",
          "it('a', () => { expect(check({ only: () => sum(1, 1) })).toBe(2) })",
        ),
        errors: [],
      },
    ],
  )
})

describe('literal-echo (semantic-tests)', () => {
  table(
    ['literal-echo'],
    [
      {
        name: 'a literal bound to a name, compared with the same literal',
        code: lines(VI, SUM, "it('a', () => {", "  const result = 'hello'", "  expect(result).toBe('hello')", '})'),
        errors: [['literal-echo', 5, 3]],
      },
      {
        name: 'with a type annotation, a chain of bindings and another quote style',
        code: lines(VI, SUM, "it('a', () => {", '  const raw: string = "hello"', '  const result = raw', "  expect(result).toEqual('hello')", '})'),
        errors: [['literal-echo', 6, 3]],
      },
      {
        name: 'the same name redeclared in another test does not confuse it',
        code: lines(
          VI,
          SUM,
          "it('a', () => { const result = 2; expect(result).toBe(2) })",
          "it('b', () => { const result = sum(1, 1); expect(result).toBe(2) })",
        ),
        errors: [['literal-echo', 3, 35]],
      },
      {
        name: 'a value produced by code under test is fine',
        code: lines(VI, SUM, "it('a', () => { const result = sum(1, 1); expect(result).toBe(2) })"),
        errors: [],
      },
      { name: 'a reassigned let is not a literal', code: lines(VI, SUM, "it('a', () => { let r = 1; r = sum(r, 1); expect(r).toBe(1) })"), errors: [] },
      {
        name: 'node:assert too',
        code: lines("import { test } from 'node:test'", "import assert from 'node:assert'", SUM, "test('a', () => { const v = 3; assert.strictEqual(v, 3) })"),
        errors: [['literal-echo', 4, 32]],
      },
    ],
  )
})

describe('mock-return-echo (semantic-tests)', () => {
  table(
    ['mock-return-echo'],
    [
      {
        name: 'mockReturnValue asserted straight back',
        code: lines(VI, SUM, "it('a', () => {", '  const get = vi.fn().mockReturnValue(42)', '  expect(get()).toBe(42)', '})'),
        errors: [['mock-return-echo', 5, 3]],
      },
      {
        name: 'mockResolvedValue, awaited',
        code: lines(
          VI,
          SUM,
          "import { api } from './api'",
          "it('a', async () => {",
          "  vi.mocked(api.get).mockResolvedValue('x')",
          "  expect(await api.get()).toBe('x')",
          '})',
        ),
        errors: [['mock-return-echo', 6, 3]],
      },
      {
        name: 'mockImplementation(() => lit) (jest)',
        code: lines(SUM, "test('a', () => {", '  const f = jest.fn()', '  f.mockImplementation(() => 7)', '  expect(f()).toEqual(7)', '})'),
        errors: [['mock-return-echo', 5, 3]],
      },
      {
        name: 'production code between the mock and the assertion is fine',
        code: lines(VI, SUM, "it('a', () => {", '  const get = vi.fn().mockReturnValue(42)', '  expect(sum(get(), 0)).toBe(42)', '})'),
        errors: [],
      },
    ],
  )
})

describe('parse errors', () => {
  it('a file that does not parse gets one info finding and no crash', async () => {
    const found = await findingsOf({ name: 'broken', code: lines(VI, "it('a', () => {", '  expect(1).toBe(', '})'), errors: [] })
    expect(found.map((f) => [f.ruleId, f.severity, f.startLine])).toEqual([['parse-error', 'info', 4]])
  })
})

describe('harness-suppression', () => {
  async function setup(code: string): Promise<Array<[string, number, number]>> {
    const ts = await loadTypeScript()
    return checkSetupFile(analyseFile(ts, 'test/setup.ts', code)).findings.map((f) => [f.ruleId, f.startLine, f.startColumn])
  }
  async function config(path: string, code: string, loud = false): Promise<Array<[string, number, number]>> {
    const ts = await loadTypeScript()
    return checkRunnerConfig(ts, path, code, loud).map((f) => [f.ruleId, f.startLine, f.startColumn])
  }
  const cases: Array<{ name: string; run: () => Promise<Array<[string, number, number]>>; errors: Array<[string, number, number]> }> = [
    { name: 'console.error replaced by a no-op', run: () => setup(lines('console.error = () => {}')), errors: [['harness-suppression', 1, 1]] },
    {
      name: 'console.warn mocked with vi.fn',
      run: () => setup(lines("import { vi } from 'vitest'", 'globalThis.console.warn = vi.fn()')),
      errors: [['harness-suppression', 2, 1]],
    },
    {
      name: 'an act() filter that forwards the rest still hides act warnings',
      run: () =>
        setup(
          lines(
            'const original = console.error',
            'console.error = (...args) => {',
            '  if (/not wrapped in act/.test(String(args[0]))) return',
            '  original(...args)',
            '}',
          ),
        ),
      errors: [['harness-suppression', 2, 1]],
    },
    {
      name: 'jest.spyOn(console, "error").mockImplementation(() => {})',
      run: () => setup(lines("beforeEach(() => { jest.spyOn(console, 'error').mockImplementation(() => {}) })")),
      errors: [['harness-suppression', 1, 20]],
    },
    { name: 'a spy that only watches is fine', run: () => setup(lines("beforeEach(() => { vi.spyOn(console, 'error') })")), errors: [] },
    {
      name: 'a mocked console asserted after each test is fine',
      run: () =>
        setup(
          lines(
            "beforeEach(() => { vi.spyOn(console, 'error').mockImplementation(() => {}) })",
            'afterEach(() => { expect(console.error).not.toHaveBeenCalled() })',
          ),
        ),
      errors: [],
    },
    {
      name: 'fail on console (zod): replacement throws',
      run: () =>
        setup(
          lines('function thrower(m: string) { return () => { throw new Error(m) } }', "for (const m of ['error', 'warn'] as const) console[m] = thrower(m)"),
        ),
      errors: [],
    },
    {
      name: 'unhandledRejection swallowed, listeners removed, act environment off',
      run: () =>
        setup(
          lines(
            "process.on('unhandledRejection', () => {})",
            "process.on('uncaughtException', (e) => { throw e })",
            "process.removeAllListeners('uncaughtException')",
            'globalThis.IS_REACT_ACT_ENVIRONMENT = false',
          ),
        ),
      errors: [
        ['harness-suppression', 1, 1],
        ['harness-suppression', 3, 1],
        ['harness-suppression', 4, 1],
      ],
    },
    {
      name: 'vitest config: silent, dangerouslyIgnoreUnhandledErrors, onConsoleLog → false',
      run: () =>
        config(
          'vitest.config.ts',
          lines(
            "import { defineConfig } from 'vitest/config'",
            'export default defineConfig({',
            '  test: {',
            '    silent: true,',
            '    dangerouslyIgnoreUnhandledErrors: true,',
            '    onConsoleLog: () => false,',
            '  },',
            '})',
          ),
        ),
      errors: [
        ['harness-suppression', 4, 5],
        ['harness-suppression', 5, 5],
        ['harness-suppression', 6, 5],
      ],
    },
    {
      name: 'onConsoleLog dropping one known message is fine; dropping act() warnings is not',
      run: () =>
        config(
          'vitest.config.ts',
          lines(
            'export default {',
            '  test: {',
            "    onConsoleLog(log) { if (log.includes('watcher is ready')) return false },",
            '  },',
            '  other: {',
            "    onConsoleLog: (log) => (log.includes('not wrapped in act(') ? false : undefined),",
            '  },',
            '}',
          ),
        ),
      errors: [['harness-suppression', 6, 5]],
    },
    {
      name: 'silent: true beside a setup file that fails on console is fine',
      run: () => config('vitest.config.ts', lines('export default { test: { silent: true } }'), true),
      errors: [],
    },
    {
      name: 'package.json: jest.silent and --silent in the test script',
      run: () =>
        config(
          'package.json',
          JSON.stringify({ name: 'x', scripts: { test: 'jest --silent', build: 'tsc --silent' }, jest: { silent: true }, silent: true }, null, 2) + '\n',
        ),
      errors: [
        ['harness-suppression', 4, 5],
        ['harness-suppression', 8, 5],
      ],
    },
  ]
  for (const c of cases) {
    it(`${c.errors.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, async () => {
      expect(await c.run()).toEqual(c.errors)
    })
  }
})

describe('test API detection across runners', () => {
  it('vitest globals, jest globals, node:test and mocha+chai all yield tests and assertions', async () => {
    const ts = await loadTypeScript()
    const shapes = [
      { path: 'a.test.ts', code: lines("describe('s', () => { it('a', () => { expect(1).toBe(2) }); test.each([1])('b %i', (n) => { expect(n).toBe(n) }) })") },
      {
        path: 'b.test.ts',
        code: lines("import { test as base, expect } from '@jest/globals'", 'const test = base.extend({})', "test('a', () => { expect(1).toBe(2) })"),
      },
      {
        path: 'c.test.mjs',
        code: lines(
          "import { describe, it } from 'node:test'",
          "import * as assert from 'node:assert/strict'",
          "describe('s', () => { it('a', (t) => { assert.deepEqual([1], [2]) }); it('b', async (t) => { await t.test('sub', () => {}) }) })",
        ),
      },
      {
        path: 'd.spec.js',
        code: lines(
          "const chai = require('chai')",
          'const expect = chai.expect',
          "suite('s', function () { test('a', function () { expect(1).to.equal(2) }); specify('b', () => chai.assert.equal(1, 2)) })",
        ),
      },
    ]
    const summary = shapes.map(({ path, code }) => {
      const file = analyseFile(ts, path, code)
      return [path, file.tests.map((t) => `${t.kind}:${t.title}`), file.assertions.map((a) => a.style)]
    })
    expect(summary).toEqual([
      ['a.test.ts', ['suite:s', 'test:a', 'test:b %i'], ['expect', 'expect']],
      ['b.test.ts', ['test:a'], ['expect']],
      ['c.test.mjs', ['suite:s', 'test:a', 'test:b'], ['assert']],
      ['d.spec.js', ['suite:s', 'test:a', 'test:b'], ['expect', 'assert']],
    ])
  })
})
