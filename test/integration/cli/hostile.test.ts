// Safe on hostile input, end to end through the CLI (main, in-process): the repository's code (proof commands,
// the tests gate's suite) sees no secret and none comes back in any output; the suite runs with
// nothing injected; a file that does not parse blocks whatever the filter; file names cannot
// forge terminal lines; SARIF from a parse error validates; SIGTERM leaves nothing running.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, runCli, spawnCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'
import { expectValidSarif } from '../../helpers/sarif.js'

const repos: TempRepo[] = []
afterAll(() => {
  repos.forEach((r) => r.cleanup())
  removeTempDirs()
})

function repoWith(files: Record<string, string>): TempRepo {
  const repo = makeTempGitRepo({ linkNodeModules: true, files: { '.gitignore': 'node_modules\n.proofgate/\n', ...files } })
  repos.push(repo)
  return repo
}

/** Every file under `dir`, recursively (symlinks not followed). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    return e.isDirectory() ? filesUnder(path) : e.isFile() ? [path] : []
  })
}

/** Twelve credentials as CI systems and developers' shells hold them; every value is distinct. */
const SECRETS: Record<string, string> = {
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY',
  API_KEY: 'apikey-5f1d0c9e',
  PASSWORD: 'correct-horse-battery',
  SECRET: 'planted-secret-77',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.invalid/services/T000/B000/slackwebhooksecret',
  NPM_CONFIG__AUTH: 'bnBtdXNlcjpucG1wYXNzd29yZA==',
  'npm_config_//registry.npmjs.org/:_authToken': 'npm_authtokensecret42',
  GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hz',
  GITHUB_TOKEN: 'ghs_githubtokensecret1',
  'INPUT_GITHUB-TOKEN': 'ghs_inputtokensecret2',
  ACTIONS_RUNTIME_TOKEN: 'actions-runtime-secret3',
  NODE_AUTH_TOKEN: 'node-auth-token-secret4',
}
const URL_PASSWORD = 's3cr3tpass'

describe("secrets never reach the repository's code nor any output", () => {
  it("a failing proof command and a failing suite that print their environment leak none of 12 planted values nor the remote URL's password", async () => {
    const repo = repoWith({
      'package.json': '{ "name": "app", "private": true, "type": "module", "scripts": { "test": "vitest run" } }\n',
      '.proofgate.yml': [
        'gates:',
        '  tests: { mode: blocking, runner: vitest }',
        '  static-analysis: { mode: off }',
        'proof:',
        '  - { name: leak, run: \'env; git remote -v; echo "$GITHUB_TOKEN $API_KEY"; exit 3\' }',
        '',
      ].join('\n'),
      'src/env.test.js': [
        "import { expect, it } from 'vitest'",
        "it('prints its environment', () => {",
        '  console.log(JSON.stringify(process.env))',
        '  expect(process.env).toEqual({})',
        '})',
        '',
      ].join('\n'),
    })
    repo.git('remote', 'add', 'origin', `https://user:${URL_PASSWORD}@example.invalid/x.git`)
    const env = { ...SECRETS, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraheader' }
    const outputs: Array<[string, string]> = []
    for (const format of ['terminal', 'json', 'sarif', 'html']) {
      const r = await runCli(['run', '--base', 'HEAD', '--gates', 'tests,proof', '--format', format], repo.dir, env)
      expect(r.exitCode, r.stderr).toBe(1)
      outputs.push([`stdout --format ${format}`, r.stdout], [`stderr --format ${format}`, r.stderr])
    }
    const json = JSON.parse(outputs.find(([name]) => name === 'stdout --format json')![1]) as {
      findings: Array<{ gate: string; ruleId: string; severity: string; blocking: boolean }>
    }
    expect(json.findings.map((f) => [f.gate, f.ruleId, f.severity, f.blocking])).toEqual([
      ['proof', 'proof-failed', 'critical', true],
      ['tests', 'test-failed', 'critical', true],
    ])
    for (const file of filesUnder(join(repo.dir, '.proofgate'))) outputs.push([file, readFileSync(file, 'utf8')])
    const all = outputs.map(([, text]) => text).join('\n')
    for (const [where, text] of outputs) {
      for (const [name, value] of Object.entries(SECRETS)) expect(text.includes(value), `${name}'s value in ${where}`).toBe(false)
      expect(text.includes(URL_PASSWORD), `the URL password in ${where}`).toBe(false)
    }
    // The commands did print their environment: the allow-listed PATH is there, and the redaction marks.
    expect(all).toContain('PATH=')
    expect(all).toContain('https://***@example.invalid/x.git (fetch)')
  })

  it('PROOFGATE_SKIP=1 journals and PROOFGATE_DEBUG=1 traces the pre-push remote URL without its credentials', async () => {
    const repo = makeTempGitRepo({ files: { '.gitignore': 'node_modules\n.proofgate/\n', 'package.json': '{ "name": "app", "private": true }\n' } })
    repos.push(repo)
    // proofgate as a devDependency: node_modules/.bin/proofgate, which the hook runs.
    mkdirSync(join(repo.dir, 'node_modules/.bin'), { recursive: true })
    symlinkSync(CLI, join(repo.dir, 'node_modules/.bin/proofgate'))
    const installed = await runCli(['install'], repo.dir)
    expect(installed.exitCode, installed.stderr).toBe(0)
    const url = `https://user:${URL_PASSWORD}@example.invalid/x.git`
    const head = repo.head()
    const r = spawnSync('sh', [join(repo.dir, '.git/hooks/pre-push'), 'origin', url], {
      cwd: repo.dir,
      env: { ...process.env, ...GIT_ENV, PROOFGATE_SKIP: '1', PROOFGATE_DEBUG: '1' },
      input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`,
      encoding: 'utf8',
    })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toContain('proofgate - pre-push skipped (PROOFGATE_SKIP=1); recorded in .proofgate/journal/events.jsonl')
    expect(r.stderr).toContain('https://***@example.invalid/x.git')
    expect(r.stderr).not.toContain(URL_PASSWORD)
    const journal = readFileSync(join(repo.dir, '.proofgate/journal/events.jsonl'), 'utf8')
    const skipped = journal
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; args?: string[] })
      .filter((e) => e.type === 'hook-skipped')
    expect(skipped.map((e) => e.args)).toEqual([['origin', 'https://***@example.invalid/x.git']])
    expect(journal).not.toContain(URL_PASSWORD)
  })
})

describe('the suite runs as it does on its own', () => {
  it('a vitest suite that asserts FORCE_COLOR and NO_COLOR are unset passes under proofgate', async () => {
    const repo = repoWith({
      'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
      '.proofgate.yml': 'gates:\n  tests: { mode: blocking, runner: vitest }\n',
      'src/colour.test.js': [
        "import { expect, it } from 'vitest'",
        "it('sees no colour switch it did not set', () => {",
        '  expect(process.env.FORCE_COLOR).toBeUndefined()',
        '  expect(process.env.NO_COLOR).toBeUndefined()',
        '})',
        '',
      ].join('\n'),
    })
    const own = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], {
      cwd: repo.dir,
      env: withoutColour(process.env),
      encoding: 'utf8',
    })
    expect(own.status, own.stdout + own.stderr).toBe(0)
    const r = await runCli(['run', '--base', 'HEAD', '--gates', 'tests', '--format', 'json'], repo.dir, { FORCE_COLOR: undefined })
    const report = r.json()
    expect(report.findings).toEqual([])
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([['tests', 'pass']])
    expect(r.exitCode).toBe(0)
  })
})

function withoutColour(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _f, NO_COLOR: _n, ...rest } = env
  return rest
}

describe('a changed file that does not parse blocks', () => {
  it('`export const x = (` is blocked under the default added filter, and its SARIF validates', async () => {
    const repo = repoWith({
      'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
      'eslint.config.js': 'export default [{ files: ["**/*.js"], rules: {} }]\n',
      '.proofgate.yml': 'gates:\n  tests: { mode: off }\n',
    })
    repo.commit('does not parse', { 'src/x.js': 'export const x = (\n' })
    const r = await runCli(['run', '--base', 'HEAD~1', '--gates', 'static-analysis', '--format', 'json'], repo.dir)
    const report = r.json()
    expect(report.findings.map((f) => [f.gate, f.ruleId, f.severity, f.path, f.startLine, f.startColumn, f.blocking])).toEqual([
      ['static-analysis', 'parse-error', 'high', 'src/x.js', 2, 1, true],
    ])
    expect(report.verdict).toBe('blocked')
    expect(r.exitCode).toBe(1)
    const sarif = await runCli(['run', '--base', 'HEAD~1', '--gates', 'static-analysis', '--format', 'sarif'], repo.dir)
    expect(sarif.exitCode).toBe(1)
    const log = JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region?: Record<string, number> } }> }> }> }
    expectValidSarif(log)
    expect(log.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.region)).toEqual([{ startLine: 2, startColumn: 1 }])
  })
})

describe('file names cannot forge terminal output', () => {
  it('ESC and CR in a path are escaped on the terminal and exact in JSON', async () => {
    const name = 'src/\u001b[2K\rPASS · no findings\u001b[0m.js'
    const repo = repoWith({
      'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
      'eslint.config.js': 'export default [{ files: ["**/*.js"], rules: { "no-debugger": "error" } }]\n',
      '.proofgate.yml': 'gates:\n  tests: { mode: off }\n',
    })
    repo.commit('forged name', { [name]: 'debugger\n' })
    const terminal = await runCli(['run', '--base', 'HEAD~1', '--gates', 'static-analysis'], repo.dir)
    expect(terminal.exitCode).toBe(1)
    // No raw control character but newline and tab reaches the terminal (compared by code point).
    const raw = [...terminal.stdout].filter((c) => (c.charCodeAt(0) < 0x20 && c !== '\n' && c !== '\t') || c.charCodeAt(0) === 0x7f)
    expect(raw).toEqual([])
    expect(terminal.stdout).toContain("  src/\\e[2K\\rPASS · no findings\\e[0m.js:1:1  high  no-debugger  Unexpected 'debugger' statement.  [static-analysis ")
    const json = (await runCli(['run', '--base', 'HEAD~1', '--gates', 'static-analysis', '--format', 'json'], repo.dir)).json()
    expect(json.findings.map((f) => [f.ruleId, f.path, f.startLine])).toEqual([['no-debugger', name, 1]])
  })
})

describe('stopping proofgate leaves nothing behind', () => {
  /** A repository whose node --test suite writes its pid, then waits a minute; node --test's TAP report file exists from the start. */
  function slowSuite(): TempRepo {
    return repoWith({
      'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
      '.proofgate.yml': 'gates:\n  tests: { mode: blocking, runner: node, args: [src/slow.test.js] }\n',
      'src/slow.test.js': [
        "import { writeFileSync } from 'node:fs'",
        "import { test } from 'node:test'",
        "test('runs long', async () => {",
        "  writeFileSync('runner.pid', String(process.pid))",
        '  await new Promise((resolve) => setTimeout(resolve, 60_000))',
        '})',
        '',
      ].join('\n'),
    })
  }

  /** Starts `proofgate run --gates tests` and waits until the suite runs; returns the CLI process and the suite's process group. */
  async function startSlowRun(
    repo: TempRepo,
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ child: ChildProcess; group: number; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
    const child = spawn(process.execPath, [CLI, 'run', '--base', 'HEAD', '--gates', 'tests'], {
      cwd: repo.dir,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: 'ignore',
    })
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    )
    const pidFile = join(repo.dir, 'runner.pid')
    await expect.poll(() => existsSync(pidFile) && statSync(pidFile).size > 0, { timeout: 60_000, interval: 100 }).toBe(true)
    const group = processGroupOf(Number(readFileSync(pidFile, 'utf8')))
    expect(group).toBeGreaterThan(0)
    expect(group).not.toBe(child.pid)
    return { child, group: group!, exited }
  }

  it("SIGTERM during a long test run: the runner's process group is gone within 2 s and .proofgate/tmp is empty", async () => {
    const repo = slowSuite()
    const { child, group, exited } = await startSlowRun(repo)
    expect(filesUnder(join(repo.dir, '.proofgate/tmp')).map((f) => /tests-[0-9a-f-]+\.tap$/.test(f))).toEqual([true])
    child.kill('SIGTERM')
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' })
    await expect.poll(() => groupMembers(group), { timeout: 2_000, interval: 50 }).toEqual([])
    expect(filesUnder(join(repo.dir, '.proofgate/tmp'))).toEqual([])
  }, 90_000)

  it("SIGKILL during a long test run: the runner's process group is gone within 2 s", async () => {
    const repo = slowSuite()
    const { child, group, exited } = await startSlowRun(repo)
    child.kill('SIGKILL')
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' })
    await expect.poll(() => groupMembers(group), { timeout: 2_000, interval: 50 }).toEqual([])
  }, 90_000)

  it('the next run removes index copies in TMPDIR whose owner is gone or that are over an hour old, and leaves a live one (dist/cli.js)', () => {
    const tmp = makeTempDir({}, 'proofgate-tmpdir-')
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    const copies = {
      orphaned: join(tmp, `proofgate-index-${dead}-AbC123`),
      old: join(tmp, 'proofgate-index-Xy9876'),
      live: join(tmp, `proofgate-index-${process.pid}-LiVe00`),
    }
    for (const dir of Object.values(copies)) {
      mkdirSync(dir)
      writeFileSync(join(dir, 'index'), 'x'.repeat(1024))
    }
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
    utimesSync(copies.old, hourAgo, hourAgo)
    const repo = repoWith({ 'package.json': '{ "name": "app", "private": true }\n', '.proofgate.yml': 'gates:\n  tests: { mode: off }\n' })
    repo.write({ 'src/a.js': 'export const a = 1\n' })
    // A process of its own: the OS temp directory is the process's (os.tmpdir() reads TMPDIR), not main's io.env.
    const r = spawnCli(['run', '--gates', 'gate-integrity', '--format', 'json'], repo.dir, { TMPDIR: tmp })
    expect(r.exitCode, r.stderr).toBe(0)
    expect(readdirSync(tmp).filter((n) => n.startsWith('proofgate-index-'))).toEqual([`proofgate-index-${process.pid}-LiVe00`])
  })
})

/** The process group of `pid` (from /proc), or null when it is gone. */
function processGroupOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
  } catch {
    return null
  }
}

/** Live (not zombie) processes whose group is `group`. */
function groupMembers(group: number): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        return fields[2] === String(group) && !/^[ZX]$/.test(fields[0]!)
      } catch {
        return false
      }
    })
}
