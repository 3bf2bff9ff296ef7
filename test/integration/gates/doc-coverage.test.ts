// The doc-coverage gate end to end: scenario repositories (real git in temp dirs) run through the
// engine (runProofgate), one per rule, with exact rule ids, severities, paths, lines and columns.
import { afterAll, describe, expect, it } from 'vitest'
import type { FilterMode } from '../../../src/config/schema.js'
import type { DocCoverageData } from '../../../src/gates/doc-coverage.js'
import type { Scope } from '../../../src/gates/types.js'
import { runProofgate } from '../../../src/runner/run.js'
import type { GateResult, RunResult } from '../../../src/runner/types.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

/** A README that passes readme-missing: a heading and more than 64 bytes. */
const README = lines('# Project', '', 'What this project does and how to use it, in well over sixty-four bytes.')
const DOCUMENTED = lines('/** Adds two numbers. */', 'export function add(a: number, b: number): number {', '  return a + b', '}')
const IGNORE = lines('.proofgate/')

function repo(files: Record<string, string>): TempRepo {
  const r = makeTempGitRepo({ files: { '.gitignore': IGNORE, ...files } })
  repos.push(r)
  return r
}

interface RunOptions {
  base?: string
  head?: string
  staged?: boolean
  scope?: Scope
  filterMode?: FilterMode
}

async function run(r: TempRepo, options: RunOptions = {}): Promise<RunResult> {
  return runProofgate({
    cwd: r.dir,
    gates: ['doc-coverage'],
    ...(options.base === undefined ? {} : { base: options.base }),
    ...(options.head === undefined ? {} : { head: options.head }),
    ...(options.staged === true ? { staged: true } : {}),
    ...(options.scope === undefined ? {} : { scope: options.scope }),
    ...(options.filterMode === undefined ? {} : { filterMode: options.filterMode }),
    strictWarnings: false,
    env: {},
    reporters: [],
    warn: () => {},
  })
}

function gate(result: RunResult): GateResult {
  const found = result.gates.find((g) => g.id === 'doc-coverage')
  if (found === undefined) throw new Error(`doc-coverage did not run: ${result.gates.map((g) => g.id).join(', ')}`)
  return found
}

/** [rule id, severity, path, line, column, blocking] of each finding, most severe first. */
const brief = (result: RunResult) =>
  result.findings.filter((f) => f.gate === 'doc-coverage').map((f) => [f.ruleId, f.severity, f.path, f.startLine, f.startColumn, f.blocking])
const messages = (result: RunResult) => result.findings.filter((f) => f.gate === 'doc-coverage').map((f) => f.message)

describe('export-undocumented in an npm-workspaces monorepo', () => {
  const MONOREPO = {
    'README.md': README,
    'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*', 'apps/*'] }, null, 2) + '\n',
    'packages/lib/package.json': JSON.stringify({ name: '@acme/lib', version: '1.0.0', type: 'module' }, null, 2) + '\n',
    'packages/lib/README.md': README,
    'packages/lib/src/mul.ts': lines('/** Multiplies two numbers. */', 'export function mul(a: number, b: number): number {', '  return a * b', '}'),
    'packages/lib/src/div.ts': lines('export function div(a: number, b: number): number {', '  return a / b', '}'),
    'apps/web/package.json': JSON.stringify({ name: 'web', private: true }, null, 2) + '\n',
    'apps/web/src/page.ts': lines('/** The page title. */', "export const title = 'acme'"),
  }

  it("a publishable package's new undocumented export is medium and warns; a private app's is low", async () => {
    const r = repo(MONOREPO)
    const base = r.head()
    r.commit('exports', {
      'packages/lib/src/index.ts': lines(
        DOCUMENTED,
        'export function sub(a: number, b: number): number {',
        '  return a - b',
        '}',
        "export { mul } from './mul.js'",
        "export { div as divide } from './div.js'",
      ),
      'apps/web/src/page.ts': lines('/** The page title. */', "export const title = 'acme'", 'export const subtitle = 1'),
    })
    const result = await run(r, { base })
    expect(brief(result)).toEqual([
      ['export-undocumented', 'medium', 'packages/lib/src/index.ts', 6, 17, false],
      ['export-undocumented', 'medium', 'packages/lib/src/index.ts', 10, 17, false],
      ['export-undocumented', 'low', 'apps/web/src/page.ts', 3, 14, false],
    ])
    expect(messages(result)).toEqual([
      'Exported function `sub` has no doc comment (publishable package @acme/lib).',
      'Re-export `divide` exposes function `div` (packages/lib/src/div.ts:1), which has no doc comment (publishable package @acme/lib).',
      'Exported const `subtitle` has no doc comment.',
    ])
    expect(result.verdict).toBe('warn')
    expect(result.exitCode).toBe(0)
    expect(gate(result).status).toBe('pass')
  })

  it('documented exports and a re-export of a documented original pass', async () => {
    const r = repo(MONOREPO)
    const base = r.head()
    r.commit('exports', {
      'packages/lib/src/index.ts': lines(DOCUMENTED, "export { mul } from './mul.js'", "export * from './mul.js'"),
      'apps/web/src/page.ts': lines('/** The page title. */', "export const title = 'acme'", '/** The subtitle. */', 'export const subtitle = 1'),
    })
    const result = await run(r, { base })
    expect(brief(result)).toEqual([])
    expect(result.verdict).toBe('pass')
    expect(gate(result).status).toBe('pass')
    // add, the mul re-export and subtitle; title's line is unchanged, and export * adds no name not exported explicitly.
    expect((gate(result).data as DocCoverageData).exports).toBe(3)
  })

  it('scan --all judges every export of every file, changed or not, as overall code: public API medium, never blocking', async () => {
    const r = repo(MONOREPO)
    const result = await run(r, { scope: 'all', base: 'HEAD' })
    expect(brief(result)).toEqual([['export-undocumented', 'low', 'packages/lib/src/div.ts', 1, 17, false]])
  })
})

describe('what export-undocumented reads', () => {
  it('skips test files, test/fixture/mock directories, tool configs and linguist-generated files', async () => {
    const r = repo({
      'README.md': README,
      'package.json': '{ "name": "solo" }\n',
      '.gitattributes': 'dist/** linguist-generated=true\nvendor/** linguist-vendored\n',
    })
    const base = r.head()
    const bare = 'export const x = 1\n'
    r.commit('everything', {
      'src/a.test.ts': bare,
      'src/__mocks__/b.ts': bare,
      'test/helpers.ts': bare,
      'tests/fixtures/c.ts': bare,
      'src/fixtures/d.ts': bare,
      'vitest.config.ts': bare,
      '.eslintrc.cjs': bare,
      'dist/index.js': bare,
      'vendor/lib.js': bare,
      'src/real.ts': bare,
    })
    const result = await run(r, { base })
    expect(brief(result)).toEqual([['export-undocumented', 'medium', 'src/real.ts', 1, 14, false]])
  })

  it('--head judges the commit, not the disk; the pre-commit run judges the index', async () => {
    const r = repo({ 'README.md': README, 'package.json': '{ "name": "solo" }\n', 'src/a.ts': DOCUMENTED })
    const base = r.head()
    const head = r.commit('bare', { 'src/a.ts': lines('export function add(a: number, b: number): number {', '  return b + a', '}') })
    r.write({ 'src/a.ts': DOCUMENTED.replace('add', 'plus') })
    const atHead = await run(r, { base, head })
    // The commit deleted add's doc comment: high, blocking.
    expect(brief(atHead)).toEqual([['export-undocumented', 'high', 'src/a.ts', 1, 17, true]])
    const onDisk = await run(r, { base })
    expect(brief(onDisk)).toEqual([])

    // Staged: undocumented in the index, documented on disk.
    r.git('reset', '-q', '--hard', base)
    r.write({ 'src/a.ts': lines('export function sub(a: number, b: number): number {', '  return a - b', '}') })
    r.git('add', 'src/a.ts')
    r.write({ 'src/a.ts': DOCUMENTED })
    const staged = await run(r, { staged: true })
    expect(brief(staged)).toEqual([['export-undocumented', 'medium', 'src/a.ts', 1, 17, false]])
  })

  it('a linguist-generated directory is skipped under --head too (attributes from the base commit, not the disk)', async () => {
    const r = repo({ 'README.md': README, 'package.json': '{ "name": "solo" }\n', '.gitattributes': 'gen/** linguist-generated=true\n' })
    const base = r.head()
    const head = r.commit('generated', { 'gen/api.ts': 'export const api = 1\n', 'src/b.ts': 'export const b = 1\n' })
    r.write({ '.gitattributes': '' })
    const result = await run(r, { base, head })
    expect(brief(result)).toEqual([['export-undocumented', 'medium', 'src/b.ts', 1, 14, false]])
  })

  it('deleting a doc comment (no added line) is reported; deleting an undocumented line is not', async () => {
    const r = repo({
      'README.md': README,
      'package.json': '{ "name": "solo" }\n',
      'src/a.ts': lines(DOCUMENTED.trimEnd(), 'export const legacy = 1', '// old note', 'export const b = 2'),
    })
    const base = r.head()
    r.commit('strip', {
      'src/a.ts': lines('export function add(a: number, b: number): number {', '  return a + b', '}', 'export const legacy = 1', 'export const b = 2'),
    })
    const result = await run(r, { base })
    expect(brief(result)).toEqual([['export-undocumented', 'high', 'src/a.ts', 1, 17, true]])
    expect(messages(result)).toEqual(['Exported function `add` has no doc comment (this change removed it) (publishable package solo).'])
  })

  it('a file with no package.json above it is low', async () => {
    const r = repo({ 'README.md': README })
    const base = r.head()
    r.commit('src', { 'src/a.ts': 'export const a = 1\n' })
    expect(brief(await run(r, { base }))).toEqual([['export-undocumented', 'low', 'src/a.ts', 1, 14, false]])
  })
})

describe('docs-stale', () => {
  /** A README commit followed by `count` commits that each change src/a.ts (documented, so only staleness is reported). */
  function history(count: number): TempRepo {
    const r = repo({ 'README.md': README, 'src/a.ts': DOCUMENTED })
    for (let i = 1; i <= count; i++) r.commit(`change ${i}`, { 'src/a.ts': DOCUMENTED.replace('a + b', `a + b + ${i}`) })
    return r
  }

  it('12 commits of source changes after the last README commit, stale-after 10: low', async () => {
    const r = history(12)
    const readmeCommit = r.git('rev-list', '--max-count=1', 'HEAD', '--', 'README.md')
    const result = await run(r, { base: 'HEAD~1' })
    expect(brief(result)).toEqual([['docs-stale', 'low', 'README.md', undefined, undefined, false]])
    const date = r.git('log', '-1', '--format=%cI', readmeCommit).slice(0, 10)
    expect(messages(result)[0]).toBe(
      `Source changed (1 file (src/a.ts)), but the docs (README.md) were last committed 12 commits before HEAD, in ${readmeCommit.slice(0, 7)} (${date}); more than gates.doc-coverage.stale-after (10).`,
    )
    expect(result.verdict).toBe('pass')
    expect((gate(result).data as DocCoverageData).docsBehind).toBe(12)
  })

  it('13 commits behind with stale-after 13: not stale (the limit is inclusive)', async () => {
    const r = history(12)
    r.commit('config', { '.proofgate.yml': lines('gates:', '  doc-coverage:', '    stale-after: 13') })
    expect(brief(await run(r, { base: 'HEAD~2' }))).toEqual([])
  })

  it('the README touched in the range, uncommitted or committed: nothing', async () => {
    const r = history(12)
    r.write({ 'README.md': README + 'More words.\n' })
    expect(brief(await run(r, { base: 'HEAD~1' }))).toEqual([])
    r.commit('docs', { 'src/a.ts': DOCUMENTED.replace('a + b', 'b + a') })
    expect(brief(await run(r, { base: 'HEAD~1' }))).toEqual([])
  })

  it('docs never committed: every commit of HEAD counts', async () => {
    const r = repo({ 'src/a.ts': DOCUMENTED })
    for (let i = 1; i <= 11; i++) r.commit(`change ${i}`, { 'src/a.ts': DOCUMENTED.replace('a + b', `a + b + ${i}`) })
    const result = await run(r, { base: 'HEAD~1' })
    expect(brief(result)).toEqual([
      ['docs-stale', 'low', undefined, undefined, undefined, false],
      ['readme-missing', 'low', 'README.md', undefined, undefined, false],
    ])
    expect(messages(result)[0]).toBe(
      'Source changed (1 file (src/a.ts)), but the docs (README.md, docs/) were never committed (HEAD has 12 commits); more than gates.doc-coverage.stale-after (10).',
    )
  })

  it('a package README counts for the source of its own package only', async () => {
    const r = repo({
      'README.md': README,
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }) + '\n',
      'packages/lib/package.json': JSON.stringify({ name: 'lib', private: true }) + '\n',
      'packages/lib/README.md': README,
      'packages/lib/src/a.ts': DOCUMENTED,
      'packages/web/package.json': JSON.stringify({ name: 'web', private: true }) + '\n',
      'packages/web/src/a.ts': DOCUMENTED,
    })
    for (let i = 1; i <= 11; i++) r.commit(`change ${i}`, { 'packages/lib/src/a.ts': DOCUMENTED.replace('a + b', `a + b + ${i}`) })
    r.commit('lib docs', { 'packages/lib/README.md': README + 'Changes.\n' })
    r.commit('lib code', { 'packages/lib/src/a.ts': DOCUMENTED })
    expect(brief(await run(r, { base: 'HEAD~1' }))).toEqual([])
    r.commit('web code', { 'packages/web/src/a.ts': DOCUMENTED.replace('a + b', 'b + a') })
    const web = await run(r, { base: 'HEAD~1' })
    expect(brief(web)).toEqual([['docs-stale', 'low', 'README.md', undefined, undefined, false]])
    expect(messages(web)[0]).toContain('but the docs (README.md) were last committed 14 commits before HEAD')
  })

  it('a file under docs/ counts as the docs', async () => {
    const r = repo({ 'README.md': README, 'docs/guide.md': README, 'src/a.ts': DOCUMENTED })
    for (let i = 1; i <= 11; i++) r.commit(`change ${i}`, { 'src/a.ts': DOCUMENTED.replace('a + b', `a + b + ${i}`) })
    expect(brief(await run(r, { base: 'HEAD~1' }))).toEqual([['docs-stale', 'low', 'README.md', undefined, undefined, false]])
    r.commit('guide', { 'docs/guide.md': README + 'New section.\n' })
    r.commit('code', { 'src/a.ts': DOCUMENTED })
    expect(brief(await run(r, { base: 'HEAD~1' }))).toEqual([])
  })
})

describe('readme-missing', () => {
  const SRC = { 'src/a.ts': DOCUMENTED }
  const ALREADY = " It was already so at the base: not this change's debt, so it only informs."

  it.each([
    ['no README at the root', {}, 'No README.md at the repository root.'],
    [
      'a 20-byte README',
      { 'README.md': '# Tiny\n\nSome words.\n' },
      'README.md at the repository root is 20 bytes, under the 64 a README needs to say what this is.',
    ],
    [
      'a README without a heading',
      { 'README.md': 'This project adds numbers. It has no heading at all, only this paragraph of text.\n' },
      'README.md at the repository root has no Markdown heading (`# Title` or a setext underline).',
    ],
    [
      'a README with only a fenced "# heading"',
      { 'README.md': '```sh\n# install the project with npm and run it, then read the docs\n```\n' },
      'README.md at the repository root has no Markdown heading (`# Title` or a setext underline).',
    ],
  ])('already so at the base: low, never blocks (%s)', async (_name, files, message) => {
    const r = repo(files)
    const base = r.head()
    r.commit('src', SRC)
    const result = await run(r, { base })
    expect(brief(result)).toEqual([['readme-missing', 'low', 'README.md', undefined, undefined, false]])
    expect(messages(result)).toEqual([message + ALREADY])
    expect(result.verdict).toBe('pass')
  })

  it.each([
    [
      'deleted in a private app: medium, warns',
      { 'package.json': JSON.stringify({ name: 'app', private: true }) + '\n' },
      null,
      'medium',
      'warn',
      'No README.md at the repository root. This change deleted a README that was fine at the base (a private place: medium at most).',
    ],
    [
      'deleted in a library: high, blocks',
      { 'package.json': JSON.stringify({ name: 'lib' }) + '\n' },
      null,
      'high',
      'blocked',
      'No README.md at the repository root. This change deleted a README that was fine at the base.',
    ],
    [
      'gutted in a library: high, blocks',
      { 'package.json': JSON.stringify({ name: 'lib' }) + '\n' },
      '# lib\n',
      'high',
      'blocked',
      'README.md at the repository root is 6 bytes, under the 64 a README needs to say what this is. This change shortened a README that was fine at the base.',
    ],
  ])('caused by the change: %s', async (_name, files, readme, severity, verdict, message) => {
    const r = repo({ ...files, 'README.md': README, ...SRC })
    const base = r.head()
    if (readme === null) r.git('rm', '-q', 'README.md')
    else r.write({ 'README.md': readme })
    r.commit('drop the readme', { 'src/a.ts': DOCUMENTED.replace('a + b', 'b + a') })
    const result = await run(r, { base })
    expect(brief(result)).toEqual([['readme-missing', severity, 'README.md', undefined, undefined, severity === 'high']])
    expect(messages(result)).toEqual([message])
    expect(result.verdict).toBe(verdict)
  })

  it.each([
    ['readme.md in lower case', { 'readme.md': README }],
    ['README.markdown', { 'README.markdown': README }],
    [
      'a setext heading after an HTML logo block',
      { 'README.md': lines('<p align="center"><img src="logo.png"></p>', '', 'Project', '=======', '', 'What it does.') },
    ],
  ])('accepted: %s', async (_name, files) => {
    const r = repo(files)
    const base = r.head()
    r.commit('src', SRC)
    expect(brief(await run(r, { base }))).toEqual([])
  })

  it('a publishable package added without a README is high; one that had none already is low; a private one is not judged; scan --all is all low', async () => {
    const r = repo({
      'README.md': README,
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }) + '\n',
      'packages/old/package.json': JSON.stringify({ name: '@acme/old' }) + '\n',
      'packages/flip/package.json': JSON.stringify({ name: '@acme/flip', private: true }) + '\n',
    })
    const base = r.head()
    r.commit('code', {
      'packages/lib/package.json': JSON.stringify({ name: '@acme/lib' }) + '\n',
      'packages/lib/src/a.ts': DOCUMENTED,
      'packages/internal/package.json': JSON.stringify({ name: 'internal', private: true }) + '\n',
      'packages/internal/src/a.ts': DOCUMENTED,
      'packages/old/src/a.ts': DOCUMENTED,
      'packages/flip/package.json': JSON.stringify({ name: '@acme/flip' }) + '\n',
    })
    const result = await run(r, { base })
    expect(brief(result)).toEqual([
      ['readme-missing', 'high', 'packages/flip/README.md', undefined, undefined, true],
      ['readme-missing', 'high', 'packages/lib/README.md', undefined, undefined, true],
      ['readme-missing', 'low', 'packages/old/README.md', undefined, undefined, false],
    ])
    expect(messages(result)).toEqual([
      'No README.md at package @acme/flip (packages/flip), which is publishable (package.json has no "private": true). This change adds the package (or makes it publishable) without one.',
      'No README.md at package @acme/lib (packages/lib), which is publishable (package.json has no "private": true). This change adds the package (or makes it publishable) without one.',
      'No README.md at package @acme/old (packages/old), which is publishable (package.json has no "private": true).' + ALREADY,
    ])

    const all = await run(r, { scope: 'all', base: 'HEAD' })
    expect(brief(all)).toEqual([
      ['readme-missing', 'low', 'packages/flip/README.md', undefined, undefined, false],
      ['readme-missing', 'low', 'packages/lib/README.md', undefined, undefined, false],
      ['readme-missing', 'low', 'packages/old/README.md', undefined, undefined, false],
    ])
  })
})

describe('broken-link', () => {
  const TREE = {
    'README.md': README,
    'docs/guide.md': README,
    'docs/x.md': README,
    'docs/my file.md': README,
    'docs/ünï cødé.md': README,
    'docs/img/logo.png': 'not really a png\n',
    'src/a.ts': DOCUMENTED,
  }

  it('a changed README: working, broken (exact line and column), root-relative, image, definition, absolute, fragment, space and unicode', async () => {
    const r = repo(TREE)
    const base = r.head()
    r.commit('readme', {
      'README.md': lines(
        '# Project',
        '',
        'Read [the guide](docs/guide.md) and [the missing page](docs/missing.md).',
        'Root-relative: [x](/docs/x.md), and [y](/docs/y.md).',
        '![logo](docs/img/logo.png) ![gone](docs/img/gone.png)',
        '[Home](https://example.invalid/nowhere.md) and [usage](#usage) and [here](docs/x.md#no-such-anchor).',
        '[spaced](docs/my%20file.md) [unicode](docs/ünï%20cødé.md) [raw unicode](<docs/ünï cødé.md>) [dir](docs/)',
        '',
        '[guide]: ./docs/guide.md',
        '[old]: ./docs/old.md',
      ),
    })
    const result = await run(r, { base })
    expect(brief(result)).toEqual([
      ['broken-link', 'medium', 'README.md', 3, 37, false],
      ['broken-link', 'medium', 'README.md', 4, 37, false],
      ['broken-link', 'medium', 'README.md', 5, 28, false],
      ['broken-link', 'medium', 'README.md', 10, 1, false],
    ])
    expect(messages(result)).toEqual([
      'Link `docs/missing.md` does not resolve: no file or directory `docs/missing.md` in the tree under test.',
      'Link `/docs/y.md` does not resolve: no file or directory `docs/y.md` in the tree under test.',
      'Image `docs/img/gone.png` does not resolve: no file or directory `docs/img/gone.png` in the tree under test.',
      'Link reference definition `./docs/old.md` does not resolve: no file or directory `docs/old.md` in the tree under test.',
    ])
    expect(result.verdict).toBe('warn')
    const data = gate(result).data as DocCoverageData
    expect([data.markdownFiles, data.links, data.brokenLinks]).toEqual([1, 13, 4])
  })

  it('follows the filter mode, except for links to files the change deleted or renamed', async () => {
    const r = repo({
      ...TREE,
      'docs/guide.md': lines('# Guide', '', 'See [old](old.md) and [x](x.md).', '', 'Then [moved](moved.md).'),
      'docs/moved.md': README,
    })
    const base = r.head()
    r.git('rm', '-q', 'docs/x.md')
    r.git('mv', 'docs/moved.md', 'docs/elsewhere.md')
    r.commit('edit', { 'docs/guide.md': lines('# Guide', '', 'See [old](old.md) and [x](x.md).', '', 'Then [moved](moved.md).', '', 'New [broken](new.md).') })
    const added = await run(r, { base })
    // old.md was broken before this change and sits on an unchanged line: outside the `added` filter.
    expect(brief(added)).toEqual([
      ['broken-link', 'medium', 'docs/guide.md', 3, 23, false],
      ['broken-link', 'medium', 'docs/guide.md', 5, 6, false],
      ['broken-link', 'medium', 'docs/guide.md', 7, 5, false],
    ])
    const file = await run(r, { base, filterMode: 'file' })
    expect(brief(file).map((f) => f[3])).toEqual([3, 3, 5, 7])
  })

  it('a link in an unchanged Markdown file is not read in a run; scan --all reads every Markdown file', async () => {
    const r = repo({ ...TREE, 'docs/guide.md': lines('# Guide', '', '[gone](gone.md)') })
    const base = r.head()
    r.commit('code', { 'src/a.ts': DOCUMENTED.replace('a + b', 'b + a') })
    expect(brief(await run(r, { base }))).toEqual([])
    expect(brief(await run(r, { scope: 'all', base: 'HEAD' }))).toEqual([['broken-link', 'medium', 'docs/guide.md', 3, 1, false]])
  })
})

describe('when the gate skips', () => {
  it('a range touching only a test file, .eslintrc.json and package.json scripts: skipped, with the count', async () => {
    const r = repo({ 'package.json': JSON.stringify({ name: 'solo', scripts: { test: 'vitest run' } }) + '\n', 'src/a.ts': DOCUMENTED })
    const base = r.head()
    r.commit('tests', {
      'test/a.test.ts': "import { it } from 'vitest'\nit('a', () => {})\n",
      '.eslintrc.json': '{ "root": true }\n',
      'package.json': JSON.stringify({ name: 'solo', scripts: { test: 'vitest run --coverage' } }) + '\n',
    })
    const result = await run(r, { base })
    const g = gate(result)
    expect(g.status).toBe('skipped')
    expect(g.reason).toBe('no JS/TS source or Markdown file changed, only tests, config or other files: 3 files (.eslintrc.json, package.json, test/a.test.ts)')
    // Skipped before the README check: the root has no README, and nothing is reported for it.
    expect(brief(result)).toEqual([])
  })

  it('a test file named by the runner config (not by convention) also skips, from inside run()', async () => {
    const r = repo({ 'README.md': README, 'vitest.config.ts': "export default { test: { include: ['checks/**/*.ts'] } }\n" })
    const base = r.head()
    r.commit('check', { 'checks/sum.ts': 'export const notDocumented = 1\n' })
    const g = gate(await run(r, { base }))
    expect([g.status, g.reason]).toEqual(['skipped', 'no JS/TS source or Markdown file changed, only tests, config or other files: 1 file (checks/sum.ts)'])
  })

  it('a Markdown-only change still runs (broken links and the root README)', async () => {
    const r = repo({ 'README.md': README })
    const base = r.head()
    r.commit('docs', { 'docs/a.md': '# A\n\n[b](b.md)\n' })
    const result = await run(r, { base })
    expect([gate(result).status, result.verdict]).toEqual(['pass', 'warn'])
    expect(brief(result)).toEqual([['broken-link', 'medium', 'docs/a.md', 3, 1, false]])
  })

  it('scan --all never skips', async () => {
    const r = repo({ 'test/a.test.ts': 'export const a = 1\n' })
    const result = await run(r, { scope: 'all', base: 'HEAD' })
    expect(gate(result).status).toBe('pass')
    expect(brief(result)).toEqual([['readme-missing', 'low', 'README.md', undefined, undefined, false]])
  })
})
