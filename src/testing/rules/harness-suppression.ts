// harness-suppression: a setup file or runner config that hides failures. Its check runs on
// setup files and runner configs rather than test files, in ../harness.ts; this is its meta.
import { defineRule } from './rule.js'

export const harnessSuppression = defineRule({
  id: 'harness-suppression',
  meta: {
    description: 'A setup file or runner config hides failures (console.error silenced, unhandled errors ignored, silent: true, onConsoleLog returning false)',
    defaultSeverity: 'high',
    messages: {
      consoleReplaced: '`{{target}}` is replaced in a setup file, and nothing asserts on it: errors logged by the code under test are hidden from every test',
      reactActOff: "IS_REACT_ACT_ENVIRONMENT = false switches off React's act() warnings for every test",
      consoleMocked: 'console.{{method}} is mocked in a setup file, and nothing asserts on it: errors logged by the code under test are hidden from every test',
      consoleStubbed: "vi.stubGlobal('console', …) replaces the console in a setup file: errors logged by the code under test are hidden",
      handlerSwallows: "A process '{{event}}' handler in a setup file swallows the error: failures outside a test's await no longer fail the run",
      listenersRemoved: "process.removeAllListeners('{{event}}') in a setup file removes the runner's own failure reporting",
      silent: 'silent: true hides the console output of tests, including the errors that explain a failure or reveal a swallowed one',
      ignoreUnhandled: 'dangerouslyIgnoreUnhandledErrors: true lets a run with unhandled errors pass',
      filterReturnsFalse: '{{option}} returns false, which drops {{dropped}} from the report',
      scriptSilent: 'The {{script}} script runs the tests with --silent, hiding their console output',
      scriptIgnoresUnhandled: 'The {{script}} script passes --dangerouslyIgnoreUnhandledErrors: a run with unhandled errors passes',
    },
  },
})
