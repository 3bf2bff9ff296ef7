// Pairs test files with the implementation they exercise: every repository file a test reaches
// through its imports (transitively, through re-exports), plus the file its name points to
// (`x.test.ts` ↔ `x.ts`, `x/test.ts` ↔ `x/index.ts`).
import { testStem } from './rules.js'
import type { ImportClassifier } from './resolve.js'
import type { TypeScript } from './typescript.js'

/** A test file's versions whose imports count: the new one, and the old one for imports the change removed. */
export interface PairingRoot {
  path: string
  texts: string[]
}

/** What {@link pairChangedImplementation} walks: the test roots, the changed implementation to look for, and how to read and resolve the files in between. */
export interface PairingInput {
  ts: TypeScript
  classifier: ImportClassifier
  /** Implementation files changed in the range (repository-relative), with their status. */
  changed: ReadonlyMap<string, 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed'>
  roots: readonly PairingRoot[]
  /** Reads repository files in the version under test; null when absent or binary. */
  read(paths: readonly string[]): Promise<ReadonlyArray<string | null>>
  /** Stops after this many files were read (a guard for huge monorepos); default 20,000. */
  maxFiles?: number
}

/** The name a module answers to: its base name without extension, or its directory for an index file. */
function moduleStem(path: string): string {
  const parts = path.split('/')
  const base = parts[parts.length - 1]!.replace(/\.[^.]*$/, '').replace(/\.d$/, '')
  return (base === 'index' || base === 'mod' || base === 'main' ? (parts[parts.length - 2] ?? base) : base).toLowerCase()
}

/**
 * For each root, the changed implementation files it reaches (sorted). Imports are read with
 * TypeScript's `preProcessFile` (imports, re-exports, require, dynamic import; nothing parsed
 * beyond them) and resolved by the repository's import classifier.
 */
export async function pairChangedImplementation(input: PairingInput): Promise<Map<string, string[]>> {
  const { ts, classifier, changed } = input
  const maxFiles = input.maxFiles ?? 20_000
  const importsOf = new Map<string, string[]>()
  const resolveAll = (from: string, text: string): string[] => {
    const out = new Set<string>()
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      const classified = classifier.classify(from, ref.fileName)
      if (classified.kind === 'source' && classified.resolved !== undefined) out.add(classified.resolved)
    }
    return [...out]
  }
  // Breadth-first over the union of the roots' reach: each file is read and scanned once.
  let frontier: string[] = []
  for (const root of input.roots) {
    const all = new Set<string>()
    for (const text of root.texts) for (const p of resolveAll(root.path, text)) all.add(p)
    importsOf.set(`root:${root.path}`, [...all])
    frontier.push(...all)
  }
  let read = 0
  while (frontier.length > 0 && read < maxFiles) {
    const batch = [...new Set(frontier.filter((p) => !importsOf.has(p)))].slice(0, maxFiles - read)
    frontier = []
    if (batch.length === 0) break
    const texts = await input.read(batch)
    read += batch.length
    batch.forEach((path, i) => {
      const text = texts[i]
      const imports = text === null || text === undefined ? [] : resolveAll(path, text)
      importsOf.set(path, imports)
      frontier.push(...imports)
    })
  }
  const stems = new Map<string, string[]>()
  for (const path of changed.keys()) stems.set(moduleStem(path), [...(stems.get(moduleStem(path)) ?? []), path])
  const result = new Map<string, string[]>()
  for (const root of input.roots) {
    const seen = new Set<string>()
    const stack = [...(importsOf.get(`root:${root.path}`) ?? [])]
    while (stack.length > 0) {
      const path = stack.pop()!
      if (seen.has(path)) continue
      seen.add(path)
      stack.push(...(importsOf.get(path) ?? []))
    }
    const hits = new Set([...seen].filter((p) => changed.has(p)))
    for (const p of stems.get(testStem(root.path)) ?? []) hits.add(p)
    result.set(root.path, [...hits].sort())
  }
  return result
}
