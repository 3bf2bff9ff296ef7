import { describe, expect, it } from 'vitest'
import { tapProgress } from '../../../src/gates/tests/live-count.js'
import { lines } from '../../helpers/tables.js'

// node --test --test-reporter=tap for a describe of two tests (one failing) and a top-level test, cut where a run could be.
const TAP = lines(
  'TAP version 13',
  '# Subtest: group',
  '    # Subtest: one',
  '    ok 1 - one',
  '      ---',
  '      duration_ms: 0.798677',
  "      type: 'test'",
  '      ...',
  '    # Subtest: two',
  '    not ok 2 - two',
  '      ---',
  '      duration_ms: 1.472326',
  "      type: 'test'",
  "      error: '1 == 2'",
  '      ...',
  '    1..2',
  'not ok 1 - group',
  '  ---',
  '  duration_ms: 4.046492',
  "  type: 'suite'",
  '  ...',
  '# Subtest: three',
  'ok 2 - three',
  '  ---',
  '  duration_ms: 0.372908',
  "  type: 'test'",
  '  ...',
)

describe('tapProgress', () => {
  it.each<[string, string, { done: number; failed: number }]>([
    ['nothing written yet', '', { done: 0, failed: 0 }],
    ['the first test point of a describe', TAP.split('\n').slice(0, 8).join('\n'), { done: 1, failed: 0 }],
    ['a describe counts its tests, not itself (its point says type: suite)', TAP.split('\n').slice(0, 21).join('\n'), { done: 2, failed: 1 }],
    ['the whole run', TAP, { done: 3, failed: 1 }],
    ["a test named like a point is not one: '# Subtest: ok 3 - x'", '# Subtest: ok 3 - x\n', { done: 0, failed: 0 }],
  ])('%s', (_name, tap, expected) => {
    expect(tapProgress(tap)).toEqual(expected)
  })
})
