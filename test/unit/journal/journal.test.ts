import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appendEvents, journalPath, readEvents } from '../../../src/journal/journal.js'

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
    await appendEvents(dir, [
      { runId: 'r1', type: 'gate-ended', gate: 'tests' },
      { runId: 'r1', type: 'verdict', verdict: 'pass' },
    ])
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
})
