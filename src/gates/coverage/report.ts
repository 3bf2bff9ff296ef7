// Reads a coverage report into line hits per file: lcov tracefiles with the lcov reader, istanbul
// JSON (coverage-final.json) with istanbul-lib-coverage; report paths mapped to the repository.
import { readFile } from 'node:fs/promises'
import { isAbsolute, posix, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type * as Istanbul from 'istanbul-lib-coverage'
import { CoverageReportError, parseLcov, type LineHits } from './lcov.js'

/** The report formats the gate reads: an lcov tracefile, or istanbul JSON (coverage-final.json). */
export type ReportFormat = 'lcov' | 'istanbul'

/** A parsed report: line hits per file, keyed by the path as the report wrote it. */
export interface CoverageData {
  format: ReportFormat
  files: Map<string, LineHits>
}

type IstanbulLib = typeof Istanbul
let loading: Promise<IstanbulLib> | undefined

/** istanbul-lib-coverage (CommonJS), loaded on first use: most runs never read istanbul JSON. */
function loadIstanbul(): Promise<IstanbulLib> {
  loading ??= import('istanbul-lib-coverage').then((m) => (m as unknown as { default?: IstanbulLib }).default ?? (m as unknown as IstanbulLib))
  return loading
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True for `{ "1": 3, "2": 0 }`: the line map some istanbul JSON carries beside the statements. */
function isLineMap(value: unknown): value is Record<string, number> {
  return isObject(value) && Object.entries(value).every(([k, v]) => /^\d+$/.test(k) && typeof v === 'number')
}

function toLineHits(map: Record<string, number>): LineHits {
  const hits: LineHits = new Map()
  for (const [line, count] of Object.entries(map)) {
    const n = Number(line)
    if (n >= 1) hits.set(n, count)
  }
  return hits
}

/**
 * Reads istanbul JSON (`coverage-final.json`: path → FileCoverage data with `statementMap` and
 * `s`) into line hits: each file's `l` line map when it has one, else istanbul-lib-coverage's
 * `getLineCoverage()` (a line's hits are the most any statement starting on it got). Entries for
 * the same path are merged by istanbul-lib-coverage.
 * @param file how to name the file in errors
 * @throws CoverageReportError when the text is not JSON, not an object, is a coverage-summary.json
 *   (totals only, no line hits), or an entry is not FileCoverage data (names the entry)
 */
export async function parseIstanbulJson(text: string, file: string): Promise<Map<string, LineHits>> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CoverageReportError(file, undefined, `not valid JSON (${(error as Error).message}): expected istanbul JSON (coverage-final.json)`)
  }
  if (!isObject(value)) throw new CoverageReportError(file, undefined, 'expected istanbul JSON (coverage-final.json): an object keyed by file path')
  if (isObject(value.total) && isObject(value.total.lines) && 'pct' in value.total.lines) {
    throw new CoverageReportError(file, undefined, 'this is a coverage summary (json-summary: totals per file, no line hits); patch coverage needs line hits: use the json reporter (coverage-final.json) or lcov')
  }
  const lib = await loadIstanbul()
  const map = lib.createCoverageMap({})
  const lineMaps = new Map<string, LineHits>()
  for (const [key, entry] of Object.entries(value)) {
    const data = isObject(entry) && isObject(entry.data) ? entry.data : entry
    if (isObject(data) && isLineMap(data.l)) {
      lineMaps.set(typeof data.path === 'string' ? data.path : key, toLineHits(data.l))
      continue
    }
    try {
      if (!isObject(data)) throw new Error(`a ${Array.isArray(data) ? 'array' : typeof data}, not an object`)
      if (isObject(data.s) && !Object.values(data.s).every((n) => typeof n === 'number')) throw new Error('a statement count in `s` is not a number')
      map.addFileCoverage(lib.createFileCoverage(data as unknown as Istanbul.FileCoverageData))
    } catch (error) {
      throw new CoverageReportError(file, undefined, `entry ${JSON.stringify(key)} is not istanbul file coverage (${(error as Error).message}): expected path, statementMap, fnMap, branchMap, s, f and b`)
    }
  }
  const files = new Map<string, LineHits>(lineMaps)
  for (const path of map.files()) {
    let lines: Record<string, number>
    try {
      lines = map.fileCoverageFor(path).getLineCoverage() as Record<string, number>
    } catch (error) {
      throw new CoverageReportError(file, undefined, `entry ${JSON.stringify(path)} has a malformed statementMap (${(error as Error).message}): expected { start: { line, column }, end: { line, column } } per statement`)
    }
    files.set(path, toLineHits(lines))
  }
  return files
}

/** The format of a report: by extension (`.info`, `.lcov`; `.json`), else by its first non-blank character. */
export function sniffFormat(path: string, text: string): ReportFormat | undefined {
  if (/\.(?:info|lcov)$/i.test(path)) return 'lcov'
  if (/\.json$/i.test(path)) return 'istanbul'
  const start = text.trimStart()
  if (start.startsWith('{')) return 'istanbul'
  if (/^(?:TN|SF):/.test(start)) return 'lcov'
  return undefined
}

/**
 * Reads and parses the report at `absolutePath`.
 * @param name how to name it in errors (the repository-relative path from the config)
 * @param format the format when known (a runner's own output); sniffed otherwise
 * @throws CoverageReportError when the file is missing, unreadable, of neither format, or malformed
 */
export async function readCoverageReport(absolutePath: string, name: string, format?: ReportFormat): Promise<CoverageData> {
  let text: string
  try {
    text = await readFile(absolutePath, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`
    throw new CoverageReportError(name, undefined, `the coverage report ${why}: expected an lcov tracefile (.info) or istanbul JSON (coverage-final.json)`)
  }
  const kind = format ?? sniffFormat(absolutePath, text)
  if (kind === undefined) {
    throw new CoverageReportError(name, undefined, 'neither lcov (SF:/DA: records) nor istanbul JSON (coverage-final.json): name the file .info or .json, or point gates.coverage.report at one of those')
  }
  return { format: kind, files: kind === 'lcov' ? parseLcov(text, name) : await parseIstanbulJson(text, name) }
}

/**
 * The repository-relative path (forward slashes) of a path as a report wrote it: absolute (or a
 * `file://` URL) under `roots` (the root as git gives it, and its real path), or relative to the
 * repository root (the directory the runner ran in). Null for a path outside the repository.
 */
export function repositoryPath(reportPath: string, roots: readonly string[]): string | null {
  let path = reportPath.trim()
  if (path.startsWith('file://')) {
    try {
      path = fileURLToPath(path)
    } catch {
      return null
    }
  }
  // A Windows path in a report read on another system: only the path's tail can match (the caller's fallback).
  if (sep === '/' && /^[A-Za-z]:[\\/]/.test(path)) return null
  if (isAbsolute(path)) {
    for (const root of roots) {
      const rel = relative(root, path)
      if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/')
    }
    return null
  }
  const normal = posix.normalize(path.replaceAll('\\', '/'))
  if (normal === '..' || normal.startsWith('../') || normal === '.') return null
  return normal
}
