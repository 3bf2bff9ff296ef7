// The proof-results journal `.proofgate/proof-results.jsonl` (one line per proof command run,
// appended under the journal's lock) and the verdict read back from it for one run id.
import { join } from 'node:path'
import type { ProofCommand } from '../../config/schema.js'
import { appendEventsTo, readEventsFrom, type JournalEvent, type ReadJournal } from '../../journal/journal.js'

/** The proof-results journal under `.proofgate/`. */
export const PROOF_RESULTS_FILE = 'proof-results.jsonl'

/** The event type of one proof command's result. */
export const PROOF_RESULT_TYPE = 'proof-result'

/** One line of the proof-results journal. */
export interface ProofResult extends JournalEvent {
  type: typeof PROOF_RESULT_TYPE
  /** The proof command's `name`. */
  name: string
  /** Its `run`, as given to `bash -c`. */
  command: string
  /** null when it was killed (a signal or its timeout). */
  exitCode: number | null
  /** The signal that killed it (`SIGKILL`…), or null. */
  signal: string | null
  /** True when it outlived its timeout (or the gate's) and was killed with its process group. */
  timedOut: boolean
  durationMs: number
  /** The last lines of stdout and stderr interleaved (at most 40 lines, 4 KiB). */
  outputTail: string
  headSha: string
  treeHash: string
}

/** What a configured command came to in one run, judged from the journal. */
export type ProofStatus = 'passed' | 'failed' | 'timeout' | 'signal' | 'unrecorded'

/** One configured command with its status and the journal line that decided it (null when none did). */
export interface ProofVerdict {
  command: ProofCommand
  status: ProofStatus
  /** The journal line the status comes from; null when `unrecorded`. */
  result: ProofResult | null
  /** Why `unrecorded`: no line, or a line that cannot be trusted. */
  problem?: string
}

/** Absolute path of the proof-results journal under a state dir. */
export function proofResultsPath(stateDir: string): string {
  return join(stateDir, PROOF_RESULTS_FILE)
}

/**
 * Appends one result (v and ts are added) under the journal's cross-process lock.
 * @throws ProofgateError PG_STATE_LOCKED when the lock stays held (~10 s); other write errors as is.
 */
export function appendProofResult(stateDir: string, result: Omit<ProofResult, 'v' | 'ts'>): Promise<void> {
  return appendEventsTo(proofResultsPath(stateDir), [result])
}

/** Every line of the proof-results journal; corrupt lines become warnings (`proof-results.jsonl:3: …`). */
export function readProofResults(stateDir: string): Promise<ReadJournal> {
  return readEventsFrom(proofResultsPath(stateDir))
}

/** Why `event` cannot stand as a result, or null when it is well formed. */
function malformed(event: JournalEvent): string | null {
  const e = event as Partial<ProofResult>
  if (typeof e.command !== 'string') return 'its line has no command'
  if (!(e.exitCode === null || (typeof e.exitCode === 'number' && Number.isInteger(e.exitCode)))) return 'its line has no valid exitCode'
  if (!(e.signal === null || typeof e.signal === 'string')) return 'its line has no valid signal'
  if (typeof e.timedOut !== 'boolean') return 'its line has no valid timedOut'
  return null
}

function statusOf(result: ProofResult): Exclude<ProofStatus, 'unrecorded'> {
  if (result.timedOut) return 'timeout'
  if (result.signal !== null) return 'signal'
  return result.exitCode === 0 ? 'passed' : 'failed'
}

/**
 * Judges each configured command (in config order) from the journal's events for `runId` only:
 * lines of other runs are ignored, and a command without a well-formed line of its own, or whose
 * line records another command than the one configured, is `unrecorded` (fail closed). When a
 * name has several lines in the run, the first that did not pass decides.
 */
export function judgeProofResults(commands: readonly ProofCommand[], runId: string, events: readonly JournalEvent[]): ProofVerdict[] {
  const mine = events.filter((e) => e.type === PROOF_RESULT_TYPE && e.runId === runId)
  return commands.map((command) => {
    const lines = mine.filter((e) => e.name === command.name)
    if (lines.length === 0) return { command, status: 'unrecorded', result: null, problem: 'no result was recorded for it in this run' }
    const bad = lines.map(malformed).find((m) => m !== null)
    if (bad !== undefined && bad !== null) return { command, status: 'unrecorded', result: null, problem: `its recorded result is unusable: ${bad}` }
    const results = lines as ProofResult[]
    if (results.some((r) => r.command !== command.run))
      return { command, status: 'unrecorded', result: null, problem: 'its recorded result is for another command than the one configured' }
    const decisive = results.find((r) => statusOf(r) !== 'passed') ?? results[0]!
    return { command, status: statusOf(decisive), result: decisive }
  })
}
