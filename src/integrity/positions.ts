// Where a key sits in a config file, so a finding points at the setting that changed: property
// chains in JS/TS/JSON syntax trees, key paths in YAML documents (1-based lines and columns).
import type * as TS from 'typescript'
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml'
import type { TypeScript } from '../testing/typescript.js'

/** A 1-based span. */
export interface Span {
  line: number
  column: number
  endLine: number
  endColumn: number
}

/** The span of `[start, end)` in a TypeScript source file. */
export function spanOf(sf: TS.SourceFile, start: number, end: number): Span {
  const a = sf.getLineAndCharacterOfPosition(start)
  const b = sf.getLineAndCharacterOfPosition(end)
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 }
}

/** A property's name as written (identifier, string, number, no-substitution template), else undefined. */
export function propertyName(ts: TypeScript, name: TS.PropertyName | undefined): string | undefined {
  if (name === undefined) return undefined
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text
  if (ts.isComputedPropertyName(name) && (ts.isStringLiteral(name.expression) || ts.isNoSubstitutionTemplateLiteral(name.expression)))
    return name.expression.text
  return undefined
}

/** Parses JS/TS (by extension) or JSON (`.json`, `.jsonc`, or `json: true`) into a syntax tree with parents. */
export function parseSource(ts: TypeScript, fileName: string, text: string, json = /\.jsonc?$/i.test(fileName)): TS.SourceFile {
  if (json) {
    const sf = ts.parseJsonText(fileName, text)
    setParents(ts, sf)
    return sf
  }
  const kind = /\.[cm]?tsx$/i.test(fileName)
    ? ts.ScriptKind.TSX
    : /\.[cm]?ts$/i.test(fileName)
      ? ts.ScriptKind.TS
      : /\.jsx$/i.test(fileName)
        ? ts.ScriptKind.JSX
        : ts.ScriptKind.JS
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind)
}

/** True when TypeScript's parser reported a syntax error (it recovers, so the tree alone does not tell). */
export function hasSyntaxErrors(sf: TS.SourceFile): boolean {
  // parseDiagnostics is internal but stable since TypeScript 1.x; without it a broken file reads as valid.
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics
  return diagnostics !== undefined && diagnostics.length > 0
}

function setParents(ts: TypeScript, root: TS.Node): void {
  const visit = (node: TS.Node): void => {
    ts.forEachChild(node, (child) => {
      ;(child as { parent: TS.Node }).parent = node
      visit(child)
    })
  }
  visit(root)
}

/**
 * The first property (in document order) whose chain of enclosing property names ends with
 * `keyPath` (`['test', 'passWithNoTests']` matches `defineConfig({ test: { passWithNoTests } })`;
 * calls and arrays in between are transparent). Undefined when there is none.
 */
export function findProperty(ts: TypeScript, sf: TS.SourceFile, keyPath: readonly string[]): TS.ObjectLiteralElementLike | undefined {
  let found: TS.ObjectLiteralElementLike | undefined
  const endsWith = (chain: readonly string[]): boolean =>
    chain.length >= keyPath.length && keyPath.every((k, i) => chain[chain.length - keyPath.length + i] === k)
  const visit = (node: TS.Node, chain: readonly string[]): void => {
    if (found !== undefined) return
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isMethodDeclaration(node)) {
      const name = propertyName(ts, node.name)
      const next = name === undefined ? chain : [...chain, name]
      if (name !== undefined && endsWith(next)) {
        found = node
        return
      }
      ts.forEachChild(node, (child) => visit(child, next))
      return
    }
    ts.forEachChild(node, (child) => visit(child, chain))
  }
  visit(sf, [])
  return found
}

/** A parsed YAML document with positions. */
export interface YamlFile {
  doc: Document
  /** The plain value; undefined when the document has errors. */
  value: unknown
  /** True when the text is not one well-formed YAML document. */
  broken: boolean
  /** The span of the node at `path` (its key's line for a map entry), or undefined when absent. */
  spanAt(path: ReadonlyArray<string | number>): Span | undefined
  /** The span of a node's range. */
  spanOfRange(range: readonly [number, number, number?] | null | undefined): Span | undefined
}

/** Parses YAML 1.2 (the core schema, as the config loader) with positions; never throws. */
export function parseYamlFile(text: string): YamlFile {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false })
  let value: unknown
  let broken = doc.errors.length > 0
  if (!broken) {
    try {
      value = doc.toJS({ maxAliasCount: 100 })
    } catch {
      broken = true
    }
  }
  const spanOfRange = (range: readonly [number, number, number?] | null | undefined): Span | undefined => {
    if (range === null || range === undefined) return undefined
    const a = lineCounter.linePos(range[0])
    const b = lineCounter.linePos(range[1])
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col }
  }
  return {
    doc,
    value,
    broken,
    spanOfRange,
    spanAt(path) {
      let node: unknown = doc.contents
      let range: readonly [number, number, number?] | null | undefined
      for (const segment of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))
          if (pair === undefined) return undefined
          // A map entry is reported at its key: that is the line a reviewer reads as the setting.
          range = isNode(pair.key) ? pair.key.range : undefined
          node = pair.value
        } else if (isSeq(node) && typeof segment === 'number') {
          const item = node.items[segment]
          if (!isNode(item)) return undefined
          range = item.range
          node = item
        } else {
          return undefined
        }
      }
      return spanOfRange(range)
    },
  }
}
