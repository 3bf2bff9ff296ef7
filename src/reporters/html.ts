// The HTML report (`--format html`): one self-contained page — inline CSS and JS, no URL, a
// Content-Security-Policy that forbids every fetch — with the verdict, the gate timeline,
// findings grouped by gate and filterable by gate, rule and severity, the code around each
// finding, waivers, findings that need approval, inconclusive notes and skipped gates.
// Everything a repository or a pull request can shape is HTML-escaped.
import { createHash } from 'node:crypto'
import { realpath } from 'node:fs/promises'
import { isAbsolute, join, sep } from 'node:path'
import { createLineReader } from '../changes/history.js'
import type { ChangeSet } from '../changes/types.js'
import { councilEvidenceText, councilRefusalText, waiverText } from '../findings/council.js'
import { SEVERITIES, type ReportedFinding, type Severity } from '../findings/types.js'
import type { Reporter, RunResult } from '../runner/types.js'
import { VERSION } from '../version.js'
import { HTML_SCRIPT, HTML_STYLE } from './templates/html-assets.js'

/** Lines of code shown before and after a finding's lines. */
export const CONTEXT_LINES = 3
/** A finding's own lines shown at most (a long span is cut after these). */
const MAX_SPAN_LINES = 12
/** Findings that get a code excerpt at most, so a `scan --all` of a large repository stays a page a browser opens. */
export const MAX_CONTEXTS = 1000

/** One line of code around a finding: its 1-based number, its text, and whether the finding covers it. */
export interface ContextLine {
  line: number
  text: string
  hit: boolean
}

/** Code excerpts keyed by finding fingerprint. */
export type CodeContexts = ReadonlyMap<string, readonly ContextLine[]>

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const e = escapeHtml

/** What each exit code means, as the README's table says it. */
const EXIT_MEANING: Record<number, string> = {
  0: 'pass',
  1: 'blocked: an unwaived finding at or above fail-on in a blocking gate, or a gate that errored',
  2: 'warnings failed under --strict-warnings',
}

const SCRIPT_HASH = createHash('sha256').update(HTML_SCRIPT).digest('base64')
/** Nothing may be fetched: no connect, image, font, frame or form target; only the page's own script runs. */
const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`

function where(f: ReportedFinding): string {
  if (f.path === undefined) return '(run)'
  return f.startLine === undefined ? f.path : `${f.path}:${f.startLine}${f.startColumn === undefined ? '' : `:${f.startColumn}`}`
}

function ms(value: number): string {
  return value < 1000 ? `${value} ms` : `${(value / 1000).toFixed(1)} s`
}

function header(result: RunResult): string {
  const meaning = EXIT_MEANING[result.exitCode] ?? 'error'
  const ref = (r: { sha: string; ref?: string }): string => `${e(r.sha.slice(0, 12))}${r.ref === undefined ? '' : ` (${e(r.ref)})`}`
  const active = result.findings.filter((f) => f.waived === null).length
  return `<header>
<h1>proofgate report</h1>
<p><span class="verdict verdict-${e(result.verdict)}" id="verdict">${e(result.verdict.toUpperCase())}</span>
 <span id="exit-code">exit code ${result.exitCode}: ${e(meaning)}</span></p>
<dl class="meta">
<dt>base</dt><dd class="mono">${ref(result.base)} · ${e(result.base.source)}</dd>
<dt>head</dt><dd class="mono">${ref(result.head)}</dd>
<dt>scope</dt><dd>${result.scope === 'all' ? 'whole repository (scan --all)' : `${result.changedFiles} changed file${result.changedFiles === 1 ? '' : 's'}`} · filter ${e(result.filterMode)}</dd>
<dt>findings</dt><dd>${active} unwaived, ${result.findings.filter((f) => f.blocking).length} blocking, ${result.findings.length - active} waived</dd>
<dt>run</dt><dd>${e(result.startedAt)} · ${ms(result.durationMs)} · <span class="mono">${e(result.runId)}</span></dd>
</dl>
</header>`
}

function notes(result: RunResult): string {
  const items = [
    ...result.inconclusive.map((i) => `<li class="inconclusive"><strong>inconclusive</strong>: ${e(i.gate)}: ${e(i.reason)}</li>`),
    ...result.notes.map((n) => `<li>${e(n)}</li>`),
  ]
  return items.length === 0 ? '' : `<section id="notes"><h2>Notes</h2><ul class="plain">${items.join('\n')}</ul></section>`
}

/** When each gate started, in ms after the run started. */
export type GateStarts = ReadonlyMap<string, number>

/** The gate table: each gate's status, reason and a bar at its start offset with its duration, scaled to the run. */
function timeline(result: RunResult, starts: GateStarts): string {
  // A report read back from JSON carries no start offsets: the bars are then laid end to end.
  let cursor = 0
  const spans = result.gates.map((g) => {
    const start = starts.get(g.id) ?? cursor
    cursor = start + g.durationMs
    return { g, start }
  })
  const total = Math.max(1, result.durationMs, ...spans.map((s) => s.start + s.g.durationMs))
  const pct = (value: number): string => `${((100 * value) / total).toFixed(2)}%`
  const rows = spans.map(({ g, start }) => {
    const why = g.status === 'pass' || g.status === 'fail' ? g.summary : (g.reason ?? g.summary)
    return `<tr class="gate" data-gate="${e(g.id)}">
<td class="mono">${e(g.id)}</td><td>${e(g.mode)}</td><td class="status-${e(g.status)}">${e(g.status)}</td>
<td>${e(why)}</td><td class="mono">${g.status === 'skipped' ? '–' : ms(g.durationMs)}</td>
<td><div class="track" title="starts at ${ms(start)}, takes ${ms(g.durationMs)}">${g.status === 'skipped' ? '' : `<div class="bar" style="left:${pct(start)};width:${pct(g.durationMs)}"></div>`}</div></td>
</tr>`
  })
  return `<section id="gates"><h2>Gates</h2>
<table><thead><tr><th>gate</th><th>mode</th><th>status</th><th>summary or reason</th><th>time</th><th>timeline (0 – ${ms(total)})</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`
}

function filters(findings: readonly ReportedFinding[]): string {
  const gates = [...new Set(findings.map((f) => f.gate))].sort()
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort()
  const present = new Set(findings.map((f) => f.severity))
  const option = (v: string): string => `<option value="${e(v)}">${e(v)}</option>`
  const boxes = SEVERITIES.map(
    (s) => `<label><input type="checkbox" data-filter-severity="${s}" id="filter-severity-${s}" checked${present.has(s) ? '' : ' disabled'}> ${s}</label>`,
  )
  return `<div class="filters">
<label>gate <select id="filter-gate"><option value="">all gates</option>${gates.map(option).join('')}</select></label>
<label>rule <select id="filter-rule"><option value="">all rules</option>${rules.map(option).join('')}</select></label>
${boxes.join('\n')}
<span><span id="shown-count">${findings.length}</span> of ${findings.length} shown</span>
</div>`
}

function tags(f: ReportedFinding): string {
  const out: string[] = []
  if (f.blocking) out.push('<span class="tag tag-blocking">blocking</span>')
  if (f.waived !== null) out.push('<span class="tag tag-waived">waived</span>')
  if (f.needsApproval === true)
    out.push(
      `<span class="tag tag-approval">${f.approved === undefined ? 'needs approval' : `approved by @${e(f.approved.by)} on ${e(f.approved.sha.slice(0, 12))}`}</span>`,
    )
  return out.join('')
}

function context(lines: readonly ContextLine[] | undefined): string {
  if (lines === undefined || lines.length === 0) return ''
  const body = lines.map((l) => `<span${l.hit ? ' class="hit"' : ''}><i>${l.line}</i>${e(l.text)}</span>`).join('')
  return `<pre class="context">${body}</pre>`
}

function finding(f: ReportedFinding, contexts: CodeContexts): string {
  const extra: string[] = []
  if (f.waived !== null)
    extra.push(
      f.council === undefined
        ? `<p class="waiver">waived by .proofgate/waivers.yml:${f.waived.line}: ${e(f.waived.reason)} (proof: ${e(f.waived.proof)}${f.waived.expires === undefined ? '' : `, expires ${e(f.waived.expires)}`})</p>`
        : `<p class="waiver">waived: ${e(waiverText(f.waived))} · ${e(councilEvidenceText(f.council))}</p>`,
    )
  const refused = councilRefusalText(f)
  if (refused !== '') extra.push(`<p class="waiver">${e(refused)} · ${e(councilEvidenceText(f.council!))}</p>`)
  if (f.pendingWaiver !== undefined)
    extra.push(
      `<p class="waiver">.proofgate/waivers.yml:${f.pendingWaiver.line} would waive this once approved: ${e(f.pendingWaiver.reason)} (proof: ${e(f.pendingWaiver.proof)})</p>`,
    )
  if (f.help !== undefined) extra.push(`<p class="help muted">${e(f.help)}</p>`)
  return `<article class="finding" data-gate="${e(f.gate)}" data-rule="${e(f.ruleId)}" data-severity="${f.severity}" data-fingerprint="${e(f.fingerprint)}">
<div><span class="sev sev-${f.severity}">${f.severity}</span> <code class="rule">${e(f.ruleId)}</code> <code class="where">${e(where(f))}</code>${tags(f)}</div>
<p class="message">${e(f.message)}</p>${extra.join('')}${context(contexts.get(f.fingerprint))}
</article>`
}

function findingsSection(result: RunResult, contexts: CodeContexts): string {
  if (result.findings.length === 0) return `<section id="findings"><h2>Findings</h2><p>No findings.</p></section>`
  // Groups in the gates' order (the run's plan), run-level findings (gate proofgate) last.
  const byGate = new Map<string, ReportedFinding[]>(result.gates.map((g) => [g.id, []]))
  for (const f of result.findings) {
    const list = byGate.get(f.gate)
    if (list === undefined) byGate.set(f.gate, [f])
    else list.push(f)
  }
  const groups = [...byGate]
    .filter(([, list]) => list.length > 0)
    .map(
      ([gate, list]) => `<section class="gate-group" data-gate="${e(gate)}"><h3>${e(gate)} <span class="muted">(${list.length})</span></h3>
${list.map((f) => finding(f, contexts)).join('\n')}</section>`,
    )
  return `<section id="findings"><h2>Findings</h2>${filters(result.findings)}${groups.join('\n')}</section>`
}

/** Waived findings and findings only a reviewer can resolve, listed apart so a reviewer sees them at once. */
function reviewSection(result: RunResult): string {
  const waived = result.findings.filter((f) => f.waived !== null)
  const approval = result.findings.filter((f) => f.needsApproval === true)
  if (waived.length === 0 && approval.length === 0) return ''
  const item = (f: ReportedFinding, why: string): string => `<li><code>${e(f.gate)}/${e(f.ruleId)}</code> <code>${e(where(f))}</code>: ${why}</li>`
  return `<section id="review"><h2>Waivers and approvals</h2>
${waived.length === 0 ? '' : `<h3>Waived (${waived.length})</h3><ul class="plain" id="waivers">${waived.map((f) => item(f, f.waived!.council === undefined ? `${e(f.waived!.reason)} (proof: ${e(f.waived!.proof)}, waivers.yml:${f.waived!.line})` : e(waiverText(f.waived!)))).join('\n')}</ul>`}
${approval.length === 0 ? '' : `<h3>Needs a reviewer's approval (${approval.length})</h3><ul class="plain" id="needs-approval">${approval.map((f) => item(f, f.approved === undefined ? 'needs approval' : `approved by @${e(f.approved.by)}`)).join('\n')}</ul>`}
</section>`
}

/**
 * Renders a finished run as one self-contained HTML page; pure. `contexts` holds the code
 * excerpts by finding fingerprint (empty: no excerpts); `starts` each gate's start in ms after the
 * run started (a gate without one is drawn right after the previous gate).
 */
export function renderHtml(result: RunResult, contexts: CodeContexts = new Map(), starts: GateStarts = new Map()): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>proofgate: ${e(result.verdict)} · ${e(result.head.sha.slice(0, 12))}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
${header(result)}
${notes(result)}
${timeline(result, starts)}
${findingsSection(result, contexts)}
${reviewSection(result)}
<footer class="muted">proofgate ${e(VERSION)} · ${SEVERITIES.map((s: Severity) => `${s} ${result.findings.filter((f) => f.severity === s && f.waived === null).length}`).join(' · ')}</footer>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`
}

/** True when `path` is a plain repository-relative path: not absolute, no `..` segment, no NUL. */
function insideByName(path: string): boolean {
  return path !== '' && !isAbsolute(path) && !path.includes('\0') && !path.split(/[\\/]/).includes('..')
}

/**
 * Reads the code around each finding from the version under test (the work tree, or the tree
 * under test through git), the way fingerprints read it. Never reads outside the repository: a
 * path with `..`, an absolute one, or a work-tree file whose real path leaves the root is skipped.
 * A file that cannot be read gets no excerpt; this never throws.
 */
export async function readContexts(changes: ChangeSet, findings: readonly ReportedFinding[]): Promise<Map<string, ContextLine[]>> {
  const out = new Map<string, ContextLine[]>()
  const wanted = findings.filter((f) => f.path !== undefined && f.startLine !== undefined && insideByName(f.path)).slice(0, MAX_CONTEXTS)
  const paths = [...new Set(wanted.map((f) => f.path!))]
  const allowed = new Set<string>()
  const root = await realpath(changes.root).catch(() => null)
  for (const path of paths) {
    if (!changes.includesWorkingTree) allowed.add(path)
    else if (root !== null) {
      // A symlink in the work tree must not lead the excerpt outside the repository.
      const real = await realpath(join(changes.root, path)).catch(() => null)
      if (real !== null && real.startsWith(root + sep)) allowed.add(path)
    }
  }
  const reader = createLineReader(changes)
  try {
    await reader.prefetch([...allowed])
  } catch {
    return out
  }
  for (const f of wanted) {
    if (!allowed.has(f.path!)) continue
    const first = f.startLine!
    const last = Math.min(Math.max(first, f.endLine ?? first), first + MAX_SPAN_LINES - 1)
    const lines: ContextLine[] = []
    for (let n = Math.max(1, first - CONTEXT_LINES); n <= last + CONTEXT_LINES; n++) {
      let text: string | undefined
      try {
        text = reader(f.path!, n)
      } catch {
        text = undefined
      }
      if (text === undefined) break
      lines.push({ line: n, text, hit: n >= first && n <= last })
    }
    // A file's final newline reads as one more, empty line: it is not code.
    while (lines.length > 0 && !lines.at(-1)!.hit && lines.at(-1)!.text === '') lines.pop()
    if (lines.length > 0) out.set(f.fingerprint, lines)
  }
  return out
}

/**
 * The HTML reporter: remembers the change set on run start and when each gate ended; on run end
 * it reads the code excerpts and writes the page through `write`. A gate's start offset is its end
 * minus its duration, relative to the run's start (run end minus the run's duration), measured on
 * this process's monotonic clock, so the runner needs no clock of its own for the timeline. A run
 * published from a JSON report (no run start, no gate ends) gets no excerpts and no offsets.
 */
export function htmlReporter(write: (text: string) => void | Promise<void>): Reporter {
  let changes: ChangeSet | undefined
  const ends = new Map<string, number>()
  return {
    name: 'html',
    onRunStart: (plan) => {
      changes = plan.changes
    },
    onGateEnd: (gate) => {
      ends.set(gate.id, performance.now())
    },
    onRunEnd: async (result) => {
      const runStart = performance.now() - result.durationMs
      const starts = new Map<string, number>()
      for (const gate of result.gates) {
        const end = ends.get(gate.id)
        if (end !== undefined) starts.set(gate.id, Math.max(0, Math.round(end - gate.durationMs - runStart)))
      }
      const contexts = changes === undefined ? new Map<string, ContextLine[]>() : await readContexts(changes, result.findings)
      await write(renderHtml(result, contexts, starts))
    },
  }
}
