// Test-file discovery on real temp trees: vitest, jest and mocha configs read statically (include,
// exclude, workspaces, <rootDir>, package.json keys), the conventions, exclusions and git listing.
import { afterAll, describe, expect, it } from 'vitest'
import { discoverTests, type RunnerConfigFacts } from '../../../src/testing/discover.js'
import { makeTempDir, removeTempDirs } from '../../helpers/repo.js'

afterAll(removeTempDirs)

/** Writes `files` into a fresh temp dir and returns it. */
const tree = (files: Record<string, string>): string => makeTempDir(files, 'proofgate-discover-')

async function discover(files: Record<string, string>, exclude?: string[]) {
  return discoverTests(tree(files), { files: Object.keys(files), ...(exclude === undefined ? {} : { exclude }) })
}

interface Case {
  name: string
  files: Record<string, string>
  exclude?: string[]
  testFiles: string[]
  source: 'runner-config' | 'conventions'
  setupFiles?: string[]
  /** path, runner, dir, include, explicit of each config, in order. */
  configs?: Array<[string, RunnerConfigFacts['runner'], string, string[], boolean]>
}

const VITEST_DEFAULT = ['**/*.{test,spec}.?(c|m)[jt]s?(x)']
const JEST_DEFAULT = ['**/__tests__/**/*.[jt]s?(x)', '**/?(*.)+(spec|test).[jt]s?(x)']

const cases: Case[] = [
  {
    name: 'conventions without any runner config (date-fns layout, __tests__, test/, tests/)',
    files: {
      'package.json': '{"name":"lib"}',
      'src/addDays/index.ts': '',
      'src/addDays/test.ts': '',
      'src/index.ts': '',
      'src/util/__tests__/helper.ts': '',
      'src/util/format.spec.js': '',
      'test/helpers.ts': '',
      'test/fixtures/input.ts': '',
      'test/__fixtures__/other.ts': '',
      'packages/x/tests/y.test.tsx': '',
      'types/a.test.d.ts': '',
      'test/__snapshots__/a.test.ts.snap': '',
      'test/data.json': '',
      'dist/a.test.js': '',
      'build/b.test.js': '',
      'coverage/c.test.js': '',
      '.next/d.test.js': '',
      'node_modules/dep/e.test.js': '',
      'README.md': '',
    },
    testFiles: ['packages/x/tests/y.test.tsx', 'src/addDays/test.ts', 'src/util/__tests__/helper.ts', 'src/util/format.spec.js', 'test/helpers.ts'],
    source: 'conventions',
    configs: [],
  },
  {
    name: 'vitest include and exclude win over the conventions; an explicit include reaches fixtures',
    files: {
      'vitest.config.ts': [
        "import { configDefaults, defineConfig } from 'vitest/config'",
        "const include = ['src/**/*.unit.ts', 'test/**/*.test.ts']",
        'export default defineConfig({',
        '  plugins: [],',
        "  test: { include, exclude: [...configDefaults.exclude, 'test/slow/**'], setupFiles: ['./test/setup.ts'], globalSetup: 'test/global.ts' },",
        '})',
      ].join('\n'),
      'src/a.ts': '',
      'src/a.unit.ts': '',
      'src/a.test.ts': '',
      'src/b/test.ts': '',
      'test/x.test.ts': '',
      'test/slow/y.test.ts': '',
      'test/setup.ts': '',
      'test/global.ts': '',
      'test/fixtures/f.test.ts': '',
    },
    testFiles: ['src/a.unit.ts', 'test/fixtures/f.test.ts', 'test/x.test.ts'],
    source: 'runner-config',
    setupFiles: ['test/global.ts', 'test/setup.ts'],
    configs: [['vitest.config.ts', 'vitest', '', ['src/**/*.unit.ts', 'test/**/*.test.ts'], true]],
  },
  {
    name: 'date-fns: vitest include of src/**/test.ts',
    files: {
      'vitest.config.ts':
        'import { defineConfig } from "vitest/config";\nexport default defineConfig({ test: { include: ["src/**/test.ts", "scripts/_lib/**/test.ts"], isolate: false } });\n',
      'src/addDays/index.ts': '',
      'src/addDays/test.ts': '',
      'src/addDays/other.test.ts': '',
      'scripts/_lib/x/test.ts': '',
      'scripts/y/test.ts': '',
    },
    testFiles: ['scripts/_lib/x/test.ts', 'src/addDays/test.ts'],
    source: 'runner-config',
    configs: [['vitest.config.ts', 'vitest', '', ['src/**/test.ts', 'scripts/_lib/**/test.ts'], true]],
  },
  {
    name: 'a vitest include that is not static falls back to the defaults, joined by the conventions',
    files: {
      'vitest.config.mjs': "export default { test: { include: process.env.CI ? ['a/**'] : ['b/**'] } }\n",
      'src/a.test.mts': '',
      'src/b/test.js': '',
      'src/c.ts': '',
    },
    testFiles: ['src/a.test.mts', 'src/b/test.js'],
    source: 'runner-config',
    configs: [['vitest.config.mjs', 'vitest', '', VITEST_DEFAULT, false]],
  },
  {
    name: 'vite.config without a test key is not a vitest config (its package keeps the conventions); with one it is',
    files: {
      'app/vite.config.ts': 'export default { plugins: [] }\n',
      'app/src/a.test.ts': '',
      'lib/vite.config.js': "export default { test: { include: ['spec/**/*.js'] } }\n",
      'lib/spec/b.js': '',
      'lib/src/c.test.js': '',
    },
    testFiles: ['app/src/a.test.ts', 'lib/spec/b.js'],
    source: 'runner-config',
    configs: [['lib/vite.config.js', 'vitest', 'lib', ['spec/**/*.js'], true]],
  },
  {
    name: 'vitest.workspace monorepo: package configs, a package without one, an inline project',
    files: {
      'vitest.workspace.ts':
        "import { defineWorkspace } from 'vitest/config'\nexport default defineWorkspace(['packages/*', { test: { name: 'scripts', include: ['scripts/**/*.check.ts'] } }])\n",
      'packages/a/vitest.config.mts':
        "import { defineProject } from 'vitest/config'\nimport { resolve } from 'node:path'\nexport default defineProject({ test: { include: ['test/**/*.ts'], setupFiles: [resolve(__dirname, 'test/setup')] } })\n",
      'packages/a/test/a.ts': '',
      'packages/a/test/setup.ts': '',
      'packages/a/src/a.test.ts': '',
      'packages/b/package.json': '{"name":"b"}',
      'packages/b/src/b.spec.tsx': '',
      'packages/b/src/b.ts': '',
      'scripts/x.check.ts': '',
      'scripts/y.ts': '',
      'test/fixtures/proj/vitest.config.ts': "export default { test: { include: ['**/*.ts'] } }\n",
      'test/fixtures/proj/z.ts': '',
    },
    testFiles: ['packages/a/test/a.ts', 'packages/b/src/b.spec.tsx', 'scripts/x.check.ts'],
    source: 'runner-config',
    setupFiles: ['packages/a/test/setup.ts'],
    configs: [
      ['packages/a/vitest.config.mts', 'vitest', 'packages/a', ['test/**/*.ts'], true],
      ['vitest.workspace.ts', 'vitest', '', [], true],
      ['vitest.workspace.ts', 'vitest', 'packages/b', VITEST_DEFAULT, false],
      ['vitest.workspace.ts', 'vitest', '', ['scripts/**/*.check.ts'], true],
    ],
  },
  {
    name: 'vitest test.projects with extends: true inherits the root exclude',
    files: {
      'vitest.config.ts': [
        "import { defineConfig } from 'vitest/config'",
        'export default defineConfig({',
        "  test: { exclude: ['**/skip/**'], projects: [",
        "    { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },",
        "    { test: { name: 'e2e', root: './e2e', include: ['**/*.e2e.ts'] } },",
        '  ] },',
        '})',
      ].join('\n'),
      'src/a.test.ts': '',
      'src/skip/b.test.ts': '',
      'e2e/c.e2e.ts': '',
      'other/d.e2e.ts': '',
    },
    testFiles: ['e2e/c.e2e.ts', 'src/a.test.ts'],
    source: 'runner-config',
    configs: [
      ['vitest.config.ts', 'vitest', '', [], true],
      ['vitest.config.ts', 'vitest', '', ['src/**/*.test.ts'], true],
      ['vitest.config.ts', 'vitest', 'e2e', ['**/*.e2e.ts'], true],
    ],
  },
  {
    name: 'a config claims its directory; packages outside every config keep the conventions (no tool configs, no fixtures)',
    files: {
      'packages/a/vitest.config.ts': "export default { test: { include: ['spec/**/*.ts'] } }\n",
      'packages/a/spec/a.ts': '',
      'packages/a/src/a.test.ts': '',
      'packages/node-runner/test/cli.test.js': '',
      'packages/node-runner/test/fixtures/x.test.js': '',
      'packages/e2e/playwright.config.ts': '',
      'packages/e2e/test/ui.spec.ts': '',
      'packages/e2e/test/.eslintrc.js': '',
      'packages/e2e/vitest.config.unit.ts': "export default { test: { include: ['test/**/*.unit.ts'] } }\n",
      'packages/e2e/test/z.unit.ts': '',
    },
    testFiles: ['packages/a/spec/a.ts', 'packages/e2e/test/ui.spec.ts', 'packages/e2e/test/z.unit.ts', 'packages/node-runner/test/cli.test.js'],
    source: 'runner-config',
    configs: [
      ['packages/a/vitest.config.ts', 'vitest', 'packages/a', ['spec/**/*.ts'], true],
      ['packages/e2e/vitest.config.unit.ts', 'vitest', 'packages/e2e', ['test/**/*.unit.ts'], true],
    ],
  },
  {
    name: 'alternate configs add their explicit includes without claiming; vitest test.dir is the glob base',
    files: {
      'vitest.config.ts': "export default { test: { dir: './src' } }\n",
      'vitest.config.browser.mts': "export default { test: { include: ['specs/**/*.ts'] } }\n",
      'vitest.e2e.config.ts':
        "import base from './vitest.config'\nimport { mergeConfig } from 'vitest/config'\nexport default mergeConfig(base, { test: { retry: 2 } })\n",
      'src/a.test.ts': '',
      'src/b.ts': '',
      'specs/c.ts': '',
      'other/d.test.ts': '',
    },
    testFiles: ['specs/c.ts', 'src/a.test.ts'],
    source: 'runner-config',
    configs: [
      ['vitest.config.ts', 'vitest', 'src', VITEST_DEFAULT, false],
      ['vitest.config.browser.mts', 'vitest', '', ['specs/**/*.ts'], true],
    ],
  },
  {
    name: 'vitest projects built by a local helper, extending the config itself',
    files: {
      'vite.config.ts': [
        "import { defaultExclude, defineConfig } from 'vitest/config'",
        'export default defineConfig({',
        "  test: { exclude: ['**/fixtures/**', ...defaultExclude], setupFiles: ['./test/setup.ts'], projects: [project('threads'), project('forks')] },",
        '})',
        'function project(pool) {',
        "  return { extends: './vite.config.ts', test: { name: pool, pool } }",
        '}',
      ].join('\n'),
      'test/a.test.ts': '',
      'test/fixtures/b.test.ts': '',
      'test/setup.ts': '',
    },
    testFiles: ['test/a.test.ts'],
    source: 'runner-config',
    setupFiles: ['test/setup.ts'],
    configs: [
      ['vite.config.ts', 'vitest', '', [], true],
      ['vite.config.ts', 'vitest', '', VITEST_DEFAULT, false],
      ['vite.config.ts', 'vitest', '', VITEST_DEFAULT, false],
    ],
  },
  {
    name: 'vitest projects that cannot be read at all fall back to the root options',
    files: {
      'vitest.config.ts': "import { projects } from './projects'\nexport default { test: { include: ['t/**/*.ts'], projects: [...projects] } }\n",
      't/a.ts': '',
      'src/b.test.ts': '',
    },
    testFiles: ['t/a.ts'],
    source: 'runner-config',
    configs: [
      ['vitest.config.ts', 'vitest', '', [], true],
      ['vitest.config.ts', 'vitest', '', ['t/**/*.ts'], false],
    ],
  },
  {
    name: 'jest testMatch, <rootDir>, testPathIgnorePatterns, setupFilesAfterEnv',
    files: {
      'jest.config.js': [
        'module.exports = {',
        "  rootDir: 'src',",
        "  testMatch: ['<rootDir>/**/*.check.js'],",
        "  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/legacy/'],",
        "  setupFilesAfterEnv: ['<rootDir>/setup.js'],",
        '}',
      ].join('\n'),
      'src/a.check.js': '',
      'src/legacy/b.check.js': '',
      'src/c.test.js': '',
      'src/setup.js': '',
      'other/d.check.js': '',
    },
    testFiles: ['src/a.check.js'],
    source: 'runner-config',
    setupFiles: ['src/setup.js'],
    configs: [['jest.config.js', 'jest', 'src', ['**/*.check.js'], true]],
  },
  {
    name: 'jest testRegex and roots in jest.config.json',
    files: {
      'jest.config.json': JSON.stringify({ testRegex: '(/__tests__/.*|\\.e2e-spec)\\.ts$', roots: ['<rootDir>/app'] }),
      'app/__tests__/a.ts': '',
      'app/b.e2e-spec.ts': '',
      'app/c.test.ts': '',
      'lib/__tests__/d.ts': '',
    },
    testFiles: ['app/__tests__/a.ts', 'app/b.e2e-spec.ts'],
    source: 'runner-config',
    configs: [['jest.config.json', 'jest', '', [], true]],
  },
  {
    name: 'package.json "jest" key in a workspace package, a TypeScript jest config with projects',
    files: {
      'jest.config.ts': [
        "import type { Config } from 'jest'",
        "const config: Config = { projects: ['<rootDir>/packages/*', { displayName: 'tools', testMatch: ['<rootDir>/tools/**/*.jest.ts'] }] }",
        'export default config',
      ].join('\n'),
      'packages/p/package.json': JSON.stringify({ name: 'p', jest: { testMatch: ['**/*.jest.ts'], setupFiles: ['./jest.setup.ts'] } }),
      'packages/p/jest.setup.ts': '',
      'packages/p/src/a.jest.ts': '',
      'packages/p/src/b.test.ts': '',
      'packages/q/package.json': JSON.stringify({ name: 'q' }),
      'packages/q/__tests__/c.js': '',
      'packages/q/lib/d.ts': '',
      'tools/e.jest.ts': '',
      'tools/f.test.ts': '',
    },
    testFiles: ['packages/p/src/a.jest.ts', 'packages/q/__tests__/c.js', 'tools/e.jest.ts'],
    source: 'runner-config',
    setupFiles: ['packages/p/jest.setup.ts'],
    configs: [
      ['jest.config.ts', 'jest', '', [], true],
      ['jest.config.ts', 'jest', 'packages/q', JEST_DEFAULT, false],
      ['jest.config.ts', 'jest', '', ['tools/**/*.jest.ts'], true],
      ['packages/p/package.json', 'jest', 'packages/p', ['**/*.jest.ts'], true],
    ],
  },
  {
    name: 'NestJS: package.json "jest" with rootDir src, and the alternate test/jest-e2e.json',
    files: {
      'package.json': JSON.stringify({ name: 'api', jest: { rootDir: 'src', testRegex: '.*\\.spec\\.ts$' } }),
      'test/jest-e2e.json': JSON.stringify({ rootDir: '.', testRegex: '.e2e-spec.ts$' }),
      'src/app.service.ts': '',
      'src/app.service.spec.ts': '',
      'test/app.e2e-spec.ts': '',
      'test/util.ts': '',
    },
    testFiles: ['src/app.service.spec.ts', 'test/app.e2e-spec.ts'],
    source: 'runner-config',
    configs: [
      ['package.json', 'jest', 'src', [], true],
      ['test/jest-e2e.json', 'jest', 'test', [], true],
    ],
  },
  {
    name: 'a jest config with defaults only: union of its testMatch and the conventions',
    files: {
      'jest.config.cjs': "module.exports = { testEnvironment: 'node' }\n",
      'src/__tests__/a.js': '',
      'src/b.test.ts': '',
      'src/c/test.ts': '',
      'test/unit.mjs': '',
      'src/d.ts': '',
    },
    testFiles: ['src/__tests__/a.js', 'src/b.test.ts', 'src/c/test.ts', 'test/unit.mjs'],
    source: 'runner-config',
    configs: [['jest.config.cjs', 'jest', '', JEST_DEFAULT, false]],
  },
  {
    name: 'mocharc.yml spec glob, ignore and local require',
    files: {
      '.mocharc.yml': "spec: 'test/**/*.spec.ts'\nrequire:\n  - ts-node/register\n  - test/setup.ts\nignore: ['test/skip/**']\n",
      'test/a.spec.ts': '',
      'test/skip/b.spec.ts': '',
      'test/setup.ts': '',
      'test/helper.ts': '',
      'src/c.test.ts': '',
    },
    testFiles: ['test/a.spec.ts'],
    source: 'runner-config',
    setupFiles: ['test/setup.ts'],
    configs: [['.mocharc.yml', 'mocha', '', ['test/**/*.spec.ts'], true]],
  },
  {
    name: 'mocharc.json (with a comment) naming a directory, recursive, extension ts',
    files: {
      'pkg/.mocharc.json':
        '{\n  // unit tests only\n  "spec": ["./test/unit"],\n  "extension": ["ts"],\n  "recursive": true,\n  "file": ["./test/hooks.js"]\n}\n',
      'pkg/test/unit/a.ts': '',
      'pkg/test/unit/deep/b.js': '',
      'pkg/test/unit/c.tsx': '',
      'pkg/test/e2e/d.ts': '',
      'pkg/test/hooks.js': '',
    },
    testFiles: ['pkg/test/unit/a.ts', 'pkg/test/unit/deep/b.js'],
    source: 'runner-config',
    setupFiles: ['pkg/test/hooks.js'],
    configs: [['pkg/.mocharc.json', 'mocha', 'pkg', ['test/unit/**/*.{js,cjs,mjs,ts}'], true]],
  },
  {
    name: 'package.json "mocha" key without spec: ./test/*.{js,cjs,mjs} and the conventions',
    files: {
      'package.json': JSON.stringify({ name: 'm', mocha: { require: ['chai/register-expect.js'] } }),
      'test/a.js': '',
      'test/sub/b.js': '',
      'lib/c.spec.js': '',
      'lib/d.js': '',
    },
    testFiles: ['lib/c.spec.js', 'test/a.js', 'test/sub/b.js'],
    source: 'runner-config',
    setupFiles: [],
    configs: [['package.json', 'mocha', '', ['test/*.{js,cjs,mjs}'], false]],
  },
  {
    name: 'proofgate exclude globs always apply; configs under node_modules are never read',
    files: {
      'node_modules/dep/vitest.config.ts': "export default { test: { include: ['**/*.ts'] } }\n",
      'src/a.test.ts': '',
      'src/legacy/b.test.ts': '',
      'e2e/c.test.ts': '',
    },
    exclude: ['src/legacy/**', 'e2e/**'],
    testFiles: ['src/a.test.ts'],
    source: 'conventions',
    configs: [],
  },
]

describe('discoverTests', () => {
  it.each(cases)('$name', async (c) => {
    const discovery = await discover(c.files, c.exclude)
    expect(discovery.testFiles).toEqual(c.testFiles)
    expect(discovery.source).toBe(c.source)
    expect(discovery.setupFiles).toEqual(c.setupFiles ?? [])
    expect(discovery.files).toEqual(Object.keys(c.files).sort())
  })

  it.each(cases.filter((c) => c.configs !== undefined))('$name: the runner configs read', async (c) => {
    const discovery = await discover(c.files, c.exclude)
    expect(discovery.configs.map((f) => [f.path, f.runner, f.dir, f.include, f.explicit])).toEqual(c.configs)
  })

  it('records every fact of a jest config: regexes with <rootDir>, roots, setup files', async () => {
    const discovery = await discover({
      'web/jest.config.mjs': [
        'export default {',
        "  roots: ['<rootDir>/src', '<rootDir>/test'],",
        "  testRegex: ['\\\\.unit\\\\.tsx?$'],",
        "  testPathIgnorePatterns: ['<rootDir>/test/e2e/'],",
        "  modulePathIgnorePatterns: ['<rootDir>/.cache'],",
        "  setupFiles: ['<rootDir>/test/env.ts', 'jest-canvas-mock'],",
        "  globalSetup: './test/global.ts',",
        '}',
      ].join('\n'),
      'web/src/a.unit.ts': '',
      'web/test/b.unit.tsx': '',
      'web/test/e2e/c.unit.ts': '',
      'web/other/d.unit.ts': '',
      'web/test/env.ts': '',
      'web/test/global.ts': '',
    })
    expect(discovery.configs).toEqual([
      {
        path: 'web/jest.config.mjs',
        runner: 'jest',
        dir: 'web',
        include: [],
        testRegex: ['\\.unit\\.tsx?$'],
        exclude: [],
        excludeRegex: ['/web/test/e2e/', '/web/.cache'],
        setupFiles: ['web/test/env.ts', 'web/test/global.ts'],
        explicit: true,
        roots: ['web/src', 'web/test'],
      },
    ])
    expect(discovery.testFiles).toEqual(['web/src/a.unit.ts', 'web/test/b.unit.tsx'])
  })

  it('isTestFile applies the same rules to paths outside the listing', async () => {
    const discovery = await discover({
      'vitest.config.ts': "export default { test: { include: ['src/**/*.test.ts'], setupFiles: 'src/setup.test.ts' } }\n",
      'src/a.test.ts': '',
      'src/setup.test.ts': '',
    })
    const paths = [
      'src/new.test.ts',
      './src/deep/x.test.ts',
      'src\\win\\y.test.ts',
      'src/new.ts',
      'test/new.test.ts',
      'src/dist/z.test.ts',
      'src/t.test.d.ts',
      'src/setup.test.ts',
    ]
    expect(paths.filter((p) => discovery.isTestFile(p))).toEqual(['src/new.test.ts', './src/deep/x.test.ts', 'src\\win\\y.test.ts'])
    expect(discovery.testFiles).toEqual(['src/a.test.ts'])
  })

  it('isTestFile under the conventions honours the exclude option', async () => {
    const discovery = await discover({ 'src/a.ts': '' }, ['**/*.e2e.test.ts'])
    const paths = ['src/a.test.ts', 'src/b.e2e.test.ts', 'tests/c.ts', 'tests/fixtures/d.ts', 'src/__tests__/e.jsx', 'src/test.js', 'src/test.json', 'src/a.ts']
    expect(paths.filter((p) => discovery.isTestFile(p))).toEqual(['src/a.test.ts', 'tests/c.ts', 'src/__tests__/e.jsx', 'src/test.js'])
  })
})
