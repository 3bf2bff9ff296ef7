// gate-integrity on the checklist: a change touching only .proofgate/checklist.yml or the
// reservation reaches it; a removed held-out item is `heldout-removed` and is never named.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import type { TempRepo } from '../../helpers/repo.js'
import { checklistRepo, checklistYaml, expectedHeldOut, ids, titleOf } from './helpers.js'

const repos: TempRepo[] = []
afterAll(() => repos.forEach((r) => r.cleanup()))

const LIST = ids(8)
const HELD = expectedHeldOut(LIST)
const VISIBLE = LIST.filter((id) => !HELD.includes(id))
const HELD_OUT = '.proofgate/checklist/held-out.json'

/** A repository whose reservation is committed, as `proofgate run` leaves it to be. */
async function committedRepo(): Promise<TempRepo> {
  const repo = checklistRepo(LIST, {}, repos)
  expect((await runCli(['run', '--base', 'HEAD', '--gates', 'checklist'], repo.dir)).exitCode).toBe(0)
  repo.commit('commit the reservation')
  expect(repo.git('ls-files', HELD_OUT)).toBe(HELD_OUT)
  return repo
}

async function integrity(repo: TempRepo, args: string[]) {
  const run = await runCli(['run', ...args, '--gates', 'gate-integrity', '--format', 'json'], repo.dir)
  const findings = run.json().findings.filter((f) => f.gate === 'gate-integrity')
  return { run, findings }
}

describe('gate-integrity and the checklist', () => {
  it('a removed held-out item is heldout-removed (high, needs approval), without its id or title', async () => {
    const repo = await committedRepo()
    repo.commit('drop an item', { '.proofgate/checklist.yml': checklistYaml(LIST.filter((id) => id !== HELD[0])) })
    const { run, findings } = await integrity(repo, ['--base', 'HEAD~1', '--head', 'HEAD'])
    expect(run.exitCode).toBe(1)
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.path, f.blocking])).toEqual([
      ['heldout-removed', 'itemRemoved', 'high', '.proofgate/checklist.yml', true],
    ])
    expect(run.stdout).not.toContain(HELD[0])
    expect(run.stdout).not.toContain(titleOf(HELD[0]!))
  })

  it('an uncommitted edit of the checklist alone reaches the gate: a visible item removed, a verify changed', async () => {
    const repo = await committedRepo()
    const yaml = checklistYaml(
      LIST.filter((id) => id !== VISIBLE[0]),
      { [VISIBLE[1]!]: 0 },
    ).replace(`${VISIBLE[1]}, title: "${titleOf(VISIBLE[1]!)}", verify: "exit 0"`, `${VISIBLE[1]}, title: "${titleOf(VISIBLE[1]!)}", verify: "true"`)
    repo.write({ '.proofgate/checklist.yml': yaml })
    const { run, findings } = await integrity(repo, ['--base', 'HEAD'])
    expect(run.exitCode).toBe(1)
    expect(findings.map((f) => [f.ruleId, f.messageId])).toEqual([
      ['checklist-loosened', 'itemRemoved'],
      ['checklist-loosened', 'verifyChanged'],
    ])
    expect(findings[0]!.message).toBe(`Checklist item '${VISIBLE[0]}' removed from .proofgate/checklist.yml: it no longer has to pass.`)
  })

  it('the reservation edited or deleted is heldout-removed', async () => {
    const repo = await committedRepo()
    repo.write({ [HELD_OUT]: JSON.stringify({ version: 1, reserved: [], total: 8, createdAt: '2026-01-01T00:00:00.000Z' }) })
    const edited = await integrity(repo, ['--base', 'HEAD'])
    expect(edited.findings.map((f) => [f.ruleId, f.messageId, f.path])).toEqual([['heldout-removed', 'reservationEdited', HELD_OUT]])
    rmSync(join(repo.dir, HELD_OUT))
    repo.commit('delete the reservation')
    const deleted = await integrity(repo, ['--base', 'HEAD~1', '--head', 'HEAD'])
    expect(deleted.findings.map((f) => [f.ruleId, f.messageId])).toEqual([['heldout-removed', 'reservationDeleted']])
    expect(deleted.run.exitCode).toBe(1)
  })

  it('an unchanged checklist and the reservation proofgate writes report nothing', async () => {
    const repo = checklistRepo(LIST, {}, repos)
    const { run, findings } = await integrity(repo, ['--base', 'HEAD'])
    expect(findings).toEqual([])
    expect(run.exitCode).toBe(0)
  })

  it('an invalid checklist at the base is a configuration error naming file:line:column', async () => {
    const repo = checklistRepo(LIST, {}, repos)
    repo.commit('break it', { '.proofgate/checklist.yml': 'items:\n  - { id: ok, title: t, verify: "true" }\n  - { id: Not_Ok, title: t, verify: "true" }\n' })
    const run = await runCli(['run', '--base', 'HEAD', '--gates', 'checklist'], repo.dir)
    expect(run.exitCode).toBe(78)
    expect(run.stderr).toContain('PG_CHECKLIST_INVALID')
    expect(run.stderr).toContain(`${repo.head().slice(0, 12)}:.proofgate/checklist.yml:3:11  items.1.id:`)
    repo.commit('syntax', { '.proofgate/checklist.yml': 'items:\n  - { id: ok, title: t\n' })
    const syntax = await runCli(['run', '--base', 'HEAD', '--gates', 'checklist'], repo.dir)
    expect(syntax.exitCode).toBe(78)
    expect(syntax.stderr).toMatch(/\.proofgate\/checklist\.yml:\d+:\d+ {2}/)
  })
})
