// The rule contract's message formatting (findings/rule.ts): ESLint's `{{name}}` interpolation.
import { describe, expect, it } from 'vitest'
import { formatMessage, interpolate } from '../../../src/findings/rule.js'

describe('interpolate', () => {
  it.each([
    ["Test '{{title}}' asserts nothing", { title: 'adds' }, "Test 'adds' asserts nothing"],
    ['{{ mocked }} of {{used}}', { mocked: 3, used: 4 }, '3 of 4'],
    // A value is never filled again: a test titled `renders {{name}}` keeps its braces.
    ["Test '{{title}}'", { title: 'renders {{name}}' }, "Test 'renders {{name}}'"],
    // A placeholder without data stays as written, as ESLint leaves it.
    ['`{{assertion}}` at {{line}}', { line: 2 }, '`{{assertion}}` at 2'],
    ['no placeholders', {}, 'no placeholders'],
  ])('%j with %j → %j', (template, data, expected) => {
    expect(interpolate(template, data)).toBe(expected)
  })
})

describe('formatMessage', () => {
  const meta = { messages: { echo: '`{{assertion}}` asserts `{{binding}}`' } }
  it('formats a declared messageId', () => {
    expect(formatMessage('literal-echo', meta, 'echo', { assertion: 'expect(x).toBe(1)', binding: 'x' })).toBe('`expect(x).toBe(1)` asserts `x`')
  })
  it('throws for a messageId the rule does not declare', () => {
    expect(() => formatMessage('literal-echo', meta, 'nope')).toThrow("rule literal-echo has no message 'nope'")
  })
})
