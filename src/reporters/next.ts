// The next-iteration reporter: after a run of the change set, replaces `.proofgate/next.json` and
// `.proofgate/next.md` (temp file + rename, never through a symlink) with what the next attempt must fix.
import { join } from 'node:path'
import { readChangedFile } from '../changes/git.js'
import type { ChangeSet } from '../changes/types.js'
import type { ReportedFinding } from '../findings/types.js'
import { buildNext, NEXT_JSON_FILE, NEXT_MD_FILE, parsePreviousNext, renderNextMarkdown } from '../loop/next.js'
import type { Reporter } from '../runner/types.js'
import { readRealFile } from '../util/real-file.js'
import { stateDir, writeStateJson, writeStateText } from '../util/state.js'

/** Longest source line kept, in characters. */
const SOURCE_MAX = 200

/**
 * Writes next.json and next.md when a `proofgate run` or hook run ends; a `scan --all` writes
 * nothing (it is not an attempt at a change). The previous next.json is read first (never through
 * a link) to mark findings new. A failure to write only warns, like every reporter's.
 */
export function nextReporter(): Reporter {
  let changes: ChangeSet | undefined
  return {
    name: 'next',
    onRunStart: (plan) => {
      changes = plan.changes
    },
    onRunEnd: async (result) => {
      if (result.scope !== 'changes') return
      const dir = stateDir(result.root)
      const previousFile = await readRealFile(result.root, join(dir, NEXT_JSON_FILE))
      const previous = parsePreviousNext(previousFile.kind === 'file' ? previousFile.text : null)
      const files = new Map<string, string[] | null>()
      for (const f of result.findings) {
        if (f.path === undefined || f.startLine === undefined || files.has(f.path) || changes === undefined) continue
        const text = await readChangedFile(changes, f.path).catch(() => null)
        files.set(f.path, text === null ? null : text.split('\n'))
      }
      const sourceLine = (f: ReportedFinding): string | null => {
        const line = f.path === undefined || f.startLine === undefined ? undefined : files.get(f.path)?.[f.startLine - 1]
        return line === undefined ? null : line.trim().slice(0, SOURCE_MAX)
      }
      const next = buildNext(result, previous, sourceLine)
      await writeStateJson(join(dir, NEXT_JSON_FILE), next)
      await writeStateText(join(dir, NEXT_MD_FILE), renderNextMarkdown(next))
    },
  }
}
