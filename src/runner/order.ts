// The order gates start in, cheapest first, and which of them fail-fast may leave unstarted.
// The report keeps the registry's order (gates/index.ts); only the start order follows cost.
import type { GateId } from '../findings/types.js'
import type { GateResult } from './types.js'

/**
 * Every gate id, cheapest first: the static gates read the change set (and at most parse it), then
 * the gates that run the repository's test suite, proof commands or reviewers, and evidence, which reads
 * their results. A unit test checks that every registered gate is listed.
 */
export const COST_ORDER: readonly GateId[] = [
  'gate-integrity',
  'mock-integrity',
  'test-mutation',
  'semantic-tests',
  'doc-coverage',
  'static-analysis',
  'tests',
  'coverage',
  'proof',
  'review',
  'evidence',
]

/** The expensive gates that run the repository's suite, proof commands or reviewers (which may cost money): fail-fast leaves them unstarted once a cheap gate blocks. */
export const SUITE_GATES: ReadonlySet<GateId> = new Set<GateId>(['tests', 'coverage', 'proof', 'review'])

/**
 * The static gates: those listed before the first suite gate. Under fail-fast a suite gate waits
 * for those of them that do not execute the repository's code (runner.ts): not static-analysis.
 */
export const STATIC_GATES: ReadonlySet<GateId> = new Set(
  COST_ORDER.slice(
    0,
    COST_ORDER.findIndex((id) => SUITE_GATES.has(id)),
  ),
)

/** Position of `id` in {@link COST_ORDER}; an unlisted id sorts last. */
export function costRank(id: GateId): number {
  const rank = COST_ORDER.indexOf(id)
  return rank === -1 ? COST_ORDER.length : rank
}

/** A copy of `gates` sorted cheapest first (stable for equal ranks). */
export function byCost<T extends { gate: { id: GateId } }>(gates: readonly T[]): T[] {
  return [...gates].sort((a, b) => costRank(a.gate.id) - costRank(b.gate.id))
}

/**
 * `gate/rule` of the first blocking finding among `results` (the finished cheap gates, taken in
 * cost order), or null when none blocks: what a fail-fast skip names as the reason the push is blocked.
 */
export function firstBlock(results: readonly GateResult[]): string | null {
  for (const result of [...results].sort((a, b) => costRank(a.id) - costRank(b.id))) {
    const finding = result.findings.find((f) => f.blocking)
    if (finding !== undefined) return `${result.id}/${finding.ruleId}`
  }
  return null
}

/** The reason a fail-fast skip carries: `not run: the push is already blocked by test-mutation/tautology`. */
export function failFastReason(block: string): string {
  return `not run: the push is already blocked by ${block}`
}

/** The reason every gate but evidence carries on an empty change set: nothing is checked, and no tool starts. */
export const EMPTY_CHANGE_SET_REASON = 'not run: the change set is empty (evidence/empty-change-set decides the run)'
