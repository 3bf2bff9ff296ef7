// Expected values the test-mutation detector reads beyond a matcher's arguments: the access path of
// the value under test, the value an assertion pins, and the text of a snapshot or object that may
// hold it, so assertions folded into one over their parent are not taken for deleted ones.
import type * as TS from 'typescript'
import { unwrap } from './analyse.js'
import type { TypeScript } from './typescript.js'

/** What a fold compares, kept on each assertion summary (no AST). */
export interface FoldFacts {
  /** The value under test as an access path, `(a.b[0] as any)?.c` → `['a', 'b', '[0]', 'c']`; undefined when it is not one. */
  subjectPath: string[] | undefined
  /** The single value the assertion pins (`toBe(false)` → `false`, `toBeNull()` → `null`), whitespace removed; undefined when none. */
  pinned: string | undefined
  /** True for a matcher that checks the whole value: a snapshot, `toEqual`, `toStrictEqual`, `toMatchObject`, `deepEqual`. */
  container: boolean
  /** The text a container checks against (an inline snapshot's, an object or array literal's), whitespace removed; undefined when not written in the test. */
  containerText: string | undefined
}

/** Matchers that check a whole value, so an assertion on a part of it can fold into them. */
const CONTAINERS = new Set([
  'toMatchInlineSnapshot',
  'toMatchSnapshot',
  'toEqual',
  'toStrictEqual',
  'toMatchObject',
  'deepEqual',
  'deepStrictEqual',
  'partialDeepStrictEqual',
])
/** Matchers whose single argument is the exact value pinned. */
const PINNING = new Set(['toBe', 'toEqual', 'toStrictEqual', 'equal', 'equals', 'eq', 'eql', 'strictEqual', 'deepEqual', 'deepStrictEqual', 'is'])
/** Matchers that pin a value by their name. */
const PINNED_BY_NAME: Record<string, string> = { toBeNull: 'null', toBeUndefined: 'undefined', toBeTrue: 'true', toBeFalse: 'false', toBeNaN: 'NaN' }

/** `a.b['c'][0]` (through `as`, `!`, parentheses and `?.`) as path segments, or undefined for any other expression. */
export function accessPath(ts: TypeScript, expression: TS.Expression): string[] | undefined {
  const outerFirst: string[] = []
  let current = expression
  for (;;) {
    current = unwrap(ts, current)
    if (ts.isIdentifier(current)) return [current.text, ...outerFirst.reverse()]
    if (current.kind === ts.SyntaxKind.ThisKeyword) return ['this', ...outerFirst.reverse()]
    if (ts.isPropertyAccessExpression(current)) {
      outerFirst.push(current.name.text)
    } else if (ts.isElementAccessExpression(current)) {
      const key = current.argumentExpression
      if (ts.isStringLiteralLike(key)) outerFirst.push(key.text)
      else if (ts.isNumericLiteral(key)) outerFirst.push(`[${key.text}]`)
      else return undefined
    } else {
      return undefined
    }
    current = current.expression
  }
}

/** Whitespace removed and trailing commas dropped: how a snapshot's and an expression's texts are compared. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '').replace(/,(?=[\]})])/g, '')
}

/**
 * An inline snapshot's text as vitest and jest compare it: the common indentation and the blank
 * first and last lines removed, so a snapshot only re-indented (its test moved into a block) is
 * the same snapshot.
 */
export function snapshotText(text: string): string {
  const rows = text.split('\n')
  if (rows.length > 1 && rows[0]!.trim() === '') rows.shift()
  if (rows.length > 1 && rows.at(-1)!.trim() === '') rows.pop()
  const indents = rows.filter((row) => row.trim() !== '').map((row) => /^\s*/.exec(row)![0].length)
  const indent = indents.length === 0 ? 0 : Math.min(...indents)
  return rows.map((row) => row.slice(indent).trimEnd()).join('\n')
}

/**
 * The fold facts of one assertion: `subject` is the value under test, `tokens` the tokens of each
 * expected argument, `expected` the arguments themselves.
 */
export function foldFacts(
  ts: TypeScript,
  matcherName: string | undefined,
  negated: boolean,
  subject: TS.Expression | undefined,
  expected: readonly TS.Expression[],
  tokens: readonly string[][],
): FoldFacts {
  const name = negated ? undefined : matcherName
  let pinned: string | undefined
  if (name !== undefined && PINNING.has(name) && tokens.length === 1) pinned = compact(tokens[0]!.join(' '))
  else if (name !== undefined && expected.length === 0) pinned = PINNED_BY_NAME[name]
  const first = expected[0] === undefined ? undefined : unwrap(ts, expected[0])
  let containerText: string | undefined
  if (name === 'toMatchInlineSnapshot') {
    // toMatchInlineSnapshot(propertyMatchers?, snapshot?): the snapshot is the string argument.
    const snapshot = expected.map((e) => unwrap(ts, e)).find((e) => ts.isNoSubstitutionTemplateLiteral(e) || ts.isStringLiteral(e))
    if (snapshot !== undefined) containerText = compact((snapshot as TS.StringLiteralLike).text)
  } else if (first !== undefined && (ts.isObjectLiteralExpression(first) || ts.isArrayLiteralExpression(first))) containerText = compact(tokens[0]!.join(' '))
  return {
    subjectPath: subject === undefined ? undefined : accessPath(ts, subject),
    pinned,
    container: name !== undefined && CONTAINERS.has(name),
    containerText,
  }
}

/**
 * True when the assertion `part` is folded into `whole`: `whole` checks a whole value (see
 * FoldFacts.container) whose access path is a strict prefix of `part`'s, and, when `whole`'s text
 * is written in the test, that text holds the value `part` pinned under its key (`"inclusive": false`).
 */
export function foldsInto(part: FoldFacts, whole: FoldFacts): boolean {
  const path = part.subjectPath
  const parent = whole.subjectPath
  if (!whole.container || path === undefined || parent === undefined || parent.length >= path.length) return false
  if (!parent.every((segment, i) => path[i] === segment)) return false
  if (whole.containerText === undefined) return true
  if (part.pinned === undefined) return false
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const last = path.at(-1)!
  const value = escape(part.pinned)
  const pattern = last.startsWith('[')
    ? new RegExp(`(?:^|[[,])${value}(?=[,\\]]|$)`)
    : new RegExp(`(?:^|[{,(])(?:"${escape(last)}"|${escape(last)}):${value}(?=[,})]|$)`)
  return pattern.test(whole.containerText)
}
