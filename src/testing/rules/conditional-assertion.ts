// conditional-assertion: an assertion that may never run (under if, a ternary, &&/||, in a catch,
// in a callback nobody awaits). expect.assertions / hasAssertions guard a whole test.
import { conditionOf } from './assertions.js'
import { defineRule } from './rule.js'
import { enclosingTest, snippet } from './shared.js'

export const conditionalAssertion = defineRule({
  id: 'conditional-assertion',
  meta: {
    description: 'An assertion may never run: under if, a ternary, &&/||, in a catch, or in a callback nobody awaits',
    defaultSeverity: 'medium',
    messages: {
      underIf: '`{{assertion}}` may never run: it sits under `if ({{condition}})`',
      inTernary: '`{{assertion}}` may never run: it sits in one branch of a ternary',
      afterOperator: '`{{assertion}}` may never run: it sits after `{{operator}}`',
      inCatch:
        '`{{assertion}}` may never run: it sits in a catch block, and nothing fails when no error is thrown (add expect.assertions(n) or fail in the try block)',
      inCallback: '`{{assertion}}` may never run: it sits in {{callback}}',
    },
  },
  check(facts, report) {
    const { file, parsed, frameworkUnderTest, typeTestFile } = facts
    // Type-level assertions are checked by the compiler on every branch, so type tests are left out.
    if (!parsed || frameworkUnderTest || typeTestFile) return
    const counted = file.assertions.filter((a) => a.style === 'count')
    for (const assertion of file.assertions) {
      if (assertion.node === undefined || assertion.style === 'count' || assertion.style === 'type') continue
      if (assertion.style === 'helper' && /^(expectTypeOf|assertType|expectType)\b/.test(assertion.node.getText(file.sf))) continue
      const test = enclosingTest(file.tests, assertion.pos)
      if (test === undefined) continue
      const why = conditionOf(file, facts.asserting(), assertion, test, counted)
      if (why === undefined) continue
      const node = assertion.outer ?? assertion.node
      report({
        messageId: why.messageId,
        data: { assertion: snippet(file, node), ...why.data },
        node,
        help: 'make the assertion unconditional, or add expect.assertions(n) / expect.hasAssertions()',
      })
    }
  },
})
