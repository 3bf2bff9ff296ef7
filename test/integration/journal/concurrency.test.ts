// The journal under concurrent writers: three processes append at once and no line is torn.
import { fork } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { journalPath, readEvents } from '../../../src/journal/journal.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'

const dirs: string[] = []
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'proofgate-journal-'))
  dirs.push(dir)
  return join(dir, '.proofgate')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('journal: concurrent processes', () => {
  it('keeps every line whole when processes append at the same time', async () => {
    const dir = stateDir()
    const script = join(dir, '..', 'writer.mjs')
    // The children load the real journal module, bundled as Node would run it from dist/.
    const { build } = await import('esbuild')
    await build({
      stdin: {
        contents:
          `import { appendEvents } from './src/journal/journal.ts';\n` +
          `const id = process.argv[2];\n` +
          `for (let i = 0; i < 50; i++) await appendEvents(${JSON.stringify(dir)}, [{ runId: id, type: 'tick', i, pad: 'x'.repeat(4096) }]);\n`,
        resolveDir: PROJECT_ROOT,
        loader: 'ts',
      },
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    })
    const children = ['a', 'b', 'c'].map(
      (id) =>
        new Promise<number | null>((resolve) => {
          fork(script, [id]).on('exit', resolve)
        }),
    )
    expect(await Promise.all(children)).toEqual([0, 0, 0])
    const lines = readFileSync(journalPath(dir), 'utf8').trimEnd().split('\n')
    expect(lines).toHaveLength(150)
    const { events, warnings } = await readEvents(dir)
    expect(warnings).toEqual([])
    for (const id of ['a', 'b', 'c']) expect(events.filter((e) => e.runId === id).map((e) => e.i)).toEqual([...Array(50).keys()])
  })
})
