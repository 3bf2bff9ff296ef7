// The council's choice of what to hear, without running a judge: only blocking findings that an
// entry names (by fingerprint prefix) and that no waiver could waive; no judges → council-not-configured.
import { describe, expect, it } from 'vitest'
import type { CounterEvidence } from '../../../src/config/counter-evidence.js'
import type { ReportedFinding } from '../../../src/findings/types.js'
import { contestedBy, createCouncil, type CouncilOptions } from '../../../src/review/run-council.js'

const FP = '3f9c2a7d1e0b4c55' + '0'.repeat(16)
const entry = (fingerprint: string, line = 2): CounterEvidence => ({ fingerprint, claim: 'it is tested', proofType: 'test-passes', artifacts: [], line })
const finding = (over: Partial<ReportedFinding> = {}): ReportedFinding => ({
  gate: 'proof',
  ruleId: 'proof-failed',
  severity: 'critical',
  message: "Proof command 'build' failed",
  fingerprint: FP,
  blocking: true,
  waived: null,
  ...over,
})

function council(over: Partial<CouncilOptions> = {}) {
  const journaled: unknown[] = []
  const options: CouncilOptions = {
    root: '/nowhere',
    runId: 'run-1',
    judges: [],
    evidence: [entry('3f9c2a7d')],
    unwaivable: () => false,
    request: () => {
      throw new Error('no judge may be asked in these cases')
    },
    journal: (events) => {
      journaled.push(...events)
      return Promise.resolve()
    },
    ...over,
  }
  return { council: createCouncil(options), journaled }
}

describe('contestedBy', () => {
  it('matches a fingerprint prefix, first entry first', () => {
    const list = [entry('aaaaaaaa', 2), entry('3f9c2a7d', 6), entry(FP, 10)]
    expect(contestedBy(list, finding())?.line).toBe(6)
    expect(contestedBy(list, finding({ fingerprint: 'b'.repeat(32) }))).toBeUndefined()
  })
})

describe('createCouncil without judges', () => {
  it('leaves a contested blocking finding blocking and reports council-not-configured at the entry', async () => {
    const { council: c, journaled } = council()
    const f = finding()
    expect(await c.settle('proof', [f])).toEqual([f])
    expect(c.report()).toEqual([
      {
        ruleId: 'council-not-configured',
        messageId: 'notConfigured',
        severity: 'medium',
        message:
          'Counter-evidence contests the blocking finding 3f9c2a7d1e0b (proof/proof-failed), but review.judges is not configured: the override council cannot hear it, so the finding still blocks.',
        path: '.proofgate/counter-evidence.yml',
        startLine: 2,
        help: 'configure three judges under review.judges in .proofgate.yml (see docs/council.md), or fix the finding',
      },
    ])
    expect(journaled).toEqual([])
  })

  it.each([
    ['a finding that does not block', finding({ blocking: false })],
    ['a finding no entry names', finding({ fingerprint: 'c'.repeat(32) })],
  ])('ignores %s', async (_name, f) => {
    const { council: c } = council()
    expect(await c.settle('proof', [f])).toEqual([f])
    expect(c.report()).toEqual([])
  })

  it('never hears a finding no waiver may waive (gate-integrity on proofgate itself, findings that need approval)', async () => {
    const f = finding({ gate: 'gate-integrity', ruleId: 'config-weakened', path: '.proofgate/counter-evidence.yml' })
    const { council: c } = council({ unwaivable: (x) => x.gate === 'gate-integrity' })
    expect(await c.settle('gate-integrity', [f])).toEqual([f])
    expect(c.report()).toEqual([])
  })
})

describe('createCouncil when the base has no review.prompt to give', () => {
  it('asks no judge: every vote is none, the finding stays blocking, and the journal says why', async () => {
    const judges = ['j1', 'j2', 'j3'].map((name) => ({ name, run: 'true', always: false, timeout: 5, env: [] }))
    let asked = 0
    const { council: c, journaled } = council({
      judges,
      prompt: () => Promise.reject(new Error("review.prompt: '.github/p.md' is not a regular file in the base commit abc")),
      request: () => {
        asked++
        throw new Error('no request may be built without the prompt')
      },
    })
    const [settled] = await c.settle('proof', [finding()])
    expect(settled?.blocking).toBe(true)
    expect(settled?.waived).toBeNull()
    const votes = journaled.filter((e) => (e as { type: string }).type === 'council-vote') as Array<{ judge: string; vote: string; error?: string }>
    expect(votes.map((v) => [v.judge, v.vote])).toEqual([
      ['j1', 'none'],
      ['j2', 'none'],
      ['j3', 'none'],
    ])
    expect(asked).toBe(0)
  })
})
