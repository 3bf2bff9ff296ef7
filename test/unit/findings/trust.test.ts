// The trust rules of waivers: which of the change's waivers are pending, which findings no waiver
// may waive, and how a finding that needs approval blocks (judgeFinding).
import { describe, expect, it } from 'vitest'
import { isUnwaivable, widenedWaivers } from '../../../src/findings/trust.js'
import type { Finding, WaiverRef } from '../../../src/findings/types.js'
import { judgeFinding } from '../../../src/findings/verdict.js'
import type { LoadedWaiver } from '../../../src/findings/waivers.js'

const w = (fields: Partial<LoadedWaiver>): LoadedWaiver => ({ reason: 'r', proof: 'out-of-scope', line: 2, ...fields }) as LoadedWaiver
const finding = (fields: Partial<Finding>): Finding => ({
  gate: 'static-analysis',
  ruleId: 'no-console',
  severity: 'high',
  message: 'm',
  path: 'src/a.js',
  fingerprint: 'f'.repeat(32),
  ...fields,
})

describe('widenedWaivers', () => {
  it.each<[string, LoadedWaiver[], LoadedWaiver[], number[]]>([
    ['the same waiver: nothing pending', [w({ fingerprint: 'abcdef12' })], [w({ fingerprint: 'abcdef12', line: 5 })], []],
    ['a new fingerprint', [w({ fingerprint: 'abcdef12' })], [w({ fingerprint: 'abcdef12' }), w({ fingerprint: '12345678', line: 6 })], [6]],
    ['a shortened fingerprint is new', [w({ fingerprint: 'abcdef1234' })], [w({ fingerprint: 'abcdef12' })], [2]],
    ['a widened glob is new', [w({ rule: 'no-console', path: 'src/a.js' })], [w({ rule: 'no-console', path: 'src/**' })], [2]],
    ['expires moved later', [w({ fingerprint: 'abcdef12', expires: '2026-01-01' })], [w({ fingerprint: 'abcdef12', expires: '2027-01-01' })], [2]],
    ['expires dropped', [w({ fingerprint: 'abcdef12', expires: '2026-01-01' })], [w({ fingerprint: 'abcdef12' })], [2]],
    ['expires moved earlier: stricter', [w({ fingerprint: 'abcdef12', expires: '2027-01-01' })], [w({ fingerprint: 'abcdef12', expires: '2026-01-01' })], []],
    ['a duplicate of a base waiver is new', [w({ fingerprint: 'abcdef12' })], [w({ fingerprint: 'abcdef12' }), w({ fingerprint: 'abcdef12', line: 6 })], [6]],
  ])('%s', (_name, trusted, next, pendingLines) => {
    expect(widenedWaivers(trusted, next).map((p) => p.line)).toEqual(pendingLines)
  })
})

describe('isUnwaivable', () => {
  const paths = ['.proofgate.yml', '.proofgate/waivers.yml']
  it.each<[string, Partial<Finding>, boolean]>([
    ['config-weakened anywhere', { gate: 'gate-integrity', ruleId: 'config-weakened', path: 'other.yml' }, true],
    ['a gate-integrity finding on the config file', { gate: 'gate-integrity', ruleId: 'hook-removed', path: '.proofgate.yml' }, true],
    ['a gate-integrity finding on the waivers file', { gate: 'gate-integrity', ruleId: 'suppression-added', path: '.proofgate/waivers.yml' }, true],
    ['a gate-integrity finding elsewhere', { gate: 'gate-integrity', ruleId: 'lint-config-weakened', path: 'tsconfig.json' }, false],
    ['another gate on the config file', { gate: 'static-analysis', ruleId: 'x', path: '.proofgate.yml' }, false],
  ])('%s → %s', (_name, fields, expected) => {
    expect(isUnwaivable(finding(fields), paths)).toBe(expected)
  })
})

describe('judgeFinding', () => {
  const pending: WaiverRef = { reason: 'later', proof: 'out-of-scope', line: 3 }
  const approval = { by: 'ann', sha: 'b'.repeat(40), association: 'MEMBER' }
  const judge = (
    f: Partial<Finding>,
    o: { waived?: WaiverRef | null; pendingWaiver?: WaiverRef | null; mode?: 'blocking' | 'advisory'; blocks?: boolean; approved?: boolean },
  ) =>
    judgeFinding(finding(f), {
      waived: o.waived ?? null,
      pendingWaiver: o.pendingWaiver ?? null,
      mode: o.mode ?? 'blocking',
      failOn: 'high',
      policy: { blocks: o.blocks ?? true, ...(o.approved === true ? { approval } : {}) },
    })
  it.each<[string, Partial<Finding>, Parameters<typeof judge>[1], ReturnType<typeof judge>]>([
    ['a plain high finding blocks', {}, {}, { blocking: true }],
    ['a pending waiver: needs approval, blocks', {}, { pendingWaiver: pending }, { blocking: true, needsApproval: true, pendingWaiver: pending }],
    [
      'config-weakened: needs approval, blocks',
      { gate: 'gate-integrity', ruleId: 'config-weakened', severity: 'critical' },
      {},
      { blocking: true, needsApproval: true },
    ],
    [
      'pre-push: needs approval, does not block',
      { gate: 'gate-integrity', ruleId: 'config-weakened', severity: 'critical' },
      { blocks: false },
      { blocking: false, needsApproval: true },
    ],
    ['pre-push: other findings still block', {}, { blocks: false }, { blocking: true }],
    [
      'approved: does not block, names the approver',
      {},
      { pendingWaiver: pending, approved: true },
      { blocking: false, needsApproval: true, pendingWaiver: pending, approved: { by: 'ann', sha: 'b'.repeat(40) } },
    ],
    [
      'a medium config-weakened would not block: no approval needed',
      { gate: 'gate-integrity', ruleId: 'config-weakened', severity: 'medium' },
      {},
      { blocking: false },
    ],
    [
      'an undeclared behaviour change: needs approval, blocks',
      { gate: 'test-mutation', ruleId: 'expected-value-changed', severity: 'high' },
      {},
      { blocking: true, needsApproval: true },
    ],
    [
      'an undeclared behaviour change, approved: does not block',
      { gate: 'test-mutation', ruleId: 'assertion-deleted', severity: 'high' },
      { approved: true },
      { blocking: false, needsApproval: true, approved: { by: 'ann', sha: 'b'.repeat(40) } },
    ],
    [
      'pre-push: an undeclared behaviour change still blocks (declaring it is the local way forward)',
      { gate: 'test-mutation', ruleId: 'snapshot-rewritten', severity: 'high' },
      { blocks: false },
      { blocking: true, needsApproval: true },
    ],
    [
      'pre-push: a waiver the change adds for it only warns, as every pending waiver',
      { gate: 'test-mutation', ruleId: 'expected-value-changed', severity: 'high' },
      { blocks: false, pendingWaiver: pending },
      { blocking: false, needsApproval: true, pendingWaiver: pending },
    ],
    [
      'a weakened assertion is not resolved by approval',
      { gate: 'test-mutation', ruleId: 'assertion-weakened', severity: 'high' },
      { approved: true },
      { blocking: true },
    ],
    ['advisory gate: nothing blocks', {}, { mode: 'advisory', pendingWaiver: pending }, { blocking: false, pendingWaiver: pending }],
    ['waived: nothing to approve', {}, { waived: pending }, { blocking: false }],
  ])('%s', (_name, f, o, expected) => {
    expect(judge(f, o)).toEqual(expected)
  })
})
