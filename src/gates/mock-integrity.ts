// The `mock-integrity` gate: tests that cannot fail. Tautologies, tests without assertions, the
// unit under test mocked away, files testing no source, focused/skipped tests, a muted harness.
import { documentationOnly, documentationOnlyReason } from '../changes/paths.js'
import { MOCK_INTEGRITY_RULES } from '../testing/rules.js'
import { scanTestIntegrity, type PathedFinding, type TestIntegrityScan } from '../testing/scan.js'
import { loadTypeScript } from '../testing/typescript.js'
import type { Gate, GateContext, GateMeta, GateOutcome } from './types.js'
import { plural } from '../util/text.js'
import * as z from 'zod'

/** Hands one gate's share of the run's scan to the runner and words its one-line summary. */
function reportScan(ctx: GateContext, scan: TestIntegrityScan, findings: readonly PathedFinding[]): GateOutcome {
  for (const f of findings) {
    ctx.report({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      messageId: f.messageId,
      path: f.path,
      startLine: f.startLine,
      startColumn: f.startColumn,
      endLine: f.endLine,
      endColumn: f.endColumn,
      ...(f.help === undefined ? {} : { help: f.help }),
      ...(f.filterLines === undefined ? {} : { filterLines: f.filterLines }),
    })
  }
  const source =
    scan.discovery.source === 'runner-config'
      ? `from ${scan.discovery.configs.length} runner config${scan.discovery.configs.length === 1 ? '' : 's'}`
      : 'by convention'
  const data = {
    files: scan.files,
    tests: scan.tests,
    assertions: scan.assertions,
    harnessFiles: scan.harnessFiles,
    unparsed: scan.unparsed,
    discovery: scan.discovery.source,
  }
  if (scan.files === 0 && scan.harnessFiles === 0) {
    return {
      status: 'skipped',
      reason: ctx.scope === 'all' ? 'no test files found in the repository' : 'no test file, setup file or runner config in the change set',
      summary: 'no test files to check',
      data,
    }
  }
  const unparsed = scan.unparsed > 0 ? `, ${scan.unparsed} not parsed` : ''
  return {
    summary: `${plural(scan.files, 'test file')} (${source}), ${plural(scan.tests, 'test')}, ${plural(scan.assertions, 'assertion')}${scan.harnessFiles > 0 ? `, ${plural(scan.harnessFiles, 'setup/config file')}` : ''}${unparsed}: ${plural(findings.length, 'finding')}`,
    data,
  }
}

/**
 * A gate over the run's shared test-integrity scan (one parse per file for both gates); `pick`
 * chooses its findings. TypeScript (9 MB) loads while git computes the change set.
 */
export function testIntegrityGate<Id extends 'mock-integrity' | 'semantic-tests', S extends z.ZodRawShape>(
  id: Id,
  meta: Omit<GateMeta<S>, 'scansAll'>,
  pick: (scan: TestIntegrityScan) => readonly PathedFinding[],
): Gate<Id, S> {
  return {
    id,
    meta: { ...meta, scansAll: true },
    warmUp() {
      void loadTypeScript().catch(() => undefined)
    },
    appliesTo(changes) {
      const docs = documentationOnly(changes)
      return docs === null ? true : { applies: false, reason: documentationOnlyReason(docs) }
    },
    async run(ctx) {
      const scan = await scanTestIntegrity(ctx)
      return reportScan(ctx, scan, pick(scan))
    },
  }
}

const internalMockRatio = z
  .strictObject({
    'max-ratio': z.number().min(0).max(1).default(0.5).describe('Report when more than this share of the repository modules a test file uses are mocked'),
    'min-mocks': z.number().int().min(1).default(3).describe('…and at least this many are mocked'),
  })
  .describe('Thresholds of the internal-mock-ratio rule')

/** `gates.mock-integrity` keys besides mode and timeout. */
const MOCK_INTEGRITY_OPTIONS = {
  'internal-mock-ratio': internalMockRatio.default(internalMockRatio.parse({})),
  'assertion-functions': z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Calls that count as assertions for no-assertions, as eslint-plugin-jest expect-expect assertFunctionNames: globs on the member chain with calls dropped, e.g. "*.parse" or "request.**.expect"',
    ),
}

/** The `mock-integrity` gate (blocking): the scan's findings about tests that cannot fail; rule units in testing/rules/. */
export const mockIntegrityGate: Gate<'mock-integrity', typeof MOCK_INTEGRITY_OPTIONS> = testIntegrityGate(
  'mock-integrity',
  {
    description:
      'Tests that cannot fail: tautological assertions, no assertions, the unit under test mocked, no source under test, focused or skipped tests, a harness that hides failures',
    defaultMode: 'blocking',
    defaultTimeout: 300,
    options: MOCK_INTEGRITY_OPTIONS,
    preCommit: true,
    rules: MOCK_INTEGRITY_RULES,
  },
  (scan) => scan.mockIntegrity,
)
