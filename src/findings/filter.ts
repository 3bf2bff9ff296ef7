// The diff filter, as reviewdog's -filter-mode: which findings count for this change.
// Findings outside the filter are counted per gate, never shown as blocking.
import { inRanges } from '../changes/diff.js'
import type { ChangeSet, ChangedFile } from '../changes/types.js'
import type { FilterMode } from '../config/schema.js'
import type { FindingInput } from './types.js'

/**
 * True when `finding` is inside the filter:
 * - `nofilter`: always;
 * - `file`: its file is in the change set (and not deleted);
 * - `added`: its start line is an added/changed line (a finding without a line: its file changed);
 * - `diff_context`: its start line is within 3 lines of an added/changed line.
 * A finding without a path (run- or gate-level), or with `filter: 'always'` (a changed file that
 * could not be analysed), is always inside.
 */
export function inFilter(finding: FindingInput, changes: ChangeSet, mode: FilterMode, byPath?: Map<string, ChangedFile>): boolean {
  if (mode === 'nofilter' || finding.path === undefined || finding.filter === 'always') return true
  const file = byPath !== undefined ? byPath.get(finding.path) : changes.files.find((f) => f.path === finding.path)
  if (file === undefined || file.status === 'deleted') return false
  if (mode === 'file' || finding.startLine === undefined) return true
  const ranges = mode === 'added' ? file.addedLines : file.contextLines
  return inRanges(ranges, finding.startLine) || (finding.filterLines ?? []).some((line) => inRanges(ranges, line))
}

/** path → changed file, for repeated filtering. */
export function indexByPath(changes: ChangeSet): Map<string, ChangedFile> {
  return new Map(changes.files.map((f) => [f.path, f]))
}
