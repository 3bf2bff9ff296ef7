// A small reader of lcov tracefiles (`SF:` / `DA:` / `end_of_record`): line hits per source file,
// strict about structure so that a truncated or foreign file makes the coverage gate error, not pass.

/** 1-based line → hit count, for one source file. */
export type LineHits = Map<number, number>

/** A coverage report that cannot be read; the message names the file and, where known, the 1-based line. */
export class CoverageReportError extends Error {
  override readonly name = 'CoverageReportError'
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`)
  }
}

const RECORD = /^([A-Z][A-Z_]*):(.*)$/
const DA = /^(\d+),(\d+)(?:,[^,]*)?$/

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)
}

/**
 * Reads an lcov tracefile: each `SF:<path>` … `end_of_record` record gives the `DA:<line>,<hits>`
 * lines of one file. Paths are returned as written (absolute, or relative to the directory the
 * tool ran in); records for the same path are merged by adding hits, as `lcov -a` does. Every
 * other `KEY:value` record (TN, FN, FNDA, BRDA, LF, LH…) is accepted and ignored; blank lines too.
 * A tracefile with no SF record but at least one record line (`TN:` alone: nothing was loaded) is
 * an empty report.
 * @param text the tracefile's content
 * @param file how to name the file in errors (repository-relative or absolute)
 * @returns path → line hits, in the order the records appear
 * @throws CoverageReportError with the 1-based line for a line that is no lcov record, a `DA:`
 *   outside a record or not `<line>,<hits>` with a line ≥ 1, an `SF:` inside an open record or
 *   without a path, an `end_of_record` without a record, a record not closed at the end of the
 *   file; without a line for an empty file.
 */
export function parseLcov(text: string, file: string): Map<string, LineHits> {
  const files = new Map<string, LineHits>()
  let current: { path: string; hits: LineHits; line: number } | undefined
  let records = 0
  const rows = text.split(/\r?\n/)
  for (const [index, raw] of rows.entries()) {
    const n = index + 1
    const row = raw.trim()
    if (row === '') continue
    if (row === 'end_of_record') {
      if (current === undefined) throw new CoverageReportError(file, n, 'end_of_record without an SF: record before it')
      current = undefined
      records++
      continue
    }
    const match = RECORD.exec(row)
    if (match === null) throw new CoverageReportError(file, n, `expected an lcov record (SF:, DA:, end_of_record, …), got ${quote(row)}`)
    records++
    const [, key, value] = match as unknown as [string, string, string]
    if (key === 'SF') {
      if (current !== undefined) throw new CoverageReportError(file, n, `SF: before the record for ${quote(current.path)} (line ${current.line}) ended with end_of_record`)
      const path = value.trim()
      if (path === '') throw new CoverageReportError(file, n, 'SF: without a path')
      let hits = files.get(path)
      if (hits === undefined) {
        hits = new Map()
        files.set(path, hits)
      }
      current = { path, hits, line: n }
    } else if (key === 'DA') {
      if (current === undefined) throw new CoverageReportError(file, n, 'DA: outside a record (no SF: before it)')
      const da = DA.exec(value.trim())
      const line = da === null ? NaN : Number(da[1])
      if (da === null || !Number.isSafeInteger(line) || line < 1) {
        throw new CoverageReportError(file, n, `expected DA:<line>,<hits> with a line number ≥ 1 and a hit count ≥ 0, got ${quote(row)}`)
      }
      current.hits.set(line, (current.hits.get(line) ?? 0) + Number(da[2]))
    }
  }
  if (current !== undefined) {
    throw new CoverageReportError(file, current.line, `the record for ${quote(current.path)} is not closed by end_of_record (a truncated report?)`)
  }
  if (records === 0) throw new CoverageReportError(file, undefined, 'the file is empty: expected lcov records (SF:, DA:, end_of_record)')
  return files
}
