// internal-mock-ratio: most of the repository modules a test file uses are mocked (thresholds
// from `gates.mock-integrity.internal-mock-ratio`), reported at the first mock.
import { defineRule } from './rule.js'

export const internalMockRatio = defineRule({
  id: 'internal-mock-ratio',
  meta: {
    description: 'Most repository-internal modules the test file uses are mocked',
    defaultSeverity: 'medium',
    messages: { ratio: '{{mocked}} of the {{used}} repository modules this file uses are mocked ({{percent}}% > {{maxPercent}}%)' },
  },
  check({ env, parsed, tests, modules }, report) {
    if (!parsed || tests.length === 0) return
    const { imported, mocked } = modules()
    const internal = new Set([...imported.keys(), ...mocked.keys()])
    const { maxRatio, minMocks } = env.internalMockRatio
    if (mocked.size < minMocks || internal.size === 0 || mocked.size / internal.size <= maxRatio) return
    const first = [...mocked.values()].sort((a, b) => a.node.pos - b.node.pos)[0]!
    report({
      messageId: 'ratio',
      data: {
        mocked: mocked.size,
        used: internal.size,
        percent: Math.round((100 * mocked.size) / internal.size),
        maxPercent: Math.round(maxRatio * 100),
      },
      node: first.node,
      help: 'test through more real modules; mock only the boundaries (network, clock, file system)',
    })
  },
})
