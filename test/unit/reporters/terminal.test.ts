import { describe, expect, it } from 'vitest'
import { useColour } from '../../../src/reporters/terminal.js'

describe('useColour', () => {
  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: true }, { NO_COLOR: '1' }, false],
    [{ isTTY: true }, { NO_COLOR: '' }, true],
    [{ isTTY: true }, { TERM: 'dumb' }, false],
    [{ isTTY: false }, {}, false],
    [{}, {}, false],
  ])('stream %j with env %j → %s', (stream, env, expected) => {
    expect(useColour(stream, env)).toBe(expected)
  })
})
