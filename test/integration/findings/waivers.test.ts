// Waivers are the base's, never the change's own (issue 15, "No back door"): the CLI (main, in-process) on real
// git repositories. A change that waives its own finding and the config-weakened finding about that
// very waiver is blocked, with the findings marked "needs approval" and the pending waiver named.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'
import { SELF_WAIVERS } from '../../helpers/waivers.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const STRICT = JSON.stringify({ compilerOptions: { strict: true, noEmit: true } }, null, 2) + '\n'
const LOOSE = JSON.stringify({ compilerOptions: { strict: false, noEmit: true } }, null, 2) + '\n'

function project(files: Record<string, string> = {}): TempRepo {
  const r = makeTempGitRepo({
    files: {
      '.gitignore': lines('.proofgate/*', '!.proofgate/waivers.yml'),
      'package.json': '{ "name": "calc", "private": true, "type": "module" }\n',
      'tsconfig.json': STRICT,
      ...files,
    },
  })
  repos.push(r)
  return r
}

type Finding = JsonReport['findings'][number] & { needsApproval?: boolean; pendingWaiver?: { reason: string; proof: string; line: number } }

/** rule, severity, path:line, blocking, waived line, needsApproval, pending waiver line. */
const brief = (report: JsonReport) =>
  (report.findings as Finding[]).map((f) => [
    f.ruleId,
    f.severity,
    `${f.path}:${f.startLine}`,
    f.blocking,
    f.waived?.line ?? null,
    f.needsApproval ?? false,
    f.pendingWaiver?.line ?? null,
  ])

const json = async (r: TempRepo, ...args: string[]) => await runCli(['run', '--gates', 'gate-integrity', '--format', 'json', ...args], r.dir)

describe('waivers are trusted from the base', () => {
  it('a commit that waives its own finding and config-weakened on ** is blocked: needs approval, would waive once approved', async () => {
    const r = project()
    const base = r.head()
    r.commit('loosen and waive it', { 'tsconfig.json': LOOSE, '.proofgate/waivers.yml': SELF_WAIVERS })
    const run = await json(r, '--base', base)
    expect(run.exitCode).toBe(1)
    const report = run.json()
    expect(report.verdict).toBe('blocked')
    expect(brief(report)).toEqual([
      ['config-weakened', 'critical', '.proofgate/waivers.yml:2', true, null, true, null],
      ['config-weakened', 'critical', '.proofgate/waivers.yml:6', true, null, true, null],
      ['lint-config-weakened', 'high', 'tsconfig.json:3', true, null, true, 2],
    ])
    expect((report.findings[2] as Finding).pendingWaiver).toEqual({ reason: 'strictness comes later', proof: 'out-of-scope', line: 2 })
    expect(report.notes).toContain(
      `2 waivers added or extended by this change (.proofgate/waivers.yml) are pending: waivers apply from ${base.slice(0, 12)} until a reviewer approves the change`,
    )

    const terminal = await runCli(['run', '--gates', 'gate-integrity', '--base', base], r.dir)
    expect(terminal.exitCode).toBe(1)
    const out = terminal.stdout
    expect(out).toContain(
      `  tsconfig.json:3:5  high  lint-config-weakened  \`compilerOptions.strict\` turned off (true → false): TypeScript checks less (tsconfig.json).  [gate-integrity ${report.findings[2]!.fingerprint.slice(0, 12)}]\n`,
    )
    expect(out.match(/⚠ NEEDS APPROVAL: only a reviewer's approval of the pull request resolves this/g)).toHaveLength(3)
    expect(out).toContain('      .proofgate/waivers.yml:2 would waive this once approved: strictness comes later (proof: out-of-scope)\n')
    expect(out).toContain('BLOCKED · 2 critical, 1 high · 3 blocking · 3 need approval · exit 1')
  })

  it('the same with a .proofgate.yml that turns a gate off: the config change needs approval too, and no waiver covers it', async () => {
    const r = project({ '.proofgate.yml': lines('gates:', '  static-analysis:', '    mode: blocking') })
    const base = r.head()
    r.commit('loosen, turn a gate off, waive it', {
      'tsconfig.json': LOOSE,
      '.proofgate.yml': lines('gates:', '  static-analysis:', '    mode: off'),
      '.proofgate/waivers.yml': SELF_WAIVERS,
    })
    const run = await json(r, '--base', base)
    expect(run.exitCode).toBe(1)
    const report = run.json()
    expect(brief(report)).toEqual([
      ['config-weakened', 'critical', '.proofgate.yml:3', true, null, true, null],
      ['config-weakened', 'critical', '.proofgate/waivers.yml:2', true, null, true, null],
      ['config-weakened', 'critical', '.proofgate/waivers.yml:6', true, null, true, null],
      ['lint-config-weakened', 'high', 'tsconfig.json:3', true, null, true, 2],
    ])
    expect(report.findings.every((f) => f.waived === null)).toBe(true)
  })

  it('a waiver present in the base still applies (exit 0, waived), and the terminal prints its short fingerprint', async () => {
    const r = project({ '.proofgate/waivers.yml': SELF_WAIVERS.split('  - rule: gate-integrity')[0]! })
    const base = r.head()
    r.commit('loosen, as the base allows', { 'tsconfig.json': LOOSE })
    const run = await json(r, '--base', base)
    expect(run.exitCode).toBe(0)
    const report = run.json()
    expect(report.verdict).toBe('pass')
    expect(brief(report)).toEqual([['lint-config-weakened', 'high', 'tsconfig.json:3', false, 2, false, null]])
    const terminal = await runCli(['run', '--gates', 'gate-integrity', '--base', base], r.dir)
    expect(terminal.exitCode).toBe(0)
    expect(terminal.stdout).toContain(
      `  tsconfig.json:3:5  high  lint-config-weakened  \`compilerOptions.strict\` turned off (true → false): TypeScript checks less (tsconfig.json).  [gate-integrity ${report.findings[0]!.fingerprint.slice(0, 12)}]\n`,
    )
    expect(terminal.stdout).toContain('PASS · no findings · 1 waived · exit 0')
  })

  it('a waiver edited in the work tree (uncommitted) does not apply: it is pending against HEAD', async () => {
    const committed = lines(
      'waivers:',
      '  - rule: lint-config-weakened',
      '    path: other/tsconfig.json',
      '    reason: strictness comes later',
      '    proof: out-of-scope',
    )
    const r = project({ '.proofgate/waivers.yml': committed })
    r.write({ 'tsconfig.json': LOOSE, '.proofgate/waivers.yml': committed.replace('other/tsconfig.json', 'tsconfig.json') })
    const run = await json(r, '--base', 'HEAD')
    expect(run.exitCode).toBe(1)
    const report = run.json()
    expect(brief(report)).toEqual([
      ['config-weakened', 'critical', '.proofgate/waivers.yml:2', true, null, true, null],
      ['lint-config-weakened', 'high', 'tsconfig.json:3', true, null, true, 2],
    ])
    // The committed waiver the edit replaced still applies in this range, matches nothing, and is not reported: the change removes it.
  })
})
