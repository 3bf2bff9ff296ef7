// The review protocol, pure: the JSON request a reviewer reads on stdin (schema/review-request.schema.json)
// and the answers it may print (schema/review-response.schema.json, Loki's text form, claude's wrapper).
import * as z from 'zod'

/** The `schemaVersion` of every request; raised when a field changes incompatibly. */
export const REVIEW_SCHEMA_VERSION = 1

/** Who is asked: a picked reviewer, the devil's advocate (after a unanimous pass), or a judge of the override council. */
export type ReviewRole = 'reviewer' | 'devils-advocate' | 'judge'

/** The severities a reviewer may give: critical and high block, medium and low are advisory. */
export const REVIEW_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const
/** One of {@link REVIEW_SEVERITIES}. */
export type ReviewSeverity = (typeof REVIEW_SEVERITIES)[number]

/** The rules of severity every request carries, so every reviewer grades alike. */
export const SEVERITY_RULES: Readonly<Record<ReviewSeverity, string>> = {
  critical: 'Blocks. Data loss, a security hole (injection, auth bypass, a leaked secret), corruption or an outage the change causes.',
  high: 'Blocks. A bug the change introduces (wrong result, crash, race, unhandled error), or a missing check or test for changed behaviour.',
  medium: 'Advisory. A real problem worth fixing soon: fragile code, a misleading name or doc, a missing edge case of little consequence.',
  low: 'Advisory. Style, naming, a nit or a suggestion.',
}

/** How to answer, in the request itself, for a reviewer that passes the request to a model as it is. */
export const RESPONSE_INSTRUCTIONS =
  'Review only the diff in this request. Print one JSON object on stdout: {"verdict":"pass"|"fail","findings":[{"severity":"critical"|"high"|"medium"|"low","path":"src/a.ts","line":12,"message":"...","suggestion":"..."}]} ' +
  '(schema/review-response.schema.json; path and line are optional, line is 1-based in the new version). ' +
  'Or the text form: a line `VERDICT: PASS` or `VERDICT: FAIL`, then one line per finding: `[Critical|High|Medium|Low] path:line message`. ' +
  'Say fail when you report a critical or high finding.'

/** One changed file as the request lists it. */
export interface RequestFile {
  /** Repository-relative path in the new version (the old one for a deleted file). */
  path: string
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed'
  oldPath?: string
  binary: boolean
  /** Added or changed lines of the new version. */
  addedLines: number
}

/** One file's unified diff (3 lines of context, `a/` and `b/` prefixes), as read by changes/review-diff.ts. */
export interface FilePatch {
  path: string
  patch: string
  /** True when only the start of the patch is here: the request's `max-diff-bytes` ran out inside it. */
  truncated?: boolean
}

/** The finding a judge is asked about (role `judge`). */
export interface RequestFinding {
  fingerprint: string
  gate: string
  ruleId: string
  severity: string
  message: string
  path?: string
  line?: number
}

/** The counter-evidence a judge weighs (role `judge`), from `.proofgate/counter-evidence.yml` of the base. */
export interface RequestCounterEvidence {
  claim: string
  proofType: string
  artifacts: unknown[]
}

/** What a reviewer reads on stdin: schema/review-request.schema.json. */
export interface ReviewRequest {
  schemaVersion: typeof REVIEW_SCHEMA_VERSION
  role: ReviewRole
  /** The reviewer's name in `.proofgate.yml`. */
  reviewer: string
  /** The reviewer's `focus`, or null when it has none. */
  focus: string | null
  /** The repository: `owner/name` when known (GITHUB_REPOSITORY), else the directory name. */
  repository: string
  base: { sha: string }
  head: { sha: string }
  files: RequestFile[]
  diff: FilePatch[]
  /** What `max-diff-bytes` cut, or null when the whole diff is here: paths cut or left out, and their bytes. */
  truncated: { omittedFiles: string[]; omittedBytes: number } | null
  severityRules: Readonly<Record<ReviewSeverity, string>>
  instructions: string
  finding?: RequestFinding
  counterEvidence?: RequestCounterEvidence
}

/** What {@link buildRequest} needs; `patches` in the order the request should carry them. */
export interface RequestInput {
  role: ReviewRole
  reviewer: string
  focus?: string | undefined
  repository: string
  baseSha: string
  headSha: string
  files: readonly RequestFile[]
  patches: readonly FilePatch[]
  /** Bytes (UTF-8) of patch text the request may carry. */
  maxDiffBytes: number
  finding?: RequestFinding
  counterEvidence?: RequestCounterEvidence
}

/** A cut patch keeps at least this many bytes, else the file is left out whole. */
const MIN_PARTIAL_BYTES = 512

/**
 * The start of `patch` in at most `budget` bytes, cut after a whole line (so never inside a
 * character), or null when not even one line fits.
 */
function headOf(patch: string, budget: number): string | null {
  const bytes = Buffer.from(patch, 'utf8')
  const cut = bytes.subarray(0, budget).lastIndexOf(0x0a)
  return cut <= 0 ? null : bytes.subarray(0, cut + 1).toString('utf8')
}

/**
 * The patches that fit in `maxBytes` (UTF-8), in order: whole ones while they fit, then the start
 * of the first that does not (when at least 512 bytes of it fit), then nothing. Returns what is
 * kept and what was cut: the paths cut or left out and the bytes not sent.
 */
export function capPatches(patches: readonly FilePatch[], maxBytes: number): { diff: FilePatch[]; truncated: ReviewRequest['truncated'] } {
  const diff: FilePatch[] = []
  const omittedFiles: string[] = []
  let omittedBytes = 0
  let left = maxBytes
  for (const p of patches) {
    const size = Buffer.byteLength(p.patch, 'utf8')
    if (omittedFiles.length === 0 && size <= left) {
      diff.push({ path: p.path, patch: p.patch })
      left -= size
      continue
    }
    const head = omittedFiles.length === 0 && left >= MIN_PARTIAL_BYTES ? headOf(p.patch, left) : null
    if (head !== null) {
      diff.push({ path: p.path, patch: head, truncated: true })
      left -= Buffer.byteLength(head, 'utf8')
    }
    omittedFiles.push(p.path)
    omittedBytes += size - (head === null ? 0 : Buffer.byteLength(head, 'utf8'))
  }
  return { diff, truncated: omittedFiles.length === 0 ? null : { omittedFiles, omittedBytes } }
}

/** The request one reviewer reads on stdin: the diff capped by `maxDiffBytes` ({@link capPatches}). */
export function buildRequest(input: RequestInput): ReviewRequest {
  const { diff, truncated } = capPatches(input.patches, input.maxDiffBytes)
  return {
    schemaVersion: REVIEW_SCHEMA_VERSION,
    role: input.role,
    reviewer: input.reviewer,
    focus: input.focus ?? null,
    repository: input.repository,
    base: { sha: input.baseSha },
    head: { sha: input.headSha },
    files: input.files.map((f) => ({ ...f })),
    diff,
    truncated,
    severityRules: SEVERITY_RULES,
    instructions: RESPONSE_INSTRUCTIONS,
    ...(input.finding === undefined ? {} : { finding: input.finding }),
    ...(input.counterEvidence === undefined ? {} : { counterEvidence: input.counterEvidence }),
  }
}

/** One finding of a reviewer's answer. `line` is 1-based in the new version. */
export interface ReviewFinding {
  severity: ReviewSeverity
  message: string
  path?: string
  line?: number
  suggestion?: string
}

/** Which form an answer came in. */
export type ResponseForm = 'json' | 'fenced-json' | 'text' | 'claude-json'

/** A parsed answer, or why there is none (`verdict: null`). */
export type ParsedResponse = { verdict: 'pass' | 'fail'; findings: ReviewFinding[]; form: ResponseForm } | { verdict: null; findings: []; problem: string }

/** Characters of a message or suggestion kept: a reviewer cannot flood a report. */
const MAX_TEXT = 2_000
/** Findings kept of one answer. */
export const MAX_FINDINGS = 200

function cleanText(text: string): string {
  // Control characters (escape sequences, NUL) would reach terminals and annotations.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim()
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT - 1)}…` : clean
}

const severity = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(REVIEW_SEVERITIES))
const responseSchema = z.looseObject({
  verdict: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(['pass', 'fail'])),
  findings: z
    .array(
      z.looseObject({
        severity,
        message: z.string().trim().min(1),
        path: z.string().trim().min(1).optional(),
        line: z.number().int().min(1).optional(),
        suggestion: z.string().optional(),
      }),
    )
    .max(MAX_FINDINGS)
    .default([]),
})

function fromJson(value: unknown, form: ResponseForm): ParsedResponse {
  const parsed = responseSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return {
      verdict: null,
      findings: [],
      problem: `the JSON answer does not match the response schema (${issue.path.join('.') || 'top level'}: ${issue.message})`,
    }
  }
  const findings = parsed.data.findings.map((f) => ({
    severity: f.severity,
    message: cleanText(f.message),
    ...(f.path === undefined ? {} : { path: cleanText(f.path) }),
    ...(f.line === undefined ? {} : { line: f.line }),
    ...(f.suggestion === undefined || f.suggestion.trim() === '' ? {} : { suggestion: cleanText(f.suggestion) }),
  }))
  return { verdict: parsed.data.verdict, findings, form }
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

const VERDICT_LINE = /^\s*\**VERDICT\**\s*:\s*\**\s*(PASS|FAIL)\b\**\s*$/i
const FINDING_LINE = /^\s*(?:[-*]\s+)?\[(critical|high|medium|low)\]\s+(.+)$/i
/** `path:line` or `path` followed by the message; a path has a `/`, or a `.` and an extension. */
const LOCATION = /^(\S+?):(\d+)(?::\d+)?\s+(.+)$/
const BARE_PATH = /^((?:[^\s/]*\/)+[^\s/]+|[^\s/]+\.[A-Za-z0-9]{1,10})\s+(.+)$/

function textFinding(sev: string, rest: string): ReviewFinding {
  const severityOf = sev.toLowerCase() as ReviewSeverity
  const located = LOCATION.exec(rest)
  if (located !== null) return { severity: severityOf, path: cleanText(located[1]!), line: Number(located[2]), message: cleanText(located[3]!) }
  const bare = BARE_PATH.exec(rest)
  if (bare !== null) return { severity: severityOf, path: cleanText(bare[1]!), message: cleanText(bare[2]!) }
  return { severity: severityOf, message: cleanText(rest) }
}

/** Loki's text form: exactly one `VERDICT: PASS|FAIL` line (case-insensitive, markdown bold allowed) and `[Severity] path:line message` lines; other lines are prose. */
function fromText(text: string): ParsedResponse | null {
  const verdicts = new Set<string>()
  const findings: ReviewFinding[] = []
  for (const line of text.split(/\r?\n/)) {
    const verdict = VERDICT_LINE.exec(line)
    if (verdict !== null) {
      verdicts.add(verdict[1]!.toLowerCase())
      continue
    }
    const finding = FINDING_LINE.exec(line)
    if (finding !== null && findings.length < MAX_FINDINGS) findings.push(textFinding(finding[1]!, finding[2]!))
  }
  if (verdicts.size === 0) return null
  if (verdicts.size > 1) return { verdict: null, findings: [], problem: 'the text answer has both a VERDICT: PASS and a VERDICT: FAIL line' }
  return { verdict: verdicts.has('pass') ? 'pass' : 'fail', findings, form: 'text' }
}

const FENCE = /```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*```/gi

/** The answer inside a text that is not itself JSON: the last fenced JSON block with a verdict, else the text form. */
function fromProse(text: string, form: ResponseForm | null): ParsedResponse | null {
  const fences = [...text.matchAll(FENCE)].map((m) => tryJson(m[1]!.trim())).filter((j) => j.ok)
  for (const fenced of fences.reverse()) {
    if (typeof fenced.value === 'object' && fenced.value !== null && 'verdict' in fenced.value) return fromJson(fenced.value, form ?? 'fenced-json')
  }
  const parsed = fromText(text)
  if (parsed !== null && parsed.verdict !== null && form !== null) return { ...parsed, form }
  return parsed
}

/** claude -p --output-format json: `{"type":"result","is_error":false,"result":"<the model's answer>", …}`, alone or last of an array (`--verbose`). */
function claudeResult(value: unknown): { result: string; isError: boolean } | null {
  const last = Array.isArray(value) ? (value.at(-1) as unknown) : value
  if (typeof last !== 'object' || last === null) return null
  const record = last as Record<string, unknown>
  if (record.type !== 'result' || typeof record.result !== 'string') return null
  return { result: record.result, isError: record.is_error === true }
}

/**
 * A reviewer's stdout as an answer. Accepted, in this order:
 * 1. the whole output is a JSON object with `verdict` (the response schema);
 * 2. the whole output is claude's `--output-format json` wrapper (`type: "result"`, its `result`
 *    string holding 1, 3 or 4; `is_error: true` is no verdict);
 * 3. a fenced code block (```json … ```) holding a JSON object with `verdict` (the last such block);
 * 4. the text form: one `VERDICT: PASS|FAIL` line plus `[Critical|High|Medium|Low] path:line message` lines.
 * Anything else, an empty output, or JSON that does not match the schema is no verdict (`verdict: null`, with the problem).
 */
export function parseResponse(stdout: string): ParsedResponse {
  const text = stdout.trim()
  if (text === '') return { verdict: null, findings: [], problem: 'it printed nothing on stdout' }
  const json = tryJson(text)
  if (json.ok) {
    const claude = claudeResult(json.value)
    if (claude !== null) {
      if (claude.isError) return { verdict: null, findings: [], problem: `claude reported an error: ${cleanText(claude.result).slice(0, 200)}` }
      const inner = tryJson(claude.result.trim())
      if (inner.ok && typeof inner.value === 'object' && inner.value !== null && !Array.isArray(inner.value)) return fromJson(inner.value, 'claude-json')
      return (
        fromProse(claude.result, 'claude-json') ?? {
          verdict: null,
          findings: [],
          problem: "claude's result holds no verdict (no JSON answer, no VERDICT: line)",
        }
      )
    }
    if (typeof json.value === 'object' && json.value !== null && !Array.isArray(json.value)) return fromJson(json.value, 'json')
    return { verdict: null, findings: [], problem: 'it printed JSON that is not a response object' }
  }
  return fromProse(text, null) ?? { verdict: null, findings: [], problem: 'it printed no JSON answer and no VERDICT: line' }
}
