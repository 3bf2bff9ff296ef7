// readRealFile: what stands at a config or state path, links reported and never followed.
import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { entryExists, readRealFile } from '../../../src/util/real-file.js'
import { makeTempDir, removeTempDirs } from '../../helpers/repo.js'

afterAll(removeTempDirs)

describe('readRealFile', () => {
  const outside = makeTempDir({ 'target.yml': 'outside\n' })
  const root = makeTempDir({ 'a.yml': 'a\n', 'real/b.yml': 'b\n' })
  symlinkSync(join(outside, 'target.yml'), join(root, 'link.yml'))
  symlinkSync('nowhere.yml', join(root, 'dangling.yml'))
  symlinkSync(outside, join(root, 'linked-dir'))
  mkdirSync(join(root, 'dir.yml'))
  execFileSync('mkfifo', [join(root, 'fifo.yml')])

  it.each([
    { name: 'a regular file', path: 'a.yml', expected: { kind: 'file', text: 'a\n' } },
    { name: 'a file in a real directory', path: 'real/b.yml', expected: { kind: 'file', text: 'b\n' } },
    { name: 'nothing', path: 'none.yml', expected: { kind: 'missing' } },
    { name: 'under a missing directory', path: 'none/b.yml', expected: { kind: 'missing' } },
    { name: 'a link to a file outside', path: 'link.yml', expected: { kind: 'symlink' } },
    { name: 'a dangling link', path: 'dangling.yml', expected: { kind: 'symlink' } },
    { name: 'a file under a linked directory', path: 'linked-dir/target.yml', expected: { kind: 'symlink', via: 'linked-dir' } },
    { name: 'a directory', path: 'dir.yml', expected: { kind: 'not-a-file' } },
    { name: 'a FIFO (read without hanging)', path: 'fifo.yml', expected: { kind: 'not-a-file' } },
  ])('$name', async ({ path, expected }) => {
    expect(await readRealFile(root, join(root, path))).toEqual(expected)
  })

  it('a path outside the root: only the file itself is checked', async () => {
    expect(await readRealFile(root, join(outside, 'target.yml'))).toEqual({ kind: 'file', text: 'outside\n' })
    expect(await readRealFile(root, join(root, 'linked-dir', '..', 'link.yml'))).toEqual({ kind: 'symlink' })
  })

  it('entryExists counts a dangling link, unlike existsSync', async () => {
    expect(await entryExists(join(root, 'dangling.yml'))).toBe(true)
    expect(await entryExists(join(root, 'none.yml'))).toBe(false)
  })
})
