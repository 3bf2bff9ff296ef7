// planPush on real repositories: how each pushed ref's base is chosen when the easy answers
// (the remote tip, the remote's default branch) are missing.
import { afterEach, describe, expect, it } from 'vitest'
import { openRepository } from '../../../src/changes/git.js'
import { planPush, type PushUpdate } from '../../../src/changes/push.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const ZERO = '0'.repeat(40)
const repos: TempRepo[] = []
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup()
})

function repoWithBranch(): { repo: TempRepo; root: string; fork: string; tip: string } {
  const repo = makeTempGitRepo({ files: { 'a.txt': 'a\n' } })
  repos.push(repo)
  const root = repo.head()
  const fork = repo.commit('second', { 'b.txt': 'b\n' })
  repo.git('switch', '-q', '-c', 'feature')
  repo.commit('f1', { 'c.txt': 'c\n' })
  const tip = repo.commit('f2', { 'd.txt': 'd\n' })
  repo.git('remote', 'add', 'origin', '/nonexistent/remote.git')
  return { repo, root, fork, tip }
}

const update = (tip: string, remoteSha = ZERO, ref = 'refs/heads/feature'): PushUpdate => ({ localRef: ref, localSha: tip, remoteRef: ref, remoteSha })

describe('planPush', () => {
  it('uses the upstream when the remote has no default branch ref', async () => {
    const { repo, fork, tip } = repoWithBranch()
    repo.git('update-ref', 'refs/remotes/origin/dev', fork)
    repo.git('branch', '--set-upstream-to=origin/dev', 'feature')
    const plan = await planPush(await openRepository(repo.dir), [update(tip)], { remote: 'origin' })
    expect(plan.ranges).toEqual([{ remoteRef: 'refs/heads/feature', base: fork, head: tip, why: 'new on the remote: merge-base with origin/dev' }])
  })

  it('falls back to the commits no remote-tracking branch contains', async () => {
    const { repo, fork, tip } = repoWithBranch()
    repo.git('update-ref', 'refs/remotes/origin/other', fork)
    const plan = await planPush(await openRepository(repo.dir), [update(tip)], { remote: 'origin' })
    expect(plan.ranges).toEqual([{ remoteRef: 'refs/heads/feature', base: fork, head: tip, why: 'new on the remote: the commits no origin/* branch contains' }])
  })

  it('checks only the tip commit when the remote has no branch at all, never all history', async () => {
    const { repo, tip } = repoWithBranch()
    const plan = await planPush(await openRepository(repo.dir), [update(tip)], { remote: 'https://example.invalid/repo.git' })
    expect(plan.ranges).toEqual([
      { remoteRef: 'refs/heads/feature', base: repo.git('rev-parse', `${tip}^`), head: tip, why: expect.stringContaining('the tip commit only') },
    ])
  })

  it('treats a remote tip that is not here like a new branch, and says to fetch', async () => {
    const { repo, fork, tip } = repoWithBranch()
    repo.git('update-ref', 'refs/remotes/origin/main', fork)
    const plan = await planPush(await openRepository(repo.dir), [update(tip, 'e'.repeat(40))], { remote: 'origin' })
    expect(plan.ranges).toEqual([
      {
        remoteRef: 'refs/heads/feature',
        base: fork,
        head: tip,
        why: `the remote tip ${'e'.repeat(12)} is not here (git fetch); new on the remote: merge-base with origin/main`,
      },
    ])
  })

  it('skips a root commit, a push of nothing new, and checks a range pushed to two refs once', async () => {
    const { repo, root, fork, tip } = repoWithBranch()
    const r = await openRepository(repo.dir)
    expect((await planPush(r, [update(root, ZERO, 'refs/heads/first')], { remote: 'origin' })).skipped).toEqual([
      { remoteRef: 'refs/heads/first', why: 'a root commit with nothing to compare against: proofgate run --base REV checks it' },
    ])
    expect((await planPush(r, [update(fork, tip)], { remote: 'origin' })).skipped).toEqual([{ remoteRef: 'refs/heads/feature', why: 'no new commits' }])
    const twice = await planPush(r, [update(tip, fork, 'refs/heads/a'), update(tip, fork, 'refs/heads/b')], { remote: 'origin' })
    expect(twice.ranges).toEqual([{ remoteRef: 'refs/heads/a', base: fork, head: tip, why: 'the remote tip..the pushed tip' }])
  })

  it('checks tags when asked, from the merge-base like a new branch', async () => {
    const { repo, fork, tip } = repoWithBranch()
    repo.git('update-ref', 'refs/remotes/origin/main', fork)
    repo.git('tag', '-a', '-m', 'v1', 'v1', tip)
    const tagObject = repo.git('rev-parse', 'v1')
    const r = await openRepository(repo.dir)
    const tag: PushUpdate = { localRef: 'refs/tags/v1', localSha: tagObject, remoteRef: 'refs/tags/v1', remoteSha: ZERO }
    expect((await planPush(r, [tag], { remote: 'origin' })).ranges).toEqual([])
    expect((await planPush(r, [tag], { remote: 'origin', tags: true })).ranges).toEqual([
      { remoteRef: 'refs/tags/v1', base: fork, head: tip, why: 'new on the remote: merge-base with origin/main' },
    ])
  })
})
