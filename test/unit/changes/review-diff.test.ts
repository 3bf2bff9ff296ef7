// The review diff's pure parts: git's header quoting for any path, and a multi-file patch split by header.
import { describe, expect, it } from 'vitest'
import { diffHeader, quoteDiffPath, splitPatch } from '../../../src/changes/review-diff.js'

describe('diffHeader', () => {
  const cases: Array<[string, { path: string; oldPath?: string }, string]> = [
    ['a plain path', { path: 'src/a.ts' }, 'diff --git a/src/a.ts b/src/a.ts'],
    ['a rename', { path: 'src/b.ts', oldPath: 'src/a.ts' }, 'diff --git a/src/a.ts b/src/b.ts'],
    ['spaces and non-ASCII stay as they are (core.quotePath=false)', { path: 'docs/my été.md' }, 'diff --git a/docs/my été.md b/docs/my été.md'],
    ['a quote, a backslash, a tab and a newline are C-quoted', { path: 'a"b\\c\td\ne' }, 'diff --git "a/a\\"b\\\\c\\td\\ne" "b/a\\"b\\\\c\\td\\ne"'],
    ['another control character is octal', { path: 'x\u0001y' }, 'diff --git "a/x\\001y" "b/x\\001y"'],
  ]
  it.each(cases)('%s', (_name, file, header) => expect(diffHeader(file)).toBe(header))
  it('quotes only what git quotes', () => {
    expect(quoteDiffPath('a/b c.ts')).toBe('a/b c.ts')
    expect(quoteDiffPath('a/"q".ts')).toBe('"a/\\"q\\".ts"')
  })
})

describe('splitPatch', () => {
  it('keys each file patch by its header line, content lines that mention diff --git included', () => {
    const patch = [
      'diff --git a/x.md b/x.md',
      'index 1..2 100644',
      '--- a/x.md',
      '+++ b/x.md',
      '@@ -1 +1 @@',
      '-old',
      '+diff --git a/fake b/fake',
      'diff --git "a/t\\tb" "b/t\\tb"',
      'new file mode 100644',
      'Binary files /dev/null and "b/t\\tb" differ',
      '',
    ].join('\n')
    const chunks = splitPatch(patch)
    expect([...chunks.keys()]).toEqual(['diff --git a/x.md b/x.md', 'diff --git "a/t\\tb" "b/t\\tb"'])
    expect(chunks.get('diff --git a/x.md b/x.md')).toContain('+diff --git a/fake b/fake\n')
    expect(chunks.get(diffHeader({ path: 't\tb' }))).toContain('Binary files')
  })
  it('is empty for an empty patch', () => expect(splitPatch('').size).toBe(0))
})
