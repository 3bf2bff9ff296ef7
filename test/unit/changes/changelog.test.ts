// Which changelog names and added lines declare a behaviour change (changes/changelog.ts).
import { describe, expect, it } from 'vitest'
import { CHANGELOG_NAME, isEntryLine } from '../../../src/changes/changelog.js'

describe('changelog names', () => {
  it.each([
    ['CHANGELOG.md', true],
    ['History.md', true],
    ['HISTORY.md', true],
    ['CHANGES', true],
    ['changelog.txt', true],
    ['NEWS.rst', true],
    ['RELEASE-NOTES.md', true],
    ['README.md', false],
    ['CHANGELOG.js', false],
    ['docs.md', false],
  ])('%s → %s', (name, expected) => {
    expect(CHANGELOG_NAME.test(name)).toBe(expected)
  })
})

describe('changelog entry lines', () => {
  it.each([
    ['* Upgrade `content-disposition` to `^2.0.0`', true],
    ['- Fixed rounding of prices', true],
    ['Prices round down now.', true],
    ['', false],
    ['   ', false],
    ['## [1.2.0] - 2026-12-03', false],
    ['# Changelog', false],
    ['==========', false],
    ['---', false],
    ['4.19.2 / 2024-03-25', false],
    ['v5.0.0', false],
    ['[Unreleased]', false],
    ['unreleased', false],
    ['2026-12-03', false],
  ])('%j → %s', (line, expected) => {
    expect(isEntryLine(line)).toBe(expected)
  })
})
