// treeEntryKinds on a real repository: a symlink's blob is its target path, so only the tree
// entry's mode (120000) tells it from a file; loadConfig at a commit refuses a linked config.
import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { treeEntryKinds } from '../../../src/changes/entries.js'
import { loadConfig } from '../../../src/config/load.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

function linked(): TempRepo {
  const r = makeTempGitRepo({ files: { 'weak.yml': 'gates:\n  tests: { mode: off }\n', 'real/a.yml': 'a: 1\n', 'sub/module/x.txt': 'x\n' } })
  repos.push(r)
  symlinkSync('weak.yml', join(r.dir, '.proofgate.yml'))
  symlinkSync('real', join(r.dir, '.proofgate'))
  mkdirSync(join(r.dir, 'star*'))
  r.write({ 'star*/b.yml': 'b: 1\n' })
  r.commit('links')
  return r
}

describe('treeEntryKinds', () => {
  it('tells files, links, files under a linked directory, directories and absent paths apart, in one call', async () => {
    const r = linked()
    const paths = ['real/a.yml', '.proofgate.yml', '.proofgate/a.yml', 'sub/module', 'none.yml', 'star*/b.yml', 'star?/b.yml']
    expect(await treeEntryKinds(r.dir, r.head(), paths)).toEqual([
      { kind: 'file' },
      { kind: 'symlink' },
      { kind: 'symlink', via: '.proofgate' },
      { kind: 'not-a-file' },
      { kind: 'missing' },
      { kind: 'file' },
      { kind: 'missing' },
    ])
    // A tree id works as well as a commit.
    expect(await treeEntryKinds(r.dir, r.git('rev-parse', 'HEAD^{tree}'), ['.proofgate.yml'])).toEqual([{ kind: 'symlink' }])
  })
})

describe('loadConfig at a commit', () => {
  it('refuses a .proofgate.yml that is a link there, never reading its target as the config', async () => {
    const r = linked()
    const sha = r.head()
    await expect(loadConfig(r.dir, { rev: sha, env: {} })).rejects.toMatchObject({
      code: 'PG_CONFIG_INVALID',
      message: `${sha.slice(0, 12)}:.proofgate.yml is a symbolic link; proofgate reads its configuration only from a regular file`,
    })
  })
})
