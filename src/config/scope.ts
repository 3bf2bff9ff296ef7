// The scope lock: `proofgate start` records the effective configuration and the proof commands in
// `.proofgate/scope.json`; later runs name every difference, so a quietly loosened gate shows.
import { dirname, join } from 'node:path'
import * as z from 'zod'
import { canonicalJson, configDifferences, hashValue, proofDifferences } from './diff.js'
import type { Config, ProofCommand } from './schema.js'
import { readRealFile } from '../util/real-file.js'
import { writeStateJson } from '../util/state.js'

export { canonicalJson, hashValue } from './diff.js'

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
export type ScopeState = { state: 'none' } | { state: 'unreadable'; reason: string } | { state: 'recorded'; scope: ScopeRecord }

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
  await writeStateJson(scopePath(stateDir), record)
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
    return {
      state: 'unreadable',
      reason: `it is not a scope record (${issue === undefined ? 'unknown problem' : `${issue.path.join('.') || 'top level'}: ${issue.message}`})`,
    }
  }
  const scope = parsed.data as ScopeRecord
  if (hashValue(scope.config) !== scope.configHash || hashValue(scope.proof) !== scope.proofHash) {
    return { state: 'unreadable', reason: 'its recorded values do not match its hashes (edited by hand?)' }
  }
  return { state: 'recorded', scope }
}

/**
 * Reads `<stateDir>/scope.json`: `none` when nothing is there, `unreadable` when it does not
 * parse, cannot be read, is not a regular file, or is a symbolic link (or `stateDir` is one):
 * a link is never followed, since it could point the lock at a record that was never this
 * repository's. Never throws.
 */
export async function readScope(stateDir: string): Promise<ScopeState> {
  const found = await readRealFile(dirname(stateDir), scopePath(stateDir))
  switch (found.kind) {
    case 'missing':
      return { state: 'none' }
    case 'symlink':
      return {
        state: 'unreadable',
        reason:
          found.via === undefined
            ? 'it is a symbolic link, which proofgate never follows'
            : `it lies under the symbolic link ${found.via}, which proofgate never follows`,
      }
    case 'not-a-file':
      return { state: 'unreadable', reason: 'it is not a regular file' }
    case 'unreadable':
      return { state: 'unreadable', reason: `it cannot be read (${found.reason})` }
    case 'file':
      return parseScope(found.text)
  }
}

function comparePaths(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = String(a[i])
    const y = String(b[i])
    if (x !== y) return x < y ? -1 : 1
  }
  return a.length - b.length
}

function show(value: unknown): string {
  if (value === undefined) return '(unset)'
  if (typeof value === 'string') return value
  return canonicalJson(value)
}

/**
 * Every difference between the recorded scope and `current` (the effective config of this run),
 * settings first (dotted key paths, `gates.tests.mode: blocking → advisory`), then the proof list
 * matched by name (`proof: removed 'build'`, `proof 'lint': run changed`,
 * `proof 'e2e': timeout 300 → 30`). Empty when nothing changed.
 */
export function scopeChanges(recorded: Pick<ScopeRecord, 'config' | 'proof'>, current: Config): string[] {
  const parts = scopeParts(current)
  // Round-trip through JSON so that both sides look alike (undefined keys dropped), as recorded.
  const settings = configDifferences(JSON.parse(JSON.stringify(recorded.config)), JSON.parse(JSON.stringify(parts.config)))
  // Named in key order at every depth, whatever order the recorded file kept.
  settings.sort((x, y) => comparePaths(x.path, y.path))
  const out = settings.map((d) => `${d.path.join('.')}: ${show(d.prev)} → ${show(d.next)}`)
  const proof = proofDifferences(recorded.proof, parts.proof)
  for (const c of proof.removed) out.push(`proof: removed '${c.name}'`)
  for (const { command } of proof.added) out.push(`proof: added '${command.name}'`)
  for (const { before, after } of proof.changed) {
    if (before.run !== after.run) out.push(`proof '${after.name}': run changed`)
    if (before.timeout !== after.timeout) out.push(`proof '${after.name}': timeout ${before.timeout} → ${after.timeout}`)
  }
  if (proof.reordered) out.push(`proof: order ${proof.order.before.join(', ')} → ${proof.order.after.join(', ')}`)
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
