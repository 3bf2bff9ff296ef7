// The terminal reporter: findings grouped by severity (most severe first) as
// `path:line:col  severity  rule  message`, one status line per gate, then the verdict line.
import { styleText } from 'node:util'
import { severitySourceText } from '../findings/rules.js'
import { SEVERITIES, type ReportedFinding, type Severity } from '../findings/types.js'
import type { GateResult, Reporter, RunResult } from '../runner/types.js'
import { VERSION } from '../version.js'
import { seconds } from '../util/text.js'

type Style = Parameters<typeof styleText>[0]

/** Colours only on a TTY and never under NO_COLOR (https://no-color.org). */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb'
}

const SEVERITY_STYLE: Record<Severity, Style> = { critical: ['bold', 'red'], high: 'red', medium: 'yellow', low: 'cyan', info: 'gray' }
const STATUS_MARK: Record<GateResult['status'], string> = { pass: '✔', fail: '✖', errored: '✖', inconclusive: '?', skipped: '-' }
const STATUS_STYLE: Record<GateResult['status'], Style> = { pass: 'green', fail: 'red', errored: ['bold', 'red'], inconclusive: 'yellow', skipped: 'gray' }

function location(f: ReportedFinding): string {
  if (f.path === undefined) return '(run)'
  if (f.startLine === undefined) return f.path
  return `${f.path}:${f.startLine}:${f.startColumn ?? 1}`
}

/** Renders a finished run as terminal text; pure, so it is snapshot-tested. */
export function renderTerminal(result: RunResult, colour: boolean): string {
  const paint = (style: Style, text: string): string => (colour ? styleText(style, text, { validateStream: false }) : text)
  const out: string[] = []
  const baseRef = result.base.ref === undefined ? '' : ` ${result.base.ref}`
  out.push(
    `proofgate ${VERSION} · base ${result.base.sha.slice(0, 12)} (${result.base.source}${baseRef}) → head ${result.head.sha.slice(0, 12)}${result.head.ref === undefined ? ' (detached)' : ` (${result.head.ref})`} · ${result.scope === 'all' ? 'scan of the whole repository' : `${result.changedFiles} changed file${result.changedFiles === 1 ? '' : 's'} · filter ${result.filterMode}`}`,
  )
  const active = result.findings.filter((f) => f.waived === null)
  for (const severity of SEVERITIES) {
    const group = active.filter((f) => f.severity === severity)
    if (group.length === 0) continue
    out.push('', paint(SEVERITY_STYLE[severity], `${severity.toUpperCase()} (${group.length})`))
    for (const f of group) {
      out.push(`  ${location(f)}  ${paint(SEVERITY_STYLE[severity], severity)}  ${f.ruleId}  ${f.message.split('\n')[0]}${severitySourceText(f)}  ${paint('gray', `[${f.gate}]`)}`)
      const rest = f.message.split('\n').slice(1, 8)
      for (const line of rest) out.push(`      ${paint('gray', line)}`)
      if (f.help !== undefined && f.blocking) out.push(`      ${paint('gray', `→ ${f.help}`)}`)
    }
  }
  const waived = result.findings.filter((f) => f.waived !== null)
  if (waived.length > 0) {
    out.push('', paint('gray', `WAIVED (${waived.length})`))
    for (const f of waived) {
      out.push(`  ${location(f)}  ${f.severity}  ${f.ruleId}  ${f.message.split('\n')[0]}${severitySourceText(f)}  [${f.gate}]`)
      out.push(`      waived: ${f.waived!.reason} (proof: ${f.waived!.proof}${f.waived!.expires === undefined ? '' : `, expires ${f.waived!.expires}`}; .proofgate/waivers.yml:${f.waived!.line})`)
    }
  }
  out.push('', 'Gates')
  const width = Math.max(...result.gates.map((g) => g.id.length), 4)
  for (const g of result.gates) {
    const mark = paint(STATUS_STYLE[g.status], `${STATUS_MARK[g.status]} ${g.status.padEnd(12)}`)
    const mode = g.mode === 'blocking' ? '' : ` (${g.mode})`
    const hidden = g.filteredOut > 0 ? ` · ${g.filteredOut} outside the ${result.filterMode} filter` : ''
    out.push(`  ${mark} ${g.id.padEnd(width)}${mode}  ${seconds(g.durationMs).padStart(7)}  ${g.summary}${hidden}`)
  }
  for (const i of result.inconclusive) out.push(paint('yellow', `inconclusive: ${i.gate}: ${i.reason}`))
  for (const note of result.notes) out.push(paint('gray', `note: ${note}`))
  const blocking = result.findings.filter((f) => f.blocking).length
  const counts = SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')
  const errored = result.gates.filter((g) => g.status === 'errored' && g.mode === 'blocking').map((g) => g.id)
  const verdictStyle: Style = result.verdict === 'pass' ? ['bold', 'green'] : result.verdict === 'warn' ? ['bold', 'yellow'] : ['bold', 'red']
  const why = [counts === '' ? 'no findings' : counts, blocking > 0 ? `${blocking} blocking` : '', errored.length > 0 ? `errored: ${errored.join(', ')}` : '', waived.length > 0 ? `${waived.length} waived` : '']
    .filter((s) => s !== '')
    .join(' · ')
  out.push('', `${paint(verdictStyle, result.verdict.toUpperCase())} · ${why} · exit ${result.exitCode} · ${seconds(result.durationMs)}`)
  return out.join('\n') + '\n'
}

/** Prints the run's report to `write` when it ends. */
export function terminalReporter(write: (text: string) => void, colour: boolean): Reporter {
  return { name: 'terminal', onRunEnd: (result) => write(renderTerminal(result, colour)) }
}
