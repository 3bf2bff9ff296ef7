// What the registry declares, as plain data for scripts/generate-docs.mjs (which bundles this
// module): the generated rule table, action.yml's gate list, docs tables and the JSON Schema.
import { configJsonSchema } from '../config/load.js'
import { configSchema } from '../config/schema.js'
import { ENGINE_GATE, ENGINE_RULES, RUN_LEVEL_RULES, type EngineRuleMeta } from '../runner/engine-rules.js'
import type { RuleFilter } from '../findings/rule.js'
import type { Severity } from '../findings/types.js'
import { GATES } from './index.js'
import type { Gate } from './types.js'

/** One gate as the docs show it; `timeout` in seconds. */
export interface GateEntry {
  id: string
  description: string
  defaultMode: string
  timeout: number
  /** Run by the pre-commit hook by default. */
  preCommit: boolean
  /** `depends` when a function of the config decides (coverage with `runner: report` runs nothing). */
  executesRepositoryCode: 'yes' | 'no' | 'depends'
  scansAll: boolean
  /** False when the diff filter does not apply to the gate's findings (GateMeta.diffFiltered). */
  diffFiltered: boolean
  /** The gate's own keys under `gates.<id>`, besides mode and timeout. */
  options: string[]
  /** Each rule's meta: `messages` (messageId → template) when it declares them, `filter` when it sets one (findings/rule.ts). */
  rules: Array<{
    id: string
    description: string
    defaultSeverity: Severity
    messages?: Readonly<Record<string, string>>
    filter?: RuleFilter
    approval?: true
    /** Reported as `<rule>/<name>` (RuleMeta.family). */
    family?: true
  }>
  /** The effective `gates.<id>` of an empty config: mode, timeout and every option's default. */
  defaults: Record<string, unknown>
}

/** A rule the engine reports itself (runner/engine-rules.ts); its page is docs/rules/proofgate/<id>.md. */
export interface EngineRuleEntry extends EngineRuleMeta {
  id: string
  /** `runner`: a fail-closed finding the runner stamps with a gate's id; `run-level`: a finding of the run itself (gate `proofgate`). */
  kind: 'runner' | 'run-level'
}

/** Every registered gate in report order, the engine's own rules, and the config's JSON Schema (draft 2020-12). */
export function catalog(): { gates: GateEntry[]; engineRules: EngineRuleEntry[]; engineGate: string; configSchema: unknown } {
  const defaults = configSchema.parse({}).gates as Record<string, Record<string, unknown>>
  const gates = (GATES as readonly Gate[]).map((g) => {
    const runs = g.meta.executesRepositoryCode
    return {
      id: g.id,
      description: g.meta.description,
      defaultMode: g.meta.defaultMode,
      timeout: g.meta.defaultTimeout,
      preCommit: g.meta.preCommit === true,
      executesRepositoryCode: typeof runs === 'function' ? 'depends' : runs === true ? 'yes' : 'no',
      scansAll: g.meta.scansAll === true,
      diffFiltered: g.meta.diffFiltered !== false,
      options: Object.keys(g.meta.options),
      rules: Object.entries(g.meta.rules).map(([id, r]) => ({
        id,
        description: r.description,
        defaultSeverity: r.defaultSeverity,
        ...(r.messages === undefined ? {} : { messages: r.messages }),
        ...(r.filter === undefined ? {} : { filter: r.filter }),
        ...(r.approval === true ? { approval: true as const } : {}),
        ...(r.declarable === true ? { declarable: true as const } : {}),
        ...(r.family === true ? { family: true as const } : {}),
      })),
      defaults: defaults[g.id] ?? {},
    } satisfies GateEntry
  })
  const engineRules = [
    ...Object.entries(ENGINE_RULES).map(([id, r]) => ({ id, ...r, kind: 'runner' as const })),
    ...Object.entries(RUN_LEVEL_RULES).map(([id, r]) => ({ id, ...r, kind: 'run-level' as const })),
  ]
  return { gates, engineRules, engineGate: ENGINE_GATE, configSchema: configJsonSchema() }
}
