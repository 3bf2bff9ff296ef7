// The job summary ($GITHUB_STEP_SUMMARY) for a finished run: the fullest markdown view (waived findings,
// a details block per gate), fitted to GitHub's 1 MiB per step by priority.
import type { GateResult, RunResult } from '../../runner/types.js'
import {
  FINDING_HEADER,
  VERDICT_MARK,
  VERDICT_WORD,
  activeFindings,
  countsText,
  escapeText,
  findingRow,
  fitSections,
  gateRow,
  headerLine,
  inconclusiveText,
  notesText,
  reasonBesideSummary,
  verdictLine,
  waivedFindings,
  type Section,
} from './markdown.js'
import { seconds } from '../../util/text.js'

/**
 * GitHub's job summary limit, in bytes: "each step is restricted to a maximum size of 1MiB … If more
 * than 1MiB of content is added for a step, then the upload for the step will fail" (workflow commands
 * docs, "Adding a job summary › Step isolation and limits",
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary).
 */
export const JOB_SUMMARY_MAX_BYTES = 1_048_576

const HINT = 'see the JSON report'

function gateDetails(result: RunResult, g: GateResult): string {
  const counts = countsText(g.findings.filter((f) => f.waived === null))
  const lines = [
    `- mode: ${g.mode}`,
    `- summary: ${escapeText(g.summary)}`,
    reasonBesideSummary(g) !== '' ? `- reason: ${escapeText(reasonBesideSummary(g))}` : '',
    `- findings: ${counts}`,
    g.filteredOut > 0 ? `- outside the ${result.filterMode} filter: ${g.filteredOut}` : '',
  ].filter((line) => line !== '')
  return [`<details><summary>${g.id} — ${gateRow(result, g)[2]} · ${seconds(g.durationMs)}</summary>`, '', ...lines, '', '</details>'].join('\n')
}

/**
 * The job summary for `result`, at most `maxBytes` UTF-8 bytes (default 1 MiB). Most important first:
 * heading, verdict line and base/head, inconclusive gates (both always kept), notes, the gates table
 * (gate | mode | status | time | summary), unwaived findings (severity | rule | location | message),
 * waived findings with reason, proof, expiry and waiver line, then a collapsed details block per gate.
 * Over budget, the lowest-priority parts lose rows from the end first (see `fitSections`).
 */
export function renderJobSummary(result: RunResult, opts: { maxBytes?: number } = {}): string {
  const maxBytes = opts.maxBytes ?? JOB_SUMMARY_MAX_BYTES
  const active = activeFindings(result)
  const waived = waivedFindings(result)
  const sections: Section[] = [
    {
      kind: 'text',
      priority: 0,
      required: true,
      text: `## ${VERDICT_MARK[result.verdict]} proofgate: ${VERDICT_WORD[result.verdict]}\n\n${verdictLine(result)}\n\n${headerLine(result)}`,
    },
  ]
  if (result.inconclusive.length > 0) sections.push({ kind: 'text', priority: 1, required: true, text: inconclusiveText(result) })
  if (result.notes.length > 0) sections.push({ kind: 'text', priority: 2, text: notesText(result) })
  sections.push({
    kind: 'table',
    priority: 3,
    noun: 'gates',
    hint: HINT,
    before: '### Gates',
    header: ['gate', 'mode', 'status', 'time', 'summary'],
    rows: result.gates.map((g) => {
      const [id, mode, status, summary] = gateRow(result, g)
      return [id!, mode!, status!, seconds(g.durationMs), summary!]
    }),
  })
  if (active.length > 0) {
    sections.push({
      kind: 'table',
      priority: 4,
      noun: 'findings',
      hint: HINT,
      before: `### Findings (${active.length})`,
      header: FINDING_HEADER,
      rows: active.map(findingRow),
    })
  }
  if (waived.length > 0) {
    sections.push({
      kind: 'table',
      priority: 5,
      noun: 'waived findings',
      hint: HINT,
      before: `### Waived (${waived.length})`,
      header: [...FINDING_HEADER, 'reason', 'proof', 'expires', 'waiver'],
      rows: waived.map((f) => [
        ...findingRow(f),
        escapeText(f.waived!.reason),
        f.waived!.proof,
        f.waived!.expires === undefined ? '—' : escapeText(f.waived!.expires, 40),
        f.waived!.council === undefined
          ? `.proofgate/waivers.yml:${f.waived!.line}`
          : `${f.waived!.council.file}:${f.waived!.line} (override council, ${f.waived!.council.approvals} of ${f.waived!.council.judges} judges)`,
      ]),
    })
  }
  for (const g of result.gates) sections.push({ kind: 'text', priority: 6, text: gateDetails(result, g) })
  return fitSections(sections, maxBytes, 'bytes').text
}
