// The test-mutation rules as units: each rule's meta (findings/rule.ts) with its messages by
// messageId, and `mutationFinding`, which formats a report by messageId + data the way ESLint's
// `context.report` does. The detection stays in mutation.ts, one function per rule family; the
// templates below reproduce its former template literals byte for byte (fingerprints hash the text).
import { formatMessage, type MessageData, type RuleMeta } from '../findings/rule.js'
import type { Severity } from '../findings/types.js'

/** The test-mutation gate's rules, default severities and messages (the rule table of docs/gates.md lists the same ids). */
export const TEST_MUTATION_RULES = {
  'expected-value-changed': {
    description: 'The expected value of an existing assertion changed while its paired implementation changed in the range',
    defaultSeverity: 'high',
    approval: true,
    declarable: true,
    messages: { changed: "Expected value in '{{title}}' changed from `{{from}}` to `{{to}}` {{why}}" },
  },
  'assertion-weakened': {
    description:
      'A matcher replaced by a weaker one (toBe → toBeDefined, toEqual → toMatchObject with fewer keys, a widened regex) alongside an implementation change',
    defaultSeverity: 'high',
    messages: {
      weakerMatcher: "In '{{title}}', `{{from}}` ({{fromStrength}}) became `{{to}}` ({{toStrength}}) {{why}}: `{{assertion}}`",
      checksLess: "In '{{title}}', `{{matcher}}` checks less: {{reason}} {{why}}: `{{assertion}}`",
    },
  },
  'assertion-deleted': {
    description:
      'Assertions removed from an existing test, an existing test deleted, or an assertion of a table test (test.each) put under a condition on its row, while the paired implementation changed',
    defaultSeverity: 'high',
    approval: true,
    declarable: true,
    messages: {
      assertionsLost: "'{{title}}' lost {{count}} {{assertions}} {{why}}: `{{first}}`{{more}}",
      testDeleted: "Test '{{titlePath}}' ({{oldPath}}:{{line}} at the base, {{count}} {{assertions}}) was deleted {{why}}",
      casesNarrowed: "`{{assertion}}` in '{{title}}' no longer runs for every row of its table: it now sits under {{guards}} {{why}}",
    },
  },
  'test-disabled': {
    description: '.skip, .todo, xit, skipIf(true), a skip conditioned on the environment (skipIf(process.env.CI)) or a commented-out test added in the range',
    defaultSeverity: 'high',
    messages: {
      commentedOut: "Test '{{title}}' was commented out in the range: it no longer runs",
      disabled: "{{kind}} '{{title}}' was disabled in the range ({{skip}})",
      environmentSkip: "{{kind}} '{{title}}' is now skipped depending on the environment ({{condition}}): it stops running exactly where the check runs",
      addedDisabled: "{{kind}} '{{title}}' was added disabled ({{skip}})",
    },
  },
  'assertion-swallowed': {
    description: 'An existing assertion moved into a try whose catch swallows the failure, under a new condition, or into a callback that may never run',
    defaultSeverity: 'high',
    messages: { swallowed: "`{{assertion}}` in '{{title}}' now sits under {{guards}}: it can no longer fail the test" },
  },
  'snapshot-rewritten': {
    description: 'Snapshot files or inline snapshots changed alongside an implementation change',
    defaultSeverity: 'medium',
    approval: true,
    declarable: true,
    messages: {
      inline: "Inline snapshot of '{{title}}' rewritten {{why}}",
      file: '{{count}} {{snapshots}} rewritten ({{keys}}{{more}}) {{why}}',
    },
  },
  'low-assertion-density': {
    description: 'A test added in the range checks fewer values than the floor (existence-only checks such as toBeDefined do not count), following helpers',
    defaultSeverity: 'medium',
    messages: { few: "New test '{{title}}' checks {{count}} {{values}} (floor {{floor}}): only `{{weakest}}`" },
  },
} as const satisfies Record<string, RuleMeta & { messages: Readonly<Record<string, string>> }>

/** A key of {@link TEST_MUTATION_RULES}, e.g. `assertion-weakened`; a finding's `ruleId`. */
export type TestMutationRuleId = keyof typeof TEST_MUTATION_RULES

/** The messageIds of rule `R`, e.g. `'commentedOut' | 'disabled' | …` for test-disabled. */
export type TestMutationMessageId<R extends TestMutationRuleId> = keyof (typeof TEST_MUTATION_RULES)[R]['messages'] & string

/** A test-mutation finding on a repository-relative path; positions 1-based. */
export interface MutationFinding {
  ruleId: TestMutationRuleId
  /** The key of the rule's `messages` the message was formatted from. */
  messageId: string
  severity: Severity
  message: string
  path: string
  startLine?: number
  startColumn?: number
  endLine?: number
  endColumn?: number
  help?: string
}

/** Where a finding sits and what it advises: everything of a {@link MutationFinding} but its rule and text. */
export type MutationPlace = Omit<MutationFinding, 'ruleId' | 'messageId' | 'message'>

/**
 * A finding of `ruleId` reported by `messageId` with `data`, its message formatted from the rule's template.
 * @throws Error when the rule has no such messageId (a programming error, caught by the rule tests).
 */
export function mutationFinding<R extends TestMutationRuleId>(
  ruleId: R,
  messageId: TestMutationMessageId<R>,
  data: MessageData,
  place: MutationPlace,
): MutationFinding {
  return { ruleId, messageId, message: formatMessage(ruleId, TEST_MUTATION_RULES[ruleId], messageId, data), ...place }
}
