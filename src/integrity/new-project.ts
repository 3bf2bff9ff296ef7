// New debt only for runner configs: a runner config the change adds, in a directory that held no
// test file at the base (a new package with its first tests, zod's packages/treeshake), selects
// only tests the change adds too. Its settings loosen no existing test, so what would be a high
// test-config-weakened finding there is medium: shown to the reviewer, not blocking.
import { posix } from 'node:path'
import picomatch from 'picomatch'
import type { Severity } from '../findings/types.js'
import { JEST_DEFAULT_TEST_MATCH, VITEST_DEFAULT_INCLUDE } from '../testing/discover/defaults.js'

const isTestFile = picomatch([...VITEST_DEFAULT_INCLUDE, ...JEST_DEFAULT_TEST_MATCH], { dot: true })

/**
 * Whether the base tree (`baseFiles`, repository-relative paths) had a test file — by vitest's and
 * jest's default globs — under the directory of the runner config at `configPath`.
 */
export function directoryHadTests(configPath: string, baseFiles: readonly string[]): boolean {
  const dir = posix.dirname(configPath)
  const prefix = dir === '.' ? '' : `${dir}/`
  return baseFiles.some((f) => f.startsWith(prefix) && isTestFile(f.slice(prefix.length)))
}

/**
 * Whether a runner config's text can only select files under its own directory: no `../`, no
 * absolute path, and none of the keys that move its root or add projects (`root`, `dir`,
 * `rootDir`, `roots`, `projects`, `workspace`). A config that names another place may select tests
 * that existed at the base, so it gets no allowance.
 */
export function staysInItsDirectory(text: string): boolean {
  return !/\.\.[\\/]|['"`]\/|\b(?:root|dir|rootDir|roots|projects|workspace)\s*:/.test(text)
}

/**
 * The severity of a finding on a runner config new in a test-free directory, and the sentence its
 * message ends with (test-config-weakened's `{{newProject}}`): high or critical is made medium and
 * said so; any other keeps its severity and says nothing.
 */
export function newProjectAllowance(severity: Severity): { severity: Severity; newProject: string } {
  if (severity !== 'high' && severity !== 'critical') return { severity, newProject: '' }
  return { severity: 'medium', newProject: ` Medium, not ${severity}: a new config in a directory with no test at the base, so it loosens no existing test.` }
}
