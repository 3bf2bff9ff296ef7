// The tests gate's rules, with their messages by messageId; tests.ts reports each finding by
// messageId + data. The templates reproduce the gate's former messages byte for byte: fingerprints
// of findings without a line hash the message text.
import { findingBuilder, type RuleTable } from '../rule-table.js'

/** The tests gate's `meta.rules`. `{{output}}` is the last lines of the runner's output. */
export const TESTS_RULES = {
  'test-failed': {
    description: 'A test, or a test file or suite outside any test, failed',
    defaultSeverity: 'critical',
    messages: {
      failed: 'Test failed: {{name}}',
      failedWithMessage: 'Test failed: {{name}}\n{{message}}',
      more: '…and {{more}} (all listed in .proofgate/test-results.json)',
      scriptFailed:
        '`npm test` failed with exit code {{exit}}; the script has no machine-readable reporter, so the failing tests are not named. Last output:\n{{output}}',
    },
  },
  'no-tests-executed': {
    description: 'The runner ran but executed no test',
    defaultSeverity: 'high',
    messages: {
      noTests: '{{runner}} ran but executed no test{{skipped}}.',
      noTestsExit: '{{runner}} ran but executed no test{{skipped}}. It exited with code {{exitCode}}. Last output:\n{{output}}',
    },
  },
  'tests-timeout': {
    description: "The test run did not finish within the gate's timeout and was killed",
    defaultSeverity: 'critical',
    messages: {
      timedOut:
        'The {{runner}} run did not finish within its timeout of {{timeout}} (gates.tests.timeout) and was killed with its child processes. Last output:\n{{output}}',
      cancelled: 'The {{runner}} run was cancelled and was killed with its child processes. Last output:\n{{output}}',
    },
  },
  'runner-crashed': {
    description: 'The runner failed without reporting a failing test, or its report is missing or unreadable',
    defaultSeverity: 'critical',
    messages: { crashed: 'The {{runner}} run cannot be trusted: {{why}}. Last output:\n{{output}}' },
  },
  'runner-not-found': {
    description: 'The test runner the repository uses or the config names is not installed',
    defaultSeverity: 'high',
    messages: {
      notInstalled: 'Cannot run the tests: {{reason}}.',
      npmMissing: 'Cannot run `npm test`: {{error}}',
    },
  },
} as const satisfies RuleTable

/** A finding of one of {@link TESTS_RULES}, its message formatted from `messageId` + data. */
export const testsFinding = findingBuilder(TESTS_RULES)
