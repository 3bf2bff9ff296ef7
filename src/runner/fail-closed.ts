// The runner's fail-closed findings: a gate that threw, timed out or refused to run repository
// code blocks. Their rules are declared here, beside the functions that raise them.
import { ProofgateError } from '../errors.js'
import { formatMessage, type MessageData, type RuleMeta } from '../findings/rule.js'
import type { FindingInput, GateId } from '../findings/types.js'

/** An engine rule's meta: a rule's, plus which gates its findings can be stamped with, as the rule pages say it. */
export interface EngineRuleMeta extends RuleMeta {
  messages: Readonly<Record<string, string>>
  reportedFor: string
}

/**
 * Rules the runner reports for a gate that could not finish; it stamps the gate's id on them, so
 * no gate declares them, no `rules:` level changes them, and the diff filter keeps them (they
 * have no line). `gate-refused` only concerns gates that execute repository code.
 */
export const FAIL_CLOSED_RULES = {
  'gate-errored': {
    description: 'The gate threw; a gate that cannot finish fails closed',
    defaultSeverity: 'critical',
    reportedFor: 'any gate',
    filter: 'always',
    messages: { crashed: 'The {{gate}} gate crashed: {{error}}', couldNotRun: 'The {{gate}} gate could not run: {{error}}' },
  },
  'gate-timeout': {
    description: 'The gate exceeded its timeout',
    defaultSeverity: 'critical',
    reportedFor: 'any gate',
    filter: 'always',
    messages: { timedOut: 'The {{gate}} gate {{reason}}.' },
  },
  'gate-refused': {
    description: "The gate executes the repository's code and refused to run where that code is untrusted",
    defaultSeverity: 'critical',
    reportedFor: 'gates that run repository code',
    filter: 'always',
    messages: { refused: "The {{gate}} gate executes the repository's code and refused to run: {{reason}}" },
  },
} as const satisfies Record<string, EngineRuleMeta>

/** A key of {@link FAIL_CLOSED_RULES}. */
export type FailClosedRuleId = keyof typeof FAIL_CLOSED_RULES

/** True for the runner's own fail-closed rule ids: the config never changes their severity. */
export function isFailClosedRule(ruleId: string): ruleId is FailClosedRuleId {
  return Object.hasOwn(FAIL_CLOSED_RULES, ruleId)
}

function failClosed<R extends FailClosedRuleId>(
  ruleId: R,
  messageId: keyof (typeof FAIL_CLOSED_RULES)[R]['messages'] & string,
  data: MessageData,
  help: string,
): FindingInput {
  const meta = FAIL_CLOSED_RULES[ruleId]
  return { ruleId, messageId, severity: meta.defaultSeverity, message: formatMessage(ruleId, meta, messageId, data), help }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The critical `gate-errored` finding for a gate that threw (from run() or appliesTo()). */
export function erroredFinding(gate: GateId, error: unknown): FindingInput {
  const help = 'a gate that cannot finish fails closed; fix the cause (see the message) and run again'
  // A named condition with a remedy (the version under test could not be checked out), not a crash.
  if (error instanceof ProofgateError) return failClosed('gate-errored', 'couldNotRun', { gate, error: error.message }, error.hint ?? help)
  return failClosed('gate-errored', 'crashed', { gate, error: messageOf(error) }, help)
}

/** The critical `gate-timeout` finding; `reason` completes "The <gate> gate …" (`timed out after 5 s`). */
export function timeoutFinding(gate: GateId, reason: string): FindingInput {
  return failClosed('gate-timeout', 'timedOut', { gate, reason }, `raise gates.${gate}.timeout in .proofgate.yml if the work is legitimately slow`)
}

/** The critical `gate-refused` finding for a gate that executes repository code where it is untrusted; `reason` says where. */
export function refusedFinding(gate: GateId, reason: string): FindingInput {
  return failClosed(
    'gate-refused',
    'refused',
    { gate, reason },
    'run proofgate on the pull_request event (read-only token), or drop this gate from the gates input; allow-untrusted-code: true only if you accept the risk',
  )
}
