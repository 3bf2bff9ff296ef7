// The `mock-integrity` gate: tests that cannot fail. Tautologies, tests without assertions, the
// unit under test mocked away, files testing no source, focused/skipped tests, a muted harness.
import { MOCK_INTEGRITY_RULES } from '../testing/rules.js'
import { scanTestIntegrity, type PathedFinding, type TestIntegrityScan } from '../testing/scan.js'
import { loadTypeScript } from '../testing/typescript.js'
import type { Gate, GateContext, GateOutcome } from './types.js'

/** Hands a scan's findings to the runner and words the gate's one-line summary. */
export function reportScan(ctx: GateContext, scan: TestIntegrityScan, findings: readonly PathedFinding[], what: string): GateOutcome {
  for (const f of findings) {
    ctx.report({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      path: f.path,
      startLine: f.startLine,
      startColumn: f.startColumn,
      endLine: f.endLine,
      endColumn: f.endColumn,
      ...(f.help === undefined ? {} : { help: f.help }),
    })
  }
  const source = scan.discovery.source === 'runner-config' ? `from ${scan.discovery.configs.length} runner config${scan.discovery.configs.length === 1 ? '' : 's'}` : 'by convention'
  const data = { files: scan.files, tests: scan.tests, assertions: scan.assertions, harnessFiles: scan.harnessFiles, unparsed: scan.unparsed, discovery: scan.discovery.source }
  if (scan.files === 0 && scan.harnessFiles === 0) {
    return { status: 'skipped', reason: ctx.scope === 'all' ? 'no test files found in the repository' : 'no test file, setup file or runner config in the change set', summary: 'no test files to check', data }
  }
  const unparsed = scan.unparsed > 0 ? `, ${scan.unparsed} not parsed` : ''
  return {
    summary: `${scan.files} test file${scan.files === 1 ? '' : 's'} (${source}), ${scan.tests} test${scan.tests === 1 ? '' : 's'}, ${scan.assertions} assertion${scan.assertions === 1 ? '' : 's'}${scan.harnessFiles > 0 ? `, ${scan.harnessFiles} setup/config file${scan.harnessFiles === 1 ? '' : 's'}` : ''}${unparsed}: ${findings.length} ${what}`,
    data,
  }
}

export const mockIntegrityGate: Gate = {
  id: 'mock-integrity',
  meta: {
    description: 'Tests that cannot fail: tautological assertions, no assertions, the unit under test mocked, no source under test, focused or skipped tests, a harness that hides failures',
    defaultMode: 'blocking',
    rules: MOCK_INTEGRITY_RULES,
    scansAll: true,
  },
  // TypeScript (9 MB) loads while git computes the change set.
  warmUp() {
    void loadTypeScript().catch(() => undefined)
  },
  async run(ctx) {
    const scan = await scanTestIntegrity(ctx)
    return reportScan(ctx, scan, scan.mockIntegrity, `finding${scan.mockIntegrity.length === 1 ? '' : 's'}`)
  },
}
