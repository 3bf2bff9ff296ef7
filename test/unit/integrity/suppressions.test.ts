// RuleTester-style tables for suppression-added: real comments only (TypeScript's parser), counted
// per file so a moved suppression is not new, with the exact line and column of each new one.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LineRange } from '../../../src/changes/types.js'
import { compareSuppressions, findSuppressions, isSuppressionPath } from '../../../src/integrity/suppressions.js'
import { loadTypeScript, type TypeScript } from '../../../src/testing/typescript.js'
import { lines, versionTable, type VersionCase } from '../../helpers/tables.js'

let ts: TypeScript
beforeAll(async () => {
  ts = await loadTypeScript()
})

interface Case extends VersionCase {
  path?: string
  new: string
  /** Added lines of the new version; default: every line. */
  added?: Array<[number, number]>
  testFile?: boolean
  /** [rule id, severity, line, column]. */
  errors: Array<[string, string, number, number]>
}

function table(cases: Case[]): void {
  versionTable(cases, (c) => {
    const addedLines: LineRange[] = (c.added ?? [[1, 10_000]]).map(([start, end]) => ({ start, end }))
    return compareSuppressions(ts, c.path ?? 'src/a.ts', c.old, c.new, { addedLines, testFile: c.testFile ?? false })
  })
}

describe('compareSuppressions', () => {
  table([
    { name: 'no comments', old: null, new: lines('export const a = 1'), errors: [] },
    {
      name: 'an existing suppression kept',
      old: lines('// eslint-disable-next-line no-console', 'console.log(1)'),
      new: lines('// eslint-disable-next-line no-console', 'console.log(1)', 'export {}'),
      errors: [],
    },
    {
      name: 'a suppression that only moved is not new',
      old: lines('const a = 1', '// @ts-ignore', 'a.b = 2'),
      new: lines('// @ts-ignore', 'a.b = 2', 'const a = 1'),
      errors: [],
    },
    {
      name: 'a description edited after -- is the same suppression',
      old: lines('foo() // eslint-disable-line no-undef -- legacy'),
      new: lines('foo() // eslint-disable-line no-undef -- legacy global, see #12'),
      errors: [],
    },
    { name: 'rule order does not matter', old: lines('/* eslint-disable a, b */'), new: lines('/* eslint-disable b,a */'), errors: [] },
    {
      name: 'text in strings, templates and regexes is not a comment',
      old: null,
      new: lines("const s = '// eslint-disable-line'", 'const t = `/* @ts-ignore */`', 'const r = /\\/\\/ @ts-nocheck/'),
      errors: [],
    },
    {
      name: 'JSX text is not a comment',
      path: 'src/a.tsx',
      old: null,
      new: lines('export const A = () => <p>// eslint-disable-line no-console</p>'),
      errors: [],
    },
    {
      name: 'an ordinary comment that mentions a directive later',
      old: null,
      new: lines('// do not add eslint-disable here', '/* see @ts-ignore docs */'),
      errors: [],
    },
    { name: '@ts-nocheck after the first statement is no pragma', old: null, new: lines('export const a = 1', '// @ts-nocheck'), errors: [] },
    {
      name: 'eslint-enable and c8 ignore stop end a suppression, they add none',
      old: null,
      new: lines('/* eslint-enable */', '/* c8 ignore stop */'),
      errors: [],
    },
    {
      name: 'eslint-disable-next-line with a rule, in a source file',
      old: lines('export const a: unknown = 1'),
      new: lines('// eslint-disable-next-line @typescript-eslint/no-explicit-any', 'export const a: any = 1'),
      errors: [['suppression-added', 'medium', 1, 1]],
      messages: [
        "`eslint-disable-next-line @typescript-eslint/no-explicit-any` added in src/a.ts: turns off ESLint's @typescript-eslint/no-explicit-any on the next line",
      ],
    },
    {
      name: 'a trailing eslint-disable-line',
      old: null,
      new: lines('const x = 1', 'console.log(x) // eslint-disable-line'),
      errors: [['suppression-added', 'medium', 2, 16]],
      messages: ['turns off every ESLint rule on this line'],
    },
    {
      name: 'a block eslint-disable in JSX',
      path: 'src/a.jsx',
      old: null,
      new: lines('export const A = () => (', '  <div>{/* eslint-disable-line react/no-danger */}</div>', ')'),
      errors: [['suppression-added', 'medium', 2, 9]],
    },
    {
      name: 'a second identical suppression is new',
      old: lines('// @ts-ignore', 'a.b = 1'),
      new: lines('// @ts-ignore', 'a.b = 1', '// @ts-ignore', 'a.c = 1'),
      added: [[3, 4]],
      errors: [['suppression-added', 'medium', 3, 1]],
    },
    {
      name: 'of identical ones, the one on an added line is reported',
      old: lines('// @ts-ignore', 'a.b = 1'),
      new: lines('// @ts-ignore', 'a.z = 1', '// @ts-ignore', 'a.b = 1'),
      added: [[1, 2]],
      errors: [['suppression-added', 'medium', 1, 1]],
    },
    {
      name: 'more rules on an existing directive',
      old: lines('/* eslint-disable no-console */'),
      new: lines('/* eslint-disable no-console, no-eval */'),
      errors: [['suppression-added', 'medium', 1, 1]],
      messages: ['no-console, no-eval'],
    },
    {
      name: '@ts-nocheck and @ts-ignore',
      old: null,
      new: lines('// @ts-nocheck', 'let a = 1', '/* @ts-ignore */', 'a = "x"'),
      errors: [
        ['suppression-added', 'medium', 1, 1],
        ['suppression-added', 'medium', 3, 1],
      ],
    },
    {
      name: 'coverage ignores: istanbul, c8, v8',
      old: null,
      new: lines('/* istanbul ignore next */', 'function a() {}', '/* c8 ignore next 3 */', '/* v8 ignore start */'),
      errors: [
        ['suppression-added', 'medium', 1, 1],
        ['suppression-added', 'medium', 3, 1],
        ['suppression-added', 'medium', 4, 1],
      ],
    },
    {
      name: 'in a test file: high',
      path: 'test/a.test.ts',
      testFile: true,
      old: null,
      new: lines('// eslint-disable-next-line no-console', 'console.log(1)'),
      errors: [['suppression-added', 'high', 1, 1]],
    },
    {
      name: '@ts-expect-error in a test file stays medium: a type-level assertion',
      path: 'test/a.test-d.ts',
      testFile: true,
      old: null,
      new: lines('// @ts-expect-error: a number is not a string', 'const s: string = 1'),
      errors: [['suppression-added', 'medium', 1, 1]],
      messages: ['type-level assertion'],
    },
    {
      name: 'a Vue component: template comment and script comment',
      path: 'src/A.vue',
      old: null,
      new: lines(
        '<template>',
        '  <!-- eslint-disable-next-line vue/no-v-html -->',
        '  <div v-html="x" />',
        '</template>',
        '<script setup lang="ts">',
        "const s = '// @ts-ignore'",
        '// @ts-ignore',
        'const x: number = "1"',
        '</script>',
      ),
      errors: [
        ['suppression-added', 'medium', 2, 3],
        ['suppression-added', 'medium', 7, 1],
      ],
    },
    { name: 'an emptied file has none', old: lines('// @ts-ignore'), new: '', errors: [] },
  ])
})

describe('findSuppressions', () => {
  it('reads the directive, its rules and the whole comment span', () => {
    const found = findSuppressions(ts, 'a.ts', lines('x() /* eslint-disable-line no-a, no-b -- why */'))
    expect(found).toEqual([
      { directive: 'eslint-disable-line', rules: ['no-a', 'no-b'], key: 'eslint-disable-line no-a no-b', line: 1, column: 5, endLine: 1, endColumn: 48 },
    ])
  })

  it('reads @ts-ignore only where TypeScript does: the last line of a block comment, not a JSDoc paragraph', () => {
    expect(findSuppressions(ts, 'a.ts', lines('/**', ' * @ts-ignore is explained here', ' */', 'const a = 1')).map((s) => s.directive)).toEqual([])
    expect(findSuppressions(ts, 'a.ts', lines('/* why:', '   @ts-ignore */', 'const a = 1')).map((s) => s.directive)).toEqual(['@ts-ignore'])
  })
})

describe('isSuppressionPath', () => {
  it.each([
    ['src/a.ts', true],
    ['src/types.d.ts', true],
    ['src/App.svelte', true],
    ['scripts/build.mjs', true],
    ['dist/chunks/main-1a2b.js', false],
    ['packages/x/build/index.js', false],
    ['public/lib.min.js', false],
    ['README.md', false],
  ])('%s → %s', (path, expected) => {
    expect(isSuppressionPath(path)).toBe(expected)
  })
})
