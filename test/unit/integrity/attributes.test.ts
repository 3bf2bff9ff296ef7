// attributes-weakened, table-driven: which added .gitattributes lines hide JS/TS code, at which line.
import { describe, expect, it } from 'vitest'
import { compareAttributes, isAttributesPath } from '../../../src/integrity/attributes.js'

const rows = (prev: string | null, next: string | null, path = '.gitattributes', files: string[] = []): Array<[string, string, number | undefined]> =>
  compareAttributes(prev, next, path, files).map((f) => [f.ruleId, f.severity, f.startLine])

describe('compareAttributes', () => {
  it.each([
    ['*.ts -diff', null, '*.ts -diff\n', 1],
    ['*.test.ts binary', '*.png binary\n', '*.png binary\n*.test.ts binary\n', 2],
    ['src/** -diff', '', '# code\nsrc/** -diff\n', 2],
    ['* -text', '', '* -text\n', 1],
    ['*.js linguist-vendored=true', '', '*.js linguist-vendored=true\n', 1],
    ['a macro', '', '[attr]hide -diff -merge\n*.mts hide\n', 2],
    ['a quoted pattern', '', '"src/a b/*.ts" linguist-generated\n', 1, ['src/a b/c.ts']],
  ])('%s is attributes-weakened, high', (_name, prev, next, line, files: string[] = []) => {
    expect(rows(prev, next, '.gitattributes', files)).toEqual([['attributes-weakened', 'high', line]])
  })

  it.each([
    ['build output', '', 'dist/** linguist-generated\nbuild/**/*.js binary\nvendor/** linguist-vendored\n'],
    ['assets', '', '*.png binary\n*.woff2 -diff\n'],
    ['a line that was already there, moved', '*.ts -diff\n*.png binary\n', '*.png binary\n*.ts -diff\n'],
    ['eol and text settings', '', '*.ts text eol=lf\n* text=auto\n'],
    ['a directory pattern (git never applies it to files)', '', 'src/ -diff\n'],
    ['the file deleted', '*.png binary\n', null],
    ['a pattern matching no code', '', 'docs/**/*.txt -diff\n'],
  ])('%s is not', (_name, prev, next) => {
    expect(rows(prev, next)).toEqual([])
  })

  it("reads patterns relative to a nested file and tries the tree's own files", () => {
    expect(rows('', 'deep.mjs -diff\n', 'pkg/.gitattributes', ['pkg/lib/deep.mjs'])).toEqual([['attributes-weakened', 'high', 1]])
    expect(rows('', 'deep.mjs -diff\n', 'pkg/.gitattributes', ['other/deep.mjs'])).toEqual([])
  })

  it('knows an attributes file at any depth', () => {
    expect(['.gitattributes', 'a/b/.gitattributes', 'x.gitattributes', '.git/info/attributes'].map(isAttributesPath)).toEqual([true, true, false, false])
  })
})
