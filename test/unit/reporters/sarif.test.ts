// The SARIF mapping, table by table, on hand-built runs; every log is validated against the
// official SARIF 2.1.0 schema (draft-04) so a shape GitHub code scanning would reject fails here.
import { expectValidSarif, validateSarif } from '../../helpers/sarif.js'
import type { Log, Result } from 'sarif'
import { describe, expect, it } from 'vitest'
import type { ReportedFinding } from '../../../src/findings/types.js'
import { GATES } from '../../../src/gates/index.js'
import { eslintMessageToFinding } from '../../../src/gates/static-analysis.js'
import { pathToUri, sarifReporter, toSarif } from '../../../src/reporters/sarif.js'
import type { GateResult, RunResult } from '../../../src/runner/types.js'
import { VERSION } from '../../../src/version.js'

const ROOT = '/home/someone/work/my repo'
const SHA = 'a'.repeat(40)
const BASE = 'b'.repeat(40)

function finding(overrides: Partial<ReportedFinding> = {}): ReportedFinding {
  return {
    gate: 'mock-integrity',
    ruleId: 'tautological-assertion',
    severity: 'high',
    message: 'expect(true).toBe(true) compares a literal with itself.',
    path: 'test/sum.test.js',
    startLine: 5,
    endLine: 5,
    startColumn: 3,
    endColumn: 26,
    fingerprint: '0123456789abcdef0123456789abcdef',
    blocking: true,
    waived: null,
    ...overrides,
  }
}

function gate(overrides: Partial<GateResult> = {}): GateResult {
  return {
    id: 'mock-integrity',
    mode: 'blocking',
    status: 'fail',
    durationMs: 12,
    summary: '1 test file',
    counts: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
    filteredOut: 0,
    findings: [],
    ...overrides,
  }
}

/** A finished run as the engine hands it to reporters; `findings` and `gates` as given. */
function runResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    runId: '3b241101-e2bb-4255-8caf-4136c566a962',
    startedAt: '2026-11-21T10:00:00.000Z',
    durationMs: 1834,
    root: ROOT,
    base: { sha: BASE, source: 'explicit', ref: 'main' },
    head: { sha: SHA, ref: 'feature' },
    treeHash: 'c'.repeat(40),
    diffHash: 'd'.repeat(64),
    scope: 'changes',
    filterMode: 'added',
    changedFiles: 2,
    verdict: 'blocked',
    exitCode: 1,
    gates: [gate()],
    findings: [finding()],
    inconclusive: [],
    notes: [],
    ...overrides,
  }
}

const onlyRun = (log: Log) => log.runs[0]!
const results = (log: Log): Result[] => onlyRun(log).results ?? []

describe('toSarif', () => {
  it('writes one valid 2.1.0 run with the tool, its version and every declared rule as <gate>/<ruleId>', () => {
    const log = toSarif(runResult())
    expectValidSarif(log)
    expect(log.version).toBe('2.1.0')
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json')
    expect(log.runs).toHaveLength(1)
    const driver = onlyRun(log).tool.driver
    expect([driver.name, driver.version, driver.informationUri]).toEqual(['proofgate', VERSION, 'https://github.com/proofgate/proofgate'])
    const ids = driver.rules!.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const g of GATES) {
      for (const [ruleId, meta] of Object.entries(g.meta.rules)) {
        const rule = driver.rules!.find((r) => r.id === `${g.id}/${ruleId}`)
        expect(rule).toEqual({
          id: `${g.id}/${ruleId}`,
          name: ruleId,
          shortDescription: { text: meta.description },
          helpUri: `https://github.com/proofgate/proofgate/blob/main/docs/rules/${g.id}/${ruleId}.md`,
          defaultConfiguration: { level: { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }[meta.defaultSeverity] },
          properties: { tags: [g.id] },
        })
      }
      // The engine's rules exist for every gate, since the runner stamps the gate's id on them.
      // Their pages are the engine's, whatever gate they are stamped with.
      expect(driver.rules!.find((r) => r.id === `${g.id}/gate-errored`)?.helpUri).toBe(
        'https://github.com/proofgate/proofgate/blob/main/docs/rules/proofgate/gate-errored.md',
      )
      expect(driver.rules!.find((r) => r.id === `${g.id}/gate-timeout`)?.helpUri).toBe(
        'https://github.com/proofgate/proofgate/blob/main/docs/rules/proofgate/gate-timeout.md',
      )
    }
    expect(driver.rules!.filter((r) => r.id.startsWith('proofgate/'))).toEqual([
      {
        id: 'proofgate/waiver-expired',
        name: 'waiver-expired',
        shortDescription: { text: "A waiver's expires date has passed; it no longer applies" },
        helpUri: 'https://github.com/proofgate/proofgate/blob/main/docs/rules/proofgate/waiver-expired.md',
        defaultConfiguration: { level: 'note' },
        properties: { tags: ['proofgate'] },
      },
      {
        id: 'proofgate/waiver-unused',
        name: 'waiver-unused',
        shortDescription: { text: 'A waiver matched no finding in this run' },
        helpUri: 'https://github.com/proofgate/proofgate/blob/main/docs/rules/proofgate/waiver-unused.md',
        defaultConfiguration: { level: 'note' },
        properties: { tags: ['proofgate'] },
      },
      {
        id: 'proofgate/escalation',
        name: 'escalation',
        shortDescription: {
          text: 'The attempts at this change are going in circles (two of the three uncertainty proxies hot on consecutive runs): human review required',
        },
        helpUri: 'https://github.com/proofgate/proofgate/blob/main/docs/rules/proofgate/escalation.md',
        defaultConfiguration: { level: 'warning' },
        properties: { tags: ['proofgate'] },
      },
      {
        id: 'proofgate/council-not-configured',
        name: 'council-not-configured',
        shortDescription: { text: 'Counter-evidence contests a blocking finding, but no judges are configured (review.judges), so the council cannot hear it' },
        helpUri: 'https://github.com/proofgate/proofgate/blob/main/docs/rules/proofgate/council-not-configured.md',
        defaultConfiguration: { level: 'warning' },
        properties: { tags: ['proofgate'] },
      },
    ])
  })

  it('maps a finding to a result: rule id and index, level, message with help, location, region, fingerprint, properties', () => {
    const log = toSarif(runResult({ findings: [finding({ help: 'assert on the value the code computes' })] }))
    expectValidSarif(log)
    const rules = onlyRun(log).tool.driver.rules!
    const [result] = results(log)
    expect(result).toEqual({
      ruleId: 'mock-integrity/tautological-assertion',
      ruleIndex: rules.findIndex((r) => r.id === 'mock-integrity/tautological-assertion'),
      level: 'error',
      message: { text: 'expect(true).toBe(true) compares a literal with itself.\n\nHelp: assert on the value the code computes' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'test/sum.test.js', uriBaseId: '%SRCROOT%' },
            region: { startLine: 5, endLine: 5, startColumn: 3, endColumn: 26 },
          },
        },
      ],
      partialFingerprints: { 'proofgate/v1': '0123456789abcdef0123456789abcdef' },
      properties: { severity: 'high', blocking: true },
    })
    expect(rules[result!.ruleIndex!]!.id).toBe(result!.ruleId)
  })

  it.each([
    ['critical', 'error'],
    ['high', 'error'],
    ['medium', 'warning'],
    ['low', 'note'],
    ['info', 'note'],
  ] as const)('gives severity %s the level %s and keeps the severity in properties', (severity, level) => {
    const log = toSarif(runResult({ findings: [finding({ severity, blocking: false })] }))
    expectValidSarif(log)
    expect(results(log).map((r) => [r.level, r.properties])).toEqual([[level, { severity, blocking: false }]])
  })

  it.each([
    ['line only', { startLine: 7, endLine: undefined, startColumn: undefined, endColumn: undefined }, { startLine: 7 }],
    ['line and column', { startLine: 7, endLine: undefined, startColumn: 2, endColumn: undefined }, { startLine: 7, startColumn: 2 }],
    ['a multi-line range', { startLine: 7, endLine: 9, startColumn: 2, endColumn: 4 }, { startLine: 7, endLine: 9, startColumn: 2, endColumn: 4 }],
    ['no line (a file-level finding)', { startLine: undefined, endLine: undefined, startColumn: undefined, endColumn: undefined }, undefined],
    ['column 0 (an ESLint parse error at the end of a file)', { startLine: 2, endLine: undefined, startColumn: 0, endColumn: undefined }, { startLine: 2 }],
    ['line 0', { startLine: 0, endLine: undefined, startColumn: 0, endColumn: undefined }, undefined],
    ['an end column 0 and an end line before the start', { startLine: 7, endLine: 6, startColumn: 3, endColumn: 0 }, { startLine: 7, startColumn: 3 }],
    [
      'an end column before the start column on one line',
      { startLine: 7, endLine: 7, startColumn: 5, endColumn: 2 },
      { startLine: 7, endLine: 7, startColumn: 5 },
    ],
    ['a fractional column', { startLine: 7, endLine: undefined, startColumn: 1.5, endColumn: undefined }, { startLine: 7 }],
  ])('writes the region for %s', (_, position, region) => {
    const log = toSarif(runResult({ findings: [finding(position)] }))
    expectValidSarif(log)
    expect(results(log)[0]!.locations![0]!.physicalLocation!.region).toEqual(region)
  })

  it('leaves locations out for a finding without a path, and still references its rule', () => {
    const log = toSarif(
      runResult({
        findings: [
          finding({
            gate: 'tests',
            ruleId: 'gate-errored',
            severity: 'critical',
            path: undefined,
            startLine: undefined,
            endLine: undefined,
            startColumn: undefined,
            endColumn: undefined,
            message: 'The tests gate crashed: boom',
          }),
        ],
      }),
    )
    expectValidSarif(log)
    const [result] = results(log)
    expect(result).not.toHaveProperty('locations')
    expect(result!.ruleId).toBe('tests/gate-errored')
    expect(onlyRun(log).tool.driver.rules![result!.ruleIndex!]).toMatchObject({
      id: 'tests/gate-errored',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['tests'] },
    })
  })

  it('percent-encodes each path segment: spaces, unicode, #, ? and a colon stay one relative path', () => {
    expect(pathToUri('src/ünï cødé.js')).toBe('src/%C3%BCn%C3%AF%20c%C3%B8d%C3%A9.js')
    expect(pathToUri('a:b/c#d?e%f.ts')).toBe('a%3Ab/c%23d%3Fe%25f.ts')
    const log = toSarif(runResult({ findings: [finding({ path: 'src/ünï cødé.js' }), finding({ path: 'a:b/c#d.ts', fingerprint: 'f'.repeat(32) })] }))
    expectValidSarif(log)
    expect(results(log).map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri)).toEqual([
      'src/%C3%BCn%C3%AF%20c%C3%B8d%C3%A9.js',
      'a%3Ab/c%23d.ts',
    ])
    // Decoding gives back the repository path.
    expect(decodeURIComponent(results(log)[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri!)).toBe('src/ünï cødé.js')
  })

  it('keeps a waived finding as an accepted external suppression pointing at the waiver', () => {
    const waived = finding({
      blocking: false,
      waived: { reason: 'kept for the debugger session in #12', proof: 'reviewer-misread', expires: '2027-01-31', line: 2 },
    })
    const log = toSarif(runResult({ findings: [waived], verdict: 'pass', exitCode: 0 }))
    expectValidSarif(log)
    expect(results(log)[0]!.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'kept for the debugger session in #12 (proof: reviewer-misread, expires 2027-01-31)',
        location: { physicalLocation: { artifactLocation: { uri: '.proofgate/waivers.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } } },
      },
    ])
    const noExpiry = toSarif(runResult({ findings: [finding({ blocking: false, waived: { reason: 'by design', proof: 'out-of-scope', line: 7 } })] }))
    expect(results(noExpiry)[0]!.suppressions![0]!.justification).toBe('by design (proof: out-of-scope)')
    expect(results(toSarif(runResult()))[0]).not.toHaveProperty('suppressions')
  })

  it('gives run-level findings (gate proofgate) the proofgate/ rules', () => {
    const log = toSarif(
      runResult({
        findings: [
          finding({
            gate: 'proofgate',
            ruleId: 'waiver-unused',
            severity: 'low',
            blocking: false,
            path: '.proofgate/waivers.yml',
            startLine: 4,
            endLine: undefined,
            startColumn: undefined,
            endColumn: undefined,
          }),
        ],
      }),
    )
    expectValidSarif(log)
    const [result] = results(log)
    expect([result!.ruleId, result!.level]).toEqual(['proofgate/waiver-unused', 'note'])
    expect(onlyRun(log).tool.driver.rules![result!.ruleIndex!]!.id).toBe('proofgate/waiver-unused')
  })

  it('adds rules that gates report without declaring them (ESLint ids, TypeScript codes) once, after the catalogue, with their own docs URL if any', () => {
    const log = toSarif(
      runResult({
        findings: [
          finding({ gate: 'static-analysis', ruleId: 'no-unused-vars', path: 'src/a.js', help: 'See https://eslint.org/docs/latest/rules/no-unused-vars' }),
          finding({ gate: 'static-analysis', ruleId: 'TS2322', path: 'src/b.ts' }),
          finding({ gate: 'static-analysis', ruleId: 'no-unused-vars', path: 'src/c.js' }),
          finding({ gate: 'tests', ruleId: 'gate-refused', severity: 'critical', path: undefined, startLine: undefined }),
        ],
      }),
    )
    expectValidSarif(log)
    const rules = onlyRun(log).tool.driver.rules!
    const added = rules.slice(-3)
    expect(added).toEqual([
      {
        id: 'static-analysis/no-unused-vars',
        name: 'no-unused-vars',
        shortDescription: { text: 'Reported by the static-analysis gate' },
        helpUri: 'https://eslint.org/docs/latest/rules/no-unused-vars',
        properties: { tags: ['static-analysis'] },
      },
      {
        id: 'static-analysis/TS2322',
        name: 'TS2322',
        shortDescription: { text: 'Reported by the static-analysis gate' },
        properties: { tags: ['static-analysis'] },
      },
      {
        id: 'tests/gate-refused',
        name: 'gate-refused',
        shortDescription: { text: "The gate executes the repository's code and refused to run where that code is untrusted" },
        helpUri: 'https://github.com/proofgate/proofgate/blob/main/docs/rules/proofgate/gate-refused.md',
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['tests'] },
      },
    ])
    expect(results(log).map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ['static-analysis/no-unused-vars', rules.length - 3],
      ['static-analysis/TS2322', rules.length - 2],
      ['static-analysis/no-unused-vars', rules.length - 3],
      ['tests/gate-refused', rules.length - 1],
    ])
  })

  it("links an ESLint rule to the docs URL the static-analysis gate read from ESLint's rule meta", () => {
    const url = 'https://eslint.org/docs/latest/rules/no-unused-vars'
    const input = eslintMessageToFinding(
      'src/a.js',
      { ruleId: 'no-unused-vars', severity: 2, message: "'x' is defined but never used.", line: 1, column: 7 },
      url,
    )
    const log = toSarif(runResult({ findings: [finding({ ...input, gate: 'static-analysis', ruleId: input.ruleId, severity: input.severity })] }))
    expectValidSarif(log)
    expect(onlyRun(log).tool.driver.rules!.find((r) => r.id === 'static-analysis/no-unused-vars')?.helpUri).toBe(url)
  })

  it('reports an errored gate as an unsuccessful execution with an error notification, inconclusive gates and notes as notifications', () => {
    const log = toSarif(
      runResult({
        gates: [
          gate({ id: 'tests', status: 'errored', reason: 'timed out after 600 s', summary: 'errored: timed out' }),
          gate({ id: 'evidence', mode: 'advisory', status: 'inconclusive', reason: 'no test results for this tree', summary: 'inconclusive' }),
          gate({
            id: 'static-analysis',
            status: 'skipped',
            reason: 'no changed JS/TS files',
            summary: 'patch coverage 50.0% (1 of 2 changed executable lines)',
          }),
        ],
        inconclusive: [{ gate: 'evidence', reason: 'no test results for this tree' }],
        notes: ['gate-integrity is off (PROOFGATE_GATE_GATE_INTEGRITY)'],
        findings: [],
      }),
    )
    expectValidSarif(log)
    expect(onlyRun(log).invocations).toEqual([
      {
        executionSuccessful: false,
        exitCode: 1,
        startTimeUtc: '2026-11-21T10:00:00.000Z',
        endTimeUtc: '2026-11-21T10:00:01.834Z',
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'tests errored: timed out after 600 s' }, properties: { gate: 'tests', status: 'errored' } },
          {
            level: 'warning',
            message: { text: 'evidence inconclusive: no test results for this tree' },
            properties: { gate: 'evidence', status: 'inconclusive' },
          },
          { level: 'note', message: { text: 'gate-integrity is off (PROOFGATE_GATE_GATE_INTEGRITY)' } },
        ],
        properties: {
          verdict: 'blocked',
          base: { sha: BASE, source: 'explicit', ref: 'main' },
          head: { sha: SHA, ref: 'feature' },
          gates: [
            { id: 'tests', mode: 'blocking', status: 'errored', summary: 'errored: timed out', reason: 'timed out after 600 s' },
            { id: 'evidence', mode: 'advisory', status: 'inconclusive', summary: 'inconclusive', reason: 'no test results for this tree' },
            {
              id: 'static-analysis',
              mode: 'blocking',
              status: 'skipped',
              summary: 'patch coverage 50.0% (1 of 2 changed executable lines)',
              reason: 'no changed JS/TS files',
            },
          ],
        },
      },
    ])
    expect(results(log)).toEqual([])
  })

  it('marks a run without errored gates successful and writes no notifications when there is nothing to say', () => {
    const invocation = onlyRun(toSarif(runResult({ gates: [gate({ status: 'pass' })], findings: [], verdict: 'pass', exitCode: 0 }))).invocations![0]!
    expect(invocation.executionSuccessful).toBe(true)
    expect(invocation.exitCode).toBe(0)
    expect(invocation).not.toHaveProperty('toolExecutionNotifications')
  })

  it('leaves the absolute root out by default and writes it as a file URI only with stripRoot: false', () => {
    const stripped = toSarif(runResult())
    expect(onlyRun(stripped)).not.toHaveProperty('originalUriBaseIds')
    expect(JSON.stringify(stripped)).not.toContain('/home/someone')
    const withRoot = toSarif(runResult(), { stripRoot: false })
    expectValidSarif(withRoot)
    expect(onlyRun(withRoot).originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/someone/work/my%20repo/' } })
  })

  it('writes no versionControlProvenance (it requires repositoryUri) and keeps the revision in run.properties', () => {
    const run = onlyRun(toSarif(runResult()))
    expect(run).not.toHaveProperty('versionControlProvenance')
    expect(run.properties).toEqual({
      runId: '3b241101-e2bb-4255-8caf-4136c566a962',
      revisionId: SHA,
      branch: 'feature',
      scope: 'changes',
      filterMode: 'added',
      changedFiles: 2,
      treeHash: 'c'.repeat(40),
      diffHash: 'd'.repeat(64),
    })
    expect(onlyRun(toSarif(runResult({ head: { sha: SHA } }))).properties).not.toHaveProperty('branch')
    expect(run.columnKind).toBe('utf16CodeUnits')
  })

  it('leaves automationDetails to the uploader unless a category is given, then writes <category>/<runId>', () => {
    expect(onlyRun(toSarif(runResult()))).not.toHaveProperty('automationDetails')
    const log = toSarif(runResult(), { category: 'proofgate/' })
    expectValidSarif(log)
    expect(onlyRun(log).automationDetails).toEqual({ id: 'proofgate/3b241101-e2bb-4255-8caf-4136c566a962' })
    expect(onlyRun(toSarif(runResult(), { category: 'proofgate/unit' })).automationDetails).toEqual({
      id: 'proofgate/unit/3b241101-e2bb-4255-8caf-4136c566a962',
    })
  })

  it('fails the schema check on a log with a broken shape (the validator is not vacuous)', () => {
    const log = toSarif(runResult()) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> }
    log.runs[0]!.results[0]!.level = 'fatal'
    expect(validateSarif(log)).toBe(false)
    // An unencoded space is not a URI reference: the encoding is what makes the log valid.
    const raw = toSarif(runResult({ findings: [finding({ path: 'src/a b.js' })] })) as unknown as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>
    }
    raw.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'src/a b.js'
    expect(validateSarif(raw)).toBe(false)
    expect(validateSarif({ version: '2.1.0', runs: [{ versionControlProvenance: [{ revisionId: SHA }], tool: { driver: { name: 'x' } } }] })).toBe(false)
  })
})

describe('sarifReporter', () => {
  it('writes the log as 2-space JSON with a trailing newline on run end', async () => {
    const chunks: string[] = []
    const reporter = sarifReporter((t) => void chunks.push(t))
    expect(reporter.name).toBe('sarif')
    await reporter.onRunEnd?.(runResult())
    expect(chunks).toHaveLength(1)
    expect(chunks[0]).toBe(JSON.stringify(toSarif(runResult()), null, 2) + '\n')
    expectValidSarif(JSON.parse(chunks[0]!))
  })
})
