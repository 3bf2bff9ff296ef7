// Every rule id a gate reports, as `<gate>/<rule>` with its default severity: the keys the
// `rules:` section of `.proofgate.yml` accepts, and how the runner applies them (per-rule severity).
import { RULE_DEFAULTS } from './registry.generated.js'
import { severityRank, type FindingInput, type GateId } from './types.js'

/**
 * `<gate>/<rule>` → default severity, for every rule in the gates' `meta.rules`: generated from the
 * registry by scripts/generate-docs.mjs (checked by `--check`), because the findings model must
 * not import the gates. ESLint rule ids and TypeScript codes reported by static-analysis are the
 * repository's own and are not listed: their severities come from its ESLint config.
 */
export { RULE_DEFAULTS }

/** A configurable rule id, `<gate>/<rule>`. */
export type RuleKey = keyof typeof RULE_DEFAULTS
/** Every configurable rule id, in the table's order (gate report order). */
export const RULE_KEYS = Object.keys(RULE_DEFAULTS) as RuleKey[]

/** What `rules:` may set a rule to: a severity, or `off` (its findings are dropped). */
export const RULE_LEVELS = ['critical', 'high', 'medium', 'low', 'info', 'off'] as const
/** One of RULE_LEVELS. */
export type RuleLevel = (typeof RULE_LEVELS)[number]
/** The `rules:` section of the effective config: only the rules it names. */
export type RuleLevels = Partial<Record<RuleKey, RuleLevel>>

/** The gate whose rules the config may raise but never lower or turn off: it reports that very loosening. */
export const UNLOWERABLE_GATE = 'gate-integrity' satisfies GateId

/** 0 for `off`, then 1 (info) … 5 (critical): larger is stricter. */
export function levelStrength(level: RuleLevel): number {
  return level === 'off' ? 0 : 5 - severityRank(level)
}

/** The words every report shows beside a finding whose severity the config set. */
export const SEVERITY_SOURCE_NOTE = 'severity set in .proofgate.yml'

/**
 * The `rules:` key of a finding: `<gate>/<ruleId>`, or `<gate>/<rule>` for an id `<rule>/<name>` of
 * a rule reported under many ids (RuleMeta.family: the review gate's `reviewer/<name>`).
 */
export function ruleKeyOf(gate: string, ruleId: string): string {
  const key = `${gate}/${ruleId}`
  if (Object.hasOwn(RULE_DEFAULTS, key)) return key
  const slash = ruleId.indexOf('/')
  const family = slash > 0 ? `${gate}/${ruleId.slice(0, slash)}` : key
  return Object.hasOwn(RULE_DEFAULTS, family) ? family : key
}

/**
 * What the config makes of one finding of `gate`: `null` to drop it (`off`), the finding itself
 * when no rule applies, else a copy with the configured severity, `severitySource: 'config'` and
 * `defaultSeverity` (what the gate reported). A gate-integrity rule is only ever raised (a lower
 * level or `off` leaves the finding as reported). The runner's own fail-closed findings
 * (runner/fail-closed.ts) never come here: it keeps them as raised.
 */
export function applyRuleLevel(gate: GateId, finding: FindingInput, rules: RuleLevels): FindingInput | null {
  const level = rules[ruleKeyOf(gate, finding.ruleId) as RuleKey]
  if (level === undefined) return finding
  const reported = levelStrength(finding.severity)
  if (gate === UNLOWERABLE_GATE && levelStrength(level) <= reported) return finding
  if (level === 'off') return null
  if (level === finding.severity) return finding
  return { ...finding, severity: level, severitySource: 'config', defaultSeverity: finding.severity }
}

/** ` (severity set in .proofgate.yml; the gate reported high)` for a configured finding, else ''. */
export function severitySourceText(f: Pick<FindingInput, 'severitySource' | 'defaultSeverity'>): string {
  return f.severitySource === 'config' ? ` (${SEVERITY_SOURCE_NOTE}; the gate reported ${f.defaultSeverity ?? 'another'})` : ''
}

/**
 * The rule levels a range runs under: the version under test's, except where it is weaker than
 * the base's (a severity lowered, `off` added, or a raise removed), where the base's stands, as
 * the base's gate-integrity mode does. `kept` lists those rules, in table order.
 */
export function stricterRules(base: RuleLevels, head: RuleLevels): { rules: RuleLevels; kept: RuleKey[] } {
  const rules: RuleLevels = { ...head }
  const kept: RuleKey[] = []
  for (const key of RULE_KEYS) {
    const then = base[key] ?? RULE_DEFAULTS[key]
    const now = head[key] ?? RULE_DEFAULTS[key]
    if (levelStrength(now) >= levelStrength(then)) continue
    kept.push(key)
    if (base[key] === undefined) delete rules[key]
    else rules[key] = base[key]
  }
  return { rules, kept }
}

/** `doc-coverage/readme-missing low, coverage/uncovered-lines off`: the levels a config sets, for the run's notes. */
export function describeRuleLevels(rules: RuleLevels): string {
  return RULE_KEYS.filter((k) => rules[k] !== undefined)
    .map((k) => `${k} ${rules[k]}`)
    .join(', ')
}
