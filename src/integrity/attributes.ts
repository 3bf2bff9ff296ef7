// attributes-weakened: a `.gitattributes` line added by the change that marks JS/TS code or tests
// binary, -diff, -text, linguist-generated or linguist-vendored: git and GitHub then hide it.
import picomatch from 'picomatch'
import { unquotePath } from '../changes/diff.js'
import { integrityFinding, LOOSENING_HELP, type IntegrityFinding } from './types.js'

/** True for a `.gitattributes` file at any depth (`.git/info/attributes` is not in a tree). */
export function isAttributesPath(path: string): boolean {
  return path === '.gitattributes' || path.endsWith('/.gitattributes')
}

/** Attribute states that hide a file's content from diffs, reviews or doc/API checks. */
const WEAKENING: Record<string, string> = {
  binary: 'binary (no diff, no merge, no text)',
  '-diff': '-diff (diffs show "Binary files differ")',
  '-text': '-text (never text)',
  'linguist-generated': "linguist-generated (collapsed in pull requests, not the repository's own code)",
  'linguist-generated=true': "linguist-generated (collapsed in pull requests, not the repository's own code)",
  'linguist-vendored': "linguist-vendored (not the repository's own code)",
  'linguist-vendored=true': "linguist-vendored (not the repository's own code)",
}

/** JS/TS files, tests included. */
const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/i
/** Directories whose JS/TS files are build output or someone else's code, which these attributes may rightly mark. */
const NOT_AUTHORED = /(?:^|\/)(?:node_modules|dist|build|out|coverage|vendor|\.next|\.turbo)\//

/** Paths a pattern is tried on besides the tree's own files, so a rule for code not written yet still counts. */
const PROBES = [
  'index.ts',
  'index.js',
  'src/index.ts',
  'src/a/index.tsx',
  'src/a.jsx',
  'lib/index.mjs',
  'lib/index.cjs',
  'lib/index.mts',
  'test/a.test.ts',
  'src/a.test.js',
  'tests/a.spec.ts',
  '__tests__/a.cts',
]

/** One line of a `.gitattributes` file: its pattern and attribute tokens, or a macro definition. */
interface AttributeLine {
  line: number
  text: string
  pattern: string
  tokens: string[]
  macro?: string
}

/** Splits a `.gitattributes` text into lines that assign attributes (comments and blanks dropped); a quoted pattern is unquoted. */
function parseLines(text: string): AttributeLine[] {
  const out: AttributeLine[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    const quoted = /^"(?:[^"\\]|\\.)*"/.exec(trimmed)
    const patternText = quoted === null ? (trimmed.split(/\s+/)[0] ?? '') : quoted[0]
    const tokens = trimmed
      .slice(patternText.length)
      .trim()
      .split(/\s+/)
      .filter((t) => t !== '')
    const pattern = quoted === null ? patternText : unquotePath(patternText)
    const macro = pattern.startsWith('[attr]') ? pattern.slice('[attr]'.length) : undefined
    out.push({ line: i + 1, text: trimmed, pattern, tokens, ...(macro === undefined ? {} : { macro }) })
  })
  return out
}

/** The weakening states `tokens` set, macros (`[attr]name …`, one level, plus `binary`) expanded. */
function weakeningTokens(tokens: readonly string[], macros: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = []
  for (const token of tokens) {
    if (WEAKENING[token] !== undefined) found.push(token)
    else if (macros.has(token) && macros.get(token)!.some((t) => WEAKENING[t] !== undefined)) found.push(token)
  }
  return found
}

/**
 * A matcher for a gitattributes pattern in the directory `dir` ('' for the root), on
 * repository-relative paths: a pattern without a slash matches a name at any depth below `dir`,
 * one with a slash matches from `dir`; `**` as git reads it.
 */
function patternMatcher(pattern: string, dir: string): (path: string) => boolean {
  const prefix = dir === '' ? '' : `${dir}/`
  const anchored = pattern.replace(/\/$/, '').includes('/')
  const body = pattern.replace(/^\//, '')
  const glob = anchored ? `${prefix}${body}` : `${prefix}**/${body}`
  const match = picomatch(glob, { dot: true })
  // A directory pattern (`src/`) never applies to files in git; `src/**` does.
  return pattern.endsWith('/') ? () => false : (path) => match(path)
}

/**
 * Compares two versions of the `.gitattributes` file at `path`: every line of `next` that `prev`
 * does not have (compared by text, so a moved line is not new) that sets binary, -diff, -text,
 * linguist-generated or linguist-vendored (directly or through a macro) on a pattern matching a
 * JS/TS file or test — one of `codePaths` (the tree's files) or a typical path such as
 * `src/index.ts` — outside node_modules/, dist/, build/, vendor/ and the like. One finding per line, at its line.
 */
export function compareAttributes(prev: string | null, next: string | null, path: string, codePaths: readonly string[]): IntegrityFinding[] {
  if (next === null) return []
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
  const old = new Map<string, number>()
  for (const l of parseLines(prev ?? '')) old.set(l.text, (old.get(l.text) ?? 0) + 1)
  const lines = parseLines(next)
  const macros = new Map(lines.filter((l) => l.macro !== undefined).map((l) => [l.macro!, l.tokens]))
  const prefix = dir === '' ? '' : `${dir}/`
  const candidates = [...codePaths.filter((p) => p.startsWith(prefix)), ...PROBES.map((p) => prefix + p)].filter(
    (p) => CODE.test(p) && !NOT_AUTHORED.test(p.slice(prefix.length)),
  )
  const findings: IntegrityFinding[] = []
  for (const l of lines) {
    const seen = old.get(l.text) ?? 0
    if (seen > 0) {
      old.set(l.text, seen - 1)
      continue
    }
    if (l.macro !== undefined) continue
    const weakening = weakeningTokens(l.tokens, macros)
    if (weakening.length === 0) continue
    const matches = patternMatcher(l.pattern, dir)
    const example = candidates.find(matches)
    if (example === undefined) continue
    const what = weakening.map((t) => WEAKENING[t] ?? `${t} (a macro that sets ${(macros.get(t) ?? []).join(' ')})`).join(', ')
    findings.push(
      integrityFinding(
        'attributes-weakened',
        'weakened',
        { line: l.text, example, what },
        { severity: 'high', startLine: l.line, endLine: l.line, help: LOOSENING_HELP },
      ),
    )
  }
  return findings
}
