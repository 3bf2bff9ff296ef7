// A pair-tester for the test-mutation rules, in the shape of rule-tester.ts: a case is a base and
// a new version of `src/sum.test.ts` (or a snapshot file pair), parsed by the real TypeScript
// parser and compared by the real detector in-process; the findings of the one rule under test
// must be exactly the listed errors (messageId and the 1-based span). The paired implementation
// `src/sum.ts` changed in the range unless the case says otherwise; no git, no processes.
import { describe, expect, it } from 'vitest'
import { formatMessage, type MessageData } from '../../src/findings/rule.js'
import { analyseFile } from '../../src/testing/analyse.js'
import { TEST_MUTATION_RULES, type TestMutationRuleId } from '../../src/testing/mutation-rules.js'
import { posix } from 'node:path'
import { removedExports } from '../../src/testing/module-exports.js'
import { detectTestMutation, identifiersOf, summariseTestFile, type MutationFinding, type SnapshotPair, type TestFilePair } from '../../src/testing/mutation.js'
import { resolveModulePath } from '../../src/testing/resolve.js'
import { loadTypeScript } from '../../src/testing/typescript.js'

/**
 * A version pair: `old` absent = the file was added, `new` absent = deleted; `paired: false` = no
 * implementation changed. `implementation` gives the paired `src/sum.ts` at the base and under test
 * (null = absent there), for the names and exports the range removed from it.
 */
export interface PairCase {
  old?: string
  new?: string
  snapshots?: SnapshotPair[]
  paired?: boolean
  minAssertions?: number
  implementation?: { old: string | null; new: string | null }
}

const IMPLEMENTATION = 'src/sum.ts'

/** One expected report; a finding without a location (a deleted test) has all four positions 0. `data`, when given, must format to the message. */
export interface PairTesterError {
  messageId: string
  line: number
  column: number
  endLine: number
  endColumn: number
  data?: MessageData
}

/** The findings of every test-mutation rule on one pair. */
export async function mutationReportsOf(c: PairCase): Promise<MutationFinding[]> {
  const ts = await loadTypeScript()
  const path = 'src/sum.test.ts'
  const pair: TestFilePair = {}
  if (c.old !== undefined) Object.assign(pair, { oldPath: path, old: summariseTestFile(analyseFile(ts, path, c.old), c.old) })
  if (c.new !== undefined) Object.assign(pair, { newPath: path, new: summariseTestFile(analyseFile(ts, path, c.new), c.new) })
  const paired = c.paired ?? true
  // One changed implementation file: what it lost is removed there and everywhere.
  const { old: before = null, new: after = null } = c.implementation ?? {}
  const kept = new Set(after === null ? [] : identifiersOf(ts, after))
  const removed = new Set(before === null ? [] : identifiersOf(ts, before).filter((name) => !kept.has(name)))
  const exportsRemoved = removedExports(ts, IMPLEMENTATION, before, after)
  return detectTestMutation(c.old === undefined && c.new === undefined ? [] : [pair], c.snapshots ?? [], {
    pairedChanges: () => (paired ? [IMPLEMENTATION] : []),
    implementationChanged: paired,
    declared: () => [],
    minAssertions: c.minAssertions ?? 1,
    trailer: 'Behavior-Change',
    deletedWithCode: () => false,
    removedNames: removed,
    removedEverywhere: removed,
    removedExports: (testPath, specifier) =>
      resolveModulePath(new Set([IMPLEMENTATION]), posix.join(posix.dirname(testPath), specifier)) === IMPLEMENTATION ? exportsRemoved : new Set(),
  })
}

/** Registers one `it` per case: valid pairs report nothing of `ruleId`, invalid ones exactly their errors. */
export function mutationRuleTester(
  ruleId: TestMutationRuleId,
  cases: { valid: Array<PairCase & { name: string }>; invalid: Array<PairCase & { name: string; errors: PairTesterError[] }> },
): void {
  const messages: Readonly<Record<string, string>> = TEST_MUTATION_RULES[ruleId].messages
  describe(ruleId, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        expect((await mutationReportsOf(c)).filter((f) => f.ruleId === ruleId)).toEqual([])
      })
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const found = (await mutationReportsOf(c)).filter((f) => f.ruleId === ruleId)
        const shape = (f: MutationFinding) => ({
          messageId: f.messageId,
          line: f.startLine ?? 0,
          column: f.startColumn ?? 0,
          endLine: f.endLine ?? 0,
          endColumn: f.endColumn ?? 0,
        })
        expect(found.map(shape)).toEqual(c.errors.map(({ data: _data, ...e }) => e))
        for (const [i, e] of c.errors.entries()) {
          expect(Object.hasOwn(messages, e.messageId)).toBe(true)
          if (e.data !== undefined) expect(found[i]!.message).toBe(formatMessage(ruleId, TEST_MUTATION_RULES[ruleId], e.messageId, e.data))
        }
      })
    }
  })
}
