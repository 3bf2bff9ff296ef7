// The rules the engine reports itself rather than a gate: the runner's fail-closed findings
// (stamped with the gate they concern) and the waiver matcher's run-level findings (gate
// `proofgate`). Declared here, in the findings model, so the SARIF reporter and the docs
// generator (through gates/catalog.ts) read one list; every rule's page is named by ruleDocsPath.
import type { Severity } from './types.js'

/** A rule's declared facts: what it catches and the severity it is reported with. */
export interface EngineRuleMeta {
  description: string
  defaultSeverity: Severity
  /** Which gates the finding can be stamped with, as the rule pages say it. */
  reportedFor: string
}

/**
 * Rules the runner reports for a gate that could not finish (fail closed); the runner stamps the
 * gate's id on them, so no gate declares them. `gate-refused` only concerns gates that execute
 * repository code.
 */
export const ENGINE_RULES: Readonly<Record<string, EngineRuleMeta>> = {
  'gate-errored': { description: 'The gate threw; a gate that cannot finish fails closed', defaultSeverity: 'critical', reportedFor: 'any gate' },
  'gate-timeout': { description: 'The gate exceeded its timeout', defaultSeverity: 'critical', reportedFor: 'any gate' },
  'gate-refused': {
    description: "The gate executes the repository's code and refused to run where that code is untrusted",
    defaultSeverity: 'critical',
    reportedFor: 'gates that run repository code',
  },
}

/** The engine rules every gate can report (gate-refused only those that run repository code). */
export const ENGINE_RULES_FOR_EVERY_GATE = ['gate-errored', 'gate-timeout'] as const

/** The gate id of run-level findings, and the docs directory of every engine rule's page. */
export const ENGINE_GATE = 'proofgate'

/** Run-level rules (gate `proofgate`), reported by the waiver matcher (findings/waivers.ts). */
export const RUN_LEVEL_RULES: Readonly<Record<string, EngineRuleMeta>> = {
  'waiver-expired': { description: "A waiver's expires date has passed; it no longer applies", defaultSeverity: 'low', reportedFor: ENGINE_GATE },
  'waiver-unused': { description: 'A waiver matched no finding in this run', defaultSeverity: 'low', reportedFor: ENGINE_GATE },
}

/**
 * The repository-relative path of a rule's docs page: `docs/rules/<gate>/<rule>.md` for a rule a
 * gate declares, `docs/rules/proofgate/<rule>.md` for an engine or run-level rule whatever gate
 * it is stamped with. The caller decides whether the rule has a page at all.
 */
export function ruleDocsPath(gate: string, ruleId: string): string {
  const engine = Object.hasOwn(ENGINE_RULES, ruleId) || (gate === ENGINE_GATE && Object.hasOwn(RUN_LEVEL_RULES, ruleId))
  return `docs/rules/${engine ? ENGINE_GATE : gate}/${ruleId}.md`
}
