// gate-integrity's checklist comparison, table-driven: two versions of the checklist and of the
// reservation in, rule ids and messageIds out; a held-out item is never named.
import { describe, expect, it } from 'vitest'
import { compareChecklist, type ChecklistVersions } from '../../../src/integrity/checklist.js'

// sha256 ranks d < f < c < b < e < a: with four items (a, b, c, d) the reservation is [d].
const item = (id: string, verify = 'true', severity?: string): string =>
  `  - { id: ${id}, title: "Title ${id}", verify: "${verify}"${severity === undefined ? '' : `, severity: ${severity}`} }`
const yaml = (...items: string[]): string => ['items:', ...items, ''].join('\n')
const BASE = yaml(item('a'), item('b'), item('c'), item('d'))
const reservation = (reserved: string[], total = 4): string => JSON.stringify({ version: 1, reserved, total, createdAt: '2026-12-01T00:00:00.000Z' })

/** The findings for the base checklist against `next`, with the two versions of the reservation. */
function compare(next: string | null, reservationVersions: ChecklistVersions['reservation'] = { old: null, next: null }) {
  return compareChecklist({ checklist: { old: BASE, next }, reservation: reservationVersions }).map(({ path, finding }) => [
    path,
    finding.ruleId,
    finding.messageId,
    finding.severity,
    finding.message,
  ])
}

const FILE = '.proofgate/checklist.yml'
const HELD = '.proofgate/checklist/held-out.json'

describe('compareChecklist', () => {
  it.each([
    { name: 'unchanged', next: BASE, expected: [] },
    { name: 'an item added (stricter)', next: yaml(item('a'), item('b'), item('c'), item('d'), item('e')), expected: [] },
    { name: 'a severity raised (stricter)', next: yaml(item('a', 'true', 'critical'), item('b'), item('c'), item('d')), expected: [] },
    {
      name: 'a visible item removed',
      next: yaml(item('b'), item('c'), item('d')),
      expected: [[FILE, 'checklist-loosened', 'itemRemoved', 'high', `Checklist item 'a' removed from ${FILE}: it no longer has to pass.`]],
    },
    {
      name: 'a visible verify changed',
      next: yaml(item('a', 'exit 0'), item('b'), item('c'), item('d')),
      expected: [
        [
          FILE,
          'checklist-loosened',
          'verifyChanged',
          'high',
          `Checklist item 'a' verify changed from \`true\` to \`exit 0\` in ${FILE}: what counts as passing may be weaker.`,
        ],
      ],
    },
    {
      name: 'a visible severity lowered',
      next: yaml(item('a', 'true', 'low'), item('b'), item('c'), item('d')),
      expected: [
        [
          FILE,
          'checklist-loosened',
          'severityLowered',
          'high',
          `Checklist item 'a' severity lowered from critical to low in ${FILE}: its failure counts for less.`,
        ],
      ],
    },
    {
      name: 'the held-out item removed',
      next: yaml(item('a'), item('b'), item('c')),
      expected: [[FILE, 'heldout-removed', 'itemRemoved', 'high', `A held-out checklist item was removed from ${FILE}: the release no longer evaluates it.`]],
    },
    {
      name: 'the held-out item edited',
      next: yaml(item('a'), item('b'), item('c'), item('d', 'exit 0', 'info')),
      expected: [
        [
          FILE,
          'checklist-loosened',
          'heldOutChanged',
          'high',
          `A held-out checklist item changed in ${FILE} (its verify command and its severity, lowered): what the release checks may be weaker.`,
        ],
      ],
    },
    {
      name: 'the whole checklist deleted',
      next: null,
      expected: [
        [FILE, 'checklist-loosened', 'itemRemoved', 'high', `Checklist item 'a' removed from ${FILE}: it no longer has to pass.`],
        [FILE, 'checklist-loosened', 'itemRemoved', 'high', `Checklist item 'b' removed from ${FILE}: it no longer has to pass.`],
        [FILE, 'checklist-loosened', 'itemRemoved', 'high', `Checklist item 'c' removed from ${FILE}: it no longer has to pass.`],
        [FILE, 'heldout-removed', 'itemRemoved', 'high', `A held-out checklist item was removed from ${FILE}: the release no longer evaluates it.`],
      ],
    },
  ])('$name', ({ next, expected }) => {
    const found = compare(next)
    expect(found).toEqual(expected)
    for (const [, , , , message] of found) expect(message).not.toContain("'d'")
  })

  it('an invalid checklist in the change is medium, at its position', () => {
    expect(compare(yaml(item('a'), item('A')))).toEqual([
      [
        FILE,
        'checklist-loosened',
        'invalid',
        'medium',
        expect.stringContaining(`${FILE} could not be compared with the base: it is not a valid checklist (items.1.id:`),
      ],
    ])
  })

  it('follows the committed reservation, not the one the rule would choose', () => {
    // With `a` reserved, removing `d` names it and removing `a` does not.
    expect(compare(yaml(item('a'), item('b'), item('c')), { old: reservation(['a']), next: reservation(['a']) }).map((f) => f.slice(1, 3))).toEqual([
      ['checklist-loosened', 'itemRemoved'],
    ])
    expect(compare(yaml(item('b'), item('c'), item('d')), { old: reservation(['a']), next: reservation(['a']) }).map((f) => f.slice(1, 3))).toEqual([
      ['heldout-removed', 'itemRemoved'],
    ])
  })

  it.each([
    { name: 'committed and unchanged', old: reservation(['d']), next: reservation(['d']), expected: [] },
    { name: 'edited', old: reservation(['d']), next: reservation([]), expected: [[HELD, 'heldout-removed', 'reservationEdited']] },
    { name: 'deleted', old: reservation(['d']), next: null, expected: [[HELD, 'heldout-removed', 'reservationDeleted']] },
    { name: 'first written by the rule', old: null, next: reservation(['d']), expected: [] },
    { name: 'first written emptied', old: null, next: reservation([], 4), expected: [[HELD, 'heldout-removed', 'reservationEdited']] },
    { name: 'first written, not JSON', old: null, next: '{', expected: [[HELD, 'heldout-removed', 'reservationEdited']] },
  ])('the reservation $name', ({ old, next, expected }) => {
    expect(compare(BASE, { old, next }).map((f) => f.slice(0, 3))).toEqual(expected)
  })
})
