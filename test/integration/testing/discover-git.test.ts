// Test discovery listing a real git repository: tracked and untracked files, not ignored or deleted ones.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { discoverTests, listRepositoryFiles } from '../../../src/testing/discover.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const repo of repos) repo.cleanup()
})

describe('listing through git', () => {
  it('lists tracked and untracked files, not ignored or deleted ones', async () => {
    const repo = makeTempGitRepo({
      files: {
        '.gitignore': 'ignored/\n',
        'src/a.ts': '',
        'src/a.test.ts': '',
        'src/gone.test.ts': '',
        'dir with space/ü.test.ts': '',
      },
    })
    repos.push(repo)
    repo.write({ 'src/new.test.ts': '', 'ignored/x.test.ts': '' })
    rmSync(join(repo.dir, 'src/gone.test.ts'))
    expect(await listRepositoryFiles(repo.dir)).toEqual(['.gitignore', 'dir with space/ü.test.ts', 'src/a.test.ts', 'src/a.ts', 'src/new.test.ts'])
    const discovery = await discoverTests(repo.dir)
    expect(discovery.testFiles).toEqual(['dir with space/ü.test.ts', 'src/a.test.ts', 'src/new.test.ts'])
    expect(discovery.source).toBe('conventions')
  })

  it('lists a subdirectory of a repository relative to itself', async () => {
    const repo = makeTempGitRepo({ files: { 'pkg/src/a.test.ts': '', 'pkg/package.json': '{}', 'other/b.test.ts': '' } })
    repos.push(repo)
    expect(await listRepositoryFiles(join(repo.dir, 'pkg'))).toEqual(['package.json', 'src/a.test.ts'])
  })
})
