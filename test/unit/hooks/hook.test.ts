// The hook command's pure parts: git's pre-push input, line prefixes, one exit code per push.
import { describe, expect, it } from 'vitest'
import { parsePushUpdates } from '../../../src/changes/push.js'
import { ProofgateError } from '../../../src/errors.js'
import { combineExitCodes, prefixLines } from '../../../src/hooks/hook.js'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const ZERO = '0'.repeat(40)

describe('parsePushUpdates', () => {
  it.each([
    {
      name: 'one ref',
      text: `refs/heads/main ${A} refs/heads/main ${B}\n`,
      expected: [{ localRef: 'refs/heads/main', localSha: A, remoteRef: 'refs/heads/main', remoteSha: B, line: 1 }],
    },
    {
      name: 'a deletion',
      text: `(delete) ${ZERO} refs/heads/gone ${B}\n`,
      expected: [{ localRef: '(delete)', localSha: ZERO, remoteRef: 'refs/heads/gone', remoteSha: B, line: 1 }],
    },
    {
      name: 'two refs, blank lines and CRLF',
      text: `\nrefs/heads/a ${A} refs/heads/a ${ZERO}\r\n\nrefs/tags/v1 ${B} refs/tags/v1 ${ZERO}\n`,
      expected: [
        { localRef: 'refs/heads/a', localSha: A, remoteRef: 'refs/heads/a', remoteSha: ZERO, line: 2 },
        { localRef: 'refs/tags/v1', localSha: B, remoteRef: 'refs/tags/v1', remoteSha: ZERO, line: 4 },
      ],
    },
    {
      name: 'SHA-256 object names',
      text: `refs/heads/main ${'c'.repeat(64)} refs/heads/main ${'0'.repeat(64)}`,
      expected: [{ localRef: 'refs/heads/main', localSha: 'c'.repeat(64), remoteRef: 'refs/heads/main', remoteSha: '0'.repeat(64), line: 1 }],
    },
    { name: 'nothing pushed', text: '', expected: [] },
  ])('reads $name', ({ text, expected }) => {
    expect(parsePushUpdates(text)).toEqual(expected)
  })

  it.each([
    { name: 'three fields', text: `refs/heads/main ${A} refs/heads/main\n`, line: 1 },
    { name: 'a short sha', text: `refs/heads/main ${A} refs/heads/main ${B}\nrefs/heads/x abc123 refs/heads/x ${B}\n`, line: 2 },
    { name: 'not hex', text: `refs/heads/main ${'g'.repeat(40)} refs/heads/main ${B}`, line: 1 },
  ])('rejects $name with the line number', ({ text, line }) => {
    let caught: unknown
    try {
      parsePushUpdates(text)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ProofgateError)
    expect((caught as ProofgateError).code).toBe('PG_PUSH_INPUT')
    expect((caught as ProofgateError).message).toContain(`line ${String(line)}:`)
  })

  it.each([
    {
      name: 'a 64-digit local sha in a SHA-1 repository',
      format: 'sha1' as const,
      text: `refs/heads/main ${'c'.repeat(64)} refs/heads/main ${B}\n`,
      digits: 64,
      want: 40,
    },
    {
      name: 'a 40-digit all-zero remote sha in a SHA-256 repository',
      format: 'sha256' as const,
      text: `refs/heads/main ${'c'.repeat(64)} refs/heads/main ${ZERO}\n`,
      digits: 40,
      want: 64,
    },
  ])('rejects $name, naming the line and both lengths', ({ format, text, digits, want }) => {
    expect(() => parsePushUpdates(text, format)).toThrow(
      expect.objectContaining({ code: 'PG_PUSH_INPUT', message: expect.stringContaining(`line 1: '${text.trim()}': `) as unknown }) as Error,
    )
    expect(() => parsePushUpdates(text, format)).toThrow(
      `has ${String(digits)} hex digits, but this repository's object names (${format}) have ${String(want)}.`,
    )
  })

  it('accepts the right length for each format', () => {
    expect(parsePushUpdates(`refs/heads/main ${A} refs/heads/main ${ZERO}\n`, 'sha1')).toEqual([
      { localRef: 'refs/heads/main', localSha: A, remoteRef: 'refs/heads/main', remoteSha: ZERO, line: 1 },
    ])
    const C = 'c'.repeat(64)
    const Z = '0'.repeat(64)
    expect(parsePushUpdates(`(delete) ${Z} refs/heads/gone ${C}\n`, 'sha256')).toEqual([
      { localRef: '(delete)', localSha: Z, remoteRef: 'refs/heads/gone', remoteSha: C, line: 1 },
    ])
  })
})

describe('prefixLines', () => {
  it.each([
    { name: 'whole lines', chunks: ['a\n', 'b\n'], expected: 'proofgate - a\nproofgate - b\n' },
    { name: 'a line split across writes', chunks: ['par', 'tial\nnext'], expected: 'proofgate - partial\nproofgate - next\n' },
    { name: 'empty lines keep the prefix', chunks: ['a\n\nb\n'], expected: 'proofgate - a\nproofgate - \nproofgate - b\n' },
    { name: 'nothing', chunks: [''], expected: '' },
  ])('$name', ({ chunks, expected }) => {
    let out = ''
    const writer = prefixLines((t) => (out += t))
    for (const chunk of chunks) writer.write(chunk)
    writer.flush()
    expect(out).toBe(expected)
  })
})

describe('combineExitCodes', () => {
  it.each([
    { codes: [], expected: 0 },
    { codes: [0, 0], expected: 0 },
    { codes: [0, 2], expected: 2 },
    { codes: [2, 1, 0], expected: 1 },
    { codes: [1, 78], expected: 78 },
    { codes: [70, 64], expected: 70 },
  ])('$codes → $expected', ({ codes, expected }) => {
    expect(combineExitCodes(codes)).toBe(expected)
  })
})
