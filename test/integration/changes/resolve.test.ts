import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveChanges } from '../../../src/changes/git.js'
import { ProofgateError } from '../../../src/errors.js'
import { GIT_ENV, makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
const extraDirs: string[] = []
function repo(files: Record<string, string>, options: Parameters<typeof makeTempGitRepo>[0] = {}): TempRepo {
  const r = makeTempGitRepo({ files, ...options })
  repos.push(r)
  return r
}
afterAll(() => {
  for (const r of repos) r.cleanup()
  for (const d of extraDirs) rmSync(d, { recursive: true, force: true })
})

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ProofgateError) return `${error.code}: ${error.hint ?? ''}`
    throw error
  }
  return 'no error'
}

describe('resolveChanges on real repositories', () => {
  it('takes the union of committed, staged, unstaged and untracked work, with exact added lines', async () => {
    const r = repo({ 'src/a.js': 'one\ntwo\nthree\n', 'src/b.js': 'b\n', 'src/c.js': 'c\n', 'src/gone.js': 'x\n' })
    const base = r.head()
    r.commit('feature', { 'src/a.js': 'one\nTWO\nthree\nfour\n' })
    r.write({ 'src/b.js': 'b\nstaged\n' })
    r.git('add', 'src/b.js')
    r.write({ 'src/c.js': 'c\nunstaged\n', 'src/new.js': 'n1\nn2\n' })
    unlinkSync(join(r.dir, 'src/gone.js'))
    const indexBefore = r.git('diff', '--cached', '--name-status')
    const { changes } = await resolveChanges({ cwd: r.dir, base })
    expect(changes.base).toEqual({ sha: base, source: 'explicit', ref: base })
    expect(changes.includesWorkingTree).toBe(true)
    expect(changes.files.map((f) => [f.path, f.status, f.addedLines])).toEqual([
      [
        'src/a.js',
        'modified',
        [
          { start: 2, end: 2 },
          { start: 4, end: 4 },
        ],
      ],
      ['src/b.js', 'modified', [{ start: 2, end: 2 }]],
      ['src/c.js', 'modified', [{ start: 2, end: 2 }]],
      ['src/gone.js', 'deleted', []],
      ['src/new.js', 'added', [{ start: 1, end: 2 }]],
    ])
    expect(changes.files[0]!.contextLines).toEqual([{ start: 1, end: 7 }])
    // The user's index is never touched by the snapshot.
    expect(r.git('diff', '--cached', '--name-status')).toBe(indexBefore)
    expect(changes.treeHash).toMatch(/^[0-9a-f]{40}$/)
    expect(changes.treeHash).not.toBe(r.git('rev-parse', 'HEAD^{tree}'))
  })

  it('reports renames with the old path, binary files, and paths with spaces and unicode', async () => {
    const r = repo({ 'lib/old name.js': 'export const a = 1\nexport const b = 2\nexport const c = 3\n' })
    const base = r.head()
    mkdirSync(join(r.dir, 'src'))
    renameSync(join(r.dir, 'lib/old name.js'), join(r.dir, 'src/ünï cødé.js'))
    writeFileSync(join(r.dir, 'src/ünï cødé.js'), 'export const a = 1\nexport const b = 2\nexport const c = 3\nexport const d = 4\n')
    writeFileSync(join(r.dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]))
    r.commit('move')
    const { changes } = await resolveChanges({ cwd: r.dir, base })
    expect(changes.files).toEqual([
      { path: 'logo.png', status: 'added', binary: true, addedLines: [], contextLines: [] },
      {
        path: 'src/ünï cødé.js',
        status: 'renamed',
        oldPath: 'lib/old name.js',
        binary: false,
        addedLines: [{ start: 4, end: 4 }],
        contextLines: [{ start: 1, end: 7 }],
      },
    ])
  })

  it('works from a subdirectory, on a detached HEAD, and leaves .proofgate/ out', async () => {
    const r = repo({ 'pkg/deep/a.ts': 'export {}\n' })
    const base = r.head()
    r.commit('next', { 'pkg/deep/a.ts': 'export const x = 1\n' })
    r.git('checkout', '-q', '--detach', 'HEAD')
    r.write({ '.proofgate/run-state.json': '{}', '.proofgate/journal/events.jsonl': '{}\n' })
    const { changes } = await resolveChanges({ cwd: join(r.dir, 'pkg/deep'), base })
    expect(changes.root).toBe(r.dir)
    expect(changes.head.ref).toBeUndefined()
    expect(changes.files.map((f) => f.path)).toEqual(['pkg/deep/a.ts'])
  })

  it('checks a commit range only when --head is given', async () => {
    const r = repo({ 'a.js': '1\n' })
    const base = r.head()
    const head = r.commit('two', { 'a.js': '1\n2\n' })
    r.write({ 'untracked.js': 'x\n' })
    const { changes } = await resolveChanges({ cwd: r.dir, base, head: 'HEAD' })
    expect(changes.includesWorkingTree).toBe(false)
    expect(changes.head).toEqual({ sha: head, ref: 'HEAD' })
    expect(changes.treeHash).toBe(r.git('rev-parse', 'HEAD^{tree}'))
    expect(changes.files.map((f) => f.path)).toEqual(['a.js'])
  })

  it('resolves the base from run-start, then from the merge-base with main', async () => {
    const r = repo({ 'a.js': '1\n' })
    const mainSha = r.head()
    r.git('checkout', '-q', '-b', 'feature')
    const mid = r.commit('f1', { 'a.js': '1\n2\n' })
    r.commit('f2', { 'a.js': '1\n2\n3\n' })
    const fromMergeBase = await resolveChanges({ cwd: r.dir })
    expect(fromMergeBase.changes.base).toEqual({ sha: mainSha, source: 'merge-base', ref: 'main' })
    r.write({ '.proofgate/run-start.json': JSON.stringify({ sha: mid, startedAt: '2026-11-21T10:00:00.000Z' }) })
    const fromStart = await resolveChanges({ cwd: r.dir })
    expect(fromStart.changes.base.source).toBe('run-start')
    expect(fromStart.changes.base.sha).toBe(mid)
    expect(fromStart.changes.files[0]!.addedLines).toEqual([{ start: 3, end: 3 }])
    r.write({ '.proofgate/run-start.json': JSON.stringify({ sha: 'f'.repeat(40), startedAt: '2026-11-21T10:00:00.000Z' }) })
    const stale = await resolveChanges({ cwd: r.dir })
    expect(stale.changes.base.source).toBe('merge-base')
    expect(stale.notes[0]).toContain('no longer exists')
  })

  it('works in a git worktree', async () => {
    const r = repo({ 'a.js': '1\n' })
    const base = r.head()
    const wt = realpathSync(mkdtempSync(join(tmpdir(), 'proofgate-wt-')))
    extraDirs.push(wt)
    rmSync(wt, { recursive: true })
    r.git('worktree', 'add', '-q', '-b', 'wt-branch', wt)
    writeFileSync(join(wt, 'b.js'), 'new\n')
    const { changes } = await resolveChanges({ cwd: wt, base })
    expect(changes.root).toBe(wt)
    expect(changes.head.ref).toBe('wt-branch')
    expect(changes.files.map((f) => [f.path, f.status])).toEqual([['b.js', 'added']])
  })

  it('names each error with its remedy', async () => {
    const notRepo = realpathSync(mkdtempSync(join(tmpdir(), 'proofgate-norepo-')))
    extraDirs.push(notRepo)
    expect(await codeOf(resolveChanges({ cwd: notRepo }))).toMatch(/^PG_NOT_A_GIT_REPO: .*git init/)

    const empty = repo({}, { initialCommit: false })
    expect(await codeOf(resolveChanges({ cwd: empty.dir }))).toMatch(/^PG_NO_COMMITS: make a first commit/)

    const r = repo({ 'a.js': '1\n' })
    expect(await codeOf(resolveChanges({ cwd: r.dir, base: 'no-such-branch' }))).toMatch(/^PG_BASE_NOT_FOUND: git fetch origin no-such-branch/)
    expect(await codeOf(resolveChanges({ cwd: r.dir, base: 'HEAD', head: 'nope' }))).toMatch(/^PG_HEAD_NOT_FOUND/)

    const orphan = repo({ 'a.js': '1\n' }, { branch: 'trunk' })
    expect(await codeOf(resolveChanges({ cwd: orphan.dir }))).toMatch(/^PG_BASE_NOT_FOUND: pass --base REV/)
  })

  it('names a shallow clone that lacks the base, with git fetch --deepen and fetch-depth: 0', async () => {
    const r = repo({ 'a.js': '1\n' })
    const first = r.head()
    for (let i = 2; i <= 4; i++) r.commit(`c${i}`, { 'a.js': `${i}\n` })
    const clone = realpathSync(mkdtempSync(join(tmpdir(), 'proofgate-shallow-')))
    extraDirs.push(clone)
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, clone], { env: { ...process.env, ...GIT_ENV } })
    const message = await codeOf(resolveChanges({ cwd: clone, base: first }))
    expect(message).toMatch(/^PG_SHALLOW_CLONE: .*git fetch --deepen.*fetch-depth: 0/)
  })
})
