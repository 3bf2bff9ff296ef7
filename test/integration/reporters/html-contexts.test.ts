// The HTML report's code excerpts never read outside the repository: a finding's path with a `..`
// segment, an absolute path, or a work-tree symlink whose target lies outside the root gets no
// excerpt, while a plain file inside gets its lines (real files in a temp directory).
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ChangeSet } from '../../../src/changes/types.js'
import type { ReportedFinding } from '../../../src/findings/types.js'
import { readContexts } from '../../../src/reporters/html.js'
import { makeTempDir, removeTempDirs } from '../../helpers/repo.js'

afterAll(removeTempDirs)

const finding = (path: string, fingerprint: string): ReportedFinding => ({
  gate: 'static-analysis',
  ruleId: 'no-eval',
  severity: 'high',
  message: 'eval',
  path,
  startLine: 2,
  fingerprint,
  blocking: true,
  waived: null,
})

describe('readContexts', () => {
  it('reads the lines around a finding inside the work tree and nothing through .., absolute paths or outward symlinks', async () => {
    const outside = makeTempDir({ 'secret.js': 'line 1\nSECRET = 42\nline 3\n' }, 'proofgate-outside-')
    const root = makeTempDir({ 'src/a.js': 'one\ntwo\nthree\nfour\nfive\nsix\n' }, 'proofgate-root-')
    symlinkSync(join(outside, 'secret.js'), join(root, 'src/link.js'))
    symlinkSync('a.js', join(root, 'src/inner-link.js'))
    const changes: ChangeSet = {
      root,
      base: { sha: 'a'.repeat(40), source: 'explicit' },
      head: { sha: 'b'.repeat(40) },
      treeHash: 'c'.repeat(40),
      includesWorkingTree: true,
      files: [],
      diffHash: 'd',
    }
    const contexts = await readContexts(changes, [
      finding('src/a.js', 'inside'),
      finding('src/inner-link.js', 'inner-link'),
      finding('src/link.js', 'outward-link'),
      finding(`../${outside.split('/').at(-1)!}/secret.js`, 'dot-dot'),
      finding(join(outside, 'secret.js'), 'absolute'),
    ])
    expect([...contexts.keys()]).toEqual(['inside', 'inner-link'])
    expect(contexts.get('inside')).toEqual([
      { line: 1, text: 'one', hit: false },
      { line: 2, text: 'two', hit: true },
      { line: 3, text: 'three', hit: false },
      { line: 4, text: 'four', hit: false },
      { line: 5, text: 'five', hit: false },
    ])
  })
})
