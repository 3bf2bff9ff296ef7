// The `evidence` gate (the seed's verified-completion gate): a change counts only when it is
// non-empty and the tests that ran on exactly this tree passed. Inconclusive cases pass through, visibly.
import { join } from 'node:path'
import { writeStateJson } from '../util/state.js'
import { documentationOnly, documentationOnlyReason } from '../changes/paths.js'
import { readTestResults, type TestResults } from './tests.js'
import type { Gate, GateContext, GateOutcome } from './types.js'
import { findingBuilder, type RuleTable } from './rule-table.js'

/**
 * The evidence gate's `meta.rules`, with their messages by messageId (byte for byte the gate's
 * former messages); `{{tree}}` and `{{base}}` are 12-character abbreviations.
 */
export const EVIDENCE_RULES = {
  'empty-change-set': {
    description: 'Nothing changed between the base and the tree under test, so there is nothing to verify',
    defaultSeverity: 'high',
    messages: { empty: 'No changes between base {{base}} ({{source}}) and the tree under test: nothing to verify.' },
  },
  'tests-failed-for-tree': {
    description: 'The test results recorded for the current tree hash failed',
    defaultSeverity: 'critical',
    messages: {
      failed: 'The tests run on tree {{tree}} ({{runner}}) ended {{status}}: {{failed}} failed of {{total}}.',
      failedWithExitCode: 'The tests run on tree {{tree}} ({{runner}}) ended {{status}}: {{failed}} failed of {{total}}, exit code {{exitCode}}.',
    },
  },
} as const satisfies RuleTable

const evidenceFinding = findingBuilder(EVIDENCE_RULES)

/** Where each inconclusive evidence verdict is recorded (overwritten atomically per run). */
export const EVIDENCE_INCONCLUSIVE_FILE = 'evidence-inconclusive.json'

async function inconclusive(ctx: GateContext, reason: string): Promise<GateOutcome> {
  await writeStateJson(join(ctx.stateDir, EVIDENCE_INCONCLUSIVE_FILE), {
    runId: ctx.runId,
    reason,
    treeHash: ctx.changes.treeHash,
    headSha: ctx.changes.head.sha,
    recordedAt: new Date().toISOString(),
  })
  return { status: 'inconclusive', reason, summary: `inconclusive: ${reason}` }
}

/** The test results this run can use: from the tests gate of this run, else from an earlier run on disk. */
async function findResults(ctx: GateContext): Promise<{ results: TestResults | null; from: 'this run' | 'an earlier run' }> {
  const fromThisRun = ctx.results.get('tests')
  if (fromThisRun?.data !== undefined) return { results: fromThisRun.data as TestResults, from: 'this run' }
  return { results: await readTestResults(ctx.stateDir), from: 'an earlier run' }
}

/**
 * The `evidence` gate: blocks an empty change set and a tree whose recorded test run failed. The
 * results come from this run's tests gate, else from `.proofgate/test-results.json`, and count only
 * when their tree hash is the tree under test; otherwise the gate is inconclusive, and says why.
 */
export const evidenceGate: Gate<'evidence', Record<never, never>> = {
  id: 'evidence',
  dependsOn: ['tests'],
  meta: {
    description: 'A non-empty change whose current tree has passing test results; inconclusive cases pass through, shown in every report',
    defaultMode: 'blocking',
    defaultTimeout: 60,
    options: {},
    rules: EVIDENCE_RULES,
  },
  // The tests gate skips a documentation-only change with the same predicate, so no result can
  // vouch for the tree: reporting that as inconclusive on every README edit would teach people to
  // ignore inconclusive. An empty change set is not documentation-only and is still reported.
  appliesTo(changes) {
    const docs = documentationOnly(changes)
    return docs === null ? true : { applies: false, reason: documentationOnlyReason(docs) }
  },
  async run(ctx) {
    const { changes } = ctx
    if (changes.files.length === 0) {
      ctx.report(
        evidenceFinding(
          'empty-change-set',
          'empty',
          { base: changes.base.sha.slice(0, 12), source: changes.base.source },
          { help: 'commit or stage the work first, or pass --base to compare against an earlier commit' },
        ),
      )
    }
    const tests = ctx.results.get('tests')
    if (tests?.status === 'errored') {
      // The tests gate already blocks with its own finding; evidence cannot vouch for the tree.
      return inconclusive(ctx, 'the tests gate errored, so no test result vouches for this tree')
    }
    const { results, from } = await findResults(ctx)
    if (results === null) return inconclusive(ctx, 'no test results for this tree (the tests gate did not run and .proofgate/test-results.json is absent)')
    if (results.treeHash !== changes.treeHash) {
      return inconclusive(
        ctx,
        `the test results from ${from} are for tree ${results.treeHash.slice(0, 12)}, not the current tree ${changes.treeHash.slice(0, 12)}`,
      )
    }
    if (results.status === 'failed' || results.status === 'crashed' || results.status === 'timeout') {
      const data = {
        tree: changes.treeHash.slice(0, 12),
        runner: results.runner,
        status: results.status,
        failed: results.failed ?? '?',
        total: results.total ?? '?',
      }
      const help = { help: 'make the tests pass on this exact tree; evidence from another tree does not count' }
      ctx.report(
        results.exitCode === null
          ? evidenceFinding('tests-failed-for-tree', 'failed', data, help)
          : evidenceFinding('tests-failed-for-tree', 'failedWithExitCode', { ...data, exitCode: results.exitCode }, help),
      )
      return { summary: `tests on this tree ${results.status} (${from})`, data: { treeHash: changes.treeHash, from, testStatus: results.status } }
    }
    if (results.status === 'unknown') return inconclusive(ctx, `the ${results.runner} run passed but reports no test counts`)
    if (results.status === 'no-tests') return inconclusive(ctx, 'no tests were executed on this tree')
    return {
      summary: `${changes.files.length} changed file${changes.files.length === 1 ? '' : 's'}; ${results.passed} of ${results.total} tests passed on this tree (${from})`,
      data: { treeHash: changes.treeHash, from, testStatus: results.status },
    }
  },
}
