// The `static-analysis` gate: the target repository's own ESLint (flat config) on the changed
// JS/TS files and its own `tsc --noEmit`, both resolved from the repository, never from proofgate;
// both judge the version under test or say they could not, never another tree found on disk.
import { existsSync, readFileSync } from 'node:fs'
import { checkStateFile } from '../util/state.js'
import { createRequire } from 'node:module'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { readChangedFile, workTreeDifference } from '../changes/git.js'
import { describeRunTree, runTreeFor } from '../changes/worktree.js'
import { readBlobs } from '../changes/history.js'
import type { ChangedFile, ChangeSet } from '../changes/types.js'
import type { FindingInput, Severity } from '../findings/types.js'
import { outputTail as tail, runRepositoryCode } from '../util/repo-code.js'
import type { Gate, GateContext, GateOutcome } from './types.js'
import * as z from 'zod'
import { disposeEslintWorker, EslintWorkerError, lintInWorker, warmEslintWorker } from './static-analysis/eslint-child.js'
import type { WorkerMessage } from './static-analysis/eslint-protocol.js'
import { plural } from '../util/text.js'
import { ESLINT_NOT_INSTALLED, missingEslint } from './static-analysis/missing-eslint.js'

/** Extensions this gate lints and type-checks (lower case, with the dot). */
export const LINTABLE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const

const FLAT_CONFIG_NAMES = 'eslint.config.js, .mjs, .cjs, .ts, .mts or .cts'

/** True when `path` ends in one of LINTABLE_EXTENSIONS (case-insensitive). */
export function isLintablePath(path: string): boolean {
  const lower = path.toLowerCase()
  return LINTABLE_EXTENSIONS.some((ext) => lower.endsWith(ext))
}

/** The changed files worth linting: present in the new version, text, with a JS/TS extension. */
export function lintableFiles(changes: ChangeSet): ChangedFile[] {
  return changes.files.filter((f) => f.status !== 'deleted' && !f.binary && isLintablePath(f.path))
}

/** `abs` (or a path relative to `root`) as a repository-relative path with forward slashes. */
export function toRepoPath(root: string, path: string): string {
  const abs = isAbsolute(path) ? path : resolve(root, path)
  return relative(root, abs).split(sep).join('/')
}

// ---------------------------------------------------------------------------------------------
// ESLint

/** The subset of ESLint's LintMessage this gate reads (ESLint 9/10). Lines and columns 1-based. */
export type EslintMessage = WorkerMessage

/**
 * Maps one ESLint message to a finding. Severity 2 becomes `high`, 1 `medium`; a message without a
 * rule id is `parse-error` (high) when fatal, else `eslint-directive` (a problem with an
 * `eslint-disable` or inline-config comment). `path` is repository-relative; positions stay 1-based
 * as ESLint gives them.
 */
export function eslintMessageToFinding(path: string, message: EslintMessage, docsUrl?: string): FindingInput {
  const fatal = message.fatal === true
  const ruleId = message.ruleId ?? (fatal ? 'parse-error' : 'eslint-directive')
  const severity: Severity = fatal || message.severity >= 2 ? 'high' : 'medium'
  const finding: FindingInput = { ruleId, severity, message: message.message, path }
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
      /** Files ESLint linted (ignored files are not counted). */
      files: number
      /**
       * How many of `files` were linted from their blob in the tree under test rather than from the
       * disk, because the disk copy differs from it or is missing (only when the working tree is not
       * the version under test, as under `--head` or in the pre-commit hook).
       */
      fromTree: number
      errors: number
      warnings: number
      /** Changed files no flat config applies to; not linted. */
      unconfigured: string[]
      durationMs: number
    }

/**
 * Resolves `specifier` the way code in the repository at `root` would (node_modules upward from
 * the root); undefined when it is not installed or not exported.
 */
function resolveFromRepo(root: string, specifier: string): string | undefined {
  try {
    return createRequire(join(root, 'package.json')).resolve(specifier)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined
    throw error
  }
}

async function runEslint(ctx: GateContext, files: ChangedFile[]): Promise<EslintPartData> {
  if (!ctx.config.gates['static-analysis'].eslint) {
    return { status: 'skipped', reason: 'disabled in config (gates.static-analysis.eslint: false)' }
  }
  if (files.length === 0) return { status: 'skipped', reason: 'no changed JS/TS files' }
  const entry = resolveFromRepo(ctx.root, 'eslint')
  if (entry === undefined) {
    const missing = missingEslint(ctx.root)
    if (missing.finding !== undefined) ctx.report(missing.finding)
    return { status: 'skipped', reason: missing.reason }
  }

  const started = performance.now()
  // ESLint writes its cache by path and follows a symlink there: only a real file under real
  // directories, checked before the repository's code runs with this request.
  const cacheLocation = join(ctx.stateDir, 'eslint-cache')
  await checkStateFile(cacheLocation)

  // lintFiles reads the disk. When the version under test is another tree (a commit, the index),
  // a file whose disk copy differs from it would be judged as it is on disk: an error committed and
  // fixed afterwards would pass. Those files (and those missing from the disk) are linted from
  // their blob instead, under their real path so the same config applies; the others keep
  // lintFiles and its cache. The worker never reads git: blobs are read here and sent as text.
  const differing = new Set(await workTreeDifference(ctx.changes))
  const fromDisk = files.filter((f) => !differing.has(f.path))
  const fromTree = files.filter((f) => differing.has(f.path))
  const blobs = await readBlobs(
    ctx.root,
    fromTree.map((f) => ({ rev: ctx.changes.treeHash, path: f.path })),
  )
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
  if (!(Number.parseInt(version, 10) >= 9)) {
    return { status: 'skipped', reason: `ESLint ${version} is installed; proofgate needs ESLint 9 or later (flat config)` }
  }
  const configs = response.configs ?? {}
  const configOf = (f: ChangedFile): string | null => configs[join(ctx.root, f.path)] ?? null
  const unconfigured = files.filter((f) => configOf(f) === null).map((f) => f.path)
  if (unconfigured.length === files.length) {
    return { status: 'skipped', reason: `no ESLint flat config file (${FLAT_CONFIG_NAMES}) found for the changed files` }
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
    throw new Error(`ESLint failed (config ${config === undefined ? '?' : toRepoPath(ctx.root, config)}): ${response.error}`)
  }

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
  return {
    status: 'ran',
    version,
    files: response.results.length,
    fromTree: response.fromTree,
    errors,
    warnings,
    unconfigured,
    durationMs: Math.round(performance.now() - started),
  }
}

// ---------------------------------------------------------------------------------------------
// TypeScript

/** One diagnostic as `tsc --pretty false` prints it. */
export interface TscDiagnostic {
  /** As printed (relative to tsc's cwd, forward slashes); undefined for global diagnostics. */
  path?: string
  /** 1-based; undefined for global diagnostics. */
  line?: number
  /** 1-based. */
  column?: number
  category: 'error' | 'warning' | 'suggestion' | 'message'
  /** `TS` plus the number, e.g. `TS2322`. */
  code: string
  /** The first line plus indented continuation lines (joined by `\n`, two spaces of indentation removed). */
  message: string
}

// Lazy path match: a path may hold spaces and parentheses, the message may not start with `(n,n): `.
const LOCATED = /^(.+?)\((\d+),(\d+)\): (error|warning|suggestion|message) (TS\d+): (.*)$/
const GLOBAL = /^(error|warning|suggestion|message) (TS\d+): (.*)$/

/**
 * Parses `tsc --pretty false` output: `path(line,col): error TS1234: message` lines, global
 * `error TS5058: message` lines, and indented continuation lines appended to the one above.
 * Anything else (e.g. a `Found 3 errors` footer) is ignored. Never throws.
 */
export function parseTscOutput(output: string): TscDiagnostic[] {
  const diagnostics: TscDiagnostic[] = []
  let last: TscDiagnostic | undefined
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trimEnd()
    if (line === '') continue
    if (/^\s/.test(line)) {
      if (last !== undefined) last.message += '\n' + line.replace(/^ {2}/, '')
      continue
    }
    const located = LOCATED.exec(line)
    if (located !== null) {
      last = {
        path: located[1]!,
        line: Number(located[2]),
        column: Number(located[3]),
        category: located[4] as TscDiagnostic['category'],
        code: located[5]!,
        message: located[6]!,
      }
      diagnostics.push(last)
      continue
    }
    const global = GLOBAL.exec(line)
    if (global !== null) {
      last = { category: global[1] as TscDiagnostic['category'], code: global[2]!, message: global[3]! }
      diagnostics.push(last)
      continue
    }
    last = undefined
  }
  return diagnostics
}

/**
 * True for diagnostics about the configuration rather than the code (no location, a `.json` file
 * such as the tsconfig, or a TS5xxx option error). When tsc reports them it skips the type check.
 */
export function isConfigDiagnostic(d: TscDiagnostic): boolean {
  if (d.path === undefined || d.path.toLowerCase().endsWith('.json')) return true
  const n = Number(d.code.slice(2))
  return n >= 5000 && n < 6000
}

/** The tsc half of the gate's `data`: why it was skipped, or what `tsc --noEmit -p <tsconfig>` reported; `durationMs` in ms. */
export type TypescriptPartData =
  | {
      status: 'skipped'
      reason: string
    }
  | {
      status: 'ran'
      version: string | undefined
      tsconfig: string
      exitCode: number | undefined
      /** Errors in changed files (reported as findings). */
      inChangedFiles: number
      /** Errors in other files (not reported). */
      elsewhere: number
      /**
       * False when tsc stopped at syntax errors in unchanged files: tsc then skips the semantic check,
       * so type errors in the changed files may be hidden.
       */
      complete: boolean
      durationMs: number
      /** Present when tsc ran in a temporary worktree of the version under test (the disk differs from it): where and why. */
      worktree?: string
    }

/** Why tsc does not run in the pre-commit hook when the disk holds unstaged edits. */
export const STAGED_TSC_REASON = 'not run on staged content (tsc reads the disk); the pre-push hook runs it'

async function runTsc(ctx: GateContext, files: ChangedFile[]): Promise<TypescriptPartData> {
  const options = ctx.config.gates['static-analysis']
  if (!options.typescript) return { status: 'skipped', reason: 'disabled in config (gates.static-analysis.typescript: false)' }
  if (files.length === 0) return { status: 'skipped', reason: 'no changed JS/TS files' }
  const tsconfig = toRepoPath(ctx.root, resolve(ctx.root, options.tsconfig))
  // tsc -p type-checks the disk and cannot be pointed at a tree: with a commit or the index under
  // test and a disk that differs from it, it runs in a temporary worktree of that version. Any
  // differing path counts, since a .d.ts, a tsconfig or an import elsewhere changes what the
  // changed files type-check against.
  const differing = await workTreeDifference(ctx.changes)
  const present = differing.length === 0 ? existsSync(resolve(ctx.root, options.tsconfig)) : (await readChangedFile(ctx.changes, tsconfig)) !== null
  if (!present) return { status: 'skipped', reason: `no ${tsconfig} in this repository` }
  const tsc = resolveTsc(ctx.root)
  if (tsc === undefined) return { status: 'skipped', reason: 'TypeScript is not installed in this repository' }
  // The pre-commit hook checks staged content with unstaged edits on disk all the time and must stay
  // fast; the pre-push hook type-checks the commit, so skipping here leaves no hole.
  if (differing.length > 0 && ctx.changes.index === true) return { status: 'skipped', reason: STAGED_TSC_REASON }
  const tree = await runTreeFor(ctx.changes, ctx.runId)
  const dir = tree.dir
  if (tree.temporary) ctx.log(`tsc: running ${describeRunTree(ctx.changes, tree)}: ${dir}`)

  // The repository's TypeScript (and the plugins its tsconfig names) is the repository's code.
  const result = await runRepositoryCode(process.execPath, [tsc.bin, '--noEmit', '-p', resolve(dir, options.tsconfig), '--pretty', 'false'], {
    cwd: dir,
    signal: ctx.signal,
    envPass: ctx.config['env-pass'],
    baseEnv: ctx.env,
  })
  if (result.cancelled) ctx.signal.throwIfAborted()
  if (result.spawnError !== undefined) throw new Error(`tsc could not be started: ${result.spawnError}`)
  if (result.signal !== undefined) throw new Error(`tsc was killed by ${result.signal}:\n${tail(result.all)}`)

  const diagnostics = parseTscOutput(result.all).filter((d) => d.category === 'error')
  if (result.exitCode !== 0 && diagnostics.length === 0) {
    throw new Error(`tsc exited with code ${String(result.exitCode)} but printed no diagnostics proofgate can read:\n${tail(result.all)}`)
  }
  const config = diagnostics.filter(isConfigDiagnostic)
  if (config.length > 0) {
    // tsc does not type-check when the configuration has errors: passing would be a silent pass.
    const lines = config.map((d) => `${d.path === undefined ? '' : `${d.path}(${String(d.line)},${String(d.column)}): `}${d.code}: ${d.message}`)
    throw new Error(`tsc -p ${tsconfig} reported configuration errors, so nothing was type-checked:\n${tail(lines.join('\n'))}`)
  }

  const changed = new Set(files.map((f) => f.path))
  let inChangedFiles = 0
  let elsewhere = 0
  for (const d of diagnostics) {
    const path = toRepoPath(dir, d.path!)
    if (!changed.has(path)) {
      elsewhere++
      continue
    }
    inChangedFiles++
    const finding: FindingInput = { ruleId: d.code, severity: 'high', message: d.message, path }
    // A syntax error stops tsc's semantic check: the changed file was not type-checked at all.
    if (isSyntaxCode(d.code)) finding.filter = 'always'
    if (d.line !== undefined) finding.startLine = d.line
    if (d.column !== undefined) finding.startColumn = d.column
    ctx.report(finding)
  }
  // tsc reports syntax errors and, only when there are none, semantic ones: TS1xxx codes only means
  // the semantic check never ran. Inside changed files that is already a finding; elsewhere it hides.
  const complete = diagnostics.length === 0 || inChangedFiles > 0 || diagnostics.some((d) => !isSyntaxCode(d.code))
  return {
    status: 'ran',
    version: tsc.version,
    tsconfig,
    exitCode: result.exitCode,
    inChangedFiles,
    elsewhere,
    complete,
    durationMs: result.durationMs,
    ...(tree.temporary ? { worktree: describeRunTree(ctx.changes, tree) } : {}),
  }
}

function isSyntaxCode(code: string): boolean {
  const n = Number(code.slice(2))
  return n >= 1000 && n < 2000
}

function resolveTsc(root: string): { bin: string; version: string | undefined } | undefined {
  const pkg = resolveFromRepo(root, 'typescript/package.json')
  const bin = pkg === undefined ? resolveFromRepo(root, 'typescript/bin/tsc') : join(dirname(pkg), 'bin', 'tsc')
  if (bin === undefined || !existsSync(bin)) return undefined
  let version: string | undefined
  if (pkg !== undefined) {
    try {
      version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version
    } catch {
      version = undefined
    }
  }
  return { bin, version }
}

// ---------------------------------------------------------------------------------------------
// The gate

/**
 * One line for the reports, e.g. `eslint: 3 files, 2 errors, 1 warning; tsc: 1 error in changed
 * files (4 elsewhere)`; a skipped part reads `eslint skipped: <reason>` so it is never a silent pass,
 * and files linted from their blob rather than the disk are counted apart.
 */
export function formatSummary(eslint: EslintPartData, typescript: TypescriptPartData): string {
  const parts: string[] = []
  if (eslint.status === 'skipped') parts.push(`eslint skipped: ${eslint.reason}`)
  else {
    let text = `eslint: ${plural(eslint.files, 'file')}, ${plural(eslint.errors, 'error')}, ${plural(eslint.warnings, 'warning')}`
    if (eslint.unconfigured.length > 0) text += ` (${plural(eslint.unconfigured.length, 'file')} without an ESLint config)`
    if (eslint.fromTree > 0) text += ` (${plural(eslint.fromTree, 'file')} linted from the version under test, which the disk does not match)`
    parts.push(text)
  }
  if (typescript.status === 'skipped') parts.push(`tsc skipped: ${typescript.reason}`)
  else {
    const notes: string[] = []
    if (typescript.elsewhere > 0) notes.push(`${String(typescript.elsewhere)} elsewhere`)
    if (!typescript.complete) notes.push('type check incomplete: tsc stopped at syntax errors')
    if (typescript.worktree !== undefined) notes.push(typescript.worktree)
    parts.push(`tsc: ${plural(typescript.inChangedFiles, 'error')} in changed files${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`)
  }
  return parts.join('; ')
}

/** Runs `part` with a signal that also fires when the sibling part fails, so neither outlives a throw. */
async function both<A, B>(ctx: GateContext, a: (ctx: GateContext) => Promise<A>, b: (ctx: GateContext) => Promise<B>): Promise<[A, B]> {
  const sibling = new AbortController()
  const inner: GateContext = { ...ctx, signal: AbortSignal.any([ctx.signal, sibling.signal]) }
  const settle = <T>(p: Promise<T>): Promise<T> =>
    p.catch((error: unknown) => {
      sibling.abort(error)
      throw error
    })
  const [ra, rb] = await Promise.allSettled([settle(a(inner)), settle(b(inner))])
  // Report the part that failed first on its own, not the sibling's resulting AbortError.
  const reason: unknown = sibling.signal.aborted ? sibling.signal.reason : undefined
  if (ra.status === 'rejected' || rb.status === 'rejected') {
    throw reason ?? (ra.status === 'rejected' ? ra.reason : (rb as PromiseRejectedResult).reason)
  }
  return [ra.value, rb.value]
}

/** `gates.static-analysis` keys besides mode and timeout. */
const STATIC_ANALYSIS_OPTIONS = {
  eslint: z.boolean().default(true).describe("Run the repository's own ESLint (flat config) on changed files"),
  typescript: z.boolean().default(true).describe("Run the repository's own `tsc --noEmit` when it has a tsconfig"),
  tsconfig: z.string().min(1).default('tsconfig.json').describe('tsconfig path, relative to the repository root'),
}

/**
 * The `static-analysis` gate: ESLint and tsc run concurrently and a throw in one aborts the other.
 * Inconclusive when tsc stopped at syntax errors in
 * unchanged files; skipped only when both halves were. Rule ids other than `parse-error`, `eslint-not-installed` and
 * `eslint-directive` are ESLint's own and TypeScript codes (`TS2322`).
 */
export const staticAnalysisGate: Gate<'static-analysis', typeof STATIC_ANALYSIS_OPTIONS> = {
  id: 'static-analysis',
  meta: {
    description:
      "The repository's own ESLint (flat config) on the changed JS/TS files and its own `tsc --noEmit`; " +
      "other rule ids are ESLint's own (error high, warning medium) and TypeScript codes such as TS2322 (high)",
    defaultMode: 'blocking',
    defaultTimeout: 300,
    options: STATIC_ANALYSIS_OPTIONS,
    preCommit: true,
    // eslint.config.* and its plugins are JavaScript from the repository.
    executesRepositoryCode: true,
    rules: {
      // Reported with `filter: 'always'`: a file ESLint could not parse was not checked at all.
      'parse-error': { description: 'ESLint could not parse a changed file', defaultSeverity: 'high', filter: 'always' },
      'eslint-directive': {
        description: 'A problem with an eslint-disable or inline configuration comment',
        defaultSeverity: 'medium',
      },
      [ESLINT_NOT_INSTALLED]: { description: 'package.json declares eslint but it is not installed (no `npm ci` before proofgate)', defaultSeverity: 'medium' },
    },
  },
  warmUp(root, _changes, config) {
    if (config?.gates['static-analysis'].eslint === false) return
    try {
      const entry = resolveFromRepo(root, 'eslint')
      // The worker loads ESLint while git works; run() sends it the request, or starts another.
      if (entry !== undefined) warmEslintWorker(root, entry, config?.['env-pass'] ?? [])
    } catch {
      // run() resolves again and reports.
    }
  },
  dispose() {
    disposeEslintWorker()
  },
  appliesTo(changes) {
    return lintableFiles(changes).length > 0 ? true : { applies: false, reason: 'no changed JS/TS files' }
  },
  async run(ctx): Promise<GateOutcome> {
    const files = lintableFiles(ctx.changes)
    const [eslint, typescript] = await both(
      ctx,
      (c) => runEslint(c, files),
      (c) => runTsc(c, files),
    )
    const data = { eslint, typescript }
    const summary = formatSummary(eslint, typescript)
    if (eslint.status === 'skipped' && typescript.status === 'skipped') {
      return { summary, status: 'skipped', reason: `eslint: ${eslint.reason}; tsc: ${typescript.reason}`, data }
    }
    // The runner derives `fail` from findings before it looks at this status, so findings still block.
    if (typescript.status === 'ran' && !typescript.complete) {
      return {
        summary,
        status: 'inconclusive',
        reason: 'tsc stopped at syntax errors in unchanged files, so the changed files were not type-checked',
        data,
      }
    }
    return { summary, data }
  },
}
