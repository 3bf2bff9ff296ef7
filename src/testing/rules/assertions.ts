// Whether tests assert: functions of the file whose bodies assert (directly or through others),
// a test's own assertions, and why an assertion may never run (a branch, a catch, a callback).
import type * as TS from 'typescript'
import { countInRange, lowerBound, unwrap, type AnalysedFile, type AssertionFact, type TestFact } from '../analyse.js'
import type { TypeScript } from '../typescript.js'
import type { RuleEnvironment } from './rule.js'
import { normalisedText, snippet } from './shared.js'

/** The identifier calls (sorted by position) in [pos, end). */
export function callsIn(file: AnalysedFile, pos: number, end: number): ReadonlyArray<{ name: string; pos: number }> {
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

export function callsAnything(ts: TypeScript, node: TS.Node): boolean {
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) return true
  return ts.forEachChild(node, (child) => (callsAnything(ts, child) ? true : undefined)) === true
}

export function testAsserts(file: AnalysedFile, asserting: ReadonlySet<string>, test: TestFact): boolean {
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

export const DONE_NAMES = /^(done|cb|callback|next|end|finish|finished)$/i

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
export function isInlineFixture(ts: TypeScript, test: TestFact): boolean {
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

export function insideSkippedSuite(file: AnalysedFile, test: TestFact): boolean {
  const pos = test.node.pos
  return file.tests.some((s) => s.kind === 'suite' && s.skipped !== undefined && s.callback !== undefined && pos >= s.callback.pos && pos < s.callback.end)
}

/** The `return`/`throw` statement an assertion follows in a block of the test (so it never runs), or undefined. */
export function exitBefore(ts: TypeScript, node: TS.Node, boundary: TS.Node): TS.Statement | undefined {
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

export const PROMISE_METHODS = new Set(['then', 'catch', 'finally'])
export const DEFERRED_CALLS = new Set([
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

export function calleeName(ts: TypeScript, call: TS.CallExpression): string | undefined {
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
export function isConsumed(ts: TypeScript, expression: TS.Node): boolean {
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

/** Why an assertion may never run: a conditional-assertion messageId and its template's data. */
export type Condition =
  | { messageId: 'underIf'; data: { condition: string } }
  | { messageId: 'inTernary' | 'inCatch'; data?: undefined }
  | { messageId: 'afterOperator'; data: { operator: string } }
  | { messageId: 'inCallback'; data: { callback: string } }

/** Why an assertion inside `test` may never run, or undefined when it always runs. */
export function conditionOf(
  file: AnalysedFile,
  asserting: ReadonlySet<string>,
  assertion: AssertionFact,
  test: TestFact,
  counted: readonly AssertionFact[],
): Condition | undefined {
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
        return { messageId: 'underIf', data: { condition: snippet(file, parent.expression, 40) } }
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const other = child === parent.whenTrue ? parent.whenFalse : parent.whenTrue
      if (!branchAsserts(other)) return { messageId: 'inTernary' }
    } else if (ts.isBinaryExpression(parent) && child === parent.right) {
      const op = parent.operatorToken.kind
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        return { messageId: 'afterOperator', data: { operator: ts.tokenToString(op)! } }
      }
    } else if (ts.isCatchClause(parent)) {
      const tryStatement = parent.parent as TS.TryStatement
      if (!fails(ts, tryStatement.tryBlock)) return { messageId: 'inCatch' }
    } else if ((ts.isArrowFunction(parent) || ts.isFunctionExpression(parent)) && parent !== boundary) {
      const call = parent.parent
      if (!ts.isCallExpression(call) || !call.arguments.includes(parent as TS.Expression)) return undefined
      const why = callbackMayNotRun(ts, parent, boundary)
      if (why !== undefined) return { messageId: 'inCallback', data: { callback: why } }
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
export function assertedBefore(file: AnalysedFile, condition: TS.Expression, from: number, to: number): boolean {
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

export function insidePromise(ts: TypeScript, node: TS.Node, boundary: TS.Node): boolean {
  for (let current: TS.Node | undefined = node.parent; current !== undefined && current !== boundary; current = current.parent) {
    if (ts.isNewExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === 'Promise') return true
  }
  return false
}
