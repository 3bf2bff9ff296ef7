// The runners' own defaults for which files are tests, as discovery and test-config-weakened
// assume them when a config leaves a key out.

/** Vitest's `test.include` default. */
export const VITEST_DEFAULT_INCLUDE = ['**/*.{test,spec}.?(c|m)[jt]s?(x)']
/** Applied when a vitest config sets no `test.exclude`: node_modules and dist, as vitest 3 excluded (vitest 4 and later exclude node_modules and .git). */
export const VITEST_DEFAULT_EXCLUDE = ['**/node_modules/**', '**/dist/**']
/** Jest's `testMatch` default. */
export const JEST_DEFAULT_TEST_MATCH = ['**/__tests__/**/*.[jt]s?(x)', '**/?(*.)+(spec|test).[jt]s?(x)']
/** Jest's `testPathIgnorePatterns` default (regex sources, matched against `/` + the repository-relative path). */
export const JEST_DEFAULT_IGNORE = ['/node_modules/']
