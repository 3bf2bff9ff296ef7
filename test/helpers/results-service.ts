// A fake of the Actions results service and its blob storage, on 127.0.0.1, for @actions/artifact's
// upload (artifact protocol v4): Twirp JSON CreateArtifact → Azure block-blob upload (Put Block,
// Put Block List) to the signed URL it returned → FinalizeArtifact. It records every call and the
// uploaded bytes. The runtime token is an unsigned JWT carrying the `Actions.Results` scope the
// client reads its backend ids from (the client decodes it, it does not verify it).
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'
export const RUN_BACKEND_ID = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a'
export const JOB_BACKEND_ID = 'ca395085-040a-526b-2ce8-bdc85f692774'

export interface ResultsService {
  /** ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN for the Action's environment. */
  env: Record<string, string>
  /** Twirp calls: method and JSON body. */
  calls: Array<{ method: string; body: Record<string, unknown> }>
  /** The bytes committed to the blob (the artifact's zip), once Put Block List arrived. */
  blob(): Buffer | undefined
  close(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

/** Starts the fake; `artifactId` is what FinalizeArtifact answers. */
export async function startResultsService(artifactId = 4711): Promise<ResultsService> {
  const calls: ResultsService['calls'] = []
  const blocks = new Map<string, Buffer>()
  let committed: Buffer | undefined
  let base = ''
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base)
      const body = await readBody(req)
      if (req.method === 'POST' && url.pathname.startsWith(SERVICE)) {
        const method = url.pathname.slice(SERVICE.length)
        calls.push({ method, body: JSON.parse(body.toString('utf8')) as Record<string, unknown> })
        const answer =
          method === 'CreateArtifact'
            ? { ok: true, signed_upload_url: `${base}devstoreaccount1/artifacts/upload.zip?sig=fake` }
            : method === 'FinalizeArtifact'
              ? { ok: true, artifact_id: String(artifactId) }
              : null
        res.writeHead(answer === null ? 404 : 200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(answer ?? { code: 'bad_route', msg: method }))
        return
      }
      // Azure block blob: Put Block (comp=block&blockid=…), then Put Block List (comp=blocklist).
      const headers = { 'x-ms-request-id': 'fake', 'x-ms-version': '2025-01-05', etag: '"0x1"', 'last-modified': new Date().toUTCString() }
      if (req.method === 'PUT' && url.searchParams.get('comp') === 'block') {
        blocks.set(url.searchParams.get('blockid')!, body)
        res.writeHead(201, headers)
        res.end()
        return
      }
      if (req.method === 'PUT' && url.searchParams.get('comp') === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1]!)
        committed = Buffer.concat(ids.map((id) => blocks.get(id) ?? Buffer.alloc(0)))
        res.writeHead(201, headers)
        res.end()
        return
      }
      if (req.method === 'PUT') {
        // A single-shot Put Blob for small uploads.
        committed = body
        res.writeHead(201, headers)
        res.end()
        return
      }
      res.writeHead(404)
      res.end()
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ scp: `Actions.GenericRead:0 Actions.Results:${RUN_BACKEND_ID}:${JOB_BACKEND_ID}` })}.sig`
  return {
    env: { ACTIONS_RESULTS_URL: base, ACTIONS_RUNTIME_TOKEN: token },
    calls,
    blob: () => committed,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
