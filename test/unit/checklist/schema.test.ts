// The checklist schema, table-driven: valid files with their defaults, invalid ones with the
// exact file:line:column, key path and message of each problem.
import { describe, expect, it } from 'vitest'
import { checklistJsonSchema, parseChecklist } from '../../../src/checklist/schema.js'
import { ProofgateError } from '../../../src/errors.js'

const FILE = '.proofgate/checklist.yml'

describe('parseChecklist', () => {
  it('applies the defaults: timeout 300 s, severity critical', () => {
    expect(parseChecklist('items:\n  - { id: export-csv, title: "Reports export to CSV", verify: "npm run e2e" }\n', FILE)).toEqual([
      { id: 'export-csv', title: 'Reports export to CSV', verify: 'npm run e2e', timeout: 300, severity: 'critical' },
    ])
  })

  it('keeps what is given', () => {
    const yaml = 'items:\n  - id: a.b_c-1\n    title: t\n    verify: |\n      npm test\n      npm run e2e\n    timeout: 12\n    severity: low\n'
    expect(parseChecklist(yaml, FILE)).toEqual([{ id: 'a.b_c-1', title: 't', verify: 'npm test\nnpm run e2e', timeout: 12, severity: 'low' }])
  })

  it.each([
    { name: 'an id with capitals', yaml: 'items:\n  - { id: Export, title: t, verify: x }\n', at: [2, 11, 'items.0.id'], message: 'lower case letters' },
    {
      name: 'an id starting with a dot',
      yaml: 'items:\n  - { id: .x, title: t, verify: x }\n',
      at: [2, 11, 'items.0.id'],
      message: 'starting with a letter or digit',
    },
    {
      name: 'a duplicate id',
      yaml: 'items:\n  - { id: a, title: t, verify: x }\n  - { id: a, title: u, verify: y }\n',
      at: [3, 11, 'items.1.id'],
      message: 'duplicate id "a"',
    },
    { name: 'no verify', yaml: 'items:\n  - { id: a, title: t }\n', at: [2, 5, 'items.0.verify'], message: '' },
    {
      name: 'an empty verify',
      yaml: 'items:\n  - { id: a, title: t, verify: "  " }\n',
      at: [2, 32, 'items.0.verify'],
      message: 'verify is the command that must exit 0',
    },
    { name: 'a timeout under 1 s', yaml: 'items:\n  - { id: a, title: t, verify: x, timeout: 0 }\n', at: [2, 44, 'items.0.timeout'], message: '' },
    { name: 'an unknown severity', yaml: 'items:\n  - { id: a, title: t, verify: x, severity: urgent }\n', at: [2, 45, 'items.0.severity'], message: '' },
    { name: 'an unknown key', yaml: 'items:\n  - { id: a, title: t, verify: x, run: y }\n', at: [2, 35, 'items.0.run'], message: 'unknown key' },
    { name: 'no items', yaml: 'title: x\n', at: [1, 1, 'items'], message: '' },
  ])('$name', ({ yaml, at, message }) => {
    let error: unknown
    try {
      parseChecklist(yaml, FILE)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ProofgateError)
    const pg = error as ProofgateError
    expect(pg.code).toBe('PG_CHECKLIST_INVALID')
    expect(pg.exitCode).toBe(78)
    const [line, column, path] = at
    expect(pg.problems[0]).toMatchObject({ file: FILE, line, column, path })
    expect(pg.problems[0]!.message).toContain(message)
  })

  it('names a YAML syntax error with its position', () => {
    expect(() => parseChecklist('items:\n  - { id: a, title: t\n', FILE)).toThrow(ProofgateError)
    try {
      parseChecklist('items:\n  - { id: a, title: t\n', FILE)
    } catch (e) {
      expect((e as ProofgateError).problems[0]).toMatchObject({ file: FILE, line: expect.any(Number), column: expect.any(Number) })
      expect((e as ProofgateError).hint).toContain('id')
    }
  })
})

describe('checklistJsonSchema', () => {
  it('requires id, title and verify and leaves the defaults optional', () => {
    const schema = checklistJsonSchema() as { $id: string; properties: { items: { items: { required: string[] } } } }
    expect(schema.$id).toBe('https://unpkg.com/proofgate/schema/checklist.schema.json')
    expect(schema.properties.items.items.required.sort()).toEqual(['id', 'title', 'verify'])
  })
})
