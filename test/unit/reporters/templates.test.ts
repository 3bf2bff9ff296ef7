import { describe, expect, it } from 'vitest'
import type { ReportedFinding } from '../../../src/findings/types.js'
import type { GateResult, RunResult } from '../../../src/runner/types.js'
import { CHECK_RUN_MAX_CHARS, checkRunTitle, renderCheckRun } from '../../../src/reporters/templates/check-run.js'
import { JOB_SUMMARY_MAX_BYTES, renderJobSummary } from '../../../src/reporters/templates/job-summary.js'
import {
  cellCode,
  codeSpan,
  escapeText,
  fitSections,
  measure,
  renderSections,
  truncate,
  type Section,
  type Unit,
} from '../../../src/reporters/templates/markdown.js'
import { COMMENT_MAX_CHARS, commentMarker, findMarkedComment, renderComment } from '../../../src/reporters/templates/pr-comment.js'

// ── builders: hand-built runs with fake SHAs and a root that must never be printed ────────────────

const BASE_SHA = '1111111111111111111111111111111111111111'
const HEAD_SHA = '2222222222222222222222222222222222222222'
const ROOT = '/home/runner/work/secret-root/repo'
const ZWJ = '\u200D'

function finding(over: Partial<ReportedFinding> = {}): ReportedFinding {
  return {
    gate: 'static-analysis',
    ruleId: 'no-unused-vars',
    severity: 'medium',
    message: 'x is unused',
    path: 'src/a.ts',
    startLine: 3,
    startColumn: 7,
    fingerprint: '0'.repeat(32),
    blocking: false,
    waived: null,
    ...over,
  }
}

function gate(over: Partial<GateResult> = {}): GateResult {
  return {
    id: 'static-analysis',
    mode: 'blocking',
    status: 'pass',
    durationMs: 1200,
    summary: 'eslint and tsc: clean',
    counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    filteredOut: 0,
    findings: [],
    ...over,
  }
}

function run(over: Partial<RunResult> = {}): RunResult {
  return {
    runId: 'run-0001',
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 12_345,
    root: ROOT,
    base: { sha: BASE_SHA, source: 'pull-request', ref: 'main' },
    head: { sha: HEAD_SHA, ref: 'feature/x' },
    treeHash: 'tree',
    diffHash: 'diff',
    scope: 'changes',
    filterMode: 'added',
    changedFiles: 3,
    verdict: 'pass',
    exitCode: 0,
    gates: [gate()],
    findings: [],
    inconclusive: [],
    notes: [],
    ...over,
  }
}

/** A blocked run with one of everything: blocking, warning, low, pathless, waived; every gate status. */
function blockedRun(): RunResult {
  const findings = [
    finding({
      gate: 'tests',
      ruleId: 'failing-test',
      severity: 'high',
      message: 'test "adds" failed\nexpected 2, got 3',
      path: 'test/add.test.ts',
      startLine: 10,
      blocking: true,
      help: 'Fix the code or the test, then run `npm test`.',
    }),
    finding({
      gate: 'proofgate',
      ruleId: 'config-weakened',
      severity: 'critical',
      message: 'the tests gate was turned off',
      path: undefined,
      startLine: undefined,
      startColumn: undefined,
      blocking: true,
    }),
    finding({ severity: 'medium', message: 'x is unused' }),
    finding({
      gate: 'doc-coverage',
      ruleId: 'missing-doc',
      severity: 'low',
      message: 'exported function has no docstring',
      path: 'src/b.ts',
      startLine: 1,
      startColumn: 1,
    }),
    finding({
      gate: 'mock-integrity',
      ruleId: 'mocked-subject',
      severity: 'high',
      message: 'the subject under test is mocked',
      path: 'test/c.test.ts',
      startLine: 4,
      waived: { reason: 'legacy adapter, tracked in #12', proof: 'out-of-scope', expires: '2025-06-30', line: 3 },
    }),
  ]
  return run({
    verdict: 'blocked',
    exitCode: 1,
    findings,
    gates: [
      gate({ id: 'static-analysis', summary: '1 warning', findings: [findings[2]!] }),
      gate({ id: 'tests', status: 'fail', durationMs: 8000, summary: '1 of 12 tests failed', findings: [findings[0]!], filteredOut: 2 }),
      gate({ id: 'test-mutation', status: 'inconclusive', durationMs: 100, summary: 'no baseline', reason: 'base commit has no test run' }),
      gate({ id: 'coverage', mode: 'off', status: 'skipped', durationMs: 0, summary: 'off', reason: 'mode off' }),
      gate({ id: 'semantic-tests', mode: 'advisory', status: 'errored', durationMs: 50, summary: 'crashed', reason: 'TypeError: x is not a function' }),
    ],
    inconclusive: [{ gate: 'test-mutation', reason: 'base commit has no test run' }],
    notes: ['head is a merge commit; compared with its first parent'],
  })
}

// ── table checks: every table line starts and ends with `|` and has the header's cell count ──────

/** Cells of a row as GitHub's table scanner splits them (a backslash escapes the next character). */
function cellCount(line: string): number {
  const inner = line.slice(1, -1)
  let cells = 1
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\') i++
    else if (inner[i] === '|') cells++
  }
  return cells
}

function expectTablesIntact(markdown: string): number {
  const lines = markdown.split('\n')
  let tables = 0
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|')) continue
    tables++
    const header = lines[i]!
    expect(header.endsWith('|'), header).toBe(true)
    const width = cellCount(header)
    expect(lines[i + 1], 'separator row').toBe(`|${' --- |'.repeat(width)}`)
    while (i < lines.length && lines[i]!.startsWith('|')) {
      expect(lines[i]!.endsWith('|'), lines[i]).toBe(true)
      expect(cellCount(lines[i]!), lines[i]).toBe(width)
      i++
    }
  }
  return tables
}

function countOf(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1
}

// ── escaping ──────────────────────────────────────────────────────────────────────────────────────

describe('escapeText', () => {
  it.each([
    ['pipe', 'a|b', 'a\\|b'],
    ['newlines', 'one\ntwo\r\nthree', 'one<br>two<br>three'],
    ['html', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['ampersand', 'a &amp; b', 'a &amp;amp; b'],
    ['hidden comment', '<!-- proofgate:comment -->', '&lt;!-- proofgate:comment --&gt;'],
    ['mention', 'ping @octocat and @github/team', `ping @${ZWJ}octocat and @${ZWJ}github/team`],
    ['issue reference', 'fixes #12, not #x', `fixes #${ZWJ}12, not #x`],
    ['emphasis and links', '**b** _i_ [l](u) ![i](u) ~~s~~', '\\*\\*b\\*\\* \\_i\\_ \\[l\\](u) !\\[i\\](u) \\~\\~s\\~\\~'],
    ['backticks and backslash', 'a `b` \\c', 'a \\`b\\` \\\\c'],
    ['math', '$x^2$', '\\$x^2\\$'],
    ['bidi override and controls', 'a\u202Eb\u0000c\td', 'a\uFFFDb\uFFFDc d'],
  ])('%s', (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected)
  })

  it('cuts messages at 1,000 characters with "…", before escaping', () => {
    expect(escapeText('x'.repeat(1001))).toBe('x'.repeat(999) + '…')
    expect(escapeText('x'.repeat(1000))).toBe('x'.repeat(1000))
    expect(escapeText('|'.repeat(1001))).toBe('\\|'.repeat(999) + '…')
  })
})

describe('codeSpan and cellCode', () => {
  it.each([
    ['plain', 'src/a.ts', '`src/a.ts`'],
    ['one backtick', 'a`b', '``a`b``'],
    ['a run of three', 'a```b`c', '````a```b`c````'],
    ['starts with a backtick', '`x', '`` `x ``'],
    ['newline', 'a\nb', '`a b`'],
    ['hidden comment', '<!-- x -->', `\`<${ZWJ}!-- x -->\``],
  ])('codeSpan: %s', (_name, input, expected) => {
    expect(codeSpan(input)).toBe(expected)
  })

  it.each([
    ['plain', 'src/a.ts:3:7', '`src/a.ts:3:7`'],
    ['pipe', 'a|b.ts', '<code>a\\|b.ts</code>'],
    ['backslash', 'a\\b.ts', '<code>a\\\\b.ts</code>'],
    ['html with pipe', '<b>|</b>', '<code>&lt;b&gt;\\|&lt;/b&gt;</code>'],
  ])('cellCode: %s', (_name, input, expected) => {
    expect(cellCode(input)).toBe(expected)
  })
})

describe('truncate', () => {
  it.each([
    ['fits', 'abc', 3, 'chars', 'abc'],
    ['chars', 'abcdef', 4, 'chars', 'abc…'],
    ['never splits a surrogate pair', 'a😀b', 3, 'chars', 'a…'],
    ['bytes: never splits a UTF-8 sequence', '€€€', 7, 'bytes', '€…'],
    ['bytes: exact', '€€€', 9, 'bytes', '€€€'],
    ['no room', 'abc', 0, 'chars', ''],
  ] as const)('%s', (_name, input, max, unit, expected) => {
    const out = truncate(input, max, unit)
    expect(out).toBe(expected)
    expect(measure(out, unit)).toBeLessThanOrEqual(max)
  })
})

// ── budget fitting ────────────────────────────────────────────────────────────────────────────────

describe('fitSections', () => {
  const table = (priority: number, rows: number, noun = 'findings'): Section => ({
    kind: 'table',
    priority,
    noun,
    before: `### ${noun}`,
    header: ['n', 'text'],
    rows: Array.from({ length: rows }, (_, i) => [String(i + 1), `row ${i + 1}`]),
  })

  it('leaves content that fits alone', () => {
    const sections: Section[] = [{ kind: 'text', priority: 0, text: 'verdict' }, table(1, 3)]
    const fitted = fitSections(sections, 10_000, 'chars')
    expect(fitted).toEqual({ text: renderSections(sections), trimmed: false })
  })

  it('drops rows from the end and adds one "more" row, keeping as many rows as fit exactly', () => {
    const sections: Section[] = [{ kind: 'text', priority: 0, required: true, text: 'verdict' }, table(1, 10)]
    const expected = [
      'verdict',
      '',
      '### findings',
      '| n | text |',
      '| --- | --- |',
      '| 1 | row 1 |',
      '| 2 | row 2 |',
      '| … 8 more (see the JSON report / job summary) |   |',
    ].join('\n')
    expect(fitSections(sections, expected.length, 'chars')).toEqual({ text: expected, trimmed: true })
    const oneLess = fitSections(sections, expected.length - 1, 'chars').text
    expect(oneLess).toContain('| 1 | row 1 |\n| … 9 more (see the JSON report / job summary) |   |')
    expect(oneLess).not.toContain('row 2')
  })

  it('replaces a table that cannot keep even its header with one "not shown" line', () => {
    const sections: Section[] = [{ kind: 'text', priority: 0, required: true, text: 'verdict' }, table(1, 10)]
    const fitted = fitSections(sections, 85, 'chars')
    expect(fitted.text).toBe('verdict\n\n### findings\n… 10 findings not shown (see the JSON report / job summary)')
  })

  it('trims the lowest priority first, the later section on a tie', () => {
    const sections: Section[] = [table(1, 5, 'important'), table(2, 5, 'first'), table(2, 5, 'second')]
    const full = renderSections(sections)
    const fitted = fitSections(sections, full.length - 10, 'chars')
    expect(fitted.text).toContain('| 5 | row 5 |\n\n### first')
    expect(fitted.text).toContain('### first\n| n | text |\n| --- | --- |\n| 1 | row 1 |\n| 2 | row 2 |\n| 3 | row 3 |\n| 4 | row 4 |\n| 5 | row 5 |')
    expect(fitted.text).toMatch(/### second[\s\S]*\| … \d more/)
  })

  it('drops a text section whole, leaving its note', () => {
    const sections: Section[] = [
      { kind: 'text', priority: 0, required: true, text: 'verdict' },
      { kind: 'text', priority: 5, text: 'x'.repeat(500), dropNote: '(details left out)' },
    ]
    expect(fitSections(sections, 100, 'chars').text).toBe('verdict\n\n(details left out)')
  })

  it('cuts hard only when the required sections alone are over budget', () => {
    const sections: Section[] = [{ kind: 'text', priority: 0, required: true, text: 'v'.repeat(50) }, table(1, 3)]
    const fitted = fitSections(sections, 20, 'chars')
    expect(fitted.text).toBe('v'.repeat(19) + '…')
  })

  it.each<Unit>(['chars', 'bytes'])('never exceeds a random budget in %s and keeps every table whole (property)', (unit) => {
    let seed = unit === 'chars' ? 7 : 11
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const words = ['a', 'béta', '€uro', '😀', 'x|y', '`tick`', '<b>', 'long'.repeat(20)]
    for (let round = 0; round < 300; round++) {
      const sections: Section[] = []
      const count = 1 + random(5)
      for (let s = 0; s < count; s++) {
        if (random(3) === 0) {
          sections.push({ kind: 'text', priority: random(4), required: random(4) === 0, text: words[random(words.length)]!.repeat(1 + random(30)) })
        } else {
          const width = 1 + random(4)
          sections.push({
            kind: 'table',
            priority: random(4),
            noun: 'findings',
            before: random(2) === 0 ? '### t' : undefined,
            header: Array.from({ length: width }, (_, i) => `h${i}`),
            rows: Array.from({ length: random(60) }, () => Array.from({ length: width }, () => escapeText(words[random(words.length)]!.repeat(1 + random(5))))),
          })
        }
      }
      const budget = random(measure(renderSections(sections), unit) + 50)
      const fitted = fitSections(sections, budget, unit)
      expect(measure(fitted.text, unit)).toBeLessThanOrEqual(budget)
      expect(fitSections(sections, budget, unit)).toEqual(fitted)
      expectTablesIntact(fitted.text)
    }
  })
})

// ── renderers ─────────────────────────────────────────────────────────────────────────────────────

describe('checkRunTitle', () => {
  it.each([
    ['passed', run(), 'Passed: no findings'],
    ['passed with low', run({ findings: [finding({ severity: 'low' })] }), 'Passed: 1 low'],
    ['warnings', run({ verdict: 'warn', findings: [finding(), finding(), finding()] }), 'Warnings: 3 medium'],
    [
      'blocked',
      run({
        verdict: 'blocked',
        exitCode: 1,
        findings: [finding({ severity: 'high', blocking: true }), finding({ severity: 'high', blocking: true }), finding()],
      }),
      'Blocked: 2 high, 1 medium',
    ],
    [
      'blocked by an errored gate',
      run({ verdict: 'blocked', exitCode: 1, gates: [gate({ id: 'tests', status: 'errored' })] }),
      'Blocked: no findings · errored: tests',
    ],
    ['inconclusive', run({ inconclusive: [{ gate: 'tests', reason: 'no runner' }] }), 'Passed: no findings · 1 inconclusive'],
    ['waived ones are not counted', run({ findings: [finding({ waived: { reason: 'r', proof: 'out-of-scope', line: 1 } })] }), 'Passed: no findings'],
  ])('%s', (_name, result, title) => {
    expect(checkRunTitle(result)).toBe(title)
    expect(renderCheckRun(result, { annotated: 0, notAnnotated: 0 }).title).toBe(title)
  })
})

describe('renderers on a blocked run (snapshots)', () => {
  const result = blockedRun()

  it('check run', () => {
    const output = renderCheckRun(result, { annotated: 3, notAnnotated: 2, pathless: 1 })
    expect(output.summary).toContain('2 findings were not annotated (budget 3)')
    expect(output).toMatchSnapshot()
  })

  it('job summary', () => {
    expect(renderJobSummary(result)).toMatchSnapshot()
  })

  it('pr comment', () => {
    const body = renderComment(result, { checkName: 'proofgate', headSha: HEAD_SHA, checkRunUrl: 'https://github.com/o/r/runs/1' })
    expect(body.split('\n')[0]).toBe(commentMarker('proofgate'))
    expect(body).toMatchSnapshot()
  })

  it('passing run: short and with no empty tables', () => {
    expect(renderCheckRun(run(), { annotated: 0, notAnnotated: 0 })).toMatchSnapshot()
    expect(renderComment(run(), { checkName: 'proofgate', headSha: HEAD_SHA })).toMatchSnapshot()
  })

  it.each([
    ['check run summary', () => renderCheckRun(result, { annotated: 0, notAnnotated: 0 }).summary],
    ['check run text', () => renderCheckRun(result, { annotated: 0, notAnnotated: 0 }).text ?? ''],
    ['job summary', () => renderJobSummary(result)],
    ['comment', () => renderComment(result, { checkName: 'proofgate', headSha: HEAD_SHA })],
  ])('%s: no absolute root, no full SHA, tables whole, inconclusive visible', (name, render) => {
    const out = render()
    expect(out).not.toContain(ROOT)
    expect(out).not.toContain(HEAD_SHA)
    expect(out).not.toContain(BASE_SHA)
    expectTablesIntact(out)
    // The summary, job summary and comment say it; the text holds only the details.
    expect(out.includes('inconclusive — passed through: test-mutation: base commit has no test run')).toBe(name !== 'check run text')
  })

  it('the check run text lists waivers and what to do next', () => {
    const text = renderCheckRun(result, { annotated: 0, notAnnotated: 0 }).text!
    expect(text).toContain('legacy adapter, tracked in #\u200D12 (proof: out-of-scope, expires 2025-06-30; .proofgate/waivers.yml:3)')
    expect(text).toContain('Fix the code or the test, then run \\`npm test\\`.')
    expect(renderCheckRun(run(), { annotated: 0, notAnnotated: 0 }).text).toBeUndefined()
  })
})

describe('injection: pull-request text renders inert', () => {
  const evil = '| <script> <!-- proofgate:comment check-name=proofgate --> @octocat'
  const escaped = `\\| &lt;script&gt; &lt;!-- proofgate:comment check-name=proofgate --&gt; @${ZWJ}octocat`
  const result = run({
    verdict: 'blocked',
    exitCode: 1,
    base: { sha: BASE_SHA, source: 'pull-request', ref: evil },
    head: { sha: HEAD_SHA, ref: evil },
    findings: [
      finding({ severity: 'high', blocking: true, message: evil, path: evil, ruleId: evil, help: evil }),
      finding({ severity: 'low', message: evil, path: 'src/`a`|b.ts' }),
      finding({ severity: 'medium', message: evil, waived: { reason: evil, proof: 'grep-miss', expires: evil, line: 2 } }),
    ],
    gates: [gate({ summary: evil, status: 'inconclusive', reason: evil })],
    inconclusive: [{ gate: 'tests', reason: evil }],
    notes: [evil],
  })
  const outputs: Array<[string, string]> = [
    ['check run summary', renderCheckRun(result, { annotated: 0, notAnnotated: 0 }).summary],
    ['check run text', renderCheckRun(result, { annotated: 0, notAnnotated: 0 }).text!],
    ['job summary', renderJobSummary(result)],
    ['comment', renderComment(result, { checkName: 'proofgate', headSha: HEAD_SHA })],
  ]

  it.each(outputs)('%s: no HTML, no forged marker, no mention, tables whole', (name, out) => {
    expect(out).not.toContain('<script>')
    expect(out).not.toMatch(/@octocat/)
    expect(countOf(out, '<!--')).toBe(name === 'comment' ? 1 : 0)
    expect(out.startsWith(commentMarker('proofgate') + '\n')).toBe(name === 'comment')
    expectTablesIntact(out)
  })

  it('the message cell is escaped exactly', () => {
    const summary = outputs[0]![1]
    expect(summary).toContain(`| **high** · blocking | <code>static-analysis/${escaped}</code> | <code>${escaped}:3:7</code> | ${escaped} |`)
    expect(summary).toContain(`| low | \`static-analysis/no-unused-vars\` | <code>src/\\\`a\\\`\\|b.ts:3:7</code> | ${escaped} |`)
    expect(summary).toContain(`- ❔ inconclusive — passed through: tests: ${escaped}`)
  })

  it('a comment that only contains the marker is not ours', () => {
    const body = outputs[3]![1]
    expect(findMarkedComment([{ id: 1, body: `hello\n${body}`, user: { type: 'Bot' } }], 'proofgate')).toBeUndefined()
    expect(findMarkedComment([{ id: 2, body, user: { type: 'Bot' } }], 'proofgate')).toBe(2)
  })
})

describe('budgets with 5,000 findings', () => {
  const findings = Array.from({ length: 5000 }, (_, i) =>
    finding({
      severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[i % 5],
      blocking: i % 5 < 2,
      message: `finding ${i}: ${'€ünïcödé | <b> '.repeat(20)}`,
      path: `src/module-${i}.ts`,
      startLine: i + 1,
    }),
  )
  const result = run({
    verdict: 'blocked',
    exitCode: 1,
    findings,
    inconclusive: [{ gate: 'test-mutation', reason: 'no baseline' }],
    notes: ['a note'],
  })

  /** The kept rows plus the "more" row's count add up to the whole table. */
  function expectAccounted(markdown: string, heading: string, total: number): void {
    const start = markdown.indexOf(heading)
    expect(start).toBeGreaterThanOrEqual(0)
    const lines = markdown.slice(start).split('\n').slice(1)
    if (lines[0]!.startsWith('…')) {
      expect(lines[0]).toMatch(new RegExp(`^… ${total} `))
      return
    }
    const rows = lines.slice(2).filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('|')))
    const more = rows[rows.length - 1]!.match(/^\| … (\d+) more/)
    expect(more).not.toBeNull()
    expect(rows.length - 1 + Number(more![1])).toBe(total)
  }

  it('check run summary ≤ 65,535 characters, whole tables, verdict and inconclusive kept', () => {
    const output = renderCheckRun(result, { annotated: 1000, notAnnotated: 4000 })
    expect(output.summary.length).toBeLessThanOrEqual(CHECK_RUN_MAX_CHARS)
    expect(output.summary.length).toBeGreaterThan(CHECK_RUN_MAX_CHARS - 2000)
    expect((output.text ?? '').length).toBeLessThanOrEqual(CHECK_RUN_MAX_CHARS)
    expect(expectTablesIntact(output.summary)).toBe(2)
    expect(output.summary).toContain('❌ **Blocked** · 1000 critical, 1000 high, 1000 medium, 1000 low, 1000 info · 2000 blocking')
    expect(output.summary).toContain('inconclusive — passed through: test-mutation: no baseline')
    expect(output.summary).toContain('4000 findings were not annotated (budget 1000)')
    expectAccounted(output.summary, '### Findings (5000)', 5000)
  })

  it('job summary ≤ 1 MiB in UTF-8 bytes', () => {
    const summary = renderJobSummary(result)
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(JOB_SUMMARY_MAX_BYTES)
    expect(Buffer.byteLength(summary, 'utf8')).toBeGreaterThan(JOB_SUMMARY_MAX_BYTES - 4000)
    expectTablesIntact(summary)
    expect(summary).toContain('inconclusive — passed through: test-mutation: no baseline')
    expectAccounted(summary, '### Findings (5000)', 5000)
  })

  it('comment ≤ 65,536 characters, marker first', () => {
    const body = renderComment(result, { checkName: 'proofgate', headSha: HEAD_SHA })
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
    expect(body.startsWith(commentMarker('proofgate') + '\n')).toBe(true)
    expectTablesIntact(body)
    expect(body).toContain('updated for `2222222`')
    expectAccounted(body, '#### Blocking (2000)', 2000)
  })

  it.each([1_000, 5_000, 20_000, 40_000])('smaller budgets hold too: %i', (max) => {
    expect(renderCheckRun(result, { annotated: 0, notAnnotated: 0, maxChars: max }).summary.length).toBeLessThanOrEqual(max)
    expect(Buffer.byteLength(renderJobSummary(result, { maxBytes: max }))).toBeLessThanOrEqual(max)
    const body = renderComment(result, { checkName: 'proofgate', headSha: HEAD_SHA, maxChars: max })
    expect(body.length).toBeLessThanOrEqual(max)
    expect(body.startsWith(commentMarker('proofgate'))).toBe(true)
    expectTablesIntact(body)
  })
})

describe('commentMarker and findMarkedComment', () => {
  it.each([
    ['proofgate', '<!-- proofgate:comment check-name=proofgate -->'],
    ['proofgate (node 22)', '<!-- proofgate:comment check-name=proofgate%20(node%2022) -->'],
    ['x --> <b>\nnext', '<!-- proofgate:comment check-name=x%20--%3E%20%3Cb%3E%0Anext -->'],
  ])('marker for %j', (name, marker) => {
    expect(commentMarker(name)).toBe(marker)
    expect(countOf(marker, '-->')).toBe(1)
  })

  const marker = commentMarker('proofgate')
  it.each([
    ['a bot comment that starts with the marker', [{ id: 1, body: `${marker}\nbody`, user: { type: 'Bot' } }], 1],
    ['a person who pasted the marker', [{ id: 2, body: `${marker}\nbody`, user: { type: 'User' } }], undefined],
    ['the marker later in the body', [{ id: 3, body: `quote:\n${marker}`, user: { type: 'Bot' } }], undefined],
    ['another check name', [{ id: 4, body: `${commentMarker('proofgate-2')}\nbody`, user: { type: 'Bot' } }], undefined],
    ['missing body and user', [{ id: 5, body: null, user: null }, { id: 6 }], undefined],
    [
      'the first of several',
      [
        { id: 7, body: 'unrelated', user: { type: 'Bot' } },
        { id: 8, body: marker, user: { type: 'Bot' } },
        { id: 9, body: marker, user: { type: 'Bot' } },
      ],
      8,
    ],
  ])('%s', (_name, comments, expected) => {
    expect(findMarkedComment(comments, 'proofgate')).toBe(expected)
  })

  it('does not link a check run URL that could break out of the link', () => {
    const body = renderComment(run(), { checkName: 'proofgate', headSha: HEAD_SHA, checkRunUrl: 'https://x/y) [evil](https://evil' })
    expect(body).not.toContain('evil')
    expect(renderComment(run(), { checkName: 'proofgate', headSha: HEAD_SHA, checkRunUrl: 'https://github.com/o/r/runs/9' })).toContain(
      '[check run](https://github.com/o/r/runs/9)',
    )
  })
})
