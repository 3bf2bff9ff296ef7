// A RuleTester in ESLint's shape for the test-integrity rules: valid snippets report nothing,
// invalid ones exactly the listed errors (messageId and the 1-based span). Each snippet is
// parsed in-process by the analysis the gate uses and run through the one rule under test, in a
// fixed repository (a package `calc` with a few source modules); no git, no processes.
import { afterAll, describe, expect, it } from 'vitest'
import { formatMessage, type MessageData } from '../../src/findings/rule.js'
import { analyseFile } from '../../src/testing/analyse.js'
import { checkRunnerConfig, checkSetupFile } from '../../src/testing/harness.js'
import { createImportClassifier } from '../../src/testing/resolve.js'
import { TEST_FILE_RULES, runRules } from '../../src/testing/rules/index.js'
import type { RuleFinding } from '../../src/testing/rules/rule.js'
import { analyseOptions, ruleEnvironment } from '../../src/testing/scan.js'
import { loadTypeScript } from '../../src/testing/typescript.js'
import { makeTempDir, removeTempDirs } from './repo.js'

/** The repository every snippet lives in: these files exist, and `src/**` is its source. */
export const RULE_TESTER_FILES = ['package.json', 'src/sum.ts', 'src/db.ts', 'src/log.ts', 'src/api.ts', 'src/clock.ts', 'bin/cli.js'] as const

/** A snippet: its code, and optionally its path (default `src/sum.test.ts`) and `assertion-functions` globs. */
export type RuleTesterCase = string | { code: string; path?: string; assertionFunctions?: string[] }

/** One expected report: ESLint's RuleTester error shape; `data`, when given, must also format to the reported message. */
export interface RuleTesterError {
  messageId: string
  line: number
  column: number
  endLine: number
  endColumn: number
  data?: MessageData
}

/** An invalid case: the snippet and every report it must produce, in line/column order. */
export type RuleTesterInvalid = Exclude<RuleTesterCase, string> & { errors: RuleTesterError[] }

const ROOT = makeTempDir({ 'package.json': JSON.stringify({ name: 'calc', version: '1.0.0' }) }, 'proofgate-rule-tester-')
afterAll(removeTempDirs)

/**
 * The reports of rule `ruleId` on one snippet. harness-suppression, whose check runs on setup
 * files and runner configs, reads a snippet whose path names a config (`vitest.config.ts`,
 * `package.json`) as a runner config and any other as a setup file.
 * @throws Error when no rule has that id.
 */
export async function reportsOf(ruleId: string, c: RuleTesterCase): Promise<RuleFinding[]> {
  const rule = TEST_FILE_RULES.get(ruleId)
  if (rule === undefined) throw new Error(`no test-integrity rule '${ruleId}'`)
  const { code, path = 'src/sum.test.ts', assertionFunctions = [] } = typeof c === 'string' ? { code: c } : c
  const ts = await loadTypeScript()
  if (rule.check === undefined) {
    if (/(^|\/)(package\.json|[^/]*config\.[cm]?[jt]s)$/.test(path)) return checkRunnerConfig(ts, path, code, false)
    return checkSetupFile(analyseFile(ts, path, code)).findings
  }
  const classifier = await createImportClassifier(ROOT, RULE_TESTER_FILES)
  const env = ruleEnvironment([...RULE_TESTER_FILES, path], classifier, (p) => /\.test\.|\.spec\./.test(p), { maxRatio: 0.5, minMocks: 3 })
  return runRules([rule], analyseFile(ts, path, code, analyseOptions(assertionFunctions)), env)
}

function codeOf(c: RuleTesterCase): string {
  return typeof c === 'string' ? c : c.code
}

/** A case's name: its lines after the imports, joined (ESLint names a case by its code). */
function title(code: string): string {
  const body = code.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('import '))
  return body
    .map((l) => l.trim())
    .join(' ')
    .slice(0, 100)
}

/** ESLint's RuleTester, for proofgate's test-integrity rules: one `it` per case under a `describe` named by the rule. */
export const ruleTester = {
  run(ruleId: string, cases: { valid: readonly RuleTesterCase[]; invalid: readonly RuleTesterInvalid[] }): void {
    describe(ruleId, () => {
      for (const c of cases.valid) {
        it(`valid: ${title(codeOf(c))}`, async () => {
          expect((await reportsOf(ruleId, c)).map((f) => [f.messageId, f.message])).toEqual([])
        })
      }
      for (const c of cases.invalid) {
        it(`invalid: ${title(c.code)} → ${c.errors.map((e) => `${e.messageId}@${e.line}:${e.column}`).join(', ')}`, async () => {
          const found = await reportsOf(ruleId, c)
          const meta = TEST_FILE_RULES.get(ruleId)!.meta
          expect(found.map((f) => ({ messageId: f.messageId, line: f.startLine, column: f.startColumn, endLine: f.endLine, endColumn: f.endColumn }))).toEqual(
            c.errors.map(({ data: _data, ...e }) => e),
          )
          for (const [i, e] of c.errors.entries()) {
            expect(found[i]!.ruleId).toBe(ruleId)
            expect(found[i]!.severity).toBe(meta.defaultSeverity)
            if (e.data !== undefined) expect(found[i]!.message).toBe(formatMessage(ruleId, meta, e.messageId, e.data))
          }
        })
      }
    })
  },
}
