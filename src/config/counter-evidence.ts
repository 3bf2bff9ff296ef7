// The `.proofgate/counter-evidence.yml` schema (zod, and the JSON Schema emitted from it) and its
// parser: each entry contests one finding by fingerprint before the override council (review/council.ts).
import * as z from 'zod'
import { ProofgateError } from '../errors.js'
import { COUNTER_EVIDENCE_FILE } from './files.js'
import { validateYaml } from './positions.js'
import { WAIVER_PROOFS } from './schema.js'

export { COUNTER_EVIDENCE_FILE }

/** Most entries one file may hold (as many as waivers). */
export const COUNTER_EVIDENCE_LIMIT = 1_000

/** One entry: the finding it contests (a fingerprint), the claim, the kind of proof (a waiver proof type) and where the proof is. */
export const counterEvidenceSchema = z.strictObject({
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{8,64}$/, 'expected a hex fingerprint from a report (8 to 64 characters 0-9a-f)')
    .describe('The `fingerprint` of the contested finding, as printed in the JSON or SARIF report (a prefix of 8 or more characters matches)'),
  claim: z.string().trim().min(1, 'a claim is mandatory').describe('Why the finding is wrong; the judges weigh it and every report shows it'),
  proofType: z.enum(WAIVER_PROOFS).describe('The kind of evidence the claim rests on (the six waiver proof types)'),
  artifacts: z
    .array(z.string().trim().min(1))
    .max(50)
    .default([])
    .describe('Where the evidence is: repository paths, test names, commands, links; handed to the judges as given'),
})

/** The `.proofgate/counter-evidence.yml` schema. */
export const counterEvidenceFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    'counter-evidence': z.array(counterEvidenceSchema).max(COUNTER_EVIDENCE_LIMIT).default([]),
  })
  .describe('proofgate counter-evidence (.proofgate/counter-evidence.yml)')

/** A validated entry with the 1-based line it starts on in its file. */
export type CounterEvidence = z.output<typeof counterEvidenceSchema> & { line: number }

/**
 * Parses the text of a counter-evidence file; `file` names it in problems (`<sha>:<path>` for a
 * commit's version). An empty file means no entries.
 * @throws ProofgateError `PG_COUNTER_EVIDENCE_INVALID` (exit 78) listing every problem with file,
 *   1-based line and column and key path (`counter-evidence.0.proofType`); `PG_CONFIG_ENCODING` /
 *   `PG_CONFIG_TOO_LARGE` as the config loader.
 */
export function parseCounterEvidence(text: string, file: string): CounterEvidence[] {
  const result = validateYaml(text, file, counterEvidenceFileSchema, {
    precheck: (value) => {
      const list = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['counter-evidence'] : undefined
      if (Array.isArray(list) && list.length > COUNTER_EVIDENCE_LIMIT) {
        throw new ProofgateError('PG_CONFIG_TOO_LARGE', `${file} lists ${list.length} entries; the limit is ${COUNTER_EVIDENCE_LIMIT}.`, {
          hint: 'contest findings one by one; a finding nobody contests needs no entry',
        })
      }
    },
  })
  if (result.data === undefined) {
    const first = result.problems[0]
    const where = first === undefined ? file : `${first.file}:${first.line}:${first.column}`
    throw new ProofgateError(
      'PG_COUNTER_EVIDENCE_INVALID',
      `Invalid counter-evidence in ${where}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`,
      {
        problems: result.problems,
        hint: `Each entry under counter-evidence needs a fingerprint, a claim, a proofType (${WAIVER_PROOFS.join(', ')}) and optionally artifacts (a list of strings).`,
      },
    )
  }
  return result.data['counter-evidence'].map((entry, index) => ({ ...entry, line: result.lineOf(['counter-evidence', index]) }))
}

/** `$id` of the counter-evidence schema (`schema/counter-evidence.schema.json`). */
export const COUNTER_EVIDENCE_SCHEMA_ID = 'https://unpkg.com/proofgate/schema/counter-evidence.schema.json'

/** JSON Schema (draft 2020-12) of `.proofgate/counter-evidence.yml`, from the input side; committed as `schema/counter-evidence.schema.json`. */
export function counterEvidenceJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: COUNTER_EVIDENCE_SCHEMA_ID,
    title: 'proofgate counter-evidence',
    ...z.toJSONSchema(counterEvidenceFileSchema, { io: 'input', target: 'draft-2020-12' }),
  }
}
