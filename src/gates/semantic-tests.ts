// The `semantic-tests` gate (advisory by default): assertions on values the test made itself —
// a literal echoed back through bindings, a mock's configured return asserted straight back.
import { SEMANTIC_TESTS_RULES } from '../testing/rules.js'
import { testIntegrityGate } from './mock-integrity.js'
import type { Gate } from './types.js'

/** The `semantic-tests` gate (advisory): the same scan as mock-integrity, keeping the findings about tests that assert their own inputs back. */
export const semanticTestsGate: Gate<'semantic-tests', Record<never, never>> = testIntegrityGate(
  'semantic-tests',
  {
    description: 'Assertions on values the test itself produced: literal echoes and mock returns asserted back',
    defaultMode: 'advisory',
    defaultTimeout: 300,
    options: {},
    preCommit: true,
    rules: SEMANTIC_TESTS_RULES,
  },
  (scan) => scan.semanticTests,
)
