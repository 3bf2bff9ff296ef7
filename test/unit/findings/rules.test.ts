// The rule table the `rules:` config key is built from stays in step with the gates' meta, and
// applyRuleLevel / stricterRules, table-driven.
import { describe, expect, it } from 'vitest'
import { applyRuleLevel, RULE_DEFAULTS, stricterRules, type RuleLevels } from '../../../src/findings/rules.js'
import type { FindingInput, GateId } from '../../../src/findings/types.js'
import { GATES } from '../../../src/gates/index.js'

describe('RULE_DEFAULTS', () => {
  it('lists every rule of every gate with its default severity, and nothing else', () => {
    const fromGates = Object.fromEntries(GATES.flatMap((g) => Object.entries(g.meta.rules).map(([rule, m]) => [`${g.id}/${rule}`, m.defaultSeverity])))
    expect(RULE_DEFAULTS).toEqual(fromGates)
  })
})

describe('applyRuleLevel', () => {
  const finding = (ruleId: string, severity: FindingInput['severity']): FindingInput => ({ ruleId, severity, message: 'm' })
  const cases: Array<{ name: string; gate: GateId; finding: FindingInput; rules: RuleLevels; expected: FindingInput | null }> = [
    { name: 'no rule: unchanged', gate: 'tests', finding: finding('test-failed', 'critical'), rules: {}, expected: finding('test-failed', 'critical') },
    {
      name: 'lowered',
      gate: 'tests',
      finding: finding('test-failed', 'critical'),
      rules: { 'tests/test-failed': 'low' },
      expected: { ...finding('test-failed', 'low'), severitySource: 'config', defaultSeverity: 'critical' },
    },
    {
      name: 'raised',
      gate: 'coverage',
      finding: finding('uncovered-lines', 'low'),
      rules: { 'coverage/uncovered-lines': 'high' },
      expected: { ...finding('uncovered-lines', 'high'), severitySource: 'config', defaultSeverity: 'low' },
    },
    { name: 'off drops it', gate: 'coverage', finding: finding('uncovered-lines', 'low'), rules: { 'coverage/uncovered-lines': 'off' }, expected: null },
    {
      name: 'same level: unmarked',
      gate: 'coverage',
      finding: finding('uncovered-lines', 'low'),
      rules: { 'coverage/uncovered-lines': 'low' },
      expected: finding('uncovered-lines', 'low'),
    },
    {
      name: 'gate-integrity: off ignored',
      gate: 'gate-integrity',
      finding: finding('hook-removed', 'high'),
      rules: { 'gate-integrity/hook-removed': 'off' },
      expected: finding('hook-removed', 'high'),
    },
    {
      name: 'gate-integrity: lower ignored',
      gate: 'gate-integrity',
      finding: finding('config-weakened', 'critical'),
      rules: { 'gate-integrity/config-weakened': 'low' },
      expected: finding('config-weakened', 'critical'),
    },
    {
      name: 'gate-integrity: raised',
      gate: 'gate-integrity',
      finding: finding('suppression-added', 'medium'),
      rules: { 'gate-integrity/suppression-added': 'high' },
      expected: { ...finding('suppression-added', 'high'), severitySource: 'config', defaultSeverity: 'medium' },
    },
    {
      name: 'runner findings never change',
      gate: 'tests',
      finding: finding('gate-timeout', 'critical'),
      rules: {},
      expected: finding('gate-timeout', 'critical'),
    },
  ]
  it.each(cases)('$name', ({ gate, finding: f, rules, expected }) => {
    expect(applyRuleLevel(gate, f, rules)).toEqual(expected)
  })
})

describe('stricterRules', () => {
  it.each<{ name: string; base: RuleLevels; head: RuleLevels; rules: RuleLevels; kept: string[] }>([
    { name: 'head stricter: head', base: {}, head: { 'coverage/uncovered-lines': 'high' }, rules: { 'coverage/uncovered-lines': 'high' }, kept: [] },
    { name: 'head turns off: base (default)', base: {}, head: { 'tests/test-failed': 'off' }, rules: {}, kept: ['tests/test-failed'] },
    {
      name: 'head drops a raise: base',
      base: { 'coverage/uncovered-lines': 'high' },
      head: {},
      rules: { 'coverage/uncovered-lines': 'high' },
      kept: ['coverage/uncovered-lines'],
    },
    {
      name: 'lowered in both: head',
      base: { 'tests/test-failed': 'low' },
      head: { 'tests/test-failed': 'low' },
      rules: { 'tests/test-failed': 'low' },
      kept: [],
    },
  ])('$name', ({ base, head, rules, kept }) => {
    expect(stricterRules(base, head)).toEqual({ rules, kept })
  })
})
