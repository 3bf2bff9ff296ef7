// Small wordings shared by the gates' summaries and the reporters, so every report says a count
// and a duration the same way.

/** `1 file`, `3 files`: `n` with `word`, plural by adding `s`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** A duration in ms as seconds with one decimal: `1234` → `1.2 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

const NAMED_ESCAPES: Record<string, string> = { '\u0007': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\u001b': '\\e' }
// C0 and C1 controls, DEL, and the bidirectional overrides of "Trojan Source" (CVE-2021-42574).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * `text` made inert for a terminal: every control character (C0 including ESC, CR and newline;
 * DEL; C1) and every bidi override written as an escape (`\e`, `\r`, `\n`, `\x7f`, `\u202e`), so a
 * file name or a message cannot move the cursor, recolour, or forge a line. With `keepTabs`, a tab
 * stays a tab (message text); paths escape it too.
 */
export function inert(text: string, keepTabs = false): string {
  return text.replace(CONTROL, (c) => {
    if (keepTabs && c === '\t') return c
    const named = NAMED_ESCAPES[c]
    if (named !== undefined) return named
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
