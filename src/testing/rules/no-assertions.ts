// no-assertions and implicit-assertion: a test that asserts nothing (following the file's helpers
// and hooks). It runs no repository code (no-assertions), or only runs it (implicit-assertion).
import type { TestFact } from '../analyse.js'
import { insideSkippedSuite, testAsserts } from './assertions.js'
import { defineRule, type TestFileFacts } from './rule.js'

/**
 * The tests of the file that assert nothing, with whether each runs repository code. A vitest type
 * test file passes by compiling, and a framework's own tests run empty tests to check the runner:
 * neither has any. Skipped tests are skipped-test's.
 */
function unassertedTests(facts: TestFileFacts): Array<{ test: TestFact; runsRepository: boolean }> {
  const { file, parsed, typeTestFile, frameworkUnderTest } = facts
  if (!parsed || typeTestFile || frameworkUnderTest) return []
  const out: Array<{ test: TestFact; runsRepository: boolean }> = []
  for (const test of facts.tests) {
    if (test.skipped !== undefined || insideSkippedSuite(file, test)) continue
    if (testAsserts(file, facts.asserting(), test)) continue
    out.push({ test, runsRepository: test.callback !== undefined && facts.reach().runs(test.callback) })
  }
  return out
}

export const noAssertions = defineRule({
  id: 'no-assertions',
  meta: {
    description: 'A test (following helpers and hooks in the same file) makes no assertion and runs no repository code',
    defaultSeverity: 'high',
    messages: { noAssertions: "Test '{{title}}' makes no assertion and runs no repository code: it passes unless it throws" },
  },
  check(facts, report) {
    for (const { test, runsRepository } of unassertedTests(facts)) {
      if (runsRepository) continue
      report({
        messageId: 'noAssertions',
        data: { title: test.title },
        node: test.node.expression,
        help: 'assert on what the code under test returns or does (expect, assert, snapshot)',
      })
    }
  },
})

export const implicitAssertion = defineRule({
  id: 'implicit-assertion',
  meta: {
    description: 'A test runs repository code but asserts nothing explicitly: it passes unless that code throws',
    defaultSeverity: 'medium',
    messages: { implicitAssertion: "Test '{{title}}' runs repository code but asserts nothing explicitly: it passes unless that code throws" },
  },
  check(facts, report) {
    for (const { test, runsRepository } of unassertedTests(facts)) {
      if (!runsRepository) continue
      report({
        messageId: 'implicitAssertion',
        data: { title: test.title },
        node: test.node.expression,
        help: 'assert what the code returns or does; if not throwing is the point, say so: expect(() => …).not.toThrow()',
      })
    }
  },
})
