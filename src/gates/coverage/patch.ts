// Patch coverage arithmetic: which changed lines are executable, which of them a test ran, the
// uncovered ones grouped into ranges, and the percentages; pure functions over line sets.
import type { LineRange } from '../../changes/types.js'
import { loadTypeScript, scriptKindOf } from '../../testing/typescript.js'
import type * as TS from 'typescript'
import type { LineHits } from './lcov.js'

/** Uncovered changed executable lines that belong together: `lines` of them from `startLine` to `endLine` (1-based, inclusive). */
export interface UncoveredRange {
  startLine: number
  endLine: number
  /** Changed executable lines in the range (unchanged uncovered lines inside it are not counted). */
  lines: number
}

/** Covered and executable lines, and the share in percent with one decimal (null when there are none). */
export interface Ratio {
  covered: number
  total: number
  percent: number | null
}

/** `covered / total × 100` rounded to one decimal; null when `total` is 0. */
export function percent(covered: number, total: number): number | null {
  return total === 0 ? null : Math.round((covered / total) * 1000) / 10
}

/** The ratio of lines with hits > 0 over every line of every file given (the report's own line count). */
export function lineRatio(files: Iterable<LineHits>): Ratio {
  let covered = 0
  let total = 0
  for (const hits of files) {
    for (const count of hits.values()) {
      total++
      if (count > 0) covered++
    }
  }
  return { covered, total, percent: percent(covered, total) }
}

/**
 * Groups the uncovered lines among `changed` into ranges. `executable` holds every executable line
 * of the file with its hits (changed or not). Walking the executable lines in order, consecutive
 * uncovered changed lines form one range until a covered executable line comes; an unchanged
 * uncovered line neither splits a range nor extends it, and non-executable lines (absent from
 * `executable`) are not looked at. Changed lines that are not executable are ignored.
 * @param changed 1-based changed lines (any order)
 * @returns ranges in line order
 */
export function uncoveredRanges(changed: Iterable<number>, executable: LineHits): UncoveredRange[] {
  const isChanged = new Set(changed)
  const ranges: UncoveredRange[] = []
  let open: UncoveredRange | undefined
  for (const line of [...executable.keys()].sort((a, b) => a - b)) {
    const hits = executable.get(line) as number
    if (hits > 0) {
      open = undefined
    } else if (isChanged.has(line)) {
      if (open === undefined) {
        open = { startLine: line, endLine: line, lines: 1 }
        ranges.push(open)
      } else {
        open.endLine = line
        open.lines++
      }
    }
  }
  return ranges
}

/** The 1-based lines in `ranges` (inclusive, any order). */
export function linesOf(ranges: readonly LineRange[]): number[] {
  const out: number[] = []
  for (const r of ranges) for (let line = r.start; line <= r.end; line++) out.push(line)
  return out
}

/** What one changed source file contributes to the patch. */
export interface FilePatch {
  path: string
  /** Changed executable lines a test ran, and all changed executable lines. */
  covered: number
  total: number
  /** False when the report has no entry for the file: its changed code lines count as uncovered. */
  inReport: boolean
  uncovered: UncoveredRange[]
}

/**
 * The patch of one file. Executable lines are the lines the report knows (`hits`) that hold code
 * (`code`: not blank, not only a comment; null when the text is unknown, then every known line
 * counts); for a file the report lacks (`hits` undefined), every changed code line is executable
 * and uncovered.
 * @param added the file's added lines (1-based ranges of the new version)
 */
export function filePatch(path: string, added: readonly LineRange[], hits: LineHits | undefined, code: ReadonlySet<number> | null): FilePatch {
  const changed = linesOf(added)
  let executable: LineHits
  if (hits === undefined) {
    executable = new Map(changed.filter((line) => code === null || code.has(line)).map((line) => [line, 0]))
  } else {
    executable = code === null ? hits : new Map([...hits].filter(([line]) => code.has(line)))
  }
  let covered = 0
  let total = 0
  for (const line of new Set(changed)) {
    const count = executable.get(line)
    if (count === undefined) continue
    total++
    if (count > 0) covered++
  }
  return { path, covered, total, inReport: hits !== undefined, uncovered: uncoveredRanges(changed, executable) }
}

function isJsDoc(ts: typeof TS, node: TS.Node): boolean {
  return node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode
}

/**
 * The 1-based lines of `text` that hold code: any token of TypeScript's parser (syntax only, no
 * type checking) touches them. Blank lines, lines that are only a comment, and JSX whitespace are
 * not code; a multi-line string or template literal is code on every line it spans.
 * @param path the file's name, for its script kind (`.tsx`/`.jsx` allow JSX)
 */
export async function codeLines(text: string, path: string): Promise<Set<number>> {
  const ts = await loadTypeScript()
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(ts, path))
  const lines = new Set<number>()
  const visit = (node: TS.Node): void => {
    if (isJsDoc(ts, node)) return
    const children = node.getChildren(source)
    if (children.length > 0) {
      for (const child of children) visit(child)
      return
    }
    if (node.kind === ts.SyntaxKind.EndOfFileToken) return
    if (node.kind === ts.SyntaxKind.JsxText && (node as TS.JsxText).containsOnlyTriviaWhiteSpaces) return
    const start = node.getStart(source)
    if (node.end <= start) return
    const first = source.getLineAndCharacterOfPosition(start).line
    const last = source.getLineAndCharacterOfPosition(node.end - 1).line
    for (let line = first; line <= last; line++) lines.add(line + 1)
  }
  visit(source)
  return lines
}
