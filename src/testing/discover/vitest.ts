// Vitest's configs read statically: vitest.config.* (else vite.config.* with a `test` key),
// vitest.workspace.* / vitest.projects.*, inline and globbed projects, `extends`, `test.dir`.
import { VITEST_DEFAULT_EXCLUDE, VITEST_DEFAULT_INCLUDE } from './defaults.js'
import { CONFIG_LIKE, configObject, expandProjectEntry, loadConfig, setupPaths, type LoadedConfig, type ReadState } from './load.js'
import { CONFIG_MODULE_EXTENSIONS, namePattern, VITE_CONFIG_NAMES, VITEST_CONFIG_NAMES, VITEST_WORKSPACE_NAMES } from './config-names.js'
import { baseName, dirOf, joinRepo, stripDot } from './paths.js'
import { isDict, strings, UNKNOWN, type Dict } from './static.js'
import type { RunnerConfigFacts } from './types.js'

export const VITEST_CONFIG = namePattern(VITEST_CONFIG_NAMES)
export const VITE_CONFIG = namePattern(VITE_CONFIG_NAMES)
export const VITEST_WORKSPACE = namePattern(VITEST_WORKSPACE_NAMES)
/** A vitest config a script passes with `--config` (`vitest.config.unit.mts`, `vitest.e2e.config.ts`): adds tests, claims no directory. */
export const VITEST_ALTERNATE = new RegExp(`^vitest\\.(?:[\\w-]+\\.)?config(?:[.-][\\w-]+)?\\.(?:${CONFIG_MODULE_EXTENSIONS.join('|')})$`)
export const VITEST_KEYS = ['test']

/** Reads a vitest (or vite) config once: its `test` options, or with `test.projects` each project. */
export async function readVitestConfig(state: ReadState, config: LoadedConfig): Promise<void> {
  if (!state.once(config.path)) return
  const object = configObject(config, VITEST_KEYS)
  const dir = rootOf(dirOf(config.path), object?.root)
  const test = isDict(object?.test) ? object.test : undefined
  const projects = test?.projects ?? test?.workspace
  if (Array.isArray(projects)) {
    // With projects, the root config only sets shared options; the projects hold the tests.
    state.add(vitestFacts(state, config.path, dir, { ...test, include: [], typecheck: undefined }, undefined, true))
    await vitestProjects(state, config.path, dir, projects, test)
  } else {
    state.add(vitestFacts(state, config.path, dir, test))
  }
}

/** Reads a vitest.workspace.* / vitest.projects.* list: every project it names or inlines. */
export async function readVitestWorkspace(state: ReadState, config: LoadedConfig): Promise<void> {
  if (!state.once(config.path)) return
  const dir = dirOf(config.path)
  // When the list is not static, its inline projects (objects with a `test` key) still count.
  const entries = Array.isArray(config.value) ? (config.value as unknown[]) : (config.module?.objectsWith(VITEST_KEYS) ?? [])
  state.add({ path: config.path, runner: 'vitest', dir, include: [], testRegex: [], exclude: [], excludeRegex: [], setupFiles: [], explicit: true })
  await vitestProjects(state, config.path, dir, entries, undefined)
}

async function vitestProjects(state: ReadState, path: string, dir: string, entries: readonly unknown[], rootTest: Dict | undefined): Promise<void> {
  for (const entry of entries) {
    if (typeof entry === 'string') {
      if (entry.startsWith('!')) continue
      const { dirs, files } = expandProjectEntry(state.ctx, dir, entry)
      for (const file of files) {
        if (!CONFIG_LIKE.test(baseName(file))) continue
        const config = await loadConfig(state.ctx, file)
        if (config === undefined) continue
        if (VITEST_WORKSPACE.test(baseName(file))) await readVitestWorkspace(state, config)
        else await readVitestConfig(state, config)
      }
      for (const project of dirs) {
        if (project === dir && rootTest !== undefined) {
          state.add(vitestFacts(state, path, dir, { ...rootTest, projects: undefined, workspace: undefined }))
        } else if (!state.vitestDirs.has(project)) {
          // A project directory without a config of its own runs with vitest's defaults.
          state.vitestDirs.add(project)
          state.add(vitestFacts(state, path, project, undefined))
        }
      }
    } else if (isDict(entry)) {
      const test = isDict(entry.test) ? entry.test : undefined
      const projectDir = rootOf(dir, entry.root ?? test?.root)
      state.add(vitestFacts(state, path, projectDir, test, await extended(state, path, entry.extends, rootTest)))
    }
  }
  if (entries.length > 0 && entries.every((e) => e === UNKNOWN) && rootTest !== undefined) {
    // Not one project could be read statically: assume they run the root's test options.
    state.add(vitestFacts(state, path, dir, { ...rootTest, projects: undefined, workspace: undefined }, undefined, false))
  }
}

/** The test options an inline project inherits: `extends: true` or the config's own path → the root's; another config's path → its. */
async function extended(state: ReadState, path: string, extendsValue: unknown, rootTest: Dict | undefined): Promise<Dict | undefined> {
  if (extendsValue === true) return rootTest
  if (typeof extendsValue !== 'string') return undefined
  const target = joinRepo(dirOf(path), extendsValue)
  if (target === undefined) return undefined
  if (target === path) return rootTest === undefined ? undefined : { ...rootTest, projects: undefined, workspace: undefined }
  if (!state.ctx.fileSet.has(target)) return undefined
  const config = await loadConfig(state.ctx, target)
  const object = config === undefined ? undefined : configObject(config, VITEST_KEYS)
  return isDict(object?.test) ? object.test : undefined
}

/** The directory a config's `root` option names, relative to the config's own directory. */
function rootOf(dir: string, root: unknown): string {
  return typeof root === 'string' ? (joinRepo(dir, root) ?? dir) : dir
}

function vitestFacts(state: ReadState, path: string, dir: string, test: Dict | undefined, inherit?: Dict, explicit?: boolean): RunnerConfigFacts {
  const get = (key: string): unknown => (test !== undefined && test[key] !== undefined ? test[key] : inherit?.[key])
  const given = strings(get('include'))
  const include = [...(given ?? VITEST_DEFAULT_INCLUDE)]
  const typecheck = get('typecheck')
  if (isDict(typecheck) && typecheck.enabled === true) include.push(...(strings(typecheck.include) ?? ['**/*.{test,spec}-d.?(c|m)[jt]s?(x)']))
  // `test.dir` is where vitest globs from: include and exclude are relative to it.
  const testDir = get('dir')
  const facts: RunnerConfigFacts = {
    path,
    runner: 'vitest',
    dir: typeof testDir === 'string' ? (joinRepo(dir, testDir) ?? dir) : dir,
    include: include.map(stripDot),
    testRegex: [],
    exclude: (strings(get('exclude')) ?? VITEST_DEFAULT_EXCLUDE).map(stripDot),
    excludeRegex: [],
    setupFiles: setupPaths(state.ctx, dir, [strings(get('setupFiles')), strings(get('globalSetup'))]),
    explicit: explicit ?? given !== undefined,
  }
  return facts
}
