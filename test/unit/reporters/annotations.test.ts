import { describe, expect, it } from 'vitest'
import type { ReportedFinding, Severity } from '../../../src/findings/types.js'
import { batches, toCheckAnnotations, toWorkflowCommands, type CheckAnnotation } from '../../../src/reporters/annotations.js'

function finding(over: Partial<ReportedFinding> = {}): ReportedFinding {
  return {
    gate: 'static-analysis',
    ruleId: 'no-unused-vars',
    severity: 'medium',
    message: 'x is unused',
    path: 'src/a.ts',
    startLine: 3,
    fingerprint: '0'.repeat(32),
    blocking: false,
    waived: null,
    ...over,
  }
}

const many = (n: number, severity: Severity): ReportedFinding[] =>
  Array.from({ length: n }, (_, i) => finding({ severity, path: `src/${severity}-${String(i).padStart(3, '0')}.ts`, startLine: i + 1 }))

describe('toCheckAnnotations', () => {
  it.each<[Severity, CheckAnnotation['annotation_level']]>([
    ['critical', 'failure'],
    ['high', 'failure'],
    ['medium', 'warning'],
    ['low', 'notice'],
    ['info', 'notice'],
  ])('%s → %s', (severity, level) => {
    expect(toCheckAnnotations([finding({ severity })], { budget: 50 }).annotations[0]!.annotation_level).toBe(level)
  })

  it.each<[string, Partial<ReportedFinding>, Partial<CheckAnnotation>]>([
    ['no line: line 1', { startLine: undefined }, { start_line: 1, end_line: 1 }],
    ['start only', { startLine: 4 }, { start_line: 4, end_line: 4 }],
    ['range: no columns', { startLine: 4, endLine: 6, startColumn: 2, endColumn: 9 }, { start_line: 4, end_line: 6 }],
    ['one line with columns', { startLine: 4, endLine: 4, startColumn: 2, endColumn: 9 }, { start_line: 4, end_line: 4, start_column: 2, end_column: 9 }],
    ['start column only', { startLine: 4, startColumn: 2 }, { start_line: 4, end_line: 4, start_column: 2 }],
    ['end column before start column is left out', { startLine: 4, startColumn: 9, endColumn: 2 }, { start_line: 4, end_line: 4, start_column: 9 }],
    ['end line before start line', { startLine: 8, endLine: 2 }, { start_line: 8, end_line: 8 }],
    ['line 0 is not a line', { startLine: 0 }, { start_line: 1, end_line: 1 }],
  ])('position: %s', (_name, over, expected) => {
    const [annotation] = toCheckAnnotations([finding(over)], { budget: 50 }).annotations
    const { start_line, end_line, start_column, end_column } = annotation!
    expect({ start_line, end_line, start_column, end_column }).toEqual({ start_column: undefined, end_column: undefined, ...expected })
    expect(Object.keys(annotation!).includes('start_column')).toBe(expected.start_column !== undefined)
  })

  it('builds the whole object: title, message, raw_details from help', () => {
    const { annotations } = toCheckAnnotations(
      [finding({ gate: 'tests', ruleId: 'failing-test', severity: 'high', message: 'boom', help: 'run npm test', startLine: 2, endLine: 5 })],
      {
        budget: 50,
      },
    )
    expect(annotations).toEqual([
      {
        path: 'src/a.ts',
        start_line: 2,
        end_line: 5,
        annotation_level: 'failure',
        message: 'boom',
        title: 'tests/failing-test (high)',
        raw_details: 'run npm test',
      },
    ])
  })

  it('sorts most severe first, then path, then line', () => {
    const { annotations } = toCheckAnnotations(
      [
        finding({ severity: 'low', path: 'a.ts', startLine: 1 }),
        finding({ severity: 'high', path: 'b.ts', startLine: 9 }),
        finding({ severity: 'high', path: 'b.ts', startLine: 2 }),
        finding({ severity: 'high', path: 'a.ts', startLine: 5 }),
        finding({ severity: 'critical', path: 'z.ts', startLine: 1 }),
      ],
      { budget: 50 },
    )
    expect(annotations.map((a) => `${a.annotation_level} ${a.path}:${a.start_line}`)).toEqual([
      'failure z.ts:1',
      'failure a.ts:5',
      'failure b.ts:2',
      'failure b.ts:9',
      'notice a.ts:1',
    ])
  })

  it('skips waived findings, counts pathless ones apart and the ones over budget as not annotated', () => {
    const waived = finding({ waived: { reason: 'r', proof: 'out-of-scope', line: 1 } })
    const pathless = finding({ gate: 'proofgate', path: undefined, startLine: undefined })
    const result = toCheckAnnotations([...many(7, 'high'), waived, pathless, pathless], { budget: 5 })
    expect(result.annotations).toHaveLength(5)
    expect(result.notAnnotated).toBe(2)
    expect(result.pathless).toBe(2)
    expect(result.annotations.map((a) => a.path)).toEqual(['src/high-000.ts', 'src/high-001.ts', 'src/high-002.ts', 'src/high-003.ts', 'src/high-004.ts'])
  })

  it('cuts message and raw_details to 64 KiB and the title to 255 characters', () => {
    const [annotation] = toCheckAnnotations([finding({ message: '€'.repeat(30_000), help: 'h'.repeat(70_000), ruleId: 'r'.repeat(300) })], {
      budget: 1,
    }).annotations
    expect(Buffer.byteLength(annotation!.message)).toBeLessThanOrEqual(65_536)
    expect(annotation!.message.endsWith('…')).toBe(true)
    expect(Buffer.byteLength(annotation!.raw_details!)).toBeLessThanOrEqual(65_536)
    expect(annotation!.title!.length).toBeLessThanOrEqual(255)
  })

  it('a budget of 0 annotates nothing', () => {
    expect(toCheckAnnotations(many(3, 'low'), { budget: 0 })).toEqual({ annotations: [], notAnnotated: 3, pathless: 0 })
  })
})

describe('batches', () => {
  it.each([
    [0, 50, []],
    [1, 50, [1]],
    [50, 50, [50]],
    [120, 50, [50, 50, 20]],
    [7, 3, [3, 3, 1]],
  ])('%i items in batches of %i → sizes %j', (n, size, sizes) => {
    const items = Array.from({ length: n }, (_, i) => i)
    const out = batches(items, size)
    expect(out.map((b) => b.length)).toEqual(sizes)
    expect(out.flat()).toEqual(items)
  })

  it('defaults to 50, the Checks API limit per request', () => {
    expect(batches(Array.from({ length: 101 }, (_, i) => i)).map((b) => b.length)).toEqual([50, 50, 1])
  })

  it.each([0, -1, 2.5])('rejects batch size %s', (size) => {
    expect(() => batches([1], size)).toThrow(RangeError)
  })
})

describe('toWorkflowCommands', () => {
  const kinds = (commands: ReturnType<typeof toWorkflowCommands>['commands']): Record<string, number> =>
    commands.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.kind]: (acc[c.kind] ?? 0) + 1 }), {})

  it('25 errors + 30 warnings + 5 notices → 10 errors, 10 warnings, 5 notices and the "more" notice', () => {
    const { commands, hidden } = toWorkflowCommands([...many(5, 'low'), ...many(30, 'medium'), ...many(25, 'high')])
    expect(hidden).toBe(35)
    expect(kinds(commands)).toEqual({ error: 10, warning: 10, notice: 6 })
    expect(commands.length).toBeLessThanOrEqual(50)
    expect(commands.at(-1)).toEqual({
      kind: 'notice',
      message: 'proofgate: 35 more findings not annotated (GitHub shows 10 per type per step); see the job summary',
      properties: { title: 'proofgate' },
    })
    expect(commands.slice(0, 10).every((c) => c.kind === 'error')).toBe(true)
    expect(commands[0]!.properties.file).toBe('src/high-000.ts')
  })

  it('the "more" notice takes one of the 10 notice slots', () => {
    const { commands, hidden } = toWorkflowCommands(many(60, 'info'))
    expect(kinds(commands)).toEqual({ notice: 10 })
    expect(hidden).toBe(51)
    expect(commands.at(-1)!.message).toBe('proofgate: 51 more findings not annotated (GitHub shows 10 per type per step); see the job summary')
  })

  it('the "more" notice fits inside the job limit', () => {
    const { commands, hidden } = toWorkflowCommands([...many(12, 'critical'), ...many(12, 'medium'), ...many(12, 'low')], { perTypeLimit: 10, perJobLimit: 25 })
    expect(commands).toHaveLength(25)
    expect(kinds(commands)).toEqual({ error: 10, warning: 10, notice: 5 })
    expect(hidden).toBe(36 - 24)
  })

  it('no notice when nothing is hidden; waived findings are never annotated', () => {
    const { commands, hidden } = toWorkflowCommands([...many(10, 'high'), finding({ waived: { reason: 'r', proof: 'grep-miss', line: 1 } })])
    expect(hidden).toBe(0)
    expect(commands).toHaveLength(10)
    expect(commands.every((c) => c.kind === 'error')).toBe(true)
  })

  it.each<[string, Partial<ReportedFinding>, Record<string, unknown>]>([
    ['a line', { startLine: 3 }, { title: 'static-analysis/no-unused-vars (medium)', file: 'src/a.ts', startLine: 3, endLine: 3 }],
    [
      'columns on one line',
      { startLine: 3, startColumn: 2, endColumn: 4 },
      { title: 'static-analysis/no-unused-vars (medium)', file: 'src/a.ts', startLine: 3, endLine: 3, startColumn: 2, endColumn: 4 },
    ],
    [
      'no columns across lines',
      { startLine: 3, endLine: 5, startColumn: 2 },
      { title: 'static-analysis/no-unused-vars (medium)', file: 'src/a.ts', startLine: 3, endLine: 5 },
    ],
    ['no path: no file and no lines', { path: undefined, startLine: 3 }, { title: 'static-analysis/no-unused-vars (medium)' }],
  ])('properties: %s', (_name, over, properties) => {
    expect(toWorkflowCommands([finding(over)]).commands).toEqual([{ kind: 'warning', message: 'x is unused', properties }])
  })

  it('stays within 10 per kind and 50 in all, and accounts for every finding (property)', () => {
    let seed = 3
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let round = 0; round < 200; round++) {
      const findings = [...many(random(40), 'critical'), ...many(random(40), 'medium'), ...many(random(40), 'info')]
      const perTypeLimit = 1 + random(12)
      const perJobLimit = 1 + random(40)
      const { commands, hidden } = toWorkflowCommands(findings, { perTypeLimit, perJobLimit })
      const counts = kinds(commands)
      for (const n of Object.values(counts)) expect(n).toBeLessThanOrEqual(perTypeLimit)
      expect(commands.length).toBeLessThanOrEqual(perJobLimit)
      const more = hidden > 0 ? 1 : 0
      expect(commands.length - more + hidden).toBe(findings.length)
      // The last command is the hidden-count notice exactly when something was hidden.
      expect(/^proofgate: \d+ more finding/.test(commands.at(-1)?.message ?? '')).toBe(hidden > 0)
      expect((commands.at(-1)?.message ?? '').startsWith(`proofgate: ${hidden} more finding`)).toBe(hidden > 0)
    }
  })
})
