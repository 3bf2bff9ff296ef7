// The sticky pull-request comment: a hidden marker on the first line so the next run edits the same
// comment in place (danger-js style), blocking findings first, the rest collapsed; fitted to 65,536 chars.
import type { RunResult } from '../../runner/types.js'
import {
  FINDING_HEADER,
  VERDICT_MARK,
  VERDICT_WORD,
  activeFindings,
  codeSpan,
  escapeText,
  findingRow,
  fitSections,
  inconclusiveText,
  verdictLine,
  waivedFindings,
  type Section,
} from './markdown.js'

/**
 * Longest comment body GitHub accepts; longer ones are rejected with 422 "Body is too long (maximum
 * is 65536 characters)" (the limit is not in the REST docs; e.g. danger/danger#424, googleapis/release-please#1034).
 */
export const COMMENT_MAX_CHARS = 65_536

/**
 * The hidden first line that marks proofgate's comment for `checkName`:
 * `<!-- proofgate:comment check-name=<name> -->`, the name percent-encoded (`encodeURIComponent`) so
 * it can contain neither `>` (no `-->` can end the comment early) nor a newline.
 */
export function commentMarker(checkName: string): string {
  return `<!-- proofgate:comment check-name=${encodeURIComponent(checkName)} -->`
}

/** Options of {@link renderComment}. */
export interface CommentOptions {
  /** The check run's name; one sticky comment per name. */
  checkName: string
  /** The head commit the comment describes (shown as 7 characters). */
  headSha: string
  /** `html_url` of the check run; linked only when it is a plain https URL. */
  checkRunUrl?: string
  /** Characters (UTF-16 code units); default 65,536. */
  maxChars?: number
}

const HINT = 'see the check run / job summary'

/**
 * The comment body for `result`: the marker as the very first line, a heading with the verdict, the
 * verdict line, the inconclusive gates, the blocking findings (table), the other findings (unwaived,
 * then waived) in a collapsed `<details>`, and "updated for <short sha>" with the check run link.
 * At most `maxChars` characters: the collapsed table is trimmed first, then the blocking one.
 */
export function renderComment(result: RunResult, opts: CommentOptions): string {
  const maxChars = opts.maxChars ?? COMMENT_MAX_CHARS
  const active = activeFindings(result)
  const blocking = active.filter((f) => f.blocking)
  const rest = [...active.filter((f) => !f.blocking), ...waivedFindings(result)]
  const heading = `### ${VERDICT_MARK[result.verdict]} ${escapeText(opts.checkName, 100)}: ${VERDICT_WORD[result.verdict]}`
  const sections: Section[] = [{ kind: 'text', priority: 0, required: true, text: `${commentMarker(opts.checkName)}\n${heading}\n\n${verdictLine(result)}` }]
  if (result.inconclusive.length > 0) sections.push({ kind: 'text', priority: 1, required: true, text: inconclusiveText(result) })
  if (blocking.length > 0) {
    sections.push({
      kind: 'table',
      priority: 2,
      noun: 'blocking findings',
      hint: HINT,
      before: `#### Blocking (${blocking.length})`,
      header: FINDING_HEADER,
      rows: blocking.map(findingRow),
    })
  }
  if (rest.length > 0) {
    sections.push({
      kind: 'table',
      priority: 3,
      noun: 'findings',
      hint: HINT,
      before: `<details>\n<summary>${rest.length} other finding${rest.length === 1 ? '' : 's'} (not blocking or waived)</summary>\n`,
      after: '\n</details>',
      header: FINDING_HEADER,
      rows: rest.map(findingRow),
    })
  }
  const link = opts.checkRunUrl !== undefined && /^https:\/\/[^\s<>()[\]"'`\\]+$/.test(opts.checkRunUrl) ? ` · [check run](${opts.checkRunUrl})` : ''
  sections.push({ kind: 'text', priority: 1, required: true, text: `<sub>updated for ${codeSpan(opts.headSha.slice(0, 7))}${link}</sub>` })
  return fitSections(sections, maxChars, 'chars').text
}

/** A comment as the REST API lists it (only the fields this reads). */
export interface ListedComment {
  id: number
  body?: string | null
  user?: { type?: string } | null
}

/**
 * The id of proofgate's comment for `checkName`: the first comment (the API lists oldest first) whose
 * body starts with {@link commentMarker} and whose author is a bot (`user.type === 'Bot'`); a person
 * who pastes the marker does not make the comment ours. `undefined` when there is none.
 */
export function findMarkedComment(comments: readonly ListedComment[], checkName: string): number | undefined {
  const marker = commentMarker(checkName)
  return comments.find((c) => c.user?.type === 'Bot' && typeof c.body === 'string' && c.body.startsWith(marker))?.id
}
