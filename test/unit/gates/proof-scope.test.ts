// The scope lock's pure parts: canonical hashing, every kind of difference named, the record read
// back (unreadable records fail closed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { configSchema } from '../../../src/config/schema.js'
import {
  canonicalJson,
  describeChanges,
  hashValue,
  parseScope,
  readScope,
  recordScope,
  scopeChanges,
  scopePath,
  type ScopeRecord,
} from '../../../src/gates/proof.js'

const recorded = configSchema.parse({
  proof: [
    { name: 'build', run: 'npm run build' },
    { name: 'lint', run: 'npm run lint' },
    { name: 'e2e', run: 'npm run e2e' },
  ],
})

/** The recorded config with `edit` applied to a copy: the current config of a later run. */
function edited(edit: (c: typeof recorded) => void): typeof recorded {
  const copy = structuredClone(recorded)
  edit(copy)
  return configSchema.parse(copy)
}

const { proof: recordedProof, ...recordedRest } = recorded

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}')
    expect(hashValue({ a: 1, b: 2 })).toBe(hashValue({ b: 2, a: 1 }))
    expect(hashValue([1, 2])).not.toBe(hashValue([2, 1]))
  })
})

describe('scopeChanges', () => {
  it.each<[string, (c: typeof recorded) => void, string[]]>([
    ['nothing', () => {}, []],
    [
      'a gate mode lowered',
      (c) => {
        c.gates.tests.mode = 'advisory'
      },
      ['gates.tests.mode: blocking → advisory'],
    ],
    [
      'the filter widened',
      (c) => {
        c['filter-mode'] = 'file'
      },
      ['filter-mode: added → file'],
    ],
    [
      'runner arguments added',
      (c) => {
        c.gates.tests.args = ['--bail']
      },
      ['gates.tests.args: [] → ["--bail"]'],
    ],
    [
      'an optional key set',
      (c) => {
        c.gates.coverage['min-patch-coverage'] = 80
      },
      ['gates.coverage.min-patch-coverage: (unset) → 80'],
    ],
    [
      'a proof command removed',
      (c) => {
        c.proof = c.proof.filter((p) => p.name !== 'build')
      },
      ["proof: removed 'build'"],
    ],
    [
      'every proof command removed',
      (c) => {
        c.proof = []
      },
      ["proof: removed 'build'", "proof: removed 'lint'", "proof: removed 'e2e'"],
    ],
    [
      'a proof command added',
      (c) => {
        c.proof.push({ name: 'docs', run: 'npm run docs', timeout: 300 })
      },
      ["proof: added 'docs'"],
    ],
    [
      'a command rewritten',
      (c) => {
        c.proof[1]!.run = 'npm run lint || true'
      },
      ["proof 'lint': run changed"],
    ],
    [
      'a timeout lowered',
      (c) => {
        c.proof[2]!.timeout = 30
      },
      ["proof 'e2e': timeout 300 → 30"],
    ],
    [
      'the order changed',
      (c) => {
        c.proof.reverse()
      },
      ['proof: order build, lint, e2e → e2e, lint, build'],
    ],
    [
      'several at once, settings first',
      (c) => {
        c.gates.tests.mode = 'advisory'
        c.proof = c.proof.filter((p) => p.name !== 'build')
      },
      ['gates.tests.mode: blocking → advisory', "proof: removed 'build'"],
    ],
  ])('%s', (_name, edit, expected) => {
    expect(scopeChanges({ config: recordedRest, proof: recordedProof }, edited(edit))).toEqual(expected)
  })

  it('ignores $schema, an editor hint', () => {
    expect(scopeChanges({ config: recordedRest, proof: recordedProof }, { ...recorded, $schema: './schema.json' })).toEqual([])
  })
})

describe('describeChanges', () => {
  it('names at most five differences, then counts the rest', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    expect(describeChanges(items)).toBe('a; b; c; d; e; +2 more')
    expect(describeChanges(items.slice(0, 5))).toBe('a; b; c; d; e')
  })
})

describe('the scope record', () => {
  it('is written atomically with its hashes and read back whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proofgate-scope-'))
    dirs.push(dir)
    const now = new Date('2026-11-21T10:00:12.345Z')
    const written = await recordScope(dir, { sha: 'c'.repeat(40), configFile: '.proofgate.yml', config: { ...recorded, $schema: 'x' }, now })
    expect(written).toMatchObject({
      version: 1,
      recordedAt: '2026-11-21T10:00:12.345Z',
      sha: 'c'.repeat(40),
      configFile: '.proofgate.yml',
      proof: recordedProof,
    })
    expect(written.config).not.toHaveProperty('$schema')
    expect(written.config).not.toHaveProperty('proof')
    expect(written.configHash).toBe(hashValue(recordedRest))
    expect(written.proofHash).toBe(hashValue(recordedProof))
    expect(JSON.parse(readFileSync(scopePath(dir), 'utf8'))).toEqual(JSON.parse(JSON.stringify(written)))
    expect(await readScope(dir)).toEqual({ state: 'recorded', scope: JSON.parse(JSON.stringify(written)) })
  })

  it('is none when absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proofgate-scope-'))
    dirs.push(dir)
    expect(await readScope(dir)).toEqual({ state: 'none' })
  })

  const valid: ScopeRecord = {
    version: 1,
    recordedAt: '2026-11-21T10:00:00.000Z',
    sha: 'c'.repeat(40),
    configFile: null,
    configHash: hashValue(recordedRest),
    proofHash: hashValue(recordedProof),
    config: recordedRest,
    proof: recordedProof,
  }
  it.each<[string, string, string | null]>([
    ['a valid record', JSON.stringify(valid), null],
    ['not JSON', '{"version": 1,', 'it is not valid JSON'],
    ['an array', '[]', 'it is not a scope record (top level: '],
    ['no proof hash', JSON.stringify({ ...valid, proofHash: undefined }), 'it is not a scope record (proofHash: '],
    ['a bad date', JSON.stringify({ ...valid, recordedAt: 'yesterday' }), 'it is not a scope record (recordedAt: '],
    ['a value edited by hand', JSON.stringify({ ...valid, proof: recordedProof.slice(1) }), 'its recorded values do not match its hashes (edited by hand?)'],
    ['a hash edited by hand', JSON.stringify({ ...valid, configHash: 'f'.repeat(64) }), 'its recorded values do not match its hashes (edited by hand?)'],
  ])('parses %s', (_name, text, reason) => {
    const state = parseScope(text)
    if (reason === null) expect(state.state).toBe('recorded')
    else expect(state).toEqual({ state: 'unreadable', reason: expect.stringContaining(reason) })
  })
})
