import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fork } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { appendEvents, journalPath, readEvents } from '../../../src/journal/journal.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'

const dirs: string[] = []
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'proofgate-journal-'))
  dirs.push(dir)
  return join(dir, '.proofgate')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('journal', () => {
  it('appends whole lines and reads them back in order', async () => {
    const dir = stateDir()
    await appendEvents(dir, [{ runId: 'r1', type: 'run-started' }])
    await appendEvents(dir, [{ runId: 'r1', type: 'gate-ended', gate: 'tests' }, { runId: 'r1', type: 'verdict', verdict: 'pass' }])
    const { events, warnings } = await readEvents(dir)
    expect(warnings).toEqual([])
    expect(events.map((e) => e.type)).toEqual(['run-started', 'gate-ended', 'verdict'])
    expect(events[0]).toMatchObject({ v: 1, runId: 'r1' })
    expect(events[0]!.ts).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('skips a corrupt or partial line with a warning', async () => {
    const dir = stateDir()
    await appendEvents(dir, [{ runId: 'r1', type: 'run-started' }])
    appendFileSync(journalPath(dir), '{"runId":"r1","type":"gate-en\n[1,2]\n')
    await appendEvents(dir, [{ runId: 'r1', type: 'verdict' }])
    const { events, warnings } = await readEvents(dir)
    expect(events.map((e) => e.type)).toEqual(['run-started', 'verdict'])
    expect(warnings).toEqual(['events.jsonl:2: not valid JSON; skipped', 'events.jsonl:3: not a journal event (needs type and runId); skipped'])
  })

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
