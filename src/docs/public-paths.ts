// Which declarations a package's entry points expose, symbol by symbol, and by which path: the
// entry, the name importers use there, and the files the re-exports pass through to the declaration.
import type { LocalExport, ModuleExports } from './exports.js'
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

/** Where each name a module exports is declared, and through which files. */
type ExportTable = Map<string, { path: string; declaration: LocalExport; chain: string[] }>

/**
 * Every declaration the entries of `api` expose, keyed by {@link declarationKey}, each with the
 * first path found: entries in the manifest's order, names in each entry's own order (locals,
 * named re-exports, then `export *`). Names that cannot be followed (a package specifier, a
 * namespace, a file not loaded) are left out. `modules` must already hold the files the entries
 * reach (the caller loaded them for {@link PublicApi.reachable}). Each module's table is built
 * once (memoised), so a barrel of hundreds of `export *` costs one pass, not one per name.
 */
export function exposedDeclarations(
  api: PublicApi,
  modules: (path: string) => ModuleExports | undefined,
  resolve: (from: string, specifier: string) => string | undefined,
): Map<string, Exposure> {
  const tables = new Map<string, ExportTable>()
  const building = new Set<string>()
  const tableOf = (path: string): ExportTable => {
    const known = tables.get(path)
    if (known !== undefined) return known
    const table: ExportTable = new Map()
    const module = modules(path)
    // A cycle: the module being built exposes nothing more through itself.
    if (building.has(path) || module === undefined || !module.parsed) return table
    building.add(path)
    for (const local of module.locals) if (!table.has(local.exported)) table.set(local.exported, { path, declaration: local, chain: [path] })
    const explicit = new Set([...module.locals.map((l) => l.exported), ...module.reExports.map((r) => r.exported), ...module.namespaces.map((n) => n.exported)])
    for (const re of module.reExports) {
      const target = resolve(path, re.specifier)
      const found = target === undefined ? undefined : tableOf(target).get(re.imported)
      if (found !== undefined && !table.has(re.exported)) table.set(re.exported, { ...found, chain: [path, ...found.chain] })
    }
    // A namespace's members are exposed as `ns.name` (its `default` too: `ns.default`).
    for (const ns of module.namespaces) {
      const target = resolve(path, ns.specifier)
      if (target === undefined) continue
      for (const [name, found] of tableOf(target))
        if (!table.has(`${ns.exported}.${name}`)) table.set(`${ns.exported}.${name}`, { ...found, chain: [path, ...found.chain] })
    }
    // `export *` never passes `default` on, and an explicit export of the same name shadows it
    // (a namespace member `ns.name` is shadowed with its namespace `ns`).
    for (const star of module.stars) {
      const target = resolve(path, star.specifier)
      if (target === undefined) continue
      for (const [name, found] of tableOf(target)) {
        const root = name.split('.')[0]!
        if (name !== 'default' && !explicit.has(root) && !table.has(name)) table.set(name, { ...found, chain: [path, ...found.chain] })
      }
    }
    building.delete(path)
    tables.set(path, table)
    return table
  }
  const out = new Map<string, Exposure>()
  for (const { entry, source } of api.named) {
    for (const [name, origin] of tableOf(source)) {
      const key = declarationKey(origin.path, origin.declaration)
      const known = out.get(key)
      // A shorter path reads better (`.` exposing a file directly beats a deep barrel chain).
      if (known === undefined || (known.entry === entry && origin.chain.length < known.chain.length)) out.set(key, { entry, name, chain: origin.chain })
    }
  }
  return out
}

/** `exported from the package entry `.` (src/index.ts → src/defu.ts)`, with ` as `name`` when importers use another name (`ns.name` through a namespace). */
export function describeExposure(exposure: Exposure, declaration: Pick<LocalExport, 'exported' | 'local'>): string {
  const as = exposure.name === declaration.exported || exposure.name === declaration.local ? '' : ` as \`${exposure.name}\``
  return `exported from the package entry \`${exposure.entry}\`${as} (${exposure.chain.join(' → ')})`
}
