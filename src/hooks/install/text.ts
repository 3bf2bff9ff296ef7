// Text blocks inserted and removed byte for byte: what lets uninstall take out exactly the lines
// install added to a file the user owns (a husky hook, a lefthook config).

export interface Span {
  start: number
  end: number
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n'
}

/**
 * Inserts whole `lines` at `offset` (a line start, or the end). At the end of a text without a
 * final newline, a newline goes before the block and none after it, so the file keeps its shape
 * and {@link blockAt} can take out exactly what was added.
 */
export function insertBlock(text: string, offset: number, lines: readonly string[], eol: string): string {
  const body = lines.join(eol)
  if (offset === text.length && text !== '' && !text.endsWith('\n')) return text + eol + body
  return text.slice(0, offset) + body + eol + text.slice(offset)
}

/** The span {@link insertBlock} added when `lines` start at `offset`, or null when they are not there exactly. */
export function blockAt(text: string, offset: number, lines: readonly string[], eol: string): Span | null {
  if (offset > 0 && text[offset - 1] !== '\n') return null
  const body = lines.join(eol)
  if (text.startsWith(body + eol, offset)) return { start: offset, end: offset + body.length + eol.length }
  if (offset + body.length === text.length && text.endsWith(body)) {
    return text.slice(offset - eol.length, offset) === eol ? { start: offset - eol.length, end: text.length } : { start: offset, end: text.length }
  }
  return null
}

/** Offsets of the lines whose text, leading spaces aside, is `line`, with that indentation. */
export function linesEqualTo(text: string, line: string): Array<{ offset: number; indent: number }> {
  const out: Array<{ offset: number; indent: number }> = []
  let offset = 0
  for (const raw of text.split('\n')) {
    const content = raw.replace(/\r$/, '')
    const trimmed = content.replace(/^ +/, '')
    if (trimmed === line) out.push({ offset, indent: content.length - trimmed.length })
    offset += raw.length + 1
  }
  return out
}
