// RuleTester-style tables for the doc-coverage rules as units (issue 18.2): real snippets run
// through the gate's analyses (TypeScript's parser, the CommonMark parser) and its finding
// builders in-process, each report asserted by rule id, messageId, severity, line and column, and
// its message by the rule's own template filled with the data. No git, no processes: docs-stale
// and the range-only wordings have integration rows (test/integration/gates/doc-coverage-message-ids).
import { describe, expect, it } from 'vitest'
import { exportFinding, readmeFinding, readmeProblem, staleFinding, brokenLinkFinding, type ReadmeFacts } from '../../../src/docs/findings.js'
import { analyseExports, judgeModule, resolveModule, type ModuleExports } from '../../../src/docs/exports.js'
import { checkLinks, indexTree, loadMarkdown } from '../../../src/docs/markdown.js'
import { packageInfo } from '../../../src/docs/packages.js'
import { DOC_COVERAGE_RULES, type DocCoverageRuleId } from '../../../src/docs/rules.js'
import { formatMessage, type MessageData } from '../../../src/findings/rule.js'
import type { FindingInput } from '../../../src/findings/types.js'
import { loadTypeScript } from '../../../src/testing/typescript.js'
import { lines } from '../../helpers/tables.js'

/** One expected report: messageId, severity, 1-based line and column (0 without), and the data its message formats from. */
interface Expected {
  messageId: string
  severity: string
  line: number
  column: number
  data: MessageData
}

function expectReports(ruleId: DocCoverageRuleId, found: readonly FindingInput[], errors: readonly Expected[]): void {
  expect(found.map((f) => ({ messageId: f.messageId, severity: f.severity, line: f.startLine ?? 0, column: f.startColumn ?? 0 }))).toEqual(
    errors.map(({ data: _data, ...e }) => e),
  )
  for (const [i, e] of errors.entries()) {
    expect(found[i]!.ruleId).toBe(ruleId)
    expect(found[i]!.message).toBe(formatMessage(ruleId, DOC_COVERAGE_RULES[ruleId], e.messageId, e.data))
  }
}

describe('broken-link', () => {
  const TREE = indexTree(['README.md', 'docs/guide.md', 'docs/img/logo.png', 'src/index.ts'])
  const cases: Array<{ name: string; path?: string; md: string; errors: Expected[] }> = [
    { name: 'a link to a file, a directory and an absolute URL', md: lines('# T', '', '[g](docs/guide.md) [s](src) [w](https://x.dev/a.md)'), errors: [] },
    {
      name: 'a link to a missing file',
      md: lines('# T', '', 'See [the guide](docs/gone.md).'),
      errors: [
        {
          messageId: 'unresolved',
          severity: 'medium',
          line: 3,
          column: 5,
          data: { kind: 'Link', url: 'docs/gone.md', target: 'docs/gone.md' },
        },
      ],
    },
    {
      name: 'an image and a definition relative to the file',
      path: 'docs/guide.md',
      md: lines('![logo](img/nope.png)', '', '[ref]: ./missing.md'),
      errors: [
        { messageId: 'unresolved', severity: 'medium', line: 1, column: 1, data: { kind: 'Image', url: 'img/nope.png', target: 'docs/img/nope.png' } },
        {
          messageId: 'unresolved',
          severity: 'medium',
          line: 3,
          column: 1,
          data: { kind: 'Link reference definition', url: './missing.md', target: 'docs/missing.md' },
        },
      ],
    },
    {
      name: 'a link above the repository root',
      md: lines('Up: [parent](../other/README.md)'),
      errors: [{ messageId: 'outside', severity: 'medium', line: 1, column: 5, data: { kind: 'Link', url: '../other/README.md' } }],
    },
  ]
  for (const c of cases) {
    it(`${c.errors.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, async () => {
      const path = c.path ?? 'README.md'
      const found = checkLinks(await loadMarkdown(), path, c.md, TREE).broken.map((l) => brokenLinkFinding(path, l))
      expectReports('broken-link', found, c.errors)
    })
  }
})

describe('export-undocumented', () => {
  const internal = { severity: 'low' as const, pkg: undefined, public: false }
  const cases: Array<{
    name: string
    code: string
    files?: Record<string, string>
    documentedAtBase?: string[]
    preExisting?: boolean
    errors: Expected[]
  }> = [
    { name: 'a documented function', code: lines('/** Adds. */', 'export function sum() {}'), errors: [] },
    {
      name: 'an undocumented function',
      code: lines('export function sum() {}'),
      errors: [{ messageId: 'undocumented', severity: 'low', line: 1, column: 17, data: { kind: 'function', name: 'sum', alias: '', why: '' } }],
    },
    {
      name: 'an undocumented const exported under another name',
      code: lines('const a = 1', 'export { a as b }'),
      errors: [{ messageId: 'undocumented', severity: 'low', line: 1, column: 7, data: { kind: 'const', name: 'a', alias: ' (as `b`)', why: '' } }],
    },
    {
      name: 'a doc comment the change deleted',
      code: lines('export function sum() {}'),
      documentedAtBase: ['sum'],
      errors: [{ messageId: 'docRemoved', severity: 'low', line: 1, column: 17, data: { kind: 'function', name: 'sum', alias: '', why: '' } }],
    },
    {
      name: 'an export undocumented at the base too',
      code: lines('export class Box {}'),
      preExisting: true,
      errors: [{ messageId: 'undocumentedAtBase', severity: 'low', line: 1, column: 14, data: { kind: 'class', name: 'Box', alias: '', why: '' } }],
    },
    {
      name: 'a re-export of an undocumented function',
      code: lines("export { sum } from './b.js'"),
      files: { 'src/b.ts': lines('export function sum() {}') },
      errors: [
        {
          messageId: 'reExport',
          severity: 'low',
          line: 1,
          column: 10,
          data: { exported: 'sum', kind: 'function', name: 'sum', origin: 'src/b.ts', line: 1, why: '' },
        },
      ],
    },
    {
      name: 'export * of a module with an undocumented enum',
      code: lines("export * from './b.js'"),
      files: { 'src/b.ts': lines('', 'export enum Colour { Red }') },
      errors: [
        {
          messageId: 'exportAll',
          severity: 'low',
          line: 1,
          column: 1,
          data: { specifier: './b.js', kind: 'enum', name: 'Colour', origin: 'src/b.ts', line: 2, why: '' },
        },
      ],
    },
  ]
  for (const c of cases) {
    it(`${c.errors.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, async () => {
      const ts = await loadTypeScript()
      const texts: Record<string, string> = { ...c.files, 'src/a.ts': c.code }
      const modules = (p: string): ModuleExports | undefined => (texts[p] === undefined ? undefined : analyseExports(ts, p, texts[p]))
      const files = new Set(Object.keys(texts))
      const documented = new Set(c.documentedAtBase ?? [])
      const { undocumented } = judgeModule(
        'src/a.ts',
        modules,
        (from, spec) => resolveModule(from, spec, files),
        () => true,
        (name) => documented.has(name),
      )
      const found = undocumented.map((u) => exportFinding('src/a.ts', u, internal, documented.has(u.exported), c.preExisting === true).finding)
      expectReports('export-undocumented', found, c.errors)
    })
  }
})

describe('readme-missing', () => {
  const LIB = packageInfo('packages/lib/package.json', JSON.stringify({ name: '@a/lib' }))
  const caused = { caused: true, why: 'readme-broken' } as const
  const cases: Array<{ name: string; text: string | null | undefined; facts: Omit<ReadmeFacts, 'problem'>; errors: Expected[] }> = [
    {
      name: 'a README with a heading and enough text',
      text: lines('# Lib', '', 'What this library does and how to use it, in well over sixty-four bytes.'),
      facts: { dir: '', path: 'README.md', pkg: undefined, cause: { caused: false }, publishable: false, scope: 'all' },
      errors: [],
    },
    {
      name: 'no README at the root',
      text: undefined,
      facts: { dir: '', path: undefined, pkg: undefined, cause: { caused: false }, publishable: false, scope: 'all' },
      errors: [{ messageId: 'missing', severity: 'low', line: 0, column: 0, data: { where: 'the repository root', why: '' } }],
    },
    {
      name: 'no README in a publishable package, deleted by the change',
      text: undefined,
      facts: { dir: 'packages/lib', path: undefined, pkg: LIB, cause: caused, publishable: true, scope: 'changes' },
      errors: [
        {
          messageId: 'missingPublishable',
          severity: 'high',
          line: 0,
          column: 0,
          data: { where: 'package @a/lib (packages/lib)', why: ' This change deleted a README that was fine at the base.' },
        },
      ],
    },
    {
      name: 'a README too short, already so at the base',
      text: '# Hi\n',
      facts: { dir: '', path: 'README.md', pkg: undefined, cause: { caused: false }, publishable: false, scope: 'changes' },
      errors: [
        {
          messageId: 'tooShort',
          severity: 'low',
          line: 0,
          column: 0,
          data: {
            path: 'README.md',
            where: 'the repository root',
            size: '5 bytes',
            min: 64,
            why: " It was already so at the base: not this change's debt, so it only informs.",
          },
        },
      ],
    },
    {
      name: 'a README without a heading, shortened in a private place',
      text: 'Plain prose only, with no heading at all, long enough to pass the length floor of the rule.\n',
      facts: { dir: '', path: 'README.md', pkg: undefined, cause: caused, publishable: false, scope: 'changes' },
      errors: [
        {
          messageId: 'noHeading',
          severity: 'medium',
          line: 0,
          column: 0,
          data: {
            path: 'README.md',
            where: 'the repository root',
            why: ' This change shortened a README that was fine at the base (a private place: medium at most).',
          },
        },
      ],
    },
    {
      name: 'a README that is not UTF-8 text',
      text: null,
      facts: { dir: '', path: 'README.md', pkg: undefined, cause: { caused: false }, publishable: false, scope: 'all' },
      errors: [{ messageId: 'notText', severity: 'low', line: 0, column: 0, data: { path: 'README.md', where: 'the repository root', why: '' } }],
    },
  ]
  for (const c of cases) {
    it(`${c.errors.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, async () => {
      const problem = await readmeProblem(c.text)
      expectReports('readme-missing', problem === null ? [] : [readmeFinding({ ...c.facts, problem })], c.errors)
    })
  }
})

describe('docs-stale', () => {
  const base = { sources: 'src/a.ts', docs: 'README.md', limit: 10, rootReadme: 'README.md' }
  it('invalid: docs last committed too long ago → stale', () => {
    const found = staleFinding({ ...base, last: { kind: 'commit', sha: 'abcdef0123456789', date: '2026-01-02T03:04:05Z', behind: 12 } })
    expectReports(
      'docs-stale',
      [found],
      [
        {
          messageId: 'stale',
          severity: 'low',
          line: 0,
          column: 0,
          data: { sources: 'src/a.ts', docs: 'README.md', behind: '12 commits', sha: 'abcdef0', date: '2026-01-02', limit: 10 },
        },
      ],
    )
    expect(found.path).toBe('README.md')
  })
  it('invalid: docs never committed → neverCommitted', () => {
    const found = staleFinding({ ...base, rootReadme: undefined, last: { kind: 'never', behind: 11 } })
    expectReports(
      'docs-stale',
      [found],
      [{ messageId: 'neverCommitted', severity: 'low', line: 0, column: 0, data: { sources: 'src/a.ts', docs: 'README.md', behind: '11 commits', limit: 10 } }],
    )
    expect(found.path).toBeUndefined()
  })
})
