// The proof gate end to end: real bash commands in temp git repos through runProofgate and the
// CLI's main(), the proof-results journal read back, concurrent runs, and the scope lock.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../../src/cli/main.js'
import type { ProofData, ProofResult } from '../../../src/gates/proof.js'
import { readEvents } from '../../../src/journal/journal.js'
import { runProofgate, type Settings } from '../../../src/runner/run.js'
import type { RunResult } from '../../../src/runner/types.js'
import { CLI, type JsonReport } from '../../helpers/cli.js'
import { GIT_ENV, makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => repos.forEach((r) => r.cleanup()))
afterEach(() => {
  vi.unstubAllEnvs()
})

/** A repo whose .proofgate.yml is `config`; run state, pid files and markers are ignored. */
function repoWith(config: string, files: Record<string, string> = {}): TempRepo {
  const repo = makeTempGitRepo({ files: { '.gitignore': '.proofgate/\n*.pid\nran\n', '.proofgate.yml': config, 'src/a.txt': 'a\n', ...files } })
  repos.push(repo)
  return repo
}

function run(repo: TempRepo, extra: Partial<Settings> = {}): Promise<RunResult> {
  return runProofgate({ cwd: repo.dir, base: 'HEAD', gates: ['proof'], strictWarnings: false, env: {}, reporters: [], warn: () => {}, ...extra })
}

function proofLines(repo: TempRepo): ProofResult[] {
  return readFileSync(join(repo.dir, '.proofgate/proof-results.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as ProofResult)
}

function gateOf(result: RunResult): RunResult['gates'][number] {
  const gate = result.gates.find((g) => g.id === 'proof')
  if (gate === undefined) throw new Error('the proof gate did not run')
  return gate
}

/** True while `pid` runs; a zombie counts as gone. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2))
  } catch {
    return false
  }
}

/** Runs the CLI in-process; returns its exit code and output. */
async function cli(repo: TempRepo, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { cwd: repo.dir, env, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } })
  return { code, stdout, stderr }
}

const FIFTY_LINES = 'for i in $(seq 1 50); do echo "line $i"; done; exit 3'

describe('proof commands', () => {
  it('reports each outcome by its rule, tells exit 137 from SIGKILL, and records every field', async () => {
    const repo = repoWith(`proof:
  - { name: passes, run: echo ok }
  - { name: fails, run: '${FIFTY_LINES}' }
  - { name: sigkill, run: 'echo before; kill -9 $$' }
  - { name: sigterm, run: 'kill -TERM $$' }
  - { name: exit137, run: 'exit 137' }
`)
    const result = await run(repo)
    const gate = gateOf(result)
    expect(result.verdict).toBe('blocked')
    expect(result.exitCode).toBe(1)
    expect(gate.status).toBe('fail')
    expect(result.findings.map((f) => [f.gate, f.ruleId, f.messageId, f.severity, f.path, f.startLine, f.blocking])).toEqual([
      ['proof', 'proof-failed', 'failed', 'critical', undefined, undefined, true],
      ['proof', 'proof-failed', 'failed', 'critical', undefined, undefined, true],
      ['proof', 'proof-signal', 'killed', 'critical', undefined, undefined, true],
      ['proof', 'proof-signal', 'killed', 'critical', undefined, undefined, true],
    ])
    const byName = (name: string): string => result.findings.find((f) => f.message.startsWith(`Proof command '${name}'`))?.message ?? ''
    expect(byName('fails')).toMatch(/failed with exit code 3\. Last output:\nline 11\n/)
    expect(byName('fails')).toMatch(/\nline 50$/)
    expect(byName('fails')).not.toMatch(/\nline 10\n/)
    expect(byName('exit137')).toMatch(/failed with exit code 137\./)
    expect(byName('sigkill')).toMatch(/was killed by SIGKILL\. Last output:\nbefore$/)
    expect(byName('sigterm')).toMatch(/was killed by SIGTERM\./)
    expect(gate.summary).toBe(
      '5 proof commands: 1 passed, 2 failed (fails, exit 3; exit137, exit 137), 2 killed (sigkill, SIGKILL; sigterm, SIGTERM); no scope lock (run proofgate start)',
    )
    expect((gate.data as ProofData).scope).toBe('none')

    const lines = proofLines(repo)
    expect(lines.map((l) => [l.name, l.exitCode, l.signal, l.timedOut])).toEqual([
      ['passes', 0, null, false],
      ['fails', 3, null, false],
      ['sigkill', null, 'SIGKILL', false],
      ['sigterm', null, 'SIGTERM', false],
      ['exit137', 137, null, false],
    ])
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual([
        'command',
        'durationMs',
        'exitCode',
        'headSha',
        'name',
        'outputTail',
        'runId',
        'signal',
        'timedOut',
        'treeHash',
        'ts',
        'type',
        'v',
      ])
      expect(l).toMatchObject({ v: 1, runId: result.runId, type: 'proof-result', headSha: repo.head(), treeHash: result.treeHash })
      expect(l.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      expect(Number.isInteger(l.durationMs) && l.durationMs >= 0).toBe(true)
    }
    expect(lines[0]).toMatchObject({ command: 'echo ok', outputTail: 'ok' })
    expect(lines[1]!.command).toBe(FIFTY_LINES)
    expect(lines[1]!.outputTail.split('\n')).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i + 11}`))
  })

  it('kills a command that outlives its timeout, with the background child it started', async () => {
    const repo = repoWith(`proof:
  - { name: sleeps, run: sleep 30, timeout: 1 }
  - { name: background, run: 'sleep 30 & echo $! > bg.pid; wait', timeout: 1 }
  - { name: after, run: 'true' }
`)
    const result = await run(repo)
    expect(result.findings.map((f) => [f.ruleId, f.messageId, f.severity])).toEqual([
      ['proof-timeout', 'timedOut', 'critical'],
      ['proof-timeout', 'timedOut', 'critical'],
    ])
    expect(result.findings[0]!.message).toMatch(
      /^Proof command 'sleeps' \(`sleep 30`\) did not finish within its timeout of 1 s and was killed with its child processes\./,
    )
    expect(gateOf(result).summary).toBe('3 proof commands: 1 passed, 2 timed out (sleeps, 1 s; background, 1 s); no scope lock (run proofgate start)')
    expect(proofLines(repo).map((l) => [l.name, l.exitCode, l.signal, l.timedOut])).toEqual([
      ['sleeps', null, null, true],
      ['background', null, null, true],
      ['after', 0, null, false],
    ])
    const pid = Number(readFileSync(join(repo.dir, 'bg.pid'), 'utf8'))
    expect(pid).toBeGreaterThan(0)
    await expect.poll(() => isAlive(pid), { timeout: 2_000 }).toBe(false)
  })

  it('passes with stdin closed, no token in the environment, and env-pass variables kept', async () => {
    vi.stubEnv('GITHUB_TOKEN', 'ghs_secret_value')
    vi.stubEnv('ACTIONS_RUNTIME_TOKEN', 'ghs_secret_value')
    vi.stubEnv('INPUT_GITHUB-TOKEN', 'ghs_secret_value')
    vi.stubEnv('PROOF_TEST_KEPT', 'kept')
    const repo = repoWith(`env-pass: [PROOF_TEST_KEPT]
proof:
  - { name: stdin, run: 'read -r line; echo "read=$?"' }
  - { name: env, run: 'env | grep -c TOKEN; test "$PROOF_TEST_KEPT" = kept && ! env | grep -q _secret_value' }
`)
    // The environment proofgate was started with (bin.ts hands process.env to the run).
    const result = await run(repo, { env: process.env })
    expect(result.findings).toEqual([])
    expect(gateOf(result)).toMatchObject({ status: 'pass', summary: '2 proof commands: 2 passed; no scope lock (run proofgate start)' })
    const lines = proofLines(repo)
    expect(lines.map((l) => [l.name, l.outputTail])).toEqual([
      ['stdin', 'read=1'],
      ['env', '0'],
    ])
    expect(readFileSync(join(repo.dir, '.proofgate/proof-results.jsonl'), 'utf8')).not.toContain('ghs_secret_value')
  })

  it('runs the commands in a temporary worktree of the version under test when the disk is not it', async () => {
    const repo = repoWith("proof:\n  - { name: committed, run: 'grep -qx a src/a.txt && touch ran' }\n")
    writeFileSync(join(repo.dir, 'src/a.txt'), 'changed on disk\n')
    const result = await run(repo, { head: 'HEAD', base: 'HEAD~0' })
    const gate = gateOf(result)
    expect(gate).toMatchObject({
      status: 'pass',
      summary: `1 proof command: 1 passed in a temporary worktree of commit ${repo.head().slice(0, 12)} (the disk differs in 1 file (src/a.txt)); no scope lock (run proofgate start)`,
    })
    expect(result.findings).toEqual([])
    // It ran in the worktree, which is gone, and wrote nothing into the work tree.
    expect(existsSync(join(repo.dir, 'ran'))).toBe(false)
    expect(proofLines(repo).map((l) => [l.name, l.exitCode, l.treeHash])).toEqual([['committed', 0, repo.git('rev-parse', 'HEAD^{tree}')]])
    expect(repo.worktrees()).toEqual([`worktree ${repo.dir}`])
  })

  it('is skipped with a reason when there are no proof commands and no scope lock', async () => {
    const repo = repoWith('filter-mode: added\n')
    const result = await run(repo)
    expect(gateOf(result)).toMatchObject({ status: 'skipped', reason: 'no proof commands in .proofgate.yml' })
    expect(result.findings).toEqual([])
  })

  it('keeps each run to its own lines when two runs share the journal', async () => {
    const commands = (n: number, last: string): string =>
      'proof:\n' + Array.from({ length: n }, (_, i) => `  - { name: step${i}, run: 'echo step ${i}' }\n`).join('') + `  - { name: last, run: '${last}' }\n`
    const repo = repoWith('', { 'failing.yml': commands(6, 'echo broken; exit 4'), 'passing.yml': commands(6, 'true') })
    const [failing, passing] = await Promise.all([run(repo, { configFile: 'failing.yml' }), run(repo, { configFile: 'passing.yml' })])
    expect(failing.verdict).toBe('blocked')
    expect(failing.findings.map((f) => [f.ruleId, f.message.split('.')[0]])).toEqual([
      ['proof-failed', "Proof command 'last' (`echo broken; exit 4`) failed with exit code 4"],
    ])
    expect(passing.verdict).toBe('pass')
    expect(passing.findings).toEqual([])
    const lines = proofLines(repo)
    expect(lines).toHaveLength(14)
    for (const [id, exit] of [
      [failing.runId, 4],
      [passing.runId, 0],
    ] as const) {
      const mine = lines.filter((l) => l.runId === id)
      expect(mine.map((l) => l.name)).toEqual(['step0', 'step1', 'step2', 'step3', 'step4', 'step5', 'last'])
      expect(mine.at(-1)!.exitCode).toBe(exit)
    }
  })

  it('two proofgate processes sharing the journal each see their own failure', async () => {
    // Separate processes: only the journal's file lock orders their appends.
    const commands = (failing: string): string =>
      'proof:\n' +
      Array.from({ length: 8 }, (_, i) => `  - { name: step${i}, run: 'echo step ${i}' }\n`).join('') +
      `  - { name: ${failing}, run: 'echo ${failing} broke; exit 5' }\n`
    const repo = repoWith('', { 'one.yml': commands('one'), 'two.yml': commands('two') })
    const cliRun = (config: string): Promise<{ code: number | null; report: JsonReport }> =>
      new Promise((done, fail) => {
        execFile(
          process.execPath,
          [CLI, 'run', '--base', 'HEAD', '--gates', 'proof', '--config', config, '--format', 'json'],
          { cwd: repo.dir, env: { ...process.env, ...GIT_ENV } },
          (error, stdout) => {
            try {
              done({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), report: JSON.parse(stdout) as JsonReport })
            } catch (e) {
              fail(e instanceof Error ? e : new Error(String(e)))
            }
          },
        )
      })
    const [one, two] = await Promise.all([cliRun('one.yml'), cliRun('two.yml')])
    for (const [run, name] of [
      [one, 'one'],
      [two, 'two'],
    ] as const) {
      expect(run.code).toBe(1)
      expect(run.report.findings.map((f) => [f.ruleId, f.message.split(' (')[0]])).toEqual([['proof-failed', `Proof command '${name}'`]])
    }
    const lines = proofLines(repo)
    expect(lines).toHaveLength(18)
    expect(new Set(lines.map((l) => l.runId)).size).toBe(2)
    expect(
      lines
        .filter((l) => l.exitCode === 5)
        .map((l) => l.name)
        .sort(),
    ).toEqual(['one', 'two'])
  })

  it('reads past a line a crashed writer left unfinished', async () => {
    const repo = repoWith("proof:\n  - { name: ok, run: 'true' }\n")
    await run(repo)
    writeFileSync(
      join(repo.dir, '.proofgate/proof-results.jsonl'),
      readFileSync(join(repo.dir, '.proofgate/proof-results.jsonl'), 'utf8') + '{"v":1,"runId":"crashed","type":"proof-re',
    )
    const debug: string[] = []
    const result = await run(repo, { debug: (m) => debug.push(m) })
    expect(result.findings).toEqual([])
    expect(gateOf(result).status).toBe('pass')
    expect(debug).toContain('[proof] proof: warning: proof-results.jsonl:2: not valid JSON; skipped')
  })

  it('runs through `proofgate run` and prints the gate in the JSON report', async () => {
    const repo = repoWith("proof:\n  - { name: build, run: 'echo compiling; exit 2' }\n")
    const { code, stdout } = await cli(repo, ['run', '--base', 'HEAD', '--gates', 'proof', '--format', 'json'])
    expect(code).toBe(1)
    const report = JSON.parse(stdout) as {
      gates: Array<{ id: string; status: string; summary: string; data: ProofData }>
      findings: Array<{ ruleId: string; blocking: boolean }>
    }
    expect(report.gates.map((g) => [g.id, g.status, g.summary])).toEqual([
      ['proof', 'fail', '1 proof command: 0 passed, 1 failed (build, exit 2); no scope lock (run proofgate start)'],
    ])
    expect(report.gates[0]!.data).toEqual({
      scope: 'none',
      commands: [{ name: 'build', status: 'failed', exitCode: 2, signal: null, timedOut: false, durationMs: expect.any(Number) }],
    })
    expect(report.findings.map((f) => [f.ruleId, f.blocking])).toEqual([['proof-failed', true]])
  })
})

describe('the scope lock', () => {
  const CONFIG = `gates:
  tests: { mode: blocking }
proof:
  - { name: build, run: 'true' }
  - { name: lint, run: 'true' }
`

  it('holds after `proofgate start`, names what changed, and is accepted again by a new start', async () => {
    const repo = repoWith(CONFIG)
    const started = await cli(repo, ['start'])
    expect(started.code).toBe(0)
    expect(started.stdout).toMatch(/scope recorded in \.proofgate\/scope\.json: \.proofgate\.yml \([0-9a-f]{12}\), 2 proof commands\n/)
    const scope = JSON.parse(readFileSync(join(repo.dir, '.proofgate/scope.json'), 'utf8')) as Record<string, unknown>
    expect(scope).toMatchObject({
      version: 1,
      sha: repo.head(),
      configFile: '.proofgate.yml',
      proof: [
        { name: 'build', run: 'true', timeout: 300 },
        { name: 'lint', run: 'true', timeout: 300 },
      ],
    })
    const { events } = await readEvents(join(repo.dir, '.proofgate'))
    expect(events.filter((e) => e.type === 'scope-recorded')).toEqual([
      expect.objectContaining({
        runId: 'start',
        sha: repo.head(),
        configFile: '.proofgate.yml',
        configHash: scope.configHash,
        proofHash: scope.proofHash,
        proofCommands: 2,
      }),
    ])

    const unchanged = await run(repo)
    expect(unchanged.findings).toEqual([])
    expect(gateOf(unchanged).summary).toMatch(/^2 proof commands: 2 passed; scope unchanged since proofgate start \d{4}-\d\d-\d\dT\d\d:\d\dZ$/)
    expect(gateOf(unchanged).data).toMatchObject({ scope: 'unchanged', scopeRecordedAt: scope.recordedAt })

    writeFileSync(join(repo.dir, '.proofgate.yml'), "gates:\n  tests: { mode: advisory }\nproof:\n  - { name: lint, run: 'true' }\n")
    const changed = await run(repo)
    expect(changed.verdict).toBe('blocked')
    expect(changed.findings.map((f) => [f.ruleId, f.messageId, f.severity, f.path, f.blocking])).toEqual([
      ['scope-changed', 'changed', 'high', undefined, true],
    ])
    expect(changed.findings[0]!.message).toMatch(
      /^The scope changed since proofgate start \S+: gates\.tests\.mode: blocking → advisory; proof: removed 'build'\.$/,
    )
    expect(changed.findings[0]!.help).toBe('run `proofgate start` again to accept the new scope')
    expect(gateOf(changed).summary).toMatch(/^1 proof command: 1 passed; scope changed since proofgate start /)

    // An override in the environment after start changes the scope too.
    const env = await run(repo, { env: { PROOFGATE_GATE_TESTS: 'off' } })
    expect(env.findings.map((f) => f.message)).toEqual([expect.stringMatching(/: gates\.tests\.mode: blocking → off; proof: removed 'build'\.$/)])

    expect((await cli(repo, ['start'])).code).toBe(0)
    const accepted = await run(repo)
    expect(accepted.findings).toEqual([])
    expect(gateOf(accepted).data).toMatchObject({ scope: 'unchanged' })
  })

  it('still checks the scope when every proof command was deleted', async () => {
    const repo = repoWith(CONFIG)
    expect((await cli(repo, ['start'])).code).toBe(0)
    writeFileSync(join(repo.dir, '.proofgate.yml'), 'gates:\n  tests: { mode: blocking }\n')
    const result = await run(repo)
    expect(gateOf(result)).toMatchObject({ status: 'fail', summary: expect.stringMatching(/^0 proof commands; scope changed since/) })
    expect(result.findings.map((f) => [f.ruleId, f.message.replace(/since proofgate start [\dT:-]+Z/, 'since …')])).toEqual([
      ['scope-changed', "The scope changed since …: proof: removed 'build'; proof: removed 'lint'."],
    ])
  })

  it('says in the notes that a run without the proof gate did not check the scope', async () => {
    const repo = repoWith(CONFIG)
    expect((await cli(repo, ['start'])).code).toBe(0)
    writeFileSync(join(repo.dir, '.proofgate.yml'), 'gates:\n  proof: { mode: off }\n')
    const off = await run(repo, {
      gates: undefined,
      env: { PROOFGATE_GATE_STATIC_ANALYSIS: 'off', PROOFGATE_GATE_TESTS: 'off', PROOFGATE_GATE_EVIDENCE: 'off', PROOFGATE_GATE_DOC_COVERAGE: 'off' },
    })
    expect(off.gates.map((g) => g.id)).not.toContain('proof')
    expect(off.notes).toContain('the scope recorded by proofgate start (.proofgate/scope.json) was not checked: the proof gate is off for this run (mode off)')
    const narrowed = await run(repo, { gates: ['gate-integrity'] })
    expect(narrowed.notes).toContain(
      'the scope recorded by proofgate start (.proofgate/scope.json) was not checked: the proof gate is off for this run (--gates)',
    )
    writeFileSync(join(repo.dir, '.proofgate.yml'), CONFIG)
    const checked = await run(repo, { gates: ['proof', 'gate-integrity'] })
    expect(checked.gates.map((g) => g.id)).toContain('proof')
    expect(checked.notes.some((n) => n.includes('was not checked'))).toBe(false)
  })

  it('records the environment and --config FILE at start', async () => {
    const repo = repoWith(CONFIG, { 'other.yml': "proof:\n  - { name: only, run: 'true' }\n" })
    expect((await cli(repo, ['start', '--config', 'other.yml'], { PROOFGATE_GATE_TESTS: 'advisory' })).code).toBe(0)
    const same = await run(repo, { configFile: 'other.yml', env: { PROOFGATE_GATE_TESTS: 'advisory' } })
    expect(same.findings).toEqual([])
    const withoutEnv = await run(repo, { configFile: 'other.yml' })
    expect(withoutEnv.findings.map((f) => f.message)).toEqual([expect.stringMatching(/: gates\.tests\.mode: advisory → blocking\.$/)])
  })

  it('fails closed on an unreadable scope file', async () => {
    const repo = repoWith(CONFIG)
    expect((await cli(repo, ['start'])).code).toBe(0)
    writeFileSync(join(repo.dir, '.proofgate/scope.json'), '{"version": 1, "sha": ')
    const result = await run(repo)
    expect(result.verdict).toBe('blocked')
    expect(result.findings.map((f) => [f.ruleId, f.messageId, f.severity, f.message])).toEqual([
      [
        'scope-changed',
        'unreadable',
        'high',
        'The recorded scope is unreadable (.proofgate/scope.json: it is not valid JSON), so nothing shows that the configuration and proof commands are still the ones locked at `proofgate start`.',
      ],
    ])
    expect(gateOf(result).data).toMatchObject({ scope: 'changed' })
  })

  it('records nothing when the config is invalid', async () => {
    const repo = repoWith('gates:\n  tests: { mode: strict }\n')
    const started = await cli(repo, ['start'])
    expect(started.code).toBe(78)
    expect(started.stderr).toMatch(/PG_CONFIG_INVALID/)
    expect(existsSync(join(repo.dir, '.proofgate/scope.json'))).toBe(false)
    expect(existsSync(join(repo.dir, '.proofgate/run-start.json'))).toBe(false)
    rmSync(join(repo.dir, '.proofgate'), { recursive: true, force: true })
  })
})
