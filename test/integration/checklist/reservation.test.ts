// The held-out reservation end to end on real repositories: the chosen ids against a sha256
// ranking computed in the test, written once, never recomputed, never extended by new items.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import type { TempRepo } from '../../helpers/repo.js'
import { checklistRepo, checklistYaml, expectedHeldOut, ids } from './helpers.js'

const repos: TempRepo[] = []
afterAll(() => repos.forEach((r) => r.cleanup()))

const HELD_OUT = '.proofgate/checklist/held-out.json'

function reserved(repo: TempRepo): string[] {
  return (JSON.parse(readFileSync(join(repo.dir, HELD_OUT), 'utf8')) as { reserved: string[] }).reserved
}

async function visibleIds(repo: TempRepo): Promise<string[]> {
  const run = await runCli(['run', '--base', 'HEAD', '--gates', 'checklist', '--format', 'json'], repo.dir)
  expect(run.stderr).toBe('')
  expect(run.exitCode).toBe(0)
  const gate = run.json().gates.find((g) => g.id === 'checklist')!
  return (gate.data as { items: Array<{ id: string }> }).items.map((i) => i.id)
}

describe('held-out reservation', () => {
  it.each([
    [3, 0],
    [4, 1],
    [10, 3],
    [20, 5],
    [40, 5],
  ])('N=%i reserves %i items, the sha256-lowest ids', async (n, count) => {
    const list = ids(n)
    const repo = checklistRepo(list, {}, repos)
    const visible = await visibleIds(repo)
    const expected = expectedHeldOut(list)
    expect(expected).toHaveLength(count)
    if (count === 0) {
      // Nothing to reserve: nothing is written, every item is visible.
      expect(existsSync(join(repo.dir, HELD_OUT))).toBe(false)
      expect(visible).toEqual(list)
      return
    }
    expect(reserved(repo)).toEqual(expected)
    expect(visible).toEqual(list.filter((id) => !expected.includes(id)))
  })

  it('is written once: a second run and added items leave it byte for byte unchanged', async () => {
    const list = ids(8)
    const repo = checklistRepo(list, {}, repos)
    await visibleIds(repo)
    const first = readFileSync(join(repo.dir, HELD_OUT), 'utf8')
    await visibleIds(repo)
    expect(readFileSync(join(repo.dir, HELD_OUT), 'utf8')).toBe(first)
    // Items whose hashes sort first would be drawn in by a recomputation; they never are.
    const more = [...list, ...ids(30, 'late')]
    repo.commit('more items', { '.proofgate/checklist.yml': checklistYaml(more) })
    const visible = await visibleIds(repo)
    expect(readFileSync(join(repo.dir, HELD_OUT), 'utf8')).toBe(first)
    expect(reserved(repo)).toEqual(expectedHeldOut(list))
    expect(expectedHeldOut(more)).not.toEqual(expectedHeldOut(list))
    expect(visible).toEqual(more.filter((id) => !expectedHeldOut(list).includes(id)))
  })

  it('a committed reservation is the one in force, whatever the work tree holds', async () => {
    const list = ids(8)
    const repo = checklistRepo(list, {}, repos)
    await visibleIds(repo)
    // .proofgate/.gitignore lets the reservation be committed (run state stays ignored).
    expect(repo.git('status', '--porcelain', '--untracked-files=all', '--', '.proofgate')).toBe(`?? ${HELD_OUT}`)
    repo.git('add', HELD_OUT)
    repo.commit('commit the reservation')
    expect(repo.git('ls-files', HELD_OUT)).toBe(HELD_OUT)
    // An edit on disk (an agent emptying the reservation) does not reveal the items.
    repo.write({ [HELD_OUT]: JSON.stringify({ version: 1, reserved: [], total: 8, createdAt: '2026-01-01T00:00:00.000Z' }) })
    expect(await visibleIds(repo)).toEqual(list.filter((id) => !expectedHeldOut(list).includes(id)))
  })

  it('proofgate checklist lists the visible items as not run until a run records them, and writes the same reservation', async () => {
    const list = ids(8)
    const repo = checklistRepo(list, {}, repos)
    const listed = await runCli(['checklist', '--format', 'json'], repo.dir)
    expect(listed.exitCode).toBe(0)
    const listing = JSON.parse(listed.stdout) as { source: string; items: Array<{ id: string; status: string | null; lastRunId: string | null }> }
    expect(listing.source).toBe(`${repo.head().slice(0, 12)}:.proofgate/checklist.yml`)
    expect(listing.items.map((i) => [i.id, i.status, i.lastRunId])).toEqual(
      list.filter((id) => !expectedHeldOut(list).includes(id)).map((id) => [id, null, null]),
    )
    expect(reserved(repo)).toEqual(expectedHeldOut(list))
    await visibleIds(repo)
    const after = JSON.parse((await runCli(['checklist', '--format', 'json'], repo.dir)).stdout) as typeof listing
    expect(new Set(after.items.map((i) => i.status))).toEqual(new Set(['pass']))
    const text = await runCli(['checklist'], repo.dir)
    expect(text.stdout.split('\n')[0]).toBe(`proofgate checklist: 6 items (${listing.source})`)
  })

  it('proofgate checklist without a checklist says so', async () => {
    const repo = checklistRepo([], {}, repos)
    repo.commit('no checklist', {})
    repo.git('rm', '-q', '.proofgate/checklist.yml')
    repo.commit('remove it')
    const listed = await runCli(['checklist'], repo.dir)
    expect([listed.exitCode, listed.stdout]).toEqual([0, 'proofgate checklist: no .proofgate/checklist.yml at HEAD (see docs/checklist.md)\n'])
  })
})
