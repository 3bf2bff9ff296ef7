// The rules the engine reports itself rather than a gate, as one list: the runner's fail-closed
// rules (declared in runner/fail-closed.ts, stamped with the gate they concern) and the waiver
// matcher's and the council's run-level rules (findings/waivers.ts, review/run-council.ts; gate `proofgate`). The SARIF reporter
// and the docs generator (through gates/catalog.ts) read them here; ruleDocsPath names every page.
import { ENGINE_GATE, WAIVER_RULES } from '../findings/waivers.js'
import { ESCALATION_RULES } from '../loop/escalation.js'
import { COUNCIL_RULES } from '../review/run-council.js'
import { FAIL_CLOSED_RULES, type EngineRuleMeta } from './fail-closed.js'

export { ENGINE_GATE, type EngineRuleMeta }

/** Rules the runner reports for a gate that could not finish (fail closed); see runner/fail-closed.ts. */
export const ENGINE_RULES: Readonly<Record<string, EngineRuleMeta>> = FAIL_CLOSED_RULES

/** The engine rules every gate can report (gate-refused only those that run repository code). */
export const ENGINE_RULES_FOR_EVERY_GATE = ['gate-errored', 'gate-timeout'] as const satisfies ReadonlyArray<keyof typeof FAIL_CLOSED_RULES>

/**
 * Run-level rules (gate `proofgate`), reported by the waiver matcher (findings/waivers.ts), by
 * uncertainty escalation (loop/escalation.ts) and by the override council (review/run-council.ts).
 */
export const RUN_LEVEL_RULES: Readonly<Record<string, EngineRuleMeta>> = { ...WAIVER_RULES, ...ESCALATION_RULES, ...COUNCIL_RULES }

/**
 * The repository-relative path of a rule's docs page: `docs/rules/<gate>/<rule>.md` for a rule a
 * gate declares, `docs/rules/proofgate/<rule>.md` for an engine or run-level rule whatever gate
 * it is stamped with. The caller decides whether the rule has a page at all.
 */
export function ruleDocsPath(gate: string, ruleId: string): string {
  const engine = Object.hasOwn(ENGINE_RULES, ruleId) || (gate === ENGINE_GATE && Object.hasOwn(RUN_LEVEL_RULES, ruleId))
  return `docs/rules/${engine ? ENGINE_GATE : gate}/${ruleId}.md`
}
