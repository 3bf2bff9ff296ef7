// gate-integrity's comparison of the checklist and its held-out reservation between the base and
// the version under test: pure functions of the two versions; held-out items are never named.
import { parseReservation, CHECKLIST_FILE, HELD_OUT_FILE } from '../checklist/load.js'
import { reserve, reservedCount } from '../checklist/reserve.js'
import { parseChecklist, type ChecklistItem } from '../checklist/schema.js'
import { ProofgateError } from '../errors.js'
import { severityRank } from '../findings/types.js'
import { integrityFinding, LOOSENING_HELP, type IntegrityFinding } from './types.js'

/** Both versions of the checklist and of the reservation; null where absent. */
export interface ChecklistVersions {
  checklist: { old: string | null; next: string | null }
  reservation: { old: string | null; next: string | null }
}

type Side = { ok: true; items: ChecklistItem[] } | { ok: false; problem: string; line: number; column: number }

function readItems(text: string | null): Side {
  if (text === null) return { ok: true, items: [] }
  try {
    return { ok: true, items: parseChecklist(text, CHECKLIST_FILE) }
  } catch (error) {
    if (!(error instanceof ProofgateError)) throw error
    const first = error.problems[0]
    return {
      ok: false,
      problem: first === undefined ? error.message : `${first.path === '' ? '' : `${first.path}: `}${first.message}`,
      line: first?.line ?? 1,
      column: first?.column ?? 1,
    }
  }
}

function reservedIds(text: string | null): string[] | null {
  if (text === null) return null
  try {
    return parseReservation(text, HELD_OUT_FILE).reserved
  } catch {
    return null
  }
}

function shown(command: string): string {
  const first = command.trim().split('\n')[0]!.trim()
  return `\`${first.length > 80 ? `${first.slice(0, 79)}…` : first}\``
}

/**
 * The loosenings of the checklist between `versions.checklist.old` (the base's) and `.next`:
 * `checklist-loosened` for a visible item removed, its verify changed or its severity lowered;
 * for a held-out item (the base's reservation, or the one the base's items would get) the same
 * edits without its id, and `heldout-removed` when it is gone. `path` is the file each finding is about.
 */
export function compareChecklist(versions: ChecklistVersions): Array<{ path: string; finding: IntegrityFinding }> {
  const out: Array<{ path: string; finding: IntegrityFinding }> = []
  const help = { help: LOOSENING_HELP }
  const prev = readItems(versions.checklist.old)
  const next = readItems(versions.checklist.next)
  if (!next.ok) {
    const at = { startLine: next.line, startColumn: next.column, severity: 'medium' as const, help: 'fix the checklist; proofgate exits 78 on it' }
    out.push({ path: CHECKLIST_FILE, finding: integrityFinding('checklist-loosened', 'invalid', { file: CHECKLIST_FILE, problem: next.problem }, at) })
    return out
  }
  const baseItems = prev.ok ? prev.items : []
  const reserved = new Set(reservedIds(versions.reservation.old) ?? reserve(baseItems.map((i) => i.id)))
  const nextById = new Map(next.items.map((i) => [i.id, i]))
  const file = CHECKLIST_FILE
  for (const old of baseItems) {
    const now = nextById.get(old.id)
    const held = reserved.has(old.id)
    if (now === undefined) {
      out.push({
        path: file,
        finding: held
          ? integrityFinding('heldout-removed', 'itemRemoved', { file }, help)
          : integrityFinding('checklist-loosened', 'itemRemoved', { id: old.id, file }, help),
      })
      continue
    }
    const lowered = severityRank(now.severity) > severityRank(old.severity)
    if (held) {
      const what = [now.verify !== old.verify ? 'its verify command' : '', lowered ? 'its severity, lowered' : ''].filter((w) => w !== '').join(' and ')
      if (what !== '') out.push({ path: file, finding: integrityFinding('checklist-loosened', 'heldOutChanged', { file, what }, help) })
      continue
    }
    if (now.verify !== old.verify) {
      out.push({
        path: file,
        finding: integrityFinding('checklist-loosened', 'verifyChanged', { id: old.id, from: shown(old.verify), to: shown(now.verify), file }, help),
      })
    }
    if (lowered) {
      out.push({
        path: file,
        finding: integrityFinding('checklist-loosened', 'severityLowered', { id: old.id, from: old.severity, to: now.severity, file }, help),
      })
    }
  }
  out.push(...compareReservation(versions.reservation))
  return out
}

/**
 * `heldout-removed` for a committed reservation edited or deleted, or one added (first committed)
 * that holds out fewer items than the rule gives its own `total`: an emptied reservation.
 */
function compareReservation(reservation: ChecklistVersions['reservation']): Array<{ path: string; finding: IntegrityFinding }> {
  const { old, next } = reservation
  const file = HELD_OUT_FILE
  const at = (messageId: 'reservationEdited' | 'reservationDeleted') => [
    { path: file, finding: integrityFinding('heldout-removed', messageId, { file }, { help: LOOSENING_HELP }) },
  ]
  if (old === next || next === null) return old === next ? [] : at('reservationDeleted')
  if (old !== null) return at('reservationEdited')
  let added
  try {
    added = parseReservation(next, HELD_OUT_FILE)
  } catch {
    return at('reservationEdited')
  }
  return added.reserved.length < reservedCount(added.total) ? at('reservationEdited') : []
}
