// Loads `.proofgate.yml` and `.proofgate/waivers.yml` into typed, defaulted values, applies the
// PROOFGATE_* environment overrides, and emits the JSON Schemas editors validate the files with.
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import * as z from 'zod'
import { ProofgateError, type ConfigProblem } from '../errors.js'
import { GATE_IDS, type GateId } from '../findings/types.js'
import { openRepository } from '../changes/git.js'
import { readBlobs } from '../changes/history.js'
import { treeEntryKinds, type TreeEntryKind } from '../changes/entries.js'
import { linkOnPath } from '../util/real-file.js'
import { CONFIG_FILE_NAMES, WAIVERS_FILE } from './files.js'
import { CONFIG_LIMITS, decodeConfigBytes, readConfigBytes, type ConfigKind } from './read.js'
import { didYouMean, validateYaml } from './positions.js'
import {
  configSchema,
  FILTER_MODES,
  GATE_MODES,
  WAIVER_PROOFS,
  waiverSchema,
  waiversFileSchema,
  type Config,
  type FilterMode,
  type GateMode,
} from './schema.js'

export { CONFIG_FILE_NAMES, WAIVERS_FILE } from './files.js'
/** `file` of problems that come from environment variables rather than a file. */
export const ENVIRONMENT = 'environment'

/** A mode set by `PROOFGATE_GATE_<ID>`; `variable` is the variable's name, for `config print`. */
export interface GateModeOverride {
  mode: GateMode
  source: 'env'
  variable: string
}

/** The filter mode set by `PROOFGATE_FILTER_MODE`; `variable` is the variable's name, for `config print`. */
export interface FilterModeOverride {
  mode: FilterMode
  source: 'env'
  variable: string
}

/** What {@link loadConfig} returns: the effective config, where it came from, and which environment overrides were applied. */
export interface LoadedConfig {
  /** The effective configuration: file values, then defaults, then environment overrides. */
  config: Config
  /** Repository-relative path (forward slashes) of the file read, or null when there is none. */
  file: string | null
  /** The commit the file was read from (`options.rev`), or null when read from the work tree. */
  rev: string | null
  /**
   * Gate modes set by the environment, keyed by gate id. Already applied to `config.gates` for
   * the gates the config schema knows; the runner applies the others (e.g. `coverage`).
   */
  gateModeOverrides: Record<string, GateModeOverride>
  /** `PROOFGATE_FILTER_MODE`, already applied to `config['filter-mode']`; null when unset. */
  filterModeOverride: FilterModeOverride | null
}

/** A waiver as written, with its 1-based line (defined with the matcher, in findings/). */
export type { LoadedWaiver } from '../findings/waivers.js'
import type { LoadedWaiver } from '../findings/waivers.js'

/** A repository's waivers as {@link loadWaivers} read them; the runner matches findings against them. */
export interface LoadedWaivers {
  /** Repository-relative path of the waivers file, or null when there is none. */
  file: string | null
  /** In file order; empty when the file is absent. */
  waivers: LoadedWaiver[]
}

/**
 * Loads the configuration of the repository at `root` (an absolute or cwd-relative directory).
 *
 * Reads `options.file` (relative to `root`) when given, else `.proofgate.yml` or
 * `.proofgate.yaml`; no file means defaults, and so does an empty file or one with only comments.
 * Then applies `PROOFGATE_GATE_<ID>` (gate id upper-cased, `-` as `_`; value blocking, advisory or
 * off) and `PROOFGATE_FILTER_MODE` from `options.env` (default `process.env`); values are trimmed
 * and case-insensitive, and an empty value counts as unset.
 *
 * With `options.rev` (a commit), the file is read from that commit instead of the work tree (a
 * pull request runs under its base commit's config); problems then name the file as
 * `<sha>:<path>`, as `git show` takes it, and a file absent at that commit means defaults.
 *
 * @throws ProofgateError `PG_BASE_NOT_FOUND` when `options.rev` is not a commit of the repository.
 * @throws ProofgateError `PG_CONFIG_INVALID` listing every problem at once, each with the file,
 *   1-based line and column and the dotted key path: YAML syntax errors, duplicate keys, a top
 *   level that is not a mapping, unknown keys, wrong types and values, bad environment values
 *   (file `environment`, line and column 0). Also when `options.file` does not exist or when
 *   both `.proofgate.yml` and `.proofgate.yaml` exist, or when the file is a directory or
 *   unreadable (see config/read.ts); and when it is a symbolic link (on disk, checked with lstat;
 *   at a commit, a mode 120000 tree entry) or lies under a linked directory. A link is never
 *   followed: it would let a change point the gate at another file.
 * @throws ProofgateError `PG_CONFIG_ENCODING` (UTF-16, NUL bytes, invalid UTF-8) or
 *   `PG_CONFIG_TOO_LARGE` (over 1 MB, nested over 64 levels, over 1,000 proof commands).
 */
export async function loadConfig(root: string, options: { file?: string; env?: NodeJS.ProcessEnv; rev?: string } = {}): Promise<LoadedConfig> {
  const env = options.env ?? process.env
  const found = options.rev === undefined ? await findConfigFile(root, options.file) : await findConfigFileAt(root, options.rev, options.file)

  const problems: ConfigProblem[] = []
  let config: Config = configSchema.parse({})
  if (found !== null) {
    const result = validateYaml(found.text, found.file, configSchema, {
      // A gate written at the top level instead of under `gates:` is the likeliest slip.
      elsewhere: (path, key) => (path.length === 0 && key in configSchema.shape.gates.unwrap().shape ? `gates.${key}` : undefined),
      precheck: (value) => checkCount(value, 'proof', CONFIG_LIMITS.proofCommands, found.file, 'proof commands'),
    })
    if (result.data === undefined) problems.push(...result.problems)
    else config = result.data
  }
  const overrides = readEnvOverrides(env)
  problems.push(...overrides.problems)

  if (problems.length > 0) {
    const sources = [...new Set(problems.map((p) => p.file))].map((f) => (f === ENVIRONMENT ? 'the environment' : f))
    throw new ProofgateError('PG_CONFIG_INVALID', `Invalid configuration in ${sources.join(' and ')}: ${count(problems.length, 'problem')}`, {
      problems,
      hint:
        syntaxHint(problems) ??
        (found !== null && problems.some((p) => p.file === found.file)
          ? `Fix the keys listed in ${found.file}; \`proofgate config schema\` prints the JSON Schema your editor can check it against.`
          : `Unset or correct the variables listed; gate modes are ${GATE_MODES.join(', ')}, filter modes ${FILTER_MODES.join(', ')}.`),
    })
  }

  // zod hands out its default objects by reference; a private copy keeps overrides (and any
  // caller's edits) from leaking into the next load.
  config = structuredClone(config)
  for (const [id, override] of Object.entries(overrides.gates)) {
    if (id in config.gates) config.gates[id as keyof Config['gates']].mode = override.mode
  }
  if (overrides.filterMode !== null) config['filter-mode'] = overrides.filterMode.mode
  return {
    config,
    file: found?.path ?? null,
    rev: options.rev ?? null,
    gateModeOverrides: overrides.gates,
    filterModeOverride: overrides.filterMode,
  }
}

/**
 * Loads `.proofgate/waivers.yml` of the repository at `root`; an absent or empty file means no
 * waivers. Each waiver carries the 1-based line it starts on.
 *
 * @throws ProofgateError `PG_WAIVERS_INVALID` listing every problem with file, 1-based line and
 *   column and key path (`waivers.0.reason`): YAML errors, a waiver without a reason, an unknown
 *   `proof`, neither a fingerprint nor a rule with a path, a malformed `expires` date; a
 *   directory or unreadable file; a symbolic link, or a file under a linked `.proofgate` (never
 *   followed). `PG_CONFIG_ENCODING` / `PG_CONFIG_TOO_LARGE` as loadConfig (over 1,000 waivers).
 */
export async function loadWaivers(root: string): Promise<LoadedWaivers> {
  const bytes = await readRealConfigBytes(root, join(resolve(root), WAIVERS_FILE), WAIVERS_FILE, 'waivers')
  if (bytes === null) return { file: null, waivers: [] }
  return { file: WAIVERS_FILE, waivers: parseWaivers(decodeConfigBytes(bytes, WAIVERS_FILE), WAIVERS_FILE) }
}

/**
 * Parses the text of a waivers file; `file` names it in problems (`<sha>:<path>` for a commit's
 * version). Each waiver carries the 1-based line it starts on; an empty file means no waivers.
 * @throws ProofgateError `PG_WAIVERS_INVALID` as {@link loadWaivers} does; `PG_CONFIG_TOO_LARGE`
 *   over 1,000 waivers.
 */
export function parseWaivers(text: string, file: string): LoadedWaiver[] {
  const result = validateYaml(text, file, waiversFileSchema, {
    precheck: (value) => checkCount(value, 'waivers', CONFIG_LIMITS.waivers, file, 'waivers'),
  })
  if (result.data === undefined) {
    throw new ProofgateError('PG_WAIVERS_INVALID', `Invalid waivers in ${file}: ${count(result.problems.length, 'problem')}`, {
      problems: result.problems,
      hint:
        syntaxHint(result.problems) ?? `Each waiver needs a reason, a proof (${WAIVER_PROOFS.join(', ')}) and either a fingerprint or a rule with a path glob.`,
    })
  }
  return result.data.waivers.map((waiver, index) => ({ ...waiver, line: result.lineOf(['waivers', index]) }))
}

/** JSON Schema draft 2020-12 URI. */
const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'
/**
 * Where the published schemas live; `schema/` ships in the npm package. Change both ids together
 * if the project gets its own site.
 */
export const CONFIG_SCHEMA_ID = 'https://unpkg.com/proofgate/schema/proofgate.schema.json'
/** `$id` of the waivers schema (`schema/waivers.schema.json`); see {@link CONFIG_SCHEMA_ID}. */
export const WAIVERS_SCHEMA_ID = 'https://unpkg.com/proofgate/schema/waivers.schema.json'

/**
 * JSON Schema (draft 2020-12) of `.proofgate.yml`, from the zod schema's input side so that keys
 * with defaults are optional, as an editor should see them. Committed as
 * `schema/proofgate.schema.json`; a unit test keeps the file in step.
 */
export function configJsonSchema(): Record<string, unknown> {
  return withHeader(CONFIG_SCHEMA_ID, 'proofgate configuration', z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }))
}

/**
 * JSON Schema (draft 2020-12) of `.proofgate/waivers.yml`. The "fingerprint, or rule and path"
 * rule is a zod refinement, which JSON Schema cannot see, so it is added as an `anyOf`.
 * Committed as `schema/waivers.schema.json`.
 */
export function waiversJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(waiversFileSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: (ctx) => {
      if (ctx.zodSchema === waiverSchema) ctx.jsonSchema.anyOf = [{ required: ['fingerprint'] }, { required: ['rule', 'path'] }]
    },
  })
  return withHeader(WAIVERS_SCHEMA_ID, 'proofgate waivers', schema)
}

function withHeader(id: string, title: string, schema: object): Record<string, unknown> {
  return { $schema: JSON_SCHEMA_DIALECT, $id: id, title, ...schema }
}

interface FoundFile {
  /** Where problems point: the repository-relative path, or `<sha>:<path>` for a commit's file. */
  file: string
  /** Repository-relative, forward slashes. */
  path: string
  text: string
}

async function findConfigFileAt(root: string, rev: string, explicit: string | undefined): Promise<FoundFile | null> {
  const sha = await (await openRepository(root)).resolveCommit(rev)
  if (sha === null) {
    throw new ProofgateError('PG_BASE_NOT_FOUND', `Cannot read the configuration at ${rev}: no such commit here.`, {
      hint: 'fetch it first (git fetch origin <sha>); in GitHub Actions set fetch-depth: 0 on actions/checkout',
    })
  }
  const names = explicit === undefined ? [...CONFIG_FILE_NAMES] : [repoRelative(root, isAbsolute(explicit) ? explicit : resolve(root, explicit))]
  const [kinds, texts] = await Promise.all([
    treeEntryKinds(root, sha, names),
    readBlobs(
      root,
      names.map((path) => ({ rev: sha, path })),
    ),
  ])
  kinds.forEach((kind, i) => {
    // A link's blob is its target path: read as YAML it would be a config nobody wrote.
    const refused = refusal(names[i]!, `${sha.slice(0, 12)}:${names[i]!}`, kind)
    if (refused !== null) throw new ProofgateError('PG_CONFIG_INVALID', refused.message, { hint: refused.hint })
  })
  const found = names.flatMap((path, i) => (texts[i] === null || texts[i] === undefined ? [] : [{ file: `${sha.slice(0, 12)}:${path}`, path, text: texts[i] }]))
  if (found.length > 1) {
    throw new ProofgateError('PG_CONFIG_INVALID', `Both ${CONFIG_FILE_NAMES.join(' and ')} exist at ${sha.slice(0, 12)}`, {
      hint: 'Keep one of them and delete the other on the base branch.',
    })
  }
  return found[0] ?? null
}

async function findConfigFile(root: string, explicit: string | undefined): Promise<FoundFile | null> {
  if (explicit !== undefined) {
    const absolute = isAbsolute(explicit) ? explicit : resolve(root, explicit)
    const file = repoRelative(root, absolute)
    const bytes = await readRealConfigBytes(root, absolute, file, 'config')
    const text = bytes === null ? null : decodeConfigBytes(bytes, file)
    if (text === null) {
      throw new ProofgateError('PG_CONFIG_INVALID', `Configuration file ${file} not found`, {
        hint: `Create it, or drop the option to use ${CONFIG_FILE_NAMES[0]} at the repository root.`,
      })
    }
    return { file, path: file, text }
  }
  const found: FoundFile[] = []
  for (const name of CONFIG_FILE_NAMES) {
    const bytes = await readRealConfigBytes(root, join(resolve(root), name), name, 'config')
    if (bytes !== null) found.push({ file: name, path: name, text: decodeConfigBytes(bytes, name) })
  }
  if (found.length > 1) {
    // Silently preferring one would leave edits to the other without effect.
    throw new ProofgateError('PG_CONFIG_INVALID', `Both ${CONFIG_FILE_NAMES.join(' and ')} exist`, {
      hint: 'Keep one of them and delete the other.',
    })
  }
  return found[0] ?? null
}

/**
 * Why a config file is refused when it is not a regular file at a commit (`kind`, from
 * treeEntryKinds); null for a file or nothing. `shown` names it (`<sha>:<path>`).
 */
function refusal(path: string, shown: string, kind: TreeEntryKind): { message: string; hint: string } | null {
  if (kind.kind === 'symlink') return symlinkRefusal(shown, 'configuration', kind.via)
  if (kind.kind === 'not-a-file')
    return { message: `${shown} is not a regular file (a directory or a submodule)`, hint: `Make ${path} a regular file, or remove it.` }
  return null
}

function symlinkRefusal(shown: string, what: 'configuration' | 'waivers', via: string | undefined): { message: string; hint: string } {
  return {
    message: `${shown} ${via === undefined ? 'is a symbolic link' : `lies under the symbolic link ${via}`}; proofgate reads its ${what} only from a regular file`,
    // A link lets a change point the gate at another file, inside the repository or outside it.
    hint: 'Replace the link with a regular file holding the content (git rm the link, add the file, commit); proofgate never follows a link.',
  }
}

/**
 * readConfigBytes, refusing a symbolic link at `absolute` or at a directory between `root` and
 * it: the link is never followed.
 * @throws ProofgateError PG_CONFIG_INVALID / PG_WAIVERS_INVALID for a link, and as readConfigBytes.
 */
async function readRealConfigBytes(root: string, absolute: string, shown: string, kind: ConfigKind): Promise<Buffer | null> {
  const link = await linkOnPath(resolve(root), absolute)
  if (link !== null) {
    const refused = symlinkRefusal(shown, kind === 'config' ? 'configuration' : 'waivers', link.via)
    throw new ProofgateError(kind === 'config' ? 'PG_CONFIG_INVALID' : 'PG_WAIVERS_INVALID', refused.message, { hint: refused.hint })
  }
  return readConfigBytes(absolute, shown, kind)
}

function repoRelative(root: string, absolute: string): string {
  return relative(resolve(root), absolute).split(sep).join('/')
}

const GATE_VAR_PREFIX = 'PROOFGATE_GATE_'
const FILTER_MODE_VAR = 'PROOFGATE_FILTER_MODE'

/** `static-analysis` -> `PROOFGATE_GATE_STATIC_ANALYSIS`. */
export function gateModeVariable(id: GateId): string {
  return GATE_VAR_PREFIX + id.toUpperCase().replaceAll('-', '_')
}

function readEnvOverrides(env: NodeJS.ProcessEnv): {
  gates: Record<string, GateModeOverride>
  filterMode: FilterModeOverride | null
  problems: ConfigProblem[]
} {
  const gates: Record<string, GateModeOverride> = {}
  const problems: ConfigProblem[] = []
  const problem = (variable: string, message: string): void => {
    problems.push({ file: ENVIRONMENT, line: 0, column: 0, path: variable, message })
  }
  const variables = new Map(GATE_IDS.map((id) => [gateModeVariable(id), id]))

  for (const variable of Object.keys(env).sort()) {
    if (!variable.startsWith(GATE_VAR_PREFIX)) continue
    const value = normalise(env[variable])
    if (value === null) continue
    const id = variables.get(variable)
    if (id === undefined) {
      // A typo here would silently leave a gate in its configured mode.
      problem(variable, `unknown gate in ${variable}${didYouMean(variable, [...variables.keys()])}; gates are ${GATE_IDS.join(', ')}`)
      continue
    }
    if (!isOneOf(value, GATE_MODES)) {
      problem(variable, `expected one of ${GATE_MODES.join(', ')}, got ${JSON.stringify(env[variable])}${didYouMean(value, GATE_MODES)}`)
      continue
    }
    gates[id] = { mode: value, source: 'env', variable }
  }

  let filterMode: FilterModeOverride | null = null
  const filterValue = normalise(env[FILTER_MODE_VAR])
  if (filterValue !== null) {
    if (isOneOf(filterValue, FILTER_MODES)) filterMode = { mode: filterValue, source: 'env', variable: FILTER_MODE_VAR }
    else
      problem(
        FILTER_MODE_VAR,
        `expected one of ${FILTER_MODES.join(', ')}, got ${JSON.stringify(env[FILTER_MODE_VAR])}${didYouMean(filterValue, FILTER_MODES)}`,
      )
  }
  return { gates, filterMode, problems }
}

/** Trimmed and lower-cased; null when unset or empty (as Actions pass unset inputs). */
function normalise(value: string | undefined): string | null {
  const trimmed = value?.trim().toLowerCase() ?? ''
  return trimmed === '' ? null : trimmed
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value)
}

/** The hint for a file that is not valid YAML: the syntax first, keys after (they cannot be checked yet). */
function syntaxHint(problems: readonly ConfigProblem[]): string | undefined {
  const syntax = problems.find((p) => p.message.startsWith('YAML syntax error') || p.message.startsWith('YAML error'))
  if (syntax === undefined) return undefined
  return `YAML syntax error at ${syntax.file}:${syntax.line}:${syntax.column}: fix the YAML there first (indentation, quoting, a missing colon); its keys are checked once it parses.`
}

/**
 * Stops a list over its limit before zod walks it entry by entry.
 * @throws ProofgateError PG_CONFIG_TOO_LARGE.
 */
function checkCount(value: unknown, key: string, max: number, file: string, noun: string): void {
  const list = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
  if (Array.isArray(list) && list.length > max) {
    throw new ProofgateError('PG_CONFIG_TOO_LARGE', `${file} lists ${list.length} ${noun}; the limit is ${max}.`, {
      hint: 'configuration files are small: split long command lists into scripts the proof commands call',
    })
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
