import { describe, expect, it } from 'vitest'
import type { ChangeSet } from '../../../src/changes/types.js'
import { fingerprintFindings, normaliseCode } from '../../../src/findings/fingerprint.js'
import { inFilter } from '../../../src/findings/filter.js'
import { decideVerdict, exitCodeFor } from '../../../src/findings/verdict.js'
import { createWaiverMatcher, type LoadedWaiver } from '../../../src/findings/waivers.js'
import type { FindingInput, ReportedFinding } from '../../../src/findings/types.js'

const source = (lines: Record<string, string[]>) => (path: string, line: number) => lines[path]?.[line - 1]

describe('fingerprints', () => {
  const finding = (line: number): FindingInput => ({ ruleId: 'no-unused-vars', severity: 'high', message: "'x' is unused", path: 'src/a.js', startLine: line })

  it('survive a line shift and a re-indent', () => {
    const before = fingerprintFindings([{ gate: 'static-analysis', finding: finding(2) }], source({ 'src/a.js': ['// a', 'const x = 1'] }))
    const after = fingerprintFindings([{ gate: 'static-analysis', finding: finding(4) }], source({ 'src/a.js': ['// a', '', '', '    const   x = 1'] }))
    expect(before[0]!.fingerprint).toMatch(/^[0-9a-f]{32}$/)
    expect(after[0]!.fingerprint).toBe(before[0]!.fingerprint)
  })

  it('tell identical lines apart by occurrence, in line order, keeping input order', () => {
    const read = source({ 'src/a.js': ['const x = 1', 'const x = 1'] })
    const [second, first] = fingerprintFindings(
      [
        { gate: 'static-analysis', finding: finding(2) },
        { gate: 'static-analysis', finding: finding(1) },
      ],
      read,
    )
    expect(first!.startLine).toBe(1)
    expect(second!.startLine).toBe(2)
    expect(first!.fingerprint).not.toBe(second!.fingerprint)
    const again = fingerprintFindings([{ gate: 'static-analysis', finding: finding(1) }], read)
    expect(again[0]!.fingerprint).toBe(first!.fingerprint)
  })

  it('change with the rule, the path or the code', () => {
    const read = source({ 'src/a.js': ['const x = 1'], 'src/b.js': ['const x = 1'] })
    const base = fingerprintFindings([{ gate: 'static-analysis', finding: finding(1) }], read)[0]!.fingerprint
    const otherRule = fingerprintFindings([{ gate: 'static-analysis', finding: { ...finding(1), ruleId: 'no-console' } }], read)[0]!.fingerprint
    const otherPath = fingerprintFindings([{ gate: 'static-analysis', finding: { ...finding(1), path: 'src/b.js' } }], read)[0]!.fingerprint
    const otherCode = fingerprintFindings([{ gate: 'static-analysis', finding: finding(1) }], source({ 'src/a.js': ['const y = 1'] }))[0]!.fingerprint
    expect(new Set([base, otherRule, otherPath, otherCode]).size).toBe(4)
  })

  it('name a finding without a line by its fingerprintKey when it has one, which never reaches a report', () => {
    const failed = (output: string, key?: string): FindingInput => ({
      ruleId: 'proof-failed',
      severity: 'critical',
      message: `build failed: ${output}`,
      ...(key === undefined ? {} : { fingerprintKey: key }),
    })
    const read = source({})
    const [first] = fingerprintFindings([{ gate: 'proof', finding: failed('took 3.1 s', 'build') }], read)
    const [second] = fingerprintFindings([{ gate: 'proof', finding: failed('took 2.9 s', 'build') }], read)
    const [other] = fingerprintFindings([{ gate: 'proof', finding: failed('took 3.1 s', 'types') }], read)
    expect(second!.fingerprint).toBe(first!.fingerprint)
    expect(other!.fingerprint).not.toBe(first!.fingerprint)
    expect(first).not.toHaveProperty('fingerprintKey')
    const [byMessage] = fingerprintFindings([{ gate: 'proof', finding: failed('took 3.1 s') }], read)
    const [byMessageLater] = fingerprintFindings([{ gate: 'proof', finding: failed('took 2.9 s') }], read)
    expect(byMessageLater!.fingerprint).not.toBe(byMessage!.fingerprint)
  })

  it('normalise whitespace only', () => {
    expect(normaliseCode('  a\t =  b ;  ')).toBe('a = b ;')
  })
})

describe('inFilter', () => {
  const changes = {
    files: [
      { path: 'src/a.ts', status: 'modified', binary: false, addedLines: [{ start: 10, end: 11 }], contextLines: [{ start: 7, end: 14 }] },
      { path: 'src/gone.ts', status: 'deleted', binary: false, addedLines: [], contextLines: [] },
    ],
  } as unknown as ChangeSet
  const at = (path: string | undefined, startLine?: number): FindingInput => ({
    ruleId: 'r',
    severity: 'high',
    message: 'm',
    ...(path === undefined ? {} : { path }),
    ...(startLine === undefined ? {} : { startLine }),
  })
  it.each([
    ['added', at('src/a.ts', 10), true],
    ['added', at('src/a.ts', 12), false],
    ['diff_context', at('src/a.ts', 12), true],
    ['diff_context', at('src/a.ts', 15), false],
    ['file', at('src/a.ts', 99), true],
    ['file', at('src/other.ts', 1), false],
    ['added', at('src/a.ts'), true],
    ['added', at(undefined), true],
    ['file', at('src/gone.ts', 1), false],
    ['nofilter', at('src/other.ts', 1), true],
    // A parse error past the added lines: the file could not be analysed, so it always counts.
    ['added', { ...at('src/a.ts', 12), filter: 'always' }, true],
    ['file', { ...at('src/other.ts', 1), filter: 'always' }, true],
    // An unreachable assertion on an old line, made so by a `return` the range added on line 11.
    ['added', { ...at('src/a.ts', 12), filterLines: [11] }, true],
    ['added', { ...at('src/a.ts', 12), filterLines: [13] }, false],
  ] as const)('%s keeps %j: %s', (mode, finding, expected) => {
    expect(inFilter(finding, changes, mode)).toBe(expected)
  })
})

describe('waivers', () => {
  const f = (over: Partial<ReportedFinding> = {}): ReportedFinding => ({
    gate: 'static-analysis',
    ruleId: 'no-console',
    severity: 'high',
    message: 'Unexpected console statement.',
    path: 'src/legacy/x.js',
    startLine: 3,
    fingerprint: 'abcdef0123456789abcdef0123456789',
    blocking: true,
    waived: null,
    ...over,
  })
  const waiver = (over: Partial<LoadedWaiver>): LoadedWaiver => ({ reason: 'legacy logger', proof: 'out-of-scope', line: 2, ...over })

  it('match by fingerprint prefix, or by rule and path glob', () => {
    const m = createWaiverMatcher(
      [waiver({ fingerprint: 'abcdef01' }), waiver({ rule: 'static-analysis/no-console', path: 'src/legacy/**', line: 6 })],
      '2026-11-21',
    )
    expect(m.match(f())).toEqual({ reason: 'legacy logger', proof: 'out-of-scope', line: 2 })
    expect(m.match(f({ fingerprint: 'ffff' + '0'.repeat(28) }))).toEqual({ reason: 'legacy logger', proof: 'out-of-scope', line: 6 })
    expect(m.match(f({ fingerprint: 'ffff' + '0'.repeat(28), path: 'src/new.js' }))).toBeNull()
    expect(m.report('.proofgate/waivers.yml')).toEqual([])
  })

  it('ignore and report an expired waiver; report an unused one', () => {
    const m = createWaiverMatcher([waiver({ fingerprint: 'abcdef01', expires: '2026-11-20' }), waiver({ rule: 'eqeqeq', path: '**', line: 9 })], '2026-11-21')
    expect(m.match(f())).toBeNull()
    const report = m.report('.proofgate/waivers.yml')
    expect(report.map((r) => [r.ruleId, r.severity, r.startLine])).toEqual([
      ['waiver-expired', 'low', 2],
      ['waiver-unused', 'low', 9],
    ])
  })

  it('report an expired waiver even when no finding would have matched it (as WaiverMatcher.report says)', () => {
    const m = createWaiverMatcher([waiver({ fingerprint: '99999999', expires: '2026-11-20' })], '2026-11-21')
    expect(m.match(f())).toBeNull()
    expect(m.report('.proofgate/waivers.yml').map((r) => [r.ruleId, r.severity, r.startLine])).toEqual([['waiver-expired', 'low', 2]])
  })

  it('keep a waiver that expires today', () => {
    const m = createWaiverMatcher([waiver({ fingerprint: 'abcdef01', expires: '2026-11-21' })], '2026-11-21')
    expect(m.match(f())).toEqual({ reason: 'legacy logger', proof: 'out-of-scope', line: 2, expires: '2026-11-21' })
  })
})

describe('verdict', () => {
  const finding = (severity: ReportedFinding['severity'], blocking: boolean, waived = false): ReportedFinding => ({
    gate: 'tests',
    ruleId: 'r',
    severity,
    message: 'm',
    fingerprint: '0',
    blocking,
    waived: waived ? { reason: 'r', proof: 'reviewer-misread', line: 1 } : null,
  })
  const pass = { mode: 'blocking' as const, status: 'pass' as const }
  it.each([
    [[finding('critical', true)], [pass], 'blocked'],
    [[finding('high', false)], [pass], 'warn'],
    [[finding('medium', false)], [pass], 'warn'],
    [[finding('high', false, true), finding('low', false)], [pass], 'pass'],
    [[], [{ mode: 'blocking' as const, status: 'errored' as const }], 'blocked'],
    [[], [{ mode: 'advisory' as const, status: 'errored' as const }], 'pass'],
    [[], [pass], 'pass'],
  ])('%j with gates %j → %s', (findings, gates, expected) => {
    expect(decideVerdict(findings, gates)).toBe(expected)
  })
  it('maps verdicts to exit codes', () => {
    expect([exitCodeFor('pass', true), exitCodeFor('blocked', false), exitCodeFor('warn', false), exitCodeFor('warn', true)]).toEqual([0, 1, 0, 2])
  })
})
