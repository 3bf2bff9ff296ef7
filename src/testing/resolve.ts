// Whether an import of a test reaches the code under test: relative paths, tsconfig aliases,
// package.json `imports` and the repository's own packages, told apart from test libraries and doubles.
import { readFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { posix } from 'node:path'
import { slashPath } from '../changes/paths.js'
import { parseJsonc } from './discover.js'
import { loadTypeScript } from './typescript.js'

/**
 * - `source`: the repository's own code (relative, root-absolute, tsconfig alias, `#import`, own package name)
 * - `test-library`: a test framework, assertion, DOM or HTTP-mocking library (TEST_LIBRARIES)
 * - `double`: a stub, mock, fake or fixture, by a word of the specifier or of the resolved path
 * - `external`: any other package
 * - `builtin`: a Node.js core module
 */
export type ImportKind = 'source' | 'test-library' | 'double' | 'external' | 'builtin'

/** How one import specifier was classified, and the file it resolved to when it is the repository's own. */
export interface ClassifiedImport {
  kind: ImportKind
  /** Repository-relative path of the resolved file when it was found in `files` (relative, alias, #import, own package name). */
  resolved?: string
}

/** Classifies a test's imports against one repository's files, aliases and packages; built once per run by {@link createImportClassifier}. */
export interface ImportClassifier {
  classify(fromFile: string, specifier: string): ClassifiedImport
  /** The repository's own package names (root and workspace packages / any tracked package.json outside node_modules). */
  packageNames: ReadonlySet<string>
}

/**
 * Test libraries by package name; `x/*` also covers subpaths, `@x/*` a whole scope, `x-*` a name
 * prefix (plugins such as chai-as-promised, jest-extended). Node's own `node:test` and `assert`
 * count here rather than as builtins.
 */
export const TEST_LIBRARIES = [
  'vitest/*',
  '@vitest/*',
  'vitest-*',
  'jest/*',
  '@jest/*',
  'jest-*',
  'mocha/*',
  'chai/*',
  'chai-*',
  'sinon/*',
  'sinon-*',
  '@sinonjs/*',
  'expect/*',
  '@testing-library/*',
  'supertest/*',
  'nock/*',
  'msw/*',
  '@playwright/test/*',
  'expect-type/*',
  'tsd/*',
  'uvu/*',
  'ava/*',
  'tap/*',
  'node-tap/*',
  'jsdom/*',
  'happy-dom/*',
  '@types/*',
  'node:test/*',
  'node:assert/*',
  'assert/*',
  'bun:test',
] as const

const LIBRARY_NAMES = new Set(TEST_LIBRARIES.filter((p) => p.endsWith('/*') && !p.startsWith('@')).map((p) => p.slice(0, -2)))
LIBRARY_NAMES.add('@playwright/test').add('bun:test')
const LIBRARY_SCOPES = TEST_LIBRARIES.filter((p) => p.startsWith('@') && p.split('/').length === 2 && p.endsWith('/*')).map((p) => p.slice(0, -1))
const LIBRARY_PREFIXES = TEST_LIBRARIES.filter((p) => p.endsWith('-*')).map((p) => p.slice(0, -1))

/** Words that mark a test double in a path or name (`__mocks__`, `fake-db`, `user.mock`, `test/fixtures`). */
const DOUBLE_WORDS = new Set(['stub', 'stubs', 'mock', 'mocks', 'fake', 'fakes', 'fixture', 'fixtures'])

const BUILTINS = new Set(builtinModules)
/** Module extensions TypeScript and Node try, in TypeScript's order. */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']
/** TypeScript's ESM convention: `./a.js` in source means `./a.ts`. */
const SOURCE_OF: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] }
/** Export conditions in the order that most likely leads to source rather than build output. */
const CONDITIONS = ['development', 'import', 'module', 'node', 'require', 'default']

type Dict = Record<string, unknown>

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** `dir` joined with `path`, normalised, '' for the root; undefined when it leaves the repository. */
function joinRepo(dir: string, path: string): string | undefined {
  const joined = posix.normalize(posix.join(dir === '' ? '.' : dir, path)).replace(/\/$/, '')
  if (joined === '..' || joined.startsWith('../')) return undefined
  return joined === '.' ? '' : joined
}

/** The words of a path or name: split at `/ . - _ @`, spaces and camelCase humps, lower case. */
/** True when a specifier or path names a test double or data: a word stub, mock, fake or fixture (camelCase split, `__mocks__` included). */
export function namesDouble(text: string): boolean {
  return words(text).some((w) => DOUBLE_WORDS.has(w))
}

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[/.\-_@\s]+/)
    .filter((w) => w !== '')
}

/** The package a bare specifier names: `@scope/name` or `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string)
}

/** Whether a bare specifier is a test library (TEST_LIBRARIES). */
export function isTestLibrary(specifier: string): boolean {
  const name = specifier.startsWith('node:') ? (specifier.split('/')[0] as string) : packageNameOf(specifier)
  if (LIBRARY_NAMES.has(name) || LIBRARY_NAMES.has(specifier)) return true
  if (LIBRARY_SCOPES.some((scope) => specifier.startsWith(scope))) return true
  return !name.startsWith('@') && LIBRARY_PREFIXES.some((prefix) => name.startsWith(prefix))
}

/**
 * The file a repository-relative module path names among `files`: as is, then with `.js`→`.ts`
 * (`.tsx`), `.jsx`→`.tsx`, `.mjs`→`.mts`, `.cjs`→`.cts`, then with each extension, then `/index.*`.
 */
export function resolveModulePath(files: ReadonlySet<string>, path: string): string | undefined {
  if (path !== '' && files.has(path)) return path
  const ext = posix.extname(path)
  for (const mapped of SOURCE_OF[ext] ?? []) {
    const candidate = path.slice(0, -ext.length) + mapped
    if (files.has(candidate)) return candidate
  }
  if (path !== '') {
    for (const e of EXTENSIONS) if (files.has(path + e)) return path + e
  }
  const index = path === '' ? 'index' : `${path}/index`
  for (const e of EXTENSIONS) if (files.has(index + e)) return index + e
  return undefined
}

/** Strings of an `exports`/`imports` value, preferring conditions that lead to source (`*source*` first, `types` last). */
function conditionTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(conditionTargets)
  if (!isDict(value)) return []
  const keys = Object.keys(value)
  const rank = (key: string): number => {
    if (key.includes('source')) return -1
    const i = CONDITIONS.indexOf(key)
    if (i >= 0) return i
    return key === 'types' || key === 'typings' ? CONDITIONS.length + 1 : CONDITIONS.length
  }
  return keys.sort((a, b) => rank(a) - rank(b)).flatMap((key) => conditionTargets(value[key]))
}

/** The value a subpath map (`exports`, `imports`) gives `key`: exact, else the longest `*` pattern. */
function subpathTarget(map: Dict, key: string): string[] {
  if (key in map) return conditionTargets(map[key])
  let best: { prefix: string; targets: string[] } | undefined
  for (const [pattern, value] of Object.entries(map)) {
    const star = pattern.indexOf('*')
    if (star < 0) continue
    const prefix = pattern.slice(0, star)
    const suffix = pattern.slice(star + 1)
    if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length < prefix.length + suffix.length) continue
    if (best !== undefined && best.prefix.length >= prefix.length) continue
    const match = key.slice(prefix.length, key.length - suffix.length)
    best = { prefix, targets: conditionTargets(value).map((t) => t.replaceAll('*', match)) }
  }
  return best?.targets ?? []
}

interface PackageInfo {
  name: string | undefined
  dir: string
  json: Dict
}

interface PathPattern {
  prefix: string
  suffix: string
  wildcard: boolean
  /** Repository-relative targets, `*` kept. */
  targets: string[]
}

interface CompiledTsconfig {
  path: string
  baseUrl: string | undefined
  paths: PathPattern[]
}

/** What a tsconfig chain sets, before `${configDir}` is known: values and the dir of the config that set them. */
interface TsconfigChain {
  baseUrl?: { value: string; dir: string }
  paths?: { value: Dict; dir: string }
}

const TSCONFIG_NAME = /^(?:tsconfig.*|jsconfig.*)\.json$/

function skipped(path: string): boolean {
  return path.split('/').some((part) => part === 'node_modules' || part === 'fixtures' || part === '__fixtures__')
}

function withConfigDir(value: string, dir: string, leafDir: string): string | undefined {
  if (value.startsWith('${configDir}')) return joinRepo(leafDir, `.${value.slice('${configDir}'.length)}`)
  return joinRepo(dir, value)
}

class Classifier implements ImportClassifier {
  readonly packageNames: ReadonlySet<string>
  private readonly cache = new Map<string, ClassifiedImport>()
  private readonly tsconfigsByDir = new Map<string, CompiledTsconfig[]>()
  private readonly nearestTsconfigs = new Map<string, CompiledTsconfig[]>()

  constructor(
    private readonly files: ReadonlySet<string>,
    private readonly packagesByDir: ReadonlyMap<string, PackageInfo>,
    private readonly packagesByName: ReadonlyMap<string, PackageInfo>,
    tsconfigs: readonly CompiledTsconfig[],
  ) {
    this.packageNames = new Set(packagesByName.keys())
    for (const config of tsconfigs) {
      const dir = dirOf(config.path)
      this.tsconfigsByDir.set(dir, [...(this.tsconfigsByDir.get(dir) ?? []), config])
    }
    // tsconfig.json first, then jsconfig.json, then the rest (tsconfig.app.json, tsconfig.test.json…).
    const rank = (path: string): string => (baseName(path) === 'tsconfig.json' ? '0' : baseName(path) === 'jsconfig.json' ? '1' : `2${path}`)
    for (const list of this.tsconfigsByDir.values()) list.sort((a, b) => (rank(a.path) < rank(b.path) ? -1 : 1))
  }

  classify(fromFile: string, specifier: string): ClassifiedImport {
    const dir = dirOf(slashPath(fromFile))
    const key = `${dir}\0${specifier}`
    let result = this.cache.get(key)
    if (result === undefined) {
      result = this.classifyUncached(dir, specifier)
      this.cache.set(key, result)
    }
    return result
  }

  private classifyUncached(dir: string, specifier: string): ClassifiedImport {
    // Vite-style queries (`./worker?worker`, `./a.css?inline`) do not change the module.
    const spec = specifier.replace(/\?.*$/, '')
    if ((spec.startsWith('node:') || BUILTINS.has(spec)) && isTestLibrary(spec)) return { kind: 'test-library' }
    if (spec.startsWith('node:') || BUILTINS.has(spec)) return { kind: 'builtin' }
    if (spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../')) {
      const target = joinRepo(dir, spec)
      return this.local(spec, target === undefined ? undefined : resolveModulePath(this.files, target), target ?? dir)
    }
    if (spec.startsWith('/')) {
      const resolved = resolveModulePath(this.files, spec.slice(1))
      return resolved === undefined ? { kind: 'external' } : this.local(spec, resolved, resolved)
    }
    const alias = this.alias(dir, spec)
    if (alias !== undefined) return this.local(spec, alias.resolved, alias.resolved ?? dir)
    if (spec.startsWith('#')) {
      const pkg = this.nearestPackage(dir)
      const resolved = pkg !== undefined && isDict(pkg.json.imports) ? this.firstFile(pkg.dir, subpathTarget(pkg.json.imports, spec)) : undefined
      return this.local(spec, resolved, resolved ?? dir)
    }
    const own = this.packagesByName.get(packageNameOf(spec))
    if (own !== undefined) {
      const resolved = this.packageEntry(own, spec.slice(packageNameOf(spec).length + 1))
      return this.local(spec, resolved, resolved ?? own.dir)
    }
    if (isTestLibrary(spec)) return { kind: 'test-library' }
    const fromBaseUrl = this.baseUrl(dir, spec)
    if (fromBaseUrl !== undefined) return this.local(spec, fromBaseUrl, fromBaseUrl)
    return words(spec).some((w) => DOUBLE_WORDS.has(w)) ? { kind: 'double' } : { kind: 'external' }
  }

  /**
   * Source, or a double when a word of the specifier or resolved path marks one. Words of the name
   * of the package the code sits in do not count (`@sinonjs/fake-timers`'s own `src/fake-timers.js`).
   */
  private local(spec: string, resolved: string | undefined, where: string): ClassifiedImport {
    const own = new Set(words(this.nearestPackage(where)?.name ?? ''))
    const marked = [...words(spec), ...words(resolved ?? '')].some((w) => DOUBLE_WORDS.has(w) && !own.has(w))
    const kind: ImportKind = marked ? 'double' : 'source'
    return resolved === undefined ? { kind } : { kind, resolved }
  }

  private nearestPackage(path: string): PackageInfo | undefined {
    for (let dir = path; ; dir = dirOf(dir)) {
      const pkg = this.packagesByDir.get(dir)
      if (pkg !== undefined) return pkg
      if (dir === '') return undefined
    }
  }

  /** The tsconfigs that may apply to a file in `dir`: its directory's and every ancestor's, nearest first. */
  private tsconfigsFor(dir: string): CompiledTsconfig[] {
    let list = this.nearestTsconfigs.get(dir)
    if (list === undefined) {
      list = [...(this.tsconfigsByDir.get(dir) ?? []), ...(dir === '' ? [] : this.tsconfigsFor(dirOf(dir)))]
      this.nearestTsconfigs.set(dir, list)
    }
    return list
  }

  /**
   * A `compilerOptions.paths` match, TypeScript's way (longest prefix; an exact key first). A match
   * is source even when no target exists, except for the catch-all `*`, which must resolve.
   */
  private alias(dir: string, spec: string): { resolved: string | undefined } | undefined {
    let unresolved = false
    for (const config of this.tsconfigsFor(dir)) {
      let best: PathPattern | undefined
      for (const pattern of config.paths) {
        const matches = pattern.wildcard
          ? spec.length >= pattern.prefix.length + pattern.suffix.length && spec.startsWith(pattern.prefix) && spec.endsWith(pattern.suffix)
          : spec === pattern.prefix
        if (!matches) continue
        if (best === undefined || (!pattern.wildcard && best.wildcard) || (pattern.wildcard === best.wildcard && pattern.prefix.length > best.prefix.length))
          best = pattern
      }
      if (best === undefined) continue
      const star = best.wildcard ? spec.slice(best.prefix.length, spec.length - best.suffix.length) : ''
      for (const target of best.targets) {
        const resolved = resolveModulePath(this.files, target.replaceAll('*', star))
        if (resolved !== undefined) return { resolved }
      }
      // A pattern only into node_modules (`"react": ["./node_modules/@types/react"]`) names a package.
      if ((best.prefix !== '' || best.suffix !== '') && best.targets.some((t) => !t.split('/').includes('node_modules'))) unresolved = true
    }
    return unresolved ? { resolved: undefined } : undefined
  }

  /** A bare specifier under a tsconfig's `baseUrl`, when that file exists. */
  private baseUrl(dir: string, spec: string): string | undefined {
    for (const config of this.tsconfigsFor(dir)) {
      if (config.baseUrl === undefined) continue
      const target = joinRepo(config.baseUrl, spec)
      const resolved = target === undefined ? undefined : resolveModulePath(this.files, target)
      if (resolved !== undefined) return resolved
    }
    return undefined
  }

  /** The first of `targets` (relative to `dir`) that names a file, trying build output's `src/` twin too. */
  private firstFile(dir: string, targets: readonly string[]): string | undefined {
    for (const target of targets) {
      const path = joinRepo(dir, target)
      if (path === undefined) continue
      const resolved = resolveModulePath(this.files, path)
      if (resolved !== undefined) return resolved
    }
    for (const target of targets) {
      // `./dist/esm/index.js` is built from `./src/index.ts` in most packages.
      const twin = target.replace(/^(?:\.\/)?(?:dist|lib|build|out)\/(?:(?:esm|cjs|es|mjs|module|commonjs|types|src)\/)?/, 'src/')
      if (twin === target || !twin.startsWith('src/')) continue
      const path = joinRepo(dir, twin.replace(/\.(?:d\.)?[cm]?[jt]sx?$/, ''))
      const resolved = path === undefined ? undefined : resolveModulePath(this.files, path)
      if (resolved !== undefined) return resolved
    }
    return undefined
  }

  /** The file an own package's entry or subpath names: `exports`, then `source`/`module`/`main`, then the path itself. */
  private packageEntry(pkg: PackageInfo, subpath: string): string | undefined {
    const targets: string[] = []
    const exports = pkg.json.exports
    if (exports !== undefined) {
      const map = isDict(exports) && Object.keys(exports).some((k) => k.startsWith('.')) ? exports : { '.': exports }
      targets.push(...subpathTarget(map, subpath === '' ? '.' : `./${subpath}`))
    }
    if (subpath === '') {
      for (const field of ['source', 'module', 'main']) {
        const value = pkg.json[field]
        if (typeof value === 'string') targets.push(value)
      }
      targets.push('./index')
    } else {
      targets.push(`./${subpath}`)
    }
    return this.firstFile(pkg.dir, targets)
  }
}

/** Reads and parses a JSON(C) file of the repository; undefined when absent or invalid. */
async function readJson(root: string, path: string, jsonc: boolean): Promise<Dict | undefined> {
  let text: string
  try {
    text = await readFile(posix.join(root.replaceAll('\\', '/'), path), 'utf8')
  } catch {
    return undefined
  }
  if (jsonc) {
    const value = parseJsonc(await loadTypeScript(), baseName(path), text)
    return isDict(value) ? value : undefined
  }
  try {
    const value: unknown = JSON.parse(text)
    return isDict(value) ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads every tsconfig*.json / jsconfig*.json among `files` and the configs they extend (relative
 * paths, or an own workspace package such as `@repo/tsconfig/base.json`), and compiles their
 * `baseUrl` and `paths` to repository-relative form.
 */
async function loadTsconfigs(root: string, files: readonly string[], packagesByName: ReadonlyMap<string, PackageInfo>): Promise<CompiledTsconfig[]> {
  const raw = new Map<string, Promise<Dict | undefined>>()
  const read = (path: string): Promise<Dict | undefined> => {
    let value = raw.get(path)
    if (value === undefined) {
      value = readJson(root, path, true)
      raw.set(path, value)
    }
    return value
  }
  const extendsPath = async (dir: string, spec: string): Promise<string | undefined> => {
    let base: string | undefined
    if (spec.startsWith('.') || spec.startsWith('/')) base = joinRepo(dir, spec.startsWith('/') ? `.${spec}` : spec)
    else {
      const pkg = packagesByName.get(packageNameOf(spec))
      if (pkg === undefined) return undefined
      const rest = spec.slice(packageNameOf(spec).length + 1)
      base = joinRepo(pkg.dir, rest === '' ? 'tsconfig.json' : rest)
    }
    if (base === undefined) return undefined
    if ((await read(base)) !== undefined) return base
    return (await read(`${base}.json`)) !== undefined ? `${base}.json` : undefined
  }
  const chain = async (path: string, seen: ReadonlySet<string>): Promise<TsconfigChain> => {
    const config = await read(path)
    if (config === undefined) return {}
    const dir = dirOf(path)
    let result: TsconfigChain = {}
    const parents = typeof config.extends === 'string' ? [config.extends] : Array.isArray(config.extends) ? config.extends : []
    for (const parent of parents) {
      if (typeof parent !== 'string') continue
      const parentPath = await extendsPath(dir, parent)
      if (parentPath === undefined || seen.has(parentPath)) continue
      result = { ...result, ...(await chain(parentPath, new Set([...seen, parentPath]))) }
    }
    const options = isDict(config.compilerOptions) ? config.compilerOptions : {}
    if (typeof options.baseUrl === 'string') result.baseUrl = { value: options.baseUrl, dir }
    if (isDict(options.paths)) result.paths = { value: options.paths, dir }
    return result
  }
  const configs = files.filter((f) => TSCONFIG_NAME.test(baseName(f)) && !skipped(f))
  return Promise.all(
    configs.map(async (path) => {
      const leafDir = dirOf(path)
      const { baseUrl, paths } = await chain(path, new Set([path]))
      const base = baseUrl === undefined ? undefined : withConfigDir(baseUrl.value, baseUrl.dir, leafDir)
      const pathsBase = base ?? paths?.dir ?? leafDir
      const patterns: PathPattern[] = []
      for (const [pattern, targets] of Object.entries(paths?.value ?? {})) {
        if (!Array.isArray(targets)) continue
        const star = pattern.indexOf('*')
        const resolvedTargets = targets
          .filter((t): t is string => typeof t === 'string')
          .map((t) => withConfigDir(t, pathsBase, leafDir))
          .filter((t): t is string => t !== undefined)
        patterns.push(
          star < 0
            ? { prefix: pattern, suffix: '', wildcard: false, targets: resolvedTargets }
            : { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), wildcard: true, targets: resolvedTargets },
        )
      }
      return { path, baseUrl: base, paths: patterns }
    }),
  )
}

/**
 * Builds a classifier of the imports of the repository at `root`.
 * @param root absolute repository root
 * @param files repository-relative files of the repository (as from discoverTests' listing); reads
 *   package.json and tsconfig files among them from disk (not under node_modules or fixtures).
 */
export async function createImportClassifier(root: string, files: readonly string[]): Promise<ImportClassifier> {
  const normalised = files.map(slashPath)
  const fileSet = new Set(normalised)
  const packagesByDir = new Map<string, PackageInfo>()
  const packagesByName = new Map<string, PackageInfo>()
  const manifests = normalised.filter((f) => baseName(f) === 'package.json' && !skipped(f))
  const read = await Promise.all(manifests.map(async (path) => ({ path, json: await readJson(root, path, false) })))
  // Shallowest first, so the root package wins a name clash with a nested copy.
  read.sort((a, b) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1))
  for (const { path, json } of read) {
    if (json === undefined) continue
    const info: PackageInfo = { name: typeof json.name === 'string' && json.name !== '' ? json.name : undefined, dir: dirOf(path), json }
    packagesByDir.set(info.dir, info)
    if (info.name !== undefined && !packagesByName.has(info.name)) packagesByName.set(info.name, info)
  }
  const tsconfigs = await loadTsconfigs(root, normalised, packagesByName)
  return new Classifier(fileSet, packagesByDir, packagesByName, tsconfigs)
}
