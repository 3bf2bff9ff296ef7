// A minimal unified line diff (LCS), for `proofgate init` to show the change it would make to a
// file it never overwrites. Small files only: init's files are tens of lines.

/** One line of an edit script: kept (` `), removed (`-`) or added (`+`). */
interface Edit {
  op: ' ' | '-' | '+'
  text: string
}

/** Past this many cells (old lines × new lines) the diff is one removal and one addition, not an LCS. */
const MAX_CELLS = 4_000_000

function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  // A final newline ends the last line; it does not start an empty one.
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** The edit script turning `a` into `b`, from a longest-common-subsequence table. */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  if (a.length * b.length > MAX_CELLS) return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))]
  const width = b.length + 1
  // lcs[i * width + j]: length of the LCS of a[i..] and b[j..].
  const lcs = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j] ? (lcs[(i + 1) * width + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number)
    }
  }
  const edits: Edit[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ op: ' ', text: a[i++] as string })
      j++
    } else if (i < a.length && (j === b.length || (lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number))) {
      // Removals before additions, as diff -u shows a replaced line.
      edits.push({ op: '-', text: a[i++] as string })
    } else {
      edits.push({ op: '+', text: b[j++] as string })
    }
  }
  return edits
}

/** `start,count` of a hunk header; a count of 1 is left out, as diff -u does. */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`
  return count === 1 ? `${start}` : `${start},${count}`
}

/**
 * The unified diff (`diff -u` shape, `context` lines around each change, default 3) that turns
 * `oldText` into `newText`, headed `--- a/<path>` (`--- /dev/null` when `oldText` is null: a new
 * file) and `+++ b/<path>`; the empty string when the texts are equal. Lines are split on `\n`;
 * hunk line numbers are 1-based.
 */
export function unifiedDiff(path: string, oldText: string | null, newText: string, context = 3): string {
  if (oldText === newText) return ''
  const edits = editScript(splitLines(oldText ?? ''), splitLines(newText))
  const changed = edits.map((e, index) => (e.op === ' ' ? -1 : index)).filter((index) => index >= 0)
  const out = [oldText === null ? '--- /dev/null' : `--- a/${path}`, `+++ b/${path}`]
  let k = 0
  while (k < changed.length) {
    // A hunk takes every change whose context touches the previous one's.
    let last = changed[k] as number
    let next = k + 1
    while (next < changed.length && (changed[next] as number) - last <= 2 * context) last = changed[next++] as number
    const from = Math.max(0, (changed[k] as number) - context)
    const to = Math.min(edits.length, last + context + 1)
    let oldLine = 1
    let newLine = 1
    for (const e of edits.slice(0, from)) {
      if (e.op !== '+') oldLine++
      if (e.op !== '-') newLine++
    }
    const hunk = edits.slice(from, to)
    const oldCount = hunk.filter((e) => e.op !== '+').length
    const newCount = hunk.filter((e) => e.op !== '-').length
    out.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`, ...hunk.map((e) => `${e.op}${e.text}`))
    k = next
  }
  // Equal lines and unequal texts: only the final newline differs.
  if (changed.length === 0) out.push('(the files differ only in the newline at the end)')
  return out.join('\n') + '\n'
}
