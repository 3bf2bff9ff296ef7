// Fingerprints that survive line shifts: a finding is named by its rule, its path, the text of
// its source line (whitespace collapsed) and its occurrence index, never by its line number.
import { createHash } from 'node:crypto'
import type { Finding, FindingInput, FindingSource } from './types.js'

/** Returns the text of 1-based `line` of repository-relative `path`, or undefined. */
export type LineReader = (path: string, line: number) => string | undefined

/** Collapses runs of whitespace and trims, so re-indenting a line keeps its fingerprint. */
export function normaliseCode(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function keyOf(gate: FindingSource, finding: FindingInput, readLine: LineReader): string {
  const lined = finding.path !== undefined && finding.startLine !== undefined
  const line = lined ? normaliseCode(readLine(finding.path!, finding.startLine!) ?? '') : ''
  // With a line, a fingerprintKey tells apart findings on one line (two reviewers' messages); without one, it stands for the message.
  const code = lined
    ? finding.fingerprintKey === undefined
      ? line
      : `${line}\0${finding.fingerprintKey}`
    : normaliseCode(finding.fingerprintKey ?? finding.message)
  return [gate, finding.ruleId, finding.path ?? '', code].join('\0')
}

/**
 * Stamps gate ids and fingerprints: sha256 of gate, rule id, path, normalised source line (plus the
 * `fingerprintKey` when there is one; without a line the `fingerprintKey`, else the message) and the occurrence index among findings with the same key,
 * counted in line/column order; the first 32 hex characters.
 */
export function fingerprintFindings(items: ReadonlyArray<{ gate: FindingSource; finding: FindingInput }>, readLine: LineReader): Finding[] {
  const ordered = items
    .map((item, index) => ({ ...item, index, key: keyOf(item.gate, item.finding, readLine) }))
    .sort((a, b) => (a.finding.startLine ?? 0) - (b.finding.startLine ?? 0) || (a.finding.startColumn ?? 0) - (b.finding.startColumn ?? 0) || a.index - b.index)
  const seen = new Map<string, number>()
  const out: Finding[] = new Array<Finding>(items.length)
  for (const item of ordered) {
    const occurrence = seen.get(item.key) ?? 0
    seen.set(item.key, occurrence + 1)
    const fingerprint = createHash('sha256').update(`${item.key}\0${occurrence}`).digest('hex').slice(0, 32)
    const { fingerprintKey: _key, ...finding } = item.finding
    out[item.index] = { ...finding, gate: item.gate, fingerprint }
  }
  return out
}
