// `proofgate release`: one run of every gate over the release range, with the checklist's held-out
// items evaluated too; the CLI's `release` command and the Action's release mode both call it.
import { join, resolve } from 'node:path'
import { openRepository } from '../changes/git.js'
import { resolveReleaseRange } from '../changes/release.js'
import { CHECKLIST_FILE_VARIABLE, readExternalChecklist, type ChecklistItem } from '../checklist/load.js'
import { setSha256 } from '../checklist/reserve.js'
import type { ChecklistData } from '../gates/checklist.js'
import { appendEvents } from '../journal/journal.js'
import { toJsonReport } from '../reporters/json.js'
import { stateDir, writeStateJson } from '../util/state.js'
import { runProofgate, type Settings } from './run.js'
import type { GateId } from '../findings/types.js'
import type { GateResult, ReleaseInfo, Reporter, RunPlan, RunResult } from './types.js'

export { CHECKLIST_FILE_VARIABLE }

/** The release report, repository-relative: the JSON report (schemaVersion 1) plus `release`. */
export const RELEASE_REPORT_FILE = '.proofgate/release-report.json'
/** The journal event a release records: verdict, counts and the held-out set's hash, never an id. */
export const HELDOUT_EVAL_EVENT = 'heldout-eval'

/** What a release takes: a run's settings (base and head are the release range's) plus the tag and an external checklist. */
export interface ReleaseSettings extends Omit<Settings, 'base' | 'head' | 'baseSource' | 'staged' | 'indexFile' | 'release' | 'scope'> {
  /** The tag to release (must exist locally); absent: HEAD. */
  tag?: string
  /** An external checklist (a file a CI job wrote from a secret): every item held out, nothing of it written to the repository. */
  checklistFile?: string
}

/** A release's result: the run's, with `release` always set. */
export type ReleaseResult = RunResult & { release: ReleaseInfo }

/**
 * The reporters without `onRunEnd`, which runRelease calls itself once the release block is known;
 * the other hooks are called on the reporter itself (a class instance keeps its `this`).
 */
function deferRunEnd(reporters: readonly Reporter[]): Reporter[] {
  return reporters.map((r) => ({
    name: r.name,
    ...(r.onRunStart === undefined ? {} : { onRunStart: (plan: RunPlan) => r.onRunStart!(plan) }),
    ...(r.onGateStart === undefined ? {} : { onGateStart: (id: GateId) => r.onGateStart!(id) }),
    ...(r.onGateEnd === undefined ? {} : { onGateEnd: (result: GateResult) => r.onGateEnd!(result) }),
    ...(r.onGateProgress === undefined ? {} : { onGateProgress: (id: GateId, text: string) => r.onGateProgress!(id, text) }),
  }))
}

/** The release block from the checklist gate's data (empty counts when the gate was skipped, off or errored). */
export function releaseInfo(result: RunResult, range: Awaited<ReturnType<typeof resolveReleaseRange>>): ReleaseInfo {
  const data = result.gates.find((g) => g.id === 'checklist')?.data as ChecklistData | undefined
  return {
    tag: range.tag,
    base: range.base,
    visible: data?.items ?? [],
    heldOut: data?.release?.heldOut ?? { total: 0, passed: 0, failed: 0, setSha256: setSha256([]) },
    heldOutFailures: data?.release?.heldOutFailures ?? [],
  }
}

/**
 * Runs a release: resolves the range (src/changes/release.ts), reads the external checklist
 * (`checklistFile`, else `PROOFGATE_CHECKLIST_FILE` in `settings.env`), runs every gate with the
 * checklist's held-out items, records a `heldout-eval` journal event, writes
 * `.proofgate/release-report.json` and only then calls the reporters' `onRunEnd` with the result
 * carrying `release`. Does not write next.json/next.md (pass no next reporter).
 * @throws ProofgateError as runProofgate; PG_HEAD_NOT_FOUND for an unknown tag; PG_CHECKLIST_INVALID
 *   (exit 78) for an unreadable or invalid external checklist.
 */
export async function runRelease(settings: ReleaseSettings): Promise<ReleaseResult> {
  const repo = settings.repository ?? (await openRepository(settings.cwd))
  const range = await resolveReleaseRange(repo.root, settings.tag)
  const file = settings.checklistFile ?? nonEmpty(settings.env[CHECKLIST_FILE_VARIABLE])
  const external: ChecklistItem[] = file === undefined ? [] : await readExternalChecklist(resolve(settings.cwd, file))
  const { tag: _tag, checklistFile: _file, ...run } = settings
  void _tag
  void _file
  const result = await runProofgate({
    ...run,
    repository: repo,
    base: range.base.sha,
    head: range.head,
    baseSource: 'explicit',
    // The header reads `base <sha> (explicit v1.1.0) → head <sha> (v1.2.0)`: the refs, not bare SHAs.
    labels: {
      base: range.base.source === 'previous-tag' && range.base.tag !== undefined ? range.base.tag : 'the root commit',
      ...(range.tag === null ? {} : { head: range.tag }),
    },
    reporters: deferRunEnd(settings.reporters),
    release: { external, ...(file === undefined ? {} : { externalFile: file }) },
    notes: [
      ...(settings.notes ?? []),
      `release ${range.tag ?? `of HEAD (${range.head.slice(0, 12)})`}: base ${range.base.source === 'previous-tag' ? `the previous release tag ${range.base.tag}` : 'the root commit'} (${range.base.sha.slice(0, 12)})`,
    ],
  })
  const release = releaseInfo(result, range)
  const checklist = result.gates.find((g) => g.id === 'checklist')
  // A release that evaluated no held-out item says why, so a pass is never read as "all held-out items passed".
  const unevaluated =
    checklist === undefined
      ? 'the checklist gate is off for this release: no checklist item, held out or visible, was evaluated'
      : checklist.status === 'skipped' || checklist.status === 'errored'
        ? `the checklist gate ${checklist.status === 'skipped' ? 'was skipped' : 'errored'}${checklist.reason === undefined ? '' : ` (${checklist.reason})`}: no held-out item was evaluated`
        : null
  const { total, passed, failed } = release.heldOut
  const counted = total === 0 ? null : `held-out checklist items: ${total} evaluated, ${passed} passed, ${failed} failed`
  const notes = [...result.notes, ...[counted, unevaluated].filter((n): n is string => n !== null)]
  const final: ReleaseResult = { ...result, release, notes }
  await appendEvents(stateDir(result.root), [
    {
      runId: result.runId,
      type: HELDOUT_EVAL_EVENT,
      verdict: result.verdict,
      passed: release.heldOut.passed,
      failed: release.heldOut.failed,
      heldOutSha256: release.heldOut.setSha256,
    },
  ])
  await writeStateJson(join(stateDir(result.root), 'release-report.json'), toJsonReport(final))
  for (const reporter of settings.reporters) {
    try {
      await reporter.onRunEnd?.(final)
    } catch (error) {
      settings.warn(`reporter ${reporter.name} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return final
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
