// Test-fitting across a range: each test file's old and new versions summarised from their syntax,
// tests matched old ↔ new by title path (then across files, then by body), assertions compared
// one by one. Pure functions; the test-mutation gate feeds them file versions and the pairing.
import type * as TS from 'typescript'
import type { Severity } from '../findings/types.js'
import { isFunctionLiteral, unwrap, type AnalysedFile, type AssertionFact, type FunctionFact, type TestFact } from './analyse.js'
import { compact, foldFacts, foldsInto, snapshotText, type FoldFacts } from './folds.js'
import { mutationFinding, TEST_MUTATION_RULES, type MutationFinding } from './mutation-rules.js'
import { assertingFunctions, callbackMayNotRun, fails, isTypeLevelTest, rangeAsserts } from './rules.js'
import { assertionStrength, expectedValueOf, finalMatcher, sameMatcherWeakened, strengthLabel, type ExpectedValue } from './strength.js'
import type { TypeScript } from './typescript.js'

export { TEST_MUTATION_RULES, type MutationFinding, type TestMutationRuleId } from './mutation-rules.js'

// ---------------------------------------------------------------------------------------------
// summaries: what is kept of a file version once its AST is dropped

/** One assertion of a test, reduced to comparable keys. Lines and columns are 1-based. */
export interface AssertionSummary {
  line: number
  column: number
  endLine: number
  endColumn: number
  /** The assertion's text, whitespace collapsed, cut at 100 characters. */
  text: string
  /** Tokens of the whole assertion; equal keys mean an unchanged assertion. */
  key: string
  /** Tokens of the value under test (`expect(x)`'s x), or of the whole assertion when it has none. */
  actual: string
  /** `actual` with identifiers masked: equal shapes mean a rename (`sum(1, 2)` ↔ `add(1, 2)`). */
  actualShape: string
  /** Identifiers in the value under test. */
  actualNames: string[]
  /** Final matcher and negation, e.g. `not.toBe`; '' when there is none. */
  matcher: string
  matcherName: string | undefined
  strength: number | undefined
  /** Tokens of the expected values, one entry per argument. */
  expected: string[][]
  /** Literal facts of the expected arguments (regex, text, number, object keys). */
  expectedValues: ExpectedValue[]
  /** Why the assertion may not fail the test: a swallowing try, a condition (normalised text each). */
  guards: string[]
  inlineSnapshot: boolean
  /** An HTTP assertion chain's `.expect(…)` (supertest, superagent, chai-http). */
  http: boolean
  /** For telling assertions folded into one over their parent from deleted ones (see folds.ts). */
  fold: FoldFacts
  /**
   * Where the test calls the same-file helper this assertion was followed into (the outermost call's
   * offset): the assertions of one call share it, and are judged together (see strongestOfCall).
   * Undefined for the test's own assertions.
   */
  helperCall?: number
}

/** One test or suite of a file version, keyed for matching old ↔ new; `line` and `column` are 1-based. */
export interface TestSummary {
  kind: 'test' | 'suite'
  /** Titles of the enclosing suites, then the test's own. */
  titlePath: string[]
  /** `titlePath` joined with ' › ', plus `#n` for the n-th (n ≥ 2) test of the same path in the file. */
  key: string
  title: string
  line: number
  column: number
  /** How it is skipped, or undefined (see TestFact.skipped); also set when an enclosing suite is skipped. */
  skipped: string | undefined
  /** Set when the skip comes from the test's own call (not an enclosing suite). */
  ownSkip: boolean
  /** A skip conditioned on the environment (`skipIf(process.env.CI)`, see TestFact.environmentSkip), own or an enclosing suite's. */
  environmentSkip: string | undefined
  /** Set when the environment skip is the test's own. */
  ownEnvironmentSkip: boolean
  assertions: AssertionSummary[]
  /** Assertions of any kind, following helpers and the hooks in scope (0 means mock-integrity's no-assertions). */
  checks: number
  /** Checks that pin a value (strength ≥ 2, or unknown matchers and helpers). */
  valueChecks: number
  /** A type-level test or one whose body is a named function: density is not judged. */
  opaque: boolean
  /** Identifiers of the test's body. */
  names: string[]
  /**
   * How the body reads the file's module bindings ({@link FileSummary.moduleBindings}): `member` is
   * the property read (`utils.flatten` → `flatten`), undefined when the binding is used whole.
   */
  moduleReads: Array<{ local: string; member: string | undefined }>
}

/** One version of a test file as the detector compares it, AST dropped; `parsed` false when it had syntax errors (then compared as absent). */
export interface FileSummary {
  path: string
  tests: TestSummary[]
  /** Every identifier of the file (for telling a rename from a changed value). */
  names: Set<string>
  /** Names the file imports from modules other than the test API and assertion libraries: the code its tests reach. */
  importedNames: Set<string>
  /** Local name → the module and export it is bound to (`*` for the whole module), for the imports counted in `importedNames`. */
  moduleBindings: Map<string, { specifier: string; imported: string }>
  /** Commented-out test declarations: normalised text and 1-based line. */
  commented: Array<{ key: string; title: string; line: number }>
  parsed: boolean
}

/**
 * A helper's parameters bound to the arguments of one call (`check(10)` → `want` is `10`), so an
 * assertion followed into the helper compares by the values the test passed. Tokens are computed
 * under the caller's own binding, so nested helpers compose.
 */
export type Binding = ReadonlyMap<string, { tokens: string[]; masked: string[]; node: TS.Expression | undefined }>

/**
 * Tokens of a piece of source: strings in one quote style, whitespace and trailing commas dropped;
 * with `binding`, a bound parameter's name (not a property name after `.`) becomes its argument's tokens.
 */
export function tokensOf(ts: TypeScript, text: string, mask = false, binding?: Binding): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text)
  const out: string[] = []
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const bound =
      kind === ts.SyntaxKind.Identifier && binding !== undefined && out.at(-1) !== '.' && out.at(-1) !== '?.' ? binding.get(scanner.getTokenText()) : undefined
    if (bound !== undefined) out.push(...(mask ? bound.masked : bound.tokens))
    else if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) out.push(JSON.stringify(scanner.getTokenValue()))
    else if (kind === ts.SyntaxKind.Identifier) out.push(mask ? '\u0000id' : scanner.getTokenText())
    else if (
      (kind === ts.SyntaxKind.CloseBracketToken || kind === ts.SyntaxKind.CloseBraceToken || kind === ts.SyntaxKind.CloseParenToken) &&
      out.at(-1) === ','
    )
      out[out.length - 1] = scanner.getTokenText()
    else out.push(scanner.getTokenText())
  }
  return out
}

/** Every identifier token of a piece of source, in order (TypeScript's scanner; comments and strings skipped). */
export function identifiersOf(ts: TypeScript, text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text)
  const out: string[] = []
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan())
    if (kind === ts.SyntaxKind.Identifier) out.push(scanner.getTokenText())
  return out
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/
const COMMENTED_TEST = /^\s*(?:\/\/+|\/\*+|\*)\s*((?:it|test|describe|specify|context|suite|xit|xtest|fit)(?:\.\w+)*\s*\(\s*(['"`])(.*?)\2)/
const INLINE_SNAPSHOTS = new Set(['toMatchInlineSnapshot', 'toThrowErrorMatchingInlineSnapshot'])

/** Marks a guard that only picks cases of a table test (`test.each`): the assertion still runs for the others. */
const CASE_GUARD = 'case: '

/**
 * True when `condition` reads nothing but the parameters of `boundary`, a `test.each(table)(…)`
 * callback, and literals (`if (key !== "__proto__")`): it selects rows of the table, so an
 * assertion under it still runs for every other row. A call can read anything, so it is no such condition.
 */
function isCaseCondition(ts: TypeScript, condition: TS.Expression, boundary: TS.Node): boolean {
  if (!(ts.isArrowFunction(boundary) || ts.isFunctionExpression(boundary)) || !ts.isCallExpression(boundary.parent)) return false
  const tester = boundary.parent.expression
  const table = ts.isCallExpression(tester) ? tester.expression : ts.isTaggedTemplateExpression(tester) ? tester.tag : undefined
  if (table === undefined || !ts.isPropertyAccessExpression(table) || table.name.text !== 'each') return false
  const parameters = new Set(boundary.parameters.flatMap((p) => bindingIdentifiers(ts, p.name)))
  let readsParameter = false
  let onlyParameters = true
  const visit = (node: TS.Node): void => {
    if (!onlyParameters) return
    if (ts.isIdentifier(node)) {
      if (parameters.has(node.text)) readsParameter = true
      else if (node.text !== 'undefined') onlyParameters = false
    } else if (ts.isPropertyAccessExpression(node)) visit(node.expression)
    else if (ts.isCallExpression(node) || ts.isFunctionLike(node)) onlyParameters = false
    else ts.forEachChild(node, visit)
  }
  visit(condition)
  return onlyParameters && readsParameter
}

function bindingIdentifiers(ts: TypeScript, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text]
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingIdentifiers(ts, e.name)))
}

/** Why an assertion inside `boundary` may not fail its test: a swallowing try/catch, conditions. */
function guardsOf(file: AnalysedFile, asserting: ReadonlySet<string>, assertion: AssertionFact, boundary: TS.Node): string[] {
  const { ts } = file
  const guards: string[] = []
  let child: TS.Node = assertion.outer ?? assertion.node!
  for (let parent = child.parent; parent !== undefined && child !== boundary; child = parent, parent = parent.parent) {
    if (ts.isTryStatement(parent) && child === parent.tryBlock && parent.catchClause !== undefined) {
      const handler = parent.catchClause.block
      if (!fails(ts, handler) && !rangeAsserts(file, asserting, handler.pos, handler.end)) guards.push('try/catch that swallows the failure')
    } else if (ts.isIfStatement(parent) && child !== parent.expression) {
      const which = isCaseCondition(ts, parent.expression, boundary) ? CASE_GUARD : ''
      guards.push(`${which}${child === parent.thenStatement ? 'if' : 'else of'} (${parent.expression.getText(file.sf).replace(/\s+/g, ' ')})`)
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      guards.push(`ternary on ${parent.condition.getText(file.sf).replace(/\s+/g, ' ')}`)
    } else if (ts.isBinaryExpression(parent) && child === parent.right) {
      const op = parent.operatorToken.kind
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        guards.push(`${parent.left.getText(file.sf).replace(/\s+/g, ' ')} ${ts.tokenToString(op)}`)
      }
    } else if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'catch') {
      // promise.then(() => expect(…)).catch(() => {}): the rejection of the assertion is swallowed.
      const handler = parent.arguments[0]
      if (handler !== undefined && child === parent.expression && !fails(ts, handler) && !rangeAsserts(file, asserting, handler.pos, handler.end))
        guards.push('.catch() that swallows the failure')
    } else if ((ts.isArrowFunction(parent) || ts.isFunctionExpression(parent)) && parent !== boundary) {
      const why = callbackMayNotRun(ts, parent, boundary)
      if (why !== undefined) guards.push(why)
    }
  }
  return guards
}

/** True for one function literal, or one call of a same-file asserting function: an HTTP `.expect(…)` whose checks are its own assertions. */
function checksInside(ts: TypeScript, asserting: ReadonlySet<string>, expected: readonly TS.Expression[]): boolean {
  if (expected.length !== 1) return false
  const e = unwrap(ts, expected[0]!)
  return isFunctionLiteral(ts, e) || (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && asserting.has(e.expression.text))
}

/** String, number and regex literals inside an expression: what `assert(help.includes('…'))` pins. */
function literalsIn(ts: TypeScript, node: TS.Node, out: TS.Expression[] = []): TS.Expression[] {
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || ts.isRegularExpressionLiteral(node)) out.push(node)
  else ts.forEachChild(node, (child) => void literalsIn(ts, child, out))
  return out
}

function summariseAssertion(
  file: AnalysedFile,
  asserting: ReadonlySet<string>,
  assertion: AssertionFact,
  boundary: TS.Node,
  binding?: Binding,
): AssertionSummary {
  const { ts, sf } = file
  const outer = assertion.outer ?? assertion.node!
  const start = file.position(outer.getStart(sf))
  const end = file.position(outer.getEnd())
  const whole = outer.getText(sf)
  const final = finalMatcher(assertion.matcher)
  const negated = final.negated
  let name = final.name
  let actualNode = assertion.actual === undefined ? undefined : unwrap(ts, assertion.actual)
  let expected = assertion.expected
  // `.expect(function (res) { … })` and `.expect(checkHeaders('Set-Cookie', [...]))` (a same-file
  // asserting helper, or a factory of the function supertest calls): what they check are the
  // assertions inside, compared one by one; the function itself is no expected value.
  if (assertion.style === 'http' && checksInside(ts, asserting, expected)) {
    name = 'callback'
    expected = []
  }
  // `assert.ok(a === b)` and `expect(a === b).toBe(true)` compare a with b, as `strictEqual(a, b)` does.
  const truthy =
    !negated && (name === 'ok' || name === 'toBeTruthy' || name === 'true' || (expected.length === 1 && expected[0]!.kind === ts.SyntaxKind.TrueKeyword))
  const comparison =
    truthy &&
    actualNode !== undefined &&
    ts.isBinaryExpression(actualNode) &&
    (actualNode.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || actualNode.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)
  if (comparison && ts.isBinaryExpression(actualNode!)) {
    expected = [actualNode.right]
    actualNode = unwrap(ts, actualNode.left)
  } else if (truthy && actualNode !== undefined) {
    // `assert(help.includes('Allowed choices'))`: the literals inside are its expected values.
    const literals = literalsIn(ts, actualNode)
    if (literals.length > 0) expected = literals
  }
  const actualText = actualNode === undefined ? whole : actualNode.getText(sf)
  const valueOf = (e: TS.Expression): ExpectedValue => {
    const inner = unwrap(ts, e)
    const bound = ts.isIdentifier(inner) ? binding?.get(inner.text)?.node : undefined
    return expectedValueOf(ts, bound ?? e)
  }
  const actualTokens = tokensOf(ts, actualText, false, binding)
  const inlineSnapshot = name !== undefined && INLINE_SNAPSHOTS.has(name)
  const expectedTokens = expected.map((e) => {
    // An inline snapshot compares as vitest reads it: a re-indented snapshot is the same one.
    const inner = unwrap(ts, e)
    if (inlineSnapshot && ts.isNoSubstitutionTemplateLiteral(inner)) return [JSON.stringify(snapshotText(inner.text))]
    return tokensOf(ts, e.getText(sf), false, binding)
  })
  return {
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    text: cut(whole.replace(/\s+/g, ' '), 100),
    key: tokensOf(ts, whole, false, binding).join(' '),
    actual: actualTokens.join(' '),
    actualShape: tokensOf(ts, actualText, true, binding).join(' '),
    actualNames: binding === undefined ? identifiersOf(ts, actualText) : actualTokens.filter((t) => IDENTIFIER.test(t)),
    matcher: name === undefined ? '' : `${negated ? 'not.' : ''}${name}`,
    matcherName: name,
    strength: assertionStrength(ts, assertion),
    expected: expectedTokens,
    expectedValues: expected.map(valueOf),
    guards: guardsOf(file, asserting, assertion, boundary),
    inlineSnapshot,
    http: assertion.style === 'http',
    fold: foldFacts(ts, name, negated, actualNode, expected, expectedTokens),
  }
}

/** The call expression whose callee is the identifier starting at `pos` (an identCalls entry), or undefined. */
function callAt(file: AnalysedFile, pos: number, within: TS.Node): TS.CallExpression | undefined {
  const { ts } = file
  let found: TS.CallExpression | undefined
  const visit = (node: TS.Node): void => {
    if (found !== undefined || pos < node.pos || pos >= node.end) return
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.pos === pos) found = node
    else ts.forEachChild(node, visit)
  }
  visit(within)
  return found
}

/** The name of the same-file helper an assertion of style `helper` calls (`expectFixAccepted(…)`), when it is one. */
function helperCallee(file: AnalysedFile, assertion: AssertionFact, helpers: ReadonlyMap<string, FunctionFact>): string | undefined {
  const node = assertion.node
  if (assertion.style !== 'helper' || node === undefined || !file.ts.isCallExpression(node) || !file.ts.isIdentifier(node.expression)) return undefined
  return helpers.has(node.expression.text) ? node.expression.text : undefined
}

/**
 * The assertions in [pos, end) of `scope`, with those of the same-file asserting helpers it calls
 * followed in place of the calls (transitively; a helper already on the path is not entered
 * again). A followed assertion also carries the guards around its call site, so an assertion
 * moved into a helper compares as the same assertion, and a helper called under an \`if\` is
 * still conditional.
 */
function assertionsReached(
  file: AnalysedFile,
  asserting: ReadonlySet<string>,
  helpers: ReadonlyMap<string, FunctionFact>,
  scope: TS.Node,
  range: { pos: number; end: number },
  path: ReadonlySet<string>,
  callGuards: readonly string[],
  binding?: Binding,
): AssertionSummary[] {
  const out: Array<{ pos: number; summary: AssertionSummary }> = []
  const follow = (name: string, node: TS.Node): void => {
    const helper = helpers.get(name)!
    const guards = [
      ...callGuards,
      ...guardsOf(file, asserting, { style: 'helper', pos: node.pos, end: node.end, matcher: [], expected: [], node, outer: node }, scope),
    ]
    const inner = bindArguments(file, helper, node, binding)
    // The outermost call is set last: every assertion it reaches, through nested helpers too, shares it.
    for (const summary of assertionsReached(file, asserting, helpers, file.sf, helper, new Set([...path, name]), guards, inner))
      out.push({ pos: node.pos, summary: { ...summary, helperCall: node.pos } })
  }
  for (const a of file.assertions) {
    if (a.pos < range.pos || a.end > range.end || a.style === 'type') continue
    // `expectFixAccepted(…)` reads as an assertion by its name; when it is the file's own helper, its assertions count instead.
    const callee = helperCallee(file, a, helpers)
    if (callee !== undefined) {
      if (!path.has(callee)) follow(callee, a.node!)
      continue
    }
    const summary = summariseAssertion(file, asserting, a, scope, binding)
    out.push({ pos: a.pos, summary: callGuards.length === 0 ? summary : { ...summary, guards: [...callGuards, ...summary.guards] } })
  }
  for (const call of file.identCalls) {
    if (call.pos < range.pos || call.pos >= range.end || !helpers.has(call.name) || path.has(call.name)) continue
    const node = callAt(file, call.pos, scope)
    if (node !== undefined) follow(call.name, node)
  }
  return out.sort((x, y) => x.pos - y.pos).map((x) => x.summary)
}

const functionNodes = new WeakMap<TS.SourceFile, Map<string, TS.SignatureDeclaration>>()

/** The function node a FunctionFact describes (a declaration or a function literal), by its range. */
function functionNode(file: AnalysedFile, fact: FunctionFact): TS.SignatureDeclaration | undefined {
  const { ts } = file
  let nodes = functionNodes.get(file.sf)
  if (nodes === undefined) {
    const found = new Map<string, TS.SignatureDeclaration>()
    const visit = (node: TS.Node): void => {
      if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) found.set(`${node.pos}:${node.end}`, node)
      ts.forEachChild(node, visit)
    }
    visit(file.sf)
    nodes = found
    functionNodes.set(file.sf, nodes)
  }
  return nodes.get(`${fact.pos}:${fact.end}`)
}

/** The helper's identifier parameters bound to the call's arguments (or their defaults), under the caller's binding. */
function bindArguments(file: AnalysedFile, helper: FunctionFact, call: TS.Node, outer: Binding | undefined): Binding | undefined {
  const { ts, sf } = file
  const fn = functionNode(file, helper)
  if (fn === undefined || !ts.isCallExpression(call) || fn.parameters.length === 0) return undefined
  const binding = new Map<string, { tokens: string[]; masked: string[]; node: TS.Expression | undefined }>()
  for (const [i, parameter] of fn.parameters.entries()) {
    const argument = call.arguments[i]
    if (!ts.isIdentifier(parameter.name) || parameter.dotDotDotToken !== undefined || (argument !== undefined && ts.isSpreadElement(argument))) break
    const value = argument ?? parameter.initializer
    if (value === undefined) continue
    const text = value.getText(sf)
    const inner = unwrap(ts, value)
    const node = ts.isIdentifier(inner) && outer?.has(inner.text) === true ? outer.get(inner.text)!.node : value
    binding.set(parameter.name.text, { tokens: tokensOf(ts, text, false, outer), masked: tokensOf(ts, text, true, outer), node })
  }
  return binding.size === 0 ? undefined : binding
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** The suites enclosing a test, outermost first. */
function suitesOf(ts: TypeScript, test: TestFact, suiteByCallback: ReadonlyMap<TS.Node, TestFact>): TestFact[] {
  const out: TestFact[] = []
  for (let node: TS.Node | undefined = test.node.parent; node !== undefined; node = node.parent) {
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const suite = suiteByCallback.get(node)
      if (suite !== undefined) out.unshift(suite)
    }
  }
  return out
}

/**
 * Summarises one analysed test file version: its tests and suites with title paths and
 * assertions, its identifiers and its commented-out tests; nothing in it points into the AST.
 */
export function summariseTestFile(file: AnalysedFile, text: string): FileSummary {
  const { ts } = file
  const parsed = file.parseErrors.length === 0
  const asserting = assertingFunctions(file)
  const helpers = new Map(file.functions.filter((f) => asserting.has(f.name)).map((f) => [f.name, f]))
  const suiteByCallback = new Map<TS.Node, TestFact>()
  for (const t of file.tests) if (t.kind === 'suite' && t.callback !== undefined) suiteByCallback.set(t.callback, t)
  // The code the tests reach: names imported from modules other than the test API and assertion libraries.
  const imports = file.imports.filter((i) => !i.typeOnly && !file.apiModules.has(i.specifier) && i.kind !== 'export-from')
  const importedNames = new Set(imports.flatMap((i) => i.names))
  const moduleBindings = new Map(imports.flatMap((i) => (i.bindings ?? []).map((b) => [b.local, { specifier: i.specifier, imported: b.imported }] as const)))
  const seen = new Map<string, number>()
  const tests: TestSummary[] = []
  for (const test of file.tests) {
    const suites = suitesOf(ts, test, suiteByCallback)
    const titlePath = [...suites.map((s) => s.title), test.title]
    const base = titlePath.join(' › ')
    const n = (seen.get(`${test.kind}:${base}`) ?? 0) + 1
    seen.set(`${test.kind}:${base}`, n)
    const inherited = suites.find((s) => s.skipped !== undefined)
    const environmentSkip = test.environmentSkip ?? suites.find((s) => s.environmentSkip !== undefined)?.environmentSkip
    const position = file.position(test.node.getStart(file.sf))
    const cb = test.callback
    const assertions = cb === undefined || test.kind === 'suite' ? [] : assertionsReached(file, asserting, helpers, cb, cb, new Set(), [])
    // Asserting functions that are not followed (none today: asserting ones are the file's own) count once per call.
    let helperCalls = 0
    if (cb !== undefined && test.kind === 'test')
      for (const call of file.identCalls) if (call.pos >= cb.pos && call.pos < cb.end && asserting.has(call.name) && !helpers.has(call.name)) helperCalls++
    const hooked = file.hooks.some((h) => test.node.pos >= h.scopePos && test.node.pos < h.scopeEnd && rangeAsserts(file, asserting, h.pos, h.end))
    const valueChecks = assertions.filter((a) => a.strength === undefined || a.strength >= 2).length + helperCalls + (hooked ? 1 : 0)
    const typeChecks = cb === undefined ? 0 : file.assertions.filter((a) => a.pos >= cb.pos && a.end <= cb.end && a.style === 'type').length
    tests.push({
      kind: test.kind,
      titlePath,
      key: n === 1 ? base : `${base} #${n}`,
      title: test.title,
      line: position.line,
      column: position.column,
      skipped: test.skipped ?? inherited?.skipped,
      ownSkip: test.skipped !== undefined,
      environmentSkip,
      ownEnvironmentSkip: test.environmentSkip !== undefined,
      assertions,
      checks: assertions.length + helperCalls + (hooked ? 1 : 0) + typeChecks,
      valueChecks: valueChecks + typeChecks,
      opaque: test.kind === 'test' && (test.callbackName !== undefined || isTypeLevelTest(file, test) || typeChecks > 0),
      names: cb === undefined || test.kind === 'suite' ? [] : [...new Set(identifiersOf(ts, cb.getText(file.sf)))],
      moduleReads: cb === undefined || test.kind === 'suite' ? [] : moduleReadsOf(ts, cb, moduleBindings),
    })
  }
  const commented: FileSummary['commented'] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const match = COMMENTED_TEST.exec(lines[i]!)
    if (match !== null) commented.push({ key: match[1]!.replace(/\s+/g, ''), title: match[3]!, line: i + 1 })
  }
  return { path: file.path, tests, names: new Set(identifiersOf(ts, text)), importedNames, moduleBindings, commented, parsed }
}

/** How `scope` reads the module bindings: each `local.member` (or `local['member']`), and each use of a binding whole. */
function moduleReadsOf(ts: TypeScript, scope: TS.Node, bindings: ReadonlyMap<string, { specifier: string; imported: string }>): TestSummary['moduleReads'] {
  const reads = new Map<string, { local: string; member: string | undefined }>()
  if (bindings.size === 0) return []
  const visit = (node: TS.Node, parent: TS.Node): void => {
    if (ts.isIdentifier(node) && bindings.has(node.text)) {
      // A property name or a key with the same spelling is not the binding.
      if ((ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node)) return
      let member: string | undefined
      if (ts.isPropertyAccessExpression(parent) && parent.expression === node) member = parent.name.text
      else if (ts.isElementAccessExpression(parent) && parent.expression === node && ts.isStringLiteralLike(parent.argumentExpression))
        member = parent.argumentExpression.text
      reads.set(`${node.text}\0${member ?? ''}`, { local: node.text, member })
      return
    }
    ts.forEachChild(node, (child) => visit(child, node))
  }
  visit(scope, scope)
  return [...reads.values()]
}

// ---------------------------------------------------------------------------------------------
// matching and comparison

/** A changed test file: versions at the base and under test (null when absent, undefined when not a test file there). */
export interface TestFilePair {
  oldPath?: string
  newPath?: string
  old?: FileSummary
  new?: FileSummary
}

/** A changed snapshot file (`__snapshots__/x.test.ts.snap`). */
export interface SnapshotPair {
  path: string
  oldText: string
  newText: string
  /** The test file the snapshots belong to, when it exists. */
  testPath?: string
}

/** What the detector knows about the range around the test files. */
export interface MutationEnvironment {
  /** Changed implementation files the test file reaches through its imports or names; empty when none. */
  pairedChanges(testPath: string): readonly string[]
  /** True when any implementation file changed in the range. */
  implementationChanged: boolean
  /** Behaviour changes declared (commit trailers, a PR label) for the commits that touched `path`. */
  declared(path: string): readonly string[]
  /** low-assertion-density floor. */
  minAssertions: number
  /** The trailer name, for messages (`Behavior-Change`). */
  trailer: string
  /** True when a deleted test file's implementation was deleted with it (the tests went with their code). */
  deletedWithCode(oldTestPath: string): boolean
  /**
   * Identifiers the range removed from the implementation: in a changed file's base version and
   * not in its new version (`promise` when a feature's field is removed). Read for the keys an
   * expected object lost.
   */
  removedNames: ReadonlySet<string>
  /** Identifiers in a changed file's base version and in no changed file's new version: an API gone everywhere. Read for deleted assertions and tests. */
  removedEverywhere: ReadonlySet<string>
  /**
   * The exports (see module-exports.ts) the range removed from the module `specifier` names in test
   * file `testPath` (its base path); empty when it names no changed implementation file. Read for
   * deleted tests: `utils.flatten` read from `require('../lib/utils')` went with `exports.flatten`.
   */
  removedExports(testPath: string, specifier: string): ReadonlySet<string>
}

interface Located {
  file: TestFilePair
  test: TestSummary
}

/** Assertion-shape multiset similarity of two tests' bodies, 0..1. */
function similarity(a: TestSummary, b: TestSummary): number {
  if (a.assertions.length === 0 || b.assertions.length === 0) return 0
  const counts = new Map<string, number>()
  for (const x of a.assertions) counts.set(`${x.actualShape}|${x.matcher}`, (counts.get(`${x.actualShape}|${x.matcher}`) ?? 0) + 1)
  let common = 0
  for (const y of b.assertions) {
    const k = `${y.actualShape}|${y.matcher}`
    const c = counts.get(k) ?? 0
    if (c > 0) {
      common++
      counts.set(k, c - 1)
    }
  }
  return common / Math.max(a.assertions.length, b.assertions.length)
}

/** Word overlap (Jaccard) of two tests' title paths, 0..1: a reworded title. */
function titleSimilarity(a: TestSummary, b: TestSummary): number {
  const words = (t: TestSummary): Set<string> =>
    new Set(
      t.titlePath
        .join(' ')
        .toLowerCase()
        .split(/[^\p{L}\p{N}_$.]+/u)
        .filter((w) => w !== ''),
    )
  const x = words(a)
  const y = words(b)
  const common = [...x].filter((w) => y.has(w)).length
  return common === 0 ? 0 : common / (x.size + y.size - common)
}

/**
 * Matches old tests to new ones: the same title path in the same (or renamed) file; then the same
 * title path in another changed file (a test moved between files), when unique on both sides;
 * then, in the same file, the most similar body (a renamed title), at least half alike; then the
 * most similar title (a reworded one), at least 60% of words shared.
 */
export function matchTests(files: readonly TestFilePair[]): { pairs: Array<[Located, Located]>; removed: Located[]; added: Located[] } {
  const olds: Located[] = []
  const news: Located[] = []
  for (const file of files) {
    for (const test of file.old?.tests ?? []) olds.push({ file, test })
    for (const test of file.new?.tests ?? []) news.push({ file, test })
  }
  const pairs: Array<[Located, Located]> = []
  const usedOld = new Set<Located>()
  const usedNew = new Set<Located>()
  const take = (o: Located, n: Located): void => {
    pairs.push([o, n])
    usedOld.add(o)
    usedNew.add(n)
  }
  const newByFileKey = new Map<string, Located>()
  for (const n of news) newByFileKey.set(`${n.file.newPath}\0${n.test.kind}\0${n.test.key}`, n)
  for (const o of olds) {
    const n = newByFileKey.get(`${o.file.newPath}\0${o.test.kind}\0${o.test.key}`)
    if (n !== undefined && n.file === o.file && !usedNew.has(n)) take(o, n)
  }
  const unique = (list: Located[]): Map<string, Located> => {
    const byKey = new Map<string, Located | null>()
    for (const x of list) {
      const k = `${x.test.kind}\0${x.test.key}`
      byKey.set(k, byKey.has(k) ? null : x)
    }
    return new Map([...byKey].filter((e): e is [string, Located] => e[1] !== null))
  }
  const restNew = unique(news.filter((n) => !usedNew.has(n)))
  for (const [k, o] of unique(olds.filter((o) => !usedOld.has(o)))) {
    const n = restNew.get(k)
    if (n !== undefined) take(o, n)
  }
  for (const alike of [similarity, titleSimilarity]) {
    for (const file of files) {
      const leftOld = olds.filter((o) => o.file === file && !usedOld.has(o) && o.test.kind === 'test')
      const leftNew = news.filter((n) => n.file === file && !usedNew.has(n) && n.test.kind === 'test')
      for (const o of leftOld) {
        let best: Located | undefined
        let score = alike === similarity ? 0.5 : 0.6
        for (const n of leftNew) {
          if (usedNew.has(n)) continue
          const s = alike(o.test, n.test)
          if (s >= score) {
            best = n
            score = s
          }
        }
        if (best !== undefined) take(o, best)
      }
    }
  }
  return { pairs, removed: olds.filter((o) => !usedOld.has(o)), added: news.filter((n) => !usedNew.has(n)) }
}

/** True when two token lists differ only in identifiers renamed across the files (`oldNames` lost them, `newNames` gained them). */
function renamedOnly(before: readonly string[], after: readonly string[], oldNames: ReadonlySet<string>, newNames: ReadonlySet<string>): boolean {
  if (before.length !== after.length) return false
  for (let i = 0; i < before.length; i++) {
    const b = before[i]!
    const a = after[i]!
    if (a === b) continue
    if (!IDENTIFIER.test(a) || !IDENTIFIER.test(b) || newNames.has(b) || oldNames.has(a)) return false
  }
  return true
}

type AssertionPair = [AssertionSummary, AssertionSummary]

/** The keys an expected object lost (the rest unchanged) when every one of them was removed from the implementation; else []. */
function droppedRemovedKeys(before: readonly ExpectedValue[], after: readonly ExpectedValue[], removed: ReadonlySet<string>): string[] {
  if (before.length !== 1 || after.length !== 1) return []
  const b = before[0]!.entries
  const a = after[0]!.entries
  if (b === undefined || a === undefined) return []
  if (!Object.entries(a).every(([k, v]) => b[k] === v)) return []
  const dropped = Object.keys(b).filter((k) => !(k in a))
  return dropped.length > 0 && dropped.every((k) => removed.has(k)) ? dropped : []
}

/** True when the new expected value keeps everything the old one pinned: the old object's entries unchanged, or a regex. */
function tightenedOnly(before: readonly ExpectedValue[], after: readonly ExpectedValue[]): boolean {
  const b = before[0]
  const a = after[0]
  if (b?.regex !== undefined && a?.regex !== undefined) return true
  if (b?.entries === undefined || a?.entries === undefined) return false
  return Object.entries(b.entries).every(([k, v]) => a.entries![k] === v)
}

/** True when an inline snapshot's text is the value the other assertion pins (object keys compared unquoted). */
function sameSnapshotValue(snapshot: AssertionSummary, other: AssertionSummary): boolean {
  const unquoteKeys = (text: string): string => text.replace(/"([A-Za-z_$][\w$]*)":/g, '$1:')
  const text = snapshot.fold.containerText
  const pinned = other.fold.pinned
  return text !== undefined && pinned !== undefined && unquoteKeys(text) === unquoteKeys(compact(pinned))
}

/**
 * Pairs the assertions of a matched test: unchanged ones first (same tokens), then the same value
 * under test, then the same shape (a renamed call), then assertions folded into a new or changed
 * one over their parent (`folded`, neither removed nor added), then a shared name (`result` → `typeof result`).
 */
export function pairAssertions(
  before: readonly AssertionSummary[],
  after: readonly AssertionSummary[],
): { pairs: AssertionPair[]; unchanged: AssertionPair[]; folded: AssertionPair[]; removed: AssertionSummary[]; added: AssertionSummary[] } {
  const usedB = new Set<AssertionSummary>()
  const usedA = new Set<AssertionSummary>()
  const unchanged: AssertionPair[] = []
  const pairs: AssertionPair[] = []
  const pass = (same: (b: AssertionSummary, a: AssertionSummary) => boolean, into: AssertionPair[]): void => {
    for (const b of before) {
      if (usedB.has(b)) continue
      const a = after.find((x) => !usedA.has(x) && same(b, x))
      if (a === undefined) continue
      usedB.add(b)
      usedA.add(a)
      into.push([b, a])
    }
  }
  pass((b, a) => b.key === a.key, unchanged)
  pass((b, a) => b.actual === a.actual && b.matcher === a.matcher, pairs)
  // A call with no matcher (an imported `expectX` helper) has no expected value to compare: it only
  // pairs with the very same text, never as "the expected value changed to nothing".
  const comparable = (b: AssertionSummary, a: AssertionSummary): boolean => b.matcher !== '' && a.matcher !== ''
  pass((b, a) => b.actual === a.actual && comparable(b, a), pairs)
  pass((b, a) => b.actualShape === a.actualShape && b.matcher === a.matcher && comparable(b, a), pairs)
  pass((b, a) => b.actualShape === a.actualShape && comparable(b, a), pairs)
  // Assertions folded into a new or changed one over their parent (`expect(r.issues[0].code).toBe(…)`
  // → `expect(r.issues).toMatchInlineSnapshot(…)` holding the same value) are still checked.
  const folded: AssertionPair[] = []
  const kept = new Set(unchanged.map(([, a]) => a))
  for (const b of before) {
    if (usedB.has(b)) continue
    const a = after.find((x) => !kept.has(x) && foldsInto(b.fold, x.fold))
    if (a === undefined) continue
    usedB.add(b)
    usedA.add(a)
    folded.push([b, a])
  }
  pass((b, a) => b.actualNames.some((n) => a.actualNames.includes(n)) && comparable(b, a), pairs)
  return { pairs, unchanged, folded, removed: before.filter((b) => !usedB.has(b)), added: after.filter((a) => !usedA.has(a)) }
}

const COMMON_CHANGE_HELP =
  "if the behaviour change is intended, declare it (a `{trailer}: <why>` commit trailer, a `feat!:`/`fix!:` subject, a changeset or changelog entry, or the pull request's label) or have a reviewer approve the pull request; otherwise fix the code, not the test"

/** Weakening is not a behaviour change (that changes the expected value), so no declaration or approval resolves it. */
const WEAKENED_HELP =
  'keep the stronger check: an intended behaviour change updates the expected value, it does not make the check weaker; if the weaker check is right, waive this finding with its reason in .proofgate/waivers.yml'

/** What the parts of the detector share: the range around the files, the findings so far, and the help for a change. */
interface Detection {
  env: MutationEnvironment
  findings: MutationFinding[]
  help: string
}

/** Severity for a rule tied to an implementation change, and the words that explain it. */
function judge(
  env: MutationEnvironment,
  rule: 'expected-value-changed' | 'assertion-weakened' | 'assertion-deleted' | 'snapshot-rewritten',
  testPath: string,
  removedApi: readonly string[] = [],
): { severity: Severity; why: string } | undefined {
  const paired = env.pairedChanges(testPath)
  const declared = rule === 'assertion-weakened' ? [] : env.declared(testPath)
  if (rule === 'snapshot-rewritten' && paired.length === 0) return undefined
  if (paired.length === 0) {
    return {
      severity: 'medium',
      why: env.implementationChanged
        ? 'while no implementation it uses changed in the range'
        : 'while no implementation changed in the range (a test-only fix)',
    }
  }
  const changed = `while ${paired.slice(0, 2).join(', ')}${paired.length > 2 ? ` and ${paired.length - 2} more` : ''} changed`
  if (declared.length > 0) return { severity: 'medium', why: `${changed}; declared behaviour change: ${declared.join('; ')}` }
  // The test followed an API the range removed: what it checked no longer exists.
  if (removedApi.length > 0)
    return {
      severity: 'medium',
      why: `${changed}, which no longer have ${removedApi
        .slice(0, 3)
        .map((n) => `\`${n}\``)
        .join(', ')}`,
    }
  return { severity: TEST_MUTATION_RULES[rule].defaultSeverity, why: changed }
}

/** A finding's 1-based range from a summary's position. */
function at(a: {
  line: number
  column: number
  endLine?: number
  endColumn?: number
}): Pick<MutationFinding, 'startLine' | 'startColumn' | 'endLine' | 'endColumn'> {
  return { startLine: a.line, startColumn: a.column, endLine: a.endLine ?? a.line, endColumn: a.endColumn ?? a.column }
}

/** Runs the test-mutation rules over the range's changed test files and snapshot files. */
export function detectTestMutation(files: readonly TestFilePair[], snapshots: readonly SnapshotPair[], env: MutationEnvironment): MutationFinding[] {
  const d: Detection = { env, findings: [], help: COMMON_CHANGE_HELP.replace('{trailer}', env.trailer) }
  const { pairs, removed, added } = matchTests(files)
  // test-disabled: commented-out tests first, so a test turned into a comment is not also "deleted".
  const commentedTitles = commentedOutTests(files, d)
  for (const [o, n] of pairs) comparePair(o, n, d)
  for (const o of removed) deletedTest(o, commentedTitles, d)
  for (const n of added) addedTest(n, d)
  for (const snap of snapshots) rewrittenSnapshots(snap, d)
  return d.findings
}

/** test-disabled for commented-out tests; returns their `path\0title` keys, so they are not also "deleted". */
function commentedOutTests(files: readonly TestFilePair[], d: Detection): Set<string> {
  const commentedTitles = new Set<string>()
  for (const file of files) {
    if (file.new === undefined || file.newPath === undefined) continue
    const before = new Map<string, number>()
    for (const c of file.old?.commented ?? []) before.set(c.key, (before.get(c.key) ?? 0) + 1)
    for (const c of file.new.commented) {
      const left = before.get(c.key) ?? 0
      if (left > 0) {
        before.set(c.key, left - 1)
        continue
      }
      commentedTitles.add(`${file.newPath}\0${c.title}`)
      d.findings.push(
        mutationFinding(
          'test-disabled',
          'commentedOut',
          { title: c.title },
          {
            severity: 'high',
            path: file.newPath,
            ...at({ line: c.line, column: 1 }),
            help: 'restore the test, or delete it in a commit that says why',
          },
        ),
      )
    }
  }
  return commentedTitles
}

/** test-disabled for a test or suite whose own call skips it: `disabled` in the range, or `addedDisabled` when it is new. */
function skipFinding(n: Located, messageId: 'disabled' | 'addedDisabled', help: string): MutationFinding {
  const data = { kind: n.test.kind === 'suite' ? 'Suite' : 'Test', title: n.test.title, skip: n.test.skipped! }
  return mutationFinding('test-disabled', messageId, data, { severity: 'high', path: n.file.newPath!, ...at(n.test), help })
}

/** Compares an old test with the new one it became: skips added, assertions swallowed, changed, weakened, lost. */
function comparePair(o: Located, n: Located, d: Detection): void {
  const path = n.file.newPath!
  // test-disabled: a skip added by the test's own call or by a suite around it (reported once, on the suite).
  if (o.test.skipped === undefined && n.test.skipped !== undefined && n.test.ownSkip) {
    d.findings.push(skipFinding(n, 'disabled', 'run it again, or delete it in a commit that says why'))
    return
  }
  // test-disabled: a skip conditioned on the environment, so the test no longer runs where the check runs.
  if (o.test.skipped === undefined && o.test.environmentSkip === undefined && n.test.environmentSkip !== undefined && n.test.ownEnvironmentSkip) {
    d.findings.push(
      mutationFinding(
        'test-disabled',
        'environmentSkip',
        { kind: n.test.kind === 'suite' ? 'Suite' : 'Test', title: n.test.title, condition: n.test.environmentSkip },
        {
          severity: 'high',
          path,
          ...at(n.test),
          help: 'let the test run everywhere, or delete it in a commit that says why',
        },
      ),
    )
    return
  }
  if (n.test.kind !== 'test' || n.test.skipped !== undefined) return
  const oldNames = o.file.old!.names
  const newNames = n.file.new!.names
  const matched = pairAssertions(o.test.assertions, n.test.assertions)
  for (const [b, a] of [...matched.unchanged, ...matched.pairs]) {
    const fresh = a.guards.filter((g) => !b.guards.includes(g))
    if (fresh.length > 0 && fresh.every((g) => g.startsWith(CASE_GUARD))) {
      // Some rows of the table no longer check it: deleted for those cases, as a behaviour change can.
      const j = judge(d.env, 'assertion-deleted', path)!
      const guards = fresh.map((g) => g.slice(CASE_GUARD.length)).join(', ')
      d.findings.push(
        mutationFinding(
          'assertion-deleted',
          'casesNarrowed',
          { assertion: a.text, title: n.test.title, guards, why: j.why },
          {
            severity: j.severity,
            path,
            ...at(a),
            help: d.help,
          },
        ),
      )
    } else if (fresh.length > 0) {
      d.findings.push(
        mutationFinding(
          'assertion-swallowed',
          'swallowed',
          { assertion: a.text, title: n.test.title, guards: fresh.join(', ') },
          {
            severity: 'high',
            path,
            ...at(a),
            help: 'keep the assertion where it always runs; assert the error explicitly (expect(fn).toThrow, expect.assertions(n))',
          },
        ),
      )
    }
  }
  for (const [b, a] of matched.pairs) compareValues(b, strongestOfCall(b, a, n.test.assertions), n.test.title, path, oldNames, newNames, d)
  const lost = matched.removed.length - matched.added.length
  if (lost > 0 && matched.removed.length > 0) {
    const gone = matched.removed.slice(0, lost)
    const removedApi = gone.every((g) => g.actualNames.some((x) => d.env.removedEverywhere.has(x)))
      ? [...new Set(gone.flatMap((g) => g.actualNames.filter((x) => d.env.removedEverywhere.has(x))))]
      : []
    const j = judge(d.env, 'assertion-deleted', path, removedApi)!
    const data = {
      title: n.test.title,
      count: lost,
      assertions: lost === 1 ? 'assertion' : 'assertions',
      why: j.why,
      first: gone[0]!.text,
      more: lost > 1 ? ' …' : '',
    }
    d.findings.push(mutationFinding('assertion-deleted', 'assertionsLost', data, { severity: j.severity, path, ...at(n.test), help: d.help }))
  }
}

/**
 * The assertion to judge old `b` against when new `a` is weaker and came from a helper call: the
 * strongest assertion of that call on the same value (`headers`, `headers.length`, `headers[i]`),
 * when it is at least as strong as `b`. A helper that checks `assert.ok(headers)`, then the length
 * and each element with `strictEqual`, checks no less than the `eql` it replaced; one that only
 * checks `assert.ok(headers)` is still weaker. Otherwise `a` itself.
 */
function strongestOfCall(b: AssertionSummary, a: AssertionSummary, assertions: readonly AssertionSummary[]): AssertionSummary {
  if (a.helperCall === undefined || b.strength === undefined || a.strength === undefined || a.strength >= b.strength) return a
  const root = a.actual.split(' ')[0]!
  if (!IDENTIFIER.test(root)) return a
  let best = a
  for (const x of assertions) {
    if (x.helperCall !== a.helperCall || x.strength === undefined || x.strength <= best.strength! || x.actual.split(' ')[0] !== root) continue
    best = x
  }
  return best.strength! >= b.strength ? best : a
}

/** expected-value-changed, assertion-weakened and snapshot-rewritten for one pair of assertions (old `b`, new `a`) of a test. */
/**
 * Why an HTTP `.expect(…)` checks less: an exact text argument became a regex that the old text
 * matches (supertest compares a string header or body exactly, a regex by match: `'application/json;
 * charset=utf-8'` → `/json/`). Long texts or patterns are not tried (a pattern from the change could backtrack).
 */
function httpTextLoosened(before: readonly ExpectedValue[], after: readonly ExpectedValue[]): string | undefined {
  if (before.length !== after.length) return undefined
  for (const [i, b] of before.entries()) {
    const a = after[i]!
    if (b.text === undefined || a.regex === undefined || b.text.length > 1_000 || a.regex.source.length > 200) continue
    let matches: boolean
    try {
      matches = new RegExp(a.regex.source, a.regex.flags.replace(/[gy]/g, '')).test(b.text)
    } catch {
      continue
    }
    if (matches) return `the exact text ${JSON.stringify(cut(b.text, 60))} became the pattern /${cut(a.regex.source, 60)}/${a.regex.flags}, which it matches`
  }
  return undefined
}

function compareValues(
  b: AssertionSummary,
  a: AssertionSummary,
  title: string,
  path: string,
  oldNames: ReadonlySet<string>,
  newNames: ReadonlySet<string>,
  d: Detection,
): void {
  const weaker = b.strength !== undefined && a.strength !== undefined && a.strength < b.strength && !booleanTwin(b, a)
  if (weaker) {
    const j = judge(d.env, 'assertion-weakened', path)!
    const data = {
      title,
      from: b.matcher,
      fromStrength: strengthLabel(b.strength!),
      to: a.matcher,
      toStrength: strengthLabel(a.strength!),
      why: j.why,
      assertion: a.text,
    }
    d.findings.push(mutationFinding('assertion-weakened', 'weakerMatcher', data, { severity: j.severity, path, ...at(a), help: WEAKENED_HELP }))
    return
  }
  const loosened = b.http && a.http ? httpTextLoosened(b.expectedValues, a.expectedValues) : undefined
  if (loosened !== undefined) {
    const j = judge(d.env, 'assertion-weakened', path)!
    const data = { title, matcher: a.matcher, reason: loosened, why: j.why, assertion: a.text }
    d.findings.push(mutationFinding('assertion-weakened', 'checksLess', data, { severity: j.severity, path, ...at(a), help: WEAKENED_HELP }))
    return
  }
  // A stronger matcher is a tightened test, whatever its expected value.
  if (b.strength !== undefined && a.strength !== undefined && a.strength > b.strength) return
  const expectedSame =
    b.expected.length === a.expected.length &&
    b.expected.every((tokens, i) => tokens.join(' ') === a.expected[i]!.join(' ') || renamedOnly(tokens, a.expected[i]!, oldNames, newNames))
  if (b.matcher === a.matcher && a.matcherName !== undefined) {
    const why = sameMatcherWeakened(a.matcherName, b.expectedValues, a.expectedValues)
    if (why !== undefined) {
      const j = judge(d.env, 'assertion-weakened', path)!
      const data = { title, matcher: a.matcher, reason: why, why: j.why, assertion: a.text }
      d.findings.push(mutationFinding('assertion-weakened', 'checksLess', data, { severity: j.severity, path, ...at(a), help: WEAKENED_HELP }))
      return
    }
    // The same matcher checking more (a narrower regex, more keys with the old ones unchanged) is a tightened test.
    if (sameMatcherWeakened(a.matcherName, a.expectedValues, b.expectedValues) !== undefined && tightenedOnly(b.expectedValues, a.expectedValues)) return
  }
  if (expectedSame) return
  if (b.expected.length === 0 && a.expected.length === 0) return
  if (statusAdded(b, a) || booleanTwin(b, a)) return
  // A value turned into an inline snapshot of that value (`toBe(3)` → `toMatchInlineSnapshot(\`3\`)`) is unchanged;
  // turned into another value it is a changed expected value like any other. Only a snapshot
  // rewritten as a snapshot (what `vitest -u` does) is snapshot-rewritten.
  if (b.inlineSnapshot !== a.inlineSnapshot && sameSnapshotValue(b.inlineSnapshot ? b : a, b.inlineSnapshot ? a : b)) return
  const rule = a.inlineSnapshot && b.inlineSnapshot ? 'snapshot-rewritten' : 'expected-value-changed'
  const j = judge(d.env, rule, path, droppedRemovedKeys(b.expectedValues, a.expectedValues, d.env.removedNames))
  if (j === undefined) return
  // An assertion without an expected value (`toThrow()`) is named by its matcher instead.
  const shown = (x: AssertionSummary): string =>
    x.inlineSnapshot && x.fold.containerText !== undefined
      ? x.fold.containerText
      : x.expected.length === 0
        ? `${x.matcher}()`
        : x.expected.map((t) => t.join('')).join(', ')
  const from = shown(b)
  const to = shown(a)
  const place = { severity: j.severity, path, ...at(a), help: d.help }
  d.findings.push(
    rule === 'snapshot-rewritten'
      ? mutationFinding(rule, 'inline', { title, why: j.why }, place)
      : mutationFinding(rule, 'changed', { title, from: cut(from, 60), to: cut(to, 60), why: j.why }, place),
  )
}

/**
 * supertest's `.expect('GET', done)` → `.expect(200, 'GET', cb)`: the new call pins a status in
 * front of the same body or header values (the callback is not a value), so it checks more.
 */
function statusAdded(b: AssertionSummary, a: AssertionSummary): boolean {
  if (!b.http || !a.http || a.expected.length <= b.expected.length) return false
  const tail = a.expected.slice(a.expected.length - b.expected.length)
  return tail.every((tokens, i) => tokens.join(' ') === b.expected[i]!.join(' '))
}

/** The boolean an exact matcher pins (`.should.be.false()`, `toBe(true)`, `strictEqual(x, false)`), or undefined. */
function exactBoolean(x: AssertionSummary): boolean | undefined {
  if (x.matcher.startsWith('not.')) return undefined
  if (x.matcherName === 'true' || x.matcherName === 'toBeTrue') return true
  if (x.matcherName === 'false' || x.matcherName === 'toBeFalse') return false
  if (x.expected.length !== 1 || !EXACT_EQUALITY.has(x.matcherName ?? '')) return undefined
  const text = x.expected[0]!.join('')
  return text === 'true' ? true : text === 'false' ? false : undefined
}
const EXACT_EQUALITY = new Set(['toBe', 'toEqual', 'toStrictEqual', 'equal', 'equals', 'eql', 'strictEqual', 'deepEqual', 'deepStrictEqual', 'is'])

/**
 * `x.should.be.false()` → `assert.ok(!x)`, `expect(x).toBe(true)` → `assert(x)`: a boolean the
 * test pinned exactly, now checked as the same truthiness of the same value. Only a non-boolean
 * falsy value (0, '', null) would tell them apart, so it is a rewrite (should.js → node:assert,
 * as express did), not a weaker test.
 */
function booleanTwin(b: AssertionSummary, a: AssertionSummary): boolean {
  const pinned = exactBoolean(b)
  if (pinned === undefined) return false
  let truth: boolean
  if (a.matcherName === 'ok' || a.matcherName === 'toBeTruthy' || a.matcherName === 'assert') truth = true
  else if (a.matcherName === 'toBeFalsy') truth = false
  else return false
  if (a.matcher.startsWith('not.')) truth = !truth
  let actual = a.actual
  while (actual.startsWith('! ')) {
    actual = actual.slice(2)
    truth = !truth
  }
  return truth === pinned && actual === b.actual
}

/** assertion-deleted for an old test that no new test continues (unless deleted with its code or commented out). */
function deletedTest(o: Located, commentedTitles: ReadonlySet<string>, d: Detection): void {
  if (o.test.kind !== 'test' || o.test.skipped !== undefined || o.test.checks === 0) return
  const oldPath = o.file.oldPath!
  const newPath = o.file.newPath
  if (newPath !== undefined && commentedTitles.has(`${newPath}\0${o.test.title}`)) return
  if (newPath === undefined && d.env.deletedWithCode(oldPath)) return
  if (deletedWithWhatItReaches(o, d.env)) return
  const path = newPath ?? oldPath
  // A deleted file counts as a whole: its shared setup may hold the removed option.
  const names = newPath === undefined ? [...o.file.old!.names] : o.test.names
  const j = judge(
    d.env,
    'assertion-deleted',
    path,
    names.filter((x) => d.env.removedEverywhere.has(x)),
  )!
  const data = {
    titlePath: o.test.titlePath.join(' › '),
    oldPath,
    line: o.test.line,
    count: o.test.checks,
    assertions: o.test.checks === 1 ? 'assertion' : 'assertions',
    why: j.why,
  }
  d.findings.push(mutationFinding('assertion-deleted', 'testDeleted', data, { severity: j.severity, path, help: d.help }))
}

/**
 * A test deleted together with everything it reaches: each imported name it used left the
 * implementation — gone from every changed file, or an export the range removed from the module
 * the name is bound to (a named import of it, or a module object whose every use in the test
 * reads a removed member: `utils.flatten` after `exports.flatten = …` went).
 */
function deletedWithWhatItReaches(o: Located, env: MutationEnvironment): boolean {
  const file = o.file.old!
  const reached = o.test.names.filter((x) => file.importedNames.has(x))
  const exportRemoved = (local: string): boolean => {
    const binding = file.moduleBindings.get(local)
    if (binding === undefined) return false
    const removed = env.removedExports(o.file.oldPath!, binding.specifier)
    if (removed.size === 0) return false
    if (binding.imported !== '*') return removed.has(binding.imported)
    const reads = o.test.moduleReads.filter((r) => r.local === local)
    return reads.length > 0 && reads.every((r) => r.member !== undefined && removed.has(r.member))
  }
  return reached.length > 0 && reached.every((x) => env.removedEverywhere.has(x) || exportRemoved(x))
}

/** test-disabled for a test added disabled, and low-assertion-density for a new test. */
function addedTest(n: Located, d: Detection): void {
  const path = n.file.newPath!
  if (n.test.skipped !== undefined && n.test.ownSkip) {
    d.findings.push(skipFinding(n, 'addedDisabled', 'write the test so it runs, or leave it out until it can'))
    return
  }
  if (n.test.kind !== 'test' || n.test.skipped !== undefined || n.test.opaque || n.test.checks === 0) return
  if (n.test.valueChecks < d.env.minAssertions) {
    const weakest = n.test.assertions
      .map((a) => a.text)
      .slice(0, 2)
      .join('`, `')
    const data = { title: n.test.title, count: n.test.valueChecks, values: n.test.valueChecks === 1 ? 'value' : 'values', floor: d.env.minAssertions, weakest }
    d.findings.push(
      mutationFinding('low-assertion-density', 'few', data, {
        severity: 'medium',
        path,
        ...at(n.test),
        help: 'assert what the code returns or does (toBe, toEqual, toHaveBeenCalledWith), not only that something exists',
      }),
    )
  }
}

/** snapshot-rewritten for the entries of a snapshot file whose values changed. */
function rewrittenSnapshots(snap: SnapshotPair, d: Detection): void {
  const before = new Map(snapshotEntries(snap.oldText).map((e) => [e.key, e.value]))
  const rewritten = snapshotEntries(snap.newText).filter((e) => before.has(e.key) && before.get(e.key) !== e.value)
  if (rewritten.length === 0) return
  const j = judge(d.env, 'snapshot-rewritten', snap.testPath ?? snap.path)
  if (j === undefined) return
  const data = {
    count: rewritten.length,
    snapshots: rewritten.length === 1 ? 'snapshot' : 'snapshots',
    keys: rewritten
      .slice(0, 2)
      .map((e) => `\`${cut(e.key, 60)}\``)
      .join(', '),
    more: rewritten.length > 2 ? ' …' : '',
    why: j.why,
  }
  d.findings.push(
    mutationFinding('snapshot-rewritten', 'file', data, {
      severity: j.severity,
      path: snap.path,
      ...at({ line: rewritten[0]!.line, column: 1 }),
      help: d.help,
    }),
  )
}

/** `exports[`key`] = `value`;` entries of a jest/vitest snapshot file, by key. */
export function snapshotEntries(text: string): Array<{ key: string; value: string; line: number }> {
  const entries: Array<{ key: string; value: string; line: number }> = []
  const pattern = /^exports\[`((?:[^`\\]|\\.)*)`\] = (`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"|[^\n;]*);?$/gms
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    entries.push({ key: m[1]!, value: m[2]!, line: text.slice(0, m.index).split('\n').length })
  }
  return entries
}
