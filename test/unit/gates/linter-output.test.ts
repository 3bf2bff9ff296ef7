// The Biome (rdjson) and oxlint (json) output parsers of the static-analysis gate, on samples
// written here in the shape the real tools print (Biome 2.6, oxlint 1.96): exact rule ids,
// severities, repository-relative paths and 1-based positions.
import { describe, expect, it } from 'vitest'
import { LinterOutputError, linterSeverity, parseBiomeRdjson, parseOxlintJson, positionOfByte } from '../../../src/gates/static-analysis/linter-output.js'

const ROOT = '/repo'

const BIOME_SAMPLE = JSON.stringify({
  source: { name: 'Biome', url: 'https://biomejs.dev' },
  diagnostics: [
    {
      code: { url: 'https://biomejs.dev/linter/rules/no-debugger', value: 'lint/suspicious/noDebugger' },
      location: { path: 'src/a.js', range: { start: { line: 3, column: 3 }, end: { line: 3, column: 12 } } },
      message: 'This is an unexpected use of the debugger statement.',
      severity: 'ERROR',
      suggestions: [],
    },
    {
      code: { url: 'https://biomejs.dev/linter/rules/use-const', value: 'lint/style/useConst' },
      location: { path: './src/b.js', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 4 } } },
      message: 'This let declares a variable that is only assigned once.',
      severity: 'WARNING',
    },
    { code: { value: 'fs/cantRead' }, message: 'Cannot read file.', severity: 'INFO' },
  ],
})

// oxlint's columns count bytes: "é" and "ü" are two bytes each, so `debugger` at byte offset 15 is
// in column 14 as ESLint counts (UTF-16 code units).
const B_TEXT = 'let é = "ü"; debugger;\n'
const OXLINT_SAMPLE = `{ "diagnostics": [{"message": "\`debugger\` statement is not allowed","code": "eslint(no-debugger)","severity": "error","url": "https://oxc.rs/docs/guide/usage/linter/rules/eslint/no-debugger.html","help": "Remove the debugger statement","filename": "src/b.js","labels": [{"span": {"offset": 15,"length": 9,"line": 1,"column": 16}}]},
{"message": "Variable 'x' is declared but never used.","code": "eslint(no-unused-vars)","severity": "warning","filename": "src/c.js","labels": [{"span": {"offset": 10,"length": 1,"line": 2,"column": 5}}]}],
  "number_of_files": 2, "number_of_rules": 96, "threads_count": 2, "start_time": 0.01 }
`

describe('parseBiomeRdjson', () => {
  it('maps each diagnostic to a finding with Biome category, severity and 1-based range', () => {
    expect(parseBiomeRdjson(BIOME_SAMPLE, ROOT)).toEqual({
      errors: 1,
      warnings: 2,
      findings: [
        {
          ruleId: 'lint/suspicious/noDebugger',
          severity: 'high',
          message: 'This is an unexpected use of the debugger statement.',
          help: 'See https://biomejs.dev/linter/rules/no-debugger',
          path: 'src/a.js',
          startLine: 3,
          startColumn: 3,
          endLine: 3,
          endColumn: 12,
        },
        {
          ruleId: 'lint/style/useConst',
          severity: 'medium',
          message: 'This let declares a variable that is only assigned once.',
          help: 'See https://biomejs.dev/linter/rules/use-const',
          path: 'src/b.js',
          startLine: 1,
          startColumn: 1,
          endLine: 1,
          endColumn: 4,
        },
        { ruleId: 'fs/cantRead', severity: 'low', message: 'Cannot read file.', filter: 'always' },
      ],
    })
  })

  it('refuses output that is not rdjson', () => {
    expect(() => parseBiomeRdjson('', ROOT)).toThrow(new LinterOutputError('Biome printed no JSON'))
    expect(() => parseBiomeRdjson('{"summary":{}}', ROOT)).toThrow(new LinterOutputError('Biome printed JSON without a diagnostics array'))
  })
})

describe('parseOxlintJson', () => {
  it('maps each diagnostic to a finding, columns from the byte offset in the text', () => {
    const texts: Record<string, Buffer> = { 'src/b.js': Buffer.from(B_TEXT) }
    expect(parseOxlintJson(OXLINT_SAMPLE, ROOT, (p) => texts[p])).toEqual({
      errors: 1,
      warnings: 1,
      files: 2,
      findings: [
        {
          ruleId: 'eslint(no-debugger)',
          severity: 'high',
          message: '`debugger` statement is not allowed',
          help: 'Remove the debugger statement. See https://oxc.rs/docs/guide/usage/linter/rules/eslint/no-debugger.html',
          path: 'src/b.js',
          startLine: 1,
          startColumn: 14,
          endLine: 1,
          endColumn: 23,
        },
        // No text: oxlint's own line and column are kept.
        {
          ruleId: 'eslint(no-unused-vars)',
          severity: 'medium',
          message: "Variable 'x' is declared but never used.",
          path: 'src/c.js',
          startLine: 2,
          startColumn: 5,
        },
      ],
    })
  })

  it('refuses output that is not JSON', () => {
    expect(() => parseOxlintJson('Failed to parse oxlint configuration file.', ROOT, () => undefined)).toThrow(LinterOutputError)
  })
})

describe('positionOfByte and linterSeverity', () => {
  it.each([
    [0, { line: 1, column: 1 }],
    [15, { line: 1, column: 14 }],
    [Buffer.byteLength(B_TEXT), { line: 2, column: 1 }],
  ])('byte %i of the sample is %o', (offset, position) => {
    expect(positionOfByte(Buffer.from(B_TEXT), offset)).toEqual(position)
  })

  it('is undefined outside the text', () => {
    expect(positionOfByte(Buffer.from('ab'), 3)).toBeUndefined()
  })

  it.each([
    ['ERROR', 'high'],
    ['error', 'high'],
    ['WARNING', 'medium'],
    ['warning', 'medium'],
    ['INFO', 'low'],
    ['hint', 'low'],
  ])('%s is %s', (severity, expected) => {
    expect(linterSeverity(severity)).toBe(expected)
  })
})
