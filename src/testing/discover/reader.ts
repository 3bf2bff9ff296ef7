// Reads every runner config of a file list into RunnerConfigFacts: which configs exist in which
// directory, which one of several wins, then each runner's reader.
import { baseName, compare, dirOf, GLOB_CHARS, joinRepo, mayHoldConfig, stripDot } from './paths.js'
import {
  byExtension,
  CONFIG_LIKE,
  configObject,
  expandProjectEntry,
  loadConfig,
  parsePackage,
  setupPaths,
  type Context,
  type LoadedConfig,
  type ReadState,
} from './load.js'
import { readVitestConfig, readVitestWorkspace, VITE_CONFIG, VITEST_ALTERNATE, VITEST_CONFIG, VITEST_WORKSPACE } from './vitest.js'
import { isDict, strings, type Dict } from './static.js'
import { JEST_DEFAULT_IGNORE, JEST_DEFAULT_TEST_MATCH } from './defaults.js'
import type { RunnerConfigFacts } from './types.js'

const MOCHA_DEFAULT_EXTENSIONS = ['js', 'cjs', 'mjs']
const JEST_CONFIG = /^jest\.config\.(?:js|ts|mjs|cjs|json)$/
/**
 * Configs a script passes with `--config` (`vitest.config.unit.mts`, `vitest.e2e.config.ts`,
 * `jest.config.integration.js`, NestJS's `test/jest-e2e.json`): their explicit tests count, but
 * they do not claim their directory.
 */
const JEST_ALTERNATE = /^jest\.(?:[\w-]+\.)?config(?:[.-][\w-]+)?\.(?:js|ts|mjs|cjs|json)$|^jest[.-][\w-]+\.json$/
const MOCHARC = /^\.mocharc\.(?:json|jsonc|ya?ml|js|cjs)$/
const MOCHARC_ORDER = ['.mocharc.js', '.mocharc.cjs', '.mocharc.yaml', '.mocharc.yml', '.mocharc.jsonc', '.mocharc.json']

const JEST_KEYS = [
  'testMatch',
  'testRegex',
  'testPathIgnorePatterns',
  'roots',
  'rootDir',
  'setupFiles',
  'setupFilesAfterEnv',
  'globalSetup',
  'projects',
  'testEnvironment',
  'preset',
  'transform',
]
const MOCHA_KEYS = ['spec', 'require', 'file', 'extension', 'recursive', 'ignore']

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
      if (config !== undefined) await this.jestConfig(path, dirOf(path), configObject(config, JEST_KEYS))
    }
    for (const [path, jest] of [...jestPackages].sort(([a], [b]) => compare(a, b))) await this.jestConfig(path, dirOf(path), jest)
    for (const path of mochaFiles.sort(compare)) {
      const config = loaded.get(path)
      if (config !== undefined) this.mochaConfig(path, configObject(config, MOCHA_KEYS))
    }
    for (const [path, mocha] of [...mochaPackages].sort(([a], [b]) => compare(a, b))) this.mochaConfig(path, mocha)
    // Last, so one a claiming config names as a project is read as that project.
    this.claiming = false
    for (const path of alternates.sort(compare)) {
      const config = await loadConfig(this.ctx, path)
      if (config === undefined) continue
      if (JEST_ALTERNATE.test(baseName(path))) await this.jestConfig(path, dirOf(path), configObject(config, JEST_KEYS))
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

  private async jestConfig(path: string, configDir: string, config: Dict | undefined): Promise<void> {
    if (!this.once(`${path}#${configDir}`)) return
    await this.jestFacts(path, configDir, config)
  }

  private async jestFacts(path: string, configDir: string, config: Dict | undefined): Promise<void> {
    const rootDir = typeof config?.rootDir === 'string' ? (joinRepo(configDir, config.rootDir.replace(/^<rootDir>/, '.')) ?? configDir) : configDir
    const relativeGlob = (p: string): string => stripDot(p.replace(/^<rootDir>\/?/, '').replace(/^\//, ''))
    const regexRoot = rootDir === '' ? '' : `/${rootDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`
    const regex = (p: string): string => p.replaceAll('<rootDir>', regexRoot)
    const testMatch = strings(config?.testMatch)
    const testRegex = strings(config?.testRegex)
    const roots = strings(config?.roots)
      ?.map((r) => joinRepo(rootDir, r.replace(/^<rootDir>/, '.')))
      .filter((r): r is string => r !== undefined)
    const projects = config?.projects
    const facts: RunnerConfigFacts = {
      path,
      runner: 'jest',
      dir: rootDir,
      include: (testMatch ?? (testRegex !== undefined ? [] : JEST_DEFAULT_TEST_MATCH)).map(relativeGlob),
      testRegex: (testRegex ?? []).map(regex),
      exclude: [],
      excludeRegex: [...(strings(config?.testPathIgnorePatterns) ?? JEST_DEFAULT_IGNORE), ...(strings(config?.modulePathIgnorePatterns) ?? [])].map(regex),
      setupFiles: setupPaths(this.ctx, rootDir, [strings(config?.setupFiles), strings(config?.setupFilesAfterEnv), strings(config?.globalSetup)]),
      explicit: testMatch !== undefined || testRegex !== undefined,
    }
    if (roots !== undefined) facts.roots = roots
    if (!Array.isArray(projects)) {
      this.add(facts)
      return
    }
    // With projects, the root config only sets global options; each project finds its own tests.
    this.add({ ...facts, include: [], testRegex: [], explicit: true })
    for (const entry of projects as unknown[]) {
      if (typeof entry === 'string') {
        const { dirs, files } = expandProjectEntry(this.ctx, rootDir, relativeGlob(entry) || '.')
        for (const file of files) {
          if (!CONFIG_LIKE.test(baseName(file))) continue
          const config = await loadConfig(this.ctx, file)
          if (config !== undefined) await this.jestConfig(file, dirOf(file), configObject(config, JEST_KEYS))
        }
        for (const project of dirs) {
          if (this.jestDirs.has(project)) continue
          this.jestDirs.add(project)
          await this.jestConfig(path, project, undefined)
        }
      } else if (isDict(entry)) {
        await this.jestFacts(path, rootDir, { rootDir: '<rootDir>', ...entry, projects: undefined })
      }
    }
  }

  private mochaConfig(path: string, config: Dict | undefined): void {
    const dir = dirOf(path)
    const spec = strings(config?.spec)
    const extensions = [...new Set([...MOCHA_DEFAULT_EXTENSIONS, ...(strings(config?.extension) ?? []).map((e) => e.replace(/^\./, ''))])]
    const extGlob = extensions.length === 1 ? `*.${extensions[0]}` : `*.{${extensions.join(',')}}`
    const recursive = config?.recursive === true
    const include = (spec ?? ['test']).map((entry) => {
      const pattern = stripDot(entry).replace(/\/$/, '')
      const path = joinRepo(dir, pattern)
      // A spec naming a directory means the files in it with the configured extensions.
      if (!GLOB_CHARS.test(pattern) && path !== undefined && this.ctx.dirs().has(path)) return `${pattern}/${recursive ? '**/' : ''}${extGlob}`
      return pattern
    })
    this.add({
      path,
      runner: 'mocha',
      dir,
      include,
      testRegex: [],
      exclude: (strings(config?.ignore) ?? strings(config?.exclude) ?? []).map(stripDot),
      excludeRegex: [],
      setupFiles: setupPaths(this.ctx, dir, [strings(config?.require), strings(config?.file)]),
      explicit: spec !== undefined,
    })
  }
}
