// mock-return-echo (semantic-tests): a mock's configured return value asserted straight back from
// the mock, with no production code in between.
import { unwrap } from '../analyse.js'
import { echoedBinding } from './literal-echo.js'
import { mockReturns, mockTarget, RETURNED_MATCHERS, type MockReturn } from './modules.js'
import { defineRule } from './rule.js'
import { EQUALITY_MATCHERS, finalMatcher, heldLiteral, isNegated, snippet } from './shared.js'

export const mockReturnEcho = defineRule({
  id: 'mock-return-echo',
  meta: {
    description: "A mock's configured return value is asserted straight back from the mock",
    defaultSeverity: 'medium',
    messages: { echo: '`{{assertion}}` asserts the value the test configured on the mock `{{target}}`, with no production code in between' },
  },
  check({ file, ts, parsed, frameworkUnderTest }, report) {
    if (!parsed || frameworkUnderTest || file.mockCalls.length === 0) return
    let returns: MockReturn[] | undefined
    for (const assertion of file.assertions) {
      if (assertion.actual === undefined || assertion.node === undefined || isNegated(assertion)) continue
      // An assertion that echoes a literal binding is literal-echo's.
      if (echoedBinding(file, assertion) !== undefined) continue
      const matcher = finalMatcher(assertion)
      const expected = assertion.expected[0]
      if (matcher === undefined || expected === undefined) continue
      const actual = unwrap(ts, assertion.actual)
      const called = ts.isAwaitExpression(actual) ? unwrap(ts, actual.expression) : actual
      let target: string | undefined
      if (EQUALITY_MATCHERS.has(matcher) && ts.isCallExpression(called)) target = mockTarget(file, called.expression)
      else if (RETURNED_MATCHERS.has(matcher)) target = mockTarget(file, called)
      if (target === undefined) continue
      const value = heldLiteral(file, expected)
      if (value === undefined) continue
      returns ??= mockReturns(file)
      const hit = returns.some((r) => r.target === target && r.value === value && assertion.pos >= r.scopePos && assertion.pos < r.scopeEnd)
      if (!hit) continue
      const node = assertion.outer ?? assertion.node
      report({
        messageId: 'echo',
        data: { assertion: snippet(file, node), target },
        node,
        help: "assert on what the code under test does with the mock's value",
      })
    }
  },
})
