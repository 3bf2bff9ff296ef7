// The test-integrity rules, one unit per rule under rules/ (rules/index.ts lists them). This
// module keeps the names other modules import from here.
export { MOCK_INTEGRITY_RULES, SEMANTIC_TESTS_RULES, mockIntegrity, semanticTests, type MockIntegrityRuleId, type SemanticRuleId } from './rules/index.js'
export type { RuleEnvironment, RuleFinding } from './rules/rule.js'
export type { RuleMeta } from '../findings/rule.js'
export { assertingFunctions, callbackMayNotRun, fails, isTypeLevelTest, passesDone, rangeAsserts, testsTheFramework } from './rules/assertions.js'
export { testStem } from './rules/modules.js'
export { literalKey } from './rules/shared.js'
