// The warm-up: starts the heavy module loads (TypeScript, the repository's ESLint) of the gates a
// change set needs as soon as its changed names are known, so they overlap git's patch.
import type { ChangeSet, ChangedFile } from '../changes/types.js'
import type { Config } from '../config/schema.js'
import type { GateId } from '../findings/types.js'
import type { Gate, Scope } from '../gates/types.js'
import { askAppliesTo } from './runner.js'

/**
 * The provisional change set handed to the warm-up while git still computes the patch: `files`
 * carry names and statuses only (binary false, no line ranges), the shas and hashes are empty.
 * Gates decide from the names alone (see Gate.warmUp).
 */
export function provisionalChanges(root: string, files: ChangedFile[], options: { includesWorkingTree: boolean; staged: boolean }): ChangeSet {
  return {
    root,
    base: { sha: '', source: 'explicit' },
    head: { sha: '' },
    treeHash: '',
    includesWorkingTree: options.includesWorkingTree,
    ...(options.staged ? { index: true } : {}),
    files,
    diffHash: '',
  }
}

/** What {@link createWarmer} returns: call it with each candidate change set; `warmed` lists the gates warmed so far. */
export interface Warmer {
  (candidate: ChangeSet): void
  readonly warmed: ReadonlySet<GateId>
}

/**
 * Warms each of `planned` at most once per run, when it applies to a candidate change set (under
 * `scope: 'all'` always), handing it `config` (the run's effective config). Never throws: a gate
 * whose `appliesTo` throws is not warmed, and the runner reports that throw as an errored gate.
 */
export function createWarmer(root: string, scope: Scope, planned: ReadonlyArray<{ gate: Gate }>, config?: Config): Warmer {
  const warmed = new Set<GateId>()
  const warm = (candidate: ChangeSet): void => {
    for (const { gate } of planned) {
      if (warmed.has(gate.id) || gate.warmUp === undefined) continue
      if (scope !== 'all' && askAppliesTo(gate, candidate) !== true) continue
      warmed.add(gate.id)
      try {
        gate.warmUp(root, candidate, config)
      } catch {
        // warmUp promises not to throw; if one does, run() meets the same cause and reports it.
      }
    }
  }
  return Object.assign(warm, { warmed })
}
