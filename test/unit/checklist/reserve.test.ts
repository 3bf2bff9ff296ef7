// The reservation rule, table-driven: the count for each size, and the chosen ids against
// sha256 digests written out in the table (computed once with `printf %s id | sha256sum`).
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { idRank, reserve, reservedCount, setSha256 } from '../../../src/checklist/reserve.js'

describe('reservedCount', () => {
  it.each([
    [0, 0],
    [1, 0],
    [3, 0],
    [4, 1],
    [5, 1],
    [6, 2], // 1.5 rounds up
    [7, 2],
    [10, 3], // 2.5 rounds up
    [13, 3],
    [14, 4], // 3.5 rounds up
    [18, 5], // 4.5 rounds up
    [20, 5],
    [21, 5],
    [1000, 5],
  ])('%i items → %i held out', (n, count) => {
    expect(reservedCount(n)).toBe(count)
  })
})

describe('reserve', () => {
  it('ranks by the sha256 hex of the id', () => {
    expect(idRank('a')).toBe('ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb')
    expect(idRank('b')).toBe('3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d')
    expect(idRank('c')).toBe('2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6')
    expect(idRank('d')).toBe('18ac3e7343f016890c510e93f935261169d9e3f565436429830faf0934f4f8e4')
  })

  it.each([
    { ids: ['a', 'b', 'c'], held: [] },
    // d (18ac…) < c (2e7d…) < b (3e23…) < a (ca97…)
    { ids: ['a', 'b', 'c', 'd'], held: ['d'] },
    { ids: ['d', 'c', 'b', 'a'], held: ['d'] },
    // f (252f…) sorts between d and c; six items hold out round(1.5) = 2.
    { ids: ['a', 'b', 'c', 'd', 'e', 'f'], held: ['d', 'f'] },
  ])('$ids → $held', ({ ids, held }) => {
    expect(reserve(ids)).toEqual(held)
  })

  it('does not depend on the order of the ids', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `item-${i}`)
    expect(reserve([...ids].reverse())).toEqual(reserve(ids))
    expect(reserve(ids)).toHaveLength(5)
  })
})

describe('setSha256', () => {
  const a = { id: 'a', title: 'A', verify: 'true' }
  const b = { id: 'b', title: 'B', verify: 'npm test' }
  it('hashes the items sorted by id as canonical JSON, so the order given does not matter', () => {
    expect(setSha256([b, a])).toBe(setSha256([a, b]))
    // printf '%s' '[["a","A","true"],["b","B","npm test"]]' | sha256sum
    expect(setSha256([b, a])).toBe(createHash('sha256').update('[["a","A","true"],["b","B","npm test"]]').digest('hex'))
    // printf '%s' '[]' | sha256sum
    expect(setSha256([])).toBe('4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945')
  })
  it('is not the hash of an id alone, and changes with a command', () => {
    expect(setSha256([a])).not.toBe(idRank('a'))
    expect(setSha256([{ ...a, verify: 'exit 0' }])).not.toBe(setSha256([a]))
  })
})
