// The static-analysis gate's ESLint part: the repository's own ESLint (flat config, or ESLint 8's
// eslintrc), run in a worker on the changed files as they are in the version under test, and its messages as findings.
import { join } from 'node:path'
import { workTreeDifference } from '../../changes/git.js'
import { readBlobs } from '../../changes/history.js'
import type { ChangedFile } from '../../changes/types.js'
import type { Config } from '../../config/schema.js'
import type { FindingInput, Severity } from '../../findings/types.js'
import { checkStateFile } from '../../util/state.js'
import type { GateContext } from '../types.js'
import { EslintWorkerError, lintInWorker, warmEslintWorker } from './eslint-child.js'
import type { WorkerMessage, WorkerResponse } from './eslint-protocol.js'
import { missingEslint } from './missing-eslint.js'
import { resolveFromRepo, toRepoPath } from './repo.js'
import { staticAnalysisFinding } from './rules.js'

const FLAT_CONFIG_NAMES = 'eslint.config.js, .mjs, .cjs, .ts, .mts or .cts'
const ESLINTRC_NAMES = '.eslintrc.js, .cjs, .yaml, .yml, .json or package.json eslintConfig'

/** The subset of ESLint's LintMessage this gate reads (ESLint 8, 9, 10). Lines and columns 1-based. */
export type EslintMessage = WorkerMessage

/**
 * Maps one ESLint message to a finding. Severity 2 becomes `high`, 1 `medium`; a message without a
 * rule id is `parse-error` (high) when fatal, else `eslint-directive` (a problem with an
 * `eslint-disable` or inline-config comment). `path` is repository-relative; positions stay 1-based
 * as ESLint gives them. The repository's own rules keep ESLint's rule id and message, without a
 * messageId; proofgate's two rules report ESLint's message through their `{{message}}` template.
 */
export function eslintMessageToFinding(path: string, message: EslintMessage, docsUrl?: string): FindingInput {
  const fatal = message.fatal === true
  const severity: Severity = fatal || message.severity >= 2 ? 'high' : 'medium'
  const data = { message: message.message }
  const finding: FindingInput =
    message.ruleId !== null
      ? { ruleId: message.ruleId, severity, message: message.message, path }
      : fatal
        ? staticAnalysisFinding('parse-error', 'parseError', data, { severity, path })
        : staticAnalysisFinding('eslint-directive', 'directive', data, { severity, path })
  // ESLint gives column 0 (and sometimes line 0) for a parse error at the end of a file: not a
  // 1-based position, so it is left out rather than reported as one.
  if (message.line !== undefined && message.line >= 1) finding.startLine = message.line
  if (message.column !== undefined && message.column >= 1) finding.startColumn = message.column
  if (message.endLine !== undefined && message.endLine >= 1) finding.endLine = message.endLine
  if (message.endColumn !== undefined && message.endColumn >= 1) finding.endColumn = message.endColumn
  if (fatal) {
    finding.help = 'ESLint could not parse this file; fix the syntax error first.'
    // Nothing else in the file was checked, wherever the error sits relative to the added lines.
    finding.filter = 'always'
  } else if (docsUrl !== undefined) finding.help = `See ${docsUrl}`
  return finding
}

/** The ESLint half of the gate's `data` (the JSON report): why it was skipped, or what it linted and found; `durationMs` in ms. */
export type EslintPartData =
  | { status: 'skipped'; reason: string }
  | {
      status: 'ran'
      version: string
      /** `flat`: eslint.config.*; `eslintrc`: ESLint 8's `.eslintrc.*` / package.json `eslintConfig` (and `.eslintignore`). Absent in reports of proofgate before ESLint 8 support (always flat). */
      mode?: 'flat' | 'eslintrc'
      /** Files ESLint linted (files its ignore patterns or `.eslintignore` exclude are not counted). */
      files: number
      /**
       * How many of `files` were linted from their blob in the tree under test rather than from the
       * disk, because the disk copy differs from it or is missing (only when the working tree is not
       * the version under test, as under `--head` or in the pre-commit hook).
       */
      fromTree: number
      errors: number
      warnings: number
      /** Changed files no ESLint config applies to; not linted. */
      unconfigured: string[]
      durationMs: number
    }

/**
 * Starts the ESLint worker loading the repository's ESLint while git works (Gate.warmUp); run()
 * sends it the request, or starts another. Never throws: run() resolves again and reports.
 */
export function warmEslint(root: string, config: Config | undefined): void {
  if (config?.gates['static-analysis'].eslint === false) return
  try {
    const entry = resolveFromRepo(root, 'eslint')
    if (entry !== undefined) warmEslintWorker(root, entry, config?.['env-pass'] ?? [])
  } catch {
    // run() resolves again and reports.
  }
}

/** The files to lint split by where they are read from, with the blobs of those read from the tree under test. */
interface LintTargets {
  fromDisk: ChangedFile[]
  fromTree: ChangedFile[]
  /** `fromTree`'s texts, index for index; null when the blob could not be read. */
  blobs: Array<string | null>
}

/**
 * lintFiles reads the disk. When the version under test is another tree (a commit, the index),
 * a file whose disk copy differs from it would be judged as it is on disk: an error committed and
 * fixed afterwards would pass. Those files (and those missing from the disk) are linted from
 * their blob instead, under their real path so the same config applies; the others keep
 * lintFiles and its cache. The worker never reads git: blobs are read here and sent as text.
 */
async function lintTargets(ctx: GateContext, files: ChangedFile[]): Promise<LintTargets> {
  const differing = new Set(await workTreeDifference(ctx.changes))
  const fromDisk = files.filter((f) => !differing.has(f.path))
  const fromTree = files.filter((f) => differing.has(f.path))
  const blobs = await readBlobs(
    ctx.root,
    fromTree.map((f) => ({ rev: ctx.changes.treeHash, path: f.path })),
  )
  return { fromDisk, fromTree, blobs }
}

/** Reports every message of a successful lint and counts errors (high) and warnings. */
function reportResults(ctx: GateContext, response: Extract<WorkerResponse, { ok: true }>): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const result of response.results) {
    const path = toRepoPath(ctx.root, result.filePath)
    for (const message of result.messages) {
      const finding = eslintMessageToFinding(path, message, message.ruleId === null ? undefined : response.docs[message.ruleId])
      if (finding.severity === 'high') errors++
      else warnings++
      ctx.report(finding)
    }
  }
  return { errors, warnings }
}

/** Why ESLint does not run for this request, when it does not: disabled, nothing to lint, or not installed (reported). */
function eslintEntry(ctx: GateContext, files: ChangedFile[]): { entry: string } | { skipped: string } {
  if (!ctx.config.gates['static-analysis'].eslint) return { skipped: 'disabled in config (gates.static-analysis.eslint: false)' }
  if (files.length === 0) return { skipped: 'no changed JS/TS files' }
  const entry = resolveFromRepo(ctx.root, 'eslint')
  if (entry !== undefined) return { entry }
  const missing = missingEslint(ctx.root)
  if (missing.finding !== undefined) ctx.report(missing.finding)
  return { skipped: missing.reason }
}

/**
 * Runs the repository's ESLint on `files` and reports its messages.
 * @throws EslintWorkerError when ESLint does not load; Error when linting throws (a config that
 * does not load) or a changed file cannot be read from the tree under test; the runner makes either `errored`.
 */
export async function runEslint(ctx: GateContext, files: ChangedFile[]): Promise<EslintPartData> {
  const found = eslintEntry(ctx, files)
  if ('skipped' in found) return { status: 'skipped', reason: found.skipped }
  const { entry } = found

  const started = performance.now()
  // ESLint writes its cache by path and follows a symlink there: only a real file under real
  // directories, checked before the repository's code runs with this request.
  const cacheLocation = join(ctx.stateDir, 'eslint-cache')
  await checkStateFile(cacheLocation)
  const { fromDisk, fromTree, blobs } = await lintTargets(ctx, files)
  ctx.signal.throwIfAborted()

  // The repository's ESLint, its config and plugins are the repository's code: they run in the
  // worker, with the allow-listed environment, never in proofgate's process.
  const response = await lintInWorker({
    root: ctx.root,
    entry,
    envPass: ctx.config['env-pass'],
    baseEnv: ctx.env,
    signal: ctx.signal,
    log: (message) => ctx.log(message),
    request: {
      cwd: ctx.root,
      cacheLocation,
      files: fromDisk.map((f) => join(ctx.root, f.path)),
      texts: fromTree.map((f, i) => ({ filePath: join(ctx.root, f.path), text: blobs[i] ?? null })),
    },
  })
  ctx.signal.throwIfAborted()
  if (!response.ok && response.stage === 'load') throw new EslintWorkerError(`ESLint at ${toRepoPath(ctx.root, entry)} did not load: ${response.error}`)
  const version = response.version ?? '?'
  if (!(Number.parseInt(version, 10) >= 8)) {
    return { status: 'skipped', reason: `ESLint ${version} is installed; proofgate needs ESLint 8 or later` }
  }
  const mode = response.mode ?? 'flat'
  const configs = response.configs ?? {}
  const configOf = (f: ChangedFile): string | null => configs[join(ctx.root, f.path)] ?? null
  const unconfigured = files.filter((f) => configOf(f) === null).map((f) => f.path)
  if (unconfigured.length === files.length) {
    return {
      status: 'skipped',
      reason:
        mode === 'flat'
          ? `no ESLint flat config file (${FLAT_CONFIG_NAMES}) found for the changed files`
          : `no ESLint config (${ESLINTRC_NAMES}) found for the changed files`,
    }
  }
  for (const [i, f] of fromTree.entries()) {
    // Changed and not binary, yet unreadable in the tree under test: never fall back to the disk.
    if ((blobs[i] === null || blobs[i] === undefined) && configOf(f) !== null) {
      throw new Error(`cannot read ${f.path} from tree ${ctx.changes.treeHash.slice(0, 12)} (missing or binary)`)
    }
  }
  if (!response.ok) {
    // A config that does not load must not pass silently: the runner turns this into `errored`.
    const config = files.map(configOf).find((c) => c !== null)
    const where = mode === 'eslintrc' ? ESLINTRC_NAMES : config === undefined ? '?' : toRepoPath(ctx.root, config)
    throw new Error(`ESLint failed (config ${where}): ${response.error}`)
  }
  const { errors, warnings } = reportResults(ctx, response)
  return {
    status: 'ran',
    version,
    mode,
    files: response.results.length,
    fromTree: response.fromTree,
    errors,
    warnings,
    unconfigured,
    durationMs: Math.round(performance.now() - started),
  }
}
