// The test-integrity rules: pure functions from one analysed test file (analyse.ts) to findings,
// for the `mock-integrity` gate (blocking) and the `semantic-tests` gate (advisory).
import type * as TS from 'typescript'
import type { Severity } from '../findings/types.js'
import { countInRange, lowerBound, unwrap, type AnalysedFile, type AssertionFact, type TestFact } from './analyse.js'
import type { ClassifiedImport } from './resolve.js'
import type { TypeScript } from './typescript.js'

/** A rule's entry in a gate's `meta.rules`: the description reports and docs/gates.md show, and the severity it reports at by default. */
export interface RuleMeta {
  description: string
  defaultSeverity: Severity
}

/** The mock-integrity gate's rules and default severities (the rule table of docs/gates.md lists the same ids). */
export const MOCK_INTEGRITY_RULES = {
  'tautological-assertion': {
    description: 'An assertion compares a literal, an expression, an alias of it or the same call with itself, so it passes whatever the code does',
    defaultSeverity: 'high',
  },
  'no-assertions': {
    description: 'A test (following helpers and hooks in the same file) makes no assertion and runs no repository code',
    defaultSeverity: 'high',
  },
  'implicit-assertion': {
    description: 'A test runs repository code but asserts nothing explicitly: it passes unless that code throws',
    defaultSeverity: 'medium',
  },
  'unreachable-assertion': { description: 'An assertion follows a return or throw in the test: it never runs', defaultSeverity: 'high' },
  'mocked-unit-under-test': {
    description: 'The test mocks the very module it imports and asserts on (a module mock, or a spy replacing one of its exports)',
    defaultSeverity: 'critical',
  },
  'no-source-under-test': {
    description: 'The file declares tests but uses nothing of the repository (no source import, package name, bin or source path)',
    defaultSeverity: 'high',
  },
  'internal-mock-ratio': { description: 'Most repository-internal modules the test file uses are mocked', defaultSeverity: 'medium' },
  'conditional-assertion': {
    description: 'An assertion may never run: under if, a ternary, &&/||, in a catch, or in a callback nobody awaits',
    defaultSeverity: 'medium',
  },
  'focused-test': { description: '.only, fit or fdescribe: the rest of the suite does not run', defaultSeverity: 'high' },
  'skipped-test': { description: '.skip, .todo, xit, xdescribe, skipIf(true) or a pending test', defaultSeverity: 'medium' },
  'harness-suppression': {
    description: 'A setup file or runner config hides failures (console.error silenced, unhandled errors ignored, silent: true, onConsoleLog returning false)',
    defaultSeverity: 'high',
  },
  'parse-error': { description: 'The test file does not parse; it was not analysed', defaultSeverity: 'info' },
} as const satisfies Record<string, RuleMeta>

/** The semantic-tests gate's rules and default severities; the gate is advisory, so they warn rather than block by default. */
export const SEMANTIC_TESTS_RULES = {
  'literal-echo': {
    description: 'The asserted value is a literal bound to a name and compared with the same literal: no code under test produced it',
    defaultSeverity: 'high',
  },
  'mock-return-echo': { description: "A mock's configured return value is asserted straight back from the mock", defaultSeverity: 'medium' },
} as const satisfies Record<string, RuleMeta>

/** A key of {@link MOCK_INTEGRITY_RULES}. */
export type MockIntegrityRuleId = keyof typeof MOCK_INTEGRITY_RULES
/** A key of {@link SEMANTIC_TESTS_RULES}. */
export type SemanticRuleId = keyof typeof SEMANTIC_TESTS_RULES

/** A finding of one rule in one file; lines and columns 1-based. */
export interface RuleFinding {
  ruleId: MockIntegrityRuleId | SemanticRuleId
  severity: Severity
  message: string
  startLine: number
  startColumn: number
  endLine: number
  endColumn: number
  help?: string
  /** More lines the finding is about, for the diff filter (see FindingInput.filterLines). */
  filterLines?: readonly number[]
}

/** What the rules need to know about the repository around the file. */
export interface RuleEnvironment {
  classify(fromFile: string, specifier: string): ClassifiedImport
  /** True when a path string written in `fromFile` names a file or directory of the repository that is not a test file. */
  isRepositoryPath(fromFile: string, value: string): boolean
  /** internal-mock-ratio: report when mocked/internal > maxRatio and at least minMocks modules are mocked. */
  internalMockRatio: { maxRatio: number; minMocks: number }
}

// ---------------------------------------------------------------------------------------------
// shared helpers

function at(file: AnalysedFile, node: TS.Node): Pick<RuleFinding, 'startLine' | 'startColumn' | 'endLine' | 'endColumn'> {
  const start = file.position(node.getStart(file.sf))
  const end = file.position(node.getEnd())
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column }
}

function snippet(file: AnalysedFile, node: TS.Node, max = 80): string {
  const text = node.getText(file.sf).replace(/\s+/g, ' ')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * A canonical key for a literal value, or undefined when `expression` is not a literal: strings in
 * any quote style, numbers (so `1` and `1.0` agree), bigints, booleans, null, undefined, regexes,
 * and arrays and objects made only of literals (object keys sorted, as toEqual ignores order).
 */
export function literalKey(ts: TypeScript, expression: TS.Expression): string | undefined {
  const e = unwrap(ts, expression)
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return `s:${JSON.stringify(e.text)}`
  if (ts.isNumericLiteral(e)) return `n:${Number(e.text.replace(/_/g, ''))}`
  if (ts.isBigIntLiteral(e)) return `b:${e.text}`
  if (ts.isRegularExpressionLiteral(e)) return `r:${e.text}`
  if (e.kind === ts.SyntaxKind.TrueKeyword) return 'k:true'
  if (e.kind === ts.SyntaxKind.FalseKeyword) return 'k:false'
  if (e.kind === ts.SyntaxKind.NullKeyword) return 'k:null'
  if (ts.isIdentifier(e) && e.text === 'undefined') return 'k:undefined'
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return `n:${-Number(e.operand.text)}`
  if (ts.isArrayLiteralExpression(e)) {
    const parts: string[] = []
    for (const element of e.elements) {
      const key = literalKey(ts, element)
      if (key === undefined) return undefined
      parts.push(key)
    }
    return `a:[${parts.join(',')}]`
  }
  if (ts.isObjectLiteralExpression(e)) {
    const parts: string[] = []
    for (const property of e.properties) {
      if (!ts.isPropertyAssignment(property)) return undefined
      const name = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) || ts.isNumericLiteral(property.name) ? property.name.text : undefined
      const value = literalKey(ts, property.initializer)
      if (name === undefined || value === undefined) return undefined
      parts.push(`${JSON.stringify(name)}:${value}`)
    }
    return `o:{${parts.sort().join(',')}}`
  }
  return undefined
}

/** What a literal key says about truthiness, for unary matchers. */
function truthiness(key: string): boolean {
  return !(key === 'k:false' || key === 'k:null' || key === 'k:undefined' || key === 's:""' || key === 'n:0' || key === 'n:NaN' || key === 'b:0n')
}

/** Identifiers, `this`, member accesses and element accesses by literal: expressions that read, never run code. */
function isPureReference(ts: TypeScript, expression: TS.Expression): boolean {
  const e = unwrap(ts, expression)
  if (ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword) return e.getText() !== 'undefined'
  if (ts.isPropertyAccessExpression(e)) return isPureReference(ts, e.expression)
  if (ts.isElementAccessExpression(e))
    return isPureReference(ts, e.expression) && (literalKey(ts, e.argumentExpression) !== undefined || isPureReference(ts, e.argumentExpression))
  return false
}

const EQUALITY_MATCHERS = new Set([
  'toBe',
  'toEqual',
  'toStrictEqual',
  'toMatchObject',
  'equal',
  'equals',
  'eq',
  'eql',
  'strictEqual',
  'deepEqual',
  'deepStrictEqual',
  'same',
  'is',
  'looseEqual',
])
/** Unary matchers and the literal keys they accept; null means any defined value. */
const UNARY_MATCHERS: Record<string, (key: string) => boolean> = {
  toBeTruthy: truthiness,
  toBeFalsy: (k) => !truthiness(k),
  toBeDefined: (k) => k !== 'k:undefined',
  toBeUndefined: (k) => k === 'k:undefined',
  toBeNull: (k) => k === 'k:null',
  toBeTrue: (k) => k === 'k:true',
  toBeFalse: (k) => k === 'k:false',
  ok: truthiness,
  isOk: truthiness,
  isTrue: (k) => k === 'k:true',
  isFalse: (k) => k === 'k:false',
  isNull: (k) => k === 'k:null',
  isDefined: (k) => k !== 'k:undefined',
  true: (k) => k === 'k:true',
  false: (k) => k === 'k:false',
  null: (k) => k === 'k:null',
  undefined: (k) => k === 'k:undefined',
  exist: (k) => k !== 'k:undefined' && k !== 'k:null',
}

function isNegated(assertion: AssertionFact): boolean {
  return assertion.matcher.includes('not') || assertion.matcher.some((m) => m.startsWith('not') && m.length > 3 && m[3] === m[3]!.toUpperCase())
}

/** The matcher deciding the assertion: the last name of the path (`['to', 'deep', 'equal']` → `equal`). */
function finalMatcher(assertion: AssertionFact): string | undefined {
  return assertion.matcher[assertion.matcher.length - 1]
}

/**
 * Compares an assertion's actual and expected values through `evaluate` (a literal key, or a key
 * of what a binding holds); returns a description when the assertion cannot fail.
 */
function constantAssertion(file: AnalysedFile, assertion: AssertionFact, evaluate: (e: TS.Expression) => string | undefined): string | undefined {
  if (assertion.actual === undefined || isNegated(assertion)) return undefined
  if (assertion.style !== 'expect' && assertion.style !== 'assert' && assertion.style !== 'should') return undefined
  const matcher = finalMatcher(assertion)
  if (matcher === undefined) return undefined
  const actual = evaluate(assertion.actual)
  if (EQUALITY_MATCHERS.has(matcher) && assertion.expected.length >= 1) {
    const expected = evaluate(assertion.expected[0]!)
    if (actual !== undefined && actual === expected)
      return actual.startsWith('c:') ? 'the same call on both sides (it only checks that the code returns equal values twice)' : 'the same value on both sides'
    return undefined
  }
  const unary = UNARY_MATCHERS[matcher]
  // Only a literal decides a unary matcher; a reference (`x:`) or a call (`c:`) may hold anything.
  if (unary !== undefined && actual !== undefined && !/^[xctn]:/.test(actual) && assertion.expected.length === 0 && unary(actual))
    return `a constant that always satisfies ${matcher}`
  return undefined
}

/**
 * The key tautological-assertion compares: a literal's, a side-effect-free reference's with
 * `const` aliases followed (`const b = a` → `a`), or a call's whose arguments are all literals or
 * references (`fee(3)`: the same call on both sides only checks determinism). Calls without
 * arguments are left out: `expect(instance()).toBe(instance())` checks a singleton.
 */
function sameValueKey(file: AnalysedFile, expression: TS.Expression): string | undefined {
  const { ts } = file
  const literal = literalKey(ts, expression)
  if (literal !== undefined) return literal
  const e = unwrap(ts, expression)
  if (isPureReference(ts, e)) return `x:${normalisedText(file, aliasTarget(file, e))}`
  // `typeof x` and `!x` of a side-effect-free reference are as pure as the reference.
  const operand = ts.isTypeOfExpression(e)
    ? e.expression
    : ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken
      ? e.operand
      : undefined
  if (operand !== undefined && isPureReference(ts, unwrap(ts, operand)))
    return `${ts.isTypeOfExpression(e) ? 't' : 'n'}:${normalisedText(file, aliasTarget(file, unwrap(ts, operand)))}`
  if (ts.isCallExpression(e) && e.arguments.length > 0 && isPureReference(ts, e.expression)) {
    const simple = e.arguments.every((a) => literalKey(ts, a) !== undefined || isPureReference(ts, a))
    if (simple) return `c:${normalisedText(file, e)}`
  }
  return undefined
}

/** What an identifier aliases through `const b = a` (or a `let` never reassigned), when both sides keep their values; else the expression itself. */
function aliasTarget(file: AnalysedFile, expression: TS.Expression, depth = 0): TS.Expression {
  const { ts } = file
  if (!ts.isIdentifier(expression) || depth > 8) return expression
  const found = declarationOf(ts, expression)
  const init = found?.declaration.initializer === undefined ? undefined : unwrap(ts, found.declaration.initializer)
  if (found === undefined || init === undefined || !ts.isIdentifier(init) || init.text === 'undefined') return expression
  if (!found.constant && reassigned(ts, found.scope, expression.text, file.sf)) return expression
  const target = declarationOf(ts, init)
  if (target !== undefined && !target.constant && reassigned(ts, target.scope, init.text, file.sf)) return expression
  return aliasTarget(file, init, depth + 1)
}

/** Innermost test whose callback contains `pos`. */
function enclosingTest(tests: readonly TestFact[], pos: number): TestFact | undefined {
  let best: TestFact | undefined
  for (const test of tests) {
    const cb = test.callback
    if (test.kind !== 'test' || cb === undefined || pos < cb.pos || pos >= cb.end) continue
    if (best === undefined || cb.pos > best.callback!.pos) best = test
  }
  return best
}

// ---------------------------------------------------------------------------------------------
// helpers that assert: functions of the file whose bodies assert, directly or through others

/** The identifier calls (sorted by position) in [pos, end). */
function callsIn(file: AnalysedFile, pos: number, end: number): ReadonlyArray<{ name: string; pos: number }> {
  const calls = file.identCalls
  return calls.slice(lowerBound(calls, pos), lowerBound(calls, end))
}

/** Names of the file's functions that assert, directly or through other functions of the file. */
export function assertingFunctions(file: AnalysedFile): Set<string> {
  const asserting = new Set<string>()
  const calls = new Map<string, string[]>()
  for (const fn of file.functions) {
    if (countInRange(file.assertions, fn.pos, fn.end) > 0) asserting.add(fn.name)
    const called = callsIn(file, fn.pos, fn.end).map((c) => c.name)
    calls.set(fn.name, [...(calls.get(fn.name) ?? []), ...called])
  }
  for (let changed = true; changed;) {
    changed = false
    for (const [name, called] of calls) {
      if (!asserting.has(name) && called.some((c) => asserting.has(c))) {
        asserting.add(name)
        changed = true
      }
    }
  }
  return asserting
}

/** True when the source range [pos, end) holds an assertion, or calls one of the `asserting` functions (from {@link assertingFunctions}). */
export function rangeAsserts(file: AnalysedFile, asserting: ReadonlySet<string>, pos: number, end: number): boolean {
  if (countInRange(file.assertions, pos, end) > 0) return true
  if (asserting.size === 0) return false
  return callsIn(file, pos, end).some((c) => asserting.has(c.name))
}

/**
 * A compile-time test: a body made only of declarations (functions never called, types,
 * interfaces, variables with a type annotation and no call), as date-fns writes its "accepts
 * dates of different types" tests and zod its assignability checks. Its assertion is the type
 * checker; nothing runs.
 */
export function isTypeLevelTest(file: AnalysedFile, test: TestFact): boolean {
  const { ts } = file
  const body = test.callback?.body
  if (body === undefined || !ts.isBlock(body) || body.statements.length === 0) return false
  let typed = false
  const declarationOnly = (s: TS.Statement): boolean => {
    if (ts.isFunctionDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s))
      return (typed = true)
    // zod's `const _a: z.core.$ZodCheck = {} as any as z.core.$ZodChecks` and `let _t!: T; _t;`:
    // the compiler checks the assignment; nothing is called.
    if (ts.isVariableStatement(s)) {
      return s.declarationList.declarations.every((d) => {
        if (d.type === undefined || (d.initializer !== undefined && callsAnything(ts, d.initializer))) return false
        return (typed = true)
      })
    }
    return ts.isExpressionStatement(s) && ts.isIdentifier(s.expression)
  }
  return body.statements.every(declarationOnly) && typed
}

function callsAnything(ts: TypeScript, node: TS.Node): boolean {
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) return true
  return ts.forEachChild(node, (child) => (callsAnything(ts, child) ? true : undefined)) === true
}

function testAsserts(file: AnalysedFile, asserting: ReadonlySet<string>, test: TestFact): boolean {
  const cb = test.callback
  if (cb !== undefined && rangeAsserts(file, asserting, cb.pos, cb.end)) return true
  if (cb !== undefined && passesDone(file.ts, cb)) return true
  if (isTypeLevelTest(file, test)) return true
  if (test.callbackName !== undefined) {
    // A function imported from elsewhere cannot be followed: give it the benefit of the doubt.
    if (asserting.has(test.callbackName) || !file.functions.some((f) => f.name === test.callbackName)) return true
  }
  const pos = test.node.pos
  return file.hooks.some((h) => pos >= h.scopePos && pos < h.scopeEnd && rangeAsserts(file, asserting, h.pos, h.end))
}

const DONE_NAMES = /^(done|cb|callback|next|end|finish|finished)$/i

/**
 * True when a callback-style test hands its `done` to the code (`server.close(done)`,
 * `.end(done)`, `{ end: done }`) or calls it with a value (`done(err)`): the runner fails the test when the code
 * reports an error, which is an assertion. Calling `done()` with nothing proves nothing.
 */
export function passesDone(ts: TypeScript, callback: TS.ArrowFunction | TS.FunctionExpression): boolean {
  const first = callback.parameters[0]
  if (first === undefined || !ts.isIdentifier(first.name) || !DONE_NAMES.test(first.name.text)) return false
  const name = first.name.text
  const visit = (node: TS.Node): boolean => {
    if (ts.isIdentifier(node) && node.text === name) {
      // `done()` alone is the only use that cannot report a failure; `done(err)`, `.end(done)`,
      // `{ end: done }` and `cb = done` all hand it to code that may.
      const call = node.parent
      return !(ts.isCallExpression(call) && call.expression === node && call.arguments.length === 0)
    }
    return ts.forEachChild(node, (child) => (visit(child) ? true : undefined)) === true
  }
  return visit(callback.body)
}

/**
 * True when the file tests the test framework itself: its `expect`/`test` come from the
 * repository's own package (vitest's, jest's or chai's repository). There `expect(1).toBe(1)`
 * and `.only` are the code under test, so the rules about using the framework step aside.
 */
export function testsTheFramework(file: AnalysedFile, env: RuleEnvironment): boolean {
  for (const specifier of file.apiModules) if (env.classify(file.path, specifier).kind === 'source') return true
  return false
}

/**
 * A test written inside a function stored in an object literal — vitest's `runInlineTests({
 * 'basic.test.ts': () => { test(…) } })` — is fixture code serialised into another file, not a
 * test of this one.
 */
function isInlineFixture(ts: TypeScript, test: TestFact): boolean {
  for (let current: TS.Node | undefined = test.node.parent; current !== undefined; current = current.parent) {
    if (ts.isArrowFunction(current) || ts.isFunctionExpression(current)) {
      const parent: TS.Node = current.parent
      if (ts.isPropertyAssignment(parent) && parent.initializer === current) return true
    } else if (ts.isMethodDeclaration(current) && ts.isObjectLiteralExpression(current.parent)) {
      return true
    }
  }
  return false
}

function insideSkippedSuite(file: AnalysedFile, test: TestFact): boolean {
  const pos = test.node.pos
  return file.tests.some((s) => s.kind === 'suite' && s.skipped !== undefined && s.callback !== undefined && pos >= s.callback.pos && pos < s.callback.end)
}

// ---------------------------------------------------------------------------------------------
// mock-integrity

function importKey(file: AnalysedFile, specifier: string, classified: ClassifiedImport): string {
  if (classified.resolved !== undefined) return classified.resolved.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '')
  if (!specifier.startsWith('.')) return specifier
  const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : ''
  const parts = dir === '' ? [] : dir.split('/')
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts
    .join('/')
    .replace(/\.[cm]?[jt]sx?$/, '')
    .replace(/\/index$/, '')
}

/** `src/sum.test.ts`, `src/__tests__/sum.spec.ts` and `src/sum/test.ts` → `sum`. */
export function testStem(path: string): string {
  const parts = path.split('/')
  const base = parts[parts.length - 1]!.replace(/\.[cm]?[jt]sx?$/, '')
  if (base === 'test' || base === 'spec' || base === 'index') return (parts[parts.length - 2] ?? base).toLowerCase()
  return base.replace(/[.-](test|spec|unit|e2e|int|integration)$/i, '').toLowerCase()
}

function moduleStem(key: string): string {
  const parts = key.split('/')
  return parts[parts.length - 1]!.toLowerCase()
}

interface ModuleUse {
  key: string
  names: Set<string>
  line: TS.Node
}

/** Runs the mock-integrity rules on one analysed test file. */
export function mockIntegrity(file: AnalysedFile, env: RuleEnvironment): RuleFinding[] {
  const { ts } = file
  const findings: RuleFinding[] = []
  const report = (ruleId: MockIntegrityRuleId, node: TS.Node, message: string, help?: string, filterLines?: number[]): void => {
    findings.push({
      ruleId,
      severity: MOCK_INTEGRITY_RULES[ruleId].defaultSeverity,
      message,
      ...at(file, node),
      ...(help === undefined ? {} : { help }),
      ...(filterLines === undefined ? {} : { filterLines }),
    })
  }
  if (file.parseErrors.length > 0) {
    const first = file.parseErrors[0]!
    const pos = file.position(first.start)
    const text = typeof first.messageText === 'string' ? first.messageText : first.messageText.messageText
    findings.push({
      ruleId: 'parse-error',
      severity: 'info',
      message: `Not analysed: ${text}`,
      startLine: pos.line,
      startColumn: pos.column,
      endLine: pos.line,
      endColumn: pos.column,
    })
    return findings
  }
  const tests = file.tests.filter((t) => t.kind === 'test' && !isInlineFixture(ts, t))
  const frameworkUnderTest = testsTheFramework(file, env)

  // focused-test, skipped-test
  for (const test of frameworkUnderTest ? [] : file.tests) {
    const what = test.kind === 'suite' ? 'suite' : 'test'
    if (test.focused)
      report(
        'focused-test',
        test.node.expression,
        `Focused ${what} '${test.title}' (${test.chain.join('.')}): every other test in the file is skipped`,
        'remove .only / fit / fdescribe before merging',
      )
    else if (test.skipped !== undefined)
      report(
        'skipped-test',
        test.node.expression,
        `Skipped ${what} '${test.title}' (${test.skipped})`,
        'run it, delete it, or waive it with the reason it cannot run yet',
      )
  }

  // tautological-assertion
  for (const assertion of frameworkUnderTest ? [] : file.assertions) {
    const why = constantAssertion(file, assertion, (e) => sameValueKey(file, e))
    if (why !== undefined)
      report(
        'tautological-assertion',
        assertion.outer ?? assertion.node!,
        `\`${snippet(file, assertion.outer ?? assertion.node!)}\` compares ${why}: it passes whatever the code does`,
        'assert on a value the code under test produced',
      )
  }

  // no-assertions. A vitest type test (`*.test-d.ts`) passes by compiling; a framework's own
  // tests run empty tests to check the runner.
  const asserting = assertingFunctions(file)
  const typeTestFile = /\.(test|spec)-d\.[cm]?[jt]sx?$/.test(file.path)
  let reaching: RepositoryReach | undefined
  for (const test of typeTestFile || frameworkUnderTest ? [] : tests) {
    if (test.skipped !== undefined || insideSkippedSuite(file, test)) continue
    if (testAsserts(file, asserting, test)) continue
    reaching ??= repositoryReach(file, env)
    if (test.callback !== undefined && reaching.runs(test.callback)) {
      report(
        'implicit-assertion',
        test.node.expression,
        `Test '${test.title}' runs repository code but asserts nothing explicitly: it passes unless that code throws`,
        'assert what the code returns or does; if not throwing is the point, say so: expect(() => …).not.toThrow()',
      )
    } else {
      report(
        'no-assertions',
        test.node.expression,
        `Test '${test.title}' makes no assertion and runs no repository code: it passes unless it throws`,
        'assert on what the code under test returns or does (expect, assert, snapshot)',
      )
    }
  }

  // unreachable-assertion
  for (const assertion of frameworkUnderTest ? [] : file.assertions) {
    if (assertion.node === undefined || assertion.style === 'type' || assertion.style === 'count') continue
    const test = enclosingTest(file.tests, assertion.pos)
    if (test === undefined) continue
    const exit = exitBefore(ts, assertion.outer ?? assertion.node, test.callback!)
    // Reported at the assertion, but a range that only adds the `return` above it caused it too.
    const exitLine = exit === undefined ? 0 : file.position(exit.getStart(file.sf)).line
    if (exit !== undefined)
      report(
        'unreachable-assertion',
        assertion.outer ?? assertion.node,
        `\`${snippet(file, assertion.outer ?? assertion.node)}\` never runs: it follows \`${snippet(file, exit, 40)}\` at line ${exitLine}`,
        'move the assertion before the return, or delete the dead code',
        [exitLine],
      )
  }

  // conditional-assertion (expect.assertions / hasAssertions guard a whole test). Type-level
  // assertions are checked by the compiler on every branch, so type tests are left out.
  const counted = file.assertions.filter((a) => a.style === 'count')
  for (const assertion of frameworkUnderTest || typeTestFile ? [] : file.assertions) {
    if (assertion.node === undefined || assertion.style === 'count' || assertion.style === 'type') continue
    if (assertion.style === 'helper' && /^(expectTypeOf|assertType|expectType)\b/.test(assertion.node.getText(file.sf))) continue
    const test = enclosingTest(file.tests, assertion.pos)
    if (test === undefined) continue
    const why = conditionOf(file, asserting, assertion, test, counted)
    if (why !== undefined)
      report(
        'conditional-assertion',
        assertion.outer ?? assertion.node,
        `\`${snippet(file, assertion.outer ?? assertion.node)}\` may never run: ${why}`,
        'make the assertion unconditional, or add expect.assertions(n) / expect.hasAssertions()',
      )
  }

  // Module use: imports and mocks of repository source.
  if (tests.length === 0) return findings
  const imported = new Map<string, ModuleUse>()
  let usesRepository = false
  for (const fact of file.imports) {
    const classified = env.classify(file.path, fact.specifier)
    if (classified.kind !== 'source') continue
    usesRepository = true
    if (fact.typeOnly || fact.kind === 'export-from' || fact.kind === 'actual') continue
    const key = importKey(file, fact.specifier, classified)
    const use = imported.get(key) ?? { key, names: new Set<string>(), line: fact.node }
    for (const name of fact.names) use.names.add(name)
    imported.set(key, use)
  }
  const mocked = new Map<string, (typeof file.mocks)[number]>()
  for (const mock of file.mocks) {
    const classified = env.classify(file.path, mock.specifier)
    if (classified.kind !== 'source') continue
    mocked.set(importKey(file, mock.specifier, classified), mock)
  }

  // no-source-under-test
  if (!usesRepository && !file.pathLiterals.some((p) => env.isRepositoryPath(file.path, p))) {
    const libraries = [...new Set(file.imports.map((i) => i.specifier))]
    const only = libraries.length === 0 ? 'it imports nothing' : `it imports only ${libraries.slice(0, 4).join(', ')}${libraries.length > 4 ? ', …' : ''}`
    report(
      'no-source-under-test',
      tests[0]!.node.expression,
      `The file declares ${tests.length} test${tests.length === 1 ? '' : 's'} but uses no code of this repository: ${only}`,
      'import the module under test (or spawn its bin); a test of doubles and literals proves nothing',
    )
  }

  // mocked-unit-under-test
  const stem = testStem(file.path)
  for (const [key, mock] of mocked) {
    const use = imported.get(key)
    if (use === undefined || use.names.size === 0) continue
    const isUnit = moduleStem(key) === stem || imported.size === 1
    if (!isUnit) continue
    const names = mock.partial ? [...use.names].filter((n) => mock.replacedKeys.has(n)) : [...use.names]
    const assertedName = names.find((name) => file.assertions.some((a) => a.actual !== undefined && mentions(ts, a.actual, name)))
    if (assertedName === undefined) continue
    report(
      'mocked-unit-under-test',
      mock.node,
      `\`${mock.api}('${mock.specifier}')\` replaces the module this test imports and asserts on (\`${assertedName}\`): the test checks the mock, not the code`,
      "mock the unit's dependencies, never the unit itself",
    )
  }

  // mocked-unit-under-test through a spy: vi.spyOn(mod, 'price').mockReturnValue(42) on the unit's module.
  spiedUnits(file, env, imported, stem, (node, message, help) => report('mocked-unit-under-test', node, message, help))

  // internal-mock-ratio
  const internal = new Set([...imported.keys(), ...mocked.keys()])
  const { maxRatio, minMocks } = env.internalMockRatio
  if (mocked.size >= minMocks && internal.size > 0 && mocked.size / internal.size > maxRatio) {
    const first = [...mocked.values()].sort((a, b) => a.node.pos - b.node.pos)[0]!
    report(
      'internal-mock-ratio',
      first.node,
      `${mocked.size} of the ${internal.size} repository modules this file uses are mocked (${Math.round((100 * mocked.size) / internal.size)}% > ${Math.round(maxRatio * 100)}%)`,
      'test through more real modules; mock only the boundaries (network, clock, file system)',
    )
  }
  return findings
}

/** mocked-unit-under-test through spies: a spy replacing an export of the unit's module (see {@link replacingSpies}) before an assertion on a binding from it. */
function spiedUnits(
  file: AnalysedFile,
  env: RuleEnvironment,
  imported: ReadonlyMap<string, ModuleUse>,
  stem: string,
  report: (node: TS.Node, message: string, help: string) => void,
): void {
  const { ts } = file
  for (const spy of replacingSpies(file)) {
    const fact = file.imports.find((i) => !i.typeOnly && i.names.includes(spy.object) && (i.kind === 'import' || i.kind === 'require' || i.kind === 'dynamic'))
    if (fact === undefined) continue
    const classified = env.classify(file.path, fact.specifier)
    if (classified.kind !== 'source') continue
    const key = importKey(file, fact.specifier, classified)
    if (moduleStem(key) !== stem && imported.size !== 1 && onlyUnit(imported) !== key) continue
    const names = [...(imported.get(key)?.names ?? [])]
    // The assertion reads a binding of the module, or the replaced member itself (`program.opts()` after a spy on `Command.prototype.opts`).
    const asserted = file.assertions.some((a) => a.actual !== undefined && a.pos > spy.node.pos && [...names, spy.key].some((n) => mentions(ts, a.actual!, n)))
    if (!asserted) continue
    report(
      spy.node,
      `\`${snippet(file, spy.node, 60)}\` replaces \`${spy.key}\` of the module under test ('${fact.specifier}'), which the test asserts on: the test checks the mock, not the code`,
      "spy on the unit's dependencies, or spy without replacing (vi.spyOn(mod, fn) alone calls through)",
    )
  }
}

/** Test-support directories: a helper imported from there (commander's `tests/testHelpers.js`) is not a unit under test. */
const TEST_SUPPORT = /(^|\/)(tests?|__tests__|spec|__mocks__|fixtures?)\//

/** The one source module the file imports outside test-support directories, or undefined when there are more or none. */
function onlyUnit(imported: ReadonlyMap<string, ModuleUse>): string | undefined {
  const units = [...imported.keys()].filter((k) => !TEST_SUPPORT.test(k))
  return units.length === 1 ? units[0] : undefined
}

/**
 * `vi.spyOn(obj, 'key')`/`jest.spyOn` calls whose spy replaces the implementation (a mock* call
 * chained on it or on the variable holding it), and node:test's `mock.method(obj, 'key', impl)`,
 * which always replaces; `obj` may be a member chain (`mod.Command.prototype`): its root is the object.
 */
function replacingSpies(file: AnalysedFile): Array<{ node: TS.Node; object: string; key: string }> {
  const { ts } = file
  const out: Array<{ node: TS.Node; object: string; key: string }> = []
  const replaces = (name: string): boolean => /^mock(Return|Resolved|Rejected|Implementation)/.test(name)
  for (const call of file.mockCalls) {
    const callee = call.expression
    if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'spyOn' && callee.name.text !== 'method') || call.arguments.length < 2) continue
    const [objectArg, key] = call.arguments
    let object: TS.Expression = objectArg!
    while (ts.isPropertyAccessExpression(object)) object = object.expression
    if (!ts.isIdentifier(object) || !ts.isStringLiteralLike(key!)) continue
    let top: TS.Node = call
    let replaced = callee.name.text === 'method'
    while (ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top && ts.isCallExpression(top.parent.parent)) {
      if (replaces(top.parent.name.text)) replaced = true
      top = top.parent.parent
    }
    const variable = assignedName(file, call)
    if (!replaced && variable !== undefined) {
      replaced = file.mockCalls.some(
        (m) => ts.isPropertyAccessExpression(m.expression) && replaces(m.expression.name.text) && normalisedText(file, m.expression.expression) === variable,
      )
    }
    if (replaced) out.push({ node: top, object: object.text, key: key.text })
  }
  return out
}

/** The `return`/`throw` statement an assertion follows in a block of the test (so it never runs), or undefined. */
function exitBefore(ts: TypeScript, node: TS.Node, boundary: TS.Node): TS.Statement | undefined {
  let child = node
  for (let parent = child.parent; parent !== undefined && child !== boundary; child = parent, parent = parent.parent) {
    // A function declared after a return is hoisted and may still be called.
    if (ts.isFunctionDeclaration(parent)) return undefined
    if (ts.isBlock(parent)) {
      const index = parent.statements.indexOf(child as TS.Statement)
      const exit = parent.statements.slice(0, Math.max(index, 0)).find((s) => ts.isReturnStatement(s) || ts.isThrowStatement(s))
      if (exit !== undefined) return exit
    }
  }
  return undefined
}

/** Which code of a test file runs repository code, for implicit-assertion; see {@link repositoryReach}. */
interface RepositoryReach {
  /** True when the subtree calls or constructs repository code, or names a repository file (to spawn it). */
  runs(node: TS.Node): boolean
}

/**
 * Names bound to repository code in a file: bindings imported from source, then (to a fixpoint)
 * variables, assignments and functions of the file whose value or body mentions one
 * (`const minTwo = z.string().array().min(2)`, `app = express()` in a hook, a `setup()` helper).
 */
function repositoryReach(file: AnalysedFile, env: RuleEnvironment): RepositoryReach {
  const { ts } = file
  const names = new Set<string>()
  for (const fact of file.imports) if (!fact.typeOnly && env.classify(file.path, fact.specifier).kind === 'source') for (const n of fact.names) names.add(n)
  const mentionsAny = (node: TS.Node): boolean => {
    if (ts.isIdentifier(node)) return names.has(node.text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)
    if (ts.isStringLiteralLike(node)) return env.isRepositoryPath(file.path, node.text)
    return ts.forEachChild(node, (child) => (mentionsAny(child) ? true : undefined)) === true
  }
  const bindings: Array<{ bound: string[]; value: TS.Node }> = []
  const collect = (node: TS.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer !== undefined) bindings.push({ bound: bindingNamesOf(ts, node.name), value: node.initializer })
    else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name !== undefined) bindings.push({ bound: [node.name.text], value: node })
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left))
      bindings.push({ bound: [node.left.text], value: node.right })
    ts.forEachChild(node, collect)
  }
  collect(file.sf)
  for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
    changed = false
    for (const b of bindings) {
      if (b.bound.every((n) => names.has(n)) || !mentionsAny(b.value)) continue
      for (const n of b.bound) names.add(n)
      changed = true
    }
  }
  const runs = (node: TS.Node): boolean => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && (mentionsAny(node.expression) || (node.arguments ?? []).some((a) => mentionsAny(a))))
      return true
    if (ts.isTaggedTemplateExpression(node) && mentionsAny(node.tag)) return true
    return ts.forEachChild(node, (child) => (runs(child) ? true : undefined)) === true
  }
  return { runs }
}

function bindingNamesOf(ts: TypeScript, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text]
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNamesOf(ts, e.name)))
}

/** True when an identifier `name` occurs in `node`'s subtree. */
function mentions(ts: TypeScript, node: TS.Node, name: string): boolean {
  if (ts.isIdentifier(node)) return node.text === name
  return ts.forEachChild(node, (child) => (mentions(ts, child, name) ? true : undefined)) === true
}

const PROMISE_METHODS = new Set(['then', 'catch', 'finally'])
const DEFERRED_CALLS = new Set([
  'setTimeout',
  'setInterval',
  'setImmediate',
  'nextTick',
  'queueMicrotask',
  'requestAnimationFrame',
  'on',
  'once',
  'addEventListener',
  'addListener',
  'prependListener',
  'subscribe',
])

function calleeName(ts: TypeScript, call: TS.CallExpression): string | undefined {
  const callee = call.expression
  if (ts.isIdentifier(callee)) return callee.text
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text
  return undefined
}

/** Whether a subtree throws or fails explicitly (`throw`, `x.fail()`, `expect.unreachable()`, `fail()`). */
export function fails(ts: TypeScript, node: TS.Node): boolean {
  if (ts.isThrowStatement(node)) return true
  if (ts.isCallExpression(node)) {
    const name = calleeName(ts, node)
    if (name === 'fail' || name === 'unreachable') return true
  }
  return ts.forEachChild(node, (child) => (fails(ts, child) ? true : undefined)) === true
}

/** True when the value of `expression` flows to an await, a return, a yield or expect(). */
function isConsumed(ts: TypeScript, expression: TS.Node): boolean {
  let current = expression
  for (;;) {
    const parent = current.parent
    if ((ts.isPropertyAccessExpression(parent) || ts.isCallExpression(parent)) && parent.expression === current) {
      current = parent
      continue
    }
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) {
      current = parent
      continue
    }
    if (ts.isAwaitExpression(parent) || ts.isReturnStatement(parent) || ts.isYieldExpression(parent)) return true
    if (ts.isArrowFunction(parent) && parent.body === current) return true
    if (ts.isCallExpression(parent)) return true // passed on: expect(p.then(…)).resolves, Promise.all([…])
    if (ts.isArrayLiteralExpression(parent)) return isConsumed(ts, parent)
    if (ts.isVariableDeclaration(parent)) return true // kept in a variable, usually awaited later
    return false
  }
}

/** Why an assertion inside `test` may never run, or undefined when it always runs. */
function conditionOf(
  file: AnalysedFile,
  asserting: ReadonlySet<string>,
  assertion: AssertionFact,
  test: TestFact,
  counted: readonly AssertionFact[],
): string | undefined {
  const { ts } = file
  const boundary = test.callback!
  const cb = boundary
  if (counted.length > 0) {
    if (countInRange(counted, cb.pos, cb.end) > 0) return undefined
    if (file.hooks.some((h) => test.node.pos >= h.scopePos && test.node.pos < h.scopeEnd && countInRange(counted, h.pos, h.end) > 0)) return undefined
  }
  const branchAsserts = (node: TS.Node | undefined): boolean => node !== undefined && (rangeAsserts(file, asserting, node.pos, node.end) || fails(ts, node))
  let child: TS.Node = assertion.outer ?? assertion.node!
  for (let parent = child.parent; parent !== undefined && child !== boundary; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const other = child === parent.thenStatement ? parent.elseStatement : parent.thenStatement
      if (!branchAsserts(other) && !assertedBefore(file, parent.expression, cb.pos, parent.pos))
        return `it sits under \`if (${snippet(file, parent.expression, 40)})\``
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const other = child === parent.whenTrue ? parent.whenFalse : parent.whenTrue
      if (!branchAsserts(other)) return 'it sits in one branch of a ternary'
    } else if (ts.isBinaryExpression(parent) && child === parent.right) {
      const op = parent.operatorToken.kind
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        return `it sits after \`${ts.tokenToString(op)}\``
      }
    } else if (ts.isCatchClause(parent)) {
      const tryStatement = parent.parent as TS.TryStatement
      if (!fails(ts, tryStatement.tryBlock))
        return 'it sits in a catch block, and nothing fails when no error is thrown (add expect.assertions(n) or fail in the try block)'
    } else if ((ts.isArrowFunction(parent) || ts.isFunctionExpression(parent)) && parent !== boundary) {
      const call = parent.parent
      if (!ts.isCallExpression(call) || !call.arguments.includes(parent as TS.Expression)) return undefined
      const why = callbackMayNotRun(ts, parent, boundary)
      if (why !== undefined) return `it sits in ${why}`
    } else if (ts.isFunctionDeclaration(parent) || ts.isMethodDeclaration(parent)) {
      return undefined
    }
  }
  return undefined
}

/**
 * True when the subject of an `if` condition was asserted earlier in the test, so the branch is
 * known to run: `expect(r.success).toBe(false); if (!r.success) { expect(r.error)… }` (a type
 * narrowing guard, common in zod's suite).
 */
function assertedBefore(file: AnalysedFile, condition: TS.Expression, from: number, to: number): boolean {
  const { ts } = file
  let subject = unwrap(ts, condition)
  while (ts.isPrefixUnaryExpression(subject) && subject.operator === ts.SyntaxKind.ExclamationToken) subject = unwrap(ts, subject.operand)
  if (ts.isBinaryExpression(subject)) {
    const right = subject.right.kind
    if (
      right === ts.SyntaxKind.TrueKeyword ||
      right === ts.SyntaxKind.FalseKeyword ||
      right === ts.SyntaxKind.NullKeyword ||
      right === ts.SyntaxKind.UndefinedKeyword
    )
      subject = unwrap(ts, subject.left)
  }
  const text = normalisedText(file, subject)
  return file.assertions.some((a) => a.pos >= from && a.pos < to && a.actual !== undefined && normalisedText(file, unwrap(ts, a.actual)) === text)
}

/**
 * Why a function literal passed to a call may never run before its test ends — a `.then()`
 * callback nobody awaits or returns, a timer or event callback in a test without `done` —
 * as words (`a setTimeout() callback that may run after the test has finished`), or undefined.
 */
export function callbackMayNotRun(ts: TypeScript, fn: TS.ArrowFunction | TS.FunctionExpression, boundary: TS.Node): string | undefined {
  const call = fn.parent
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn)) return undefined
  const name = calleeName(ts, call)
  if (name === undefined) return undefined
  if (PROMISE_METHODS.has(name) && !isConsumed(ts, call)) return `a .${name}() callback that is neither awaited nor returned`
  const withDone = ts.isFunctionLike(boundary) && boundary.parameters.length > 0
  if (DEFERRED_CALLS.has(name) && !withDone && !insidePromise(ts, call, boundary)) return `a ${name}() callback that may run after the test has finished`
  return undefined
}

function insidePromise(ts: TypeScript, node: TS.Node, boundary: TS.Node): boolean {
  for (let current: TS.Node | undefined = node.parent; current !== undefined && current !== boundary; current = current.parent) {
    if (ts.isNewExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === 'Promise') return true
  }
  return false
}

// ---------------------------------------------------------------------------------------------
// semantic-tests

/** The declaration `identifier` refers to, by lexical scope; undefined for parameters, loop variables and unknowns. */
function declarationOf(ts: TypeScript, identifier: TS.Identifier): { declaration: TS.VariableDeclaration; constant: boolean; scope: TS.Node } | undefined {
  const name = identifier.text
  for (let current: TS.Node | undefined = identifier.parent; current !== undefined; current = current.parent) {
    if (ts.isFunctionLike(current) && current.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return undefined
    if (
      (ts.isForOfStatement(current) || ts.isForInStatement(current) || ts.isForStatement(current)) &&
      current.initializer !== undefined &&
      ts.isVariableDeclarationList(current.initializer)
    ) {
      if (current.initializer.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)) return undefined
    }
    if (ts.isBlock(current) || ts.isSourceFile(current) || ts.isModuleBlock(current) || ts.isCaseClause(current) || ts.isDefaultClause(current)) {
      for (const statement of current.statements) {
        if (!ts.isVariableStatement(statement)) continue
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === name) {
            return { declaration, constant: (statement.declarationList.flags & ts.NodeFlags.Const) !== 0, scope: current }
          }
        }
      }
    }
  }
  return undefined
}

function reassigned(ts: TypeScript, scope: TS.Node, name: string, sf: TS.SourceFile): boolean {
  const escaped = name.replace(/[$]/g, '\\$')
  return new RegExp(
    `(^|[^.\\w$])${escaped}\\s*([-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?!=)|(\\+\\+|--)\\s*${escaped}\\b|\\b${escaped}\\s*(\\+\\+|--)`,
  ).test(scope.getText(sf))
}

/** The literal key of what an expression holds through a chain of bindings (`const b = a`, `const a = 'x'`), or of a literal itself. */
function heldLiteral(file: AnalysedFile, expression: TS.Expression, depth = 0): string | undefined {
  const { ts } = file
  const e = unwrap(ts, expression)
  const key = literalKey(ts, e)
  if (key !== undefined || depth > 8) return key
  if (ts.isIdentifier(e)) {
    const found = declarationOf(ts, e)
    if (found === undefined || found.declaration.initializer === undefined) return undefined
    if (!found.constant && reassigned(ts, found.scope, e.text, file.sf)) return undefined
    const held = heldLiteral(file, found.declaration.initializer, depth + 1)
    // An object or array handed to code may be mutated by it: asserting it afterwards checks the code.
    if (held !== undefined && (held.startsWith('o:') || held.startsWith('a:')) && escapes(file, found.scope, found.declaration, e.text)) return undefined
    return held
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const found = declarationOf(ts, e.expression)
    const init = found?.constant === true && found.declaration.initializer !== undefined ? unwrap(ts, found.declaration.initializer) : undefined
    if (init === undefined || !ts.isObjectLiteralExpression(init)) return undefined
    if (escapes(file, found!.scope, found!.declaration, e.expression.text)) return undefined
    const property = init.properties.find(
      (p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === e.name.text,
    )
    return property !== undefined && ts.isPropertyAssignment(property) ? heldLiteral(file, property.initializer, depth + 1) : undefined
  }
  return undefined
}

/** True when `name` is used in `scope` other than where it is declared or directly asserted on. */
function escapes(file: AnalysedFile, scope: TS.Node, declaration: TS.VariableDeclaration, name: string): boolean {
  const { ts } = file
  const asserted = new Set<TS.Node>()
  for (const a of file.assertions) if (a.actual !== undefined) asserted.add(unwrap(ts, a.actual))
  const visit = (node: TS.Node): boolean => {
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && !asserted.has(node)) {
      // `x.length` in an assertion's actual or a key in an object literal is still a read of the test's own value.
      const parent = node.parent
      if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false
      if (ts.isPropertyAssignment(parent) && parent.name === node) return false
      return true
    }
    return ts.forEachChild(node, (child) => (visit(child) ? true : undefined)) === true
  }
  return visit(scope)
}

interface MockReturn {
  target: string
  value: string
  scopePos: number
  scopeEnd: number
}

function normalisedText(file: AnalysedFile, node: TS.Node): string {
  return node.getText(file.sf).replace(/\s+/g, '')
}

/** `vi.mocked(x)` and `jest.mocked(x)` stand for `x`. */
function mockTarget(file: AnalysedFile, expression: TS.Expression): string {
  const { ts } = file
  const e = unwrap(ts, expression)
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'mocked' && e.arguments[0] !== undefined)
    return normalisedText(file, unwrap(ts, e.arguments[0]))
  return normalisedText(file, e)
}

/** The literal a mock implementation returns: `() => 5`, `() => { return 5 }`, `async () => 5`. */
function implementationLiteral(file: AnalysedFile, node: TS.Expression | undefined): string | undefined {
  const { ts } = file
  if (node === undefined) return undefined
  const fn = unwrap(ts, node)
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined
  if (!ts.isBlock(fn.body)) return literalKey(ts, fn.body)
  const statements = fn.body.statements
  const only = statements.length === 1 ? statements[0] : undefined
  return only !== undefined && ts.isReturnStatement(only) && only.expression !== undefined ? literalKey(ts, only.expression) : undefined
}

/** The name a mock chain is assigned to: `const m = vi.fn().mockReturnValue(1)` → `m`. */
function assignedName(file: AnalysedFile, node: TS.Node): string | undefined {
  const { ts } = file
  let current = node
  while (
    (ts.isPropertyAccessExpression(current.parent) && current.parent.expression === current) ||
    (ts.isCallExpression(current.parent) && current.parent.expression === current)
  )
    current = current.parent
  const parent = current.parent
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return normalisedText(file, parent.left)
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text
  return undefined
}

function mockReturns(file: AnalysedFile): MockReturn[] {
  const { ts } = file
  const out: MockReturn[] = []
  for (const call of file.mockCalls) {
    const callee = call.expression
    if (!ts.isPropertyAccessExpression(callee)) continue
    const method = callee.name.text
    let value: string | undefined
    const targets: string[] = []
    if (method === 'fn') {
      value = implementationLiteral(file, call.arguments[0])
      const name = assignedName(file, call)
      if (name !== undefined) targets.push(name)
    } else if (method === 'spyOn') {
      continue
    } else {
      value = method.startsWith('mockImplementation')
        ? implementationLiteral(file, call.arguments[0])
        : call.arguments[0] === undefined
          ? undefined
          : literalKey(ts, call.arguments[0])
      // Walk down the chain to what is being configured.
      let receiver: TS.Expression = callee.expression
      while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && /^mock[A-Z]/.test(receiver.expression.name.text))
        receiver = receiver.expression.expression
      const inner = unwrap(ts, receiver)
      if (
        ts.isCallExpression(inner) &&
        ts.isPropertyAccessExpression(inner.expression) &&
        (inner.expression.name.text === 'fn' || inner.expression.name.text === 'spyOn')
      ) {
        if (inner.expression.name.text === 'spyOn' && inner.arguments.length >= 2) {
          const key = inner.arguments[1]!
          if (ts.isStringLiteral(key)) targets.push(`${normalisedText(file, inner.arguments[0]!)}.${key.text}`)
        }
        const name = assignedName(file, call)
        if (name !== undefined) targets.push(name)
      } else {
        targets.push(mockTarget(file, receiver))
      }
    }
    if (value === undefined) continue
    const test = enclosingTest(file.tests, call.pos)
    const scopePos = test?.callback?.pos ?? 0
    const scopeEnd = test?.callback?.end ?? file.sf.end
    for (const target of targets) out.push({ target, value, scopePos, scopeEnd })
  }
  return out
}

const RETURNED_MATCHERS = new Set(['toHaveReturnedWith', 'toHaveLastReturnedWith', 'toHaveNthReturnedWith', 'toReturnWith', 'lastReturnedWith'])

/** Runs the semantic-tests rules on one analysed test file (nothing when it does not parse). */
export function semanticTests(file: AnalysedFile, env: RuleEnvironment): RuleFinding[] {
  if (file.parseErrors.length > 0 || testsTheFramework(file, env)) return []
  const { ts } = file
  const findings: RuleFinding[] = []
  const report = (ruleId: SemanticRuleId, node: TS.Node, message: string, help: string): void => {
    findings.push({ ruleId, severity: SEMANTIC_TESTS_RULES[ruleId].defaultSeverity, message, ...at(file, node), help })
  }
  let returns: MockReturn[] | undefined
  for (const assertion of file.assertions) {
    if (assertion.actual === undefined || assertion.node === undefined) continue
    const outer = assertion.outer ?? assertion.node
    const actual = unwrap(ts, assertion.actual)
    // literal-echo: the actual is a binding (not a literal written in place: that is tautological-assertion).
    if (literalKey(ts, actual) === undefined && (ts.isIdentifier(actual) || ts.isPropertyAccessExpression(actual))) {
      const why = constantAssertion(file, assertion, (e) => heldLiteral(file, e))
      if (why !== undefined) {
        report(
          'literal-echo',
          outer,
          `\`${snippet(file, outer)}\` asserts a literal the test itself bound to \`${snippet(file, actual, 30)}\`: no code under test produced it`,
          'assert on the result of calling the code under test',
        )
        continue
      }
    }
    // mock-return-echo
    if (isNegated(assertion) || file.mockCalls.length === 0) continue
    const matcher = finalMatcher(assertion)
    const expected = assertion.expected[0]
    if (matcher === undefined || expected === undefined) continue
    const called = ts.isAwaitExpression(actual) ? unwrap(ts, actual.expression) : actual
    let target: string | undefined
    if (EQUALITY_MATCHERS.has(matcher) && ts.isCallExpression(called)) target = mockTarget(file, called.expression)
    else if (RETURNED_MATCHERS.has(matcher)) target = mockTarget(file, called)
    if (target === undefined) continue
    const value = heldLiteral(file, expected)
    if (value === undefined) continue
    returns ??= mockReturns(file)
    const hit = returns.find((r) => r.target === target && r.value === value && assertion.pos >= r.scopePos && assertion.pos < r.scopeEnd)
    if (hit !== undefined)
      report(
        'mock-return-echo',
        outer,
        `\`${snippet(file, outer)}\` asserts the value the test configured on the mock \`${target}\`, with no production code in between`,
        "assert on what the code under test does with the mock's value",
      )
  }
  return findings
}
