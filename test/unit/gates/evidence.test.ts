// The evidence gate's rules, one row per messageId: the gate run in-process on a change set and the
// tests gate's result of this run (no git, no process), asserting rule, messageId, severity and the
// exact message formatted from the rule's template.
import { afterAll, describe, expect, it } from 'vitest'
import type { ChangeSet } from '../../../src/changes/types.js'
import { configSchema } from '../../../src/config/schema.js'
import type { FindingInput } from '../../../src/findings/types.js'
import { evidenceGate } from '../../../src/gates/evidence.js'
import type { TestResults } from '../../../src/gates/tests.js'
import type { GateContext } from '../../../src/gates/types.js'
import { makeTempDir, removeTempDirs } from '../../helpers/repo.js'

afterAll(removeTempDirs)

const TREE = 'a'.repeat(40)

function changes(files: ChangeSet['files']): ChangeSet {
  return {
    root: '/repo',
    base: { sha: 'b'.repeat(40), source: 'merge-base' },
    head: { sha: 'c'.repeat(40) },
    treeHash: TREE,
    includesWorkingTree: false,
    files,
    diffHash: 'd'.repeat(64),
  }
}

const SRC = [{ path: 'src/a.ts', status: 'modified' as const, binary: false, addedLines: [{ start: 1, end: 1 }], contextLines: [] }]

function results(over: Partial<TestResults>): TestResults {
  return {
    schemaVersion: 1,
    runner: 'vitest',
    status: 'passed',
    command: ['vitest'],
    total: 3,
    passed: 3,
    failed: 0,
    skipped: 0,
    durationMs: 10,
    failures: [],
    treeHash: TREE,
    headSha: 'c'.repeat(40),
    runId: 'r',
    exitCode: 0,
    finishedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  }
}

async function findingsOf(change: ChangeSet, tests: TestResults): Promise<Array<[string, string | undefined, string, string]>> {
  const root = makeTempDir({})
  const found: FindingInput[] = []
  const ctx: GateContext = {
    root,
    stateDir: `${root}/.proofgate`,
    runId: 'r',
    changes: change,
    scope: 'changes',
    config: configSchema.parse({}),
    signal: new AbortController().signal,
    timeoutMs: 60_000,
    report: (f) => found.push(f),
    log: () => {},
    declarations: [],
    results: new Map([['tests', { status: 'pass', data: tests }]]),
  }
  await evidenceGate.run(ctx)
  return found.map((f) => [f.ruleId, f.messageId, f.severity, f.message])
}

describe('evidence rules by messageId', () => {
  it('valid: a non-empty change whose tree passed reports nothing', async () => {
    expect(await findingsOf(changes(SRC), results({}))).toEqual([])
  })

  it('tests-failed-for-tree: failedWithExitCode when the run exited, failed when it was killed (no exit code)', async () => {
    expect(await findingsOf(changes(SRC), results({ status: 'failed', failed: 1, passed: 2, exitCode: 1 }))).toEqual([
      ['tests-failed-for-tree', 'failedWithExitCode', 'critical', 'The tests run on tree aaaaaaaaaaaa (vitest) ended failed: 1 failed of 3, exit code 1.'],
    ])
    expect(await findingsOf(changes(SRC), results({ status: 'timeout', total: null, passed: null, failed: null, exitCode: null }))).toEqual([
      ['tests-failed-for-tree', 'failed', 'critical', 'The tests run on tree aaaaaaaaaaaa (vitest) ended timeout: ? failed of ?.'],
    ])
  })

  it('empty-change-set: empty', async () => {
    expect(await findingsOf(changes([]), results({}))).toEqual([
      ['empty-change-set', 'empty', 'high', 'No changes between base bbbbbbbbbbbb (merge-base) and the tree under test: nothing to verify.'],
    ])
  })
})
