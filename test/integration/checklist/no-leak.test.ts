// Held-out items appear in no visible output of `proofgate run` or `proofgate checklist`: every
// report format, the markdown renderers the Action publishes, next.md/next.json and the journal
// are searched for each held-out id and title. Only the reservation file names them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromJsonReport } from '../../../src/reporters/json.js'
import { renderCheckRun } from '../../../src/reporters/templates/check-run.js'
import { renderJobSummary } from '../../../src/reporters/templates/job-summary.js'
import { renderComment } from '../../../src/reporters/templates/pr-comment.js'
import { runCli } from '../../helpers/cli.js'
import type { TempRepo } from '../../helpers/repo.js'
import { CONFIG, checklistRepo, expectedHeldOut, ids, titleOf } from './helpers.js'

const LIST = ids(20)
const HELD = expectedHeldOut(LIST)
const VISIBLE = LIST.filter((id) => !HELD.includes(id))
// Held-out items fail too: a run that ran them would have to report them.
const EXITS = Object.fromEntries([...HELD.map((id) => [id, 9]), [VISIBLE[0]!, 1]])

let repo: TempRepo
let jsonReport = ''
const outputs: Array<{ name: string; text: string }> = []

function expectNoHeldOut(name: string, text: string): void {
  for (const id of HELD) {
    expect(text.includes(id), `${name} names held-out id ${id}`).toBe(false)
    expect(text.includes(titleOf(id)), `${name} names the title of ${id}`).toBe(false)
  }
}

beforeAll(async () => {
  repo = checklistRepo(LIST, EXITS)
  const run = async (name: string, args: string[]): Promise<string> => {
    const result = await runCli(args, repo.dir)
    expect(result.exitCode, `${name}: ${result.stderr}`).toBe(1)
    outputs.push({ name, text: result.stdout + result.stderr })
    return result.stdout
  }
  const base = ['run', '--base', 'HEAD', '--gates', 'checklist', '--verbose']
  await run('terminal', base)
  const json = await run('json', [...base, '--format', 'json'])
  jsonReport = json
  await run('sarif', [...base, '--format', 'sarif'])
  await run('html', [...base, '--format', 'html'])
  const result = fromJsonReport(JSON.parse(json), repo.dir)
  outputs.push({ name: 'job summary', text: renderJobSummary(result) })
  const checkRun = renderCheckRun(result, { annotated: 0, notAnnotated: 0, pathless: result.findings.length })
  outputs.push({ name: 'check run', text: `${checkRun.title}\n${checkRun.summary}\n${checkRun.text ?? ''}` })
  outputs.push({ name: 'pr comment', text: renderComment(result, { checkName: 'proofgate', headSha: result.head.sha }) })
  for (const file of ['next.md', 'next.json', 'journal/events.jsonl', 'proof-results.jsonl']) {
    let text = ''
    try {
      text = readFileSync(join(repo.dir, '.proofgate', file), 'utf8')
    } catch {
      if (file !== 'proof-results.jsonl') throw new Error(`.proofgate/${file} was not written`)
    }
    outputs.push({ name: `.proofgate/${file}`, text })
  }
  for (const format of ['terminal', 'json']) {
    const listed = await runCli(['checklist', '--format', format], repo.dir)
    expect(listed.exitCode).toBe(0)
    outputs.push({ name: `checklist --format ${format}`, text: listed.stdout + listed.stderr })
  }
})
afterAll(() => repo.cleanup())

describe('held-out items in the outputs of run', () => {
  it('the run saw the visible items: one failed, the rest passed', () => {
    const json = jsonReport
    const gate = (JSON.parse(json) as { gates: Array<{ id: string; summary: string; data: { items: Array<{ id: string }> } }> }).gates[0]!
    expect(gate.data.items.map((i) => i.id)).toEqual(VISIBLE)
    expect(gate.summary).toBe(`15 items: 14 passed, 1 failed (${VISIBLE[0]})`)
    expect(outputs.find((o) => o.name === 'checklist --format terminal')!.text).toContain(`fail     ${VISIBLE[0]}  ${titleOf(VISIBLE[0]!)}`)
  })

  it.each([
    'terminal',
    'json',
    'sarif',
    'html',
    'job summary',
    'check run',
    'pr comment',
    '.proofgate/next.md',
    '.proofgate/next.json',
    '.proofgate/journal/events.jsonl',
    'checklist --format terminal',
    'checklist --format json',
  ])('%s names no held-out id or title', (name) => {
    const output = outputs.find((o) => o.name === name)!
    // The visible items are there, so a search that finds nothing is not an empty output.
    if (name !== '.proofgate/journal/events.jsonl') expect(output.text).toContain(VISIBLE[0])
    expectNoHeldOut(name, output.text)
  })

  it('visible totals mention held-out items only as a count, and only when configured', async () => {
    expect(outputs.some((o) => o.text.includes('held out'))).toBe(false)
    repo.commit('show the count', { '.proofgate.yml': `${CONFIG}  checklist: { show-held-out-count: true }\n` })
    const run = await runCli(['run', '--base', 'HEAD', '--gates', 'checklist', '--format', 'json'], repo.dir)
    const gate = run.json().gates[0]!
    expect(gate.summary).toBe(`20 items (5 held out): 14 passed, 1 failed (${VISIBLE[0]})`)
    expect(gate.data).toMatchObject({ total: 20, heldOut: 5 })
    const listed = await runCli(['checklist'], repo.dir)
    expect(listed.stdout).toContain('20 items (5 held out)')
    expectNoHeldOut('run with the count', run.stdout)
    expectNoHeldOut('checklist with the count', listed.stdout)
  })
})
