// runInGroup's reportSignal option, which the proof gate uses to tell `kill -9 $$` from `exit 137`;
// without it (the tests gate) a signal stays folded into exit code 128 + n.
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { runInGroup } from '../../../src/gates/tests/spawn.js'

const bash = (script: string, reportSignal?: boolean): ReturnType<typeof runInGroup> =>
  runInGroup('bash', ['-c', script], { cwd: tmpdir(), signal: new AbortController().signal, ...(reportSignal === undefined ? {} : { reportSignal }) })

describe('runInGroup', () => {
  it.each<[string, boolean | undefined, number | undefined, string | undefined]>([
    ['kill -9 $$', true, undefined, 'SIGKILL'],
    ['kill -TERM $$', true, undefined, 'SIGTERM'],
    ['exit 137', true, 137, undefined],
    ['exit 0', true, 0, undefined],
    ['kill -9 $$', undefined, 137, undefined],
    ['kill -TERM $$', false, 143, undefined],
    ['exit 137', undefined, 137, undefined],
  ])('%s with reportSignal %s: exit code %s, signal %s', async (script, reportSignal, exitCode, signal) => {
    const result = await bash(script, reportSignal)
    expect([result.exitCode, result.signal, result.cancelled]).toEqual([exitCode, signal, false])
  })
})
