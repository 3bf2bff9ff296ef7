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
import { COVERAGE_RULES, coverageFinding } from './coverage/rules.js'
import type { LineHits } from './coverage/lcov.js'
import { detectRunner, readPackageInfo, testScript } from './tests/detect.js'
import type { FindingInput } from '../findings/types.js'
import type { Gate, GateContext, GateOutcome } from './types.js'
import { plural, seconds } from '../util/text.js'
import * as z from 'zod'

export { CoverageReportError, parseLcov, type LineHits } from './coverage/lcov.js'
export { codeLines, filePatch, lineRatio, linesOf, percent, uncoveredRanges, type FilePatch, type Ratio, type UncoveredRange } from './coverage/patch.js'
export { parseIstanbulJson, readCoverageReport, repositoryPath, sniffFormat, type CoverageData, type ReportFormat } from './coverage/report.js'
export { COVERAGE_RULES } from './coverage/rules.js'
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

/** The `uncovered-lines` finding of one uncovered range of `path`: `line 12 is…` (messageId `line`) or `lines 12–14 are…` (`range`). */
function uncoveredFinding(path: string, range: UncoveredRange): FindingInput {
  const lines = plural(range.lines, 'changed executable line')
  const place = {
    path,
    startLine: range.startLine,
    endLine: range.endLine,
    help: 'Add or extend a test that executes these lines (both sides of a branch), or remove the code if nothing needs it.',
  }
  return range.startLine === range.endLine
    ? coverageFinding('uncovered-lines', 'line', { line: range.startLine, lines }, place)
    : coverageFinding('uncovered-lines', 'range', { startLine: range.startLine, endLine: range.endLine, lines }, place)
}

/** `lines 12–14 are…` / `line 12 is…`, the finding message of one uncovered range. */
export function uncoveredMessage(range: UncoveredRange): string {
  return uncoveredFinding('', range).message
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

/** The changed source files to measure, or the outcome that skips the gate (no source changed, or no lines added to one). */
async function sourcesToMeasure(ctx: GateContext): Promise<ChangedFile[] | GateOutcome> {
  const candidates = ctx.changes.files.filter(maybeSource)
  const discovery = await discoveryOf(ctx)
  const sources = candidates.filter((f) => !discovery.isTestFile(f.path))
  if (sources.length === 0) return { status: 'skipped', reason: `${NO_SOURCE_REASON} (only tests)`, summary: NO_SOURCE_REASON }
  if (sources.every((f) => f.addedLines.length === 0)) return { status: 'skipped', reason: NO_ADDED_REASON, summary: 'no added lines in source files' }
  return sources
}

/** A coverage report and where it comes from: read as configured, or written by the gate's own run. */
interface Measurement {
  data: CoverageData
  runnerLabel: string
  /** The report's repository-relative path for runner `report`; null for the run's own temp report. */
  reportPath: string | null
  testExitCode?: number
  /** Where the suite ran: the root, or the temporary worktree whose paths the report then carries. */
  runRoot: string
  notes: string[]
}

/** Runner `report`: reads the report `gates.coverage.report` names. @throws Error when it is not set, or the report is unreadable. */
async function readConfiguredReport(ctx: GateContext, options: GateConfig<'coverage'>): Promise<Measurement> {
  if (options.report === undefined) {
    throw new Error(
      'gates.coverage.runner is report but gates.coverage.report is not set: expected the repository-relative path of an lcov tracefile (.info) or istanbul JSON (coverage-final.json)',
    )
  }
  return {
    data: await readCoverageReport(resolve(ctx.root, options.report), options.report),
    runnerLabel: `report ${options.report}`,
    reportPath: options.report,
    runRoot: ctx.root,
    notes: [`the report is read from disk as it is: nothing ties it to the tree under test (${ctx.changes.treeHash.slice(0, 12)})`],
  }
}

/** Runs the suite with coverage on the version under test. @throws Error as {@link chooseRunner} and {@link measure} do. */
async function runWithCoverage(ctx: GateContext, options: GateConfig<'coverage'>, sourcePaths: readonly string[]): Promise<Measurement> {
  const notes: string[] = []
  // The suite runs from the disk: numbers for other files must not be reported as this tree's, so
  // it runs in a temporary worktree of the version under test when the disk is not it.
  const tree = await runTreeFor(ctx.changes, ctx.runId)
  let runRoot = ctx.root
  if (tree.temporary) {
    ctx.log(`coverage: running ${describeRunTree(ctx.changes, tree)}: ${tree.dir}`)
    notes.push(`measured ${describeRunTree(ctx.changes, tree)}`)
    runRoot = tree.dir
  }
  const runCtx = { ...ctx, root: runRoot }
  const runner = chooseRunner(runCtx, options.runner)
  const measured = await measure(runCtx, runner, sourcePaths)
  const exit = measured.result.exitCode
  let testExitCode: number | undefined
  if (exit !== 0) {
    testExitCode = exit ?? 128
    notes.push(
      `the test run failed (exit code ${exit ?? `signal ${measured.result.signal ?? '?'}`}): coverage is that of a failing run; the tests gate reports the failures`,
    )
  }
  return { data: measured.data, runnerLabel: measured.command.label, reportPath: null, runRoot, notes, ...(testExitCode === undefined ? {} : { testExitCode }) }
}

/** Each source file's changed executable lines against the report's hits (`byPath`, by repository-relative path). */
async function patchesOf(ctx: GateContext, sources: readonly ChangedFile[], byPath: Map<string, LineHits>): Promise<FilePatch[]> {
  const patches: FilePatch[] = []
  const texts = await readChangedFiles(
    ctx.changes,
    sources.map((f) => f.path),
  )
  for (const [i, file] of sources.entries()) {
    const text = texts[i] ?? null
    const code = text === null ? null : await codeLines(text, file.path)
    patches.push(filePatch(file.path, file.addedLines, byPath.get(file.path), code))
  }
  return patches
}

/** Reports each uncovered range, and the patch ratio when it is below `gates.coverage.min-patch-coverage`. */
function reportPatches(ctx: GateContext, patches: readonly FilePatch[], patch: Ratio, min: number | undefined): void {
  for (const p of patches) for (const range of p.uncovered) ctx.report(uncoveredFinding(p.path, range))
  if (min !== undefined && patch.percent !== null && (patch.covered / patch.total) * 100 < min) {
    ctx.report(
      coverageFinding(
        'patch-coverage-below-minimum',
        'below',
        { percent: shown(patch), covered: patch.covered, total: plural(patch.total, 'changed executable line'), minimum: min },
        { help: 'Test the uncovered lines listed by uncovered-lines findings until the patch reaches the minimum.' },
      ),
    )
  }
}

async function runCoverage(ctx: GateContext): Promise<GateOutcome> {
  const options: GateConfig<'coverage'> = ctx.config.gates.coverage
  const sources = await sourcesToMeasure(ctx)
  if (!Array.isArray(sources)) return sources
  const sourcePaths = sources.map((f) => f.path)
  const measurement = options.runner === 'report' ? await readConfiguredReport(ctx, options) : await runWithCoverage(ctx, options, sourcePaths)
  const { data, runnerLabel, notes } = measurement

  const byPath = mapReportPaths({ ...ctx, root: measurement.runRoot }, data, sourcePaths, options.runner === 'report')
  const patches = await patchesOf(ctx, sources, byPath)
  const covered = patches.reduce((n, p) => n + p.covered, 0)
  const total = patches.reduce((n, p) => n + p.total, 0)
  const patch: Ratio = { covered, total, percent: percent(covered, total) }
  const overall = lineRatio(data.files.values())
  const absent = patches.filter((p) => !p.inReport)
  if (absent.length > 0)
    notes.push(`${plural(absent.length, 'file')} not in the coverage report (${absent.map((p) => p.path).join(', ')}); their non-blank lines counted uncovered`)
  reportPatches(ctx, patches, patch, options['min-patch-coverage'])

  const result: CoverageGateData = {
    patch,
    overall,
    runner: options.runner === 'report' ? 'report' : runnerLabel,
    report: { format: data.format, path: measurement.reportPath },
    files: patches.map((p) => ({ path: p.path, covered: p.covered, total: p.total, inReport: p.inReport })),
    ...(measurement.testExitCode === undefined ? {} : { testExitCode: measurement.testExitCode }),
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
    rules: COVERAGE_RULES,
  },

  appliesTo(changes) {
    return changes.files.some(maybeSource) ? true : { applies: false, reason: NO_SOURCE_REASON }
  },

  run: runCoverage,
}
