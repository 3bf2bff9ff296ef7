// parse-error: a test file that does not parse is not analysed (info); no other rule of the
// file runs, so its other findings are unknown.
import { defineRule } from './rule.js'

export const parseError = defineRule({
  id: 'parse-error',
  meta: {
    description: 'The test file does not parse; it was not analysed',
    defaultSeverity: 'info',
    messages: { notAnalysed: 'Not analysed: {{error}}' },
  },
  check({ file }, report) {
    const first = file.parseErrors[0]
    if (first === undefined) return
    const pos = file.position(first.start)
    const error = typeof first.messageText === 'string' ? first.messageText : first.messageText.messageText
    report({
      messageId: 'notAnalysed',
      data: { error },
      node: { startLine: pos.line, startColumn: pos.column, endLine: pos.line, endColumn: pos.column },
    })
  },
})
