// The change model's path helpers: naming files in reasons, documentation-only change sets.
import { describe, expect, it } from 'vitest'
import { documentationOnly, isDocumentationPath, namePaths } from '../../../src/changes/paths.js'
import type { ChangedFile, ChangeSet } from '../../../src/changes/types.js'

describe('namePaths', () => {
  it.each([
    [[], 'no files'],
    [['a.ts'], '1 file (a.ts)'],
    [['a.ts', 'b.md'], '2 files (a.ts, b.md)'],
    [['a', 'b', 'c'], '3 files (a, b, c)'],
    [['a', 'b', 'c', 'd', 'e'], '5 files (a, b, c, …)'],
  ])('namePaths(%j) = %s', (paths, expected) => {
    expect(namePaths(paths)).toBe(expected)
  })
})

describe('documentation-only change sets', () => {
  it.each([
    ['README.md', true],
    ['docs/guide.MDX', true],
    ['notes.markdown', true],
    ['NOTICE.txt', true],
    ['docs/index.rst', true],
    ['docs/manual.adoc', true],
    ['LICENSE', true],
    ['LICENCE', true],
    ['license-MIT', true],
    ['packages/a/LICENSE.APACHE', true],
    ['CHANGELOG', true],
    ['changelog.old', true],
    ['AUTHORS', true],
    ['src/a.ts', false],
    ['package.json', false],
    ['.proofgate.yml', false],
    ['README', false],
    ['md', false],
    ['src/license-check.ts', false],
    ['src/licenses.ts', false],
    ['src/changelogParser.js', false],
    ['changelog.json', false],
    ['test/fixtures/snapshot.md.ts', false],
  ])('isDocumentationPath(%s) = %s', (path, expected) => {
    expect(isDocumentationPath(path)).toBe(expected)
  })

  const file = (path: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({
    path,
    status: 'modified',
    binary: false,
    addedLines: [],
    contextLines: [],
    ...extra,
  })
  const changes = (...files: ChangedFile[]): ChangeSet => ({ files }) as ChangeSet

  it.each([
    { files: [file('README.md'), file('LICENSE')], docs: ['README.md', 'LICENSE'] },
    { files: [file('README.md'), file('src/a.ts')], docs: null },
    // Moving code into a .md file removes code: not documentation-only.
    { files: [file('docs/a.md', { status: 'renamed', oldPath: 'src/a.ts' })], docs: null },
    { files: [file('docs/b.md', { status: 'renamed', oldPath: 'docs/a.md' })], docs: ['docs/b.md'] },
    // An empty change set is the evidence gate's empty-change-set finding, not a skip.
    { files: [], docs: null },
  ])('documentationOnly($files.length files) = $docs', ({ files, docs }) => {
    expect(documentationOnly(changes(...files))).toEqual(docs)
  })
})
