// The fake GitHub API driven by the real Octokit from @actions/github: state, pagination, spec
// validation, faults and auth; and the webhook payload helpers built from real examples.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getOctokit } from '@actions/github'
import { throttling } from '@octokit/plugin-throttling'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { faults, startGitHubApi, type CheckAnnotation, type GitHubApi, type GitHubApiOptions } from '../../helpers/github-api.js'
import { FORK_OWNER, pullRequestEvent, pushEvent, webhookExample, writeEventFile } from '../../helpers/github-events.js'

const owner = 'acme'
const repo = 'widgets'
const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)

let api: GitHubApi
let octokit: ReturnType<typeof getOctokit>

async function start(options: GitHubApiOptions = {}): Promise<void> {
  api = await startGitHubApi({ checkResponses: true, ...options })
  octokit = getOctokit('test-token', { baseUrl: api.url })
}

/** The RequestError an Octokit call rejects with. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string; response?: { headers: Record<string, string>; data: unknown } }> {
  try {
    await promise
  } catch (error) {
    return error as { status: number; message: string }
  }
  throw new Error('expected the request to fail')
}

function annotation(i: number): CheckAnnotation {
  return { path: `src/f${i}.ts`, start_line: i + 1, end_line: i + 1, annotation_level: 'warning', message: `finding ${i}` }
}

afterEach(async () => {
  await api.close()
})

describe('the fake GitHub API with the real Octokit', () => {
  beforeEach(() => start())

  it('creates a check run and appends 120 annotations over 3 batched updates', async () => {
    const created = await octokit.rest.checks.create({
      owner,
      repo,
      name: 'proofgate',
      head_sha: HEAD,
      status: 'in_progress',
      output: { title: 't', summary: 's' },
    })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({ id: 1, name: 'proofgate', head_sha: HEAD, status: 'in_progress', html_url: `${api.url}/${owner}/${repo}/runs/1` })
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(created.headers['x-github-request-id']).toMatch(/^[0-9A-F:]+$/)
    expect(created.headers['x-ratelimit-remaining']).toBe('4999')

    const all = Array.from({ length: 120 }, (_, i) => annotation(i))
    for (let i = 0; i < all.length; i += 50) {
      const last = i + 50 >= all.length
      await octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: created.data.id,
        ...(last ? { conclusion: 'failure' as const } : {}),
        output: { title: 't', summary: `batch ${i / 50}`, annotations: all.slice(i, i + 50) },
      })
    }

    const run = api.checkRuns.get(created.data.id)
    expect(run?.annotations).toHaveLength(120)
    expect(run?.annotations[119]).toEqual(all[119])
    expect(run?.updates.map((u) => (u.output as { annotations: unknown[] }).annotations.length)).toEqual([50, 50, 20])
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', output: { summary: 'batch 2' } })
    const listed = await octokit.paginate(octokit.rest.checks.listAnnotations, { owner, repo, check_run_id: created.data.id, per_page: 100 })
    expect(listed).toHaveLength(120)

    expect(api.requests.map((r) => r.operationId)).toEqual([
      'checks/create',
      'checks/update',
      'checks/update',
      'checks/update',
      'checks/list-annotations',
      'checks/list-annotations',
    ])
    expect(api.requests.every((r) => r.receivedAt >= api.startedAt)).toBe(true)
    expect(api.violations).toEqual([])
  })

  it('pages 250 comments 100 at a time with link headers Octokit follows', async () => {
    await api.close()
    await start({ comments: [...Array.from({ length: 250 }, (_, i) => ({ issue: 7, body: `c${i}` })), { issue: 8, body: 'elsewhere' }] })
    const first = await octokit.rest.issues.listComments({ owner, repo, issue_number: 7, per_page: 100 })
    const page = (n: number): string => `${api.url}/repos/${owner}/${repo}/issues/7/comments?per_page=100&page=${n}`
    expect(first.headers.link).toBe(`<${page(2)}>; rel="next", <${page(3)}>; rel="last"`)

    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: 7, per_page: 100 })
    expect(comments.map((c) => c.body)).toEqual(Array.from({ length: 250 }, (_, i) => `c${i}`))
    expect(comments[0]?.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' })
    const paged = api.requests.slice(1)
    expect(paged.map((r) => r.query)).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }, { per_page: '100', page: '3' }])
    expect(api.violations).toEqual([])
  })

  it('creates, updates and deletes a comment', async () => {
    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: 3, body: 'first' })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({ body: 'first', user: { login: 'github-actions[bot]', type: 'Bot' } })
    const id = created.data.id
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body: 'second' })
    expect(api.comments.get(id)).toMatchObject({ issue: 3, body: 'second' })
    const deleted = await octokit.rest.issues.deleteComment({ owner, repo, comment_id: id })
    expect(deleted.status).toBe(204)
    expect(api.comments.has(id)).toBe(false)
    expect((await failure(octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body: 'gone' }))).status).toBe(404)
    expect(api.violations).toEqual([])
  })

  it('serves pull requests and their labels from options, 404 otherwise', async () => {
    await api.close()
    await start({ pulls: { 5: { base: { sha: BASE, ref: 'main' }, head: { sha: HEAD }, labels: ['bug', 'proofgate:skip'], title: 'Fix it' } } })
    const pull = await octokit.rest.pulls.get({ owner, repo, pull_number: 5 })
    expect(pull.data).toMatchObject({
      number: 5,
      title: 'Fix it',
      base: { sha: BASE, ref: 'main', repo: { full_name: `${owner}/${repo}` } },
      head: { sha: HEAD },
    })
    const labels = await octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: 5 })
    expect(labels.data.map((l) => l.name)).toEqual(['bug', 'proofgate:skip'])
    expect((await failure(octokit.rest.pulls.get({ owner, repo, pull_number: 6 }))).status).toBe(404)
    expect(api.violations).toEqual([])
  })

  it('lists pull request reviews from options, paged, in responses the OpenAPI description accepts', async () => {
    await api.close()
    const reviews = Array.from({ length: 3 }, (_, i) => ({ login: `reviewer${i}`, state: 'APPROVED' as const, commitId: HEAD, association: 'MEMBER' as const }))
    await start({ reviews: { 5: [...reviews, { login: 'octocat', state: 'COMMENTED', commitId: BASE, association: 'OWNER' }] } })
    const listed = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: 5, per_page: 2 })
    expect(listed.map((r) => [r.id, r.user?.login, r.state, r.commit_id, r.author_association])).toEqual([
      [80, 'reviewer0', 'APPROVED', HEAD, 'MEMBER'],
      [81, 'reviewer1', 'APPROVED', HEAD, 'MEMBER'],
      [82, 'reviewer2', 'APPROVED', HEAD, 'MEMBER'],
      [83, 'octocat', 'COMMENTED', BASE, 'OWNER'],
    ])
    expect((await octokit.rest.pulls.listReviews({ owner, repo, pull_number: 6 })).data).toEqual([])
    expect(api.requests.map((r) => `${r.operationId} ${r.status}`)).toEqual(['pulls/list-reviews 200', 'pulls/list-reviews 200', 'pulls/list-reviews 200'])
    expect(api.violations).toEqual([])
  })
})

describe('validation against GitHub’s OpenAPI description', () => {
  beforeEach(() => start())

  it.each([
    ['an unknown status', { status: 'bogus' }, 'body/status must be one of ["queued","in_progress","completed"] (got "bogus")'],
    [
      'an annotation without path',
      { output: { title: 't', summary: 's', annotations: [{ start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' }] } },
      "body/output/annotations/0 must have required property 'path'",
    ],
    ['output without title', { output: { summary: 's' } }, "body/output must have required property 'title'"],
    [
      '51 annotations in one request',
      { output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, (_, i) => annotation(i)) } },
      'body/output/annotations must NOT have more than 50 items',
    ],
    ['completed without a conclusion', { status: 'completed' }, "conclusion is required when status is 'completed'"],
  ])('rejects a check run with %s: 422 and a violation', async (_case, extra, expected) => {
    const error = await failure(octokit.request('POST /repos/{owner}/{repo}/check-runs', { owner, repo, name: 'n', head_sha: HEAD, ...extra } as never))
    expect(error.status).toBe(422)
    expect(error.response?.data).toMatchObject({ message: 'Validation Failed', documentation_url: expect.stringContaining('docs.github.com') })
    expect(api.violations).toHaveLength(1)
    expect(api.violations[0]).toContain('POST /repos/acme/widgets/check-runs (checks/create): ')
    expect(api.violations[0]).toContain(expected)
    expect(api.checkRuns.size).toBe(0)
  })

  it('rejects an update that completes without a conclusion (the spec’s anyOf)', async () => {
    await octokit.rest.checks.create({ owner, repo, name: 'n', head_sha: HEAD })
    const error = await failure(octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner, repo, check_run_id: 1, status: 'completed' }))
    expect(error.status).toBe(422)
    expect(api.violations[0]).toContain("(checks/update): body must have required property 'conclusion'")
  })

  it('flags a path parameter of the wrong type and an unknown query parameter', async () => {
    const error = await failure(
      octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: 'seven', perPage: 10 } as never),
    )
    expect(error.status).toBe(422)
    expect(api.violations).toEqual([
      "GET /repos/acme/widgets/issues/seven/comments?perPage=10 (issues/list-comments): path parameter 'issue_number' must be integer (got \"seven\"); unknown query parameter 'perPage' (GitHub ignores it; known: since, per_page, page)",
    ])
  })

  it('answers a misspelt query parameter or body property normally, as GitHub ignores them, but flags it', async () => {
    const listed = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: 1, perPage: 100 } as never)
    expect(listed.status).toBe(200)
    const created = await octokit.request('POST /repos/{owner}/{repo}/check-runs', { owner, repo, name: 'n', head_sha: HEAD, conclution: 'success' } as never)
    expect(created.status).toBe(201)
    expect(api.violations).toEqual([
      "GET /repos/acme/widgets/issues/1/comments?perPage=100 (issues/list-comments): unknown query parameter 'perPage' (GitHub ignores it; known: since, per_page, page)",
      "POST /repos/acme/widgets/check-runs (checks/create): body has unknown property 'conclution' (GitHub ignores it)",
    ])
  })

  it('answers a wrong path with 404 and a violation', async () => {
    const error = await failure(octokit.request('GET /repos/{owner}/{repo}/check-run/{id}', { owner, repo, id: 1 }))
    expect(error.status).toBe(404)
    expect(error.message).toContain('Not Found')
    expect(api.requests[0]?.operationId).toBeNull()
    expect(api.violations).toEqual(['GET /repos/acme/widgets/check-run/1 (no operation): no operation in GitHub’s REST description matches this path'])
  })

  it('answers a real GitHub operation it does not implement with 404 and names it', async () => {
    const error = await failure(octokit.rest.repos.get({ owner, repo }))
    expect(error.status).toBe(404)
    expect(api.violations[0]).toContain("repos/get is a GitHub operation this fake does not implement (add options.handlers['repos/get'])")
  })

  it('takes handlers for more operations, validated like the built-ins', async () => {
    await api.close()
    await start({ handlers: { 'repos/get': ({ params }) => ({ status: 200, body: { full_name: `${String(params.owner)}/${String(params.repo)}` } }) } })
    expect((await octokit.rest.repos.get({ owner, repo })).data.full_name).toBe(`${owner}/${repo}`)
    expect(api.violations).toEqual([])
  })

  it('flags a request for another repository when one is configured', async () => {
    await api.close()
    await start({ repository: { owner, repo } })
    const error = await failure(octokit.rest.issues.createComment({ owner: FORK_OWNER, repo, issue_number: 1, body: 'x' }))
    expect(error.status).toBe(404)
    expect(api.violations[0]).toContain(`targets ${FORK_OWNER}/${repo} but this fake serves ${owner}/${repo}`)
  })
})

describe('auth', () => {
  beforeEach(() => start())

  it('answers a request without a token with 401', async () => {
    const response = await fetch(`${api.url}/repos/${owner}/${repo}/pulls/1`, { headers: { 'user-agent': 'test' } })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ message: 'Requires authentication' })
    expect(api.violations).toEqual([`GET /repos/${owner}/${repo}/pulls/1 (pulls/get): no authorization header`])
  })

  it('answers a wrong token with 401 Bad credentials', async () => {
    const error = await failure(getOctokit('other-token', { baseUrl: api.url }).rest.issues.listComments({ owner, repo, issue_number: 1 }))
    expect(error.status).toBe(401)
    expect(error.message).toContain('Bad credentials')
    expect(api.violations).toHaveLength(1)
  })

  it('accepts a Bearer token', async () => {
    const response = await fetch(`${api.url}/repos/${owner}/${repo}/issues/1/comments`, {
      headers: { 'user-agent': 'test', authorization: 'Bearer test-token' },
    })
    expect(response.status).toBe(200)
    expect(api.violations).toEqual([])
  })
})

describe('fault injection', () => {
  beforeEach(() => start())

  it('gives the fork-PR 403 once, then answers normally', async () => {
    api.fail({ operationId: 'issues/create-comment' }, faults.forbiddenForFork())
    const error = await failure(octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'x' }))
    expect(error.status).toBe(403)
    expect(error.message).toBe('Resource not accessible by integration - https://docs.github.com/rest/issues/comments#create-an-issue-comment')
    expect((await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'x' })).status).toBe(201)
    expect(api.requests.map((r) => [r.operationId, r.status])).toEqual([
      ['issues/create-comment', 403],
      ['issues/create-comment', 201],
    ])
    expect(api.violations).toEqual([])
  })

  it('matches by method and path and counts down `times`', async () => {
    api.fail({ method: 'get', pathRegex: /\/pulls\/\d+$/ }, faults.serverError(), 2)
    for (let i = 0; i < 2; i++) expect((await failure(octokit.rest.pulls.get({ owner, repo, pull_number: 1 }))).status).toBe(502)
    expect((await failure(octokit.rest.pulls.get({ owner, repo, pull_number: 1 }))).status).toBe(404)
  })

  it('sends a secondary rate limit that @octokit/plugin-throttling recognises and retries', async () => {
    const waits: number[] = []
    const throttled = getOctokit(
      'test-token',
      {
        baseUrl: api.url,
        throttle: {
          retryAfterBaseValue: 10,
          onSecondaryRateLimit: (retryAfter: number) => {
            waits.push(retryAfter)
            return true
          },
          onRateLimit: () => false,
        },
      },
      throttling,
    )
    api.fail({ operationId: 'issues/list-comments' }, faults.secondaryRateLimit())
    const response = await throttled.rest.issues.listComments({ owner, repo, issue_number: 1 })
    expect(response.status).toBe(200)
    expect(waits).toEqual([1])
    expect(api.requests.map((r) => r.status)).toEqual([403, 200])
  })
})

describe('webhook payloads from @octokit/webhooks-examples', () => {
  beforeEach(() => start())

  it('rewrites a pull_request payload: SHAs, refs, number, labels and repository', () => {
    const event = pullRequestEvent({
      action: 'labeled',
      baseSha: BASE,
      headSha: HEAD,
      baseRef: 'main',
      headRef: 'topic',
      number: 42,
      labels: ['bug', 'gate'],
      owner,
      repo,
    })
    const pr = event.pull_request
    expect(event).toMatchObject({
      action: 'labeled',
      number: 42,
      label: { name: 'gate' },
      repository: { full_name: `${owner}/${repo}`, owner: { login: owner } },
    })
    expect(pr).toMatchObject({ number: 42, base: { sha: BASE, ref: 'main', label: `${owner}:main` }, head: { sha: HEAD, ref: 'topic' } })
    expect(pr.base.repo.full_name).toBe(`${owner}/${repo}`)
    expect(pr.head.repo?.full_name).toBe(`${owner}/${repo}`)
    expect(pr.labels.map((l) => l.name)).toEqual(['bug', 'gate'])
    expect(Object.keys(pr.labels[0] ?? {}).sort()).toEqual(Object.keys(webhookExample('pull_request', 'labeled').pull_request.labels[0] ?? {}).sort())
    expect(pr.url).toBe(`https://api.github.com/repos/${owner}/${repo}/pulls/42`)
    expect(pr.statuses_url).toBe(`https://api.github.com/repos/${owner}/${repo}/statuses/${HEAD}`)
    expect(JSON.stringify(event)).not.toContain('Hello-World')
  })

  it('puts a fork PR’s head in fork-owner/<repo>', () => {
    const event = pullRequestEvent({ baseSha: BASE, headSha: HEAD, fork: true, owner, repo })
    const head = event.pull_request.head
    expect(head.repo).toMatchObject({ full_name: `${FORK_OWNER}/${repo}`, fork: true, owner: { login: FORK_OWNER } })
    expect(head.label).toBe(`${FORK_OWNER}:changes`)
    expect(head.repo?.id).not.toBe(event.pull_request.base.repo.id)
    expect(event.pull_request.base.repo).toMatchObject({ full_name: `${owner}/${repo}`, fork: false })
    expect(event.repository.full_name).toBe(`${owner}/${repo}`)
  })

  it('sets before/after on synchronize', () => {
    const event = pullRequestEvent({ action: 'synchronize', baseSha: BASE, headSha: HEAD, before: 'c'.repeat(40) })
    expect(event).toMatchObject({ action: 'synchronize', before: 'c'.repeat(40), after: HEAD })
  })

  it('rewrites a push payload', () => {
    const event = pushEvent({ before: BASE, after: HEAD, ref: 'refs/heads/main', owner, repo })
    expect(event).toMatchObject({ ref: 'refs/heads/main', before: BASE, after: HEAD, created: false, deleted: false, head_commit: { id: HEAD } })
    expect(event.compare).toBe(`https://github.com/${owner}/${repo}/compare/${BASE.slice(0, 12)}...${HEAD.slice(0, 12)}`)
  })

  it('returns independent deep copies and explains a missing action', () => {
    const a = webhookExample('pull_request', 'opened')
    a.pull_request.title = 'changed'
    expect(webhookExample('pull_request', 'opened').pull_request.title).not.toBe('changed')
    expect(() => webhookExample('pull_request', 'frobbed')).toThrow(/Actions with examples: opened, assigned, closed/)
    expect(() => webhookExample('push', undefined, 99)).toThrow(/No webhook example #99 for 'push' \(7 available\)/)
  })

  it('writes an event file for GITHUB_EVENT_PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proofgate-event-'))
    try {
      const event = pullRequestEvent({ baseSha: BASE, headSha: HEAD })
      const path = writeEventFile(dir, event)
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(event)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
