// unreachable-assertion: an assertion after a return or throw in its test never runs. The diff
// filter keeps it when the change touched the assertion or only added the exit above it.
import { exitBefore } from './assertions.js'
import { defineRule } from './rule.js'
import { enclosingTest, snippet } from './shared.js'

export const unreachableAssertion = defineRule({
  id: 'unreachable-assertion',
  meta: {
    description: 'An assertion follows a return or throw in the test: it never runs',
    defaultSeverity: 'high',
    filter: 'lines',
    messages: { unreachable: '`{{assertion}}` never runs: it follows `{{exit}}` at line {{line}}' },
  },
  check({ file, ts, parsed, frameworkUnderTest }, report) {
    if (!parsed || frameworkUnderTest) return
    for (const assertion of file.assertions) {
      if (assertion.node === undefined || assertion.style === 'type' || assertion.style === 'count') continue
      const test = enclosingTest(file.tests, assertion.pos)
      if (test === undefined) continue
      const node = assertion.outer ?? assertion.node
      const exit = exitBefore(ts, node, test.callback!)
      if (exit === undefined) continue
      const exitLine = file.position(exit.getStart(file.sf)).line
      report({
        messageId: 'unreachable',
        data: { assertion: snippet(file, node), exit: snippet(file, exit, 40), line: exitLine },
        node,
        help: 'move the assertion before the return, or delete the dead code',
        // Reported at the assertion, but a range that only adds the `return` above it caused it too.
        filterLines: [exitLine],
      })
    }
  },
})
