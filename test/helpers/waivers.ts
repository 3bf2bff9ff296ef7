// The self-waiver attack both the run and the pre-push tests replay: a change waives its own
// finding, then waives config-weakened everywhere so the first waiver cannot be reported.
import { lines } from './tables.js'

/** A waiver for the change's own tsconfig finding, then one for config-weakened on every path. */
export const SELF_WAIVERS = lines(
  'waivers:',
  '  - rule: lint-config-weakened',
  '    path: tsconfig.json',
  '    reason: strictness comes later',
  '    proof: out-of-scope',
  '  - rule: gate-integrity/config-weakened',
  '    path: "**"',
  '    reason: nothing to see here',
  '    proof: out-of-scope',
)
