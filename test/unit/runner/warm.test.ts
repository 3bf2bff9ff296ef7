// The warm-up on gates written for the test and on the real gate-integrity gate: which gates a
// provisional change set (names only, empty shas) warms, and that a throwing appliesTo is contained.
import { describe, expect, it } from 'vitest'
import type { ChangedFile } from '../../../src/changes/types.js'
import { configSchema, type Config } from '../../../src/config/schema.js'
import { gateIntegrityGate } from '../../../src/gates/gate-integrity.js'
import type { Gate } from '../../../src/gates/types.js'
import { createWarmer, provisionalChanges } from '../../../src/runner/warm.js'

const names: ChangedFile[] = [{ path: 'src/a.ts', status: 'modified', binary: false, addedLines: [], contextLines: [] }]

function gate(id: Gate['id'], extra: Partial<Gate>, warmed: string[]): Gate {
  return {
    id,
    meta: { description: id, defaultMode: 'blocking', defaultTimeout: 60, options: {}, rules: {} },
    run: async () => ({ summary: '' }),
    warmUp: () => void warmed.push(id),
    ...extra,
  }
}

describe('createWarmer', () => {
  it('skips a gate whose appliesTo throws without throwing itself, and warms the others once', () => {
    const calls: string[] = []
    const throwing = gate(
      'static-analysis',
      {
        appliesTo: () => {
          throw new Error('boom')
        },
      },
      calls,
    )
    const tests = gate('tests', {}, calls)
    const warm = createWarmer('/repo', 'changes', [{ gate: throwing }, { gate: tests }])
    const candidate = provisionalChanges('/repo', names, { includesWorkingTree: true, staged: false })
    expect(() => warm(candidate)).not.toThrow()
    expect(() => warm(candidate)).not.toThrow()
    expect(calls).toEqual(['tests'])
    expect([...warm.warmed]).toEqual(['tests'])
  })

  it('warms gate-integrity from the names of a pre-push provisional change set (empty shas, a head commit)', () => {
    const candidate = provisionalChanges('/repo', names, { includesWorkingTree: false, staged: false })
    expect(gateIntegrityGate.appliesTo!(candidate)).toBe(true)
    const warm = createWarmer('/repo', 'changes', [{ gate: gateIntegrityGate }])
    warm(candidate)
    expect([...warm.warmed]).toEqual(['gate-integrity'])
  })

  it('does not warm gate-integrity for a provisional change set without names', () => {
    const warm = createWarmer('/repo', 'changes', [{ gate: gateIntegrityGate }])
    warm(provisionalChanges('/repo', [], { includesWorkingTree: false, staged: false }))
    expect([...warm.warmed]).toEqual([])
  })

  it("hands each gate's warmUp the run's config (the ESLint worker needs env-pass)", () => {
    const seen: Array<Config | undefined> = []
    const config = configSchema.parse({ 'env-pass': ['DATABASE_URL'] })
    const warm = createWarmer('/repo', 'changes', [{ gate: gate('static-analysis', { warmUp: (_root, _changes, c) => void seen.push(c) }, []) }], config)
    warm(provisionalChanges('/repo', names, { includesWorkingTree: true, staged: false }))
    expect(seen.map((c) => c?.['env-pass'])).toEqual([['DATABASE_URL']])
  })
})
