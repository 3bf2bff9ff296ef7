// The runner's contract on gates written for the test (the Gate interface is the contract; no
// proofgate module is replaced): concurrency, dependencies, timeouts, throws, filter, waivers.
import { describe, expect, it } from 'vitest'
import type { ChangeSet } from '../../../src/changes/types.js'
import { configSchema } from '../../../src/config/schema.js'
import { decideVerdict } from '../../../src/findings/verdict.js'
import { createWaiverMatcher } from '../../../src/findings/waivers.js'
import type { GateId } from '../../../src/findings/types.js'
import type { Gate, GateContext } from '../../../src/gates/types.js'
import { runGates } from '../../../src/runner/runner.js'

const changes: ChangeSet = {
  root: '/repo',
  base: { sha: 'b'.repeat(40), source: 'explicit' },
  head: { sha: 'h'.repeat(40) },
  treeHash: 't'.repeat(40),
  includesWorkingTree: true,
  diffHash: 'd',
  files: [{ path: 'src/a.ts', status: 'modified', binary: false, addedLines: [{ start: 2, end: 2 }], contextLines: [{ start: 1, end: 5 }] }],
}

function gate(id: GateId, run: (ctx: GateContext) => Promise<{ summary: string }>, extra: Partial<Gate> = {}): Gate {
  return { id, meta: { description: id, defaultMode: 'blocking', defaultTimeout: 60, options: {}, rules: {} }, run, ...extra }
}

async function runAll(
  gates: Array<{ gate: Gate; mode?: 'blocking' | 'advisory'; timeoutMs?: number }>,
  waivers = createWaiverMatcher([], '2026-11-21'),
  abortGraceMs?: number,
) {
  return runGates({
    ...(abortGraceMs === undefined ? {} : { abortGraceMs }),
    root: '/repo',
    stateDir: '/repo/.proofgate',
    runId: 'run-1',
    changes,
    scope: 'changes',
    config: configSchema.parse({}),
    gates: gates.map((g) => ({ gate: g.gate, mode: g.mode ?? 'blocking', timeoutMs: g.timeoutMs ?? 5_000 })),
    waivers,
    readLine: (_path, line) => `line ${line}`,
    failOn: 'high',
  })
}

describe('runGates', () => {
  it('turns a throw into errored with a critical gate-errored finding, which blocks', async () => {
    const [result] = await runAll([{ gate: gate('tests', async () => Promise.reject(new Error('runner exploded'))) }])
    expect(result).toMatchObject({ id: 'tests', status: 'errored', reason: 'runner exploded' })
    expect(result!.findings.map((f) => [f.ruleId, f.severity, f.blocking, f.message])).toEqual([
      ['gate-errored', 'critical', true, 'The tests gate crashed: runner exploded'],
    ])
    expect(decideVerdict(result!.findings, [result!])).toBe('blocked')
  })

  it('times a gate out: errored, critical gate-timeout, signal aborted', async () => {
    let seen: AbortSignal | undefined
    const hang = gate('static-analysis', (ctx) => {
      seen = ctx.signal
      return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)))
    })
    const [result] = await runAll([{ gate: hang, timeoutMs: 50 }])
    expect(seen?.aborted).toBe(true)
    expect(result!.status).toBe('errored')
    expect(result!.findings.map((f) => [f.ruleId, f.severity, f.blocking])).toEqual([['gate-timeout', 'critical', true]])
    expect(result!.findings[0]!.message).toBe('The static-analysis gate timed out after 50 ms.')
  })

  it('abandons a gate that ignores its signal after the grace period, still errored', async () => {
    const deaf = gate('tests', () => new Promise(() => {}))
    // The grace is injected (the default is 5 s): a gate that never settles is still abandoned.
    const [result] = await runAll([{ gate: deaf, timeoutMs: 20 }], undefined, 30)
    expect(result!.status).toBe('errored')
    expect(result!.findings[0]!.ruleId).toBe('gate-timeout')
  })

  it('runs a dependent gate after its dependency and hands it the result', async () => {
    const order: string[] = []
    const tests = gate('tests', async () => {
      order.push('tests:start')
      await new Promise((r) => setTimeout(r, 30))
      order.push('tests:end')
      return { summary: 'ok', data: { answer: 42 } } as { summary: string }
    })
    const evidence = gate(
      'evidence',
      async (ctx) => {
        order.push('evidence:start')
        return { summary: `saw ${JSON.stringify(ctx.results.get('tests'))}` }
      },
      { dependsOn: ['tests'] },
    )
    const results = await runAll([{ gate: evidence }, { gate: tests }])
    expect(order).toEqual(['tests:start', 'tests:end', 'evidence:start'])
    expect(results.map((r) => r.id)).toEqual(['evidence', 'tests'])
    expect(results[0]!.summary).toBe('saw {"status":"pass","data":{"answer":42}}')
  })

  it('runs independent gates concurrently', async () => {
    let inFlight = 0
    let peak = 0
    const slow = (id: GateId) =>
      gate(id, async () => {
        inFlight++
        peak = Math.max(peak, inFlight)
        await new Promise((r) => setTimeout(r, 40))
        inFlight--
        return { summary: id }
      })
    await runAll([{ gate: slow('static-analysis') }, { gate: slow('tests') }])
    expect(peak).toBe(2)
  })

  it('applies the diff filter, counts what it leaves out, and exempts gates that opt out', async () => {
    const reporter = (id: GateId, extra: Partial<Gate> = {}) =>
      gate(
        id,
        async (ctx) => {
          ctx.report({ ruleId: 'r', severity: 'high', message: 'on the added line', path: 'src/a.ts', startLine: 2 })
          ctx.report({ ruleId: 'r', severity: 'high', message: 'on an untouched line', path: 'src/a.ts', startLine: 9 })
          ctx.report({ ruleId: 'r', severity: 'high', message: 'in an unchanged file', path: 'test/a.test.ts', startLine: 1 })
          return { summary: 'reported' }
        },
        extra,
      )
    const [filtered, exempt] = await runAll([
      { gate: reporter('static-analysis') },
      { gate: { ...reporter('tests'), meta: { description: 't', defaultMode: 'blocking', defaultTimeout: 60, options: {}, rules: {}, diffFiltered: false } } },
    ])
    expect(filtered!.findings.map((f) => f.message)).toEqual(['on the added line'])
    expect(filtered!.filteredOut).toBe(2)
    expect(exempt!.findings).toHaveLength(3)
    expect(exempt!.filteredOut).toBe(0)
  })

  it('never blocks from an advisory gate, and marks waived findings', async () => {
    const fails = (id: GateId) =>
      gate(id, async (ctx) => {
        ctx.report({ ruleId: 'no-console', severity: 'critical', message: 'x', path: 'src/a.ts', startLine: 2 })
        return { summary: 'x' }
      })
    const waivers = createWaiverMatcher([{ rule: 'no-console', path: 'src/**', reason: 'legacy', proof: 'out-of-scope', line: 3 }], '2026-11-21')
    const [advisory] = await runAll([{ gate: fails('static-analysis'), mode: 'advisory' }])
    expect(advisory!.findings[0]).toMatchObject({ blocking: false, waived: null })
    expect(advisory!.status).toBe('fail')
    expect(decideVerdict(advisory!.findings, [advisory!])).toBe('warn')
    const [waived] = await runAll([{ gate: fails('static-analysis') }], waivers)
    expect(waived!.findings[0]).toMatchObject({ blocking: false, waived: { reason: 'legacy', proof: 'out-of-scope', line: 3 } })
    expect(waived!.status).toBe('pass')
    expect(waived!.counts.critical).toBe(0)
  })

  it('disposes every gate once the run is done with it: ran, skipped, errored or timed out', async () => {
    const disposed: string[] = []
    const dispose = (id: string) => () => void disposed.push(id)
    const results = await runAll([
      { gate: gate('tests', async () => ({ summary: 'ok' }), { dispose: dispose('tests') }) },
      { gate: gate('static-analysis', async () => ({ summary: '' }), { appliesTo: () => false, dispose: dispose('static-analysis') }) },
      { gate: gate('proof', async () => Promise.reject(new Error('boom')), { dispose: dispose('proof') }) },
      {
        gate: gate('coverage', (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))), {
          dispose: dispose('coverage'),
        }),
        timeoutMs: 20,
      },
      {
        gate: gate('evidence', async () => ({ summary: 'ok' }), {
          dispose: () => {
            throw new Error('dispose broke')
          },
        }),
      },
    ])
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['tests', 'pass'],
      ['static-analysis', 'skipped'],
      ['proof', 'errored'],
      ['coverage', 'errored'],
      ['evidence', 'pass'],
    ])
    expect(disposed.sort()).toEqual(['coverage', 'proof', 'static-analysis', 'tests'])
  })

  it('skips a gate whose appliesTo says no, with the reason', async () => {
    const [result] = await runAll([
      { gate: gate('static-analysis', async () => ({ summary: 'ran' }), { appliesTo: () => ({ applies: false, reason: 'no JS/TS files' }) }) },
    ])
    expect(result).toMatchObject({ status: 'skipped', reason: 'no JS/TS files', summary: 'skipped: no JS/TS files' })
  })

  it('errors a gate whose appliesTo throws (critical gate-errored, blocks) and still runs the others', async () => {
    const throwing = gate('static-analysis', async () => ({ summary: 'ran' }), {
      appliesTo: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'path')")
      },
    })
    const results = await runAll([{ gate: throwing }, { gate: gate('tests', async () => ({ summary: 'ran' })) }])
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['static-analysis', 'errored'],
      ['tests', 'pass'],
    ])
    expect(results[0]).toMatchObject({
      reason: "Cannot read properties of undefined (reading 'path')",
      summary: "errored: Cannot read properties of undefined (reading 'path')",
    })
    expect(results[0]!.findings.map((f) => [f.ruleId, f.severity, f.blocking, f.message])).toEqual([
      ['gate-errored', 'critical', true, "The static-analysis gate crashed: Cannot read properties of undefined (reading 'path')"],
    ])
    expect(
      decideVerdict(
        results.flatMap((r) => r.findings),
        results,
      ),
    ).toBe('blocked')
  })
})
