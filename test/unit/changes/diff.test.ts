import { describe, expect, it } from 'vitest'
import { inRanges, mergeRanges, parseNameStatus, parseNumstat, parsePatch, unquotePath, withContext } from '../../../src/changes/diff.js'

describe('parseNameStatus', () => {
  it.each([
    ['M\0src/a.ts\0', [{ path: 'src/a.ts', status: 'modified' }]],
    [
      'A\0new file.ts\0D\0gone.js\0',
      [
        { path: 'new file.ts', status: 'added' },
        { path: 'gone.js', status: 'deleted' },
      ],
    ],
    ['R087\0old/ünï.ts\0new/ünï.ts\0', [{ path: 'new/ünï.ts', status: 'renamed', oldPath: 'old/ünï.ts' }]],
    [
      'C100\0a.ts\0b.ts\0T\0link\0',
      [
        { path: 'b.ts', status: 'copied', oldPath: 'a.ts' },
        { path: 'link', status: 'type-changed' },
      ],
    ],
    ['', []],
  ])('parses %j', (input, expected) => {
    expect(parseNameStatus(input)).toEqual(expected)
  })

  it('rejects a status it does not know', () => {
    expect(() => parseNameStatus('X\0a\0')).toThrow("Unexpected git status 'X'")
  })
})

describe('parseNumstat', () => {
  it('flags binary files and follows renames to the new path', () => {
    const out = parseNumstat('3\t1\tsrc/a.ts\0-\t-\timg.png\0' + '0\t0\t\0old name.bin\0new name.bin\0')
    expect([...out]).toEqual([
      ['src/a.ts', false],
      ['img.png', true],
      ['new name.bin', false],
    ])
  })
})

describe('unquotePath', () => {
  it.each([
    ['plain/path.ts', 'plain/path.ts'],
    ['"b/tab\\there.ts"', 'b/tab\there.ts'],
    ['"b/quote\\"d.ts"', 'b/quote"d.ts'],
    ['"b/caf\\303\\251.ts"', 'b/café.ts'],
    ['"b/back\\\\slash"', 'b/back\\slash'],
  ])('%s → %s', (input, expected) => {
    expect(unquotePath(input)).toBe(expected)
  })
})

describe('parsePatch', () => {
  it('reads added ranges per new path, skipping deletions-only hunks', () => {
    const patch = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1..2 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3 +3,2 @@ function f() {',
      '-old',
      '+new1',
      '+new2',
      '@@ -10,2 +11,0 @@',
      '-gone1',
      '-gone2',
      '@@ -20,0 +20 @@',
      '+added',
      'diff --git a/with space.ts b/with space.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/with space.ts\t',
      '@@ -0,0 +1,3 @@',
      '+a',
      '++++ b/not-a-header.ts',
      '+c',
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      '\\ No newline at end of file',
    ].join('\n')
    const result = parsePatch(patch)
    expect([...result.keys()]).toEqual(['src/a.ts', 'with space.ts'])
    expect(result.get('src/a.ts')).toEqual([
      { start: 3, end: 4 },
      { start: 20, end: 20 },
    ])
    expect(result.get('with space.ts')).toEqual([{ start: 1, end: 3 }])
  })
})

describe('ranges', () => {
  it('merges overlapping and adjacent ranges, keeps gaps', () => {
    expect(
      mergeRanges([
        { start: 5, end: 6 },
        { start: 1, end: 2 },
        { start: 3, end: 3 },
        { start: 6, end: 8 },
        { start: 10, end: 12 },
      ]),
    ).toEqual([
      { start: 1, end: 3 },
      { start: 5, end: 8 },
      { start: 10, end: 12 },
    ])
  })
  it('widens by context without going below line 1', () => {
    expect(
      withContext(
        [
          { start: 2, end: 2 },
          { start: 20, end: 21 },
        ],
        3,
      ),
    ).toEqual([
      { start: 1, end: 5 },
      { start: 17, end: 24 },
    ])
  })
  it.each([
    [1, false],
    [3, true],
    [4, true],
    [5, false],
    [9, true],
  ])('line %i in ranges → %s', (line, expected) => {
    expect(
      inRanges(
        [
          { start: 3, end: 4 },
          { start: 9, end: 9 },
        ],
        line,
      ),
    ).toBe(expected)
  })
})
