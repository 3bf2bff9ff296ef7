// How the coverage gate runs a repository's tests with coverage: vitest (v8), jest (v8), node --test
// under c8 or with node's own coverage; the argv, where the report lands, and what to install when a piece is missing.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { resolveRunnerBin, scriptRunnerArgs } from '../tests/detect.js'
import type { ReportFormat } from './report.js'

/** The runners the gate can run with coverage (`node` is `node --test`); `report` runs nothing and is not one. */
export type CoverageRunner = 'vitest' | 'jest' | 'node'

/** One coverage run: the command, where its report lands and in which format. */
export interface CoverageCommand {
  /** For summaries: `vitest v8`, `jest v8`, `node --test c8`, `node --test built-in`. */
  label: string
  file: string
  args: string[]
  /** Absolute path of the report the run writes. */
  reportFile: string
  format: ReportFormat
}

/** Something the repository lacks to measure coverage; the message says what to install or set. */
export class CoverageSetupError extends Error {
  override readonly name = 'CoverageSetupError'
}

/** The lowest Node major whose test runner has `--experimental-test-coverage` with the lcov reporter. */
export const NODE_COVERAGE_MIN_MAJOR = 22

/** `<root>/node_modules`-style resolution of `name`'s package.json from the repository; null when not installed. */
function packageManifest(root: string, name: string): string | null {
  try {
    return createRequire(join(root, 'package.json')).resolve(`${name}/package.json`)
  } catch {
    return null
  }
}

function versionOf(manifest: string): string | undefined {
  try {
    const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version
    return typeof version === 'string' ? version : undefined
  } catch {
    return undefined
  }
}

/** The CLI entry of the package `name` (its `bin` named `bin`, or its only bin) installed in the repository; null when absent. */
function packageBin(root: string, name: string, bin: string): string | null {
  const manifest = packageManifest(root, name)
  if (manifest === null) return null
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }
  const entry = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[bin]
  if (entry === undefined) return null
  const file = resolve(dirname(manifest), entry)
  return existsSync(file) ? file : null
}

/** A path as a literal glob: vitest, jest and c8 take include patterns, and file names may hold `[`, `(`, `{`… */
export function literalGlob(path: string): string {
  return path.replace(/[*?[\]{}()!+@\\]/g, '\\$&')
}

/**
 * Builds the coverage command for `runner` in the repository at `root`, run with `process.execPath`.
 * `sources` (repository-relative) are the changed source files: vitest, jest and c8 are told to
 * include them, so a changed file no test loads still appears in the report with zero hits.
 * @param outDir an empty directory for the report (absolute)
 * @param extraArgs `gates.coverage.args`
 * @param script the `test` script, whose `node --test` arguments are reused when `extraArgs` is empty
 * @param nodeVersion the Node version the command runs under (default this process's)
 * @throws CoverageSetupError when the runner, `@vitest/coverage-v8`, or (for node without c8)
 *   a Node version with built-in lcov coverage is missing; the message names the remedy
 */
export function planCoverageRun(
  runner: CoverageRunner,
  root: string,
  outDir: string,
  sources: readonly string[],
  extraArgs: readonly string[],
  script: string | undefined,
  nodeVersion: string = process.versions.node,
): CoverageCommand {
  const node = process.execPath
  switch (runner) {
    case 'vitest': {
      const bin = resolveRunnerBin(root, 'vitest')
      if (bin === null) throw new CoverageSetupError('vitest is not installed in this repository (require.resolve("vitest/package.json") failed from its root): install the dependencies (`npm ci`) before proofgate runs, or set gates.coverage.runner')
      if (packageManifest(root, '@vitest/coverage-v8') === null) {
        const version = versionOf(packageManifest(root, 'vitest') as string)
        throw new CoverageSetupError(
          `@vitest/coverage-v8 is not installed in this repository, and vitest needs it to measure coverage: run \`npm i -D @vitest/coverage-v8@${version ?? '<vitest\'s version>'}\` (the same version as vitest), or set gates.coverage.runner to report with a report your CI writes`,
        )
      }
      return {
        label: 'vitest v8',
        file: node,
        args: [
          bin, 'run',
          '--coverage.enabled', '--coverage.provider=v8', '--coverage.reporter=json', `--coverage.reportsDirectory=${outDir}`,
          // vitest writes no coverage for a failing run unless told to; the tests gate judges the failures.
          '--coverage.reportOnFailure',
          ...sources.map((s) => `--coverage.include=${literalGlob(s)}`),
          ...extraArgs,
        ],
        reportFile: join(outDir, 'coverage-final.json'),
        format: 'istanbul',
      }
    }
    case 'jest': {
      const bin = resolveRunnerBin(root, 'jest')
      if (bin === null) throw new CoverageSetupError('jest is not installed in this repository (require.resolve("jest/package.json") failed from its root): install the dependencies (`npm ci`) before proofgate runs, or set gates.coverage.runner')
      return {
        label: 'jest v8',
        file: node,
        args: [
          bin, '--ci', '--coverage', '--coverageProvider=v8', '--coverageReporters=json', `--coverageDirectory=${outDir}`,
          ...sources.map((s) => `--collectCoverageFrom=${literalGlob(s)}`),
          ...extraArgs,
        ],
        reportFile: join(outDir, 'coverage-final.json'),
        format: 'istanbul',
      }
    }
    case 'node': {
      const testArgs = extraArgs.length > 0 ? [...extraArgs] : (scriptRunnerArgs(script, 'node') ?? [])
      const c8 = packageBin(root, 'c8', 'c8')
      if (c8 !== null) {
        return {
          label: 'node --test c8',
          file: node,
          args: [
            c8, '--reporter=json', `--report-dir=${outDir}`, `--temp-directory=${join(outDir, '.c8')}`,
            '--all', ...sources.map((s) => `--include=${literalGlob(s)}`),
            // c8 would start `node` from PATH, which may be another version than the one running proofgate.
            node, '--test', ...testArgs,
          ],
          reportFile: join(outDir, 'coverage-final.json'),
          format: 'istanbul',
        }
      }
      const major = Number(nodeVersion.split('.')[0])
      if (!(major >= NODE_COVERAGE_MIN_MAJOR)) {
        throw new CoverageSetupError(
          `node's built-in test coverage with the lcov reporter needs Node ${NODE_COVERAGE_MIN_MAJOR} or later, and proofgate runs under Node ${nodeVersion}: run proofgate under Node ${NODE_COVERAGE_MIN_MAJOR}+, or install c8 in the repository (\`npm i -D c8\`)`,
        )
      }
      const lcov = join(outDir, 'lcov.info')
      return {
        label: 'node --test built-in',
        file: node,
        args: [
          '--test', '--experimental-test-coverage',
          `--test-reporter=lcov`, `--test-reporter-destination=${lcov}`,
          // A second reporter on stdout, so an error shows which test broke.
          '--test-reporter=spec', '--test-reporter-destination=stdout',
          ...testArgs,
        ],
        reportFile: lcov,
        format: 'lcov',
      }
    }
  }
}
