// The unit a test-integrity rule is: an id, its meta (findings/rule.ts) with messages by
// messageId, and a check over one analysed test file that reports by messageId, like ESLint's
// `context.report({ node, messageId, data })`. index.ts lists the units and runs them.
import type * as TS from 'typescript'
import type { MessageData, RuleMeta } from '../../findings/rule.js'
import type { Severity } from '../../findings/types.js'
import type { AnalysedFile, TestFact } from '../analyse.js'
import type { ClassifiedImport } from '../resolve.js'
import type { TypeScript } from '../typescript.js'
import { assertingFunctions, isInlineFixture, testsTheFramework } from './assertions.js'
import { moduleUseOf, repositoryReach, type ModuleUses, type RepositoryReach } from './modules.js'

/** A finding of one rule in one file; lines and columns 1-based. */
export interface RuleFinding {
  ruleId: string
  /** The key of the rule's `meta.messages` the message was formatted from. */
  messageId: string
  severity: Severity
  message: string
  startLine: number
  startColumn: number
  endLine: number
  endColumn: number
  help?: string
  /** More lines the finding is about, for the diff filter (see FindingInput.filterLines). */
  filterLines?: readonly number[]
}

/** What the rules need to know about the repository around the file. */
export interface RuleEnvironment {
  classify(fromFile: string, specifier: string): ClassifiedImport
  /** True when a path string written in `fromFile` names a file or directory of the repository that is not a test file. */
  isRepositoryPath(fromFile: string, value: string): boolean
  /** internal-mock-ratio: report when mocked/internal > maxRatio and at least minMocks modules are mocked. */
  internalMockRatio: { maxRatio: number; minMocks: number }
}

/** A 1-based span, for a report that has no node (a parse error's position). */
export type Span = Pick<RuleFinding, 'startLine' | 'startColumn' | 'endLine' | 'endColumn'>

/** What a rule's check hands to `report`: the node (or span) it is about, a messageId of its meta and the template's data. */
export interface RuleReport<MessageId extends string = string> {
  messageId: MessageId
  data?: MessageData
  node: TS.Node | Span
  help?: string
  filterLines?: readonly number[]
}

/** A rule's meta with its messages declared (every test-integrity rule has them). */
export interface TestRuleMeta<MessageId extends string = string> extends RuleMeta {
  messages: Readonly<Record<MessageId, string>>
}

/**
 * The facts of one analysed test file the rules share, each computed once on first use: the
 * tests (not suites, inline fixtures left out), whether the file tests the framework itself,
 * the functions that assert, the repository modules it imports and mocks, and which code reaches
 * the repository.
 */
export interface TestFileFacts {
  file: AnalysedFile
  env: RuleEnvironment
  ts: TypeScript
  parsed: boolean
  tests: readonly TestFact[]
  frameworkUnderTest: boolean
  /** A vitest type test (`*.test-d.ts`): it passes by compiling. */
  typeTestFile: boolean
  asserting(): ReadonlySet<string>
  modules(): ModuleUses
  reach(): RepositoryReach
}

/** One rule: `check` reports through `report`; a rule without `check` is checked elsewhere (harness-suppression, in harness.ts). */
export interface TestFileRule<Id extends string = string, MessageId extends string = string> {
  readonly id: Id
  readonly meta: TestRuleMeta<MessageId>
  check?(facts: TestFileFacts, report: (r: RuleReport<MessageId>) => void): void
}

/** Declares a rule, keeping its id and messageIds as literal types so `report` only accepts its own messageIds. */
export function defineRule<const Id extends string, const MessageId extends string>(rule: TestFileRule<Id, MessageId>): TestFileRule<Id, MessageId> {
  return rule
}

/** The shared facts of `file`, computed lazily. */
export function factsOf(file: AnalysedFile, env: RuleEnvironment): TestFileFacts {
  const { ts } = file
  let asserting: ReadonlySet<string> | undefined
  let modules: ModuleUses | undefined
  let reach: RepositoryReach | undefined
  const parsed = file.parseErrors.length === 0
  return {
    file,
    env,
    ts,
    parsed,
    tests: parsed ? file.tests.filter((t) => t.kind === 'test' && !isInlineFixture(ts, t)) : [],
    frameworkUnderTest: parsed && testsTheFramework(file, env),
    typeTestFile: /\.(test|spec)-d\.[cm]?[jt]sx?$/.test(file.path),
    asserting: () => (asserting ??= assertingFunctions(file)),
    modules: () => (modules ??= moduleUseOf(file, env)),
    reach: () => (reach ??= repositoryReach(file, env)),
  }
}
