// Helpers every test-integrity rule shares: positions and snippets, literal keys, what a binding
// holds, and when an assertion compares a value with itself.
import type * as TS from 'typescript'
import { unwrap, type AnalysedFile, type AssertionFact, type TestFact } from '../analyse.js'
import type { TypeScript } from '../typescript.js'
import type { Span } from './rule.js'

export function at(file: AnalysedFile, node: TS.Node): Span {
  const start = file.position(node.getStart(file.sf))
  const end = file.position(node.getEnd())
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column }
}

export function snippet(file: AnalysedFile, node: TS.Node, max = 80): string {
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
export function truthiness(key: string): boolean {
  return !(key === 'k:false' || key === 'k:null' || key === 'k:undefined' || key === 's:""' || key === 'n:0' || key === 'n:NaN' || key === 'b:0n')
}

/** Identifiers, `this`, member accesses and element accesses by literal: expressions that read, never run code. */
export function isPureReference(ts: TypeScript, expression: TS.Expression): boolean {
  const e = unwrap(ts, expression)
  if (ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword) return e.getText() !== 'undefined'
  if (ts.isPropertyAccessExpression(e)) return isPureReference(ts, e.expression)
  if (ts.isElementAccessExpression(e))
    return isPureReference(ts, e.expression) && (literalKey(ts, e.argumentExpression) !== undefined || isPureReference(ts, e.argumentExpression))
  return false
}

export const EQUALITY_MATCHERS = new Set([
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
export const UNARY_MATCHERS: Record<string, (key: string) => boolean> = {
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

export function isNegated(assertion: AssertionFact): boolean {
  return assertion.matcher.includes('not') || assertion.matcher.some((m) => m.startsWith('not') && m.length > 3 && m[3] === m[3]!.toUpperCase())
}

/** The matcher deciding the assertion: the last name of the path (`['to', 'deep', 'equal']` → `equal`). */
export function finalMatcher(assertion: AssertionFact): string | undefined {
  return assertion.matcher[assertion.matcher.length - 1]
}

/** Why an assertion cannot fail: the same value or the same call on both sides, or a constant that satisfies a unary matcher. */
export type ConstantAssertion = { messageId: 'sameValue' | 'sameCall' } | { messageId: 'constant'; matcher: string }

/**
 * Compares an assertion's actual and expected values through `evaluate` (a literal key, or a key
 * of what a binding holds); returns why when the assertion cannot fail.
 */
export function constantAssertion(
  _file: AnalysedFile,
  assertion: AssertionFact,
  evaluate: (e: TS.Expression) => string | undefined,
): ConstantAssertion | undefined {
  if (assertion.actual === undefined || isNegated(assertion)) return undefined
  if (assertion.style !== 'expect' && assertion.style !== 'assert' && assertion.style !== 'should') return undefined
  const matcher = finalMatcher(assertion)
  if (matcher === undefined) return undefined
  const actual = evaluate(assertion.actual)
  if (EQUALITY_MATCHERS.has(matcher) && assertion.expected.length >= 1) {
    const expected = evaluate(assertion.expected[0]!)
    if (actual !== undefined && actual === expected) return { messageId: actual.startsWith('c:') ? 'sameCall' : 'sameValue' }
    return undefined
  }
  const unary = UNARY_MATCHERS[matcher]
  // Only a literal decides a unary matcher; a reference (`x:`) or a call (`c:`) may hold anything.
  if (unary !== undefined && actual !== undefined && !/^[xctn]:/.test(actual) && assertion.expected.length === 0 && unary(actual))
    return { messageId: 'constant', matcher }
  return undefined
}

/**
 * The key tautological-assertion compares: a literal's, a side-effect-free reference's with
 * `const` aliases followed (`const b = a` → `a`), or a call's whose arguments are all literals or
 * references (`fee(3)`: the same call on both sides only checks determinism). Calls without
 * arguments are left out: `expect(instance()).toBe(instance())` checks a singleton.
 */
export function sameValueKey(file: AnalysedFile, expression: TS.Expression): string | undefined {
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
export function aliasTarget(file: AnalysedFile, expression: TS.Expression, depth = 0): TS.Expression {
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
export function enclosingTest(tests: readonly TestFact[], pos: number): TestFact | undefined {
  let best: TestFact | undefined
  for (const test of tests) {
    const cb = test.callback
    if (test.kind !== 'test' || cb === undefined || pos < cb.pos || pos >= cb.end) continue
    if (best === undefined || cb.pos > best.callback!.pos) best = test
  }
  return best
}

/** The declaration `identifier` refers to, by lexical scope; undefined for parameters, loop variables and unknowns. */
export function declarationOf(
  ts: TypeScript,
  identifier: TS.Identifier,
): { declaration: TS.VariableDeclaration; constant: boolean; scope: TS.Node } | undefined {
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

export function reassigned(ts: TypeScript, scope: TS.Node, name: string, sf: TS.SourceFile): boolean {
  const escaped = name.replace(/[$]/g, '\\$')
  return new RegExp(
    `(^|[^.\\w$])${escaped}\\s*([-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?!=)|(\\+\\+|--)\\s*${escaped}\\b|\\b${escaped}\\s*(\\+\\+|--)`,
  ).test(scope.getText(sf))
}

/** The literal key of what an expression holds through a chain of bindings (`const b = a`, `const a = 'x'`), or of a literal itself. */
export function heldLiteral(file: AnalysedFile, expression: TS.Expression, depth = 0): string | undefined {
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
export function escapes(file: AnalysedFile, scope: TS.Node, declaration: TS.VariableDeclaration, name: string): boolean {
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

export function normalisedText(file: AnalysedFile, node: TS.Node): string {
  return node.getText(file.sf).replace(/\s+/g, '')
}
