// What a JS/TS module exports and whether each export carries a doc comment, read from syntax
// alone (TypeScript's parser, no program or type checker), and re-exports followed to their origin.
import { posix } from 'node:path'
import type * as TS from 'typescript'
import { scriptKindOf, type TypeScript } from '../testing/typescript.js'
import type { LineRange } from '../changes/types.js'

/** The kinds of declaration `export-undocumented` judges. */
export type ExportKind = 'function' | 'class' | 'const' | 'let' | 'var' | 'interface' | 'type' | 'enum'

/** A position in a file: 1-based line and column (UTF-16 code units, as editors and SARIF count). */
export interface Position {
  line: number
  column: number
}

/** A declaration of this module exposed under `exported`. */
export interface LocalExport extends Position {
  /** The name importers use (`default` for a default export). */
  exported: string
  /** The declaration's own name, or `default` when it has none (`export default function () {}`). */
  local: string
  kind: ExportKind
  /** True when a non-empty `/** … *\/` comment precedes the declaration or its `export` statement. */
  documented: boolean
  /**
   * 1-based inclusive line ranges that make the export "changed" when an added line falls in one:
   * the declaration, plus the `export { … }` specifier when the export is separate from it. A
   * class or interface spans only its doc comment and its header (up to the `{` line): a member
   * added to an old class changes the member, not the class.
   */
  spans: LineRange[]
}

/** `export { imported as exported } from 'specifier'`, or `import { imported } …; export { exported }`. */
export interface ReExport extends Position {
  exported: string
  /** The name in the source module (`default` for a default import). */
  imported: string
  specifier: string
  spans: LineRange[]
}

/** `export * from 'specifier'` (not `export * as ns`, which exposes a namespace object, not declarations). */
export interface StarExport extends Position {
  specifier: string
  spans: LineRange[]
}

/**
 * `export * as exported from 'specifier'`, or `import * as exported …; export { exported }`: a
 * namespace object whose members are the module's exports (`exported.name` to importers).
 */
export interface NamespaceExport extends Position {
  exported: string
  specifier: string
  spans: LineRange[]
}

/** The exports of one module. */
export interface ModuleExports {
  /** False when TypeScript's parser reported a syntax error: nothing else is filled in. */
  parsed: boolean
  locals: LocalExport[]
  reExports: ReExport[]
  stars: StarExport[]
  namespaces: NamespaceExport[]
  /**
   * Names exported that are neither a declaration nor an import passed on, so there is no doc
   * comment to judge: `export default <expression>`, `export { g }` of a binding the file does not
   * declare. Test-mutation's removed-export check reads them (testing/module-exports.ts).
   */
  others: string[]
}

interface Declared extends Position {
  local: string
  kind: ExportKind
  documented: boolean
  spans: LineRange[]
}

/**
 * True when the leading trivia of `node` holds a doc comment: `/**` … `*\/` with some text or a tag
 * in it. TypeScript attaches such a comment even across a line comment or a blank line (and so does
 * this); a `//` or `/* *\/` comment is not documentation, nor is an empty `/** *\/`.
 */
export function hasDocComment(ts: TypeScript, text: string, node: TS.Node): boolean {
  for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
    if (range.kind !== ts.SyntaxKind.MultiLineCommentTrivia) continue
    const comment = text.slice(range.pos, range.end)
    if (!comment.startsWith('/**') || comment.startsWith('/**/')) continue
    const body = comment.slice(3, -2).replace(/^[ \t]*\*/gm, '')
    if (body.trim() !== '') return true
  }
  return false
}

function hasModifier(ts: TypeScript, node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false)
}

function nameOf(name: TS.ModuleExportName): string {
  return name.text
}

/**
 * The exports of the JS/TS file `path` with content `text`: local declarations (with whether each
 * is documented), re-exports and `export *`. Syntax only; never throws for bad input — a file
 * with a syntax error comes back with `parsed: false`.
 */
export function analyseExports(ts: TypeScript, path: string, text: string): ModuleExports {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(ts, path))
  const empty: ModuleExports = { parsed: false, locals: [], reExports: [], stars: [], namespaces: [], others: [] }
  // parseDiagnostics is internal but stable since TypeScript 1.x; the parser recovers, so the tree alone does not tell.
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics
  if (diagnostics !== undefined && diagnostics.length > 0) return empty

  const at = (pos: number): Position => {
    const lc = sf.getLineAndCharacterOfPosition(pos)
    return { line: lc.line + 1, column: lc.character + 1 }
  }
  const spanOf = (node: TS.Node): LineRange => ({ start: at(node.getStart(sf)).line, end: at(node.getEnd()).line })
  // What makes a declaration "changed". A class or interface is its own doc comment and header
  // only: its members are judged (or not) on their own, so a documented method added to an old
  // undocumented class does not make the class new debt. Any other declaration is all its lines.
  const ownSpan = (node: TS.Statement): LineRange => {
    if (!ts.isClassDeclaration(node) && !ts.isInterfaceDeclaration(node)) return spanOf(node)
    const docs = (ts.getLeadingCommentRanges(text, node.pos) ?? []).filter((r) => text.startsWith('/**', r.pos))
    const start = docs.length > 0 ? at(docs[0]!.pos).line : at(node.getStart(sf)).line
    // members.pos is just past the `{` that opens the body.
    return { start, end: at(Math.max(node.members.pos - 1, node.getStart(sf))).line }
  }

  // Every top-level declaration by name, exported or not: `export { a }` and `export default a`
  // expose them too. Overloads and merged declarations share a name and count as one.
  const groups = new Map<string, DeclarationGroup>()
  // `imported: null` for a namespace import (`import * as ns`).
  const imports = new Map<string, ImportBinding>()
  const locals: LocalExport[] = []
  const reExports: ReExport[] = []
  const stars: StarExport[] = []
  const namespaces: NamespaceExport[] = []
  const others: string[] = []

  const declare = (statement: TS.Statement, name: TS.Identifier | undefined, kind: ExportKind, exported: boolean, isDefault: boolean): void => {
    if (name !== undefined) {
      const group = groups.get(name.text) ?? []
      group.push({ statement, name, kind, exported, isDefault })
      groups.set(name.text, group)
    } else if (exported) {
      // `export default function () {}`: no name, so the position is the statement's.
      locals.push({
        exported: 'default',
        local: 'default',
        kind,
        documented: hasDocComment(ts, text, statement),
        ...at(statement.getStart(sf)),
        spans: [ownSpan(statement)],
      })
    }
  }

  const separateExports: SeparateExport[] = []
  for (const statement of sf.statements) {
    const exported = hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword)
    const isDefault = exported && hasModifier(ts, statement, ts.SyntaxKind.DefaultKeyword)
    if (ts.isFunctionDeclaration(statement)) declare(statement, statement.name, 'function', exported, isDefault)
    else if (ts.isClassDeclaration(statement)) declare(statement, statement.name, 'class', exported, isDefault)
    else if (ts.isInterfaceDeclaration(statement)) declare(statement, statement.name, 'interface', exported, isDefault)
    else if (ts.isTypeAliasDeclaration(statement)) declare(statement, statement.name, 'type', exported, false)
    else if (ts.isEnumDeclaration(statement)) declare(statement, statement.name, 'enum', exported, false)
    else if (ts.isVariableStatement(statement)) {
      const flags = statement.declarationList.flags
      const kind: ExportKind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var'
      for (const d of statement.declarationList.declarations) for (const id of bindingNames(ts, d.name)) declare(statement, id, kind, exported, false)
    } else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      recordImport(ts, statement, statement.moduleSpecifier.text, imports)
    } else if (ts.isExportDeclaration(statement)) {
      const specifier = statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined
      const clause = statement.exportClause
      if (clause === undefined) {
        if (specifier !== undefined) stars.push({ ...at(statement.getStart(sf)), specifier, spans: [spanOf(statement)] })
      } else if (ts.isNamespaceExport(clause)) {
        if (specifier !== undefined) namespaces.push({ ...at(clause.name.getStart(sf)), exported: nameOf(clause.name), specifier, spans: [spanOf(statement)] })
      } else if (ts.isNamedExports(clause)) {
        for (const el of clause.elements) {
          const exportedName = nameOf(el.name)
          const original = nameOf(el.propertyName ?? el.name)
          if (specifier !== undefined)
            reExports.push({ ...at(el.name.getStart(sf)), exported: exportedName, imported: original, specifier, spans: [spanOf(el)] })
          else separateExports.push({ exported: exportedName, local: original, node: el })
        }
      }
      // `export * as ns from` exposes a namespace object: not a declaration to document, but its members are exposed.
    } else if (ts.isExportAssignment(statement)) {
      recordExportAssignment(ts, text, statement, { sf, at, spanOf, ownSpan }, { locals, others }, separateExports)
    }
  }
  resolveLocals(ts, text, groups, imports, separateExports, { sf, at, spanOf, ownSpan }, { locals, reExports, namespaces, others })
  return { parsed: true, locals, reExports, stars, namespaces, others }
}

function bindingNames(ts: TypeScript, name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name]
  const out: TS.Identifier[] = []
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) out.push(...bindingNames(ts, element.name))
  return out
}

/** Extensions tried, in order, for an extensionless relative specifier and for `/index`. */
const MODULE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs']
/** A JS specifier names its TypeScript source under NodeNext resolution (`./a.js` → `./a.ts`). */
const SOURCE_FOR: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.d.ts', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.d.mts', '.mjs'],
  '.cjs': ['.cts', '.d.cts', '.cjs'],
}

/**
 * The repository-relative file a relative `specifier` in `from` names, among `files`: exact path,
 * `.js`→`.ts`/`.tsx`, `.mjs`→`.mts`, `.cjs`→`.cts`, extensionless + each extension, then
 * `/index.*`. Undefined for a bare package specifier, a path outside the repository, or nothing found.
 */
export function resolveModule(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined
  const base = posix.join(posix.dirname(from), specifier)
  if (base.startsWith('../') || base === '..') return undefined
  const ext = posix.extname(base)
  const candidates: string[] = []
  const swaps = SOURCE_FOR[ext]
  if (swaps !== undefined) for (const swap of swaps) candidates.push(base.slice(0, -ext.length) + swap)
  else candidates.push(base)
  for (const e of MODULE_EXTENSIONS) candidates.push(base + e)
  for (const e of MODULE_EXTENSIONS) candidates.push(posix.join(base, `index${e}`))
  return candidates.find((c) => files.has(c))
}

/** Where an exported name comes from after following re-exports. */
export type Origin =
  | {
      kind: 'declaration'
      path: string
      declaration: LocalExport
      /** The files passed through, from the module asked about to `path` (both included). */
      chain: string[]
    }
  /** A bare specifier, a missing file or name, a namespace import, a file that did not parse, a cycle: not judged. */
  | { kind: 'unknown' }

/**
 * Follows re-exports from module `path` for `name` to the declaration that defines it. `modules`
 * gives the analysed exports of a repository file (undefined when not loaded, e.g. unreadable);
 * `resolve` maps a specifier from a file to a repository path. Cycles end as `unknown`.
 */
export function findOrigin(
  path: string,
  name: string,
  modules: (path: string) => ModuleExports | undefined,
  resolve: (from: string, specifier: string) => string | undefined,
  seen: Set<string> = new Set(),
  via: readonly string[] = [],
): Origin {
  const key = `${path}\0${name}`
  if (seen.has(key)) return { kind: 'unknown' }
  seen.add(key)
  const module = modules(path)
  if (module === undefined || !module.parsed) return { kind: 'unknown' }
  const chain = [...via, path]
  const local = module.locals.find((l) => l.exported === name)
  if (local !== undefined) return { kind: 'declaration', path, declaration: local, chain }
  const re = module.reExports.find((r) => r.exported === name)
  if (re !== undefined) {
    const target = resolve(path, re.specifier)
    return target === undefined ? { kind: 'unknown' } : findOrigin(target, re.imported, modules, resolve, seen, chain)
  }
  if (name === 'default') return { kind: 'unknown' }
  for (const star of module.stars) {
    const target = resolve(path, star.specifier)
    if (target === undefined) continue
    const found = findOrigin(target, name, modules, resolve, seen, chain)
    if (found.kind === 'declaration') return found
  }
  return { kind: 'unknown' }
}

/**
 * Every name `export * from` module `path` exposes (its own and re-exported names, and those of its
 * own `export *` chains, never `default`), each with where it is defined. Names whose origin is
 * unknown are left out. Cycles are guarded.
 */
export function starNames(
  path: string,
  modules: (path: string) => ModuleExports | undefined,
  resolve: (from: string, specifier: string) => string | undefined,
  seen: Set<string> = new Set(),
): Map<string, { path: string; declaration: LocalExport }> {
  const out = new Map<string, { path: string; declaration: LocalExport }>()
  if (seen.has(path)) return out
  seen.add(path)
  const module = modules(path)
  if (module === undefined || !module.parsed) return out
  const names = new Set([...module.locals.map((l) => l.exported), ...module.reExports.map((r) => r.exported)])
  names.delete('default')
  for (const name of names) {
    const origin = findOrigin(path, name, modules, resolve)
    if (origin.kind === 'declaration') out.set(name, { path: origin.path, declaration: origin.declaration })
  }
  for (const star of module.stars) {
    const target = resolve(path, star.specifier)
    if (target === undefined) continue
    // An explicit export of the same name shadows one that comes through `export *`.
    for (const [name, origin] of starNames(target, modules, resolve, seen)) if (!out.has(name) && !names.has(name)) out.set(name, origin)
  }
  return out
}

/**
 * The relative specifiers of `module` that re-exports may need, resolved: what the caller must
 * load before `findOrigin`/`starNames` can follow them.
 */
export function reExportTargets(path: string, module: ModuleExports, resolve: (from: string, specifier: string) => string | undefined): string[] {
  const out = new Set<string>()
  for (const r of [...module.reExports, ...module.stars, ...module.namespaces]) {
    const target = resolve(path, r.specifier)
    if (target !== undefined) out.add(target)
  }
  return [...out]
}

/** An export that reaches an undocumented declaration. */
export interface UndocumentedExport extends Position {
  /** The name importers use. */
  exported: string
  /** How this module exposes it: its own declaration, a named re-export, or `export *`. */
  via: 'declaration' | 're-export' | 'export-star'
  /** The specifier of a re-export or `export *`. */
  specifier?: string
  /** The undocumented declaration and the file that holds it (this file for `declaration`). */
  origin: { path: string; declaration: LocalExport }
}

/**
 * Judges the exports of module `path` whose spans `touched` accepts: its own declarations by their
 * doc comment, named re-exports and `export *` by their originals' (followed through relative
 * re-exports; an origin that cannot be followed is not judged). Positions: the declaration's
 * name, the re-exported name, the `export *` statement. `judged` counts the exports looked at.
 * `wasDocumented` says whether the base version documented an export of that name: one whose doc
 * comment the range deleted is judged even though no added line touches it.
 */
export function judgeModule(
  path: string,
  modules: (path: string) => ModuleExports | undefined,
  resolve: (from: string, specifier: string) => string | undefined,
  touched: (spans: readonly LineRange[]) => boolean,
  wasDocumented: (exported: string) => boolean = () => false,
): { judged: number; undocumented: UndocumentedExport[] } {
  const module = modules(path)
  const undocumented: UndocumentedExport[] = []
  let judged = 0
  if (module === undefined || !module.parsed) return { judged, undocumented }
  for (const local of module.locals) {
    // Deleting a doc comment adds no line, yet undocuments the export: the base version tells.
    if (!touched(local.spans) && (local.documented || !wasDocumented(local.exported))) continue
    judged++
    if (!local.documented)
      undocumented.push({ line: local.line, column: local.column, exported: local.exported, via: 'declaration', origin: { path, declaration: local } })
  }
  for (const re of module.reExports) {
    if (!touched(re.spans)) continue
    const target = resolve(path, re.specifier)
    const origin = target === undefined ? ({ kind: 'unknown' } as const) : findOrigin(target, re.imported, modules, resolve)
    // A package specifier or a chain that cannot be followed: whether the original is documented is unknown.
    if (origin.kind !== 'declaration') continue
    judged++
    if (!origin.declaration.documented)
      undocumented.push({ line: re.line, column: re.column, exported: re.exported, via: 're-export', specifier: re.specifier, origin })
  }
  const explicit = new Set([...module.locals.map((l) => l.exported), ...module.reExports.map((r) => r.exported)])
  for (const star of module.stars) {
    if (!touched(star.spans)) continue
    const target = resolve(path, star.specifier)
    if (target === undefined) continue
    for (const [name, origin] of starNames(target, modules, resolve)) {
      if (explicit.has(name)) continue
      judged++
      if (!origin.declaration.documented)
        undocumented.push({ line: star.line, column: star.column, exported: name, via: 'export-star', specifier: star.specifier, origin })
    }
  }
  return { judged, undocumented }
}

/** The statements declaring one top-level name (overloads and merged declarations share a name). */
type DeclarationGroup = Array<{ statement: TS.Statement; name: TS.Identifier; kind: ExportKind; exported: boolean; isDefault: boolean }>
/** One imported binding: its module specifier and the name imported (`null` for `import * as ns`). */
interface ImportBinding {
  specifier: string
  imported: string | null
}
/** `export { a }` or `export default a` naming a binding declared or imported elsewhere in the file. */
interface SeparateExport {
  exported: string
  local: string
  node: TS.Node
}
/** One parsed source file and its position helpers: 1-based positions and line spans. */
interface Positions {
  sf: TS.SourceFile
  at: (pos: number) => Position
  spanOf: (node: TS.Node) => LineRange
  ownSpan: (node: TS.Statement) => LineRange
}

/** Records the bindings of one `import … from specifier` statement into `imports`, keyed by local name. */
function recordImport(ts: TypeScript, statement: TS.ImportDeclaration, specifier: string, imports: Map<string, ImportBinding>): void {
  const clause = statement.importClause
  if (clause?.name !== undefined) imports.set(clause.name.text, { specifier, imported: 'default' })
  const bindings = clause?.namedBindings
  if (bindings !== undefined && ts.isNamespaceImport(bindings)) imports.set(bindings.name.text, { specifier, imported: null })
  if (bindings !== undefined && ts.isNamedImports(bindings)) {
    for (const el of bindings.elements) imports.set(el.name.text, { specifier, imported: nameOf(el.propertyName ?? el.name) })
  }
}

/**
 * Appends to `out` the exports of the declared `groups` (in declaration order), then those of
 * `separateExports`: a local declaration, or an import passed on as a re-export or namespace.
 */
function resolveLocals(
  ts: TypeScript,
  text: string,
  groups: ReadonlyMap<string, DeclarationGroup>,
  imports: ReadonlyMap<string, ImportBinding>,
  separateExports: readonly SeparateExport[],
  { sf, at, spanOf, ownSpan }: Positions,
  { locals, reExports, namespaces, others }: { locals: LocalExport[]; reExports: ReExport[]; namespaces: NamespaceExport[]; others: string[] },
): void {
  const declared = new Map<string, Declared>()
  for (const [local, group] of groups) {
    const first = group[0]!
    // Overloads and merged declarations: each statement's own span (a variable statement declaring several names is listed once per name).
    const spans = group.map((g) => ownSpan(g.statement))
    const entry: Declared = {
      ...at(first.name.getStart(sf)),
      local,
      kind: first.kind,
      documented: group.some((g) => hasDocComment(ts, text, g.statement)),
      spans,
    }
    declared.set(local, entry)
    const exports = group.filter((g) => g.exported)
    if (exports.length === 0) continue
    const names = new Set(exports.map((g) => (g.isDefault ? 'default' : local)))
    for (const exported of names)
      locals.push({ exported, local, kind: entry.kind, documented: entry.documented, line: entry.line, column: entry.column, spans: [...spans] })
  }
  // `export { a }` and `export default a` after the fact: a local declaration, or an import passed on.
  for (const { exported, local, node } of separateExports) {
    const own = declared.get(local)
    if (own !== undefined) {
      locals.push({ exported, local, kind: own.kind, documented: own.documented, line: own.line, column: own.column, spans: [...own.spans, spanOf(node)] })
      continue
    }
    const imported = imports.get(local)
    if (imported === undefined) {
      others.push(exported)
      continue
    }
    const name = ts.isExportSpecifier(node) ? node.name : node
    if (imported.imported === null) {
      namespaces.push({ ...at(name.getStart(sf)), exported, specifier: imported.specifier, spans: [spanOf(node)] })
      continue
    }
    reExports.push({ ...at(name.getStart(sf)), exported, imported: imported.imported, specifier: imported.specifier, spans: [spanOf(node)] })
  }
}

/** `export default …`: a named binding is resolved later (into `separateExports`); a function or class expression is a local export. */
function recordExportAssignment(
  ts: TypeScript,
  text: string,
  statement: TS.ExportAssignment,
  { sf, at, spanOf }: Positions,
  { locals, others }: { locals: LocalExport[]; others: string[] },
  separateExports: SeparateExport[],
): void {
  const expression = statement.expression
  if (ts.isIdentifier(expression)) separateExports.push({ exported: 'default', local: expression.text, node: statement })
  else if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression) || ts.isClassExpression(expression)) {
    const name = expression.name !== undefined && ts.isIdentifier(expression.name) ? expression.name : undefined
    const documented = hasDocComment(ts, text, statement)
    locals.push({
      exported: 'default',
      local: name?.text ?? 'default',
      kind: ts.isClassExpression(expression) ? 'class' : 'function',
      documented,
      ...at(name === undefined ? statement.getStart(sf) : name.getStart(sf)),
      spans: [spanOf(statement)],
    })
  } else others.push('default')
}
