// The runner's fail-closed findings report by messageId (runner/fail-closed.ts), with messages
// unchanged, through the real runner on gates written for the test.
import { describe, expect, it } from 'vitest'
import type { ChangeSet } from '../../../src/changes/types.js'
import { configSchema } from '../../../src/config/schema.js'
import { ProofgateError } from '../../../src/errors.js'
import { createWaiverMatcher } from '../../../src/findings/waivers.js'
import type { GateId } from '../../../src/findings/types.js'
import type { Gate, GateContext } from '../../../src/gates/types.js'
import { FAIL_CLOSED_RULES, isFailClosedRule } from '../../../src/runner/fail-closed.js'
import { runGates } from '../../../src/runner/runner.js'
import { ENGINE_RULES } from '../../../src/runner/engine-rules.js'

const changes: ChangeSet = {
  root: '/repo',
  base: { sha: 'b'.repeat(40), source: 'explicit' },
  head: { sha: 'h'.repeat(40) },
  treeHash: 't'.repeat(40),
  includesWorkingTree: true,
  diffHash: 'd',
  files: [],
}

function gate(id: GateId, run: (ctx: GateContext) => Promise<{ summary: string }>): Gate {
  return { id, meta: { description: id, defaultMode: 'blocking', defaultTimeout: 60, options: {}, rules: {}, executesRepositoryCode: true }, run }
}

async function findingsOf(g: Gate, options: { timeoutMs?: number; refuse?: string } = {}) {
  const [result] = await runGates({
    root: '/repo',
    stateDir: '/repo/.proofgate',
    runId: 'run-1',
    changes,
    scope: 'changes',
    config: configSchema.parse({}),
    gates: [{ gate: g, mode: 'blocking', timeoutMs: options.timeoutMs ?? 5_000 }],
    waivers: createWaiverMatcher([], '2026-11-21'),
    readLine: () => undefined,
    failOn: 'high',
    ...(options.refuse === undefined ? {} : { refuseRepositoryCode: options.refuse }),
  })
  return result!.findings.map((f) => [f.ruleId, f.messageId, f.severity, f.message])
}

describe('fail-closed findings', () => {
  it('gate-errored: crashed for a throw, couldNotRun for a ProofgateError', async () => {
    expect(await findingsOf(gate('tests', () => Promise.reject(new Error('boom'))))).toEqual([
      ['gate-errored', 'crashed', 'critical', 'The tests gate crashed: boom'],
    ])
    const named = new ProofgateError('PG_SHALLOW_CLONE', 'the base is not in this clone', { hint: 'fetch it' })
    expect(await findingsOf(gate('tests', () => Promise.reject(named)))).toEqual([
      ['gate-errored', 'couldNotRun', 'critical', 'The tests gate could not run: the base is not in this clone'],
    ])
  })

  it('gate-timeout: timedOut', async () => {
    const hang = gate('proof', (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))))
    expect(await findingsOf(hang, { timeoutMs: 20 })).toEqual([['gate-timeout', 'timedOut', 'critical', 'The proof gate timed out after 20 ms.']])
  })

  it('gate-refused: refused', async () => {
    expect(
      await findingsOf(
        gate('tests', () => Promise.resolve({ summary: 'ran' })),
        { refuse: 'pull_request_target with a write token' },
      ),
    ).toEqual([
      ['gate-refused', 'refused', 'critical', "The tests gate executes the repository's code and refused to run: pull_request_target with a write token"],
    ])
  })

  it('the engine rule list and the config exemption both come from the declarations', () => {
    expect(Object.keys(ENGINE_RULES)).toEqual(['gate-errored', 'gate-timeout', 'gate-refused'])
    expect(Object.keys(FAIL_CLOSED_RULES).filter(isFailClosedRule)).toEqual(['gate-errored', 'gate-timeout', 'gate-refused'])
    expect(isFailClosedRule('waiver-unused')).toBe(false)
  })
})
