// The scope lock: `proofgate start` records the effective configuration and the proof commands in
// `.proofgate/scope.json`; later runs name every difference, so a quietly loosened gate shows.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import type { Config, ProofCommand } from '../../config/schema.js'
import { readIfExists, writeJsonAtomic } from '../../util/state.js'

/** The scope file under `.proofgate/` (written atomically by `proofgate start`). */
export const SCOPE_FILE = 'scope.json'

/** Differences named in one finding; the rest are counted as `+N more`. */
export const MAX_SCOPE_ITEMS = 5

/** The configuration the scope covers: every setting but the proof list and `$schema` (an editor hint). */
export type ScopedConfig = Omit<Config, 'proof' | '$schema'>

/** What `.proofgate/scope.json` holds. */
export interface ScopeRecord {
  version: 1
  /** ISO 8601. */
  recordedAt: string
  /** HEAD when the scope was recorded. */
  sha: string
  /** Repository-relative config file read, or null when only defaults (and env overrides) applied. */
  configFile: string | null
  /** sha256 (hex) of the canonical JSON of `config`. */
  configHash: string
  /** sha256 (hex) of the canonical JSON of `proof`. */
  proofHash: string
  config: ScopedConfig
  proof: ProofCommand[]
}

/** The recorded scope as a run finds it. */
export type ScopeState =
  | { state: 'none' }
  | { state: 'unreadable'; reason: string }
  | { state: 'recorded'; scope: ScopeRecord }

/** JSON with object keys sorted at every depth (arrays keep their order), so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => value[k] !== undefined)
        .map((k) => [k, sortKeys(value[k])]),
    )
  }
  return value
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** sha256 (64 hex characters) of the canonical JSON of `value`. */
export function hashValue(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex')
}

/** Splits an effective config into the two parts the scope hashes separately. */
export function scopeParts(config: Config): { config: ScopedConfig; proof: ProofCommand[] } {
  const { proof, $schema: _schema, ...rest } = config
  return { config: structuredClone(rest), proof: structuredClone(proof) }
}

/** Absolute path of the scope file under a state dir. */
export function scopePath(stateDir: string): string {
  return join(stateDir, SCOPE_FILE)
}

/**
 * Records the scope of `config` (the effective config, env overrides included) in
 * `<stateDir>/scope.json`, replacing any earlier one atomically, and returns what was written.
 */
export async function recordScope(stateDir: string, options: { sha: string; configFile: string | null; config: Config; now?: Date }): Promise<ScopeRecord> {
  const parts = scopeParts(options.config)
  const record: ScopeRecord = {
    version: 1,
    recordedAt: (options.now ?? new Date()).toISOString(),
    sha: options.sha,
    configFile: options.configFile,
    configHash: hashValue(parts.config),
    proofHash: hashValue(parts.proof),
    config: parts.config,
    proof: parts.proof,
  }
  await writeJsonAtomic(scopePath(stateDir), record)
  return record
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const scopeFileSchema = z.object({
  version: z.literal(1),
  recordedAt: z.iso.datetime(),
  sha: z.string(),
  configFile: z.string().nullable(),
  configHash: hex64,
  proofHash: hex64,
  config: z.record(z.string(), z.unknown()),
  proof: z.array(z.object({ name: z.string(), run: z.string(), timeout: z.number() })),
})

/**
 * Parses the text of a scope file. Anything that is not a scope record, or whose hashes do not
 * match its own values (a hand edit), is `unreadable`: a lock that cannot be read must not pass.
 */
export function parseScope(text: string): ScopeState {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { state: 'unreadable', reason: 'it is not valid JSON' }
  }
  const parsed = scopeFileSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { state: 'unreadable', reason: `it is not a scope record (${issue === undefined ? 'unknown problem' : `${issue.path.join('.') || 'top level'}: ${issue.message}`})` }
  }
  const scope = parsed.data as ScopeRecord
  if (hashValue(scope.config) !== scope.configHash || hashValue(scope.proof) !== scope.proofHash) {
    return { state: 'unreadable', reason: 'its recorded values do not match its hashes (edited by hand?)' }
  }
  return { state: 'recorded', scope }
}

/**
 * Reads `<stateDir>/scope.json`: `none` when absent, `unreadable` when it does not parse.
 * @throws the read error for anything but a missing file.
 */
export async function readScope(stateDir: string): Promise<ScopeState> {
  const text = await readIfExists(scopePath(stateDir))
  return text === null ? { state: 'none' } : parseScope(text)
}

function show(value: unknown): string {
  if (value === undefined) return '(unset)'
  if (typeof value === 'string') return value
  return canonicalJson(value)
}

function diffValues(path: string, before: unknown, after: unknown, out: string[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    for (const key of keys) diffValues(path === '' ? key : `${path}.${key}`, before[key], after[key], out)
    return
  }
  if (canonicalJson(before) !== canonicalJson(after)) out.push(`${path}: ${show(before)} → ${show(after)}`)
}

function diffProof(before: readonly ProofCommand[], after: readonly ProofCommand[], out: string[]): void {
  const now = new Map(after.map((c) => [c.name, c]))
  const then = new Map(before.map((c) => [c.name, c]))
  for (const c of before) if (!now.has(c.name)) out.push(`proof: removed '${c.name}'`)
  for (const c of after) if (!then.has(c.name)) out.push(`proof: added '${c.name}'`)
  for (const c of after) {
    const old = then.get(c.name)
    if (old === undefined) continue
    if (old.run !== c.run) out.push(`proof '${c.name}': run changed`)
    if (old.timeout !== c.timeout) out.push(`proof '${c.name}': timeout ${old.timeout} → ${c.timeout}`)
  }
  const kept = (list: readonly ProofCommand[], other: Map<string, ProofCommand>): string[] => list.filter((c) => other.has(c.name)).map((c) => c.name)
  const order = kept(before, now)
  const newOrder = kept(after, then)
  if (order.join('\0') !== newOrder.join('\0')) out.push(`proof: order ${order.join(', ')} → ${newOrder.join(', ')}`)
}

/**
 * Every difference between the recorded scope and `current` (the effective config of this run),
 * settings first (dotted key paths, `gates.tests.mode: blocking → advisory`), then the proof list
 * matched by name (`proof: removed 'build'`, `proof 'lint': run changed`,
 * `proof 'e2e': timeout 300 → 30`). Empty when nothing changed.
 */
export function scopeChanges(recorded: Pick<ScopeRecord, 'config' | 'proof'>, current: Config): string[] {
  const parts = scopeParts(current)
  const out: string[] = []
  // Round-trip through JSON so that both sides look alike (undefined keys dropped), as recorded.
  diffValues('', JSON.parse(JSON.stringify(recorded.config)), JSON.parse(JSON.stringify(parts.config)), out)
  diffProof(recorded.proof, parts.proof, out)
  return out
}

/** At most MAX_SCOPE_ITEMS differences joined with `; `, then `+N more`. */
export function describeChanges(items: readonly string[]): string {
  const shown = items.slice(0, MAX_SCOPE_ITEMS).join('; ')
  return items.length > MAX_SCOPE_ITEMS ? `${shown}; +${items.length - MAX_SCOPE_ITEMS} more` : shown
}

/** `2026-11-21T10:00:12.345Z` → `2026-11-21T10:00Z`, for summaries. */
export function minuteOf(iso: string): string {
  return `${iso.slice(0, 16)}Z`
}
