// A stand-in for the GitHub REST API on 127.0.0.1 for tests: every request is recorded and checked
// against GitHub's OpenAPI description, and the operations proofgate uses keep in-memory state.
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import ajvFormats from 'ajv-formats'
import { afterEach, beforeEach, expect } from 'vitest'
import { pullRequestEvent } from './github-events.js'

// ---------------------------------------------------------------------------------------------
// Public types

/** One request as the server received it. */
export interface RecordedRequest {
  method: string
  /** Path without the query string, as sent (still percent-encoded). */
  path: string
  /** Query parameters; a repeated key becomes an array. */
  query: Record<string, string | string[]>
  /** Header names lower-cased; repeated headers joined with ', '. */
  headers: Record<string, string>
  /** Parsed JSON body, the raw text for a non-JSON body, or undefined when there was none. */
  body: unknown
  /** The GitHub operation the method and path match (e.g. 'checks/create'), or null. */
  operationId: string | null
  /** The status the server answered with (0 until it has answered). */
  status: number
  /** When the request arrived: performance.timeOrigin + performance.now(), in ms since the epoch. */
  receivedAt: number
}

/** A check-run annotation as the Checks API takes it (the shape proofgate sends). */
export type { CheckAnnotation } from '../../src/reporters/annotations.js'
import type { CheckAnnotation } from '../../src/reporters/annotations.js'

export interface StoredCheckRun {
  id: number
  owner: string
  repo: string
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  details_url: string | null
  external_id: string | null
  /** ISO 8601 timestamps. */
  started_at: string | null
  completed_at: string | null
  output: { title: string | null; summary: string | null; text: string | null }
  /** Every annotation sent, create first, then each update's, in order (GitHub appends them). */
  annotations: CheckAnnotation[]
  /** The body of the create request. */
  created: Record<string, unknown>
  /** The body of every update request, in order. */
  updates: Array<Record<string, unknown>>
}

/**
 * Comments and check runs are found by id (comments listed by issue number) whatever repository a
 * request names; set `options.repository` to check that requests target the right one.
 */
export interface StoredComment {
  id: number
  /** Where it was posted; null for a seeded comment when no `options.repository` is set. */
  owner: string | null
  repo: string | null
  issue: number
  body: string
  userType: 'Bot' | 'User'
  /** ISO 8601 timestamps. */
  created_at: string
  updated_at: string
}

/** Which requests a fault applies to; every given field must match. */
export interface FaultMatcher {
  /** Case-insensitive HTTP method. */
  method?: string
  operationId?: string
  /** Tested against the path without the query string. */
  pathRegex?: RegExp
}

export interface FaultContext {
  request: RecordedRequest
  /** The `x-github-request-id` this response carries. */
  requestId: string
  /** The operation's documentation URL, or GitHub's REST landing page for an unknown route. */
  documentationUrl: string
}

/** What a faulted request gets instead of the normal answer. */
export interface FaultResponse {
  status: number
  /** JSON body, or a function of the request that returns one; omitted for no body. */
  body?: unknown
  headers?: Record<string, string>
}

export interface HandlerContext {
  operationId: string
  /** Path parameters, coerced to the spec's types (e.g. `check_run_id` is a number). */
  params: Record<string, unknown>
  /** Query parameters, coerced to the spec's types. */
  query: Record<string, unknown>
  body: unknown
  request: RecordedRequest
  api: GitHubApi
  /** The operation's page on docs.github.com, for error bodies. */
  documentationUrl: string
}

export interface ApiResponse {
  status: number
  /** Serialised as JSON; omitted for no body. */
  body?: unknown
  headers?: Record<string, string>
}

/** Answers one operation; runs only for requests that passed validation. */
export type Handler = (ctx: HandlerContext) => ApiResponse | Promise<ApiResponse>

/** A pull request review the fake lists. */
export interface ReviewSeed {
  login: string
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'
  /** The commit the review was submitted on. */
  commitId: string
  association: 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'FIRST_TIME_CONTRIBUTOR' | 'FIRST_TIMER' | 'MANNEQUIN' | 'NONE'
  body?: string
}

export interface GitHubApiOptions {
  /** The token requests must carry as `token <t>` or `Bearer <t>`; default 'test-token'. */
  token?: string
  /** When set, requests for any other repository get 404 and a violation. */
  repository?: { owner: string; repo: string }
  /** Pull requests `pulls/get` knows, by number: fields merged over a real PR payload (labels may be names). */
  pulls?: Record<number, Record<string, unknown>>
  /** Reviews `pulls/list-reviews` lists, by pull request number, oldest first; ids 80..n in this order. */
  reviews?: Record<number, ReviewSeed[]>
  /** Comments that exist before the test starts; ids 1..n in this order. */
  comments?: Array<{ issue: number; body: string; userType?: 'Bot' | 'User' }>
  /** Extra or replacement operations by operationId; requests are validated against the spec first. */
  handlers?: Record<string, Handler>
  /** Also validate the built-in operations' success responses against the spec (violations start with 'response'). */
  checkResponses?: boolean
}

export interface GitHubApi {
  /** `http://127.0.0.1:<port>`, the baseUrl for Octokit. */
  readonly url: string
  readonly requests: RecordedRequest[]
  /** One line per request that does not conform to the spec or the documented rules. */
  readonly violations: string[]
  readonly checkRuns: Map<number, StoredCheckRun>
  readonly comments: Map<number, StoredComment>
  /** When startGitHubApi was called, in ms on the same clock as `receivedAt`. */
  readonly startedAt: number
  /** ms this server waited for the spec to load and its validators to compile (near 0 once cached). */
  readonly validatorInitMs: number
  /** The next `times` requests matching `matcher` get `response` (still recorded and validated). */
  fail(matcher: FaultMatcher, response: FaultResponse, times?: number): void
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Fault presets

const REST_DOCS = 'https://docs.github.com/rest'

/** Failure modes GitHub really produces, for {@link GitHubApi.fail}. */
export const faults = {
  /** What GITHUB_TOKEN gets for a write on a pull request from a fork: 403. */
  forbiddenForFork(): FaultResponse {
    return {
      status: 403,
      body: (ctx: FaultContext) => errorBody('Resource not accessible by integration', 403, ctx.documentationUrl),
    }
  },
  /** A transient gateway failure: 502. */
  serverError(): FaultResponse {
    return { status: 502, body: { message: 'Server Error' } }
  },
  /**
   * A secondary rate limit: 403 with `retry-after` (seconds). @octokit/plugin-throttling recognises
   * it by a 403/429 whose error message matches /\bsecondary rate\b/i and waits `retry-after` s.
   */
  secondaryRateLimit(retryAfterSeconds = 1): FaultResponse {
    return {
      status: 403,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: (ctx: FaultContext) =>
        errorBody(
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
            `If you reach out to GitHub Support for help, please include the request ID ${ctx.requestId}.`,
          403,
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        ),
    }
  },
}

// ---------------------------------------------------------------------------------------------
// The spec: loaded once per process, reduced to routes, request schemas and a few response schemas

type Dict = Record<string, unknown>

/** Operations with built-in state; their success responses are kept for `checkResponses`. */
const BUILT_IN = [
  'checks/create',
  'checks/update',
  'checks/get',
  'checks/list-annotations',
  'issues/list-comments',
  'issues/create-comment',
  'issues/get-comment',
  'issues/update-comment',
  'issues/delete-comment',
  'issues/list-labels-on-issue',
  'pulls/get',
  'pulls/list-reviews',
] as const

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const
const SPEC_ID = 'https://proofgate.invalid/github-openapi.json'

interface SpecParameter {
  name: string
  in: string
  required: boolean
  schema: unknown
}

interface SpecOperation {
  operationId: string
  method: string
  template: string
  /** Literal segments as strings, `{param}` segments as null. */
  segments: Array<string | null>
  paramNames: string[]
  docsUrl: string
  parameters: SpecParameter[]
  body?: { required: boolean; contentTypes: string[]; schema?: Dict }
  /** Built-in operations only: JSON schema per 2xx status. */
  responses?: Record<string, Dict>
}

interface Spec {
  operations: SpecOperation[]
  byId: Map<string, SpecOperation>
  bySegmentCount: Map<number, SpecOperation[]>
  /** Component schemas the kept parts reach, normalised to JSON Schema. */
  schemas: Dict
  formats: Set<string>
  /** Time to read, parse and reduce the 13 MB description, in ms. */
  loadMs: number
}

let specPromise: Promise<Spec> | undefined

/** GitHub's REST description (api.github.com), reduced; loaded lazily once per process. */
function loadSpec(): Promise<Spec> {
  specPromise ??= readSpec()
  return specPromise
}

async function readSpec(): Promise<Spec> {
  const started = performance.now()
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json')
  const raw = JSON.parse(await readFile(file, 'utf8')) as {
    paths: Record<string, Dict>
    components: Record<string, Record<string, Dict>>
  }
  const formats = new Set<string>()
  const refs = new Set<string>()
  const normalise = (schema: unknown): Dict => normaliseSchema(schema, formats, refs)
  const component = (node: unknown, section: string): Dict => {
    const ref = (node as Dict).$ref
    if (typeof ref !== 'string') return node as Dict
    const name = ref.split('/').at(-1) ?? ''
    const found = raw.components[section]?.[name]
    if (!found) throw new Error(`GitHub spec: unresolved ${ref}`)
    return found
  }
  const builtIn = new Set<string>(BUILT_IN)

  const operations: SpecOperation[] = []
  for (const [template, item] of Object.entries(raw.paths)) {
    const shared = (item.parameters as unknown[] | undefined) ?? []
    for (const method of METHODS) {
      const op = item[method] as Dict | undefined
      if (!op || typeof op.operationId !== 'string') continue
      const parameters = [...shared, ...((op.parameters as unknown[] | undefined) ?? [])].map((p) => {
        const param = component(p, 'parameters')
        return { name: String(param.name), in: String(param.in), required: param.required === true, schema: normalise(param.schema ?? {}) }
      })
      const requestBody = op.requestBody ? component(op.requestBody, 'requestBodies') : undefined
      const content = (requestBody?.content ?? {}) as Record<string, Dict>
      const jsonSchema = content['application/json']?.schema
      let responses: Record<string, Dict> | undefined
      if (builtIn.has(op.operationId)) {
        responses = {}
        for (const [status, response] of Object.entries((op.responses ?? {}) as Dict)) {
          const schema = (component(response, 'responses').content as Record<string, Dict> | undefined)?.['application/json']?.schema
          if (status.startsWith('2') && schema) responses[status] = normalise(schema)
        }
      }
      const segments = template
        .split('/')
        .slice(1)
        .map((s) => (/^\{.+\}$/.test(s) ? null : s))
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        template,
        segments,
        paramNames: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
        docsUrl: String((op.externalDocs as Dict | undefined)?.url ?? REST_DOCS),
        parameters,
        body: requestBody
          ? { required: requestBody.required === true, contentTypes: Object.keys(content), schema: jsonSchema ? normalise(jsonSchema) : undefined }
          : undefined,
        responses,
      })
    }
  }

  // Keep only the component schemas reachable from what was kept (a few hundred of ~970).
  const schemas: Dict = {}
  for (let pending = [...refs]; pending.length > 0;) {
    refs.clear()
    for (const name of pending) {
      if (name in schemas) continue
      const schema = raw.components.schemas?.[name]
      if (!schema) throw new Error(`GitHub spec: unresolved #/components/schemas/${name}`)
      schemas[name] = normalise(schema)
    }
    pending = [...refs].filter((name) => !(name in schemas))
  }

  const bySegmentCount = new Map<number, SpecOperation[]>()
  for (const op of operations) {
    const list = bySegmentCount.get(op.segments.length) ?? []
    list.push(op)
    bySegmentCount.set(op.segments.length, list)
  }
  return {
    operations,
    byId: new Map(operations.map((op) => [op.operationId, op])),
    bySegmentCount,
    schemas,
    formats,
    loadMs: performance.now() - started,
  }
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs'])
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else'])
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])
const DROPPED = new Set(['description', 'example', 'examples', 'externalDocs', 'title', 'discriminator', 'xml', 'deprecated'])

/**
 * OpenAPI 3.0 schema -> JSON Schema for ajv: `nullable` becomes a null type, documentation keys
 * and `x-*` go, and `$ref`s point into one shared document so recursion needs no inlining.
 */
function normaliseSchema(node: unknown, formats: Set<string>, refs: Set<string>): Dict {
  if (!node || typeof node !== 'object') return {}
  const schema = node as Dict
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '')
    refs.add(name)
    return { $ref: `${SPEC_ID}#/definitions/${name}` }
  }
  const out: Dict = {}
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseSchema(v, formats, refs)]))
    } else if (SCHEMA_VALUES.has(key) && value && typeof value === 'object') {
      out[key] = normaliseSchema(value, formats, refs)
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => normaliseSchema(v, formats, refs))
    } else {
      if (key === 'format' && typeof value === 'string') formats.add(value)
      out[key] = value
    }
  }
  if (out.nullable === undefined) return out
  const nullable = out.nullable === true
  delete out.nullable
  if (!nullable) return out
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null']
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
    return out
  }
  return { anyOf: [out, { type: 'null' }] }
}

// ---------------------------------------------------------------------------------------------
// Validators: one ajv per role, compiled per operation on first use and cached for the process

interface Validators {
  params: ValidateFunction
  body?: ValidateFunction
  /** Compiled on first use: only `checkResponses` needs them, and they are the slow ones. */
  responses: Map<string, ValidateFunction>
}

let ajvs: { params: Ajv; data: Ajv } | undefined
const compiled = new Map<string, Validators>()

function validatorsFor(spec: Spec, op: SpecOperation): Validators {
  const cached = compiled.get(op.operationId)
  if (cached) return cached
  if (!ajvs) {
    const make = (coerceTypes: false | 'array'): Ajv => {
      const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, coerceTypes })
      ajvFormats.default(ajv)
      for (const format of spec.formats) if (!ajv.formats[format]) ajv.addFormat(format, true)
      ajv.addSchema({ $id: SPEC_ID, definitions: spec.schemas })
      return ajv
    }
    // Path and query values arrive as strings; the spec types them (integer ids, page numbers).
    ajvs = { params: make('array'), data: make(false) }
  }
  const section = (where: string): Dict => {
    const params = op.parameters.filter((p) => p.in === where)
    return {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
      required: params.filter((p) => p.required).map((p) => p.name),
    }
  }
  const validators: Validators = {
    params: ajvs.params.compile({ type: 'object', properties: { path: section('path'), query: section('query') } }),
    body: op.body?.schema ? ajvs.data.compile(op.body.schema) : undefined,
    responses: new Map(),
  }
  compiled.set(op.operationId, validators)
  return validators
}

function responseValidator(spec: Spec, op: SpecOperation, status: number): ValidateFunction | undefined {
  const { responses } = validatorsFor(spec, op)
  const schema = op.responses?.[String(status)]
  if (!schema || !ajvs) return undefined
  let validate = responses.get(String(status))
  if (!validate) {
    validate = ajvs.data.compile(schema)
    responses.set(String(status), validate)
  }
  return validate
}

/** The operation for `method` + `pathname`; a literal segment beats a `{param}` at the first difference, as on GitHub. */
function matchOperation(spec: Spec, method: string, pathname: string): { op?: SpecOperation; params: Record<string, string>; methods: string[] } {
  const raw = pathname.split('/').slice(1)
  let segments: string[]
  try {
    segments = raw.map((s) => decodeURIComponent(s))
  } catch {
    return { params: {}, methods: [] }
  }
  const candidates = (spec.bySegmentCount.get(segments.length) ?? []).filter((op) =>
    op.segments.every((literal, i) => (literal === null ? segments[i] !== '' : literal === segments[i])),
  )
  const rank = (op: SpecOperation): string => op.segments.map((s) => (s === null ? '0' : '1')).join('')
  const forMethod = candidates.filter((op) => op.method === method).sort((a, b) => rank(b).localeCompare(rank(a)))
  const op = forMethod[0]
  const params: Record<string, string> = {}
  if (op) {
    let n = 0
    op.segments.forEach((literal, i) => {
      if (literal === null) params[op.paramNames[n++] ?? ''] = segments[i] ?? ''
    })
  }
  return { op, params, methods: [...new Set(candidates.map((c) => c.method))] }
}

/**
 * Problems with a request against its operation: parameters, body, and documented rules the schema
 * omits. All are violations; only `invalid` ones are rejected with 422; an unknown parameter or
 * property is answered normally, as GitHub ignores it.
 */
function validateRequest(
  spec: Spec,
  op: SpecOperation,
  pathParams: Record<string, string>,
  request: RecordedRequest,
): { problems: string[]; params: Dict; query: Dict; invalid: Array<{ field: string; code: string; message: string }> } {
  const validators = validatorsFor(spec, op)
  const problems: string[] = []
  const invalid: Array<{ field: string; code: string; message: string }> = []
  const data = { path: { ...pathParams } as Dict, query: { ...request.query } as Dict }
  if (!validators.params(data)) {
    for (const e of validators.params.errors ?? []) {
      const [, where, name] = e.instancePath.split('/')
      const field = e.keyword === 'required' ? String(e.params.missingProperty) : (name ?? '')
      const message = `${where === 'path' ? 'path' : 'query'} parameter '${field}' ${describe(e)}`
      problems.push(message)
      invalid.push({ field, code: e.keyword === 'required' ? 'missing_field' : 'invalid', message })
    }
  }
  const known = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name))
  for (const name of Object.keys(request.query)) {
    if (!known.has(name)) problems.push(`unknown query parameter '${name}' (GitHub ignores it; known: ${[...known].join(', ') || 'none'})`)
  }

  const body = request.body
  if (!op.body) {
    if (body !== undefined) problems.push('this operation takes no request body')
  } else if (body === undefined) {
    if (op.body.required) {
      problems.push('request body is required')
      invalid.push({ field: '', code: 'missing', message: 'request body is required' })
    }
  } else if (op.body.contentTypes.includes('application/json')) {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
    if (type !== 'application/json') problems.push(`content-type is '${type ?? ''}', expected application/json`)
    if (validators.body && !validators.body(body)) {
      for (const e of validators.body.errors ?? []) {
        const field = e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath
        const message = `body${e.instancePath} ${describe(e)}`
        problems.push(message)
        invalid.push({ field: field.replace(/^\//, '').replaceAll('/', '.'), code: e.keyword === 'required' ? 'missing_field' : 'invalid', message })
      }
    }
    const schema = op.body.schema
    const properties = schema?.properties as Dict | undefined
    if (properties && schema?.additionalProperties === undefined && body && typeof body === 'object' && !Array.isArray(body)) {
      for (const key of Object.keys(body)) {
        if (!(key in properties)) problems.push(`body has unknown property '${key}' (GitHub ignores it)`)
      }
    }
    for (const message of documentedRules(op.operationId, body)) {
      problems.push(message)
      invalid.push({ field: '', code: 'invalid', message })
    }
  }
  return { problems: [...new Set(problems)], params: data.path, query: data.query, invalid }
}

/**
 * Rules GitHub documents in prose but the schema does not encode; GitHub answers 422 for them.
 * (The create schema, unlike update's, does not tie `completed` to `conclusion`.)
 */
function documentedRules(operationId: string, body: unknown): string[] {
  if (operationId !== 'checks/create' && operationId !== 'checks/update') return []
  const b = (body ?? {}) as Dict
  const problems: string[] = []
  // Update's anyOf already ties status 'completed' to a conclusion; create's schema does not.
  const completes = b.completed_at !== undefined || (operationId === 'checks/create' && b.status === 'completed')
  if (completes && b.conclusion === undefined) {
    problems.push(`body: conclusion is required when status is 'completed' or completed_at is given (documented rule)`)
  }
  const output = b.output as Dict | undefined
  if (operationId === 'checks/update' && output && typeof output === 'object' && output.title === undefined) {
    problems.push('body/output: title is documented as required on update (the schema requires only summary)')
  }
  const annotations = Array.isArray(output?.annotations) ? (output.annotations as Dict[]) : []
  annotations.forEach((a, i) => {
    if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) {
      problems.push(`body/output/annotations/${i}: start_column/end_column are only allowed when start_line equals end_line (documented rule)`)
    }
    if (typeof a.title === 'string' && a.title.length > 255)
      problems.push(`body/output/annotations/${i}/title is longer than 255 characters (documented limit)`)
    for (const key of ['message', 'raw_details'] as const) {
      const value = a[key]
      if (typeof value === 'string' && Buffer.byteLength(value) > 64 * 1024)
        problems.push(`body/output/annotations/${i}/${key} is larger than 64 KB (documented limit)`)
    }
  })
  return problems
}

function describe(e: ErrorObject): string {
  const got = e.data === undefined ? '' : ` (got ${truncate(JSON.stringify(e.data), 60)})`
  switch (e.keyword) {
    case 'enum':
      return `must be one of ${JSON.stringify(e.params.allowedValues)}${got}`
    case 'required':
      return `must have required property '${String(e.params.missingProperty)}'`
    case 'additionalProperties':
      return `must not have property '${String(e.params.additionalProperty)}'`
    case 'type':
    case 'format':
    case 'maxItems':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
      return `${e.message ?? e.keyword}${got}`
    default:
      return e.message ?? e.keyword
  }
}

function truncate(s: string | undefined, max: number): string {
  if (s === undefined) return 'undefined'
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}

// ---------------------------------------------------------------------------------------------
// The server

interface QueuedFault {
  matcher: FaultMatcher
  response: FaultResponse
  remaining: number
}

const RATE_LIMIT = 5000

/**
 * Starts the fake GitHub API on 127.0.0.1 (a free port). The spec loads on the first call in a
 * process (about 0.2–0.4 s) and validators compile per operation on first use, then are cached.
 */
export async function startGitHubApi(options: GitHubApiOptions = {}): Promise<GitHubApi> {
  const startedAt = performance.timeOrigin + performance.now()
  const initStart = performance.now()
  const spec = await loadSpec()
  const handlers: Record<string, Handler> = { ...builtInHandlers(options), ...options.handlers }
  for (const id of Object.keys(handlers)) {
    const op = spec.byId.get(id)
    if (!op) throw new Error(`startGitHubApi: no operation '${id}' in GitHub's REST description; use an operationId such as 'checks/create'.`)
    validatorsFor(spec, op)
  }
  const validatorInitMs = performance.now() - initStart
  const token = options.token ?? 'test-token'
  const faultQueue: QueuedFault[] = []
  let requestCount = 0

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      api.violations.push(`${req.method ?? '?'} ${req.url ?? '?'}: the fake GitHub API failed: ${error instanceof Error ? error.stack : String(error)}`)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify({ message: 'Server Error' }))
    })
  })
  server.keepAliveTimeout = 1000

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.timeOrigin + performance.now()
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const rawBody = Buffer.concat(chunks).toString('utf8')
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', api.url)
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
    }
    const query: Record<string, string | string[]> = {}
    for (const [key, value] of url.searchParams) {
      const prev = query[key]
      query[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value]
    }
    requestCount++
    const requestId = `C0DE:${requestCount.toString(16).toUpperCase().padStart(4, '0')}:${Math.floor(receivedAt).toString(16).toUpperCase().slice(-7)}:0000000:00000000`
    const record: RecordedRequest = { method, path: url.pathname, query, headers, body: undefined, operationId: null, status: 0, receivedAt }
    api.requests.push(record)

    const problems: string[] = []
    let early: ApiResponse | undefined
    if (rawBody.length > 0) {
      const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
      if (type === 'application/json' || type === undefined || type === '') {
        try {
          record.body = JSON.parse(rawBody)
        } catch (error) {
          record.body = rawBody
          problems.push(`body is not valid JSON: ${(error as Error).message}`)
          early = { status: 400, body: errorBody('Problems parsing JSON', 400, REST_DOCS) }
        }
      } else {
        record.body = rawBody
      }
    }

    const authorization = headers.authorization
    let authFailure: ApiResponse | undefined
    if (authorization === undefined) {
      problems.push('no authorization header')
      authFailure = { status: 401, body: errorBody('Requires authentication', 401, REST_DOCS) }
    } else if (authorization !== `token ${token}` && authorization !== `Bearer ${token}`) {
      problems.push(`authorization header is not 'token <t>' or 'Bearer <t>' with the expected token`)
      authFailure = { status: 401, body: errorBody('Bad credentials', 401, REST_DOCS) }
    }
    if (!headers['user-agent']) {
      problems.push('no user-agent header')
      authFailure ??= {
        status: 403,
        body: errorBody('Request forbidden by administrative rules. Please make sure your request has a User-Agent header', 403, REST_DOCS),
      }
    }

    const match = matchOperation(spec, method, url.pathname)
    const op = match.op
    record.operationId = op?.operationId ?? null
    let validation: ReturnType<typeof validateRequest> | undefined
    let routeFailure: ApiResponse | undefined
    if (!op) {
      problems.push(
        match.methods.length > 0
          ? `no ${method} operation on this path (the spec has ${match.methods.join(', ')})`
          : 'no operation in GitHub’s REST description matches this path',
      )
      routeFailure = { status: 404, body: errorBody('Not Found', 404, REST_DOCS) }
    } else {
      // A body that is not JSON has been answered 400 already; its schema errors would be noise.
      validation = early ? undefined : validateRequest(spec, op, match.params, record)
      problems.push(...(validation?.problems ?? []))
      const owner = match.params.owner
      const repo = match.params.repo
      const expected = options.repository
      // Owner and repository names are case-insensitive on GitHub.
      if (expected && owner !== undefined && `${owner}/${repo ?? ''}`.toLowerCase() !== `${expected.owner}/${expected.repo}`.toLowerCase()) {
        problems.push(`targets ${owner}/${repo ?? ''} but this fake serves ${expected.owner}/${expected.repo}`)
        routeFailure = { status: 404, body: errorBody('Not Found', 404, op.docsUrl) }
      } else if (!handlers[op.operationId]) {
        problems.push(`${op.operationId} is a GitHub operation this fake does not implement (add options.handlers['${op.operationId}'])`)
        routeFailure = { status: 404, body: errorBody('Not Found', 404, op.docsUrl) }
      }
    }
    if (problems.length > 0) {
      const search = url.search ? url.search : ''
      api.violations.push(`${method} ${url.pathname}${search} (${record.operationId ?? 'no operation'}): ${problems.join('; ')}`)
    }

    const documentationUrl = op?.docsUrl ?? REST_DOCS
    const fault = takeFault(record)
    let response: ApiResponse
    if (fault) {
      const body =
        typeof fault.body === 'function' ? (fault.body as (ctx: FaultContext) => unknown)({ request: record, requestId, documentationUrl }) : fault.body
      response = { status: fault.status, body, headers: fault.headers }
    } else if (authFailure) {
      response = authFailure
    } else if (early) {
      response = early
    } else if (routeFailure || !op || !validation) {
      response = routeFailure ?? { status: 404, body: errorBody('Not Found', 404, REST_DOCS) }
    } else if (validation.invalid.length > 0) {
      response = { status: 422, body: { message: 'Validation Failed', errors: validation.invalid, documentation_url: documentationUrl, status: '422' } }
    } else {
      const handler = handlers[op.operationId] as Handler
      try {
        response = await handler({
          operationId: op.operationId,
          params: validation.params,
          query: validation.query,
          body: record.body,
          request: record,
          api,
          documentationUrl,
        })
      } catch (error) {
        api.violations.push(`${method} ${url.pathname} (${op.operationId}): the handler threw: ${error instanceof Error ? error.message : String(error)}`)
        response = { status: 500, body: errorBody('Server Error', 500, documentationUrl) }
      }
      if (options.checkResponses) {
        const validate = responseValidator(spec, op, response.status)
        if (validate && !validate(response.body)) {
          const details = [...new Set((validate.errors ?? []).map((e) => `body${e.instancePath} ${describe(e)}`))]
          api.violations.push(`response ${response.status} to ${method} ${url.pathname} (${op.operationId}): ${details.join('; ')}`)
        }
      }
    }

    record.status = response.status
    const headersOut: Record<string, string> = {
      'x-github-request-id': requestId,
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - requestCount)),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(requestCount),
      'x-ratelimit-resource': 'core',
      ...(response.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      ...response.headers,
    }
    res.writeHead(response.status, headersOut)
    res.end(response.body === undefined ? undefined : JSON.stringify(response.body))
  }

  function takeFault(record: RecordedRequest): FaultResponse | undefined {
    const index = faultQueue.findIndex(
      ({ matcher }) =>
        (matcher.method === undefined || matcher.method.toUpperCase() === record.method) &&
        (matcher.operationId === undefined || matcher.operationId === record.operationId) &&
        (matcher.pathRegex === undefined || record.path.search(matcher.pathRegex) !== -1),
    )
    const queued = faultQueue[index]
    if (!queued) return undefined
    if (--queued.remaining <= 0) faultQueue.splice(index, 1)
    return queued.response
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined

  const api: GitHubApi = {
    url: `http://127.0.0.1:${port}`,
    requests: [],
    violations: [],
    checkRuns: new Map(),
    comments: new Map(),
    startedAt,
    validatorInitMs,
    fail(matcher, response, times = 1) {
      faultQueue.push({ matcher, response, remaining: times })
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },
  }
  let commentId = 0
  const now = isoNow()
  for (const seed of options.comments ?? []) {
    const id = ++commentId
    const owner = options.repository?.owner ?? null
    const repo = options.repository?.repo ?? null
    api.comments.set(id, { id, owner, repo, issue: seed.issue, body: seed.body, userType: seed.userType ?? 'Bot', created_at: now, updated_at: now })
  }
  commentSeq.set(api, commentId)
  return api
}

// ---------------------------------------------------------------------------------------------
// Built-in operations

const commentSeq = new WeakMap<GitHubApi, number>()
const checkRunSeq = new WeakMap<GitHubApi, number>()

function builtInHandlers(options: GitHubApiOptions): Record<(typeof BUILT_IN)[number], Handler> {
  const repoOf = (ctx: HandlerContext): { owner: string; repo: string } => ({ owner: String(ctx.params.owner), repo: String(ctx.params.repo) })
  const findRun = (ctx: HandlerContext): StoredCheckRun | undefined => ctx.api.checkRuns.get(Number(ctx.params.check_run_id))
  const findComment = (ctx: HandlerContext): StoredComment | undefined => ctx.api.comments.get(Number(ctx.params.comment_id))
  const notFound = (ctx: HandlerContext): ApiResponse => ({ status: 404, body: errorBody('Not Found', 404, ctx.documentationUrl) })

  return {
    'checks/create'(ctx) {
      const body = ctx.body as Dict
      const output = (body.output ?? {}) as Dict
      const id = (checkRunSeq.get(ctx.api) ?? 0) + 1
      checkRunSeq.set(ctx.api, id)
      const now = isoNow()
      const conclusion = (body.conclusion as string | undefined) ?? null
      const status = conclusion ? 'completed' : ((body.status as string | undefined) ?? 'queued')
      const run: StoredCheckRun = {
        id,
        ...repoOf(ctx),
        name: String(body.name),
        head_sha: String(body.head_sha),
        status,
        conclusion,
        details_url: (body.details_url as string | undefined) ?? null,
        external_id: (body.external_id as string | undefined) ?? null,
        started_at: (body.started_at as string | undefined) ?? now,
        completed_at: (body.completed_at as string | undefined) ?? (status === 'completed' ? now : null),
        output: {
          title: (output.title as string | undefined) ?? null,
          summary: (output.summary as string | undefined) ?? null,
          text: (output.text as string | undefined) ?? null,
        },
        annotations: [...((output.annotations as CheckAnnotation[] | undefined) ?? [])],
        created: body,
        updates: [],
      }
      ctx.api.checkRuns.set(id, run)
      return { status: 201, body: checkRunJson(ctx.api.url, run) }
    },
    'checks/update'(ctx) {
      const run = findRun(ctx)
      if (!run) return notFound(ctx)
      const body = ctx.body as Dict
      for (const key of ['name', 'details_url', 'external_id', 'started_at', 'status', 'conclusion', 'completed_at'] as const) {
        if (body[key] !== undefined) (run as unknown as Dict)[key] = body[key]
      }
      if (body.conclusion !== undefined) run.status = 'completed'
      if (run.status === 'completed') run.completed_at ??= isoNow()
      const output = body.output as Dict | undefined
      if (output) {
        for (const key of ['title', 'summary', 'text'] as const) if (output[key] !== undefined) run.output[key] = String(output[key])
        run.annotations.push(...((output.annotations as CheckAnnotation[] | undefined) ?? []))
      }
      run.updates.push(body)
      return { status: 200, body: checkRunJson(ctx.api.url, run) }
    },
    'checks/get'(ctx) {
      const run = findRun(ctx)
      return run ? { status: 200, body: checkRunJson(ctx.api.url, run) } : notFound(ctx)
    },
    'checks/list-annotations'(ctx) {
      const run = findRun(ctx)
      if (!run) return notFound(ctx)
      const { owner, repo } = run
      const items = run.annotations.map((a) => ({
        path: a.path,
        blob_href: `https://github.com/${owner}/${repo}/blob/${run.head_sha}/${a.path}`,
        start_line: a.start_line,
        end_line: a.end_line,
        start_column: a.start_column ?? null,
        end_column: a.end_column ?? null,
        annotation_level: a.annotation_level,
        title: a.title ?? null,
        message: a.message,
        raw_details: a.raw_details ?? null,
      }))
      return paginate(ctx, items)
    },
    'issues/list-comments'(ctx) {
      const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined
      const items = [...ctx.api.comments.values()]
        .filter((c) => c.issue === ctx.params.issue_number)
        .filter((c) => since === undefined || Date.parse(c.updated_at) >= since)
        .sort((a, b) => a.id - b.id)
        .map((c) => commentJson(ctx, c, options))
      return paginate(ctx, items)
    },
    'issues/create-comment'(ctx) {
      const id = (commentSeq.get(ctx.api) ?? 0) + 1
      commentSeq.set(ctx.api, id)
      const now = isoNow()
      const comment: StoredComment = {
        id,
        ...repoOf(ctx),
        issue: Number(ctx.params.issue_number),
        body: String((ctx.body as Dict).body),
        userType: 'Bot',
        created_at: now,
        updated_at: now,
      }
      ctx.api.comments.set(id, comment)
      return { status: 201, body: commentJson(ctx, comment, options), headers: { location: commentJson(ctx, comment, options).url } }
    },
    'issues/get-comment'(ctx) {
      const comment = findComment(ctx)
      return comment ? { status: 200, body: commentJson(ctx, comment, options) } : notFound(ctx)
    },
    'issues/update-comment'(ctx) {
      const comment = findComment(ctx)
      if (!comment) return notFound(ctx)
      comment.body = String((ctx.body as Dict).body)
      comment.updated_at = isoNow()
      return { status: 200, body: commentJson(ctx, comment, options) }
    },
    'issues/delete-comment'(ctx) {
      const comment = findComment(ctx)
      if (!comment) return notFound(ctx)
      ctx.api.comments.delete(comment.id)
      return { status: 204 }
    },
    'issues/list-labels-on-issue'(ctx) {
      const pull = options.pulls?.[Number(ctx.params.issue_number)]
      const { owner, repo } = repoOf(ctx)
      const labels = pull ? (pullJson(owner, repo, Number(ctx.params.issue_number), pull).labels as unknown[]) : []
      return paginate(ctx, labels)
    },
    'pulls/list-reviews'(ctx) {
      const number = Number(ctx.params.pull_number)
      const { owner, repo } = repoOf(ctx)
      const seeds = options.reviews?.[number] ?? []
      return paginate(
        ctx,
        seeds.map((seed, i) => reviewJson(ctx.api.url, owner, repo, number, 80 + i, seed)),
      )
    },
    'pulls/get'(ctx) {
      const number = Number(ctx.params.pull_number)
      const pull = options.pulls?.[number]
      const { owner, repo } = repoOf(ctx)
      return pull ? { status: 200, body: pullJson(owner, repo, number, pull) } : notFound(ctx)
    },
  }
}

/**
 * One page of `items` the way GitHub pages: `per_page` (default 30, capped at 100) and `page`
 * (default 1), with a `link` header carrying rel="prev", "next", "last" and "first" as they apply.
 */
function paginate(ctx: HandlerContext, items: unknown[]): ApiResponse {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.per_page ?? 30)))
  const page = Math.max(1, Number(ctx.query.page ?? 1))
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const pageUrl = (n: number): string => {
    const url = new URL(ctx.request.path, ctx.api.url)
    for (const [key, value] of Object.entries(ctx.request.query)) {
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, v)
    }
    url.searchParams.set('per_page', String(perPage))
    url.searchParams.set('page', String(n))
    return url.toString()
  }
  const links: string[] = []
  if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, last))}>; rel="prev"`)
  if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`)
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`)
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  }
}

function checkRunJson(baseUrl: string, run: StoredCheckRun): Dict {
  const url = `${baseUrl}/repos/${run.owner}/${run.repo}/check-runs/${run.id}`
  const htmlUrl = `${baseUrl}/${run.owner}/${run.repo}/runs/${run.id}`
  return {
    id: run.id,
    name: run.name,
    node_id: Buffer.from(`08:CheckRun${run.id}`).toString('base64'),
    head_sha: run.head_sha,
    external_id: run.external_id ?? '',
    url,
    html_url: htmlUrl,
    details_url: run.details_url ?? htmlUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${url}/annotations` },
    check_suite: { id: 1 },
    app: GITHUB_ACTIONS_APP,
    pull_requests: [],
  }
}

/** The REST object for a comment, its URLs in the repository the request names. */
function commentJson(ctx: HandlerContext, c: StoredComment, options: GitHubApiOptions): Dict & { url: string } {
  const baseUrl = ctx.api.url
  const repoPath = `${String(ctx.params.owner)}/${String(ctx.params.repo)}`
  const kind = options.pulls?.[c.issue] ? 'pull' : 'issues'
  const url = `${baseUrl}/repos/${repoPath}/issues/comments/${c.id}`
  return {
    id: c.id,
    node_id: Buffer.from(`012:IssueComment${c.id}`).toString('base64'),
    url,
    html_url: `${baseUrl}/${repoPath}/${kind}/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: c.userType === 'Bot' ? ACTIONS_BOT : OCTOCAT,
    created_at: c.created_at,
    updated_at: c.updated_at,
    issue_url: `${baseUrl}/repos/${repoPath}/issues/${c.issue}`,
    author_association: c.userType === 'Bot' ? 'NONE' : 'OWNER',
    performed_via_github_app: null,
  }
}

/** The REST object of a pull request review (`pull-request-review` in GitHub's description). */
function reviewJson(baseUrl: string, owner: string, repo: string, number: number, id: number, seed: ReviewSeed): Dict {
  const html = `https://github.com/${owner}/${repo}/pull/${number}#pullrequestreview-${id}`
  const pullUrl = `${baseUrl}/repos/${owner}/${repo}/pulls/${number}`
  return {
    id,
    node_id: Buffer.from(`017:PullRequestReview${id}`).toString('base64'),
    user: simpleUser(
      seed.login,
      1000 + id,
      Buffer.from(`04:User${1000 + id}`).toString('base64'),
      'User',
      `https://github.com/${seed.login}`,
      `https://avatars.githubusercontent.com/u/${1000 + id}?v=4`,
    ),
    body: seed.body ?? '',
    state: seed.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(seed.state === 'PENDING' ? {} : { submitted_at: isoNow() }),
    commit_id: seed.commitId,
    author_association: seed.association,
  }
}

/** A real PR payload object renumbered for owner/repo, with `overrides` deep-merged over it; label names become label objects. */
function pullJson(owner: string, repo: string, number: number, overrides: Dict): Dict {
  const base = (overrides.base ?? {}) as Dict
  const head = (overrides.head ?? {}) as Dict
  const rawLabels = Array.isArray(overrides.labels) ? (overrides.labels as unknown[]) : []
  const event = pullRequestEvent({
    owner,
    repo,
    number,
    baseSha: typeof base.sha === 'string' ? base.sha : 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
    headSha: typeof head.sha === 'string' ? head.sha : 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
    baseRef: typeof base.ref === 'string' ? base.ref : undefined,
    headRef: typeof head.ref === 'string' ? head.ref : undefined,
    labels: rawLabels.filter((l): l is string => typeof l === 'string'),
  })
  // Fields the REST object requires that older webhook examples lack.
  const pull = deepMerge({ auto_merge: null, active_lock_reason: null, ...(event.pull_request as unknown as Dict) }, { ...overrides, labels: undefined })
  const built = (event.pull_request.labels ?? []) as unknown[]
  let s = 0
  pull.labels = rawLabels.map((l) => (typeof l === 'string' ? built[s++] : l))
  return pull
}

function deepMerge(target: Dict, source: Dict): Dict {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue
    const current = target[key]
    if (isPlainObject(value) && isPlainObject(current)) target[key] = deepMerge(current, value)
    else target[key] = value
  }
  return target
}

function isPlainObject(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** GitHub's error body: `{ message, documentation_url, status }` (status is a string, as GitHub sends it). */
function errorBody(message: string, status: number, documentationUrl: string): Dict {
  return { message, documentation_url: documentationUrl, status: String(status) }
}

/** Now as GitHub writes timestamps: ISO 8601 in UTC without milliseconds. */
function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function simpleUser(login: string, id: number, nodeId: string, type: string, htmlUrl: string, avatarUrl: string): Dict {
  const api = `https://api.github.com/users/${encodeURIComponent(login)}`
  return {
    login,
    id,
    node_id: nodeId,
    avatar_url: avatarUrl,
    gravatar_id: '',
    url: api,
    html_url: htmlUrl,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  }
}

const ACTIONS_BOT = simpleUser(
  'github-actions[bot]',
  41898282,
  'MDM6Qm90NDE4OTgyODI=',
  'Bot',
  'https://github.com/apps/github-actions',
  'https://avatars.githubusercontent.com/in/15368?v=4',
)
const OCTOCAT = simpleUser(
  'octocat',
  583231,
  'MDQ6VXNlcjU4MzIzMQ==',
  'User',
  'https://github.com/octocat',
  'https://avatars.githubusercontent.com/u/583231?v=4',
)

const GITHUB_ACTIONS_APP: Dict = {
  id: 15368,
  slug: 'github-actions',
  client_id: 'Iv1.05c79e9ad1f6bdfa',
  node_id: 'MDM6QXBwMTUzNjg=',
  owner: simpleUser(
    'github',
    9919,
    'MDEyOk9yZ2FuaXphdGlvbjk5MTk=',
    'Organization',
    'https://github.com/github',
    'https://avatars.githubusercontent.com/u/9919?v=4',
  ),
  name: 'GitHub Actions',
  description: 'Automate your workflow from idea to production',
  external_url: 'https://help.github.com/en/actions',
  html_url: 'https://github.com/apps/github-actions',
  created_at: '2018-07-30T09:30:17Z',
  updated_at: '2019-12-10T19:04:12Z',
  permissions: { checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write', statuses: 'write' },
  events: ['check_run', 'check_suite', 'pull_request', 'push', 'workflow_dispatch'],
}

/**
 * Registers vitest hooks for a test file: a fresh fake GitHub API (Hello-World by default) before
 * each test, handed to `use`, and after each test no request that broke GitHub's OpenAPI
 * description (`violations` empty), then the server closed.
 */
export function useGitHubApi(use: (api: GitHubApi) => void, options: GitHubApiOptions = { repository: { owner: 'Codertocat', repo: 'Hello-World' } }): void {
  let api: GitHubApi | undefined
  beforeEach(async () => {
    api = await startGitHubApi(options)
    use(api)
  })
  afterEach(async () => {
    const current = api
    api = undefined
    if (current === undefined) return
    try {
      expect(current.violations).toEqual([])
    } finally {
      await current.close()
    }
  })
}
