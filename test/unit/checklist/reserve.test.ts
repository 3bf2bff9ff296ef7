// The reservation rule, table-driven: the count for each size, and the chosen ids against
// sha256 digests written out in the table (computed once with `printf %s id | sha256sum`).
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
  it('hashes the sorted ids, one a line, so the order given does not matter', () => {
    expect(setSha256(['b', 'a'])).toBe(setSha256(['a', 'b']))
    // printf 'a\nb' | sha256sum
    expect(setSha256(['b', 'a'])).toBe('7e18f737311b2dc3b2f269dd78396b0351f14fb66efa879f768cb23181883c78')
    expect(setSha256([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
})
