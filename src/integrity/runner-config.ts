// test-config-weakened: compares two versions of a vitest, jest or mocha config (or package.json)
// read statically, and reports settings that let more tests pass: no tests, fewer files, lower
// coverage thresholds, retries, far longer timeouts, masks on the exit code.
import { posix } from 'node:path'
import picomatch from 'picomatch'
import type * as TS from 'typescript'
import {
  evaluateConfigModule,
  isDict,
  JEST_DEFAULT_IGNORE,
  JEST_DEFAULT_TEST_MATCH,
  parseJsonc,
  strings,
  VITEST_DEFAULT_EXCLUDE,
  VITEST_DEFAULT_INCLUDE,
} from '../testing/discover.js'
import { runnerConfigOfName } from '../testing/discover/config-names.js'
import type { TypeScript } from '../testing/typescript.js'
import { findProperty, hasSyntaxErrors, parseSource, parseYamlFile, spanOf, type Span } from './positions.js'
import type { MessageData } from '../findings/rule.js'
import { newProjectAllowance } from './new-project.js'
import { EXIT_CODE_MASK, integrityFinding, LOOSENING_HELP, show, type GateIntegrityMessageId, type IntegrityFinding } from './types.js'

type Dict = Record<string, unknown>
type Runner = 'vitest' | 'jest' | 'mocha'

/** The kind of runner config at `path`, or undefined when it is not one this rule reads. */
export function runnerConfigKind(path: string): 'vitest' | 'vitest-workspace' | 'jest' | 'mocha' | 'package' | undefined {
  if (/(?:^|\/)node_modules\//.test(path)) return undefined
  const name = path.slice(path.lastIndexOf('/') + 1)
  const kind = runnerConfigOfName(name)
  if (kind !== undefined) return kind === 'vite' ? 'vitest' : kind
  return name === 'package.json' ? 'package' : undefined
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

function joinDir(dir: string, path: string): string {
  const joined = posix.normalize(posix.join(dir === '' ? '.' : dir, path.replace(/^<rootDir>/, '.').replace(/^\//, './'))).replace(/\/$/, '')
  return joined === '.' ? '' : joined
}

/** One set of runner options: a config's own, or one inline project's. */
interface View {
  runner: Runner
  /** `root`, or `project:<name or index>` for inline projects. */
  id: string
  /** Key path from the file's value to `options`, for positions and messages (`test`, `jest`, `test.projects.0.test`). */
  prefix: string[]
  options: Dict
  /** Directory the patterns are relative to. */
  dir: string
  /** True when the view's own patterns select no tests (a root config whose projects hold them). */
  selectsNothing: boolean
  /** The root's options an inline vitest project with `extends: true` inherits where it sets none. */
  inherited?: Dict
}

interface Version {
  views: View[]
  /** Project entries given as strings (globs or paths of other configs): they are compared as names, not read. */
  projectEntries: string[]
  /** package.json `scripts`. */
  scripts: Record<string, string>
  dynamic: string[]
  /** Why the version could not be read, when it could not. */
  unreadable?: string
}

const EMPTY: Version = { views: [], projectEntries: [], scripts: {}, dynamic: [] }

/** Mocha's rc files accept kebab-case keys (`forbid-only`); its options are camelCase. */
function camelKeys(options: Dict): Dict {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v]))
}

function vitestViews(value: unknown, dir: string, workspace: boolean): { views: View[]; entries: string[] } {
  const views: View[] = []
  const entries: string[] = []
  let projects: unknown[] | undefined
  let projectsPrefix: string[] = []
  let rootTest: Dict | undefined
  if (workspace) {
    projects = Array.isArray(value) ? value : []
  } else {
    const config = isDict(value) ? value : {}
    const test = isDict(config.test) ? config.test : {}
    rootTest = test
    const root = typeof config.root === 'string' ? joinDir(dir, config.root) : dir
    const listed = test.projects ?? test.workspace
    if (Array.isArray(listed)) {
      projects = listed
      projectsPrefix = ['test', test.projects !== undefined ? 'projects' : 'workspace']
    }
    views.push({
      runner: 'vitest',
      id: 'root',
      prefix: ['test'],
      options: test,
      dir: typeof test.dir === 'string' ? joinDir(root, test.dir) : root,
      selectsNothing: projects !== undefined,
    })
  }
  for (const [index, project] of (projects ?? []).entries()) {
    if (typeof project === 'string') entries.push(project)
    if (!isDict(project)) continue
    const test = isDict(project.test) ? project.test : {}
    const root = typeof (project.root ?? test.root) === 'string' ? joinDir(dir, String(project.root ?? test.root)) : dir
    const name = typeof test.name === 'string' ? test.name : isDict(test.name) && typeof test.name.label === 'string' ? test.name.label : String(index)
    views.push({
      runner: 'vitest',
      id: `project:${name}`,
      prefix: [...projectsPrefix, String(index), 'test'],
      options: test,
      dir: typeof test.dir === 'string' ? joinDir(root, test.dir) : root,
      selectsNothing: false,
      // vitest ≥ 3: an inline project inherits the root config's options only with `extends: true`.
      ...(project.extends === true && rootTest !== undefined ? { inherited: rootTest } : {}),
    })
  }
  return { views, entries }
}

function jestViews(config: Dict, dir: string, prefix: string[]): { views: View[]; entries: string[] } {
  const rootDir = typeof config.rootDir === 'string' ? joinDir(dir, config.rootDir) : dir
  const projects = Array.isArray(config.projects) ? (config.projects as unknown[]) : undefined
  const views: View[] = [{ runner: 'jest', id: 'root', prefix, options: config, dir: rootDir, selectsNothing: projects !== undefined }]
  const entries: string[] = []
  for (const [index, project] of (projects ?? []).entries()) {
    if (typeof project === 'string') entries.push(project)
    if (!isDict(project)) continue
    const name =
      typeof project.displayName === 'string'
        ? project.displayName
        : isDict(project.displayName) && typeof project.displayName.name === 'string'
          ? project.displayName.name
          : String(index)
    const projectDir = typeof project.rootDir === 'string' ? joinDir(rootDir, project.rootDir) : rootDir
    views.push({
      runner: 'jest',
      id: `project:${name}`,
      prefix: [...prefix, 'projects', String(index)],
      options: project,
      dir: projectDir,
      selectsNothing: false,
    })
  }
  return { views, entries }
}

const JEST_FALLBACK_KEYS = [
  'testMatch',
  'testRegex',
  'roots',
  'rootDir',
  'projects',
  'coverageThreshold',
  'testTimeout',
  'passWithNoTests',
  'testPathIgnorePatterns',
  'testEnvironment',
  'preset',
  'transform',
]
const MOCHA_FALLBACK_KEYS = ['spec', 'require', 'timeout', 'retries', 'forbidOnly', 'forbid-only', 'ignore', 'extension', 'recursive']

/** Reads one version of a runner config into its views; `unreadable` says why when it cannot be read. */
function readVersion(ts: TypeScript, path: string, text: string): Version {
  const kind = runnerConfigKind(path)
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (/\.jsonc?$/.test(name)) {
    const value = parseJsonc(ts, name, text)
    return value === undefined ? { ...EMPTY, unreadable: 'it is not valid JSON' } : buildVersion(path, value, [])
  }
  if (/\.ya?ml$/.test(name)) {
    const file = parseYamlFile(text)
    return file.broken ? { ...EMPTY, unreadable: 'it is not valid YAML' } : buildVersion(path, file.value ?? {}, [])
  }
  if (hasSyntaxErrors(parseSource(ts, path, text))) return { ...EMPTY, unreadable: 'it has syntax errors' }
  const fallback = kind === 'jest' ? JEST_FALLBACK_KEYS : kind === 'mocha' ? MOCHA_FALLBACK_KEYS : ['test']
  const evaluated = evaluateConfigModule(ts, path, text, fallback)
  if (evaluated.value === undefined) return { ...EMPTY, unreadable: 'its export is not a static value' }
  return buildVersion(path, evaluated.value, evaluated.dynamic)
}

/** An absent file: the runner's defaults (a workspace file lists no projects). */
function absentVersion(path: string): Version {
  return buildVersion(path, runnerConfigKind(path) === 'vitest-workspace' ? [] : {}, [])
}

function buildVersion(path: string, value: unknown, dynamic: string[]): Version {
  const dir = dirOf(path)
  switch (runnerConfigKind(path)) {
    case 'vitest':
    case 'vitest-workspace': {
      const { views, entries } = vitestViews(value, dir, runnerConfigKind(path) === 'vitest-workspace')
      return { views, projectEntries: entries, scripts: {}, dynamic }
    }
    case 'jest': {
      const { views, entries } = jestViews(isDict(value) ? value : {}, dir, [])
      return { views, projectEntries: entries, scripts: {}, dynamic }
    }
    case 'mocha':
      return { views: [mochaView(isDict(value) ? value : {}, dir, [])], projectEntries: [], scripts: {}, dynamic }
    default: {
      const pkg = isDict(value) ? value : {}
      const views: View[] = []
      const entries: string[] = []
      if (isDict(pkg.jest)) {
        const jest = jestViews(pkg.jest, dir, ['jest'])
        views.push(...jest.views)
        entries.push(...jest.entries)
      }
      if (isDict(pkg.mocha)) views.push(mochaView(pkg.mocha, dir, ['mocha']))
      const scripts = isDict(pkg.scripts) ? Object.fromEntries(Object.entries(pkg.scripts).filter((e): e is [string, string] => typeof e[1] === 'string')) : {}
      return { views, projectEntries: entries, scripts, dynamic }
    }
  }
}

function mochaView(options: Dict, dir: string, prefix: string[]): View {
  return { runner: 'mocha', id: 'root', prefix, options: camelKeys(options), dir, selectsNothing: false }
}

// ---------------------------------------------------------------------------------------------
// Which files a version runs.

const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/
const NOT_TESTS = /(?:^|\/)(?:node_modules|dist|build|coverage|\.git)\/|\.d\.[cm]?ts$/

type Matcher = (path: string) => boolean

function globs(patterns: readonly string[]): Matcher {
  const clean = (p: string): string => p.replace(/^<rootDir>\/?/, '').replace(/^(?:\.\/)+/, '')
  const positive = patterns.filter((p) => !p.startsWith('!')).map(clean)
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => clean(p.slice(1)))
  if (positive.length === 0) return () => false
  const yes = picomatch(positive, { dot: true })
  const no = negative.length === 0 ? () => false : picomatch(negative, { dot: true })
  return (path) => yes(path) && !no(path)
}

function regexes(sources: readonly string[], dir: string): RegExp[] {
  const root = dir === '' ? '' : `/${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`
  const out: RegExp[] = []
  for (const source of sources) {
    try {
      out.push(new RegExp(source.replaceAll('<rootDir>', root)))
    } catch {
      // jest would refuse to start on it; it selects nothing here.
    }
  }
  return out
}

/** A predicate on repository-relative paths: does this view run the file as a test? */
function selector(view: View, files: ReadonlySet<string>): Matcher {
  if (view.selectsNothing) return () => false
  const o = view.options
  const under = (path: string, dir: string): boolean => dir === '' || path.startsWith(`${dir}/`)
  const relative = (path: string): string => (view.dir === '' ? path : path.slice(view.dir.length + 1))
  if (view.runner === 'vitest') {
    const include = globs(strings(o.include) ?? VITEST_DEFAULT_INCLUDE)
    const exclude = globs(strings(o.exclude) ?? VITEST_DEFAULT_EXCLUDE)
    return (path) => under(path, view.dir) && include(relative(path)) && !exclude(relative(path))
  }
  if (view.runner === 'jest') {
    const testRegex = strings(o.testRegex)
    const include = globs(strings(o.testMatch) ?? (testRegex === undefined ? JEST_DEFAULT_TEST_MATCH : []))
    const matchRegex = regexes(testRegex ?? [], view.dir)
    const ignore = regexes(strings(o.testPathIgnorePatterns) ?? JEST_DEFAULT_IGNORE, view.dir)
    const roots = strings(o.roots)?.map((r) => joinDir(view.dir, r))
    return (path) => {
      if (!under(path, view.dir) || (roots !== undefined && !roots.some((r) => under(path, r)))) return false
      const absolute = `/${path}`
      return (include(relative(path)) || matchRegex.some((re) => re.test(absolute))) && !ignore.some((re) => re.test(absolute))
    }
  }
  const extensions = [...new Set(['js', 'cjs', 'mjs', ...(strings(o.extension) ?? []).map((e) => e.replace(/^\./, ''))])]
  const extGlob = `*.{${extensions.join(',')}}`
  const spec = (strings(o.spec) ?? ['./test']).map((entry) => {
    const pattern = entry.replace(/^(?:\.\/)+/, '').replace(/\/$/, '')
    const asDir = joinDir(view.dir, pattern)
    const isDir = !/[*?[\]{}()!]/.test(pattern) && [...files].some((f) => f.startsWith(`${asDir}/`))
    return isDir ? `${pattern}/${o.recursive === true ? '**/' : ''}${extGlob}` : pattern
  })
  const include = globs(spec)
  const ignore = globs(strings(o.ignore) ?? strings(o.exclude) ?? [])
  return (path) => under(path, view.dir) && include(relative(path)) && !ignore(relative(path))
}

const SELECTION_KEYS: Record<Runner, string[]> = {
  vitest: ['include', 'exclude', 'dir', 'root', 'projects', 'workspace'],
  jest: ['testMatch', 'testRegex', 'testPathIgnorePatterns', 'roots', 'rootDir', 'projects'],
  mocha: ['spec', 'ignore', 'exclude', 'extension', 'recursive'],
}

// ---------------------------------------------------------------------------------------------
// Comparing two versions.

/** One test-config-weakened report: its messageId and data (`file` and `newProject` are added last), severity and place. */
interface Report {
  severity: 'high' | 'medium'
  messageId: GateIntegrityMessageId<'test-config-weakened'>
  data: MessageData
  /** Key path from the file's value, located in the new version. */
  at?: string[] | undefined
  /** A span found another way (a script's line). */
  span?: Span | undefined
  help?: string
}

function timeoutMs(value: unknown): number | 'none' | undefined {
  if (value === false || value === 0) return 'none'
  if (typeof value === 'number') return value
  if (typeof value !== 'string') return undefined
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value)
  if (m === null) return undefined
  const n = Number(m[1])
  if (n === 0) return 'none'
  return m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n
}

const TIMEOUTS: Record<Runner, Array<{ key: string; fallback: number; zeroDisables: boolean }>> = {
  vitest: [
    { key: 'testTimeout', fallback: 5000, zeroDisables: true },
    { key: 'hookTimeout', fallback: 10_000, zeroDisables: true },
  ],
  jest: [{ key: 'testTimeout', fallback: 5000, zeroDisables: false }],
  mocha: [{ key: 'timeout', fallback: 2000, zeroDisables: true }],
}

const METRICS = ['lines', 'functions', 'branches', 'statements'] as const

/** Coverage thresholds as `scope.metric` → number, with the key path each came from. */
function thresholds(view: View): Map<string, { value: number; path: string[] }> {
  const out = new Map<string, { value: number; path: string[] }>()
  const o = view.options
  const read = (source: Dict, scope: string, path: string[]): void => {
    for (const metric of METRICS) {
      const value = source[metric]
      if (typeof value === 'number') out.set(`${scope}${metric}`, { value, path: [...path, metric] })
    }
    if (source['100'] === true) {
      for (const metric of METRICS) if (!out.has(`${scope}${metric}`)) out.set(`${scope}${metric}`, { value: 100, path: [...path, '100'] })
    }
  }
  if (view.runner === 'vitest' && isDict(o.coverage)) {
    const coverage = o.coverage
    // vitest ≥ 1 nests them under `thresholds`; older versions set them on `coverage` itself.
    const source = isDict(coverage.thresholds) ? coverage.thresholds : coverage
    const path = isDict(coverage.thresholds) ? ['coverage', 'thresholds'] : ['coverage']
    read(source, '', path)
    for (const [glob, value] of Object.entries(source)) if (isDict(value)) read(value, `${glob}: `, [...path, glob])
  }
  if (view.runner === 'jest' && isDict(o.coverageThreshold)) {
    for (const [scope, value] of Object.entries(o.coverageThreshold))
      if (isDict(value)) read(value, scope === 'global' ? '' : `${scope}: `, ['coverageThreshold', scope])
  }
  return out
}

function perFile(view: View): boolean {
  const coverage = view.options.coverage
  if (!isDict(coverage)) return false
  return (isDict(coverage.thresholds) ? coverage.thresholds.perFile : coverage.perFile) === true
}

function retries(view: View): number {
  const value = view.runner === 'mocha' ? view.options.retries : view.options.retry
  if (typeof value === 'number') return value
  return isDict(value) && typeof value.count === 'number' ? value.count : 0
}

/** Options whose `true` hides failures (absent means false). */
const MASK_FLAGS: Record<Runner, Array<{ key: string; why: string }>> = {
  vitest: [
    { key: 'passWithNoTests', why: 'a run that finds no tests passes' },
    { key: 'dangerouslyIgnoreUnhandledErrors', why: 'a run with unhandled errors passes' },
    { key: 'allowOnly', why: '`.only` may narrow the run to one test, even in CI' },
    { key: 'silent', why: 'the console output that explains a failure is hidden' },
  ],
  jest: [
    { key: 'passWithNoTests', why: 'a run that finds no tests passes' },
    { key: 'silent', why: 'the console output that explains a failure is hidden' },
  ],
  mocha: [{ key: 'allowUncaught', why: 'uncaught errors propagate instead of failing the test they belong to' }],
}

/**
 * The options a view runs with for the keys a project inherits (timeouts, retries, masks): its own,
 * else the root's it extends. Coverage and test selection stay the view's own (vitest reads
 * coverage from the root config only).
 */
function withInherited(view: View): View {
  if (view.inherited === undefined) return view
  const keys = [...TIMEOUTS[view.runner].map((t) => t.key), ...MASK_FLAGS[view.runner].map((f) => f.key), 'retry']
  const inherited = Object.fromEntries(keys.filter((k) => view.inherited![k] !== undefined).map((k) => [k, view.inherited![k]]))
  return { ...view, options: { ...inherited, ...view.options } }
}

function compareViews(own: View, ownNext: View, label: (key: string) => string, at: (key: string[]) => string[]): Report[] {
  const out: Report[] = []
  const prev = withInherited(own)
  const next = withInherited(ownNext)
  const o = prev.options
  const n = next.options
  for (const { key, why } of MASK_FLAGS[next.runner]) {
    if (n[key] === true && o[key] !== true)
      out.push(
        o[key] === undefined
          ? { severity: 'high', messageId: 'maskFlag', data: { setting: label(key), why }, at: at([key]) }
          : { severity: 'high', messageId: 'maskFlagWas', data: { setting: label(key), was: show(o[key]), why }, at: at([key]) },
      )
  }
  if (next.runner === 'mocha' && o.forbidOnly === true && n.forbidOnly !== true) {
    out.push(
      n.forbidOnly === undefined
        ? { severity: 'high', messageId: 'forbidOnlyRemoved', data: { setting: label('forbidOnly') }, at: at(['forbidOnly']) }
        : { severity: 'high', messageId: 'forbidOnlyOff', data: { setting: label('forbidOnly'), value: show(n.forbidOnly) }, at: at(['forbidOnly']) },
    )
  }
  const before = thresholds(prev)
  const after = thresholds(next)
  for (const [key, { value, path }] of before) {
    const now = after.get(key)
    if (now === undefined) {
      out.push({ severity: 'high', messageId: 'thresholdRemoved', data: { key, was: value }, at: at(path.slice(0, -1)) })
    } else if (Math.sign(now.value) === Math.sign(value) || value === 0 || now.value === 0) {
      // Negative thresholds count uncovered items (jest, vitest): more negative allows more; so does a lower percentage.
      if (now.value < value) out.push({ severity: 'high', messageId: 'thresholdLowered', data: { key, from: value, to: now.value }, at: at(now.path) })
    } else {
      out.push({
        severity: 'medium',
        messageId: 'thresholdIncomparable',
        data: { key, from: value, to: now.value },
        at: at(now.path),
      })
    }
  }
  if (perFile(prev) && !perFile(next)) out.push({ severity: 'high', messageId: 'perFileOff', data: {}, at: at(['coverage']) })
  if (retries(next) > retries(prev)) {
    const key = next.runner === 'mocha' ? 'retries' : 'retry'
    out.push({
      severity: 'high',
      messageId: 'retriesRaised',
      data: { setting: label(key), from: retries(prev), to: retries(next) },
      at: at([key]),
    })
  }
  for (const { key, fallback, zeroDisables } of TIMEOUTS[next.runner]) {
    const was = timeoutMs(o[key]) ?? fallback
    const now = timeoutMs(n[key]) ?? fallback
    if (now === 'none' && zeroDisables && was !== 'none') {
      out.push({ severity: 'high', messageId: 'timeoutOff', data: { setting: label(key), value: show(n[key]) }, at: at([key]) })
    } else if (typeof was === 'number' && typeof now === 'number' && now >= was * 10) {
      out.push({
        severity: 'high',
        messageId: 'timeoutRaised',
        data: {
          setting: label(key),
          from: was,
          source: o[key] === undefined ? ' (the default)' : own.options[key] === undefined ? " (the root config's)" : '',
          to: now,
          times: Math.round(now / was),
        },
        at: at([key]),
      })
    }
  }
  return out
}

/** A test runner in a script: what makes it a script that runs tests. */
const RUNS_TESTS = /\b(?:vitest|jest|mocha|ava|tap|playwright\s+test|node\s+(?:[^&|;]*\s)?--test)\b/
const SCRIPT_MASKS: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /--passWithNoTests\b|--pass-with-no-tests\b/g, why: 'passes --passWithNoTests: a run that finds no tests passes' },
  { pattern: new RegExp(EXIT_CODE_MASK.source, 'g'), why: 'discards the exit code (`|| true`, `; exit 0`): failing tests pass' },
  { pattern: /--silent\b/g, why: 'passes --silent: the console output that explains a failure is hidden' },
  { pattern: /--dangerouslyIgnoreUnhandledErrors\b/g, why: 'passes --dangerouslyIgnoreUnhandledErrors: a run with unhandled errors passes' },
  { pattern: /--allowOnly\b/g, why: 'passes --allowOnly: `.only` may narrow the run to one test' },
]

/** Commands that run the command after them (and their own flags): coverage tools, launchers. */
const COMMAND_WRAPPERS = new Set(['cross-env', 'nyc', 'c8', 'npx', 'env', 'time', 'nice', 'dotenv'])

/** The package managers whose `run`/`test` a script may delegate to. */
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun'])

/** True when `word` reads as the value of the wrapper flag `previous` (`--exclude examples`), not as the command. */
function flagTakesWord(previous: string | undefined, word: string): boolean {
  return previous !== undefined && previous.startsWith('-') && previous !== '--' && !previous.includes('=') && !PACKAGE_MANAGERS.has(word)
}

/** How deep `npm run a` → `npm run b` → … is followed before giving up (a chain that deep runs nothing known). */
const DELEGATION_DEPTH = 8

/**
 * The scripts of the same package.json a command runs through its package manager: `npm run X`,
 * `npm run-script X`, `npm test`/`npm t`, `pnpm [run] X`, `yarn [run] X`, `bun run X`, with `--`
 * and flags after the name. A flag before the name (`pnpm -r test`, `--filter`, `--workspace`)
 * runs other packages' scripts and is not followed; `pnpm X`/`yarn X` count only when X is a script.
 */
function delegatedScripts(command: string, scripts: Record<string, string>): string[] {
  const out: string[] = []
  for (const part of command.split(/&&|\|\||[;|&]/)) {
    const words = part.trim().split(/\s+/)
    let i = 0
    // Environment assignments (`CI=1 npm test`) and wrappers with their flags (`cross-env`, `nyc
    // --reporter=lcov npm test`, `c8`, `npx`) in front change nothing here. A wrapper's flag may take
    // its value as the next word (`nyc --exclude examples npm test`): a word right after a flag that
    // is not a package manager is that value; any other word is the command.
    for (let wrapped = false; i < words.length; i++) {
      const word = words[i]!
      if (/^\w+=/.test(word)) continue
      if (COMMAND_WRAPPERS.has(word)) wrapped = true
      else if (wrapped && (word.startsWith('-') || word === '--')) continue
      else if (!(wrapped && flagTakesWord(words[i - 1], word))) break
    }
    const tool = words[i]
    const verb = words[i + 1]
    const arg = words[i + 2]
    if (tool === undefined || verb === undefined) continue
    if (tool === 'npm') {
      if (verb === 'test' || verb === 't' || verb === 'tst') out.push('test')
      else if ((verb === 'run' || verb === 'run-script' || verb === 'rum' || verb === 'urn') && arg !== undefined) out.push(arg)
    } else if (tool === 'pnpm' || tool === 'yarn' || tool === 'bun') {
      if (verb === 'run' && arg !== undefined) out.push(arg)
      else if (tool !== 'bun' && (verb === 'test' || scripts[verb] !== undefined)) out.push(verb)
    }
  }
  return out.filter((name) => scripts[name] !== undefined)
}

/** True when `command` runs a test runner itself or through scripts of the same package.json it delegates to. */
function runsTests(command: string, scripts: Record<string, string>, seen: ReadonlySet<string> = new Set()): boolean {
  if (RUNS_TESTS.test(command)) return true
  if (seen.size >= DELEGATION_DEPTH) return false
  return delegatedScripts(command, scripts).some((name) => !seen.has(name) && runsTests(scripts[name]!, scripts, new Set([...seen, name])))
}

function isTestScript(name: string, command: string, scripts: Record<string, string>): boolean {
  return /^test(?:$|[:_-])/.test(name) || runsTests(command, scripts)
}

function compareScripts(prev: Record<string, string>, next: Record<string, string>, span: (name: string) => Span | undefined): Report[] {
  const out: Report[] = []
  for (const [name, command] of Object.entries(next)) {
    const old = prev[name]
    if (!isTestScript(name, command, next) && !(old !== undefined && isTestScript(name, old, prev))) continue
    for (const { pattern, why } of SCRIPT_MASKS) {
      const count = (text: string): number => [...text.matchAll(pattern)].length
      if (count(command) > count(old ?? '')) out.push({ severity: 'high', messageId: 'scriptMasked', data: { script: name, why }, span: span(name) })
    }
    // `pnpm run test:lib --watch` runs what test:lib runs: judged through the scripts it delegates to.
    if (old !== undefined && runsTests(old, prev, new Set([name])) && !runsTests(command, next, new Set([name]))) {
      out.push({ severity: 'high', messageId: 'scriptNoRunner', data: { script: name, from: show(old), to: show(command) }, span: span(name) })
    }
  }
  if (prev.test !== undefined && next.test === undefined && runsTests(prev.test, prev, new Set(['test']))) {
    out.push({ severity: 'high', messageId: 'testScriptRemoved', data: { was: show(prev.test) } })
  }
  return out
}

function pathKey(path: readonly string[]): string {
  return path.join('.')
}

/**
 * Compares two versions (`null` = absent: the runner's defaults) of a vitest/vite config, vitest
 * workspace, jest config, `.mocharc.*` or package.json (`jest`, `mocha`, the scripts that run
 * tests), evaluated statically, never executed. Reports (high): passWithNoTests,
 * dangerouslyIgnoreUnhandledErrors, allowOnly, silent or mocha allowUncaught turned on, mocha
 * forbidOnly dropped; fewer test files selected (include/testMatch/testRegex/spec/roots narrowed,
 * exclude/testPathIgnorePatterns/ignore widened, a project dropped: judged by matching old and new
 * patterns over `files` and naming one file no longer run); coverage thresholds lowered, removed
 * or no longer per file; retries raised; test or hook timeouts raised tenfold or more over the old
 * value (defaults: vitest 5000/10000 ms, jest 5000 ms, mocha 2000 ms) or turned off; masks added
 * to a test script (`|| true`, `--passWithNoTests`, `--silent`, …) or its runner dropped. A new
 * version that cannot be read, or a setting it no longer states statically, is a medium finding.
 * @param files the repository's current files (repository-relative, forward slashes)
 * @param options `newProject`: the config is new in a directory with no test at the base
 *   (integrity/new-project.ts), so each high or critical finding is medium and says why
 */
export function compareRunnerConfig(
  ts: TypeScript,
  path: string,
  oldText: string | null,
  newText: string | null,
  files: readonly string[],
  options: { newProject?: boolean } = {},
): IntegrityFinding[] {
  const next = newText === null ? absentVersion(path) : readVersion(ts, path, newText)
  const findings: IntegrityFinding[] = []
  if (next.unreadable !== undefined) {
    return [
      integrityFinding(
        'test-config-weakened',
        'unreadable',
        { file: path, reason: next.unreadable },
        { severity: 'medium', help: 'make the config static (literals, consts, defineConfig) so proofgate can read it' },
      ),
    ]
  }
  const prev = oldText === null ? absentVersion(path) : readVersion(ts, path, oldText)
  const kind = runnerConfigKind(path)
  const json = /\.jsonc?$/.test(path) || kind === 'package'
  const yaml = /\.ya?ml$/.test(path)
  let sf: TS.SourceFile | undefined
  const yamlFile = newText !== null && yaml ? parseYamlFile(newText) : undefined
  const locate = (keyPath: readonly string[]): Span | undefined => {
    if (newText === null) return undefined
    if (yamlFile !== undefined) return yamlFile.spanAt(keyPath)
    sf ??= parseSource(ts, path, newText, json)
    // Property chains skip array indices: `projects: [{ test: {…} }]` reads as projects.test.
    const property = findProperty(
      ts,
      sf,
      keyPath.filter((k) => !/^\d+$/.test(k)),
    )
    return property === undefined ? undefined : spanOf(sf, property.getStart(sf), property.getEnd())
  }
  const reports: Report[] = []

  // Views absent from the old version compare with the runner's defaults, except a vitest project
  // that takes over from the old root: where the base had no projects its root ran those tests, and
  // a project with `extends: true` would have inherited the old root's options.
  const oldRoot = prev.views.find((v) => v.id === 'root' && v.runner === 'vitest')
  const defaultsFor = (view: View): View => {
    const { inherited: _inherited, ...rest } = view
    const takesOver =
      view.runner === 'vitest' && view.id !== 'root' && oldRoot !== undefined && (view.inherited !== undefined || !prev.views.some((v) => v.id !== 'root'))
    return takesOver ? { ...rest, options: {}, inherited: oldRoot.options } : { ...rest, options: {} }
  }
  for (const view of next.views) {
    const old = prev.views.find((v) => v.runner === view.runner && v.id === view.id) ?? defaultsFor(view)
    const label = (key: string): string => `\`${[...view.prefix, key].join('.')}\``
    reports.push(...compareViews(old, view, label, (key) => [...view.prefix, ...key]))
  }

  reports.push(...compareSelection(prev, next, files, locate))
  for (const entry of prev.projectEntries) {
    if (!next.projectEntries.includes(entry)) reports.push({ severity: 'high', messageId: 'projectRemoved', data: { project: show(entry) }, at: ['projects'] })
  }

  if (kind === 'package') reports.push(...compareScripts(prev.scripts, next.scripts, (name) => locate(['scripts', name])))

  reports.push(...dynamicReports(prev, next))

  for (const r of reports) {
    const span = r.span ?? (r.at === undefined ? undefined : locate(r.at))
    const { severity, newProject } = options.newProject === true ? newProjectAllowance(r.severity) : { severity: r.severity, newProject: '' }
    findings.push(
      integrityFinding(
        'test-config-weakened',
        r.messageId,
        { ...r.data, file: path, newProject },
        {
          severity,
          ...(span === undefined ? {} : { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn }),
          help: r.help ?? LOOSENING_HELP,
        },
      ),
    )
  }
  // In file order; what the new version no longer holds (no line) last.
  return findings.sort((a, b) => (a.startLine ?? Infinity) - (b.startLine ?? Infinity) || (a.startColumn ?? 0) - (b.startColumn ?? 0))
}

/**
 * The high finding for fewer test files run: `files` (repository-relative) selected by `prev`'s
 * views and by none of `next`'s, naming the most specific changed keys; `[]` when none is lost.
 */
function compareSelection(prev: Version, next: Version, files: readonly string[], locate: (keyPath: readonly string[]) => Span | undefined): Report[] {
  // Which files run as tests: judged over every view together, so a project dropped counts too.
  const fileSet = new Set(files)
  const candidates = files.filter((f) => CODE_FILE.test(f) && !NOT_TESTS.test(f))
  const selects = (version: Version): Matcher => {
    const matchers = version.views.map((v) => selector(v, fileSet))
    return (f) => matchers.some((m) => m(f))
  }
  if (prev.unreadable === undefined && (prev.views.length > 0 || next.views.length > 0)) {
    const before = selects(prev)
    const after = selects(next)
    const lost = candidates.filter((f) => before(f) && !after(f))
    if (lost.length > 0) {
      const changed = new Set<string>()
      for (const view of next.views) {
        const old = prev.views.find((v) => v.runner === view.runner && v.id === view.id)
        for (const key of SELECTION_KEYS[view.runner]) {
          if (JSON.stringify(old?.options[key]) !== JSON.stringify(view.options[key])) changed.add(pathKey([...view.prefix, key]))
        }
      }
      for (const view of prev.views) if (!next.views.some((v) => v.runner === view.runner && v.id === view.id)) changed.add(`${view.id} (removed)`)
      // A list of projects changes whenever a project in it does: name the most specific keys.
      const keys = [...changed].filter((k) => ![...changed].some((other) => other.startsWith(`${k}.`)))
      const first = keys.find((k) => locate(k.split('.')) !== undefined)
      return [
        {
          severity: 'high',
          messageId: lost.length === 1 ? 'fewerFile' : 'fewerFiles',
          data: { count: lost.length, example: lost[0]!, changed: keys.length > 0 ? ` (changed: ${keys.map((k) => `\`${k}\``).join(', ')})` : '' },
          at: first?.split('.'),
        },
      ]
    }
  }
  return []
}

/** Medium findings for a compared setting of `next` that `prev` stated statically and `next` no longer does. */
function dynamicReports(prev: Version, next: Version): Report[] {
  // A setting that was static and no longer is cannot be compared: say so rather than pass.
  const checked = next.views.flatMap((v) =>
    [
      ...SELECTION_KEYS[v.runner],
      ...MASK_FLAGS[v.runner].map((f) => f.key),
      'coverage',
      'coverageThreshold',
      'retry',
      'retries',
      'forbidOnly',
      ...TIMEOUTS[v.runner].map((t) => t.key),
    ].map((k) => pathKey([...v.prefix, k])),
  )
  const reports: Report[] = []
  for (const dynamic of next.dynamic) {
    if (prev.dynamic.includes(dynamic)) continue
    const key = checked.find((k) => dynamic === k || dynamic.startsWith(`${k}.`) || k.startsWith(`${dynamic}.`))
    if (key !== undefined)
      reports.push({
        severity: 'medium',
        messageId: 'notStatic',
        data: { key: dynamic },
        at: dynamic.split('.'),
      })
  }

  return reports
}
