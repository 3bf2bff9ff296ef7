// literal-echo (semantic-tests): the asserted value is a literal the test bound to a name and
// compares with the same literal; no code under test produced it.
import type * as TS from 'typescript'
import type { AnalysedFile, AssertionFact } from '../analyse.js'
import { unwrap } from '../analyse.js'
import { defineRule } from './rule.js'
import { constantAssertion, heldLiteral, literalKey, snippet } from './shared.js'

/**
 * The binding an assertion echoes back (`const x = 1; expect(x).toBe(1)` → `x`), or undefined.
 * A literal written in place is tautological-assertion's, not this rule's.
 */
export function echoedBinding(file: AnalysedFile, assertion: AssertionFact): TS.Expression | undefined {
  const { ts } = file
  if (assertion.actual === undefined || assertion.node === undefined) return undefined
  const actual = unwrap(ts, assertion.actual)
  if (literalKey(ts, actual) !== undefined || !(ts.isIdentifier(actual) || ts.isPropertyAccessExpression(actual))) return undefined
  return constantAssertion(file, assertion, (e) => heldLiteral(file, e)) === undefined ? undefined : actual
}

export const literalEcho = defineRule({
  id: 'literal-echo',
  meta: {
    description: 'The asserted value is a literal bound to a name and compared with the same literal: no code under test produced it',
    defaultSeverity: 'high',
    messages: { echo: '`{{assertion}}` asserts a literal the test itself bound to `{{binding}}`: no code under test produced it' },
  },
  check({ file, parsed, frameworkUnderTest }, report) {
    if (!parsed || frameworkUnderTest) return
    for (const assertion of file.assertions) {
      const binding = echoedBinding(file, assertion)
      if (binding === undefined) continue
      const node = assertion.outer ?? assertion.node!
      report({
        messageId: 'echo',
        data: { assertion: snippet(file, node), binding: snippet(file, binding, 30) },
        node,
        help: 'assert on the result of calling the code under test',
      })
    }
  },
})
