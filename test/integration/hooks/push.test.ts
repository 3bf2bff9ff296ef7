// The hooks end to end: `proofgate install` in a real repository with a real bare remote, then
// real `git push` and `git commit` runs the installed hook, which runs the built CLI.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, spawnCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, writeFiles, type TempRepo } from '../../helpers/repo.js'

afterAll(removeTempDirs)

const ESLINT_CONFIG = "export default [{ files: ['**/*.js'], rules: { 'no-debugger': 'error' } }]\n"
/** No tsconfig (tsc is skipped); tests and evidence off except where a case turns them on. */
const FILES = {
  'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
  'eslint.config.js': ESLINT_CONFIG,
  '.proofgate.yml': 'gates:\n  tests: { mode: off }\n  evidence: { mode: off }\n',
  'src/add.js': 'export function add(a, b) {\n  return a + b\n}\n',
  'README.md': '# app\n\nA small app that the pre-push hook tests push to a real remote.\n',
}
const PACKAGES = ['eslint', 'vitest', 'husky', 'lefthook', 'lefthook-linux-x64']

/** node_modules as `npm install proofgate eslint vitest husky lefthook` would leave it: links into proofgate's own. */
function linkNodeModules(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true })
  for (const name of PACKAGES) symlinkSync(join(PROJECT_ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir')
  symlinkSync(PROJECT_ROOT, join(dir, 'node_modules', 'proofgate'), 'dir')
  symlinkSync('../proofgate/dist/cli.js', join(dir, 'node_modules', '.bin', 'proofgate'))
  symlinkSync('../lefthook/bin/index.js', join(dir, 'node_modules', '.bin', 'lefthook'))
}

interface Setup {
  repo: TempRepo
  remote: string
  /** Runs git with the hook's environment, stdout and stderr merged; never throws. */
  run(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): { status: number | null; output: string }
  remoteSha(ref: string): string | null
}

async function setup(options: { files?: Record<string, string>; install?: string[] } = {}): Promise<Setup> {
  const remote = join(makeTempDir({}, 'proofgate-remote-'), 'remote.git')
  const repo = makeTempGitRepo({ files: { ...FILES, '.gitignore': 'node_modules\n.proofgate/\n', ...options.files } })
  linkNodeModules(repo.dir)
  spawnSync('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: { ...process.env, ...GIT_ENV } })
  repo.git('remote', 'add', 'origin', remote)
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
  const run: Setup['run'] = (args, o = {}) => {
    // git hands a hook's stdout and stderr to its own: merged here in the order a terminal shows them.
    const r = spawnSync('sh', ['-c', 'exec "$@" 2>&1', 'sh', 'git', ...args], {
      cwd: o.cwd ?? repo.dir,
      env: { ...base, ...GIT_ENV, NO_COLOR: '1', ...o.env },
      encoding: 'utf8',
      timeout: 120_000,
    })
    return { status: r.status, output: r.stdout }
  }
  // The first push has nothing to compare with; it goes before the hook exists.
  expect(run(['push', '-q', '-u', 'origin', 'main']).status).toBe(0)
  if (options.install !== undefined) {
    const installed = await runCli(['install', ...options.install], repo.dir)
    expect(installed.exitCode, installed.stderr).toBe(0)
  }
  const remoteSha = (ref: string): string | null => {
    const r = spawnSync('git', ['--git-dir', remote, 'rev-parse', '--verify', '--quiet', ref], { encoding: 'utf8' })
    return r.status === 0 ? r.stdout.trim() : null
  }
  return { repo, remote, run, remoteSha }
}

/** The hook's lines: git's own (`To …`, `error:`, ` ! [rejected]`, `branch '…' set up to track`) and husky's are left out. */
function hookLines(output: string): string[] {
  return output
    .split('\n')
    .filter(
      (l) =>
        l !== '' &&
        !/^(To |error: |hint: | ! |remote: |husky - |branch '|Everything up-to-date|\s+[0-9a-f]{7,}\.\.|\s+\+\s|\s+\* \[new|\s+- \[deleted)/.test(l),
    )
}

function expectPrefixed(output: string): void {
  for (const line of hookLines(output)) expect(line).toMatch(/^proofgate - /)
}

/** Commits the fix, pushes main, and expects the push through: the remote holds the new commit. */
function expectFixAccepted(s: Setup, files: Record<string, string>): void {
  s.repo.commit('fixed', files)
  const accepted = s.run(['push', 'origin', 'main'])
  expect(accepted.status, accepted.output).toBe(0)
  expect(s.remoteSha('main')).toBe(s.repo.head())
}

describe('pre-push hook with a real remote', () => {
  it('checks a new branch against its merge-base with the remote default branch, then a normal push against the remote tip', async () => {
    const s = await setup({ install: [] })
    s.repo.commit('main moves on', { 'docs/guide.md': '# guide\n' })
    expect(s.run(['push', '-q', 'origin', 'main']).status).toBe(0)
    const forkPoint = s.repo.head()
    s.repo.git('switch', '-q', '-c', 'feature')
    s.repo.commit('add sub', { 'src/sub.js': 'export const sub = (a, b) => a - b\n' })
    const first = s.run(['push', '-u', 'origin', 'feature'])
    expect(first.status, first.output).toBe(0)
    expectPrefixed(first.output)
    expect(first.output).toContain(
      `proofgate - checking refs/heads/feature: ${forkPoint.slice(0, 12)}..${s.repo.head().slice(0, 12)} (new on the remote: merge-base with origin/main)`,
    )
    // One changed file: the branch's own, not all history.
    expect(first.output).toMatch(
      /base [0-9a-f]{12} \(push new on the remote: merge-base with origin\/main\) → head [0-9a-f]{12} \(refs\/heads\/feature\) · 1 changed file/,
    )
    expect(s.remoteSha('feature')).toBe(s.repo.head())

    const before = s.repo.head()
    s.repo.commit('mul', { 'src/mul.js': 'export const mul = (a, b) => a * b\n' })
    const second = s.run(['push', 'origin', 'feature'])
    expect(second.status, second.output).toBe(0)
    expect(second.output).toContain(`checking refs/heads/feature: ${before.slice(0, 12)}..${s.repo.head().slice(0, 12)} (the remote tip..the pushed tip)`)
  })

  it('checks a force push after a rebase against the merge-base of the old and new tips', async () => {
    const s = await setup({ install: [] })
    s.repo.git('switch', '-q', '-c', 'feature')
    s.repo.commit('sub', { 'src/sub.js': 'export const sub = (a, b) => a - b\n' })
    expect(s.run(['push', '-q', 'origin', 'feature']).status).toBe(0)
    const oldTip = s.repo.head()
    s.repo.git('switch', '-q', 'main')
    s.repo.commit('main moves on', { 'docs/guide.md': '# guide\n' })
    expect(s.run(['push', '-q', 'origin', 'main']).status).toBe(0)
    s.repo.git('switch', '-q', 'feature')
    s.repo.git('rebase', '-q', 'main')
    const mergeBase = s.repo.git('merge-base', oldTip, 'HEAD')
    const pushed = s.run(['push', '--force', 'origin', 'feature'])
    expect(pushed.status, pushed.output).toBe(0)
    expect(pushed.output).toContain(
      `checking refs/heads/feature: ${mergeBase.slice(0, 12)}..${s.repo.head().slice(0, 12)} (force push: merge-base of the old and new tips)`,
    )
    expect(s.remoteSha('feature')).toBe(s.repo.head())
  })

  it('checks nothing for a branch deletion or a tag', async () => {
    const s = await setup({ install: [] })
    s.repo.git('switch', '-q', '-c', 'gone')
    s.repo.commit('debugger, never checked', { 'src/bad.js': 'debugger\n' })
    expect(s.run(['push', '-q', 'origin', 'gone'], { env: { PROOFGATE_SKIP: '1' } }).status).toBe(0)
    const deleted = s.run(['push', 'origin', '--delete', 'gone'])
    expect(deleted.status, deleted.output).toBe(0)
    expect(deleted.output).toContain('proofgate - refs/heads/gone: deleted on the remote: nothing to check')
    expect(s.remoteSha('refs/heads/gone')).toBeNull()

    s.repo.git('tag', 'v1.0.0')
    const tagged = s.run(['push', 'origin', 'v1.0.0'])
    expect(tagged.status, tagged.output).toBe(0)
    expect(tagged.output).toContain('proofgate - refs/tags/v1.0.0: a tag: skipped (hooks.pre-push.tags: true checks tags)')
    expect(tagged.output).toContain('proofgate - nothing to check in this push')
    expect(s.remoteSha('refs/tags/v1.0.0')).not.toBeNull()
  })

  it('gives two refs in one push one verdict: one blocked ref stops both', async () => {
    const s = await setup({ install: [] })
    s.repo.git('switch', '-q', '-c', 'clean')
    s.repo.commit('clean', { 'src/sub.js': 'export const sub = (a, b) => a - b\n' })
    s.repo.git('switch', '-q', '-c', 'dirty', 'main')
    s.repo.commit('planted debugger', { 'src/bad.js': 'export function bad() {\n  debugger\n}\n' })
    const pushed = s.run(['push', 'origin', 'clean', 'dirty'])
    expect(pushed.status).not.toBe(0)
    expectPrefixed(pushed.output)
    expect(pushed.output).toContain('checking refs/heads/clean:')
    expect(pushed.output).toContain('checking refs/heads/dirty:')
    expect(pushed.output).toMatch(/proofgate - +src\/bad\.js:2:3 +high +no-debugger/)
    expect(pushed.output).toContain('proofgate - one verdict for the push: blocked (1 of 2 refs did not pass)')
    expect(s.remoteSha('refs/heads/clean')).toBeNull()
    expect(s.remoteSha('refs/heads/dirty')).toBeNull()
  })

  it('blocks a planted tautological test and accepts the clean push after the fix', async () => {
    const s = await setup({ install: [] })
    s.repo.commit('a test that cannot fail', {
      'src/add.test.js':
        "import { expect, it } from 'vitest'\nimport { add } from './add.js'\n\nit('adds', () => {\n  add(1, 2)\n  expect(true).toBe(true)\n})\n",
    })
    const blocked = s.run(['push', 'origin', 'main'])
    expect(blocked.status).toBe(1)
    expect(blocked.output).toMatch(/proofgate - +src\/add\.test\.js:6:\d+ +high +tautological-assertion/)
    expect(blocked.output).toContain('proofgate - push blocked; fix the findings above, or push with PROOFGATE_SKIP=1 (recorded in the journal)')
    expectFixAccepted(s, {
      'src/add.test.js': "import { expect, it } from 'vitest'\nimport { add } from './add.js'\n\nit('adds', () => {\n  expect(add(1, 2)).toBe(3)\n})\n",
    })
  })

  it('refuses an undeclared behaviour change (the message and its expected value changed together) until the commit declares it', async () => {
    const test = (word: string) =>
      `import { expect, it } from 'vitest'\nimport { check } from './check.js'\n\nit('rejects', () => {\n  expect(() => check(3)).toThrow('Allowed ${word}')\n})\n`
    const check = (word: string) => `export function check(n) {\n  if (n > 2) throw new Error('Allowed ${word}')\n  return n\n}\n`
    const s = await setup({ files: { 'src/check.js': check('choices'), 'src/check.test.js': test('choices') }, install: [] })
    s.repo.commit('reword the error', { 'src/check.js': check('values'), 'src/check.test.js': test('values') })
    const refused = s.run(['push', 'origin', 'main'])
    expect(refused.status, refused.output).toBe(1)
    expect(refused.output).toMatch(/proofgate - +src\/check\.test\.js:5:\d+ +high +expected-value-changed/)
    expect(refused.output).toContain(
      'proofgate - UNDECLARED BEHAVIOUR CHANGE: 1 finding in refs/heads/main refuse the push until the change is declared (a `Behavior-Change: <why>` trailer, a `feat!:`/`fix!:` subject, a changeset or changelog entry) or the test is fixed',
    )
    expect(s.remoteSha('main')).not.toBe(s.repo.head())
    s.repo.git('commit', '-q', '--amend', '-m', 'reword the error', '-m', 'Behavior-Change: "values" reads better than "choices"')
    const declared = s.run(['push', 'origin', 'main'])
    expect(declared.status, declared.output).toBe(0)
    expect(declared.output).toMatch(/proofgate - +src\/check\.test\.js:5:\d+ +medium +expected-value-changed/)
    expect(s.remoteSha('main')).toBe(s.repo.head())
  })

  it('runs the tests gate on the pushed commit and accepts a clean push', async () => {
    const s = await setup({
      install: [],
      files: {
        '.proofgate.yml': 'gates:\n  tests: { mode: blocking, runner: vitest }\n',
        'src/add.test.js': "import { expect, it } from 'vitest'\nimport { add } from './add.js'\n\nit('adds', () => {\n  expect(add(1, 2)).toBe(3)\n})\n",
      },
    })
    s.repo.commit('sub', {
      'src/sub.js': 'export const sub = (a, b) => a - b\n',
      'src/sub.test.js': "import { expect, it } from 'vitest'\nimport { sub } from './sub.js'\n\nit('subtracts', () => {\n  expect(sub(3, 2)).toBe(1)\n})\n",
    })
    const pushed = s.run(['push', 'origin', 'main'])
    expect(pushed.status, pushed.output).toBe(0)
    expect(pushed.output).toMatch(/proofgate - .*tests.*2 tests?, 2 passed|proofgate - .*tests.*2 passed/)
  })

  it('PROOFGATE_SKIP=1 lets a blocked push through with a visible line and a journal event', async () => {
    const s = await setup({ install: [] })
    s.repo.commit('planted debugger', { 'src/bad.js': 'debugger\n' })
    const pushed = s.run(['push', 'origin', 'main'], { env: { PROOFGATE_SKIP: '1' } })
    expect(pushed.status, pushed.output).toBe(0)
    expect(pushed.output).toContain('proofgate - pre-push skipped (PROOFGATE_SKIP=1); recorded in .proofgate/journal/events.jsonl')
    const events = readFileSync(join(s.repo.dir, '.proofgate', 'journal', 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const skipped = events.filter((e) => e.type === 'hook-skipped')
    expect(skipped).toHaveLength(1)
    expect(skipped[0]).toMatchObject({
      hook: 'pre-push',
      args: ['origin', s.remote],
      updates: [`refs/heads/main ${s.repo.head()} refs/heads/main ${s.repo.git('rev-parse', 'HEAD~1')}`],
    })
  })

  it('PROOFGATE_DEBUG=1 traces the hook script', async () => {
    const s = await setup({ install: [] })
    s.repo.commit('docs', { 'docs/a.md': '# a\n' })
    const pushed = s.run(['push', 'origin', 'main'], { env: { PROOFGATE_DEBUG: '1' } })
    expect(pushed.status, pushed.output).toBe(0)
    expect(pushed.output).toMatch(/^\+ root=/m)
  })

  it('exits 127 and shows the PATH it saw when node is not on PATH', async () => {
    const s = await setup({ install: [] })
    s.repo.commit('docs', { 'docs/a.md': '# a\n' })
    const bin = makeTempDir({}, 'proofgate-path-')
    for (const tool of ['git', 'cat']) symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), join(bin, tool))
    const git = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim()
    const r = spawnSync(git, ['push', 'origin', 'main'], { cwd: s.repo.dir, env: { ...GIT_ENV, HOME: s.repo.dir, PATH: bin }, encoding: 'utf8' })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('proofgate - node was not found on PATH, so the pre-push check cannot run.')
    expect(r.stderr).toMatch(new RegExp(`proofgate - PATH=.*${bin}`))
    expect(s.remoteSha('main')).not.toBe(s.repo.head())
  })

  it('exits 127 with the remedy when proofgate is not installed, instead of npx\'s "blocked"-looking 1', async () => {
    const s = await setup({ install: [] })
    s.repo.commit('docs', { 'docs/a.md': '# a\n' })
    // As after a fresh clone without npm install: no node_modules/.bin/proofgate, no package for npx.
    rmSync(join(s.repo.dir, 'node_modules', '.bin', 'proofgate'))
    rmSync(join(s.repo.dir, 'node_modules', 'proofgate'))
    const env = { npm_config_cache: makeTempDir({}, 'proofgate-npm-cache-') }
    const refused = s.run(['push', 'origin', 'main'], { env })
    expect(refused.status).not.toBe(0)
    expect(refused.output).toContain(
      `proofgate - proofgate is not installed in ${s.repo.dir} (no node_modules/.bin/proofgate, and npx finds none), so the pre-push check cannot run.`,
    )
    expect(refused.output).toContain(
      'proofgate - Run npm install (proofgate is a devDependency: npm install -D github:proofgate/proofgate#v0), or push with PROOFGATE_SKIP=1.',
    )
    expect(s.remoteSha('main')).not.toBe(s.repo.head())
    // The hook's own exit code, which git does not pass through.
    const hook = spawnSync(join(s.repo.dir, '.git', 'hooks', 'pre-push'), ['origin', s.remote], {
      cwd: s.repo.dir,
      input: '',
      env: { ...process.env, ...GIT_ENV, ...env },
      encoding: 'utf8',
    })
    expect(hook.status).toBe(127)
    const skipped = s.run(['push', 'origin', 'main'], { env: { ...env, PROOFGATE_SKIP: '1' } })
    expect(skipped.status, skipped.output).toBe(0)
    expect(skipped.output).toContain('proofgate - pre-push skipped (PROOFGATE_SKIP=1); not recorded in the journal: proofgate is not installed')
  })

  it('chains an existing user hook: it runs first with the same stdin, and its failure stops the push', async () => {
    const s = await setup()
    const hooks = join(s.repo.dir, '.git', 'hooks')
    writeFiles(hooks, {
      'pre-push': '#!/bin/sh\ncat > "$(git rev-parse --show-toplevel)/.git/user-hook-saw"\n[ ! -f "$(git rev-parse --show-toplevel)/.git/user-hook-fails" ]\n',
    })
    chmodSync(join(hooks, 'pre-push'), 0o755)
    // The smoke test of `install` across the process boundary (the bundle finds its shipped hooks/).
    expect(spawnCli(['install'], s.repo.dir).exitCode).toBe(0)
    s.repo.commit('docs', { 'docs/a.md': '# a\n' })
    const pushed = s.run(['push', 'origin', 'main'])
    expect(pushed.status, pushed.output).toBe(0)
    expect(readFileSync(join(s.repo.dir, '.git', 'user-hook-saw'), 'utf8')).toBe(
      `refs/heads/main ${s.repo.head()} refs/heads/main ${s.repo.git('rev-parse', 'HEAD~1')}\n`,
    )
    expect(pushed.output).toContain('proofgate - checking refs/heads/main:')

    writeFiles(s.repo.dir, { '.git/user-hook-fails': '' })
    s.repo.commit('more docs', { 'docs/b.md': '# b\n' })
    const stopped = s.run(['push', 'origin', 'main'])
    expect(stopped.status).not.toBe(0)
    expect(stopped.output).not.toContain('proofgate - checking')
    expect(s.remoteSha('main')).not.toBe(s.repo.head())
  })

  it('install --check says whether the hook is installed and would run (exit 1 when not)', async () => {
    const s = await setup()
    const before = await runCli(['install', '--check'], s.repo.dir)
    expect(before.exitCode).toBe(1)
    expect(before.stdout).toMatch(/^proofgate - pre-push: not installed \(/m)
    expect((await runCli(['install'], s.repo.dir)).exitCode).toBe(0)
    const after = await runCli(['install', '--check'], s.repo.dir)
    expect(after.exitCode, after.stdout).toBe(0)
    expect(after.stdout).toContain(`proofgate - pre-push: installed and working (${join(s.repo.dir, '.git', 'hooks', 'pre-push')})`)
    chmodSync(join(s.repo.dir, '.git', 'hooks', 'pre-push'), 0o644)
    const broken = await runCli(['install', '--check'], s.repo.dir)
    expect(broken.exitCode).toBe(1)
    expect(broken.stdout).toContain('proofgate - pre-push: installed but not working')
    expect((await runCli(['install', '--check', 'pre-push'], s.repo.dir)).exitCode).toBe(64)
  })

  it('works from a subdirectory and from a git worktree', async () => {
    const s = await setup({ install: [] })
    s.repo.commit('docs', { 'src/more.js': 'export const more = 1\n' })
    const fromSub = s.run(['push', 'origin', 'main'], { cwd: join(s.repo.dir, 'src') })
    expect(fromSub.status, fromSub.output).toBe(0)
    expect(fromSub.output).toContain('proofgate - checking refs/heads/main:')

    const wt = join(makeTempDir({}, 'proofgate-wt-'), 'wt')
    s.repo.git('worktree', 'add', '-q', '-b', 'wt-branch', wt)
    linkNodeModules(wt)
    writeFiles(wt, { 'src/bad.js': 'debugger\n' })
    s.run(['add', '-A'], { cwd: wt })
    s.run(['commit', '-q', '-m', 'planted debugger in the worktree'], { cwd: wt })
    const blocked = s.run(['push', 'origin', 'wt-branch'], { cwd: wt })
    expect(blocked.status).toBe(1)
    expect(blocked.output).toMatch(/proofgate - +src\/bad\.js:1:1 +high +no-debugger/)
    expect(s.remoteSha('refs/heads/wt-branch')).toBeNull()
  })

  it('with the real husky package: one line in .husky/pre-push, blocked then accepted', async () => {
    const s = await setup({ files: { '.husky/pre-push': 'echo user line ran\n' } })
    const husky = spawnSync(process.execPath, [join(s.repo.dir, 'node_modules', 'husky', 'bin.js')], {
      cwd: s.repo.dir,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'utf8',
    })
    expect(husky.status, husky.stderr).toBe(0)
    expect(s.repo.git('config', 'core.hooksPath')).toBe('.husky/_')
    expect((await runCli(['install'], s.repo.dir)).exitCode).toBe(0)
    expect(readFileSync(join(s.repo.dir, '.husky', 'pre-push'), 'utf8')).toContain('proofgate hook pre-push "$@"')
    s.repo.commit('planted debugger', { 'src/bad.js': 'debugger\n' })
    const blocked = s.run(['push', 'origin', 'main'])
    expect(blocked.status).toBe(1)
    expect(blocked.output).toContain('user line ran')
    expect(blocked.output).toMatch(/proofgate - +src\/bad\.js:1:1 +high +no-debugger/)
    expect(blocked.output).toContain('husky - pre-push script failed (code 1)')
    expectFixAccepted(s, { 'src/bad.js': 'export const good = 1\n' })
  })

  it('with a lefthook.yml and the real lefthook binary: blocked then accepted', async () => {
    const s = await setup({ files: { 'lefthook.yml': '# team hooks\npre-commit:\n  commands:\n    hello:\n      run: echo hello\n' } })
    expect((await runCli(['install'], s.repo.dir)).exitCode).toBe(0)
    const lefthook = spawnSync(join(s.repo.dir, 'node_modules', '.bin', 'lefthook'), ['install'], {
      cwd: s.repo.dir,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'utf8',
    })
    expect(lefthook.status, lefthook.stderr + lefthook.stdout).toBe(0)
    expect(existsSync(join(s.repo.dir, '.git', 'hooks', 'pre-push'))).toBe(true)
    s.repo.commit('planted debugger', { 'src/bad.js': 'debugger\n' })
    const blocked = s.run(['push', 'origin', 'main'])
    expect(blocked.status).not.toBe(0)
    expect(blocked.output).toMatch(/proofgate - +src\/bad\.js:1:1 +high +no-debugger/)
    expect(s.remoteSha('main')).not.toBe(s.repo.head())
    expectFixAccepted(s, { 'src/bad.js': 'export const good = 1\n' })
  })
})

describe('pre-commit hook', () => {
  it('checks the staged content, not the working tree, and leaves unstaged work untouched', async () => {
    const s = await setup({ install: ['pre-commit'] })
    // Staged: a debugger. Unstaged: the fix on top of it.
    writeFiles(s.repo.dir, { 'src/bad.js': 'export function f() {\n  debugger\n}\n' })
    s.repo.git('add', 'src/bad.js')
    const fixed = 'export function f() {\n  return 1\n}\n'
    writeFiles(s.repo.dir, { 'src/bad.js': fixed })
    const blocked = s.run(['commit', '-m', 'staged debugger'])
    expect(blocked.status).toBe(1)
    expectPrefixed(blocked.output)
    expect(blocked.output).toMatch(/proofgate - +src\/bad\.js:2:3 +high +no-debugger/)
    expect(blocked.output).toMatch(/→ head [0-9a-f]{12} \(index\)/)
    expect(readFileSync(join(s.repo.dir, 'src/bad.js'), 'utf8')).toBe(fixed)
    expect(s.repo.git('diff', '--cached', '--name-only')).toBe('src/bad.js')

    // Staged: clean. Unstaged: a debugger, which this commit does not contain.
    s.repo.git('add', 'src/bad.js')
    writeFiles(s.repo.dir, { 'src/bad.js': 'debugger\n' })
    const committed = s.run(['commit', '-m', 'clean staged content'])
    expect(committed.status, committed.output).toBe(0)
    expect(s.repo.git('show', 'HEAD:src/bad.js') + '\n').toBe(fixed)
    expect(readFileSync(join(s.repo.dir, 'src/bad.js'), 'utf8')).toBe('debugger\n')

    // `git commit -a` hands the hook its own index (GIT_INDEX_FILE), which holds the debugger.
    const all = s.run(['commit', '-a', '-m', 'everything'])
    expect(all.status).toBe(1)
    expect(all.output).toMatch(/proofgate - +src\/bad\.js:1:1 +high +no-debugger/)
  })
})
