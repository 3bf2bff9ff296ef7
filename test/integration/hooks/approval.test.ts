// The pre-push hook and findings that need a reviewer's approval: a real `git push` to a bare
// remote runs the installed hook. By default the push goes through with loud "needs approval"
// lines (the approval happens on the pull request); `hooks.pre-push.block-on-approval: true` refuses it.
import { spawnSync } from 'node:child_process'
import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'
import { SELF_WAIVERS } from '../../helpers/waivers.js'

afterAll(removeTempDirs)
const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

/** Only gate-integrity runs, so the push is about the waivers alone. */
const CONFIG = lines(
  'gates:',
  ...['static-analysis', 'tests', 'evidence', 'mock-integrity', 'test-mutation', 'semantic-tests', 'doc-coverage', 'proof', 'checklist'].map(
    (g) => `  ${g}: { mode: off }`,
  ),
)

async function setup(config: string): Promise<{ repo: TempRepo; push(): { status: number | null; output: string }; remoteSha(): string }> {
  const remote = join(makeTempDir({}, 'proofgate-remote-'), 'remote.git')
  const repo = makeTempGitRepo({
    files: {
      'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
      '.gitignore': lines('node_modules', '.proofgate/*', '!.proofgate/waivers.yml'),
      '.proofgate.yml': config,
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }, null, 2) + '\n',
    },
  })
  repos.push(repo)
  mkdirSync(join(repo.dir, 'node_modules', '.bin'), { recursive: true })
  symlinkSync(PROJECT_ROOT, join(repo.dir, 'node_modules', 'proofgate'), 'dir')
  symlinkSync('../proofgate/dist/cli.js', join(repo.dir, 'node_modules', '.bin', 'proofgate'))
  spawnSync('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: { ...process.env, ...GIT_ENV } })
  repo.git('remote', 'add', 'origin', remote)
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_'))), ...GIT_ENV, NO_COLOR: '1' }
  const push = (): { status: number | null; output: string } => {
    const r = spawnSync('sh', ['-c', 'exec "$@" 2>&1', 'sh', 'git', 'push', 'origin', 'main'], { cwd: repo.dir, env, encoding: 'utf8', timeout: 120_000 })
    return { status: r.status, output: r.stdout }
  }
  expect(spawnSync('git', ['push', '-q', '-u', 'origin', 'main'], { cwd: repo.dir, env }).status).toBe(0)
  const installed = await runCli(['install'], repo.dir)
  expect(installed.exitCode, installed.stderr).toBe(0)
  const remoteSha = (): string => spawnSync('git', ['--git-dir', remote, 'rev-parse', 'main'], { encoding: 'utf8' }).stdout.trim()
  return { repo, push, remoteSha }
}

describe('pre-push and findings that need approval', () => {
  it('lets the self-waiving change through with loud needs-approval lines (block-on-approval defaults to false)', async () => {
    const s = await setup(CONFIG)
    const head = s.repo.commit('loosen and waive it', {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: false } }, null, 2) + '\n',
      '.proofgate/waivers.yml': SELF_WAIVERS,
    })
    const pushed = s.push()
    expect(pushed.status, pushed.output).toBe(0)
    expect(s.remoteSha()).toBe(head)
    expect(pushed.output.match(/^proofgate - +⚠ NEEDS APPROVAL: only a reviewer's approval of the pull request resolves this$/gm)).toHaveLength(3)
    expect(pushed.output).toContain('proofgate -       .proofgate/waivers.yml:2 would waive this once approved: strictness comes later (proof: out-of-scope)\n')
    expect(pushed.output).toContain('proofgate - WARN · 2 critical, 1 high · 3 need approval · exit 0')
    expect(pushed.output).toContain('proofgate - NEEDS APPROVAL: 3 findings in refs/heads/main only a reviewer can resolve (see above)\n')
    expect(pushed.output).toContain(
      "proofgate - not blocking this push (hooks.pre-push.block-on-approval: false); the pull request's required check blocks until a reviewer approves\n",
    )
  })

  it('refuses the same push when the base config sets hooks.pre-push.block-on-approval: true', async () => {
    const s = await setup(CONFIG + lines('hooks:', '  pre-push:', '    block-on-approval: true'))
    const before = s.remoteSha()
    s.repo.commit('loosen and waive it', {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: false } }, null, 2) + '\n',
      '.proofgate/waivers.yml': SELF_WAIVERS,
    })
    const pushed = s.push()
    expect(pushed.status, pushed.output).toBe(1)
    expect(s.remoteSha()).toBe(before)
    expect(pushed.output).toContain('proofgate - BLOCKED · 2 critical, 1 high · 3 blocking · 3 need approval · exit 1')
    expect(pushed.output).toContain('proofgate - hooks.pre-push.block-on-approval is true: the push is refused until they are resolved\n')
  })
})
