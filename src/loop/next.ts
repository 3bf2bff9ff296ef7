// What the next attempt needs to know: `.proofgate/next.json` and `.proofgate/next.md`, built from a
// finished run (pure here; written by reporters/next.ts). Written for a coding agent, not a person.
import type { GateId, ReportedFinding, Severity } from '../findings/types.js'
import type { Verdict } from '../findings/verdict.js'
import type { RunResult } from '../runner/types.js'
import { inert } from '../util/text.js'

/** The `schemaVersion` of next.json: fields are only ever added under 1. */
export const NEXT_SCHEMA_VERSION = 1
/** File names under `.proofgate/`. */
export const NEXT_JSON_FILE = 'next.json'
export const NEXT_MD_FILE = 'next.md'
/** At most this many records (findings plus failing tests) are listed; the rest are counted in `omitted`. */
export const NEXT_RECORD_CAP = 100

/** One finding the next attempt must fix (blocking) or should look at (warning). */
export interface NextFinding {
  gate: string
  ruleId: string
  severity: Severity
  /** True when this finding blocks the verdict; false for a warning. */
  blocking: boolean
  /** `path:line` (1-based), `path` without a line, or null for a finding about no file. */
  location: string | null
  /** The source line at `location`, trimmed, at most 200 characters; null when there is none. */
  source: string | null
  message: string
  /** What to do; null when the gate gave no advice. */
  help: string | null
  fingerprint: string
  /** True when the previous run of the same branch did not report this fingerprint (or there was none). */
  new: boolean
}

/** One failing test as the tests gate reported it. */
export interface NextFailingTest {
  name: string
  /** `file:line`, `file`, or null when the runner named no file. */
  location: string | null
  /** The first non-empty line of the failure message. */
  firstError: string
}

/** The next.json document (schemaVersion 1). */
export interface NextReport {
  schemaVersion: typeof NEXT_SCHEMA_VERSION
  runId: string
  /** ISO 8601: when the run started. */
  startedAt: string
  /** The branch (or pushed ref) of the version under test; null on a detached HEAD. */
  branch: string | null
  headSha: string
  verdict: Verdict
  exitCode: number
  /** The run whose next.json this one was compared with (same branch), or null. */
  previousRunId: string | null
  findings: NextFinding[]
  failingTests: NextFailingTest[]
  inconclusive: Array<{ gate: GateId; reason: string }>
  /** Records left out by the cap of {@link NEXT_RECORD_CAP}. */
  omitted: { findings: number; failingTests: number }
}

/** What `buildNext` needs from the previous next.json: its run, branch and fingerprints. */
export interface PreviousNext {
  runId: string
  branch: string | null
  fingerprints: ReadonlySet<string>
}

/** Reads the parts of a previous next.json that matter; null for anything that is not one. */
export function parsePreviousNext(text: string | null): PreviousNext | null {
  if (text === null) return null
  try {
    const value = JSON.parse(text) as Partial<NextReport>
    if (value.schemaVersion !== NEXT_SCHEMA_VERSION || typeof value.runId !== 'string' || !Array.isArray(value.findings)) return null
    const fingerprints = new Set(value.findings.map((f) => f?.fingerprint).filter((f): f is string => typeof f === 'string'))
    return { runId: value.runId, branch: typeof value.branch === 'string' ? value.branch : null, fingerprints }
  } catch {
    return null
  }
}

/** The failing tests the tests gate carries in its `data` (test-results.json's `failures`). */
function failingTestsOf(result: RunResult): NextFailingTest[] {
  const data = result.gates.find((g) => g.id === 'tests')?.data as { failures?: unknown } | undefined
  if (!Array.isArray(data?.failures)) return []
  return (data.failures as Array<{ name?: unknown; file?: unknown; line?: unknown; message?: unknown }>).map((f) => {
    const file = typeof f.file === 'string' ? f.file : null
    const line = typeof f.line === 'number' ? f.line : undefined
    const message = typeof f.message === 'string' ? f.message : ''
    return {
      name: typeof f.name === 'string' ? f.name : '(unnamed)',
      location: file === null ? null : line === undefined ? file : `${file}:${line}`,
      firstError: (message.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 300),
    }
  })
}

/** Blocking first, then the run's order (most severe first, then path and line). */
function rank(findings: readonly ReportedFinding[]): ReportedFinding[] {
  const listed = findings.filter((f) => f.waived === null && (f.blocking || f.severity !== 'info'))
  return [...listed.filter((f) => f.blocking), ...listed.filter((f) => !f.blocking)]
}

/**
 * The next.json document for `result`. `sourceLine(path, line)` gives the line (1-based) of the
 * version under test, or null. `previous` is compared only when it is of the same branch.
 */
export function buildNext(result: RunResult, previous: PreviousNext | null, sourceLine: (finding: ReportedFinding) => string | null): NextReport {
  const branch = result.head.ref ?? null
  const before = previous !== null && previous.branch === branch ? previous : null
  const ranked = rank(result.findings)
  const tests = failingTestsOf(result)
  const shownFindings = ranked.slice(0, NEXT_RECORD_CAP)
  const shownTests = tests.slice(0, Math.max(0, NEXT_RECORD_CAP - shownFindings.length))
  return {
    schemaVersion: NEXT_SCHEMA_VERSION,
    runId: result.runId,
    startedAt: result.startedAt,
    branch,
    headSha: result.head.sha,
    verdict: result.verdict,
    exitCode: result.exitCode,
    previousRunId: before?.runId ?? null,
    findings: shownFindings.map((f) => ({
      gate: f.gate,
      ruleId: f.ruleId,
      severity: f.severity,
      blocking: f.blocking,
      location: f.path === undefined ? null : f.startLine === undefined ? f.path : `${f.path}:${f.startLine}`,
      source: sourceLine(f),
      message: f.message,
      help: f.help ?? null,
      fingerprint: f.fingerprint,
      new: before === null || !before.fingerprints.has(f.fingerprint),
    })),
    failingTests: shownTests,
    inconclusive: result.inconclusive,
    omitted: { findings: ranked.length - shownFindings.length, failingTests: tests.length - shownTests.length },
  }
}

/** The first line of `text`, for one-line list items. */
function firstLine(text: string): string {
  // A message or a source line is the change's text: no escape or line break of it reaches the file.
  return inert(text.split('\n')[0]!.trim(), true)
}

/** next.md: short, imperative, plain text (no colours), for a coding agent to read before its next attempt. */
export function renderNextMarkdown(next: NextReport): string {
  const blocking = next.findings.filter((f) => f.blocking)
  const warnings = next.findings.filter((f) => !f.blocking)
  const lines: string[] = [`# proofgate: ${next.verdict} (exit ${next.exitCode})`, '']
  if (blocking.length === 0 && next.failingTests.length === 0 && next.inconclusive.length === 0) {
    lines.push(next.verdict === 'pass' ? 'Nothing blocks. Do not change anything for proofgate.' : 'Nothing blocks; read the warnings below.', '')
  } else {
    lines.push('Fix these before your next attempt, in this order. Do not weaken tests, config or waivers to pass.', '')
  }
  const item = (f: NextFinding, i: number): string[] => [
    `${i + 1}. [${f.new ? 'new' : 'old'}] ${f.severity} ${f.gate}/${f.ruleId} at ${f.location === null ? '(no file)' : inert(f.location)}: ${firstLine(f.message)}`,
    ...(f.source === null ? [] : [`   line: ${firstLine(f.source)}`]),
    ...(f.help === null ? [] : [`   do: ${firstLine(f.help)}`]),
  ]
  if (blocking.length > 0) lines.push('## Blocking', '', ...blocking.flatMap(item), '')
  if (next.failingTests.length > 0) {
    lines.push(
      '## Failing tests',
      '',
      ...next.failingTests.map((t) => `- ${firstLine(t.name)}${t.location === null ? '' : ` (${inert(t.location)})`}: ${firstLine(t.firstError)}`),
      '',
    )
  }
  if (next.inconclusive.length > 0) {
    lines.push('## Could not decide (blocks until it can)', '', ...next.inconclusive.map((g) => `- ${g.gate}: ${firstLine(g.reason)}`), '')
  }
  if (warnings.length > 0) lines.push('## Warnings', '', ...warnings.flatMap((f, i) => item(f, blocking.length + i)), '')
  const omitted = next.omitted.findings + next.omitted.failingTests
  if (omitted > 0) lines.push(`${omitted} more left out (cap ${NEXT_RECORD_CAP}); run proofgate run --format json for all.`, '')
  lines.push('[new] = not reported by the previous run of this branch. Details: .proofgate/next.json.', '')
  return lines.join('\n')
}
