// The static-analysis gate's tsc half: the repository's own `tsc --noEmit -p <tsconfig>` on the
// version under test (a temporary worktree of it when the disk differs), its errors in changed files as findings.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { readChangedFile, workTreeDifference } from '../../changes/git.js'
import { describeRunTree, runTreeFor } from '../../changes/worktree.js'
import type { ChangedFile } from '../../changes/types.js'
import type { FindingInput } from '../../findings/types.js'
import { outputTail as tail, runRepositoryCode } from '../../util/repo-code.js'
import type { GateContext } from '../types.js'
import { resolveFromRepo, toRepoPath } from './repo.js'

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

/**
 * Runs the repository's tsc on the version under test and reports its errors in `files`.
 * @throws Error when tsc cannot be started, is killed, prints nothing readable on failure, or
 * reports configuration errors (nothing was type-checked); the runner makes it `errored`.
 */
export async function runTsc(ctx: GateContext, files: ChangedFile[]): Promise<TypescriptPartData> {
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
