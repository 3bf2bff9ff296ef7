// The `static-analysis` gate: the target repository's own ESLint (flat config) on the changed
// JS/TS files and its own `tsc --noEmit`, both resolved from the repository, never from proofgate;
// both judge the version under test or say they could not, never another tree found on disk.
// Each half lives in static-analysis/ (eslint.ts, tsc.ts); this file runs them side by side.
import type { ChangedFile, ChangeSet } from '../changes/types.js'
import type { Gate, GateContext, GateOutcome } from './types.js'
import * as z from 'zod'
import { disposeEslintWorker } from './static-analysis/eslint-child.js'
import { runEslint, warmEslint, type EslintPartData } from './static-analysis/eslint.js'
import { STATIC_ANALYSIS_RULES } from './static-analysis/rules.js'
import { runTsc, type TypescriptPartData } from './static-analysis/tsc.js'
import { plural } from '../util/text.js'

export { eslintMessageToFinding, runEslint, type EslintMessage, type EslintPartData } from './static-analysis/eslint.js'
export { toRepoPath } from './static-analysis/repo.js'
export { STATIC_ANALYSIS_RULES } from './static-analysis/rules.js'
export { isConfigDiagnostic, parseTscOutput, runTsc, STAGED_TSC_REASON, type TscDiagnostic, type TypescriptPartData } from './static-analysis/tsc.js'

/** Extensions this gate lints and type-checks (lower case, with the dot). */
export const LINTABLE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const

/** True when `path` ends in one of LINTABLE_EXTENSIONS (case-insensitive). */
export function isLintablePath(path: string): boolean {
  const lower = path.toLowerCase()
  return LINTABLE_EXTENSIONS.some((ext) => lower.endsWith(ext))
}

/** The changed files worth linting: present in the new version, text, with a JS/TS extension. */
export function lintableFiles(changes: ChangeSet): ChangedFile[] {
  return changes.files.filter((f) => f.status !== 'deleted' && !f.binary && isLintablePath(f.path))
}

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
    rules: STATIC_ANALYSIS_RULES,
  },
  warmUp(root, _changes, config) {
    // The worker loads ESLint while git works; run() sends it the request, or starts another.
    warmEslint(root, config)
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
    ctx.log(
      `linting ${files.length} changed JS/TS file(s): ${files
        .slice(0, 10)
        .map((f) => f.path)
        .join(', ')}${files.length > 10 ? ` … ${files.length - 10} more` : ''}`,
    )
    ctx.log(`eslint: ${eslint.status === 'skipped' ? `skipped: ${eslint.reason}` : eslint.status}`)
    ctx.log(`tsc: ${typescript.status === 'skipped' ? `skipped: ${typescript.reason}` : typescript.status}`)
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
