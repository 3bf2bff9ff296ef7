// The test detectors on code written as real suites write it (issue 17): the CLI (main, in-process) on real git
// repositories, `scan --all` for mock-integrity and `run --base` for test-mutation, exact findings.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const PACKAGE_JSON = JSON.stringify({ name: 'shop', private: true, type: 'module' }, null, 2) + '\n'
const APP = lines('export function createApp() {', '  return { get: (path) => ({ path }), close: (cb) => cb() }', '}')
const PRICE = lines('export function price(net) {', '  return Math.round(net * 1.2)', '}', 'export function fee(n) {', '  return n * 2', '}')

function project(files: Record<string, string>): TempRepo {
  const r = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, 'src/app.js': APP, 'src/price.js': PRICE, ...files } })
  repos.push(r)
  return r
}

type Row = [string, string, string, string, boolean]
const rows = (findings: Array<{ gate: string; ruleId: string; severity: string; path?: string; startLine?: number; blocking: boolean }>): Row[] =>
  findings.map((f) => [f.gate, f.ruleId, f.severity, `${f.path}:${f.startLine ?? ''}`, f.blocking])

async function scan(r: TempRepo): Promise<{ exitCode: number | null; rows: Row[] }> {
  const run = await runCli(['scan', '--all', '--gates', 'mock-integrity', '--format', 'json'], r.dir)
  return { exitCode: run.exitCode, rows: rows(run.json().findings) }
}

describe('1. assertions as real suites write them', () => {
  it('supertest .expect chains and done callbacks handed to the code are assertions', async () => {
    const r = project({
      'test/app.test.js': lines(
        "import request from 'supertest'",
        "import { createApp } from '../src/app.js'",
        'const app = createApp()',
        "it('redirects', (done) => {",
        "  request(app).get('/').expect('Location', '/login').expect(302, done)",
        '})',
        "it('serves json', () => request(app).get('/').expect('Content-Type', /json/).expect(200))",
        "it('closes', function (done) {",
        '  app.close(done)',
        '})',
      ),
    })
    expect(await scan(r)).toEqual({ exitCode: 0, rows: [] })
  })
})

describe('2. implicit assertions are not fake tests', () => {
  it('a smoke test that runs repository code is implicit-assertion (medium); one that runs nothing stays no-assertions (high)', async () => {
    const r = project({
      'test/price.test.js': lines(
        "import { price } from '../src/price.js'",
        "test('accepts a price', () => {",
        '  price(10)',
        '})',
        "test('does nothing', () => {",
        '  const list = [1]',
        '  list.push(2)',
        '})',
      ),
    })
    expect(await scan(r)).toEqual({
      exitCode: 1,
      rows: [
        ['mock-integrity', 'no-assertions', 'high', 'test/price.test.js:5', true],
        ['mock-integrity', 'implicit-assertion', 'medium', 'test/price.test.js:2', false],
      ],
    })
  })

  it('a test that spawns a fixture importing repository code uses source', async () => {
    const r = project({
      'tests/fixtures/pm': lines('#!/usr/bin/env node', "import { price } from '../../src/price.js'", 'console.log(price(1))'),
      'tests/pm.test.js': lines(
        "import { test } from 'node:test'",
        "import assert from 'node:assert/strict'",
        "import { execFileSync } from 'node:child_process'",
        "import * as path from 'node:path'",
        "const pm = path.join(import.meta.dirname, 'fixtures', 'pm')",
        "test('prints a price', () => {",
        "  assert.equal(execFileSync('node', [pm]).toString(), '1\\n')",
        '})',
      ),
    })
    expect(await scan(r)).toEqual({ exitCode: 0, rows: [] })
  })
})

describe('4. the blind spots of mock-integrity become findings', () => {
  it('an unreachable assertion, an alias and a same-call tautology, and a spy replacing the unit', async () => {
    const r = project({
      'test/price.test.js': lines(
        "import { expect, it, vi } from 'vitest'",
        "import * as unit from '../src/price.js'",
        "it('rounds', () => {",
        '  const p = unit.price(10)',
        '  return',
        '  expect(p).toBe(12)',
        '})',
        "it('aliases', () => {",
        '  const a = unit.price(10)',
        '  const b = a',
        '  expect(a).toBe(b)',
        '  expect(unit.fee(3)).toBe(unit.fee(3))',
        '})',
        "it('is mocked', () => {",
        "  vi.spyOn(unit, 'price').mockReturnValue(42)",
        '  expect(unit.price(1)).toBe(42)',
        '})',
      ),
    })
    expect(await scan(r)).toEqual({
      exitCode: 1,
      rows: [
        ['mock-integrity', 'mocked-unit-under-test', 'critical', 'test/price.test.js:15', true],
        ['mock-integrity', 'unreachable-assertion', 'high', 'test/price.test.js:6', true],
        ['mock-integrity', 'tautological-assertion', 'high', 'test/price.test.js:11', true],
        ['mock-integrity', 'tautological-assertion', 'high', 'test/price.test.js:12', true],
      ],
    })
  })
})

const PRICE_TEST = lines(
  "import { describe, expect, it } from 'vitest'",
  "import { price, fee } from '../src/price.js'",
  '',
  'function check(net, want) {',
  '  expect(price(net)).toBe(want)',
  '}',
  "describe('price', () => {",
  "  it('adds the tax', () => {",
  '    check(10, 12)',
  '  })',
  "  it('charges a fee', () => {",
  '    expect(fee(3)).toBe(6)',
  '  })',
  '})',
)

async function mutation(r: TempRepo, base: string): Promise<{ exitCode: number | null; rows: Row[] }> {
  const run = await runCli(['run', '--base', base, '--gates', 'test-mutation', '--format', 'json'], r.dir)
  return { exitCode: run.exitCode, rows: rows(run.json().findings) }
}

describe('3. test-mutation sees expected values in helper arguments', () => {
  it("a helper's argument fitted to changed code is expected-value-changed; the same values moved into the helper are not", async () => {
    const r = project({ 'test/price.test.js': PRICE_TEST.replace('check(10, 12)', 'expect(price(10)).toBe(12)') })
    const base = r.head()
    r.commit('Move the assertion into the helper', { 'test/price.test.js': PRICE_TEST })
    expect(await mutation(r, base)).toEqual({ exitCode: 0, rows: [] })
    const base2 = r.head()
    r.commit('Change the rounding', {
      'src/price.js': PRICE.replace('Math.round', 'Math.floor'),
      'test/price.test.js': PRICE_TEST.replace('check(10, 12)', 'check(10, 11)'),
    })
    expect(await mutation(r, base2)).toEqual({ exitCode: 1, rows: [['test-mutation', 'expected-value-changed', 'high', 'test/price.test.js:5', true]] })
  })

  it('a test deleted together with the function it reaches is not a finding', async () => {
    const r = project({ 'test/price.test.js': PRICE_TEST })
    const base = r.head()
    r.commit('Remove the fee', {
      'src/price.js': lines('export function price(net) {', '  return Math.round(net * 1.2)', '}'),
      'test/price.test.js': PRICE_TEST.replace("  it('charges a fee', () => {\n    expect(fee(3)).toBe(6)\n  })\n", '').replace('price, fee', 'price'),
    })
    expect(await mutation(r, base)).toEqual({ exitCode: 0, rows: [] })
  })
})

describe('4. an assertion made unreachable by a return the range adds', () => {
  it('only the return line is added: the unreachable assertion on its old line is still reported and blocks', async () => {
    const r = project({
      'test/fee.test.js': lines(
        "import { expect, it } from 'vitest'",
        "import { fee } from '../src/price.js'",
        "it('charges', () => {",
        '  const due = fee(3)',
        '  expect(due).toBe(6)',
        '})',
      ),
    })
    const base = r.head()
    r.commit('Return early', {
      'test/fee.test.js': lines(
        "import { expect, it } from 'vitest'",
        "import { fee } from '../src/price.js'",
        "it('charges', () => {",
        '  const due = fee(3)',
        '  return',
        '  expect(due).toBe(6)',
        '})',
      ),
    })
    const run = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'json'], r.dir)
    expect({ exitCode: run.exitCode, rows: rows(run.json().findings) }).toEqual({
      exitCode: 1,
      rows: [['mock-integrity', 'unreachable-assertion', 'high', 'test/fee.test.js:6', true]],
    })
  })
})

describe('4. a tautology through typeof', () => {
  it('assert.equal(typeof app.get, typeof app.get) replacing an exact check is tautological-assertion (high)', async () => {
    const r = project({
      'test/app.test.js': lines(
        "import assert from 'node:assert'",
        "import { createApp } from '../src/app.js'",
        "it('exposes get', () => {",
        "  assert.equal(typeof createApp().get, 'function')",
        '})',
      ),
    })
    const base = r.head()
    r.commit('Loosen', {
      'test/app.test.js': lines(
        "import assert from 'node:assert'",
        "import * as shop from '../src/app.js'",
        "it('exposes get', () => {",
        '  assert.equal(typeof shop.createApp, typeof shop.createApp)',
        '})',
      ),
    })
    const run = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'json'], r.dir)
    expect({ exitCode: run.exitCode, rows: rows(run.json().findings) }).toEqual({
      exitCode: 1,
      rows: [['mock-integrity', 'tautological-assertion', 'high', 'test/app.test.js:4', true]],
    })
  })
})

describe('4. node:test mock.method replacing the unit', () => {
  it("t.mock.method on a class of the unit's module, next to a tests/ helper import, with the replaced method asserted on: critical", async () => {
    const TEST = lines(
      "import { test } from 'node:test'",
      "import assert from 'node:assert/strict'",
      "import * as shop from '../src/cart.js'",
      "import { makeCart } from './helpers.js'",
      "test('rejects a negative quantity', (t) => {",
      '  const cart = makeCart()',
      "  assert.throws(() => cart.add('x', -1))",
      '})',
    )
    const r = project({
      'src/cart.js': lines('export class Cart {', '  add(item, n) {', "    if (n < 0) throw new Error('negative')", '  }', '}'),
      'test/helpers.js': lines("import { Cart } from '../src/cart.js'", 'export const makeCart = () => new Cart()'),
      'test/cart.test.js': TEST,
    })
    const base = r.head()
    r.commit('Accept negative quantities', {
      'src/cart.js': lines('export class Cart {', '  add(item, n) {}', '}'),
      'test/cart.test.js': TEST.replace(
        '  const cart = makeCart()',
        "  t.mock.method(shop.Cart.prototype, 'add', () => { throw new Error('negative') })\n  const cart = makeCart()",
      ),
    })
    const run = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'json'], r.dir)
    expect({ exitCode: run.exitCode, rows: rows(run.json().findings) }).toEqual({
      exitCode: 1,
      rows: [['mock-integrity', 'mocked-unit-under-test', 'critical', 'test/cart.test.js:6', true]],
    })
  })
})

describe('4. the blind spots of test-mutation become findings', () => {
  it('a suite skipped on CI and an assertion moved into a timer, alongside an implementation change', async () => {
    const r = project({ 'test/price.test.js': PRICE_TEST })
    const base = r.head()
    r.commit('Change the rounding', {
      'src/price.js': PRICE.replace('Math.round', 'Math.floor').replace('n * 2', 'n * 3'),
      'test/price.test.js': PRICE_TEST.replace("describe('price'", "describe.skipIf(process.env.CI)('price'"),
      'test/fee.test.js': lines(
        "import { expect, it } from 'vitest'",
        "import { fee } from '../src/price.js'",
        "it('charges', () => {",
        '  expect(fee(3)).toBe(6)',
        '})',
      ),
    })
    const base2 = r.head()
    r.commit('Fee in a timer', {
      'src/price.js': PRICE.replace('n * 2', 'n * 4'),
      'test/fee.test.js': lines(
        "import { expect, it } from 'vitest'",
        "import { fee } from '../src/price.js'",
        "it('charges', () => {",
        '  setTimeout(() => {',
        '    expect(fee(3)).toBe(6)',
        '  })',
        '})',
      ),
    })
    expect(await mutation(r, base)).toEqual({ exitCode: 1, rows: [['test-mutation', 'test-disabled', 'high', 'test/price.test.js:7', true]] })
    expect(await mutation(r, base2)).toEqual({ exitCode: 1, rows: [['test-mutation', 'assertion-swallowed', 'high', 'test/fee.test.js:5', true]] })
  })

  it('skips through an alias: a conditional test alias, a skipIf alias and a describe alias added over existing tests', async () => {
    const r = project({
      'test/price.test.js': PRICE_TEST,
      'test/fee.test.js': lines(
        "import { describe, expect, it } from 'vitest'",
        "import { fee } from '../src/price.js'",
        "describe('fee', () => {",
        "  it('charges', () => {",
        '    expect(fee(3)).toBe(6)',
        '  })',
        '})',
      ),
    })
    const base = r.head()
    r.commit('Change the rounding and the fee', {
      'src/price.js': PRICE.replace('Math.round', 'Math.floor').replace('n * 2', 'n * 3'),
      'test/price.test.js': PRICE_TEST.replace("describe('price', () => {", "const t = process.env.CI ? it.skip : it\ndescribe('price', () => {")
        .replace("  it('adds the tax'", "  t('adds the tax'")
        .replace("  it('charges a fee'", "  t('charges a fee'"),
      'test/fee.test.js': lines(
        "import { describe, expect, it } from 'vitest'",
        "import { fee } from '../src/price.js'",
        "const suite = describe.skipIf(process.platform !== 'linux')",
        "suite('fee', () => {",
        "  it('charges', () => {",
        '    expect(fee(3)).toBe(6)',
        '  })',
        '})',
      ),
    })
    expect(await mutation(r, base)).toEqual({
      exitCode: 1,
      rows: [
        ['test-mutation', 'test-disabled', 'high', 'test/fee.test.js:4', true],
        ['test-mutation', 'test-disabled', 'high', 'test/price.test.js:9', true],
        ['test-mutation', 'test-disabled', 'high', 'test/price.test.js:12', true],
      ],
    })
  })
})
