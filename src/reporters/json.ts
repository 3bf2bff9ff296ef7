// The JSON report, schemaVersion 1 of STYLE.md: fields may be added, none removed or renamed.
// `toJsonReport` is pure so the shape is snapshot-tested; the reporter writes it on run end.
import type { Reporter, RunResult } from '../runner/types.js'
import { VERSION } from '../version.js'

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
      ...(f.path === undefined ? {} : { path: f.path }),
      ...(f.startLine === undefined ? {} : { startLine: f.startLine }),
      ...(f.endLine === undefined ? {} : { endLine: f.endLine }),
      ...(f.startColumn === undefined ? {} : { startColumn: f.startColumn }),
      ...(f.endColumn === undefined ? {} : { endColumn: f.endColumn }),
      fingerprint: f.fingerprint,
      ...(f.help === undefined ? {} : { help: f.help }),
      blocking: f.blocking,
      waived: f.waived,
    })),
    inconclusive: result.inconclusive,
    notes: result.notes,
  }
}

/** Writes the JSON report through `write` when the run ends. */
export function jsonReporter(write: (text: string) => void | Promise<void>): Reporter {
  return {
    name: 'json',
    onRunEnd: (result) => write(JSON.stringify(toJsonReport(result), null, 2) + '\n'),
  }
}
