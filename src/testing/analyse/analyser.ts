// The walk over one test file's syntax: an Analyser visits every node once and collects the facts
// (imports, mocks, test candidates, assertions, helpers, aliases) that analyseFile returns.
import type * as TS from 'typescript'
import type { TypeScript } from '../typescript.js'
import type { AliasSkip, AssertionFact, Chain, FunctionFact, HookFact, ImportFact, MockFact, TestFact } from './facts.js'
import { bindingNames, callPath, chainOf, checksNothing, destructured, isFunctionLiteral, joinedPath, stringValue, syntaxKinds, unwrap } from './syntax.js'
import { enclosingSuiteCallback, MODIFIERS, skipAliasOf, SUITE_NAMES, SUITE_SEGMENTS, TEST_NAMES, toTestFact } from './tests.js'

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

/**
 * One walk of a test file: `walk()` sets each node's parent and records what it finds in the public
 * collections; `tests()` and `hooks()` then read them. Aliases are resolved in source order, as the
 * file declares them.
 */
export class Analyser {
  readonly imports: ImportFact[] = []
  readonly mocks: MockFact[] = []
  /** Sorted by position once `walk()` has returned. */
  readonly assertions: AssertionFact[] = []
  readonly functions: FunctionFact[] = []
  readonly identCalls: Array<{ name: string; pos: number }> = []
  readonly mockCalls: TS.CallExpression[] = []
  readonly pathLiterals: string[] = []
  readonly apiModules = new Set<string>()
  /** Calls that may declare a test; `api` and `skip` are set for an inline conditional callee, `(c ? it.skip : it)('x', fn)`. */
  private readonly candidates: Array<{ node: TS.CallExpression; chain: Chain; api?: string[]; skip?: AliasSkip }> = []
  private readonly hookCalls: TS.CallExpression[] = []
  /** Local name → test API chain (`import { test as base }`, `const s = test.skip`, `const t = base.extend()`). */
  private readonly aliases = new Map<string, string[]>()
  /** Local name → the skip its alias carries (`const t = test.skipIf(c)`, `const t = c ? test.skip : test`). */
  private readonly aliasSkips = new Map<string, AliasSkip>()
  /** Identifier → its declaration's initialiser, so a skip condition named by a variable (`const isCI = !!process.env.CI`) is read. */
  private readonly initialisers = new Map<string, TS.Expression>()
  private readonly shadowed = new Set<string>()
  private readonly expectNames = new Set(['expect'])
  /** Names chai's module object is bound to (`import * as chai from 'chai'`). */
  private readonly chaiNames = new Set(['chai'])
  private readonly assertNames = new Set(['assert'])
  private readonly assertFunctions = new Set<string>()
  /** require()/import() calls already recorded with the names their declaration binds. */
  private readonly recorded = new Set<TS.Node>()
  // The kinds the walk looks for, read once: `ts.SyntaxKind.X` in each case label costs a
  // property load per node and case, several times the walk itself.
  private readonly kinds: ReturnType<typeof syntaxKinds>
  private walkParent: TS.Node

  constructor(
    readonly ts: TypeScript,
    readonly sf: TS.SourceFile,
    private readonly isAssertionCall: ((chain: string) => boolean) | undefined,
  ) {
    this.kinds = syntaxKinds(ts)
    this.walkParent = sf
  }

  /** Visits every node of the file once, then sorts the assertions by position. */
  walk(): void {
    this.ts.forEachChild(this.sf, this.visit)
    // `// @ts-expect-error` asserts at the type level (zod, TanStack query and vitest use it so).
    const text = this.sf.text
    const directive = /@ts-expect-error/g
    for (let m = directive.exec(text); m !== null; m = directive.exec(text))
      this.assertions.push({ style: 'type', pos: m.index, end: m.index + m[0].length, matcher: [], expected: [] })
    this.assertions.sort((a, b) => a.pos - b.pos)
  }

  /** The test and suite declarations among the calls the walk saw. */
  tests(): TestFact[] {
    const tests: TestFact[] = []
    for (const { node, chain, api, skip } of this.candidates) {
      const fact = toTestFact(this.ts, this.sf, node, chain, this.testApi, this.shadowed, {
        aliasSkip: api === undefined ? this.aliasSkips.get(chain.root.text) : skip,
        resolve: (name) => this.initialisers.get(name),
        ...(api === undefined ? {} : { api }),
      })
      if (fact !== undefined) tests.push(fact)
    }
    return tests
  }

  /** The `beforeEach`/`afterEach` callbacks, each with the range of the suite it applies to (the file when none). */
  hooks(tests: readonly TestFact[]): HookFact[] {
    const { ts, sf } = this
    return this.hookCalls.flatMap((call) => {
      const callback = call.arguments.find((a) => isFunctionLiteral(ts, a))
      if (callback === undefined) return []
      const scope = enclosingSuiteCallback(ts, call, tests)
      return [{ pos: callback.pos, end: callback.end, scopePos: scope?.pos ?? 0, scopeEnd: scope?.end ?? sf.text.length }]
    })
  }

  /** The test API chain a local name stands for (`it` → `['it']`, an alias → its chain), or undefined. */
  readonly testApi = (name: string): string[] | undefined => {
    const alias = this.aliases.get(name)
    if (alias !== undefined) return alias
    if (TEST_NAMES.has(name) || SUITE_NAMES.has(name)) return [name]
    return undefined
  }

  private bindImport(specifier: string, pairs: Array<[string, string]>, whole: string | undefined): void {
    const testModule = TEST_API_MODULES.has(specifier)
    const assertModule = ASSERT_MODULES.has(specifier)
    if (testModule || assertModule) this.apiModules.add(specifier)
    const relative = specifier.startsWith('.')
    for (const [imported, local] of pairs) {
      if ((testModule || relative) && (TEST_NAMES.has(imported) || SUITE_NAMES.has(imported)) && !(relative && imported === 'context')) {
        this.aliases.set(local, [imported])
      } else if (imported === 'expect' && (testModule || assertModule)) {
        this.expectNames.add(local)
      } else if (assertModule && (imported === 'assert' || imported === 'strict' || specifier.includes('assert'))) {
        if (imported === 'assert' || imported === 'strict') this.assertNames.add(local)
        else this.assertFunctions.add(local)
      } else if (TEST_NAMES.has(local) || SUITE_NAMES.has(local) || local === 'expect') {
        this.shadowed.add(local)
      }
    }
    if (whole !== undefined && assertModule && specifier !== 'chai') this.assertNames.add(whole)
    if (whole !== undefined && specifier === 'chai') this.chaiNames.add(whole)
  }

  private visitImport(node: TS.ImportDeclaration): void {
    const { ts } = this
    const specifier = stringValue(ts, node.moduleSpecifier)
    if (specifier === undefined) return
    const clause = node.importClause
    const names: string[] = []
    const pairs: Array<[string, string]> = []
    const bindings: Array<{ imported: string; local: string }> = []
    let typeOnly = clause?.isTypeOnly ?? false
    let whole: string | undefined
    if (clause !== undefined) {
      if (clause.name !== undefined) {
        names.push(clause.name.text)
        bindings.push({ imported: 'default', local: clause.name.text })
        whole = clause.name.text
      }
      const named = clause.namedBindings
      if (named !== undefined && ts.isNamespaceImport(named)) {
        names.push(named.name.text)
        bindings.push({ imported: '*', local: named.name.text })
        whole = named.name.text
      } else if (named !== undefined) {
        let allTypes = named.elements.length > 0 && clause.name === undefined
        for (const element of named.elements) {
          names.push(element.name.text)
          pairs.push([element.propertyName?.text ?? element.name.text, element.name.text])
          bindings.push({ imported: element.propertyName?.text ?? element.name.text, local: element.name.text })
          if (!element.isTypeOnly) allTypes = false
        }
        if (allTypes) typeOnly = true
      }
    }
    this.imports.push({ specifier, names, typeOnly, kind: 'import', node, bindings })
    this.bindImport(specifier, pairs, whole)
  }

  private visitVariable(node: TS.VariableDeclaration): void {
    const { ts, sf } = this
    const init = node.initializer === undefined ? undefined : unwrap(ts, node.initializer)
    if (init === undefined) {
      for (const name of bindingNames(ts, node.name)) if (this.testApi(name) !== undefined || name === 'expect') this.shadowed.add(name)
      return
    }
    if (ts.isIdentifier(node.name) && isFunctionLiteral(ts, init)) {
      this.functions.push({ name: node.name.text, pos: init.pos, end: init.end })
    }
    // const x = require('y') / const { a } = require('y') / const { a } = await import('y')
    const call = ts.isAwaitExpression(init) ? unwrap(ts, init.expression) : init
    if (ts.isCallExpression(call) && call.arguments.length >= 1) {
      const specifier = stringValue(ts, call.arguments[0])
      const isRequire = ts.isIdentifier(call.expression) && call.expression.text === 'require'
      const isDynamic = call.expression.kind === ts.SyntaxKind.ImportKeyword
      if (specifier !== undefined && (isRequire || isDynamic)) {
        const pairs = destructured(ts, node.name)
        const bindings = ts.isIdentifier(node.name) ? [{ imported: '*', local: node.name.text }] : pairs.map(([imported, local]) => ({ imported, local }))
        this.imports.push({ specifier, names: bindingNames(ts, node.name), typeOnly: false, kind: isRequire ? 'require' : 'dynamic', node: call, bindings })
        this.recorded.add(call)
        this.bindImport(specifier, pairs, ts.isIdentifier(node.name) ? node.name.text : undefined)
        return
      }
    }
    if (ts.isIdentifier(node.name)) {
      const name = node.name.text
      if (!this.initialisers.has(name)) this.initialisers.set(name, init)
      // const t = test.skipIf(c) / const t = c ? test.skip : test: an alias that carries its skip.
      const carried = skipAliasOf(ts, sf, init, this.testApi, this.aliasSkips)
      if (carried !== undefined) {
        this.aliases.set(name, carried.chain)
        if (carried.skip !== undefined) this.aliasSkips.set(name, { ...carried.skip, written: `${name} = ${carried.skip.written}` })
        return
      }
      // const s = test.skip / const myTest = test.extend({...}) / const each = it.each
      const target = ts.isCallExpression(init) ? init.expression : init
      const chain = ts.isIdentifier(target) || ts.isPropertyAccessExpression(target) ? chainOf(ts, target) : undefined
      const api = chain === undefined ? undefined : this.testApi(chain.root.text)
      if (chain !== undefined && api !== undefined) {
        const segments = chain.segments.filter((s) => s !== 'extend')
        const last = chain.segments.at(-1)
        if (segments.every((s) => MODIFIERS.has(s) || SUITE_SEGMENTS.has(s)) && (!ts.isCallExpression(init) || last === 'extend')) {
          this.aliases.set(name, [...api, ...segments])
          const inherited = this.aliasSkips.get(chain.root.text)
          if (inherited !== undefined) this.aliasSkips.set(name, inherited)
          return
        }
      }
      if (this.testApi(name) !== undefined || name === 'expect') this.shadowed.add(name)
    } else {
      for (const name of bindingNames(ts, node.name)) if (this.testApi(name) !== undefined || name === 'expect') this.shadowed.add(name)
    }
  }

  private visitCall(node: TS.CallExpression): void {
    const { ts } = this
    const callee = node.expression
    // import('x'), require('x')
    if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
      const specifier = stringValue(ts, node.arguments[0])
      if (specifier !== undefined && !this.recorded.has(node))
        this.imports.push({ specifier, names: [], typeOnly: false, kind: callee.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic' : 'require', node })
      return
    }
    // path.join(dir, 'fixtures', 'pm') names `fixtures/pm`: a path candidate like a whole literal.
    const joined = joinedPath(ts, node)
    if (joined !== undefined) this.pathLiterals.push(joined)
    if (ts.isIdentifier(callee)) {
      const name = callee.text
      if (this.expectNames.has(name)) {
        // A bare `expect(x)` checks nothing, unless `assertion-functions` says the project's `expect` does.
        if (!this.pushExpect(node, 'expect') && this.isAssertionCall?.(name) === true) this.pushPlain(node, 'helper')
        return
      }
      if (name === 'should') {
        // should.js's function form, `should(x).eql(y)`, reads as `x.should.eql(y)` does; `should(x)` alone checks nothing.
        const { matcher, expected, outer } = this.climbMatcher(node)
        const actual = node.arguments[0]
        if (!checksNothing(ts, matcher, outer) && actual !== undefined) {
          this.assertions.push({ style: 'should', node, pos: node.pos, end: node.end, actual, matcher, expected, outer })
          return
        }
        // Not should.js's `assert` either (its module binds `should` as an assertion name): a same-file
        // function named `should` is followed as any helper, and `assertion-functions` may name it.
        if (this.isAssertionCall?.(name) === true) return this.pushPlain(node, 'helper')
        this.identCalls.push({ name, pos: node.pos })
        return
      }
      if (this.assertNames.has(name) || this.assertFunctions.has(name)) return this.pushAssert(node, this.assertFunctions.has(name) ? [name] : ['ok'])
      if (HELPER_ASSERTION.test(name)) return this.pushPlain(node, 'helper')
      if (TESTING_LIBRARY_QUERY.test(name)) return this.pushPlain(node, 'query')
      if (this.isAssertionCall?.(name) === true) return this.pushPlain(node, 'helper')
      if (name === 'beforeEach' || name === 'afterEach') this.hookCalls.push(node)
      if (this.testApi(name) !== undefined) this.candidates.push({ node, chain: { root: callee, segments: [], callArgs: new Map() } })
      this.identCalls.push({ name, pos: node.pos })
      return
    }
    if (!ts.isPropertyAccessExpression(callee)) {
      if (ts.isCallExpression(callee) || ts.isTaggedTemplateExpression(callee)) {
        const chain = chainOf(ts, callee)
        if (chain !== undefined && this.testApi(chain.root.text) !== undefined) this.candidates.push({ node, chain })
      } else if (ts.isParenthesizedExpression(callee)) {
        this.visitInlineConditional(node, unwrap(ts, callee))
      }
      return
    }
    const chain = chainOf(ts, callee)
    if (this.isAssertionCall !== undefined) {
      const path = chain !== undefined ? [chain.root.text, ...chain.segments].join('.') : callPath(ts, callee)
      if (path !== undefined && this.isAssertionCall(path)) return this.pushPlain(node, 'helper')
    }
    // `request(app).get('/').expect(200)` (supertest, superagent, chai-http): an assertion on the
    // response. `chai.expect(x)` (no call before it) is an ordinary expect.
    if (callee.name.text === 'expect' && (chain === undefined || chain.callArgs.size > 0) && !(chain !== undefined && this.expectNames.has(chain.root.text)))
      return this.pushHttp(node, callee)
    if (chain === undefined) {
      const method = callee.name.text
      if (MOCK_RETURN_METHODS.has(method)) this.mockCalls.push(node)
      else if (TESTING_LIBRARY_QUERY.test(method)) this.pushPlain(node, 'query')
      return
    }
    const root = chain.root.text
    const segments = chain.segments
    const last = segments[segments.length - 1]!
    if (this.expectNames.has(root)) {
      if (segments.length === 1 && (last === 'assertions' || last === 'hasAssertions')) return this.pushPlain(node, 'count')
      if (segments.length === 1 && (last === 'soft' || last === 'poll')) {
        this.pushExpect(node, 'expect')
        return
      }
      if (segments.length === 1 && !EXPECT_NON_ASSERTIONS.has(last) && chain.callArgs.size === 0) return this.pushAssert(node, segments)
      return
    }
    if (last === 'expect' && chain.callArgs.size === 0) {
      // `chai.expect(x)` alone checks nothing; another object's `.expect(…)` with no matcher after it may
      // be a request held in a variable (`var test = request(app).get('/')` … `test.expect(413, done)`): it still counts.
      this.pushExpect(node, 'expect', !this.chaiNames.has(root))
      return
    }
    if (this.assertNames.has(root) || segments.includes('assert')) {
      // assert.equal → ['equal']; t.assert.equal and sinon.assert.calledWith → what follows `assert`.
      if (chain.callArgs.size === 0) return this.pushAssert(node, this.assertNames.has(root) ? segments : segments.slice(segments.indexOf('assert') + 1))
      return
    }
    if (root === 'should' && segments.length === 1) return this.pushAssert(node, segments)
    if (MOCK_RETURN_METHODS.has(last)) this.mockCalls.push(node)
    if (MOCK_APIS.has(last) || ACTUAL_APIS.has(last) || last === 'importMock' || last === 'fn' || last === 'spyOn') this.visitMockApi(node, root, segments)
    // node:test's `mock.method(object, 'key', implementation)` / `t.mock.method(…)`: a spy that replaces.
    if (last === 'method' && node.arguments.length >= 3 && (root === 'mock' || segments.at(-2) === 'mock')) this.mockCalls.push(node)
    if (HELPER_ASSERTION.test(last)) return this.pushPlain(node, 'helper')
    if (TESTING_LIBRARY_QUERY.test(last)) return this.pushPlain(node, 'query')
    if (this.testApi(root) !== undefined) this.candidates.push({ node, chain })
  }

  /** `(c ? it.skip : it)('x', fn)`: the conditional an alias would hold, written inline; judged as that alias is. */
  private visitInlineConditional(node: TS.CallExpression, callee: TS.Expression): void {
    const { ts, sf } = this
    if (!ts.isConditionalExpression(callee)) return
    const carried = skipAliasOf(ts, sf, callee, this.testApi, this.aliasSkips)
    const root = carried === undefined ? undefined : (chainOf(ts, unwrap(ts, callee.whenFalse)) ?? chainOf(ts, unwrap(ts, callee.whenTrue)))?.root
    if (carried === undefined || root === undefined) return
    const skip = carried.skip === undefined ? undefined : { ...carried.skip, written: `(${carried.skip.written})` }
    this.candidates.push({ node, chain: { root, segments: [], callArgs: new Map() }, api: carried.chain, ...(skip === undefined ? {} : { skip }) })
  }

  private visitMockApi(node: TS.CallExpression, root: string, segments: string[]): void {
    const { ts } = this
    const owner = [root, ...segments.slice(0, -1)].join('.')
    const last = segments[segments.length - 1]!
    if (last === 'fn' || last === 'spyOn') {
      if (root === 'vi' || root === 'jest' || owner.endsWith('mock')) this.mockCalls.push(node)
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
      if (root === 'vi' || root === 'jest') this.imports.push({ specifier, names: [], typeOnly: false, kind: 'actual', node })
      return
    }
    if (!MOCK_OWNERS.has(owner) && !(last === 'module' && owner.endsWith('mock'))) return
    if (last === 'module' && !owner.endsWith('mock')) return
    const factory = node.arguments[1]
    const { partial, replacedKeys } =
      factory !== undefined && isFunctionLiteral(ts, factory) ? this.factoryShape(factory) : { partial: false, replacedKeys: new Set<string>() }
    this.mocks.push({ specifier, api: `${owner}.${last}`, node, partial, replacedKeys })
  }

  /** Whether a mock factory spreads the real module, and which keys it replaces. */
  private factoryShape(factory: TS.ArrowFunction | TS.FunctionExpression): { partial: boolean; replacedKeys: Set<string> } {
    const { ts, sf } = this
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
  private climbMatcher(start: TS.Node): { matcher: string[]; expected: readonly TS.Expression[]; outer: TS.Node } {
    const { ts } = this
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

  /** Records `expect(x)…` as an assertion unless it checks nothing (see checksNothing) and `keepBare` is false; returns whether it did. */
  private pushExpect(node: TS.CallExpression, style: 'expect', keepBare = false): boolean {
    const { matcher, expected, outer } = this.climbMatcher(node)
    if (!keepBare && checksNothing(this.ts, matcher, outer)) return false
    this.assertions.push({ style, node, pos: node.pos, end: node.end, actual: node.arguments[0], matcher, expected, outer })
    return true
  }
  private pushAssert(node: TS.CallExpression, matcher: string[]): void {
    const [actual, ...expected] = node.arguments
    this.assertions.push({ style: 'assert', node, pos: node.pos, end: node.end, ...(actual === undefined ? {} : { actual }), matcher, expected, outer: node })
  }
  private pushHttp(node: TS.CallExpression, callee: TS.PropertyAccessExpression): void {
    const { ts } = this
    // The request is what the chain's `.expect` calls check; earlier `.expect`s are not part of it.
    let request: TS.Expression = callee.expression
    while (ts.isCallExpression(request) && ts.isPropertyAccessExpression(request.expression) && request.expression.name.text === 'expect')
      request = request.expression.expression
    const args = node.arguments
    const first = args[0] === undefined ? undefined : unwrap(ts, args[0])
    const second = args[1] === undefined ? undefined : unwrap(ts, args[1])
    const callbackLike = (e: TS.Expression | undefined): boolean =>
      e !== undefined && (isFunctionLiteral(ts, e) || (ts.isIdentifier(e) && /^(done|cb|callback|next|end|fn)$/.test(e.text)))
    // The trailing callback (`.expect(200, done)`) ends the request; it is not an expected value.
    const values = args.length > 1 && callbackLike(unwrap(ts, args[args.length - 1]!)) ? args.slice(0, -1) : args
    let matcher: string[]
    let expected: readonly TS.Expression[] = values
    if (first === undefined || callbackLike(first)) {
      matcher = ['expect', 'callback']
      expected = args
    } else if (ts.isNumericLiteral(first)) matcher = ['expect', 'status']
    else if (ts.isStringLiteralLike(first) && second !== undefined && !callbackLike(second)) {
      matcher = ['expect', 'header', first.text.toLowerCase()]
      expected = values.slice(1)
    } else matcher = ['expect', 'body']
    this.assertions.push({ style: 'http', node, pos: node.pos, end: node.end, actual: request, matcher, expected, outer: node })
  }
  private pushPlain(node: TS.CallExpression, style: 'count' | 'helper' | 'query'): void {
    this.assertions.push({ style, node, pos: node.pos, end: node.end, matcher: [], expected: [], outer: node })
  }

  private readonly visit = (node: TS.Node): void => {
    const { ts } = this
    // Set before the facts are read: the matcher climb walks up from an expect() call.
    ;(node as { parent: TS.Node }).parent = this.walkParent
    switch (node.kind) {
      case this.kinds.CallExpression:
        this.visitCall(node as TS.CallExpression)
        break
      case this.kinds.ImportDeclaration:
        this.visitImport(node as TS.ImportDeclaration)
        break
      case this.kinds.ExportDeclaration: {
        const specifier = stringValue(ts, (node as TS.ExportDeclaration).moduleSpecifier)
        if (specifier !== undefined) this.imports.push({ specifier, names: [], typeOnly: (node as TS.ExportDeclaration).isTypeOnly, kind: 'export-from', node })
        break
      }
      case this.kinds.VariableDeclaration:
        this.visitVariable(node as TS.VariableDeclaration)
        break
      case this.kinds.FunctionDeclaration: {
        const fn = node as TS.FunctionDeclaration
        if (fn.name !== undefined) {
          this.functions.push({ name: fn.name.text, pos: fn.pos, end: fn.end })
          if (this.testApi(fn.name.text) !== undefined) this.shadowed.add(fn.name.text)
        }
        break
      }
      case this.kinds.Parameter: {
        for (const name of bindingNames(ts, (node as TS.ParameterDeclaration).name))
          if (this.testApi(name) !== undefined || name === 'expect') this.shadowed.add(name)
        break
      }
      case this.kinds.PropertyAccessExpression: {
        const access = node as TS.PropertyAccessExpression
        if (access.name.text === 'should' && !(ts.isIdentifier(access.expression) && access.expression.text === 'should')) {
          const { matcher, expected, outer } = this.climbMatcher(access)
          if (!checksNothing(ts, matcher, outer))
            this.assertions.push({ style: 'should', node: access, pos: access.pos, end: access.end, actual: access.expression, matcher, expected, outer })
        }
        break
      }
      case this.kinds.StringLiteral:
      case this.kinds.NoSubstitutionTemplateLiteral: {
        // Candidates for a path or a package name: `../bin/cli.js`, `api.mdx`, `zod`.
        const value = (node as TS.StringLiteral).text
        if (value.length > 1 && value.length < 300 && !/[\s:*?"<>|]/.test(value)) this.pathLiterals.push(value)
        return // a leaf
      }
      case this.kinds.SatisfiesExpression:
        // `x satisfies T` is checked by the compiler: a type-level assertion, like @ts-expect-error.
        this.assertions.push({ style: 'type', node, pos: node.pos, end: node.end, matcher: [], expected: [] })
        break
    }
    const saved = this.walkParent
    this.walkParent = node
    ts.forEachChild(node, this.visit)
    this.walkParent = saved
  }
}
