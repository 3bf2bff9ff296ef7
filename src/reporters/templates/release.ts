// The release door's check run and job summary: the verdict, the tag, the visible checklist items
// with their status and the held-out items as counts only. Pure markdown, fitted like the others.
import type { RunResult } from '../../runner/types.js'
import type { CheckRunOutput } from './check-run.js'
import { CHECK_RUN_MAX_CHARS, CHECK_RUN_TITLE_CHARS } from './check-run.js'
import { JOB_SUMMARY_MAX_BYTES } from './job-summary.js'
import {
  FINDING_HEADER,
  GATE_HEADER,
  VERDICT_MARK,
  VERDICT_WORD,
  activeFindings,
  cellCode,
  codeSpan,
  countsText,
  escapeText,
  findingRow,
  fitSections,
  gateRow,
  inconclusiveText,
  notesText,
  truncate,
  verdictLine,
  type Section,
  type Unit,
} from './markdown.js'

/**
 * What a release report may show of the checklist. Deliberately without the held-out items' ids,
 * titles or messages: a renderer that is never given them cannot print them.
 */
export interface ReleaseView {
  /** The tag released (`v1.2.0`), or null when none was named. */
  tag: string | null
  /** The base of the release range: the previous release tag's commit, or the root commit. */
  base: { sha: string; source: 'previous-tag' | 'root' }
  /** The visible checklist items in checklist order. Their ids and titles come from the repository: escaped. */
  visible: ReadonlyArray<{ id: string; title: string; status: 'pass' | 'fail' | 'errored' }>
  /**
   * Held-out items as counts only. Not even the sha256 of the set: with guessable ids it would let
   * a reader confirm a guess of which items are held out.
   */
  heldOut: { total: number; passed: number; failed: number }
}

const HINT = 'see the release report'
const STATUS_CELL: Record<ReleaseView['visible'][number]['status'], string> = { pass: '✅ pass', fail: '❌ fail', errored: '⚠️ errored' }

/** `Release v1.2.0 — Blocked: 1 critical · held-out 4/5 passed` (plain text, at most 255 characters). */
export function releaseTitle(result: RunResult, view: ReleaseView): string {
  const held = view.heldOut.total === 0 ? 'no held-out items' : `held-out ${view.heldOut.passed}/${view.heldOut.total} passed`
  const tag = view.tag === null ? 'Release' : `Release ${view.tag}`
  return truncate(`${tag} — ${VERDICT_WORD[result.verdict]}: ${countsText(activeFindings(result))} · ${held}`, CHECK_RUN_TITLE_CHARS)
}

/** `Tag `v1.2.0` at `abc…` · base `def…` (the previous release tag)`. */
function rangeLine(result: RunResult, view: ReleaseView): string {
  const tag = view.tag === null ? 'no tag' : `tag ${cellCode(view.tag, 200)}`
  const base = view.base.source === 'root' ? 'the root commit: no earlier release tag' : 'the previous release tag'
  return `${tag} at ${codeSpan(result.head.sha.slice(0, 12))} · base ${codeSpan(view.base.sha.slice(0, 12))} (${base})`
}

/** The held-out counts: never which items, only how many and the fingerprint of the set. */
export function heldOutText(view: ReleaseView): string {
  const h = view.heldOut
  if (h.total === 0) return '**Held-out items:** none (the checklist has fewer than 4 items and no held-out file was given).'
  const errored = h.total - h.passed - h.failed
  const counts = [`${h.passed} passed`, `${h.failed} failed`, errored > 0 ? `${errored} not run` : ''].filter((s) => s !== '').join(', ')
  return `**Held-out items:** ${counts} of ${h.total}. Which items they are is in the release report on the runner only, never here.`
}

function sectionsOf(result: RunResult, view: ReleaseView, heading: string): Section[] {
  const active = activeFindings(result)
  const sections: Section[] = [
    { kind: 'text', priority: 0, required: true, text: `${heading}${verdictLine(result)}\n\n${rangeLine(result, view)}\n\n${heldOutText(view)}` },
  ]
  if (result.inconclusive.length > 0) sections.push({ kind: 'text', priority: 1, required: true, text: inconclusiveText(result) })
  if (result.notes.length > 0) sections.push({ kind: 'text', priority: 2, text: notesText(result) })
  sections.push({
    kind: 'table',
    // Display order is checklist, gates, findings; under budget the findings are kept longest.
    priority: 4,
    noun: 'checklist items',
    hint: HINT,
    before: `### Checklist (${view.visible.length} visible)`,
    header: ['id', 'title', 'status'],
    rows: view.visible.map((item) => [cellCode(item.id, 200), escapeText(item.title, 300), STATUS_CELL[item.status]]),
  })
  sections.push({
    kind: 'table',
    priority: 5,
    noun: 'gates',
    hint: HINT,
    before: '### Gates',
    header: GATE_HEADER,
    rows: result.gates.map((g) => gateRow(result, g)),
  })
  if (active.length > 0)
    sections.push({
      kind: 'table',
      priority: 3,
      noun: 'findings',
      hint: HINT,
      before: `### Findings (${active.length})`,
      header: FINDING_HEADER,
      rows: active.map(findingRow),
    })
  return sections
}

/**
 * The release check run's output. Summary, most important first: the verdict line, the tag and the
 * base, the held-out counts (all three always kept), inconclusive gates (always), notes, the visible
 * checklist (id | title | status), the gates, the unwaived findings; over budget the gates and the
 * checklist rows go before the findings. `result` must already be the
 * publishable one (held-out failures redacted by the caller); `maxChars` defaults to 65,535.
 */
export function renderReleaseCheckRun(result: RunResult, view: ReleaseView, opts: { maxChars?: number } = {}): CheckRunOutput {
  const maxChars = opts.maxChars ?? CHECK_RUN_MAX_CHARS
  return { title: releaseTitle(result, view), summary: fit(sectionsOf(result, view, ''), maxChars, 'chars') }
}

/** The release job summary ($GITHUB_STEP_SUMMARY), at most `maxBytes` UTF-8 bytes (default 1 MiB); the same parts as the check run under a heading. */
export function renderReleaseSummary(result: RunResult, view: ReleaseView, opts: { maxBytes?: number } = {}): string {
  const tag = view.tag === null ? '' : ` ${escapeText(view.tag, 200)}`
  const heading = `## ${VERDICT_MARK[result.verdict]} proofgate release${tag}: ${VERDICT_WORD[result.verdict]}\n\n`
  return fit(sectionsOf(result, view, heading), opts.maxBytes ?? JOB_SUMMARY_MAX_BYTES, 'bytes')
}

function fit(sections: Section[], budget: number, unit: Unit): string {
  return fitSections(sections, budget, unit).text
}
