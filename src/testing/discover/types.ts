// The shapes test discovery returns: what a runner config says, and the discovered test files.
// Kept apart so the per-runner readers and the entry point share them without importing each other.

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

/** The test files of a repository and how they were found; what `discoverTests` returns. */
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

/** Options of `discoverTests`: the candidate list (tests pass their own) and proofgate's extra excludes. */
export interface DiscoverOptions {
  /** Repository-relative candidate files; default: the git listing of `root` (listRepositoryFiles). */
  files?: readonly string[]
  /** Extra picomatch globs from proofgate's config, always applied. */
  exclude?: readonly string[]
}
