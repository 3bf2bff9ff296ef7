// The names a JS/TS module exposes (ES module exports and CommonJS `exports.x =`, `module.exports = { … }`),
// read from syntax alone, and those a range removed: a test deleted with the export it read went with its code.
import type * as TS from 'typescript'
import { unwrap } from './analyse.js'
import { scriptKindOf, type TypeScript } from './typescript.js'

/**
 * The names module `path` exports: ES `export` declarations, `export { … }` (also `from`),
 * `export * as ns`, `default`; CommonJS `exports.x = …`, `module.exports.x = …`, `exports['x'] = …`,
 * the keys of `module.exports = { x, y: … }` and `Object.defineProperty(exports, 'x', …)`.
 * `export * from` adds nothing (its names are another module's). Undefined when the text does not parse.
 */
export function exportedNames(ts: TypeScript, path: string, text: string): Set<string> | undefined {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(ts, path))
  // parseDiagnostics is internal but stable since TypeScript 1.x; the parser recovers, so the tree alone does not tell.
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics
  if (diagnostics !== undefined && diagnostics.length > 0) return undefined
  const names = new Set<string>()
  for (const statement of sf.statements) esExports(ts, statement, names)
  const visit = (node: TS.Node): void => {
    commonJsExport(ts, node, names)
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return names
}

/**
 * The exports of a module's base version (`oldText`) that its version under test (`newText`, null
 * when deleted) no longer has. Empty when the base version is absent or either version does not
 * parse: what cannot be read is never counted as removed.
 */
export function removedExports(ts: TypeScript, path: string, oldText: string | null, newText: string | null): Set<string> {
  const before = oldText === null ? undefined : exportedNames(ts, path, oldText)
  if (before === undefined) return new Set()
  if (newText === null) return before
  const after = exportedNames(ts, path, newText)
  if (after === undefined) return new Set()
  return new Set([...before].filter((name) => !after.has(name)))
}

function hasModifier(ts: TypeScript, node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind)
}

/** The names one top-level statement exports as an ES module. */
function esExports(ts: TypeScript, statement: TS.Statement, names: Set<string>): void {
  if (ts.isExportAssignment(statement)) {
    names.add('default')
    return
  }
  if (ts.isExportDeclaration(statement)) {
    const clause = statement.exportClause
    if (clause !== undefined && ts.isNamedExports(clause)) for (const element of clause.elements) names.add(element.name.text)
    else if (clause !== undefined && ts.isNamespaceExport(clause)) names.add(clause.name.text)
    return
  }
  if (!hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword)) return
  if (hasModifier(ts, statement, ts.SyntaxKind.DefaultKeyword)) {
    names.add('default')
    return
  }
  if (ts.isVariableStatement(statement)) {
    const add = (name: TS.BindingName): void => {
      if (ts.isIdentifier(name)) names.add(name.text)
      else for (const element of name.elements) if (!ts.isOmittedExpression(element)) add(element.name)
    }
    for (const declaration of statement.declarationList.declarations) add(declaration.name)
    return
  }
  const named = statement as TS.Statement & { name?: TS.Node }
  if (named.name !== undefined && ts.isIdentifier(named.name)) names.add(named.name.text)
}

/** `exports` or `module.exports`. */
function isExportsObject(ts: TypeScript, node: TS.Expression): boolean {
  const e = unwrap(ts, node)
  if (ts.isIdentifier(e)) return e.text === 'exports'
  return ts.isPropertyAccessExpression(e) && e.name.text === 'exports' && ts.isIdentifier(e.expression) && e.expression.text === 'module'
}

/** The CommonJS exports one node declares (an assignment to `exports.x` or `module.exports`, or a `defineProperty`). */
function commonJsExport(ts: TypeScript, node: TS.Node, names: Set<string>): void {
  if (ts.isCallExpression(node)) {
    // Object.defineProperty(exports, 'x', { get … }): how compilers emit a re-exported binding.
    const callee = node.expression
    const [target, key] = node.arguments
    if (
      ts.isPropertyAccessExpression(callee) &&
      callee.name.text === 'defineProperty' &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'Object' &&
      target !== undefined &&
      key !== undefined &&
      isExportsObject(ts, target) &&
      ts.isStringLiteralLike(key)
    )
      names.add(key.text)
    return
  }
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return
  const left = unwrap(ts, node.left)
  if (ts.isPropertyAccessExpression(left) && isExportsObject(ts, left.expression)) names.add(left.name.text)
  else if (ts.isElementAccessExpression(left) && isExportsObject(ts, left.expression) && ts.isStringLiteralLike(left.argumentExpression))
    names.add(left.argumentExpression.text)
  else if (isExportsObject(ts, left)) {
    // module.exports = { a, b: … } (also `exports = module.exports = { … }`): its keys are the exports.
    let right = unwrap(ts, node.right)
    while (ts.isBinaryExpression(right) && right.operatorToken.kind === ts.SyntaxKind.EqualsToken) right = unwrap(ts, right.right)
    if (!ts.isObjectLiteralExpression(right)) return
    for (const property of right.properties) {
      const name = property.name
      if (name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))) names.add(name.text)
    }
  }
}
