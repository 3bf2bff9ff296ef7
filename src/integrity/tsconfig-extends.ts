// The compiler options a tsconfig inherits through `extends`, read from one git tree: the base tree
// for the old version, the tree under test for the new one, so a flag moved to a parent is not lost.
import { posix } from 'node:path'
import { isDict, parseJsonc } from '../testing/discover.js'
import type { TypeScript } from '../testing/typescript.js'

/** What a tsconfig's `extends` chain gives it, before its own `compilerOptions` apply. */
export interface InheritedOptions {
  /** The merged `compilerOptions` of every config it extends (later entries of an array win). */
  options: Record<string, unknown>
  /** The file each option in `options` comes from (repository-relative). */
  from: Record<string, string>
  /** `extends` entries that could not be read from the tree (a package such as `@tsconfig/strictest`, a missing file), in order. */
  unread: string[]
}

/** How many configs deep a chain is followed; TypeScript itself refuses a cycle, this stops one. */
const MAX_DEPTH = 10

/** The entries of a tsconfig's `extends`, a string or (TS 5) an array of strings. */
function extendsOf(config: Record<string, unknown>): string[] {
  const value = config.extends
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/**
 * The path an `extends` entry names relative to the tsconfig at `from`, with TypeScript's `.json`
 * added when the name has none; undefined for a package name or an absolute path (not in the tree).
 */
function candidates(from: string, entry: string): string[] {
  if (!entry.startsWith('./') && !entry.startsWith('../') && entry !== '.' && entry !== '..') return []
  const path = posix.normalize(posix.join(posix.dirname(from), entry))
  if (path.startsWith('../')) return []
  return path.endsWith('.json') ? [path] : [path, `${path}.json`]
}

/**
 * Resolves the `extends` chain of the tsconfig at `path` whose text is `text`: relative entries
 * (strings or arrays, nested configs' own `extends` too) are read with `read` from the same tree;
 * package names, absolute paths, files that are absent or do not parse, and chains deeper than
 * 10 or cyclic are listed in `unread`. Never throws for bad input; `read` errors propagate.
 * @param read reads a repository-relative path from the tree, null when absent
 */
export async function inheritedCompilerOptions(
  ts: TypeScript,
  path: string,
  text: string,
  read: (path: string) => Promise<string | null>,
): Promise<InheritedOptions> {
  const config = parseJsonc(ts, 'tsconfig.json', text)
  const out: InheritedOptions = { options: {}, from: {}, unread: [] }
  if (!isDict(config)) return out
  await inherit(ts, path, config, read, [path], out)
  return out
}

async function inherit(
  ts: TypeScript,
  path: string,
  config: Record<string, unknown>,
  read: (path: string) => Promise<string | null>,
  chain: readonly string[],
  out: InheritedOptions,
): Promise<void> {
  for (const entry of extendsOf(config)) {
    let parent: { path: string; config: Record<string, unknown> } | undefined
    for (const candidate of candidates(path, entry)) {
      if (chain.includes(candidate) || chain.length > MAX_DEPTH) break
      const body = await read(candidate)
      if (body === null) continue
      const value = parseJsonc(ts, 'tsconfig.json', body)
      if (isDict(value)) parent = { path: candidate, config: value }
      break
    }
    if (parent === undefined) {
      out.unread.push(entry)
      continue
    }
    // The parent's own chain first, then its options: what a later entry or the parent sets wins.
    await inherit(ts, parent.path, parent.config, read, [...chain, parent.path], out)
    const options = parent.config.compilerOptions
    if (!isDict(options)) continue
    for (const [key, value] of Object.entries(options)) {
      out.options[key] = value
      out.from[key] = parent.path
    }
  }
}
