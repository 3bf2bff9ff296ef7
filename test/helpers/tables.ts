// Shared pieces of the RuleTester-style tables: source written line by line, and one table runner
// for rules that compare two versions of a file (exact rule id, severity, line, column, messageId and end).
import { expect, it } from 'vitest'

/** The rows joined with newlines, ending with one: a file's text written line by line. */
export const lines = (...rows: string[]): string => rows.join('\n') + '\n'

/** A finding as the tables read it (1-based line and column; undefined when the finding has no location). */
export interface TabledFinding {
  ruleId: string
  /** The key of the rule's `messages` the message was formatted from (findings/rule.ts). */
  messageId?: string
  severity: string
  message: string
  startLine?: number
  startColumn?: number
  endLine?: number
  endColumn?: number
}

/** One case: the base and new versions, what is expected, and anything else the comparison reads. */
export interface VersionCase {
  name: string
  old: string | null
  new: string | null
  /** [rule id, severity, line, column] of each finding, in order. */
  errors: Array<[string, string, number | undefined, number | undefined]>
  /** Substrings of the messages, in order. */
  messages?: string[]
  /** The messageId of each finding, in order; checked when given. */
  messageIds?: string[]
  /** [endLine, endColumn] of each finding (1-based, end exclusive; undefined without), in order; checked when given. */
  ends?: Array<[number | undefined, number | undefined]>
}

/** One `it` per case, named valid/invalid as ESLint's RuleTester does, comparing with `compare`. */
export function versionTable<C extends VersionCase>(cases: readonly C[], compare: (c: C) => readonly TabledFinding[]): void {
  for (const c of cases) {
    it(`${c.errors.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, () => {
      const findings = compare(c)
      expect(findings.map((f) => [f.ruleId, f.severity, f.startLine, f.startColumn])).toEqual(c.errors)
      for (const [i, text] of (c.messages ?? []).entries()) expect(findings[i]?.message).toContain(text)
      if (c.messageIds !== undefined) expect(findings.map((f) => f.messageId)).toEqual(c.messageIds)
      if (c.ends !== undefined) expect(findings.map((f) => [f.endLine, f.endColumn])).toEqual(c.ends)
    })
  }
}
