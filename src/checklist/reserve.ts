// The held-out reservation rule of Loki Mode's held-out spec evals, exactly: which checklist items
// are kept out of everything the build loop sees. Pure: no files, no clock, no randomness.
import { createHash } from 'node:crypto'

/** Below this many items nothing is reserved: a checklist of three has no slice to spare. */
export const MIN_ITEMS_TO_RESERVE = 4
/** The most items ever reserved, whatever the checklist's size. */
export const MAX_RESERVED = 5

/**
 * How many of `total` items are held out: 0 for `total < 4`, else `round(0.25 × total)` clamped
 * to 1..5 (4 → 1, 10 → 3 (2.5 rounds up), 20 → 5, 100 → 5).
 */
export function reservedCount(total: number): number {
  if (total < MIN_ITEMS_TO_RESERVE) return 0
  return Math.min(MAX_RESERVED, Math.max(1, Math.round(0.25 * total)))
}

/** Lower-case hex sha256 of `id`'s UTF-8 bytes: the item's rank key. */
export function idRank(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex')
}

/**
 * The ids to hold out of `ids` (unique item ids): the first {@link reservedCount} of them ranked
 * by the sha256 hex of the id, ascending. Deterministic: the same ids give the same choice in
 * any order. Source: Loki Mode's held-out spec evals (issue 20).
 */
export function reserve(ids: readonly string[]): string[] {
  const count = reservedCount(ids.length)
  return ids
    .map((id) => ({ id, rank: idRank(id) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, count)
    .map((r) => r.id)
}

/**
 * sha256 hex of the held-out items as canonical JSON (`[[id, title, verify], …]` sorted by id):
 * names a held-out set, and changes when any item's command or title does, without naming an item.
 * Whole items, not ids alone: a slug id such as `export-csv` could be guessed back from its hash,
 * and a one-item set's id hash would be the item's reservation rank.
 */
export function setSha256(items: ReadonlyArray<{ id: string; title: string; verify: string }>): string {
  const canonical = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((i) => [i.id, i.title, i.verify])
  return createHash('sha256').update(JSON.stringify(canonical), 'utf8').digest('hex')
}
