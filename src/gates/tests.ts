// The `tests` gate: runs the repository's own test runner with a machine-readable reporter, reports
// each failing test at its file and line, records the counts for the evidence gate, fails closed.
// It runs the version under test (a temporary worktree of it when the disk differs), and skips
// documentation-only changes.
import { readFile, rm } from 'node:fs/promises'
import { ensureStateDirectory } from '../util/state.js'
import { join } from 'node:path'
import { describeRunTree, runTreeFor } from '../changes/worktree.js'
import { documentationOnly, documentationOnlyReason } from '../changes/paths.js'
import type { GateConfig } from '../config/schema.js'
import type { FindingInput } from '../findings/types.js'
import { ownedTempName, registerTemporaryPath, unregisterTemporaryPath } from '../util/cleanup.js'
import { runOutputTail as outputTail, runRepositoryCode, type RepoCodeResult } from '../util/repo-code.js'
import { watchTapProgress } from './tests/live-count.js'
import { detectRunner, readPackageInfo, resolveRunnerBin, scriptRunnerArgs, testScript, type DetectedRunner } from './tests/detect.js'
import { parseJestLikeJson, parseMochaJson, parseNodeTap, ReportParseError, type ParsedReport } from './tests/parse.js'
import { writeTestResults, type TestResults, type TestRunStatus } from './tests/results.js'
import { TESTS_RULES, testsFinding } from './tests/rules.js'
import { abortedByTimeout, type Gate, type GateContext, type GateOutcome } from './types.js'
import { plural, seconds } from '../util/text.js'
import * as z from 'zod'

export { detectRunner, readPackageInfo, resolveRunnerBin, scriptRunnerArgs, testScript } from './tests/detect.js'
export type { DetectedRunner, Detection, PackageInfo } from './tests/detect.js'
export { firstLines, lineInFile, parseJestLikeJson, parseMochaJson, parseNodeTap, ReportParseError, stripAnsi } from './tests/parse.js'
export type { ParsedReport, TestFailure } from './tests/parse.js'
export { readTestResults, TEST_RESULTS_FILE, TEST_RUN_STATUSES, writeTestResults } from './tests/results.js'
export type { TestResults, TestRunStatus } from './tests/results.js'
export { TESTS_RULES } from './tests/rules.js'

/** Findings beyond this many failing tests are folded into one, so a broken suite stays readable. */
export const MAX_FAILURE_FINDINGS = 100

/** How to run one runner: the argv, where its reporter writes, and how to read it. */
export interface RunnerCommand {
  runner: DetectedRunner
  file: string
  args: string[]
  /** Absolute path the reporter writes to; undefined for `script`, whose only signal is the exit code. */
  reportFile: string | undefined
  parse: ((text: string, root: string) => ParsedReport) | undefined
  /** How a person reproduces one file's run, e.g. `npx vitest run <file>`. */
  reproduce: string
  /** What the runner prints when it found no test file, for when it then writes no report. */
  noTestsOutput?: RegExp
}

type Plan = { command: RunnerCommand } | { notFound: string }

/**
 * Builds the command for `runner` in the repository at `root`. CLI entries are resolved from the
 * repository and run with `process.execPath`; `reportDir` is where reporter output goes (absolute).
 * Returns `{ notFound }` with a sentence when the runner is not installed or, for `script`, there is
 * no `test` script.
 */
export function planRunner(runner: DetectedRunner, root: string, reportDir: string, extraArgs: readonly string[], script: string | undefined): Plan {
  const reportFile = (ext: string): string => join(reportDir, `${ownedTempName('tests')}.${ext}`)
  const packageBin = (name: 'vitest' | 'jest' | 'mocha'): string | null => resolveRunnerBin(root, name)
  switch (runner) {
    case 'vitest': {
      const bin = packageBin('vitest')
      if (bin === null) return { notFound: 'vitest is not installed in this repository (require.resolve("vitest/package.json") failed from its root)' }
      const out = reportFile('json')
      return {
        command: {
          runner,
          file: process.execPath,
          args: [bin, 'run', '--reporter=json', `--outputFile=${out}`, ...extraArgs],
          reportFile: out,
          parse: (text, r) => parseJestLikeJson(text, r, 'vitest'),
          reproduce: commandLine(['npx', 'vitest', 'run', ...extraArgs]),
          noTestsOutput: /No test files found/,
        },
      }
    }
    case 'jest': {
      const bin = packageBin('jest')
      if (bin === null) return { notFound: 'jest is not installed in this repository (require.resolve("jest/package.json") failed from its root)' }
      const out = reportFile('json')
      return {
        command: {
          runner,
          file: process.execPath,
          args: [bin, '--json', `--outputFile=${out}`, '--ci', ...extraArgs],
          reportFile: out,
          parse: (text, r) => parseJestLikeJson(text, r, 'jest'),
          reproduce: commandLine(['npx', 'jest', ...extraArgs]),
          // jest exits on "No tests found" while its report may still be unwritten (it races stdout draining).
          noTestsOutput: /No tests found, exiting with code/,
        },
      }
    }
    case 'mocha': {
      const bin = packageBin('mocha')
      if (bin === null) return { notFound: 'mocha is not installed in this repository (require.resolve("mocha/package.json") failed from its root)' }
      const out = reportFile('json')
      const args = extraArgs.length > 0 ? extraArgs : (scriptRunnerArgs(script, 'mocha') ?? [])
      return {
        command: {
          runner,
          file: process.execPath,
          args: [bin, '--reporter', 'json', '--reporter-option', `output=${out}`, ...args],
          reportFile: out,
          parse: parseMochaJson,
          reproduce: commandLine(['npx', 'mocha', ...args]),
          noTestsOutput: /No test files found/,
        },
      }
    }
    case 'node': {
      const out = reportFile('tap')
      const args = extraArgs.length > 0 ? extraArgs : (scriptRunnerArgs(script, 'node') ?? [])
      return {
        command: {
          runner,
          file: process.execPath,
          args: ['--test', '--test-reporter=tap', `--test-reporter-destination=${out}`, ...args],
          reportFile: out,
          parse: parseNodeTap,
          reproduce: commandLine(['node', '--test', ...args]),
        },
      }
    }
    case 'script':
      if (script === undefined) return { notFound: 'package.json has no `test` script to run' }
      return {
        command: {
          runner,
          file: 'npm',
          args: ['test', ...(extraArgs.length > 0 ? ['--', ...extraArgs] : [])],
          reportFile: undefined,
          parse: undefined,
          reproduce: commandLine(['npm', 'test', ...(extraArgs.length > 0 ? ['--', ...extraArgs] : [])]),
        },
      }
  }
}

/**
 * An argv as a person would type it in a POSIX shell, for the "Reproduce with" hints: words of
 * safe characters as they are, others single-quoted. Display only; nothing runs it.
 */
export function commandLine(argv: readonly string[]): string {
  return argv.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`)).join(' ')
}

/** The one-line summary for a report with counts, e.g. `12 tests: 11 passed, 1 failed, 0 skipped (vitest, 2.1 s)`. */
export function countsSummary(report: Pick<ParsedReport, 'total' | 'passed' | 'failed' | 'skipped'>, runner: DetectedRunner, durationMs: number): string {
  return `${plural(report.total, 'test')}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${runner}, ${seconds(durationMs)})`
}

/** What one run of the runner came to, before it is written down and reported. */
interface Verdict {
  status: TestRunStatus
  report: ParsedReport | undefined
  findings: FindingInput[]
  summary: string
  inconclusive?: string
}

async function readReport(command: RunnerCommand, result: RepoCodeResult): Promise<string | undefined> {
  if (command.reportFile === undefined) return undefined
  try {
    // Test names and failure messages are the suite's output: its secrets are redacted there too.
    return result.redact(await readFile(command.reportFile, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function failureFindings(report: ParsedReport, command: RunnerCommand): FindingInput[] {
  const findings: FindingInput[] = report.failures.slice(0, MAX_FAILURE_FINDINGS).map((f) =>
    testsFinding(
      'test-failed',
      f.message === '' ? 'failed' : 'failedWithMessage',
      { name: f.name, message: f.message },
      {
        ...(f.file === null ? {} : { path: f.file }),
        ...(f.line === undefined ? {} : { startLine: f.line }),
        help: `Make the code or the test correct so that it passes; reproduce with \`${command.reproduce}${f.file === null ? '' : ` ${f.file}`}\`.`,
      },
    ),
  )
  const more = report.failures.length - MAX_FAILURE_FINDINGS
  if (more > 0) {
    findings.push(testsFinding('test-failed', 'more', { more: plural(more, 'more failing test') }, { help: `Reproduce with \`${command.reproduce}\`.` }))
  }
  return findings
}

function crashed(command: RunnerCommand, result: RepoCodeResult, why: string): Verdict {
  return {
    status: 'crashed',
    report: undefined,
    summary: `${command.runner} crashed: ${why} (${seconds(result.durationMs)})`,
    findings: [
      testsFinding(
        'runner-crashed',
        'crashed',
        { runner: command.runner, why, output: outputTail(result) },
        { help: `Reproduce with \`${command.reproduce}\` and fix what stops the suite from running to the end.` },
      ),
    ],
  }
}

/** Judges one finished (or killed) run: fail closed whenever the report is missing or contradicts the exit code. */
async function judge(command: RunnerCommand, result: RepoCodeResult, ctx: GateContext): Promise<Verdict> {
  const runner = command.runner
  if (result.cancelled) {
    // Stopped without the signal (the command's own timeout) counts as the gate's timeout too.
    const timedOut = abortedByTimeout(ctx.signal) || !ctx.signal.aborted
    return {
      status: 'timeout',
      report: undefined,
      summary: `timed out after ${seconds(result.durationMs)} (${runner})`,
      findings: [
        testsFinding(
          'tests-timeout',
          timedOut ? 'timedOut' : 'cancelled',
          { runner, timeout: seconds(ctx.timeoutMs), output: outputTail(result) },
          {
            help: 'Find the test that hangs (an unresolved promise, an open handle, a real network call); raise gates.tests.timeout only if the suite is legitimately slower.',
          },
        ),
      ],
    }
  }
  const notStarted = result.spawnError !== undefined
  if (notStarted && runner === 'script') {
    return {
      status: 'crashed',
      report: undefined,
      summary: 'npm is not on PATH',
      findings: [
        testsFinding(
          'runner-not-found',
          'npmMissing',
          { error: result.spawnError ?? '' },
          { help: 'Put npm on PATH, or set gates.tests.runner to the runner the repository uses.' },
        ),
      ],
    }
  }
  if (notStarted) return crashed(command, result, `the runner could not be started (${result.spawnError ?? ''})`)

  if (command.parse === undefined) {
    if (result.exitCode === 0) {
      return {
        status: 'unknown',
        report: undefined,
        summary: `\`npm test\` passed; test counts unknown (script, ${seconds(result.durationMs)})`,
        inconclusive: 'test counts unknown: the `test` script has no machine-readable reporter',
        findings: [],
      }
    }
    return {
      status: 'failed',
      report: undefined,
      summary: `\`npm test\` failed with exit code ${result.exitCode ?? result.signal ?? '?'} (script, ${seconds(result.durationMs)})`,
      findings: [
        testsFinding(
          'test-failed',
          'scriptFailed',
          { exit: result.exitCode ?? `signal ${result.signal ?? '?'}`, output: outputTail(result) },
          { help: 'Run `npm test` and fix the failing tests; set gates.tests.runner to vitest, jest, node or mocha to get each failure located.' },
        ),
      ],
    }
  }

  const text = await readReport(command, result)
  if (text === undefined) {
    if (command.noTestsOutput?.test(result.all) === true) return noTests(command, result, { total: 0, passed: 0, failed: 0, skipped: 0, failures: [] })
    return crashed(command, result, `it exited with code ${result.exitCode ?? `signal ${result.signal ?? '?'}`} and wrote no report`)
  }
  let report: ParsedReport
  try {
    report = command.parse(text, ctx.root)
  } catch (error) {
    if (!(error instanceof ReportParseError)) throw error
    return crashed(command, result, `its report is unusable (${error.message}); exit code ${result.exitCode ?? '?'}`)
  }
  if (report.failures.length > 0 || report.failed > 0) {
    // Trust a reported failure even when the exit code says 0.
    return { status: 'failed', report, summary: countsSummary(report, runner, result.durationMs), findings: failureFindings(report, command) }
  }
  if (report.total === 0 || report.passed + report.failed === 0) return noTests(command, result, report)
  if (result.exitCode !== 0) {
    return {
      ...crashed(
        command,
        result,
        `it exited with code ${result.exitCode ?? `signal ${result.signal ?? '?'}`} but reported no failing test (an unhandled error, a failing global setup or teardown?)`,
      ),
      report,
    }
  }
  return { status: 'passed', report, summary: countsSummary(report, runner, result.durationMs), findings: [] }
}

function noTests(command: RunnerCommand, result: RepoCodeResult, report: ParsedReport): Verdict {
  const skippedOnly = report.skipped > 0 ? ` (${plural(report.skipped, 'test')} skipped)` : ''
  return {
    status: 'no-tests',
    report,
    summary: `0 tests executed${skippedOnly} (${command.runner}, ${seconds(result.durationMs)})`,
    findings: [
      testsFinding(
        'no-tests-executed',
        result.exitCode === 0 ? 'noTests' : 'noTestsExit',
        { runner: command.runner, skipped: skippedOnly, exitCode: result.exitCode ?? '?', output: outputTail(result) },
        { help: 'Add tests that exercise the change, or point the runner at them (its config, or gates.tests.args).' },
      ),
    ],
  }
}

const NO_RUNNER_REASON =
  'no test runner found: no vitest, jest, mocha or node --test setup (test script, config file or dependency) and no `test` script in package.json'

/** `gates.tests.runner` values; `auto` detects the runner from the repository (gates/tests/detect.ts). */
export const TEST_RUNNERS = ['auto', 'vitest', 'jest', 'node', 'mocha', 'script'] as const
/** `gates.tests` keys besides mode and timeout. */
const TESTS_OPTIONS = {
  runner: z.enum(TEST_RUNNERS).default('auto').describe('auto detects vitest, jest, node --test, mocha, else the `test` script'),
  args: z.array(z.string()).default([]).describe('Extra arguments passed to the runner (an argument array, never a shell string)'),
}

/**
 * The `tests` gate: runs the whole suite once with the runner `gates.tests.runner` names or
 * detection finds, reports each failing test (up to {@link MAX_FAILURE_FINDINGS}) and records the
 * run in `.proofgate/test-results.json` under the tree hash, which the evidence gate reads.
 * When the disk is not the version under test it runs in a temporary worktree of that version
 * (src/changes/worktree.ts), so the results recorded are still that tree's.
 */
export const testsGate: Gate<'tests', typeof TESTS_OPTIONS> = {
  id: 'tests',
  meta: {
    description: "Runs the repository's test suite (vitest, jest, node --test, mocha or the `test` script) with a machine-readable reporter",
    defaultMode: 'blocking',
    defaultTimeout: 600,
    options: TESTS_OPTIONS,
    executesRepositoryCode: true,
    // A test the change broke fails wherever the test file lives.
    diffFiltered: false,
    rules: TESTS_RULES,
  },

  appliesTo(changes) {
    const docs = documentationOnly(changes)
    return docs === null ? true : { applies: false, reason: documentationOnlyReason(docs) }
  },

  async run(ctx: GateContext): Promise<GateOutcome> {
    // Before anything reads the disk (package.json, the runner): results written here are keyed by
    // changes.treeHash and the evidence gate trusts them, so the suite runs on exactly that tree —
    // the disk when it is that tree, else a temporary worktree of it (a throw there blocks).
    const tree = await runTreeFor(ctx.changes, ctx.runId)
    if (tree.temporary) {
      ctx.log(`tests: running ${describeRunTree(ctx.changes, tree)}: ${tree.dir}`)
      ctx = { ...ctx, root: tree.dir }
    }
    const options: GateConfig<'tests'> = ctx.config.gates.tests
    const pkg = readPackageInfo(ctx.root)
    const script = testScript(pkg)
    let runner: DetectedRunner
    if (options.runner === 'auto') {
      const detected = detectRunner(ctx.root, pkg)
      if (detected === null) return { summary: 'no test runner found', status: 'inconclusive', reason: NO_RUNNER_REASON }
      runner = detected.runner
      ctx.log(`tests: runner ${runner} (from ${detected.source})`)
    } else {
      runner = options.runner
      ctx.log(`tests: runner ${runner} (from config)`)
    }

    const reportDir = join(ctx.stateDir, 'tmp')
    const plan = planRunner(runner, ctx.root, reportDir, options.args, script)
    if ('notFound' in plan) {
      ctx.report(
        testsFinding(
          'runner-not-found',
          'notInstalled',
          { reason: plan.notFound },
          {
            help:
              runner === 'script'
                ? 'Add a `test` script to package.json, or set gates.tests.runner to the runner the repository uses.'
                : `Install the repository's dependencies (\`npm ci\`) before proofgate runs, or set gates.tests.runner to the runner the repository uses.`,
          },
        ),
      )
      return { summary: plan.notFound }
    }
    const { command } = plan
    await ensureStateDirectory(reportDir)
    ctx.log(`tests: running ${[command.file, ...command.args].join(' ')}`)
    if (command.reportFile !== undefined) registerTemporaryPath(command.reportFile)
    // No variable is injected (NO_COLOR, FORCE_COLOR…): the suite runs as it does on its own, and
    // failures are read from the reporter's file, not from coloured output.
    const stopWatching =
      command.runner === 'node' && command.reportFile !== undefined && ctx.progress !== undefined
        ? watchTapProgress(command.reportFile, ctx.progress)
        : () => undefined
    const result = await runRepositoryCode(command.file, command.args, {
      cwd: ctx.root,
      signal: ctx.signal,
      envPass: ctx.config['env-pass'],
      baseEnv: ctx.env,
    }).finally(stopWatching)
    let verdict: Verdict
    try {
      verdict = await judge(command, result, ctx)
    } finally {
      if (command.reportFile !== undefined) {
        await rm(command.reportFile, { force: true })
        unregisterTemporaryPath(command.reportFile)
      }
    }

    const results: TestResults = {
      schemaVersion: 1,
      runner,
      status: verdict.status,
      command: [command.file, ...command.args],
      total: verdict.report?.total ?? null,
      passed: verdict.report?.passed ?? null,
      failed: verdict.report?.failed ?? null,
      skipped: verdict.report?.skipped ?? null,
      durationMs: result.durationMs,
      failures: verdict.report?.failures ?? [],
      treeHash: ctx.changes.treeHash,
      headSha: ctx.changes.head.sha,
      runId: ctx.runId,
      exitCode: result.exitCode ?? null,
      finishedAt: new Date().toISOString(),
    }
    await writeTestResults(ctx.stateDir, results)
    for (const finding of verdict.findings) ctx.report(finding)
    return {
      summary: tree.temporary ? `${verdict.summary}; ${describeRunTree(ctx.changes, tree)}` : verdict.summary,
      ...(verdict.inconclusive === undefined ? {} : { status: 'inconclusive' as const, reason: verdict.inconclusive }),
      data: results,
    }
  },
}
