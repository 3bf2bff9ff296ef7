// The `.proofgate.yml` and `.proofgate/waivers.yml` schemas (zod), the single source for
// validation, defaults, `proofgate config print` and the JSON Schema emitted for editors.
import { z } from 'zod'
import { GATE_IDS } from '../findings/types.js'
import { RULE_DEFAULTS, RULE_KEYS, RULE_LEVELS, UNLOWERABLE_GATE } from '../findings/rules.js'

/** The diff filter modes, reviewdog's `-filter-mode` names: which findings count for a change (see findings/filter.ts). */
export const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'] as const
/** One of FILTER_MODES. */
export type FilterMode = (typeof FILTER_MODES)[number]

/** How a gate's findings count: blocking (critical/high block the run), advisory (reported only), off (not run). */
export const GATE_MODES = ['blocking', 'advisory', 'off'] as const
/** One of GATE_MODES. */
export type GateMode = (typeof GATE_MODES)[number]

const mode = z.enum(GATE_MODES).describe('blocking: critical/high findings block; advisory: reported only; off: not run')
/** Seconds, as in the config file; the runner converts to ms. */
// Under 1 s every run would time out (and read as a blocked change), so it is a config error.
const timeout = z
  .number()
  .min(1)
  .max(86_400)
  .describe('Timeout in seconds (at least 1); a gate that exceeds it is errored (fails closed)')

const staticAnalysis = z
  .strictObject({
    mode: mode.default('blocking'),
    timeout: timeout.default(300),
    eslint: z.boolean().default(true).describe('Run the repository\'s own ESLint (flat config) on changed files'),
    typescript: z.boolean().default(true).describe('Run the repository\'s own `tsc --noEmit` when it has a tsconfig'),
    tsconfig: z.string().min(1).default('tsconfig.json').describe('tsconfig path, relative to the repository root'),
  })
  .describe('ESLint and TypeScript errors on the changed lines')

/** `gates.tests.runner` values; `auto` detects the runner from the repository (gates/tests/detect.ts). */
export const TEST_RUNNERS = ['auto', 'vitest', 'jest', 'node', 'mocha', 'script'] as const
const tests = z
  .strictObject({
    mode: mode.default('blocking'),
    timeout: timeout.default(600),
    runner: z.enum(TEST_RUNNERS).default('auto').describe('auto detects vitest, jest, node --test, mocha, else the `test` script'),
    args: z.array(z.string()).default([]).describe('Extra arguments passed to the runner (an argument array, never a shell string)'),
  })
  .describe('Runs the test suite with a machine-readable reporter')

const evidence = z
  .strictObject({
    mode: mode.default('blocking'),
    timeout: timeout.default(60),
  })
  .describe('A non-empty change whose current tree has passing test results')

const internalMockRatio = z
  .strictObject({
    'max-ratio': z.number().min(0).max(1).default(0.5).describe('Report when more than this share of the repository modules a test file uses are mocked'),
    'min-mocks': z.number().int().min(1).default(3).describe('…and at least this many are mocked'),
  })
  .describe('Thresholds of the internal-mock-ratio rule')

const mockIntegrity = z
  .strictObject({
    mode: mode.default('blocking'),
    timeout: timeout.default(300),
    'internal-mock-ratio': internalMockRatio.default(internalMockRatio.parse({})),
    'assertion-functions': z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Calls that count as assertions for no-assertions, as eslint-plugin-jest expect-expect assertFunctionNames: globs on the member chain with calls dropped, e.g. "*.parse" or "request.**.expect"',
      ),
  })
  .describe('Tests that cannot fail: tautologies, no assertions, the unit under test mocked, no source, focused/skipped tests, suppressed harness')

const semanticTests = z
  .strictObject({
    mode: mode.default('advisory'),
    timeout: timeout.default(300),
  })
  .describe('Assertions on values the test itself made: literals echoed through bindings, mock returns asserted back')

const testMutation = z
  .strictObject({
    mode: mode.default('blocking'),
    timeout: timeout.default(300),
    trailer: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'expected a git trailer key: letters, digits and dashes')
      .default('Behavior-Change')
      .describe('Commit trailer that declares a behaviour change (`Behavior-Change: <why>`): the commit\'s expected-value-changed, assertion-deleted and snapshot-rewritten findings drop to medium'),
    'min-assertions': z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe('low-assertion-density: assertions that check a value (not toBeDefined/toBeTruthy/not.toThrow) each test added in the range must have, following helpers'),
  })
  .describe('Tests edited to fit the code across base..HEAD: expected values changed, matchers weakened, assertions deleted, tests disabled or swallowed, snapshots rewritten')

const gateIntegrity = z
  .strictObject({
    mode: mode.default('blocking'),
    timeout: timeout.default(120),
  })
  .describe('Changes that loosen the checks themselves: proofgate config, suppressions, test runner, ESLint and tsconfig settings, hooks and workflow steps')

const docCoverage = z
  .strictObject({
    mode: mode.default('blocking'),
    timeout: timeout.default(120),
    'stale-after': z
      .number()
      .int()
      .min(1)
      .default(10)
      .describe('docs-stale: source changed but README.md and docs/ were last touched more than this many commits before HEAD'),
  })
  .describe('Documentation that keeps up with the code: a README, fresh docs, documented exports, relative links that resolve')

const proofGate = z
  .strictObject({
    mode: mode.default('blocking'),
    timeout: timeout.default(3_600).describe('Timeout in seconds for all proof commands together; each command also has its own'),
  })
  .describe('The commands listed under `proof:` must exit 0 on this tree; the verdict is read from .proofgate/proof-results.jsonl')

/** `gates.coverage.runner` values; `report` reads an existing lcov or istanbul JSON report instead of running tests. */
export const COVERAGE_RUNNERS = ['auto', 'vitest', 'jest', 'node', 'report'] as const
const coverage = z
  .strictObject({
    mode: mode.default('off'),
    timeout: timeout.default(900),
    runner: z
      .enum(COVERAGE_RUNNERS)
      .default('auto')
      .describe('auto detects vitest (v8), jest (--coverage) or node --test (c8, else node\'s own coverage); report reads `report` without running anything'),
    report: z
      .string()
      .min(1)
      .optional()
      .describe('An existing coverage report to read, relative to the repository root: lcov (.info) or istanbul JSON (coverage-final.json)'),
    args: z.array(z.string()).default([]).describe('Extra arguments passed to the runner (an argument array, never a shell string)'),
    'min-patch-coverage': z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('Percent of the changed executable lines that must be covered; below it is a high finding (blocks when the gate is blocking)'),
  })
  .describe('Patch coverage: the share of changed executable lines the tests execute (opt-in: it runs the tests again with coverage)')

const proofCommand = z
  .strictObject({
    name: z.string().trim().min(1).describe('Unique name, shown in reports and recorded in the journal'),
    run: z.string().trim().min(1).describe('A bash command, run with `bash -c` in the repository root; it must exit 0'),
    timeout: timeout.default(300),
  })
  .describe('A command that must exit 0')

const proof = z
  .array(proofCommand)
  .max(1_000)
  .default([])
  .superRefine((commands, ctx) => {
    const seen = new Set<string>()
    commands.forEach((c, index) => {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `expected a unique name; '${c.name}' is used twice` })
      seen.add(c.name)
    })
  })
  .describe('Proof commands: each must exit 0 on the tree under test, or the proof gate blocks (fail closed)')

const testFiles = z
  .strictObject({
    exclude: z.array(z.string().min(1)).default([]).describe('picomatch globs (repository-relative) that are never test files, e.g. a test tool\'s own fixtures'),
  })
  .describe('Which files the test-integrity gates read, on top of the runner configs (vitest, jest, mocha) and the common conventions')

/** The gates the pre-commit hook runs by default: those that read the staged content without running it. */
export const PRE_COMMIT_GATES = ['static-analysis', 'mock-integrity', 'semantic-tests', 'test-mutation', 'gate-integrity'] as const

const prePushHook = z
  .strictObject({
    tags: z.boolean().default(false).describe('Check pushed tags too (default: tags are skipped)'),
    'block-on-approval': z
      .boolean()
      .default(false)
      .describe('Refuse the push while findings need a reviewer\'s approval (config-weakened, a waiver the change adds); by default they are printed loudly and the pull request\'s required check blocks them'),
  })
  .describe('The pre-push hook (proofgate hook pre-push)')
const preCommitHook = z
  .strictObject({
    gates: z
      .array(z.enum(GATE_IDS))
      .min(1)
      .default([...PRE_COMMIT_GATES])
      .describe('Gates the pre-commit hook runs on the staged content; gates that execute the tests need the work tree and are better left to pre-push'),
  })
  .describe('The pre-commit hook (proofgate hook pre-commit)')
const hooks = z
  .strictObject({
    'pre-push': prePushHook.default(prePushHook.parse({})),
    'pre-commit': preCommitHook.default(preCommitHook.parse({})),
  })
  .describe('Settings of the git hooks installed by proofgate install')

const ruleLevel = z.enum(RULE_LEVELS)
/** `rules:`: one optional key per rule id, so an unknown id is an unknown key (file:line:col, "did you mean"). */
const rules = z
  .strictObject(
    Object.fromEntries(
      RULE_KEYS.map((key) => [
        key,
        ruleLevel
          .optional()
          .describe(
            `Severity of ${key} (default ${RULE_DEFAULTS[key]})${key.startsWith(`${UNLOWERABLE_GATE}/`) ? '; gate-integrity rules can be raised, never lowered or turned off' : '; off drops its findings'}`,
          ),
      ]),
    ) as Record<(typeof RULE_KEYS)[number], z.ZodOptional<typeof ruleLevel>>,
  )
  .describe('Per-rule severity, keyed `<gate>/<rule>`: critical, high, medium, low, info or off. Applied before the diff filter and the waivers; every report marks such findings "severity set in .proofgate.yml"')

/** The `.proofgate.yml` schema: parse with it to validate and fill every default. */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    'filter-mode': z.enum(FILTER_MODES).default('added').describe('Which findings count, as reviewdog: added lines, diff context, changed files, or everything'),
    'test-files': testFiles.default(testFiles.parse({})),
    'env-pass': z
      .array(z.string().regex(/^[^=\0]+$/, 'an environment variable name (no `=`)'))
      .default([])
      .describe(
        "Environment variables passed to the repository's code (tests, coverage, tsc, proof commands) on top of the allow-list (PATH, HOME, USER, LOGNAME, SHELL, TMPDIR, TMP, TEMP, LANG, LANGUAGE, LC_*, TZ, TERM, CI, NODE_ENV, NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, SSL_CERT_DIR, VITEST_*, JEST_*, npm_* without credentials); exact names. Every other variable is removed and its value redacted from output",
      ),
    gates: z
      .strictObject({
        'static-analysis': staticAnalysis.default(staticAnalysis.parse({})),
        tests: tests.default(tests.parse({})),
        'mock-integrity': mockIntegrity.default(mockIntegrity.parse({})),
        'test-mutation': testMutation.default(testMutation.parse({})),
        'semantic-tests': semanticTests.default(semanticTests.parse({})),
        evidence: evidence.default(evidence.parse({})),
        'doc-coverage': docCoverage.default(docCoverage.parse({})),
        proof: proofGate.default(proofGate.parse({})),
        coverage: coverage.default(coverage.parse({})),
        'gate-integrity': gateIntegrity.default(gateIntegrity.parse({})),
      })
      .default({
        'static-analysis': staticAnalysis.parse({}),
        tests: tests.parse({}),
        'mock-integrity': mockIntegrity.parse({}),
        'test-mutation': testMutation.parse({}),
        'semantic-tests': semanticTests.parse({}),
        evidence: evidence.parse({}),
        'doc-coverage': docCoverage.parse({}),
        proof: proofGate.parse({}),
        coverage: coverage.parse({}),
        'gate-integrity': gateIntegrity.parse({}),
      }),
    proof,
    rules: rules.default({}),
    hooks: hooks.default(hooks.parse({})),
  })
  .describe('proofgate configuration (.proofgate.yml)')

/** The effective configuration: every key present, defaults filled in. */
export type Config = z.output<typeof configSchema>
/** The gate ids that have a key under `gates:`. */
export type ConfiguredGateId = keyof Config['gates']
/** The settings of one gate, e.g. `GateConfig<'tests'>`. */
export type GateConfig<G extends ConfiguredGateId> = Config['gates'][G]
/** One entry of `proof:`: `{ name, run, timeout }`, timeout in seconds. */
export type ProofCommand = Config['proof'][number]

/** What may back a waiver's reason: the kinds of evidence a reviewer can check. */
export const WAIVER_PROOFS = [
  'file-exists',
  'test-passes',
  'grep-miss',
  'reviewer-misread',
  'duplicate-code-path',
  'out-of-scope',
] as const

const isoDate = z.iso.date().describe('YYYY-MM-DD; the waiver stops applying after this day (UTC)')

/** One waiver: a fingerprint, or a rule with a path glob; always a reason and a proof; optionally an expiry day. */
export const waiverSchema = z
  .strictObject({
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{8,64}$/, 'expected a hex fingerprint from a report (8 to 64 characters 0-9a-f)')
      .optional()
      .describe('The `fingerprint` of one finding, as printed in the JSON or SARIF report'),
    rule: z.string().min(1).optional().describe('Rule id, e.g. no-unused-vars or tests/test-failed'),
    path: z.string().min(1).optional().describe('Glob (picomatch) on the repository-relative path'),
    reason: z.string().trim().min(1, 'a reason is mandatory').describe('Why the finding is acceptable; shown in every report'),
    proof: z.enum(WAIVER_PROOFS).describe('What backs the reason: the kind of evidence a reviewer can check'),
    // Only the ISO string: the loader parses YAML 1.2 (core schema), where an unquoted date stays a
    // string, and a Date branch would make the JSON Schema unrepresentable.
    expires: isoDate.optional(),
  })
  .refine((w) => w.fingerprint !== undefined || (w.rule !== undefined && w.path !== undefined), {
    message: 'a waiver names a fingerprint, or a rule together with a path glob',
  })

/** The `.proofgate/waivers.yml` schema. */
export const waiversFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    waivers: z.array(waiverSchema).max(1_000).default([]),
  })
  .describe('proofgate waivers (.proofgate/waivers.yml)')

/** A validated waiver. */
export type Waiver = z.output<typeof waiverSchema>
