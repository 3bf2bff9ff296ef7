// The proof gate's rules, with their messages by messageId; proof.ts reports each finding by
// messageId + data. The templates reproduce the gate's former messages byte for byte. In each,
// `{{command}}` is the command's first line (at most 120 characters) and `{{output}}` its last
// output, or `(it printed nothing)`.
import { SCOPE_FILE } from '../../config/scope.js'
import { findingBuilder, type RuleTable } from '../rule-table.js'
import { PROOF_RESULTS_FILE } from './results.js'

const COMMAND = "Proof command '{{name}}' (`{{command}}`)"
const KILLED = 'and was killed with its child processes. Last output:\n{{output}}'

/** The proof gate's `meta.rules`. */
export const PROOF_RULES = {
  'proof-failed': {
    description: 'A proof command exited non-zero',
    defaultSeverity: 'critical',
    messages: { failed: `${COMMAND} failed with exit code {{exitCode}}. Last output:\n{{output}}` },
  },
  'proof-timeout': {
    description: 'A proof command exceeded its timeout and was killed with its process group',
    defaultSeverity: 'critical',
    messages: {
      timedOut: `${COMMAND} did not finish within its timeout of {{timeout}} s ${KILLED}`,
      stopped: `${COMMAND} was stopped after {{duration}} (the gate's timeout ran out or the run was cancelled) ${KILLED}`,
    },
  },
  'proof-signal': {
    description: 'A proof command was killed by a signal',
    defaultSeverity: 'critical',
    messages: { killed: `${COMMAND} was killed by {{signal}}. Last output:\n{{output}}` },
  },
  'proof-unrecorded': {
    description: 'A configured proof command has no usable result in the proof-results journal for this run',
    defaultSeverity: 'critical',
    messages: { unrecorded: `${COMMAND} has no usable result in .proofgate/${PROOF_RESULTS_FILE} for this run: {{problem}}. It cannot count as passed.` },
  },
  'scope-changed': {
    description: 'The configuration or the proof commands differ from the scope `proofgate start` recorded, or the record is unreadable',
    defaultSeverity: 'high',
    messages: {
      changed: 'The scope changed since proofgate start {{recordedAt}}: {{changes}}.',
      unreadable: `The recorded scope is unreadable (.proofgate/${SCOPE_FILE}: {{reason}}), so nothing shows that the configuration and proof commands are still the ones locked at \`proofgate start\`.`,
    },
  },
} as const satisfies RuleTable

/** A finding of one of {@link PROOF_RULES}, its message formatted from `messageId` + data. */
export const proofRuleFinding = findingBuilder(PROOF_RULES)
