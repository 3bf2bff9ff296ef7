// tautological-assertion: an assertion that compares a value, an alias of it or the same call
// with itself, or a constant with a unary matcher it always satisfies.
import { defineRule } from './rule.js'
import { constantAssertion, sameValueKey, snippet } from './shared.js'

export const tautologicalAssertion = defineRule({
  id: 'tautological-assertion',
  meta: {
    description: 'An assertion compares a literal, an expression, an alias of it or the same call with itself, so it passes whatever the code does',
    defaultSeverity: 'high',
    messages: {
      sameValue: '`{{assertion}}` compares the same value on both sides: it passes whatever the code does',
      sameCall:
        '`{{assertion}}` compares the same call on both sides (it only checks that the code returns equal values twice): it passes whatever the code does',
      constant: '`{{assertion}}` compares a constant that always satisfies {{matcher}}: it passes whatever the code does',
    },
  },
  check({ file, parsed, frameworkUnderTest }, report) {
    if (!parsed || frameworkUnderTest) return
    for (const assertion of file.assertions) {
      const why = constantAssertion(file, assertion, (e) => sameValueKey(file, e))
      if (why === undefined) continue
      const node = assertion.outer ?? assertion.node!
      report({
        messageId: why.messageId,
        data: { assertion: snippet(file, node), ...(why.messageId === 'constant' ? { matcher: why.matcher } : {}) },
        node,
        help: 'assert on a value the code under test produced',
      })
    }
  },
})
