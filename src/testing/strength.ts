// How much an assertion checks: a strength level per matcher, so the test-mutation gate can tell a
// matcher replaced by a weaker one (`toBe(3)` → `toBeDefined()`) from a rename or a rewrite.
import type * as TS from 'typescript'
import { LANGUAGE_CHAINS, unwrap, type AssertionFact } from './analyse.js'
import type { TypeScript } from './typescript.js'

/**
 * Strength levels, strongest first (the ordering docs/gates.md documents):
 * - 4.5 strict equality: `toStrictEqual`, `assert.strictEqual`, `deepStrictEqual`, sinon `calledWithExactly`
 * - 4 an exact value: `toBe`, `toEqual`, `toBeNull`, `toHaveLength`, snapshots, `toHaveBeenCalledWith`,
 *   `toHaveBeenCalledTimes`, chai `equal`/`eql`/`.true`, `assert.equal`/`deepEqual`, `not.toHaveBeenCalled`
 * - 3 part of a value: `toMatchObject`, `toContain`, `toMatch`, `toThrow(x)`, `toHaveProperty(k, v)`,
 *   `toBeCloseTo`, `objectContaining`/`stringMatching` as the expected value, chai `include`/`match`
 * - 2 a kind, a range or a presence: `toBeGreaterThan`…, `toBeInstanceOf`, `toBeTypeOf`,
 *   `toHaveProperty(k)`, `toThrow()`, `toHaveBeenCalled`, `expect.any(X)`, chai `above`/`a`/`instanceOf`
 * - 1 existence or truthiness: `toBeDefined`, `toBeTruthy`, `toBeFalsy`, `expect.anything()`, `assert.ok`,
 *   `not.toThrow`, `doesNotThrow` and every other negated matcher (`not.toBe(3)` says little)
 * - 0 no matcher at all (never from the analyser: `expect(x)` alone checks nothing and is no assertion)
 * `assert.ok(a === b)` and `expect(a === b).toBe(true)` count as the comparison inside (4.5 for `===`, 4 for `==`, 2 for `<`/`>`).
 * Matchers outside the table (custom ones, helpers) have no level and are never called weaker.
 */
const LEVELS: Record<string, number> = {}
const put = (level: number, names: string): void => {
  for (const name of names.split(/\s+/)) if (name !== '') LEVELS[name] = level
}
put(4.5, 'toStrictEqual strictEqual deepStrictEqual calledWithExactly calledOnceWithExactly')
put(
  4,
  `toBe toEqual toBeNull toBeUndefined toBeNaN toHaveLength toMatchSnapshot toMatchInlineSnapshot toMatchFileSnapshot
   toThrowErrorMatchingSnapshot toThrowErrorMatchingInlineSnapshot toHaveBeenCalledWith toHaveBeenLastCalledWith
   toHaveBeenNthCalledWith toHaveBeenCalledTimes toHaveBeenCalledOnce toHaveBeenCalledExactlyOnceWith toHaveReturnedWith
   toHaveLastReturnedWith toHaveNthReturnedWith toHaveReturnedTimes toHaveResolvedWith toBeCalledWith lastCalledWith
   nthCalledWith toBeCalledTimes toReturnWith toBeTrue toBeFalse toEqualTypeOf toMatchTypeOf
   equal equals eq eql eqls true false null undefined NaN lengthOf deepEqual is same
   calledWith calledOnceWith calledOnce calledTwice calledThrice callCount`,
)
put(
  3,
  `toMatchObject toContain toContainEqual toMatch toBeCloseTo toSatisfy toHaveTextContent toHaveValue toHaveAttribute
   include includes contain contains members keys key match matches string closeTo approximately oneOf satisfy
   satisfies partialDeepStrictEqual rejectedWith`,
)
put(
  2,
  `toBeGreaterThan toBeGreaterThanOrEqual toBeLessThan toBeLessThanOrEqual toBeInstanceOf toBeTypeOf toHaveBeenCalled
   toBeCalled toHaveReturned toReturn toBeOneOf toResolve toReject toBeInTheDocument toBeVisible toHaveBeenCalledBefore
   toHaveBeenCalledAfter above below least most within gt lt gte lte greaterThan lessThan instanceOf instanceof a an
   called rejected fulfilled`,
)
put(1, 'toBeDefined toBeTruthy toBeFalsy ok exist exists doesNotThrow doesNotReject notStrictEqual notEqual notDeepStrictEqual notDeepEqual ifError')
/** Matchers whose strength depends on whether an argument narrows them: `toThrow()` (2) vs `toThrow(TypeError)` (3). */
const WITH_ARGUMENT: Record<string, number> = { toThrow: 3, toThrowError: 3, throw: 3, throws: 3, Throw: 3, rejects: 3, toHaveProperty: 3, property: 3 }
const WITHOUT_ARGUMENT: Record<string, number> = { toThrow: 2, toThrowError: 2, throw: 2, throws: 2, Throw: 2, rejects: 2, toHaveProperty: 2, property: 2 }
/** Negated matchers that still pin an exact fact: `not.toHaveBeenCalled()` means exactly zero calls. */
const NEGATED_EXACT = new Set(['toHaveBeenCalled', 'toBeCalled', 'called'])

/** The matcher an assertion ends in, with negation: `['not', 'toBe']` → `{ name: 'toBe', negated: true }`. */
export function finalMatcher(matcher: readonly string[]): { name: string | undefined; negated: boolean } {
  const negated = matcher.includes('not')
  const words = matcher.filter((m) => m !== 'not' && !LANGUAGE_CHAINS.has(m))
  // `rejects` alone is node:assert's `assert.rejects(promise)`.
  const name = words.at(-1) ?? (matcher.at(-1) === 'rejects' && matcher.length === 1 ? 'rejects' : undefined)
  return { name, negated }
}

/** What an asymmetric expected value (`expect.any(Number)`) makes of an equality matcher, or undefined. */
function asymmetricLevel(ts: TypeScript, expected: TS.Expression | undefined): number | undefined {
  if (expected === undefined) return undefined
  const e = unwrap(ts, expected)
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined
  const owner = e.expression.expression
  if (!ts.isIdentifier(owner) || owner.text !== 'expect') return undefined
  switch (e.expression.name.text) {
    case 'anything':
      return 1
    case 'any':
      return 2
    case 'objectContaining':
    case 'arrayContaining':
    case 'stringContaining':
    case 'stringMatching':
    case 'closeTo':
      return 3
    default:
      return undefined
  }
}

/** `a === b` inside `assert.ok(…)` or `expect(…).toBe(true)`: the comparison is the check. */
function comparisonLevel(ts: TypeScript, actual: TS.Expression | undefined): number | undefined {
  if (actual === undefined) return undefined
  const e = unwrap(ts, actual)
  if (!ts.isBinaryExpression(e)) return undefined
  switch (e.operatorToken.kind) {
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
      return 4.5
    case ts.SyntaxKind.EqualsEqualsToken:
      return 4
    case ts.SyntaxKind.LessThanToken:
    case ts.SyntaxKind.GreaterThanToken:
    case ts.SyntaxKind.LessThanEqualsToken:
    case ts.SyntaxKind.GreaterThanEqualsToken:
    case ts.SyntaxKind.InstanceOfKeyword:
    case ts.SyntaxKind.InKeyword:
      return 2
    default:
      return undefined
  }
}

/**
 * The strength level of an assertion (see the table above), or undefined when it is not a
 * matcher assertion proofgate can rank (a helper, a query, a type-level or count assertion, a
 * custom matcher).
 */
export function assertionStrength(ts: TypeScript, assertion: AssertionFact): number | undefined {
  if (assertion.style !== 'expect' && assertion.style !== 'assert' && assertion.style !== 'should') return undefined
  if (assertion.matcher.length === 0) return 0
  const { name, negated } = finalMatcher(assertion.matcher)
  if (name === undefined) return undefined
  if (negated) return NEGATED_EXACT.has(name) ? 4 : LEVELS[name] === undefined && WITH_ARGUMENT[name] === undefined ? undefined : 1
  // node:assert passes the checked value first, so `expected` is what follows: `assert.throws(fn, TypeError)`.
  const narrowing = assertion.expected.length > 0
  let level = LEVELS[name] ?? (narrowing ? WITH_ARGUMENT[name] : WITHOUT_ARGUMENT[name])
  if (level === undefined) return undefined
  if (level >= 4) level = asymmetricLevel(ts, assertion.expected[0]) ?? level
  const truthy =
    name === 'ok' ||
    name === 'toBeTruthy' ||
    name === 'true' ||
    ((name === 'toBe' || name === 'equal' || name === 'strictEqual') && assertion.expected[0]?.kind === ts.SyntaxKind.TrueKeyword)
  if (truthy) level = Math.max(level, comparisonLevel(ts, assertion.actual) ?? 0)
  return level
}

/** Human words for a level, for messages. */
export function strengthLabel(level: number): string {
  if (level >= 4.5) return 'strict equality'
  if (level >= 4) return 'an exact value'
  if (level >= 3) return 'part of a value'
  if (level >= 2) return 'a kind, range or presence'
  if (level >= 1) return 'existence or truthiness'
  return 'nothing'
}

/** The literal characters of a regex source, metacharacters and escapes dropped. */
function skeleton(source: string): string {
  return source.replace(/\\[dDwWsSbB]|[.*+?^$()[\]{}|]/g, '').replace(/\\(.)/g, '$1')
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++
  return i === short.length
}

const WILDCARD = /\.\*|\.\+|\[\\s\\S\][*+]|\\[wWsSdD][*+]|\[\^[^\]]*\][*+]/g

/** Why regex `after` accepts more than `before`, or undefined: case-insensitivity added, an anchor dropped, literal text dropped, a wildcard added. */
export function regexWidened(before: { source: string; flags: string }, after: { source: string; flags: string }): string | undefined {
  if (before.source === after.source && before.flags === after.flags) return undefined
  if (!before.flags.includes('i') && after.flags.includes('i')) return 'the `i` flag was added'
  if (before.source.startsWith('^') && !after.source.startsWith('^')) return 'the `^` anchor was dropped'
  if (before.source.endsWith('$') && !after.source.endsWith('$')) return 'the `$` anchor was dropped'
  const a = skeleton(before.source)
  const b = skeleton(after.source)
  if (b.length < a.length && isSubsequence(b, a)) return 'literal text was dropped'
  if (a === b && (after.source.match(WILDCARD)?.length ?? 0) > (before.source.match(WILDCARD)?.length ?? 0)) return 'a wildcard was added'
  return undefined
}

const BOUND_BELOW = new Set(['toBeGreaterThan', 'toBeGreaterThanOrEqual', 'above', 'gt', 'gte', 'least', 'greaterThan'])
const BOUND_ABOVE = new Set(['toBeLessThan', 'toBeLessThanOrEqual', 'below', 'lt', 'lte', 'most', 'lessThan'])
const CONTAINMENT = new Set([
  'toContain',
  'toMatch',
  'toThrow',
  'toThrowError',
  'include',
  'includes',
  'contain',
  'contains',
  'match',
  'throw',
  'throws',
  'string',
  'toHaveTextContent',
])
/** Partial matchers: an expected object with fewer keys checks less (for `toEqual` it is another exact value). */
const OBJECT_MATCHERS = new Set(['toMatchObject', 'include', 'partialDeepStrictEqual', 'containSubset'])

/** What an expected argument is, as far as the weakening checks need: kept after the AST is dropped. */
export interface ExpectedValue {
  regex?: { source: string; flags: string }
  text?: string
  number?: number
  /** Keys of an object literal without spreads or computed keys. */
  keys?: string[]
  /** The same object's entries: key → its value's text, whitespace dropped. */
  entries?: Record<string, string>
}

/** Reads the literal facts of an expected argument (a regex, a string, a number, an object's keys). */
export function expectedValueOf(ts: TypeScript, expression: TS.Expression): ExpectedValue {
  const e = unwrap(ts, expression)
  if (ts.isRegularExpressionLiteral(e)) {
    const end = e.text.lastIndexOf('/')
    return { regex: { source: e.text.slice(1, end), flags: e.text.slice(end + 1) } }
  }
  // new RegExp('x', 'i')
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'RegExp') {
    const [source, flags] = e.arguments ?? []
    if (source !== undefined && ts.isStringLiteralLike(source))
      return { regex: { source: source.text, flags: flags !== undefined && ts.isStringLiteralLike(flags) ? flags.text : '' } }
  }
  if (ts.isStringLiteralLike(e)) return { text: e.text }
  if (ts.isNumericLiteral(e)) return { number: Number(e.text.replace(/_/g, '')) }
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand))
    return { number: -Number(e.operand.text.replace(/_/g, '')) }
  if (ts.isObjectLiteralExpression(e)) {
    const keys: string[] = []
    const entries: Record<string, string> = {}
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) return {}
      const name = p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) ? p.name.text : undefined
      if (name === undefined) return {}
      keys.push(name)
      entries[name] = p
        .getText()
        .replace(/^[^:]*:/, '')
        .replace(/\s+/g, '')
    }
    return { keys, entries }
  }
  return {}
}

/**
 * Why the same matcher checks less after the change, or undefined: an object with fewer keys
 * (`toMatchObject`, chai `include`), a widened regex, a shorter substring (`toContain`, `toThrow('…')`),
 * a looser bound (`toBeGreaterThan(5)` → `(0)`), fewer digits for `toBeCloseTo`.
 */
export function sameMatcherWeakened(name: string, before: readonly ExpectedValue[], after: readonly ExpectedValue[]): string | undefined {
  const [b0 = {}, b1 = {}] = before
  const [a0 = {}, a1 = {}] = after
  if (b0.regex !== undefined && a0.regex !== undefined) {
    const why = regexWidened(b0.regex, a0.regex)
    return why === undefined ? undefined : `the regex accepts more (${why})`
  }
  if (CONTAINMENT.has(name) && b0.text !== undefined && a0.text !== undefined && a0.text.length < b0.text.length && b0.text.includes(a0.text)) {
    return `the expected text was cut from ${JSON.stringify(b0.text)} to ${JSON.stringify(a0.text)}`
  }
  if (b0.number !== undefined && a0.number !== undefined) {
    if (BOUND_BELOW.has(name) && a0.number < b0.number) return `the lower bound fell from ${b0.number} to ${a0.number}`
    if (BOUND_ABOVE.has(name) && a0.number > b0.number) return `the upper bound rose from ${b0.number} to ${a0.number}`
  }
  if (name === 'toBeCloseTo' && (a1.number ?? 2) < (b1.number ?? 2)) return `the precision fell from ${b1.number ?? 2} to ${a1.number ?? 2} digits`
  if (name === 'closeTo' && b1.number !== undefined && a1.number !== undefined && a1.number > b1.number)
    return `the tolerance rose from ${b1.number} to ${a1.number}`
  if (OBJECT_MATCHERS.has(name) && b0.keys !== undefined && a0.keys !== undefined) {
    const kept = new Set(a0.keys)
    const dropped = b0.keys.filter((k) => !kept.has(k))
    if (a0.keys.length < b0.keys.length && a0.keys.every((k) => b0.keys!.includes(k)))
      return `the expected object lost ${dropped.length === 1 ? 'key' : 'keys'} ${dropped.map((k) => `\`${k}\``).join(', ')}`
  }
  return undefined
}
