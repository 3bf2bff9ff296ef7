// The unit project's guard: a unit test that starts a process fails and names where it belongs,
// whether it calls child_process itself, through execa, or through proofgate's own runner.
import { execFileSync } from 'node:child_process'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { runRepositoryCode } from '../../../src/util/repo-code.js'

describe('unit tests start no process', () => {
  it('child_process, execa (named imports) and runRepositoryCode refuse', async () => {
    expect(() => execFileSync('true')).toThrow('child_process.execFileSync in a unit test: unit tests start no process; move this test to test/integration')
    await expect(execa('true')).rejects.toThrow('unit tests start no process')
    await expect(runRepositoryCode('true', [], { cwd: process.cwd() })).rejects.toThrow('unit tests start no process')
  })
})
