// Whole projects a change deletes: a directory whose package.json was deleted (or renamed out of it)
// and that holds no file in the tree under test. Removing such a project (an example, a retired package) takes its
// tests and their settings away with the code they tested, so it is not a loosening of the checks.
import { posix } from 'node:path'
import type { ChangedFile } from '../changes/types.js'

/**
 * The directories (never the root) whose `package.json` the change deleted or renamed into another
 * directory (git pairs a deleted example's package.json with a new one elsewhere) and under which
 * `headPaths` (every file of the tree under test) has nothing left, sorted; an ancestor and its
 * nested project both appear. Files renamed out of the directory count as gone. `headPaths` is only needed when some package.json was deleted:
 * pass a function so the tree is listed only then.
 */
export async function deletedProjects(files: readonly ChangedFile[], headPaths: () => Promise<readonly string[]>): Promise<string[]> {
  const candidates = files
    .flatMap((f) => {
      if (f.status === 'deleted') return [f.path]
      // A package.json that moved away leaves its directory without one, as a deletion does.
      return f.status === 'renamed' && f.oldPath !== undefined && posix.dirname(f.oldPath) !== posix.dirname(f.path) ? [f.oldPath] : []
    })
    .filter((path) => posix.basename(path) === 'package.json' && path.includes('/'))
    .map((path) => posix.dirname(path))
  if (candidates.length === 0) return []
  const remaining = await headPaths()
  return candidates.filter((dir) => !remaining.some((p) => p.startsWith(`${dir}/`))).sort()
}

/** True when `path` is inside one of `projects` (directories from {@link deletedProjects}). */
export function inDeletedProject(path: string, projects: readonly string[]): boolean {
  return projects.some((dir) => path.startsWith(`${dir}/`))
}
