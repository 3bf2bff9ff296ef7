// gate-integrity on honest changes of real repositories (replays of TanStack query commits, issue 17):
// each "no longer blocks" row next to the "still blocks" row of the loosening its rule is there for.
// The CLI (main, in-process) on real temp git repositories, with the exact findings and exit code.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n'

interface Row {
  name: string
  base: Record<string, string>
  /** The change, applied to the work tree and committed. */
  change: (r: TempRepo) => void
  exitCode: number
  /** [rule id, severity, path[:line], message] of each gate-integrity finding, in report order. */
  findings: Array<[string, string, string, string]>
}

function table(rows: readonly Row[]): void {
  for (const row of rows) {
    it(row.name, async () => {
      const r = makeTempGitRepo({ files: { '.gitignore': lines('node_modules', '.proofgate/'), 'README.md': '# repo\n', ...row.base } })
      repos.push(r)
      const base = r.head()
      row.change(r)
      r.commit('the change')
      const result = await runCli(['run', '--base', base, '--gates', 'gate-integrity', '--format', 'json'], r.dir)
      const report = result.json()
      expect(
        report.findings
          .filter((f) => f.gate === 'gate-integrity')
          .map((f) => [f.ruleId, f.severity, f.startLine === undefined ? f.path : `${f.path}:${f.startLine}`, f.message]),
      ).toEqual(row.findings)
      expect(result.exitCode).toBe(row.exitCode)
    })
  }
}

const STRICT = { strict: true, noUncheckedIndexedAccess: true }
const INDEX = 'export const one = 1\n'

describe('point 1: a tsconfig compared by its effective flags, through `extends`', () => {
  const child = (extendsValue: unknown, options: Record<string, unknown>): string => json({ extends: extendsValue, compilerOptions: options })
  table([
    {
      name: 'no longer blocks: a package drops strict and noUncheckedIndexedAccess that the root tsconfig it extends sets (query 64a8035)',
      base: {
        'tsconfig.json': json({ compilerOptions: STRICT }),
        'packages/lit/tsconfig.json': child('../../tsconfig.json', { ...STRICT, outDir: 'dist' }),
        'packages/lit/src/index.ts': INDEX,
      },
      change: (r) => r.write({ 'packages/lit/tsconfig.json': child('../../tsconfig.json', { outDir: 'dist' }) }),
      exitCode: 0,
      findings: [],
    },
    {
      name: 'no longer blocks: an array of extends, a name without .json, the flag set by the last one',
      base: {
        'tsconfig.base.json': json({ compilerOptions: { strict: false } }),
        'configs/strict.json': json({ compilerOptions: STRICT }),
        'packages/lit/tsconfig.json': child(['../../tsconfig.base', '../../configs/strict.json'], { strict: true }),
        'packages/lit/src/index.ts': INDEX,
      },
      change: (r) => r.write({ 'packages/lit/tsconfig.json': child(['../../tsconfig.base', '../../configs/strict.json'], {}) }),
      exitCode: 0,
      findings: [],
    },
    {
      name: 'no longer blocks: a build tsconfig that only inherited its flags deleted (its parent keeps them)',
      base: {
        'packages/lit/tsconfig.json': json({ compilerOptions: STRICT }),
        'packages/lit/tsconfig.build.json': child('./tsconfig.json', { outDir: 'dist' }),
        'packages/lit/src/index.ts': INDEX,
      },
      change: (r) => r.git('rm', '-q', 'packages/lit/tsconfig.build.json'),
      exitCode: 0,
      findings: [],
    },
    {
      name: 'still blocks: strict dropped while the extended root sets it false',
      base: {
        'tsconfig.json': json({ compilerOptions: { strict: false } }),
        'packages/lit/tsconfig.json': child('../../tsconfig.json', { strict: true }),
        'packages/lit/src/index.ts': INDEX,
      },
      change: (r) => r.write({ 'packages/lit/tsconfig.json': child('../../tsconfig.json', {}) }),
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'packages/lit/tsconfig.json',
          '`compilerOptions.strict` turned off (true → false by tsconfig.json): TypeScript checks less (packages/lit/tsconfig.json).',
        ],
      ],
    },
    {
      name: 'still blocks: strict dropped while the extended root does not set it',
      base: {
        'tsconfig.json': json({ compilerOptions: { target: 'ES2022' } }),
        'packages/lit/tsconfig.json': child('../../tsconfig.json', { strict: true }),
        'packages/lit/src/index.ts': INDEX,
      },
      change: (r) => r.write({ 'packages/lit/tsconfig.json': child('../../tsconfig.json', {}) }),
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'packages/lit/tsconfig.json',
          '`compilerOptions.strict` removed (was true): TypeScript checks less (packages/lit/tsconfig.json).',
        ],
      ],
    },
    {
      name: 'still blocks: the root tsconfig lowers what its children inherit',
      base: {
        'tsconfig.json': json({ compilerOptions: STRICT }),
        'packages/lit/tsconfig.json': child('../../tsconfig.json', {}),
        'packages/lit/src/index.ts': INDEX,
      },
      change: (r) => r.write({ 'tsconfig.json': json({ compilerOptions: { strict: true, noUncheckedIndexedAccess: false } }) }),
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'tsconfig.json:4',
          '`compilerOptions.noUncheckedIndexedAccess` turned off (true → false): TypeScript checks less (tsconfig.json).',
        ],
      ],
    },
    {
      name: 'still blocks, said so: strict dropped under a package config proofgate cannot read (@tsconfig/strictest)',
      base: {
        'packages/lit/tsconfig.json': child('@tsconfig/strictest/tsconfig.json', { strict: true }),
        'packages/lit/src/index.ts': INDEX,
      },
      change: (r) => r.write({ 'packages/lit/tsconfig.json': child('@tsconfig/strictest/tsconfig.json', {}) }),
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'packages/lit/tsconfig.json',
          '`compilerOptions.strict` removed (was true) (the value it inherits from "@tsconfig/strictest/tsconfig.json" cannot be read from the repository, so it is taken as unset): TypeScript checks less (packages/lit/tsconfig.json).',
        ],
      ],
    },
    {
      name: 'still blocks: a package config proofgate cannot read dropped from extends',
      base: {
        'packages/lit/tsconfig.json': child(['../../tsconfig.json', '@tsconfig/strictest'], {}),
        'tsconfig.json': json({ compilerOptions: {} }),
        'packages/lit/src/index.ts': INDEX,
      },
      change: (r) => r.write({ 'packages/lit/tsconfig.json': child('../../tsconfig.json', {}) }),
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'packages/lit/tsconfig.json:2',
          '`extends` no longer includes "@tsconfig/strictest": the strictness flags it set are no longer inherited (packages/lit/tsconfig.json).',
        ],
      ],
    },
  ])
})

describe('point 2: a project deleted whole, its package.json renamed away into a new example', () => {
  const pkg = (name: string): string =>
    json({
      name,
      private: true,
      scripts: { dev: 'next', build: 'next build', start: 'next start', test: 'vitest run' },
      dependencies: { next: '15.0.0', react: '19.0.0' },
    })
  const cache = {
    'examples/cache/package.json': pkg('cache-example'),
    'examples/cache/tsconfig.json': json({ compilerOptions: { strict: true, noEmit: true } }),
    'examples/cache/.gitignore': lines('node_modules', '.next', 'out', 'build', '*.log', '.env*.local'),
    'examples/cache/src/index.ts': INDEX,
    'examples/cache/src/index.test.ts': lines("import { it } from 'vitest'", "it('runs', () => {})"),
  }
  table([
    {
      name: 'no longer blocks: the example deleted, git pairs its package.json and .gitignore with the new example (query baa256c)',
      base: cache,
      change: (r) => {
        r.git('rm', '-q', '-r', 'examples/cache')
        r.write({
          'examples/next-app/package.json': pkg('next-app-example'),
          'examples/next-app/.gitignore': lines('node_modules', '.next', 'out', 'build', '*.log', '.env*.local', 'next-env.d.ts'),
          'examples/next-app/app/page.tsx': 'export default function Page() {\n  return null\n}\n',
        })
      },
      exitCode: 0,
      findings: [],
    },
    {
      name: "still blocks: the example's code and tsconfig deleted while its package.json stays",
      base: cache,
      change: (r) => r.git('rm', '-q', '-r', 'examples/cache/src', 'examples/cache/tsconfig.json'),
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'examples/cache/tsconfig.json',
          '`compilerOptions.strict` removed (was true): TypeScript checks less (examples/cache/tsconfig.json).',
        ],
      ],
    },
    {
      name: 'still blocks: package.json renamed away and the tsconfig deleted while the code remains',
      base: cache,
      change: (r) => {
        r.git('rm', '-q', 'examples/cache/tsconfig.json', 'examples/cache/package.json')
        r.write({ 'examples/next-app/package.json': pkg('cache-example') })
      },
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'examples/cache/tsconfig.json',
          '`compilerOptions.strict` removed (was true): TypeScript checks less (examples/cache/tsconfig.json).',
        ],
      ],
    },
  ])
})

describe('point 3: an ESLint ignore that can only match build output', () => {
  const eslint = (...ignores: string[]): string =>
    lines('export default [', `  { ignores: [${ignores.map((i) => `'${i}'`).join(', ')}] },`, "  { rules: { 'no-console': 'error' } },", ']')
  const lit = { 'packages/lit/eslint.config.js': eslint('dist/**', '**/dist/**'), 'packages/lit/src/index.ts': INDEX }
  table([
    {
      name: 'no longer blocks: dist/** and **/dist/** replaced by build/** and **/build/** (query 64a8035)',
      base: lit,
      change: (r) => r.write({ 'packages/lit/eslint.config.js': eslint('build/**', '**/build/**') }),
      exitCode: 0,
      findings: [],
    },
    {
      name: 'no longer blocks: lib/** added where the .gitignore ignores lib',
      base: { ...lit, 'packages/lit/.gitignore': lines('/lib/') },
      change: (r) => r.write({ 'packages/lit/eslint.config.js': eslint('dist/**', '**/dist/**', 'lib/**') }),
      exitCode: 0,
      findings: [],
    },
    {
      name: 'still blocks: lib/** added where nothing ignores lib (lib is not a conventional output dir)',
      base: lit,
      change: (r) => r.write({ 'packages/lit/eslint.config.js': eslint('dist/**', '**/dist/**', 'lib/**') }),
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'packages/lit/eslint.config.js:2',
          '"lib/**" added to the ESLint ignores: ESLint no longer checks the files it matches (packages/lit/eslint.config.js).',
        ],
      ],
    },
    {
      name: 'still blocks: src/** added',
      base: lit,
      change: (r) => r.write({ 'packages/lit/eslint.config.js': eslint('dist/**', '**/dist/**', 'src/**') }),
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'packages/lit/eslint.config.js:2',
          '"src/**" added to the ESLint ignores: ESLint no longer checks the files it matches (packages/lit/eslint.config.js).',
        ],
      ],
    },
    {
      name: 'still blocks: build/** added when build/ holds tracked source',
      base: { ...lit, 'packages/lit/build/plugin.ts': INDEX },
      change: (r) => r.write({ 'packages/lit/eslint.config.js': eslint('dist/**', '**/dist/**', 'build/**') }),
      exitCode: 1,
      findings: [
        [
          'lint-config-weakened',
          'high',
          'packages/lit/eslint.config.js:2',
          '"build/**" added to the ESLint ignores: ESLint no longer checks the files it matches (packages/lit/eslint.config.js).',
        ],
      ],
    },
  ])
})

describe('point 4: a test script that delegates to another script of the same package.json', () => {
  const pkg = (scripts: Record<string, string>): Record<string, string> => ({
    'package.json': json({ name: 'lit', private: true, scripts }),
    'src/index.ts': INDEX,
  })
  const delegations = [
    'pnpm run test:lib --watch',
    'npm run test:lib -- --watch',
    'pnpm test:lib --watch',
    'yarn test:lib --watch',
    'yarn run test:lib',
    'bun run test:lib',
  ]
  table([
    ...delegations.map((command): Row => ({
      name: `no longer blocks: test:lib:dev "vitest" → "${command}" (test:lib runs vitest; query 64a8035)`,
      base: pkg({ 'test:lib': 'vitest run', 'test:lib:dev': 'vitest' }),
      change: (r) => r.write(pkg({ 'test:lib': 'vitest run', 'test:lib:dev': command })),
      exitCode: 0,
      findings: [],
    })),
    {
      name: 'no longer blocks: npm test, through two scripts',
      base: pkg({ test: 'vitest run', 'test:ci': 'vitest run --coverage' }),
      change: (r) => r.write(pkg({ test: 'npm run test:unit', 'test:unit': 'vitest run', 'test:ci': 'npm test -- --coverage' })),
      exitCode: 0,
      findings: [],
    },
    {
      name: 'no longer blocks: test-ci "istanbul cover _mocha …" → "nyc --reporter=lcovonly --reporter=text npm test" (express 318fd4b)',
      base: pkg({ test: 'mocha test/', 'test-ci': 'istanbul cover node_modules/mocha/bin/_mocha --report lcovonly -- test/' }),
      change: (r) => r.write(pkg({ test: 'mocha test/', 'test-ci': 'nyc --reporter=lcovonly --reporter=text npm test' })),
      exitCode: 0,
      findings: [],
    },
    {
      name: 'still blocks: test-ci "nyc mocha" → "nyc --reporter=text echo ok"',
      base: pkg({ 'test-ci': 'nyc mocha test/' }),
      change: (r) => r.write(pkg({ 'test-ci': 'nyc --reporter=text echo ok' })),
      exitCode: 1,
      findings: [
        [
          'test-config-weakened',
          'high',
          'package.json:5',
          'The test-ci script no longer runs a test runner (was "nyc mocha test/", now "nyc --reporter=text echo ok") (package.json).',
        ],
      ],
    },
    {
      name: 'still blocks: test "vitest run" → "echo ok"',
      base: pkg({ test: 'vitest run' }),
      change: (r) => r.write(pkg({ test: 'echo ok' })),
      exitCode: 1,
      findings: [
        ['test-config-weakened', 'high', 'package.json:5', 'The test script no longer runs a test runner (was "vitest run", now "echo ok") (package.json).'],
      ],
    },
    {
      name: 'still blocks: delegation to a script that runs no runner',
      base: pkg({ build: 'tsc', 'test:lib:dev': 'vitest' }),
      change: (r) => r.write(pkg({ build: 'tsc', 'test:lib:dev': 'pnpm run build --watch' })),
      exitCode: 1,
      findings: [
        [
          'test-config-weakened',
          'high',
          'package.json:6',
          'The test:lib:dev script no longer runs a test runner (was "vitest", now "pnpm run build --watch") (package.json).',
        ],
      ],
    },
    {
      name: 'still blocks: two scripts that delegate to each other (a cycle runs nothing)',
      base: pkg({ 'test:a': 'vitest run', 'test:b': 'npm run test:a' }),
      change: (r) => r.write(pkg({ 'test:a': 'npm run test:b', 'test:b': 'npm run test:a' })),
      exitCode: 1,
      findings: [
        [
          'test-config-weakened',
          'high',
          'package.json:5',
          'The test:a script no longer runs a test runner (was "vitest run", now "npm run test:b") (package.json).',
        ],
        [
          'test-config-weakened',
          'high',
          'package.json:6',
          'The test:b script no longer runs a test runner (was "npm run test:a", now "npm run test:a") (package.json).',
        ],
      ],
    },
  ])
})

describe('point 5: a vitest project compared with what it inherits from the root', () => {
  const config = (test: string): Record<string, string> => ({
    'vitest.config.ts': lines("import { defineConfig } from 'vitest/config'", `export default defineConfig({ test: ${test} })`),
    'test/unit/a.test.ts': lines("import { it } from 'vitest'", "it('a', () => {})"),
    'test/e2e/b.test.ts': lines("import { it } from 'vitest'", "it('b', () => {})"),
  })
  const projects = (timeout: string, extend = true): string =>
    `{ ${timeout === '' ? '' : `testTimeout: ${timeout}, `}projects: [${['unit', 'e2e']
      .map((n) => `{ ${extend ? 'extends: true, ' : ''}test: { name: '${n}', include: ['test/${n}/**/*.test.ts'] } }`)
      .join(', ')}] }`
  const moved = (timeout: string, extend = true): string =>
    `{ projects: [${['unit', 'e2e']
      .map((n) => `{ ${extend ? 'extends: true, ' : ''}test: { name: '${n}', include: ['test/${n}/**/*.test.ts'], testTimeout: ${timeout} } }`)
      .join(', ')}] }`
  table([
    {
      name: "no longer blocks: the root's testTimeout 60000 moved into projects with extends: true",
      base: config(projects('60000')),
      change: (r) => r.write(config(moved('60000'))),
      exitCode: 0,
      findings: [],
    },
    {
      name: "no longer blocks: a root-only config split into projects that keep the root's 60000",
      base: config("{ testTimeout: 60000, include: ['test/**/*.test.ts'] }"),
      change: (r) => r.write(config(moved('60000'))),
      exitCode: 0,
      findings: [],
    },
    {
      name: "still blocks: a project's timeout raised tenfold over the root's it inherited",
      base: config(projects('60000')),
      change: (r) => r.write(config(projects('60000').replace("name: 'e2e'", "name: 'e2e', testTimeout: 600000"))),
      exitCode: 1,
      findings: [
        [
          'test-config-weakened',
          'high',
          'vitest.config.ts:2',
          "`test.projects.1.test.testTimeout` raised from 60000 ms (the root config's) to 600000 ms, 10 times longer: slow or hanging tests pass (vitest.config.ts).",
        ],
      ],
    },
    {
      name: "still blocks: the root's timeout moved into projects without extends (they ran with vitest's default)",
      base: config(projects('60000', false)),
      change: (r) => r.write(config(moved('60000', false))),
      exitCode: 1,
      findings: [
        [
          'test-config-weakened',
          'high',
          'vitest.config.ts:2',
          '`test.projects.0.test.testTimeout` raised from 5000 ms (the default) to 60000 ms, 12 times longer: slow or hanging tests pass (vitest.config.ts).',
        ],
        [
          'test-config-weakened',
          'high',
          'vitest.config.ts:2',
          '`test.projects.1.test.testTimeout` raised from 5000 ms (the default) to 60000 ms, 12 times longer: slow or hanging tests pass (vitest.config.ts).',
        ],
      ],
    },
  ])
})

describe('a runner config new in a directory with no test at the base (zod dfd8766, packages/treeshake)', () => {
  const project = (timeout: number): string =>
    lines(
      "import { defineProject } from 'vitest/config'",
      '',
      'export default defineProject({',
      `  test: { include: ['tests/**/*.test.ts'], testTimeout: ${timeout} },`,
      '})',
    )
  const TEST = lines("import { expect, it } from 'vitest'", "import { one } from '../src/index.js'", "it('is one', () => expect(one).toBe(1))")
  const raised = (config: string, note: string): [string, string, string, string] => [
    'test-config-weakened',
    'medium',
    `${config}:4`,
    `\`test.testTimeout\` raised from 5000 ms (the default) to 180000 ms, 36 times longer: slow or hanging tests pass (${config}).${note}`,
  ]
  table([
    {
      name: 'no longer blocks: a new package gets its first tests and a vitest project config with a long timeout (medium, said why)',
      base: { 'package.json': json({ name: 'root', private: true }), 'packages/treeshake/src/index.ts': INDEX },
      change: (r) => r.write({ 'packages/treeshake/vitest.config.ts': project(180000), 'packages/treeshake/tests/one.test.ts': TEST }),
      exitCode: 0,
      findings: [
        raised(
          'packages/treeshake/vitest.config.ts',
          ' Medium, not high: a new config in a directory with no test at the base, so it loosens no existing test.',
        ),
      ],
    },
    {
      name: 'still blocks: a new config in a test-free directory that selects the tests of another (../)',
      base: {
        'package.json': json({ name: 'root', private: true }),
        'packages/treeshake/src/index.ts': INDEX,
        'packages/core/tests/one.test.ts': TEST,
      },
      change: (r) =>
        r.write({
          'packages/treeshake/vitest.config.ts': project(180000).replace("include: ['tests/**/*.test.ts']", "include: ['../core/tests/**/*.test.ts']"),
        }),
      exitCode: 1,
      findings: [['test-config-weakened', 'high', 'packages/treeshake/vitest.config.ts:4', raised('packages/treeshake/vitest.config.ts', '')[3]]],
    },
    {
      name: 'still blocks: a new config in a directory whose tests existed at the base',
      base: { 'package.json': json({ name: 'root', private: true }), 'packages/treeshake/src/index.ts': INDEX, 'packages/treeshake/tests/one.test.ts': TEST },
      change: (r) => r.write({ 'packages/treeshake/vitest.config.ts': project(180000) }),
      exitCode: 1,
      findings: [['test-config-weakened', 'high', 'packages/treeshake/vitest.config.ts:4', raised('packages/treeshake/vitest.config.ts', '')[3]]],
    },
  ])
})
