// The unit project's guard: a unit test that starts a process fails and names where it belongs.
import { execFileSync } from 'node:child_process'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'

describe('unit tests start no process', () => {
  it('child_process and execa (named imports) refuse', async () => {
    expect(() => execFileSync('true')).toThrow('child_process.execFileSync in a unit test: unit tests start no process; move this test to test/integration')
    await expect(execa('true')).rejects.toThrow('unit tests start no process')
  })
})
