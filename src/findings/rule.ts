// The rule contract, ESLint-style: a rule is a unit with `meta` (description, default severity,
// messages by messageId, docs page, how the diff filter treats it) and reports by messageId + data.
import type { Severity } from './types.js'

/**
 * How the diff filter treats a rule's findings under the `added`/`diff_context` filter modes:
 * - `line`: kept when `startLine` is in the filter (the default for a line-anchored finding);
 * - `lines`: kept when `startLine` or one of the finding's `filterLines` is (an assertion made
 *   unreachable by a `return` the change added above it);
 * - `always`: never filtered (a changed file that could not be analysed may hide anything);
 * - `none`: never filtered because the gate's findings are facts about the whole change
 *   (`GateMeta.diffFiltered: false`).
 */
export type RuleFilter = 'line' | 'lines' | 'always' | 'none'

/** What a rule declares about itself; the gate's `meta.rules`, the docs pages and SARIF descriptors read it. */
export interface RuleMeta {
  description: string
  defaultSeverity: Severity
  /** messageId → message template; `{{name}}` is replaced by `data.name` when the rule reports. */
  messages?: Readonly<Record<string, string>>
  /** How the diff filter applies to the rule's findings ({@link RuleFilter}); unset: `line`. */
  filter?: RuleFilter
  /**
   * True when a reviewer's approval of the pull request resolves a blocking finding of the rule:
   * it is reported as *needs approval* (findings/verdict.ts `needsReviewer`) and stops blocking once
   * a member or collaborator approves the head commit. For what only a person can judge: a loosened
   * config, or an expected value that changed with the implementation (an intended behaviour change
   * and a test fitted to broken code look the same in the diff).
   */
  approval?: true
  /**
   * True when the change itself can declare what a finding of the rule flags (a behaviour-change
   * trailer, a `feat!:` subject, a changeset or changelog entry, the PR label): a declared one is
   * medium. So where no reviewer can approve (the pre-push hook) an undeclared one blocks, whatever
   * `hooks.pre-push.block-on-approval` says: the way forward is local.
   */
  declarable?: true
  /**
   * True when the rule is one unit reported under many ids, `<rule>/<name>` (the review gate's
   * `reviewer/<reviewer name>`): `rules:` severities, SARIF descriptors and the docs page of
   * `<rule>` apply to each of them.
   */
  family?: true
}

/**
 * The declared rule a reported id belongs to: `ruleId` itself when `rules` declares it, else
 * `<rule>` of `<rule>/<name>` when `rules` declares that rule as a family; undefined otherwise.
 */
export function declaredRuleId(rules: Readonly<Record<string, RuleMeta>>, ruleId: string): string | undefined {
  if (Object.hasOwn(rules, ruleId)) return ruleId
  const slash = ruleId.indexOf('/')
  if (slash <= 0) return undefined
  const family = ruleId.slice(0, slash)
  return Object.hasOwn(rules, family) && rules[family]!.family === true ? family : undefined
}

/** The data a message template is filled with: `{{name}}` → `String(data.name)`. */
export type MessageData = Readonly<Record<string, string | number>>

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g

/**
 * Fills `{{name}}` placeholders of `template` from `data` in one pass, as ESLint's interpolate
 * does: a value containing `{{…}}` is not filled again, and a placeholder without data stays as written.
 */
export function interpolate(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : whole))
}

/**
 * The message of `messageId` of a rule, filled with `data`.
 * @throws Error when the rule declares no such messageId (a programming error, caught by the rule tests).
 */
export function formatMessage(ruleId: string, meta: Pick<RuleMeta, 'messages'>, messageId: string, data?: MessageData): string {
  const template = meta.messages?.[messageId]
  if (template === undefined) throw new Error(`rule ${ruleId} has no message '${messageId}'`)
  return interpolate(template, data)
}
