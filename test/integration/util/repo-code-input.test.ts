// runRepositoryCode's `input`: what the caller writes reaches the command's stdin through the
// launcher, after the command started (the ESLint worker gets its request this way), and the
// command still runs with the allow-listed environment.
import { PassThrough } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { runRepositoryCode } from '../../../src/util/repo-code.js'
import { makeTempDir, removeTempDirs } from '../../helpers/repo.js'

afterAll(() => removeTempDirs())

// Reads one line, answers with it and the token it can see, and exits without waiting for stdin's end.
const ECHO_LINE = `
process.stdin.setEncoding('utf8')
let text = ''
process.stdin.on('data', (c) => {
  text += c
  if (!text.includes('\\n')) return
  process.stdout.write(JSON.stringify({ line: text.slice(0, text.indexOf('\\n')), token: process.env.GITHUB_TOKEN ?? null }))
  process.exit(0)
})
`

describe('runRepositoryCode with input', () => {
  it('passes lines written after the start to the command, which exits on its own', async () => {
    const input = new PassThrough()
    let started = 0
    const running = runRepositoryCode(process.execPath, ['-e', ECHO_LINE], {
      cwd: makeTempDir(),
      input,
      baseEnv: { PATH: process.env.PATH, GITHUB_TOKEN: 'ghs_notforthecommand1' },
      onStarted: () => started++,
    })
    expect(started).toBe(1)
    // Written later, in two pieces, as a warm worker's request is.
    await new Promise((r) => setTimeout(r, 100))
    input.write('{"request":')
    input.write('"lint ü"}\n')
    const result = await running
    expect([result.exitCode, result.signal, result.cancelled, result.timedOut]).toEqual([0, undefined, false, false])
    expect(JSON.parse(result.stdout)).toEqual({ line: '{"request":"lint ü"}', token: null })
  })

  it('stops a command that waits on stdin when the signal aborts', async () => {
    const stop = new AbortController()
    const running = runRepositoryCode(process.execPath, ['-e', 'process.stdin.resume()'], { cwd: makeTempDir(), input: new PassThrough(), signal: stop.signal })
    setTimeout(() => stop.abort(), 200)
    const result = await running
    expect([result.exitCode, result.cancelled]).toEqual([undefined, true])
  })
})
