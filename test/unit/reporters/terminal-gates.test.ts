// The terminal reporter's gate table: one name column (the mode inside it), so times line up.
import { describe, expect, it } from 'vitest'
import { renderTerminal } from '../../../src/reporters/terminal.js'
import type { GateResult, RunResult } from '../../../src/runner/types.js'

const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
const gate = (id: GateResult['id'], mode: GateResult['mode'], durationMs: number, summary: string): GateResult => ({
  id,
  mode,
  status: 'pass',
  durationMs,
  summary,
  counts,
  filteredOut: 0,
  findings: [],
})

const result: RunResult = {
  runId: 'run-1',
  startedAt: '2026-12-03T00:00:00.000Z',
  durationMs: 3_000,
  root: '/repo',
  base: { sha: 'a'.repeat(40), source: 'explicit', ref: 'main' },
  head: { sha: 'b'.repeat(40), ref: 'feature' },
  treeHash: 't',
  diffHash: 'd',
  scope: 'changes',
  filterMode: 'added',
  changedFiles: 1,
  verdict: 'pass',
  exitCode: 0,
  gates: [gate('tests', 'blocking', 1_200, 'ran'), gate('semantic-tests', 'advisory', 300, 'clean'), gate('doc-coverage', 'blocking', 12_400, 'clean')],
  findings: [],
  inconclusive: [],
  notes: [],
}

describe('the gate table', () => {
  it('keeps the time column aligned on advisory rows', () => {
    const rows = renderTerminal(result, false)
      .split('\n')
      .filter((l) => / ran$| clean$/.test(l))
    expect(rows).toEqual([
      '  ✔ pass         tests                        1.2 s  ran',
      '  ✔ pass         semantic-tests (advisory)    0.3 s  clean',
      '  ✔ pass         doc-coverage                12.4 s  clean',
    ])
  })
})
