// Tables for broken-link's Markdown side: links, images and definitions found by the real parser
// (mdast-util-from-markdown) at exact lines and columns, targets resolved against a tree listing.
import { describe, expect, it } from 'vitest'
import { checkLinks, extractLinks, hasHeadingNode, indexTree, linkPath, loadMarkdown, resolvesIn, startsWithAtxHeading } from '../../../src/docs/markdown.js'
import { isReadmeName, packageInfo, packageOf, readmeOf, readmesByDir } from '../../../src/docs/packages.js'
import { lines } from '../../helpers/tables.js'

const TREE = indexTree([
  'README.md',
  'docs/guide.md',
  'docs/x.md',
  'docs/img/logo.png',
  'docs/my file.md',
  'docs/ünï cødé.md',
  'src/index.ts',
  'packages/lib/README.md',
])

describe('extractLinks', () => {
  it('finds inline links, images and reference definitions with 1-based positions, none in code', async () => {
    const md = lines(
      '# Title',
      '',
      'See [the guide](docs/guide.md) and ![logo](docs/img/logo.png "Logo").',
      '',
      '[ref]: ./docs/x.md',
      '',
      '`[not](a-link.md)`',
      '',
      '```',
      '[nor](this.md)',
      '```',
      '',
      '> quoted [link](q.md)',
      '',
      '- item [one](one.md)',
    )
    const links = extractLinks(await loadMarkdown(), md)
    expect(links.map((l) => [l.kind, l.url, l.line, l.column])).toEqual([
      ['link', 'docs/guide.md', 3, 5],
      ['image', 'docs/img/logo.png', 3, 36],
      ['definition', './docs/x.md', 5, 1],
      ['link', 'q.md', 13, 10],
      ['link', 'one.md', 15, 8],
    ])
  })

  it('a reference-style link is checked at its definition, not at the use', async () => {
    const md = lines('Read [the guide][g] twice.', '', '[g]: missing.md')
    expect(extractLinks(await loadMarkdown(), md).map((l) => [l.kind, l.url, l.line, l.column])).toEqual([['definition', 'missing.md', 3, 1]])
  })
})

describe('linkPath', () => {
  it.each([
    ['docs/a.md', './x.md', 'docs/x.md'],
    ['docs/a.md', 'x.md#section', 'docs/x.md'],
    ['docs/a.md', 'x.md?plain=1', 'docs/x.md'],
    ['docs/a.md', '../README.md', 'README.md'],
    ['docs/a.md', '/docs/x.md', 'docs/x.md'],
    ['README.md', 'docs/my%20file.md', 'docs/my file.md'],
    ['README.md', 'docs/%C3%BCn%C3%AF%20c%C3%B8d%C3%A9.md', 'docs/ünï cødé.md'],
    ['README.md', 'docs/ünï cødé.md', 'docs/ünï cødé.md'],
    ['README.md', 'docs/100%.md', 'docs/100%.md'],
    ['README.md', 'docs/', 'docs'],
    ['README.md', './', ''],
    ['README.md', '/', ''],
    ['README.md', '../outside.md', '../outside.md'],
    ['README.md', 'https://example.com/x.md', null],
    ['README.md', 'HTTP://EXAMPLE.COM', null],
    ['README.md', 'mailto:a@b.c', null],
    ['README.md', '//cdn.example.com/x.png', null],
    ['README.md', '#usage', null],
    ['README.md', '', null],
    ['README.md', '?tab=readme', null],
  ])('%s → %s: %s', (from, url, expected) => {
    expect(linkPath(from, url)).toBe(expected)
  })
})

describe('checkLinks', () => {
  const cases: Array<{ name: string; path?: string; md: string; relative: number; broken: Array<[string, number, number, string]> }> = [
    {
      name: 'working relative link, directory, root-relative and image',
      md: lines('[g](docs/guide.md) [d](docs/) [r](/docs/x.md) ![l](docs/img/logo.png)'),
      relative: 4,
      broken: [],
    },
    {
      name: 'a broken link at its exact line and column',
      md: lines('# T', '', 'Intro.', '  Read [it](docs/nope.md).'),
      relative: 1,
      broken: [['docs/nope.md', 4, 8, 'docs/nope.md']],
    },
    { name: 'absolute URLs and fragments are not counted', md: lines('[a](https://x.invalid/nope.md) [b](#nope) [c](//x.invalid/y)'), relative: 0, broken: [] },
    { name: 'a fragment on an existing file is not checked', md: lines('[a](docs/guide.md#no-such-heading)'), relative: 1, broken: [] },
    {
      name: 'percent-encoded space and unicode resolve',
      md: lines('[a](docs/my%20file.md) [b](<docs/my file.md>) [c](docs/ünï%20cødé.md)'),
      relative: 3,
      broken: [],
    },
    {
      name: 'a broken image and a broken definition',
      md: lines('![x](img/none.png)', '', '[def]: /docs/none.md'),
      relative: 2,
      broken: [
        ['img/none.png', 1, 1, 'img/none.png'],
        ['/docs/none.md', 3, 1, 'docs/none.md'],
      ],
    },
    {
      name: "relative to the file's directory",
      path: 'packages/lib/README.md',
      md: lines('[root](../../README.md) [up](../README.md)'),
      relative: 2,
      broken: [['../README.md', 1, 25, 'packages/README.md']],
    },
    {
      name: 'above the repository root',
      md: lines('[out](../elsewhere/README.md)'),
      relative: 1,
      broken: [['../elsewhere/README.md', 1, 1, '../elsewhere/README.md']],
    },
    { name: 'case matters, as on GitHub', md: lines('[a](Docs/Guide.md)'), relative: 1, broken: [['Docs/Guide.md', 1, 1, 'Docs/Guide.md']] },
  ]
  for (const c of cases) {
    it(`${c.broken.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, async () => {
      const result = checkLinks(await loadMarkdown(), c.path ?? 'README.md', c.md, TREE)
      expect(result.broken.map((b) => [b.url, b.line, b.column, b.target])).toEqual(c.broken)
      expect(result.relative).toBe(c.relative)
    })
  }

  it('resolvesIn: files and directories of the tree, never above the root', () => {
    expect([
      resolvesIn(TREE, 'docs/x.md'),
      resolvesIn(TREE, 'docs/img'),
      resolvesIn(TREE, ''),
      resolvesIn(TREE, 'docs/img/'),
      resolvesIn(TREE, '../README.md'),
    ]).toEqual([true, true, true, false, false])
  })
})

describe('headings', () => {
  it.each([
    ['# Title\n', true],
    ['\n\n   ## Indented three\n', true],
    ['#Title\n', false],
    ['    # code, not a heading\n', false],
    ['<p align="center">logo</p>\n\n# Title\n', false],
  ])('startsWithAtxHeading(%j) = %s', (text, expected) => {
    expect(startsWithAtxHeading(text)).toBe(expected)
  })

  it.each([
    ['Title\n=====\n\nText.\n', true],
    ['<p align="center">logo</p>\n\n# Title\n', true],
    ['Some text\n\n---\n\nafter a rule\n', false],
    ['```md\n# in a fence\n```\n', false],
    ['Just a paragraph, long enough to pass the size check but with no heading.\n', false],
  ])('hasHeadingNode(%j) = %s', async (text, expected) => {
    expect(hasHeadingNode(await loadMarkdown(), text)).toBe(expected)
  })
})

describe('packages and READMEs', () => {
  const packages = new Map(
    [
      packageInfo('package.json', '{"private":true,"workspaces":["packages/*"]}'),
      packageInfo('packages/lib/package.json', '{"name":"@acme/lib"}'),
      packageInfo('apps/web/package.json', '{"name":"web","private":true}'),
      packageInfo('packages/bad/package.json', '{ not json'),
    ].map((p) => [p.dir, p]),
  )

  it.each([
    ['packages/lib/src/a.ts', 'packages/lib', true],
    ['packages/lib/src/deep/b.ts', 'packages/lib', true],
    ['apps/web/src/page.tsx', 'apps/web', false],
    ['scripts/x.ts', '', false],
    ['packages/bad/index.js', 'packages/bad', true],
  ])('packageOf(%s) is %j (publishable %s)', (path, dir, publishable) => {
    const pkg = packageOf(path, packages)
    expect([pkg?.dir, pkg?.publishable]).toEqual([dir, publishable])
  })

  it('no package.json above a file: undefined', () => {
    expect(packageOf('src/a.ts', new Map())).toBeUndefined()
  })

  it('README names: README.md in any case and .markdown; README.md preferred', () => {
    expect(['README.md', 'readme.md', 'Readme.markdown', 'README.MD', 'README', 'README.txt', 'README.rst', 'README.mdx'].map(isReadmeName)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ])
    const paths = ['a/readme.md', 'a/README.md', 'b/Readme.markdown', 'README.txt']
    const byDir = readmesByDir(paths)
    const files = new Set(paths)
    expect([readmeOf('a', files, byDir), readmeOf('b', files, byDir), readmeOf('', files, byDir)]).toEqual(['a/README.md', 'b/Readme.markdown', undefined])
  })
})
