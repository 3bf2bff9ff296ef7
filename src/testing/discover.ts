// Which files of a repository are test files: the runners' configs (vitest, jest, mocha) read
// statically, never executed (they may be pull-request code), else the usual naming conventions.
import { realpathSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { posix, relative, sep } from 'node:path'
import picomatch from 'picomatch'
import type * as TS from 'typescript'
import { parse as parseYaml } from 'yaml'
import { openRepository } from '../changes/git.js'
import { loadTypeScript, type TypeScript } from './typescript.js'

/** The runners whose configs discovery reads statically; `node --test` files are found by the conventions. */
export type TestRunner = 'vitest' | 'jest' | 'mocha'

/** What one runner config says about which files are tests, read without executing it; globs are picomatch, paths repository-relative. */
export interface RunnerConfigFacts {
  /** Repository-relative path of the config file (package.json for jest's "jest" key, .mocharc.* for mocha). */
  path: string
  runner: TestRunner
  /** Repository-relative directory the patterns are relative to ('' for the root). */
  dir: string
  /** Globs: vitest `test.include` (or defaults), jest `testMatch` (or defaults), mocha `spec`. Relative to `dir`. */
  include: string[]
  /**
   * jest `testRegex` (JS regex sources), `<rootDir>` replaced by `/<dir>`; matched, as jest matches
   * absolute paths, against `/` + the repository-relative path.
   */
  testRegex: string[]
  /** Globs: vitest `test.exclude`, mocha `ignore`; regexes from jest `testPathIgnorePatterns` go to excludeRegex. */
  exclude: string[]
  /** jest `testPathIgnorePatterns` and `modulePathIgnorePatterns`, matched like `testRegex`. */
  excludeRegex: string[]
  /** Repository-relative setup files: vitest `setupFiles`/`globalSetup`, jest `setupFiles`/`setupFilesAfterEnv`/`globalSetup`, mocha `require`/`file` that are local paths. */
  setupFiles: string[]
  /** True when include/testMatch/testRegex/spec were literally given (not defaults). */
  explicit: boolean
  /** Repository-relative directories tests must sit under (jest `roots`); absent means all of `dir`. */
  roots?: string[]
}

/** The test files of a repository and how they were found; what {@link discoverTests} returns. */
export interface TestDiscovery {
  /** Every file of the listing (`options.files` or git's), sorted, forward slashes: what createImportClassifier takes. */
  files: string[]
  /** Sorted repository-relative paths (forward slashes) of every test file. */
  testFiles: string[]
  configs: RunnerConfigFacts[]
  /** Union of the configs' setup files that exist. */
  setupFiles: string[]
  /** Where the list came from: `runner-config` whenever at least one config was found. */
  source: 'runner-config' | 'conventions'
  /** Whether a repository-relative path is a test file by the same rules (for files of a change set that may not exist in `files`). */
  isTestFile(path: string): boolean
}

/** Options of {@link discoverTests}: the candidate list (tests pass their own) and proofgate's extra excludes. */
export interface DiscoverOptions {
  /** Repository-relative candidate files; default: the git listing of `root` (listRepositoryFiles). */
  files?: readonly string[]
  /** Extra picomatch globs from proofgate's config, always applied. */
  exclude?: readonly string[]
}

/** Vitest's `test.include` default. */
export const VITEST_DEFAULT_INCLUDE = ['**/*.{test,spec}.?(c|m)[jt]s?(x)']
/** Applied when a vitest config sets no `test.exclude`: node_modules and dist, as vitest 3 excluded (vitest 4 and later exclude node_modules and .git). */
export const VITEST_DEFAULT_EXCLUDE = ['**/node_modules/**', '**/dist/**']
/** Jest's `testMatch` default. */
export const JEST_DEFAULT_TEST_MATCH = ['**/__tests__/**/*.[jt]s?(x)', '**/?(*.)+(spec|test).[jt]s?(x)']
/** Jest's `testPathIgnorePatterns` default (regex sources, matched against `/` + the repository-relative path). */
export const JEST_DEFAULT_IGNORE = ['/node_modules/']
const MOCHA_DEFAULT_EXTENSIONS = ['js', 'cjs', 'mjs']
/** What counts as a test file when no runner config says otherwise. */
export const CONVENTION_PATTERNS = ['**/*.{test,spec}.*', '**/__tests__/**', '**/test/**', '**/tests/**', '**/test.{ts,js,tsx,jsx,mts,cts,mjs,cjs}']
/** Test data, not tests, under the conventions (a config's explicit include still wins). */
const FIXTURE_PATTERNS = ['**/fixtures/**', '**/__fixtures__/**']
/** Tool configs are not tests even inside a test directory (`test/e2e/vitest.config.ts`, `.mocharc.js`). */
const CONFIG_FILE = /(?:^|\.)config[.-]|^\.[\w-]+rc\./

/** Directories that never hold the repository's own tests: dependencies, build output, snapshots. */
const NEVER_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', 'out', '.next', '.turbo', '__snapshots__'])
const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/
const DECLARATION_FILE = /\.d\.[cm]?ts$/
const CONFIG_EXTENSIONS = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs']
const MODULE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs']
/** A file a `projects` glob may name as a config of its own (`vitest.config.e2e.ts`, `jest.unit.config.js`). */
const CONFIG_LIKE = /(?:config|workspace|projects)[^/]*\.(?:[cm]?[jt]s|json)$/
const GLOB_CHARS = /[*?[\]{}()!]/

type Matcher = (path: string) => boolean

/** Parses JSON with comments and trailing commas (tsconfig, .mocharc.jsonc); undefined when invalid. */
export function parseJsonc(ts: TypeScript, fileName: string, text: string): unknown {
  const { config, error } = ts.parseConfigFileTextToJson(fileName, text)
  return error === undefined ? config : undefined
}

/**
 * The repository's files, repository-relative with forward slashes: `git ls-files -z --cached
 * --others --exclude-standard` in `root` minus files deleted from the work tree, sorted.
 * @throws ProofgateError PG_NOT_A_GIT_REPO when `root` is not inside a work tree.
 */
export async function listRepositoryFiles(root: string): Promise<string[]> {
  const repo = await openRepository(root)
  // git prints paths relative to the top level; a root below it keeps its own part only.
  const prefix = relative(realpathSync(repo.root), realpathSync(root)).split(sep).join('/')
  const scope = prefix === '' ? [] : ['--', prefix]
  const [listed, deleted] = await Promise.all([
    repo.raw(['ls-files', '-z', '--cached', '--others', '--exclude-standard', ...scope]),
    repo.raw(['ls-files', '-z', '--deleted', ...scope]),
  ])
  const gone = new Set(deleted.split('\0'))
  const strip = prefix === '' ? 0 : prefix.length + 1
  const files = new Set<string>()
  for (const path of listed.split('\0')) {
    if (path !== '' && !gone.has(path)) files.add(path.slice(strip))
  }
  return [...files].sort(compare)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function normalisePath(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '')
}

/** `dir` joined with `path`, normalised, '' for the root; undefined when it leaves the repository. */
function joinRepo(dir: string, path: string): string | undefined {
  const joined = posix.normalize(posix.join(dir === '' ? '.' : dir, path.startsWith('/') ? `.${path}` : path)).replace(/\/$/, '')
  if (joined === '..' || joined.startsWith('../')) return undefined
  return joined === '.' ? '' : joined
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

function under(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`)
}

/** A file proofgate may ever call a test: code, not a declaration, outside dependencies and build output. */
function isCandidate(path: string): boolean {
  if (!CODE_FILE.test(path) || DECLARATION_FILE.test(path)) return false
  const parts = path.split('/')
  for (let i = 0; i < parts.length - 1; i++) if (NEVER_DIRS.has(parts[i] as string)) return false
  return true
}

/** Where config files may live: not in dependencies, build output or test data. */
function mayHoldConfig(path: string): boolean {
  const parts = path.split('/')
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string
    if (NEVER_DIRS.has(part) || part === 'fixtures' || part === '__fixtures__') return false
  }
  return true
}

/** Compiles globs once; `!`-negated ones subtract, as in jest's testMatch and tinyglobby. */
function compileGlobs(patterns: readonly string[]): Matcher {
  const positive = patterns.filter((p) => !p.startsWith('!')).map(normalisePath)
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => normalisePath(p.slice(1)))
  if (positive.length === 0) return () => false
  const yes = picomatch(positive, { dot: true })
  if (negative.length === 0) return yes
  const no = picomatch(negative, { dot: true })
  return (path) => yes(path) && !no(path)
}

function compileRegexes(sources: readonly string[]): RegExp[] {
  const out: RegExp[] = []
  for (const source of sources) {
    try {
      out.push(new RegExp(source))
    } catch {
      // A pattern JS cannot compile matches nothing, as in jest (which would refuse to start).
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Static evaluation of config modules: literals, arrays, objects, local consts, defineConfig(),
// mergeConfig(), path.resolve(__dirname, '…'); anything else is UNKNOWN.

/** What a static evaluation could not decide. */
const UNKNOWN: unique symbol = Symbol('unknown')

type Dict = Record<string, unknown>

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
class StaticModule {
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

// ---------------------------------------------------------------------------------------------
// Reading configs into facts.

interface Context {
  files: readonly string[]
  fileSet: ReadonlySet<string>
  /** Every directory that holds a file, '' included; built on first use. */
  dirs(): ReadonlySet<string>
  read(path: string): Promise<string | undefined>
}

/** A config file's contents as plain values: JSON/JSONC/YAML parsed, JS/TS evaluated statically. */
interface LoadedConfig {
  path: string
  /** The default export or whole document; UNKNOWN when not static. */
  value: unknown
  module?: StaticModule
}

async function loadConfig(ctx: Context, path: string): Promise<LoadedConfig | undefined> {
  const text = await ctx.read(path)
  if (text === undefined) return undefined
  const name = baseName(path)
  if (/\.ya?ml$/.test(name)) {
    try {
      return { path, value: parseYaml(text) as unknown }
    } catch {
      return { path, value: UNKNOWN }
    }
  }
  if (name.endsWith('.json') || name.endsWith('.jsonc')) {
    return { path, value: parseJsonc(await loadTypeScript(), name, text) ?? UNKNOWN }
  }
  // Loaded here, so a repository whose configs are all JSON or YAML never pays for TypeScript.
  const ts = await loadTypeScript()
  const kind = /\.[cm]?tsx?$/.test(name) ? ts.ScriptKind.TS : ts.ScriptKind.JS
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, kind)
  const module = new StaticModule(ts, file)
  return { path, value: module.exported(), module }
}

/** The config object of a loaded config: the static export, else the first object literal with one of `keys`. */
function configObject(config: LoadedConfig, keys: readonly string[]): Dict | undefined {
  if (isDict(config.value)) return config.value
  return config.module?.objectsWith(keys)[0]
}

/** A setup entry as a repository path when it is local (relative, root-relative or an existing file). */
function localPath(ctx: Context, dir: string, entry: string): string | undefined {
  const local = /^(?:\.{1,2}\/|\/)/.test(entry)
  const path = joinRepo(dir, entry)
  if (path === undefined) return undefined
  for (const candidate of [path, ...MODULE_EXTENSIONS.map((ext) => `${path}.${ext}`)]) {
    if (ctx.fileSet.has(candidate)) return candidate
  }
  return local ? path : undefined
}

function setupPaths(ctx: Context, dir: string, entries: Array<string[] | undefined>): string[] {
  const out = new Set<string>()
  for (const list of entries) {
    for (const entry of list ?? []) {
      const path = localPath(ctx, dir, entry.replace(/^<rootDir>/, '.'))
      if (path !== undefined) out.add(path)
    }
  }
  return [...out]
}

function stripDot(pattern: string): string {
  return pattern.replace(/^(?:\.\/)+/, '')
}

/** Directories a `projects`/`workspace` glob names, and files it names, relative to `dir`. */
function expandProjectEntry(ctx: Context, dir: string, entry: string): { dirs: string[]; files: string[] } {
  const pattern = stripDot(entry).replace(/\/$/, '')
  const prefix = dir === '' ? '' : `${dir}/`
  if (!GLOB_CHARS.test(pattern)) {
    const path = joinRepo(dir, pattern)
    if (path === undefined) return { dirs: [], files: [] }
    if (ctx.fileSet.has(path)) return { dirs: [], files: [path] }
    return ctx.dirs().has(path) ? { dirs: [path], files: [] } : { dirs: [], files: [] }
  }
  const match = picomatch(pattern, { dot: true })
  const relativeTo = (path: string): string | undefined => (dir === '' ? path : path.startsWith(prefix) ? path.slice(prefix.length) : undefined)
  const dirs: string[] = []
  for (const d of ctx.dirs()) {
    const rel = relativeTo(d)
    if (rel !== undefined && rel !== '' && match(rel) && mayHoldConfig(`${d}/x`)) dirs.push(d)
  }
  const files: string[] = []
  for (const f of ctx.files) {
    const rel = relativeTo(f)
    if (rel !== undefined && match(rel) && mayHoldConfig(f)) files.push(f)
  }
  return { dirs, files }
}

const VITEST_CONFIG = new RegExp(`^vitest\\.config\\.(?:${CONFIG_EXTENSIONS.join('|')})$`)
const VITE_CONFIG = new RegExp(`^vite\\.config\\.(?:${CONFIG_EXTENSIONS.join('|')})$`)
const VITEST_WORKSPACE = new RegExp(`^vitest\\.(?:workspace|projects)\\.(?:${[...CONFIG_EXTENSIONS, 'json'].join('|')})$`)
const JEST_CONFIG = /^jest\.config\.(?:js|ts|mjs|cjs|json)$/
/**
 * Configs a script passes with `--config` (`vitest.config.unit.mts`, `vitest.e2e.config.ts`,
 * `jest.config.integration.js`, NestJS's `test/jest-e2e.json`): their explicit tests count, but
 * they do not claim their directory.
 */
const VITEST_ALTERNATE = new RegExp(`^vitest\\.(?:[\\w-]+\\.)?config(?:[.-][\\w-]+)?\\.(?:${CONFIG_EXTENSIONS.join('|')})$`)
const JEST_ALTERNATE = /^jest\.(?:[\w-]+\.)?config(?:[.-][\w-]+)?\.(?:js|ts|mjs|cjs|json)$|^jest[.-][\w-]+\.json$/
const MOCHARC = /^\.mocharc\.(?:json|jsonc|ya?ml|js|cjs)$/
const MOCHARC_ORDER = ['.mocharc.js', '.mocharc.cjs', '.mocharc.yaml', '.mocharc.yml', '.mocharc.jsonc', '.mocharc.json']

const VITEST_KEYS = ['test']
const JEST_KEYS = ['testMatch', 'testRegex', 'testPathIgnorePatterns', 'roots', 'rootDir', 'setupFiles', 'setupFilesAfterEnv', 'globalSetup', 'projects', 'testEnvironment', 'preset', 'transform']
const MOCHA_KEYS = ['spec', 'require', 'file', 'extension', 'recursive', 'ignore']

class ConfigReader {
  readonly facts: RunnerConfigFacts[] = []
  /** Facts of alternate configs: they add tests but leave their directory to the conventions. */
  readonly nonClaiming = new Set<RunnerConfigFacts>()
  private claiming = true
  private readonly seen = new Set<string>()
  /** Directories whose own vitest / jest config is read anyway (a project entry naming them adds nothing). */
  private readonly vitestDirs = new Set<string>()
  private readonly jestDirs = new Set<string>()

  constructor(private readonly ctx: Context) {}

  async readAll(): Promise<void> {
    const byDir = new Map<string, string[]>()
    for (const path of this.ctx.files) {
      const name = baseName(path)
      const known = VITEST_CONFIG.test(name) || VITE_CONFIG.test(name) || VITEST_WORKSPACE.test(name) || JEST_CONFIG.test(name) || MOCHARC.test(name)
      if (!(known || name === 'package.json' || VITEST_ALTERNATE.test(name) || JEST_ALTERNATE.test(name))) continue
      if (!mayHoldConfig(path)) continue
      const dir = dirOf(path)
      byDir.set(dir, [...(byDir.get(dir) ?? []), name])
    }
    const loads: Array<Promise<void>> = []
    const jestPackages = new Map<string, Dict>()
    const mochaPackages = new Map<string, Dict>()
    const vitestFiles: string[] = []
    const viteFiles: string[] = []
    const workspaceFiles: string[] = []
    const jestFiles: string[] = []
    const mochaFiles: string[] = []
    const alternates: string[] = []
    for (const [dir, names] of byDir) {
      const at = (name: string): string => (dir === '' ? name : `${dir}/${name}`)
      const vitest = names.filter((n) => VITEST_CONFIG.test(n)).sort(byExtension)
      // vitest.config.* takes precedence over vite.config.* in one directory.
      if (vitest.length > 0) {
        vitestFiles.push(at(vitest[0] as string))
        this.vitestDirs.add(dir)
      } else viteFiles.push(...names.filter((n) => VITE_CONFIG.test(n)).sort(byExtension).slice(0, 1).map(at))
      workspaceFiles.push(...names.filter((n) => VITEST_WORKSPACE.test(n)).map(at))
      const jest = names.filter((n) => JEST_CONFIG.test(n)).sort(byExtension)
      if (jest.length > 0) {
        jestFiles.push(at(jest[0] as string))
        this.jestDirs.add(dir)
      }
      alternates.push(...names.filter((n) => (VITEST_ALTERNATE.test(n) && !VITEST_CONFIG.test(n)) || (JEST_ALTERNATE.test(n) && !JEST_CONFIG.test(n))).map(at))
      const rc = MOCHARC_ORDER.find((n) => names.includes(n))
      if (rc !== undefined) mochaFiles.push(at(rc))
      if (names.includes('package.json')) {
        loads.push(
          this.ctx.read(at('package.json')).then((text) => {
            const pkg = parsePackage(text)
            if (isDict(pkg?.jest) && jest.length === 0) {
              jestPackages.set(at('package.json'), pkg.jest)
              this.jestDirs.add(dir)
            }
            if (isDict(pkg?.mocha) && rc === undefined) mochaPackages.set(at('package.json'), pkg.mocha)
          }),
        )
      }
    }
    const loaded = new Map<string, LoadedConfig>()
    const all = [...vitestFiles, ...viteFiles, ...workspaceFiles, ...jestFiles, ...mochaFiles]
    loads.push(
      ...all.map(async (path) => {
        const config = await loadConfig(this.ctx, path)
        if (config !== undefined) loaded.set(path, config)
      }),
    )
    await Promise.all(loads)
    // A vite.config without a `test` key configures vite, not vitest.
    const vite = viteFiles.filter((path) => {
      const config = loaded.get(path)
      const has = config?.module?.hasProperty('test') === true || (isDict(config?.value) && 'test' in config.value)
      if (has) this.vitestDirs.add(dirOf(path))
      return has
    })
    for (const path of [...vitestFiles, ...vite].sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) await this.vitestConfig(config)
    }
    for (const path of workspaceFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) await this.vitestWorkspace(config)
    }
    for (const path of jestFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) await this.jestConfig(path, dirOf(path), configObject(config, JEST_KEYS))
    }
    for (const [path, jest] of [...jestPackages].sort(([a], [b]) => compare(a, b))) await this.jestConfig(path, dirOf(path), jest)
    for (const path of mochaFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) this.mochaConfig(path, configObject(config, MOCHA_KEYS))
    }
    for (const [path, mocha] of [...mochaPackages].sort(([a], [b]) => compare(a, b))) this.mochaConfig(path, mocha)
    // Last, so one a claiming config names as a project is read as that project.
    this.claiming = false
    for (const path of alternates.sort(compare)) {
      const config = await loadConfig(this.ctx, path)
      if (config === undefined) continue
      if (JEST_ALTERNATE.test(baseName(path))) await this.jestConfig(path, dirOf(path), configObject(config, JEST_KEYS))
      else await this.vitestConfig(config)
    }
    this.claiming = true
  }

  private add(facts: RunnerConfigFacts): void {
    // An alternate config that does not say which files it runs (`mergeConfig(imported, …)`) tells
    // nothing the standard config does not.
    if (!this.claiming && !facts.explicit) return
    this.facts.push(facts)
    if (!this.claiming) this.nonClaiming.add(facts)
  }

  private once(path: string): boolean {
    if (this.seen.has(path)) return false
    this.seen.add(path)
    return true
  }

  private async vitestConfig(config: LoadedConfig): Promise<void> {
    if (!this.once(config.path)) return
    const object = configObject(config, VITEST_KEYS)
    const dir = this.rootOf(dirOf(config.path), object?.root)
    const test = isDict(object?.test) ? object.test : undefined
    const projects = test?.projects ?? test?.workspace
    if (Array.isArray(projects)) {
      // With projects, the root config only sets shared options; the projects hold the tests.
      this.add(this.vitestFacts(config.path, dir, { ...test, include: [], typecheck: undefined }, undefined, true))
      await this.vitestProjects(config.path, dir, projects, test)
    } else {
      this.add(this.vitestFacts(config.path, dir, test))
    }
  }

  private async vitestWorkspace(config: LoadedConfig): Promise<void> {
    if (!this.once(config.path)) return
    const dir = dirOf(config.path)
    // When the list is not static, its inline projects (objects with a `test` key) still count.
    const entries = Array.isArray(config.value) ? (config.value as unknown[]) : (config.module?.objectsWith(VITEST_KEYS) ?? [])
    this.add({ path: config.path, runner: 'vitest', dir, include: [], testRegex: [], exclude: [], excludeRegex: [], setupFiles: [], explicit: true })
    await this.vitestProjects(config.path, dir, entries, undefined)
  }

  private async vitestProjects(path: string, dir: string, entries: readonly unknown[], rootTest: Dict | undefined): Promise<void> {
    for (const entry of entries) {
      if (typeof entry === 'string') {
        if (entry.startsWith('!')) continue
        const { dirs, files } = expandProjectEntry(this.ctx, dir, entry)
        for (const file of files) {
          if (!CONFIG_LIKE.test(baseName(file))) continue
          const config = await loadConfig(this.ctx, file)
          if (config === undefined) continue
          if (VITEST_WORKSPACE.test(baseName(file))) await this.vitestWorkspace(config)
          else await this.vitestConfig(config)
        }
        for (const project of dirs) {
          if (project === dir && rootTest !== undefined) {
            this.add(this.vitestFacts(path, dir, { ...rootTest, projects: undefined, workspace: undefined }))
          } else if (!this.vitestDirs.has(project)) {
            // A project directory without a config of its own runs with vitest's defaults.
            this.vitestDirs.add(project)
            this.add(this.vitestFacts(path, project, undefined))
          }
        }
      } else if (isDict(entry)) {
        const test = isDict(entry.test) ? entry.test : undefined
        const projectDir = this.rootOf(dir, entry.root ?? test?.root)
        this.add(this.vitestFacts(path, projectDir, test, await this.extended(path, entry.extends, rootTest)))
      }
    }
    if (entries.length > 0 && entries.every((e) => e === UNKNOWN) && rootTest !== undefined) {
      // Not one project could be read statically: assume they run the root's test options.
      this.add(this.vitestFacts(path, dir, { ...rootTest, projects: undefined, workspace: undefined }, undefined, false))
    }
  }

  /** The test options an inline project inherits: `extends: true` or the config's own path → the root's; another config's path → its. */
  private async extended(path: string, extendsValue: unknown, rootTest: Dict | undefined): Promise<Dict | undefined> {
    if (extendsValue === true) return rootTest
    if (typeof extendsValue !== 'string') return undefined
    const target = joinRepo(dirOf(path), extendsValue)
    if (target === undefined) return undefined
    if (target === path) return rootTest === undefined ? undefined : { ...rootTest, projects: undefined, workspace: undefined }
    if (!this.ctx.fileSet.has(target)) return undefined
    const config = await loadConfig(this.ctx, target)
    const object = config === undefined ? undefined : configObject(config, VITEST_KEYS)
    return isDict(object?.test) ? object.test : undefined
  }

  /** The directory a config's `root` option names, relative to the config's own directory. */
  private rootOf(dir: string, root: unknown): string {
    return typeof root === 'string' ? (joinRepo(dir, root) ?? dir) : dir
  }

  private vitestFacts(path: string, dir: string, test: Dict | undefined, inherit?: Dict, explicit?: boolean): RunnerConfigFacts {
    const get = (key: string): unknown => (test !== undefined && test[key] !== undefined ? test[key] : inherit?.[key])
    const given = strings(get('include'))
    const include = [...(given ?? VITEST_DEFAULT_INCLUDE)]
    const typecheck = get('typecheck')
    if (isDict(typecheck) && typecheck.enabled === true) include.push(...(strings(typecheck.include) ?? ['**/*.{test,spec}-d.?(c|m)[jt]s?(x)']))
    // `test.dir` is where vitest globs from: include and exclude are relative to it.
    const testDir = get('dir')
    const facts: RunnerConfigFacts = {
      path,
      runner: 'vitest',
      dir: typeof testDir === 'string' ? (joinRepo(dir, testDir) ?? dir) : dir,
      include: include.map(stripDot),
      testRegex: [],
      exclude: (strings(get('exclude')) ?? VITEST_DEFAULT_EXCLUDE).map(stripDot),
      excludeRegex: [],
      setupFiles: setupPaths(this.ctx, dir, [strings(get('setupFiles')), strings(get('globalSetup'))]),
      explicit: explicit ?? given !== undefined,
    }
    return facts
  }

  private async jestConfig(path: string, configDir: string, config: Dict | undefined): Promise<void> {
    if (!this.once(`${path}#${configDir}`)) return
    await this.jestFacts(path, configDir, config)
  }

  private async jestFacts(path: string, configDir: string, config: Dict | undefined): Promise<void> {
    const rootDir = typeof config?.rootDir === 'string' ? (joinRepo(configDir, config.rootDir.replace(/^<rootDir>/, '.')) ?? configDir) : configDir
    const relativeGlob = (p: string): string => stripDot(p.replace(/^<rootDir>\/?/, '').replace(/^\//, ''))
    const regexRoot = rootDir === '' ? '' : `/${rootDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`
    const regex = (p: string): string => p.replaceAll('<rootDir>', regexRoot)
    const testMatch = strings(config?.testMatch)
    const testRegex = strings(config?.testRegex)
    const roots = strings(config?.roots)
      ?.map((r) => joinRepo(rootDir, r.replace(/^<rootDir>/, '.')))
      .filter((r): r is string => r !== undefined)
    const projects = config?.projects
    const facts: RunnerConfigFacts = {
      path,
      runner: 'jest',
      dir: rootDir,
      include: (testMatch ?? (testRegex !== undefined ? [] : JEST_DEFAULT_TEST_MATCH)).map(relativeGlob),
      testRegex: (testRegex ?? []).map(regex),
      exclude: [],
      excludeRegex: [...(strings(config?.testPathIgnorePatterns) ?? JEST_DEFAULT_IGNORE), ...(strings(config?.modulePathIgnorePatterns) ?? [])].map(regex),
      setupFiles: setupPaths(this.ctx, rootDir, [strings(config?.setupFiles), strings(config?.setupFilesAfterEnv), strings(config?.globalSetup)]),
      explicit: testMatch !== undefined || testRegex !== undefined,
    }
    if (roots !== undefined) facts.roots = roots
    if (!Array.isArray(projects)) {
      this.add(facts)
      return
    }
    // With projects, the root config only sets global options; each project finds its own tests.
    this.add({ ...facts, include: [], testRegex: [], explicit: true })
    for (const entry of projects as unknown[]) {
      if (typeof entry === 'string') {
        const { dirs, files } = expandProjectEntry(this.ctx, rootDir, relativeGlob(entry) || '.')
        for (const file of files) {
          if (!CONFIG_LIKE.test(baseName(file))) continue
          const config = await loadConfig(this.ctx, file)
          if (config !== undefined) await this.jestConfig(file, dirOf(file), configObject(config, JEST_KEYS))
        }
        for (const project of dirs) {
          if (this.jestDirs.has(project)) continue
          this.jestDirs.add(project)
          await this.jestConfig(path, project, undefined)
        }
      } else if (isDict(entry)) {
        await this.jestFacts(path, rootDir, { rootDir: '<rootDir>', ...entry, projects: undefined })
      }
    }
  }

  private mochaConfig(path: string, config: Dict | undefined): void {
    const dir = dirOf(path)
    const spec = strings(config?.spec)
    const extensions = [...new Set([...MOCHA_DEFAULT_EXTENSIONS, ...(strings(config?.extension) ?? []).map((e) => e.replace(/^\./, ''))])]
    const extGlob = extensions.length === 1 ? `*.${extensions[0]}` : `*.{${extensions.join(',')}}`
    const recursive = config?.recursive === true
    const include = (spec ?? ['test']).map((entry) => {
      const pattern = stripDot(entry).replace(/\/$/, '')
      const path = joinRepo(dir, pattern)
      // A spec naming a directory means the files in it with the configured extensions.
      if (!GLOB_CHARS.test(pattern) && path !== undefined && this.ctx.dirs().has(path)) return `${pattern}/${recursive ? '**/' : ''}${extGlob}`
      return pattern
    })
    this.add({
      path,
      runner: 'mocha',
      dir,
      include,
      testRegex: [],
      exclude: (strings(config?.ignore) ?? strings(config?.exclude) ?? []).map(stripDot),
      excludeRegex: [],
      setupFiles: setupPaths(this.ctx, dir, [strings(config?.require), strings(config?.file)]),
      explicit: spec !== undefined,
    })
  }
}

function byExtension(a: string, b: string): number {
  const rank = (name: string): number => CONFIG_EXTENSIONS.indexOf(name.slice(name.lastIndexOf('.') + 1))
  return rank(a) - rank(b)
}

function parsePackage(text: string | undefined): Dict | undefined {
  if (text === undefined) return undefined
  try {
    const value: unknown = JSON.parse(text)
    return isDict(value) ? value : undefined
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------
// Matching.

interface CompiledConfig {
  dir: string
  roots: string[] | undefined
  include: Matcher
  testRegex: RegExp[]
  exclude: Matcher
  excludeRegex: RegExp[]
}

function compileConfig(facts: RunnerConfigFacts): CompiledConfig {
  return {
    dir: facts.dir,
    roots: facts.roots,
    include: compileGlobs(facts.include),
    testRegex: compileRegexes(facts.testRegex),
    exclude: compileGlobs(facts.exclude),
    excludeRegex: compileRegexes(facts.excludeRegex),
  }
}

function matchesConfig(config: CompiledConfig, path: string): boolean {
  if (!under(path, config.dir)) return false
  if (config.roots !== undefined && !config.roots.some((r) => under(path, r))) return false
  const rel = config.dir === '' ? path : path.slice(config.dir.length + 1)
  const absolute = `/${path}`
  const included = config.include(rel) || config.testRegex.some((re) => re.test(absolute))
  if (!included) return false
  return !config.exclude(rel) && !config.excludeRegex.some((re) => re.test(absolute))
}

/**
 * Finds the test files of the repository at `root`. Runner configs found among the files (any
 * directory, never node_modules, build output or fixtures) decide in their directory: there, a file
 * only the conventions would call a test is not one, unless every config found used only its
 * runner's defaults (then the union of both counts). Outside every config's directory, and
 * without configs, the conventions decide. Alternate configs (`vitest.config.unit.mts`) add their
 * tests without claiming their directory. Build output, declarations, snapshots, the configs'
 * setup files and `options.exclude` never count.
 * @param root absolute repository root
 * @throws ProofgateError PG_NOT_A_GIT_REPO when `options.files` is absent and `root` is not a work tree.
 */
export async function discoverTests(root: string, options: DiscoverOptions = {}): Promise<TestDiscovery> {
  const files = options.files === undefined ? await listRepositoryFiles(root) : [...new Set(options.files.map(normalisePath))].sort(compare)
  const fileSet = new Set(files)
  let dirs: Set<string> | undefined
  const ctx: Context = {
    files,
    fileSet,
    dirs() {
      if (dirs === undefined) {
        dirs = new Set([''])
        for (const file of files) {
          for (let d = dirOf(file); d !== '' && !dirs.has(d); d = dirOf(d)) dirs.add(d)
        }
      }
      return dirs
    },
    async read(path) {
      try {
        return await readFile(posix.join(root.replaceAll('\\', '/'), path), 'utf8')
      } catch {
        return undefined
      }
    },
  }
  const reader = new ConfigReader(ctx)
  await reader.readAll()
  const configs = reader.facts
  const compiled = configs.map(compileConfig)
  const userExclude = options.exclude !== undefined && options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : () => false
  const convention = picomatch(CONVENTION_PATTERNS, { dot: true })
  const fixture = picomatch(FIXTURE_PATTERNS, { dot: true })
  const byConvention = (path: string): boolean => convention(path) && !fixture(path) && !CONFIG_FILE.test(baseName(path))
  const mode = configs.length === 0 ? 'conventions' : configs.every((c) => !c.explicit) ? 'union' : 'configs'
  // A config claims its directory: there, only what it matches is a test. Outside every claimed
  // directory (a package with no config, `node --test` or Playwright suites) the conventions decide.
  const claimedDirs = new Set(configs.filter((c) => !reader.nonClaiming.has(c)).flatMap((c) => [c.dir, dirOf(c.path)]))
  const claimed = (path: string): boolean => {
    if (claimedDirs.has('')) return true
    for (let dir = dirOf(path); dir !== ''; dir = dirOf(dir)) if (claimedDirs.has(dir)) return true
    return false
  }

  // A file a config names as setup runs before the tests; it is not one, even where a glob matches it.
  const allSetupFiles = new Set(configs.flatMap((c) => c.setupFiles))
  const isTestFile = (input: string): boolean => {
    const path = normalisePath(input)
    if (!isCandidate(path) || userExclude(path) || allSetupFiles.has(path)) return false
    if (mode === 'conventions') return byConvention(path)
    if (compiled.some((c) => matchesConfig(c, path))) return true
    return byConvention(path) && (mode === 'union' || !claimed(path))
  }
  const setupFiles = [...allSetupFiles].filter((p) => fileSet.has(p)).sort(compare)
  return {
    files,
    testFiles: files.filter(isTestFile),
    configs,
    setupFiles,
    source: configs.length === 0 ? 'conventions' : 'runner-config',
    isTestFile,
  }
}
