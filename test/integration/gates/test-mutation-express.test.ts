// test-mutation on the shapes express's own history takes when its suite moved from should.js
// to node:assert and from nested supertest callbacks to `after(n, done)` (express 318fd4b, a merge
// of 4.17.3 into 5.x): none of them checks less, so none is a finding. Next to each row, the
// gamed edit of the same shape still blocks. Real repositories, the CLI.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const PACKAGE_JSON = JSON.stringify({ name: 'app', version: '1.0.0', scripts: { test: 'mocha' } }, null, 2) + '\n'
const APP = lines('module.exports = function app() {', '  return { enabled: () => false, locals: { settings: {} } }', '}')
const APP_CHANGED = APP.replace('settings: {}', "settings: { env: 'test' }")
const HEADER = [
  "var assert = require('assert')",
  "var after = require('after')",
  "var request = require('supertest')",
  "var should = require('should')",
  "var app = require('../lib/app')",
  '',
]

/** A mocha test file with one test whose body is `body`. */
const testFile = (...body: string[]): string =>
  lines(...HEADER, "describe('app', function () {", "  it('works', function (done) {", ...body.map((l) => `    ${l}`), '  })', '})')

/** Commits `before` as the base test, then `after` with an implementation change; [rule, severity, blocking] of each test-mutation finding. */
async function findings(before: string, afterText: string): Promise<Array<[string, string, boolean]>> {
  const r = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, 'lib/app.js': APP, 'test/app.js': before } })
  repos.push(r)
  const start = r.head()
  r.commit('Change', { 'lib/app.js': APP_CHANGED, 'test/app.js': afterText })
  const report = (await runCli(['run', '--base', start, '--gates', 'test-mutation', '--format', 'json'], r.dir)).json()
  return report.findings.map((f) => [f.ruleId, f.severity, f.blocking])
}

const HIGH = (rule: string): [string, string, boolean] => [rule, 'high', true]

describe('test-mutation on a should.js → node:assert and supertest rewrite', () => {
  it.each<[string, string[], string[], Array<[string, string, boolean]>]>([
    // supertest: the callback is not an expected value, and a status in front checks more.
    [
      'a status added before the body, the callback renamed',
      ["request(app()).get('/').expect('GET', done)"],
      ['var cb = done', "request(app()).get('/').expect(200, 'GET', cb)"],
      [],
    ],
    [
      'a nested request flattened with after(2, done)',
      ["request(app()).get('/foo.json').expect('foo as json', function () {", "  request(app()).get('/foo').expect(404, done)", '})'],
      ['var cb = after(2, done)', "request(app()).get('/foo.json').expect(200, 'foo as json', cb)", "request(app()).get('/foo').expect(404, cb)"],
      [],
    ],
    [
      'gamed: the body changed behind the added status',
      ["request(app()).get('/').expect('GET', done)"],
      ["request(app()).get('/').expect(200, 'POST', done)"],
      [HIGH('expected-value-changed')],
    ],
    [
      'gamed: the status dropped',
      ["request(app()).get('/').expect(200, 'GET', done)"],
      ["request(app()).get('/').expect('GET', done)"],
      [HIGH('expected-value-changed')],
    ],
    // An exact boolean checked as the same truthiness of the same value.
    [
      'should.be.false() → assert.ok(!x)',
      ["app().enabled('view cache').should.be.false()", 'done()'],
      ["assert.ok(!app().enabled('view cache'))", 'done()'],
      [],
    ],
    ['toBe(true) style: should.be.true() → assert(x)', ["app().enabled('x').should.be.true()", 'done()'], ["assert(app().enabled('x'))", 'done()'], []],
    [
      'gamed: the polarity flipped',
      ["app().enabled('view cache').should.be.false()", 'done()'],
      ["assert.ok(app().enabled('view cache'))", 'done()'],
      [HIGH('assertion-weakened')],
    ],
    [
      'gamed: another value',
      ["app().enabled('view cache').should.be.false()", 'done()'],
      ["assert.ok(!app().enabled('trust proxy'))", 'done()'],
      [HIGH('assertion-weakened')],
    ],
    // should.js's function form reads as the property form.
    [
      'x.should.eql(y) → should(x).eql(y)',
      ["Object.keys(app().locals).should.eql(['settings'])", 'done()'],
      ["should(Object.keys(app().locals)).eql(['settings'])", 'done()'],
      [],
    ],
    [
      'x.should.have.property(k, v) → should(x).have.property(k, v)',
      ["app().locals.settings.should.have.property('env', 'test')", 'done()'],
      ["should(app().locals.settings).have.property('env', 'test')", 'done()'],
      [],
    ],
    [
      'gamed: should(x).eql with another value',
      ["Object.keys(app().locals).should.eql(['settings'])", 'done()'],
      ["should(Object.keys(app().locals)).eql(['other'])", 'done()'],
      [HIGH('expected-value-changed')],
    ],
    [
      'gamed: should(x).be.ok()',
      ["Object.keys(app().locals).should.eql(['settings'])", 'done()'],
      ['should(Object.keys(app().locals)).be.ok()', 'done()'],
      [HIGH('assertion-weakened')],
    ],
  ])('%s', async (_name, before, afterBody, expected) => {
    expect(await findings(testFile(...before), testFile(...afterBody))).toEqual(expected)
  })
})
