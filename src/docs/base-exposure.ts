// The base's re-export graph, read from the git objects of the base commit: what a module
// already exposed before the change, so a re-export the base had is not called newly exposed.
import { readBlobs } from '../changes/history.js'
import type { TypeScript } from '../testing/typescript.js'
import { analyseExports, findOrigin, reExportTargets, resolveModule, type ModuleExports } from './exports.js'
import { listTree } from './git.js'

/** A question: did module `path` (a base path) expose `name`? */
export interface BaseQuery {
  path: string
  name: string
}

/** What a base module exposed under a name: the declaring file and the declaration's local name. */
export interface BaseOrigin {
  path: string
  local: string
}

/**
 * For each query, the declaration module `path` of commit `base` exposed under `name` (followed
 * through its relative re-exports, as at the version under test), or undefined when the base had
 * no such module or name or it cannot be followed. Reads the base's tree listing and, level by
 * level, the blobs the re-exports lead to (one `git cat-file --batch` per level).
 * @throws Error when git fails (an unknown base).
 */
export async function exposedAtBase(
  root: string,
  base: string,
  ts: TypeScript,
  queries: readonly BaseQuery[],
  signal?: AbortSignal,
): Promise<Array<BaseOrigin | undefined>> {
  if (queries.length === 0) return []
  const files = new Set(await listTree(root, base, signal))
  const modules = new Map<string, ModuleExports | undefined>()
  const resolve = (from: string, specifier: string): string | undefined => resolveModule(from, specifier, files)
  let frontier = [...new Set(queries.map((q) => q.path))].filter((p) => files.has(p))
  while (frontier.length > 0) {
    signal?.throwIfAborted()
    const texts = await readBlobs(
      root,
      frontier.map((path) => ({ rev: base, path })),
    )
    const next = new Set<string>()
    frontier.forEach((path, i) => {
      const text = texts[i]
      const module = typeof text === 'string' ? analyseExports(ts, path, text) : undefined
      modules.set(path, module)
      if (module !== undefined) for (const target of reExportTargets(path, module, resolve)) if (!modules.has(target)) next.add(target)
    })
    frontier = [...next]
  }
  return queries.map((q) => {
    const origin = findOrigin(q.path, q.name, (p) => modules.get(p), resolve)
    return origin.kind === 'declaration' ? { path: origin.path, local: origin.declaration.local } : undefined
  })
}
