// The lcov reader of the coverage gate, table-driven: what each tracefile yields line by line, and
// the exact 1-based line and message of each malformed one.
import { describe, expect, it } from 'vitest'
import { CoverageReportError, parseLcov } from '../../../src/gates/coverage.js'
import { lines } from '../../helpers/tables.js'

/** The parsed report as plain data: path → [line, hits] pairs in line order. */
function plain(text: string): Record<string, Array<[number, number]>> {
  const out: Record<string, Array<[number, number]>> = {}
  for (const [path, hits] of parseLcov(text, 'lcov.info')) out[path] = [...hits].sort((a, b) => a[0] - b[0])
  return out
}

describe('parseLcov: valid tracefiles', () => {
  it.each([
    {
      name: 'one record with every common record type',
      text: lines(
        'TN:unit',
        'SF:src/a.ts',
        'FN:1,add',
        'FNDA:2,add',
        'FNF:1',
        'FNH:1',
        'DA:1,2',
        'DA:2,0',
        'BRDA:2,0,0,1',
        'BRF:1',
        'BRH:1',
        'LF:2',
        'LH:1',
        'end_of_record',
      ),
      files: {
        'src/a.ts': [
          [1, 2],
          [2, 0],
        ],
      },
    },
    {
      name: 'two files, an absolute path kept as written',
      text: lines('SF:/repo/src/a.ts', 'DA:3,1', 'end_of_record', 'SF:src/b.js', 'DA:1,0', 'end_of_record'),
      files: { '/repo/src/a.ts': [[3, 1]], 'src/b.js': [[1, 0]] },
    },
    {
      name: 'the same file twice (two test runs merged): hits are added',
      text: lines('SF:src/a.ts', 'DA:1,1', 'DA:2,0', 'end_of_record', 'SF:src/a.ts', 'DA:2,3', 'DA:4,0', 'end_of_record'),
      files: {
        'src/a.ts': [
          [1, 1],
          [2, 3],
          [4, 0],
        ],
      },
    },
    {
      name: 'a DA with a checksum, CRLF line ends, blank lines and indentation',
      text: 'SF:src/a.ts\r\n\r\n  DA:7,5,Zm9v\r\nend_of_record\r\n',
      files: { 'src/a.ts': [[7, 5]] },
    },
    {
      name: 'a path with spaces',
      text: lines('SF:src/my file.ts', 'DA:1,1', 'end_of_record'),
      files: { 'src/my file.ts': [[1, 1]] },
    },
    {
      name: 'TN alone: nothing was loaded (node --test with no file under test)',
      text: lines('TN:'),
      files: {},
    },
  ])('$name', ({ text, files }) => {
    expect(plain(text)).toEqual(files)
  })
})

describe('parseLcov: malformed tracefiles name the file and line', () => {
  it.each([
    {
      name: 'garbage line',
      text: lines('SF:src/a.ts', 'DA:1,1', 'this is not lcov', 'end_of_record'),
      line: 3,
      message: 'expected an lcov record (SF:, DA:, end_of_record, …), got "this is not lcov"',
    },
    {
      name: 'DA separated by a semicolon',
      text: lines('SF:src/a.ts', 'DA:1;1', 'end_of_record'),
      line: 2,
      message: 'expected DA:<line>,<hits> with a line number ≥ 1 and a hit count ≥ 0, got "DA:1;1"',
    },
    {
      name: 'DA with a negative count',
      text: lines('SF:src/a.ts', 'DA:1,-1', 'end_of_record'),
      line: 2,
      message: 'expected DA:<line>,<hits> with a line number ≥ 1 and a hit count ≥ 0, got "DA:1,-1"',
    },
    {
      name: 'DA on line 0',
      text: lines('SF:src/a.ts', 'DA:0,1', 'end_of_record'),
      line: 2,
      message: 'expected DA:<line>,<hits> with a line number ≥ 1 and a hit count ≥ 0, got "DA:0,1"',
    },
    { name: 'DA before any SF', text: lines('TN:', 'DA:1,1'), line: 2, message: 'DA: outside a record (no SF: before it)' },
    { name: 'SF without a path', text: lines('SF:', 'end_of_record'), line: 1, message: 'SF: without a path' },
    {
      name: 'SF inside an open record',
      text: lines('SF:src/a.ts', 'DA:1,1', 'SF:src/b.ts', 'end_of_record'),
      line: 3,
      message: 'SF: before the record for "src/a.ts" (line 1) ended with end_of_record',
    },
    { name: 'end_of_record without a record', text: lines('TN:', 'end_of_record'), line: 2, message: 'end_of_record without an SF: record before it' },
    {
      name: 'truncated: the last record never closes',
      text: lines('SF:src/a.ts', 'DA:1,1', 'DA:2,0'),
      line: 1,
      message: 'the record for "src/a.ts" is not closed by end_of_record (a truncated report?)',
    },
    {
      name: 'a JSON file read as lcov',
      text: '{ "src/a.ts": {} }\n',
      line: 1,
      message: 'expected an lcov record (SF:, DA:, end_of_record, …), got "{ \\"src/a.ts\\": {} }"',
    },
  ])('$name → line $line', ({ text, line, message }) => {
    let caught: unknown
    try {
      parseLcov(text, 'coverage/lcov.info')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(CoverageReportError)
    expect(caught).toMatchObject({ file: 'coverage/lcov.info', line, problem: message, message: `coverage/lcov.info:${line}: ${message}` })
  })

  it('an empty file has no line to name', () => {
    expect(() => parseLcov('\n\n', 'lcov.info')).toThrow(
      new CoverageReportError('lcov.info', undefined, 'the file is empty: expected lcov records (SF:, DA:, end_of_record)'),
    )
  })
})
