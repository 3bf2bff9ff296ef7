// Parses one test file (syntax only, TypeScript's parser) and collects, in one walk, the facts the
// test-integrity rules read: imports, module mocks, test declarations, assertions, helpers, aliases.
import type * as TS from 'typescript'
import { scriptKindOf, type TypeScript } from './typescript.js'

/** An import of any form: `import`, `require()`, `await import()`, `export … from`, `vi.importActual()`. */
export interface ImportFact {
  specifier: string
  /** Local names it binds (default, namespace, named, destructured). */
  names: string[]
  /** `import type …`, or every named binding is type-only. */
  typeOnly: boolean
  kind: 'import' | 'require' | 'dynamic' | 'export-from' | 'actual'
  node: TS.Node
}

/** A module mock: `vi.mock`, `jest.mock`, `vi.doMock`, `jest.doMock`, `jest.unstable_mockModule`, node:test `mock.module`. */
export interface MockFact {
  specifier: string
  /** How it was written, e.g. `vi.mock`. */
  api: string
  node: TS.CallExpression
  /** The factory keeps the real module (importActual / importOriginal / requireActual) and replaces some keys. */
  partial: boolean
  /** Keys a partial factory replaces (empty when unknown). */
  replacedKeys: Set<string>
}

/** A test or suite declaration (`it`, `test`, `describe`, an alias of one, with its modifier chain); `title` is the first argument's string value, else its source text (120 characters at most). */
export interface TestFact {
  kind: 'test' | 'suite'
  /** The call chain with aliases resolved, e.g. `['it', 'only']`. */
  chain: string[]
  title: string
  node: TS.CallExpression
  /** The function literal holding the test's body. */
  callback?: TS.ArrowFunction | TS.FunctionExpression
  /** `it('x', helper)`: the name of a function passed instead of a literal. */
  callbackName?: string
  focused: boolean
  /** How it is skipped (`skip`, `todo`, `xit`, `skipIf(true)`, `runIf(false)`, `{ skip: true }`, `pending`), or undefined. */
  skipped?: string
  /**
   * A skip that depends on the environment the suite runs in: `skipIf(process.env.CI)`,
   * `runIf(process.platform === 'linux')`, node:test `{ skip: process.env.CI }` (the call as written,
   * whitespace collapsed). Such a test runs on one machine and is skipped where the check runs.
   */
  environmentSkip?: string
}

/**
 * `expect(…)`, `assert…(…)`, `x.should…`, `expect.assertions(n)`, a helper named expectX or assertX,
 * a Testing Library query, a `@ts-expect-error`, or an HTTP assertion chain (`http`: supertest's,
 * superagent's and chai-http's `request(app).get('/').expect(200)`).
 */
export interface AssertionFact {
  style: 'expect' | 'assert' | 'should' | 'count' | 'helper' | 'query' | 'type' | 'http'
  /** The expect/assert call, the `should` access, or the comment position (type). */
  node?: TS.Node
  pos: number
  end: number
  /** The value under test: expect's argument, assert's first argument, the object before `.should`, the request before its `.expect` calls. */
  actual?: TS.Expression
  /**
   * The matcher path: `['not', 'toBe']`, `['to', 'deep', 'equal']`, `['strictEqual']`, `['ok']` for
   * `assert(x)`; for `http`, `['expect', 'status' | 'body' | 'callback']` or
   * `['expect', 'header', name]` with the header name lower-cased.
   */
  matcher: string[]
  /** The expected values: the matcher call's arguments, or assert's arguments after the first. */
  expected: readonly TS.Expression[]
  /** The whole assertion expression (the outermost matcher call or access). */
  outer?: TS.Node
}

/** A named function of the file (a declaration, or a `const` bound to a function literal), for following helpers; `pos`/`end` are character offsets of the declaration or of the function literal. */
export interface FunctionFact {
  name: string
  pos: number
  end: number
}

/** A `beforeEach`/`afterEach` callback and the range of tests it applies to. */
export interface HookFact {
  pos: number
  end: number
  scopePos: number
  scopeEnd: number
}

/** Everything one walk of a test file found; nodes point into `sf`, so the file is dropped once summarised. Built by {@link analyseFile}. */
export interface AnalysedFile {
  path: string
  ts: TypeScript
  sf: TS.SourceFile
  /** Syntax errors TypeScript's parser reported (a file with any is reported, not analysed). */
  parseErrors: readonly TS.DiagnosticWithLocation[]
  imports: ImportFact[]
  mocks: MockFact[]
  tests: TestFact[]
  /** Sorted by position. */
  assertions: AssertionFact[]
  functions: FunctionFact[]
  hooks: HookFact[]
  /** Calls whose callee is a plain identifier (for following helpers), sorted by position. */
  identCalls: Array<{ name: string; pos: number }>
  /** Calls to `mockReturnValue` and friends, `vi.fn(impl)` and `vi.spyOn`, for the mock-return rule. */
  mockCalls: TS.CallExpression[]
  /** String literals without spaces: candidates for a path (`../bin/cli.js`, `api.mdx`) or a package name (`zod`). */
  pathLiterals: string[]
  /** Modules that provided the test API or the assertions (`vitest`, `node:assert`, `chai`…). */
  apiModules: Set<string>
  /** 1-based line and column of a position. */
  position(pos: number): { line: number; column: number }
}

/** A skip condition carried by an alias (`const t = test.skipIf(c)`, `const t = c ? test.skip : test`), judged like `skipIf(c)`/`runIf(c)`. */
interface AliasSkip {
  kind: 'skipIf' | 'runIf'
  condition: TS.Expression
  /** How it is written, whitespace collapsed, e.g. `t = process.env.CI ? test.skip : test`. */
  written: string
}

/** Looks up the initialiser of a variable by name (undefined when none is known). */
type Resolve = (name: string) => TS.Expression | undefined

/** Globals and test-API exports that declare a test; the `x` forms are skipped and `fit` is focused (Jasmine/Jest). */
export const TEST_NAMES = new Set(['it', 'test', 'specify', 'xit', 'xtest', 'xspecify', 'fit'])
/** Globals and test-API exports that declare a suite (Mocha's `context` and `suite` included); `x` skipped, `f` focused. */
export const SUITE_NAMES = new Set(['describe', 'suite', 'context', 'xdescribe', 'xcontext', 'fdescribe', 'xsuite'])
/** Modifiers a test or suite call chain may carry (vitest, jest, mocha, Playwright). */
const MODIFIERS = new Set([
  'only',
  'skip',
  'todo',
  'each',
  'concurrent',
  'sequential',
  'fails',
  'failing',
  'skipIf',
  'runIf',
  'for',
  'shuffle',
  'serial',
  'parallel',
  'fixme',
])
const SUITE_SEGMENTS = new Set(['describe', 'suite'])
/** Modules whose exports named like TEST_NAMES are the test API. */
const TEST_API_MODULES = new Set(['vitest', '@jest/globals', 'node:test', 'test', 'mocha', 'bun:test', '@playwright/test', 'vitest/globals'])
const ASSERT_MODULES = new Set([
  'assert',
  'node:assert',
  'assert/strict',
  'node:assert/strict',
  'power-assert',
  'uvu/assert',
  'chai',
  'should',
  'expect',
  'node:test',
])
/** `expect.x(…)` members that build matchers or configure, rather than assert. */
const EXPECT_NON_ASSERTIONS = new Set([
  'any',
  'anything',
  'objectContaining',
  'arrayContaining',
  'stringContaining',
  'stringMatching',
  'closeTo',
  'not',
  'extend',
  'addSnapshotSerializer',
  'addEqualityTesters',
  'getState',
  'setState',
])
const MOCK_APIS = new Set(['mock', 'doMock', 'unstable_mockModule', 'module'])
const MOCK_OWNERS = new Set(['vi', 'jest', 'mock', 't.mock', 'context.mock'])
const ACTUAL_APIS = new Set(['importActual', 'requireActual'])
const MOCK_RETURN_METHODS = new Set([
  'mockReturnValue',
  'mockReturnValueOnce',
  'mockResolvedValue',
  'mockResolvedValueOnce',
  'mockImplementation',
  'mockImplementationOnce',
])
/** Helpers that assert by name: expectX/assertX/verifyX, and waits that throw on timeout (waitFor, waitForStdout, vi.waitUntil). */
const HELPER_ASSERTION = /^(expect|assert)[A-Z0-9_]|^verify([A-Z0-9_]|$)|^waitFor([A-Z]|$)|^waitUntil$/
const TESTING_LIBRARY_QUERY = /^(get|find)(All)?By[A-Z]/

/** A member chain: its root name, the property names after it, and the arguments of calls applied to a segment (by segment index). */
type Chain = { root: TS.Identifier; segments: string[]; callArgs: Map<number, readonly TS.Expression[]> }

/** `a.b.c` → root `a` and segments `['b', 'c']`, through calls and tagged templates (`it.each([])`). */
function chainOf(ts: TypeScript, expression: TS.Expression): Chain | undefined {
  const outerFirst: string[] = []
  const argsOuterFirst: Array<readonly TS.Expression[] | undefined> = []
  let pending: readonly TS.Expression[] | undefined
  let current: TS.Expression = expression
  for (;;) {
    if (ts.isIdentifier(current)) {
      // A call on the root itself (`it('x', fn).timeout(5)`) is not a chain of the API.
      if (pending !== undefined) return undefined
      const segments = outerFirst.reverse()
      const callArgs = new Map<number, readonly TS.Expression[]>()
      argsOuterFirst.reverse().forEach((args, index) => {
        if (args !== undefined) callArgs.set(index, args)
      })
      return { root: current, segments, callArgs }
    }
    if (ts.isPropertyAccessExpression(current)) {
      outerFirst.push(current.name.text)
      argsOuterFirst.push(pending)
      pending = undefined
      current = current.expression
    } else if (ts.isCallExpression(current) || ts.isTaggedTemplateExpression(current)) {
      if (pending !== undefined) return undefined
      pending = ts.isCallExpression(current) ? current.arguments : []
      current = ts.isCallExpression(current) ? current.expression : current.tag
    } else if (ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression
    } else {
      return undefined
    }
  }
}

/**
 * The member path of a callee with calls dropped, whatever its root: `request(app).get('/').expect`
 * → `request.get.expect`, `this.agent.post` → `this.agent.post`; undefined for other roots
 * (`new X().y`, a literal). What `assertion-functions` globs are matched against.
 */
export function callPath(ts: TypeScript, expression: TS.Expression): string | undefined {
  const names: string[] = []
  let current: TS.Expression = expression
  for (;;) {
    if (ts.isIdentifier(current)) return [current.text, ...names.reverse()].join('.')
    if (current.kind === ts.SyntaxKind.ThisKeyword) return ['this', ...names.reverse()].join('.')
    if (ts.isPropertyAccessExpression(current)) {
      names.push(current.name.text)
      current = current.expression
    } else if (ts.isCallExpression(current)) current = current.expression
    else if (ts.isTaggedTemplateExpression(current)) current = current.tag
    else if (ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current) || ts.isAwaitExpression(current)) current = current.expression
    else return undefined
  }
}

/** The string segments of a `path.join`/`resolve`/`join(…)` call joined with `/` (two at least), or undefined. */
function joinedPath(ts: TypeScript, call: TS.CallExpression): string | undefined {
  const callee = call.expression
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined
  if (name !== 'join' && name !== 'resolve') return undefined
  const parts = call.arguments.filter((a) => ts.isStringLiteralLike(a)).map((a) => (a as TS.StringLiteralLike).text)
  if (parts.length < 2) return undefined
  const joined = parts.join('/').replace(/\/{2,}/g, '/')
  return /[\s:*?"<>|]/.test(joined) || joined.length >= 300 ? undefined : joined
}

/** Strips parentheses, `as`, `satisfies`, `!` and `<T>x` around an expression. */
export function unwrap(ts: TypeScript, expression: TS.Expression): TS.Expression {
  let current = expression
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression
    } else {
      return current
    }
  }
}

function stringValue(ts: TypeScript, node: TS.Node | undefined): string | undefined {
  if (node === undefined) return undefined
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  return undefined
}

function isFunctionLiteral(ts: TypeScript, node: TS.Node): node is TS.ArrowFunction | TS.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node)
}

/** Names a binding pattern or identifier declares. */
function bindingNames(ts: TypeScript, name: TS.BindingName, out: string[] = []): string[] {
  if (ts.isIdentifier(name)) out.push(name.text)
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(ts, element.name, out)
  return out
}

/** Pairs of (imported name, local name) a destructuring pattern binds, e.g. `{ it: myIt }`. */
function destructured(ts: TypeScript, name: TS.BindingName): Array<[string, string]> {
  if (!ts.isObjectBindingPattern(name)) return []
  const pairs: Array<[string, string]> = []
  for (const element of name.elements) {
    if (!ts.isIdentifier(element.name)) continue
    const imported = element.propertyName !== undefined && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text
    pairs.push([imported, element.name.text])
  }
  return pairs
}

/** Options of `analyseFile`. */
export interface AnalyseOptions {
  /**
   * Extra calls that count as assertions, by their member chain with calls dropped
   * (`schema.parse(x)` → `schema.parse`, `z.lazy(f).parse(x)` → `z.lazy.parse`).
   */
  isAssertionCall?: (chain: string) => boolean
}

/**
 * Parses `text` as the file at `path` (script kind from its extension) and collects its facts in
 * one walk. Never throws on bad syntax: the parser recovers and `parseErrors` lists what it found.
 */
export function analyseFile(ts: TypeScript, path: string, text: string, options: AnalyseOptions = {}): AnalysedFile {
  const isAssertionCall = options.isAssertionCall
  // Parents are set by the walk below rather than by a second pass of the parser (the bench's
  // largest saving: TypeScript's setParentNodes walks the whole tree once more).
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(ts, path))
  const parseErrors = (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? []
  const imports: ImportFact[] = []
  const mocks: MockFact[] = []
  /** Calls that may declare a test; `api` and `skip` are set for an inline conditional callee, `(c ? it.skip : it)('x', fn)`. */
  const candidates: Array<{ node: TS.CallExpression; chain: Chain; api?: string[]; skip?: AliasSkip }> = []
  const assertions: AssertionFact[] = []
  const functions: FunctionFact[] = []
  const hookCalls: TS.CallExpression[] = []
  const identCalls: Array<{ name: string; pos: number }> = []
  const mockCalls: TS.CallExpression[] = []
  const pathLiterals: string[] = []
  /** Local name → test API chain (`import { test as base }`, `const s = test.skip`, `const t = base.extend()`). */
  const aliases = new Map<string, string[]>()
  /** Local name → the skip its alias carries (`const t = test.skipIf(c)`, `const t = c ? test.skip : test`). */
  const aliasSkips = new Map<string, AliasSkip>()
  /** Identifier → its declaration's initialiser, so a skip condition named by a variable (`const isCI = !!process.env.CI`) is read. */
  const initialisers = new Map<string, TS.Expression>()
  const shadowed = new Set<string>()
  const expectNames = new Set(['expect'])
  const assertNames = new Set(['assert'])
  const assertFunctions = new Set<string>()
  /** require()/import() calls already recorded with the names their declaration binds. */
  const recorded = new Set<TS.Node>()

  const testApi = (name: string): string[] | undefined => {
    const alias = aliases.get(name)
    if (alias !== undefined) return alias
    if (TEST_NAMES.has(name) || SUITE_NAMES.has(name)) return [name]
    return undefined
  }

  const apiModules = new Set<string>()
  const bindImport = (specifier: string, pairs: Array<[string, string]>, whole: string | undefined): void => {
    const testModule = TEST_API_MODULES.has(specifier)
    const assertModule = ASSERT_MODULES.has(specifier)
    if (testModule || assertModule) apiModules.add(specifier)
    const relative = specifier.startsWith('.')
    for (const [imported, local] of pairs) {
      if ((testModule || relative) && (TEST_NAMES.has(imported) || SUITE_NAMES.has(imported)) && !(relative && imported === 'context')) {
        aliases.set(local, [imported])
      } else if (imported === 'expect' && (testModule || assertModule)) {
        expectNames.add(local)
      } else if (assertModule && (imported === 'assert' || imported === 'strict' || specifier.includes('assert'))) {
        if (imported === 'assert' || imported === 'strict') assertNames.add(local)
        else assertFunctions.add(local)
      } else if (TEST_NAMES.has(local) || SUITE_NAMES.has(local) || local === 'expect') {
        shadowed.add(local)
      }
    }
    if (whole !== undefined && assertModule && specifier !== 'chai') assertNames.add(whole)
  }

  const visitImport = (node: TS.ImportDeclaration): void => {
    const specifier = stringValue(ts, node.moduleSpecifier)
    if (specifier === undefined) return
    const clause = node.importClause
    const names: string[] = []
    const pairs: Array<[string, string]> = []
    let typeOnly = clause?.isTypeOnly ?? false
    let whole: string | undefined
    if (clause !== undefined) {
      if (clause.name !== undefined) {
        names.push(clause.name.text)
        whole = clause.name.text
      }
      const bindings = clause.namedBindings
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
        names.push(bindings.name.text)
        whole = bindings.name.text
      } else if (bindings !== undefined) {
        let allTypes = bindings.elements.length > 0 && clause.name === undefined
        for (const element of bindings.elements) {
          names.push(element.name.text)
          pairs.push([element.propertyName?.text ?? element.name.text, element.name.text])
          if (!element.isTypeOnly) allTypes = false
        }
        if (allTypes) typeOnly = true
      }
    }
    imports.push({ specifier, names, typeOnly, kind: 'import', node })
    bindImport(specifier, pairs, whole)
  }

  const visitVariable = (node: TS.VariableDeclaration): void => {
    const init = node.initializer === undefined ? undefined : unwrap(ts, node.initializer)
    if (init === undefined) {
      for (const name of bindingNames(ts, node.name)) if (testApi(name) !== undefined || name === 'expect') shadowed.add(name)
      return
    }
    if (ts.isIdentifier(node.name) && isFunctionLiteral(ts, init)) {
      functions.push({ name: node.name.text, pos: init.pos, end: init.end })
    }
    // const x = require('y') / const { a } = require('y') / const { a } = await import('y')
    const call = ts.isAwaitExpression(init) ? unwrap(ts, init.expression) : init
    if (ts.isCallExpression(call) && call.arguments.length >= 1) {
      const specifier = stringValue(ts, call.arguments[0])
      const isRequire = ts.isIdentifier(call.expression) && call.expression.text === 'require'
      const isDynamic = call.expression.kind === ts.SyntaxKind.ImportKeyword
      if (specifier !== undefined && (isRequire || isDynamic)) {
        imports.push({ specifier, names: bindingNames(ts, node.name), typeOnly: false, kind: isRequire ? 'require' : 'dynamic', node: call })
        recorded.add(call)
        bindImport(specifier, destructured(ts, node.name), ts.isIdentifier(node.name) ? node.name.text : undefined)
        return
      }
    }
    if (ts.isIdentifier(node.name)) {
      const name = node.name.text
      if (!initialisers.has(name)) initialisers.set(name, init)
      // const t = test.skipIf(c) / const t = c ? test.skip : test: an alias that carries its skip.
      const carried = skipAliasOf(ts, sf, init, testApi, aliasSkips)
      if (carried !== undefined) {
        aliases.set(name, carried.chain)
        if (carried.skip !== undefined) aliasSkips.set(name, { ...carried.skip, written: `${name} = ${carried.skip.written}` })
        return
      }
      // const s = test.skip / const myTest = test.extend({...}) / const each = it.each
      const target = ts.isCallExpression(init) ? init.expression : init
      const chain = ts.isIdentifier(target) || ts.isPropertyAccessExpression(target) ? chainOf(ts, target) : undefined
      const api = chain === undefined ? undefined : testApi(chain.root.text)
      if (chain !== undefined && api !== undefined) {
        const segments = chain.segments.filter((s) => s !== 'extend')
        const last = chain.segments.at(-1)
        if (segments.every((s) => MODIFIERS.has(s) || SUITE_SEGMENTS.has(s)) && (!ts.isCallExpression(init) || last === 'extend')) {
          aliases.set(name, [...api, ...segments])
          const inherited = aliasSkips.get(chain.root.text)
          if (inherited !== undefined) aliasSkips.set(name, inherited)
          return
        }
      }
      if (testApi(name) !== undefined || name === 'expect') shadowed.add(name)
    } else {
      for (const name of bindingNames(ts, node.name)) if (testApi(name) !== undefined || name === 'expect') shadowed.add(name)
    }
  }

  const visitCall = (node: TS.CallExpression): void => {
    const callee = node.expression
    // import('x'), require('x')
    if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
      const specifier = stringValue(ts, node.arguments[0])
      if (specifier !== undefined && !recorded.has(node))
        imports.push({ specifier, names: [], typeOnly: false, kind: callee.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic' : 'require', node })
      return
    }
    // path.join(dir, 'fixtures', 'pm') names `fixtures/pm`: a path candidate like a whole literal.
    const joined = joinedPath(ts, node)
    if (joined !== undefined) pathLiterals.push(joined)
    if (ts.isIdentifier(callee)) {
      const name = callee.text
      if (expectNames.has(name)) return pushExpect(node, 'expect')
      if (assertNames.has(name) || assertFunctions.has(name)) return pushAssert(node, assertFunctions.has(name) ? [name] : ['ok'])
      if (name === 'should') return pushAssert(node, ['should'])
      if (HELPER_ASSERTION.test(name)) return pushPlain(node, 'helper')
      if (TESTING_LIBRARY_QUERY.test(name)) return pushPlain(node, 'query')
      if (isAssertionCall?.(name) === true) return pushPlain(node, 'helper')
      if (name === 'beforeEach' || name === 'afterEach') hookCalls.push(node)
      if (testApi(name) !== undefined) candidates.push({ node, chain: { root: callee, segments: [], callArgs: new Map() } })
      identCalls.push({ name, pos: node.pos })
      return
    }
    if (!ts.isPropertyAccessExpression(callee)) {
      if (ts.isCallExpression(callee) || ts.isTaggedTemplateExpression(callee)) {
        const chain = chainOf(ts, callee)
        if (chain !== undefined && testApi(chain.root.text) !== undefined) candidates.push({ node, chain })
      } else if (ts.isParenthesizedExpression(callee)) {
        visitInlineConditional(node, unwrap(ts, callee))
      }
      return
    }
    const chain = chainOf(ts, callee)
    if (isAssertionCall !== undefined) {
      const path = chain !== undefined ? [chain.root.text, ...chain.segments].join('.') : callPath(ts, callee)
      if (path !== undefined && isAssertionCall(path)) return pushPlain(node, 'helper')
    }
    // `request(app).get('/').expect(200)` (supertest, superagent, chai-http): an assertion on the
    // response. `chai.expect(x)` (no call before it) is an ordinary expect.
    if (callee.name.text === 'expect' && (chain === undefined || chain.callArgs.size > 0) && !(chain !== undefined && expectNames.has(chain.root.text)))
      return pushHttp(node, callee)
    if (chain === undefined) {
      const method = callee.name.text
      if (MOCK_RETURN_METHODS.has(method)) mockCalls.push(node)
      else if (TESTING_LIBRARY_QUERY.test(method)) pushPlain(node, 'query')
      return
    }
    const root = chain.root.text
    const segments = chain.segments
    const last = segments[segments.length - 1]!
    if (expectNames.has(root)) {
      if (segments.length === 1 && (last === 'assertions' || last === 'hasAssertions')) return pushPlain(node, 'count')
      if (segments.length === 1 && (last === 'soft' || last === 'poll')) return pushExpect(node, 'expect')
      if (segments.length === 1 && !EXPECT_NON_ASSERTIONS.has(last) && chain.callArgs.size === 0) return pushAssert(node, segments)
      return
    }
    if (last === 'expect' && chain.callArgs.size === 0) return pushExpect(node, 'expect')
    if (assertNames.has(root) || segments.includes('assert')) {
      // assert.equal → ['equal']; t.assert.equal and sinon.assert.calledWith → what follows `assert`.
      if (chain.callArgs.size === 0) return pushAssert(node, assertNames.has(root) ? segments : segments.slice(segments.indexOf('assert') + 1))
      return
    }
    if (root === 'should' && segments.length === 1) return pushAssert(node, segments)
    if (MOCK_RETURN_METHODS.has(last)) mockCalls.push(node)
    if (MOCK_APIS.has(last) || ACTUAL_APIS.has(last) || last === 'importMock' || last === 'fn' || last === 'spyOn') visitMockApi(node, root, segments)
    // node:test's `mock.method(object, 'key', implementation)` / `t.mock.method(…)`: a spy that replaces.
    if (last === 'method' && node.arguments.length >= 3 && (root === 'mock' || segments.at(-2) === 'mock')) mockCalls.push(node)
    if (HELPER_ASSERTION.test(last)) return pushPlain(node, 'helper')
    if (TESTING_LIBRARY_QUERY.test(last)) return pushPlain(node, 'query')
    if (testApi(root) !== undefined) candidates.push({ node, chain })
  }

  /** `(c ? it.skip : it)('x', fn)`: the conditional an alias would hold, written inline; judged as that alias is. */
  const visitInlineConditional = (node: TS.CallExpression, callee: TS.Expression): void => {
    if (!ts.isConditionalExpression(callee)) return
    const carried = skipAliasOf(ts, sf, callee, testApi, aliasSkips)
    const root = carried === undefined ? undefined : (chainOf(ts, unwrap(ts, callee.whenFalse)) ?? chainOf(ts, unwrap(ts, callee.whenTrue)))?.root
    if (carried === undefined || root === undefined) return
    const skip = carried.skip === undefined ? undefined : { ...carried.skip, written: `(${carried.skip.written})` }
    candidates.push({ node, chain: { root, segments: [], callArgs: new Map() }, api: carried.chain, ...(skip === undefined ? {} : { skip }) })
  }

  const visitMockApi = (node: TS.CallExpression, root: string, segments: string[]): void => {
    const owner = [root, ...segments.slice(0, -1)].join('.')
    const last = segments[segments.length - 1]!
    if (last === 'fn' || last === 'spyOn') {
      if (root === 'vi' || root === 'jest' || owner.endsWith('mock')) mockCalls.push(node)
      return
    }
    const first = node.arguments[0]
    // vi.mock(import('./x')) is vitest's typed form.
    const specifier =
      stringValue(ts, first) ??
      (first !== undefined && ts.isCallExpression(first) && first.expression.kind === ts.SyntaxKind.ImportKeyword
        ? stringValue(ts, first.arguments[0])
        : undefined)
    if (specifier === undefined) return
    if (ACTUAL_APIS.has(last)) {
      if (root === 'vi' || root === 'jest') imports.push({ specifier, names: [], typeOnly: false, kind: 'actual', node })
      return
    }
    if (!MOCK_OWNERS.has(owner) && !(last === 'module' && owner.endsWith('mock'))) return
    if (last === 'module' && !owner.endsWith('mock')) return
    const factory = node.arguments[1]
    const { partial, replacedKeys } =
      factory !== undefined && isFunctionLiteral(ts, factory) ? factoryShape(factory) : { partial: false, replacedKeys: new Set<string>() }
    mocks.push({ specifier, api: `${owner}.${last}`, node, partial, replacedKeys })
  }

  /** Whether a mock factory spreads the real module, and which keys it replaces. */
  const factoryShape = (factory: TS.ArrowFunction | TS.FunctionExpression): { partial: boolean; replacedKeys: Set<string> } => {
    const body = factory.body.getText(sf)
    const partial = /\b(importActual|importOriginal|requireActual)\b/.test(body) || factory.parameters.length > 0
    const replacedKeys = new Set<string>()
    const collect = (node: TS.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        for (const property of node.properties) {
          if (
            (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property) || ts.isMethodDeclaration(property)) &&
            (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
          ) {
            replacedKeys.add(property.name.text)
          }
        }
      }
      ts.forEachChild(node, collect)
    }
    collect(factory.body)
    return { partial, replacedKeys }
  }

  /** Climbs from `expect(x)` or `x.should` through the matcher chain; returns its path and arguments. */
  const climbMatcher = (start: TS.Node): { matcher: string[]; expected: readonly TS.Expression[]; outer: TS.Node } => {
    const matcher: string[] = []
    let expected: readonly TS.Expression[] = []
    let current: TS.Node = start
    for (;;) {
      const parent: TS.Node = current.parent
      if (ts.isPropertyAccessExpression(parent) && parent.expression === current) {
        matcher.push(parent.name.text)
        current = parent
      } else if (ts.isCallExpression(parent) && parent.expression === current && matcher.length > 0) {
        expected = parent.arguments
        current = parent
        break
      } else {
        break
      }
    }
    return { matcher, expected, outer: current }
  }

  const pushExpect = (node: TS.CallExpression, style: 'expect'): void => {
    const { matcher, expected, outer } = climbMatcher(node)
    assertions.push({ style, node, pos: node.pos, end: node.end, actual: node.arguments[0], matcher, expected, outer })
  }
  const pushAssert = (node: TS.CallExpression, matcher: string[]): void => {
    const [actual, ...expected] = node.arguments
    assertions.push({ style: 'assert', node, pos: node.pos, end: node.end, ...(actual === undefined ? {} : { actual }), matcher, expected, outer: node })
  }
  const pushHttp = (node: TS.CallExpression, callee: TS.PropertyAccessExpression): void => {
    // The request is what the chain's `.expect` calls check; earlier `.expect`s are not part of it.
    let request: TS.Expression = callee.expression
    while (ts.isCallExpression(request) && ts.isPropertyAccessExpression(request.expression) && request.expression.name.text === 'expect')
      request = request.expression.expression
    const args = node.arguments
    const first = args[0] === undefined ? undefined : unwrap(ts, args[0])
    const second = args[1] === undefined ? undefined : unwrap(ts, args[1])
    const callbackLike = (e: TS.Expression | undefined): boolean =>
      e !== undefined && (isFunctionLiteral(ts, e) || (ts.isIdentifier(e) && /^(done|cb|callback|next|end|fn)$/.test(e.text)))
    let matcher: string[]
    let expected: readonly TS.Expression[] = args
    if (first === undefined || callbackLike(first)) matcher = ['expect', 'callback']
    else if (ts.isNumericLiteral(first)) matcher = ['expect', 'status']
    else if (ts.isStringLiteralLike(first) && second !== undefined && !callbackLike(second)) {
      matcher = ['expect', 'header', first.text.toLowerCase()]
      expected = args.slice(1)
    } else matcher = ['expect', 'body']
    assertions.push({ style: 'http', node, pos: node.pos, end: node.end, actual: request, matcher, expected, outer: node })
  }
  const pushPlain = (node: TS.CallExpression, style: 'count' | 'helper' | 'query'): void => {
    assertions.push({ style, node, pos: node.pos, end: node.end, matcher: [], expected: [], outer: node })
  }

  // The kinds the walk looks for, read once: `ts.SyntaxKind.X` in each case label costs a
  // property load per node and case, several times the walk itself.
  const kinds = syntaxKinds(ts)
  let parent: TS.Node = sf
  const visit = (node: TS.Node): void => {
    // Set before the facts are read: the matcher climb walks up from an expect() call.
    ;(node as { parent: TS.Node }).parent = parent
    switch (node.kind) {
      case kinds.CallExpression:
        visitCall(node as TS.CallExpression)
        break
      case kinds.ImportDeclaration:
        visitImport(node as TS.ImportDeclaration)
        break
      case kinds.ExportDeclaration: {
        const specifier = stringValue(ts, (node as TS.ExportDeclaration).moduleSpecifier)
        if (specifier !== undefined) imports.push({ specifier, names: [], typeOnly: (node as TS.ExportDeclaration).isTypeOnly, kind: 'export-from', node })
        break
      }
      case kinds.VariableDeclaration:
        visitVariable(node as TS.VariableDeclaration)
        break
      case kinds.FunctionDeclaration: {
        const fn = node as TS.FunctionDeclaration
        if (fn.name !== undefined) {
          functions.push({ name: fn.name.text, pos: fn.pos, end: fn.end })
          if (testApi(fn.name.text) !== undefined) shadowed.add(fn.name.text)
        }
        break
      }
      case kinds.Parameter: {
        for (const name of bindingNames(ts, (node as TS.ParameterDeclaration).name)) if (testApi(name) !== undefined || name === 'expect') shadowed.add(name)
        break
      }
      case kinds.PropertyAccessExpression: {
        const access = node as TS.PropertyAccessExpression
        if (access.name.text === 'should' && !(ts.isIdentifier(access.expression) && access.expression.text === 'should')) {
          const { matcher, expected, outer } = climbMatcher(access)
          assertions.push({ style: 'should', node: access, pos: access.pos, end: access.end, actual: access.expression, matcher, expected, outer })
        }
        break
      }
      case kinds.StringLiteral:
      case kinds.NoSubstitutionTemplateLiteral: {
        // Candidates for a path or a package name: `../bin/cli.js`, `api.mdx`, `zod`.
        const value = (node as TS.StringLiteral).text
        if (value.length > 1 && value.length < 300 && !/[\s:*?"<>|]/.test(value)) pathLiterals.push(value)
        return // a leaf
      }
      case kinds.SatisfiesExpression:
        // `x satisfies T` is checked by the compiler: a type-level assertion, like @ts-expect-error.
        assertions.push({ style: 'type', node, pos: node.pos, end: node.end, matcher: [], expected: [] })
        break
    }
    const saved = parent
    parent = node
    ts.forEachChild(node, visit)
    parent = saved
  }
  ts.forEachChild(sf, visit)

  // `// @ts-expect-error` asserts at the type level (zod, TanStack query and vitest use it so).
  const directive = /@ts-expect-error/g
  for (let m = directive.exec(text); m !== null; m = directive.exec(text))
    assertions.push({ style: 'type', pos: m.index, end: m.index + m[0].length, matcher: [], expected: [] })
  assertions.sort((a, b) => a.pos - b.pos)

  const tests: TestFact[] = []
  for (const { node, chain, api, skip } of candidates) {
    const fact = toTestFact(ts, sf, node, chain, testApi, shadowed, {
      aliasSkip: api === undefined ? aliasSkips.get(chain.root.text) : skip,
      resolve: (name) => initialisers.get(name),
      ...(api === undefined ? {} : { api }),
    })
    if (fact !== undefined) tests.push(fact)
  }
  const hooks = hookCalls.flatMap((call) => {
    const callback = call.arguments.find((a) => isFunctionLiteral(ts, a))
    if (callback === undefined) return []
    const scope = enclosingSuiteCallback(ts, call, tests)
    return [{ pos: callback.pos, end: callback.end, scopePos: scope?.pos ?? 0, scopeEnd: scope?.end ?? text.length }]
  })

  return {
    path,
    ts,
    sf,
    parseErrors,
    imports,
    mocks,
    tests,
    assertions,
    functions,
    hooks,
    identCalls,
    mockCalls,
    pathLiterals,
    apiModules,
    position(pos) {
      const { line, character } = sf.getLineAndCharacterOfPosition(pos)
      return { line: line + 1, column: character + 1 }
    },
  }
}

const WALKED_KINDS = [
  'CallExpression',
  'ImportDeclaration',
  'ExportDeclaration',
  'VariableDeclaration',
  'FunctionDeclaration',
  'Parameter',
  'PropertyAccessExpression',
  'StringLiteral',
  'NoSubstitutionTemplateLiteral',
  'SatisfiesExpression',
] as const
type WalkedKinds = { readonly [K in (typeof WALKED_KINDS)[number]]: TS.SyntaxKind }
let cachedKinds: WalkedKinds | undefined

function syntaxKinds(ts: TypeScript): WalkedKinds {
  cachedKinds ??= Object.freeze(Object.fromEntries(WALKED_KINDS.map((k) => [k, ts.SyntaxKind[k]])) as unknown as WalkedKinds)
  return cachedKinds
}

function enclosingSuiteCallback(ts: TypeScript, node: TS.Node, tests: readonly TestFact[]): TS.Node | undefined {
  for (let current: TS.Node | undefined = node.parent; current !== undefined; current = current.parent) {
    if (isFunctionLiteral(ts, current) && tests.some((t) => t.kind === 'suite' && t.callback === current)) return current
  }
  return undefined
}

/** True when `name` is declared as a parameter or local binding in a scope enclosing `node`. */
function boundLocally(ts: TypeScript, node: TS.Node, name: string): boolean {
  for (let current: TS.Node | undefined = node.parent; current !== undefined; current = current.parent) {
    if (ts.isFunctionLike(current) && current.parameters.some((p) => bindingNames(ts, p.name).includes(name))) return true
    if (ts.isBlock(current) || ts.isSourceFile(current)) {
      for (const statement of current.statements) {
        if (ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => bindingNames(ts, d.name).includes(name))) return true
        if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return true
      }
    }
  }
  return false
}

function toTestFact(
  ts: TypeScript,
  sf: TS.SourceFile,
  node: TS.CallExpression,
  chain: Chain,
  testApi: (name: string) => string[] | undefined,
  shadowed: ReadonlySet<string>,
  carried: { aliasSkip: AliasSkip | undefined; resolve: Resolve; api?: string[] },
): TestFact | undefined {
  // The inner call of it.each([...])('x', fn) is not a declaration; the outer one is.
  if (ts.isCallExpression(node.parent) && node.parent.expression === node) return undefined
  // `test.skipIf(c)` on its own (an alias's initialiser) builds a test function; it declares nothing.
  if (ts.isPropertyAccessExpression(node.expression) && (node.expression.name.text === 'skipIf' || node.expression.name.text === 'runIf')) return undefined
  const rootName = chain.root.text
  // An inline conditional callee carries its resolved chain; a named one is looked up.
  const api = carried.api ?? testApi(rootName)
  if (api === undefined) return undefined
  if (shadowed.has(rootName) && api.length === 1 && api[0] === rootName && boundLocally(ts, node, rootName)) return undefined
  const full = [...api, ...chain.segments]
  const base = full[0]!
  const suite = SUITE_NAMES.has(base) || full.slice(1).some((s) => SUITE_SEGMENTS.has(s))
  for (const segment of full.slice(1)) if (!MODIFIERS.has(segment) && !SUITE_SEGMENTS.has(segment)) return undefined
  const args = node.arguments
  if (args.length === 0) return undefined
  const first = unwrap(ts, args[0]!)
  // A title is a string, a template, a name or a function (mocha's it(fn) is rare; skip it).
  if (isFunctionLiteral(ts, first) || ts.isObjectLiteralExpression(first) || ts.isArrayLiteralExpression(first) || ts.isNumericLiteral(first)) return undefined
  const title = stringValue(ts, first) ?? first.getText(sf).slice(0, 120)
  let callback: TS.ArrowFunction | TS.FunctionExpression | undefined
  let callbackName: string | undefined
  for (let i = args.length - 1; i >= 1; i--) {
    const arg = args[i]!
    if (isFunctionLiteral(ts, arg)) {
      callback = arg
      break
    }
    if (ts.isIdentifier(arg) && callbackName === undefined && i === args.length - 1) callbackName = arg.text
    // it('x', withEffectRoot(() => {…})): a wrapper around the body (svelte-query, fakeAsync, withSetup).
    if (ts.isCallExpression(arg) && i === args.length - 1) {
      const inner = arg.arguments.find((a) => isFunctionLiteral(ts, a))
      if (inner !== undefined && isFunctionLiteral(ts, inner)) {
        callback = inner
        break
      }
      callbackName ??= arg.expression.getText(sf)
    }
  }
  let focused = base === 'fit' || base === 'fdescribe' || full.includes('only')
  let skipped: string | undefined
  if (base.startsWith('x')) skipped = base
  else if (full.includes('skip')) skipped = 'skip'
  else if (full.includes('todo')) skipped = 'todo'
  else if (full.includes('fixme')) skipped = 'fixme'
  const skipIf = full.indexOf('skipIf')
  const runIf = full.indexOf('runIf')
  const conditionOf = (index: number): TS.Expression | undefined => chain.callArgs.get(index - api.length)?.[0]
  const conditional: AliasSkip[] = []
  for (const [index, kind] of [
    [skipIf, 'skipIf'],
    [runIf, 'runIf'],
  ] as const) {
    const condition = index >= 0 ? conditionOf(index) : undefined
    if (condition !== undefined) conditional.push({ kind, condition, written: `${kind}(${condition.getText(sf).replace(/\s+/g, ' ')})` })
  }
  if (carried.aliasSkip !== undefined) conditional.push(carried.aliasSkip)
  let environmentSkip: string | undefined
  for (const c of conditional) {
    const literal = literalCondition(ts, c.condition, carried.resolve)
    if ((c.kind === 'skipIf' && literal === true) || (c.kind === 'runIf' && literal === false))
      skipped ??= c.written.startsWith(c.kind) ? `${c.kind}(${String(literal)})` : c.written
    else if (readsEnvironment(ts, sf, c.condition, carried.resolve)) environmentSkip = c.written
  }
  // node:test options: test('x', { skip: true }, fn)
  for (const arg of args.slice(1)) {
    if (!ts.isObjectLiteralExpression(arg)) continue
    for (const property of arg.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue
      const key = property.name.text
      const value = property.initializer
      if ((key === 'skip' || key === 'todo') && readsEnvironment(ts, sf, value, carried.resolve))
        environmentSkip = `{ ${key}: ${value.getText(sf).replace(/\s+/g, ' ')} }`
      const on = value.kind === ts.SyntaxKind.TrueKeyword || ts.isStringLiteral(value)
      if (!on) continue
      if (key === 'only') focused = true
      if (key === 'skip' || key === 'todo') skipped ??= `{ ${key} }`
    }
  }
  const each = full.includes('each') || full.includes('for')
  if (callback === undefined && callbackName === undefined && skipped === undefined && !suite && !each) skipped = 'pending'
  return {
    kind: suite ? 'suite' : 'test',
    chain: full,
    title,
    node,
    ...(callback === undefined ? {} : { callback }),
    ...(callbackName === undefined ? {} : { callbackName }),
    focused,
    ...(skipped === undefined ? {} : { skipped }),
    ...(environmentSkip === undefined || skipped !== undefined ? {} : { environmentSkip }),
  }
}

/** Names that say where a suite runs: CI services, the platform, the Node version. */
const ENVIRONMENT_NAMES = /^(CI|isCI|isCi|IS_CI|isWindows|isWin|isMac|isMacOS|isLinux|isDarwin|isWin32)$/

/**
 * True when a skip condition depends on the environment: it reads `process.env`, `process.platform`,
 * `process.arch`, `process.version(s)`, `os.platform()`/`os.type()`, `import.meta.env`, or a name
 * such as `CI`, `isCI` or `isWindows`.
 */
export function readsEnvironment(ts: TypeScript, sf: TS.SourceFile, node: TS.Node, resolve?: Resolve, seen: Set<string> = new Set()): boolean {
  if (ts.isIdentifier(node)) {
    if (ENVIRONMENT_NAMES.test(node.text)) return true
    // A variable holding the condition (`const onCI = !!process.env.CI`), followed once per name.
    const init = seen.has(node.text) ? undefined : resolve?.(node.text)
    if (init === undefined) return false
    seen.add(node.text)
    return readsEnvironment(ts, sf, init, resolve, seen)
  }
  if (ts.isPropertyAccessExpression(node)) {
    const text = node.getText(sf).replace(/\s+/g, '')
    if (/^(globalThis\.)?process\.(env|platform|arch|version|versions)\b/.test(text) || /^import\.meta\.env\b/.test(text)) return true
    if (/^(os|node:os)\.(platform|type|arch)$/.test(text)) return true
  }
  return ts.forEachChild(node, (child) => (readsEnvironment(ts, sf, child, resolve, seen) ? true : undefined)) === true
}

/** `true`/`false` when a skip condition is that literal, directly or through a variable holding it (`const off = true`). */
function literalCondition(ts: TypeScript, node: TS.Expression, resolve: Resolve): boolean | undefined {
  let current = unwrap(ts, node)
  for (let hops = 0; ts.isIdentifier(current) && hops < 4; hops++) {
    const init = resolve(current.text)
    if (init === undefined) return undefined
    current = unwrap(ts, init)
  }
  if (current.kind === ts.SyntaxKind.TrueKeyword) return true
  if (current.kind === ts.SyntaxKind.FalseKeyword) return false
  return undefined
}

/** Whether a resolved test API chain skips by itself (`test.skip`, `xit`, `it.todo`). */
function chainSkips(chain: readonly string[]): boolean {
  return chain[0]!.startsWith('x') || chain.includes('skip') || chain.includes('todo') || chain.includes('fixme')
}

/**
 * The test API chain and the skip an alias's initialiser carries, or undefined when it is not one of
 * these forms: `test.skipIf(c)` / `test.runIf(c)` (the chain without the call, the condition kept),
 * and `c ? test.skip : test` (skipped when `c`, as `skipIf(c)`) or `c ? test : test.skip` (as
 * `runIf(c)`), whose branches may themselves be aliases. Conditions are judged where the alias is
 * called, as the direct forms' are: literal `true`/`false`, or one read from the environment.
 */
function skipAliasOf(
  ts: TypeScript,
  sf: TS.SourceFile,
  init: TS.Expression,
  testApi: (name: string) => string[] | undefined,
  aliasSkips: ReadonlyMap<string, AliasSkip>,
): { chain: string[]; skip?: AliasSkip } | undefined {
  const plain = (e: TS.Expression): { chain: string[]; skip?: AliasSkip } | undefined => {
    const expression = unwrap(ts, e)
    if (ts.isCallExpression(expression)) return skipAliasOf(ts, sf, expression, testApi, aliasSkips)
    if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression)) return undefined
    const chain = chainOf(ts, expression)
    const api = chain === undefined ? undefined : testApi(chain.root.text)
    if (chain === undefined || api === undefined || !chain.segments.every((s) => MODIFIERS.has(s) || SUITE_SEGMENTS.has(s))) return undefined
    const inherited = aliasSkips.get(chain.root.text)
    return { chain: [...api, ...chain.segments], ...(inherited === undefined ? {} : { skip: inherited }) }
  }
  const written = init.getText(sf).replace(/\s+/g, ' ')
  if (ts.isConditionalExpression(init)) {
    const yes = plain(init.whenTrue)
    const no = plain(init.whenFalse)
    if (yes === undefined || no === undefined) return undefined
    const [yesSkips, noSkips] = [chainSkips(yes.chain), chainSkips(no.chain)]
    if (yesSkips && !noSkips) return { chain: no.chain, skip: { kind: 'skipIf', condition: init.condition, written } }
    if (!yesSkips && noSkips) return { chain: yes.chain, skip: { kind: 'runIf', condition: init.condition, written } }
    return yes.skip !== undefined || no.skip === undefined ? yes : no
  }
  if (!ts.isCallExpression(init) || init.arguments.length === 0 || !ts.isPropertyAccessExpression(init.expression)) return undefined
  const kind = init.expression.name.text
  if (kind !== 'skipIf' && kind !== 'runIf') return undefined
  const inner = plain(init.expression.expression)
  if (inner === undefined) return undefined
  return { chain: inner.chain, skip: { kind, condition: init.arguments[0]!, written } }
}

/** Number of facts in `sorted` (by pos) whose pos lies in [start, end). */
export function countInRange(sorted: ReadonlyArray<{ pos: number }>, start: number, end: number): number {
  return lowerBound(sorted, end) - lowerBound(sorted, start)
}

/** Index of the first fact (sorted by pos) whose pos is ≥ `pos`. */
export function lowerBound(sorted: ReadonlyArray<{ pos: number }>, pos: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]!.pos < pos) lo = mid + 1
    else hi = mid
  }
  return lo
}
