// Which files of a repository are test files: the runners' configs (vitest, jest, mocha) read
// statically, never executed (they may be pull-request code), else the usual naming conventions.
// The work is split by concern under discover/: git listing, static evaluation, loading, one reader
// per runner, matching; this module keeps the public API and decides file by file.
import picomatch from 'picomatch'
import { listRepositoryFiles } from './discover/git.js'
import { CONFIG_FILE, compileConfig, CONVENTION_PATTERNS, FIXTURE_PATTERNS, matchesConfig } from './discover/match.js'
import { baseName, compare, dirOf, isCandidate, normalisePath } from './discover/paths.js'
import { ConfigReader } from './discover/reader.js'
import { fileContext } from './discover/load.js'
import type { DiscoverOptions, TestDiscovery } from './discover/types.js'

export { JEST_DEFAULT_IGNORE, JEST_DEFAULT_TEST_MATCH, VITEST_DEFAULT_EXCLUDE, VITEST_DEFAULT_INCLUDE } from './discover/defaults.js'
export { listRepositoryFiles } from './discover/git.js'
export {
  JEST_CONFIG_NAMES,
  MOCHARC_NAMES,
  runnerConfigOfName,
  VITE_CONFIG_NAMES,
  VITEST_CONFIG_NAMES,
  VITEST_WORKSPACE_NAMES,
  type RunnerConfigName,
} from './discover/config-names.js'
export { CONVENTION_PATTERNS } from './discover/match.js'
export { evaluateConfigModule, isDict, parseJsonc, strings, type EvaluatedConfig } from './discover/static.js'
export type { DiscoverOptions, RunnerConfigFacts, TestDiscovery, TestRunner } from './discover/types.js'

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
  const reader = new ConfigReader(fileContext(root, files))
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
  const fileSet = new Set(files)
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
