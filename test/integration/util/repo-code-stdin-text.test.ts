// runRepositoryCode's `stdinText`: the command reads the whole text and then EOF (as `cmd < file`),
// multi-byte characters and large texts included; a command that never reads it still ends normally.
// With lifeline: false (no launcher) the command leads its own group, which is still killed on exit and timeout.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runRepositoryCode } from '../../../src/util/repo-code.js'
import { makeTempDir, removeTempDirs } from '../../helpers/repo.js'

afterAll(() => removeTempDirs())

const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_TOKEN: 'ghs_notforthecommand2' }

describe('runRepositoryCode with stdinText', () => {
  it('delivers the whole text, then EOF, to a command that reads to the end', async () => {
    const text = `{"diff":"é€😀${'x'.repeat(300_000)}"}\n`
    const result = await runRepositoryCode('bash', ['--norc', '-c', 'sha256sum | cut -c1-64; echo "token=${GITHUB_TOKEN:-none}"'], {
      cwd: makeTempDir(),
      baseEnv: env,
      timeoutMs: 20_000,
      stdinText: text,
    })
    expect([result.exitCode, result.timedOut]).toEqual([0, false])
    expect(result.stdout.trim().split('\n')).toEqual([createHash('sha256').update(text, 'utf8').digest('hex'), 'token=none'])
  })

  it('gives an empty text as an immediate EOF', async () => {
    const result = await runRepositoryCode('bash', ['--norc', '-c', 'wc -c'], { cwd: makeTempDir(), baseEnv: env, timeoutMs: 20_000, stdinText: '' })
    expect([result.exitCode, result.stdout.trim()]).toEqual([0, '0'])
  })

  it('ends normally when the command exits without reading', async () => {
    const result = await runRepositoryCode('bash', ['--norc', '-c', 'echo done'], {
      cwd: makeTempDir(),
      baseEnv: env,
      timeoutMs: 20_000,
      stdinText: 'y'.repeat(1_000_000),
    })
    expect([result.exitCode, result.stdout.trim(), result.timedOut]).toEqual([0, 'done', false])
  })
})

describe('runRepositoryCode with lifeline: false (no launcher)', () => {
  const run = (script: string, extra: { timeoutMs?: number; stdinText?: string } = {}) =>
    runRepositoryCode('bash', ['--norc', '-c', script], { cwd: makeTempDir(), baseEnv: env, timeoutMs: 20_000, lifeline: false, ...extra })

  it('delivers stdinText then EOF, strips token variables and reports the exit code', async () => {
    const text = `{"diff":"é${'x'.repeat(200_000)}"}\n`
    const result = await run('sha256sum | cut -c1-64; echo "token=${GITHUB_TOKEN:-none}"; exit 3', { stdinText: text })
    expect([result.exitCode, result.timedOut]).toEqual([3, false])
    expect(result.stdout.trim().split('\n')).toEqual([createHash('sha256').update(text, 'utf8').digest('hex'), 'token=none'])
  })

  it('kills the whole group on timeout, a background child included', async () => {
    const dir = makeTempDir()
    const marker = join(dir, 'survived')
    const result = await runRepositoryCode('bash', ['--norc', '-c', '(sleep 2; touch survived) & sleep 30'], {
      cwd: dir,
      baseEnv: env,
      timeoutMs: 300,
      lifeline: false,
    })
    expect([result.timedOut, result.exitCode]).toEqual([true, undefined])
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(existsSync(marker)).toBe(false)
  })

  it('kills what the command left running when it exits, so the run ends', async () => {
    const dir = makeTempDir()
    const marker = join(dir, 'survived')
    const result = await runRepositoryCode('bash', ['--norc', '-c', '(sleep 2; touch survived) & echo started'], {
      cwd: dir,
      baseEnv: env,
      timeoutMs: 20_000,
      lifeline: false,
    })
    expect([result.exitCode, result.stdout.trim()]).toEqual([0, 'started'])
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(existsSync(marker)).toBe(false)
  })

  it('names a command that cannot start', async () => {
    const result = await runRepositoryCode('no-such-command-pg', [], { cwd: makeTempDir(), baseEnv: env, lifeline: false, stdinText: '{}' })
    expect(result.spawnError).toBe('no-such-command-pg was not found on PATH')
    expect(result.exitCode).toBeUndefined()
  })
})
