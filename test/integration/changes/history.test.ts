// The range's commits and blob reads on real repositories: trailers, Conventional Commits
// footers, git revert, renames, binary and missing files, paths with spaces and unicode.
import { renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { conventionalDeclarations, createLineReader, listRangeCommits, readBlobs, readChangedFiles } from '../../../src/changes/history.js'
import type { ChangeSet } from '../../../src/changes/types.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

describe('listRangeCommits', () => {
  const r = makeTempGitRepo({ files: { 'a.txt': 'one\n', 'b.txt': 'b\n' } })
  repos.push(r)
  const base = r.head()
  r.commit('Change a\n\nBehavior-Change: a says two now\nSigned-off-by: someone <s@example.com>', { 'a.txt': 'two\n' })
  r.git('rm', '-q', 'b.txt')
  r.commit('feat!: move b\n\nBREAKING CHANGE: b moved', { 'dir with space/b ü.txt': 'b\n' })
  r.commit('plain', { 'c.txt': 'c\n' })
  r.git('revert', '--no-edit', 'HEAD')
  const head = r.head()

  it('lists the commits oldest first with their files, trailers and declarations', async () => {
    const commits = await listRangeCommits(r.dir, base, head, 'Behavior-Change')
    expect(commits.map((c) => [c.subject, c.declared, c.files])).toEqual([
      ['Change a', ['a says two now'], [{ status: 'modified', path: 'a.txt' }]],
      [
        'feat!: move b',
        ['breaking change: feat!: move b', 'breaking change: b moved'],
        [{ status: 'renamed', oldPath: 'b.txt', path: 'dir with space/b ü.txt' }],
      ],
      ['plain', [], [{ status: 'added', path: 'c.txt' }]],
      ['Revert "plain"', [expect.stringMatching(/^reverts [0-9a-f]{12}$/)], [{ status: 'deleted', path: 'c.txt' }]],
    ])
    expect(commits.every((c) => c.parents.length === 1 && /^[0-9a-f]{40}$/.test(c.sha))).toBe(true)
  })

  it('rejects a trailer key git would misread', async () => {
    await expect(listRangeCommits(r.dir, base, head, 'a,b')).rejects.toThrow("Invalid trailer key 'a,b': expected letters, digits and dashes")
  })

  it('reads versions in one batch: text, unicode paths, missing and binary', async () => {
    r.commit('binary', { 'bin.dat': Buffer.from([0, 1, 2, 3]).toString('latin1') })
    const texts = await readBlobs(r.dir, [
      { rev: base, path: 'a.txt' },
      { rev: head, path: 'a.txt' },
      { rev: head, path: 'dir with space/b ü.txt' },
      { rev: base, path: 'dir with space/b ü.txt' },
      { rev: 'HEAD', path: 'bin.dat' },
      { rev: head, path: 'line\nbreak.txt' },
    ])
    expect(texts).toEqual(['one\n', 'two\n', 'b\n', null, null, null])
  })
})

describe('conventionalDeclarations', () => {
  it('reads BREAKING CHANGE footers and revert lines, nothing else', () => {
    expect(conventionalDeclarations('Body text.\n\nBREAKING CHANGE: the API changed\nBREAKING-CHANGE: twice\n')).toEqual([
      'breaking change: the API changed',
      'breaking change: twice',
    ])
    expect(conventionalDeclarations('This reverts commit 0123456789abcdef0123456789abcdef01234567.\n')).toEqual(['reverts 0123456789ab'])
    expect(conventionalDeclarations('mentions a BREAKING CHANGE: inline, and this reverts commit abcdef1')).toEqual([])
  })
})

describe('createLineReader and readChangedFiles', () => {
  const r = makeTempGitRepo({ files: { 'src/a.ts': 'one\ntwo\n', 'dir with space/ü.ts': 'drei\n' } })
  repos.push(r)
  const head = r.head()
  const tree = r.git('rev-parse', 'HEAD^{tree}')
  const changes = (includesWorkingTree: boolean): ChangeSet => ({
    root: r.dir,
    base: { sha: head, source: 'explicit' },
    head: { sha: head },
    treeHash: tree,
    includesWorkingTree,
    files: [],
    diffHash: '',
  })

  it('reads the tree under test, not the disk, when the run does not include the work tree', async () => {
    writeFileSync(join(r.dir, 'src/a.ts'), 'edited on disk\n')
    expect(await readChangedFiles(changes(false), ['src/a.ts', 'dir with space/ü.ts', 'gone.ts'])).toEqual(['one\ntwo\n', 'drei\n', null])
    expect(await readChangedFiles(changes(true), ['src/a.ts', 'gone.ts'])).toEqual(['edited on disk\n', null])
    r.git('checkout', '--', 'src/a.ts')
  })

  it('serves prefetched files without git: one batch, then no process per file', async () => {
    const read = createLineReader(changes(false))
    await read.prefetch(['src/a.ts', 'dir with space/ü.ts', 'src/a.ts', 'gone.ts'])
    // With .git moved away, a read that still needed git would fail (never read as absent).
    renameSync(join(r.dir, '.git'), join(r.dir, '.git-away'))
    try {
      expect([read('src/a.ts', 2), read('dir with space/ü.ts', 1), read('gone.ts', 1), read('src/a.ts', 9)]).toEqual(['two', 'drei', undefined, undefined])
      expect(() => createLineReader(changes(false))('src/a.ts', 2)).toThrow('fatal: not a git repository (or any of the parent directories): .git')
    } finally {
      renameSync(join(r.dir, '.git-away'), join(r.dir, '.git'))
    }
    expect(createLineReader(changes(false))('src/a.ts', 2)).toBe('two')
  })
})
