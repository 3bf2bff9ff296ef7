// Differences between two effective configurations, for the two readers that name them:
// gate-integrity's config-weakened (base vs version under test) and the proof gate's scope lock.
import { createHash } from 'node:crypto'
import type { ProofCommand } from './schema.js'

/** A key path into a config: `['gates', 'tests', 'mode']`. */
export type ConfigPath = ReadonlyArray<string | number>

/** True for a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** JSON with object keys sorted at every depth (arrays keep their order), so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (!isPlainObject(value)) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => [k, sortKeys(value[k])]),
  )
}

/** sha256 (64 hex characters) of the canonical JSON of `value`. */
export function hashValue(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex')
}

/**
 * Every setting whose value differs, depth first in key order (`prev`'s keys, then those only
 * `next` has: for effective configs, the schema's order); lists compare whole, by canonical JSON;
 * `$schema` is not a setting. A key present on one side only differs from `undefined`.
 */
export function configDifferences(prev: unknown, next: unknown): Array<{ path: ConfigPath; prev: unknown; next: unknown }> {
  const out: Array<{ path: ConfigPath; prev: unknown; next: unknown }> = []
  const walk = (a: unknown, b: unknown, path: Array<string | number>): void => {
    if (isPlainObject(a) && isPlainObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (key !== '$schema') walk(a[key], b[key], [...path, key])
      }
      return
    }
    if (canonicalJson(a) !== canonicalJson(b)) out.push({ path, prev: a, next: b })
  }
  walk(prev, next, [])
  return out
}

/** How two `proof:` lists differ, commands matched by name. */
export interface ProofDifferences {
  /** In the old list's order. */
  removed: ProofCommand[]
  /** With the index in the new list. */
  added: Array<{ command: ProofCommand; index: number }>
  /** Commands kept whose `run` or `timeout` changed, with the index in the new list. */
  changed: Array<{ before: ProofCommand; after: ProofCommand; index: number }>
  /** True when the commands on both sides run in another order. */
  reordered: boolean
  /** The kept names in the old and in the new order. */
  order: { before: string[]; after: string[] }
}

/** Compares two `proof:` lists by command name. */
export function proofDifferences(before: readonly ProofCommand[], after: readonly ProofCommand[]): ProofDifferences {
  const then = new Map(before.map((c) => [c.name, c]))
  const now = new Map(after.map((c) => [c.name, c]))
  const added: ProofDifferences['added'] = []
  const changed: ProofDifferences['changed'] = []
  after.forEach((command, index) => {
    const old = then.get(command.name)
    if (old === undefined) added.push({ command, index })
    else if (old.run !== command.run || old.timeout !== command.timeout) changed.push({ before: old, after: command, index })
  })
  const order = { before: before.filter((c) => now.has(c.name)).map((c) => c.name), after: after.filter((c) => then.has(c.name)).map((c) => c.name) }
  return { removed: before.filter((c) => !now.has(c.name)), added, changed, reordered: order.before.join('\0') !== order.after.join('\0'), order }
}
