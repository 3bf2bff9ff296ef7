// proofgate install / uninstall / install --check on real repositories: .git/hooks with chaining,
// core.hooksPath, worktrees, and the real husky 9 and lefthook 2 packages run in the temp repos.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ProofgateError } from '../../../src/errors.js'
import { checkHooks, installHooks, packageHooksDir, uninstallHooks, type HookChange } from '../../../src/hooks/install.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

function repo(files?: Record<string, string>): TempRepo {
  const r = makeTempGitRepo(files === undefined ? {} : { files })
  repos.push(r)
  return r
}

const SHIPPED = {
  'pre-push': readFileSync(join(PROJECT_ROOT, 'hooks', 'pre-push'), 'utf8'),
  'pre-commit': readFileSync(join(PROJECT_ROOT, 'hooks', 'pre-commit'), 'utf8'),
}
const MISSING_BIN_GIT =
  'node_modules/.bin/proofgate is missing, so the hooks will run npx --no-install proofgate: add proofgate to devDependencies (npm install -D github:proofgate/proofgate#v0)'
const HUSKY_MARK = '# proofgate (added by proofgate install; proofgate uninstall removes these two lines)'
const LEFTHOOK_MARK = '# proofgate (added by proofgate install; proofgate uninstall removes it)'
const env = (): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV }
  delete e.HUSKY
  delete e.LEFTHOOK
  return e
}

/**
 * The PATH install --check sees: node's directory only, so a proofgate bin on the ambient PATH
 * (npx adds one when proofgate runs its own tests) cannot change what the check finds.
 */
const CHECK_ENV: NodeJS.ProcessEnv = { PATH: dirname(process.execPath) }

/** Every file under `dir` (relative path → bytes and permission bits); empty when `dir` is absent. */
function snapshot(dir: string): Record<string, { text: string; mode: number }> {
  const out: Record<string, { text: string; mode: number }> = {}
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = join(dir, name)
    if (statSync(file).isFile()) out[name] = { text: readFileSync(file, 'latin1'), mode: statSync(file).mode & 0o777 }
  }
  return out
}

const modeOf = (file: string): number => statSync(file).mode & 0o777

/** A stand-in proofgate binary that records its arguments and stdin in `<root>/proofgate.log`. */
function fakeBinary(r: TempRepo): void {
  const bin = join(r.dir, 'node_modules', '.bin', 'proofgate')
  mkdirSync(join(r.dir, 'node_modules', '.bin'), { recursive: true })
  writeFileSync(
    bin,
    '#!/bin/sh\nroot=$(git rev-parse --show-toplevel)\necho "proofgate $*" >> "$root/proofgate.log"\n[ "$2" = pre-push ] && cat >> "$root/proofgate.log"\nexit 0\n',
    { mode: 0o755 },
  )
  r.write({ '.gitignore': 'node_modules\nproofgate.log\nuser.log\n' })
}

/** A bare remote named origin, so `git push` runs the pre-push hook. */
function addRemote(r: TempRepo): string {
  const remote = join(makeTempDir({}, 'proofgate-remote-'), 'remote.git')
  execFileSync('git', ['init', '-q', '--bare', remote])
  r.git('remote', 'add', 'origin', remote)
  return remote
}

function byAction(changes: HookChange[]): Array<[string, string]> {
  return changes.map((c) => [c.hook, c.action])
}

describe('packageHooksDir', () => {
  it('finds the shipped hooks/ from the source tree', () => {
    expect(packageHooksDir()).toBe(join(PROJECT_ROOT, 'hooks'))
  })
})

describe('git hooks directory', () => {
  it('installs byte-for-byte copies of the shipped hooks, 0o755, idempotently; uninstall removes them', async () => {
    const r = repo()
    const hooksDir = join(r.dir, '.git', 'hooks')
    const before = snapshot(hooksDir)
    const first = await installHooks(r.dir, ['pre-commit', 'pre-push'])
    expect(first).toEqual({
      manager: 'git',
      target: hooksDir,
      changes: [
        { hook: 'pre-push', file: join(hooksDir, 'pre-push'), action: 'created' },
        { hook: 'pre-commit', file: join(hooksDir, 'pre-commit'), action: 'created' },
      ],
      notes: [MISSING_BIN_GIT],
    })
    for (const hook of ['pre-push', 'pre-commit'] as const) {
      expect(readFileSync(join(hooksDir, hook), 'utf8')).toBe(SHIPPED[hook])
      expect(modeOf(join(hooksDir, hook))).toBe(0o755)
    }
    const installed = snapshot(hooksDir)

    const second = await installHooks(r.dir, ['pre-push', 'pre-commit'])
    expect(byAction(second.changes)).toEqual([
      ['pre-push', 'unchanged'],
      ['pre-commit', 'unchanged'],
    ])
    expect(snapshot(hooksDir)).toEqual(installed)

    const removed = await uninstallHooks(r.dir)
    expect(byAction(removed.changes)).toEqual([
      ['pre-push', 'removed'],
      ['pre-commit', 'removed'],
    ])
    expect(snapshot(hooksDir)).toEqual(before)
    expect(byAction((await uninstallHooks(r.dir)).changes)).toEqual([
      ['pre-push', 'absent'],
      ['pre-commit', 'absent'],
    ])
  })

  it('chains an existing hook: it runs first with the same arguments, and uninstall restores it with its mode', async () => {
    const r = repo()
    fakeBinary(r)
    r.commit('ignore')
    const remote = addRemote(r)
    const hook = join(r.dir, '.git', 'hooks', 'pre-push')
    const userHook = '#!/bin/sh\necho "user hook $1 $2" >> "$(git rev-parse --show-toplevel)/user.log"\n'
    writeFileSync(hook, userHook, { mode: 0o750 })
    chmodSync(hook, 0o750)

    const result = await installHooks(r.dir, ['pre-push'])
    expect(result.changes).toEqual([
      { hook: 'pre-push', file: hook, action: 'created', detail: 'the existing hook moved to pre-push.pre-proofgate and runs first' },
    ])
    expect(result.notes).toEqual([])
    expect(readFileSync(`${hook}.pre-proofgate`, 'utf8')).toBe(userHook)
    expect(modeOf(`${hook}.pre-proofgate`)).toBe(0o750)
    expect(readFileSync(hook, 'utf8')).toBe(SHIPPED['pre-push'])

    execFileSync('git', ['push', '-q', 'origin', 'main'], { cwd: r.dir, env: env(), stdio: 'pipe' })
    const head = r.head()
    expect(readFileSync(join(r.dir, 'user.log'), 'utf8')).toBe(`user hook origin ${remote}\n`)
    expect(readFileSync(join(r.dir, 'proofgate.log'), 'utf8')).toBe(
      `proofgate hook pre-push origin ${remote}\nrefs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`,
    )

    const removed = await uninstallHooks(r.dir)
    expect(removed.changes).toEqual([
      { hook: 'pre-push', file: hook, action: 'restored', detail: 'pre-push.pre-proofgate moved back' },
      { hook: 'pre-commit', file: join(r.dir, '.git', 'hooks', 'pre-commit'), action: 'absent' },
    ])
    expect(readFileSync(hook, 'utf8')).toBe(userHook)
    expect(modeOf(hook)).toBe(0o750)
    expect(existsSync(`${hook}.pre-proofgate`)).toBe(false)
  })

  it('chains a non-executable hook and says that git did not run it', async () => {
    const r = repo()
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit')
    writeFileSync(hook, '#!/bin/sh\nexit 1\n', { mode: 0o644 })
    chmodSync(hook, 0o644)
    const result = await installHooks(r.dir, ['pre-commit'])
    expect(result.notes).toEqual([
      `${hook}.pre-proofgate (your earlier pre-commit hook) is not executable, so git did not run it and proofgate's hook does not either: chmod +x it to run it`,
      MISSING_BIN_GIT,
    ])
    await uninstallHooks(r.dir)
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\nexit 1\n')
    expect(modeOf(hook)).toBe(0o644)
  })

  it('refuses to chain when <hook>.pre-proofgate is taken, touching nothing', async () => {
    const r = repo()
    const hooksDir = join(r.dir, '.git', 'hooks')
    writeFileSync(join(hooksDir, 'pre-push'), '#!/bin/sh\necho mine\n', { mode: 0o755 })
    writeFileSync(join(hooksDir, 'pre-push.pre-proofgate'), '#!/bin/sh\necho older\n', { mode: 0o755 })
    const before = snapshot(hooksDir)
    const error = await installHooks(r.dir, ['pre-push']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProofgateError)
    expect(error).toMatchObject({
      code: 'PG_HOOK_CONFLICT',
      message: `${join(hooksDir, 'pre-push')} is not proofgate's, and ${join(hooksDir, 'pre-push.pre-proofgate')} exists too, so proofgate has nowhere to move the existing hook.`,
      hint: `merge the two into ${join(hooksDir, 'pre-push.pre-proofgate')} (it runs first, with the same arguments and stdin) and delete ${join(hooksDir, 'pre-push')}, then run proofgate install again`,
    })
    expect((error as ProofgateError).exitCode).toBe(64)
    expect(snapshot(hooksDir)).toEqual(before)
  })

  it('updates an outdated copy of its own hook', async () => {
    const r = repo()
    const hook = join(r.dir, '.git', 'hooks', 'pre-push')
    writeFileSync(hook, SHIPPED['pre-push'].replace('hook=pre-push', 'hook=pre-push # old'), { mode: 0o755 })
    const result = await installHooks(r.dir, ['pre-push'])
    expect(result.changes).toEqual([{ hook: 'pre-push', file: hook, action: 'updated', detail: "replaced by this version of proofgate's hook" }])
    expect(readFileSync(hook, 'utf8')).toBe(SHIPPED['pre-push'])
    expect(modeOf(hook)).toBe(0o755)
  })

  it('installs into core.hooksPath when it names another directory', async () => {
    const r = repo({ '.githooks/post-merge': '#!/bin/sh\n' })
    r.git('config', 'core.hooksPath', '.githooks')
    const result = await installHooks(r.dir, ['pre-push'])
    expect(result.manager).toBe('hooks-path')
    expect(result.target).toBe(join(r.dir, '.githooks'))
    expect(readFileSync(join(r.dir, '.githooks', 'pre-push'), 'utf8')).toBe(SHIPPED['pre-push'])
    expect(modeOf(join(r.dir, '.githooks', 'pre-push'))).toBe(0o755)
    expect(existsSync(join(r.dir, '.git', 'hooks', 'pre-push'))).toBe(false)
    await uninstallHooks(r.dir)
    expect(readdirSync(join(r.dir, '.githooks'))).toEqual(['post-merge'])
  })

  it('installs from a linked worktree into the directory git rev-parse --git-path hooks names', async () => {
    const r = repo()
    const worktree = join(makeTempDir({}, 'proofgate-wt-'), 'wt')
    r.git('worktree', 'add', '-q', worktree)
    const named = execFileSync('git', ['rev-parse', '--git-path', 'hooks'], { cwd: worktree, encoding: 'utf8' }).trim()
    expect(named).toBe(join(r.dir, '.git', 'hooks'))
    const result = await installHooks(worktree, ['pre-push'])
    expect(result.target).toBe(named)
    expect(readFileSync(join(named, 'pre-push'), 'utf8')).toBe(SHIPPED['pre-push'])
    expect(byAction((await uninstallHooks(worktree)).changes)).toEqual([
      ['pre-push', 'removed'],
      ['pre-commit', 'absent'],
    ])
  })

  it('installs from a subdirectory of the work tree', async () => {
    const r = repo({ 'packages/app/index.js': '\n' })
    const result = await installHooks(join(r.dir, 'packages', 'app'), ['pre-commit'])
    expect(result.target).toBe(join(r.dir, '.git', 'hooks'))
    expect(readFileSync(join(r.dir, '.git', 'hooks', 'pre-commit'), 'utf8')).toBe(SHIPPED['pre-commit'])
  })

  it('rejects an unknown hook name and a directory outside git', async () => {
    const r = repo()
    await expect(installHooks(r.dir, ['post-merge' as 'pre-push'])).rejects.toMatchObject({
      code: 'PG_USAGE',
      message: "Unknown hook 'post-merge': expected pre-push or pre-commit.",
    })
    await expect(installHooks(makeTempDir(), ['pre-push'])).rejects.toMatchObject({ code: 'PG_NOT_A_GIT_REPO' })
  })
})

describe('husky', () => {
  const husky = (r: TempRepo): void => {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'husky', 'bin.js')], { cwd: r.dir, env: env(), stdio: 'pipe' })
  }
  const block = (hook: string): string => `${HUSKY_MARK}\nproofgate hook ${hook} "$@"`

  it('creates .husky/<hook> with the two lines, and the real husky runs them; uninstall deletes it', async () => {
    const r = repo({ '.husky/pre-commit': 'echo "user line" >> user.log\n' })
    husky(r)
    expect(r.git('config', 'core.hooksPath')).toBe('.husky/_')
    fakeBinary(r)
    const before = snapshot(join(r.dir, '.husky'))

    const result = await installHooks(r.dir, ['pre-push', 'pre-commit'])
    const file = join(r.dir, '.husky', 'pre-push')
    expect(result).toEqual({
      manager: 'husky',
      target: join(r.dir, '.husky'),
      changes: [
        { hook: 'pre-push', file, action: 'created' },
        { hook: 'pre-commit', file: join(r.dir, '.husky', 'pre-commit'), action: 'added', detail: 'after the existing lines, which run first' },
      ],
      notes: [],
    })
    expect(readFileSync(file, 'utf8')).toBe(`${block('pre-push')}\n`)
    expect(modeOf(file)).toBe(0o755)
    expect(readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8')).toBe(`echo "user line" >> user.log\n${block('pre-commit')}\n`)
    const installed = snapshot(join(r.dir, '.husky'))
    expect(byAction((await installHooks(r.dir, ['pre-push', 'pre-commit'])).changes)).toEqual([
      ['pre-push', 'unchanged'],
      ['pre-commit', 'unchanged'],
    ])
    expect(snapshot(join(r.dir, '.husky'))).toEqual(installed)
    expect(await checkHooks(r.dir, CHECK_ENV)).toMatchObject({
      manager: 'husky',
      ok: true,
      hooks: [
        { hook: 'pre-push', installed: true, working: true, problems: [] },
        { hook: 'pre-commit', installed: true, working: true, problems: [] },
      ],
    })

    // git → .husky/_/pre-commit → husky's h → sh -e .husky/pre-commit: the user's line, then proofgate.
    r.commit('through husky', { 'a.txt': 'a\n' })
    expect(readFileSync(join(r.dir, 'user.log'), 'utf8')).toBe('user line\n')
    expect(readFileSync(join(r.dir, 'proofgate.log'), 'utf8')).toBe('proofgate hook pre-commit\n')

    const removed = await uninstallHooks(r.dir)
    expect(removed.changes).toEqual([
      { hook: 'pre-push', file, action: 'removed', detail: "the file held only proofgate's lines" },
      { hook: 'pre-commit', file: join(r.dir, '.husky', 'pre-commit'), action: 'removed', detail: "proofgate's two lines" },
    ])
    expect(snapshot(join(r.dir, '.husky'))).toEqual(before)
  })

  it.each([
    ['ending with a newline', '#!/bin/sh\nnpm test\n', `#!/bin/sh\nnpm test\n${HUSKY_MARK}\nproofgate hook pre-push "$@"\n`],
    ['without a final newline', 'npm test', `npm test\n${HUSKY_MARK}\nproofgate hook pre-push "$@"`],
  ])('appends to a user .husky/pre-push %s and restores it byte for byte', async (_name, original, expected) => {
    const r = repo({ '.husky/pre-push': original })
    chmodSync(join(r.dir, '.husky', 'pre-push'), 0o644)
    husky(r)
    const file = join(r.dir, '.husky', 'pre-push')
    const result = await installHooks(r.dir, ['pre-push'])
    expect(byAction(result.changes)).toEqual([['pre-push', 'added']])
    expect(readFileSync(file, 'utf8')).toBe(expected)
    expect(modeOf(file)).toBe(0o644)
    expect(byAction((await installHooks(r.dir, ['pre-push'])).changes)).toEqual([['pre-push', 'unchanged']])
    expect(readFileSync(file, 'utf8')).toBe(expected)
    await uninstallHooks(r.dir)
    expect(readFileSync(file, 'utf8')).toBe(original)
    expect(modeOf(file)).toBe(0o644)
  })

  it('detects a .husky/ directory without core.hooksPath and says to run husky', async () => {
    const r = repo({ '.husky/pre-commit': 'npm test\n' })
    const result = await installHooks(r.dir, ['pre-push'])
    expect(result.manager).toBe('husky')
    expect(result.notes).toEqual([
      "core.hooksPath is not set, so git does not run husky's hooks: run npx husky (or npm install, whose prepare script runs it) so git uses .husky/_",
      'node_modules/.bin/proofgate is missing, and husky runs that one: add proofgate to devDependencies (npm install -D github:proofgate/proofgate#v0)',
    ])
    const check = await checkHooks(r.dir, CHECK_ENV)
    expect(check.ok).toBe(false)
    expect(check.hooks[0]?.problems).toEqual([
      "core.hooksPath is not set, so git does not run husky's hooks: run npx husky (or npm install, whose prepare script runs it) so git uses .husky/_",
      `husky's ${join(r.dir, '.husky', '_', 'h')} or an executable ${join(r.dir, '.husky', '_', 'pre-push')} is missing: run npx husky to regenerate .husky/_`,
      'node_modules/.bin/proofgate is missing, and husky runs proofgate from there: npm install -D github:proofgate/proofgate#v0',
    ])
  })
})

describe('lefthook', () => {
  const lefthook = (r: TempRepo, ...args: string[]): string =>
    execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'lefthook'), args, { cwd: r.dir, env: env(), encoding: 'utf8', stdio: 'pipe' })
  const PRE_PUSH_4 = [
    `        ${LEFTHOOK_MARK}`,
    '        proofgate:',
    '            run: node_modules/.bin/proofgate hook pre-push {1} {2}',
    '            use_stdin: true',
  ].join('\n')

  const cases: Array<{ name: string; original: string; hooks: Array<'pre-push' | 'pre-commit'>; expected: string }> = [
    {
      name: 'commands with 4-space indentation, comments and blank lines; pre-commit appended',
      original: [
        '# Hooks for this repository.',
        '',
        'pre-push:',
        '    parallel: true',
        '    commands:',
        '        # lint first',
        '        lint:',
        '            run: npm run lint   # fast',
        '',
        '        types:',
        '            run: npx tsc --noEmit',
        '# end of pre-push',
        '',
        'post-checkout:',
        '    commands:',
        '        deps:',
        '            run: npm ci',
        '',
      ].join('\n'),
      hooks: ['pre-push', 'pre-commit'],
      expected: [
        '# Hooks for this repository.',
        '',
        'pre-push:',
        '    parallel: true',
        '    commands:',
        '        # lint first',
        '        lint:',
        '            run: npm run lint   # fast',
        '',
        '        types:',
        '            run: npx tsc --noEmit',
        PRE_PUSH_4,
        '# end of pre-push',
        '',
        'post-checkout:',
        '    commands:',
        '        deps:',
        '            run: npm ci',
        LEFTHOOK_MARK,
        'pre-commit:',
        '    commands:',
        '        proofgate:',
        '            run: node_modules/.bin/proofgate hook pre-commit',
        '',
      ].join('\n'),
    },
    {
      name: 'no pre-push, no final newline',
      original: 'pre-commit:\n  commands:\n    fmt:\n      run: npx prettier --check .',
      hooks: ['pre-push'],
      expected: [
        'pre-commit:',
        '  commands:',
        '    fmt:',
        '      run: npx prettier --check .',
        LEFTHOOK_MARK,
        'pre-push:',
        '  commands:',
        '    proofgate:',
        '      run: node_modules/.bin/proofgate hook pre-push {1} {2}',
        '      use_stdin: true',
      ].join('\n'),
    },
    {
      name: 'jobs (lefthook 2 list form), and a pre-commit without commands',
      original: 'pre-push:\n  jobs:\n    - name: test\n      run: npm test\n    - run: npm run lint\npre-commit:\n  parallel: true\n',
      hooks: ['pre-push', 'pre-commit'],
      expected: [
        'pre-push:',
        '  jobs:',
        '    - name: test',
        '      run: npm test',
        '    - run: npm run lint',
        `    ${LEFTHOOK_MARK}`,
        '    - name: proofgate',
        '      run: node_modules/.bin/proofgate hook pre-push {1} {2}',
        '      use_stdin: true',
        'pre-commit:',
        '  parallel: true',
        `  ${LEFTHOOK_MARK}`,
        '  commands:',
        '    proofgate:',
        '      run: node_modules/.bin/proofgate hook pre-commit',
        '',
      ].join('\n'),
    },
    {
      name: 'an empty pre-push and an empty commands:',
      original: 'pre-push:   # to do\npre-commit:\n  commands:\nextends: []\n',
      hooks: ['pre-push', 'pre-commit'],
      expected: [
        'pre-push:   # to do',
        `  ${LEFTHOOK_MARK}`,
        '  commands:',
        '    proofgate:',
        '      run: node_modules/.bin/proofgate hook pre-push {1} {2}',
        '      use_stdin: true',
        'pre-commit:',
        '  commands:',
        `    ${LEFTHOOK_MARK}`,
        '    proofgate:',
        '      run: node_modules/.bin/proofgate hook pre-commit',
        'extends: []',
        '',
      ].join('\n'),
    },
  ]

  it.each(cases)('$name: inserts the entries as text, lefthook validates them, uninstall restores the bytes', async ({ original, hooks, expected }) => {
    const r = repo({ 'lefthook.yml': original })
    const file = join(r.dir, 'lefthook.yml')
    const result = await installHooks(r.dir, hooks)
    expect(result.manager).toBe('lefthook')
    expect(result.target).toBe(file)
    expect(result.changes).toEqual(hooks.map((hook) => ({ hook, file, action: 'added' })))
    expect(readFileSync(file, 'utf8')).toBe(expected)

    expect(lefthook(r, 'validate')).toContain('All good')
    const dumped = JSON.parse(lefthook(r, 'dump', '--format', 'json')) as Record<
      string,
      { commands?: Record<string, unknown>; jobs?: Array<Record<string, unknown>> }
    >
    const entry = (hook: string): unknown => dumped[hook]?.commands?.proofgate ?? dumped[hook]?.jobs?.find((job) => job.name === 'proofgate')
    const wanted = {
      'pre-push': { run: 'node_modules/.bin/proofgate hook pre-push {1} {2}', use_stdin: true },
      'pre-commit': { run: 'node_modules/.bin/proofgate hook pre-commit' },
    }
    expect(Object.fromEntries(hooks.map((hook) => [hook, entry(hook)]))).toMatchObject(Object.fromEntries(hooks.map((hook) => [hook, wanted[hook]])))

    expect(byAction((await installHooks(r.dir, hooks)).changes)).toEqual(hooks.map((hook) => [hook, 'unchanged']))
    expect(readFileSync(file, 'utf8')).toBe(expected)
    const removed = await uninstallHooks(r.dir)
    expect(byAction(removed.changes)).toEqual([
      ['pre-push', hooks.includes('pre-push') ? 'removed' : 'absent'],
      ['pre-commit', hooks.includes('pre-commit') ? 'removed' : 'absent'],
    ])
    expect(readFileSync(file, 'utf8')).toBe(original)
  })

  it('runs through the real lefthook on git push: the remote, its URL and the ref lines reach proofgate', async () => {
    const r = repo({ '.lefthook.yml': 'pre-push:\n  commands:\n    hello:\n      run: echo hello\n' })
    fakeBinary(r)
    const remote = addRemote(r)
    const before = await installHooks(r.dir, ['pre-push'])
    expect(before.notes).toEqual([
      `${join(r.dir, '.git', 'hooks', 'pre-push')} does not exist, so git does not run lefthook on pre-push: run npx lefthook install`,
    ])
    expect((await checkHooks(r.dir, CHECK_ENV)).hooks[0]?.problems).toEqual(before.notes)
    lefthook(r, 'install')
    expect(await checkHooks(r.dir, CHECK_ENV)).toMatchObject({
      manager: 'lefthook',
      ok: true,
      hooks: [{ installed: true, working: true }, { installed: false }],
    })
    expect((await installHooks(r.dir, ['pre-push'])).notes).toEqual([])

    r.commit('push me')
    execFileSync('git', ['push', '-q', 'origin', 'main'], {
      cwd: r.dir,
      env: { ...env(), LEFTHOOK_BIN: join(PROJECT_ROOT, 'node_modules', '.bin', 'lefthook') },
      stdio: 'pipe',
    })
    expect(readFileSync(join(r.dir, 'proofgate.log'), 'utf8')).toBe(
      `proofgate hook pre-push origin ${remote}\nrefs/heads/main ${r.head()} refs/heads/main ${'0'.repeat(40)}\n`,
    )
  })

  it('does not edit a TOML or JSON lefthook config', async () => {
    const r = repo({ 'lefthook.toml': '[pre-push.commands.lint]\nrun = "npm run lint"\n' })
    await expect(installHooks(r.dir, ['pre-push'])).rejects.toMatchObject({
      code: 'PG_HOOK_CONFLICT',
      message: `lefthook is configured in ${join(r.dir, 'lefthook.toml')}, and proofgate edits only YAML lefthook configs.`,
    })
    expect(readFileSync(join(r.dir, 'lefthook.toml'), 'utf8')).toBe('[pre-push.commands.lint]\nrun = "npm run lint"\n')
  })

  it('leaves a proofgate command the user wrote alone', async () => {
    const original = 'pre-push:\n  commands:\n    proofgate:\n      run: npx proofgate hook pre-push {1} {2}\n      use_stdin: true\n'
    const r = repo({ 'lefthook.yml': original })
    const result = await installHooks(r.dir, ['pre-push'])
    expect(result.changes).toEqual([
      {
        hook: 'pre-push',
        file: join(r.dir, 'lefthook.yml'),
        action: 'unchanged',
        detail: 'a proofgate command is already in pre-push.commands (not added by proofgate install; left as it is)',
      },
    ])
    await uninstallHooks(r.dir)
    expect(readFileSync(join(r.dir, 'lefthook.yml'), 'utf8')).toBe(original)
  })

  const FIX = 'fix {file} (npx lefthook validate checks it), then run proofgate install again'
  const BLOCK_STYLE =
    'write {path} in block style (one key per line) and run proofgate install again, or add proofgate\'s command there yourself (see proofgate\'s docs/hooks.md, "Where install puts them")'
  it.each([
    [
      'a syntax error',
      'pre-push:\n  commands:\n    lint:\n      run: [unclosed\n',
      5,
      1,
      'not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ])',
      FIX,
    ],
    ['a duplicate key', 'pre-push:\n  commands: {}\n  commands: {}\n', 3, 3, 'not valid YAML (Map keys must be unique)', FIX],
    [
      'a scalar pre-push',
      '# hooks\npre-push: npm test\n',
      2,
      11,
      'expected pre-push to be a block mapping (with commands: or jobs:)',
      BLOCK_STYLE.replace('{path}', 'pre-push'),
    ],
    [
      'flow-style commands',
      'pre-push:\n  commands: { lint: { run: x } }\n',
      2,
      13,
      'expected pre-push.commands to be a block mapping of command names',
      BLOCK_STYLE.replace('{path}', 'pre-push.commands'),
    ],
    ['a list at the top', '- pre-push\n', 1, 1, 'expected a block mapping of hook names at the top level', FIX],
  ])('rejects %s with file, line and column', async (_name, text, line, column, expected, hint) => {
    const r = repo({ 'lefthook.yml': text })
    const file = join(r.dir, 'lefthook.yml')
    const error = (await installHooks(r.dir, ['pre-push']).catch((e: unknown) => e)) as ProofgateError
    expect(error).toBeInstanceOf(ProofgateError)
    expect(error.code).toBe('PG_HOOK_CONFIG_INVALID')
    expect(error.exitCode).toBe(78)
    expect(error.message).toBe(`Cannot add proofgate to ${file}:${line}:${column}: ${expected}.`)
    expect(error.hint).toBe(hint.replace('{file}', file))
    expect(error.problems).toEqual([{ file, line, column, path: expect.any(String) as string, message: expected }])
    expect(readFileSync(file, 'utf8')).toBe(text)
  })
})

describe('checkHooks', () => {
  it('is not ok when nothing is installed', async () => {
    const r = repo()
    expect(await checkHooks(r.dir, CHECK_ENV)).toEqual({
      manager: 'git',
      ok: false,
      hooks: [
        {
          hook: 'pre-push',
          installed: false,
          working: false,
          file: join(r.dir, '.git', 'hooks', 'pre-push'),
          problems: ["proofgate's pre-push hook is not installed: run proofgate install pre-push"],
        },
        {
          hook: 'pre-commit',
          installed: false,
          working: false,
          file: join(r.dir, '.git', 'hooks', 'pre-commit'),
          problems: ["proofgate's pre-commit hook is not installed: run proofgate install pre-commit"],
        },
      ],
      notes: [],
    })
  })

  it('is ok once installed, and not when the hook loses its x bit or node is not on PATH', async () => {
    const r = repo()
    fakeBinary(r)
    await installHooks(r.dir, ['pre-push'])
    const file = join(r.dir, '.git', 'hooks', 'pre-push')
    const ok = await checkHooks(r.dir, CHECK_ENV)
    expect(ok.ok).toBe(true)
    expect(ok.hooks.map((h) => [h.hook, h.installed, h.working, h.problems.length])).toEqual([
      ['pre-push', true, true, 0],
      ['pre-commit', false, false, 1],
    ])
    expect(ok.notes).toEqual([])

    const noNode = await checkHooks(r.dir, { PATH: '/nonexistent' })
    expect(noNode.ok).toBe(false)
    expect(noNode.hooks[0]?.problems).toEqual([
      'node is not on PATH (/nonexistent), so the pre-push hook cannot run proofgate: set PATH up in ~/.config/proofgate/init.sh (e.g. . "$HOME/.nvm/nvm.sh")',
    ])

    chmodSync(file, 0o644)
    const notExecutable = await checkHooks(r.dir, CHECK_ENV)
    expect(notExecutable.ok).toBe(false)
    expect(notExecutable.hooks[0]).toEqual({
      hook: 'pre-push',
      installed: true,
      working: false,
      file,
      problems: [`${file} is not executable, so git does not run it: chmod +x ${file} (or run proofgate install again)`],
    })
    expect((await installHooks(r.dir, ['pre-push'])).changes).toEqual([{ hook: 'pre-push', file, action: 'updated', detail: 'made executable' }])
    expect((await checkHooks(r.dir, CHECK_ENV)).ok).toBe(true)
  })

  it('says npx will be used when node_modules/.bin/proofgate is missing', async () => {
    const r = repo()
    await installHooks(r.dir, ['pre-commit'])
    const check = await checkHooks(r.dir, CHECK_ENV)
    expect(check.ok).toBe(true)
    expect(check.notes).toEqual([MISSING_BIN_GIT])
  })
})
