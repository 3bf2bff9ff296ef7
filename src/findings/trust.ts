// Which waivers and counter-evidence a run trusts: the base commit's, never the change's own.
// Waivers the change adds or extends are pending (shown, not applied) until a reviewer approves;
// and no waivers file can waive a finding about proofgate's own config or waivers.
import { join } from 'node:path'
import { readCommittedFile } from '../changes/entries.js'
import type { ChangeSet } from '../changes/types.js'
import { parseWaivers, WAIVERS_FILE } from '../config/load.js'
import { COUNTER_EVIDENCE_FILE, parseCounterEvidence, type CounterEvidence } from '../config/counter-evidence.js'
import { ProofgateError } from '../errors.js'
import type { Scope } from './types.js'
import { waiverKey } from '../integrity/proofgate-config.js'
import { readRealFile } from '../util/real-file.js'
import type { Approval, Finding } from './types.js'
import { needsReviewer } from './verdict.js'
import type { LoadedWaiver } from './waivers.js'

/** The waivers of one run. */
export interface TrustedWaivers {
  /** The waivers that apply: the base commit's (HEAD's for `scan --all`), or the change's when approved. */
  applied: LoadedWaiver[]
  /** Waivers of the version under test that the trusted file lacks or that expire later there: shown, never applied. */
  pending: LoadedWaiver[]
  /**
   * Applied waivers the version under test no longer holds (the change removes them): they still
   * apply in this range, but are not reported as unused or expired. Lines of the other applied
   * waivers are those of the version under test, where people read them.
   */
  removed: Set<LoadedWaiver>
  /** Lines for the run's notes: where the waivers came from, when that is worth saying. */
  notes: string[]
}

/**
 * True when no waivers file may waive `finding`: `config-weakened` anywhere, and any
 * `gate-integrity` finding on the config file or the waivers file (`protectedPaths`).
 */
export function isUnwaivable(finding: Finding, protectedPaths: readonly string[]): boolean {
  return needsReviewer(finding) || (finding.gate === 'gate-integrity' && finding.path !== undefined && protectedPaths.includes(finding.path))
}

/**
 * The waivers of `next` that `trusted` does not hold, matched as gate-integrity matches them
 * (fingerprint, else rule and path glob; a shortened fingerprint or a widened glob is new), and
 * those whose `expires` moved later or was dropped.
 */
export function widenedWaivers(trusted: readonly LoadedWaiver[], next: readonly LoadedWaiver[]): LoadedWaiver[] {
  const unmatched = new Map<string, LoadedWaiver[]>()
  for (const w of trusted) unmatched.set(waiverKey(w), [...(unmatched.get(waiverKey(w)) ?? []), w])
  return next.filter((w) => {
    const old = unmatched.get(waiverKey(w))?.shift()
    return old === undefined || (old.expires !== undefined && (w.expires === undefined || w.expires > old.expires))
  })
}

/**
 * The waivers file on disk, never through a symlink: a symlinked file, or one under a symlinked
 * `.proofgate`, reads as absent (gate-integrity reports the link as critical).
 * @throws ProofgateError `PG_WAIVERS_INVALID` when it is there but cannot be read.
 */
async function readWorkTreeWaivers(root: string): Promise<string | null> {
  const found = await readRealFile(root, join(root, WAIVERS_FILE))
  if (found.kind === 'unreadable') {
    throw new ProofgateError('PG_WAIVERS_INVALID', `Cannot read ${WAIVERS_FILE}: ${found.reason}`, {
      hint: `Make ${WAIVERS_FILE} readable by the user running proofgate.`,
    })
  }
  return found.kind === 'file' ? found.text : null
}

/**
 * Reads the trusted waivers (the base commit's file from git objects; HEAD's for `scope: 'all'`)
 * and the version under test's (the work tree's file, or the tree under test's), and says which
 * apply: the trusted ones, or with `approval` the version under test's.
 * @throws ProofgateError `PG_WAIVERS_INVALID` when the version under test's file is invalid (an
 *   invalid trusted file applies nothing and says so in a note: fail closed).
 */
export async function resolveWaivers(options: { root: string; changes: ChangeSet; scope: Scope; approval?: Approval }): Promise<TrustedWaivers> {
  const { root, changes } = options
  const trustedRev = options.scope === 'all' ? changes.head.sha : changes.base.sha
  const [trustedText, nextText] = await Promise.all([
    readCommittedFile(root, trustedRev, WAIVERS_FILE),
    changes.includesWorkingTree ? readWorkTreeWaivers(root) : readCommittedFile(root, changes.treeHash, WAIVERS_FILE),
  ])
  const next = nextText === null ? [] : parseWaivers(nextText, WAIVERS_FILE)
  const notes: string[] = []
  if (options.approval !== undefined) {
    if (nextText !== trustedText)
      notes.push(`waivers read from the change's ${WAIVERS_FILE}, approved by @${options.approval.by} on ${options.approval.sha.slice(0, 12)}`)
    return { applied: next, pending: [], removed: new Set(), notes }
  }
  let trusted: LoadedWaiver[] = []
  if (trustedText !== null) {
    try {
      trusted = parseWaivers(trustedText, `${trustedRev.slice(0, 12)}:${WAIVERS_FILE}`)
    } catch (error) {
      if (!(error instanceof ProofgateError)) throw error
      notes.push(`${WAIVERS_FILE} at ${trustedRev.slice(0, 12)} is not a valid waivers file, so no waiver applies (${error.message})`)
    }
  }
  const pending = nextText === trustedText ? [] : widenedWaivers(trusted, next)
  const twins = new Map<string, LoadedWaiver[]>()
  for (const w of next) twins.set(waiverKey(w), [...(twins.get(waiverKey(w)) ?? []), w])
  const removed = new Set<LoadedWaiver>()
  const applied = trusted.map((w) => {
    const twin = twins.get(waiverKey(w))?.shift()
    if (twin !== undefined) return { ...w, line: twin.line }
    removed.add(w)
    return w
  })
  if (pending.length > 0) {
    notes.push(
      `${pending.length} waiver${pending.length === 1 ? '' : 's'} added or extended by this change (${WAIVERS_FILE}) ${pending.length === 1 ? 'is' : 'are'} pending: waivers apply from ${trustedRev.slice(0, 12)} until a reviewer approves the change`,
    )
  }
  return { applied, pending, removed, notes }
}

/** The counter-evidence of one run: what the override council may hear, and notes on where it came from. */
export interface TrustedCounterEvidence {
  /** The base commit's entries (HEAD's for `scan --all`), or the change's when approved. */
  applied: CounterEvidence[]
  notes: string[]
}

/**
 * The version under test's counter-evidence file on disk, never through a symlink (gate-integrity
 * reports a link). @throws ProofgateError `PG_COUNTER_EVIDENCE_INVALID` when it cannot be read.
 */
async function readWorkTreeCounterEvidence(root: string): Promise<string | null> {
  const found = await readRealFile(root, join(root, COUNTER_EVIDENCE_FILE))
  if (found.kind === 'unreadable') {
    throw new ProofgateError('PG_COUNTER_EVIDENCE_INVALID', `Cannot read ${COUNTER_EVIDENCE_FILE}: ${found.reason}`, {
      hint: `Make ${COUNTER_EVIDENCE_FILE} readable by the user running proofgate.`,
    })
  }
  return found.kind === 'file' ? found.text : null
}

/**
 * Reads the counter-evidence the council may hear: the base commit's file (HEAD's for `scope:
 * 'all'`), read from git objects; with `approval`, the version under test's. The version under
 * test's file is always validated, so a broken edit is named at file:line:column before it merges;
 * entries it adds are never heard without an approval (gate-integrity reports them).
 * @throws ProofgateError `PG_COUNTER_EVIDENCE_INVALID` (exit 78) when the version under test's file
 *   is invalid; an invalid trusted file applies nothing and says so in a note (fail closed: the
 *   contested findings keep blocking).
 */
export async function resolveCounterEvidence(options: {
  root: string
  changes: ChangeSet
  scope: Scope
  approval?: Approval
}): Promise<TrustedCounterEvidence> {
  const { root, changes } = options
  const trustedRev = options.scope === 'all' ? changes.head.sha : changes.base.sha
  const [trustedText, nextText] = await Promise.all([
    readCommittedFile(root, trustedRev, COUNTER_EVIDENCE_FILE),
    changes.includesWorkingTree ? readWorkTreeCounterEvidence(root) : readCommittedFile(root, changes.treeHash, COUNTER_EVIDENCE_FILE),
  ])
  const next = nextText === null ? [] : parseCounterEvidence(nextText, COUNTER_EVIDENCE_FILE)
  if (options.approval !== undefined) {
    const notes =
      nextText === trustedText
        ? []
        : [`counter-evidence read from the change's ${COUNTER_EVIDENCE_FILE}, approved by @${options.approval.by} on ${options.approval.sha.slice(0, 12)}`]
    return { applied: next, notes }
  }
  if (trustedText === null) {
    return { applied: [], notes: next.length === 0 ? [] : [untrustedNote(next.length, trustedRev)] }
  }
  try {
    const trusted = parseCounterEvidence(trustedText, `${trustedRev.slice(0, 12)}:${COUNTER_EVIDENCE_FILE}`)
    const known = new Set(trusted.map(entryKey))
    const added = next.filter((e) => !known.has(entryKey(e))).length
    return { applied: trusted, notes: nextText === trustedText || added === 0 ? [] : [untrustedNote(added, trustedRev)] }
  } catch (error) {
    if (!(error instanceof ProofgateError)) throw error
    return {
      applied: [],
      notes: [`${COUNTER_EVIDENCE_FILE} at ${trustedRev.slice(0, 12)} is not a valid counter-evidence file, so the council hears none (${error.message})`],
    }
  }
}

/** What makes two entries the same evidence: everything the judges see. */
function entryKey(e: CounterEvidence): string {
  return JSON.stringify([e.fingerprint, e.claim, e.proofType, e.artifacts])
}

function untrustedNote(count: number, trustedRev: string): string {
  return `${count} counter-evidence entr${count === 1 ? 'y' : 'ies'} added or changed by this change (${COUNTER_EVIDENCE_FILE}) ${count === 1 ? 'is' : 'are'} not heard: the council hears the entries of ${trustedRev.slice(0, 12)} until a reviewer approves the change`
}
