// Reads every runner config of a file list into RunnerConfigFacts: which configs exist in which
// directory, which one of several wins, then each runner's reader.
import { baseName, compare, dirOf, mayHoldConfig } from './paths.js'
import { byExtension, configObject, loadConfig, parsePackage, type Context, type LoadedConfig, type ReadState } from './load.js'
import { readVitestConfig, readVitestWorkspace, VITE_CONFIG, VITEST_ALTERNATE, VITEST_CONFIG, VITEST_WORKSPACE } from './vitest.js'
import { isDict, type Dict } from './static.js'
import { JEST_ALTERNATE, JEST_CONFIG, JEST_KEYS, readJestConfig } from './jest.js'
import { MOCHA_KEYS, MOCHARC, MOCHARC_ORDER, readMochaConfig } from './mocha.js'
import type { RunnerConfigFacts } from './types.js'

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

  async readAll(): Promise<void> {
    const byDir = new Map<string, string[]>()
    for (const path of this.ctx.files) {
      const name = baseName(path)
      const known = VITEST_CONFIG.test(name) || VITE_CONFIG.test(name) || VITEST_WORKSPACE.test(name) || JEST_CONFIG.test(name) || MOCHARC.test(name)
      if (!(known || name === 'package.json' || VITEST_ALTERNATE.test(name) || JEST_ALTERNATE.test(name))) continue
      if (!mayHoldConfig(path)) continue
      const dir = dirOf(path)
      byDir.set(dir, [...(byDir.get(dir) ?? []), name])
    }
    const loads: Array<Promise<void>> = []
    const jestPackages = new Map<string, Dict>()
    const mochaPackages = new Map<string, Dict>()
    const vitestFiles: string[] = []
    const viteFiles: string[] = []
    const workspaceFiles: string[] = []
    const jestFiles: string[] = []
    const mochaFiles: string[] = []
    const alternates: string[] = []
    for (const [dir, names] of byDir) {
      const at = (name: string): string => (dir === '' ? name : `${dir}/${name}`)
      const vitest = names.filter((n) => VITEST_CONFIG.test(n)).sort(byExtension)
      // vitest.config.* takes precedence over vite.config.* in one directory.
      if (vitest.length > 0) {
        vitestFiles.push(at(vitest[0] as string))
        this.vitestDirs.add(dir)
      } else
        viteFiles.push(
          ...names
            .filter((n) => VITE_CONFIG.test(n))
            .sort(byExtension)
            .slice(0, 1)
            .map(at),
        )
      workspaceFiles.push(...names.filter((n) => VITEST_WORKSPACE.test(n)).map(at))
      const jest = names.filter((n) => JEST_CONFIG.test(n)).sort(byExtension)
      if (jest.length > 0) {
        jestFiles.push(at(jest[0] as string))
        this.jestDirs.add(dir)
      }
      alternates.push(...names.filter((n) => (VITEST_ALTERNATE.test(n) && !VITEST_CONFIG.test(n)) || (JEST_ALTERNATE.test(n) && !JEST_CONFIG.test(n))).map(at))
      const rc = MOCHARC_ORDER.find((n) => names.includes(n))
      if (rc !== undefined) mochaFiles.push(at(rc))
      if (names.includes('package.json')) {
        loads.push(
          this.ctx.read(at('package.json')).then((text) => {
            const pkg = parsePackage(text)
            if (isDict(pkg?.jest) && jest.length === 0) {
              jestPackages.set(at('package.json'), pkg.jest)
              this.jestDirs.add(dir)
            }
            if (isDict(pkg?.mocha) && rc === undefined) mochaPackages.set(at('package.json'), pkg.mocha)
          }),
        )
      }
    }
    const loaded = new Map<string, LoadedConfig>()
    const all = [...vitestFiles, ...viteFiles, ...workspaceFiles, ...jestFiles, ...mochaFiles]
    loads.push(
      ...all.map(async (path) => {
        const config = await loadConfig(this.ctx, path)
        if (config !== undefined) loaded.set(path, config)
      }),
    )
    await Promise.all(loads)
    // A vite.config without a `test` key configures vite, not vitest.
    const vite = viteFiles.filter((path) => {
      const config = loaded.get(path)
      const has = config?.module?.hasProperty('test') === true || (isDict(config?.value) && 'test' in config.value)
      if (has) this.vitestDirs.add(dirOf(path))
      return has
    })
    for (const path of [...vitestFiles, ...vite].sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) await readVitestConfig(this, config)
    }
    for (const path of workspaceFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) await readVitestWorkspace(this, config)
    }
    for (const path of jestFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) await readJestConfig(this, path, dirOf(path), configObject(config, JEST_KEYS))
    }
    for (const [path, jest] of [...jestPackages].sort(([a], [b]) => compare(a, b))) await readJestConfig(this, path, dirOf(path), jest)
    for (const path of mochaFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) readMochaConfig(this, path, configObject(config, MOCHA_KEYS))
    }
    for (const [path, mocha] of [...mochaPackages].sort(([a], [b]) => compare(a, b))) readMochaConfig(this, path, mocha)
    // Last, so one a claiming config names as a project is read as that project.
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
