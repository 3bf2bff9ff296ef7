// The HTML report's renderer (pure): escaping of every repository text, the timeline's bars, the
// notes for inconclusive and skipped gates, waivers, pending waivers and approvals.
import { describe, expect, it } from 'vitest'
import { escapeHtml, renderHtml } from '../../../src/reporters/html.js'
import type { ReportedFinding } from '../../../src/findings/types.js'
import type { GateResult, RunResult } from '../../../src/runner/types.js'

const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
const gate = (id: GateResult['id'], status: GateResult['status'], durationMs: number, extra: Partial<GateResult> = {}): GateResult => ({
  id,
  mode: 'blocking',
  status,
  durationMs,
  summary: `${id} summary`,
  counts,
  filteredOut: 0,
  findings: [],
  ...extra,
})

const hostile = '<script>window.__pwned=1</script>'
const finding = (extra: Partial<ReportedFinding>): ReportedFinding => ({
  gate: 'static-analysis',
  ruleId: 'no-eval',
  severity: 'high',
  message: `eval of ${hostile}`,
  path: `src/${'<img src=x onerror=alert(1)>'}.ts`,
  startLine: 3,
  fingerprint: 'f'.repeat(32),
  blocking: true,
  waived: null,
  ...extra,
})

const result: RunResult = {
  runId: 'run-1',
  startedAt: '2026-12-03T00:00:00.000Z',
  durationMs: 1_000,
  root: '/repo',
  base: { sha: 'a'.repeat(40), source: 'explicit', ref: `main"><script>` },
  head: { sha: 'b'.repeat(40), ref: 'feature' },
  treeHash: 't',
  diffHash: 'd',
  scope: 'changes',
  filterMode: 'added',
  changedFiles: 2,
  verdict: 'blocked',
  exitCode: 1,
  gates: [
    gate('static-analysis', 'fail', 250),
    gate('tests', 'inconclusive', 500, { reason: `no runner for ${hostile}` }),
    gate('doc-coverage', 'skipped', 0, { reason: 'no Markdown changed' }),
  ],
  findings: [
    finding({}),
    finding({
      gate: 'gate-integrity',
      ruleId: 'config-weakened',
      severity: 'critical',
      fingerprint: 'c'.repeat(32),
      needsApproval: true,
      pendingWaiver: { reason: `trust me ${hostile}`, proof: 'reviewer-misread', line: 4 },
    }),
    finding({ severity: 'low', blocking: false, fingerprint: 'e'.repeat(32), waived: { reason: `parked ${hostile}`, proof: 'out-of-scope', line: 2 } }),
  ],
  inconclusive: [{ gate: 'tests', reason: `no runner for ${hostile}` }],
  notes: [`base chosen by ${hostile}`],
}

describe('renderHtml', () => {
  const starts = new Map([
    ['static-analysis', 100],
    ['tests', 400],
  ])
  const html = renderHtml(result, new Map([['f'.repeat(32), [{ line: 3, text: `eval("${hostile}")`, hit: true }]]]), starts)

  it('escapes every text the repository shapes: paths, messages, reasons, refs, notes and code', () => {
    expect(html.match(/<script/g)).toEqual(['<script'])
    expect(html).not.toContain('<img')
    expect(html).toContain('src/&lt;img src=x onerror=alert(1)&gt;.ts:3')
    expect(html).toContain('eval of &lt;script&gt;window.__pwned=1&lt;/script&gt;')
    expect(html).toContain('<span class="hit"><i>3</i>eval(&quot;&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;)</span>')
    expect(html).toContain('main&quot;&gt;&lt;script&gt;')
    expect(html).toContain('<li>base chosen by &lt;script&gt;window.__pwned=1&lt;/script&gt;</li>')
    expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;')
  })

  it('shows the verdict, the exit code meaning and a bar per gate that ran at its offset, scaled to the run', () => {
    expect(html).toContain('<span class="verdict verdict-blocked" id="verdict">BLOCKED</span>')
    expect(html).toContain('exit code 1: blocked: an unwaived finding at or above fail-on in a blocking gate, or a gate that errored')
    expect(html.match(/<div class="bar" style="[^"]*"><\/div>/g)).toEqual([
      '<div class="bar" style="left:10.00%;width:25.00%"></div>',
      '<div class="bar" style="left:40.00%;width:50.00%"></div>',
    ])
  })

  it('lays bars end to end when the results carry no start offsets (a report read back from JSON)', () => {
    const plain = renderHtml(result)
    expect(plain.match(/<div class="bar" style="[^"]*"><\/div>/g)).toEqual([
      '<div class="bar" style="left:0.00%;width:25.00%"></div>',
      '<div class="bar" style="left:25.00%;width:50.00%"></div>',
    ])
  })

  it('names inconclusive and skipped gates with their reasons, waivers with theirs, and what needs approval', () => {
    expect(html).toContain('<li class="inconclusive"><strong>inconclusive</strong>: tests: no runner for &lt;script&gt;window.__pwned=1&lt;/script&gt;</li>')
    expect(html).toContain('<td class="status-skipped">skipped</td>\n<td>no Markdown changed</td>')
    expect(html).toContain('waived by .proofgate/waivers.yml:2: parked &lt;script&gt;window.__pwned=1&lt;/script&gt; (proof: out-of-scope)')
    expect(html).toContain(
      '.proofgate/waivers.yml:4 would waive this once approved: trust me &lt;script&gt;window.__pwned=1&lt;/script&gt; (proof: reviewer-misread)',
    )
    expect(html).toContain('<ul class="plain" id="needs-approval"><li><code>gate-integrity/config-weakened</code>')
    expect(html.match(/class="finding"/g)).toHaveLength(3)
    expect(html).toContain('<span id="shown-count">3</span> of 3 shown')
  })
})
