// Parsers for git's diff output: `--name-status -z`, `--numstat -z` and a zero-context patch.
// Pure functions, so every quirk (quoted paths, renames, "+++" inside a hunk) is unit-tested.
import type { ChangedFile, FileStatus, LineRange } from './types.js'

/** One file of `--name-status` output; `oldPath` is set for renames and copies only. */
export interface NameStatusEntry {
  path: string
  status: FileStatus
  oldPath?: string
}

const STATUS: Record<string, FileStatus> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type-changed' }

/** Parses `git diff-tree -r -z --name-status` output (NUL-separated; R/C carry two paths). */
export function parseNameStatus(output: string): NameStatusEntry[] {
  const parts = output.split('\0')
  const entries: NameStatusEntry[] = []
  for (let i = 0; i < parts.length;) {
    const code = parts[i++] ?? ''
    if (code === '') continue
    const status = STATUS[code[0] ?? '']
    if (status === undefined) throw new Error(`Unexpected git status '${code}' in --name-status output`)
    if (status === 'renamed' || status === 'copied') {
      const oldPath = parts[i++] ?? ''
      const path = parts[i++] ?? ''
      entries.push({ path, status, oldPath })
    } else {
      entries.push({ path: parts[i++] ?? '', status })
    }
  }
  return entries
}

/**
 * Parses `git diff-tree -r -z --numstat` into path → binary flag. Binary files show `-\t-`;
 * renames show `added\tdeleted\t` then NUL, old path, NUL, new path.
 */
export function parseNumstat(output: string): Map<string, boolean> {
  const parts = output.split('\0')
  const result = new Map<string, boolean>()
  for (let i = 0; i < parts.length;) {
    const head = parts[i++] ?? ''
    if (head === '') continue
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(head)
    if (match === null) throw new Error(`Unexpected line in --numstat output: ${JSON.stringify(head)}`)
    const binary = match[1] === '-' && match[2] === '-'
    let path = match[3] ?? ''
    if (path === '') {
      i++ // old path
      path = parts[i++] ?? ''
    }
    result.set(path, binary)
  }
  return result
}

/** Undoes git's C-style quoting of a path (`"a\tb\303\251"`); unquoted paths pass through. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text
  const body = text.slice(1, -1)
  const bytes: number[] = []
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 }
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? ''
    if (ch !== '\\') {
      for (const byte of Buffer.from(ch, 'utf8')) bytes.push(byte)
      continue
    }
    const next = body[i + 1] ?? ''
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8))
      i += 3
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0))
      i += 1
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/** The path of a `+++ b/path` line, or null for `/dev/null`. */
function newPathOf(line: string): string | null {
  let rest = line.slice(4)
  if (rest === '/dev/null') return null
  // git ends the name with a TAB when it contains a space (for GNU patch); it is not part of it.
  if (rest.endsWith('\t')) rest = rest.slice(0, -1)
  const unquoted = unquotePath(rest)
  return unquoted.startsWith('b/') ? unquoted.slice(2) : unquoted
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

/**
 * Parses a zero-context patch (`-U0`) into new path → added/changed line ranges (1-based,
 * inclusive, merged). Hunk bodies are consumed by their line counts, so a content line that
 * starts with `+++` is never taken for a file header.
 */
export function parsePatch(patch: string): Map<string, LineRange[]> {
  const result = new Map<string, LineRange[]>()
  const lines = patch.split('\n')
  let current: LineRange[] | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line.startsWith('+++ ')) {
      const path = newPathOf(line)
      current = path === null ? null : (result.get(path) ?? [])
      if (path !== null && current !== null) result.set(path, current)
      continue
    }
    const hunk = HUNK.exec(line)
    if (hunk === null) continue
    const oldCount = hunk[1] === undefined ? 1 : Number(hunk[1])
    const start = Number(hunk[2])
    const newCount = hunk[3] === undefined ? 1 : Number(hunk[3])
    if (current !== null && newCount > 0) current.push({ start, end: start + newCount - 1 })
    // Skip the hunk body: old lines, new lines and "\ No newline" markers.
    let remaining = oldCount + newCount
    while (remaining > 0 && i + 1 < lines.length) {
      const body = lines[i + 1] ?? ''
      if (body.startsWith('\\')) {
        i++
        continue
      }
      if (!body.startsWith('+') && !body.startsWith('-')) break
      i++
      remaining--
    }
  }
  for (const [path, ranges] of result) result.set(path, mergeRanges(ranges))
  return result
}

/** Sorts and merges overlapping or adjacent ranges. */
export function mergeRanges(ranges: LineRange[]): LineRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start)
  const merged: LineRange[] = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last !== undefined && range.start <= last.end + 1) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}

/** Widens each range by `lines` on both sides (not below line 1) and merges them. */
export function withContext(ranges: LineRange[], lines: number): LineRange[] {
  return mergeRanges(ranges.map((r) => ({ start: Math.max(1, r.start - lines), end: r.end + lines })))
}

/** True when 1-based `line` falls in one of the (sorted, merged) ranges. */
export function inRanges(ranges: readonly LineRange[], line: number): boolean {
  for (const r of ranges) {
    if (line < r.start) return false
    if (line <= r.end) return true
  }
  return false
}

export type { ChangedFile }
