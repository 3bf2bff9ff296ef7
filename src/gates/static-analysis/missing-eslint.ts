// Why the repository's ESLint could not be found, said so that the fix is obvious: a repository
// that declares eslint but has no node_modules did not install its dependencies before proofgate
// ran (a workflow without an `npm ci` step), which is not the same as a repository without ESLint.
import type { FindingInput } from '../../findings/types.js'
import { readPackageInfo } from '../tests/detect.js'
import { ESLINT_NOT_INSTALLED, staticAnalysisFinding } from './rules.js'

export { ESLINT_NOT_INSTALLED }

/** The skip reason when ESLint is neither installed nor declared. */
export const ESLINT_NOT_INSTALLED_REASON = 'ESLint is not installed in this repository'

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const

/** The package.json field that declares `eslint` at `root`, or undefined (none, or no readable package.json). */
function declaringField(root: string): string | undefined {
  let pkg: Record<string, unknown>
  try {
    pkg = readPackageInfo(root) as Record<string, unknown>
  } catch {
    // An unreadable package.json is the tests gate's to report; here it only means "not declared".
    return undefined
  }
  return DEPENDENCY_FIELDS.find((field) => {
    const deps = pkg[field]
    return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, 'eslint')
  })
}

/**
 * The skip reason when ESLint does not resolve from `root`, and, when package.json declares
 * eslint, a medium finding: the dependencies were not installed before proofgate ran, so the
 * changed files were not linted. Medium, not high: the change did not cause it (the workflow
 * did), and it shows in every report and fails `--strict-warnings`, where a quiet skip showed
 * nowhere but a summary line.
 */
export function missingEslint(root: string): { reason: string; finding?: FindingInput } {
  const field = declaringField(root)
  if (field === undefined) return { reason: ESLINT_NOT_INSTALLED_REASON }
  const reason = `package.json declares eslint (${field}) but it is not installed: the dependencies were not installed before proofgate ran`
  return {
    reason,
    finding: staticAnalysisFinding(
      ESLINT_NOT_INSTALLED,
      'notInstalled',
      { reason },
      {
        help: 'install the dependencies before proofgate runs: in a workflow, add a step such as `npm ci` (or `pnpm install --frozen-lockfile`, `yarn install --immutable`) before the proofgate step; locally, run `npm install`',
      },
    ),
  }
}
