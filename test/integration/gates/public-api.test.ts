// doc-coverage's public API: what a publishable package's entry points (package.json exports,
// mapped from dist/ to src/) expose through re-exports is high; other files of the package are
// medium; one finding per symbol, at its declaration. Real git repository, the engine end to end.
import { afterAll, describe, expect, it } from 'vitest'
import type { DocCoverageData } from '../../../src/gates/doc-coverage.js'
import { runProofgate } from '../../../src/runner/run.js'
import type { RunResult } from '../../../src/runner/types.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const README = lines('# lib', '', 'What this library does and how to use it, in well over sixty-four bytes.')

function repo(files: Record<string, string>): TempRepo {
  const r = makeTempGitRepo({ files: { '.gitignore': '.proofgate/\n', 'README.md': README, ...files } })
  repos.push(r)
  return r
}

async function run(r: TempRepo, options: { base?: string; all?: boolean } = {}): Promise<RunResult> {
  return runProofgate({
    cwd: r.dir,
    gates: ['doc-coverage'],
    ...(options.all === true ? { scope: 'all' as const, base: 'HEAD' } : { base: options.base! }),
    strictWarnings: false,
    env: {},
    reporters: [],
    warn: () => {},
  })
}

/** [rule id, severity, path:line:column, blocking, message] of each doc-coverage finding, in report order. */
const found = (result: RunResult) =>
  result.findings
    .filter((f) => f.gate === 'doc-coverage')
    .map((f) => [f.ruleId, f.severity, `${f.path}:${f.startLine}:${f.startColumn}`, f.blocking, f.message])

/** A package whose entry `.` is src/index.ts (through dist/) and `./utils` is src/utils.ts. */
const MANIFEST =
  JSON.stringify({
    name: 'lib',
    type: 'module',
    exports: { '.': { types: './dist/index.d.mts', import: './dist/index.mjs' }, './utils': './dist/utils.mjs' },
  }) + '\n'

describe('export-undocumented: public API from the entry points', () => {
  it('scan --all: nothing is new debt, so the exposed symbol is medium (once, at its declaration) and an internal helper and a script are low; none blocks', async () => {
    const r = makeTempGitRepo({
      files: {
        '.gitignore': '.proofgate/\n',
        'README.md': README,
        'package.json': JSON.stringify({ name: 'lib', exports: { '.': { import: { types: './dist/index.d.mts', default: './dist/index.mjs' } } } }) + '\n',
        'src/index.ts': lines("export { pub } from './pub.js'", "export { pub as default } from './pub.js'"),
        'src/pub.ts': lines("import { helper } from './internal.js'", 'export function pub(): number {', '  return helper()', '}'),
        'src/internal.ts': lines('export function helper(): number {', '  return 1', '}'),
        'scripts/release.ts': lines('export function release(): void {}'),
      },
    })
    repos.push(r)
    const result = await runProofgate({
      cwd: r.dir,
      gates: ['doc-coverage'],
      scope: 'all',
      base: 'HEAD',
      strictWarnings: false,
      env: {},
      reporters: [],
      warn: () => {},
    })
    expect(result.findings.map((f) => [f.ruleId, f.severity, `${f.path}:${f.startLine}:${f.startColumn}`, f.blocking])).toEqual([
      ['export-undocumented', 'low', 'src/pub.ts:2:17', false],
      ['export-undocumented', 'info', 'scripts/release.ts:1:17', false],
      ['export-undocumented', 'info', 'src/internal.ts:1:17', false],
    ])
    expect(result.exitCode).toBe(0)
    expect(result.gates[0]!.summary).toContain('; public API: the root package from src/index.ts (2 files)')
  })

  it('scan --all: each public symbol (medium) names the entry and the files that expose it (a namespace member too); an exported name no entry re-exports is low', async () => {
    const r = repo({
      'package.json': MANIFEST,
      'src/index.ts': lines("export { defu, defu as default } from './defu.js'", "export * as tools from './tools.js'"),
      'src/tools.ts': lines('export function clamp(): number {', '  return 0', '}'),
      'src/defu.ts': lines('export function defu(): number {', '  return merge()', '}', 'export function merge(): number {', '  return 1', '}'),
      'src/utils.ts': lines("export const isObject = (v: unknown): boolean => typeof v === 'object'"),
    })
    const result = await run(r, { all: true })
    expect(found(result)).toEqual([
      [
        'export-undocumented',
        'low',
        'src/defu.ts:1:17',
        false,
        'Exported function `defu` has no doc comment; public API of publishable package lib, exported from the package entry `.` (src/index.ts → src/defu.ts).',
      ],
      [
        'export-undocumented',
        'low',
        'src/tools.ts:1:17',
        false,
        'Exported function `clamp` has no doc comment; public API of publishable package lib, exported from the package entry `.` as `tools.clamp` (src/index.ts → src/tools.ts).',
      ],
      [
        'export-undocumented',
        'low',
        'src/utils.ts:1:14',
        false,
        'Exported const `isObject` has no doc comment; public API of publishable package lib, exported from the package entry `./utils` (src/utils.ts).',
      ],
      ['export-undocumented', 'info', 'src/defu.ts:4:17', false, 'Exported function `merge` has no doc comment.'],
    ])
  })
})

describe('export-undocumented: what a change made new', () => {
  it('a documented method or property added to an old undocumented class or interface does not report it; a changed header of an old undocumented class is pre-existing debt: low', async () => {
    const r = repo({
      'package.json': MANIFEST,
      'src/index.ts': lines("export * from './shape.js'"),
      'src/shape.ts': lines(
        'export class Shape {',
        '  area(): number {',
        '    return 0',
        '  }',
        '}',
        'export interface Options {',
        '  size: number',
        '}',
        'export class Base {}',
      ),
    })
    const base = r.head()
    r.commit('members', {
      'src/shape.ts': lines(
        'export class Shape {',
        '  area(): number {',
        '    return 0',
        '  }',
        '  /** The outline length, in pixels. */',
        '  perimeter(): number {',
        '    return 0',
        '  }',
        '}',
        'export interface Options {',
        '  size: number',
        '  /** Stroke colour, a CSS colour string. */',
        '  colour?: string',
        '}',
        'export class Base extends Object {}',
      ),
    })
    const result = await run(r, { base })
    expect(found(result)).toEqual([
      [
        'export-undocumented',
        'low',
        'src/shape.ts:15:14',
        false,
        'Exported class `Base` has no doc comment (none at the base either: this change edits it); public API of publishable package lib, exported from the package entry `.` (src/index.ts → src/shape.ts).',
      ],
    ])
    expect(result.exitCode).toBe(0)
  })

  it('new debt only: editing an export that was already undocumented is low; an export the change adds is medium; deleting the doc comment of public API is high and blocks', async () => {
    const r = repo({
      'package.json': MANIFEST,
      'src/index.ts': lines("export * from './price.js'"),
      'src/price.ts': lines(
        'export function price(net: number): number {',
        '  return Math.round(net * 1.2)',
        '}',
        '/** The fee for n items, in cents. */',
        'export function fee(n: number): number {',
        '  return n * 2',
        '}',
      ),
    })
    const base = r.head()
    r.commit('floor the price, a new discount, the fee comment dropped', {
      'src/price.ts': lines(
        'export function price(net: number, rate = 1.2): number {',
        '  return Math.floor(net * rate)',
        '}',
        'export function fee(n: number): number {',
        '  return n * 3',
        '}',
        'export function discount(n: number): number {',
        '  return n / 10',
        '}',
      ),
    })
    const result = await run(r, { base })
    expect(found(result)).toEqual([
      [
        'export-undocumented',
        'high',
        'src/price.ts:4:17',
        true,
        'Exported function `fee` has no doc comment (this change removed it); public API of publishable package lib, exported from the package entry `.` (src/index.ts → src/price.ts).',
      ],
      [
        'export-undocumented',
        'medium',
        'src/price.ts:7:17',
        false,
        'Exported function `discount` has no doc comment; public API of publishable package lib, exported from the package entry `.` (src/index.ts → src/price.ts).',
      ],
      [
        'export-undocumented',
        'low',
        'src/price.ts:1:17',
        false,
        'Exported function `price` has no doc comment (none at the base either: this change edits it); public API of publishable package lib, exported from the package entry `.` (src/index.ts → src/price.ts).',
      ],
    ])
    expect(result.exitCode).toBe(1)
  })

  it('a re-export the base already had is not newly exposed; a new re-export of an old undocumented symbol is', async () => {
    const r = repo({
      'package.json': MANIFEST,
      'src/index.ts': lines("export { old } from './old.js'", "export * from './stars.js'"),
      'src/old.ts': lines('export function old(): number {', '  return 1', '}'),
      'src/stars.ts': lines('export const star = 1'),
      'src/legacy.ts': lines('export function legacy(): number {', '  return 2', '}'),
    })
    const base = r.head()
    r.commit('regroup the barrel', {
      'src/index.ts': lines('export {', '  old,', "} from './old.js'", 'export * from "./stars.js"', "export { legacy } from './legacy.js'"),
    })
    const result = await run(r, { base })
    expect(found(result)).toEqual([
      [
        'export-undocumented',
        'medium',
        'src/index.ts:5:10',
        false,
        'Re-export `legacy` exposes function `legacy` (src/legacy.ts:1), which has no doc comment; public API of publishable package lib, exported from the package entry `.` (src/index.ts → src/legacy.ts).',
      ],
    ])
    expect((result.gates[0]!.data as DocCoverageData).undocumented).toBe(1)
  })
})

describe('export-undocumented: generated files are not source', () => {
  const FP = (name: string) =>
    lines("// This file is generated automatically by `scripts/build/fp.ts`. Please, don't change it.", '', `export const ${name} = (n: number): number => n`)

  it('scan --all: a file whose header says it was generated is not judged, while the barrels through it are still followed', async () => {
    const r = repo({
      'package.json': MANIFEST,
      'src/index.ts': lines('// @generated by scripts/indices.ts', "export * from './fp/add.js'", "export * from './sub.js'"),
      'src/fp/add.ts': FP('add'),
      'src/sub.ts': lines('export const sub = 1'),
    })
    const result = await run(r, { all: true })
    expect(found(result)).toEqual([
      [
        'export-undocumented',
        'low',
        'src/sub.ts:1:14',
        false,
        'Exported const `sub` has no doc comment; public API of publishable package lib, exported from the package entry `.` (src/index.ts → src/sub.ts).',
      ],
    ])
    expect((result.gates[0]!.data as DocCoverageData).generated).toBe(2)
  })

  it('in a range the base must say generated too: a regenerated file passes, a header the change adds to its own file or a new file does not exempt it', async () => {
    const r = repo({
      'package.json': MANIFEST,
      'src/index.ts': lines("export * from './fp/add.js'", "export * from './own.js'"),
      'src/fp/add.ts': FP('add'),
      'src/own.ts': lines('/** One. */', 'export const one = 1'),
    })
    const base = r.head()
    r.commit('regenerate', {
      'src/index.ts': lines("export * from './fp/add.js'", "export * from './own.js'", "export * from './fp/mul.js'"),
      'src/fp/add.ts': FP('add').replace('n: number', 'value: number').replace('=> n', '=> value'),
      'src/fp/mul.ts': FP('mul'),
      'src/own.ts': lines('// Code generated by hand. DO NOT EDIT.', 'export const one = 1'),
    })
    const result = await run(r, { base })
    expect(found(result).map((f) => f.slice(0, 4))).toEqual([
      // own.ts's doc comment gave way to the header: deleted public docs, high.
      ['export-undocumented', 'high', 'src/own.ts:2:14', true],
      ['export-undocumented', 'medium', 'src/fp/mul.ts:3:14', false],
    ])
    expect((result.gates[0]!.data as DocCoverageData).generated).toBe(1)
  })
})
