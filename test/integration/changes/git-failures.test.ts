// Git failures the repository's data causes, through the CLI (main, in-process) on real repositories: a
// shallow clone without the merge-base, unrelated histories, a corrupt object, a partial clone
// whose promisor remote is gone. Each is a named error with a remedy and exit 78, never 70.
import { execFileSync } from 'node:child_process'
import { renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { normalise, runCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

function repo(files: Record<string, string>): TempRepo {
  const r = makeTempGitRepo({ files })
  repos.push(r)
  return r
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

describe('git failures caused by the repository data', () => {
  it('a shallow clone where the base branch shares no commit with HEAD: PG_SHALLOW_CLONE, exit 78, fetch --unshallow', async () => {
    const up = repo({ 'a.js': 'export const a = 1\n' })
    git(up.dir, 'checkout', '-q', '-b', 'feature')
    up.commit('feature', { 'b.js': 'export const b = 1\n' })
    git(up.dir, 'checkout', '-q', 'main')
    up.commit('main moves on', { 'a.js': 'export const a = 2\n' })
    const clone = makeTempDir({}, 'proofgate-shallow-mb-')
    git(clone, 'clone', '-q', '--depth', '1', '--no-single-branch', `file://${up.dir}`, '.')
    git(clone, 'checkout', '-q', '--detach', 'origin/feature')
    const run = await runCli(['run', '--gates', 'static-analysis'], clone)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      'proofgate: PG_SHALLOW_CLONE: HEAD and origin/HEAD share no commit in this shallow clone, so there is no merge-base to compare against.\n' +
        '  hint: fetch the history: git fetch --unshallow (or git fetch --deepen=100); in GitHub Actions set fetch-depth: 0 on actions/checkout; or pass --base REV\n',
    )
    expect(run.exitCode).toBe(78)
  })

  it('unrelated histories (not shallow): PG_NO_MERGE_BASE, exit 78, pass --base', async () => {
    const r = repo({ 'a.js': 'export const a = 1\n' })
    git(r.dir, 'checkout', '-q', '--orphan', 'other')
    r.commit('unrelated', { 'b.js': 'export const b = 1\n' })
    const run = await runCli(['run', '--gates', 'static-analysis'], r.dir)
    expect(run.stderr).toBe(
      'proofgate: PG_NO_MERGE_BASE: HEAD and main have no common ancestor (unrelated histories).\n  hint: pass --base REV explicitly (e.g. --base HEAD~1)\n',
    )
    expect(run.exitCode).toBe(78)
  })

  it('a corrupt repository (a blob of the base deleted): PG_GIT_FAILED, exit 78, git fsck', async () => {
    const r = repo({ 'a.js': 'export const a = 1\n' })
    const blob = git(r.dir, 'rev-parse', 'HEAD:a.js')
    r.commit('two', { 'a.js': 'export const a = 2\n' })
    rmSync(join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)))
    const run = await runCli(['run', '--base', 'HEAD~1', '--head', 'HEAD', '--gates', 'static-analysis'], r.dir)
    expect(normalise(run.stderr, r.dir)).toBe(
      "proofgate: PG_GIT_FAILED: git diff-tree failed: the repository's data is not usable (fatal: unable to read <sha>).\n" +
        '  hint: run `git fsck --full` to see what is damaged; fetch the missing objects (`git fetch --refetch origin`) or clone the repository again\n',
    )
    expect(run.exitCode).toBe(78)
  })

  it('a partial clone whose promisor remote is gone: PG_GIT_FAILED, exit 78, refetch', async () => {
    const up = repo({ 'a.js': 'export const a = 1\n' })
    git(up.dir, 'config', 'uploadpack.allowFilter', 'true')
    up.commit('two', { 'a.js': 'export const a = 2\n' })
    const clone = makeTempDir({}, 'proofgate-partial-')
    git(clone, 'clone', '-q', '--filter=blob:none', `file://${up.dir}`, '.')
    renameSync(up.dir, `${up.dir}-gone`)
    try {
      const run = await runCli(['run', '--base', 'HEAD~1', '--head', 'HEAD', '--gates', 'static-analysis'], clone)
      expect(run.stderr.split('\n')[0]).toMatch(
        /^proofgate: PG_GIT_FAILED: git diff-tree needs an object this partial clone does not have, and its promisor remote did not supply it: fatal: .+/,
      )
      expect(run.stderr.split('\n')[1]).toBe(
        '  hint: make the remote reachable and run `git fetch --refetch origin` (or clone without --filter); in GitHub Actions use actions/checkout without `filter:`',
      )
      expect(run.exitCode).toBe(78)
    } finally {
      renameSync(`${up.dir}-gone`, up.dir)
    }
  })
})
