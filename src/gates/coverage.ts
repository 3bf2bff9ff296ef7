// The `coverage` gate (opt-in): runs the tests again with coverage (or reads a report the CI wrote)
// and reports the share of changed executable lines a test ran, with the uncovered ranges.
import { inNonSourceDir } from '../docs/packages.js'
import { realpathSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { ensureStateDirectory } from '../util/state.js'
import { join, relative, resolve } from 'node:path'
import { describeRunTree, runTreeFor } from '../changes/worktree.js'
import { readChangedFiles } from '../changes/history.js'
import { isToolConfigPath } from '../changes/paths.js'
import type { ChangedFile } from '../changes/types.js'
import type { GateConfig } from '../config/schema.js'
import { discoveryOf } from '../testing/scan.js'
import { ownedTempName, registerTemporaryPath, unregisterTemporaryPath } from '../util/cleanup.js'
import { runOutputTail as outputTail, runRepositoryCode, type RepoCodeResult } from '../util/repo-code.js'
import { codeLines, filePatch, lineRatio, percent, type FilePatch, type Ratio, type UncoveredRange } from './coverage/patch.js'
import { readCoverageReport, repositoryPath, type CoverageData, type ReportFormat } from './coverage/report.js'
import { planCoverageRun, type CoverageCommand, type CoverageRunner } from './coverage/runners.js'
import type { LineHits } from './coverage/lcov.js'
import { detectRunner, readPackageInfo, testScript } from './tests/detect.js'
import type { Gate, GateContext, GateOutcome } from './types.js'
import { plural, seconds } from '../util/text.js'
import * as z from 'zod'

export { CoverageReportError, parseLcov, type LineHits } from './coverage/lcov.js'
export { codeLines, filePatch, lineRatio, linesOf, percent, uncoveredRanges, type FilePatch, type Ratio, type UncoveredRange } from './coverage/patch.js'
export { parseIstanbulJson, readCoverageReport, repositoryPath, sniffFormat, type CoverageData, type ReportFormat } from './coverage/report.js'
export { CoverageSetupError, literalGlob, NODE_COVERAGE_MIN_MAJOR, planCoverageRun, type CoverageCommand, type CoverageRunner } from './coverage/runners.js'

/** What the gate records in the JSON report (`gates[].data`). */
export interface CoverageGateData {
  /** Changed executable lines of changed non-test source files. */
  patch: Ratio
  /** Every line of every file in the report (the report's own line count, as the runner's summary shows it). */
  overall: Ratio
  /** `vitest v8`, `jest v8`, `node --test c8`, `node --test built-in` or `report`. */
  runner: string
  /** The report read: its format, and its repository-relative path for runner `report` (null for the run's own temp report). */
  report: { format: ReportFormat; path: string | null }
  files: Array<{ path: string; covered: number; total: number; inReport: boolean }>
  /** Exit code of the test run when it was not 0 (the tests gate reports the failures); absent for `report`. */
  testExitCode?: number
  /** Facts that qualify the numbers, also in the summary. */
  notes: string[]
}

const CODE = /\.(?:[cm]?[jt]sx?)$/
const DECLARATION = /\.d\.[cm]?ts$/
/** Generated output, dependencies and test data: never measured, never the change a test should cover. */
const NOT_SOURCE_DIR = /(?:^|\/)(?:node_modules|dist|build|coverage|out|\.next|\.turbo|\.proofgate|fixtures|__fixtures__|__snapshots__)\//

/** A changed file that may be source: JS/TS code, not a declaration, config, generated file or fixture, not under a test directory (test helpers are not the change a test should cover; doc-coverage's rule), with lines in the new version. */
function maybeSource(file: ChangedFile): boolean {
  return (
    file.status !== 'deleted' &&
    !file.binary &&
    CODE.test(file.path) &&
    !DECLARATION.test(file.path) &&
    !isToolConfigPath(file.path) &&
    !NOT_SOURCE_DIR.test(file.path) &&
    !inNonSourceDir(file.path)
  )
}

const NO_SOURCE_REASON = 'no JS/TS source file changed'
const NO_ADDED_REASON = 'no lines were added or changed in JS/TS source files (only deletions or renames), so there is no patch to measure'

/** `66.7%`, or `n/a`. */
function shown(ratio: Ratio): string {
  return ratio.percent === null ? 'n/a' : `${ratio.percent.toFixed(1)}%`
}

/** `lines 12–14 are…` / `line 12 is…`, the finding message of one uncovered range. */
export function uncoveredMessage(range: UncoveredRange): string {
  const where = range.startLine === range.endLine ? `line ${range.startLine} is` : `lines ${range.startLine}–${range.endLine} are`
  return `${where} not covered by any test (${plural(range.lines, 'changed executable line')})`
}

/**
 * The one-line summary, e.g. `patch coverage 66.7% (4 of 6 changed executable lines), overall
 * 81.2% (vitest v8)`, then the notes after `; `.
 */
export function coverageSummary(patch: Ratio, overall: Ratio, runner: string, notes: readonly string[]): string {
  const head =
    patch.percent === null
      ? 'patch coverage n/a: no changed executable lines'
      : `patch coverage ${shown(patch)} (${patch.covered} of ${plural(patch.total, 'changed executable line')})`
  return [`${head}, overall ${shown(overall)} (${runner})`, ...notes].join('; ')
}

/** The runner the config names, or the one the repository uses. @throws Error when it is none coverage can drive. */
function chooseRunner(ctx: GateContext, configured: GateConfig<'coverage'>['runner']): CoverageRunner {
  if (configured !== 'auto' && configured !== 'report') return configured
  const detected = detectRunner(ctx.root, readPackageInfo(ctx.root))
  const remedy =
    'set gates.coverage.runner to vitest, jest or node, or to report with gates.coverage.report naming an lcov or istanbul JSON report your CI writes before proofgate runs'
  if (detected === null) throw new Error(`cannot measure coverage: no test runner found (no vitest, jest or node --test setup): ${remedy}`)
  if (detected.runner === 'mocha' || detected.runner === 'script') {
    throw new Error(
      `cannot measure coverage: the repository runs its tests with ${detected.runner === 'script' ? 'a `test` script proofgate cannot read' : 'mocha'} (from ${detected.source}), and coverage drives vitest, jest or node --test only: ${remedy}`,
    )
  }
  ctx.log(`coverage: runner ${detected.runner} (from ${detected.source})`)
  return detected.runner
}

/** Runs the tests with coverage and reads the report. @throws Error when the run wrote no report (with the output tail) or was not started. */
async function measure(
  ctx: GateContext,
  runner: CoverageRunner,
  sources: readonly string[],
): Promise<{ data: CoverageData; command: CoverageCommand; result: RepoCodeResult }> {
  const options = ctx.config.gates.coverage
  const outDir = join(ctx.stateDir, 'tmp', ownedTempName('coverage'))
  const command = planCoverageRun(runner, ctx.root, outDir, sources, options.args, testScript(readPackageInfo(ctx.root)))
  registerTemporaryPath(outDir)
  await ensureStateDirectory(outDir)
  try {
    ctx.log(`coverage: running ${[command.file, ...command.args].join(' ')}`)
    // The same runner, environment filter and redaction as the tests gate: no token, nothing injected.
    const result = await runRepositoryCode(command.file, command.args, { cwd: ctx.root, signal: ctx.signal, envPass: ctx.config['env-pass'], baseEnv: ctx.env })
    if (result.cancelled)
      throw new Error(
        `the ${command.label} coverage run was stopped after ${seconds(result.durationMs)} (timeout ${seconds(ctx.timeoutMs)}, gates.coverage.timeout)`,
      )
    if (result.spawnError !== undefined) {
      throw new Error(`the ${command.label} coverage run could not be started: ${result.spawnError}`)
    }
    let data: CoverageData
    try {
      data = await readCoverageReport(command.reportFile, relative(ctx.root, command.reportFile), command.format)
    } catch (error) {
      const exit = result.exitCode ?? `signal ${result.signal ?? '?'}`
      throw new Error(
        `the ${command.label} coverage run (exit code ${exit}) left no usable report: ${(error as Error).message}. Last output:\n${outputTail(result)}`,
        { cause: error },
      )
    }
    return { data, command, result }
  } finally {
    await rm(outDir, { recursive: true, force: true })
    unregisterTemporaryPath(outDir)
  }
}

/** The report's entries under repository-relative paths; entries outside the repository keep their own key (they still count overall). */
function mapReportPaths(ctx: GateContext, data: CoverageData, sources: readonly string[], bySuffix: boolean): Map<string, LineHits> {
  const roots = [ctx.root]
  try {
    const real = realpathSync(ctx.root)
    if (real !== ctx.root) roots.push(real)
  } catch {
    // The root exists (git gave it); a failing realpath only loses the second spelling.
  }
  const mapped = new Map<string, LineHits>()
  const add = (path: string, hits: LineHits): void => {
    const known = mapped.get(path)
    if (known === undefined) {
      mapped.set(path, hits)
      return
    }
    for (const [line, count] of hits) known.set(line, (known.get(line) ?? 0) + count)
  }
  for (const [path, hits] of data.files) {
    let repoPath = repositoryPath(path, roots)
    if (repoPath === null && bySuffix) {
      // A report written on another machine (a CI checkout path): match a changed file by its path's tail.
      const normal = path.replaceAll('\\', '/')
      repoPath = sources.filter((s) => normal.endsWith(`/${s}`)).sort((a, b) => b.length - a.length)[0] ?? null
    }
    add(repoPath ?? path, hits)
  }
  return mapped
}

async function runCoverage(ctx: GateContext): Promise<GateOutcome> {
  const { changes } = ctx
  const options: GateConfig<'coverage'> = ctx.config.gates.coverage
  const candidates = changes.files.filter(maybeSource)
  const discovery = await discoveryOf(ctx)
  const sources = candidates.filter((f) => !discovery.isTestFile(f.path))
  if (sources.length === 0) return { status: 'skipped', reason: `${NO_SOURCE_REASON} (only tests)`, summary: NO_SOURCE_REASON }
  if (sources.every((f) => f.addedLines.length === 0)) return { status: 'skipped', reason: NO_ADDED_REASON, summary: 'no added lines in source files' }
  const sourcePaths = sources.map((f) => f.path)

  const notes: string[] = []
  let data: CoverageData
  let runnerLabel: string
  let reportPath: string | null = null
  let testExitCode: number | undefined
  // Where the suite ran: the root, or the temporary worktree whose paths the report then carries.
  let runRoot = ctx.root
  if (options.runner === 'report') {
    if (options.report === undefined) {
      throw new Error(
        'gates.coverage.runner is report but gates.coverage.report is not set: expected the repository-relative path of an lcov tracefile (.info) or istanbul JSON (coverage-final.json)',
      )
    }
    reportPath = options.report
    data = await readCoverageReport(resolve(ctx.root, options.report), options.report)
    runnerLabel = `report ${options.report}`
    notes.push(`the report is read from disk as it is: nothing ties it to the tree under test (${changes.treeHash.slice(0, 12)})`)
  } else {
    // The suite runs from the disk: numbers for other files must not be reported as this tree's, so
    // it runs in a temporary worktree of the version under test when the disk is not it.
    const tree = await runTreeFor(changes, ctx.runId)
    if (tree.temporary) {
      ctx.log(`coverage: running ${describeRunTree(changes, tree)}: ${tree.dir}`)
      notes.push(`measured ${describeRunTree(changes, tree)}`)
      runRoot = tree.dir
    }
    const runCtx = { ...ctx, root: runRoot }
    const runner = chooseRunner(runCtx, options.runner)
    const measured = await measure(runCtx, runner, sourcePaths)
    data = measured.data
    runnerLabel = measured.command.label
    const exit = measured.result.exitCode
    if (exit !== 0) {
      testExitCode = exit ?? 128
      notes.push(
        `the test run failed (exit code ${exit ?? `signal ${measured.result.signal ?? '?'}`}): coverage is that of a failing run; the tests gate reports the failures`,
      )
    }
  }

  const byPath = mapReportPaths({ ...ctx, root: runRoot }, data, sourcePaths, options.runner === 'report')
  const patches: FilePatch[] = []
  const texts = await readChangedFiles(
    changes,
    sources.map((f) => f.path),
  )
  for (const [i, file] of sources.entries()) {
    const text = texts[i] ?? null
    const code = text === null ? null : await codeLines(text, file.path)
    patches.push(filePatch(file.path, file.addedLines, byPath.get(file.path), code))
  }
  const covered = patches.reduce((n, p) => n + p.covered, 0)
  const total = patches.reduce((n, p) => n + p.total, 0)
  const patch: Ratio = { covered, total, percent: percent(covered, total) }
  const overall = lineRatio(data.files.values())
  const absent = patches.filter((p) => !p.inReport)
  if (absent.length > 0)
    notes.push(`${plural(absent.length, 'file')} not in the coverage report (${absent.map((p) => p.path).join(', ')}); their non-blank lines counted uncovered`)

  for (const p of patches) {
    for (const range of p.uncovered) {
      ctx.report({
        ruleId: 'uncovered-lines',
        severity: 'low',
        message: uncoveredMessage(range),
        path: p.path,
        startLine: range.startLine,
        endLine: range.endLine,
        help: 'Add or extend a test that executes these lines (both sides of a branch), or remove the code if nothing needs it.',
      })
    }
  }
  const min = options['min-patch-coverage']
  if (min !== undefined && patch.percent !== null && (covered / total) * 100 < min) {
    ctx.report({
      ruleId: 'patch-coverage-below-minimum',
      severity: 'high',
      message: `Patch coverage is ${shown(patch)} (${covered} of ${plural(total, 'changed executable line')} covered), below the minimum of ${min}% (gates.coverage.min-patch-coverage).`,
      help: 'Test the uncovered lines listed by uncovered-lines findings until the patch reaches the minimum.',
    })
  }

  const result: CoverageGateData = {
    patch,
    overall,
    runner: options.runner === 'report' ? 'report' : runnerLabel,
    report: { format: data.format, path: reportPath },
    files: patches.map((p) => ({ path: p.path, covered: p.covered, total: p.total, inReport: p.inReport })),
    ...(testExitCode === undefined ? {} : { testExitCode }),
    notes,
  }
  return { summary: coverageSummary(patch, overall, runnerLabel, notes), data: result }
}

/** `gates.coverage.runner` values; `report` reads an existing lcov or istanbul JSON report instead of running tests. */
export const COVERAGE_RUNNERS = ['auto', 'vitest', 'jest', 'node', 'report'] as const
/** `gates.coverage` keys besides mode and timeout. */
const COVERAGE_OPTIONS = {
  runner: z
    .enum(COVERAGE_RUNNERS)
    .default('auto')
    .describe("auto detects vitest (v8), jest (--coverage) or node --test (c8, else node's own coverage); report reads `report` without running anything"),
  report: z
    .string()
    .min(1)
    .optional()
    .describe('An existing coverage report to read, relative to the repository root: lcov (.info) or istanbul JSON (coverage-final.json)'),
  args: z.array(z.string()).default([]).describe('Extra arguments passed to the runner (an argument array, never a shell string)'),
  'min-patch-coverage': z
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe('Percent of the changed executable lines that must be covered; below it is a high finding (blocks when the gate is blocking)'),
}

/** The `coverage` gate: off unless opted in; `uncovered-lines` (low) per range, `patch-coverage-below-minimum` (high). */
export const coverageGate: Gate<'coverage', typeof COVERAGE_OPTIONS> = {
  id: 'coverage',
  // The two suite runs would compete for the same cores; coverage waits for the tests gate.
  dependsOn: ['tests'],
  meta: {
    description:
      'Patch coverage (opt-in): runs the tests with coverage (vitest v8, jest v8, node --test with c8 or its own coverage) or reads an lcov / istanbul JSON report, and reports the changed executable lines no test ran',
    defaultMode: 'off',
    defaultTimeout: 900,
    options: COVERAGE_OPTIONS,
    // Runner `report` only reads a file the CI wrote; every other runner runs the test suite.
    executesRepositoryCode: (config) => config.gates.coverage.runner !== 'report',
    rules: {
      'uncovered-lines': { description: 'Changed executable lines that no test executed, one finding per range', defaultSeverity: 'low' },
      'patch-coverage-below-minimum': {
        description: 'The share of changed executable lines covered is below gates.coverage.min-patch-coverage',
        defaultSeverity: 'high',
      },
    },
  },

  appliesTo(changes) {
    return changes.files.some(maybeSource) ? true : { applies: false, reason: NO_SOURCE_REASON }
  },

  run: runCoverage,
}
