// Static evaluation of config modules: literals, arrays, objects, local consts, defineConfig(),
// mergeConfig(), path.resolve(__dirname, '…'); anything else is UNKNOWN. Never runs the module.
import { posix } from 'node:path'
import type * as TS from 'typescript'
import type { TypeScript } from '../typescript.js'
import { JEST_DEFAULT_IGNORE, JEST_DEFAULT_TEST_MATCH, VITEST_DEFAULT_EXCLUDE, VITEST_DEFAULT_INCLUDE } from './defaults.js'
import { baseName } from './paths.js'

/** Parses JSON with comments and trailing commas (tsconfig, .mocharc.jsonc); undefined when invalid. */
export function parseJsonc(ts: TypeScript, fileName: string, text: string): unknown {
  const { config, error } = ts.parseConfigFileTextToJson(fileName, text)
  return error === undefined ? config : undefined
}

/** What a static evaluation could not decide. */
export const UNKNOWN: unique symbol = Symbol('unknown')

export type Dict = Record<string, unknown>

/** A plain object (not null, not an array). */
export function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A string or an array of strings, as a list; undefined for anything else (UNKNOWN included). */
export function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[]
  return undefined
}

/** Names config authors import for the runners' defaults (vitest/config, jest-config). */
const KNOWN_GLOBALS: Record<string, unknown> = {
  configDefaults: { include: VITEST_DEFAULT_INCLUDE, exclude: VITEST_DEFAULT_EXCLUDE },
  defaultInclude: VITEST_DEFAULT_INCLUDE,
  defaultExclude: VITEST_DEFAULT_EXCLUDE,
  defaults: { testMatch: JEST_DEFAULT_TEST_MATCH, testPathIgnorePatterns: JEST_DEFAULT_IGNORE },
}

const DEFINE_CALLS = new Set(['defineConfig', 'defineProject', 'defineWorkspace', 'defineVitestConfig', 'defineVitestProject'])
/** Keys under which nested project configs live; their objects are not the root config. */
const PROJECT_KEYS = new Set(['projects', 'workspace'])

function mergeDeep(a: unknown, b: unknown): unknown {
  if (b === UNKNOWN || b === undefined) return a
  if (Array.isArray(a) && Array.isArray(b)) return [...(a as unknown[]), ...(b as unknown[])]
  if (isDict(a) && isDict(b)) {
    const out: Dict = { ...a }
    for (const [key, value] of Object.entries(b)) out[key] = key in out ? mergeDeep(out[key], value) : value
    return out
  }
  return b
}

/** Evaluates expressions of one parsed config module without running it. */
export class StaticModule {
  private readonly consts = new Map<string, TS.Expression>()
  private readonly functions = new Map<string, TS.FunctionDeclaration>()
  private depth = 0

  constructor(
    private readonly ts: TypeScript,
    readonly file: TS.SourceFile,
  ) {
    const visit = (node: TS.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined && !this.consts.has(node.name.text)) {
        this.consts.set(node.name.text, node.initializer)
      }
      if (ts.isFunctionDeclaration(node) && node.name !== undefined && node.body !== undefined && !this.functions.has(node.name.text)) {
        this.functions.set(node.name.text, node)
      }
      ts.forEachChild(node, visit)
    }
    visit(file)
  }

  /** The module's default export (`export default`, `export =`, `module.exports =`), evaluated. */
  exported(): unknown {
    const ts = this.ts
    for (const statement of this.file.statements) {
      if (ts.isExportAssignment(statement)) return this.evaluate(statement.expression)
      if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
        const { left, operatorToken, right } = statement.expression
        const target = left.getText(this.file)
        if (operatorToken.kind === ts.SyntaxKind.EqualsToken && (target === 'module.exports' || target === 'exports.default')) return this.evaluate(right)
      }
      if (ts.isFunctionDeclaration(statement) && statement.body !== undefined) {
        const modifiers = ts.getModifiers(statement)?.map((m) => m.kind) ?? []
        if (modifiers.includes(ts.SyntaxKind.ExportKeyword) && modifiers.includes(ts.SyntaxKind.DefaultKeyword)) {
          return this.evaluate(this.returned(statement.body))
        }
      }
    }
    return UNKNOWN
  }

  /**
   * Every object literal with one of `keys` as a property, evaluated, outermost first, not looking
   * inside `projects`/`workspace` arrays: the fallback when the export itself is not static.
   */
  objectsWith(keys: readonly string[]): Dict[] {
    const ts = this.ts
    const found: Dict[] = []
    const visit = (node: TS.Node): void => {
      if (ts.isPropertyAssignment(node) && PROJECT_KEYS.has(this.propertyName(node.name) ?? '')) return
      if (ts.isObjectLiteralExpression(node)) {
        const names = node.properties.map((p) => (p.name === undefined ? undefined : this.propertyName(p.name)))
        if (names.some((n) => n !== undefined && keys.includes(n))) {
          const value = this.evaluate(node)
          if (isDict(value)) found.push(value)
          return
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(this.file)
    return found
  }

  /** Whether any object literal in the module has a property named `key`. */
  hasProperty(key: string): boolean {
    const ts = this.ts
    let seen = false
    const visit = (node: TS.Node): void => {
      if (seen) return
      if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && this.propertyName(node.name) === key) {
        seen = true
        return
      }
      ts.forEachChild(node, visit)
    }
    visit(this.file)
    return seen
  }

  private propertyName(name: TS.PropertyName): string | undefined {
    const ts = this.ts
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text
    if (ts.isComputedPropertyName(name)) {
      const value = this.evaluate(name.expression)
      return typeof value === 'string' ? value : undefined
    }
    return undefined
  }

  private returned(body: TS.ConciseBody): TS.Expression | undefined {
    const ts = this.ts
    if (!ts.isBlock(body)) return body
    for (let i = body.statements.length - 1; i >= 0; i--) {
      const statement = body.statements[i] as TS.Statement
      if (ts.isReturnStatement(statement)) return statement.expression
    }
    return undefined
  }

  evaluate(node: TS.Expression | undefined): unknown {
    if (node === undefined || this.depth > 64) return UNKNOWN
    this.depth++
    try {
      return this.evaluateNode(node)
    } finally {
      this.depth--
    }
  }

  private evaluateNode(node: TS.Expression): unknown {
    const ts = this.ts
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isAwaitExpression(node)
    ) {
      return this.evaluate(node.expression)
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
    if (ts.isRegularExpressionLiteral(node)) return node.text.slice(1, node.text.lastIndexOf('/'))
    if (ts.isNumericLiteral(node)) return Number(node.text)
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false
    if (node.kind === ts.SyntaxKind.NullKeyword) return null
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text
      for (const span of node.templateSpans) {
        const value = this.evaluate(span.expression)
        if (typeof value !== 'string') return UNKNOWN
        text += value + span.literal.text
      }
      return text
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.evaluate(node.left)
      const right = this.evaluate(node.right)
      return typeof left === 'string' && typeof right === 'string' ? left + right : UNKNOWN
    }
    if (ts.isArrayLiteralExpression(node)) {
      const out: unknown[] = []
      for (const element of node.elements) {
        if (ts.isSpreadElement(element)) {
          const spread = this.evaluate(element.expression)
          if (Array.isArray(spread)) out.push(...(spread as unknown[]))
          else out.push(UNKNOWN)
        } else if (!ts.isOmittedExpression(element)) {
          out.push(this.evaluate(element))
        }
      }
      return out
    }
    if (ts.isObjectLiteralExpression(node)) {
      const out: Dict = {}
      for (const property of node.properties) {
        if (ts.isSpreadAssignment(property)) {
          const spread = this.evaluate(property.expression)
          if (isDict(spread)) Object.assign(out, spread)
          continue
        }
        const name = this.propertyName(property.name)
        if (name === undefined) continue
        if (ts.isPropertyAssignment(property)) out[name] = this.evaluate(property.initializer)
        else if (ts.isShorthandPropertyAssignment(property)) out[name] = this.evaluate(property.name)
        else out[name] = UNKNOWN
      }
      return out
    }
    if (ts.isIdentifier(node)) {
      const init = this.consts.get(node.text)
      if (init !== undefined) return this.evaluate(init)
      return node.text in KNOWN_GLOBALS ? KNOWN_GLOBALS[node.text] : UNKNOWN
    }
    if (ts.isPropertyAccessExpression(node)) {
      if (node.name.text === 'pathname' && ts.isNewExpression(node.expression)) return this.urlPath(node.expression)
      const target = this.evaluate(node.expression)
      return isDict(target) && node.name.text in target ? target[node.name.text] : UNKNOWN
    }
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      // A config exported as a function is read as what it returns.
      return this.evaluate(this.returned(node.body))
    }
    if (ts.isCallExpression(node)) return this.evaluateCall(node)
    return UNKNOWN
  }

  private evaluateCall(node: TS.CallExpression): unknown {
    const ts = this.ts
    const callee = ts.isIdentifier(node.expression)
      ? node.expression.text
      : ts.isPropertyAccessExpression(node.expression)
        ? node.expression.name.text
        : undefined
    if (callee === undefined) return UNKNOWN
    if (DEFINE_CALLS.has(callee)) return this.evaluate(node.arguments[0])
    if (ts.isIdentifier(node.expression)) {
      // A helper of the config module (`projects: [project('threads'), …]`): what it returns, its
      // parameters unknown.
      const local = this.functions.get(callee)
      if (local?.body !== undefined) return this.evaluate(this.returned(local.body))
      const init = this.consts.get(callee)
      if (init !== undefined && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return this.evaluate(init)
    }
    if (callee === 'mergeConfig') {
      return node.arguments.map((arg) => this.evaluate(arg)).reduce((acc: unknown, value) => (isDict(value) ? mergeDeep(acc, value) : acc), {})
    }
    if (callee === 'fileURLToPath') {
      const arg = node.arguments[0]
      if (arg !== undefined && ts.isNewExpression(arg)) return this.urlPath(arg)
      return UNKNOWN
    }
    const receiver = ts.isPropertyAccessExpression(node.expression) ? node.expression.expression.getText(this.file) : undefined
    if (callee === 'resolve' && (receiver === 'require' || receiver === 'import.meta')) {
      // require.resolve('pkg/setup') names a module, as a setup entry would.
      return this.evaluate(node.arguments[0])
    }
    if (callee === 'resolve' || callee === 'join') {
      const parts: string[] = []
      for (const [i, arg] of node.arguments.entries()) {
        if (i === 0 && this.isDirname(arg)) continue
        const value = this.evaluate(arg)
        if (typeof value !== 'string') return UNKNOWN
        parts.push(value)
      }
      if (parts.length === 0) return '.'
      const joined = posix.join(...parts)
      return joined.startsWith('.') || joined.startsWith('/') ? joined : `./${joined}`
    }
    return UNKNOWN
  }

  /** `new URL('./x', import.meta.url)` as './x'. */
  private urlPath(node: TS.NewExpression): unknown {
    const [first, second] = node.arguments ?? []
    if (second === undefined || !second.getText(this.file).includes('import.meta.url')) return UNKNOWN
    return this.evaluate(first)
  }

  /** `__dirname`, `import.meta.dirname`, `process.cwd()`, `dirname(fileURLToPath(import.meta.url))`. */
  private isDirname(node: TS.Expression, depth = 0): boolean {
    const text = node.getText(this.file)
    if (/^(?:__dirname|import\.meta\.dirname|process\.cwd\(\))$/.test(text)) return true
    if (this.ts.isCallExpression(node) && text.includes('import.meta.url')) return true
    if (this.ts.isIdentifier(node) && depth < 4) {
      const init = this.consts.get(node.text)
      return init !== undefined && this.isDirname(init, depth + 1)
    }
    return false
  }
}

/** A config module's value as far as it is static, and where it is not. */
export interface EvaluatedConfig {
  /** The default export, else the first object literal with one of the fallback keys; undefined when neither is static. */
  value: unknown
  /**
   * Dotted paths (`test.include`, `coverageThreshold.global`) of what could not be evaluated and is
   * left out of `value`: an object key is dropped, an array keeps its static elements only.
   */
  dynamic: string[]
}

/**
 * Evaluates a JS/TS config module statically, never running it (it may be pull-request code):
 * literals, arrays, objects, local consts and helpers, defineConfig(), mergeConfig(),
 * path.resolve(__dirname, '…'). When the default export is not static, the first object literal
 * with one of `fallbackKeys` stands in, as the test discovery reads configs. Never throws:
 * TypeScript's parser recovers from syntax errors.
 * @param fileName the file's name or path; its extension picks TS or JS parsing
 */
export function evaluateConfigModule(ts: TypeScript, fileName: string, text: string, fallbackKeys: readonly string[] = []): EvaluatedConfig {
  const kind = /\.[cm]?tsx?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS
  const module = new StaticModule(ts, ts.createSourceFile(baseName(fileName), text, ts.ScriptTarget.Latest, false, kind))
  let value = module.exported()
  if (!isDict(value) && !Array.isArray(value) && fallbackKeys.length > 0) value = module.objectsWith(fallbackKeys)[0] ?? UNKNOWN
  const dynamic: string[] = []
  const at = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`)
  const strip = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) {
      if (v.includes(UNKNOWN)) dynamic.push(path)
      return v.filter((e) => e !== UNKNOWN).map((e, i) => strip(e, at(path, String(i))))
    }
    if (!isDict(v)) return v
    const out: Dict = {}
    for (const [key, entry] of Object.entries(v)) {
      if (entry === UNKNOWN) dynamic.push(at(path, key))
      else out[key] = strip(entry, at(path, key))
    }
    return out
  }
  return value === UNKNOWN ? { value: undefined, dynamic: [''] } : { value: strip(value, ''), dynamic }
}
