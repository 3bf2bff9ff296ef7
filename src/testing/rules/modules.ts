// What a test file uses of the repository: imported and mocked modules, the unit under test,
// spies that replace its exports, mocks' configured returns, and which code reaches the repository.
import type * as TS from 'typescript'
import { unwrap, type AnalysedFile } from '../analyse.js'
import type { ClassifiedImport } from '../resolve.js'
import type { TypeScript } from '../typescript.js'
import type { RuleEnvironment } from './rule.js'
import { enclosingTest, literalKey, normalisedText } from './shared.js'

export function importKey(file: AnalysedFile, specifier: string, classified: ClassifiedImport): string {
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

export function moduleStem(key: string): string {
  const parts = key.split('/')
  return parts[parts.length - 1]!.toLowerCase()
}

export interface ModuleUse {
  key: string
  names: Set<string>
  line: TS.Node
}

/** Test-support directories: a helper imported from there (commander's `tests/testHelpers.js`) is not a unit under test. */
export const TEST_SUPPORT = /(^|\/)(tests?|__tests__|spec|__mocks__|fixtures?)\//

/** The one source module the file imports outside test-support directories, or undefined when there are more or none. */
export function onlyUnit(imported: ReadonlyMap<string, ModuleUse>): string | undefined {
  const units = [...imported.keys()].filter((k) => !TEST_SUPPORT.test(k))
  return units.length === 1 ? units[0] : undefined
}

/**
 * `vi.spyOn(obj, 'key')`/`jest.spyOn` calls whose spy replaces the implementation (a mock* call
 * chained on it or on the variable holding it), and node:test's `mock.method(obj, 'key', impl)`,
 * which always replaces; `obj` may be a member chain (`mod.Command.prototype`): its root is the object.
 */
export function replacingSpies(file: AnalysedFile): Array<{ node: TS.Node; object: string; key: string }> {
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

/** Which code of a test file runs repository code, for implicit-assertion; see {@link repositoryReach}. */
export interface RepositoryReach {
  /** True when the subtree calls or constructs repository code, or names a repository file (to spawn it). */
  runs(node: TS.Node): boolean
}

/**
 * Names bound to repository code in a file: bindings imported from source, then (to a fixpoint)
 * variables, assignments and functions of the file whose value or body mentions one
 * (`const minTwo = z.string().array().min(2)`, `app = express()` in a hook, a `setup()` helper).
 */
export function repositoryReach(file: AnalysedFile, env: RuleEnvironment): RepositoryReach {
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

export function bindingNamesOf(ts: TypeScript, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text]
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNamesOf(ts, e.name)))
}

/** True when an identifier `name` occurs in `node`'s subtree. */
export function mentions(ts: TypeScript, node: TS.Node, name: string): boolean {
  if (ts.isIdentifier(node)) return node.text === name
  return ts.forEachChild(node, (child) => (mentions(ts, child, name) ? true : undefined)) === true
}

export interface MockReturn {
  target: string
  value: string
  scopePos: number
  scopeEnd: number
}

/** `vi.mocked(x)` and `jest.mocked(x)` stand for `x`. */
export function mockTarget(file: AnalysedFile, expression: TS.Expression): string {
  const { ts } = file
  const e = unwrap(ts, expression)
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'mocked' && e.arguments[0] !== undefined)
    return normalisedText(file, unwrap(ts, e.arguments[0]))
  return normalisedText(file, e)
}

/** The literal a mock implementation returns: `() => 5`, `() => { return 5 }`, `async () => 5`. */
export function implementationLiteral(file: AnalysedFile, node: TS.Expression | undefined): string | undefined {
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
export function assignedName(file: AnalysedFile, node: TS.Node): string | undefined {
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

export function mockReturns(file: AnalysedFile): MockReturn[] {
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

export const RETURNED_MATCHERS = new Set(['toHaveReturnedWith', 'toHaveLastReturnedWith', 'toHaveNthReturnedWith', 'toReturnWith', 'lastReturnedWith'])

/** The repository modules a test file imports (by module key) and mocks, and whether it imports any source at all. */
export interface ModuleUses {
  imported: ReadonlyMap<string, ModuleUse>
  mocked: ReadonlyMap<string, AnalysedFile['mocks'][number]>
  /** True when an import (even type-only or a re-export) names repository source. */
  usesRepository: boolean
}

/** The imports and mocks of repository source in `file`, keyed by module (see {@link importKey}). */
export function moduleUseOf(file: AnalysedFile, env: RuleEnvironment): ModuleUses {
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
  const mocked = new Map<string, AnalysedFile['mocks'][number]>()
  for (const mock of file.mocks) {
    const classified = env.classify(file.path, mock.specifier)
    if (classified.kind !== 'source') continue
    mocked.set(importKey(file, mock.specifier, classified), mock)
  }
  return { imported, mocked, usesRepository }
}
