// Pure parts of the static-analysis gate: the tsc output parser, ESLint message mapping, path
// handling and the one-line summary. Table-driven with exact paths, lines, columns and rule ids.
import { describe, expect, it } from 'vitest'
import {
  eslintMessageToFinding,
  formatSummary,
  isConfigDiagnostic,
  isLintablePath,
  lintableFiles,
  parseTscOutput,
  staticAnalysisGate,
  toRepoPath,
  type EslintMessage,
  type TscDiagnostic,
} from '../../../src/gates/static-analysis.js'
import type { ChangedFile, ChangeSet } from '../../../src/changes/types.js'

describe('parseTscOutput', () => {
  const cases: Array<{ name: string; output: string; expected: TscDiagnostic[] }> = [
    {
      name: 'one located error',
      output: "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n",
      expected: [{ path: 'src/a.ts', line: 3, column: 7, category: 'error', code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." }],
    },
    {
      name: 'a path with spaces, parentheses and unicode',
      output: "src/my (old) ünï file.ts(12,1): error TS2304: Cannot find name 'x'.",
      expected: [{ path: 'src/my (old) ünï file.ts', line: 12, column: 1, category: 'error', code: 'TS2304', message: "Cannot find name 'x'." }],
    },
    {
      name: 'a multi-line message chain keeps its nesting',
      output: [
        "src/my file.ts(1,7): error TS2322: Type '(a: string) => void' is not assignable to type '(a: number) => void'.",
        "  Types of parameters 'a' and 'a' are incompatible.",
        "    Type 'number' is not assignable to type 'string'.",
        'src/b.ts(2,3): error TS2554: Expected 1 arguments, but got 0.',
      ].join('\n'),
      expected: [
        {
          path: 'src/my file.ts',
          line: 1,
          column: 7,
          category: 'error',
          code: 'TS2322',
          message:
            "Type '(a: string) => void' is not assignable to type '(a: number) => void'.\n" +
            "Types of parameters 'a' and 'a' are incompatible.\n" +
            "  Type 'number' is not assignable to type 'string'.",
        },
        { path: 'src/b.ts', line: 2, column: 3, category: 'error', code: 'TS2554', message: 'Expected 1 arguments, but got 0.' },
      ],
    },
    {
      name: 'CRLF line endings',
      output: "a.ts(1,2): error TS1005: ';' expected.\r\nb.ts(3,4): error TS1128: Declaration or statement expected.\r\n",
      expected: [
        { path: 'a.ts', line: 1, column: 2, category: 'error', code: 'TS1005', message: "';' expected." },
        { path: 'b.ts', line: 3, column: 4, category: 'error', code: 'TS1128', message: 'Declaration or statement expected.' },
      ],
    },
    {
      name: 'a global diagnostic without a location',
      output: "error TS5058: The specified path does not exist: 'nope.json'.\n",
      expected: [{ category: 'error', code: 'TS5058', message: "The specified path does not exist: 'nope.json'." }],
    },
    {
      name: 'a tsconfig diagnostic with a continuation line',
      output:
        "tsconfig.json(1,24): error TS5101: Option 'baseUrl' is deprecated and will stop functioning in TypeScript 7.0.\n" +
        '  Visit https://aka.ms/ts6 for migration information.\n',
      expected: [
        {
          path: 'tsconfig.json',
          line: 1,
          column: 24,
          category: 'error',
          code: 'TS5101',
          message: "Option 'baseUrl' is deprecated and will stop functioning in TypeScript 7.0.\nVisit https://aka.ms/ts6 for migration information.",
        },
      ],
    },
    {
      name: 'an absolute path outside the cwd and a footer that is ignored',
      output:
        "/abs/dir/x.mts(10,20): error TS7006: Parameter 'p' implicitly has an 'any' type.\n\nFound 1 error in /abs/dir/x.mts:10\n  indented text after a footer\n",
      expected: [{ path: '/abs/dir/x.mts', line: 10, column: 20, category: 'error', code: 'TS7006', message: "Parameter 'p' implicitly has an 'any' type." }],
    },
    { name: 'empty output', output: '', expected: [] },
    { name: 'unrelated noise', output: 'Version 6.0.3\nsomething (1,2) else\n', expected: [] },
  ]
  it.each(cases)('$name', ({ output, expected }) => {
    expect(parseTscOutput(output)).toEqual(expected)
  })
})

describe('isConfigDiagnostic', () => {
  it.each([
    [{ category: 'error', code: 'TS5058', message: 'm' }, true],
    [{ path: 'tsconfig.json', line: 1, column: 1, category: 'error', code: 'TS5023', message: 'm' }, true],
    [{ path: 'src/a.ts', line: 1, column: 1, category: 'error', code: 'TS5055', message: 'm' }, true],
    [{ path: 'src/a.ts', line: 1, column: 1, category: 'error', code: 'TS2322', message: 'm' }, false],
    // noUnusedLocals reports TS6133 in source files: a code diagnostic, not a config one.
    [{ path: 'src/a.ts', line: 1, column: 1, category: 'error', code: 'TS6133', message: 'm' }, false],
  ] satisfies Array<[TscDiagnostic, boolean]>)('%j -> %s', (d, expected) => {
    expect(isConfigDiagnostic(d)).toBe(expected)
  })
})

describe('eslintMessageToFinding', () => {
  const cases: Array<{ name: string; message: EslintMessage; docs?: string; expected: ReturnType<typeof eslintMessageToFinding> }> = [
    {
      name: 'error -> high with the full range and a docs link',
      message: { ruleId: 'no-unused-vars', severity: 2, message: "'a' is assigned a value but never used.", line: 1, column: 7, endLine: 1, endColumn: 8 },
      docs: 'https://eslint.org/docs/latest/rules/no-unused-vars',
      expected: {
        ruleId: 'no-unused-vars',
        severity: 'high',
        message: "'a' is assigned a value but never used.",
        path: 'src/a.js',
        startLine: 1,
        startColumn: 7,
        endLine: 1,
        endColumn: 8,
        help: 'See https://eslint.org/docs/latest/rules/no-unused-vars',
      },
    },
    {
      name: 'warning -> medium, no end position',
      message: { ruleId: 'no-console', severity: 1, message: 'Unexpected console statement.', line: 2, column: 1 },
      expected: { ruleId: 'no-console', severity: 'medium', message: 'Unexpected console statement.', path: 'src/a.js', startLine: 2, startColumn: 1 },
    },
    {
      name: 'fatal parse error with a null rule id -> parse-error, high, counted whatever the filter',
      message: { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Unexpected token =', line: 1, column: 7 },
      expected: {
        ruleId: 'parse-error',
        messageId: 'parseError',
        severity: 'high',
        message: 'Parsing error: Unexpected token =',
        path: 'src/a.js',
        startLine: 1,
        startColumn: 7,
        help: 'ESLint could not parse this file; fix the syntax error first.',
        filter: 'always',
      },
    },
    {
      name: 'fatal parse error at column 0 -> the column is left out (positions are 1-based)',
      message: { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Unexpected end of input', line: 2, column: 0 },
      expected: {
        ruleId: 'parse-error',
        messageId: 'parseError',
        severity: 'high',
        message: 'Parsing error: Unexpected end of input',
        path: 'src/a.js',
        startLine: 2,
        help: 'ESLint could not parse this file; fix the syntax error first.',
        filter: 'always',
      },
    },
    {
      name: 'unused disable directive (null rule id, not fatal) -> eslint-directive',
      message: {
        ruleId: null,
        severity: 1,
        message: "Unused eslint-disable directive (no problems were reported from 'no-console').",
        line: 4,
        column: 1,
        endLine: 4,
        endColumn: 30,
      },
      expected: {
        ruleId: 'eslint-directive',
        messageId: 'directive',
        severity: 'medium',
        message: "Unused eslint-disable directive (no problems were reported from 'no-console').",
        path: 'src/a.js',
        startLine: 4,
        startColumn: 1,
        endLine: 4,
        endColumn: 30,
      },
    },
  ]
  it.each(cases)('$name', ({ message, docs, expected }) => {
    expect(eslintMessageToFinding('src/a.js', message, docs)).toEqual(expected)
  })
})

describe('paths', () => {
  it.each([
    ['src/a.ts', true],
    ['src/A.TSX', true],
    ['x.mjs', true],
    ['x.cjs', true],
    ['x.mts', true],
    ['x.cts', true],
    ['x.jsx', true],
    ['x.d.ts', true],
    ['x.json', false],
    ['x.vue', false],
    ['README.md', false],
    ['ts', false],
  ])('isLintablePath(%s) = %s', (path, expected) => {
    expect(isLintablePath(path)).toBe(expected)
  })

  it('toRepoPath makes absolute and relative paths repository-relative with forward slashes', () => {
    expect(toRepoPath('/repo', '/repo/src/ünï code.js')).toBe('src/ünï code.js')
    expect(toRepoPath('/repo', 'src/a.ts')).toBe('src/a.ts')
    expect(toRepoPath('/repo', './src/../lib/b.ts')).toBe('lib/b.ts')
  })

  it('lintableFiles drops deleted, binary and non-JS/TS files', () => {
    const file = (path: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({
      path,
      status: 'modified',
      binary: false,
      addedLines: [],
      contextLines: [],
      ...extra,
    })
    const changes = {
      files: [
        file('a.ts'),
        file('b.js', { status: 'deleted' }),
        file('c.js', { binary: true }),
        file('d.md'),
        file('e.mjs', { status: 'renamed', oldPath: 'x.mjs' }),
      ],
    } as ChangeSet
    expect(lintableFiles(changes).map((f) => f.path)).toEqual(['a.ts', 'e.mjs'])
    expect(staticAnalysisGate.appliesTo?.(changes)).toBe(true)
    expect(staticAnalysisGate.appliesTo?.({ files: [file('d.md')] } as ChangeSet)).toEqual({ applies: false, reason: 'no changed JS/TS files' })
  })
})

describe('formatSummary', () => {
  it.each([
    {
      eslint: { status: 'ran', version: '10.0.0', files: 3, fromTree: 0, errors: 2, warnings: 1, unconfigured: [], durationMs: 1 },
      typescript: { status: 'ran', version: '6.0.3', tsconfig: 'tsconfig.json', exitCode: 2, inChangedFiles: 1, elsewhere: 4, complete: true, durationMs: 1 },
      expected: 'eslint: 3 files, 2 errors, 1 warning; tsc: 1 error in changed files (4 elsewhere)',
    },
    {
      eslint: { status: 'ran', version: '10.0.0', files: 1, fromTree: 0, errors: 0, warnings: 2, unconfigured: ['pkg/a.js'], durationMs: 1 },
      typescript: { status: 'skipped', reason: 'no tsconfig.json in this repository' },
      expected: 'eslint: 1 file, 0 errors, 2 warnings (1 file without an ESLint config); tsc skipped: no tsconfig.json in this repository',
    },
    {
      eslint: { status: 'skipped', reason: 'ESLint is not installed in this repository' },
      typescript: { status: 'ran', version: '6.0.3', tsconfig: 'tsconfig.json', exitCode: 2, inChangedFiles: 0, elsewhere: 2, complete: false, durationMs: 1 },
      expected:
        'eslint skipped: ESLint is not installed in this repository; tsc: 0 errors in changed files (2 elsewhere; type check incomplete: tsc stopped at syntax errors)',
    },
    {
      eslint: { status: 'ran', version: '10.0.0', files: 2, fromTree: 1, errors: 1, warnings: 0, unconfigured: [], durationMs: 1 },
      typescript: {
        status: 'ran',
        version: '6.0.3',
        tsconfig: 'tsconfig.json',
        exitCode: 0,
        inChangedFiles: 0,
        elsewhere: 0,
        complete: true,
        durationMs: 1,
        worktree: 'in a temporary worktree of commit 0123456789ab (the disk differs in 1 file (src/a.ts))',
      },
      expected:
        'eslint: 2 files, 1 error, 0 warnings (1 file linted from the version under test, which the disk does not match); ' +
        'tsc: 0 errors in changed files (in a temporary worktree of commit 0123456789ab (the disk differs in 1 file (src/a.ts)))',
    },
  ] satisfies Array<{ eslint: Parameters<typeof formatSummary>[0]; typescript: Parameters<typeof formatSummary>[1]; expected: string }>)(
    '$expected',
    ({ eslint, typescript, expected }) => {
      expect(formatSummary(eslint, typescript)).toBe(expected)
    },
  )

  it('names Biome and oxlint when they ran or the repository uses them, and leaves out one it shows no sign of', () => {
    const tsc = { status: 'skipped', reason: 'no tsconfig.json in this repository' } as const
    expect(
      formatSummary({ status: 'skipped', reason: 'ESLint is not installed in this repository' }, tsc, {
        biome: { status: 'ran', version: '2.6.9', files: 2, errors: 1, warnings: 0, notLinted: ['src/b.js'], durationMs: 1 },
        oxlint: { status: 'skipped', reason: 'no .oxlintrc.json and no oxlint dependency', detected: false },
      }),
    ).toBe(
      'biome: 2 files, 1 error, 0 warnings (1 file not linted: the disk does not match the version under test); tsc skipped: no tsconfig.json in this repository',
    )
    expect(
      formatSummary({ status: 'skipped', reason: 'no supported linter: ESLint, Biome or oxlint' }, tsc, {
        biome: { status: 'skipped', reason: 'no biome.json or biome.jsonc and no @biomejs/biome dependency', detected: false },
        oxlint: { status: 'skipped', reason: 'no .oxlintrc.json and no oxlint dependency', detected: false },
      }),
    ).toBe('eslint skipped: no supported linter: ESLint, Biome or oxlint; tsc skipped: no tsconfig.json in this repository')
    expect(
      formatSummary(
        { status: 'ran', version: '8.57.1', mode: 'eslintrc', files: 1, fromTree: 0, errors: 0, warnings: 0, unconfigured: [], durationMs: 1 },
        tsc,
        {
          biome: { status: 'skipped', reason: 'no biome.json or biome.jsonc and no @biomejs/biome dependency', detected: false },
          oxlint: { status: 'skipped', reason: 'disabled in config (gates.static-analysis.oxlint: false)', detected: true },
        },
      ),
    ).toBe(
      'eslint: 1 file, 0 errors, 0 warnings; oxlint skipped: disabled in config (gates.static-analysis.oxlint: false); tsc skipped: no tsconfig.json in this repository',
    )
  })
})
