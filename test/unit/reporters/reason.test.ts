import { describe, expect, it } from 'vitest'
import { reasonBesideSummary } from '../../../src/reporters/templates/markdown.js'
import type { GateResult } from '../../../src/runner/types.js'

const gate = (summary: string, reason?: string): GateResult =>
  ({
    id: 'static-analysis',
    mode: 'blocking',
    status: 'skipped',
    summary,
    ...(reason === undefined ? {} : { reason }),
    durationMs: 0,
    findings: [],
    filteredOut: 0,
  }) as unknown as GateResult

describe('reasonBesideSummary', () => {
  it.each([
    ['skipped: no changed JS/TS files', 'no changed JS/TS files', ''],
    ['eslint skipped: A is missing; tsc skipped: no tsconfig.json', 'eslint: A is missing; tsc: no tsconfig.json', ''],
    ['no test files to check', 'no test file, setup file or runner config in the change set', 'no test file, setup file or runner config in the change set'],
    ['eslint skipped: A is missing; tsc: 0 errors', 'eslint: A is missing; tsc: stopped early', 'eslint: A is missing; tsc: stopped early'],
    ['off', undefined, ''],
  ])('summary %j, reason %j -> %j', (summary, reason, shown) => {
    expect(reasonBesideSummary(gate(summary, reason))).toBe(shown)
  })
})
