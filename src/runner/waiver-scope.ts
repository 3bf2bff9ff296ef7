// Which waivers a run could judge unused: one whose finding no gate that could report it looked
// for (the gate was off, skipped or errored; the file is outside the change set) is not unused.
import picomatch from 'picomatch'
import type { ChangeSet } from '../changes/types.js'
import type { LoadedWaiver } from '../findings/waivers.js'
import type { GateId } from '../findings/types.js'
import type { Gate, Scope } from '../gates/types.js'
import type { GateResult } from './types.js'

/** The gates whose findings `waiver` may match: the one its `gate/rule` names, else those declaring its rule, else every gate. */
function ownersOf(waiver: LoadedWaiver, gates: readonly Gate[]): GateId[] {
  const all = gates.map((g) => g.id)
  // A fingerprint names no gate; a rule the gates do not declare (an ESLint rule, a TypeScript code, gate-errored) may come from several.
  if (waiver.fingerprint !== undefined || waiver.rule === undefined) return all
  const slash = waiver.rule.indexOf('/')
  const named = slash < 0 ? undefined : gates.find((g) => g.id === waiver.rule!.slice(0, slash))
  if (named !== undefined) return [named.id]
  const declaring = gates.filter((g) => Object.hasOwn(g.meta.rules, waiver.rule!)).map((g) => g.id)
  return declaring.length > 0 ? declaring : all
}

/**
 * A predicate for WaiverMatcher.report's `undecided`: true when the run could not have reported the
 * waiver's finding, so an unused waiver says nothing about it. That is when a gate that may report it
 * did not finish (`pass` or `fail`: off, not selected by --gates, skipped, errored or inconclusive),
 * or, for a change set, when a rule waiver's path glob matches no changed file (unless every gate
 * that may report it ignores the diff filter).
 */
export function undecidedWaivers(results: readonly GateResult[], gates: readonly Gate[], changes: ChangeSet, scope: Scope): (waiver: LoadedWaiver) => boolean {
  const finished = new Set(results.filter((r) => r.status === 'pass' || r.status === 'fail').map((r) => r.id))
  return (waiver) => {
    const owners = ownersOf(waiver, gates)
    if (owners.some((id) => !finished.has(id))) return true
    if (scope === 'all' || waiver.fingerprint !== undefined || waiver.path === undefined) return false
    // Gates outside the diff filter (tests) report on files the change did not touch.
    if (owners.every((id) => gates.find((g) => g.id === id)?.meta.diffFiltered === false)) return false
    const glob = picomatch(waiver.path, { dot: true })
    return !changes.files.some((f) => f.status !== 'deleted' && glob(f.path))
  }
}
