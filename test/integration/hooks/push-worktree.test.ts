// What is pushed is what is tested: with untracked or uncommitted files on disk, or a pushed branch
// that is not checked out, the tests gate runs the pushed commit in a temporary git worktree, through
// the real installed pre-push hook and a real bare remote; a run stopped by a signal leaves none behind.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { WORKTREES_DIR } from '../../../src/changes/worktree.js'
import { CLI, runCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

afterAll(removeTempDirs)

const ADD_TEST = "import { expect, it } from 'vitest'\nimport { add } from './add.js'\n\nit('adds two numbers', () => {\n  expect(add(1, 2)).toBe(3)\n})\n"
const FILES = {
  'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
  '.proofgate.yml': 'gates:\n  tests: { mode: blocking, runner: vitest }\n  evidence: { mode: blocking }\n',
  'src/add.js': '/** The sum of a and b. */\nexport function add(a, b) {\n  return a + b\n}\n',
  'src/add.test.js': ADD_TEST,
  'README.md': '# app\n\nA small app whose pushes run its vitest suite in a temporary worktree.\n',
  '.gitignore': 'node_modules\n.proofgate/\n',
}
const BROKEN = { 'src/add.js': '/** The sum of a and b. */\nexport function add(a, b) {\n  return a - b\n}\n' }

/** node_modules as `npm install proofgate vitest` would leave it: links into proofgate's own. */
function linkNodeModules(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true })
  symlinkSync(join(PROJECT_ROOT, 'node_modules', 'vitest'), join(dir, 'node_modules', 'vitest'), 'dir')
  symlinkSync(PROJECT_ROOT, join(dir, 'node_modules', 'proofgate'), 'dir')
  symlinkSync('../proofgate/dist/cli.js', join(dir, 'node_modules', '.bin', 'proofgate'))
}

interface Setup {
  repo: TempRepo
  push(args: string[]): { status: number | null; output: string }
  remoteSha(ref: string): string | null
}

async function setup(): Promise<Setup> {
  const remote = join(makeTempDir({}, 'proofgate-remote-'), 'remote.git')
  const repo = makeTempGitRepo({ files: FILES })
  linkNodeModules(repo.dir)
  spawnSync('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: { ...process.env, ...GIT_ENV } })
  repo.git('remote', 'add', 'origin', remote)
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
  const push: Setup['push'] = (args) => {
    const r = spawnSync('sh', ['-c', 'exec "$@" 2>&1', 'sh', 'git', 'push', ...args], {
      cwd: repo.dir,
      env: { ...base, ...GIT_ENV, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 180_000,
    })
    return { status: r.status, output: r.stdout }
  }
  expect(push(['-q', '-u', 'origin', 'main']).status).toBe(0)
  const installed = await runCli(['install'], repo.dir)
  expect(installed.exitCode, installed.stderr).toBe(0)
  const remoteSha = (ref: string): string | null => {
    const r = spawnSync('git', ['--git-dir', remote, 'rev-parse', '--verify', '--quiet', ref], { encoding: 'utf8' })
    return r.status === 0 ? r.stdout.trim() : null
  }
  return { repo, push, remoteSha }
}

/** Uncommitted work the pushed commit does not contain: an edit that fixes the break, and an untracked file. */
function dirty(repo: TempRepo): void {
  repo.write({ 'src/add.js': 'export function add(a, b) {\n  return a + b // fixed on disk only\n}\n', 'notes.txt': 'not committed\n' })
}

/** The tests gate's `gate-ended` events in the journal, oldest first. */
function testsEnded(repo: TempRepo): Array<Record<string, unknown>> {
  const text = readFileSync(join(repo.dir, '.proofgate', 'journal', 'events.jsonl'), 'utf8')
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.type === 'gate-ended' && e.gate === 'tests')
}

function expectNoWorktreeLeft(repo: TempRepo): void {
  expect(repo.worktrees()).toEqual([`worktree ${repo.dir}`])
  const dir = join(repo.dir, WORKTREES_DIR)
  expect(existsSync(dir) ? readdirSync(dir) : []).toEqual(existsSync(dir) ? ['.gitignore'] : [])
}

const FAILED_LINE = /proofgate - +src\/add\.test\.js:5:1 +critical +test-failed +Test failed: adds two numbers/

describe('pre-push runs the tests on the pushed commit, not the disk', () => {
  it('refuses a commit that breaks a test, pushed with an uncommitted fix and an untracked file on disk', async () => {
    const s = await setup()
    const before = s.remoteSha('main')
    s.repo.commit('break add', BROKEN)
    dirty(s.repo)
    const pushed = s.push(['origin', 'main'])
    expect(pushed.status, pushed.output).toBe(1)
    expect(pushed.output).toMatch(FAILED_LINE)
    expect(s.remoteSha('main')).toBe(before)
    expect(testsEnded(s.repo).map((e) => [e.status, e.counts])).toEqual([['fail', { critical: 1, high: 0, medium: 0, low: 0, info: 0 }]])
    expectNoWorktreeLeft(s.repo)
  })

  it('refuses the same broken commit on a branch that is not checked out', async () => {
    const s = await setup()
    s.repo.git('switch', '-q', '-c', 'broken-branch')
    s.repo.commit('break add', BROKEN)
    s.repo.git('switch', '-q', 'main')
    const pushed = s.push(['origin', 'broken-branch'])
    expect(pushed.status, pushed.output).toBe(1)
    expect(pushed.output).toMatch(FAILED_LINE)
    expect(s.remoteSha('broken-branch')).toBeNull()
    expect(testsEnded(s.repo).map((e) => e.status)).toEqual(['fail'])
    expectNoWorktreeLeft(s.repo)
  })

  it('accepts a passing commit pushed with a dirty tree, and the tests ran (pass, not inconclusive)', async () => {
    const s = await setup()
    s.repo.commit('sub', {
      'src/sub.js': 'export const sub = (a, b) => a - b\n',
      'src/sub.test.js': "import { expect, it } from 'vitest'\nimport { sub } from './sub.js'\n\nit('subtracts', () => {\n  expect(sub(3, 2)).toBe(1)\n})\n",
    })
    // On disk only: a test that fails, which the pushed commit does not contain.
    s.repo.write({
      'src/wip.test.js': "import { expect, it } from 'vitest'\n\nit('is not finished', () => {\n  expect(1).toBe(2)\n})\n",
      'src/add.js': 'export function add(a, b) {\n  return a + b + 0\n}\n',
    })
    const pushed = s.push(['origin', 'main'])
    expect(pushed.status, pushed.output).toBe(0)
    expect(s.remoteSha('main')).toBe(s.repo.head())
    expect(testsEnded(s.repo).map((e) => [e.status, e.reason])).toEqual([['pass', undefined]])
    expect(pushed.output).toMatch(
      /proofgate - .*tests.*2 tests: 2 passed, 0 failed, 0 skipped \(vitest, [0-9.]+ m?s\); in a temporary worktree of commit [0-9a-f]{12} \(the disk differs in 2 files \(src\/add\.js, src\/wip\.test\.js\)\)/,
    )
    expectNoWorktreeLeft(s.repo)
  })
})

describe('a run stopped by a signal', () => {
  const SLOW_TEST = (marker: string): string =>
    `import { it } from 'node:test'\nimport { writeFileSync } from 'node:fs'\nit('takes its time', async () => {\n  writeFileSync(${JSON.stringify(marker)}, 'started')\n  await new Promise((r) => setTimeout(r, 8000))\n})\n`

  /** A repository whose commit under test holds a slow node --test suite, with a dirty disk. */
  function slowRepo(marker: string): TempRepo {
    const repo = makeTempGitRepo({
      files: {
        '.gitignore': '.proofgate/\n',
        'package.json': '{ "name": "slow", "type": "module", "scripts": { "test": "node --test" } }\n',
        '.proofgate.yml': 'gates:\n  tests: { mode: blocking, runner: node }\n',
      },
    })
    repo.commit('slow test', { 'test/slow.test.js': SLOW_TEST(marker), 'src/a.js': 'export const a = 1\n' })
    repo.write({ 'notes.txt': 'dirty\n' })
    return repo
  }

  async function startAndWait(
    repo: TempRepo,
    marker: string,
  ): Promise<{ child: ReturnType<typeof spawn>; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
    const child = spawn(process.execPath, [CLI, 'run', '--base', 'HEAD~1', '--head', 'HEAD', '--gates', 'tests'], {
      cwd: repo.dir,
      env: { ...process.env, ...GIT_ENV },
      stdio: 'ignore',
    })
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    )
    const deadline = Date.now() + 60_000
    while (!existsSync(marker)) {
      if (Date.now() > deadline) throw new Error('the slow test never started')
      await new Promise((r) => setTimeout(r, 50))
    }
    // The suite runs inside the worktree, which exists now.
    expect(readdirSync(join(repo.dir, WORKTREES_DIR)).filter((n) => n !== '.gitignore')).toHaveLength(2)
    return { child, exited }
  }

  it('SIGTERM during the tests: the worktree is removed, and the signal ends proofgate', async () => {
    const marker = join(makeTempDir({}, 'proofgate-marker-'), 'started')
    const repo = slowRepo(marker)
    const { child, exited } = await startAndWait(repo, marker)
    child.kill('SIGTERM')
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' })
    expectNoWorktreeLeft(repo)
  })

  it('SIGKILL leaves the worktree; the next run sweeps it', async () => {
    const marker = join(makeTempDir({}, 'proofgate-marker-'), 'started')
    const repo = slowRepo(marker)
    const { child, exited } = await startAndWait(repo, marker)
    child.kill('SIGKILL')
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(repo.worktrees()).toHaveLength(2)
    // A run on another gate, with nothing to check out, still sweeps at its start.
    const next = await runCli(['run', '--base', 'HEAD~1', '--gates', 'gate-integrity'], repo.dir)
    expect(next.exitCode, next.stdout + next.stderr).toBe(0)
    expectNoWorktreeLeft(repo)
  })
})
