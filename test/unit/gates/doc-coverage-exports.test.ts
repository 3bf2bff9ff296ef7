// RuleTester-style tables for export-undocumented's analysis: real snippets parsed by TypeScript's
// syntax-only parser, re-exports followed through an in-memory tree, exact line and column.
import { describe, expect, it } from 'vitest'
import type { LineRange } from '../../../src/changes/types.js'
import { analyseExports, judgeModule, resolveModule, type ModuleExports } from '../../../src/docs/exports.js'
import { loadTypeScript } from '../../../src/testing/typescript.js'
import { lines } from '../../helpers/tables.js'

interface Case {
  name: string
  code: string
  /** Path of the snippet (default `src/a.ts`). */
  path?: string
  /** Other files of the tree, for re-exports. */
  files?: Record<string, string>
  /** Added line ranges of the snippet, [start, end] 1-based; default: every export is judged. */
  added?: Array<[number, number]>
  /** Exported names the base version documented (a deleted doc comment adds no line). */
  documentedAtBase?: string[]
  /** [exported name, via, line, column, origin path] of each undocumented export, in order. */
  errors: Array<[string, string, number, number, string]>
}

const DOCUMENTED_SUM = lines('/** Adds two numbers. */', 'export function sum(a: number, b: number): number {', '  return a + b', '}')
const BARE_SUM = lines('export function sum(a: number, b: number): number {', '  return a + b', '}')

async function judge(c: Case): Promise<Array<[string, string, number, number, string]>> {
  const ts = await loadTypeScript()
  const path = c.path ?? 'src/a.ts'
  const texts: Record<string, string> = { ...c.files, [path]: c.code }
  const files = new Set(Object.keys(texts))
  const cache = new Map<string, ModuleExports>()
  const modules = (p: string): ModuleExports | undefined => {
    if (texts[p] === undefined) return undefined
    if (!cache.has(p)) cache.set(p, analyseExports(ts, p, texts[p]))
    return cache.get(p)
  }
  const ranges: LineRange[] | undefined = c.added?.map(([start, end]) => ({ start, end }))
  const touched = (spans: readonly LineRange[]): boolean => ranges === undefined || spans.some((s) => ranges.some((r) => r.start <= s.end && s.start <= r.end))
  const { undocumented } = judgeModule(
    path,
    modules,
    (from, spec) => resolveModule(from, spec, files),
    touched,
    (name) => c.documentedAtBase?.includes(name) === true,
  )
  return undocumented.map((u) => [u.exported, u.via, u.line, u.column, u.origin.path])
}

function table(cases: Case[]): void {
  for (const c of cases) {
    it(`${c.errors.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, async () => {
      expect(await judge(c)).toEqual(c.errors)
    })
  }
}

describe('export-undocumented: own declarations', () => {
  table([
    { name: 'a documented function', code: DOCUMENTED_SUM, errors: [] },
    {
      name: 'documented const, let, var, class, interface, type alias and enum',
      code: lines(
        '/** A. */',
        'export const a = 1',
        '/** B. */',
        'export let b = 2',
        '/** C. */',
        'export var c = 3',
        '/** D. */',
        'export class D {}',
        '/** E. */',
        'export interface E { x: number }',
        '/** F. */',
        'export type F = string',
        '/** G. */',
        'export enum G { X }',
      ),
      errors: [],
    },
    { name: 'a doc comment with only a tag counts', code: lines('/** @internal */', 'export const a = 1'), errors: [] },
    {
      name: 'a doc comment above a line comment still documents (as TypeScript attaches it)',
      code: lines('/** Adds. */', '// eslint-disable-next-line no-var', 'export function sum() {}'),
      errors: [],
    },
    {
      name: 'overloads: the doc on the first signature covers the group',
      code: lines(
        '/** Parses. */',
        'export function parse(a: string): number',
        'export function parse(a: number): number',
        'export function parse(a: unknown): number {',
        '  return Number(a)',
        '}',
      ),
      errors: [],
    },
    { name: 'documented export default function', code: lines('/** Main. */', 'export default function main() {}'), errors: [] },
    { name: 'a declaration that is not exported', code: lines('function helper() {}', 'const x = 1', 'helper()'), errors: [] },
    { name: 'export { a } of a documented local', code: lines('/** A. */', 'const a = 1', 'export { a }'), errors: [] },
    {
      name: 'a .d.ts file with documented declarations',
      path: 'types/index.d.ts',
      code: lines('/** Runs. */', 'export declare function run(): void', '/** Options. */', 'export declare const options: { a: number }'),
      errors: [],
    },
    {
      name: 'JSX in a .jsx file parses',
      path: 'src/App.jsx',
      code: lines('/** The app. */', 'export function App() {', '  return <div className="a">hi</div>', '}'),
      errors: [],
    },
    { name: 'a file with a syntax error is not judged', code: lines('export function broken( {', '  return', ''), errors: [] },
    { name: 'export * as ns is a namespace, not a declaration', code: "export * as ns from './b.js'\n", files: { 'src/b.ts': BARE_SUM }, errors: [] },
  ])
  table([
    { name: 'an exported function without a comment', code: BARE_SUM, errors: [['sum', 'declaration', 1, 17, 'src/a.ts']] },
    {
      name: 'a // comment is not documentation',
      code: lines('// Adds two numbers.', 'export function sum() {}'),
      errors: [['sum', 'declaration', 2, 17, 'src/a.ts']],
    },
    {
      name: 'a /* */ comment is not documentation',
      code: lines('/* Adds two numbers. */', 'export function sum() {}'),
      errors: [['sum', 'declaration', 2, 17, 'src/a.ts']],
    },
    {
      name: 'an empty /** */ is not documentation',
      code: lines('/** */', 'export const a = 1', '/**', ' *', ' */', 'export const b = 2'),
      errors: [
        ['a', 'declaration', 2, 14, 'src/a.ts'],
        ['b', 'declaration', 6, 14, 'src/a.ts'],
      ],
    },
    {
      name: 'each name of a const list and of a destructuring pattern',
      code: lines('export const a = 1, b = 2', 'export const { c, d: [e] } = { c: 1, d: [2] }'),
      errors: [
        ['a', 'declaration', 1, 14, 'src/a.ts'],
        ['b', 'declaration', 1, 21, 'src/a.ts'],
        ['c', 'declaration', 2, 16, 'src/a.ts'],
        ['e', 'declaration', 2, 23, 'src/a.ts'],
      ],
    },
    {
      name: 'let, var, class, interface, type alias, enum',
      code: lines(
        'export let b = 2',
        'export var c = 3',
        'export abstract class D {}',
        'export interface E { x: number }',
        'export type F = string',
        'export const enum G { X }',
      ),
      errors: [
        ['b', 'declaration', 1, 12, 'src/a.ts'],
        ['c', 'declaration', 2, 12, 'src/a.ts'],
        ['D', 'declaration', 3, 23, 'src/a.ts'],
        ['E', 'declaration', 4, 18, 'src/a.ts'],
        ['F', 'declaration', 5, 13, 'src/a.ts'],
        ['G', 'declaration', 6, 19, 'src/a.ts'],
      ],
    },
    {
      name: 'export default function without a name: at the statement',
      code: lines('', 'export default function () {}'),
      errors: [['default', 'declaration', 2, 1, 'src/a.ts']],
    },
    { name: 'export default class with a name: at the name', code: 'export default class Store {}\n', errors: [['default', 'declaration', 1, 22, 'src/a.ts']] },
    { name: 'export default of an arrow function', code: 'export default () => 1\n', errors: [['default', 'declaration', 1, 1, 'src/a.ts']] },
    {
      name: 'export { f as g } of an undocumented local: at the declaration',
      code: lines('function f() {}', 'export { f as g }'),
      errors: [['g', 'declaration', 1, 10, 'src/a.ts']],
    },
    {
      name: 'export default of an undocumented local const',
      code: lines('const config = { a: 1 }', 'export default config'),
      errors: [['default', 'declaration', 1, 7, 'src/a.ts']],
    },
    {
      name: 'a doc comment on another declaration does not carry over',
      code: lines('/** A. */', 'export const a = 1', 'export const b = 2'),
      errors: [['b', 'declaration', 3, 14, 'src/a.ts']],
    },
    {
      name: 'a .d.ts declaration',
      path: 'types/index.d.ts',
      code: 'export declare function run(): void\n',
      errors: [['run', 'declaration', 1, 25, 'types/index.d.ts']],
    },
    { name: 'a .mjs file', path: 'lib/a.mjs', code: 'export const version = "1"\n', errors: [['version', 'declaration', 1, 14, 'lib/a.mjs']] },
  ])
})

describe('export-undocumented: only what the range added or changed', () => {
  const code = lines('export function a() {', '  return 1', '}', '', 'export function b() {', '  return 2', '}', 'function c() {}', 'export { c }')
  table([
    { name: 'a changed body line makes the function changed', code, added: [[6, 6]], errors: [['b', 'declaration', 5, 17, 'src/a.ts']] },
    { name: 'an added export specifier makes its declaration newly exposed', code, added: [[9, 9]], errors: [['c', 'declaration', 8, 10, 'src/a.ts']] },
    { name: 'a blank line between declarations touches neither', code, added: [[4, 4]], errors: [] },
    {
      name: 'no added line, but the base documented `a`: its doc comment was deleted',
      code,
      added: [],
      documentedAtBase: ['a'],
      errors: [['a', 'declaration', 1, 17, 'src/a.ts']],
    },
    { name: 'no added line, and the base did not document it either', code, added: [], documentedAtBase: ['other'], errors: [] },
  ])
})

describe('export-undocumented: re-exports judged by their original', () => {
  table([
    {
      name: 'export { sum } from a documented original (.js specifier → .ts)',
      code: "export { sum } from './sum.js'\n",
      files: { 'src/sum.ts': DOCUMENTED_SUM },
      errors: [],
    },
    {
      name: 'an imported binding exported again, documented',
      code: lines("import { sum as add } from './sum'", 'export { add }'),
      files: { 'src/sum.ts': DOCUMENTED_SUM },
      errors: [],
    },
    {
      name: 'a bare package specifier: unknown, not reported',
      code: lines("export { debounce } from 'lodash'", "import { x } from '@scope/pkg'", 'export { x }'),
      errors: [],
    },
    { name: 'a relative specifier to no file: unknown', code: "export { gone } from './gone.js'\n", errors: [] },
    { name: 'a name the target does not export: unknown', code: "export { other } from './sum.js'\n", files: { 'src/sum.ts': BARE_SUM }, errors: [] },
    { name: 'a cycle of re-exports ends as unknown', code: "export { x } from './b.js'\n", files: { 'src/b.ts': "export { x } from './a.js'\n" }, errors: [] },
    {
      name: 'a chain through an index to a documented original',
      code: "export { sum } from './lib'\n",
      files: { 'src/lib/index.ts': "export * from './sum.js'\n", 'src/lib/sum.ts': DOCUMENTED_SUM },
      errors: [],
    },
    { name: 'export * whose names are all documented', code: "export * from './sum.js'\n", files: { 'src/sum.ts': DOCUMENTED_SUM }, errors: [] },
    {
      name: 'export * shadowed by a documented explicit export of the same name',
      code: lines("export * from './sum.js'", '/** Ours. */', 'export function sum() {}'),
      files: { 'src/sum.ts': BARE_SUM },
      errors: [],
    },
    {
      name: 'a namespace import exported again is not judged',
      code: lines("import * as m from './sum.js'", 'export { m }'),
      files: { 'src/sum.ts': BARE_SUM },
      errors: [],
    },
  ])
  table([
    {
      name: 'export { sum as add } from an undocumented original: at the exported name',
      code: "export { sum as add } from './sum.js'\n",
      files: { 'src/sum.ts': BARE_SUM },
      errors: [['add', 're-export', 1, 17, 'src/sum.ts']],
    },
    {
      name: 'an imported binding exported again, undocumented',
      code: lines("import { sum } from './sum'", '', 'export { sum }'),
      files: { 'src/sum.ts': BARE_SUM },
      errors: [['sum', 're-export', 3, 10, 'src/sum.ts']],
    },
    {
      name: 'a default import exported again',
      code: lines("import main from './main.js'", 'export { main }'),
      files: { 'src/main.ts': 'export default function main() {}\n' },
      errors: [['main', 're-export', 2, 10, 'src/main.ts']],
    },
    {
      name: 'a chain a → lib/index → lib/sum (extensionless, /index)',
      code: "export { sum } from './lib'\n",
      files: { 'src/lib/index.ts': "export { sum } from './sum'\n", 'src/lib/sum.ts': BARE_SUM },
      errors: [['sum', 're-export', 1, 10, 'src/lib/sum.ts']],
    },
    {
      name: '.js specifier resolved to a .tsx file',
      code: "export { Button } from './Button.js'\n",
      files: { 'src/Button.tsx': 'export const Button = () => <button />\n' },
      errors: [['Button', 're-export', 1, 10, 'src/Button.tsx']],
    },
    {
      name: 'export * reports each undocumented original it exposes, at the export * statement',
      code: lines('/** A. */', 'export const a = 1', "  export * from './more.js'"),
      files: { 'src/more.ts': lines('export const b = 2', '/** C. */', 'export const c = 3', 'export function d() {}', 'export default function e() {}') },
      errors: [
        ['b', 'export-star', 3, 3, 'src/more.ts'],
        ['d', 'export-star', 3, 3, 'src/more.ts'],
      ],
    },
    {
      name: 'export * through another export *',
      code: "export * from './x.js'\n",
      files: { 'src/x.ts': "export * from './y.js'\n", 'src/y.ts': 'export const deep = 1\n' },
      errors: [['deep', 'export-star', 1, 1, 'src/y.ts']],
    },
    {
      name: 'export * not on an added line exposes nothing new',
      code: lines("export * from './more.js'", '/** A. */', 'export const a = 1'),
      added: [[2, 3]],
      files: { 'src/more.ts': 'export const b = 2\n' },
      errors: [],
    },
  ])
})

describe('resolveModule', () => {
  const files = new Set(['src/a.ts', 'src/b.tsx', 'src/c.mts', 'src/d.cts', 'src/e/index.ts', 'src/f.js', 'src/g.d.ts', 'lib/h.mjs'])
  it.each([
    ['./a.js', 'src/a.ts'],
    ['./a', 'src/a.ts'],
    ['./a.ts', 'src/a.ts'],
    ['./b.js', 'src/b.tsx'],
    ['./c.mjs', 'src/c.mts'],
    ['./d.cjs', 'src/d.cts'],
    ['./e', 'src/e/index.ts'],
    ['./e/index.js', 'src/e/index.ts'],
    ['./f.js', 'src/f.js'],
    ['./g.js', 'src/g.d.ts'],
    ['../lib/h.mjs', 'lib/h.mjs'],
    ['.', undefined],
    ['./missing.js', undefined],
    ['lodash', undefined],
    ['@scope/pkg/sub', undefined],
    ['../../outside.js', undefined],
  ])('%s from src/x.ts → %s', (specifier, expected) => {
    expect(resolveModule('src/x.ts', specifier, files)).toBe(expected)
  })
})
