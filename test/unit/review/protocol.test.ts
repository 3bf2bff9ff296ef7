// The review protocol's pure parts: every accepted answer form (JSON, claude's wrapper, a fenced
// block, Loki's text form) and what is no verdict; the request and its max-diff-bytes cut.
import { describe, expect, it } from 'vitest'
import { buildRequest, capPatches, parseResponse, type ParsedResponse } from '../../../src/review/protocol.js'

const claude = (result: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ type: 'result', subtype: 'success', is_error: false, result, session_id: 'x', ...extra })

describe('parseResponse', () => {
  const answers: Array<{
    name: string
    stdout: string
    expected: { verdict?: ParsedResponse['verdict']; findings?: unknown[]; form?: string; problem?: RegExp }
  }> = [
    { name: 'JSON pass, no findings', stdout: '{"verdict":"pass","findings":[]}\n', expected: { verdict: 'pass', findings: [], form: 'json' } },
    { name: 'JSON pass, findings omitted', stdout: '{"verdict":"pass"}', expected: { verdict: 'pass', findings: [], form: 'json' } },
    {
      name: 'JSON fail with a located finding, extra keys kept out',
      stdout: JSON.stringify({
        verdict: 'FAIL',
        summary: 'one bug',
        findings: [{ severity: 'High', path: 'src/a.ts', line: 3, message: ' Off by one ', suggestion: 'use <=', confidence: 0.9 }],
      }),
      expected: { verdict: 'fail', form: 'json', findings: [{ severity: 'high', path: 'src/a.ts', line: 3, message: 'Off by one', suggestion: 'use <=' }] },
    },
    {
      name: 'claude -p --output-format json wrapping the JSON answer',
      stdout: claude('{"verdict":"fail","findings":[{"severity":"critical","message":"SQL injection","path":"db.ts","line":9}]}'),
      expected: { verdict: 'fail', form: 'claude-json', findings: [{ severity: 'critical', message: 'SQL injection', path: 'db.ts', line: 9 }] },
    },
    {
      name: 'claude wrapper holding a fenced JSON block in prose',
      stdout: claude('Here is my review.\n```json\n{"verdict":"pass","findings":[{"severity":"low","message":"nit"}]}\n```\nThanks'),
      expected: { verdict: 'pass', form: 'claude-json', findings: [{ severity: 'low', message: 'nit' }] },
    },
    {
      name: 'claude wrapper holding the text form',
      stdout: claude('VERDICT: FAIL\n[High] src/x.ts:4 null dereference'),
      expected: { verdict: 'fail', form: 'claude-json', findings: [{ severity: 'high', path: 'src/x.ts', line: 4, message: 'null dereference' }] },
    },
    {
      name: 'claude wrapper as the last element of a --verbose array',
      stdout: `[{"type":"system"},${claude('{"verdict":"pass"}')}]`,
      expected: { verdict: 'pass', form: 'claude-json' },
    },
    {
      name: 'claude reporting an error',
      stdout: claude('Credit balance is too low', { is_error: true }),
      expected: { verdict: null, problem: /claude reported an error/ },
    },
    { name: 'claude result without a verdict', stdout: claude('Looks good to me!'), expected: { verdict: null, problem: /no verdict/ } },
    {
      name: 'a fenced json block in prose (the last one with a verdict wins)',
      stdout: 'Example:\n```json\n{"a":1}\n```\nAnswer:\n```json\n{"verdict":"pass","findings":[]}\n```\n',
      expected: { verdict: 'pass', form: 'fenced-json', findings: [] },
    },
    {
      name: "Loki's text form with prose, markdown bold and every location shape",
      stdout: [
        'I looked at the diff.',
        '**VERDICT: FAIL**',
        '[Critical] src/auth/login.ts:42 token compared with == (timing attack)',
        '- [medium] README.md typo in the heading',
        '[Low] consider a shorter name',
        '[High] lib/x.js:7:3 unchecked error',
      ].join('\n'),
      expected: {
        verdict: 'fail',
        form: 'text',
        findings: [
          { severity: 'critical', path: 'src/auth/login.ts', line: 42, message: 'token compared with == (timing attack)' },
          { severity: 'medium', path: 'README.md', message: 'typo in the heading' },
          { severity: 'low', message: 'consider a shorter name' },
          { severity: 'high', path: 'lib/x.js', line: 7, message: 'unchecked error' },
        ],
      },
    },
    { name: 'text form: pass, verdict in lower case', stdout: 'verdict: pass\n', expected: { verdict: 'pass', form: 'text', findings: [] } },
    { name: 'text form with both verdicts', stdout: 'VERDICT: PASS\nVERDICT: FAIL\n', expected: { verdict: null, problem: /both/ } },
    { name: 'empty output', stdout: '  \n', expected: { verdict: null, problem: /printed nothing/ } },
    { name: 'garbage', stdout: 'lgtm 👍 ship it', expected: { verdict: null, problem: /no JSON answer and no VERDICT/ } },
    { name: 'a verdict word inside a sentence is not a verdict line', stdout: 'My VERDICT: PASS, mostly.', expected: { verdict: null } },
    { name: 'JSON with an unknown verdict', stdout: '{"verdict":"maybe"}', expected: { verdict: null, problem: /verdict/ } },
    {
      name: 'JSON with an unknown severity',
      stdout: '{"verdict":"fail","findings":[{"severity":"blocker","message":"x"}]}',
      expected: { verdict: null, problem: /findings\.0\.severity/ },
    },
    {
      name: 'JSON with a line 0',
      stdout: '{"verdict":"fail","findings":[{"severity":"high","message":"x","line":0}]}',
      expected: { verdict: null, problem: /line/ },
    },
    { name: 'a JSON array that is not claude', stdout: '[1,2]', expected: { verdict: null, problem: /not a response object/ } },
    { name: 'JSON without a verdict', stdout: '{"findings":[]}', expected: { verdict: null, problem: /verdict/ } },
  ]
  for (const { name, stdout, expected } of answers) {
    it(name, () => {
      const parsed = parseResponse(stdout)
      const { problem, ...rest } = expected
      expect(parsed).toMatchObject(rest)
      if (problem !== undefined) {
        expect(parsed.verdict).toBeNull()
        expect((parsed as { problem: string }).problem).toMatch(problem)
      }
    })
  }

  it('strips control characters from messages and caps their length', () => {
    const parsed = parseResponse(JSON.stringify({ verdict: 'fail', findings: [{ severity: 'high', message: `\u001b[31mred\u0000 ${'x'.repeat(5000)}` }] }))
    expect(parsed.verdict).toBe('fail')
    const message = parsed.findings[0]!.message
    expect(message.startsWith('[31mred x')).toBe(true)
    expect(message.length).toBe(2000)
  })
})

describe('capPatches', () => {
  const patch = (path: string, lines: number): { path: string; patch: string } => ({
    path,
    patch: `diff --git a/${path} b/${path}\n${Array.from({ length: lines }, (_, i) => `+line ${i}\n`).join('')}`,
  })

  it('keeps everything under the cap and says nothing was cut', () => {
    const { diff, truncated } = capPatches([patch('a.ts', 3), patch('b.ts', 3)], 10_000)
    expect(diff.map((d) => d.path)).toEqual(['a.ts', 'b.ts'])
    expect(diff.every((d) => d.truncated === undefined)).toBe(true)
    expect(truncated).toBeNull()
  })

  it('cuts the first patch that does not fit after a whole line and leaves out the rest, counting the bytes', () => {
    const patches = [patch('a.ts', 10), patch('b.ts', 200), patch('c.ts', 10)]
    const total = patches.reduce((n, p) => n + Buffer.byteLength(p.patch), 0)
    const { diff, truncated } = capPatches(patches, 1_200)
    expect(diff.map((d) => [d.path, d.truncated ?? false])).toEqual([
      ['a.ts', false],
      ['b.ts', true],
    ])
    expect(diff[1]!.patch.endsWith('\n')).toBe(true)
    const sent = diff.reduce((n, d) => n + Buffer.byteLength(d.patch), 0)
    expect(sent).toBeLessThanOrEqual(1_200)
    expect(truncated).toEqual({ omittedFiles: ['b.ts', 'c.ts'], omittedBytes: total - sent })
  })

  it('leaves a file out whole when less than 512 bytes of the budget are left', () => {
    const { diff, truncated } = capPatches([patch('a.ts', 100), patch('b.ts', 100)], 1_000)
    expect(diff.map((d) => d.path)).toEqual(['a.ts'])
    expect(truncated?.omittedFiles).toEqual(['b.ts'])
  })
})

describe('buildRequest', () => {
  it('carries the role, focus, shas, files, severity rules and the judge fields only when given', () => {
    const base = {
      role: 'reviewer' as const,
      reviewer: 'sec',
      repository: 'acme/app',
      baseSha: 'a'.repeat(40),
      headSha: 'b'.repeat(40),
      files: [{ path: 'a.ts', status: 'modified' as const, binary: false, addedLines: 2 }],
      patches: [{ path: 'a.ts', patch: 'diff --git a/a.ts b/a.ts\n+x\n' }],
      maxDiffBytes: 1_000,
    }
    const request = buildRequest({ ...base, focus: 'security' })
    expect(request).toMatchObject({ schemaVersion: 1, role: 'reviewer', reviewer: 'sec', focus: 'security', base: { sha: 'a'.repeat(40) }, truncated: null })
    expect(Object.keys(request.severityRules)).toEqual(['critical', 'high', 'medium', 'low'])
    expect('finding' in request).toBe(false)
    const judge = buildRequest({
      ...base,
      role: 'judge',
      finding: { fingerprint: 'f'.repeat(32), gate: 'review', ruleId: 'reviewer/sec', severity: 'high', message: 'x' },
      counterEvidence: { claim: 'tested', proofType: 'test-passes', artifacts: ['test/a.test.ts'] },
    })
    expect(judge.focus).toBeNull()
    expect(judge.finding?.ruleId).toBe('reviewer/sec')
    expect(judge.counterEvidence?.proofType).toBe('test-passes')
  })
})
