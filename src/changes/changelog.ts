// A changelog entry as a declaration of a behaviour change: a project that keeps a hand-written
// changelog (express's History.md, a keep-a-changelog CHANGELOG.md) says what changed in the
// same commit as the change, so an entry the range adds declares the change of the files that
// changelog covers, as a `.changeset/*.md` does for changesets (changesets.ts).
import { posix } from 'node:path'
import { readBlobs } from './history.js'
import type { ChangeSet } from './types.js'

/**
 * File names of a hand-written changelog, any case: CHANGELOG, CHANGES, HISTORY, NEWS or
 * RELEASES (RELEASE-NOTES, RELEASE_NOTES), with `.md`, `.markdown`, `.txt`, `.rst` or no
 * extension. The names of keep-a-changelog (https://keepachangelog.com) and of the npm projects
 * measured (express's History.md).
 */
export const CHANGELOG_NAME = /^(change[-_]?log|changes|history|news|releases|release[-_]notes)(\.(md|markdown|txt|rst))?$/i

/** One changelog the range added lines to, with the files it covers. */
export interface ChangelogEntry {
  /** Repository-relative path of the changelog. */
  path: string
  /** The first added line that says something, trimmed to 120 characters. */
  summary: string
}

/** Whether an added changelog line says something: not blank, not a heading, rule, version or date line alone. */
export function isEntryLine(line: string): boolean {
  const text = line.trim()
  if (text === '') return false
  if (/^#{1,6}(\s|$)/.test(text)) return false // `## [1.2.0] - 2026-01-01`
  if (/^[=\-*_~]{3,}$/.test(text)) return false // a setext underline or a rule
  // `4.19.2 / 2024-03-25`, `v5.0.0`, `[Unreleased]`, `2026-01-01`: a version or date heading alone.
  if (/^\[?v?\d+(\.\d+)*[^\s]*\]?(\s*[/(-]\s*[\d-]+\)?)?$/i.test(text)) return false
  if (/^\[?unreleased\]?(\s*[/(-].*)?$/i.test(text)) return false
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  return true
}

/**
 * Declarations by changed file: each changelog (CHANGELOG_NAME) to which the change set adds an
 * entry line (isEntryLine) declares a behaviour change of every changed file in its directory and
 * below: a root changelog covers the repository, `packages/a/CHANGELOG.md` covers `packages/a/`.
 * Reads the changelogs in one batch from `changes.treeHash`. Returns path → declarations
 * (`changelog History.md: <first entry line>`) and the changelogs that declared something.
 * @throws Error when git fails.
 */
export async function changelogDeclarations(root: string, changes: ChangeSet): Promise<{ declared: Map<string, string[]>; changelogs: ChangelogEntry[] }> {
  const candidates = changes.files.filter((f) => f.status !== 'deleted' && !f.binary && f.addedLines.length > 0 && CHANGELOG_NAME.test(posix.basename(f.path)))
  const declared = new Map<string, string[]>()
  if (candidates.length === 0) return { declared, changelogs: [] }
  const texts = await readBlobs(
    root,
    candidates.map((f) => ({ rev: changes.treeHash, path: f.path })),
  )
  const changelogs: ChangelogEntry[] = []
  candidates.forEach((f, i) => {
    const text = texts[i]
    if (typeof text !== 'string') return
    const all = text.split(/\r?\n/)
    const added = f.addedLines.flatMap((r) => all.slice(r.start - 1, r.end))
    const first = added.find(isEntryLine)
    if (first === undefined) return
    const summary = first.trim().replace(/^[-*+]\s+/, '')
    changelogs.push({ path: f.path, summary: summary.length > 120 ? `${summary.slice(0, 119)}…` : summary })
  })
  for (const c of changelogs) {
    const dir = posix.dirname(c.path)
    const why = `changelog ${c.path}: ${c.summary}`
    for (const f of changes.files) {
      for (const p of [f.path, f.oldPath]) {
        if (p === undefined || p === c.path) continue
        if (dir === '.' || p.startsWith(`${dir}/`)) declared.set(p, [...(declared.get(p) ?? []), why])
      }
    }
  }
  return { declared, changelogs }
}
