// The Action's release mode end to end: dist/index.js in a real process on a real clone with tags,
// real `release` and tag `push` webhook payloads, and the OpenAPI-validated fake GitHub API. The
// held-out items' ids and titles must reach no request body, no summary and no log line.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../../helpers/action.js'
import { useGitHubApi, type GitHubApi } from '../../helpers/github-api.js'
import { pullRequestEvent, pushEvent, releaseEvent, tagPushEvent } from '../../helpers/github-events.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, removeTempDirs } from '../../helpers/repo.js'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

/** The reservation rule, computed here independently: the first round(N/4) ids by sha256 hex, ascending. */
function heldOutOf(ids: string[]): string[] {
  const count = ids.length < 4 ? 0 : Math.min(5, Math.max(1, Math.round(ids.length * 0.25)))
  const rank = (id: string): string => createHash('sha256').update(id).digest('hex')
  return [...ids].sort((a, b) => (rank(a) < rank(b) ? -1 : 1)).slice(0, count)
}

const IDS = ['export-csv', 'import-json', 'login-sso', 'search-fast']
const TITLE = (id: string): string => `Acceptance of ${id} works end to end`
const [RESERVED] = heldOutOf(IDS) as [string]

/** `.proofgate/checklist.yml` whose items pass, except those in `failing` (they test for a file that is not there). */
function checklist(failing: readonly string[] = []): string {
  const items = IDS.map(
    (id) =>
      `  - id: ${id}\n    title: "${TITLE(id)}"\n    verify: ${failing.includes(id) ? 'test -f missing-file.txt' : 'test -f src/app.js'}\n    timeout: 30`,
  )
  return `items:\n${items.join('\n')}\n`
}

/** The external file the workflow writes from the secret: every item held out. */
const EXTERNAL_PASS = 'items:\n  - { id: secret-smoke, title: "Secret smoke test passes", verify: "true" }\n'
const EXTERNAL_FAIL = 'items:\n  - { id: secret-refund, title: "Secret refund flow pays back", verify: "exit 3" }\n'

interface Release {
  /** A full clone checked out (detached) at the tag, as actions/checkout with fetch-depth: 0 does. */
  workspace: string
  tagSha: string
  previousSha: string
}

const CONFIG = 'gates:\n  checklist: { mode: blocking }\n'

/**
 * v1.0.0 on the first commit, then a commit with the checklist (and `changes`) tagged `tag`
 * (annotated), cloned through a bare remote.
 */
function release(tag: string, failing: readonly string[] = [], changes: Record<string, string> = {}): Release {
  const source = makeTempGitRepo({ files: { '.proofgate.yml': CONFIG, 'src/app.js': 'export const app = 1\n' } })
  const previousSha = source.head()
  source.git('tag', 'v1.0.0')
  const tagSha = source.commit('feature work', { 'src/app.js': 'export const app = 2\n', '.proofgate/checklist.yml': checklist(failing), ...changes })
  source.git('tag', '-a', '-m', `release ${tag}`, tag)
  const bare = makeTempDir({}, 'proofgate-remote-')
  git(bare, 'clone', '-q', '--bare', source.dir, '.')
  source.cleanup()
  const workspace = makeTempDir({}, 'proofgate-workspace-')
  git(workspace, 'clone', '-q', `file://${bare}`, '.')
  git(workspace, 'checkout', '-q', '--detach', `refs/tags/${tag}`)
  return { workspace, tagSha, previousSha }
}

/** The held-out file in RUNNER_TEMP-like place, mode 600, as the workflow writes it. */
function secretFile(text: string): string {
  const dir = makeTempDir({}, 'proofgate-secret-')
  const file = join(dir, 'held-out.yml')
  writeFileSync(file, text)
  chmodSync(file, 0o600)
  return file
}

let api: GitHubApi
useGitHubApi((started) => (api = started))
afterAll(removeTempDirs)

/** Everything the run published or printed: every request body, the job summary, stdout and stderr. */
function published(run: ActionRun): string {
  return [JSON.stringify(api.requests.map((r) => r.body)), run.summary, run.stdout, run.stderr].join('\n')
}

async function releaseRun(r: Release, payload: unknown, inputs: Record<string, string>, eventName = 'release'): Promise<ActionRun> {
  return runAction({ workspace: r.workspace, eventName, payload, sha: r.tagSha, apiUrl: api.url, inputs: { mode: 'release', gates: 'checklist', ...inputs } })
}

describe('the Action in release mode', () => {
  it('passes a release: check run "proofgate release" on the tagged commit, visible items by name, held-out ones as counts', async () => {
    const r = release('v1.1.0')
    const run = await releaseRun(r, releaseEvent({ tag: 'v1.1.0' }), { 'checklist-file': secretFile(EXTERNAL_PASS) })

    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs).toMatchObject({ verdict: 'pass', 'exit-code': '0', 'blocking-count': '0' })
    const report = JSON.parse(readFileSync(run.outputs['report-path']!, 'utf8')) as {
      base: { sha: string }
      head: { sha: string }
      release: { tag: string; base: { sha: string; source: string }; heldOut: { total: number; passed: number; failed: number } }
    }
    expect(report.release).toMatchObject({ tag: 'v1.1.0', base: { sha: r.previousSha, source: 'previous-tag' }, heldOut: { total: 2, passed: 2, failed: 0 } })
    expect(report.head.sha).toBe(r.tagSha)

    expect(api.checkRuns.size).toBe(1)
    const check = [...api.checkRuns.values()][0]!
    expect(check).toMatchObject({ name: 'proofgate release', head_sha: r.tagSha, status: 'completed', conclusion: 'success' })
    expect(check.created).toMatchObject({ status: 'in_progress', head_sha: r.tagSha })
    expect(check.output.title).toBe('Release v1.1.0 — Passed: no findings · held-out 2/2 passed')
    const visible = IDS.filter((id) => id !== RESERVED)
    for (const id of visible) expect(check.output.summary).toContain(`| \`${id}\` | ${TITLE(id)} | ✅ pass |`)
    expect(check.output.summary).toContain('**Held-out items:** 2 passed, 0 failed of 2.')
    expect(run.summary).toContain('## ✅ proofgate release v1.1.0: Passed')
    expect(run.summary).toContain('**Held-out items:** 2 passed, 0 failed of 2.')
    // Held-out items, the reserved in-repository one and the external one, appear nowhere published.
    for (const secret of [RESERVED, TITLE(RESERVED), 'secret-smoke', 'Secret smoke test passes']) expect(published(run)).not.toContain(secret)
  })

  it('blocks on failing held-out items: conclusion failure, counts only, their ids and titles in no request, summary or log', async () => {
    const r = release('v2.0.0', [RESERVED])
    const run = await releaseRun(r, releaseEvent({ tag: 'v2.0.0' }), { 'checklist-file': secretFile(EXTERNAL_FAIL) })

    expect(run.exitCode, run.stdout + run.stderr).toBe(1)
    expect(run.outputs).toMatchObject({ verdict: 'blocked', 'exit-code': '1', 'blocking-count': '2' })
    const check = [...api.checkRuns.values()][0]!
    expect(check).toMatchObject({ name: 'proofgate release', head_sha: r.tagSha, conclusion: 'failure' })
    expect(check.output.title).toBe('Release v2.0.0 — Blocked: 2 critical · held-out 0/2 passed')
    expect(check.output.summary).toContain('**Held-out items:** 0 passed, 2 failed of 2.')
    expect(check.output.summary).toContain('a held-out checklist item failed (1 of 2); which one is named in the release report only')
    expect(run.summary).toContain('**Held-out items:** 0 passed, 2 failed of 2.')
    expect(run.summary).toContain('## ❌ proofgate release v2.0.0: Blocked')
    const text = published(run)
    for (const secret of [RESERVED, TITLE(RESERVED), 'secret-refund', 'Secret refund flow pays back', 'missing-file.txt', 'exit 3'])
      expect(text, secret).not.toContain(secret)

    // The release report on the runner names the in-repository one: that is where a maintainer reads it.
    const report = JSON.parse(readFileSync(run.outputs['report-path']!, 'utf8')) as { release: { heldOutFailures: Array<{ id: string }> } }
    expect(report.release.heldOutFailures.map((f) => f.id)).toContain(RESERVED)
  })

  it('runs on a push of a tag, with a custom check name', async () => {
    const r = release('v3.0.0')
    const run = await releaseRun(r, tagPushEvent({ tag: 'v3.0.0', after: r.tagSha }), { 'check-name': 'gate' }, 'push')
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const check = [...api.checkRuns.values()][0]!
    expect(check).toMatchObject({ name: 'gate release', head_sha: r.tagSha, conclusion: 'success' })
    expect(check.output.title).toBe('Release v3.0.0 — Passed: no findings · held-out 1/1 passed')
  })

  it('blocks a loosening of the gate in the release range: no pull request to approve on, and the note says so', async () => {
    const r = release('v2.1.0', [], { '.proofgate.yml': 'gates:\n  checklist: { mode: advisory }\n' })
    const run = await releaseRun(r, releaseEvent({ tag: 'v2.1.0' }), { gates: 'checklist,gate-integrity' })
    expect(run.exitCode, run.stdout + run.stderr).toBe(1)
    expect(run.outputs).toMatchObject({ verdict: 'blocked', 'exit-code': '1' })
    const check = [...api.checkRuns.values()][0]!
    expect(check).toMatchObject({ name: 'proofgate release', conclusion: 'failure' })
    expect(check.output.summary).toContain('`gate-integrity/config-weakened`')
    expect(check.output.summary).toContain('**needs approval**')
    const note = '1 finding needs a human approval and blocks: a release has no pull request to approve on.'
    expect(check.output.summary).toContain(note)
    expect(run.summary).toContain(note)
    // No reviews are asked for: there is no pull request.
    expect(api.requests.map((q) => q.operationId)).not.toContain('pulls/list-reviews')
  })

  it.each([
    [
      'pull_request',
      () => pullRequestEvent({ baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40) }),
      'mode: release runs on a published release or a push of a tag, not on pull_request',
    ],
    [
      'push',
      () => pushEvent({ before: 'a'.repeat(40), after: 'b'.repeat(40), ref: 'refs/heads/main' }),
      "mode: release runs on a push of a tag (refs/tags/*), not of 'refs/heads/main'",
    ],
    ['release', () => releaseEvent({ tag: 'v4.0.0', action: 'created' }), "mode: release runs on a published release, not on release 'created'"],
  ])('refuses a %s event with a named error and its remedy, publishing nothing', async (eventName, payload, message) => {
    const r = release('v4.0.0')
    const run = await releaseRun(r, payload(), {}, eventName)
    // The step fails (process exit 1, as @actions/core's setFailed does); the exit-code output names the usage error.
    expect(run.exitCode).toBe(1)
    expect(run.outputs['exit-code']).toBe('64')
    expect(run.stdout).toContain(`PG_RELEASE_EVENT: ${message}`)
    expect(run.stdout).toContain('release: types: [published]')
    expect(api.requests).toEqual([])
  })

  it('refuses an invalid checklist-file by line and column, without quoting the secret', async () => {
    const r = release('v6.0.0')
    const file = secretFile('items:\n  - { id: secret-twice, title: "A", verify: "true" }\n  - { id: secret-twice, title: "B", verify: "true" }\n')
    const run = await releaseRun(r, releaseEvent({ tag: 'v6.0.0' }), { 'checklist-file': file })
    expect(run.exitCode).toBe(1)
    expect(run.outputs['exit-code']).toBe('78')
    expect(run.stdout).toContain('PG_CHECKLIST_INVALID')
    expect(run.stdout).toContain(`${file}:3:`)
    expect(run.stdout).toContain('the message is withheld')
    expect(published(run)).not.toContain('secret-twice')
    expect(api.requests).toEqual([])
  })

  it('refuses a checklist-file that does not exist with a named error, publishing nothing', async () => {
    const r = release('v5.0.0')
    const missing = join(makeTempDir({}, 'proofgate-secret-'), 'held-out.yml')
    const run = await releaseRun(r, releaseEvent({ tag: 'v5.0.0' }), { 'checklist-file': missing })
    expect(run.exitCode).toBe(1)
    expect(run.outputs['exit-code']).toBe('78')
    expect(run.stdout).toContain(`PG_CHECKLIST_INVALID: Invalid input 'checklist-file': ${missing} does not exist`)
    expect(run.stdout).toContain('PROOFGATE_HELDOUT_CHECKLIST')
    expect(api.requests).toEqual([])
  })
})
