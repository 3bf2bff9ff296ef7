// A gate's rules as one table of rule metas with their messages by messageId (findings/rule.ts),
// and a finding builder over it that formats a report by messageId + data, as ESLint's
// `context.report` does; the gate then hands the finding to its context unchanged.
import { formatMessage, type MessageData, type RuleMeta } from '../findings/rule.js'
import type { FindingInput } from '../findings/types.js'

/** A gate's `meta.rules` where every rule declares its messages. */
export type RuleTable = Readonly<Record<string, RuleMeta & { messages: Readonly<Record<string, string>> }>>

/** The messageIds of rule `R` of table `T`, e.g. `'failed' | 'failedWithMessage'`. */
export type MessageIdOf<T extends RuleTable, R extends keyof T> = keyof T[R]['messages'] & string

/**
 * Everything of a finding besides its rule and text: where it sits, what to do next, how the
 * filter treats it. `severity` defaults to the rule's `defaultSeverity`.
 */
export type FindingPlace = Omit<FindingInput, 'ruleId' | 'messageId' | 'message' | 'severity'> & Partial<Pick<FindingInput, 'severity'>>

/** Builds a finding of a rule of one table: `(ruleId, messageId, data, place) → FindingInput`. */
export type FindingBuilder<T extends RuleTable> = <R extends keyof T & string>(
  ruleId: R,
  messageId: MessageIdOf<T, R>,
  data: MessageData,
  place?: FindingPlace,
) => FindingInput

/**
 * The finding builder of `table`: the message is the rule's `messageId` template filled with
 * `data`, the severity the rule's default unless `place` gives one.
 * @throws Error (from the builder) when the rule has no such messageId; a programming error the rule tests catch.
 */
export function findingBuilder<T extends RuleTable>(table: T): FindingBuilder<T> {
  return (ruleId, messageId, data, place = {}) => {
    const meta = table[ruleId]!
    return { ruleId, messageId, severity: meta.defaultSeverity, message: formatMessage(ruleId, meta, messageId, data), ...place }
  }
}
