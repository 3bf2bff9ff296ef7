// `.proofgate/counter-evidence.yml`: valid entries with their lines, every problem named at
// file:line:column with the PG_COUNTER_EVIDENCE_INVALID code, and the proof types the waivers use.
import { describe, expect, it } from 'vitest'
import { parseCounterEvidence, counterEvidenceJsonSchema } from '../../../src/config/counter-evidence.js'
import { WAIVER_PROOFS } from '../../../src/config/schema.js'
import { ExitCode, ProofgateError } from '../../../src/errors.js'
import { lines } from '../../helpers/tables.js'

const F = '.proofgate/counter-evidence.yml'

function problemsOf(text: string): ProofgateError {
  try {
    parseCounterEvidence(text, F)
  } catch (error) {
    if (error instanceof ProofgateError) return error
    throw error
  }
  throw new Error('expected PG_COUNTER_EVIDENCE_INVALID')
}

describe('parseCounterEvidence', () => {
  it('reads entries with their 1-based lines and defaults artifacts to none', () => {
    const text = lines(
      '# contested findings',
      'counter-evidence:',
      '  - fingerprint: 0123456789abcdef',
      '    claim: the helper exists in src/util.ts',
      '    proofType: file-exists',
      '    artifacts: [src/util.ts]',
      '  - { fingerprint: abcdef01, claim: the reviewer misread the loop, proofType: reviewer-misread }',
    )
    expect(parseCounterEvidence(text, F)).toEqual([
      { fingerprint: '0123456789abcdef', claim: 'the helper exists in src/util.ts', proofType: 'file-exists', artifacts: ['src/util.ts'], line: 3 },
      { fingerprint: 'abcdef01', claim: 'the reviewer misread the loop', proofType: 'reviewer-misread', artifacts: [], line: 7 },
    ])
  })

  it('reads an empty file as no entries', () => {
    expect(parseCounterEvidence('', F)).toEqual([])
    expect(parseCounterEvidence('# nothing contested\n', F)).toEqual([])
  })

  it.each([
    [
      'an unknown proof type',
      lines('counter-evidence:', '  - fingerprint: aaaaaaaa', '    claim: c', '    proofType: vibes'),
      4,
      16,
      'counter-evidence.0.proofType',
    ],
    ['no claim', lines('counter-evidence:', '  - fingerprint: aaaaaaaa', '    proofType: grep-miss'), 2, 5, 'counter-evidence.0.claim'],
    [
      'a fingerprint that is not hex',
      lines('counter-evidence:', '  - fingerprint: nothex!!', '    claim: c', '    proofType: grep-miss'),
      2,
      18,
      'counter-evidence.0.fingerprint',
    ],
    [
      'an unknown key',
      lines('counter-evidence:', '  - fingerprint: aaaaaaaa', '    claim: c', '    proofType: grep-miss', '    approved: true'),
      5,
      5,
      'counter-evidence.0.approved',
    ],
    [
      'artifacts not a list',
      lines('counter-evidence:', '  - fingerprint: aaaaaaaa', '    claim: c', '    proofType: grep-miss', '    artifacts: src/a.ts'),
      5,
      16,
      'counter-evidence.0.artifacts',
    ],
    ['a YAML syntax error', lines('counter-evidence:', '  - fingerprint: [aaaaaaaa'), 3, 1, ''],
  ])('refuses %s at file:line:column (exit 78)', (_name, text, line, column, path) => {
    const error = problemsOf(text)
    expect(error.code).toBe('PG_COUNTER_EVIDENCE_INVALID')
    expect(error.exitCode).toBe(ExitCode.config)
    expect(error.problems[0]).toMatchObject({ file: F, line, column, path })
    expect(error.message).toBe(`Invalid counter-evidence in ${F}:${line}:${column}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}`)
    expect(error.hint).toContain(WAIVER_PROOFS.join(', '))
  })

  it('offers exactly the six waiver proof types in the JSON Schema', () => {
    const schema = counterEvidenceJsonSchema() as {
      properties: Record<string, { items: { properties: { proofType: { enum: string[] } }; required: string[] } }>
    }
    const items = schema.properties['counter-evidence']!.items
    expect(items.properties.proofType.enum).toEqual([...WAIVER_PROOFS])
    expect(items.required).toEqual(['fingerprint', 'claim', 'proofType'])
  })
})
