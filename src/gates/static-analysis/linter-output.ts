// The machine-readable output of the command-line linters the static-analysis gate runs (Biome's
// `--reporter=rdjson`, oxlint's `--format json`) turned into findings. Pure: no processes, no
// files; the text of a file is asked for only to turn oxlint's byte offsets into columns.
import type { FindingInput, Severity } from '../../findings/types.js'
import { toRepoPath } from './repo.js'

/** The linters the gate runs from the command line, by the name used in config keys and `data`. */
export type CliLinterName = 'biome' | 'oxlint'

/** A linter output that is not what the linter prints: missing, not JSON, or not the expected shape. */
export class LinterOutputError extends Error {
  override name = 'LinterOutputError'
}

/**
 * The same mapping as ESLint's: error → high, warning → medium, anything milder (info, hint,
 * note) → low. Case-insensitive, since rdjson spells `ERROR` and oxlint `error`.
 */
export function linterSeverity(severity: unknown): Severity {
  const s = String(severity).toLowerCase()
  if (s === 'error') return 'high'
  if (s === 'warning' || s === 'warn') return 'medium'
  return 'low'
}

/** A parsed linter run: its findings and how many were errors (high) and warnings (the rest). */
export interface ParsedLint {
  findings: FindingInput[]
  errors: number
  warnings: number
  /** Files the linter says it linted, when its output says (oxlint); undefined otherwise. */
  files?: number
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined
}

function parseJson(text: string, tool: string): unknown {
  // A linter may print a notice before its JSON; the JSON object is what starts at the first `{`.
  const start = text.indexOf('{')
  if (start < 0) throw new LinterOutputError(`${tool} printed no JSON`)
  try {
    return JSON.parse(text.slice(start)) as unknown
  } catch (error) {
    throw new LinterOutputError(`${tool} printed output that is not JSON: ${(error as Error).message}`)
  }
}

function count(findings: FindingInput[], files?: number): ParsedLint {
  const errors = findings.filter((f) => f.severity === 'high').length
  return { findings, errors, warnings: findings.length - errors, ...(files === undefined ? {} : { files }) }
}

/**
 * A diagnostic without a file (Biome's `fs/cantRead`): whatever it says, the changed files were
 * not all checked, so it is reported whatever lines the change touched.
 */
function fileless(finding: FindingInput): FindingInput {
  return { ...finding, filter: 'always' }
}

/**
 * Parses Biome's `lint --reporter=rdjson` output (the Reviewdog Diagnostic Format, a published
 * format, where Biome's `json` reporter is marked experimental). Rule id: Biome's category as its
 * `biome-ignore` comments name it (`lint/suspicious/noDebugger`); lines and columns are 1-based
 * characters as Biome gives them; `path` is repository-relative.
 * @throws LinterOutputError when `stdout` is not rdjson.
 */
export function parseBiomeRdjson(stdout: string, root: string): ParsedLint {
  const doc = record(parseJson(stdout, 'Biome'))
  if (doc === undefined || !Array.isArray(doc.diagnostics)) throw new LinterOutputError('Biome printed JSON without a diagnostics array')
  const findings: FindingInput[] = []
  for (const item of doc.diagnostics) {
    const d = record(item)
    if (d === undefined) throw new LinterOutputError('Biome printed a diagnostic that is not an object')
    const code = record(d.code)
    const ruleId = typeof code?.value === 'string' ? code.value : 'biome'
    const finding: FindingInput = { ruleId, severity: linterSeverity(d.severity), message: String(d.message ?? '') }
    if (typeof code?.url === 'string') finding.help = `See ${code.url}`
    const location = record(d.location)
    if (typeof location?.path !== 'string') {
      findings.push(fileless(finding))
      continue
    }
    finding.path = toRepoPath(root, location.path)
    const range = record(location.range)
    const start = record(range?.start)
    const end = record(range?.end)
    const at = { startLine: positive(start?.line), startColumn: positive(start?.column), endLine: positive(end?.line), endColumn: positive(end?.column) }
    for (const [key, value] of Object.entries(at)) if (value !== undefined) (finding as unknown as Record<string, number>)[key] = value
    findings.push(finding)
  }
  return count(findings)
}

/**
 * The 1-based line and column (UTF-16 code units, as ESLint counts) of byte `offset` in `text`
 * (UTF-8), or undefined when the offset is outside it.
 */
export function positionOfByte(text: Buffer, offset: number): { line: number; column: number } | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return undefined
  const before = text.subarray(0, offset)
  const lineStart = before.lastIndexOf(0x0a) + 1
  let line = 1
  for (let i = before.indexOf(0x0a); i >= 0; i = before.indexOf(0x0a, i + 1)) line++
  return { line, column: before.subarray(lineStart).toString('utf8').length + 1 }
}

/**
 * Parses oxlint's `--format json` output. Rule id: oxlint's `plugin(rule)` code as it prints it
 * (`eslint(no-debugger)`, `typescript(no-explicit-any)`), so it never reads as ESLint's own rule.
 * oxlint's columns count bytes; with the file's text (`readText`, by repository-relative path)
 * the position comes from the span's byte offset in UTF-16 columns as ESLint's do, else oxlint's
 * line and column are kept. `path` is repository-relative.
 * @throws LinterOutputError when `stdout` is not oxlint's JSON.
 */
export function parseOxlintJson(stdout: string, root: string, readText: (path: string) => Buffer | undefined): ParsedLint {
  const doc = record(parseJson(stdout, 'oxlint'))
  if (doc === undefined || !Array.isArray(doc.diagnostics)) throw new LinterOutputError('oxlint printed JSON without a diagnostics array')
  const findings: FindingInput[] = []
  for (const item of doc.diagnostics) {
    const d = record(item)
    if (d === undefined) throw new LinterOutputError('oxlint printed a diagnostic that is not an object')
    const ruleId = typeof d.code === 'string' && d.code !== '' ? d.code : 'oxlint'
    const finding: FindingInput = { ruleId, severity: linterSeverity(d.severity), message: String(d.message ?? '') }
    if (typeof d.url === 'string') finding.help = typeof d.help === 'string' ? `${d.help}. See ${d.url}` : `See ${d.url}`
    else if (typeof d.help === 'string') finding.help = d.help
    if (typeof d.filename !== 'string') {
      findings.push(fileless(finding))
      continue
    }
    finding.path = toRepoPath(root, d.filename)
    const span = record(record(Array.isArray(d.labels) ? d.labels[0] : undefined)?.span)
    const text = readText(finding.path)
    const offset = typeof span?.offset === 'number' ? span.offset : undefined
    const start = text !== undefined && offset !== undefined ? positionOfByte(text, offset) : undefined
    const length = typeof span?.length === 'number' ? span.length : undefined
    const end = text !== undefined && offset !== undefined && length !== undefined ? positionOfByte(text, offset + length) : undefined
    const startLine = start?.line ?? positive(span?.line)
    const startColumn = start?.column ?? positive(span?.column)
    if (startLine !== undefined) finding.startLine = startLine
    if (startColumn !== undefined) finding.startColumn = startColumn
    if (end !== undefined) {
      finding.endLine = end.line
      finding.endColumn = end.column
    }
    findings.push(finding)
  }
  return count(findings, typeof doc.number_of_files === 'number' ? doc.number_of_files : undefined)
}
