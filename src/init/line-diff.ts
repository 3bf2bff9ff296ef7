// The unified diff `proofgate init` prints for a file it would change but never overwrites: jsdiff's
// hunks (the `diff` package, Myers' algorithm) in `diff -u`'s shape, headed as git shows a path.
import { structuredPatch } from 'diff'

/** `start,count` of a hunk header; a count of 1 is left out, as diff -u does; an empty side names the line before it (jsdiff gives the one after). */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`
  return count === 1 ? `${start}` : `${start},${count}`
}

/**
 * The unified diff (`diff -u` shape, `context` lines around each change, default 3) that turns
 * `oldText` into `newText`, headed `--- a/<path>` (`--- /dev/null` when `oldText` is null: a new
 * file) and `+++ b/<path>`; the empty string when the texts are equal. Hunk line numbers are 1-based.
 */
export function unifiedDiff(path: string, oldText: string | null, newText: string, context = 3): string {
  if (oldText === newText) return ''
  const patch = structuredPatch('a', 'b', oldText ?? '', newText, '', '', { context })
  const out = [oldText === null ? '--- /dev/null' : `--- a/${path}`, `+++ b/${path}`]
  const changed = patch.hunks.some((h) => h.lines.some((l) => !l.startsWith('\\') && (l.startsWith('-') || l.startsWith('+'))))
  if (!changed || (oldText ?? '').replace(/\n$/, '') === newText.replace(/\n$/, '')) {
    // Equal lines and unequal texts: only the final newline differs.
    out.push('(the files differ only in the newline at the end)')
    return out.join('\n') + '\n'
  }
  for (const hunk of patch.hunks) {
    // `\ No newline at end of file` markers are left out: the closing note of a newline-only change says it.
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines.filter((l) => !l.startsWith('\\')))
  }
  return out.join('\n') + '\n'
}
