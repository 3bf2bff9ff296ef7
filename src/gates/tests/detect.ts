// Which test runner a repository uses, and where its CLI lives: read from package.json, the
// `test` script's text and config files; the runner is always resolved from the target repository.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { JEST_CONFIG_NAMES, MOCHARC_NAMES, VITE_CONFIG_NAMES, VITEST_CONFIG_NAMES, VITEST_WORKSPACE_NAMES } from '../../testing/discover/config-names.js'

/** The runners the tests gate drives; `node` is `node --test`, `script` is `npm test` judged by its exit code alone. */
export type DetectedRunner = 'vitest' | 'jest' | 'node' | 'mocha' | 'script'
/** The runners with a CLI of their own to resolve from the repository's node_modules. */
export type PackageRunner = 'vitest' | 'jest' | 'mocha'

/** The parts of package.json detection reads. */
export interface PackageInfo {
  scripts?: Record<string, unknown>
  dependencies?: Record<string, unknown>
  devDependencies?: Record<string, unknown>
  jest?: unknown
  mocha?: unknown
}

/** The runner {@link detectRunner} chose and what chose it, logged as `tests: runner vitest (from test script)`. */
export interface Detection {
  runner: DetectedRunner
  /** What decided it, for logs and reasons: `test script`, `vitest.config.ts`, `devDependencies`… */
  source: string
}

/** The `test` script npm init writes; it means "no tests", not a runner. */
const NPM_INIT_PLACEHOLDER = /no test specified/

/**
 * Reads `<root>/package.json`; `{}` when absent. Throws an Error naming the file when it is not a
 * JSON object (a broken manifest is not "no tests").
 */
export function readPackageInfo(root: string): PackageInfo {
  const file = join(root, 'package.json')
  if (!existsSync(file)) return {}
  let value: unknown
  try {
    value = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`, { cause: error })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file} is not a JSON object`)
  return value as PackageInfo
}

/** The `test` script, or undefined when missing, empty or npm init's placeholder. */
export function testScript(pkg: PackageInfo): string | undefined {
  const script = pkg.scripts?.test
  if (typeof script !== 'string' || script.trim() === '' || NPM_INIT_PLACEHOLDER.test(script)) return undefined
  return script
}

const SCRIPT_PATTERNS: Array<[DetectedRunner, RegExp]> = [
  ['vitest', /\bvitest\b/],
  ['jest', /\bjest\b/],
  ['mocha', /\bmocha\b/],
  ['node', /\bnode\b[^&|;]*\s--test\b/],
]

/** The first of `names` that exists in `root`. */
function findConfig(root: string, names: readonly string[]): string | undefined {
  return names.find((name) => existsSync(join(root, name)))
}

function hasDependency(pkg: PackageInfo, name: string): boolean {
  return (pkg.dependencies !== undefined && name in pkg.dependencies) || (pkg.devDependencies !== undefined && name in pkg.devDependencies)
}

/**
 * Detects the runner of the repository at `root`: first the runner the `test` script names (the
 * earliest in its text), then config files, then dependencies, then any `test` script as `script`.
 * Returns null when none applies. Throws when package.json exists but is not valid JSON.
 */
export function detectRunner(root: string, pkg: PackageInfo = readPackageInfo(root)): Detection | null {
  const script = testScript(pkg)
  if (script !== undefined) {
    const named = SCRIPT_PATTERNS.map(([runner, re]) => ({ runner, index: re.exec(script)?.index ?? -1 }))
      .filter((m) => m.index >= 0)
      .sort((a, b) => a.index - b.index)[0]
    if (named !== undefined) return { runner: named.runner, source: 'test script' }
  }
  const vitestConfig = findConfig(root, VITEST_CONFIG_NAMES) ?? findConfig(root, VITEST_WORKSPACE_NAMES)
  if (vitestConfig !== undefined) return { runner: 'vitest', source: vitestConfig }
  const viteConfig = findConfig(root, VITE_CONFIG_NAMES)
  if (viteConfig !== undefined && /\btest\s*:/.test(readFileSync(join(root, viteConfig), 'utf8'))) {
    return { runner: 'vitest', source: `${viteConfig} (test block)` }
  }
  const jestConfig = findConfig(root, JEST_CONFIG_NAMES)
  if (jestConfig !== undefined) return { runner: 'jest', source: jestConfig }
  if (pkg.jest !== undefined) return { runner: 'jest', source: 'package.json "jest" key' }
  const mocharc = findConfig(root, MOCHARC_NAMES)
  if (mocharc !== undefined) return { runner: 'mocha', source: mocharc }
  if (pkg.mocha !== undefined) return { runner: 'mocha', source: 'package.json "mocha" key' }
  for (const runner of ['vitest', 'jest', 'mocha'] as const) {
    if (hasDependency(pkg, runner)) return { runner, source: 'package.json dependencies' }
  }
  if (script !== undefined) return { runner: 'script', source: 'test script' }
  return null
}

/**
 * The absolute path of `runner`'s CLI entry as installed in the repository at `root` (resolved
 * from `<root>/package.json`, as the repo's own `npm test` would), or null when it is not installed.
 */
export function resolveRunnerBin(root: string, runner: PackageRunner): string | null {
  const require = createRequire(join(root, 'package.json'))
  let manifest: string
  try {
    manifest = require.resolve(`${runner}/package.json`)
  } catch {
    return null
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[runner]
  if (bin === undefined) return null
  const file = resolve(dirname(manifest), bin)
  return existsSync(file) ? file : null
}

const REPORTER_FLAG = /^--(?:test-)?reporter(?:[-=]|$)|^-R$|^--reporter-options?(?:=|$)|^--watch$|^-w$/

/**
 * The arguments a simple `test` script passes to `node --test` or `mocha` (test file globs live
 * there for these runners), minus reporter and watch flags, which the gate sets itself. Undefined
 * when the script is not one plain command (shell operators, variables, escapes).
 */
export function scriptRunnerArgs(script: string | undefined, runner: 'node' | 'mocha'): string[] | undefined {
  if (script === undefined || /[&|;<>$`()\\]/.test(script)) return undefined
  const tokens = script.trim().match(/'[^']*'|"[^"]*"|\S+/g) ?? []
  const words = tokens.map((t) => (/^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t))
  let rest: string[]
  if (runner === 'node') {
    if (words[0] !== 'node' || !words.includes('--test')) return undefined
    rest = words.slice(1).filter((w) => w !== '--test')
  } else {
    if (words[0] !== 'mocha') return undefined
    rest = words.slice(1)
  }
  const out: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] as string
    if (REPORTER_FLAG.test(w)) {
      // A flag given as `--reporter spec` takes the next word with it.
      if (!w.includes('=') && w !== '--watch' && w !== '-w' && rest[i + 1] !== undefined && !rest[i + 1]?.startsWith('-')) i++
      continue
    }
    out.push(w)
  }
  return out
}
