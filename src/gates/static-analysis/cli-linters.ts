// The static-analysis gate's Biome and oxlint parts: each runs from the repository's own
// node_modules/.bin with the repository's own config, on the changed files, as the repository's
// code (runRepositoryCode: allow-listed environment, its own process group, the gate's signal).
// Their JSON output becomes findings through the same path as ESLint's messages.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { workTreeDifference } from '../../changes/git.js'
import type { ChangedFile } from '../../changes/types.js'
import { outputTail, runRepositoryCode } from '../../util/repo-code.js'
import { readPackageInfo } from '../tests/detect.js'
import type { GateContext } from '../types.js'
import { parseBiomeRdjson, parseOxlintJson, type CliLinterName, type ParsedLint } from './linter-output.js'
import { LINTER_NOT_INSTALLED, staticAnalysisFinding } from './rules.js'

/** A command-line linter's part of the gate's `data`: why it did not run, or what it linted and found; `durationMs` in ms. */
export type CliLinterPartData =
  | {
      status: 'skipped'
      reason: string
      /** False when the repository shows no sign of this linter (no config file, no dependency). */
      detected: boolean
    }
  | {
      status: 'ran'
      version: string
      /** Files linted: as oxlint counts them; for Biome, the changed files passed to it (its config may ignore some). */
      files: number
      errors: number
      warnings: number
      /**
       * Changed files not linted because the disk copy differs from the version under test (under
       * `--head` or in the pre-commit hook): these linters read only the disk. The gate is
       * inconclusive then.
       */
      notLinted: string[]
      durationMs: number
    }

interface CliLinter {
  name: CliLinterName
  /** As people write it. */
  title: string
  /** Config files at the repository root that mean the repository uses this linter. */
  configFiles: string[]
  /** The package that declares it in package.json and whose package.json gives the version. */
  packageName: string
  /** The command in node_modules/.bin. */
  bin: string
  args(paths: string[]): string[]
  parse(stdout: string, root: string): ParsedLint
}

const BIOME: CliLinter = {
  name: 'biome',
  title: 'Biome',
  configFiles: ['biome.json', 'biome.jsonc'],
  packageName: '@biomejs/biome',
  bin: 'biome',
  // rdjson, not json: Biome marks its json reporter experimental ("may change in patch releases").
  args: (paths) => ['lint', '--reporter=rdjson', '--colors=off', '--max-diagnostics=none', '--no-errors-on-unmatched', '--files-ignore-unknown=true', ...paths],
  parse: (stdout, root) => parseBiomeRdjson(stdout, root),
}

const OXLINT: CliLinter = {
  name: 'oxlint',
  title: 'oxlint',
  configFiles: ['.oxlintrc.json'],
  packageName: 'oxlint',
  bin: 'oxlint',
  args: (paths) => ['--format', 'json', '--no-error-on-unmatched-pattern', ...paths],
  parse: (stdout, root) =>
    parseOxlintJson(stdout, root, (path) => {
      try {
        return readFileSync(join(root, path))
      } catch {
        return undefined
      }
    }),
}

/** The command-line linters, in the order they are reported. */
export const CLI_LINTERS: readonly CliLinter[] = [BIOME, OXLINT]

/** The skip reason of a linter the repository shows no sign of. */
export function notDetectedReason(linter: CliLinter): string {
  return `no ${linter.configFiles.join(' or ')} and no ${linter.packageName} dependency`
}

function declares(root: string, packageName: string): boolean {
  let pkg: Record<string, unknown>
  try {
    pkg = readPackageInfo(root) as Record<string, unknown>
  } catch {
    // An unreadable package.json is the tests gate's to report; here it only means "not declared".
    return false
  }
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => {
    const deps = pkg[field]
    return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, packageName)
  })
}

function versionOf(root: string, packageName: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules', packageName, 'package.json'), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : '?'
  } catch {
    return '?'
  }
}

/** Why `linter` does not run for this request, when it does not; else its command (the repository's node_modules/.bin, never proofgate's). */
function linterCommand(ctx: GateContext, linter: CliLinter, files: ChangedFile[]): { bin: string } | { skipped: string; detected: boolean } {
  // The repository's own config file decides: a dependency alone may be a test fixture's (proofgate
  // declares both for its own tests), and without the config its rules are not the repository's.
  const detected = linter.configFiles.some((f) => existsSync(join(ctx.root, f)))
  if (!detected)
    return declares(ctx.root, linter.packageName)
      ? {
          skipped: `${linter.packageName} is a dependency but there is no ${linter.configFiles.join(' or ')}: not run without the repository's config`,
          detected: false,
        }
      : { skipped: notDetectedReason(linter), detected }
  if (!ctx.config.gates['static-analysis'][linter.name]) return { skipped: `disabled in config (gates.static-analysis.${linter.name}: false)`, detected }
  if (files.length === 0) return { skipped: 'no changed JS/TS files', detected }
  const bin = join(ctx.root, 'node_modules', '.bin', linter.bin)
  if (existsSync(bin)) return { bin }
  const reason = `the repository uses ${linter.title} but node_modules/.bin/${linter.bin} is missing: the dependencies were not installed before proofgate ran`
  ctx.report(
    staticAnalysisFinding(
      LINTER_NOT_INSTALLED,
      'notInstalled',
      { linter: linter.title, reason },
      {
        help: 'install the dependencies before proofgate runs: in a workflow, add a step such as `npm ci` before the proofgate step; locally, run `npm install`',
      },
    ),
  )
  return { skipped: reason, detected }
}

/**
 * Runs `linter` (Biome or oxlint) on `files` and reports its diagnostics.
 * @throws Error when the linter exits other than 0 or 1, is killed, or prints no output it can be
 *   read from (a config that does not load); the runner makes that `errored`.
 */
export async function runCliLinter(ctx: GateContext, linter: CliLinter, files: ChangedFile[]): Promise<CliLinterPartData> {
  const found = linterCommand(ctx, linter, files)
  if ('skipped' in found) return { status: 'skipped', reason: found.skipped, detected: found.detected }
  const started = performance.now()
  const differing = new Set(await workTreeDifference(ctx.changes))
  const linted = files.filter((f) => !differing.has(f.path))
  const notLinted = files.filter((f) => differing.has(f.path)).map((f) => f.path)
  let parsed: ParsedLint = { findings: [], errors: 0, warnings: 0 }
  if (linted.length > 0) {
    // `./` keeps a path that starts with `-` from being read as an option.
    const result = await runRepositoryCode(found.bin, linter.args(linted.map((f) => `./${f.path}`)), {
      cwd: ctx.root,
      signal: ctx.signal,
      envPass: ctx.config['env-pass'],
      baseEnv: ctx.env,
    })
    ctx.signal.throwIfAborted()
    const tail = (): string => outputTail(result.stderr === '' ? result.all : result.stderr)
    if (result.spawnError !== undefined) throw new Error(`${linter.title} could not be started: ${result.spawnError}`)
    if (result.exitCode !== 0 && result.exitCode !== 1) {
      throw new Error(
        `${linter.title} ${result.signal === undefined ? `exited with code ${String(result.exitCode)}` : `was killed by ${result.signal}`}:\n${tail()}`,
      )
    }
    try {
      parsed = linter.parse(result.stdout, ctx.root)
    } catch (error) {
      // Exit 1 with nothing readable is a config that does not load, never "no findings".
      throw new Error(`${linter.title} failed (exit ${String(result.exitCode)}): ${(error as Error).message}\n${tail()}`, { cause: error })
    }
    for (const finding of parsed.findings) ctx.report(finding)
  }
  return {
    status: 'ran',
    version: versionOf(ctx.root, linter.packageName),
    files: parsed.files ?? linted.length,
    errors: parsed.errors,
    warnings: parsed.warnings,
    notLinted,
    durationMs: Math.round(performance.now() - started),
  }
}
