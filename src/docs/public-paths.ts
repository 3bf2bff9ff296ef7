// Which declarations a package's entry points expose, symbol by symbol, and by which path: the
// entry, the name importers use there, and the files the re-exports pass through to the declaration.
import { findOrigin, starNames, type LocalExport, type ModuleExports } from './exports.js'
import type { PublicApi } from './entry-points.js'

/** How an entry point exposes one declaration. */
export interface Exposure {
  /** The entry (`.`, `./mini`, `main`, `bin`), as {@link PublicApi.named} gives it. */
  entry: string
  /** The name importers use at that entry (`default` for a default export). */
  name: string
  /** Repository paths from the entry's source file to the declaring file, both included. */
  chain: string[]
}

/** The key that names one declaration across modules: its file, 1-based line and local name. */
export function declarationKey(path: string, declaration: Pick<LocalExport, 'line' | 'local'>): string {
  return `${path}\0${declaration.line}\0${declaration.local}`
}

/**
 * Every declaration the entries of `api` expose, keyed by {@link declarationKey}, each with the
 * first path found: entries in the manifest's order, names in each entry's own order (locals,
 * named re-exports, then `export *`). Names that cannot be followed (a package specifier, a
 * namespace, a file not loaded) are left out. `modules` must already hold the files the entries
 * reach (the caller loaded them for {@link PublicApi.reachable}).
 */
export function exposedDeclarations(
  api: PublicApi,
  modules: (path: string) => ModuleExports | undefined,
  resolve: (from: string, specifier: string) => string | undefined,
): Map<string, Exposure> {
  const out = new Map<string, Exposure>()
  for (const { entry, source } of api.named) {
    const module = modules(source)
    if (module === undefined || !module.parsed) continue
    const names = new Set([...module.locals.map((l) => l.exported), ...module.reExports.map((r) => r.exported), ...starNames(source, modules, resolve).keys()])
    for (const name of names) {
      const origin = findOrigin(source, name, modules, resolve)
      if (origin.kind !== 'declaration') continue
      const key = declarationKey(origin.path, origin.declaration)
      const known = out.get(key)
      // A shorter path reads better (`.` exposing a file directly beats a deep barrel chain).
      if (known === undefined || (known.entry === entry && origin.chain.length < known.chain.length)) out.set(key, { entry, name, chain: origin.chain })
    }
  }
  return out
}

/** `exported from the package entry `.` (src/index.ts → src/defu.ts)`, with ` as `name`` when importers use another name. */
export function describeExposure(exposure: Exposure, declaration: Pick<LocalExport, 'exported' | 'local'>): string {
  const as = exposure.name === declaration.exported || exposure.name === declaration.local ? '' : ` as \`${exposure.name}\``
  return `exported from the package entry \`${exposure.entry}\`${as} (${exposure.chain.join(' → ')})`
}
