// Changesets (https://github.com/changesets/changesets) as declarations of a behaviour change:
// a `.changeset/*.md` added in the range names, in its front matter, the packages it releases
// and how (`"pkg": major`); the change to those packages' files is then declared.
import { posix } from 'node:path'
import { readBlobs } from './history.js'
import type { ChangeSet } from './types.js'

/** One changeset file added in the range. */
export interface Changeset {
  path: string
  /** Package names of its front matter, in order. */
  packages: string[]
  /** The first line of its summary (after the front matter), '' when none. */
  summary: string
}

const CHANGESET_FILE = /^\.changeset\/[^/]+\.md$/

/**
 * The package names and summary of a changeset's text: a `---` front matter whose lines are
 * `"name": bump` (quotes optional), then the summary. Null when the text has no front matter.
 */
export function parseChangeset(path: string, text: string): Changeset | null {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(text)
  if (match === null) return null
  const packages: string[] = []
  for (const line of match[1]!.split(/\r?\n/)) {
    const entry = /^\s*(["']?)(@?[^"':\s][^"':]*)\1\s*:\s*(major|minor|patch|none)\s*$/.exec(line)
    if (entry !== null) packages.push(entry[2]!.trim())
  }
  const summary =
    match[2]!
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  return { path, packages, summary }
}

/**
 * Declarations by changed file: each `.changeset/*.md` the change set adds declares a behaviour
 * change of every changed file whose package (the nearest package.json at or above it in the tree
 * under test, by its `name`) it lists. Reads the changesets and those package.json files in one
 * batch from `changes.treeHash`. Returns path → declarations (`changeset .changeset/x.md: <summary>`).
 * @throws Error when git fails.
 */
export async function changesetDeclarations(root: string, changes: ChangeSet): Promise<Map<string, string[]>> {
  const added = changes.files.filter((f) => (f.status === 'added' || f.status === 'copied') && CHANGESET_FILE.test(f.path) && f.path !== '.changeset/README.md')
  const out = new Map<string, string[]>()
  if (added.length === 0) return out
  const manifestsOf = (path: string): string[] => {
    const dirs: string[] = []
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      dirs.push(dir === '.' ? 'package.json' : `${dir}/package.json`)
      if (dir === '.' || dir === '/') break
    }
    return dirs
  }
  const manifests = [...new Set(changes.files.flatMap((f) => manifestsOf(f.path)))]
  const texts = await readBlobs(
    root,
    [...added.map((f) => f.path), ...manifests].map((path) => ({ rev: changes.treeHash, path })),
  )
  const changesets = added.flatMap((f, i) => {
    const text = texts[i]
    const parsed = typeof text === 'string' ? parseChangeset(f.path, text) : null
    return parsed === null || parsed.packages.length === 0 ? [] : [parsed]
  })
  if (changesets.length === 0) return out
  const names = new Map<string, string | undefined>()
  manifests.forEach((m, i) => {
    const text = texts[added.length + i]
    if (typeof text !== 'string') return
    try {
      const value = JSON.parse(text) as { name?: unknown }
      names.set(m, typeof value.name === 'string' ? value.name : undefined)
    } catch {
      names.set(m, undefined)
    }
  })
  for (const f of changes.files) {
    const manifest = manifestsOf(f.path).find((m) => names.has(m))
    const name = manifest === undefined ? undefined : names.get(manifest)
    if (name === undefined) continue
    for (const c of changesets) {
      if (!c.packages.includes(name)) continue
      const why = `changeset ${c.path} (${name})${c.summary === '' ? '' : `: ${c.summary}`}`
      for (const p of [f.path, f.oldPath]) if (p !== undefined) out.set(p, [...(out.get(p) ?? []), why])
    }
  }
  return out
}
