// One pass over the test files of a run, shared by the mock-integrity and semantic-tests gates:
// discovery, import classification, parsing and both rule sets, with no AST kept after its file.
import { readFileSync } from 'node:fs'
import { posix } from 'node:path'
import { readChangedFiles } from '../changes/history.js'
import type { GateContext } from '../gates/types.js'
import picomatch from 'picomatch'
import { analyseFile, type AnalyseOptions } from './analyse.js'
import { discoverTests, type TestDiscovery } from './discover.js'
import { checkRunnerConfig, checkSetupFile } from './harness.js'
import { createImportClassifier, namesDouble, type ImportClassifier } from './resolve.js'
import { mockIntegrity, semanticTests, type RuleEnvironment, type RuleFinding } from './rules.js'
import { loadTypeScript } from './typescript.js'

/** A rule finding with the repository-relative path of the file it is in. */
export type PathedFinding = RuleFinding & { path: string }

/** One run's scan of its test files, computed once and split between the mock-integrity and semantic-tests gates; counts feed their summaries. */
export interface TestIntegrityScan {
  discovery: Pick<TestDiscovery, 'source' | 'configs' | 'setupFiles'>
  /** Test files analysed. */
  files: number
  /** Test declarations (it/test, not describe) and assertions found in them. */
  tests: number
  assertions: number
  /** Runner configs and setup files checked by harness-suppression. */
  harnessFiles: number
  /** Files that did not parse (reported as info). */
  unparsed: number
  mockIntegrity: PathedFinding[]
  semanticTests: PathedFinding[]
}

let memo: { runId: string; promise: Promise<TestIntegrityScan> } | undefined
let discoveryMemo: { runId: string; promise: Promise<TestDiscovery> } | undefined

/**
 * The repository's test discovery for this run, computed once whichever gate asks first
 * (mock-integrity, semantic-tests, test-mutation and gate-integrity all read it).
 */
export function discoveryOf(ctx: Pick<GateContext, 'runId' | 'root' | 'config'>): Promise<TestDiscovery> {
  if (discoveryMemo?.runId === ctx.runId) return discoveryMemo.promise
  const promise = discoverTests(ctx.root, { exclude: ctx.config['test-files'].exclude })
  discoveryMemo = { runId: ctx.runId, promise }
  promise.catch(() => {
    if (discoveryMemo?.promise === promise) discoveryMemo = undefined
  })
  return promise
}

/** The scan of this run (computed once per run id, whichever gate asks first). */
export function scanTestIntegrity(ctx: GateContext): Promise<TestIntegrityScan> {
  if (memo?.runId === ctx.runId) return memo.promise
  const promise = runScan(ctx)
  memo = { runId: ctx.runId, promise }
  // A failed scan must not be reused by a later run with the same id (tests reuse ids).
  promise.catch(() => {
    if (memo?.promise === promise) memo = undefined
  })
  return promise
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json']

const CODE_FILE = /\.[cm]?[jt]sx?$|^[^.]*$/
const IMPORT_SPECIFIER = /\bfrom\s*['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g

/**
 * The rule environment over the repository's file list, with the repository's own packages counted
 * as source. `read` (a repository-relative path → its text, or null) lets a path to a fixture or a
 * test-side script count as source when that file imports the repository's code (commander spawns
 * `tests/fixtures/pm`, which imports `../../index.js`); without it such paths never count.
 */
export function ruleEnvironment(
  files: readonly string[],
  classifier: ImportClassifier,
  isTestFile: (path: string) => boolean,
  ratio: { maxRatio: number; minMocks: number },
  read?: (path: string) => string | null,
): RuleEnvironment {
  const fileSet = new Set(files)
  const dirs = new Set<string>()
  const filesByDir = new Map<string, string[]>()
  for (const file of files) {
    for (let i = file.indexOf('/'); i > 0; i = file.indexOf('/', i + 1)) dirs.add(file.slice(0, i))
    const dir = posix.dirname(file)
    filesByDir.set(dir, [...(filesByDir.get(dir) ?? []), file])
  }
  const ownPackage = (specifier: string): boolean => {
    for (const name of classifier.packageNames) if (specifier === name || specifier.startsWith(`${name}/`)) return true
    return false
  }
  const importsSource = new Map<string, boolean>()
  /** True when the file at `path` (a fixture, a spawned script) imports code of the repository. */
  const usesSource = (path: string): boolean => {
    if (read === undefined || !CODE_FILE.test(posix.basename(path))) return false
    let known = importsSource.get(path)
    if (known === undefined) {
      const text = read(path)?.slice(0, 200_000) ?? ''
      known = false
      for (const m of text.matchAll(IMPORT_SPECIFIER)) {
        const specifier = m[1] ?? m[2]!
        if (classifier.classify(path, specifier).kind === 'source') {
          known = true
          break
        }
      }
      importsSource.set(path, known)
    }
    return known
  }
  return {
    classify(from, specifier) {
      const classified = classifier.classify(from, specifier)
      // vitest's own tests import 'vitest': the package under test wins over the test library.
      if ((classified.kind === 'test-library' || classified.kind === 'external') && ownPackage(specifier)) return { ...classified, kind: 'source' }
      return classified
    },
    isRepositoryPath(from, value) {
      const double = namesDouble(value)
      // A package's public name in a string (`path.join(dir, 'node_modules', 'zod')`, `execa('pnpm', ['zod'])`).
      if (!double && classifier.packageNames.has(value)) return true
      // A bare word ('utf8', 'src') is too weak a hint of a path.
      if (!value.includes('/') && !value.includes('.')) return false
      const candidates =
        value.startsWith('./') || value.startsWith('../')
          ? [posix.join(posix.dirname(from), value)]
          : [posix.normalize(value.replace(/^\/+/, '')), posix.join(posix.dirname(from), value)]
      for (const candidate of candidates) {
        if (candidate.startsWith('..')) continue
        const dir = candidate.replace(/\/$/, '')
        if (dirs.has(dir)) {
          if (!double) return true
          // A fixtures directory: used when one of its own scripts imports the repository.
          if ((filesByDir.get(dir) ?? []).slice(0, 50).some(usesSource)) return true
        }
        for (const ext of EXTENSIONS) {
          const path = candidate + ext
          if (!fileSet.has(path)) continue
          if (!double && !isTestFile(path)) return true
          if (usesSource(path)) return true
        }
      }
      return false
    },
    internalMockRatio: ratio,
  }
}

/** Matches member chains against `assertion-functions` globs, `.` standing for picomatch's `/`. */
export function analyseOptions(patterns: readonly string[]): AnalyseOptions {
  if (patterns.length === 0) return {}
  const match = picomatch(patterns.map((p) => p.replaceAll('.', '/')))
  return { isAssertionCall: (chain) => match(chain.replaceAll('.', '/')) }
}

/** What one scan looks at: the changed (or, under `scan --all`, every) test file, setup file and runner config. */
interface ScanTargets {
  all: boolean
  /** Paths present and text in the version under test. */
  changed: Set<string>
  tests: string[]
  setups: string[]
  configs: string[]
}

function scanTargets(ctx: GateContext, discovery: TestDiscovery): ScanTargets {
  const all = ctx.scope === 'all'
  const changed = new Set(ctx.changes.files.filter((f) => f.status !== 'deleted' && !f.binary).map((f) => f.path))
  const tests = all ? discovery.testFiles : [...changed].filter((p) => discovery.isTestFile(p)).sort()
  const setups = discovery.setupFiles.filter((p) => all || changed.has(p))
  const configs = [...new Set([...discovery.configs.map((c) => c.path), 'package.json'])].filter((p) => (all ? discovery.files.includes(p) : changed.has(p)))
  return { all, changed, tests, setups, configs }
}

/** How the scan reads a file: `fromDisk` from the work tree, `read` from the version under test. */
interface ScanReaders {
  fromDisk: (path: string) => string | null
  read: (path: string) => Promise<string | null>
}

function scanReaders(ctx: GateContext, targets: ScanTargets): ScanReaders {
  // Synchronous reads from the work tree: a test file is small and parsed at once, and one
  // await per file left the process idle for more than half of a 578-file scan.
  const fromDisk = (path: string): string | null => {
    try {
      return readFileSync(posix.join(ctx.root, path), 'utf8')
    } catch {
      return null
    }
  }
  // A version other than the work tree (--head, the index): every file it needs in one git batch.
  const fromTree = targets.all || ctx.changes.includesWorkingTree ? null : readTreeFiles(ctx.changes, [...targets.tests, ...targets.setups, ...targets.configs])
  // Handled here too, so a failing git does not count as unhandled before the first read awaits it.
  void fromTree?.catch(() => undefined)
  const read = async (path: string): Promise<string | null> => (fromTree === null ? fromDisk(path) : ((await fromTree).get(path) ?? null))
  return { fromDisk, read }
}

/** What every step of one scan shares: the run, its targets and readers, TypeScript and the rule environment. */
interface ScanState {
  ctx: GateContext
  discovery: TestDiscovery
  targets: ScanTargets
  readers: ScanReaders
  ts: Awaited<ReturnType<typeof loadTypeScript>>
  env: RuleEnvironment
  result: TestIntegrityScan
}

/** Parses each targeted test file once and runs both rule sets on it, counting into `state.result`. */
async function analyseTestFiles(state: ScanState): Promise<void> {
  const { ctx, ts, env, result } = state
  const config = ctx.config
  const semanticOn = config.gates['semantic-tests'].mode !== 'off'
  const options = analyseOptions(config.gates['mock-integrity']['assertion-functions'])
  let sinceYield = 0
  for (const path of state.targets.tests) {
    ctx.signal.throwIfAborted()
    // Let timers (the gate's timeout) fire during a long synchronous scan.
    if (++sinceYield === 64) {
      sinceYield = 0
      await new Promise((resolve) => setImmediate(resolve))
    }
    const text = await state.readers.read(path)
    if (text === null) continue
    const file = analyseFile(ts, path, text, options)
    result.files++
    if (file.parseErrors.length > 0) result.unparsed++
    result.tests += file.tests.filter((t) => t.kind === 'test').length
    result.assertions += file.assertions.length
    for (const f of mockIntegrity(file, env)) result.mockIntegrity.push({ ...f, path })
    if (semanticOn) for (const f of semanticTests(file, env)) result.semanticTests.push({ ...f, path })
  }
}

/** harness-suppression on the targeted setup files and runner configs, counting into `state.result`. */
async function checkHarnessFiles(state: ScanState): Promise<void> {
  const { discovery, targets, readers, ts, result } = state
  // Setup files first: a setup file that makes console calls throw makes `silent: true` harmless.
  const loudSetups = new Set<string>()
  for (const path of discovery.setupFiles) {
    const targeted = targets.setups.includes(path)
    if (!targeted && !targets.configs.length) continue
    const text = targets.all || targets.changed.has(path) ? await readers.read(path) : readers.fromDisk(path)
    if (text === null) continue
    const facts = checkSetupFile(analyseFile(ts, path, text))
    if (facts.failsOnConsole) loudSetups.add(path)
    // Discovery never counts a setup file as a test file, so each is checked here once.
    if (targeted) {
      result.harnessFiles++
      for (const f of facts.findings) result.mockIntegrity.push({ ...f, path })
    }
  }
  for (const path of targets.configs) {
    const text = await readers.read(path)
    if (text === null) continue
    result.harnessFiles++
    const facts = discovery.configs.filter((c) => c.path === path)
    // `silent` sits beside `setupFiles` in the config that declares both.
    const loud = facts.some((c) => c.setupFiles.some((s) => loudSetups.has(s)))
    for (const f of checkRunnerConfig(ts, path, text, loud)) result.mockIntegrity.push({ ...f, path })
  }
}

/** `2 test files (a.test.js, b.test.js)`, the names cut after 10: for --verbose lines. */
function listed(paths: readonly string[], noun: string): string {
  const names = paths.length > 10 ? [...paths.slice(0, 10), `… ${paths.length - 10} more`] : paths
  return `${paths.length} ${noun}${paths.length === 1 ? '' : 's'}${paths.length === 0 ? '' : ` (${names.join(', ')})`}`
}

async function runScan(ctx: GateContext): Promise<TestIntegrityScan> {
  const config = ctx.config
  let mark = performance.now()
  const phase = (name: string): void => {
    const now = performance.now()
    ctx.log(`${name}: ${Math.round(now - mark)} ms`)
    mark = now
  }
  const discovery = await discoveryOf(ctx)
  phase(`discovery (${discovery.testFiles.length} test files of ${discovery.files.length}, ${discovery.source})`)
  const targets = scanTargets(ctx, discovery)
  ctx.log(
    `test files found ${discovery.source === 'runner-config' ? `from the runner config${discovery.configs.length === 1 ? '' : 's'} ${discovery.configs.map((c) => c.path).join(', ')}` : 'by convention (no runner config names them)'}: ${discovery.testFiles.length} in the repository`,
  )
  ctx.log(
    `checking ${listed(targets.tests, 'test file')}${targets.setups.length > 0 ? `, ${listed(targets.setups, 'setup file')}` : ''}${targets.configs.length > 0 ? `, ${listed(targets.configs, 'config file')}` : ''}`,
  )
  const readers = scanReaders(ctx, targets)
  const ts = await loadTypeScript()
  const classifier = await createImportClassifier(ctx.root, discovery.files)
  const ratio = config.gates['mock-integrity']['internal-mock-ratio']
  // Fixtures a test spawns are read from the disk even under --head: they are not in the batch,
  // and at worst a fixture that stopped importing source still counts as using it.
  const env = ruleEnvironment(
    discovery.files,
    classifier,
    (p) => discovery.isTestFile(p),
    { maxRatio: ratio['max-ratio'], minMocks: ratio['min-mocks'] },
    readers.fromDisk,
  )
  phase('typescript and import classifier')
  const result: TestIntegrityScan = {
    discovery: { source: discovery.source, configs: discovery.configs, setupFiles: discovery.setupFiles },
    files: 0,
    tests: 0,
    assertions: 0,
    harnessFiles: 0,
    unparsed: 0,
    mockIntegrity: [],
    semanticTests: [],
  }
  const state: ScanState = { ctx, discovery, targets, readers, ts, env, result }
  await analyseTestFiles(state)
  phase(`analysis of ${result.files} test files`)
  await checkHarnessFiles(state)
  phase(`${result.harnessFiles} setup and config files`)
  return result
}

/** `paths` of the tree under test, read in one batch: path → text (null when absent or binary). */
async function readTreeFiles(changes: GateContext['changes'], paths: readonly string[]): Promise<Map<string, string | null>> {
  const unique = [...new Set(paths)]
  const texts = await readChangedFiles(changes, unique)
  return new Map(unique.map((path, i) => [path, texts[i] ?? null]))
}
