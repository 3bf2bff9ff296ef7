// The release door's check run and job summary: visible checklist items by name, held-out items as
// counts only, repository-controlled text escaped, and the budget keeps the verdict and the counts.
import { describe, expect, it } from 'vitest'
import type { ReportedFinding } from '../../../src/findings/types.js'
import { releaseTitle, renderReleaseCheckRun, renderReleaseSummary, type ReleaseView } from '../../../src/reporters/templates/release.js'
import type { GateResult, RunResult } from '../../../src/runner/types.js'

const BASE_SHA = '1111111111111111111111111111111111111111'
const TAG_SHA = '2222222222222222222222222222222222222222'

function gate(over: Partial<GateResult> = {}): GateResult {
  return {
    id: 'checklist',
    mode: 'blocking',
    status: 'pass',
    durationMs: 2300,
    summary: '3 items: 3 passed',
    counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    filteredOut: 0,
    findings: [],
    ...over,
  }
}

function run(over: Partial<RunResult> = {}): RunResult {
  return {
    runId: 'run-0001',
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 4_200,
    root: '/home/runner/work/repo/repo',
    base: { sha: BASE_SHA, source: 'explicit' },
    head: { sha: TAG_SHA },
    treeHash: 'tree',
    diffHash: 'diff',
    scope: 'changes',
    filterMode: 'added',
    changedFiles: 4,
    verdict: 'pass',
    exitCode: 0,
    gates: [gate()],
    findings: [],
    inconclusive: [],
    notes: ['release v1.2.0: base the previous release tag v1.1.0 (111111111111)'],
    ...over,
  }
}

const VIEW: ReleaseView = {
  tag: 'v1.2.0',
  base: { sha: BASE_SHA, source: 'previous-tag' },
  visible: [
    { id: 'export-csv', title: 'Reports export to CSV', status: 'pass' },
    { id: 'login-sso', title: 'Sign-in with <SSO> | pipes', status: 'fail' },
    { id: 'search', title: 'Search answers in 200 ms', status: 'errored' },
  ],
  heldOut: { total: 2, passed: 1, failed: 1 },
}

const heldOutFinding: ReportedFinding = {
  gate: 'checklist',
  ruleId: 'heldout-failed',
  severity: 'critical',
  message: 'a held-out checklist item failed (1 of 1); which one is named in the release report only',
  fingerprint: 'heldout-failed-1',
  blocking: true,
  waived: null,
}

const blocked = (): RunResult =>
  run({
    verdict: 'blocked',
    exitCode: 1,
    gates: [gate({ status: 'fail', summary: '3 items: 1 passed, 2 failed (login-sso, search)' })],
    findings: [heldOutFinding],
  })

describe('the release check run and job summary', () => {
  it('renders a blocked release (snapshot)', () => {
    const output = renderReleaseCheckRun(blocked(), VIEW)
    expect(output.title).toBe('Release v1.2.0 — Blocked: 1 critical · held-out 1/2 passed')
    expect(output.summary).toMatchSnapshot('check run summary')
    expect(renderReleaseSummary(blocked(), VIEW)).toMatchSnapshot('job summary')
  })

  it('shows visible items with their status, escaping their titles', () => {
    const { summary } = renderReleaseCheckRun(blocked(), VIEW)
    expect(summary).toContain('| `export-csv` | Reports export to CSV | ✅ pass |')
    expect(summary).toContain('| `login-sso` | Sign-in with &lt;SSO&gt; \\| pipes | ❌ fail |')
    expect(summary).toContain('| `search` | Search answers in 200 ms | ⚠️ errored |')
  })

  it('shows held-out items as counts only, and says so when there are none', () => {
    expect(renderReleaseSummary(run(), VIEW)).toContain(
      '**Held-out items:** 1 passed, 1 failed of 2. Which items they are is in the release report on the runner only, never here.',
    )
    const none = { ...VIEW, heldOut: { total: 0, passed: 0, failed: 0 } }
    expect(renderReleaseSummary(run(), none)).toContain('**Held-out items:** none')
    expect(releaseTitle(run(), none)).toBe('Release v1.2.0 — Passed: no findings · no held-out items')
    // Items that did not run (an errored gate) are counted as such.
    expect(renderReleaseSummary(run(), { ...VIEW, heldOut: { total: 3, passed: 1, failed: 1 } })).toContain('1 passed, 1 failed, 1 not run of 3')
  })

  it('names the base: the previous release tag or the root commit', () => {
    expect(renderReleaseSummary(run(), VIEW)).toContain('tag `v1.2.0` at `222222222222` · base `111111111111` (the previous release tag)')
    expect(renderReleaseSummary(run(), { ...VIEW, tag: null, base: { sha: BASE_SHA, source: 'root' } })).toContain(
      'no tag at `222222222222` · base `111111111111` (the root commit: no earlier release tag)',
    )
  })

  it('keeps the verdict, the held-out counts and the findings under a tiny budget, dropping checklist rows first', () => {
    const many: ReleaseView = {
      ...VIEW,
      visible: Array.from({ length: 400 }, (_, i) => ({ id: `item-${i}`, title: `Item ${i} works`, status: 'pass' as const })),
    }
    const { summary } = renderReleaseCheckRun(blocked(), many, { maxChars: 2_000 })
    expect(summary.length).toBeLessThanOrEqual(2_000)
    expect(summary).toContain('**Held-out items:** 1 passed, 1 failed of 2.')
    expect(summary).toContain('**Blocked**')
    expect(summary).toMatch(/\| … \d+ more \(see the release report\) \|/)
    expect(summary).toContain('a held-out checklist item failed (1 of 1)')
    expect(Buffer.byteLength(renderReleaseSummary(blocked(), many, { maxBytes: 3_000 }))).toBeLessThanOrEqual(3_000)
  })
})
