// runRepositoryCode's `stdinText`: the command reads the whole text and then EOF (as `cmd < file`),
// multi-byte characters and large texts included; a command that never reads it still ends normally.
import { createHash } from 'node:crypto'
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
