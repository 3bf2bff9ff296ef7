// `proofgate run` and `proofgate release` on real repositories: held-out items block only the
// release, visible ones both; the release report, the heldout-eval event, the external checklist.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fromJsonReport, toJsonReport } from '../../../src/reporters/json.js'
import { runProofgate } from '../../../src/runner/run.js'
import { runRelease } from '../../../src/runner/release.js'
import { runCli } from '../../helpers/cli.js'
import { makeTempDir, removeTempDirs, type TempRepo } from '../../helpers/repo.js'
import { checklistRepo, expectedHeldOut, ids, titleOf } from './helpers.js'

const repos: TempRepo[] = []
afterAll(() => {
  repos.forEach((r) => r.cleanup())
  removeTempDirs()
})

interface ReleaseReport {
  schemaVersion: number
  verdict: string
  exitCode: number
  base: { sha: string }
  head: { sha: string }
  findings: Array<{ gate: string; ruleId: string; severity: string; message: string; blocking: boolean }>
  notes: string[]
  release: {
    tag: string | null
    base: { sha: string; source: string; tag?: string }
    visible: Array<{ id: string; title: string; status: string }>
    heldOut: { total: number; passed: number; failed: number; setSha256: string }
    heldOutFailures: Array<{ id: string; title: string; message: string }>
  }
}

function releaseReport(repo: TempRepo): ReleaseReport {
  return JSON.parse(readFileSync(join(repo.dir, '.proofgate/release-report.json'), 'utf8')) as ReleaseReport
}

function journal(repo: TempRepo): Array<Record<string, unknown>> {
  return readFileSync(join(repo.dir, '.proofgate/journal/events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

/** Every file under `dir` (node_modules left out), with its text. */
function allFiles(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = []
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (entry.startsWith('node_modules')) continue
    const full = join(dir, entry)
    if (statSync(full).isFile()) out.push({ path: entry, text: readFileSync(full, 'latin1') })
  }
  return out
}

const LIST = ids(8)
const HELD = expectedHeldOut(LIST)
const VISIBLE = LIST.filter((id) => !HELD.includes(id))

describe('proofgate release', () => {
  it('a failing held-out item blocks release but not run', async () => {
    const repo = checklistRepo(LIST, { [HELD[0]!]: 3 }, repos)
    repo.git('tag', 'v1.0.0')
    const run = await runCli(['run', '--base', 'HEAD', '--gates', 'checklist'], repo.dir)
    expect(run.exitCode).toBe(0)
    const release = await runCli(['release', '--tag', 'v1.0.0', '--format', 'json'], repo.dir)
    expect(release.exitCode).toBe(1)
    const report = releaseReport(repo)
    expect(report.schemaVersion).toBe(1)
    expect(report.verdict).toBe('blocked')
    expect(report.release.tag).toBe('v1.0.0')
    // No earlier tag: the range starts at the root commit.
    expect(report.release.base).toEqual({ sha: repo.git('rev-list', '--max-parents=0', 'HEAD'), source: 'root' })
    expect(report.release.heldOut).toMatchObject({ total: HELD.length, passed: HELD.length - 1, failed: 1 })
    expect(report.release.heldOutFailures.map((f) => f.id)).toEqual([HELD[0]])
    const finding = report.findings.find((f) => f.ruleId === 'heldout-failed')!
    expect(finding).toMatchObject({ gate: 'checklist', severity: 'critical', blocking: true })
    expect(finding.message).toContain(`'${HELD[0]}' (${titleOf(HELD[0]!)})`)
    expect(report.release.visible.map((v) => v.id)).toEqual(VISIBLE)
    expect(report.notes).toContain(`held-out checklist items: ${HELD.length} evaluated, ${HELD.length - 1} passed, 1 failed`)
    // stdout is the same report as the file.
    expect(JSON.parse(release.stdout)).toEqual(report)
    // The journal records counts and the set's hash, never an id.
    const evaluation = journal(repo).find((e) => e.type === 'heldout-eval')!
    expect(evaluation).toMatchObject({ verdict: 'blocked', passed: HELD.length - 1, failed: 1, heldOutSha256: report.release.heldOut.setSha256 })
    for (const id of HELD) expect(JSON.stringify(evaluation)).not.toContain(id)
  })

  it('a failing visible item blocks run and release', async () => {
    const repo = checklistRepo(LIST, { [VISIBLE[0]!]: 1 }, repos)
    const run = await runCli(['run', '--base', 'HEAD', '--gates', 'checklist', '--format', 'json'], repo.dir)
    expect(run.exitCode).toBe(1)
    expect(run.json().findings.map((f) => [f.ruleId, f.messageId, f.severity])).toEqual([['checklist-item-failed', 'failed', 'critical']])
    const release = await runCli(['release'], repo.dir)
    expect(release.exitCode).toBe(1)
    const report = releaseReport(repo)
    expect(report.release.tag).toBeNull()
    expect(report.release.visible.find((v) => v.id === VISIBLE[0])?.status).toBe('fail')
    expect(report.release.heldOut).toMatchObject({ total: HELD.length, passed: HELD.length, failed: 0 })
  })

  it('takes the previous release tag as the base', async () => {
    const repo = checklistRepo(LIST, {}, repos)
    repo.git('tag', 'v1.0.0')
    const previous = repo.head()
    repo.commit('next', { 'src/b.txt': 'b\n' })
    repo.git('tag', 'v1.1.0')
    const release = await runCli(['release', '--tag', 'v1.1.0'], repo.dir)
    expect(release.exitCode).toBe(0)
    expect(releaseReport(repo).release.base).toEqual({ sha: previous, source: 'previous-tag', tag: 'v1.0.0' })
    expect(release.stdout).toContain('base the previous release tag v1.0.0')
  })

  it('an unknown tag is a usage error', async () => {
    const repo = checklistRepo(LIST, {}, repos)
    const release = await runCli(['release', '--tag', 'v9'], repo.dir)
    expect(release.exitCode).toBe(64)
    expect(release.stderr).toContain("PG_HEAD_NOT_FOUND: Invalid --tag 'v9'")
  })

  it('an external checklist is all held out and leaves nothing of itself in the repository', async () => {
    const repo = checklistRepo(LIST, {}, repos)
    const secretDir = makeTempDir({
      'held-out.yml': [
        'items:',
        '  - { id: ext-platypus-gate, title: "Quokka secret acceptance", verify: "echo marsupial-output; exit 4" }',
        '  - { id: ext-echidna-gate, title: "Numbat secret acceptance", verify: "true" }',
        '',
      ].join('\n'),
    })
    const file = join(secretDir, 'held-out.yml')
    const release = await runCli(['release', '--checklist-file', file, '--format', 'json'], repo.dir)
    expect(release.exitCode).toBe(1)
    const report = releaseReport(repo)
    expect(report.release.heldOut).toMatchObject({ total: HELD.length + 2, passed: HELD.length + 1, failed: 1 })
    expect(report.release.heldOutFailures).toEqual([
      { id: 'external#1', title: '(external)', message: expect.stringContaining('#1 of the external checklist') },
    ])
    // The environment variable works the same way.
    const viaEnv = await runCli(['release'], repo.dir, { PROOFGATE_CHECKLIST_FILE: file })
    expect(viaEnv.exitCode).toBe(1)
    for (const { path, text } of allFiles(repo.dir)) {
      for (const secret of ['ext-platypus-gate', 'ext-echidna-gate', 'Quokka', 'Numbat', 'marsupial-output', 'exit 4']) {
        expect(text.includes(secret), `${path} contains ${secret}`).toBe(false)
      }
    }
  })

  it('an invalid external checklist is a configuration error naming file:line:column', async () => {
    const repo = checklistRepo(LIST, {}, repos)
    const dir = makeTempDir({ 'bad.yml': 'items:\n  - { id: Bad Id, title: t, verify: "true" }\n' })
    const release = await runCli(['release', '--checklist-file', join(dir, 'bad.yml')], repo.dir)
    expect(release.exitCode).toBe(78)
    expect(release.stderr).toContain(`PG_CHECKLIST_INVALID`)
    expect(release.stderr).toContain(`${join(dir, 'bad.yml')}:2:11  items.0.id: invalid here (the message is withheld`)
    // A duplicate id would be quoted by the schema's message: withheld.
    writeFileSync(join(dir, 'dup.yml'), 'items:\n  - { id: secret-one, title: t, verify: "true" }\n  - { id: secret-one, title: u, verify: "true" }\n')
    const dup = await runCli(['release', '--checklist-file', join(dir, 'dup.yml')], repo.dir)
    expect(dup.exitCode).toBe(78)
    expect(dup.stderr).toContain(`${join(dir, 'dup.yml')}:3:11  items.1.id:`)
    expect(dup.stderr).not.toContain('secret-one')
  })

  it('writes no next.json or next.md, and its report reads back with the release block', async () => {
    const repo = checklistRepo(LIST, { [HELD[0]!]: 1 }, repos)
    const result = await runRelease({ cwd: repo.dir, strictWarnings: false, env: {}, reporters: [], warn: () => {} })
    expect(result.exitCode).toBe(1)
    expect(existsSync(join(repo.dir, '.proofgate/next.json'))).toBe(false)
    expect(existsSync(join(repo.dir, '.proofgate/next.md'))).toBe(false)
    const back = fromJsonReport(JSON.parse(JSON.stringify(toJsonReport(result))), repo.dir)
    expect(back.release).toEqual(result.release)
    expect(fromJsonReport(releaseReport(repo), repo.dir).release?.heldOutFailures.map((f) => f.id)).toEqual([HELD[0]])
  })

  it('refuses to run the checklist where repository code is untrusted (pull_request_target), as proof does', async () => {
    const repo = checklistRepo(LIST, {}, repos)
    const settings = {
      cwd: repo.dir,
      strictWarnings: false,
      env: {},
      reporters: [],
      warn: () => {},
      refuseRepositoryCode: 'pull_request_target with the pull request checked out',
    }
    const run = await runProofgate({ ...settings, base: 'HEAD', gates: ['checklist'] })
    expect(run.gates.map((g) => [g.id, g.status])).toEqual([['checklist', 'errored']])
    expect(run.findings.map((f) => [f.gate, f.ruleId, f.severity])).toEqual([['checklist', 'gate-refused', 'critical']])
    const release = await runRelease(settings)
    expect(release.exitCode).toBe(1)
    expect(release.findings.map((f) => f.ruleId)).toContain('gate-refused')
    expect(release.release.heldOut).toMatchObject({ total: 0, passed: 0, failed: 0 })
    expect(release.notes.at(-1)).toMatch(/^the checklist gate errored \(refused: .*\): no held-out item was evaluated$/)
  })
})
