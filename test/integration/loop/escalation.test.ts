// Uncertainty escalation on real runs: an agent that alternates between two versions (A→B→A) with
// the same blocking finding escalates exactly once (the second hot run), writes the handoff and
// prints one loud line; the episode is re-armed when it clears.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import type { HistoryReport } from '../../../src/loop/history.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

/** Escalation as shipped (on): the test helpers turn it off for every other test. */
const ON = { PROOFGATE_ESCALATION: undefined }
const BROKEN = 'export function sum(a, b) {\n  const unused = a\n  return a + b\n}\n'

describe('uncertainty escalation', () => {
  it('escalates once on an A→B→A oscillation with the same blocking fingerprints', async () => {
    const r = makeTempGitRepo({
      linkNodeModules: true,
      files: {
        'package.json': JSON.stringify({ name: 's', private: true, type: 'module', devDependencies: { eslint: '*' } }),
        'eslint.config.js': `export default [{ files: ['**/*.js'], languageOptions: { sourceType: 'module' }, rules: { 'no-unused-vars': 'error' } }]\n`,
        'README.md': '# s\n',
        'src/sum.js': 'export function sum(a, b) {\n  return a + b\n}\n',
      },
    })
    repos.push(r)
    const base = r.head()
    const versions = {
      A: { 'src/sum.js': BROKEN, 'README.md': '# s\n' },
      B: { 'src/sum.js': BROKEN, 'README.md': '# s\n\nTried another wording.\n' },
    }
    const escalatedIn: number[] = []
    const loud: number[] = []
    const sequence = ['A', 'B', 'A', 'B', 'A', 'B'] as const
    for (const [i, v] of sequence.entries()) {
      r.write(versions[v])
      const run = await runCli(['run', '--base', base, '--gates', 'static-analysis', '--format', 'json'], r.dir, ON)
      expect(run.exitCode).toBe(1)
      const escalation = run.json().findings.filter((f) => f.ruleId === 'escalation')
      if (escalation.length > 0) {
        escalatedIn.push(i + 1)
        expect(escalation[0]).toMatchObject({ gate: 'proofgate', severity: 'medium', blocking: false })
        expect(escalation[0]!.message).toMatch(/^Human review required: P2 and P3 hot on 2 runs in a row\. The handoff is in \.proofgate\/handoff\/.+\.md\.$/)
      }
      if (run.stderr.includes('ESCALATION: human review required')) loud.push(i + 1)
    }
    expect(escalatedIn).toEqual([4])
    expect(loud).toEqual([4])

    const handoffs = readdirSync(join(r.dir, '.proofgate/handoff')).sort()
    expect(handoffs.map((n) => n.replace(/^.*\./, ''))).toEqual(['json', 'md'])
    const json = JSON.parse(readFileSync(join(r.dir, '.proofgate/handoff', handoffs[0]!), 'utf8')) as Record<string, unknown>
    expect(json).toMatchObject({ branch: 'main', proxies: { sameDiff: false, oscillation: true, sameFindings: true }, humanReviewRequired: true })
    expect((json.diffHashes as string[]).length).toBe(2)
    expect((json.recurringFingerprints as string[]).length).toBe(1)
    expect(readFileSync(join(r.dir, '.proofgate/handoff', handoffs[1]!), 'utf8')).toContain('# proofgate: human review required (main)\n')

    // Fixed: the episode clears (no escalation), and the history counts the escalated change.
    r.write({ 'src/sum.js': 'export function sum(a, b) {\n  return b + a\n}\n' })
    const fixed = await runCli(['run', '--base', base, '--gates', 'static-analysis', '--format', 'json'], r.dir, ON)
    expect(fixed.exitCode).toBe(0)
    expect(fixed.json().findings).toEqual([])
    const history = JSON.parse((await runCli(['history', '--format', 'json'], r.dir)).stdout) as HistoryReport
    expect(history.changes.map((c) => [c.runs, c.passed, c.escalated])).toEqual([[7, true, true]])
    expect(history.metrics.escalationRate).toBe(1)

    // Turned off: the same oscillation again escalates nothing.
    for (const v of ['A', 'B', 'A', 'B'] as const) {
      r.write(versions[v])
      const run = await runCli(['run', '--base', base, '--gates', 'static-analysis', '--format', 'json'], r.dir, { PROOFGATE_ESCALATION: 'off' })
      expect(run.json().findings.map((f) => f.ruleId)).toEqual(['no-unused-vars'])
    }
  }, 180_000)

  it("takes N, R, the severity and the switch from loop.escalation in .proofgate.yml (the base commit's copy)", async () => {
    const files = (escalation: string): Record<string, string> => ({
      'package.json': JSON.stringify({ name: 's', private: true, type: 'module', devDependencies: { eslint: '*' } }),
      'eslint.config.js': `export default [{ files: ['**/*.js'], languageOptions: { sourceType: 'module' }, rules: { 'no-unused-vars': 'error' } }]\n`,
      'README.md': '# s\n',
      '.proofgate.yml': `loop:\n  escalation: { ${escalation} }\n`,
      'src/sum.js': 'export function sum(a, b) {\n  return a + b\n}\n',
    })
    const r = makeTempGitRepo({ linkNodeModules: true, files: files('runs: 2, rounds: 1, severity: high') })
    repos.push(r)
    const base = r.head()
    r.write({ 'src/sum.js': BROKEN })
    const ids: string[][] = []
    for (let i = 0; i < 3; i++) {
      const run = await runCli(['run', '--base', base, '--gates', 'static-analysis', '--format', 'json'], r.dir, ON)
      expect(run.exitCode).toBe(1)
      ids.push(run.json().findings.map((f) => `${f.ruleId}/${f.severity}/${String(f.blocking)}`))
    }
    // The same diff and findings on N = 2 runs make P1 and P3 hot; R = 1 escalates at once, high and blocking.
    expect(ids).toEqual([['no-unused-vars/high/true'], ['escalation/high/true', 'no-unused-vars/high/true'], ['no-unused-vars/high/true']])

    const off = makeTempGitRepo({ linkNodeModules: true, files: files('enabled: false, runs: 2, rounds: 1') })
    repos.push(off)
    const offBase = off.head()
    off.write({ 'src/sum.js': BROKEN })
    for (let i = 0; i < 3; i++) {
      const run = await runCli(['run', '--base', offBase, '--gates', 'static-analysis', '--format', 'json'], off.dir, ON)
      expect(run.json().findings.map((f) => f.ruleId)).toEqual(['no-unused-vars'])
    }
  }, 180_000)
})
