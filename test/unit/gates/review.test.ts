// The review gate's pure parts: findings from votes (rule reviewer/<name>, paths as the change set
// names them, fingerprints from the normalised message), inconclusive votes, the summary, and the
// rule family through rules: and SARIF.
import { describe, expect, it } from 'vitest'
import type { ChangeSet } from '../../../src/changes/types.js'
import { configSchema } from '../../../src/config/schema.js'
import { fingerprintFindings } from '../../../src/findings/fingerprint.js'
import { declaredRuleId } from '../../../src/findings/rule.js'
import { toSarif } from '../../../src/reporters/sarif.js'
import type { RunResult } from '../../../src/runner/types.js'
import { applyRuleLevel, ruleKeyOf } from '../../../src/findings/rules.js'
import {
  changedPath,
  inconclusiveFinding,
  normaliseMessage,
  REVIEW_RULES,
  reviewerFinding,
  reviewRunsRepositoryCode,
  roundSummary,
} from '../../../src/gates/review.js'
import type { AskResult } from '../../../src/review/ask.js'
import type { Vote } from '../../../src/review/round.js'

const changes = { files: [{ path: 'src/a.ts', status: 'modified', binary: false, addedLines: [], contextLines: [] }] } as unknown as ChangeSet
const reviewer = configSchema.parse({ review: { reviewers: [{ name: 'sec', run: 'claude -p' }] } }).review.reviewers[0]!
const vote = (result: Partial<AskResult>, role: Vote['role'] = 'reviewer'): Vote => ({
  reviewer,
  role,
  result: { verdict: 'pass', findings: [], exitCode: 0, durationMs: 5, timedOut: false, ...result },
})

describe('reviewer findings', () => {
  it('are rule reviewer/<name> with the reviewer severity, the suggestion as help, paths as the change set names them', () => {
    const f = reviewerFinding(vote({}), { severity: 'critical', path: 'b/src/a.ts', line: 3, message: 'Bad', suggestion: 'Good' }, '/repo', changes)
    expect(f).toMatchObject({
      ruleId: 'reviewer/sec',
      messageId: 'finding',
      severity: 'critical',
      path: 'src/a.ts',
      startLine: 3,
      help: 'Good',
      message: 'Bad (reviewer sec)',
    })
    const da = reviewerFinding(vote({}, 'devils-advocate'), { severity: 'high', message: 'Missed' }, '/repo', changes)
    expect(da).toMatchObject({ ruleId: 'reviewer/sec', messageId: 'devilsAdvocate', severity: 'high' })
    expect(da.path).toBeUndefined()
  })

  it('name paths relative to the root', () => {
    expect(changedPath('/repo/src/a.ts', '/repo', changes)).toBe('src/a.ts')
    expect(changedPath('./src/a.ts', '/repo', changes)).toBe('src/a.ts')
    expect(changedPath('a/src/a.ts', '/repo', changes)).toBe('src/a.ts')
    expect(changedPath('b/other.ts', '/repo', changes)).toBe('b/other.ts')
  })

  it('keep their fingerprint when the message changes case, spacing or numbers, and differ by message on one line', () => {
    expect(normaliseMessage('  Off by ONE in  loop 12 ')).toBe('off by one in loop 0')
    const line = () => 'const x = 1'
    const fp = (message: string) =>
      fingerprintFindings(
        [{ gate: 'review', finding: reviewerFinding(vote({}), { severity: 'high', path: 'src/a.ts', line: 1, message }, '/repo', changes) }],
        line,
      )[0]!.fingerprint
    expect(fp('Off by one at index 3')).toBe(fp('off  by one at index 4'))
    expect(fp('Off by one')).not.toBe(fp('SQL injection'))
  })
})

describe('inconclusive votes', () => {
  it('no verdict is review-inconclusive with the problem and the stderr tail; high, or medium under warn', () => {
    const v = vote({ verdict: null, error: 'it exited with code 3', failure: 'exit', exitCode: 3, stderrTail: 'boom' })
    expect(inconclusiveFinding(v, 'high')).toMatchObject({ ruleId: 'review-inconclusive', messageId: 'noVerdict', severity: 'high', fingerprintKey: 'sec' })
    expect(inconclusiveFinding(v, 'high')!.message).toBe("Reviewer 'sec' gave no verdict: it exited with code 3. A review round without a verdict cannot pass.")
    expect(inconclusiveFinding(v, 'high')!.help).toContain('boom')
    expect(inconclusiveFinding(v, 'medium')!.severity).toBe('medium')
  })
  it('FAIL without findings is inconclusive; a verdict with findings or a pass is not', () => {
    expect(inconclusiveFinding(vote({ verdict: 'fail' }, 'devils-advocate'), 'high')).toMatchObject({ messageId: 'failWithoutFindings' })
    expect(inconclusiveFinding(vote({ verdict: 'fail' }, 'devils-advocate'), 'high')!.message).toContain("Devil's advocate 'sec'")
    expect(inconclusiveFinding(vote({ verdict: 'fail', findings: [{ severity: 'low', message: 'x' }] }), 'high')).toBeNull()
    expect(inconclusiveFinding(vote({}), 'high')).toBeNull()
  })
})

describe('the round summary', () => {
  it('counts verdicts and names the devil’s advocate', () => {
    expect(roundSummary([vote({}), vote({ verdict: null }), vote({ verdict: 'fail' }), vote({ verdict: 'pass' }, 'devils-advocate')])).toBe(
      "3 reviewers: 1 passed, 1 failed, 1 gave no verdict; devil's advocate sec: passed",
    )
  })
})

describe('the reviewer rule family', () => {
  it('resolves reviewer/<name> to the declared rule, and nothing else', () => {
    expect(declaredRuleId(REVIEW_RULES, 'reviewer/sec')).toBe('reviewer')
    expect(declaredRuleId(REVIEW_RULES, 'review-inconclusive')).toBe('review-inconclusive')
    expect(declaredRuleId(REVIEW_RULES, 'review-inconclusive/x')).toBeUndefined()
    expect(declaredRuleId(REVIEW_RULES, 'other/sec')).toBeUndefined()
  })
  it('describes each reviewer/<name> in SARIF with the reviewer rule and its page', () => {
    const finding = { gate: 'review', ruleId: 'reviewer/sec', severity: 'high', message: 'x', fingerprint: 'f', blocking: true, waived: null }
    const run = {
      findings: [finding],
      gates: [],
      inconclusive: [],
      notes: [],
      root: '/r',
      runId: 'r',
      startedAt: '',
      durationMs: 0,
      base: { sha: '' },
      head: { sha: '' },
    }
    const sarif = toSarif(run as unknown as RunResult).runs[0]!
    const descriptor = sarif.tool.driver.rules!.find((d) => d.id === 'review/reviewer/sec')
    expect(descriptor).toMatchObject({
      name: 'reviewer/sec',
      shortDescription: { text: REVIEW_RULES.reviewer.description },
      helpUri: 'https://github.com/proofgate/proofgate/blob/main/docs/rules/review/reviewer.md',
    })
    expect(sarif.results![0]!.ruleId).toBe('review/reviewer/sec')
  })
  it('takes its severity from rules: review/reviewer', () => {
    expect(ruleKeyOf('review', 'reviewer/sec')).toBe('review/reviewer')
    expect(ruleKeyOf('static-analysis', '@typescript-eslint/no-unused-vars')).toBe('static-analysis/@typescript-eslint/no-unused-vars')
    const finding = { ruleId: 'reviewer/sec', severity: 'high' as const, message: 'x' }
    expect(applyRuleLevel('review', finding, { 'review/reviewer': 'medium' })).toMatchObject({ severity: 'medium', severitySource: 'config' })
  })
})

describe('pull_request_target', () => {
  it('the gate runs repository code only when a reviewer or the devil’s advocate does (a judge is refused alone by the council)', () => {
    const config = (review: unknown) => configSchema.parse({ review })
    expect(reviewRunsRepositoryCode(config({ reviewers: [{ name: 'a', run: 'claude -p' }] }))).toBe(false)
    expect(reviewRunsRepositoryCode(config({ reviewers: [{ name: 'a', run: 'claude -p' }], 'devils-advocate': { name: 'd', run: './da.sh' } }))).toBe(true)
    expect(reviewRunsRepositoryCode(config({ reviewers: [{ name: 'a', run: './review.sh' }] }))).toBe(true)
    const judges = [1, 2, 3].map((n) => ({ name: `j${n}`, run: n === 1 ? './judge.sh' : 'claude -p' }))
    expect(reviewRunsRepositoryCode(config({ reviewers: [{ name: 'a', run: 'claude -p' }], judges }))).toBe(false)
  })
})
