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
const HIGH_AT = (rule: string, path: string): [string, string, string, boolean] => [rule, 'high', path, true]

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

/** Commits `files` as the base, then `change` (null deletes a file); [rule, severity, path, blocking] of each finding and the exit code. */
async function range(
  files: Record<string, string>,
  change: Record<string, string | null>,
): Promise<{ rows: Array<[string, string, string, boolean]>; exitCode: number | null }> {
  const r = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, ...files } })
  repos.push(r)
  const start = r.head()
  for (const [path, text] of Object.entries(change)) if (text === null) r.git('rm', '-q', path)
  r.commit('Change', Object.fromEntries(Object.entries(change).filter((e): e is [string, string] => e[1] !== null)))
  const run = await runCli(['run', '--base', start, '--gates', 'test-mutation', '--format', 'json'], r.dir)
  return { rows: run.json().findings.map((f) => [f.ruleId, f.severity, f.path ?? '', f.blocking]), exitCode: run.exitCode }
}

describe('a test deleted with the CommonJS export it read (express 6c75119, "Remove utils.flatten")', () => {
  const UTILS = lines(
    "var flatten = require('array-flatten')",
    "var deprecate = require('depd')('app')",
    '',
    'exports.etag = function (body) { return String(body.length) }',
    '',
    "exports.flatten = deprecate.function(flatten, 'utils.flatten: use array-flatten instead')",
  )
  // The export goes; the name `flatten` stays, required for another use.
  const UTILS_AFTER = lines("var flatten = require('array-flatten')", '', 'exports.etag = function (body) { return String(flatten([body]).length) }')
  const suite = (title: string, body: string[]): string[] => [`describe('${title}', function () {`, ...body.map((l) => `  ${l}`), '})']
  const ETAG = suite('utils.etag(body)', ["it('should support strings', function () {", "  utils.etag('app!').should.eql('4')", '})'])
  const FLATTEN = suite('utils.flatten(arr)', [
    "it('should flatten an array', function () {",
    "  var arr = ['one', ['two', ['three', 'four'], 'five']]",
    "  utils.flatten(arr).should.eql(['one', 'two', 'three', 'four', 'five'])",
    '})',
  ])
  const HEAD = ["var assert = require('assert')", "var utils = require('../lib/utils')", '']
  const BEFORE = { 'lib/utils.js': UTILS, 'test/utils.js': lines(...HEAD, ...ETAG, '', ...FLATTEN) }

  it('the export and its test removed together: no finding', async () => {
    expect(await range(BEFORE, { 'lib/utils.js': UTILS_AFTER, 'test/utils.js': lines(...HEAD, ...ETAG) })).toEqual({ rows: [], exitCode: 0 })
  })

  it('gamed: the export removed, but the test deleted is the one of the export that stays', async () => {
    expect(await range(BEFORE, { 'lib/utils.js': UTILS_AFTER, 'test/utils.js': lines(...HEAD, ...FLATTEN) })).toEqual({
      rows: [HIGH_AT('assertion-deleted', 'test/utils.js')],
      exitCode: 1,
    })
  })
})

describe('supertest checks moved into a same-file helper factory (express e9f9aae, test/res.append.js)', () => {
  const RES = lines('module.exports = function app() {', '  return function (req, res) { res.end() }', '}')
  const RES_AFTER = RES.replace('res.end()', "res.setHeader('Set-Cookie', ['foo=bar', 'fizz=buzz']); res.end()")
  const HEAD = ["var assert = require('assert')", "var request = require('supertest')", "var should = require('should')", "var app = require('../lib/app')", '']
  const test = (...check: string[]): string =>
    lines(
      ...HEAD,
      "describe('res', function () {",
      "  it('should accept array of values', function (done) {",
      '    request(app())',
      "      .get('/')",
      ...check.map((l) => `      ${l}`),
      '  })',
      '})',
    )
  const BEFORE = {
    'lib/app.js': RES,
    'test/res.append.js': test('.expect(function (res) {', "  should(res.headers['set-cookie']).eql(['foo=bar', 'fizz=buzz'])", '})', '.expect(200, done)'),
  }
  /** The new test through `shouldHaveHeaderValues(key, values)`, which returns the function supertest calls; `checks` are its body's assertions. */
  const helper = (...checks: string[]): string =>
    test('.expect(200)', ".expect(shouldHaveHeaderValues('Set-Cookie', ['foo=bar', 'fizz=buzz']))", '.end(done)') +
    lines(
      '',
      'function shouldHaveHeaderValues (key, values) {',
      '  return function (res) {',
      '    var headers = res.headers[key.toLowerCase()]',
      ...checks.map((l) => `    ${l}`),
      '  }',
      '}',
    )
  const PRESENT = `assert.ok(headers, 'should have header "' + key + '"')`

  it('presence, then the length and each element checked exactly: no finding', async () => {
    const after = helper(
      PRESENT,
      "assert.strictEqual(headers.length, values.length, 'should have ' + values.length + ' occurances of \"' + key + '\"')",
      'for (var i = 0; i < values.length; i++) {',
      '  assert.strictEqual(headers[i], values[i])',
      '}',
    )
    expect(await range(BEFORE, { 'lib/app.js': RES_AFTER, 'test/res.append.js': after })).toEqual({ rows: [], exitCode: 0 })
  })

  it('gamed: the helper only checks that the header is there', async () => {
    expect(await range(BEFORE, { 'lib/app.js': RES_AFTER, 'test/res.append.js': helper(PRESENT) })).toEqual({
      rows: [HIGH_AT('assertion-weakened', 'test/res.append.js')],
      exitCode: 1,
    })
  })
})
