// The override council's tally and how every report words it: two parseable passes waive, two
// fails reject, anything else is inconclusive (fail closed); the markdown, terminal and HTML texts.
import { describe, expect, it } from 'vitest'
import { councilEvidenceText, councilRefusalText, describeDecision, describeVotes, waiverText } from '../../../src/findings/council.js'
import type { CouncilDecision, CouncilVote, ReportedFinding } from '../../../src/findings/types.js'
import { renderHtml } from '../../../src/reporters/html.js'
import { fromJsonReport, toJsonReport } from '../../../src/reporters/json.js'
import { renderJobSummary } from '../../../src/reporters/templates/job-summary.js'
import { renderComment } from '../../../src/reporters/templates/pr-comment.js'
import { renderTerminal } from '../../../src/reporters/terminal.js'
import type { RunResult } from '../../../src/runner/types.js'
import { COUNCIL_QUORUM, tallyVotes } from '../../../src/review/council.js'

const vote = (judge: string, v: CouncilVote['vote'], error?: string): CouncilVote => ({
  judge,
  vote: v,
  durationMs: 12,
  exitCode: v === 'none' ? 1 : 0,
  timedOut: false,
  ...(error === undefined ? {} : { error }),
})
const votes = (...vs: Array<CouncilVote['vote']>): CouncilVote[] => vs.map((v, i) => vote(`judge-${'abc'[i]}`, v))

describe('tallyVotes', () => {
  it.each([
    [['pass', 'pass', 'pass'], 'approved'],
    [['pass', 'fail', 'pass'], 'approved'],
    [['pass', 'pass', 'none'], 'approved'],
    [['fail', 'pass', 'fail'], 'rejected'],
    [['fail', 'fail', 'none'], 'rejected'],
    [['none', 'pass', 'fail'], 'inconclusive'],
    [['none', 'none', 'pass'], 'inconclusive'],
    [['none', 'none', 'none'], 'inconclusive'],
    [[], 'inconclusive'],
  ] as Array<[Array<CouncilVote['vote']>, CouncilDecision['outcome']]>)('%j → %s', (vs, outcome) => {
    expect(tallyVotes(votes(...vs))).toBe(outcome)
  })

  it('needs a majority of three', () => {
    expect(COUNCIL_QUORUM).toBe(2)
  })
})

const EVIDENCE: CouncilDecision['evidence'] = {
  file: '.proofgate/counter-evidence.yml',
  line: 4,
  claim: 'the helper exists in src/util.ts',
  proofType: 'file-exists',
  artifacts: ['src/util.ts'],
}

describe('the wording', () => {
  it('sums the votes up and names the outcome', () => {
    expect(describeVotes(votes('pass', 'fail', 'none'))).toBe('1 of 3 judges passed, 1 failed, 1 gave no verdict')
    expect(describeDecision({ outcome: 'approved', votes: votes('pass', 'fail', 'pass') })).toBe(
      'the override council approved the counter-evidence (2 of 3 judges passed, 1 failed)',
    )
    expect(describeDecision({ outcome: 'rejected', votes: votes('fail', 'fail', 'pass') })).toBe(
      'the override council rejected the counter-evidence (1 of 3 judges passed, 2 failed)',
    )
  })

  it('says where a council waiver is, and what a refusal was', () => {
    expect(
      waiverText({
        reason: EVIDENCE.claim,
        proof: 'file-exists',
        line: 4,
        council: { file: EVIDENCE.file, approvals: 2, judges: 3, artifacts: ['src/util.ts'] },
      }),
    ).toBe('the helper exists in src/util.ts (proof: file-exists; .proofgate/counter-evidence.yml:4; override council, 2 of 3 judges)')
    expect(waiverText({ reason: 'r', proof: 'out-of-scope', line: 7, expires: '2027-01-01' })).toBe(
      'r (proof: out-of-scope, expires 2027-01-01; .proofgate/waivers.yml:7)',
    )
    const decision: CouncilDecision = {
      outcome: 'inconclusive',
      evidence: EVIDENCE,
      votes: [vote('a', 'none', 'it exited with code 2'), vote('b', 'pass'), vote('c', 'fail')],
    }
    expect(councilRefusalText({ council: decision })).toBe(
      '.proofgate/counter-evidence.yml:4: the override council was inconclusive (fewer than two judges passed or failed it), so the finding still blocks (1 of 3 judges passed, 1 failed, 1 gave no verdict): the helper exists in src/util.ts (proof: file-exists)',
    )
    expect(councilEvidenceText(decision)).toBe('votes: a no verdict (it exited with code 2), b pass, c fail · artifacts: src/util.ts')
    expect(councilRefusalText({ council: { ...decision, outcome: 'approved' } })).toBe('')
    expect(councilRefusalText({})).toBe('')
  })
})

function finding(over: Partial<ReportedFinding>): ReportedFinding {
  return {
    gate: 'proof',
    ruleId: 'proof-failed',
    severity: 'critical',
    message: "Proof command 'build' failed",
    fingerprint: 'f'.repeat(32),
    blocking: true,
    waived: null,
    ...over,
  }
}

function run(findings: ReportedFinding[]): RunResult {
  return {
    runId: 'run-1',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1000,
    root: '/repo',
    base: { sha: '1'.repeat(40), source: 'pull-request' },
    head: { sha: '2'.repeat(40), ref: 'feature' },
    treeHash: 't',
    diffHash: 'd',
    scope: 'changes',
    filterMode: 'added',
    changedFiles: 1,
    verdict: findings.some((f) => f.blocking) ? 'blocked' : 'pass',
    exitCode: findings.some((f) => f.blocking) ? 1 : 0,
    gates: [
      {
        id: 'proof',
        mode: 'blocking',
        status: 'pass',
        durationMs: 10,
        summary: '1 proof command',
        counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
        filteredOut: 0,
        findings,
      },
    ],
    findings,
    inconclusive: [],
    notes: [],
  }
}

describe('the reports', () => {
  const approved = finding({
    blocking: false,
    waived: { reason: EVIDENCE.claim, proof: 'file-exists', line: 4, council: { file: EVIDENCE.file, approvals: 2, judges: 3, artifacts: ['src/util.ts'] } },
    council: { outcome: 'approved', evidence: EVIDENCE, votes: votes('pass', 'fail', 'pass') },
  })
  const rejected = finding({ fingerprint: 'e'.repeat(32), council: { outcome: 'rejected', evidence: EVIDENCE, votes: votes('fail', 'fail', 'pass') } })

  it('the sticky comment shows the council waiver with its votes, and the refusal beside the blocking finding', () => {
    const body = renderComment(run([approved, rejected]), { checkName: 'proofgate', headSha: '2'.repeat(40) })
    expect(body).toContain(
      '⚖ waived by the override council: the helper exists in src/util.ts (proof: file-exists; .proofgate/counter-evidence.yml:4; override council, 2 of 3 judges) · votes: judge-a pass, judge-b fail, judge-c pass · artifacts: src/util.ts',
    )
    expect(body).toContain('⚖ .proofgate/counter-evidence.yml:4: the override council rejected the counter-evidence (1 of 3 judges passed, 2 failed)')
  })

  it('the terminal report lists the waiver under WAIVED with the votes', () => {
    const text = renderTerminal(run([approved]), false)
    expect(text).toContain(
      '      waived: the helper exists in src/util.ts (proof: file-exists; .proofgate/counter-evidence.yml:4; override council, 2 of 3 judges)\n      votes: judge-a pass, judge-b fail, judge-c pass · artifacts: src/util.ts\n',
    )
  })

  it('the job summary and the HTML report name the counter-evidence; the JSON report reads back with the decision', () => {
    const result = run([approved, rejected])
    expect(renderJobSummary(result)).toContain('.proofgate/counter-evidence.yml:4 (override council, 2 of 3 judges)')
    const html = renderHtml(result)
    expect(html).toContain('waived: the helper exists in src/util.ts (proof: file-exists; .proofgate/counter-evidence.yml:4; override council, 2 of 3 judges)')
    expect(html).toContain('the override council rejected the counter-evidence (1 of 3 judges passed, 2 failed)')
    const back = fromJsonReport(JSON.parse(JSON.stringify(toJsonReport(result))), '/repo')
    expect(back.findings.map((f) => [f.council?.outcome, f.waived?.council?.approvals ?? null])).toEqual([
      ['approved', 2],
      ['rejected', null],
    ])
  })
})
