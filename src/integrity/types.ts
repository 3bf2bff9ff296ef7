// What the gate-integrity comparisons return, and the gate's rules: each comparison is a pure
// function of two versions of a file, so its findings carry no path (the gate adds it). Each rule
// reports by messageId through `integrityFinding`; the templates reproduce the former template
// literals byte for byte (fingerprints hash the text).
import { findingBuilder, type FindingBuilder, type MessageIdOf, type RuleTable } from '../gates/rule-table.js'
import type { FindingInput } from '../findings/types.js'

/** A finding about one file; positions are 1-based and refer to the version under test. */
export type IntegrityFinding = Omit<FindingInput, 'path'>

/** The gate-integrity gate's rules and default severities (the rule table of docs/gates.md lists the same ids). */
export const GATE_INTEGRITY_RULES = {
  'config-weakened': {
    description:
      'The proofgate config, its waivers or its counter-evidence changed so that a gate is off or advisory, a threshold is loosened, the filter narrowed, a waiver or counter-evidence added (any other config change: medium)',
    defaultSeverity: 'critical',
    approval: true,
    messages: {
      configSymlink:
        '{{file}} {{how}} {{link}}: proofgate never follows a symlink, so the version under test has no configuration file and every setting falls back to its default.',
      waiversSymlink: '{{file}} {{how}} {{link}}: proofgate never follows a symlink, so the version under test has no waivers file that proofgate will read.',
      invalidConfig: '{{file}} could not be compared with the base: it is not a valid config ({{problem}}).',
      invalidWaivers: '{{file}} could not be compared with the base: it is not a valid waivers file ({{problem}}).',
      waiverAdded: 'Waiver added in {{file}} for {{waiver}}: the findings it matches no longer block.',
      waiverNeverExpires: 'Waiver for {{waiver}} in {{file}}: `expires` removed (was {{was}}), so it never expires.',
      waiverExpiresLater: 'Waiver for {{waiver}} in {{file}}: `expires` moved from {{from}} to {{to}}.',
      counterEvidenceSymlink:
        '{{file}} {{how}} {{link}}: proofgate never follows a symlink, so the version under test has no counter-evidence file that proofgate will read.',
      invalidCounterEvidence: '{{file}} could not be compared with the base: it is not a valid counter-evidence file ({{problem}}).',
      counterEvidenceAdded:
        'Counter-evidence added in {{file}} for fingerprint {{fingerprint}} ({{proofType}}): once merged, the override council may waive that finding.',
      counterEvidenceChanged:
        'Counter-evidence for fingerprint {{fingerprint}} changed in {{file}} ({{proofType}}): once merged, the override council hears the new claim.',
      proofAdded: "proof command '{{name}}' added {{where}} (stricter).",
      proofRunChanged: "proof command '{{name}}' changed from {{from}} to {{to}} {{where}}: what counts as proof may be weaker.",
      proofTimeoutChanged: "proof command '{{name}}' timeout changed from {{from}} to {{to}} seconds {{where}}.",
      proofRemoved: "proof command '{{name}}' ({{run}}) removed {{where}}: it no longer has to exit 0.",
      proofReordered: '`proof` reordered {{where}}.',
      reviewerWeakened: "{{who}} '{{name}}' {{what}} {{where}}: the review may see less or pass more.",
      reviewerAdded: "{{who}} '{{name}}' added {{where}} (stricter).",
      reviewerScriptChanged:
        "{{who}} '{{name}}' runs {{file}}, which this change {{how}}: the review ran the change's own script, so its vote is not the base's reviewer.",
      reviewPromptChanged:
        "The reviewers' prompt {{file}} (review.prompt) was {{how}}: this run told its reviewers and judges the base's text, but once merged every review reads the new one.",
      ruleOff: 'Severity of `{{rule}}` turned off (was {{was}}), so its findings are dropped {{where}}.',
      ruleUnblocked: 'Severity of `{{rule}}` lowered {{moved}}, so its findings no longer block {{where}}.',
      ruleLowered: 'Severity of `{{rule}}` lowered {{moved}}, so its findings count for less {{where}}.',
      ruleRaised: 'Severity of `{{rule}}` changed {{moved}} {{where}} (stricter).',
      modeLowered: '`{{key}}` lowered from {{from}} to {{to}} {{where}}.',
      filterNarrowed: '`{{key}}` narrowed from {{from}} to {{to}}, so fewer findings count {{where}}.',
      stricter: '`{{key}}` changed {{moved}} {{where}} (stricter).',
      turnedOff: '`{{key}}` turned off {{where}}.',
      minimumRemoved: '`{{key}}` removed {{where}} (it was {{was}}): patch coverage no longer has a minimum.',
      entryAdded: '{{value}} added to `{{key}}` {{where}}: {{why}}.',
      entriesRemoved: '`{{key}}` changed {{moved}} {{where}} (entries removed).',
      numberRaised: '`{{key}}` raised {{moved}} {{where}}: {{why}}.',
      numberLowered: '`{{key}}` lowered {{moved}} {{where}}: {{why}}.',
      timeoutChanged: '`{{key}}` changed {{moved}} seconds {{where}}.',
      changed: '`{{key}}` changed {{moved}} {{where}}.',
    },
  },
  'suppression-added': {
    description: 'A new eslint-disable, @ts-ignore, @ts-nocheck, @ts-expect-error, istanbul/c8/v8 ignore comment in a changed JS/TS file (high in test files)',
    defaultSeverity: 'medium',
    messages: {
      added: '`{{name}}` added in {{path}}: {{effect}}.',
      addedInTest: '`{{name}}` added in test file {{path}}: {{effect}}.',
      typeAssertionInTest:
        '`{{name}}` added in test file {{path}}: {{effect}}. Medium, not high: in a test file it is often a type-level assertion (vitest, tsd and zod use it so).',
    },
  },
  'test-config-weakened': {
    description:
      'The test runner config (vitest, jest, mocha, package.json) changed so that tests pass more easily: passWithNoTests, fewer test files, lower coverage thresholds, more retries, far longer timeouts, masks',
    defaultSeverity: 'high',
    // `{{newProject}}` is empty, or the sentence saying a new config in a test-free directory is medium (integrity/new-project.ts).
    messages: {
      unreadable: '{{file}} could not be compared with the base: {{reason}}.',
      maskFlag: '{{setting}} set to true: {{why}} ({{file}}).{{newProject}}',
      maskFlagWas: '{{setting}} set to true (was {{was}}): {{why}} ({{file}}).{{newProject}}',
      forbidOnlyRemoved: '{{setting}} removed: `.only` may narrow the run to one test, even in CI ({{file}}).{{newProject}}',
      forbidOnlyOff: '{{setting}} set to {{value}}: `.only` may narrow the run to one test, even in CI ({{file}}).{{newProject}}',
      thresholdRemoved: 'coverage threshold {{key}} removed (was {{was}}) ({{file}}).{{newProject}}',
      thresholdLowered: 'coverage threshold {{key}} lowered from {{from}} to {{to}} ({{file}}).{{newProject}}',
      thresholdIncomparable:
        'coverage threshold {{key}} changed from {{from}} to {{to}}, a percentage against a count of uncovered items; proofgate could not compare them ({{file}}).{{newProject}}',
      perFileOff: 'coverage thresholds no longer apply per file (`perFile` turned off) ({{file}}).{{newProject}}',
      retriesRaised: '{{setting}} raised from {{from}} to {{to}}: a failing test passes when a retry passes ({{file}}).{{newProject}}',
      timeoutOff: '{{setting}} set to {{value}}, which turns the timeout off: a hanging test never fails ({{file}}).{{newProject}}',
      timeoutRaised: '{{setting}} raised from {{from}} ms{{source}} to {{to}} ms, {{times}} times longer: slow or hanging tests pass ({{file}}).{{newProject}}',
      fewerFile: 'Fewer test files run: 1 file the old settings ran is no longer selected, e.g. {{example}}{{changed}} ({{file}}).{{newProject}}',
      fewerFiles: 'Fewer test files run: {{count}} files the old settings ran are no longer selected, e.g. {{example}}{{changed}} ({{file}}).{{newProject}}',
      projectRemoved: 'Project {{project}} removed from the projects list: its tests no longer run ({{file}}).{{newProject}}',
      scriptMasked: 'The {{script}} script now {{why}} ({{file}}).{{newProject}}',
      scriptNoRunner: 'The {{script}} script no longer runs a test runner (was {{from}}, now {{to}}) ({{file}}).{{newProject}}',
      testScriptRemoved: 'The test script was removed (it was {{was}}) ({{file}}).{{newProject}}',
      notStatic: '`{{key}}` is not a static value, so proofgate could not compare it with the base ({{file}}).{{newProject}}',
    },
  },
  'lint-config-weakened': {
    description:
      "ESLint, Biome or oxlint rules turned off or downgraded, ignores added, shared configs dropped, or tsconfig strictness flags turned off, in the file's own settings",
    defaultSeverity: 'high',
    messages: {
      notLiteral: '{{tool}} rule {{rule}} set to a value that is not a literal severity; proofgate could not compare it with the base ({{file}}).',
      downgraded: '{{tool}} rule {{rule}} downgraded from {{from}} to {{to}} ({{file}}).',
      turnedOff: '{{tool}} rule {{rule}} turned off in a new entry ({{file}}).',
      ruleRemoved: '{{tool}} rule {{rule}} removed from the config (it was {{was}}) ({{file}}).',
      ignoreAdded: '{{pattern}} added to the {{tool}} ignores: {{tool}} no longer checks the files it matches ({{file}}).',
      sharedDropped: 'Shared config {{config}} no longer used: the rules it set are no longer checked ({{file}}).',
      flagRemoved: '`compilerOptions.{{flag}}` removed (was {{was}}){{note}}: TypeScript checks less ({{file}}).',
      flagOff: '`compilerOptions.{{flag}}` turned off ({{from}} → {{to}}{{inherited}}){{note}}: TypeScript checks less ({{file}}).',
      extendsDropped: '`extends` no longer includes {{entry}}: the strictness flags it set are no longer inherited ({{file}}).',
      allowanceSet: '`compilerOptions.{{flag}}` set to true: TypeScript no longer reports it ({{file}}).',
      unparsable: '{{file}} could not be compared with the base: it does not parse ({{file}}).',
    },
  },
  'attributes-weakened': {
    description:
      'A .gitattributes line added that marks JS/TS code or tests binary, -diff, -text, linguist-generated or linguist-vendored (hidden from diffs and reviews)',
    defaultSeverity: 'high',
    messages: {
      weakened: "`{{line}}` marks JS/TS code such as {{example}} as {{what}}: diffs, reviews and checks that trust git's attributes would skip it.",
    },
  },
  'hook-removed': {
    description: 'A git hook line, lefthook command or workflow step that runs proofgate removed, disabled or made unable to fail',
    defaultSeverity: 'high',
    messages: {
      lineMasked: "The proofgate line now ignores proofgate's exit code ({{from}} → {{to}}): the hook passes when proofgate blocks ({{file}}).",
      lineNarrowed: 'The proofgate line now runs with {{flags}} ({{from}} → {{to}}): it checks less ({{file}}).',
      lineRemoved: 'Line {{line}} that ran proofgate removed ({{file}}).',
      hookFileDeleted: 'Line {{line}} that ran proofgate removed (the hook file was deleted) ({{file}}).',
      earlyExit: '{{exit}} added before the proofgate line: the hook ends before proofgate runs ({{file}}).',
      commandRemoved: 'The {{label}} that ran proofgate removed ({{file}}).',
      lefthookDeleted: 'The {{label}} that ran proofgate removed (the lefthook config was deleted) ({{file}}).',
      commandSkipped: '`skip: true` added to the {{label}}: proofgate no longer runs ({{file}}).',
      hookSkipped: '`skip: true` added to the lefthook {{hook}} hook: proofgate no longer runs ({{file}}).',
      commandMasked: "The {{label}} now ignores proofgate's exit code ({{run}}) ({{file}}).",
      commandNarrowed: 'The {{label}} now runs proofgate with {{flags}}: it checks less ({{file}}).',
      stepRemoved: 'Workflow step {{step}} that ran proofgate removed ({{file}}).',
      workflowDeleted: 'Workflow step {{step}} that ran proofgate removed (the workflow was deleted) ({{file}}).',
      stepContinueOnError: '`continue-on-error: true` added to the proofgate step {{step}}: its failure no longer fails the workflow ({{file}}).',
      jobContinueOnError: '`continue-on-error: true` added to job {{job}}, which runs proofgate: its failure no longer fails the workflow ({{file}}).',
      stepDisabled: '`if: {{condition}}` added to the proofgate step {{step}}: it never runs ({{file}}).',
      jobDisabled: '`if: {{condition}}` added to job {{job}}, which runs proofgate: it never runs ({{file}}).',
      stepMasked: "The proofgate step {{step}} now ignores proofgate's exit code ({{file}}).",
      stepNarrowed: 'The proofgate step {{step}} now runs with {{flags}}: it checks less ({{file}}).',
      triggerRemoved: 'Trigger {{event}} removed from a workflow that runs proofgate: proofgate no longer runs on it ({{file}}).',
      notYaml: '{{file}} could not be compared with the base: it is not valid YAML ({{file}}).',
    },
  },
  'checklist-loosened': {
    description:
      'A checklist item was removed, its verify command changed or its severity lowered in .proofgate/checklist.yml (held-out items are never named)',
    defaultSeverity: 'high',
    approval: true,
    messages: {
      itemRemoved: "Checklist item '{{id}}' removed from {{file}}: it no longer has to pass.",
      verifyChanged: "Checklist item '{{id}}' verify changed from {{from}} to {{to}} in {{file}}: what counts as passing may be weaker.",
      severityLowered: "Checklist item '{{id}}' severity lowered from {{from}} to {{to}} in {{file}}: its failure counts for less.",
      heldOutChanged: 'A held-out checklist item changed in {{file}} ({{what}}): what the release checks may be weaker.',
      invalid: '{{file}} could not be compared with the base: it is not a valid checklist ({{problem}}).',
    },
  },
  'heldout-removed': {
    description: 'A held-out checklist item was removed, or the held-out reservation (.proofgate/checklist/held-out.json) was edited or deleted',
    defaultSeverity: 'high',
    approval: true,
    messages: {
      itemRemoved: 'A held-out checklist item was removed from {{file}}: the release no longer evaluates it.',
      reservationEdited: '{{file}} changed: the held-out reservation is written once and never edited, so items may have moved out of it.',
      reservationDeleted: '{{file}} deleted: the next run writes a new reservation, which may hold out other items.',
    },
  },
} as const satisfies RuleTable

/** A key of {@link GATE_INTEGRITY_RULES}, e.g. `hook-removed`; a finding's `ruleId`. */
export type GateIntegrityRuleId = keyof typeof GATE_INTEGRITY_RULES

/** The messageIds of rule `R`, e.g. `'lineMasked' | 'lineRemoved' | …` for hook-removed. */
export type GateIntegrityMessageId<R extends GateIntegrityRuleId> = MessageIdOf<typeof GATE_INTEGRITY_RULES, R>

/**
 * A gate-integrity finding reported by messageId with data, its message formatted from the rule's
 * template (`gates/rule-table.ts`); the severity is the rule's default unless the place gives one.
 * The comparisons give no path (the gate adds it).
 * @throws Error when the rule has no such messageId (a programming error, caught by the rule tests).
 */
export const integrityFinding: FindingBuilder<typeof GATE_INTEGRITY_RULES> = findingBuilder(GATE_INTEGRITY_RULES)

/** What to do about a loosening: the same two ways out for every rule. */
export const LOOSENING_HELP = 'revert the change, or have a reviewer approve it and waive this finding by its fingerprint in .proofgate/waivers.yml'

/**
 * Shell endings that turn a failing command into a passing one: `|| true`, `|| :`, `|| exit 0`,
 * `|| echo …`, `; exit 0`. (`|| exit` alone keeps the failure: exit takes the last status.)
 */
export const EXIT_CODE_MASK = /\|\|\s*(?:true|:|exit\s+0|echo)(?=\s|$|;|&|\)|#)|;\s*exit\s+0\b/

/** Formats a value for a message: strings quoted, lists bracketed, absent as "unset". */
export function show(value: unknown): string {
  if (value === undefined) return 'unset'
  if (typeof value === 'string') return `"${value}"`
  return JSON.stringify(value)
}
