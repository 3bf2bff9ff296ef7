// The specialist pick: which reviewers a change goes to. The `pick` reviewers whose paths cover the
// most changed lines, plus every `always` reviewer; the report says who and why (line counts).
import picomatch from 'picomatch'
import type { ChangedFile } from '../changes/types.js'

/** What the pick reads of a reviewer. */
export interface PickCandidate {
  name: string
  paths?: readonly string[] | undefined
  always: boolean
}

/** One reviewer's standing in the pick; `lines` and `files` are what its paths cover of the change. */
export interface PickEntry {
  name: string
  picked: boolean
  /** `always`, `paths` (among the top `pick` by covered lines), or why not picked. */
  reason: 'always' | 'top-lines' | 'no-matching-file' | 'outranked'
  /** Added or changed lines in the files its paths match (every file without paths). */
  lines: number
  /** Changed files its paths match, deleted ones included. */
  files: number
}

/** Added or changed lines of a file: the sum of its ranges. */
export function addedLineCount(file: Pick<ChangedFile, 'addedLines'>): number {
  return file.addedLines.reduce((n, r) => n + (r.end - r.start + 1), 0)
}

/**
 * Ranks `reviewers` (config order) for `files`: each `always` reviewer is picked; of the others,
 * those whose `paths` match at least one changed file (a reviewer without paths matches every file)
 * are ranked by the added lines of the files they match, most first, ties by config order, and the
 * first `pick` are picked. Returns one entry per reviewer, in config order.
 */
export function pickReviewers(reviewers: readonly PickCandidate[], files: readonly ChangedFile[], pick: number): PickEntry[] {
  const scored = reviewers.map((r, index) => {
    const match = r.paths === undefined ? () => true : picomatch([...r.paths], { dot: true })
    const matched = files.filter((f) => match(f.path) || (f.oldPath !== undefined && match(f.oldPath)))
    return { r, index, files: matched.length, lines: matched.reduce((n, f) => n + addedLineCount(f), 0) }
  })
  const ranked = scored
    .filter((s) => !s.r.always && s.files > 0)
    .sort((a, b) => b.lines - a.lines || a.index - b.index)
    .slice(0, pick)
  const top = new Set(ranked.map((s) => s.index))
  return scored.map((s) => ({
    name: s.r.name,
    picked: s.r.always || top.has(s.index),
    reason: s.r.always ? 'always' : top.has(s.index) ? 'top-lines' : s.files === 0 ? 'no-matching-file' : 'outranked',
    lines: s.lines,
    files: s.files,
  }))
}

/** `sec (always, 40 lines in 2 files), api (40 lines in 3 files); not picked: docs (no matching file)`. */
export function describePick(entries: readonly PickEntry[]): string {
  const what = (e: PickEntry): string => `${e.lines} line${e.lines === 1 ? '' : 's'} in ${e.files} file${e.files === 1 ? '' : 's'}`
  const picked = entries.filter((e) => e.picked).map((e) => `${e.name} (${e.reason === 'always' ? 'always, ' : ''}${what(e)})`)
  const left = entries.filter((e) => !e.picked).map((e) => `${e.name} (${e.reason === 'no-matching-file' ? 'no matching file' : `outranked: ${what(e)}`})`)
  return `picked ${picked.length === 0 ? 'nobody' : picked.join(', ')}${left.length === 0 ? '' : `; not picked: ${left.join(', ')}`}`
}
