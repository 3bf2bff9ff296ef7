// inert(): what a terminal line may carry from a path or a message.
import { describe, expect, it } from 'vitest'
import { inert } from '../../../src/util/text.js'

describe('inert', () => {
  it.each([
    ['src/\u001b[2K\rPASS.js', false, 'src/\\e[2K\\rPASS.js'],
    ['a\nb', false, 'a\\nb'],
    ['tab\there', false, 'tab\\there'],
    ['tab\there', true, 'tab\there'],
    ['del\u007f nul\u0000 bell\u0007', false, 'del\\x7f nul\\x00 bell\\a'],
    ['c1\u0085 \u009b31m', false, 'c1\\x85 \\x9b31m'],
    ['bidi \u202eevil\u2066', false, 'bidi \\u202eevil\\u2066'],
    ['plain ünï cødé · → ✔', false, 'plain ünï cødé · → ✔'],
  ])('%j (keepTabs %s) → %j', (text, keepTabs, expected) => {
    expect(inert(text, keepTabs)).toBe(expected)
  })
})
