import { describe, expect, it } from 'vitest'
import { GATES } from '../../../src/gates/index.js'
import { executesRepositoryCode } from '../../../src/gates/types.js'
import { configSchema } from '../../../src/config/schema.js'
import { byCost, COST_ORDER, failFastReason, firstBlock, STATIC_GATES, SUITE_GATES } from '../../../src/runner/order.js'
import type { GateResult } from '../../../src/runner/types.js'
import type { ReportedFinding } from '../../../src/findings/types.js'

function result(id: GateResult['id'], findings: Array<Pick<ReportedFinding, 'ruleId' | 'blocking'>>): GateResult {
  return {
    id,
    mode: 'blocking',
    status: findings.some((f) => f.blocking) ? 'fail' : 'pass',
    durationMs: 0,
    summary: '',
    counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    filteredOut: 0,
    findings: findings as ReportedFinding[],
  }
}

describe('the cost order', () => {
  it('lists every registered gate exactly once, static gates first', () => {
    expect([...COST_ORDER].sort()).toEqual(GATES.map((g) => g.id).sort())
    expect(COST_ORDER).toEqual([
      'gate-integrity',
      'mock-integrity',
      'test-mutation',
      'semantic-tests',
      'doc-coverage',
      'static-analysis',
      'tests',
      'coverage',
      'proof',
      'review',
      'evidence',
    ])
    expect([...STATIC_GATES]).toEqual(['gate-integrity', 'mock-integrity', 'test-mutation', 'semantic-tests', 'doc-coverage', 'static-analysis'])
  })

  it('leaves unstarted only gates that execute the repository code and depend on no suite gate', () => {
    const config = configSchema.parse({ gates: { coverage: { mode: 'blocking' } } })
    for (const id of SUITE_GATES) {
      const gate = GATES.find((g) => g.id === id)!
      // review runs reviewer commands, slow and often paid for, whether or not they are the repository's code.
      if (id !== 'review') expect([id, executesRepositoryCode(gate, config)]).toEqual([id, true])
      expect([id, gate.dependsOn?.filter((d) => STATIC_GATES.has(d)) ?? []]).toEqual([id, []])
    }
    // The fail-fast barrier: the static gates that parse in-process; static-analysis runs beside the suite.
    const barrier = GATES.filter((g) => STATIC_GATES.has(g.id) && !executesRepositoryCode(g, config)).map((g) => g.id)
    expect(barrier.sort()).toEqual(['doc-coverage', 'gate-integrity', 'mock-integrity', 'semantic-tests', 'test-mutation'])
    // No static gate waits for a suite gate: the fail-fast barrier cannot deadlock.
    for (const gate of GATES.filter((g) => STATIC_GATES.has(g.id))) expect([gate.id, gate.dependsOn ?? []]).toEqual([gate.id, []])
  })

  it('sorts plan entries cheapest first and keeps equal ranks stable', () => {
    const plan = ['static-analysis', 'tests', 'mock-integrity', 'evidence', 'gate-integrity'].map((id) => ({ gate: { id } as { id: GateResult['id'] } }))
    expect(byCost(plan).map((p) => p.gate.id)).toEqual(['gate-integrity', 'mock-integrity', 'static-analysis', 'tests', 'evidence'])
  })
})

describe('firstBlock', () => {
  it('names the cheapest gate with a blocking finding and its first blocking rule', () => {
    const results = [
      result('static-analysis', [{ ruleId: 'no-debugger', blocking: true }]),
      result('mock-integrity', [
        { ruleId: 'implicit-assertion', blocking: false },
        { ruleId: 'tautological-assertion', blocking: true },
      ]),
    ]
    expect(firstBlock(results)).toBe('mock-integrity/tautological-assertion')
    expect(failFastReason('mock-integrity/tautological-assertion')).toBe('not run: the push is already blocked by mock-integrity/tautological-assertion')
  })

  it('is null when only warnings were found', () => {
    expect(firstBlock([result('test-mutation', [{ ruleId: 'low-assertion-density', blocking: false }])])).toBeNull()
  })
})
