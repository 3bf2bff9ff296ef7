// The review gate's rules, with their messages by messageId: `reviewer` is one rule unit reported
// once per reviewer as `reviewer/<name>` (its page is docs/rules/review/reviewer.md), and `review-inconclusive`.
import { findingBuilder, type RuleTable } from '../rule-table.js'

/** The review gate's `meta.rules`. */
export const REVIEW_RULES = {
  reviewer: {
    description: 'A reviewer command reported a finding on the change; reported as `reviewer/<name>`, critical and high block',
    defaultSeverity: 'high',
    family: true,
    messages: {
      finding: '{{message}} (reviewer {{reviewer}})',
      devilsAdvocate: "{{message}} (devil's advocate {{reviewer}}, after every picked reviewer passed)",
    },
  },
  'review-inconclusive': {
    description: 'A reviewer exited non-zero, timed out, crashed or printed no verdict: the review round fails closed',
    defaultSeverity: 'high',
    filter: 'always',
    messages: {
      noVerdict: "{{role}} '{{reviewer}}' gave no verdict: {{problem}}. A review round without a verdict cannot pass.",
      failWithoutFindings: "{{role}} '{{reviewer}}' answered FAIL but reported no finding, so nothing says what to fix.",
    },
  },
} as const satisfies RuleTable

/** A finding of one of {@link REVIEW_RULES}, its message formatted from `messageId` + data. */
export const reviewRuleFinding = findingBuilder(REVIEW_RULES)
