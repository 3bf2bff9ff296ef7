// The `checklist` gate: the visible items of `.proofgate/checklist.yml` (read from the base) must
// pass; under `proofgate release` the held-out items run too, and only the release report names them.
import * as z from 'zod'
import { describeRunTree, runTreeFor } from '../changes/worktree.js'
import { evaluateItems, heldOutFinding, visibleFinding, type ItemResult, type ItemStatus } from '../checklist/evaluate.js'
import { loadChecklist, type ChecklistItem, type HeldOutItem } from '../checklist/load.js'
import { appendEvents } from '../journal/journal.js'
import { plural } from '../util/text.js'
import { CHECKLIST_RULES } from './checklist/rules.js'
import type { Gate, GateContext, GateOutcome } from './types.js'

export { CHECKLIST_RULES } from './checklist/rules.js'

/** The journal event each run records with the visible items' statuses (`proofgate checklist` reads it). */
export const CHECKLIST_RESULT_EVENT = 'checklist-result'

/** What `proofgate release` hands the gate (GateContext.release): the held-out items run too. */
export interface ReleaseChecklist {
  /** Items of the external checklist (`--checklist-file`), already read: all held out. */
  external: readonly ChecklistItem[]
  /** The external file's path as given, for error messages only. */
  externalFile?: string
}

/** Held-out results as counts and a set hash: what a release may say about them anywhere. */
export interface HeldOutTotals {
  total: number
  passed: number
  failed: number
  /** sha256 of the sorted held-out ids. */
  setSha256: string
}

/** `data` of the gate's result, for the JSON report: visible items only, except `release`. */
export interface ChecklistData {
  /** Where the checklist was read (`<sha12>:.proofgate/checklist.yml`). */
  source: string
  items: Array<{ id: string; title: string; status: ItemStatus }>
  /** Only with `gates.checklist.show-held-out-count: true`: every item, and how many are held out. */
  total?: number
  heldOut?: number
  /** Only under `proofgate release`. */
  release?: { heldOut: HeldOutTotals; heldOutFailures: Array<{ id: string; title: string; message: string }> }
}

const OPTIONS = {
  'show-held-out-count': z
    .boolean()
    .default(false)
    .describe('Visible totals say "N items (M held out)"; default false: visible outputs do not mention held-out items at all'),
}

/** `3 items: 2 passed, 1 failed (export-csv)`, held-out items left out unless `shown`. */
function summaryOf(results: readonly ItemResult[], heldOut: number | null): string {
  const failing = results.filter((r) => r.status !== 'pass')
  const count = heldOut === null ? plural(results.length, 'item') : `${plural(results.length + heldOut, 'item')} (${heldOut} held out)`
  const detail = failing.length === 0 ? '' : `, ${failing.length} failed (${failing.map((r) => r.item.id).join(', ')})`
  return `${count}: ${results.length - failing.length} passed${detail}`
}

/** Runs the held-out items and reports `heldout-failed` for each that did not pass. */
async function runHeldOut(ctx: GateContext, items: readonly HeldOutItem[], setSha256: string, cwd: string): Promise<NonNullable<ChecklistData['release']>> {
  const results = await evaluateItems(items, { cwd, signal: ctx.signal, envPass: ctx.config['env-pass'], baseEnv: ctx.env })
  const failures: NonNullable<ChecklistData['release']>['heldOutFailures'] = []
  let externalIndex = 0
  for (const result of results) {
    if (result.item.external) externalIndex++
    const finding = heldOutFinding(result, externalIndex)
    if (finding === null) continue
    ctx.report(finding)
    failures.push(
      result.item.external
        ? { id: `external#${externalIndex}`, title: '(external)', message: finding.message }
        : { id: result.item.id, title: result.item.title, message: finding.message },
    )
  }
  const passed = results.filter((r) => r.status === 'pass').length
  return { heldOut: { total: results.length, passed, failed: results.length - passed, setSha256 }, heldOutFailures: failures }
}

/**
 * The `checklist` gate: runs the visible items' `verify` (`bash -c`, each in its own process
 * group with its own timeout, token variables stripped) on the tree under test, and reports
 * `checklist-item-failed` at the item's severity. The checklist is the base commit's (a release's:
 * the tagged commit's). Skipped when there is none. Under `proofgate release` (ctx.release) it runs
 * the held-out items as well.
 */
export const checklistGate: Gate<'checklist', typeof OPTIONS> = {
  id: 'checklist',
  // Verify commands (e2e suites) would compete with the test suite and the proof commands for the CPU.
  dependsOn: ['tests', 'proof'],
  meta: {
    description: 'The visible items of .proofgate/checklist.yml (read from the base) must pass; held-out items run only under `proofgate release`',
    defaultMode: 'blocking',
    defaultTimeout: 3_600,
    timeoutDescription: 'Timeout in seconds for all checklist items together; each item also has its own',
    options: OPTIONS,
    executesRepositoryCode: true,
    diffFiltered: false,
    rules: CHECKLIST_RULES,
  },

  async run(ctx: GateContext): Promise<GateOutcome> {
    const release = ctx.release
    // A run judges a change by the base's checklist; a release judges the tagged commit by its own.
    const rev = release === undefined ? ctx.changes.base.sha : ctx.changes.head.sha
    const checklist = await loadChecklist(ctx.root, rev, {
      ...(release === undefined ? {} : { external: release.external, ...(release.externalFile === undefined ? {} : { externalFile: release.externalFile }) }),
    })
    if (checklist === null) return { status: 'skipped', reason: 'no .proofgate/checklist.yml', summary: 'no checklist' }
    const tree = await runTreeFor(ctx.changes, ctx.runId)
    if (tree.temporary) ctx.log(`checklist: running ${describeRunTree(ctx.changes, tree)}: ${tree.dir}`)
    const results = await evaluateItems(checklist.visible, { cwd: tree.dir, signal: ctx.signal, envPass: ctx.config['env-pass'], baseEnv: ctx.env })
    for (const result of results) {
      const finding = visibleFinding(result)
      if (finding !== null) ctx.report(finding)
    }
    const items = results.map((r) => ({ id: r.item.id, title: r.item.title, status: r.status }))
    await appendEvents(ctx.stateDir, [{ runId: ctx.runId, type: CHECKLIST_RESULT_EVENT, items: items.map(({ id, status }) => ({ id, status })) }])
    const show = ctx.config.gates.checklist['show-held-out-count']
    const data: ChecklistData = {
      source: checklist.source,
      items,
      ...(show ? { total: items.length + checklist.heldOut.length, heldOut: checklist.heldOut.length } : {}),
    }
    if (release !== undefined) data.release = await runHeldOut(ctx, checklist.heldOut, checklist.heldOutSha256, tree.dir)
    return { summary: summaryOf(results, show ? checklist.heldOut.length : null), data }
  },
}
