// Release mode's pure parts: which events name a tag, and what of a release may be published
// (held-out failures redacted, their ids and titles scrubbed, counts and verdict kept).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { approvalNote, checklistFileOf, publishableRelease, releaseTagOf, releaseViewOf } from '../../../src/action/release.js'
import type { ReportedFinding } from '../../../src/findings/types.js'
import type { ReleaseResult } from '../../../src/runner/release.js'

const SHA = 'a'.repeat(40)

function finding(over: Partial<ReportedFinding>): ReportedFinding {
  return { gate: 'checklist', ruleId: 'checklist-item-failed', severity: 'critical', message: 'm', fingerprint: 'f', blocking: true, waived: null, ...over }
}

const secret = finding({
  ruleId: 'heldout-failed',
  message: 'held-out item refund-flow "Refunds pay back in full" failed: exit 3, output: token=abc',
  help: 'a held-out item failed at release: fix the behaviour it checks, then tag again',
  fingerprint: 'ffffffff',
})
const visible = finding({ message: 'checklist item export-csv "Reports export to CSV" failed', fingerprint: 'eeeeeeee' })

function releaseResult(): ReleaseResult {
  return {
    runId: 'r',
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 1,
    root: '/repo',
    base: { sha: SHA, source: 'explicit' },
    head: { sha: SHA },
    treeHash: 't',
    diffHash: 'd',
    scope: 'changes',
    filterMode: 'added',
    changedFiles: 1,
    verdict: 'blocked',
    exitCode: 1,
    gates: [
      {
        id: 'checklist',
        mode: 'blocking',
        status: 'fail',
        durationMs: 1,
        summary: '2 items: 0 passed, 2 failed (export-csv, refund-flow)',
        reason: 'Refunds pay back in full did not pass',
        counts: { critical: 2, high: 0, medium: 0, low: 0, info: 0 },
        filteredOut: 0,
        findings: [visible, secret],
        data: { heldOutFailures: [{ id: 'refund-flow' }] },
      },
    ],
    findings: [secret, visible],
    inconclusive: [],
    notes: ['release v1: refund-flow ran last'],
    release: {
      tag: 'v1',
      base: { sha: SHA, source: 'previous-tag', tag: 'v0' },
      visible: [{ id: 'export-csv', title: 'Reports export to CSV', status: 'fail' }],
      heldOut: { total: 1, passed: 0, failed: 1, setSha256: 'b'.repeat(64) },
      heldOutFailures: [{ id: 'refund-flow', title: 'Refunds pay back in full', message: secret.message }],
    },
  }
}

describe('releaseTagOf', () => {
  it('reads the tag of a published release and of a tag push', () => {
    expect(releaseTagOf({ eventName: 'release', payload: { action: 'published', release: { tag_name: 'v1.2.0' } } })).toBe('v1.2.0')
    expect(releaseTagOf({ eventName: 'push', payload: { ref: 'refs/tags/v1.2.0', deleted: false } })).toBe('v1.2.0')
  })

  it.each([
    ['pull_request', {}, 'mode: release runs on a published release or a push of a tag, not on pull_request'],
    ['workflow_dispatch', {}, 'not on workflow_dispatch'],
    ['push', { ref: 'refs/heads/main' }, "not of 'refs/heads/main'"],
    ['push', { ref: 'refs/tags/v1', deleted: true }, 'The push deleted refs/tags/v1: there is nothing to release.'],
    ['release', { action: 'created', release: { tag_name: 'v1' } }, "not on release 'created'"],
    ['release', { action: 'published', release: {} }, 'The release event payload has no release.tag_name.'],
  ])('refuses %s %j with PG_RELEASE_EVENT and the remedy', (eventName, payload, message) => {
    expect(() => releaseTagOf({ eventName, payload })).toThrow(expect.objectContaining({ code: 'PG_RELEASE_EVENT', exitCode: 64 }))
    expect(() => releaseTagOf({ eventName, payload })).toThrow(message)
    expect(() => releaseTagOf({ eventName, payload })).toThrow(expect.objectContaining({ hint: expect.stringContaining('types: [published]') as string }))
  })
})

describe('publishableRelease', () => {
  const input = releaseResult()
  const out = publishableRelease(input)
  const text = JSON.stringify(out)

  it('names no failing held-out item anywhere: id, title, output, fingerprint, help', () => {
    for (const s of ['refund-flow', 'Refunds pay back in full', 'token=abc', 'ffffffff', 'fix the behaviour it checks']) expect(text, s).not.toContain(s)
    expect(out.release.heldOutFailures).toEqual([])
    expect(out.gates[0]).not.toHaveProperty('data')
  })

  it('replaces each held-out finding with a count-only one, the same object in the gate and the run', () => {
    const redacted = {
      gate: 'checklist',
      ruleId: 'heldout-failed',
      severity: 'critical',
      message: 'a held-out checklist item failed (1 of 1); which one is named in the release report only',
      fingerprint: 'heldout-failed-1',
      blocking: true,
      waived: null,
    }
    expect(out.findings[0]).toEqual(redacted)
    expect(out.gates[0]!.findings[1]).toBe(out.findings[0])
    expect(out.gates[0]!.summary).toBe('2 items: 0 passed, 2 failed (export-csv, [held-out])')
    expect(out.gates[0]!.reason).toBe('[held-out] did not pass')
    expect(out.notes).toEqual(['release v1: [held-out] ran last'])
  })

  it('keeps the verdict, the exit code, visible items and counts; the input is not changed', () => {
    expect(out).toMatchObject({ verdict: 'blocked', exitCode: 1, release: { visible: input.release.visible, heldOut: input.release.heldOut } })
    expect(out.findings[1]).toBe(visible)
    expect(JSON.stringify(input)).toContain('refund-flow')
    expect(releaseViewOf(out)).toEqual({
      tag: 'v1',
      base: { sha: SHA, source: 'previous-tag' },
      visible: input.release.visible,
      heldOut: { total: 1, passed: 0, failed: 1 },
    })
  })

  it('keeps a waiver on a held-out finding, its reason scrubbed', () => {
    const waived = { ...secret, blocking: false, waived: { reason: 'refund-flow is flaky on CI', proof: 'out-of-scope' as const, line: 3 } }
    const out = publishableRelease({ ...releaseResult(), findings: [waived] })
    expect(out.findings[0]!.waived).toEqual({ reason: '[held-out] is flaky on CI', proof: 'out-of-scope', line: 3 })
  })

  it('adds why findings that need approval block: there is no pull request in a release', () => {
    const loosening = finding({ gate: 'gate-integrity', ruleId: 'config-weakened', needsApproval: true })
    const result = { ...releaseResult(), findings: [loosening] }
    expect(approvalNote(result)).toMatch(/^1 finding needs a human approval and blocks: a release has no pull request to approve on\. /)
    expect(publishableRelease(result).notes.at(-1)).toBe(approvalNote(result))
    expect(approvalNote(releaseResult())).toBeUndefined()
  })
})

describe('checklistFileOf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proofgate-checklist-file-'))
  writeFileSync(join(dir, 'held-out.yml'), 'items: []\n')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('resolves a relative path against the workspace, and keeps an absolute one', async () => {
    await expect(checklistFileOf('held-out.yml', dir)).resolves.toBe(join(dir, 'held-out.yml'))
    await expect(checklistFileOf(join(dir, 'held-out.yml'), '/elsewhere')).resolves.toBe(join(dir, 'held-out.yml'))
  })

  it.each([
    ['missing.yml', 'does not exist'],
    ['.', 'is not a regular file'],
  ])('refuses %s with PG_CHECKLIST_INVALID naming the input and the remedy', async (input, why) => {
    const error = await checklistFileOf(input, dir).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'PG_CHECKLIST_INVALID', exitCode: 78 })
    expect((error as Error).message).toContain(`Invalid input 'checklist-file': ${join(dir, input)} ${why}`)
    expect((error as { hint: string }).hint).toContain('proofgate-release.yml')
  })
})
