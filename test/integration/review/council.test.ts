// The override council end to end (issue 22): the CLI (main, in-process) on real git repositories
// with real judge processes (a small sh script each test writes), a failing proof command as the
// blocking finding, and `.proofgate/counter-evidence.yml` read from the base commit only.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, describe, expect, it } from 'vitest'
import { readEvents } from '../../../src/journal/journal.js'
import { runProofgate } from '../../../src/runner/run.js'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'
import { expectValidSarif } from '../../helpers/sarif.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

const requestSchema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schema/review-request.schema.json'), 'utf8')) as object
const validateRequest = new Ajv2020({ strict: false, allErrors: true }).compile(requestSchema)

/** A judge: writes the request it read on stdin to $2, then answers $1 (pass, fail, or garbage). POSIX sh: no runtime to start. */
const JUDGE = `#!/bin/sh
cat > "$2"
case "$1" in
  garbage) echo 'Looks plausible to me, I suppose.' ;;
  *) printf '{"verdict":"%s","findings":[]}\\n' "$1" ;;
esac
`

type Vote = 'pass' | 'fail' | 'garbage'
type Finding = JsonReport['findings'][number] & {
  waived: null | { reason: string; proof: string; line: number; council?: { file: string; approvals: number; judges: number; artifacts: string[] } }
  council?: { outcome: string; evidence: { file: string; line: number; claim: string }; votes: Array<{ judge: string; vote: string; exitCode: number | null }> }
  needsApproval?: true
}

/** Where the judges live (outside the repository) and write the requests they read. */
function judgesDir(): string {
  return makeTempDir({ 'judge.sh': JUDGE }, 'proofgate-judges-')
}

/** `review.judges` naming three judges that answer `votes`, each writing its request to `<dir>/<name>.json`. */
function judgesConfig(dir: string, votes: readonly Vote[]): string[] {
  return [
    'review:',
    '  judges:',
    ...votes.map((v, i) => `    - { name: judge-${'abc'[i]}, run: "sh ${dir}/judge.sh ${v} ${dir}/judge-${'abc'[i]}.json", timeout: 30 }`),
  ]
}

const PROOF = ['proof:', '  - { name: build, run: "exit 3" }']

/** The entry contesting `fingerprint`, line 2 of its file. */
const evidence = (fingerprint: string): string =>
  lines(
    'counter-evidence:',
    `  - fingerprint: ${fingerprint}`,
    '    claim: the build fails on this runner only',
    '    proofType: test-passes',
    '    artifacts: [ci/build.log]',
  )

/** A repository whose proof command fails; the base commit holds `.proofgate.yml` (`config`) and `extra`. */
function project(config: string[], extra: Record<string, string> = {}): TempRepo {
  const r = makeTempGitRepo({
    files: {
      '.gitignore': lines('.proofgate/*', '!.proofgate/counter-evidence.yml', '!.proofgate/waivers.yml'),
      '.proofgate.yml': lines(...config),
      'src/a.txt': 'a\n',
      ...extra,
    },
  })
  repos.push(r)
  return r
}

/** The fingerprint of the failing proof command's finding, from a run before any counter-evidence. */
async function proofFingerprint(): Promise<string> {
  const r = project(PROOF)
  const report = (await runCli(['run', '--gates', 'proof', '--base', 'HEAD', '--format', 'json'], r.dir)).json()
  const finding = report.findings.find((f) => f.ruleId === 'proof-failed')
  if (finding === undefined) throw new Error('the proof command did not fail')
  return finding.fingerprint
}

/** The requests the judges read, each validated against schema/review-request.schema.json. */
function requestsOf(dir: string): Array<Record<string, unknown>> {
  return ['a', 'b', 'c']
    .filter((n) => existsSync(join(dir, `judge-${n}.json`)))
    .map((n) => {
      const request = JSON.parse(readFileSync(join(dir, `judge-${n}.json`), 'utf8')) as Record<string, unknown>
      expect(validateRequest(request) ? [] : validateRequest.errors).toEqual([])
      return request
    })
}

/** A base with the counter-evidence and the judges, a change on top; the run's JSON report, terminal text and journal. */
async function contested(votes: readonly Vote[], fingerprint: string) {
  const dir = judgesDir()
  const r = project([...PROOF, ...judgesConfig(dir, votes)], { '.proofgate/counter-evidence.yml': evidence(fingerprint.slice(0, 16)) })
  const base = r.head()
  r.commit('a change', { 'src/a.txt': 'b\n' })
  const run = await runCli(['run', '--gates', 'proof', '--base', base, '--format', 'json'], r.dir)
  const terminal = await runCli(['run', '--gates', 'proof', '--base', base], r.dir)
  const { events } = await readEvents(join(r.dir, '.proofgate'))
  return { r, dir, base, run, report: run.json(), terminal, events }
}

let fingerprint: string
const known = async (): Promise<string> => (fingerprint ??= await proofFingerprint())

describe('the override council', () => {
  it('approved 2 to 1: the finding is waived with the evidence in JSON, terminal and SARIF; votes journaled before gate-ended and the verdict', async () => {
    const fp = await known()
    const { r, dir, base, run, report, terminal, events } = await contested(['pass', 'fail', 'pass'], fp)
    expect(run.exitCode).toBe(0)
    expect(report.verdict).toBe('pass')
    const f = report.findings.find((x) => x.ruleId === 'proof-failed') as Finding
    expect([f.fingerprint, f.blocking]).toEqual([fp, false])
    expect(f.waived).toEqual({
      reason: 'the build fails on this runner only',
      proof: 'test-passes',
      line: 2,
      council: { file: '.proofgate/counter-evidence.yml', approvals: 2, judges: 3, artifacts: ['ci/build.log'] },
    })
    expect(f.council!.outcome).toBe('approved')
    expect(f.council!.votes.map((v) => [v.judge, v.vote, v.exitCode])).toEqual([
      ['judge-a', 'pass', 0],
      ['judge-b', 'fail', 0],
      ['judge-c', 'pass', 0],
    ])
    expect(report.gates.find((g) => g.id === 'proof')).toMatchObject({ status: 'pass', counts: { critical: 0 } })

    expect(terminal.exitCode).toBe(0)
    expect(terminal.stdout).toContain(
      '      waived: the build fails on this runner only (proof: test-passes; .proofgate/counter-evidence.yml:2; override council, 2 of 3 judges)\n',
    )
    expect(terminal.stdout).toContain('      votes: judge-a pass, judge-b fail, judge-c pass · artifacts: ci/build.log\n')

    const sarif = await runCli(['run', '--gates', 'proof', '--base', base, '--format', 'sarif'], r.dir)
    const log = JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; suppressions?: unknown[] }> }> }
    expectValidSarif(log)
    const result = log.runs[0]!.results.find((x) => x.ruleId === 'proof/proof-failed')!
    expect(result.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification:
          'the build fails on this runner only (proof: test-passes; the override council approved the counter-evidence (2 of 3 judges passed, 1 failed))',
        location: { physicalLocation: { artifactLocation: { uri: '.proofgate/counter-evidence.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } } },
      },
    ])

    // Blind: the three requests differ only in the judge's name; each holds the finding and the evidence.
    const requests = requestsOf(dir)
    expect(requests).toHaveLength(3)
    expect(requests.map((q) => [q['role'], q['reviewer']])).toEqual([
      ['judge', 'judge-a'],
      ['judge', 'judge-b'],
      ['judge', 'judge-c'],
    ])
    expect(requests[0]!['finding']).toMatchObject({ fingerprint: fp, gate: 'proof', ruleId: 'proof-failed', severity: 'critical' })
    expect(requests[0]!['diff']).toEqual([{ path: 'src/a.txt', patch: expect.stringContaining('-a\n+b\n') as unknown }])
    expect(requests[0]!['instructions']).toContain("one of three judges of proofgate's override council")
    expect(requests[0]!['counterEvidence']).toEqual({ claim: 'the build fails on this runner only', proofType: 'test-passes', artifacts: ['ci/build.log'] })
    const { reviewer: _a, ...first } = requests[0]!
    const { reviewer: _c, ...third } = requests[2]!
    expect(third).toEqual(first)

    // The first run's events: three votes and the decision, then gate-ended (pass), then the verdict (pass).
    const firstRun = events.filter((e) => e.runId === events[0]!.runId)
    const types = firstRun.map((e) => e.type)
    expect(types.filter((t) => t.startsWith('council'))).toEqual(['council-vote', 'council-vote', 'council-vote', 'council-decided'])
    expect(types.lastIndexOf('council-decided')).toBeLessThan(types.indexOf('gate-ended'))
    expect(firstRun.filter((e) => e.type === 'council-vote').map((e) => [e['judge'], e['vote'], e['exitCode'], typeof e['durationMs']])).toEqual([
      ['judge-a', 'pass', 0, 'number'],
      ['judge-b', 'fail', 0, 'number'],
      ['judge-c', 'pass', 0, 'number'],
    ])
    expect(firstRun.find((e) => e.type === 'gate-ended')).toMatchObject({ gate: 'proof', status: 'pass' })
    expect(firstRun.find((e) => e.type === 'verdict')).toMatchObject({ verdict: 'pass', exitCode: 0, blocking: 0 })
  })

  it('rejected 1 to 2: the finding still blocks and every report says the council rejected it', async () => {
    const fp = await known()
    const { dir, run, report, terminal, events } = await contested(['fail', 'pass', 'fail'], fp)
    expect(run.exitCode).toBe(1)
    expect(report.verdict).toBe('blocked')
    const f = report.findings.find((x) => x.ruleId === 'proof-failed') as Finding
    expect([f.blocking, f.waived, f.council!.outcome]).toEqual([true, null, 'rejected'])
    expect(report.gates.find((g) => g.id === 'proof')!.status).toBe('fail')
    expect(terminal.stdout).toContain(
      '      .proofgate/counter-evidence.yml:2: the override council rejected the counter-evidence (1 of 3 judges passed, 2 failed): the build fails on this runner only (proof: test-passes)\n',
    )
    expect(requestsOf(dir)).toHaveLength(3)
    expect(events.find((e) => e.type === 'council-decided')).toMatchObject({ outcome: 'rejected', approvals: 1, judges: 3 })
    expect(events.find((e) => e.type === 'gate-ended')).toMatchObject({ gate: 'proof', status: 'fail' })
  })

  it('one judge garbage, one pass, one fail: fewer than two passes, so the council is inconclusive and the finding blocks', async () => {
    const fp = await known()
    const { dir, run, report, terminal, events } = await contested(['garbage', 'pass', 'fail'], fp)
    expect(run.exitCode).toBe(1)
    const f = report.findings.find((x) => x.ruleId === 'proof-failed') as Finding
    expect([f.blocking, f.waived, f.council!.outcome]).toEqual([true, null, 'inconclusive'])
    expect(f.council!.votes.map((v) => [v.judge, v.vote])).toEqual([
      ['judge-a', 'none'],
      ['judge-b', 'pass'],
      ['judge-c', 'fail'],
    ])
    expect(terminal.stdout).toContain('the override council was inconclusive (fewer than two judges passed or failed it), so the finding still blocks')
    expect(terminal.stdout).toContain('judge-a no verdict (it printed no JSON answer and no VERDICT: line)')
    expect(requestsOf(dir)).toHaveLength(3)
    expect(events.filter((e) => e.type === 'council-vote').map((e) => e['vote'])).toEqual(['none', 'pass', 'fail', 'none', 'pass', 'fail'])
  })

  it('counter-evidence the change adds is not heard (base only), and gate-integrity flags it as needing approval', async () => {
    const fp = await known()
    const dir = judgesDir()
    const r = project([...PROOF, ...judgesConfig(dir, ['pass', 'pass', 'pass'])])
    const base = r.head()
    r.commit('contest my own finding', { '.proofgate/counter-evidence.yml': evidence(fp) })
    const run = await runCli(['run', '--gates', 'proof,gate-integrity', '--base', base, '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(1)
    const report = run.json()
    const findings = report.findings as Finding[]
    expect(findings.map((f) => [f.gate, f.ruleId, f.messageId, f.severity, f.path ?? null, f.startLine ?? null, f.blocking, f.needsApproval ?? false])).toEqual(
      [
        ['proof', 'proof-failed', 'failed', 'critical', null, null, true, false],
        ['gate-integrity', 'config-weakened', 'counterEvidenceAdded', 'critical', '.proofgate/counter-evidence.yml', 2, true, true],
      ],
    )
    expect(findings[0]!.council).toBeUndefined()
    expect(requestsOf(dir)).toEqual([])
    expect(report.notes).toContain(
      `1 counter-evidence entry added or changed by this change (.proofgate/counter-evidence.yml) is not heard: the council hears the entries of ${base.slice(0, 12)} until a reviewer approves the change`,
    )
    const { events } = await readEvents(join(r.dir, '.proofgate'))
    expect(events.filter((e) => e.type.startsWith('council'))).toEqual([])
  })

  it('invalid counter-evidence exits 78 naming file:line:column', async () => {
    const r = project(PROOF)
    r.write({ '.proofgate/counter-evidence.yml': lines('counter-evidence:', '  - fingerprint: aaaaaaaa', '    claim: trust me', '    proofType: vibes') })
    const run = await runCli(['run', '--gates', 'proof', '--base', 'HEAD'], r.dir)
    expect(run.exitCode).toBe(78)
    expect(run.stderr).toContain('Invalid counter-evidence in .proofgate/counter-evidence.yml:4:16: 1 problem')
    expect(run.stderr).toContain('.proofgate/counter-evidence.yml:4:16')
    expect(run.stderr).toContain('counter-evidence.0.proofType')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('counter-evidence with no judges configured: council-not-configured (medium) and the finding still blocks', async () => {
    const fp = await known()
    const r = project(PROOF, { '.proofgate/counter-evidence.yml': evidence(fp) })
    const base = r.head()
    r.commit('a change', { 'src/a.txt': 'b\n' })
    const run = await runCli(['run', '--gates', 'proof', '--base', base, '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(1)
    const findings = run.json().findings as Finding[]
    expect(findings.map((f) => [f.gate, f.ruleId, f.severity, f.path ?? null, f.startLine ?? null, f.blocking])).toEqual([
      ['proof', 'proof-failed', 'critical', null, null, true],
      ['proofgate', 'council-not-configured', 'medium', '.proofgate/counter-evidence.yml', 2, false],
    ])
    expect(findings[1]!.message).toBe(
      `Counter-evidence contests the blocking finding ${fp.slice(0, 12)} (proof/proof-failed), but review.judges is not configured: the override council cannot hear it, so the finding still blocks.`,
    )
  })

  it('on pull_request_target only a judge whose command runs repository code is refused: its vote is none', async () => {
    // gate-integrity runs no repository code, so it runs there; a tsconfig loosened is a blocking high finding.
    const strict = JSON.stringify({ compilerOptions: { strict: true } }) + '\n'
    const loose = JSON.stringify({ compilerOptions: { strict: false } }) + '\n'
    const probe = project([], { 'tsconfig.json': strict })
    const probeBase = probe.head()
    probe.commit('loosen', { 'tsconfig.json': loose })
    const fp = (await runCli(['run', '--gates', 'gate-integrity', '--base', probeBase, '--format', 'json'], probe.dir)).json().findings[0]!.fingerprint

    const dir = judgesDir()
    const config = [
      'review:',
      '  judges:',
      `    - { name: judge-a, run: "sh ${dir}/judge.sh pass ${dir}/judge-a.json" }`,
      `    - { name: judge-b, run: "sh judges/judge.sh pass ${dir}/judge-b.json" }`,
      `    - { name: judge-c, run: "sh ${dir}/judge.sh pass ${dir}/judge-c.json" }`,
    ]
    const r = project(config, { 'tsconfig.json': strict, 'judges/judge.sh': JUDGE, '.proofgate/counter-evidence.yml': evidence(fp) })
    const base = r.head()
    r.commit('loosen', { 'tsconfig.json': loose })
    const result = await runProofgate({
      cwd: r.dir,
      base,
      gates: ['gate-integrity'],
      strictWarnings: false,
      env: {},
      reporters: [],
      warn: () => {},
      refuseRepositoryCode: 'pull_request_target runs with a write token',
    })
    const f = result.findings.find((x) => x.ruleId === 'lint-config-weakened')!
    expect([f.fingerprint, f.council?.outcome, f.waived?.council?.approvals]).toEqual([fp, 'approved', 2])
    expect(f.council!.votes.map((v) => [v.judge, v.vote, v.error ?? null])).toEqual([
      ['judge-a', 'pass', null],
      ['judge-b', 'none', 'refused: pull_request_target runs with a write token'],
      ['judge-c', 'pass', null],
    ])
    expect(result.verdict).toBe('pass')
    expect(requestsOf(dir)).toHaveLength(2)
    expect(existsSync(join(dir, 'judge-b.json'))).toBe(false)
  })
})
