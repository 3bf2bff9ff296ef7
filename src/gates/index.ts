// The gate registry: every gate proofgate can run, in report order. A gate's file name is its id.
// Everything else about gates (the config schema's `gates`, the pre-commit default, the usage
// text, the rule table, action.yml and the docs tables) is derived from this list or generated
// from it by scripts/generate-docs.mjs.
import { coverageGate } from './coverage.js'
import { docCoverageGate } from './doc-coverage.js'
import { evidenceGate } from './evidence.js'
import { gateIntegrityGate } from './gate-integrity.js'
import { mockIntegrityGate } from './mock-integrity.js'
import { proofGate } from './proof.js'
import { reviewGate } from './review.js'
import { semanticTestsGate } from './semantic-tests.js'
import { staticAnalysisGate } from './static-analysis.js'
import { testMutationGate } from './test-mutation.js'
import { testsGate } from './tests.js'
import type { GATE_IDS, GateId } from '../findings/types.js'
import type { Gate } from './types.js'

/** Every gate, in report order (dependencies, not this order, decide when each starts). */
export const GATES = [
  staticAnalysisGate,
  testsGate,
  mockIntegrityGate,
  testMutationGate,
  semanticTestsGate,
  docCoverageGate,
  evidenceGate,
  proofGate,
  reviewGate,
  coverageGate,
  gateIntegrityGate,
] as const satisfies readonly Gate[]

/** One registered gate, typed with its own id and options. */
export type RegisteredGate = (typeof GATES)[number]

// GATE_IDS (findings/types.ts, generated) must name exactly the registered gates: `npm run docs`
// regenerates it after a gate is added. Each line fails to compile when one side lacks an id.
type Registered = RegisteredGate['id']
const everyIdRegistered: Record<Exclude<(typeof GATE_IDS)[number], Registered>, never> = {}
const everyGateListed: Record<Exclude<Registered, GateId>, never> = {}
void everyIdRegistered
void everyGateListed

/** The gate with this id, or undefined when this version does not have it. */
export function gateById(id: string): Gate | undefined {
  return (GATES as readonly Gate[]).find((g) => g.id === id)
}

/** The gates the pre-commit hook runs by default (`meta.preCommit`): those that read the staged content without running it, in report order. */
export const PRE_COMMIT_GATES: readonly GateId[] = GATES.filter((g) => g.meta.preCommit === true).map((g) => g.id)
