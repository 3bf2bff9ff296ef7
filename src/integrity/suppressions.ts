// suppression-added: comments that switch a check off (eslint-disable, @ts-ignore, coverage
// ignores), read from real comments only and counted per file, so a moved suppression is not new.
import type * as TS from 'typescript'
import { inRanges } from '../changes/diff.js'
import type { LineRange } from '../changes/types.js'
import type { TypeScript } from '../testing/typescript.js'
import { integrityFinding, type IntegrityFinding } from './types.js'

/** Files whose comments can hold suppressions: JS/TS, and the script blocks and templates of Vue and Svelte components. */
const SUPPRESSION_FILE = /\.(?:[cm]?[jt]s|[jt]sx|vue|svelte)$/i

/**
 * Build output, dependencies and minified files: their comments come from a bundler or a
 * dependency, and a rebuilt bundle (a new hashed name) would make every one of them look new.
 */
const GENERATED = /(?:^|\/)(?:node_modules|dist|build|out|coverage|vendor|\.next|\.nuxt|\.svelte-kit|\.output|\.turbo)\/|\.min\.[cm]?js$/i

/** Whether `path` is an authored file whose suppression comments are counted. */
export function isSuppressionPath(path: string): boolean {
  return SUPPRESSION_FILE.test(path) && !GENERATED.test(path)
}

/** One suppression comment. */
export interface Suppression {
  /** `eslint-disable-next-line`, `@ts-ignore`, `istanbul ignore next`, `c8 ignore start`, … */
  directive: string
  /** ESLint rules the directive names, sorted; empty when it disables every rule or is not ESLint's. */
  rules: string[]
  /** What two versions compare: the directive and its rules, whitespace and the `-- reason` dropped. */
  key: string
  /** 1-based span of the whole comment. */
  line: number
  column: number
  endLine: number
  endColumn: number
}

const MAY_HOLD_DIRECTIVE = /eslint-disable|@ts-(?:ignore|nocheck|expect-error)|(?:istanbul|[cv]8)\s+ignore/
const ESLINT = /^(eslint-disable(?:-next-line|-line)?)(?=\s|$)([\s\S]*)$/
const TS_DIRECTIVE = /^@(ts-ignore|ts-nocheck|ts-expect-error)(?![\w-])/
const COVERAGE = /^(istanbul\s+ignore\s+(?:next|if|else|file)|[cv]8\s+ignore\s+(?:next(?:\s+\d+)?|start|file))(?![\w-])/

/** The text of a comment without its markers: `//`, `///`, `/*`, `*\/`, a leading `*` per line, `<!-- -->`. */
function commentBody(raw: string): string {
  let body = raw
  if (body.startsWith('<!--')) body = body.slice(4, body.endsWith('-->') ? -3 : undefined)
  else if (body.startsWith('//')) body = body.replace(/^\/\/+/, '')
  else
    body = body
      .slice(2, body.endsWith('*/') ? -2 : undefined)
      .replace(/^\**/, '')
      .replace(/\n\s*\*+/g, '\n')
  return body.trim()
}

/**
 * What TypeScript reads a block comment's directive from: its last line (`/* @ts-ignore *\/`, or
 * the closing line of a longer one), so `@ts-ignore` opening a JSDoc paragraph is no directive.
 */
function tsBlockLine(raw: string): string {
  const last = raw.slice(raw.lastIndexOf('\n') + 1).replace(/\*\/$/, '')
  const line = last.replace(/^[\s/*]*/, '')
  // The nocheck pragma is read from the start of the comment body, not from its last line.
  return /^@ts-nocheck/.test(commentBody(raw)) ? commentBody(raw) : line
}

/** The suppression a comment (markers included) holds, as directive and rules; undefined for an ordinary comment. */
function parseDirective(raw: string): { directive: string; rules: string[] } | undefined {
  const body = commentBody(raw)
  const eslint = ESLINT.exec(body)
  if (eslint !== null) {
    // ESLint reads `-- reason` after the rules as a description, not as a rule.
    const list = (eslint[2] ?? '').split(/\s-{2,}\s|\s-{2,}$/)[0] ?? ''
    const rules = list
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r !== '')
      .sort()
    return { directive: eslint[1] as string, rules }
  }
  const ts = TS_DIRECTIVE.exec(raw.startsWith('/*') ? tsBlockLine(raw) : body)
  if (ts !== null) return { directive: `@${ts[1]}`, rules: [] }
  const coverage = COVERAGE.exec(body)
  if (coverage !== null) return { directive: (coverage[1] as string).replace(/\s+/g, ' '), rules: [] }
  return undefined
}

interface CommentRange {
  pos: number
  end: number
}

/** Every comment of a parsed file, in order: the trivia around each token, never text inside strings, templates, regexes or JSX text. */
function commentsOf(ts: TypeScript, sf: TS.SourceFile): CommentRange[] {
  const text = sf.text
  const seen = new Set<number>()
  const out: CommentRange[] = []
  const jsxText: CommentRange[] = []
  const add = (ranges: TS.CommentRange[] | undefined): void => {
    for (const r of ranges ?? []) {
      if (seen.has(r.pos)) continue
      seen.add(r.pos)
      out.push({ pos: r.pos, end: r.end })
    }
  }
  const visit = (node: TS.Node): void => {
    // JSDoc nodes span a comment's inside; the comment itself is trivia of the next token.
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return
    if (node.kind === ts.SyntaxKind.JsxText) jsxText.push({ pos: node.pos, end: node.end })
    const children = node.getChildren(sf)
    if (children.length === 0) {
      // A token's leading trivia holds the comments after the previous line break; its trailing
      // trivia those on its own line. JSX text starts right after `>`: what follows is not trivia.
      if (node.kind !== ts.SyntaxKind.JsxText) add(ts.getLeadingCommentRanges(text, node.pos))
      add(ts.getTrailingCommentRanges(text, node.end))
      return
    }
    for (const child of children) visit(child)
  }
  visit(sf)
  // The token before JSX text (`>` of `<div>`) reads `<div>// x` as a trailing comment; it is text.
  return out.filter((c) => !jsxText.some((t) => c.pos >= t.pos && c.pos < t.end)).sort((a, b) => a.pos - b.pos)
}

/** Vue/Svelte: the script blocks' code at its own offsets (the rest blanked, newlines kept), and the template's HTML comments. */
function splitComponent(text: string): { code: string; tsx: boolean; html: CommentRange[] } {
  const blank = (s: string): string => s.replace(/[^\n\r]/g, ' ')
  let code = ''
  let last = 0
  let tsx = false
  const html: CommentRange[] = []
  const htmlComments = (from: number, to: number): void => {
    for (const m of text.slice(from, to).matchAll(/<!--[\s\S]*?-->/g)) html.push({ pos: from + m.index, end: from + m.index + m[0].length })
  }
  for (const m of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script\s*>/gi)) {
    const open = m[1] as string
    if (/\blang\s*=\s*["']?[jt]sx\b/i.test(open)) tsx = true
    const start = m.index + open.length
    htmlComments(last, m.index)
    code += blank(text.slice(last, start)) + (m[2] as string)
    last = start + (m[2] as string).length
  }
  htmlComments(last, text.length)
  code += blank(text.slice(last))
  return { code, tsx, html }
}

/**
 * The suppression comments of one file version, in order. JS/TS files are parsed with
 * TypeScript (it recovers from syntax errors), so text in strings, templates, regexes and JSX
 * text never counts; in `.vue`/`.svelte` files the script blocks are parsed and the template's
 * `<!-- eslint-disable -->` comments count too.
 */
export function findSuppressions(ts: TypeScript, path: string, text: string): Suppression[] {
  const component = /\.(?:vue|svelte)$/i.test(path)
  const split = component ? splitComponent(text) : undefined
  const lower = path.toLowerCase()
  const kind =
    split !== undefined
      ? split.tsx
        ? ts.ScriptKind.TSX
        : ts.ScriptKind.TS
      : /\.[cm]?ts$/.test(lower)
        ? ts.ScriptKind.TS
        : /\.tsx$/.test(lower)
          ? ts.ScriptKind.TSX
          : ts.ScriptKind.JS
  const sf = ts.createSourceFile(path, split?.code ?? text, ts.ScriptTarget.Latest, true, kind)
  const ranges = [...commentsOf(ts, sf), ...(split?.html ?? [])].sort((a, b) => a.pos - b.pos)
  // TypeScript reads @ts-nocheck only among the comments before the first statement.
  const first = sf.statements[0]
  const headerEnd = first === undefined ? sf.end : first.getStart(sf)
  const out: Suppression[] = []
  for (const range of ranges) {
    const parsed = parseDirective(text.slice(range.pos, range.end))
    if (parsed === undefined || (parsed.directive === '@ts-nocheck' && range.pos >= headerEnd)) continue
    const start = sf.getLineAndCharacterOfPosition(range.pos)
    const end = sf.getLineAndCharacterOfPosition(range.end)
    out.push({
      ...parsed,
      key: [parsed.directive, ...parsed.rules].join(' '),
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    })
  }
  return out
}

function effect(s: Suppression): string {
  const rules = s.rules.length === 0 ? 'every ESLint rule' : `ESLint's ${s.rules.join(', ')}`
  switch (s.directive) {
    case 'eslint-disable':
      return `turns off ${rules} from here on`
    case 'eslint-disable-line':
      return `turns off ${rules} on this line`
    case 'eslint-disable-next-line':
      return `turns off ${rules} on the next line`
    case '@ts-ignore':
      return 'TypeScript reports no error on the next line'
    case '@ts-nocheck':
      return 'TypeScript checks nothing in this file'
    case '@ts-expect-error':
      return 'TypeScript reports no error on the next line (and fails only when there is none)'
    default:
      return s.directive.endsWith('file') ? 'the whole file no longer counts for coverage' : 'code is left out of the coverage report'
  }
}

/**
 * The suppressions of `newText` that `oldText` (`null` for a new file) did not have: per
 * directive and rule list, new count minus old count (a multiset), so one that only moved is not
 * reported. Of several identical ones, those on added lines are reported first. Severity medium,
 * high in a test file except `@ts-expect-error`, which vitest, tsd and zod use as a type-level
 * assertion in tests. A deleted file (`newText` null) has none.
 * @param addedLines the new version's added or changed lines (1-based ranges)
 */
export function compareSuppressions(
  ts: TypeScript,
  path: string,
  oldText: string | null,
  newText: string | null,
  options: { addedLines: readonly LineRange[]; testFile: boolean; movedFrom?: Map<string, number> },
): IntegrityFinding[] {
  // Most changed files hold no directive at all: a substring check spares their parse.
  if (newText === null || !MAY_HOLD_DIRECTIVE.test(newText)) return []
  const before = new Map<string, number>()
  for (const s of oldText === null ? [] : findSuppressions(ts, path, oldText)) before.set(s.key, (before.get(s.key) ?? 0) + 1)
  const byKey = new Map<string, Suppression[]>()
  for (const s of findSuppressions(ts, path, newText)) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s])
  const added: Suppression[] = []
  for (const [key, list] of byKey) {
    let extra = list.length - (before.get(key) ?? 0)
    // Moved from another file of the change (tests split into a new file): not new. The pool is
    // consumed, so each removed suppression excuses one added elsewhere.
    const pool = options.movedFrom?.get(key) ?? 0
    const moved = Math.min(pool, Math.max(extra, 0))
    if (moved > 0) options.movedFrom!.set(key, pool - moved)
    extra -= moved
    if (extra <= 0) continue
    const onAdded = list.filter((s) => inRanges(options.addedLines, s.line))
    const elsewhere = list.filter((s) => !inRanges(options.addedLines, s.line)).reverse()
    added.push(...[...onAdded, ...elsewhere].slice(0, extra))
  }
  return added
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((s) => {
      const typeAssertion = s.directive === '@ts-expect-error' && options.testFile
      const name = [s.directive, ...(s.rules.length > 0 ? [s.rules.join(', ')] : [])].join(' ')
      return integrityFinding(
        'suppression-added',
        typeAssertion ? 'typeAssertionInTest' : options.testFile ? 'addedInTest' : 'added',
        { name, path, effect: effect(s) },
        {
          severity: options.testFile && !typeAssertion ? 'high' : 'medium',
          startLine: s.line,
          startColumn: s.column,
          endLine: s.endLine,
          endColumn: s.endColumn,
          help: 'fix what the comment hides and remove it, or have a reviewer approve it and waive this finding by its fingerprint',
        },
      )
    })
}

/**
 * Suppressions `oldText` had that `newText` (null: deleted) no longer has, per key (directive and
 * rules), as counts: what the change removed from one file and may have moved into another.
 */
export function removedSuppressions(ts: TypeScript, path: string, oldText: string | null, newText: string | null, into: Map<string, number>): void {
  if (oldText === null || !MAY_HOLD_DIRECTIVE.test(oldText)) return
  const after = new Map<string, number>()
  if (newText !== null && MAY_HOLD_DIRECTIVE.test(newText)) for (const s of findSuppressions(ts, path, newText)) after.set(s.key, (after.get(s.key) ?? 0) + 1)
  const before = new Map<string, number>()
  for (const s of findSuppressions(ts, path, oldText)) before.set(s.key, (before.get(s.key) ?? 0) + 1)
  for (const [key, n] of before) {
    const gone = n - (after.get(key) ?? 0)
    if (gone > 0) into.set(key, (into.get(key) ?? 0) + gone)
  }
}
