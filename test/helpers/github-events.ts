// Real webhook payloads from @octokit/webhooks-examples for tests, read from the package at test
// time (never copied into the repo) and rewritten only where a test needs its own SHAs, refs and repo.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { WebhookDefinition } from '@octokit/webhooks-examples'

/** A webhook event name known to @octokit/webhooks-examples, e.g. `'pull_request'`, `'push'`. */
export type WebhookEventName = WebhookDefinition['name']
/** The payload type of `event` (a union over its actions). */
export type WebhookPayload<E extends WebhookEventName> = WebhookDefinition<E>['examples'][number]
/** The payload type of `event` narrowed to `action` when the types know that action. */
export type WebhookPayloadFor<E extends WebhookEventName, A extends string> = [A] extends [never]
  ? WebhookPayload<E>
  : Extract<WebhookPayload<E>, { action: A }>

export type PullRequestEvent = WebhookPayload<'pull_request'>
export type PushEvent = WebhookPayload<'push'>
export type ReleaseEvent = WebhookPayload<'release'>

type Dict = Record<string, unknown>

let definitions: readonly WebhookDefinition[] | undefined

function loadDefinitions(): readonly WebhookDefinition[] {
  if (!definitions) {
    const file = createRequire(import.meta.url).resolve('@octokit/webhooks-examples/api.github.com/index.json')
    definitions = JSON.parse(readFileSync(file, 'utf8')) as WebhookDefinition[]
  }
  return definitions
}

/**
 * A deep copy of a real webhook payload from @octokit/webhooks-examples: the `index`-th example of
 * `event` whose `action` is `action` (any action when omitted). Throws, naming the events or the
 * actions that do have examples, when there is none.
 */
export function webhookExample<E extends WebhookEventName, A extends string = never>(event: E, action?: A, index = 0): WebhookPayloadFor<E, A> {
  const definition = loadDefinitions().find((d) => d.name === event)
  if (!definition) {
    const names = loadDefinitions()
      .map((d) => d.name)
      .join(', ')
    throw new Error(`No webhook examples for event '${event}': expected one of ${names}.`)
  }
  const examples = (definition.examples as unknown as Dict[]).filter((e) => action === undefined || e.action === action)
  const example = examples[index]
  if (!example) {
    const withExamples = [...new Set(definition.examples.map((e) => (e as Dict).action).filter((a) => a !== undefined))]
    const what = action === undefined ? `'${event}'` : `'${event}' with action '${action}'`
    throw new Error(
      `No webhook example #${index} for ${what} (${examples.length} available). ` +
        `Actions with examples: ${withExamples.join(', ') || '(none: this event has no action)'}.`,
    )
  }
  return structuredClone(example) as WebhookPayloadFor<E, A>
}

export interface PullRequestEventOptions {
  /** Default `'opened'`. */
  action?: 'opened' | 'synchronize' | 'labeled'
  baseSha: string
  headSha: string
  /** Branch name without `refs/heads/`; default the example's (`master`). */
  baseRef?: string
  /** Branch name without `refs/heads/`; default the example's (`changes`). */
  headRef?: string
  /** Default the example's (2). */
  number?: number
  /** Label names on the pull request; for `labeled`, the last one is the label just added. */
  labels?: string[]
  /** The head branch lives in `fork-owner/<repo>`, a fork of the base repository. */
  fork?: boolean
  /** Base repository owner and name; default the example's (`Codertocat/Hello-World`). */
  owner?: string
  repo?: string
  /** `synchronize` only: the previous head commit (payload `before`); default `baseSha`. */
  before?: string
}

/** The owner login of a fork PR's head repository in {@link pullRequestEvent}. */
export const FORK_OWNER = 'fork-owner'

/**
 * A real `pull_request` webhook payload with only these rewritten: base/head SHA and ref, the
 * number, the labels (shaped like the example's), the base repository's owner and name, and, with
 * `fork: true`, a head repository `fork-owner/<repo>` (`fork: true`). URLs that embed a rewritten
 * value are rewritten with it, so the payload stays self-consistent.
 */
export function pullRequestEvent(options: PullRequestEventOptions): PullRequestEvent {
  const action = options.action ?? 'opened'
  const payload = webhookExample('pull_request', action) as unknown as Dict
  const pr = dict(payload.pull_request)
  const base = dict(pr.base)
  const head = dict(pr.head)
  const repository = dict(payload.repository)
  const oldFullName = String(repository.full_name)
  const oldOwner = String(dict(repository.owner).login)
  const oldNumber = Number(payload.number)
  const owner = options.owner ?? oldOwner
  const repo = options.repo ?? String(repository.name)
  const number = options.number ?? oldNumber
  const baseRef = options.baseRef ?? String(base.ref)
  const headRef = options.headRef ?? String(head.ref)

  // One pass for the SHAs so a new SHA that equals an old one is not rewritten twice.
  const shas = new Map([
    [String(base.sha), options.baseSha],
    [String(head.sha), options.headSha],
  ])
  const shaPattern = new RegExp([...shas.keys()].join('|'), 'g')
  const numberPattern = new RegExp(`/(pulls|pull|issues)/${oldNumber}(?=$|[/?#.])`, 'g')
  mapStrings(payload, (s) =>
    s
      .replace(shaPattern, (sha) => shas.get(sha) ?? sha)
      .replace(repoPattern(oldFullName), `${owner}/${repo}`)
      .replace(numberPattern, (_m, kind: string) => `/${kind}/${number}`),
  )

  payload.number = number
  pr.number = number
  for (const r of [repository, dict(base.repo), dict(head.repo)]) renameRepo(r, owner, repo, oldOwner)
  for (const user of [dict(base.user), dict(head.user)]) if (user.login === oldOwner) renameUser(user, owner)
  base.ref = baseRef
  base.label = `${owner}:${baseRef}`
  head.ref = headRef
  head.label = `${owner}:${headRef}`

  const labelTemplate = exampleLabel()
  const labels = (options.labels ?? []).map((name, i) => labelObject(labelTemplate, owner, repo, name, i))
  pr.labels = labels
  if (action === 'labeled') {
    const added = labels.at(-1)
    if (!added) throw new Error(`pullRequestEvent: action 'labeled' needs at least one label in 'labels'.`)
    payload.label = added
  }
  if (action === 'synchronize') {
    payload.before = options.before ?? options.baseSha
    payload.after = options.headSha
  }

  if (options.fork) {
    const forkRepo = structuredClone(dict(base.repo))
    mapStrings(forkRepo, (s) => s.replace(repoPattern(`${owner}/${repo}`), `${FORK_OWNER}/${repo}`))
    renameRepo(forkRepo, FORK_OWNER, repo, owner)
    forkRepo.id = Number(forkRepo.id) + 1
    forkRepo.node_id = Buffer.from(`010:Repository${String(forkRepo.id)}`).toString('base64')
    forkRepo.fork = true
    const forkOwner = dict(forkRepo.owner)
    forkOwner.id = Number(forkOwner.id) + 1
    forkOwner.node_id = Buffer.from(`04:User${String(forkOwner.id)}`).toString('base64')
    head.repo = forkRepo
    head.user = structuredClone(forkOwner)
    head.label = `${FORK_OWNER}:${headRef}`
  }
  return payload as unknown as PullRequestEvent
}

export interface PushEventOptions {
  /** The previous tip; all zeros for a new branch. */
  before: string
  after: string
  /** Full ref; default the example's (`refs/heads/master`). */
  ref?: string
  owner?: string
  repo?: string
}

/**
 * A real `push` webhook payload (a branch push, or a tag push when `ref` is `refs/tags/…`) with `before`, `after`, `ref` (and the repository's owner
 * and name when given) rewritten; `created`/`deleted` and the `compare` URL follow from the SHAs.
 */
export function pushEvent(options: PushEventOptions): PushEvent {
  const examples = loadDefinitions().find((d) => d.name === 'push')?.examples ?? []
  // A tag push starts from the example of a tag push (no base_ref, created), a branch push from a branch's.
  const kind = options.ref?.startsWith('refs/tags/') === true ? 'refs/tags/' : 'refs/heads/'
  const index = (examples as unknown as Dict[]).findIndex((e) => String(e.ref).startsWith(kind))
  const payload = webhookExample('push', undefined, index) as unknown as Dict
  const repository = dict(payload.repository)
  const oldFullName = String(repository.full_name)
  const oldOwner = String(dict(repository.owner).login)
  const owner = options.owner ?? oldOwner
  const repo = options.repo ?? String(repository.name)
  const oldAfter = String(payload.after)
  // Commit ids and URLs embed the head SHA; `before` (all zeros in the example) is set below.
  mapStrings(payload, (s) => s.replaceAll(oldAfter, options.after).replace(repoPattern(oldFullName), `${owner}/${repo}`))
  renameRepo(repository, owner, repo, oldOwner)
  const zero = /^0+$/
  payload.ref = options.ref ?? payload.ref
  payload.before = options.before
  payload.after = options.after
  payload.created = zero.test(options.before)
  payload.deleted = zero.test(options.after)
  payload.compare = payload.created
    ? `https://github.com/${owner}/${repo}/commit/${options.after}`
    : `https://github.com/${owner}/${repo}/compare/${options.before.slice(0, 12)}...${options.after.slice(0, 12)}`
  return payload as unknown as PushEvent
}

export interface ReleaseEventOptions {
  /** The release's tag (`release.tag_name`); URLs that embed the example's tag follow it. */
  tag: string
  /** Default `'published'`. */
  action?: 'published' | 'created' | 'edited' | 'prereleased' | 'released'
  /** The branch or commit the tag was created from (`release.target_commitish`); default the example's. */
  targetCommitish?: string
}

/**
 * A real `release` webhook payload (the first example with `action`) with the tag rewritten in
 * `tag_name` and in the URLs that embed it.
 */
export function releaseEvent(options: ReleaseEventOptions): ReleaseEvent {
  const payload = webhookExample('release', options.action ?? 'published') as unknown as Dict
  const release = dict(payload.release)
  const oldTag = String(release.tag_name)
  mapStrings(release, (s) => s.replace(new RegExp(`/(tag|tarball|zipball)/${escapeRegExp(oldTag)}$`), (_m, kind: string) => `/${kind}/${options.tag}`))
  release.tag_name = options.tag
  if (options.targetCommitish !== undefined) release.target_commitish = options.targetCommitish
  return payload as unknown as ReleaseEvent
}

/** A real tag `push` payload (`refs/tags/<tag>`, created) for `after`, the tag's commit. */
export function tagPushEvent(options: { tag: string; after: string }): PushEvent {
  return pushEvent({ before: '0'.repeat(40), after: options.after, ref: `refs/tags/${options.tag}` })
}

/** Writes `payload` as JSON to `<dir>/<name>` (directories created) for GITHUB_EVENT_PATH; returns that path. */
export function writeEventFile(dir: string, payload: unknown, name = 'event.json'): string {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, name)
  writeFileSync(path, `${JSON.stringify(payload, null, 2)}\n`)
  return path
}

/** The first label object in any pull_request example: the shape labels are built from. */
function exampleLabel(): Dict {
  for (const example of loadDefinitions().find((d) => d.name === 'pull_request')?.examples ?? []) {
    const label = (dict((example as unknown as Dict).pull_request).labels as Dict[] | undefined)?.[0]
    if (label) return label
  }
  throw new Error('No label in any pull_request example of @octokit/webhooks-examples.')
}

function labelObject(template: Dict, owner: string, repo: string, name: string, i: number): Dict {
  const id = 1_000_000 + i
  return {
    ...structuredClone(template),
    id,
    node_id: Buffer.from(`05:Label${id}`).toString('base64'),
    url: `https://api.github.com/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    default: false,
    description: null,
  }
}

function renameRepo(repository: Dict, owner: string, repo: string, oldOwner: string): void {
  repository.name = repo
  repository.full_name = `${owner}/${repo}`
  const ownerObject = dict(repository.owner)
  // Push payloads give the owner a `name` too.
  if (ownerObject.name === oldOwner) ownerObject.name = owner
  if (ownerObject.login === oldOwner) renameUser(ownerObject, owner)
}

/** Sets a user object's login and the URLs that embed it (`/users/<login>`, `github.com/<login>`). */
function renameUser(user: Dict, login: string): void {
  const old = String(user.login)
  mapStrings(user, (s) => s.replaceAll(`/users/${old}`, `/users/${login}`).replace(new RegExp(`github\\.com/${escapeRegExp(old)}$`), `github.com/${login}`))
  user.login = login
}

/** Replaces every string value in `node` (objects and arrays, in place) with `fn(value)`. */
function mapStrings(node: unknown, fn: (s: string) => string): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      if (typeof v === 'string') node[i] = fn(v)
      else mapStrings(v, fn)
    })
  } else if (node && typeof node === 'object') {
    const obj = node as Dict
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'string') obj[k] = fn(v)
      else mapStrings(v, fn)
    }
  }
}

function dict(value: unknown): Dict {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`Expected an object in the webhook example, got ${JSON.stringify(value)}`)
  return value as Dict
}

/** `owner/name` where a URL embeds it: after '/' or ':' (ssh), before '/', '.git', '?', '#' or the end. */
function repoPattern(fullName: string): RegExp {
  return new RegExp(`(?<=[/:])${escapeRegExp(fullName)}(?=$|[/?#]|\\.git$)`, 'g')
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
