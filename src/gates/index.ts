// The gate registry: every gate proofgate can run, in report order. A gate's file name is its id.
import { coverageGate } from './coverage.js'
import { docCoverageGate } from './doc-coverage.js'
import { evidenceGate } from './evidence.js'
import { gateIntegrityGate } from './gate-integrity.js'
import { mockIntegrityGate } from './mock-integrity.js'
import { proofGate } from './proof.js'
import { semanticTestsGate } from './semantic-tests.js'
import { staticAnalysisGate } from './static-analysis.js'
import { testMutationGate } from './test-mutation.js'
import { testsGate } from './tests.js'
import type { Gate } from './types.js'

/** Every gate, in report order (dependencies, not this order, decide when each starts). */
export const GATES: readonly Gate[] = [staticAnalysisGate, testsGate, mockIntegrityGate, testMutationGate, semanticTestsGate, docCoverageGate, evidenceGate, proofGate, coverageGate, gateIntegrityGate]

/** The gate with this id, or undefined when this version does not have it. */
export function gateById(id: string): Gate | undefined {
  return GATES.find((g) => g.id === id)
}
