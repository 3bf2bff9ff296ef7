// lint-config-weakened: ESLint rules turned off or downgraded, ignores added and shared configs
// dropped in ESLint configs (their own settings; imported configs are not resolved), and
// strictness flags turned off in tsconfig files (their effective value through `extends`).
import type * as TS from 'typescript'
import { parseJsonc } from '../testing/discover.js'
import type { TypeScript } from '../testing/typescript.js'
import { findProperty, hasSyntaxErrors, parseSource, parseYamlFile, propertyName, spanOf, type Span } from './positions.js'
import { onlyBuildOutput, type OutputFacts } from './build-output.js'
import type { InheritedOptions } from './tsconfig-extends.js'
import type { MessageData } from '../findings/rule.js'
import { jsonLinterEntries, jsonLinterTool } from './linter-json-config.js'
import { integrityFinding, LOOSENING_HELP, show, type GateIntegrityMessageId, type IntegrityFinding } from './types.js'

/** The lint config formats lint-config-weakened compares: ESLint flat config, legacy `.eslintrc*`, `.eslintignore`, Biome's and oxlint's JSON configs, and `tsconfig*.json`. */
export type LintConfigKind = 'eslint-flat' | 'eslintrc' | 'eslintignore' | 'biome' | 'oxlint' | 'tsconfig'

/** The kind of lint config at `path`, or undefined when it is not one this rule reads. */
export function lintConfigKind(path: string): LintConfigKind | undefined {
  if (/(?:^|\/)node_modules\//.test(path)) return undefined
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (/^eslint\.config\.[cm]?[jt]s$/.test(name)) return 'eslint-flat'
  if (/^\.eslintrc(?:\.(?:json|[cm]?js|ya?ml))?$/.test(name)) return 'eslintrc'
  if (name === '.eslintignore') return 'eslintignore'
  if (name === 'biome.json' || name === 'biome.jsonc') return 'biome'
  if (name === '.oxlintrc.json') return 'oxlint'
  return /^tsconfig(?:[.-][\w.-]+)?\.json$/.test(name) ? 'tsconfig' : undefined
}

const SEVERITY_NAMES = ['off', 'warn', 'error']

interface Entry {
  /** `import`: a package the config imports or requires, which keeps an old `extends` of it alive. */
  kind: 'rule' | 'ignore' | 'shared' | 'import'
  name: string
  /** The file the entry is written in. */
  path?: string
  /** Rules: 0 off, 1 warn, 2 error; undefined when not a literal. */
  rank?: number | undefined
  span?: Span | undefined
}

function rankOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return rankOf(value[0])
  if (typeof value === 'number') return value >= 0 && value <= 2 && Number.isInteger(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const index = SEVERITY_NAMES.indexOf(value.toLowerCase())
  return index < 0 ? undefined : index
}

/** The package a module specifier names: `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string)
}

/** The package an eslintrc `extends` entry loads, as ESLint resolves its short names. */
function extendsPackage(name: string): string {
  if (name.startsWith('eslint:')) return '@eslint/js'
  if (name.startsWith('plugin:')) {
    // The plugin is what precedes the last slash: plugin:x/cfg → eslint-plugin-x,
    // plugin:@s/cfg → @s/eslint-plugin, plugin:@s/x/cfg → @s/eslint-plugin-x.
    const slash = name.lastIndexOf('/')
    const plugin = slash > 7 ? name.slice(7, slash) : name.slice(7)
    if (plugin.startsWith('eslint-plugin-') || /^@[^/]+\/eslint-plugin/.test(plugin)) return plugin
    if (!plugin.startsWith('@')) return `eslint-plugin-${plugin}`
    const [scope, id] = plugin.split('/')
    return id === undefined ? `${scope}/eslint-plugin` : `${scope}/eslint-plugin-${id}`
  }
  if (name.startsWith('.') || name.startsWith('/')) return name
  const pkg = packageOf(name)
  if (pkg.startsWith('@')) return pkg.includes('/') ? pkg : `${pkg}/eslint-config`
  return pkg.startsWith('eslint-config-') ? pkg : `eslint-config-${pkg}`
}

/** Packages that bring another's configs: typescript-eslint re-exports its plugin's. */
const PACKAGE_ALIASES: Record<string, string[]> = { 'typescript-eslint': ['@typescript-eslint/eslint-plugin'] }

/** Names ESLint's config helpers go by: their arguments are the config array's elements. */
const CONFIG_HELPERS = new Set(['config', 'defineConfig'])

/** Rules, ignores and shared configs of a JS/TS/JSON ESLint config, from its syntax (nothing is run). */
function entriesFromSyntax(ts: TypeScript, sf: TS.SourceFile): Entry[] {
  const entries: Entry[] = []
  const span = (node: TS.Node): Span => spanOf(sf, node.getStart(sf), node.getEnd())
  const literal = (node: TS.Expression): unknown => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
    if (ts.isNumericLiteral(node)) return Number(node.text)
    if (ts.isArrayLiteralExpression(node)) return node.elements.length === 0 ? undefined : [literal(node.elements[0] as TS.Expression)]
    return undefined
  }
  const list = (node: TS.Expression, kind: 'ignore' | 'shared'): void => {
    const items = ts.isArrayLiteralExpression(node) ? node.elements : [node]
    for (const item of items) {
      const text = ts.isStringLiteral(item) || ts.isNoSubstitutionTemplateLiteral(item) ? item.text : item.getText(sf).replace(/\s+/g, ' ')
      entries.push({ kind, name: text, span: span(item) })
    }
  }
  const consts = new Map<string, TS.Expression>()
  const visit = (node: TS.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined) consts.set(node.name.text, node.initializer)
    const specifier = ts.isImportDeclaration(node)
      ? node.moduleSpecifier
      : ts.isCallExpression(node) &&
          ((ts.isIdentifier(node.expression) && node.expression.text === 'require') || node.expression.kind === ts.SyntaxKind.ImportKeyword)
        ? node.arguments[0]
        : undefined
    if (specifier !== undefined && ts.isStringLiteral(specifier) && !specifier.text.startsWith('.'))
      entries.push({ kind: 'import', name: packageOf(specifier.text) })
    if (ts.isPropertyAssignment(node)) {
      const name = propertyName(ts, node.name)
      const value = node.initializer
      if (name === 'rules' && ts.isObjectLiteralExpression(value)) {
        for (const property of value.properties) {
          if (ts.isSpreadAssignment(property))
            entries.push({ kind: 'shared', name: `...${property.expression.getText(sf).replace(/\s+/g, ' ')}`, span: span(property) })
          else if (ts.isPropertyAssignment(property)) {
            const rule = propertyName(ts, property.name)
            if (rule !== undefined) entries.push({ kind: 'rule', name: rule, rank: rankOf(literal(property.initializer)), span: span(property) })
          }
        }
        return
      }
      if (name === 'ignores' || name === 'ignorePatterns') {
        list(value, 'ignore')
        return
      }
      if (name === 'extends') {
        list(value, 'shared')
        return
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = ts.isIdentifier(node.expression) ? node.expression.text : ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ''
      const first = node.arguments[0]
      if (callee === 'globalIgnores' && first !== undefined) {
        list(first, 'ignore')
        return
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)

  // The exported array's elements that are not object literals are shared configs
  // (`js.configs.recommended`, `...tseslint.configs.strict`).
  const elementsOf = (expression: TS.Expression | undefined, depth: number): readonly TS.Node[] => {
    if (expression === undefined || depth > 4) return []
    if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression))
      return elementsOf(expression.expression, depth)
    if (ts.isArrayLiteralExpression(expression)) return expression.elements
    if (ts.isCallExpression(expression)) {
      const callee = ts.isIdentifier(expression.expression)
        ? expression.expression.text
        : ts.isPropertyAccessExpression(expression.expression)
          ? expression.expression.name.text
          : ''
      if (CONFIG_HELPERS.has(callee)) return expression.arguments
    }
    if (ts.isIdentifier(expression)) return elementsOf(consts.get(expression.text), depth + 1)
    return []
  }
  let exported: TS.Expression | undefined
  for (const statement of sf.statements) {
    if (ts.isExportAssignment(statement)) exported = statement.expression
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.left.getText(sf) === 'module.exports')
      exported = statement.expression.right
  }
  for (const element of elementsOf(exported, 0)) {
    if (ts.isObjectLiteralExpression(element) || ts.isOmittedExpression(element)) continue
    if (ts.isCallExpression(element) && ts.isIdentifier(element.expression) && element.expression.text === 'globalIgnores') continue
    const text = ts.isSpreadElement(element) ? `...${element.expression.getText(sf)}` : element.getText(sf)
    entries.push({ kind: 'shared', name: text.replace(/\s+/g, ' '), span: span(element) })
  }
  return entries
}

/** The same entries from a YAML eslintrc: `rules`, `ignorePatterns` and `extends` at any depth (overrides included). */
function entriesFromYaml(text: string): Entry[] | undefined {
  const file = parseYamlFile(text)
  if (file.broken) return undefined
  const entries: Entry[] = []
  const visit = (value: unknown, path: Array<string | number>): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i]))
      return
    }
    if (typeof value !== 'object' || value === null) return
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'rules' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        for (const [rule, setting] of Object.entries(v as Record<string, unknown>))
          entries.push({ kind: 'rule', name: rule, rank: rankOf(setting), span: file.spanAt([...path, key, rule]) })
      } else if (key === 'ignorePatterns' || key === 'extends') {
        const kind = key === 'extends' ? 'shared' : 'ignore'
        if (Array.isArray(v)) v.forEach((item, i) => entries.push({ kind, name: String(item), span: file.spanAt([...path, key, i]) }))
        else entries.push({ kind, name: String(v), span: file.spanAt([...path, key]) })
      } else {
        visit(v, [...path, key])
      }
    }
  }
  visit(file.value, [])
  return entries
}

function entriesFromIgnoreFile(text: string): Entry[] {
  const entries: Entry[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const column = raw.indexOf(line) + 1
    entries.push({ kind: 'ignore', name: line, span: { line: i + 1, column, endLine: i + 1, endColumn: column + line.length } })
  })
  return entries
}

/** The entries of one version, or undefined when it cannot be read. */
function readEntries(ts: TypeScript, path: string, kind: LintConfigKind, text: string): Entry[] | undefined {
  const read = (): Entry[] | undefined => {
    if (kind === 'eslintignore') return entriesFromIgnoreFile(text)
    if (kind === 'biome' || kind === 'oxlint') return jsonLinterEntries(ts, kind, text)
    const name = path.slice(path.lastIndexOf('/') + 1)
    if (kind === 'eslintrc' && (/\.ya?ml$/.test(name) || (name === '.eslintrc' && parseJsonc(ts, `${name}.json`, text) === undefined))) {
      // ESLint reads a bare .eslintrc as YAML with comments stripped: JSON with comments, or YAML.
      return entriesFromYaml(text)
    }
    const json = kind === 'eslintrc' && !/\.[cm]?js$/.test(name)
    if (json && parseJsonc(ts, `${name}.json`, text) === undefined) return undefined
    const sf = parseSource(ts, json ? `${name}.json` : name, text, json)
    return !json && hasSyntaxErrors(sf) ? undefined : entriesFromSyntax(ts, sf)
  }
  return read()?.map((e) => ({ ...e, path }))
}

/** One lint-config-weakened report: its messageId and data (`file` is added last), severity, file and place. */
interface Report {
  severity: 'high' | 'medium'
  messageId: GateIntegrityMessageId<'lint-config-weakened'>
  data: MessageData
  /** The file the finding is on. */
  path: string
  span?: Span | undefined
}

const SEVERITY_RANK_NAME = (rank: number): string => SEVERITY_NAMES[rank] as string

function compareRules(prev: Entry[], next: Entry[], tool: string): Report[] {
  const out: Report[] = []
  const names = new Set([...prev, ...next].filter((e) => e.kind === 'rule').map((e) => e.name))
  for (const name of names) {
    const removed = prev.filter((e) => e.kind === 'rule' && e.name === name)
    const all = next.filter((e) => e.kind === 'rule' && e.name === name)
    // Settings that stayed (same severity, wherever they moved, in whichever file) cancel out first.
    const added: Entry[] = []
    for (const entry of all) {
      const i = removed.findIndex((r) => r.rank === entry.rank)
      if (i >= 0) removed.splice(i, 1)
      else added.push(entry)
    }
    added.sort((a, b) => (a.rank ?? 3) - (b.rank ?? 3))
    for (const entry of added) {
      const path = entry.path as string
      if (entry.rank === undefined) {
        out.push({
          severity: 'medium',
          messageId: 'notLiteral',
          data: { tool, rule: name },
          path,
          span: entry.span,
        })
        continue
      }
      const rank = entry.rank
      const raised = removed.findIndex((r) => r.rank !== undefined && r.rank < rank)
      if (raised >= 0) {
        removed.splice(raised, 1)
        continue
      }
      const higher = removed.filter((r) => r.rank !== undefined && r.rank > rank).sort((a, b) => (b.rank as number) - (a.rank as number))[0]
      if (higher !== undefined) {
        removed.splice(removed.indexOf(higher), 1)
        out.push({
          severity: 'high',
          messageId: 'downgraded',
          data: { tool, rule: name, from: SEVERITY_RANK_NAME(higher.rank as number), to: SEVERITY_RANK_NAME(rank) },
          path,
          span: entry.span,
        })
      } else if (rank === 0) {
        // Without resolving shared configs, a new `off` is taken for what it nearly always is: an override.
        out.push({ severity: 'high', messageId: 'turnedOff', data: { tool, rule: name }, path, span: entry.span })
      }
    }
    for (const entry of removed) {
      const rank = entry.rank
      if (rank === undefined || rank === 0) continue
      // Still set as strictly elsewhere, or to a value that was reported as not comparable.
      if (all.some((e) => e.rank === undefined || e.rank >= rank)) continue
      out.push({ severity: 'high', messageId: 'ruleRemoved', data: { tool, rule: name, was: SEVERITY_RANK_NAME(rank) }, path: entry.path as string })
    }
  }
  return out
}

/** An ignore pattern in the form .eslintignore and flat `ignores` share: `/dist/`, `dist` and `dist/**` alike. */
function ignoreKey(pattern: string): string {
  return pattern
    .replace(/^\.?\//, '')
    .replace(/^(?:\*\*\/)+/, '')
    .replace(/(?:\/\*\*)+$|\/\*\*\/\*$|\/$/g, '')
}

function compareEslint(prev: Entry[], next: Entry[], output: OutputFacts | undefined, tool = 'ESLint'): Report[] {
  const out = compareRules(prev, next, tool)
  const oldIgnores = prev.filter((e) => e.kind === 'ignore').map((e) => ignoreKey(e.name))
  for (const entry of next.filter((e) => e.kind === 'ignore')) {
    const i = oldIgnores.indexOf(ignoreKey(entry.name))
    if (i >= 0) {
      oldIgnores.splice(i, 1)
      continue
    }
    if (entry.name.startsWith('!')) continue
    // Build output and dependencies hold no code to lint (a package's output moved from dist/ to build/).
    if (output !== undefined && onlyBuildOutput(entry.name, dirOf(entry.path as string), output)) continue
    out.push({
      severity: 'high',
      messageId: 'ignoreAdded',
      data: { tool, pattern: show(entry.name) },
      path: entry.path as string,
      span: entry.span,
    })
  }
  // A shared config stays when the same expression is still there, or its package is still
  // imported or extended (an .eslintrc `extends: unjs` migrated to `import unjs from 'eslint-config-unjs'`).
  const nextShared = next.filter((e) => e.kind === 'shared').map((e) => e.name)
  const nextPackages = new Set(
    next.flatMap((e) => (e.kind === 'import' ? [e.name, ...(PACKAGE_ALIASES[e.name] ?? [])] : e.kind === 'shared' ? [extendsPackage(e.name)] : [])),
  )
  for (const entry of prev.filter((e) => e.kind === 'shared')) {
    const i = nextShared.indexOf(entry.name)
    if (i >= 0) {
      nextShared.splice(i, 1)
      continue
    }
    if (/^[@\w:.-]/.test(entry.name) && !entry.name.includes(' ') && !entry.name.includes('.configs') && nextPackages.has(extendsPackage(entry.name))) continue
    out.push({ severity: 'high', messageId: 'sharedDropped', data: { config: entry.name }, path: entry.path as string })
  }
  return out
}

/** The flags `strict` turns on; each can be set on its own too. */
const STRICT_FAMILY = [
  'noImplicitAny',
  'strictNullChecks',
  'strictFunctionTypes',
  'strictBindCallApply',
  'strictPropertyInitialization',
  'strictBuiltinIteratorReturn',
  'noImplicitThis',
  'useUnknownInCatchVariables',
  'alwaysStrict',
]
const STRICTNESS = [
  'noUncheckedIndexedAccess',
  'exactOptionalPropertyTypes',
  'noImplicitReturns',
  'noFallthroughCasesInSwitch',
  'noImplicitOverride',
  'noPropertyAccessFromIndexSignature',
  'noUnusedLocals',
  'noUnusedParameters',
  'checkJs',
]
const ALLOWANCES = ['allowUnreachableCode', 'allowUnusedLabels']

/** A tsconfig's own `compilerOptions` and, when its `extends` chain was resolved, what that chain gives it. */
interface TsconfigSide {
  own: Record<string, unknown>
  inherited?: InheritedOptions | undefined
}

function compareTsconfig(path: string, before: TsconfigSide, after: TsconfigSide, locate: (key: string) => Span | undefined): Report[] {
  const out: Report[] = []
  const full = (side: TsconfigSide): Record<string, unknown> => ({ ...side.inherited?.options, ...side.own })
  const effective = (options: Record<string, unknown>, flag: string): boolean =>
    typeof options[flag] === 'boolean' ? (options[flag] as boolean) : STRICT_FAMILY.includes(flag) && options.strict === true
  // Unknown: set neither in the file nor in a config it extends that could be read, while another could not.
  const unknown = (side: TsconfigSide, options: Record<string, unknown>, flag: string): boolean =>
    (side.inherited?.unread.length ?? 0) > 0 && options[flag] === undefined && (!STRICT_FAMILY.includes(flag) || options.strict === undefined)
  for (const flag of ['strict', ...STRICT_FAMILY, ...STRICTNESS]) {
    const nextFull = full(after)
    // Where the new value cannot be known, the file's own settings are compared, as without `extends`.
    const blind = unknown(after, nextFull, flag)
    const prev = blind ? before.own : full(before)
    const next = blind ? after.own : nextFull
    if (!effective(prev, flag) || effective(next, flag)) continue
    // A family flag that only followed `strict` is covered by the finding on `strict`.
    if (STRICT_FAMILY.includes(flag) && prev[flag] === undefined && next[flag] === undefined) continue
    const inheritedNow = after.own[flag] === undefined && next[flag] !== undefined ? ` by ${after.inherited?.from[flag] ?? 'extends'}` : ''
    const note = blind
      ? ` (the value it inherits from ${after.inherited!.unread.map((u) => show(u)).join(', ')} cannot be read from the repository, so it is taken as unset)`
      : ''
    if (next[flag] === undefined) {
      const was = show(prev[flag] ?? (prev.strict === true ? 'on through strict' : undefined))
      out.push({ severity: 'high', messageId: 'flagRemoved', data: { flag, was, note }, path, span: locate(flag) })
    } else {
      const data = { flag, from: show(prev[flag] ?? 'on through strict'), to: show(next[flag]), inherited: inheritedNow, note }
      out.push({ severity: 'high', messageId: 'flagOff', data, path, span: locate(flag) })
    }
  }
  // A config that cannot be read from the tree may have set any of the flags: dropping it is reported.
  for (const entry of before.inherited?.unread ?? []) {
    if (after.inherited !== undefined && !after.inherited.unread.includes(entry))
      out.push({
        severity: 'high',
        messageId: 'extendsDropped',
        data: { entry: show(entry) },
        path,
        span: locate('extends'),
      })
  }
  for (const flag of ALLOWANCES) {
    if (full(after)[flag] === true && full(before)[flag] !== true)
      out.push({ severity: 'high', messageId: 'allowanceSet', data: { flag }, path, span: locate(flag) })
  }
  return out
}

/** Two versions of one file; `null` = absent. */
export interface FileVersions {
  path: string
  oldText: string | null
  newText: string | null
  /** tsconfig only: what each version's `extends` chain gives it, read from its own tree; unset = not resolved. */
  oldInherited?: InheritedOptions | undefined
  newInherited?: InheritedOptions | undefined
}

/** A lint-config finding with the file it is on. */
export type LintFinding = IntegrityFinding & { path: string }

function tsconfigReports(ts: TypeScript, file: FileVersions): Report[] {
  const options = (text: string | null): Record<string, unknown> | undefined => {
    if (text === null) return {}
    const value = parseJsonc(ts, 'tsconfig.json', text)
    if (typeof value !== 'object' || value === null) return undefined
    const compilerOptions = (value as Record<string, unknown>).compilerOptions
    return typeof compilerOptions === 'object' && compilerOptions !== null ? (compilerOptions as Record<string, unknown>) : {}
  }
  const next = options(file.newText)
  if (next === undefined) return [{ severity: 'medium', messageId: 'unparsable', data: {}, path: file.path }]
  const sf = file.newText === null ? undefined : parseSource(ts, 'tsconfig.json', file.newText, true)
  const locate = (flag: string): Span | undefined => {
    const property = sf === undefined ? undefined : findProperty(ts, sf, flag === 'extends' ? [flag] : ['compilerOptions', flag])
    return property === undefined || sf === undefined ? undefined : spanOf(sf, property.getStart(sf), property.getEnd())
  }
  return compareTsconfig(
    file.path,
    // A deleted tsconfig takes only its own settings away: what it inherited still stands in its parents.
    { own: options(file.oldText) ?? {}, inherited: file.newText === null ? undefined : file.oldInherited },
    { own: next, inherited: file.newInherited },
    locate,
  )
}

/** The ESLint files of one directory, compared together so a migration between formats is not a loosening. */
function eslintReports(ts: TypeScript, files: readonly FileVersions[], output: OutputFacts | undefined, tool = 'ESLint'): Report[] {
  const prev: Entry[] = []
  const next: Entry[] = []
  const unreadable: Report[] = []
  for (const file of files) {
    const kind = lintConfigKind(file.path) as LintConfigKind
    const now = file.newText === null ? [] : readEntries(ts, file.path, kind, file.newText)
    if (now === undefined) unreadable.push({ severity: 'medium', messageId: 'unparsable', data: {}, path: file.path })
    else next.push(...now)
    // A base version that does not parse counts as empty: everything the new one turns off is reported.
    prev.push(...(file.oldText === null ? [] : (readEntries(ts, file.path, kind, file.oldText) ?? [])))
  }
  return unreadable.length > 0 ? unreadable : compareEslint(prev, next, output, tool)
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

/**
 * Compares two versions of each ESLint config (flat `eslint.config.*`, `.eslintrc*` in JSON, YAML
 * or JS, `.eslintignore`) and `tsconfig*.json` given, reading the ESLint files' own settings
 * (shared configs and imported modules are not resolved) and a tsconfig's effective flags when
 * `oldInherited`/`newInherited` give what its `extends` chain sets. The ESLint files of one
 * directory are compared together, so moving settings between them (an .eslintrc migrated to
 * eslint.config.mjs, .eslintignore to `ignores`) loosens nothing. Reports (high): a rule
 * downgraded (error > warn > off, numbers and `['error', opts]` included), a new `off` entry, a
 * rule removed while nothing else still sets it as strictly; an ignore entry added (`ignores`,
 * `globalIgnores`, `ignorePatterns`, `.eslintignore`) unless `output` shows it can only match build
 * output (integrity/build-output.ts); a shared config or rules spread dropped
 * (kept when its package is still imported or extended); a tsconfig strictness flag turned off
 * or removed (strict and its family, noUncheckedIndexedAccess, exactOptionalPropertyTypes,
 * noImplicitReturns, noFallthroughCasesInSwitch, noImplicitOverride,
 * noPropertyAccessFromIndexSignature, noUnused*, checkJs), or allowUnreachableCode /
 * allowUnusedLabels set true; an unreadable `extends` entry (a package) dropped. A new version that cannot be read, or a rule set to a non-literal
 * severity, is medium. Rule options are not compared. Files of other kinds are ignored.
 * @returns findings in path, then line order, each with the file it is on
 */
export function compareLintConfigs(ts: TypeScript, files: readonly FileVersions[], output?: OutputFacts): LintFinding[] {
  const reports: Report[] = []
  const eslintByDir = new Map<string, FileVersions[]>()
  for (const file of files) {
    const kind = lintConfigKind(file.path)
    if (kind === 'tsconfig') reports.push(...tsconfigReports(ts, file))
    else if (kind === 'biome' || kind === 'oxlint') {
      // A first config at the root: nothing was linted with it at the base, so nothing got looser.
      if (!(dirOf(file.path) === '' && file.oldText === null)) reports.push(...eslintReports(ts, [file], output, jsonLinterTool(kind)))
    } else if (kind !== undefined) eslintByDir.set(dirOf(file.path), [...(eslintByDir.get(dirOf(file.path)) ?? []), file])
  }
  for (const [dir, group] of eslintByDir) {
    // A first ESLint config at the root: nothing was linted at the base, so nothing got looser.
    // (A new nested config still counts: ESLint's per-file lookup applies it under a linted root.)
    if (dir === '' && group.every((f) => f.oldText === null)) continue
    reports.push(...eslintReports(ts, group, output))
  }
  // In file order; what the new version no longer holds (no line) last.
  return reports
    .sort(
      (a, b) =>
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
        (a.span?.line ?? Infinity) - (b.span?.line ?? Infinity) ||
        (a.span?.column ?? 0) - (b.span?.column ?? 0),
    )
    .map((r) => ({
      ...integrityFinding(
        'lint-config-weakened',
        r.messageId,
        { ...r.data, file: r.path },
        {
          severity: r.severity,
          ...(r.span === undefined ? {} : { startLine: r.span.line, startColumn: r.span.column, endLine: r.span.endLine, endColumn: r.span.endColumn }),
          help: LOOSENING_HELP,
        },
      ),
      path: r.path,
    }))
}

/** {@link compareLintConfigs} for one file: its findings without the path. */
export function compareLintConfig(ts: TypeScript, path: string, oldText: string | null, newText: string | null): IntegrityFinding[] {
  return compareLintConfigs(ts, [{ path, oldText, newText }]).map(({ path: _path, ...finding }) => finding)
}
