// Import classification on a real temp monorepo: relative files (.js→.ts), tsconfig paths through
// extends, baseUrl, #imports, own and workspace packages, doubles, test libraries, builtins, externals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createImportClassifier, isTestLibrary, resolveModulePath, type ClassifiedImport, type ImportClassifier } from '../../../src/testing/resolve.js'
import { makeTempDir, removeTempDirs } from '../../helpers/repo.js'

afterAll(removeTempDirs)

async function classifierFor(files: Record<string, string>): Promise<ImportClassifier> {
  return createImportClassifier(makeTempDir(files, 'proofgate-resolve-'), Object.keys(files))
}

const json = (value: unknown): string => JSON.stringify(value, null, 2)

const REPO: Record<string, string> = {
  'package.json': json({
    name: '@acme/app',
    main: './dist/index.js',
    workspaces: ['packages/*'],
    imports: {
      '#internal/*': './src/internal/*.ts',
      '#db': { types: './dist/db.d.ts', node: './src/db/node.ts', default: './src/db/browser.ts' },
      '#test-db': './test/fake-db.ts',
    },
  }),
  'tsconfig.base.json': json({
    compilerOptions: {
      baseUrl: '.',
      paths: {
        '@/*': ['src/*'],
        '~utils': ['src/utils/index.ts'],
        '@gen/*': ['generated/*'],
        vue: ['./node_modules/vue/dist/vue.esm.js'],
        '*': ['types/*'],
      },
    },
  }),
  // JSONC: a comment and a trailing comma, as tsc accepts.
  'tsconfig.json': '{\n  // shared settings\n  "extends": "./tsconfig.base",\n  "compilerOptions": { "strict": true, },\n}\n',
  'src/index.ts': '',
  'src/user.ts': '',
  'src/math.ts': '',
  'src/component.tsx': '',
  'src/esm.mts': '',
  'src/utils/index.ts': '',
  'src/internal/x.ts': '',
  'src/db/node.ts': '',
  'src/db/browser.ts': '',
  'src/__mocks__/fs.ts': '',
  'src/user.mock.ts': '',
  'src/mockingbird.ts': '',
  'types/shim.ts': '',
  'test/user.test.ts': '',
  'test/fake-db.ts': '',
  'test/fixtures/user.ts': '',
  'test/fixtures/pkg/package.json': json({ name: 'react' }),
  'node_modules/some-dep/package.json': json({ name: 'some-dep' }),
  'packages/core/package.json': json({
    name: '@acme/core',
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './feature': './src/feature.ts', './utils/*': './src/utils/*.ts' },
  }),
  'packages/core/tsconfig.json': json({ extends: '@acme/tsconfig/strict.json', compilerOptions: { paths: { '#core/*': ['./src/*'] } } }),
  'packages/core/src/index.ts': '',
  'packages/core/src/feature.ts': '',
  'packages/core/src/utils/strings.ts': '',
  'packages/core/test/a.test.ts': '',
  'packages/tsconfig/package.json': json({ name: '@acme/tsconfig' }),
  'packages/tsconfig/strict.json': json({ compilerOptions: { strict: true } }),
  'packages/zod/package.json': json({ name: 'zod', main: './index.js', exports: { './v4': { '@zod/source': './src/v4/index.ts', import: './v4/index.js' } } }),
  'packages/zod/src/v4/index.ts': '',
  'packages/legacy/package.json': json({ name: 'legacy', main: 'lib/legacy.js' }),
  'packages/legacy/src/legacy.ts': '',
  'web/tsconfig.json': json({ compilerOptions: { baseUrl: 'src' } }),
  'web/src/lib/api.ts': '',
  'web/test/a.test.ts': '',
}

type Row = [from: string, specifier: string, expected: ClassifiedImport]

const T = 'test/user.test.ts'
const rows: Record<string, Row[]> = {
  relative: [
    [T, '../src/user', { kind: 'source', resolved: 'src/user.ts' }],
    [T, '../src/user.ts', { kind: 'source', resolved: 'src/user.ts' }],
    [T, '../src/math.js', { kind: 'source', resolved: 'src/math.ts' }],
    ['src/index.ts', './component.js', { kind: 'source', resolved: 'src/component.tsx' }],
    ['src/index.ts', './esm.mjs', { kind: 'source', resolved: 'src/esm.mts' }],
    [T, '../src/utils', { kind: 'source', resolved: 'src/utils/index.ts' }],
    [T, '../src', { kind: 'source', resolved: 'src/index.ts' }],
    [T, '../src/missing', { kind: 'source' }],
    ['src/index.ts', './worker.js?worker', { kind: 'source' }],
    ['src/index.ts', '/src/user', { kind: 'source', resolved: 'src/user.ts' }],
    ['src/index.ts', '/nowhere/x', { kind: 'external' }],
  ],
  'tsconfig paths (through extends), baseUrl': [
    [T, '@/user', { kind: 'source', resolved: 'src/user.ts' }],
    [T, '~utils', { kind: 'source', resolved: 'src/utils/index.ts' }],
    [T, '@gen/schema', { kind: 'source' }],
    [T, 'shim', { kind: 'source', resolved: 'types/shim.ts' }],
    [T, 'vue', { kind: 'external' }],
    ['packages/core/test/a.test.ts', '#core/feature', { kind: 'source', resolved: 'packages/core/src/feature.ts' }],
    ['web/test/a.test.ts', 'lib/api', { kind: 'source', resolved: 'web/src/lib/api.ts' }],
    ['web/test/a.test.ts', '@/user', { kind: 'source', resolved: 'src/user.ts' }],
    ['web/test/a.test.ts', 'react', { kind: 'external' }],
  ],
  '#imports': [
    [T, '#internal/x', { kind: 'source', resolved: 'src/internal/x.ts' }],
    [T, '#db', { kind: 'source', resolved: 'src/db/node.ts' }],
    [T, '#nothing', { kind: 'source' }],
    [T, '#test-db', { kind: 'double', resolved: 'test/fake-db.ts' }],
  ],
  'own and workspace packages': [
    [T, '@acme/app', { kind: 'source', resolved: 'src/index.ts' }],
    [T, '@acme/core', { kind: 'source', resolved: 'packages/core/src/index.ts' }],
    [T, '@acme/core/feature', { kind: 'source', resolved: 'packages/core/src/feature.ts' }],
    [T, '@acme/core/utils/strings', { kind: 'source', resolved: 'packages/core/src/utils/strings.ts' }],
    [T, '@acme/core/unknown', { kind: 'source' }],
    [T, 'zod/v4', { kind: 'source', resolved: 'packages/zod/src/v4/index.ts' }],
    [T, 'legacy', { kind: 'source', resolved: 'packages/legacy/src/legacy.ts' }],
  ],
  doubles: [
    ['src/index.test.ts', './__mocks__/fs', { kind: 'double', resolved: 'src/__mocks__/fs.ts' }],
    [T, './fixtures/user', { kind: 'double', resolved: 'test/fixtures/user.ts' }],
    [T, './fake-db', { kind: 'double', resolved: 'test/fake-db.ts' }],
    ['src/index.test.ts', './user.mock', { kind: 'double', resolved: 'src/user.mock.ts' }],
    ['src/index.test.ts', './userStub', { kind: 'double' }],
    ['src/index.test.ts', './STUBS/a', { kind: 'double' }],
    ['src/index.test.ts', './mockingbird', { kind: 'source', resolved: 'src/mockingbird.ts' }],
    [T, 'mock-fs', { kind: 'double' }],
  ],
  'test libraries': [
    'vitest',
    'vitest/config',
    '@vitest/expect',
    'jest',
    '@jest/globals',
    'jest-extended',
    'mocha',
    'chai',
    'chai-as-promised',
    'sinon',
    '@testing-library/react',
    'supertest',
    'nock',
    'msw/node',
    '@playwright/test',
    'expect-type',
    'node:test',
    'node:assert/strict',
    'assert',
    'assert/strict',
    '@types/node',
  ].map((s): Row => [T, s, { kind: 'test-library' }]),
  builtins: ['node:fs', 'fs', 'fs/promises', 'path', 'node:child_process', 'node:sqlite'].map((s): Row => [T, s, { kind: 'builtin' }]),
  externals: ['react', 'lodash/merge', '@scope/pkg', 'some-dep', 'playwright', 'testing'].map((s): Row => [T, s, { kind: 'external' }]),
}

describe('createImportClassifier', () => {
  let classifier: ImportClassifier
  beforeAll(async () => {
    classifier = await classifierFor(REPO)
  })

  it('knows the own package names, not those in node_modules or fixtures', () => {
    expect([...classifier.packageNames].sort()).toEqual(['@acme/app', '@acme/core', '@acme/tsconfig', 'legacy', 'zod'])
  })

  for (const [group, table] of Object.entries(rows)) {
    it(`classifies ${group}`, () => {
      expect(table.map(([from, specifier]) => [from, specifier, classifier.classify(from, specifier)])).toEqual(table)
    })
  }

  it('caches per directory of the importing file and specifier', () => {
    const first = classifier.classify('test/user.test.ts', '../src/user')
    expect(classifier.classify('test/other.test.ts', '../src/user')).toBe(first)
    expect(classifier.classify('test/deep/x.test.ts', '../src/user')).toEqual({ kind: 'source' })
  })
})

describe('precedence and exemptions', () => {
  it('an own package named like a test library is source (the runner testing itself)', async () => {
    const classifier = await classifierFor({
      'package.json': json({ name: 'expect', exports: { '.': { import: './build/index.js' } } }),
      'src/index.ts': '',
      'test/a.test.ts': '',
    })
    expect(classifier.classify('test/a.test.ts', 'expect')).toEqual({ kind: 'source', resolved: 'src/index.ts' })
    expect(classifier.classify('test/a.test.ts', 'vitest')).toEqual({ kind: 'test-library' })
  })

  it('words of the own package name do not mark its files as doubles', async () => {
    const classifier = await classifierFor({
      'package.json': json({ name: '@sinonjs/fake-timers', main: './src/fake-timers-src.js' }),
      'src/fake-timers-src.js': '',
      'test/fake-timers-test.js': '',
      'test/fixtures/clock.js': '',
    })
    expect(classifier.classify('test/fake-timers-test.js', '../src/fake-timers-src.js')).toEqual({ kind: 'source', resolved: 'src/fake-timers-src.js' })
    expect(classifier.classify('test/fake-timers-test.js', '@sinonjs/fake-timers')).toEqual({ kind: 'source', resolved: 'src/fake-timers-src.js' })
    expect(classifier.classify('test/fake-timers-test.js', './fixtures/clock')).toEqual({ kind: 'double', resolved: 'test/fixtures/clock.js' })
  })

  it('a tsconfig extends cycle and an invalid tsconfig do not break the classifier', async () => {
    const classifier = await classifierFor({
      'tsconfig.json': json({ extends: './tsconfig.other.json', compilerOptions: { paths: { '$lib/*': ['./lib/*'] } } }),
      'tsconfig.other.json': json({ extends: './tsconfig.json' }),
      'pkg/tsconfig.json': '{ not json',
      'lib/a.ts': '',
    })
    expect(classifier.classify('pkg/x.test.ts', '$lib/a')).toEqual({ kind: 'source', resolved: 'lib/a.ts' })
  })
})

describe('helpers', () => {
  it('resolveModulePath tries the file, the TypeScript twin, extensions, then index', () => {
    const files = new Set(['a.ts', 'b.js', 'c/index.tsx', 'd.mts', 'e.js', 'e.ts', 'index.ts'])
    const paths = ['a', 'a.js', 'b', 'b.js', 'c', 'c.js', 'd.mjs', 'e.js', '', 'z']
    expect(paths.map((p) => resolveModulePath(files, p))).toEqual([
      'a.ts',
      'a.ts',
      'b.js',
      'b.js',
      'c/index.tsx',
      undefined,
      'd.mts',
      'e.js',
      'index.ts',
      undefined,
    ])
  })

  it('isTestLibrary matches names, subpaths, scopes and plugin prefixes only', () => {
    const specs = [
      'vitest',
      'vitest/node',
      'vitestish',
      '@vitest/ui',
      'chai-http',
      'chaiscript',
      'uvu/assert',
      '@types/jest',
      'node:test/reporters',
      'node:fs',
      'bun:test',
    ]
    expect(specs.filter(isTestLibrary)).toEqual([
      'vitest',
      'vitest/node',
      '@vitest/ui',
      'chai-http',
      'uvu/assert',
      '@types/jest',
      'node:test/reporters',
      'bun:test',
    ])
  })
})
