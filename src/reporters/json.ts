// The JSON report, schemaVersion 1 of STYLE.md: fields may be added, none removed or renamed.
// `toJsonReport` is pure so the shape is snapshot-tested; the reporter writes it on run end.
import * as z from 'zod'
import { FILTER_MODES, GATE_MODES, WAIVER_PROOFS } from '../config/schema.js'
import { ProofgateError } from '../errors.js'
import { GATE_IDS, SEVERITIES, type ReportedFinding } from '../findings/types.js'
import type { GateResult, Reporter, RunResult } from '../runner/types.js'
import { VERSION } from '../version.js'

/** The JSON report's `schemaVersion`: fields are only ever added under 1; a removal or rename would need 2. */
export const SCHEMA_VERSION = 1

/** The report object for a finished run (absolute paths are left out; paths are repo-relative). */
export function toJsonReport(result: RunResult): Record<string, unknown> {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'proofgate', version: VERSION },
    runId: result.runId,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    base: result.base,
    head: result.head,
    treeHash: result.treeHash,
    diffHash: result.diffHash,
    scope: result.scope,
    filterMode: result.filterMode,
    changedFiles: result.changedFiles,
    verdict: result.verdict,
    exitCode: result.exitCode,
    gates: result.gates.map((g) => ({
      id: g.id,
      mode: g.mode,
      status: g.status,
      durationMs: g.durationMs,
      ...(g.queuedMs === undefined ? {} : { queuedMs: g.queuedMs }),
      summary: g.summary,
      ...(g.reason === undefined ? {} : { reason: g.reason }),
      counts: g.counts,
      filteredOut: g.filteredOut,
      ...(g.data === undefined ? {} : { data: g.data }),
    })),
    findings: result.findings.map((f) => ({
      gate: f.gate,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...(f.messageId === undefined ? {} : { messageId: f.messageId }),
      ...(f.path === undefined ? {} : { path: f.path }),
      ...(f.startLine === undefined ? {} : { startLine: f.startLine }),
      ...(f.endLine === undefined ? {} : { endLine: f.endLine }),
      ...(f.startColumn === undefined ? {} : { startColumn: f.startColumn }),
      ...(f.endColumn === undefined ? {} : { endColumn: f.endColumn }),
      fingerprint: f.fingerprint,
      ...(f.help === undefined ? {} : { help: f.help }),
      ...(f.severitySource === undefined ? {} : { severitySource: f.severitySource, defaultSeverity: f.defaultSeverity }),
      blocking: f.blocking,
      waived: f.waived,
      ...(f.needsApproval === true ? { needsApproval: true } : {}),
      ...(f.pendingWaiver === undefined ? {} : { pendingWaiver: f.pendingWaiver }),
      ...(f.approved === undefined ? {} : { approved: f.approved }),
      ...(f.council === undefined ? {} : { council: f.council }),
    })),
    inconclusive: result.inconclusive,
    notes: result.notes,
    ...(result.approval === undefined ? {} : { approval: result.approval }),
    ...(result.release === undefined ? {} : { release: result.release }),
  }
}

/** Writes the JSON report through `write` when the run ends. */
export function jsonReporter(write: (text: string) => void | Promise<void>): Reporter {
  return {
    name: 'json',
    onRunEnd: (result) => write(JSON.stringify(toJsonReport(result), null, 2) + '\n'),
  }
}

const severity = z.enum(SEVERITIES)
const waiverRef = z.object({
  reason: z.string(),
  proof: z.enum(WAIVER_PROOFS),
  expires: z.string().optional(),
  line: z.number(),
  council: z.object({ file: z.string(), approvals: z.number(), judges: z.number(), artifacts: z.array(z.string()) }).optional(),
})
const councilDecision = z.object({
  outcome: z.enum(['approved', 'rejected', 'inconclusive']),
  evidence: z.object({ file: z.string(), line: z.number(), claim: z.string(), proofType: z.enum(WAIVER_PROOFS), artifacts: z.array(z.string()) }),
  votes: z.array(
    z.object({
      judge: z.string(),
      vote: z.enum(['pass', 'fail', 'none']),
      durationMs: z.number(),
      exitCode: z.number().nullable(),
      timedOut: z.boolean(),
      error: z.string().optional(),
    }),
  ),
})
const reportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  runId: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  base: z.object({
    sha: z.string(),
    source: z.enum(['explicit', 'run-start', 'merge-base', 'pull-request', 'push', 'pre-commit', 'scan']),
    ref: z.string().optional(),
  }),
  head: z.object({ sha: z.string(), ref: z.string().optional() }),
  treeHash: z.string(),
  diffHash: z.string(),
  scope: z.enum(['changes', 'all']),
  filterMode: z.enum(FILTER_MODES),
  changedFiles: z.number(),
  verdict: z.enum(['pass', 'blocked', 'warn']),
  exitCode: z.number(),
  gates: z.array(
    z.object({
      id: z.enum(GATE_IDS),
      mode: z.enum(GATE_MODES),
      status: z.enum(['pass', 'fail', 'inconclusive', 'skipped', 'errored']),
      durationMs: z.number(),
      queuedMs: z.number().optional(),
      summary: z.string(),
      reason: z.string().optional(),
      counts: z.record(severity, z.number()),
      filteredOut: z.number(),
      data: z.unknown().optional(),
    }),
  ),
  findings: z.array(
    z.object({
      gate: z.enum([...GATE_IDS, 'proofgate']),
      ruleId: z.string(),
      severity,
      message: z.string(),
      messageId: z.string().optional(),
      path: z.string().optional(),
      startLine: z.number().int().positive().optional(),
      endLine: z.number().int().positive().optional(),
      startColumn: z.number().int().positive().optional(),
      endColumn: z.number().int().positive().optional(),
      fingerprint: z.string(),
      help: z.string().optional(),
      severitySource: z.literal('config').optional(),
      defaultSeverity: severity.optional(),
      blocking: z.boolean(),
      waived: waiverRef.nullable(),
      needsApproval: z.literal(true).optional(),
      pendingWaiver: waiverRef.optional(),
      approved: z.object({ by: z.string(), sha: z.string() }).optional(),
      council: councilDecision.optional(),
    }),
  ),
  inconclusive: z.array(z.object({ gate: z.enum(GATE_IDS), reason: z.string() })),
  notes: z.array(z.string()),
  approval: z.object({ by: z.string(), sha: z.string(), association: z.string() }).optional(),
  release: z
    .object({
      tag: z.string().nullable(),
      base: z.object({ sha: z.string(), source: z.enum(['previous-tag', 'root']), tag: z.string().optional() }),
      visible: z.array(z.object({ id: z.string(), title: z.string(), status: z.enum(['pass', 'fail', 'errored']) })),
      heldOut: z.object({ total: z.number(), passed: z.number(), failed: z.number(), setSha256: z.string() }),
      heldOutFailures: z.array(z.object({ id: z.string(), title: z.string(), message: z.string() })),
    })
    .optional(),
})

/**
 * A JSON report (schemaVersion 1) read back into a RunResult, for publishing a run made
 * elsewhere (the Action's `report-from`, fed by an artifact). The report is untrusted input:
 * it is validated field by field, and `root` is the caller's.
 * @throws ProofgateError PG_USAGE naming the first field that does not match.
 */
export function fromJsonReport(value: unknown, root: string): RunResult {
  const parsed = reportSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ProofgateError(
      'PG_USAGE',
      `Not a proofgate JSON report (schemaVersion ${SCHEMA_VERSION}): ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      {
        hint: 'pass the file written by `proofgate run --format json --output FILE` or by the Action (report-path output)',
      },
    )
  }
  const report = parsed.data
  const findings = report.findings.map((f) => dropUndefined(f) as ReportedFinding)
  return {
    ...report,
    root,
    base: dropUndefined(report.base) as RunResult['base'],
    head: dropUndefined(report.head) as RunResult['head'],
    gates: report.gates.map((g) => ({ ...(dropUndefined(g) as Omit<GateResult, 'findings'>), findings: findings.filter((f) => f.gate === g.id) })),
    findings,
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
