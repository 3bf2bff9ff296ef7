// What the registry derives: the config schema's `gates` keys and defaults, the pre-commit default
// and the generated gate ids all come from the gates' own declarations, in report order.
import { describe, expect, it } from 'vitest'
import { configSchema } from '../../../src/config/schema.js'
import { GATE_IDS } from '../../../src/findings/types.js'
import { GATES, PRE_COMMIT_GATES } from '../../../src/gates/index.js'

const ids = GATES.map((g) => g.id)

describe('the gate registry', () => {
  it('is the source of GATE_IDS (generated) and of the keys under gates:, in report order', () => {
    expect([...GATE_IDS]).toEqual(ids)
    expect(Object.keys(configSchema.parse({}).gates)).toEqual(ids)
  })

  it('gives each gate its declared default mode and timeout (s) under gates.<id>', () => {
    const gates = configSchema.parse({}).gates as Record<string, { mode: string; timeout: number }>
    expect(ids.map((id) => [id, gates[id]!.mode, gates[id]!.timeout])).toEqual(GATES.map((g) => [g.id, g.meta.defaultMode, g.meta.defaultTimeout]))
    expect(ids.map((id) => [id, gates[id]!.mode, gates[id]!.timeout])).toEqual([
      ['static-analysis', 'blocking', 300],
      ['tests', 'blocking', 600],
      ['mock-integrity', 'blocking', 300],
      ['test-mutation', 'blocking', 300],
      ['semantic-tests', 'advisory', 300],
      ['doc-coverage', 'blocking', 120],
      ['evidence', 'blocking', 60],
      ['proof', 'blocking', 3600],
      ['review', 'blocking', 1800],
      ['coverage', 'off', 900],
      ['gate-integrity', 'blocking', 120],
    ])
  })

  it('defaults hooks.pre-commit.gates to the gates that declare preCommit', () => {
    expect(PRE_COMMIT_GATES).toEqual(['static-analysis', 'mock-integrity', 'test-mutation', 'semantic-tests', 'gate-integrity'])
    expect(configSchema.parse({}).hooks['pre-commit'].gates).toEqual(PRE_COMMIT_GATES)
  })

  it('rejects a key a gate does not declare, naming the path', () => {
    const result = configSchema.safeParse({ gates: { evidence: { 'stale-after': 3 } } })
    expect(result.success ? [] : result.error.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['unrecognized_keys', 'gates.evidence']])
  })
})
