// The official SARIF 2.1.0 schema (rtm.5, draft-04) compiled once, for tests that check a log
// the way GitHub code scanning would before accepting it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'
import { expect } from 'vitest'
import { PROJECT_ROOT } from './repo.js'

const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object
// unicodeRegExp: false because the schema's `language` pattern (`…]?$`) is not a valid `u`-flag regex.
// Both packages are CommonJS: under NodeNext their default export is `.default` of the module.
const ajv = new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false })
ajvFormats.default(ajv)
/** ajv's validator for a SARIF log; `validateSarif.errors` holds the last failure's errors. */
export const validateSarif = ajv.compile(schema)

/** Fails with ajv's errors when `log` does not conform to the SARIF 2.1.0 schema. */
export function expectValidSarif(log: unknown): void {
  const ok = validateSarif(log)
  expect(ok ? [] : validateSarif.errors).toEqual([])
}
