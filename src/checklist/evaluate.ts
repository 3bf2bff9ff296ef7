// Runs checklist items' verify commands as the proof gate runs its commands (one process runner
// for repository code), and turns each outcome into a status and, when it failed, a finding.
import type { CommandOutcome } from '../gates/proof/command.js'
import { runProofCommand } from '../gates/proof/command.js'
import type { FindingInput } from '../findings/types.js'
import { checklistRuleFinding } from '../gates/checklist/rules.js'
import type { ChecklistItem, HeldOutItem } from './load.js'

/** pass: exit 0; fail: a non-zero exit; errored: timed out, killed by a signal, stopped, or not run. */
export type ItemStatus = 'pass' | 'fail' | 'errored'

/** One item's outcome; `outcome` is null when the run was stopped before the item started. */
export interface ItemResult<I extends ChecklistItem = ChecklistItem> {
  item: I
  status: ItemStatus
  outcome: CommandOutcome | null
}

/** How an item is run: where, with which environment, until when. */
export interface EvaluateOptions {
  cwd: string
  signal: AbortSignal
  envPass?: readonly string[]
  baseEnv?: NodeJS.ProcessEnv | undefined
}

function statusOf(outcome: CommandOutcome): ItemStatus {
  if (outcome.timedOut || outcome.signal !== null) return 'errored'
  return outcome.exitCode === 0 ? 'pass' : 'fail'
}

/**
 * Runs each item's `verify` with `bash -c` in `options.cwd`, in order, each in its own process
 * group with its own `timeout` (seconds); never throws for a failing command. Items not started
 * because `signal` aborted are `errored` with a null outcome.
 */
export async function evaluateItems<I extends ChecklistItem>(items: readonly I[], options: EvaluateOptions): Promise<Array<ItemResult<I>>> {
  const results: Array<ItemResult<I>> = []
  for (const item of items) {
    if (options.signal.aborted) {
      results.push({ item, status: 'errored', outcome: null })
      continue
    }
    const outcome = await runProofCommand(
      { name: item.id, run: item.verify, timeout: item.timeout },
      { cwd: options.cwd, signal: options.signal, ...(options.envPass === undefined ? {} : { envPass: options.envPass }), baseEnv: options.baseEnv },
    )
    results.push({ item, status: statusOf(outcome), outcome })
  }
  return results
}

/** Why a non-passing item did not pass, in a few words: `exited with code 1`, `timed out after 300 s`. */
export function whyFailed(result: ItemResult): string {
  const o = result.outcome
  if (o === null) return 'was not run: the gate was stopped first (its timeout or a cancelled run)'
  if (o.timedOut)
    return o.durationMs < result.item.timeout * 1000 ? 'was stopped (the gate timed out or the run was cancelled)' : `timed out after ${result.item.timeout} s`
  if (o.signal !== null) return `was killed by ${o.signal}`
  return `exited with code ${o.exitCode ?? 'none'}`
}

function shown(command: string): string {
  const first = command.trim().split('\n')[0]!.trim()
  return first.length > 120 ? `${first.slice(0, 119)}…` : first
}

/** The `checklist-item-failed` finding of a visible item that did not pass (at the item's severity), or null. */
export function visibleFinding(result: ItemResult): FindingInput | null {
  if (result.status === 'pass') return null
  const { item } = result
  const output = result.outcome?.outputTail === '' || result.outcome === null ? '(it printed nothing)' : result.outcome.outputTail
  const data = { id: item.id, title: item.title, command: shown(item.verify), output }
  const place = { severity: item.severity, fingerprintKey: item.id, help: `run \`${shown(item.verify)}\` in the repository root and make it exit 0` }
  return result.status === 'fail'
    ? checklistRuleFinding('checklist-item-failed', 'failed', { ...data, exitCode: result.outcome?.exitCode ?? 'none' }, place)
    : checklistRuleFinding('checklist-item-failed', 'errored', { ...data, why: whyFailed(result) }, place)
}

/**
 * The `heldout-failed` finding (critical) of a held-out item that did not pass, or null. An
 * external item is named only by its position in the external file, without its output: the
 * release report is written inside the repository, where the external checklist never goes; its
 * fingerprint hashes that position, not the id (a short id could be guessed back from its hash).
 */
export function heldOutFinding(result: ItemResult<HeldOutItem>, externalIndex: number): FindingInput | null {
  if (result.status === 'pass') return null
  const { item } = result
  if (item.external) {
    return checklistRuleFinding('heldout-failed', 'external', { index: externalIndex, why: whyFailed(result) }, { fingerprintKey: `external#${externalIndex}` })
  }
  const output = result.outcome === null || result.outcome.outputTail === '' ? '(it printed nothing)' : result.outcome.outputTail
  return checklistRuleFinding(
    'heldout-failed',
    'failed',
    { id: item.id, title: item.title, why: whyFailed(result), output },
    { fingerprintKey: `heldout:${item.id}`, help: 'a held-out item failed at release: fix the behaviour it checks, then tag again' },
  )
}
