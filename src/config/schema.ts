// The `.proofgate.yml` and `.proofgate/waivers.yml` schemas (zod), the single source for
// validation, defaults, `proofgate config print` and the JSON Schema emitted for editors.
import * as z from 'zod'
import { GATE_IDS, type GateId } from '../findings/types.js'
import { GATES, PRE_COMMIT_GATES, type RegisteredGate } from '../gates/index.js'
import type { Gate } from '../gates/types.js'
import { gateSettingsSchema, timeoutSeconds } from './gate-options.js'
import { RULE_DEFAULTS, RULE_KEYS, RULE_LEVELS, UNLOWERABLE_GATE } from '../findings/rules.js'
import { reviewSchema } from './review.js'

/** The diff filter modes, reviewdog's `-filter-mode` names: which findings count for a change (see findings/filter.ts). */
export const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'] as const
/** One of FILTER_MODES. */
export type FilterMode = (typeof FILTER_MODES)[number]

export { GATE_MODES, type GateMode } from './gate-options.js'
export { TEST_RUNNERS } from '../gates/tests.js'
export { COVERAGE_RUNNERS } from '../gates/coverage.js'
/** Seconds, as in the config file; the runner converts to ms. */
const timeout = timeoutSeconds

/**
 * The zod shape of `gates`, typed from the registry: `gates.<id>` is each gate's
 * {@link gateSettingsSchema}, defaulted, so `Config['gates']['tests']` has the tests gate's keys.
 */
type GatesShape = { [G in RegisteredGate as G['id']]: z.ZodDefault<ReturnType<typeof gateSettingsSchema<G extends Gate<GateId, infer S> ? S : never>>> }

// Built on first use, not at load time: gates import the config loader (gate-integrity compares
// configs), so the registry may still be loading when this module is evaluated.
let gatesSchema: z.ZodDefault<z.ZodObject<GatesShape, z.core.$strict>> | undefined
function gates(): z.ZodDefault<z.ZodObject<GatesShape, z.core.$strict>> {
  if (gatesSchema !== undefined) return gatesSchema
  const shape = Object.fromEntries(
    GATES.map((g) => {
      const settings = gateSettingsSchema<z.ZodRawShape>(g.meta)
      return [g.id, settings.default(settings.parse({}))]
    }),
  ) as unknown as GatesShape
  const object = z.strictObject(shape)
  gatesSchema = object.default(object.parse({}))
  return gatesSchema
}

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
    exclude: z
      .array(z.string().min(1))
      .default([])
      .describe("picomatch globs (repository-relative) that are never test files, e.g. a test tool's own fixtures"),
  })
  .describe('Which files the test-integrity gates read, on top of the runner configs (vitest, jest, mocha) and the common conventions')

export { PRE_COMMIT_GATES } from '../gates/index.js'

const prePushHook = z
  .strictObject({
    tags: z.boolean().default(false).describe('Check pushed tags too (default: tags are skipped)'),
    'fail-fast': z
      .boolean()
      .default(true)
      .describe(
        'Leave the test suite, coverage, proof commands and reviewers unstarted when a cheap static gate already blocks the push (they show as skipped, with the blocking rule); false runs them anyway',
      ),
    'block-on-approval': z
      .boolean()
      .default(false)
      .describe(
        "Refuse the push while findings need a reviewer's approval (config-weakened, a waiver the change adds); by default they are printed loudly and the pull request's required check blocks them",
      ),
  })
  .describe('The pre-push hook (proofgate hook pre-push)')
// Built on first use, like `gates`: the pre-commit default comes from the registry.
let hooksSchema: ReturnType<typeof buildHooks> | undefined
function buildHooks() {
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
  return hooks.default(hooks.parse({}))
}
function hooks(): ReturnType<typeof buildHooks> {
  hooksSchema ??= buildHooks()
  return hooksSchema
}

const ratio = z.number().min(0).max(1)
const count = z.number().int().min(0)
const health = z
  .strictObject({
    'window-hours': z.number().positive().max(8760).default(24).describe('The window `proofgate health` judges, in hours (`--window-hours` overrides it)'),
    'min-runs': count.default(1).describe('Warn when the window has fewer runs than this'),
    'min-run-id-coverage': ratio.default(0.99).describe('Warn when a smaller share of run events carry the id of a run that started'),
    'max-blocked-ratio': ratio.default(0.5).describe('Warn when a larger share of runs blocked'),
    'max-blocked-drift': ratio.default(0.25).describe("Warn when the blocked ratio moved more than this against the previous window's (absolute)"),
    'max-error-rate': ratio.default(0.05).describe('Warn when a gate errored in a larger share of its runs'),
    'max-inconclusive-rate': ratio.default(0.1).describe('Warn when a gate was inconclusive in a larger share of its runs'),
    'max-skips': count.default(0).describe('Warn when PROOFGATE_SKIP was used more often'),
    'max-stale-waivers': count.default(0).describe('Warn when the last run reported more expired or unused waivers'),
    'always-pass-min-runs': z
      .number()
      .int()
      .min(1)
      .default(20)
      .describe('Warn about a gate that ran at least this many times and always passed (it may check nothing)'),
  })
  .describe('The checks of `proofgate health` and their thresholds (the Execution Loop Gate of Aionis)')
const escalation = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Escalate to a person when attempts go in circles (PROOFGATE_ESCALATION=off also turns it off for one run)'),
    runs: z
      .number()
      .int()
      .min(2)
      .max(20)
      .default(3)
      .describe("N: P1 (the same diff) and P3 (the same blocking findings) need this many consecutive runs (Loki Mode's default 3)"),
    rounds: z.number().int().min(1).max(20).default(2).describe("R: at least two proxies hot on this many consecutive runs escalate (Loki Mode's default 2)"),
    severity: z.enum(['medium', 'high']).default('medium').describe('Severity of the escalation finding; high blocks the run it is reported in'),
  })
  .describe("Uncertainty escalation: Loki Mode's three proxies (P1 same diff, P2 A→B→A, P3 same blocking findings) per branch")
const loop = z
  .strictObject({
    'retention-days': z.number().int().min(1).max(3650).default(30).describe('Journal events older than this many days are compacted into per-day aggregates'),
    health: health.default(health.parse({})),
    escalation: escalation.default(escalation.parse({})),
  })
  .describe('The loop around the gate: journal retention, `proofgate health` and uncertainty escalation')

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
  .describe(
    'Per-rule severity, keyed `<gate>/<rule>`: critical, high, medium, low, info or off. Applied before the diff filter and the waivers; every report marks such findings "severity set in .proofgate.yml"',
  )

/** The `.proofgate.yml` schema: parse with it to validate and fill every default. */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    'filter-mode': z
      .enum(FILTER_MODES)
      .default('added')
      .describe('Which findings count, as reviewdog: added lines, diff context, changed files, or everything'),
    'test-files': testFiles.default(testFiles.parse({})),
    'env-pass': z
      .array(z.string().regex(/^[^=\0]+$/, 'an environment variable name (no `=`)'))
      .default([])
      .describe(
        "Environment variables passed to the repository's code (tests, coverage, ESLint and its config, tsc, proof commands) on top of the allow-list (PATH, HOME, USER, LOGNAME, SHELL, TMPDIR, TMP, TEMP, LANG, LANGUAGE, LC_*, TZ, TERM, CI, NODE_ENV, NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, SSL_CERT_DIR, VITEST_*, JEST_*, npm_* without credentials); exact names. Every other variable is removed and its value redacted from output",
      ),
    // Getters: zod reads them on first use (see gates() and hooks()).
    get gates() {
      return gates()
    },
    proof,
    rules: rules.default({}),
    get hooks() {
      return hooks()
    },
    loop: loop.default(loop.parse({})),
    review: reviewSchema.default(reviewSchema.parse({})),
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
export const WAIVER_PROOFS = ['file-exists', 'test-passes', 'grep-miss', 'reviewer-misread', 'duplicate-code-path', 'out-of-scope'] as const

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
