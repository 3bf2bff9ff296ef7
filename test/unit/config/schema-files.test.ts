// Keeps the committed JSON Schemas under schema/ in step with the zod schemas.
// Regenerate after changing src/config/schema.ts or src/config/counter-evidence.ts: UPDATE_SCHEMA=1 npx vitest run test/unit/config/schema-files.test.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configJsonSchema, waiversJsonSchema } from '../../../src/config/load.js'
import { checklistJsonSchema } from '../../../src/checklist/schema.js'
import { counterEvidenceJsonSchema } from '../../../src/config/counter-evidence.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'

const files = [
  { file: 'schema/proofgate.schema.json', generate: configJsonSchema },
  { file: 'schema/waivers.schema.json', generate: waiversJsonSchema },
  { file: 'schema/checklist.schema.json', generate: checklistJsonSchema },
  { file: 'schema/counter-evidence.schema.json', generate: counterEvidenceJsonSchema },
]

describe('committed JSON Schemas', () => {
  it.each(files)('$file matches the zod schema', ({ file, generate }) => {
    const expected = JSON.stringify(generate(), null, 2) + '\n'
    const path = join(PROJECT_ROOT, file)
    if (process.env['UPDATE_SCHEMA'] === '1') writeFileSync(path, expected)
    expect(readFileSync(path, 'utf8'), `${file} is stale: UPDATE_SCHEMA=1 npx vitest run test/unit/config/schema-files.test.ts`).toBe(expected)
  })

  it('leaves keys with defaults optional, as an editor should see them', () => {
    const schema = configJsonSchema() as { required?: string[]; properties: Record<string, unknown> }
    expect(schema.required ?? []).toEqual([])
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'filter-mode', 'test-files', 'env-pass', 'gates', 'proof', 'rules', 'hooks', 'loop', 'review'])
  })

  it('states the waiver refinement the zod schema checks in code', () => {
    const items = (waiversJsonSchema() as { properties: { waivers: { items: { anyOf: unknown; required: string[] } } } }).properties.waivers.items
    expect(items.anyOf).toEqual([{ required: ['fingerprint'] }, { required: ['rule', 'path'] }])
    expect(items.required).toEqual(['reason', 'proof'])
  })
})
