// The `static-analysis` gate: the target repository's own linters (ESLint 9+ flat config or ESLint 8
// eslintrc, Biome, oxlint) on the changed JS/TS files and its own `tsc --noEmit`, all resolved from
// the repository, never from proofgate; each judges the version under test or says it could not,
// never another tree found on disk. Each part lives in static-analysis/ (eslint.ts,
// cli-linters.ts, tsc.ts); this file runs them side by side.
import type { ChangedFile, ChangeSet } from '../changes/types.js'
import type { Gate, GateContext, GateOutcome } from './types.js'
import * as z from 'zod'
import { disposeEslintWorker } from './static-analysis/eslint-child.js'
import { CLI_LINTERS, runCliLinter, type CliLinterPartData } from './static-analysis/cli-linters.js'
import { runEslint, warmEslint, type EslintPartData } from './static-analysis/eslint.js'
import { ESLINT_NOT_INSTALLED_REASON } from './static-analysis/missing-eslint.js'
import { STATIC_ANALYSIS_RULES } from './static-analysis/rules.js'
import { runTsc, type TypescriptPartData } from './static-analysis/tsc.js'
import { plural } from '../util/text.js'

export { eslintMessageToFinding, runEslint, type EslintMessage, type EslintPartData } from './static-analysis/eslint.js'
export { toRepoPath } from './static-analysis/repo.js'
export { runCliLinter, type CliLinterPartData } from './static-analysis/cli-linters.js'
export { parseBiomeRdjson, parseOxlintJson, positionOfByte } from './static-analysis/linter-output.js'
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
 * and files linted from their blob rather than the disk are counted apart. `others` are the Biome
 * and oxlint parts by name; one the repository shows no sign of is left out.
 */
export function formatSummary(eslint: EslintPartData, typescript: TypescriptPartData, others: Partial<Record<string, CliLinterPartData>> = {}): string {
  const parts: string[] = []
  // "ESLint is not installed" is no news in a repository that lints with Biome or oxlint (`data.eslint` still says it).
  const otherLinter = Object.values(others).some((p) => p !== undefined && (p.status === 'ran' || p.detected))
  if (eslint.status === 'skipped') {
    if (!(otherLinter && eslint.reason === ESLINT_NOT_INSTALLED_REASON)) parts.push(`eslint skipped: ${eslint.reason}`)
  } else {
    let text = `eslint: ${plural(eslint.files, 'file')}, ${plural(eslint.errors, 'error')}, ${plural(eslint.warnings, 'warning')}`
    if (eslint.unconfigured.length > 0) text += ` (${plural(eslint.unconfigured.length, 'file')} without an ESLint config)`
    if (eslint.fromTree > 0) text += ` (${plural(eslint.fromTree, 'file')} linted from the version under test, which the disk does not match)`
    parts.push(text)
  }
  for (const [name, part] of Object.entries(others)) {
    // A linter the repository shows no sign of is not news in every summary; `data` says why.
    if (part === undefined || (part.status === 'skipped' && !part.detected)) continue
    if (part.status === 'skipped') parts.push(`${name} skipped: ${part.reason}`)
    else {
      let text = `${name}: ${plural(part.files, 'file')}, ${plural(part.errors, 'error')}, ${plural(part.warnings, 'warning')}`
      if (part.notLinted.length > 0) text += ` (${plural(part.notLinted.length, 'file')} not linted: the disk does not match the version under test)`
      parts.push(text)
    }
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
  eslint: z.boolean().default(true).describe("Run the repository's own ESLint (9+ flat config, or 8 with eslintrc) on changed files"),
  biome: z.boolean().default(true).describe("Run the repository's own Biome (`biome lint`) on changed files when it has biome.json(c) or the dependency"),
  oxlint: z.boolean().default(true).describe("Run the repository's own oxlint on changed files when it has .oxlintrc.json or the dependency"),
  typescript: z.boolean().default(true).describe("Run the repository's own `tsc --noEmit` when it has a tsconfig"),
  tsconfig: z.string().min(1).default('tsconfig.json').describe('tsconfig path, relative to the repository root'),
}

/** The linters' parts of the gate's `data`. */
interface LinterParts {
  eslint: EslintPartData
  biome: CliLinterPartData
  oxlint: CliLinterPartData
}

/** The skip reason of the ESLint part when the repository has no linter proofgate runs. */
export const NO_SUPPORTED_LINTER = 'no supported linter: ESLint, Biome or oxlint'

/** ESLint, Biome and oxlint side by side; a throw in one aborts the others. */
async function runLinters(ctx: GateContext, files: ChangedFile[]): Promise<LinterParts> {
  const [biomeLinter, oxlintLinter] = CLI_LINTERS as [(typeof CLI_LINTERS)[number], (typeof CLI_LINTERS)[number]]
  const [eslint, [biome, oxlint]] = await both(
    ctx,
    (c) => runEslint(c, files),
    (c) =>
      both(
        c,
        (d) => runCliLinter(d, biomeLinter, files),
        (d) => runCliLinter(d, oxlintLinter, files),
      ),
  )
  const none = (part: CliLinterPartData): boolean => part.status === 'skipped' && !part.detected
  if (eslint.status === 'skipped' && eslint.reason === ESLINT_NOT_INSTALLED_REASON && none(biome) && none(oxlint)) {
    return { eslint: { status: 'skipped', reason: NO_SUPPORTED_LINTER }, biome, oxlint }
  }
  return { eslint, biome, oxlint }
}

/**
 * The `static-analysis` gate: the linters and tsc run concurrently and a throw in one aborts the
 * others. Inconclusive when tsc stopped at syntax errors in unchanged files, or when Biome or
 * oxlint could not read a changed file as it is in the version under test; skipped only when
 * every part was. Rule ids other than proofgate's own (`parse-error`, `eslint-directive`,
 * `eslint-not-installed`, `linter-not-installed`) are the tools' own: ESLint's (`no-debugger`),
 * Biome's categories (`lint/suspicious/noDebugger`), oxlint's codes (`eslint(no-debugger)`) and
 * TypeScript codes (`TS2322`).
 */
export const staticAnalysisGate: Gate<'static-analysis', typeof STATIC_ANALYSIS_OPTIONS> = {
  id: 'static-analysis',
  meta: {
    description:
      "The repository's own linters (ESLint 9+ flat config or ESLint 8 eslintrc, Biome, oxlint) on the changed JS/TS files and its own `tsc --noEmit`; " +
      "other rule ids are the linters' own (error high, warning medium, info low: `no-debugger`, `lint/suspicious/noDebugger`, `eslint(no-debugger)`) and TypeScript codes such as TS2322 (high)",
    defaultMode: 'blocking',
    defaultTimeout: 300,
    options: STATIC_ANALYSIS_OPTIONS,
    preCommit: true,
    // eslint.config.* and its plugins are JavaScript from the repository, as are the linters' bins.
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
    const [{ eslint, biome, oxlint }, typescript] = await both(
      ctx,
      (c) => runLinters(c, files),
      (c) => runTsc(c, files),
    )
    ctx.log(
      `linting ${files.length} changed JS/TS file(s): ${files
        .slice(0, 10)
        .map((f) => f.path)
        .join(', ')}${files.length > 10 ? ` … ${files.length - 10} more` : ''}`,
    )
    for (const [name, part] of [
      ['eslint', eslint],
      ['biome', biome],
      ['oxlint', oxlint],
      ['tsc', typescript],
    ] as const)
      ctx.log(`${name}: ${part.status === 'skipped' ? `skipped: ${part.reason}` : part.status}`)
    const data = { eslint, biome, oxlint, typescript }
    const summary = formatSummary(eslint, typescript, { biome, oxlint })
    if (eslint.status === 'skipped' && biome.status === 'skipped' && oxlint.status === 'skipped' && typescript.status === 'skipped') {
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
    const notLinted = [biome, oxlint].flatMap((p) => (p.status === 'ran' ? p.notLinted : []))
    if (notLinted.length > 0) {
      return {
        summary,
        status: 'inconclusive',
        reason: `Biome and oxlint read only the disk, which does not match the version under test for ${[...new Set(notLinted)].join(', ')}`,
        data,
      }
    }
    return { summary, data }
  },
}
