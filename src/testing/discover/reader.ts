// Reads every runner config of a file list into RunnerConfigFacts: which configs exist in which
// directory, which one of several wins, then each runner's reader.
import { baseName, compare, dirOf, mayHoldConfig } from './paths.js'
import { byExtension, configObject, loadConfig, parsePackage, type Context, type LoadedConfig, type ReadState } from './load.js'
import { readVitestConfig, readVitestWorkspace, VITE_CONFIG, VITEST_ALTERNATE, VITEST_CONFIG, VITEST_WORKSPACE } from './vitest.js'
import { isDict, type Dict } from './static.js'
import { JEST_ALTERNATE, JEST_CONFIG, JEST_KEYS, readJestConfig } from './jest.js'
import { MOCHA_KEYS, MOCHARC, MOCHARC_ORDER, readMochaConfig } from './mocha.js'
import type { RunnerConfigFacts } from './types.js'

/** The config files {@link ConfigReader} reads, by runner, and the package.json keys standing in for one. */
interface LocatedConfigs {
  /** package.json reads still pending; they fill jestPackages and mochaPackages. */
  loads: Array<Promise<void>>
  jestPackages: Map<string, Dict>
  mochaPackages: Map<string, Dict>
  vitestFiles: string[]
  viteFiles: string[]
  workspaceFiles: string[]
  jestFiles: string[]
  mochaFiles: string[]
  alternates: string[]
}

/** Reads the runner configs of a file list into facts; the per-runner readers report through it (ReadState). */
export class ConfigReader implements ReadState {
  readonly facts: RunnerConfigFacts[] = []
  /** Facts of alternate configs: they add tests but leave their directory to the conventions. */
  readonly nonClaiming = new Set<RunnerConfigFacts>()
  private claiming = true
  private readonly seen = new Set<string>()
  /** Directories whose own vitest / jest config is read anyway (a project entry naming them adds nothing). */
  readonly vitestDirs = new Set<string>()
  readonly jestDirs = new Set<string>()

  constructor(readonly ctx: Context) {}

  /** Reads every config of `ctx.files` into `facts`, runner by runner, in path order; alternates last. */
  async readAll(): Promise<void> {
    const found = this.locate(this.configNamesByDir())
    const loaded = new Map<string, LoadedConfig>()
    const all = [...found.vitestFiles, ...found.viteFiles, ...found.workspaceFiles, ...found.jestFiles, ...found.mochaFiles]
    found.loads.push(
      ...all.map(async (path) => {
        const config = await loadConfig(this.ctx, path)
        if (config !== undefined) loaded.set(path, config)
      }),
    )
    await Promise.all(found.loads)
    // A vite.config without a `test` key configures vite, not vitest.
    const vite = found.viteFiles.filter((path) => {
      const config = loaded.get(path)
      const has = config?.module?.hasProperty('test') === true || (isDict(config?.value) && 'test' in config.value)
      if (has) this.vitestDirs.add(dirOf(path))
      return has
    })
    for (const path of [...found.vitestFiles, ...vite].sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) await readVitestConfig(this, config)
    }
    for (const path of found.workspaceFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) await readVitestWorkspace(this, config)
    }
    for (const path of found.jestFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) await readJestConfig(this, path, dirOf(path), configObject(config, JEST_KEYS))
    }
    for (const [path, jest] of [...found.jestPackages].sort(([a], [b]) => compare(a, b))) await readJestConfig(this, path, dirOf(path), jest)
    for (const path of found.mochaFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) readMochaConfig(this, path, configObject(config, MOCHA_KEYS))
    }
    for (const [path, mocha] of [...found.mochaPackages].sort(([a], [b]) => compare(a, b))) readMochaConfig(this, path, mocha)
    await this.readAlternates(found.alternates)
  }

  /** The names of the files that may be runner configs (package.json included), by directory. */
  private configNamesByDir(): Map<string, string[]> {
    const byDir = new Map<string, string[]>()
    for (const path of this.ctx.files) {
      const name = baseName(path)
      const known = VITEST_CONFIG.test(name) || VITE_CONFIG.test(name) || VITEST_WORKSPACE.test(name) || JEST_CONFIG.test(name) || MOCHARC.test(name)
      if (!(known || name === 'package.json' || VITEST_ALTERNATE.test(name) || JEST_ALTERNATE.test(name))) continue
      if (!mayHoldConfig(path)) continue
      const dir = dirOf(path)
      byDir.set(dir, [...(byDir.get(dir) ?? []), name])
    }
    return byDir
  }

  /**
   * Which config of each directory each runner reads (the first by extension, vitest.config before
   * vite.config, mocha's precedence), and the package.json keys where no config file exists; the
   * package.json reads are pending in `loads`.
   */
  private locate(byDir: ReadonlyMap<string, string[]>): LocatedConfigs {
    const found: LocatedConfigs = {
      loads: [],
      jestPackages: new Map(),
      mochaPackages: new Map(),
      vitestFiles: [],
      viteFiles: [],
      workspaceFiles: [],
      jestFiles: [],
      mochaFiles: [],
      alternates: [],
    }
    for (const [dir, names] of byDir) {
      const at = (name: string): string => (dir === '' ? name : `${dir}/${name}`)
      const vitest = names.filter((n) => VITEST_CONFIG.test(n)).sort(byExtension)
      // vitest.config.* takes precedence over vite.config.* in one directory.
      if (vitest.length > 0) {
        found.vitestFiles.push(at(vitest[0] as string))
        this.vitestDirs.add(dir)
      } else
        found.viteFiles.push(
          ...names
            .filter((n) => VITE_CONFIG.test(n))
            .sort(byExtension)
            .slice(0, 1)
            .map(at),
        )
      found.workspaceFiles.push(...names.filter((n) => VITEST_WORKSPACE.test(n)).map(at))
      const jest = names.filter((n) => JEST_CONFIG.test(n)).sort(byExtension)
      if (jest.length > 0) {
        found.jestFiles.push(at(jest[0] as string))
        this.jestDirs.add(dir)
      }
      found.alternates.push(
        ...names.filter((n) => (VITEST_ALTERNATE.test(n) && !VITEST_CONFIG.test(n)) || (JEST_ALTERNATE.test(n) && !JEST_CONFIG.test(n))).map(at),
      )
      const rc = MOCHARC_ORDER.find((n) => names.includes(n))
      if (rc !== undefined) found.mochaFiles.push(at(rc))
      if (names.includes('package.json')) {
        found.loads.push(
          this.ctx.read(at('package.json')).then((text) => {
            const pkg = parsePackage(text)
            if (isDict(pkg?.jest) && jest.length === 0) {
              found.jestPackages.set(at('package.json'), pkg.jest)
              this.jestDirs.add(dir)
            }
            if (isDict(pkg?.mocha) && rc === undefined) found.mochaPackages.set(at('package.json'), pkg.mocha)
          }),
        )
      }
    }
    return found
  }

  /** Alternate configs, read last so one a claiming config names as a project is read as that project. */
  private async readAlternates(alternates: string[]): Promise<void> {
    this.claiming = false
    for (const path of alternates.sort(compare)) {
      const config = await loadConfig(this.ctx, path)
      if (config === undefined) continue
      if (JEST_ALTERNATE.test(baseName(path))) await readJestConfig(this, path, dirOf(path), configObject(config, JEST_KEYS))
      else await readVitestConfig(this, config)
    }
    this.claiming = true
  }

  add(facts: RunnerConfigFacts): void {
    // An alternate config that does not say which files it runs (`mergeConfig(imported, …)`) tells
    // nothing the standard config does not.
    if (!this.claiming && !facts.explicit) return
    this.facts.push(facts)
    if (!this.claiming) this.nonClaiming.add(facts)
  }

  once(path: string): boolean {
    if (this.seen.has(path)) return false
    this.seen.add(path)
    return true
  }
}
