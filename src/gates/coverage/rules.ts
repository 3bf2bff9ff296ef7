// The coverage gate's rules, with their messages by messageId; coverage.ts reports each finding by
// messageId + data. The templates reproduce the gate's former messages byte for byte.
import { findingBuilder, type RuleTable } from '../rule-table.js'

/** The coverage gate's `meta.rules`. `{{lines}}` reads e.g. `2 changed executable lines`. */
export const COVERAGE_RULES = {
  'uncovered-lines': {
    description: 'Changed executable lines that no test executed, one finding per range',
    defaultSeverity: 'low',
    messages: {
      line: 'line {{line}} is not covered by any test ({{lines}})',
      range: 'lines {{startLine}}–{{endLine}} are not covered by any test ({{lines}})',
    },
  },
  'patch-coverage-below-minimum': {
    description: 'The share of changed executable lines covered is below gates.coverage.min-patch-coverage',
    defaultSeverity: 'high',
    messages: {
      below: 'Patch coverage is {{percent}} ({{covered}} of {{total}} covered), below the minimum of {{minimum}}% (gates.coverage.min-patch-coverage).',
    },
  },
} as const satisfies RuleTable

/** A finding of one of {@link COVERAGE_RULES}, its message formatted from `messageId` + data. */
export const coverageFinding = findingBuilder(COVERAGE_RULES)
