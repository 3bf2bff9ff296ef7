// The specialist pick, table-driven: who runs for a change and why (lines covered, always, ties by config order).
import { describe, expect, it } from 'vitest'
import type { ChangedFile } from '../../../src/changes/types.js'
import { describePick, pickReviewers, type PickCandidate } from '../../../src/review/pick.js'

const file = (path: string, lines: number, status: ChangedFile['status'] = 'modified', oldPath?: string): ChangedFile => ({
  path,
  status,
  ...(oldPath === undefined ? {} : { oldPath }),
  binary: false,
  addedLines: lines === 0 ? [] : [{ start: 1, end: lines }],
  contextLines: [],
})

const r = (name: string, paths?: string[], always = false): PickCandidate => ({ name, paths, always })

describe('pickReviewers', () => {
  const cases: Array<{ name: string; reviewers: PickCandidate[]; files: ChangedFile[]; pick: number; picked: string[]; reasons?: string[] }> = [
    {
      name: 'the reviewers covering the most added lines win',
      reviewers: [r('docs', ['docs/**']), r('api', ['src/api/**']), r('auth', ['src/auth/**'])],
      files: [file('src/api/a.ts', 2), file('src/auth/b.ts', 9), file('docs/x.md', 5)],
      pick: 2,
      picked: ['docs', 'auth'],
      reasons: ['top-lines', 'outranked', 'top-lines'],
    },
    {
      name: 'ties go by config order',
      reviewers: [r('b', ['src/**']), r('a', ['src/**']), r('c', ['src/**'])],
      files: [file('src/x.ts', 3)],
      pick: 2,
      picked: ['b', 'a'],
    },
    {
      name: 'a reviewer without paths matches every file; always ones come on top of pick',
      reviewers: [r('general'), r('lead', ['nothing/**'], true), r('tests', ['test/**'])],
      files: [file('src/x.ts', 4), file('test/x.test.ts', 1)],
      pick: 1,
      picked: ['general', 'lead'],
      reasons: ['top-lines', 'always', 'outranked'],
    },
    {
      name: 'a reviewer whose paths match no changed file is not picked even with room left',
      reviewers: [r('docs', ['docs/**']), r('src', ['src/**'])],
      files: [file('src/x.ts', 1)],
      pick: 3,
      picked: ['src'],
      reasons: ['no-matching-file', 'top-lines'],
    },
    {
      name: 'a deleted file matches (0 lines), and a rename matches by its old path',
      reviewers: [r('legacy', ['legacy/**']), r('auth', ['auth/**'])],
      files: [file('legacy/old.ts', 0, 'deleted'), file('src/new.ts', 2, 'renamed', 'auth/new.ts')],
      pick: 3,
      picked: ['legacy', 'auth'],
    },
    { name: 'dotfiles match globs', reviewers: [r('ci', ['.github/**'])], files: [file('.github/workflows/ci.yml', 3)], pick: 1, picked: ['ci'] },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const entries = pickReviewers(c.reviewers, c.files, c.pick)
      expect(entries.map((e) => e.name)).toEqual(c.reviewers.map((x) => x.name))
      expect(entries.filter((e) => e.picked).map((e) => e.name)).toEqual(c.picked)
      if (c.reasons !== undefined) expect(entries.map((e) => e.reason)).toEqual(c.reasons)
    })
  }

  it('counts lines and files per reviewer and says why in one line', () => {
    const entries = pickReviewers(
      [r('api', ['src/api/**']), r('auth', ['src/auth/**']), r('docs', ['docs/**'])],
      [file('src/api/a.ts', 1), file('src/auth/b.ts', 3), file('src/auth/c.ts', 1)],
      1,
    )
    expect(entries).toEqual([
      { name: 'api', picked: false, reason: 'outranked', lines: 1, files: 1 },
      { name: 'auth', picked: true, reason: 'top-lines', lines: 4, files: 2 },
      { name: 'docs', picked: false, reason: 'no-matching-file', lines: 0, files: 0 },
    ])
    expect(describePick(entries)).toBe('picked auth (4 lines in 2 files); not picked: api (outranked: 1 line in 1 file), docs (no matching file)')
    expect(describePick(pickReviewers([r('docs', ['docs/**'])], [file('a.ts', 1)], 1))).toBe('picked nobody; not picked: docs (no matching file)')
  })
})
