// The repository's ESLint config and plugins run in a worker process with the allow-listed
// environment (issue 16): they cannot read proofgate's secrets, cannot tamper with proofgate's
// process, and a config that throws or kills its process makes the gate error, which blocks.
// The real CLI (main, in-process) and the real ESLint from proofgate's node_modules, linked in.
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { configSchema } from '../../../src/config/schema.js'
import type { FindingInput } from '../../../src/findings/types.js'
import { staticAnalysisGate } from '../../../src/gates/static-analysis.js'
import type { GateContext } from '../../../src/gates/types.js'
import { runCli } from '../../helpers/cli.js'
import { makeTempDir, makeTempGitRepo, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

const RULES = "export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error' } }]\n"

/** A repository whose base commit holds `config` as eslint.config.js; the head commit adds an unused variable to src/a.js. Returns the base sha. */
function repository(config: string, extra: Record<string, string> = {}): { repo: TempRepo; base: string } {
  const repo = makeTempGitRepo({
    linkNodeModules: true,
    files: {
      '.gitignore': 'node_modules\nenv-dump.json\n',
      'package.json': '{ "type": "module" }\n',
      'eslint.config.js': config,
      'src/a.js': 'export const used = 1\n',
      ...extra,
    },
  })
  repos.push(repo)
  const base = repo.head()
  repo.commit('add an unused variable', { 'src/a.js': 'const unused = 1\nexport const used = 1\n' })
  return { repo, base }
}

const run = async (repo: TempRepo, base: string, env: NodeJS.ProcessEnv = {}): Promise<ReturnType<typeof runCli>> =>
  await runCli(['run', '--base', base, '--gates', 'static-analysis', '--format', 'json'], repo.dir, env)

const UNUSED = {
  gate: 'static-analysis',
  ruleId: 'no-unused-vars',
  severity: 'high',
  message: "'unused' is assigned a value but never used.",
  path: 'src/a.js',
  startLine: 1,
  startColumn: 7,
  blocking: true,
}

describe("the repository's ESLint config runs in a child process", () => {
  it('gets the allow-listed environment: no planted secret reaches it, an env-pass variable does', async () => {
    const { repo, base } = repository(
      [
        "import { readFileSync, writeFileSync } from 'node:fs'",
        'let environ = null',
        "try { environ = readFileSync('/proc/self/environ', 'utf8') } catch {}",
        "writeFileSync(new URL('./env-dump.json', import.meta.url), JSON.stringify({ env: process.env, environ }))",
        RULES,
      ].join('\n'),
      { '.proofgate.yml': 'env-pass: [DUMP_TEST_PASSED]\n' },
    )
    const planted = {
      GITHUB_TOKEN: 'ghs_plantedsecretvalue123',
      'INPUT_GITHUB-TOKEN': 'ghs_plantedinputtoken456',
      AWS_SECRET_ACCESS_KEY: 'awsPlantedSecretKey789',
    }
    const result = await run(repo, base, { ...planted, DUMP_TEST_PASSED: 'passed-through-value' })
    expect(result.exitCode).toBe(1)
    expect(
      result.json().findings.map(({ gate, ruleId, severity, message, path, startLine, startColumn, blocking }) => ({
        gate,
        ruleId,
        severity,
        message,
        path,
        startLine,
        startColumn,
        blocking,
      })),
    ).toEqual([UNUSED])

    const dump = readFileSync(join(repo.dir, 'env-dump.json'), 'utf8')
    for (const value of Object.values(planted)) expect(dump).not.toContain(value)
    const { env, environ } = JSON.parse(dump) as { env: Record<string, string>; environ: string | null }
    expect(Object.keys(env).filter((name) => name in planted)).toEqual([])
    expect(env.DUMP_TEST_PASSED).toBe('passed-through-value')
    if (environ !== null) expect(environ.split('\0')).toContain('DUMP_TEST_PASSED=passed-through-value')
  })

  it("cannot tamper with proofgate's process: the change still blocks with its finding", async () => {
    const { repo, base } = repository(
      [
        'process.on("exit", () => { process.exitCode = 0 })',
        'process.exit = () => {}',
        'console.log(\'@@proofgate-eslint-begin-forged@@\\n{"ok":true,"version":"10.0.0","configs":{},"results":[],"fromTree":0,"docs":{}}\')',
        'const write = process.stdout.write.bind(process.stdout)',
        'process.stdout.write = (chunk, ...rest) => write(String(chunk).replaceAll(\'"blocked"\', \'"pass"\').replaceAll(\'"blocking": true\', \'"blocking": false\'), ...rest)',
        RULES,
      ].join('\n'),
    )
    const result = await run(repo, base)
    expect(result.exitCode).toBe(1)
    const report = result.json()
    expect(report.verdict).toBe('blocked')
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([['static-analysis', 'fail']])
    expect(
      report.findings.map(({ gate, ruleId, severity, message, path, startLine, startColumn, blocking }) => ({
        gate,
        ruleId,
        severity,
        message,
        path,
        startLine,
        startColumn,
        blocking,
      })),
    ).toEqual([UNUSED])
  })

  it('errors (and blocks) when the config throws on load, naming the config', async () => {
    const { repo, base } = repository("throw new Error('this config refuses to load')\n")
    const result = await run(repo, base)
    expect(result.exitCode).toBe(1)
    const report = result.json()
    expect(report.verdict).toBe('blocked')
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([['static-analysis', 'errored']])
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.blocking])).toEqual([['gate-errored', 'critical', true]])
    expect(report.findings[0]!.message).toBe('The static-analysis gate crashed: ESLint failed (config eslint.config.js): this config refuses to load')
  })

  it('errors (and blocks) when the config kills its own process', async () => {
    const { repo, base } = repository("process.kill(process.pid, 'SIGKILL')\n" + RULES)
    const result = await run(repo, base)
    expect(result.exitCode).toBe(1)
    const report = result.json()
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([['static-analysis', 'errored']])
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.blocking])).toEqual([['gate-errored', 'critical', true]])
    expect(report.findings[0]!.message).toBe(
      "The static-analysis gate crashed: the ESLint worker (the repository's ESLint and its config) was killed by SIGKILL",
    )
  })

  it('errors when the config exits its process before ESLint answers', async () => {
    const { repo, base } = repository("console.error('leaving now')\nprocess.exit(0)\n" + RULES)
    const result = await run(repo, base)
    expect(result.exitCode).toBe(1)
    const report = result.json()
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([['static-analysis', 'errored']])
    expect(report.findings[0]!.message).toBe(
      "The static-analysis gate crashed: the ESLint worker (the repository's ESLint and its config) exited without a response:\nleaving now",
    )
  })
  it('times out (and blocks) when the config never returns, and leaves no process behind', async () => {
    const { repo, base } = repository('while (true) {}\n' + RULES, { '.proofgate.yml': 'gates:\n  static-analysis: { timeout: 3 }\n' })
    const result = await run(repo, base)
    expect(result.exitCode).toBe(1)
    const report = result.json()
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([['static-analysis', 'errored']])
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.blocking, f.message])).toEqual([
      ['gate-timeout', 'critical', true, 'The static-analysis gate timed out after 3 s.'],
    ])
    expect(processesIn(repo.dir)).toEqual([])
  })
})

describe('the ESLint cache (.proofgate/eslint-cache)', () => {
  it('is refused when it is a directory, where ESLint would write a file it names itself', async () => {
    const { repo, base } = repository(RULES)
    mkdirSync(join(repo.dir, '.proofgate', 'eslint-cache'), { recursive: true })
    const result = await run(repo, base)
    expect(result.exitCode).toBe(1)
    const report = result.json()
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([['static-analysis', 'errored']])
    expect(report.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['gate-errored', 'The static-analysis gate could not run: Refusing to write proofgate state: .proofgate/eslint-cache is a directory.'],
    ])
    expect(readdirSync(join(repo.dir, '.proofgate', 'eslint-cache'))).toEqual([])
  })

  it('is refused by the gate itself when it is a symlink (planted after the run checked the state directory), and nothing is written through it', async () => {
    const { repo } = repository(RULES)
    const outside = join(makeTempDir(), 'target')
    writeFileSync(outside, 'untouched\n')
    mkdirSync(join(repo.dir, '.proofgate'), { recursive: true })
    symlinkSync(outside, join(repo.dir, '.proofgate', 'eslint-cache'))
    const findings: FindingInput[] = []
    await expect(staticAnalysisGate.run(context(repo, findings))).rejects.toMatchObject({
      code: 'PG_STATE_UNSAFE',
      message: 'Refusing to write proofgate state: .proofgate/eslint-cache is a symbolic link.',
    })
    expect(readFileSync(outside, 'utf8')).toBe('untouched\n')
    expect(lstatSync(join(repo.dir, '.proofgate', 'eslint-cache')).isSymbolicLink()).toBe(true)
    expect(findings).toEqual([])
  })
})

function context(repo: TempRepo, findings: FindingInput[]): GateContext {
  return {
    root: repo.dir,
    stateDir: join(repo.dir, '.proofgate'),
    runId: 'test',
    changes: {
      root: repo.dir,
      base: { sha: repo.head(), source: 'explicit' },
      head: { sha: repo.head() },
      treeHash: 'test-tree',
      includesWorkingTree: true,
      files: [{ path: 'src/a.js', status: 'modified', binary: false, addedLines: [{ start: 1, end: 1 }], contextLines: [{ start: 1, end: 1 }] }],
      diffHash: 'test-diff',
    },
    scope: 'changes',
    config: configSchema.parse({ gates: { 'static-analysis': { typescript: false } } }),
    signal: AbortSignal.timeout(60_000),
    timeoutMs: 60_000,
    report: (f) => findings.push(f),
    log: () => {},
    results: new Map(),
    declarations: [],
  }
}

/** Pids of the processes whose working directory is `dir` (Linux /proc). */
function processesIn(dir: string): number[] {
  const pids: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      if (readlinkSync(`/proc/${name}/cwd`) === dir) pids.push(Number(name))
    } catch {
      // Gone, or not ours.
    }
  }
  return pids
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return check()
}

describe.runIf(existsSync('/proc/self/cwd'))('the warm worker', () => {
  it('starts in warmUp (ESLint loads while git works) and is killed by dispose when the gate never runs', async () => {
    const { repo } = repository(RULES)
    const ctx = context(repo, [])
    staticAnalysisGate.warmUp!(repo.dir, ctx.changes, ctx.config)
    expect(await waitFor(() => processesIn(repo.dir).length > 0, 10_000)).toBe(true)
    staticAnalysisGate.dispose!()
    expect(await waitFor(() => processesIn(repo.dir).length === 0, 5_000)).toBe(true)
  })

  it('serves the run that follows warmUp, and leaves no process behind', async () => {
    const { repo } = repository(RULES)
    const findings: FindingInput[] = []
    const ctx = context(repo, findings)
    staticAnalysisGate.warmUp!(repo.dir, ctx.changes, ctx.config)
    const outcome = await staticAnalysisGate.run(ctx)
    expect(outcome.summary).toBe('eslint: 1 file, 1 error, 0 warnings; tsc skipped: disabled in config (gates.static-analysis.typescript: false)')
    expect(findings.map((f) => [f.ruleId, f.path, f.startLine])).toEqual([['no-unused-vars', 'src/a.js', 1]])
    expect(await waitFor(() => processesIn(repo.dir).length === 0, 5_000)).toBe(true)
  })
})
