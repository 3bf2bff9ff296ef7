// The SARIF 2.1.0 report (`--format sarif`), for code scanning and SARIF viewers. `toSarif` is pure
// so the mapping is tested against the official schema; the reporter writes it on run end.
import { severitySourceText } from '../findings/rules.js'
import { pathToFileURL } from 'node:url'
import type { Invocation, Location, Log, Notification, ReportingDescriptor, Result, Run } from 'sarif'
import { WAIVERS_FILE } from '../config/load.js'
import { describeDecision } from '../findings/council.js'
import type { ReportedFinding, Severity } from '../findings/types.js'
import { ENGINE_GATE, ENGINE_RULES, ENGINE_RULES_FOR_EVERY_GATE, RUN_LEVEL_RULES, ruleDocsPath } from '../runner/engine-rules.js'
import { GATES } from '../gates/index.js'
import type { Gate } from '../gates/types.js'
import { declaredRuleId } from '../findings/rule.js'
import type { Reporter, RunResult } from '../runner/types.js'
import { VERSION } from '../version.js'

/** The log's `$schema`: SchemaStore's copy of the OASIS SARIF 2.1.0 schema, which code scanning accepts. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
/** `tool.driver.informationUri`: where a SARIF viewer links for proofgate itself. */
export const INFORMATION_URI = 'https://github.com/proofgate/proofgate'
/** Key of proofgate's own fingerprint in `result.partialFingerprints`; bump the version if the fingerprint's recipe changes. */
export const FINGERPRINT_KEY = 'proofgate/v1'
/** The uriBaseId every artifact location is relative to: the repository root. */
export const SRCROOT = '%SRCROOT%'

type RuleMeta = { description: string; defaultSeverity: Severity }

/** critical and high → error, medium → warning, low and info → note. */
export function sarifLevel(severity: Severity): Result.level {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error'
    case 'medium':
      return 'warning'
    default:
      return 'note'
  }
}

/** The SARIF rule id of a finding: `<gate>/<ruleId>`, since rule ids are unique only within a gate. */
export function sarifRuleId(gate: string, ruleId: string): string {
  return `${gate}/${ruleId}`
}

/**
 * A repository-relative path (forward slashes) as a relative URI reference: each segment
 * percent-encoded (RFC 3986), so spaces, unicode, `#`, `?` and `:` survive any URI parser.
 */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

/** `reportingDescriptor.helpUri` of a rule with a docs page: the page on the default branch of proofgate's repository. */
export function ruleHelpUri(gate: string, ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/${ruleDocsPath(gate, ruleId)}`
}

/**
 * The docs URL a finding of an undeclared rule carries in its help (`See <url>`: the
 * static-analysis gate copies ESLint's `meta.docs.url` there), else undefined.
 */
function ownHelpUri(f: ReportedFinding): string | undefined {
  const url = /^See (https?:\/\/\S+)$/.exec(f.help ?? '')?.[1]
  return url === undefined || !URL.canParse(url) ? undefined : url
}

function descriptor(gate: string, ruleId: string, meta: RuleMeta | undefined, helpUri: string | undefined): ReportingDescriptor {
  return {
    id: sarifRuleId(gate, ruleId),
    name: ruleId,
    // Rules a gate reports without declaring them (ESLint rule ids, TypeScript codes) have no
    // catalogue entry: say where they come from and leave the default level to the result.
    shortDescription: { text: meta?.description ?? `Reported by the ${gate} gate` },
    ...(helpUri === undefined ? {} : { helpUri }),
    ...(meta === undefined ? {} : { defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) } }),
    properties: { tags: [gate] },
  }
}

/**
 * The rule catalogue: every declared rule of every gate in GATES, the engine rules for every
 * gate, the run-level rules, then (in first-seen order) any rule a finding uses that none of
 * those declares. Returns the descriptors and each SARIF rule id's index in them.
 */
function ruleCatalogue(findings: readonly ReportedFinding[]): { rules: ReportingDescriptor[]; index: Map<string, number> } {
  const rules: ReportingDescriptor[] = []
  const index = new Map<string, number>()
  // Declared rules have a page under docs/rules/; an undeclared one keeps its own docs URL, if any.
  const add = (gate: string, ruleId: string, meta: RuleMeta | undefined, helpUri = meta === undefined ? undefined : ruleHelpUri(gate, ruleId)): void => {
    const id = sarifRuleId(gate, ruleId)
    if (index.has(id)) return
    index.set(id, rules.length)
    rules.push(descriptor(gate, ruleId, meta, helpUri))
  }
  for (const gate of GATES) {
    for (const [ruleId, meta] of Object.entries(gate.meta.rules)) add(gate.id, ruleId, meta)
    for (const ruleId of ENGINE_RULES_FOR_EVERY_GATE) add(gate.id, ruleId, ENGINE_RULES[ruleId])
  }
  for (const [ruleId, meta] of Object.entries(RUN_LEVEL_RULES)) add(ENGINE_GATE, ruleId, meta)
  for (const f of findings) {
    // `reviewer/<name>`: one id per reviewer, described by the family rule `reviewer` and its page.
    const gateRules = (GATES as readonly Gate[]).find((g) => g.id === f.gate)?.meta.rules ?? {}
    const family = declaredRuleId(gateRules, f.ruleId)
    if (family !== undefined && family !== f.ruleId) {
      add(f.gate, f.ruleId, gateRules[family], ruleHelpUri(f.gate, family))
      continue
    }
    const meta = f.gate === ENGINE_GATE ? RUN_LEVEL_RULES[f.ruleId] : ENGINE_RULES[f.ruleId]
    add(f.gate, f.ruleId, meta, meta === undefined ? ownHelpUri(f) : ruleHelpUri(f.gate, f.ruleId))
  }
  return { rules, index }
}

/** A 1-based position as SARIF 2.1.0 requires it (an integer ≥ 1), else undefined: unknown, so omitted. */
function position(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined
}

/**
 * The SARIF location of `path` and `region`. A region is written only with a valid start line; a
 * column 0 (ESLint's parse errors at the end of a file), a negative or fractional position, or an
 * end before the start is unknown and left out, so the log always satisfies the 2.1.0 schema.
 */
function location(path: string, region: Partial<Record<'startLine' | 'endLine' | 'startColumn' | 'endColumn', number>>): Location {
  const startLine = position(region.startLine)
  const endLine = startLine !== undefined && (position(region.endLine) ?? 0) >= startLine ? region.endLine : undefined
  const startColumn = position(region.startColumn)
  const sameLine = endLine === undefined || endLine === startLine
  const endColumn =
    position(region.endColumn) !== undefined && (!sameLine || startColumn === undefined || region.endColumn! >= startColumn) ? region.endColumn : undefined
  return {
    physicalLocation: {
      artifactLocation: { uri: pathToUri(path), uriBaseId: SRCROOT },
      // A region needs a start line; a column or end without one would describe nothing.
      ...(startLine === undefined
        ? {}
        : {
            region: {
              startLine,
              ...(endLine === undefined ? {} : { endLine }),
              ...(startColumn === undefined ? {} : { startColumn }),
              ...(endColumn === undefined ? {} : { endColumn }),
            },
          }),
    },
  }
}

function toResult(f: ReportedFinding, ruleIndex: number): Result {
  return {
    ruleId: sarifRuleId(f.gate, f.ruleId),
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: `${f.message}${severitySourceText(f)}${f.help === undefined ? '' : `\n\nHelp: ${f.help}`}` },
    // No path, no location: SARIF allows it; code scanning does not display such results.
    ...(f.path === undefined ? {} : { locations: [location(f.path, f)] }),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.waived === null
      ? {}
      : {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification:
                f.waived.council === undefined
                  ? `${f.waived.reason} (proof: ${f.waived.proof}${f.waived.expires === undefined ? '' : `, expires ${f.waived.expires}`})`
                  : `${f.waived.reason} (proof: ${f.waived.proof}; ${f.council === undefined ? `override council, ${f.waived.council.approvals} of ${f.waived.council.judges} judges` : describeDecision(f.council)})`,
              location: location(f.waived.council?.file ?? WAIVERS_FILE, { startLine: f.waived.line }),
            },
          ],
        }),
    properties: {
      severity: f.severity,
      // Not message.id: SARIF (3.11.10) makes that a key into the rule's messageStrings, filled
      // from positional arguments; our text is final and carries the severity note and the help.
      ...(f.messageId === undefined ? {} : { messageId: f.messageId }),
      blocking: f.blocking,
      ...(f.severitySource === undefined ? {} : { severitySource: f.severitySource, defaultSeverity: f.defaultSeverity }),
      ...(f.needsApproval === true ? { needsApproval: true } : {}),
      ...(f.pendingWaiver === undefined ? {} : { pendingWaiver: f.pendingWaiver }),
      ...(f.approved === undefined ? {} : { approved: f.approved }),
      ...(f.council === undefined ? {} : { council: f.council }),
    },
  }
}

/** One notification per errored gate (error), inconclusive gate (warning) and run note (note). */
function notifications(result: RunResult): Notification[] {
  const out: Notification[] = []
  for (const g of result.gates) {
    if (g.status === 'errored') {
      out.push({ level: 'error', message: { text: `${g.id} errored: ${g.reason ?? g.summary}` }, properties: { gate: g.id, status: g.status } })
    }
  }
  for (const i of result.inconclusive) {
    out.push({ level: 'warning', message: { text: `${i.gate} inconclusive: ${i.reason}` }, properties: { gate: i.gate, status: 'inconclusive' } })
  }
  for (const note of result.notes) out.push({ level: 'note', message: { text: note } })
  return out
}

function invocation(result: RunResult): Invocation {
  const started = Date.parse(result.startedAt)
  const toolExecutionNotifications = notifications(result)
  return {
    // A gate that errored did not finish its analysis: the run is not a complete one.
    executionSuccessful: !result.gates.some((g) => g.status === 'errored'),
    exitCode: result.exitCode,
    ...(Number.isNaN(started) ? {} : { startTimeUtc: new Date(started).toISOString(), endTimeUtc: new Date(started + result.durationMs).toISOString() }),
    ...(toolExecutionNotifications.length === 0 ? {} : { toolExecutionNotifications }),
    properties: {
      verdict: result.verdict,
      base: result.base,
      head: result.head,
      gates: result.gates.map((g) => ({
        id: g.id,
        mode: g.mode,
        status: g.status,
        summary: g.summary,
        ...(g.reason === undefined ? {} : { reason: g.reason }),
      })),
    },
  }
}

/** Options of {@link toSarif} and the sarif reporter; the defaults suit a log uploaded to code scanning. */
export interface SarifOptions {
  /**
   * Leave the absolute repository root (`originalUriBaseIds`) out of the log (default true):
   * logs are often uploaded or shared from elsewhere, and the root names the machine's user.
   */
  stripRoot?: boolean
  /**
   * Code scanning category, e.g. `proofgate/unit`: written as `automationDetails.id`
   * `<category>/<runId>`. Left out by default, because github/codeql-action/upload-sarif fills
   * automationDetails (from its `category` input, or per workflow job and matrix) only when the
   * log has none.
   */
  category?: string
}

/**
 * The SARIF 2.1.0 log of a finished run: one run, one result per reported finding (waived ones
 * as suppressed results), rule ids `<gate>/<ruleId>`, artifact URIs relative to `%SRCROOT%`
 * (the repository root), 1-based lines and columns in UTF-16 code units as the gates report them.
 */
export function toSarif(result: RunResult, options: SarifOptions = {}): Log {
  const { rules, index } = ruleCatalogue(result.findings)
  const results = result.findings.map((f) => toResult(f, index.get(sarifRuleId(f.gate, f.ruleId)) ?? -1))
  const category = options.category?.replace(/\/+$/, '')
  const run: Run = {
    tool: { driver: { name: 'proofgate', version: VERSION, informationUri: INFORMATION_URI, rules } },
    invocations: [invocation(result)],
    ...(options.stripRoot === false ? { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(result.root).href.replace(/\/?$/, '/') } } } : {}),
    ...(category === undefined || category === '' ? {} : { automationDetails: { id: `${category}/${result.runId}` } }),
    columnKind: 'utf16CodeUnits',
    results,
    // versionControlDetails requires repositoryUri, which a run does not know: the revision goes here.
    properties: {
      runId: result.runId,
      revisionId: result.head.sha,
      ...(result.head.ref === undefined ? {} : { branch: result.head.ref }),
      scope: result.scope,
      filterMode: result.filterMode,
      changedFiles: result.changedFiles,
      treeHash: result.treeHash,
      diffHash: result.diffHash,
    },
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] }
}

/** Writes the SARIF log (JSON, 2-space indent, trailing newline) through `write` when the run ends. */
export function sarifReporter(write: (text: string) => void | Promise<void>, options: SarifOptions = {}): Reporter {
  return {
    name: 'sarif',
    onRunEnd: (result) => write(JSON.stringify(toSarif(result, options), null, 2) + '\n'),
  }
}
