// The proof gate's pure parts: the verdict read back from a proof-results journal text (other
// runs, corrupt and missing lines), the findings and summary, output tails and the environment.
import { describe, expect, it } from 'vitest'
import { configSchema, type ProofCommand } from '../../../src/config/schema.js'
import { formatMessage } from '../../../src/findings/rule.js'
import { commandsSummary, judgeProofResults, outputTail, PROOF_RULES, proofFinding, type ProofStatus, type ProofVerdict } from '../../../src/gates/proof.js'
import { parseEvents } from '../../../src/journal/journal.js'

const commands: ProofCommand[] = configSchema.parse({
  proof: [
    { name: 'build', run: 'npm run build' },
    { name: 'lint', run: 'npm run lint', timeout: 60 },
    { name: 'e2e', run: 'npm run e2e', timeout: 30 },
  ],
}).proof

/** One journal line as the gate writes it; `over` replaces any field. */
function line(runId: string, name: string, over: Record<string, unknown> = {}): string {
  const run = commands.find((c) => c.name === name)?.run ?? 'true'
  return JSON.stringify({
    v: 1,
    ts: '2026-11-21T10:00:00.000Z',
    runId,
    type: 'proof-result',
    name,
    command: run,
    exitCode: 0,
    signal: null,
    timedOut: false,
    durationMs: 12,
    outputTail: 'ok',
    headSha: 'a'.repeat(40),
    treeHash: 'b'.repeat(40),
    ...over,
  })
}

function judge(text: string, runId = 'run-a'): { statuses: Array<[string, ProofStatus]>; verdicts: ProofVerdict[]; warnings: string[] } {
  const { events, warnings } = parseEvents(text, 'proof-results.jsonl')
  const verdicts = judgeProofResults(commands, runId, events)
  return { statuses: verdicts.map((v) => [v.command.name, v.status]), verdicts, warnings }
}

describe('judgeProofResults on a journal text', () => {
  it.each<[string, string[], Array<[string, ProofStatus]>]>([
    [
      'all three passed',
      [line('run-a', 'build'), line('run-a', 'lint'), line('run-a', 'e2e')],
      [
        ['build', 'passed'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'this run has no lines at all, another run passed everything',
      [line('run-b', 'build'), line('run-b', 'lint'), line('run-b', 'e2e')],
      [
        ['build', 'unrecorded'],
        ['lint', 'unrecorded'],
        ['e2e', 'unrecorded'],
      ],
    ],
    [
      'one line of this run is missing',
      [line('run-a', 'build'), line('run-a', 'e2e')],
      [
        ['build', 'passed'],
        ['lint', 'unrecorded'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'another run failing the same names does not touch this run',
      [
        line('run-b', 'build', { exitCode: 2 }),
        line('run-a', 'build'),
        line('run-b', 'lint', { exitCode: null, signal: 'SIGKILL' }),
        line('run-a', 'lint'),
        line('run-a', 'e2e'),
      ],
      [
        ['build', 'passed'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'another run passing does not hide this run failing',
      [
        line('run-a', 'build', { exitCode: 2 }),
        line('run-b', 'build'),
        line('run-a', 'lint', { timedOut: true, exitCode: null }),
        line('run-b', 'lint'),
        line('run-a', 'e2e', { exitCode: null, signal: 'SIGTERM' }),
        line('run-b', 'e2e'),
      ],
      [
        ['build', 'failed'],
        ['lint', 'timeout'],
        ['e2e', 'signal'],
      ],
    ],
    [
      'exit code 137 is a failure, not a signal',
      [line('run-a', 'build', { exitCode: 137 }), line('run-a', 'lint'), line('run-a', 'e2e')],
      [
        ['build', 'failed'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'no exit code and no signal is not a pass',
      [line('run-a', 'build', { exitCode: null }), line('run-a', 'lint'), line('run-a', 'e2e')],
      [
        ['build', 'failed'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'a timeout wins over exit code 0',
      [line('run-a', 'build', { timedOut: true }), line('run-a', 'lint'), line('run-a', 'e2e')],
      [
        ['build', 'timeout'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'a failing line among two for one name decides',
      [line('run-a', 'build'), line('run-a', 'build', { exitCode: 1 }), line('run-a', 'lint'), line('run-a', 'e2e')],
      [
        ['build', 'failed'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'a line whose exitCode is a string cannot pass',
      [line('run-a', 'build', { exitCode: '0' }), line('run-a', 'lint'), line('run-a', 'e2e')],
      [
        ['build', 'unrecorded'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'a line without timedOut cannot pass',
      [line('run-a', 'build', { timedOut: undefined }), line('run-a', 'lint'), line('run-a', 'e2e')],
      [
        ['build', 'unrecorded'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'a line for another command than the configured one cannot pass',
      [line('run-a', 'build', { command: 'true' }), line('run-a', 'lint'), line('run-a', 'e2e')],
      [
        ['build', 'unrecorded'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
    [
      'events of another type are not results',
      [line('run-a', 'build', { type: 'gate-ended' }), line('run-a', 'lint'), line('run-a', 'e2e')],
      [
        ['build', 'unrecorded'],
        ['lint', 'passed'],
        ['e2e', 'passed'],
      ],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(judge(lines.join('\n') + '\n').statuses).toEqual(expected)
  })

  it('reads past corrupt lines and warns about each, with its 1-based line', () => {
    const text =
      [
        line('run-a', 'build', { exitCode: 2 }),
        '{"runId":"run-a","type":"proof-res', // a writer died mid-line
        line('run-a', 'lint'),
        '[1,2]',
        line('run-a', 'e2e'),
      ].join('\n') + '\n'
    const { statuses, warnings } = judge(text)
    expect(statuses).toEqual([
      ['build', 'failed'],
      ['lint', 'passed'],
      ['e2e', 'passed'],
    ])
    expect(warnings).toEqual(['proof-results.jsonl:2: not valid JSON; skipped', 'proof-results.jsonl:4: not a journal event (needs type and runId); skipped'])
  })

  it('names what is wrong with an unusable line', () => {
    const { verdicts } = judge([line('run-a', 'build', { signal: 9 }), line('run-a', 'lint', { command: 'echo' })].join('\n'))
    expect(verdicts.map((v) => v.problem)).toEqual([
      'its recorded result is unusable: its line has no valid signal',
      'its recorded result is for another command than the one configured',
      'no result was recorded for it in this run',
    ])
  })

  it('judges an empty journal as every command unrecorded', () => {
    expect(judge('').statuses.map(([, s]) => s)).toEqual(['unrecorded', 'unrecorded', 'unrecorded'])
  })
})

/** The data each proof rule's template is filled with, spelled out from a verdict as a person reads it. */
function dataOf(v: ProofVerdict): Record<string, string | number> {
  const output = v.result === null || v.result.outputTail === '' ? '(it printed nothing)' : v.result.outputTail
  return {
    name: v.command.name,
    command: v.command.run,
    output,
    exitCode: v.result?.exitCode ?? 'none',
    timeout: v.command.timeout,
    duration: `${((v.result?.durationMs ?? 0) / 1000).toFixed(1)} s`,
    signal: v.result?.signal ?? 'a signal',
    problem: v.problem ?? 'none was recorded',
  }
}

describe('proofFinding', () => {
  const verdictOf = (status: ProofStatus, over: Record<string, unknown> = {}, name = 'build'): ProofVerdict => {
    const { verdicts } = judge(line('run-a', name, over))
    return { ...verdicts.find((v) => v.command.name === name)!, status }
  }

  it.each<[string, ProofVerdict, string | null, RegExp | null]>([
    ['passed', verdictOf('passed'), null, null],
    [
      'failed',
      verdictOf('failed', { exitCode: 2, outputTail: 'error TS2322' }),
      'proof-failed',
      /^Proof command 'build' \(`npm run build`\) failed with exit code 2\. Last output:\nerror TS2322$/,
    ],
    ['failed, silent', verdictOf('failed', { exitCode: 1, outputTail: '' }), 'proof-failed', /exit code 1\. Last output:\n\(it printed nothing\)$/],
    [
      'timeout',
      verdictOf('timeout', { timedOut: true, exitCode: null, durationMs: 30_600 }, 'e2e'),
      'proof-timeout',
      /^Proof command 'e2e' \(`npm run e2e`\) did not finish within its timeout of 30 s and was killed with its child processes\./,
    ],
    [
      'stopped by the gate',
      verdictOf('timeout', { timedOut: true, exitCode: null, durationMs: 2_000 }, 'e2e'),
      'proof-timeout',
      /was stopped after 2\.0 s \(the gate's timeout ran out or the run was cancelled\)/,
    ],
    [
      'signal',
      verdictOf('signal', { exitCode: null, signal: 'SIGKILL' }),
      'proof-signal',
      /^Proof command 'build' \(`npm run build`\) was killed by SIGKILL\./,
    ],
    [
      'unrecorded',
      { command: commands[1]!, status: 'unrecorded', result: null, problem: 'no result was recorded for it in this run' },
      'proof-unrecorded',
      /^Proof command 'lint' \(`npm run lint`\) has no usable result in \.proofgate\/proof-results\.jsonl for this run: no result was recorded for it in this run\. It cannot count as passed\.$/,
    ],
  ])('%s', (_name, verdict, rule, message) => {
    const finding = proofFinding(verdict)
    expect(finding === null).toBe(rule === null)
    if (finding === null) return
    // No path: a fact about the run, which the diff filter must never drop.
    expect(finding).toMatchObject({ ruleId: rule, severity: 'critical' })
    expect(finding).not.toHaveProperty('path')
    expect(finding?.message).toMatch(message!)
  })

  it("reports each outcome by its messageId, the message formatted from the rule's template", () => {
    const rows = [
      verdictOf('failed', { exitCode: 2, outputTail: 'error TS2322' }),
      verdictOf('timeout', { timedOut: true, exitCode: null, durationMs: 30_600 }, 'e2e'),
      verdictOf('timeout', { timedOut: true, exitCode: null, durationMs: 2_000 }, 'e2e'),
      verdictOf('signal', { exitCode: null, signal: 'SIGKILL' }),
      { command: commands[1]!, status: 'unrecorded', result: null, problem: 'x' } satisfies ProofVerdict,
    ].map((v) => {
      const f = proofFinding(v)!
      return [f.ruleId, f.messageId, f.message === formatMessage(f.ruleId, PROOF_RULES[f.ruleId as keyof typeof PROOF_RULES], f.messageId!, dataOf(v))]
    })
    expect(rows).toEqual([
      ['proof-failed', 'failed', true],
      ['proof-timeout', 'timedOut', true],
      ['proof-timeout', 'stopped', true],
      ['proof-signal', 'killed', true],
      ['proof-unrecorded', 'unrecorded', true],
    ])
  })

  it('shows the first line of a multi-line command', () => {
    const [command] = configSchema.parse({ proof: [{ name: 'multi', run: 'npm ci\nnpm run build\n' }] }).proof
    const finding = proofFinding({ command: command!, status: 'unrecorded', result: null, problem: 'x' })
    expect(finding?.message).toMatch(/^Proof command 'multi' \(`npm ci …`\)/)
  })
})

describe('commandsSummary', () => {
  it('counts passes and names each other outcome', () => {
    const text = [
      line('r', 'build', { exitCode: 2 }),
      line('r', 'lint', { timedOut: true, exitCode: null }),
      line('r', 'e2e', { exitCode: null, signal: 'SIGKILL' }),
    ].join('\n')
    const { events } = parseEvents(text, 'proof-results.jsonl')
    expect(commandsSummary(judgeProofResults(commands, 'r', events))).toBe(
      '3 proof commands: 0 passed, 1 failed (build, exit 2), 1 timed out (lint, 60 s), 1 killed (e2e, SIGKILL)',
    )
    expect(commandsSummary(judgeProofResults(commands.slice(0, 1), 'r', []))).toBe('1 proof command: 0 passed, 1 unrecorded (build)')
    expect(
      commandsSummary(
        judgeProofResults(commands.slice(0, 2), 'r', parseEvents([line('r', 'build'), line('r', 'lint', { exitCode: 1 })].join('\n'), 'x').events),
      ),
    ).toBe('2 proof commands: 1 passed, 1 failed (lint, exit 1)')
  })
})

describe('outputTail', () => {
  const numbered = (n: number, width = 0): string => Array.from({ length: n }, (_, i) => `line ${i + 1}${'x'.repeat(width)}`).join('\n') + '\n'

  it.each<[string, string, string[]]>([
    ['keeps the last 40 of 50 lines', numbered(50), Array.from({ length: 40 }, (_, i) => `line ${i + 11}`)],
    ['keeps short output whole', 'a\nb\n\n', ['a', 'b']],
    ['keeps nothing of nothing', '', ['']],
  ])('%s', (_name, text, lines) => {
    expect(outputTail(text).split('\n')).toEqual(lines)
  })

  it('cuts long lines to 4 KiB from the end, never splitting a character', () => {
    const text = numbered(40, 200)
    const tail = outputTail(text)
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(4_096)
    expect(tail.endsWith(`line 40${'x'.repeat(200)}`)).toBe(true)
    const wide = 'é'.repeat(3_000) // 6000 bytes on one line
    const cut = outputTail(wide)
    expect(Buffer.byteLength(cut)).toBe(4_096)
    expect(cut).toBe('é'.repeat(2_048))
    // 6001 bytes: the cut at byte 1905 falls inside an 'é', which is dropped whole.
    expect(outputTail('é'.repeat(3_000) + 'b')).toBe('é'.repeat(2_047) + 'b')
  })
})
