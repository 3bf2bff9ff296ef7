// Findings as GitHub annotations: check-run annotation objects for the Checks API, and workflow-command
// annotations (`core.error/warning/notice`) for when there is no check run; pure, no Octokit.
import { SEVERITY_SOURCE_NOTE } from '../findings/rules.js'
import { severityRank, type ReportedFinding, type Severity } from '../findings/types.js'
import { truncate } from './templates/markdown.js'

/** `annotation_level` of the Checks API. */
export type CheckAnnotationLevel = 'notice' | 'warning' | 'failure'

/**
 * One annotation object of GitHub's REST Checks API, "Create a check run" / "Update a check run"
 * (`output.annotations[]`, https://docs.github.com/rest/checks/runs#create-a-check-run): lines and
 * columns are 1-based; columns only when `start_line === end_line`; `message` and `raw_details` at
 * most 64 KB, `title` at most 255 characters.
 */
export interface CheckAnnotation {
  /** Repository-relative, forward slashes. */
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: CheckAnnotationLevel
  message: string
  title?: string
  raw_details?: string
}

/** Annotations per request: "The Checks API limits the number of annotations to a maximum of 50 per API request." */
export const ANNOTATIONS_PER_REQUEST = 50
/** `message` / `raw_details` limit ("The maximum size is 64 KB"), taken as UTF-8 bytes. */
export const ANNOTATION_TEXT_BYTES = 64 * 1024
/** `title` limit ("The maximum size is 255 characters"). */
export const ANNOTATION_TITLE_CHARS = 255

const LEVEL: Record<Severity, CheckAnnotationLevel> = { critical: 'failure', high: 'failure', medium: 'warning', low: 'notice', info: 'notice' }
const KIND: Record<Severity, WorkflowAnnotationKind> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' }

/** Most severe first, then path, line and column (code-point order, not locale); stable otherwise. */
function byPriority(a: ReportedFinding, b: ReportedFinding): number {
  const rank = severityRank(a.severity) - severityRank(b.severity)
  if (rank !== 0) return rank
  const pa = a.path ?? ''
  const pb = b.path ?? ''
  if (pa !== pb) return pa < pb ? -1 : 1
  return (a.startLine ?? 0) - (b.startLine ?? 0) || (a.startColumn ?? 0) - (b.startColumn ?? 0)
}

const positive = (n: number | undefined): number | undefined => (n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined)

/** 1-based start/end line and, on one line only (GitHub's rule), start/end column. */
function position(f: ReportedFinding): { startLine: number; endLine: number; startColumn?: number; endColumn?: number } {
  const startLine = positive(f.startLine) ?? 1
  const endLine = Math.max(startLine, positive(f.endLine) ?? startLine)
  if (startLine !== endLine) return { startLine, endLine }
  const startColumn = positive(f.startColumn)
  if (startColumn === undefined) return { startLine, endLine }
  const endColumn = positive(f.endColumn)
  return endColumn !== undefined && endColumn >= startColumn ? { startLine, endLine, startColumn, endColumn } : { startLine, endLine, startColumn }
}

function title(f: ReportedFinding): string {
  return truncate(`${f.gate}/${f.ruleId} (${f.severity}${f.severitySource === 'config' ? `, ${SEVERITY_SOURCE_NOTE}` : ''})`, ANNOTATION_TITLE_CHARS)
}

/** What {@link toCheckAnnotations} made, and what it could not annotate. */
export interface CheckAnnotations {
  /** Most severe first, then path and line; at most `budget`. */
  annotations: CheckAnnotation[]
  /** Unwaived findings with a path left out because the budget ran out. */
  notAnnotated: number
  /** Unwaived findings without a path (run- or gate-level): they can only be read in the summary. */
  pathless: number
}

/**
 * Check-run annotations for the unwaived findings that have a path, most severe first then path and
 * line, at most `budget` of them (send them with {@link batches}: GitHub takes 50 per request and
 * appends each update's annotations). Levels: critical/high → `failure`, medium → `warning`,
 * low/info → `notice`. `start_line` = startLine ?? 1, `end_line` = endLine ?? start_line; columns only
 * on a single line. `title` is `<gate>/<ruleId> (<severity>)`, with `, severity set in .proofgate.yml` when the config set it; `message` (cut to 64 KiB) is the
 * finding's message; `raw_details` is its help when present. Waived findings are never annotated.
 */
export function toCheckAnnotations(findings: readonly ReportedFinding[], opts: { budget: number }): CheckAnnotations {
  const active = findings.filter((f) => f.waived === null)
  const located = active.filter((f) => f.path !== undefined && f.path !== '').sort(byPriority)
  const budget = Math.max(0, Math.floor(opts.budget))
  const annotations = located.slice(0, budget).map((f): CheckAnnotation => {
    const at = position(f)
    const annotation: CheckAnnotation = {
      path: f.path!,
      start_line: at.startLine,
      end_line: at.endLine,
      annotation_level: LEVEL[f.severity],
      message: truncate(f.message === '' ? f.ruleId : f.message, ANNOTATION_TEXT_BYTES, 'bytes'),
      title: title(f),
    }
    if (at.startColumn !== undefined) annotation.start_column = at.startColumn
    if (at.endColumn !== undefined) annotation.end_column = at.endColumn
    if (f.help !== undefined && f.help !== '') annotation.raw_details = truncate(f.help, ANNOTATION_TEXT_BYTES, 'bytes')
    return annotation
  })
  return { annotations, notAnnotated: located.length - annotations.length, pathless: active.length - located.length }
}

/** `items` in consecutive chunks of `size` (default 50, the Checks API's annotations per request); the last may be shorter. */
export function batches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Invalid batch size ${size}: expected a whole number of at least 1.`)
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The workflow-command level of an annotation: critical and high are `error`, medium `warning`, low and info `notice`. */
export type WorkflowAnnotationKind = 'error' | 'warning' | 'notice'

/** The shape of @actions/core's `AnnotationProperties` (1-based lines and columns). */
export interface WorkflowAnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

/** One annotation for `core[kind](message, properties)`; @actions/core escapes both when it prints the command. */
export interface WorkflowCommand {
  kind: WorkflowAnnotationKind
  message: string
  properties: WorkflowAnnotationProperties
}

/** Longest workflow-command message, in characters; the full text is in the job summary. */
const COMMAND_MESSAGE_CHARS = 4000

/**
 * Workflow-command annotations for the unwaived findings (with or without a path), most severe first
 * then path and line, within what GitHub shows: `perTypeLimit` (default 10) of each kind per step —
 * the REST docs: "GitHub Actions are limited to 10 warning annotations and 10 error annotations per
 * step" (notices are capped the same way in practice) — and `perJobLimit` (default 50) in all, a
 * limit GitHub does not document but that users observe (github.com/orgs/community/discussions/26680,
 * zizmorcore/zizmor#634). When anything is
 * hidden, the last command is a notice "proofgate: N more findings not annotated …"; its slot is
 * reserved inside both limits. Kinds: critical/high → error, medium → warning, low/info → notice.
 */
export function toWorkflowCommands(
  findings: readonly ReportedFinding[],
  opts: { perTypeLimit?: number; perJobLimit?: number } = {},
): { commands: WorkflowCommand[]; hidden: number } {
  const perType = Math.max(0, Math.floor(opts.perTypeLimit ?? 10))
  const perJob = Math.max(0, Math.floor(opts.perJobLimit ?? 50))
  const sorted = findings.filter((f) => f.waived === null).sort(byPriority)

  const select = (noticeLimit: number, totalLimit: number): ReportedFinding[] => {
    const used: Record<WorkflowAnnotationKind, number> = { error: 0, warning: 0, notice: 0 }
    const chosen: ReportedFinding[] = []
    for (const f of sorted) {
      if (chosen.length >= totalLimit) break
      const kind = KIND[f.severity]
      if (used[kind] >= (kind === 'notice' ? noticeLimit : perType)) continue
      used[kind] += 1
      chosen.push(f)
    }
    return chosen
  }

  let chosen = select(perType, perJob)
  // Something is hidden: take one notice slot and one job slot back for the "N more" notice.
  if (chosen.length < sorted.length) chosen = select(perType - 1, perJob - 1)
  const hidden = sorted.length - chosen.length
  const commands = chosen.map((f): WorkflowCommand => {
    const properties: WorkflowAnnotationProperties = { title: title(f) }
    if (f.path !== undefined && f.path !== '') {
      const at = position(f)
      properties.file = f.path
      properties.startLine = at.startLine
      properties.endLine = at.endLine
      if (at.startColumn !== undefined) properties.startColumn = at.startColumn
      if (at.endColumn !== undefined) properties.endColumn = at.endColumn
    }
    return { kind: KIND[f.severity], message: truncate(f.message === '' ? f.ruleId : f.message, COMMAND_MESSAGE_CHARS), properties }
  })
  if (hidden > 0 && perType >= 1 && perJob >= 1) {
    commands.push({
      kind: 'notice',
      message: `proofgate: ${hidden} more finding${hidden === 1 ? '' : 's'} not annotated (GitHub shows ${perType} per type per step); see the job summary`,
      properties: { title: 'proofgate' },
    })
  }
  return { commands, hidden }
}
