// Test and suite declarations: the test API's names and modifiers, a call turned into a TestFact,
// and skips (literal, environment-dependent, carried by an alias or written inline).
import type * as TS from 'typescript'
import type { TypeScript } from '../typescript.js'
import type { AliasSkip, Chain, Resolve, TestFact } from './facts.js'
import { chainOf, isFunctionLiteral, stringValue, bindingNames, unwrap } from './syntax.js'

/** Globals and test-API exports that declare a test; the `x` forms are skipped and `fit` is focused (Jasmine/Jest). */
export const TEST_NAMES = new Set(['it', 'test', 'specify', 'xit', 'xtest', 'xspecify', 'fit'])
/** Globals and test-API exports that declare a suite (Mocha's `context` and `suite` included); `x` skipped, `f` focused. */
export const SUITE_NAMES = new Set(['describe', 'suite', 'context', 'xdescribe', 'xcontext', 'fdescribe', 'xsuite'])
/** Modifiers a test or suite call chain may carry (vitest, jest, mocha, Playwright). */
export const MODIFIERS = new Set([
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
export const SUITE_SEGMENTS = new Set(['describe', 'suite'])

export function enclosingSuiteCallback(ts: TypeScript, node: TS.Node, tests: readonly TestFact[]): TS.Node | undefined {
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

/** The function literal holding a test's body (also inside a wrapper call), or the name of the function passed instead. */
function callbackOf(
  ts: TypeScript,
  sf: TS.SourceFile,
  args: readonly TS.Expression[],
): { callback?: TS.ArrowFunction | TS.FunctionExpression; callbackName?: string } {
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
  return { ...(callback === undefined ? {} : { callback }), ...(callbackName === undefined ? {} : { callbackName }) }
}

/**
 * The test or suite a call declares, with its modifiers and skips resolved (`carried` holds an
 * alias's skip and, for an inline conditional callee, its resolved chain), or undefined when the
 * call declares none (the inner call of `it.each([])(…)`, a chain with a foreign member, no title).
 */
export function toTestFact(
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
  const { callback, callbackName } = callbackOf(ts, sf, args)
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
export function skipAliasOf(
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
