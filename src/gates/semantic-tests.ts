// The `semantic-tests` gate (advisory by default): assertions on values the test made itself —
// a literal echoed back through bindings, a mock's configured return asserted straight back.
import { SEMANTIC_TESTS_RULES } from '../testing/rules.js'
import { scanTestIntegrity } from '../testing/scan.js'
import { reportScan } from './mock-integrity.js'
import { loadTypeScript } from '../testing/typescript.js'
import type { Gate } from './types.js'

export const semanticTestsGate: Gate = {
  id: 'semantic-tests',
  meta: {
    description: 'Assertions on values the test itself produced: literal echoes and mock returns asserted back',
    defaultMode: 'advisory',
    rules: SEMANTIC_TESTS_RULES,
    scansAll: true,
  },
  // TypeScript (9 MB) loads while git computes the change set.
  warmUp() {
    void loadTypeScript().catch(() => undefined)
  },
  async run(ctx) {
    const scan = await scanTestIntegrity(ctx)
    return reportScan(ctx, scan, scan.semanticTests, `finding${scan.semanticTests.length === 1 ? '' : 's'}`)
  },
}
