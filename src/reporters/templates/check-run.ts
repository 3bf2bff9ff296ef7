// The check run's output (title, summary, text) for a finished run: pure markdown, fitted to GitHub's
// 65,535-character limit by priority so the verdict and inconclusive gates always survive.
import type { RunResult } from '../../runner/types.js'
import {
  FINDING_HEADER,
  GATE_HEADER,
  VERDICT_WORD,
  activeFindings,
  countsText,
  erroredGates,
  escapeText,
  findingRow,
  fitSections,
  gateRow,
  headerLine,
  inconclusiveText,
  locationCell,
  notesText,
  ruleCell,
  truncate,
  verdictLine,
  waivedFindings,
  waiverText,
  type Section,
} from './markdown.js'

/**
 * `output.summary` and `output.text` limit of GitHub's REST "Create a check run"
 * (https://docs.github.com/rest/checks/runs#create-a-check-run): "Maximum length: 65535 characters".
 */
export const CHECK_RUN_MAX_CHARS = 65_535
/** Kept short for the checks list; the API documents no limit, 255 matches an annotation title's. */
export const CHECK_RUN_TITLE_CHARS = 255

/** The `output` object of a check run, minus annotations (those come from `toCheckAnnotations`). */
export interface CheckRunOutput {
  /** Plain text: `Blocked: 2 high, 1 medium`, `Passed: no findings`, `Warnings: 3 medium`. */
  title: string
  /** Markdown, at most `maxChars` characters (UTF-16 code units). */
  summary: string
  /** Markdown details (waived findings, what to do next), at most `maxChars`; absent when there is nothing. */
  text?: string
}

/** Options of {@link renderCheckRun}; the counts come from `toCheckAnnotations`. */
export interface CheckRunOptions {
  /** Annotations sent with the check run. */
  annotated: number
  /** Findings with a path left unannotated because the annotation budget ran out. */
  notAnnotated: number
  /** Findings without a path: they can only be read in the summary. */
  pathless?: number
  /** Characters (UTF-16 code units) for `summary` and for `text`; default 65,535. */
  maxChars?: number
}

const HINT = 'see the job summary / JSON report'

/** `Blocked: 2 high, 1 medium`, `Blocked: no findings · errored: tests`, `Passed: no findings · 1 inconclusive`. */
export function checkRunTitle(result: RunResult): string {
  const errored = erroredGates(result)
  const parts = [
    `${VERDICT_WORD[result.verdict]}: ${countsText(activeFindings(result))}`,
    errored.length > 0 ? `errored: ${errored.join(', ')}` : '',
    result.inconclusive.length > 0 ? `${result.inconclusive.length} inconclusive` : '',
  ]
  return truncate(parts.filter((p) => p !== '').join(' · '), CHECK_RUN_TITLE_CHARS)
}

/**
 * The check run output for `result`. Summary, most important first: the verdict line and base/head
 * (always), the inconclusive gates (always: a gate that passed through must be visible), the
 * annotation budget line ("N findings were not annotated (budget M)"), the gates table
 * (gate | mode | status | summary), notes, then the unwaived findings (severity | rule | location |
 * message), most severe first. Over `maxChars`, the findings table loses rows from the end first
 * (see `fitSections`). All pull-request-controlled text is escaped.
 */
export function renderCheckRun(result: RunResult, opts: CheckRunOptions): CheckRunOutput {
  const maxChars = opts.maxChars ?? CHECK_RUN_MAX_CHARS
  const active = activeFindings(result)
  const sections: Section[] = [{ kind: 'text', priority: 0, required: true, text: `${verdictLine(result)}\n\n${headerLine(result)}` }]
  if (result.inconclusive.length > 0) sections.push({ kind: 'text', priority: 1, required: true, text: inconclusiveText(result) })
  sections.push({
    kind: 'table',
    priority: 3,
    noun: 'gates',
    hint: HINT,
    before: '### Gates',
    header: GATE_HEADER,
    rows: result.gates.map((g) => gateRow(result, g)),
  })
  if (result.notes.length > 0) sections.push({ kind: 'text', priority: 4, text: notesText(result) })
  if (active.length > 0) {
    sections.push({
      kind: 'table',
      priority: 5,
      noun: 'findings',
      hint: HINT,
      before: `### Findings (${active.length})`,
      header: FINDING_HEADER,
      rows: active.map(findingRow),
    })
  }
  const budgetLines: string[] = []
  if (opts.notAnnotated > 0) {
    budgetLines.push(
      `${opts.notAnnotated} finding${opts.notAnnotated === 1 ? ' was' : 's were'} not annotated (budget ${opts.annotated}); see the job summary.`,
    )
  }
  const pathless = opts.pathless ?? 0
  if (pathless > 0)
    budgetLines.push(
      `${pathless} finding${pathless === 1 ? ' has' : 's have'} no file location, so ${pathless === 1 ? 'it is' : 'they are'} in this summary only.`,
    )
  if (budgetLines.length > 0) sections.push({ kind: 'text', priority: 2, text: budgetLines.join('\n\n') })

  const output: CheckRunOutput = { title: checkRunTitle(result), summary: fitSections(sections, maxChars, 'chars').text }
  const text = renderDetails(result, maxChars)
  if (text !== '') output.text = text
  return output
}

/** The `text` field: waived findings with their waivers, then what to do about each blocking finding. */
function renderDetails(result: RunResult, maxChars: number): string {
  const sections: Section[] = []
  const blockingWithHelp = result.findings.filter((f) => f.blocking && f.help !== undefined && f.help !== '')
  if (blockingWithHelp.length > 0) {
    sections.push({
      kind: 'table',
      priority: 0,
      noun: 'findings',
      hint: HINT,
      before: '### What to do next',
      header: ['rule', 'location', 'next step'],
      rows: blockingWithHelp.map((f) => [ruleCell(f), locationCell(f), escapeText(f.help!)]),
    })
  }
  const waived = waivedFindings(result)
  if (waived.length > 0) {
    sections.push({
      kind: 'table',
      priority: 1,
      noun: 'waived findings',
      hint: HINT,
      before: `### Waived (${waived.length})`,
      header: [...FINDING_HEADER, 'waiver'],
      rows: waived.map((f) => [...findingRow(f), escapeText(waiverText(f))]),
    })
  }
  return sections.length === 0 ? '' : fitSections(sections, maxChars, 'chars').text
}
