// The terminal reporter: findings grouped by severity (most severe first) as
// `path:line:col  severity  rule  message`, one status line per gate, then the verdict line.
import { styleText } from 'node:util'
import { councilEvidenceText, councilRefusalText, waiverText } from '../findings/council.js'
import { severitySourceText } from '../findings/rules.js'
import { SEVERITIES, type ReportedFinding, type Severity } from '../findings/types.js'
import type { GateResult, Reporter, RunResult } from '../runner/types.js'
import { VERSION } from '../version.js'
import { inert, seconds } from '../util/text.js'

type Style = Parameters<typeof styleText>[0]

/** A gate's queue time is shown in the table above this (ms). */
const QUEUED_SHOWN_MS = 1_000

/** Colours only on a TTY and never under NO_COLOR (https://no-color.org). */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb'
}

const SEVERITY_STYLE: Record<Severity, Style> = { critical: ['bold', 'red'], high: 'red', medium: 'yellow', low: 'cyan', info: 'gray' }
const STATUS_MARK: Record<GateResult['status'], string> = { pass: '✔', fail: '✖', errored: '✖', inconclusive: '?', skipped: '-' }
const STATUS_STYLE: Record<GateResult['status'], Style> = { pass: 'green', fail: 'red', errored: ['bold', 'red'], inconclusive: 'yellow', skipped: 'gray' }

// Every text a run's input can shape (paths, messages, rule ids, refs, summaries, reasons) goes
// through inert() before it is painted, so it cannot carry a terminal control sequence.
function location(f: ReportedFinding): string {
  if (f.path === undefined) return '(run)'
  if (f.startLine === undefined) return inert(f.path)
  return `${inert(f.path)}:${f.startLine}:${f.startColumn ?? 1}`
}

/** One line of a message, inert; tabs kept. */
function line(text: string): string {
  return inert(text, true)
}

/** A message's lines, split on LF (a CR stays inside its line, escaped). */
function lines(text: string): string[] {
  return text.split('\n').map(line)
}

/** The first 12 hex characters of a fingerprint: what a waiver's `fingerprint` may name (waivers match by prefix). */
export function shortFingerprint(f: ReportedFinding): string {
  return f.fingerprint.slice(0, 12)
}

/** `approved by @login on <sha12>` or `needs approval`, for a finding only a reviewer can resolve; '' otherwise. */
export function approvalState(f: ReportedFinding): string {
  if (f.needsApproval !== true) return ''
  return f.approved === undefined ? 'needs approval' : `approved by @${f.approved.by} on ${f.approved.sha.slice(0, 12)}`
}

/** `.proofgate/waivers.yml:5 would waive this once approved: <reason> (proof: x)`, for a finding a pending waiver matches; '' otherwise. */
export function pendingWaiverText(f: ReportedFinding): string {
  const w = f.pendingWaiver
  if (w === undefined) return ''
  return `.proofgate/waivers.yml:${w.line} would waive this once approved: ${w.reason} (proof: ${w.proof}${w.expires === undefined ? '' : `, expires ${w.expires}`})`
}

/** How the terminal report is cut down for a person to scan. */
export interface TerminalOptions {
  /** Print at most this many unwaived findings (≥ 1), then `… and N more, see --format json`; default all. */
  maxFindings?: number
}

/** Above this many unwaived findings the report opens with a count per gate and rule. */
export const SUMMARY_ABOVE = 20

/**
 * The count summary for many findings: one line per gate, most findings first, with its rules and
 * their counts, e.g. `  static-analysis  25  no-unused-vars 20 · eqeqeq 5`; [] at or under {@link SUMMARY_ABOVE}.
 */
export function findingSummary(active: readonly ReportedFinding[]): string[] {
  if (active.length <= SUMMARY_ABOVE) return []
  const byGate = new Map<string, Map<string, number>>()
  for (const f of active) {
    const rules = byGate.get(f.gate) ?? new Map<string, number>()
    rules.set(f.ruleId, (rules.get(f.ruleId) ?? 0) + 1)
    byGate.set(f.gate, rules)
  }
  const total = (rules: Map<string, number>): number => [...rules.values()].reduce((a, b) => a + b, 0)
  const gates = [...byGate].sort(([a, ra], [b, rb]) => total(rb) - total(ra) || a.localeCompare(b))
  const width = Math.max(...gates.map(([g]) => g.length))
  const countWidth = String(Math.max(...gates.map(([, r]) => total(r)))).length
  const rows = gates.map(([gate, rules]) => {
    const list = [...rules]
      .sort(([a, na], [b, nb]) => nb - na || a.localeCompare(b))
      .map(([rule, n]) => `${inert(rule)} ${n}`)
      .join(' · ')
    return `  ${gate.padEnd(width)}  ${String(total(rules)).padStart(countWidth)}  ${list}`
  })
  return [`SUMMARY (${active.length} findings by gate and rule)`, ...rows]
}

/** Renders a finished run as terminal text; pure, so it is snapshot-tested. */
export function renderTerminal(result: RunResult, colour: boolean, options: TerminalOptions = {}): string {
  const paint = (style: Style, text: string): string => (colour ? styleText(style, text, { validateStream: false }) : text)
  const out: string[] = []
  const baseRef = result.base.ref === undefined ? '' : ` ${inert(result.base.ref)}`
  out.push(
    `proofgate ${VERSION} · base ${result.base.sha.slice(0, 12)} (${result.base.source}${baseRef}) → head ${result.head.sha.slice(0, 12)}${result.head.ref === undefined ? ' (detached)' : ` (${inert(result.head.ref)})`} · ${result.scope === 'all' ? 'scan of the whole repository' : `${result.changedFiles} changed file${result.changedFiles === 1 ? '' : 's'} · filter ${result.filterMode}`}`,
  )
  const active = result.findings.filter((f) => f.waived === null)
  const summary = findingSummary(active)
  if (summary.length > 0) out.push('', ...summary)
  const limit = options.maxFindings ?? Number.POSITIVE_INFINITY
  let shown = 0
  for (const severity of SEVERITIES) {
    const group = active.filter((f) => f.severity === severity)
    if (group.length === 0 || shown >= limit) continue
    out.push('', paint(SEVERITY_STYLE[severity], `${severity.toUpperCase()} (${group.length})`))
    const printed = group.slice(0, limit - shown)
    shown += printed.length
    for (const f of printed) {
      const message = lines(f.message)
      out.push(
        `  ${location(f)}  ${paint(SEVERITY_STYLE[severity], severity)}  ${inert(f.ruleId)}  ${message[0]}${severitySourceText(f)}  ${paint('gray', `[${f.gate} ${shortFingerprint(f)}]`)}`,
      )
      for (const rest of message.slice(1, 8)) out.push(`      ${paint('gray', rest)}`)
      const approval = approvalState(f)
      if (approval !== '')
        out.push(
          `      ${f.approved === undefined ? paint(['bold', 'yellow'], `⚠ ${approval.toUpperCase()}: only a reviewer's approval of the pull request resolves this`) : paint('green', `✔ ${inert(approval)}`)}`,
        )
      const pending = pendingWaiverText(f)
      if (pending !== '') out.push(`      ${paint('yellow', inert(pending))}`)
      const refused = councilRefusalText(f)
      if (refused !== '') out.push(`      ${paint('yellow', inert(refused))}`, `      ${paint('gray', inert(councilEvidenceText(f.council!)))}`)
      if (f.help !== undefined && (f.blocking || approval !== '')) out.push(`      ${paint('gray', `→ ${line(f.help)}`)}`)
    }
  }
  if (shown < active.length) out.push('', `… and ${active.length - shown} more, see --format json`)
  const waived = result.findings.filter((f) => f.waived !== null)
  if (waived.length > 0) {
    out.push('', paint('gray', `WAIVED (${waived.length})`))
    for (const f of waived) {
      out.push(`  ${location(f)}  ${f.severity}  ${inert(f.ruleId)}  ${lines(f.message)[0]}${severitySourceText(f)}  [${f.gate} ${shortFingerprint(f)}]`)
      out.push(`      waived: ${inert(waiverText(f.waived!))}`)
      if (f.council !== undefined) out.push(`      ${inert(councilEvidenceText(f.council))}`)
    }
  }
  out.push('', 'Gates')
  // The mode belongs to the name column, so an advisory row does not shift the times after it.
  const label = (g: (typeof result.gates)[number]): string => (g.mode === 'blocking' ? g.id : `${g.id} (${g.mode})`)
  const width = Math.max(...result.gates.map((g) => label(g).length), 4)
  for (const g of result.gates) {
    const mark = paint(STATUS_STYLE[g.status], `${STATUS_MARK[g.status]} ${g.status.padEnd(12)}`)
    const hidden = g.filteredOut > 0 ? ` · ${g.filteredOut} outside the ${result.filterMode} filter` : ''
    // Time spent waiting for dependencies (or fail-fast's static gates) is not the gate's own; shown when it matters.
    const queued = (g.queuedMs ?? 0) > QUEUED_SHOWN_MS ? ` · queued ${seconds(g.queuedMs!)}` : ''
    out.push(`  ${mark} ${label(g).padEnd(width)}  ${seconds(g.durationMs).padStart(7)}  ${inert(g.summary, true)}${hidden}${queued}`)
  }
  for (const i of result.inconclusive) out.push(paint('yellow', `inconclusive: ${i.gate}: ${inert(i.reason, true)}`))
  for (const note of result.notes) out.push(paint('gray', `note: ${inert(note, true)}`))
  const blocking = result.findings.filter((f) => f.blocking).length
  const needApproval = result.findings.filter((f) => f.needsApproval === true && f.approved === undefined).length
  const approved = result.findings.filter((f) => f.approved !== undefined).length
  const counts = SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')
  const errored = result.gates.filter((g) => g.status === 'errored' && g.mode === 'blocking').map((g) => g.id)
  const verdictStyle: Style = result.verdict === 'pass' ? ['bold', 'green'] : result.verdict === 'warn' ? ['bold', 'yellow'] : ['bold', 'red']
  const why = [
    counts === '' ? 'no findings' : counts,
    blocking > 0 ? `${blocking} blocking` : '',
    needApproval > 0 ? `${needApproval} need${needApproval === 1 ? 's' : ''} approval` : '',
    approved > 0 ? `${approved} approved by @${result.approval?.by ?? '?'}` : '',
    errored.length > 0 ? `errored: ${errored.join(', ')}` : '',
    waived.length > 0 ? `${waived.length} waived` : '',
  ]
    .filter((s) => s !== '')
    .join(' · ')
  out.push('', `${paint(verdictStyle, result.verdict.toUpperCase())} · ${why} · exit ${result.exitCode} · ${seconds(result.durationMs)}`)
  return out.join('\n') + '\n'
}

/** Prints the run's report to `write` when it ends. */
export function terminalReporter(write: (text: string) => void, colour: boolean, options: TerminalOptions = {}): Reporter {
  return { name: 'terminal', onRunEnd: (result) => write(renderTerminal(result, colour, options)) }
}
