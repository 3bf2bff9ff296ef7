// Journal retention on a real run: events older than 30 days (a fabricated journal, the one place
// fabricated events are allowed) become one day-aggregate per UTC day; recent events, unreadable
// lines and the run's own events are kept; history and health still read the result.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const DAY = 24 * 3600_000

function event(ts: Date, runId: string, type: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ v: 1, ts: ts.toISOString(), runId, type, ...extra })
}

function fabricatedRun(ts: Date, runId: string, verdict: string): string[] {
  return [
    event(ts, runId, 'run-started', { head: { sha: 'a'.repeat(40), ref: 'main' }, scope: 'changes', diffHash: 'd' }),
    event(ts, runId, 'gate-ended', { gate: 'static-analysis', status: verdict === 'pass' ? 'pass' : 'fail' }),
    event(ts, runId, 'verdict', { verdict, exitCode: verdict === 'pass' ? 0 : 1 }),
  ]
}

describe('journal retention', () => {
  it('folds events older than 30 days into per-day aggregates under the lock, and keeps everything else', async () => {
    const r = makeTempGitRepo({
      linkNodeModules: true,
      files: {
        'package.json': JSON.stringify({ name: 's', private: true, type: 'module' }),
        'eslint.config.js': `export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error' } }]\n`,
        'src/a.js': 'export const a = 1\n',
      },
    })
    repos.push(r)
    const now = Date.now()
    const old1 = new Date(Date.UTC(2026, 0, 10, 8))
    const old2 = new Date(Date.UTC(2026, 0, 11, 9))
    const recent = new Date(now - 2 * DAY)
    const lines = [
      ...fabricatedRun(old1, 'r1', 'blocked'),
      ...fabricatedRun(new Date(old1.getTime() + 3600_000), 'r2', 'pass'),
      event(old1, 'hook', 'hook-skipped', { hook: 'pre-push' }),
      '{"not json',
      ...fabricatedRun(old2, 'r3', 'pass'),
      ...fabricatedRun(recent, 'r4', 'blocked'),
    ]
    const base = r.head()
    r.commit('change', { 'src/a.js': 'export const a = 2\n' })
    // After the commit: the journal is state, never committed.
    mkdirSync(join(r.dir, '.proofgate/journal'), { recursive: true })
    writeFileSync(join(r.dir, '.proofgate/journal/events.jsonl'), lines.join('\n') + '\n')
    const run = await runCli(['run', '--base', base, '--gates', 'static-analysis', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(0)
    expect(run.stderr).toBe('')

    const after = readFileSync(join(r.dir, '.proofgate/journal/events.jsonl'), 'utf8').trim().split('\n')
    expect(JSON.parse(after[0]!)).toEqual({
      v: 1,
      ts: '2026-01-10T00:00:00.000Z',
      runId: 'retention',
      type: 'day-aggregate',
      day: '2026-01-10',
      events: 7,
      runs: 2,
      verdicts: { blocked: 1, pass: 1 },
      gates: { 'static-analysis': { fail: 1, pass: 1 } },
      skips: 1,
    })
    expect(JSON.parse(after[1]!)).toMatchObject({ type: 'day-aggregate', day: '2026-01-11', events: 3, runs: 1, verdicts: { pass: 1 } })
    // Kept as they were: the unreadable line, the recent run, then this run's own events.
    expect(after.slice(2, 6)).toEqual(['{"not json', ...fabricatedRun(recent, 'r4', 'blocked')])
    expect(after.slice(6).map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['run-started', 'gate-started', 'gate-ended', 'verdict'])

    // A second run has nothing due: the file only grows by its events.
    const again = await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)
    expect(again.exitCode).toBe(0)
    const second = readFileSync(join(r.dir, '.proofgate/journal/events.jsonl'), 'utf8').trim().split('\n')
    expect(second.slice(0, after.length)).toEqual(after)
    expect(second.length).toBe(after.length + 4)

    const health = await runCli(['health', '--window-hours', String(24 * 7), '--format', 'json'], r.dir)
    expect((JSON.parse(health.stdout) as { metrics: { runs: number } }).metrics.runs).toBe(3)
  }, 120_000)

  it('keeps events younger than loop.retention-days of the config that applies', async () => {
    const r = makeTempGitRepo({
      linkNodeModules: true,
      files: {
        'package.json': JSON.stringify({ name: 's', private: true, type: 'module' }),
        'eslint.config.js': `export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error' } }]\n`,
        '.proofgate.yml': 'loop:\n  retention-days: 90\n',
        'src/a.js': 'export const a = 1\n',
      },
    })
    repos.push(r)
    const lines = fabricatedRun(new Date(Date.now() - 40 * DAY), 'r1', 'blocked')
    const base = r.head()
    r.commit('change', { 'src/a.js': 'export const a = 2\n' })
    mkdirSync(join(r.dir, '.proofgate/journal'), { recursive: true })
    writeFileSync(join(r.dir, '.proofgate/journal/events.jsonl'), lines.join('\n') + '\n')
    expect((await runCli(['run', '--base', base, '--gates', 'static-analysis'], r.dir)).exitCode).toBe(0)
    // 40 days old, under 90: nothing folded; the fabricated run's three events are still there, first.
    const after = readFileSync(join(r.dir, '.proofgate/journal/events.jsonl'), 'utf8').trim().split('\n')
    expect(after.slice(0, 3)).toEqual(lines)
    expect(after.some((l) => l.includes('"day-aggregate"'))).toBe(false)
  }, 60_000)
})
