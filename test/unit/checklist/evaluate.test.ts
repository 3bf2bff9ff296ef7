// The findings of checklist items, table-driven from outcomes (no process runs here): a visible
// item at its own severity, a held-out one critical, an external one by position only.
import { describe, expect, it } from 'vitest'
import { heldOutFinding, visibleFinding, whyFailed, type ItemResult } from '../../../src/checklist/evaluate.js'
import type { HeldOutItem } from '../../../src/checklist/load.js'
import type { CommandOutcome } from '../../../src/gates/proof/command.js'

const item = { id: 'export-csv', title: 'Reports export to CSV', verify: 'npm run e2e -- --grep csv', timeout: 300, severity: 'high' as const }
const outcome = (o: Partial<CommandOutcome>): CommandOutcome => ({ exitCode: 0, signal: null, timedOut: false, durationMs: 10, outputTail: '', ...o })
const result = (status: ItemResult['status'], o: CommandOutcome | null, external = false): ItemResult<HeldOutItem> => ({
  item: { ...item, external },
  status,
  outcome: o,
})

describe('whyFailed', () => {
  it.each([
    [result('fail', outcome({ exitCode: 3 })), 'exited with code 3'],
    [result('errored', outcome({ exitCode: null, timedOut: true, durationMs: 300_000 })), 'timed out after 300 s'],
    [result('errored', outcome({ exitCode: null, timedOut: true, durationMs: 1_000 })), 'was stopped (the gate timed out or the run was cancelled)'],
    [result('errored', outcome({ exitCode: null, signal: 'SIGKILL' })), 'was killed by SIGKILL'],
    [result('errored', null), 'was not run: the gate was stopped first (its timeout or a cancelled run)'],
  ])('%#: %s', (r, why) => {
    expect(whyFailed(r)).toBe(why)
  })
})

describe('visibleFinding', () => {
  it('is null for a passing item', () => {
    expect(visibleFinding(result('pass', outcome({})))).toBeNull()
  })

  it.each([
    {
      r: result('fail', outcome({ exitCode: 1, outputTail: 'no csv' })),
      messageId: 'failed',
      message: "Checklist item 'export-csv' (Reports export to CSV) failed: `npm run e2e -- --grep csv` exited with code 1. Last output:\nno csv",
    },
    {
      r: result('errored', outcome({ exitCode: null, signal: 'SIGSEGV' })),
      messageId: 'errored',
      message:
        "Checklist item 'export-csv' (Reports export to CSV) did not finish: `npm run e2e -- --grep csv` was killed by SIGSEGV. Last output:\n(it printed nothing)",
    },
  ])('$messageId at the item severity', ({ r, messageId, message }) => {
    expect(visibleFinding(r)).toMatchObject({ ruleId: 'checklist-item-failed', messageId, severity: 'high', message, fingerprintKey: 'export-csv' })
  })
})

describe('heldOutFinding', () => {
  it('names an in-repository item, critical whatever its severity', () => {
    expect(heldOutFinding(result('fail', outcome({ exitCode: 2, outputTail: 'off by one' })), 0)).toMatchObject({
      ruleId: 'heldout-failed',
      messageId: 'failed',
      severity: 'critical',
      message: "Held-out checklist item 'export-csv' (Reports export to CSV) failed: exited with code 2. Last output:\noff by one",
    })
  })

  it('names an external item by its position only, without its output', () => {
    const finding = heldOutFinding(result('fail', outcome({ exitCode: 2, outputTail: 'secret output' }), true), 2)!
    expect(finding).toMatchObject({ ruleId: 'heldout-failed', messageId: 'external', severity: 'critical' })
    expect(finding.message).toBe('Held-out item #2 of the external checklist failed: exited with code 2 (the external checklist is never named in a report).')
    expect(JSON.stringify(finding)).not.toMatch(/export-csv|Reports export|secret output|npm run/)
  })

  it('is null for a passing item', () => {
    expect(heldOutFinding(result('pass', outcome({})), 0)).toBeNull()
  })
})
