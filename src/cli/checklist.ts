// The CLI's `checklist` command (the visible items and their last status, from the journal) and
// the list it prints; held-out items appear only as a count, and only when the config says so.
import { openRepository } from '../changes/git.js'
import { loadChecklist } from '../checklist/load.js'
import type { ItemStatus } from '../checklist/evaluate.js'
import { loadConfig } from '../config/load.js'
import { CHECKLIST_RESULT_EVENT } from '../gates/checklist.js'
import { ProofgateError } from '../errors.js'
import { forEachEvent, journalPath } from '../journal/journal.js'
import { readRealFile } from '../util/real-file.js'
import { stateDir } from '../util/state.js'

/** What `proofgate checklist --format json` prints. */
export interface ChecklistListing {
  /** `<sha12>:.proofgate/checklist.yml`, or null when HEAD has no checklist. */
  source: string | null
  items: Array<{ id: string; title: string; severity: string; status: ItemStatus | null; lastRunId: string | null; lastAt: string | null }>
  /** Only with `gates.checklist.show-held-out-count: true`. */
  total?: number
  heldOut?: number
}

type LastStatus = { status: ItemStatus; runId: string; ts: string }

/**
 * The last status of each item id over the `checklist-result` events of the journal, read in one
 * pass without following a link (as `history` reads it); a missing journal has none.
 * @throws ProofgateError PG_STATE_UNSAFE / PG_STATE_CORRUPT as `proofgate history`.
 */
async function lastStatuses(root: string): Promise<{ last: Map<string, LastStatus>; warnings: string[] }> {
  const last = new Map<string, LastStatus>()
  const read = await readRealFile(root, journalPath(stateDir(root)))
  if (read.kind === 'missing') return { last, warnings: [] }
  if (read.kind !== 'file') {
    const what = read.kind === 'symlink' ? 'a symbolic link' : read.kind === 'not-a-file' ? 'not a regular file' : `unreadable (${read.reason})`
    throw new ProofgateError(read.kind === 'unreadable' ? 'PG_STATE_CORRUPT' : 'PG_STATE_UNSAFE', `The journal .proofgate/journal/events.jsonl is ${what}.`, {
      hint: 'delete .proofgate/journal/ (rm -r .proofgate/journal); the next run starts a new journal',
    })
  }
  const warnings = forEachEvent(read.text, 'events.jsonl', (event) => {
    if (event.type !== CHECKLIST_RESULT_EVENT || !Array.isArray(event['items'])) return
    for (const item of event['items'] as Array<{ id?: unknown; status?: unknown }>) {
      if (typeof item.id === 'string' && (item.status === 'pass' || item.status === 'fail' || item.status === 'errored')) {
        last.set(item.id, { status: item.status, runId: event.runId, ts: event.ts })
      }
    }
  })
  return { last, warnings }
}

/**
 * The visible items of HEAD's committed checklist with their last recorded status.
 * @throws ProofgateError PG_CHECKLIST_INVALID (exit 78) for an invalid checklist; PG_NOT_A_GIT_REPO, PG_NO_COMMITS.
 */
export async function listChecklist(
  cwd: string,
  options: { env: NodeJS.ProcessEnv; configFile?: string },
): Promise<{ listing: ChecklistListing; warnings: string[] }> {
  const repo = await openRepository(cwd)
  const head = await repo.resolveCommit('HEAD')
  const checklist = head === null ? null : await loadChecklist(repo.root, head)
  if (checklist === null) return { listing: { source: null, items: [] }, warnings: [] }
  const config = (await loadConfig(repo.root, { ...(options.configFile === undefined ? {} : { file: options.configFile }), env: options.env })).config
  const { last, warnings } = await lastStatuses(repo.root)
  const show = config.gates.checklist['show-held-out-count']
  return {
    listing: {
      source: checklist.source,
      items: checklist.visible.map((i) => {
        const seen = last.get(i.id)
        return { id: i.id, title: i.title, severity: i.severity, status: seen?.status ?? null, lastRunId: seen?.runId ?? null, lastAt: seen?.ts ?? null }
      }),
      ...(show ? { total: checklist.visible.length + checklist.heldOut.length, heldOut: checklist.heldOut.length } : {}),
    },
    warnings,
  }
}

/** The terminal rendering: one line per visible item, `status  id  title`. */
export function renderChecklist(listing: ChecklistListing): string {
  if (listing.source === null) return 'proofgate checklist: no .proofgate/checklist.yml at HEAD (see docs/checklist.md)\n'
  const count = listing.total === undefined ? `${listing.items.length} items` : `${listing.total} items (${listing.heldOut ?? 0} held out)`
  const width = Math.max(2, ...listing.items.map((i) => i.id.length))
  const lines = listing.items.map((i) => `  ${(i.status ?? 'not run').padEnd(8)} ${i.id.padEnd(width)}  ${i.title}`)
  return [`proofgate checklist: ${count} (${listing.source})`, ...lines, ''].join('\n')
}
