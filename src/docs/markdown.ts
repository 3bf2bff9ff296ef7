// Markdown read with a real CommonMark parser (mdast-util-from-markdown, loaded on first use so a
// run without Markdown never pays for micromark): relative link targets, their resolution, headings.
import { posix } from 'node:path'
import type { fromMarkdown } from 'mdast-util-from-markdown'

/** `fromMarkdown` of mdast-util-from-markdown: CommonMark text to an mdast tree with positions. */
export type FromMarkdown = typeof fromMarkdown

let loading: Promise<FromMarkdown> | undefined

/** The Markdown parser (loaded once per process; ESM with micromark behind it, about 30 ms cold). */
export function loadMarkdown(): Promise<FromMarkdown> {
  loading ??= import('mdast-util-from-markdown').then((m) => m.fromMarkdown)
  return loading
}

/** Markdown files by extension (lower case, with the dot). */
export const MARKDOWN_EXTENSIONS = ['.md', '.mdx', '.markdown'] as const

/** True for a `.md`, `.mdx` or `.markdown` path (any case). */
export function isMarkdownPath(path: string): boolean {
  return (MARKDOWN_EXTENSIONS as readonly string[]).includes(posix.extname(path).toLowerCase())
}

/** A link, image or link reference definition of a Markdown file, as written. */
export interface MarkdownLink {
  kind: 'link' | 'image' | 'definition'
  /** The destination as the parser gives it: character references and escapes decoded, percent-encoding kept. */
  url: string
  /** 1-based line and column of the construct's first character (`[`, `!` or the definition's `[`). */
  line: number
  column: number
}

interface MdNode {
  type: string
  url?: string
  position?: { start: { line: number; column: number } }
  children?: MdNode[]
}

/**
 * Every inline link, image and link reference definition of `text`, in document order. Links in
 * code spans and code blocks are code, not links; raw HTML (`<a href>`, `<img src>`) is not read.
 */
export function extractLinks(fromMarkdown: FromMarkdown, text: string): MarkdownLink[] {
  const out: MarkdownLink[] = []
  const visit = (node: MdNode): void => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && typeof node.url === 'string' && node.position !== undefined) {
      out.push({ kind: node.type, url: node.url, line: node.position.start.line, column: node.position.start.column })
    }
    for (const child of node.children ?? []) visit(child)
  }
  visit(fromMarkdown(text) as unknown as MdNode)
  return out
}

/** True when `text` has a heading (ATX `#` or setext `===`/`---`) anywhere outside code. */
export function hasHeadingNode(fromMarkdown: FromMarkdown, text: string): boolean {
  const find = (node: MdNode): boolean => node.type === 'heading' || (node.children ?? []).some(find)
  return find(fromMarkdown(text) as unknown as MdNode)
}

/**
 * True when the first non-blank line is an ATX heading (`# Title`): then CommonMark can read it no
 * other way, and the parser need not load. False means "parse to know", not "no heading".
 */
export function startsWithAtxHeading(text: string): boolean {
  const first = /^(?:[ \t]*\r?\n)*([^\r\n]*)/.exec(text.replace(/^\uFEFF/, ''))?.[1] ?? ''
  return /^ {0,3}#{1,6}(?:[ \t]|$)/.test(first)
}

/**
 * The repository-relative path a link destination points at, or null when it is not a relative
 * link to check: empty, a pure `#fragment`, protocol-relative `//host`, or an absolute URL with any
 * `scheme:` (https, mailto, data…). `#fragment` and `?query` are stripped, percent-encoding decoded
 * (left as written when malformed); a leading `/` is the repository root, anything else is
 * relative to `from`'s directory. `..` above the root gives a path starting with `../`.
 */
export function linkPath(from: string, url: string): string | null {
  const trimmed = url.trim()
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return null
  const cut = trimmed.search(/[?#]/)
  const raw = cut < 0 ? trimmed : trimmed.slice(0, cut)
  if (raw === '') return null
  let decoded = raw
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    // A stray `%` is a literal character in a file name on GitHub too.
  }
  const joined = decoded.startsWith('/') ? posix.normalize(`.${decoded}`) : posix.join(posix.dirname(from), decoded)
  const normal = posix.normalize(joined).replace(/\/+$/, '')
  return normal === '' || normal === '.' ? '' : normal
}

/** The file and directory paths of a tree, to tell whether a link target exists. */
export interface TreeIndex {
  files: ReadonlySet<string>
  /** Every directory that holds a file ('' for the root). */
  dirs: ReadonlySet<string>
}

/** Builds the file and directory sets of a tree listing (repository-relative paths). */
export function indexTree(paths: readonly string[]): TreeIndex {
  const files = new Set(paths)
  const dirs = new Set<string>([''])
  for (const path of paths) {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) dirs.add(path.slice(0, i))
  }
  return { files, dirs }
}

/** True when `path` (from linkPath) is a file or a directory of the tree; never for a path above the root. */
export function resolvesIn(tree: TreeIndex, path: string): boolean {
  if (path === '..' || path.startsWith('../')) return false
  return tree.files.has(path) || tree.dirs.has(path)
}

/** A relative link of a Markdown file that resolves to nothing in the tree. */
export interface BrokenLink extends MarkdownLink {
  /** The repository-relative path it points at (starts with `../` when above the root). */
  target: string
}

/**
 * The relative links of Markdown file `path` (text `text`) and those of them that do not resolve
 * in `tree`, in document order. Absolute URLs, protocol-relative and pure-fragment links are not
 * counted; fragments are not checked.
 */
export function checkLinks(fromMarkdown: FromMarkdown, path: string, text: string, tree: TreeIndex): { relative: number; broken: BrokenLink[] } {
  let relative = 0
  const broken: BrokenLink[] = []
  for (const link of extractLinks(fromMarkdown, text)) {
    const target = linkPath(path, link.url)
    if (target === null) continue
    relative++
    if (!resolvesIn(tree, target)) broken.push({ ...link, target })
  }
  return { relative, broken }
}
