// The checklist a run judges: the committed checklist read from a trusted commit, split into the
// visible items and the held-out ones by the reservation `.proofgate/checklist/held-out.json`.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as z from 'zod'
import { readCommittedFile } from '../changes/entries.js'
import { decodeConfigBytes } from '../config/read.js'
import { ProofgateError } from '../errors.js'
import { readRealFile } from '../util/real-file.js'
import { writeStateText } from '../util/state.js'
import { reserve, setSha256 } from './reserve.js'
import { CHECKLIST_FILE, parseChecklist, type ChecklistItem } from './schema.js'

export { CHECKLIST_FILE, type ChecklistItem }

/** The reservation, repository-relative: written once, committed, never recomputed. */
export const HELD_OUT_FILE = '.proofgate/checklist/held-out.json'
/** The environment variable naming an external checklist (as `--checklist-file`). */
export const CHECKLIST_FILE_VARIABLE = 'PROOFGATE_CHECKLIST_FILE'

const reservationSchema = z.object({
  version: z.literal(1),
  reserved: z.array(z.string()),
  /** Items in the checklist when the reservation was made. */
  total: z.number().int().nonnegative(),
  createdAt: z.string(),
})

/** The contents of held-out.json. */
export type Reservation = z.infer<typeof reservationSchema>

/** A held-out item, with where it came from: `external` items never reach the repository. */
export interface HeldOutItem extends ChecklistItem {
  external: boolean
}

/** The checklist of a run, split; items in file order. */
export interface Checklist {
  /** Where the items were read: `<sha12>:.proofgate/checklist.yml`. */
  source: string
  visible: ChecklistItem[]
  /** Reserved items still in the checklist, then the external file's items (only when one was given). */
  heldOut: HeldOutItem[]
  /** Reserved ids no longer in the checklist (`heldout-removed` is gate-integrity's to report). */
  missingReserved: string[]
  /** sha256 of the held-out items' canonical JSON ({@link setSha256}): names the set, never an item. */
  heldOutSha256: string
  /** Where the reservation came from: the commit's file, the work tree's, written by this call, or none (fewer than 4 items). */
  reservation: 'committed' | 'work-tree' | 'written' | 'none'
}

/**
 * Parses held-out.json text; `file` names it in the error.
 * @throws ProofgateError PG_CHECKLIST_INVALID when it is not the reservation's JSON shape.
 */
export function parseReservation(text: string, file: string): Reservation {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw invalidReservation(file, error instanceof Error ? error.message : String(error))
  }
  const parsed = reservationSchema.safeParse(value)
  if (!parsed.success) throw invalidReservation(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '))
  return parsed.data
}

function invalidReservation(file: string, why: string): ProofgateError {
  return new ProofgateError('PG_CHECKLIST_INVALID', `The held-out reservation ${file} is not valid: ${why}.`, {
    hint: `restore ${HELD_OUT_FILE} from git (git checkout -- ${HELD_OUT_FILE}); it is written once and never edited by hand`,
  })
}

/** The text of held-out.json for `reserved` ids out of `total` items, made at `now`: pretty JSON, keys in a fixed order. */
export function reservationText(reserved: readonly string[], total: number, now: Date): string {
  return JSON.stringify({ version: 1, reserved: [...reserved], total, createdAt: now.toISOString() } satisfies Reservation, null, 2) + '\n'
}

/**
 * The reservation in force: the commit's committed file, else the work tree's (read without
 * following links), else a new one computed from `items` and written atomically (state.ts) when
 * there is anything to reserve (4 items or more). Never recomputed once a file exists, so items
 * added later are never drawn in.
 */
async function reservationFor(
  root: string,
  rev: string,
  items: readonly ChecklistItem[],
  now: Date,
): Promise<{ ids: string[]; kind: Checklist['reservation'] }> {
  const committed = await readCommittedFile(root, rev, HELD_OUT_FILE)
  if (committed !== null) return { ids: parseReservation(committed, `${rev.slice(0, 12)}:${HELD_OUT_FILE}`).reserved, kind: 'committed' }
  const onDisk = await readRealFile(root, join(root, HELD_OUT_FILE))
  if (onDisk.kind === 'file') return { ids: parseReservation(onDisk.text, HELD_OUT_FILE).reserved, kind: 'work-tree' }
  if (onDisk.kind !== 'missing') {
    throw new ProofgateError(
      'PG_STATE_UNSAFE',
      `${HELD_OUT_FILE} is ${onDisk.kind === 'unreadable' ? `unreadable (${onDisk.reason})` : 'not a regular file (a link or a directory)'}.`,
      {
        hint: `remove it and commit the reservation proofgate writes there`,
      },
    )
  }
  const ids = reserve(items.map((i) => i.id))
  if (ids.length === 0) return { ids, kind: 'none' }
  await writeStateText(join(root, HELD_OUT_FILE), reservationText(ids, items.length, now))
  return { ids, kind: 'written' }
}

/**
 * Reads an external checklist (`--checklist-file`): every item is held out. Its contents never
 * reach the repository or a log: problems give the file, line, column and key path, never the
 * message (which would quote a value).
 * @throws ProofgateError PG_CHECKLIST_INVALID when it is missing, unreadable or invalid.
 */
export async function readExternalChecklist(path: string): Promise<ChecklistItem[]> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new ProofgateError(
      'PG_CHECKLIST_INVALID',
      `The external checklist ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      {
        hint: `check --checklist-file / ${CHECKLIST_FILE_VARIABLE}: the release job writes the file from a CI secret before it runs proofgate`,
        cause: error,
      },
    )
  }
  try {
    return parseChecklist(decodeConfigBytes(bytes, path), path)
  } catch (error) {
    if (!(error instanceof ProofgateError) || error.code !== 'PG_CHECKLIST_INVALID') throw error
    // Problem messages quote values (`duplicate id "…"`, `got "…"`): a release job's log is no place for the secret's text.
    throw new ProofgateError('PG_CHECKLIST_INVALID', error.message, {
      problems: error.problems.map((p) => ({ ...p, message: 'invalid here (the message is withheld: the external checklist is secret)' })),
      hint: `fix the file the release job writes from its secret at the positions above; ${error.hint ?? ''}`.replace(/; $/, ''),
    })
  }
}

/**
 * The checklist of commit `rev` (a trusted commit: a run's base, a release's tag), split into
 * visible and held-out items; null when `rev` has no `.proofgate/checklist.yml` and no external
 * items are given. `external` (already read) items are all held out and never written anywhere.
 * @throws ProofgateError PG_CHECKLIST_INVALID (exit 78, file:line:column) for an invalid checklist
 *   or reservation, or an external id that repeats a committed one; PG_STATE_UNSAFE /
 *   PG_STATE_UNWRITABLE when the reservation cannot be written safely; PG_GIT_FAILED.
 */
export async function loadChecklist(
  root: string,
  rev: string,
  options: { external?: readonly ChecklistItem[]; externalFile?: string; now?: Date } = {},
): Promise<Checklist | null> {
  const text = await readCommittedFile(root, rev, CHECKLIST_FILE)
  const external = options.external ?? []
  if (text === null && external.length === 0) return null
  const source = `${rev.slice(0, 12)}:${CHECKLIST_FILE}`
  const items = text === null ? [] : parseChecklist(text, source)
  const ids = new Set(items.map((i) => i.id))
  const clash = external.find((i) => ids.has(i.id))
  if (clash !== undefined) {
    const named = options.externalFile === undefined ? 'The external checklist' : `The external checklist ${options.externalFile}`
    throw new ProofgateError('PG_CHECKLIST_INVALID', `${named} repeats an id of ${source}.`, {
      hint: 'give external items ids of their own (a prefix such as `ext-` keeps them apart)',
    })
  }
  const { ids: reserved, kind } = items.length === 0 ? { ids: [], kind: 'none' as const } : await reservationFor(root, rev, items, options.now ?? new Date())
  const reservedSet = new Set(reserved)
  const heldOut: HeldOutItem[] = [
    ...items.filter((i) => reservedSet.has(i.id)).map((i) => ({ ...i, external: false })),
    ...external.map((i) => ({ ...i, external: true })),
  ]
  return {
    source,
    visible: items.filter((i) => !reservedSet.has(i.id)),
    heldOut,
    missingReserved: reserved.filter((id) => !ids.has(id)),
    heldOutSha256: setSha256(heldOut),
    reservation: kind,
  }
}
