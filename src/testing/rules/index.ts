// The test-integrity rules as units: the mock-integrity gate's (blocking) and the semantic-tests
// gate's (advisory), in report order. Each gate's `meta.rules` is derived from these lists.
import type * as TS from 'typescript'
import { formatMessage } from '../../findings/rule.js'
import type { AnalysedFile } from '../analyse.js'
import { conditionalAssertion } from './conditional-assertion.js'
import { harnessSuppression } from './harness-suppression.js'
import { internalMockRatio } from './internal-mock-ratio.js'
import { literalEcho } from './literal-echo.js'
import { mockReturnEcho } from './mock-return-echo.js'
import { mockedUnitUnderTest } from './mocked-unit-under-test.js'
import { implicitAssertion, noAssertions } from './no-assertions.js'
import { noSourceUnderTest } from './no-source-under-test.js'
import { parseError } from './parse-error.js'
import { factsOf, type RuleEnvironment, type RuleFinding, type Span, type TestFileRule, type TestRuleMeta } from './rule.js'
import { at } from './shared.js'
import { tautologicalAssertion } from './tautological-assertion.js'
import { focusedTest, skippedTest } from './test-modifiers.js'
import { unreachableAssertion } from './unreachable-assertion.js'

/** The mock-integrity gate's rules, in the order docs and the generated rule table list them. */
export const MOCK_INTEGRITY_RULE_UNITS = [
  tautologicalAssertion,
  noAssertions,
  implicitAssertion,
  unreachableAssertion,
  mockedUnitUnderTest,
  noSourceUnderTest,
  internalMockRatio,
  conditionalAssertion,
  focusedTest,
  skippedTest,
  harnessSuppression,
  parseError,
] as const

/** The semantic-tests gate's rules; the gate is advisory, so they warn rather than block by default. */
export const SEMANTIC_TESTS_RULE_UNITS = [literalEcho, mockReturnEcho] as const

type MetaTable<R extends readonly TestFileRule[]> = { [U in R[number] as U['id']]: U['meta'] }

function metaTable<const R extends readonly TestFileRule[]>(rules: R): MetaTable<R> {
  return Object.fromEntries(rules.map((r) => [r.id, r.meta])) as MetaTable<R>
}

/** The mock-integrity gate's `meta.rules`: rule id → meta (description, default severity, messages). */
export const MOCK_INTEGRITY_RULES = metaTable(MOCK_INTEGRITY_RULE_UNITS)
/** The semantic-tests gate's `meta.rules`. */
export const SEMANTIC_TESTS_RULES = metaTable(SEMANTIC_TESTS_RULE_UNITS)

/** A key of {@link MOCK_INTEGRITY_RULES}. */
export type MockIntegrityRuleId = (typeof MOCK_INTEGRITY_RULE_UNITS)[number]['id']
/** A key of {@link SEMANTIC_TESTS_RULES}. */
export type SemanticRuleId = (typeof SEMANTIC_TESTS_RULE_UNITS)[number]['id']

/** Every test-file rule of both gates by id, for the rule tests and tools. */
export const TEST_FILE_RULES: ReadonlyMap<string, TestFileRule> = new Map(
  [...MOCK_INTEGRITY_RULE_UNITS, ...SEMANTIC_TESTS_RULE_UNITS].map((r) => [r.id, r as TestFileRule]),
)

function isSpan(node: TS.Node | Span): node is Span {
  return 'startLine' in node
}

/** Runs `rules` on one analysed test file; findings in line and column order (rule order among findings at one position), as ESLint sorts its messages. */
export function runRules(rules: readonly TestFileRule[], file: AnalysedFile, env: RuleEnvironment): RuleFinding[] {
  const facts = factsOf(file, env)
  const findings: RuleFinding[] = []
  for (const rule of rules) {
    rule.check?.(facts, (r) => {
      const meta: TestRuleMeta = rule.meta
      findings.push({
        ruleId: rule.id,
        messageId: r.messageId,
        severity: meta.defaultSeverity,
        message: formatMessage(rule.id, meta, r.messageId, r.data),
        ...(isSpan(r.node) ? r.node : at(file, r.node)),
        ...(r.help === undefined ? {} : { help: r.help }),
        ...(r.filterLines === undefined ? {} : { filterLines: r.filterLines }),
      })
    })
  }
  return findings.sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn)
}

/** Runs the mock-integrity rules on one analysed test file (only parse-error when it does not parse). */
export function mockIntegrity(file: AnalysedFile, env: RuleEnvironment): RuleFinding[] {
  return runRules(MOCK_INTEGRITY_RULE_UNITS, file, env)
}

/** Runs the semantic-tests rules on one analysed test file (nothing when it does not parse). */
export function semanticTests(file: AnalysedFile, env: RuleEnvironment): RuleFinding[] {
  return runRules(SEMANTIC_TESTS_RULE_UNITS, file, env)
}
