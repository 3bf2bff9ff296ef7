import { describe, expect, it } from 'vitest'
import { unifiedDiff } from '../../../src/init/line-diff.js'

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a.yml', 'x\n', 'x\n')).toBe('')
  })

  it('shows a new file from /dev/null', () => {
    expect(unifiedDiff('a.yml', null, 'one\ntwo\n')).toBe('--- /dev/null\n+++ b/a.yml\n@@ -0,0 +1,2 @@\n+one\n+two\n')
  })

  it('shows a changed line with three lines of context and 1-based ranges', () => {
    const old = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n') + '\n'
    const next = old.replace('e\n', 'E\n')
    expect(unifiedDiff('f.txt', old, next)).toBe('--- a/f.txt\n+++ b/f.txt\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n')
  })

  it('splits changes far apart into two hunks and counts an added line', () => {
    const old = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join('\n') + '\n'
    const next = old.replace('l2\n', 'l2\nnew\n').replace('l19\n', '')
    expect(unifiedDiff('f', old, next)).toBe(
      '--- a/f\n+++ b/f\n@@ -1,5 +1,6 @@\n l1\n l2\n+new\n l3\n l4\n l5\n@@ -16,5 +17,4 @@\n l16\n l17\n l18\n-l19\n l20\n',
    )
  })

  it('says so when only the final newline differs', () => {
    expect(unifiedDiff('f', 'a', 'a\n')).toBe('--- a/f\n+++ b/f\n(the files differ only in the newline at the end)\n')
  })
})
