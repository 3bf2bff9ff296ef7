// The checklist gate's rules, with their messages by messageId. `checklist-item-failed` is about a
// visible item; `heldout-failed` exists only in `proofgate release`, and only its report names the item.
import { findingBuilder, type RuleTable } from '../rule-table.js'

/** The checklist gate's `meta.rules`. */
export const CHECKLIST_RULES = {
  'checklist-item-failed': {
    description: "A checklist item's verify command did not exit 0 (reported at the item's severity)",
    defaultSeverity: 'critical',
    filter: 'none',
    messages: {
      failed: "Checklist item '{{id}}' ({{title}}) failed: `{{command}}` exited with code {{exitCode}}. Last output:\n{{output}}",
      errored: "Checklist item '{{id}}' ({{title}}) did not finish: `{{command}}` {{why}}. Last output:\n{{output}}",
    },
  },
  'heldout-failed': {
    description: 'A held-out checklist item failed at release (only `proofgate release` runs held-out items)',
    defaultSeverity: 'critical',
    filter: 'none',
    messages: {
      failed: "Held-out checklist item '{{id}}' ({{title}}) failed: {{why}}. Last output:\n{{output}}",
      external: 'Held-out item #{{index}} of the external checklist failed: {{why}} (the external checklist is never named in a report).',
    },
  },
} as const satisfies RuleTable

/** A finding of one of {@link CHECKLIST_RULES}, its message formatted from `messageId` + data. */
export const checklistRuleFinding = findingBuilder(CHECKLIST_RULES)
