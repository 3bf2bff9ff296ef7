// Small syntax helpers the walk of a test file shares: member chains, unwrapping, literal values,
// binding names, the syntax kinds the walk switches on, and range counts over sorted facts.
import type * as TS from 'typescript'
import type { TypeScript } from '../typescript.js'
import type { Chain } from './facts.js'

/** `a.b.c` → root `a` and segments `['b', 'c']`, through calls and tagged templates (`it.each([])`). */
export function chainOf(ts: TypeScript, expression: TS.Expression): Chain | undefined {
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
export function joinedPath(ts: TypeScript, call: TS.CallExpression): string | undefined {
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

export function stringValue(ts: TypeScript, node: TS.Node | undefined): string | undefined {
  if (node === undefined) return undefined
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  return undefined
}

export function isFunctionLiteral(ts: TypeScript, node: TS.Node): node is TS.ArrowFunction | TS.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node)
}

/** Names a binding pattern or identifier declares. */
export function bindingNames(ts: TypeScript, name: TS.BindingName, out: string[] = []): string[] {
  if (ts.isIdentifier(name)) out.push(name.text)
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(ts, element.name, out)
  return out
}

/** Pairs of (imported name, local name) a destructuring pattern binds, e.g. `{ it: myIt }`. */
export function destructured(ts: TypeScript, name: TS.BindingName): Array<[string, string]> {
  if (!ts.isObjectBindingPattern(name)) return []
  const pairs: Array<[string, string]> = []
  for (const element of name.elements) {
    if (!ts.isIdentifier(element.name)) continue
    const imported = element.propertyName !== undefined && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text
    pairs.push([imported, element.name.text])
  }
  return pairs
}

/** chai's language chains and expect's promise modifiers: they do not change what is compared. */
export const LANGUAGE_CHAINS: ReadonlySet<string> = new Set([
  'to',
  'be',
  'been',
  'is',
  'that',
  'which',
  'and',
  'has',
  'have',
  'with',
  'at',
  'of',
  'same',
  'but',
  'does',
  'still',
  'also',
  'resolves',
  'rejects',
  'eventually',
  'deep',
  'own',
  'nested',
  'ordered',
  'any',
  'all',
  'itself',
  'should',
  'soft',
])

/**
 * True when an assertion chain checks nothing: `expect(x)`, `should(x)`, `x.should` and
 * `chai.expect(x)` with no matcher after them, or with only language chains and `not` and no call
 * (`expect(x).to.be`). `matcher` and `outer` are what the matcher climb returned.
 */
export function checksNothing(ts: TypeScript, matcher: readonly string[], outer: TS.Node): boolean {
  if (matcher.length === 0) return true
  return !ts.isCallExpression(outer) && matcher.every((m) => m === 'not' || LANGUAGE_CHAINS.has(m))
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

export function syntaxKinds(ts: TypeScript): WalkedKinds {
  cachedKinds ??= Object.freeze(Object.fromEntries(WALKED_KINDS.map((k) => [k, ts.SyntaxKind[k]])) as unknown as WalkedKinds)
  return cachedKinds
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
