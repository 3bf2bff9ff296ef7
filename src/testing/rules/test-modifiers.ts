// focused-test and skipped-test: `.only`/`fit`/`fdescribe` run nothing else in the file;
// `.skip`/`.todo`/`xit`/`skipIf(true)` and pending tests never run. A framework's own tests step aside.
import { defineRule } from './rule.js'

export const focusedTest = defineRule({
  id: 'focused-test',
  meta: {
    description: '.only, fit or fdescribe: the rest of the suite does not run',
    defaultSeverity: 'high',
    messages: { focused: "Focused {{kind}} '{{title}}' ({{chain}}): every other test in the file is skipped" },
  },
  check({ file, parsed, frameworkUnderTest }, report) {
    if (!parsed || frameworkUnderTest) return
    for (const test of file.tests) {
      if (!test.focused) continue
      report({
        messageId: 'focused',
        data: { kind: test.kind === 'suite' ? 'suite' : 'test', title: test.title, chain: test.chain.join('.') },
        node: test.node.expression,
        help: 'remove .only / fit / fdescribe before merging',
      })
    }
  },
})

export const skippedTest = defineRule({
  id: 'skipped-test',
  meta: {
    description: '.skip, .todo, xit, xdescribe, skipIf(true) or a pending test',
    defaultSeverity: 'medium',
    messages: { skipped: "Skipped {{kind}} '{{title}}' ({{how}})" },
  },
  check({ file, parsed, frameworkUnderTest }, report) {
    if (!parsed || frameworkUnderTest) return
    for (const test of file.tests) {
      // A focused test that is also skipped is reported once, as focused.
      if (test.focused || test.skipped === undefined) continue
      report({
        messageId: 'skipped',
        data: { kind: test.kind === 'suite' ? 'suite' : 'test', title: test.title, how: test.skipped },
        node: test.node.expression,
        help: 'run it, delete it, or waive it with the reason it cannot run yet',
      })
    }
  },
})
