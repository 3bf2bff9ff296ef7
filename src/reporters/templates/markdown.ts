// Shared pieces of the GitHub markdown renderers: escaping for pull-request-controlled text, tables,
// and fitting prioritised sections into a size budget (characters or UTF-8 bytes) without breaking a table.
import { councilEvidenceText, councilRefusalText, waiverText as sharedWaiverText } from '../../findings/council.js'
import { SEVERITY_SOURCE_NOTE } from '../../findings/rules.js'
import { SEVERITIES, severityRank, type ReportedFinding } from '../../findings/types.js'
import type { Verdict } from '../../findings/verdict.js'
import type { GateResult, RunResult } from '../../runner/types.js'
import { seconds } from '../../util/text.js'

/** How a budget is measured: `chars` are UTF-16 code units (`string.length`), `bytes` are UTF-8 bytes. */
export type Unit = 'chars' | 'bytes'

/** Longest single message, path or reason a renderer prints, in characters, before it is cut with "…". */
export const MAX_MESSAGE_CHARS = 1000

/** The hint the "more" row and the "not shown" note give unless a section names its own. */
export const DEFAULT_MORE_HINT = 'see the JSON report / job summary'

const ELLIPSIS = '…'
const ZWJ = '\u200D'

/**
 * Size of `text` in `unit`. GitHub counts "characters" as Ruby does (code points); UTF-16 code units are
 * never fewer, so measuring `string.length` is the conservative choice.
 */
export function measure(text: string, unit: Unit): number {
  return unit === 'chars' ? text.length : Buffer.byteLength(text, 'utf8')
}

/**
 * `text` cut so that it, with a trailing "…" when cut, is at most `max` in `unit`; never splits a
 * surrogate pair or a UTF-8 sequence. Returns `text` unchanged when it fits.
 */
export function truncate(text: string, max: number, unit: Unit = 'chars'): string {
  if (measure(text, unit) <= max) return text
  const room = max - measure(ELLIPSIS, unit)
  if (room < 0) return ''
  if (unit === 'chars') {
    let cut = room
    const last = text.charCodeAt(cut - 1)
    if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut -= 1
    return text.slice(0, cut) + ELLIPSIS
  }
  const bytes = Buffer.from(text, 'utf8')
  let cut = room
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut -= 1
  return bytes.subarray(0, cut).toString('utf8') + ELLIPSIS
}

// C0/C1 controls (tab and newline are handled by the callers) and the bidirectional overrides of
// "Trojan Source" (CVE-2021-42574): shown as U+FFFD so a reviewer sees that something was there.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '\uFFFD')
}

/**
 * Pull-request-controlled `text` made inert for GitHub markdown, on one line, safe in a paragraph,
 * a list item or a table cell: cut to `maxChars` (before escaping) with "…"; `&`, `<`, `>` as entities
 * (so no HTML and no `<!--` that could forge a hidden marker); markdown punctuation (`\ ` * _ [ ] | ~ $`)
 * backslash-escaped; newlines as `<br>`; a zero-width joiner after `@` and before a digit after `#` so
 * nobody is mentioned and no issue is cross-referenced; controls and bidi overrides as U+FFFD.
 */
export function escapeText(text: string, maxChars: number = MAX_MESSAGE_CHARS): string {
  return clean(truncate(text, maxChars))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`)
    .replace(/@/g, `@${ZWJ}`)
    .replace(/#(?=\d)/g, `#${ZWJ}`)
    .replace(/\t/g, ' ')
    .replace(/\n/g, '<br>')
}

/**
 * `text` as an inline code span outside tables: one line, fenced with one more backtick than its
 * longest backtick run (CommonMark code spans), padded when it starts or ends with a backtick, `<!--`
 * broken with a zero-width joiner. Code spans render literally, so mentions and HTML stay inert.
 */
export function codeSpan(text: string, maxChars: number = MAX_MESSAGE_CHARS): string {
  const body = clean(truncate(text, maxChars))
    .replace(/[\n\t]/g, ' ')
    .replace(/<!--/g, `<${ZWJ}!--`)
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : ''
  return `${fence}${pad}${body}${pad}${fence}`
}

/**
 * Untrusted `text` as inline code, anywhere (table cells included). GitHub's table scanner splits a
 * row on any `|` not escaped by a backslash, even inside a code span, and a `\` before it would
 * escape the backslash instead; and a code span shows `<`, `>`, `&` raw in the markdown source. So text
 * with any of `| \ < > &` is rendered as `<code>` with {@link escapeText} content, anything else as
 * a backtick {@link codeSpan}.
 */
export function cellCode(text: string, maxChars: number = MAX_MESSAGE_CHARS): string {
  if (/[|\\<>&]/.test(text)) return `<code>${escapeText(text, maxChars)}</code>`
  return codeSpan(text, maxChars)
}

/** A GFM table row from already-escaped, single-line cells: `| a | b |`. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

/** A free-text block; dropped whole (optionally leaving `dropNote`) when over budget. */
export interface TextSection {
  kind: 'text'
  /** 0 is the most important; larger numbers are trimmed first. */
  priority: number
  text: string
  /** Never dropped: only the final hard cut can shorten it. */
  required?: boolean
  /** A line left in place of the text when it is dropped. */
  dropNote?: string
}

/** A GFM table with optional lines above (`before`) and below (`after`) that always travel with it. */
export interface TableSection {
  kind: 'table'
  /** 0 is the most important; larger numbers are trimmed first. */
  priority: number
  /** Escaped header cells. */
  header: readonly string[]
  /** Escaped, single-line cells; each row must have `header.length` cells. */
  rows: ReadonlyArray<readonly string[]>
  /** What a row is, plural, for the "not shown" note: `findings`, `gates`. */
  noun: string
  /** Where the dropped rows can be read; default {@link DEFAULT_MORE_HINT}. */
  hint?: string
  before?: string
  after?: string
}

/** One part of a rendered document, in the order it appears; `priority` decides what is trimmed first. */
export type Section = TextSection | TableSection

/** The rendered document and whether anything was trimmed. */
export interface Fitted {
  text: string
  trimmed: boolean
}

const SEPARATOR = '\n\n'

/** How far a section is trimmed: `full`, `k` rows kept (table), `note` (table removed), `dropped` (text). */
type State = { kind: 'full' } | { kind: 'rows'; keep: number } | { kind: 'note' } | { kind: 'dropped' }

function moreRow(section: TableSection, hidden: number): string {
  const first = `… ${hidden} more (${section.hint ?? DEFAULT_MORE_HINT})`
  return tableRow([first, ...section.header.slice(1).map(() => ' ')])
}

function notShown(section: TableSection): string {
  return `… ${section.rows.length} ${section.noun} not shown (${section.hint ?? DEFAULT_MORE_HINT})`
}

function renderTable(section: TableSection, keep: number): string {
  const lines: string[] = []
  if (section.before !== undefined) lines.push(section.before)
  lines.push(tableRow(section.header), tableRow(section.header.map(() => '---')))
  for (const row of section.rows.slice(0, keep)) lines.push(tableRow(row))
  if (keep < section.rows.length) lines.push(moreRow(section, section.rows.length - keep))
  if (section.after !== undefined) lines.push(section.after)
  return lines.join('\n')
}

function renderNote(section: TableSection): string {
  return [section.before, notShown(section), section.after].filter((line) => line !== undefined).join('\n')
}

function renderSection(section: Section, state: State): string {
  if (section.kind === 'text') return state.kind === 'dropped' ? (section.dropNote ?? '') : section.text
  if (state.kind === 'note') return section.rows.length === 0 ? '' : renderNote(section)
  return renderTable(section, state.kind === 'rows' ? state.keep : section.rows.length)
}

/** All sections in full, in document order, separated by blank lines (empty ones left out). */
export function renderSections(sections: readonly Section[]): string {
  return sections
    .map((s) => renderSection(s, { kind: 'full' }))
    .filter((part) => part !== '')
    .join(SEPARATOR)
}

/** Sizes of a table's pieces, so trimming 5,000 rows is linear, not quadratic. */
function tableSizer(section: TableSection, unit: Unit): (keep: number) => number {
  const fixed = [section.before, tableRow(section.header), tableRow(section.header.map(() => '---')), section.after].filter(
    (line): line is string => line !== undefined,
  )
  const fixedSize = fixed.reduce((sum, line) => sum + measure(line, unit), 0) + (fixed.length - 1)
  const prefix = [0]
  for (const row of section.rows) prefix.push(prefix[prefix.length - 1]! + measure(tableRow(row), unit) + 1)
  return (keep) => {
    const more = keep < section.rows.length ? measure(moreRow(section, section.rows.length - keep), unit) + 1 : 0
    return fixedSize + prefix[keep]! + more
  }
}

/**
 * Renders `sections` in document order within `budget` (measured in `unit`), trimming by priority:
 * the least important section first (ties: the later one first). A table loses rows from the end,
 * replaced by one final row "… N more (hint)"; when even that does not fit, it is replaced whole by the
 * line "… N <noun> not shown (hint)" (its `before`/`after` lines stay). A text section is dropped whole,
 * leaving its `dropNote`. A table is never cut mid-row: every kept table has its header, separator,
 * zero or more rows and the "more" row. Required sections are never dropped; only if they alone exceed
 * the budget is the document cut hard at the end. Deterministic; the result never exceeds `budget`.
 */
export function fitSections(sections: readonly Section[], budget: number, unit: Unit): Fitted {
  const states: State[] = sections.map(() => ({ kind: 'full' }))
  const sizers = sections.map((s) => (s.kind === 'table' ? tableSizer(s, unit) : undefined))
  const partSize = (i: number): number => {
    const section = sections[i]!
    const state = states[i]!
    if (section.kind === 'table' && (state.kind === 'full' || state.kind === 'rows')) {
      return sizers[i]!(state.kind === 'rows' ? state.keep : section.rows.length)
    }
    return measure(renderSection(section, state), unit)
  }
  const total = (): number => {
    let sum = 0
    let parts = 0
    for (let i = 0; i < sections.length; i++) {
      const size = partSize(i)
      if (size === 0) continue
      sum += size
      parts += 1
    }
    return sum + Math.max(0, parts - 1) * SEPARATOR.length
  }

  let size = total()
  let trimmed = false
  const order = sections
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !(s.kind === 'text' && s.required === true))
    .sort((a, b) => b.s.priority - a.s.priority || b.i - a.i)
  for (const { s: section, i } of order) {
    if (size <= budget) break
    trimmed = true
    if (section.kind === 'text') {
      states[i] = { kind: 'dropped' }
      size = total()
      continue
    }
    const current = partSize(i)
    const sizer = sizers[i]!
    let fitted = false
    // Separators stay the same while the table keeps some text, so only its own size changes.
    for (let keep = section.rows.length - 1; keep >= 0; keep--) {
      if (size - current + sizer(keep) <= budget) {
        states[i] = { kind: 'rows', keep }
        fitted = true
        break
      }
    }
    if (!fitted) states[i] = { kind: 'note' }
    size = total()
  }

  const text = sections
    .map((s, i) => renderSection(s, states[i]!))
    .filter((part) => part !== '')
    .join(SEPARATOR)
  if (measure(text, unit) <= budget) return { text, trimmed }
  return { text: truncate(text, budget, unit), trimmed: true }
}

// ── Pieces of a run every renderer shows, in the terminal reporter's order ──────────────────────

/** How a verdict reads in titles and headings. */
export const VERDICT_WORD: Record<Verdict, string> = { pass: 'Passed', warn: 'Warnings', blocked: 'Blocked' }
/** The emoji a verdict gets before its word in titles and headings. */
export const VERDICT_MARK: Record<Verdict, string> = { pass: '✅', warn: '⚠️', blocked: '❌' }
const STATUS_MARK: Record<GateResult['status'], string> = { pass: '✅', fail: '❌', errored: '💥', inconclusive: '❔', skipped: '⏭️' }

/** Unwaived findings, most severe first (stable: the run's order within a severity). */
export function activeFindings(result: RunResult): ReportedFinding[] {
  return bySeverity(result.findings.filter((f) => f.waived === null))
}

/** Waived findings, most severe first. */
export function waivedFindings(result: RunResult): ReportedFinding[] {
  return bySeverity(result.findings.filter((f) => f.waived !== null))
}

function bySeverity(findings: ReportedFinding[]): ReportedFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i)
    .map(({ f }) => f)
}

/** `2 high, 1 medium`, or `no findings`, for unwaived findings. */
export function countsText(findings: readonly ReportedFinding[]): string {
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0)
  return counts.length === 0 ? 'no findings' : counts.map(([s, n]) => `${n} ${s}`).join(', ')
}

/** Blocking gates that errored (they block: fail closed). */
export function erroredGates(result: RunResult): string[] {
  return result.gates.filter((g) => g.status === 'errored' && g.mode === 'blocking').map((g) => g.id)
}

/** `**Blocked** · 2 high, 1 medium · 2 blocking · errored: tests · 1 waived · exit 1 · 12.3 s` */
export function verdictLine(result: RunResult): string {
  const active = activeFindings(result)
  const blocking = result.findings.filter((f) => f.blocking).length
  const needApproval = result.findings.filter((f) => f.needsApproval === true && f.approved === undefined).length
  const approved = result.findings.filter((f) => f.approved !== undefined).length
  const waived = result.findings.length - active.length
  const errored = erroredGates(result)
  const parts = [
    `${VERDICT_MARK[result.verdict]} **${VERDICT_WORD[result.verdict]}**`,
    countsText(active),
    blocking > 0 ? `${blocking} blocking` : '',
    needApproval > 0 ? `${needApproval} need${needApproval === 1 ? 's' : ''} approval` : '',
    approved > 0 ? `${approved} approved by ${escapeText(`@${result.approval?.by ?? '?'}`, 100)}` : '',
    errored.length > 0 ? `errored: ${errored.join(', ')}` : '',
    waived > 0 ? `${waived} waived` : '',
    `exit ${result.exitCode}`,
    seconds(result.durationMs),
  ]
  return parts.filter((p) => p !== '').join(' · ')
}

/** Base and head (12-character SHAs; refs are branch names a pull request controls, so escaped) and scope. */
export function headerLine(result: RunResult): string {
  const baseRef = result.base.ref === undefined ? '' : ` ${cellCode(result.base.ref, 200)}`
  const headRef = result.head.ref === undefined ? ' (detached)' : ` (${cellCode(result.head.ref, 200)})`
  const scope =
    result.scope === 'all'
      ? 'scan of the whole repository'
      : `${result.changedFiles} changed file${result.changedFiles === 1 ? '' : 's'} · filter ${codeSpan(result.filterMode)}`
  return `base ${codeSpan(result.base.sha.slice(0, 12))} (${result.base.source}${baseRef}) → head ${codeSpan(result.head.sha.slice(0, 12))}${headRef} · ${scope}`
}

/** One list item per inconclusive gate: it passed through, and every report must say so. */
export function inconclusiveText(result: RunResult): string {
  return result.inconclusive.map((i) => `- ❔ inconclusive — passed through: ${i.gate}: ${escapeText(i.reason)}`).join('\n')
}

/** One list item per note. */
export function notesText(result: RunResult): string {
  return result.notes.map((n) => `- note: ${escapeText(n)}`).join('\n')
}

/** `path:line:col` as table-cell code, `(run)` without a path. */
export function locationCell(f: ReportedFinding): string {
  if (f.path === undefined || f.path === '') return '(run)'
  if (f.startLine === undefined) return cellCode(f.path)
  return cellCode(`${f.path}:${f.startLine}:${f.startColumn ?? 1}`)
}

/** The `<gate>/<ruleId>` cell. */
export function ruleCell(f: ReportedFinding): string {
  return cellCode(`${f.gate}/${f.ruleId}`, 200)
}

/**
 * The severity cell: `**high** · blocking`, `medium`, `low · waived`, `low · severity set in
 * .proofgate.yml (gate: high)`; a finding only a reviewer can resolve adds `needs approval`, or
 * `approved by @login on <sha12>` (the login escaped).
 */
export function severityCell(f: ReportedFinding): string {
  const set = f.severitySource === 'config' ? ` · ${SEVERITY_SOURCE_NOTE} (gate: ${f.defaultSeverity ?? '?'})` : ''
  const approval =
    f.needsApproval !== true
      ? ''
      : f.approved === undefined
        ? ' · **needs approval**'
        : ` · approved by ${escapeText(`@${f.approved.by}`, 100)} on ${codeSpan(f.approved.sha.slice(0, 12))}`
  if (f.blocking) return `**${f.severity}** · blocking${set}${approval}`
  return (f.waived === null ? f.severity : `${f.severity} · waived`) + set + approval
}

/**
 * The message cell: the message; for a finding a pending waiver matches, `… would waive this once
 * approved: <reason>`; for one the override council heard, what it decided and the votes.
 */
function messageCell(f: ReportedFinding): string {
  const w = f.pendingWaiver
  const council = f.council === undefined ? '' : `<br>⚖ ${escapeText(councilText(f), 600)}`
  if (w === undefined) return escapeText(f.message) + council
  return `${escapeText(f.message)}<br>⏳ \`.proofgate/waivers.yml:${w.line}\` would waive this once approved: ${escapeText(w.reason, 300)} (proof: ${w.proof})${council}`
}

/** Header cells of a findings table, matching {@link findingRow}. */
export const FINDING_HEADER = ['severity', 'rule', 'location', 'message'] as const

/** severity | rule | location | message */
export function findingRow(f: ReportedFinding): string[] {
  return [severityCell(f), ruleCell(f), locationCell(f), messageCell(f)]
}

/** Header cells of the gates table, matching {@link gateRow}. */
export const GATE_HEADER = ['gate', 'mode', 'status', 'summary'] as const

/**
 * The reason to show next to `g.summary`: empty when there is none, or when the summary already
 * says it — whole (a gate skipped by `appliesTo` has the summary `skipped: <reason>`), or part by
 * part (static-analysis: summary `eslint skipped: A; tsc skipped: B`, reason `eslint: A; tsc: B`).
 */
export function reasonBesideSummary(g: GateResult): string {
  const reason = g.reason ?? ''
  if (reason === '' || g.summary.includes(reason)) return ''
  const parts = reason.split('; ').map((part) => part.replace(/^[\w.-]+: /, ''))
  return parts.every((part) => part !== '' && g.summary.includes(part)) ? '' : reason
}

/** gate | mode | status | summary (with the reason when skipped, inconclusive or errored and not in the summary already, and the findings outside the filter). */
export function gateRow(result: RunResult, g: GateResult): string[] {
  const shown = reasonBesideSummary(g)
  const reason = shown !== '' && g.status !== 'pass' && g.status !== 'fail' ? ` — ${shown}` : ''
  const hidden = g.filteredOut > 0 ? ` · ${g.filteredOut} outside the ${result.filterMode} filter` : ''
  return [g.id, g.mode, `${STATUS_MARK[g.status]} ${g.status}`, escapeText(`${g.summary}${reason}`) + escapeText(hidden)]
}

/**
 * Where a waiver is, why, and until when: `reason (proof: x, expires y; .proofgate/waivers.yml:12)`;
 * for the override council, its claim, file and line (the votes are in the message cell).
 */
export function waiverText(f: ReportedFinding): string {
  return f.waived === null ? '' : sharedWaiverText(f.waived)
}

/** What the override council decided on `f`, with the votes: `waived by the override council: … · votes: …`, or the refusal. */
function councilText(f: ReportedFinding): string {
  const c = f.council!
  const decided = c.outcome === 'approved' && f.waived !== null ? `waived by the override council: ${sharedWaiverText(f.waived)}` : councilRefusalText(f)
  return `${decided} · ${councilEvidenceText(c)}`
}
