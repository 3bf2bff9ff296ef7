// The names a JS/TS module exposes (ES module exports and CommonJS `exports.x =`, `module.exports = { … }`),
// read from syntax alone, and those a range removed: a test deleted with the export it read went with its code.
import type * as TS from 'typescript'
import { analyseExports } from '../docs/exports.js'
import { unwrap } from './analyse.js'
import { scriptKindOf, type TypeScript } from './typescript.js'

/**
 * The names module `path` exports: its ES exports as doc-coverage reads them (docs/exports.ts
 * `analyseExports`: declarations, `export { … }` (also `from`), `export * as ns`, `default`), and
 * its CommonJS ones: `exports.x = …`, `module.exports.x = …`, `exports['x'] = …`, the keys of
 * `module.exports = { x, y: … }` and `Object.defineProperty(exports, 'x', …)`. `export * from`
 * adds nothing (its names are another module's). Undefined when the text does not parse.
 */
export function exportedNames(ts: TypeScript, path: string, text: string): Set<string> | undefined {
  const module = analyseExports(ts, path, text)
  if (!module.parsed) return undefined
  const names = new Set([...module.locals, ...module.reExports, ...module.namespaces].map((e) => e.exported).concat(module.others))
  // Only a module that names `exports` can have CommonJS exports: the others skip a second parse.
  if (!/\bexports\b/.test(text)) return names
  const visit = (node: TS.Node): void => {
    commonJsExport(ts, node, names)
    ts.forEachChild(node, visit)
  }
  visit(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(ts, path)))
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
