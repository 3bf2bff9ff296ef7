// Table-driven tests (ESLint RuleTester style) for loading .proofgate.yml, the environment
// overrides and .proofgate/waivers.yml, with the exact position of every problem.
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig, loadWaivers, type LoadedConfig, type LoadedWaivers } from '../../../src/config/load.js'
import type { Config } from '../../../src/config/schema.js'
import { ProofgateError, type ErrorCode } from '../../../src/errors.js'
import { makeTempDir, removeTempDirs } from '../../helpers/repo.js'

afterEach(removeTempDirs)

/** A real temp directory holding `files` (paths relative to it). */
const repo = (files: Record<string, string>): string => makeTempDir(files, 'proofgate-config-')

interface ExpectedProblem {
  file: string
  line: number
  column: number
  path: string
  /** A substring of the message. */
  message: string
}

interface InvalidCase {
  name: string
  files: Record<string, string>
  env?: NodeJS.ProcessEnv
  file?: string
  /** A substring of the error's own message. */
  error?: string
  problems: ExpectedProblem[]
}

async function expectProblems(load: Promise<unknown>, code: ErrorCode, c: InvalidCase): Promise<void> {
  const error = await load.then(
    () => expect.unreachable('expected a ProofgateError'),
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ProofgateError)
  const pg = error as ProofgateError
  expect(pg.code).toBe(code)
  if (c.error !== undefined) expect(pg.message).toContain(c.error)
  expect(pg.problems).toEqual(c.problems.map((p) => ({ ...p, message: expect.stringContaining(p.message) })))
}

const CONFIG = '.proofgate.yml'
const DEFAULT_GATES: Config['gates'] = {
  'static-analysis': { mode: 'blocking', timeout: 300, eslint: true, biome: true, oxlint: true, typescript: true, tsconfig: 'tsconfig.json' },
  tests: { mode: 'blocking', timeout: 600, runner: 'auto', args: [] },
  'mock-integrity': { mode: 'blocking', timeout: 300, 'internal-mock-ratio': { 'max-ratio': 0.5, 'min-mocks': 3 }, 'assertion-functions': [] },
  'test-mutation': { mode: 'blocking', timeout: 300, trailer: 'Behavior-Change', 'min-assertions': 1 },
  'semantic-tests': { mode: 'advisory', timeout: 300 },
  evidence: { mode: 'blocking', timeout: 60 },
  'doc-coverage': { mode: 'blocking', timeout: 120, 'stale-after': 10 },
  proof: { mode: 'blocking', timeout: 3600 },
  coverage: { mode: 'off', timeout: 900, runner: 'auto', args: [] },
  review: { mode: 'blocking', timeout: 1800 },
  'gate-integrity': { mode: 'blocking', timeout: 120 },
}
const TEST_FILES = { exclude: [] }
const DEFAULT_LOOP: Config['loop'] = {
  'retention-days': 30,
  health: {
    'window-hours': 24,
    'min-runs': 1,
    'min-run-id-coverage': 0.99,
    'max-blocked-ratio': 0.5,
    'max-blocked-drift': 0.25,
    'max-error-rate': 0.05,
    'max-inconclusive-rate': 0.1,
    'max-skips': 0,
    'max-stale-waivers': 0,
    'always-pass-min-runs': 20,
  },
  escalation: { enabled: true, runs: 3, rounds: 2, severity: 'medium' },
}
const DEFAULT_REVIEW: Config['review'] = { reviewers: [], 'max-diff-bytes': 200_000, inconclusive: 'block', pick: 3 }
const DEFAULT_HOOKS: Config['hooks'] = {
  'pre-push': { tags: false, 'fail-fast': true, 'block-on-approval': false },
  'pre-commit': { gates: ['static-analysis', 'mock-integrity', 'test-mutation', 'semantic-tests', 'gate-integrity'] },
}

describe('loadConfig', () => {
  const valid: Array<{
    name: string
    files: Record<string, string>
    env?: NodeJS.ProcessEnv
    file?: string
    expected: Partial<LoadedConfig>
  }> = [
    {
      name: 'no file: defaults',
      files: {},
      expected: {
        file: null,
        config: {
          'filter-mode': 'added',
          'test-files': TEST_FILES,
          'env-pass': [],
          proof: [],
          hooks: DEFAULT_HOOKS,
          loop: DEFAULT_LOOP,
          review: DEFAULT_REVIEW,
          rules: {},
          gates: DEFAULT_GATES,
        },
      },
    },
    {
      name: 'empty file: defaults',
      files: { [CONFIG]: '' },
      expected: {
        file: CONFIG,
        config: {
          'filter-mode': 'added',
          'test-files': TEST_FILES,
          'env-pass': [],
          proof: [],
          hooks: DEFAULT_HOOKS,
          loop: DEFAULT_LOOP,
          review: DEFAULT_REVIEW,
          rules: {},
          gates: DEFAULT_GATES,
        },
      },
    },
    {
      name: 'comments only: defaults',
      files: { [CONFIG]: '# proofgate\n# gates: {}\n' },
      expected: {
        file: CONFIG,
        config: {
          'filter-mode': 'added',
          'test-files': TEST_FILES,
          'env-pass': [],
          proof: [],
          hooks: DEFAULT_HOOKS,
          loop: DEFAULT_LOOP,
          review: DEFAULT_REVIEW,
          rules: {},
          gates: DEFAULT_GATES,
        },
      },
    },
    {
      name: 'full config',
      files: {
        [CONFIG]: [
          '$schema: ./node_modules/proofgate/schema/proofgate.schema.json',
          'filter-mode: diff_context',
          'gates:',
          '  static-analysis: { mode: advisory, timeout: 120, eslint: false, typescript: true, tsconfig: tsconfig.build.json }',
          '  tests:',
          '    mode: blocking',
          '    timeout: 900',
          '    runner: vitest',
          '    args: [--project, unit]',
          '  evidence: { mode: off, timeout: 30 }',
          '  coverage: { mode: advisory, runner: report, report: coverage/lcov.info, min-patch-coverage: 80 }',
          '  doc-coverage: { stale-after: 3 }',
          'proof:',
          '  - { name: build, run: npm run build }',
          '  - name: types',
          '    run: npx tsc --noEmit',
          '    timeout: 60',
          '',
        ].join('\n'),
      },
      expected: {
        file: CONFIG,
        config: {
          $schema: './node_modules/proofgate/schema/proofgate.schema.json',
          'filter-mode': 'diff_context',
          'test-files': TEST_FILES,
          'env-pass': [],
          proof: [
            { name: 'build', run: 'npm run build', timeout: 300 },
            { name: 'types', run: 'npx tsc --noEmit', timeout: 60 },
          ],
          hooks: DEFAULT_HOOKS,
          loop: DEFAULT_LOOP,
          review: DEFAULT_REVIEW,
          rules: {},
          gates: {
            'static-analysis': { mode: 'advisory', timeout: 120, eslint: false, biome: true, oxlint: true, typescript: true, tsconfig: 'tsconfig.build.json' },
            tests: { mode: 'blocking', timeout: 900, runner: 'vitest', args: ['--project', 'unit'] },
            'mock-integrity': DEFAULT_GATES['mock-integrity'],
            'test-mutation': DEFAULT_GATES['test-mutation'],
            'semantic-tests': DEFAULT_GATES['semantic-tests'],
            evidence: { mode: 'off', timeout: 30 },
            coverage: { mode: 'advisory', timeout: 900, runner: 'report', report: 'coverage/lcov.info', args: [], 'min-patch-coverage': 80 },
            'doc-coverage': { mode: 'blocking', timeout: 120, 'stale-after': 3 },
            proof: DEFAULT_GATES.proof,
            review: DEFAULT_GATES.review,
            'gate-integrity': DEFAULT_GATES['gate-integrity'],
          },
        },
      },
    },
    {
      name: 'partial gate: the rest defaulted',
      files: { [CONFIG]: 'gates:\n  tests: { timeout: 60 }\n' },
      expected: {
        config: {
          'filter-mode': 'added',
          'test-files': TEST_FILES,
          'env-pass': [],
          proof: [],
          hooks: DEFAULT_HOOKS,
          loop: DEFAULT_LOOP,
          review: DEFAULT_REVIEW,
          rules: {},
          gates: { ...DEFAULT_GATES, tests: { ...DEFAULT_GATES.tests, timeout: 60 } },
        },
      },
    },
    {
      name: '.yaml extension',
      files: { '.proofgate.yaml': 'filter-mode: file\n' },
      expected: {
        file: '.proofgate.yaml',
        config: {
          'filter-mode': 'file',
          'test-files': TEST_FILES,
          'env-pass': [],
          proof: [],
          hooks: DEFAULT_HOOKS,
          loop: DEFAULT_LOOP,
          review: DEFAULT_REVIEW,
          rules: {},
          gates: DEFAULT_GATES,
        },
      },
    },
    {
      name: 'options.file, relative to the root',
      files: { 'ci/proofgate.yml': 'filter-mode: nofilter\n', [CONFIG]: 'filter-mode: file\n' },
      file: 'ci/proofgate.yml',
      expected: {
        file: 'ci/proofgate.yml',
        config: {
          'filter-mode': 'nofilter',
          'test-files': TEST_FILES,
          'env-pass': [],
          proof: [],
          hooks: DEFAULT_HOOKS,
          loop: DEFAULT_LOOP,
          review: DEFAULT_REVIEW,
          rules: {},
          gates: DEFAULT_GATES,
        },
      },
    },
    {
      name: 'env: gate modes and filter mode override the file',
      files: { [CONFIG]: 'filter-mode: file\ngates:\n  static-analysis: { mode: advisory }\n' },
      env: {
        PROOFGATE_GATE_STATIC_ANALYSIS: 'off',
        PROOFGATE_GATE_TESTS: ' Advisory ',
        PROOFGATE_GATE_COVERAGE: 'blocking',
        PROOFGATE_GATE_EVIDENCE: '',
        PROOFGATE_FILTER_MODE: 'nofilter',
      },
      expected: {
        config: {
          'filter-mode': 'nofilter',
          'test-files': TEST_FILES,
          'env-pass': [],
          proof: [],
          hooks: DEFAULT_HOOKS,
          loop: DEFAULT_LOOP,
          review: DEFAULT_REVIEW,
          rules: {},
          gates: {
            ...DEFAULT_GATES,
            coverage: { ...DEFAULT_GATES.coverage, mode: 'blocking' },
            'static-analysis': { ...DEFAULT_GATES['static-analysis'], mode: 'off' },
            tests: { ...DEFAULT_GATES.tests, mode: 'advisory' },
          },
        },
        gateModeOverrides: {
          'static-analysis': { mode: 'off', source: 'env', variable: 'PROOFGATE_GATE_STATIC_ANALYSIS' },
          tests: { mode: 'advisory', source: 'env', variable: 'PROOFGATE_GATE_TESTS' },
          coverage: { mode: 'blocking', source: 'env', variable: 'PROOFGATE_GATE_COVERAGE' },
        },
        filterModeOverride: { mode: 'nofilter', source: 'env', variable: 'PROOFGATE_FILTER_MODE' },
      },
    },
  ]

  it.each(valid)('valid: $name', async ({ files, env, file, expected }) => {
    const loaded = await loadConfig(repo(files), { env: env ?? {}, ...(file === undefined ? {} : { file }) })
    expect(loaded).toMatchObject(expected)
    // Without variables there is nothing to override.
    expect(loaded).toMatchObject(env === undefined ? { gateModeOverrides: {}, filterModeOverride: null } : {})
  })

  it('rules: per-rule severities and off, only the rules named', async () => {
    const dir = repo({ [CONFIG]: 'rules:\n  doc-coverage/readme-missing: low\n  coverage/uncovered-lines: off\n' })
    const loaded = await loadConfig(dir, { env: {} })
    expect(loaded.config.rules).toEqual({ 'doc-coverage/readme-missing': 'low', 'coverage/uncovered-lines': 'off' })
  })

  it('an override in one load does not leak into the defaults of the next', async () => {
    const dir = repo({})
    await loadConfig(dir, { env: { PROOFGATE_GATE_TESTS: 'off' } })
    const again = await loadConfig(dir, { env: {} })
    expect(again.config.gates.tests.mode).toBe('blocking')
  })

  const invalid: InvalidCase[] = [
    {
      name: 'YAML syntax error',
      files: { [CONFIG]: 'gates:\n  tests: { mode: off\n' },
      error: 'Invalid configuration in .proofgate.yml: 1 problem',
      problems: [{ file: CONFIG, line: 3, column: 1, path: '', message: 'YAML syntax error' }],
    },
    {
      name: 'unknown top-level key, with a suggestion',
      files: { [CONFIG]: 'filter_mode: added\n' },
      problems: [{ file: CONFIG, line: 1, column: 1, path: 'filter_mode', message: 'unknown key "filter_mode" (did you mean "filter-mode"?)' }],
    },
    {
      name: 'a gate at the top level instead of under gates',
      files: { [CONFIG]: 'tests: { mode: off }\n' },
      problems: [{ file: CONFIG, line: 1, column: 1, path: 'tests', message: 'unknown key "tests" (did you mean "gates.tests"?)' }],
    },
    {
      name: 'unknown gate key',
      files: { [CONFIG]: 'gates:\n  tset:\n    mode: off\n' },
      problems: [{ file: CONFIG, line: 2, column: 3, path: 'gates.tset', message: 'unknown key "tset" (did you mean "tests"?)' }],
    },
    {
      name: 'unknown key inside a gate (flow mapping)',
      files: { [CONFIG]: 'gates:\n  static-analysis: { mode: off, eslnt: false }\n' },
      problems: [{ file: CONFIG, line: 2, column: 33, path: 'gates.static-analysis.eslnt', message: 'unknown key "eslnt" (did you mean "eslint"?)' }],
    },
    {
      name: 'rules: an unknown rule id, at its key, with the closest id',
      files: { [CONFIG]: 'rules:\n  doc-coverage/readme-mising: low\n' },
      problems: [
        {
          file: CONFIG,
          line: 2,
          column: 3,
          path: 'rules.doc-coverage/readme-mising',
          message:
            'unknown key "doc-coverage/readme-mising" (did you mean "doc-coverage/readme-missing"?); expected one of 51 keys (`proofgate config schema` lists them)',
        },
      ],
    },
    {
      name: 'rules: a rule without its gate',
      files: { [CONFIG]: 'rules:\n  readme-missing: low\n' },
      problems: [{ file: CONFIG, line: 2, column: 3, path: 'rules.readme-missing', message: 'unknown key "readme-missing"; expected one of 51 keys' }],
    },
    {
      name: 'rules: a level that is not a severity',
      files: { [CONFIG]: 'rules:\n  tests/test-failed: hgih\n' },
      problems: [
        {
          file: CONFIG,
          line: 2,
          column: 22,
          path: 'rules.tests/test-failed',
          message: 'expected one of critical, high, medium, low, info, off, got "hgih" (did you mean "high"?)',
        },
      ],
    },
    {
      name: 'proof: a command without run',
      files: { [CONFIG]: 'proof:\n  - { name: build, run: npm run build }\n  - name: build\n    run: make\n  - { name: lint }\n' },
      problems: [{ file: CONFIG, line: 5, column: 5, path: 'proof.2.run', message: 'missing required key "run"' }],
    },
    {
      name: 'proof: a name used twice',
      files: { [CONFIG]: 'proof:\n  - { name: build, run: npm run build }\n  - name: build\n    run: make\n' },
      problems: [{ file: CONFIG, line: 3, column: 11, path: 'proof.1.name', message: "expected a unique name; 'build' is used twice" }],
    },
    {
      name: 'wrong enum value',
      files: { [CONFIG]: 'gates:\n  tests:\n    mode: strict\n' },
      problems: [{ file: CONFIG, line: 3, column: 11, path: 'gates.tests.mode', message: 'expected one of blocking, advisory, off, got "strict"' }],
    },
    {
      name: 'wrong type',
      files: { [CONFIG]: 'gates:\n  tests:\n    timeout: "120s"\n' },
      problems: [{ file: CONFIG, line: 3, column: 14, path: 'gates.tests.timeout', message: 'expected a number, got string' }],
    },
    {
      name: 'negative timeout',
      files: { [CONFIG]: 'gates:\n  evidence:\n    timeout: -5\n' },
      problems: [{ file: CONFIG, line: 3, column: 14, path: 'gates.evidence.timeout', message: 'expected a number >= 1, got -5' }],
    },
    {
      name: 'duplicate key',
      files: { [CONFIG]: 'gates:\n  tests: { mode: off }\n  tests: { mode: advisory }\n' },
      problems: [{ file: CONFIG, line: 3, column: 3, path: 'gates.tests', message: 'duplicate key "tests"' }],
    },
    {
      name: 'top-level list',
      files: { [CONFIG]: '# config\n- gates\n- tests\n' },
      problems: [{ file: CONFIG, line: 2, column: 1, path: '', message: 'expected a mapping, got a list' }],
    },
    {
      name: 'top-level scalar',
      files: { [CONFIG]: 'gates\n' },
      problems: [{ file: CONFIG, line: 1, column: 1, path: '', message: 'expected a mapping, got string "gates"' }],
    },
    {
      name: 'a key with no value',
      files: { [CONFIG]: 'gates:\n' },
      problems: [{ file: CONFIG, line: 1, column: 1, path: 'gates', message: 'expected a mapping, got an empty value' }],
    },
    {
      name: 'every problem at once, in document order',
      files: { [CONFIG]: 'gates:\n  tests: { mode: strict, timeout: 0 }\n  evidence: {}\n  evidence: {}\nfilter-mode: lines\nextra: 1\n' },
      error: 'Invalid configuration in .proofgate.yml: 5 problems',
      problems: [
        { file: CONFIG, line: 2, column: 18, path: 'gates.tests.mode', message: 'expected one of blocking, advisory, off, got "strict"' },
        { file: CONFIG, line: 2, column: 35, path: 'gates.tests.timeout', message: 'expected a number >= 1, got 0' },
        { file: CONFIG, line: 4, column: 3, path: 'gates.evidence', message: 'duplicate key "evidence"' },
        { file: CONFIG, line: 5, column: 14, path: 'filter-mode', message: 'expected one of added, diff_context, file, nofilter, got "lines"' },
        { file: CONFIG, line: 6, column: 1, path: 'extra', message: 'unknown key "extra"' },
      ],
    },
    {
      name: 'options.file that does not exist',
      files: {},
      file: 'ci/proofgate.yml',
      error: 'Configuration file ci/proofgate.yml not found',
      problems: [],
    },
    {
      name: 'both .proofgate.yml and .proofgate.yaml',
      files: { [CONFIG]: '', '.proofgate.yaml': '' },
      error: 'Both .proofgate.yml and .proofgate.yaml exist',
      problems: [],
    },
    {
      name: 'env: invalid gate mode',
      files: {},
      env: { PROOFGATE_GATE_STATIC_ANALYSIS: 'strict' },
      error: 'Invalid configuration in the environment: 1 problem',
      problems: [
        { file: 'environment', line: 0, column: 0, path: 'PROOFGATE_GATE_STATIC_ANALYSIS', message: 'expected one of blocking, advisory, off, got "strict"' },
      ],
    },
    {
      name: 'env: unknown gate, invalid filter mode',
      files: {},
      env: { PROOFGATE_GATE_TEST: 'off', PROOFGATE_FILTER_MODE: 'lines' },
      problems: [
        {
          file: 'environment',
          line: 0,
          column: 0,
          path: 'PROOFGATE_GATE_TEST',
          message: 'unknown gate in PROOFGATE_GATE_TEST (did you mean "PROOFGATE_GATE_TESTS"?)',
        },
        { file: 'environment', line: 0, column: 0, path: 'PROOFGATE_FILTER_MODE', message: 'expected one of added, diff_context, file, nofilter, got "lines"' },
      ],
    },
    {
      name: 'file and env problems together',
      files: { [CONFIG]: 'gates:\n  tests: { mode: strict }\n' },
      env: { PROOFGATE_GATE_TESTS: 'of' },
      error: 'Invalid configuration in .proofgate.yml and the environment: 2 problems',
      problems: [
        { file: CONFIG, line: 2, column: 18, path: 'gates.tests.mode', message: 'got "strict"' },
        { file: 'environment', line: 0, column: 0, path: 'PROOFGATE_GATE_TESTS', message: 'got "of" (did you mean "off"?)' },
      ],
    },
  ]

  it.each(invalid)('invalid: $name', async (c) => {
    const root = repo(c.files)
    await expectProblems(loadConfig(root, { env: c.env ?? {}, ...(c.file === undefined ? {} : { file: c.file }) }), 'PG_CONFIG_INVALID', c)
  })
})

const WAIVERS = '.proofgate/waivers.yml'

describe('loadWaivers', () => {
  const valid: Array<{ name: string; files: Record<string, string>; expected: LoadedWaivers }> = [
    { name: 'no file: no waivers', files: {}, expected: { file: null, waivers: [] } },
    { name: 'empty file: no waivers', files: { [WAIVERS]: '# none yet\n' }, expected: { file: WAIVERS, waivers: [] } },
    {
      name: 'fingerprint and rule+path waivers, with their lines',
      files: {
        [WAIVERS]: [
          '# reviewed 2024-05-01',
          'waivers:',
          '  - fingerprint: 0123abcd0123abcd',
          '    reason: generated file, fixed upstream',
          '    proof: out-of-scope',
          '    expires: 2099-12-31',
          '',
          '  - { rule: no-console, path: "scripts/**", reason: CLI output, proof: reviewer-misread }',
          '',
        ].join('\n'),
      },
      expected: {
        file: WAIVERS,
        waivers: [
          { fingerprint: '0123abcd0123abcd', reason: 'generated file, fixed upstream', proof: 'out-of-scope', expires: '2099-12-31', line: 3 },
          { rule: 'no-console', path: 'scripts/**', reason: 'CLI output', proof: 'reviewer-misread', line: 8 },
        ],
      },
    },
  ]

  it.each(valid)('valid: $name', async ({ files, expected }) => {
    expect(await loadWaivers(repo(files))).toEqual(expected)
  })

  const waiver = (lines: string[]): Record<string, string> => ({ [WAIVERS]: ['waivers:', ...lines, ''].join('\n') })
  const invalid: InvalidCase[] = [
    {
      name: 'a waiver without a reason',
      files: waiver(['  - fingerprint: 0123abcd', '    proof: grep-miss']),
      error: 'Invalid waivers in .proofgate/waivers.yml: 1 problem',
      problems: [{ file: WAIVERS, line: 2, column: 5, path: 'waivers.0.reason', message: 'missing required key "reason"' }],
    },
    {
      name: 'a blank reason',
      files: waiver(['  - fingerprint: 0123abcd', '    reason: "   "', '    proof: grep-miss']),
      problems: [{ file: WAIVERS, line: 3, column: 13, path: 'waivers.0.reason', message: 'a reason is mandatory' }],
    },
    {
      name: 'a waiver with an unknown proof',
      files: waiver(['  - fingerprint: 0123abcd', '    reason: flaky', '    proof: trust-me']),
      problems: [{ file: WAIVERS, line: 4, column: 12, path: 'waivers.0.proof', message: 'expected one of file-exists, test-passes, grep-miss' }],
    },
    {
      name: 'neither a fingerprint nor a rule with a path',
      files: waiver(['  - fingerprint: 0123abcd', '    reason: ok', '    proof: grep-miss', '  - rule: no-console', '    reason: ok', '    proof: grep-miss']),
      problems: [{ file: WAIVERS, line: 5, column: 5, path: 'waivers.1', message: 'a fingerprint, or a rule together with a path glob' }],
    },
    {
      name: 'a bad expires date',
      files: waiver(['  - fingerprint: 0123abcd', '    reason: ok', '    proof: grep-miss', '    expires: 2024-02-30']),
      problems: [{ file: WAIVERS, line: 5, column: 14, path: 'waivers.0.expires', message: 'expected a date as YYYY-MM-DD, got string "2024-02-30"' }],
    },
    {
      name: 'an unknown waiver key',
      files: waiver(['  - { fingerprint: 0123abcd, reson: ok, proof: grep-miss }']),
      problems: [
        { file: WAIVERS, line: 2, column: 5, path: 'waivers.0.reason', message: 'missing required key "reason"' },
        { file: WAIVERS, line: 2, column: 30, path: 'waivers.0.reson', message: 'unknown key "reson" (did you mean "reason"?)' },
      ],
    },
    {
      name: 'YAML syntax error',
      files: waiver(['  - fingerprint: "0123abcd', '    reason: ok']),
      // yaml reports an unclosed quote where it gives up: the end of the file.
      problems: [{ file: WAIVERS, line: 4, column: 1, path: '', message: 'YAML syntax error: Missing closing "quote' }],
    },
    {
      name: 'waivers is a mapping, not a list',
      files: waiver(['  fingerprint: 0123abcd']),
      problems: [{ file: WAIVERS, line: 2, column: 3, path: 'waivers', message: 'expected a list, got a mapping' }],
    },
  ]

  it.each(invalid)('invalid: $name', async (c) => {
    await expectProblems(loadWaivers(repo(c.files)), 'PG_WAIVERS_INVALID', c)
  })
})
