// Jest's configs read statically: jest.config.*, package.json's "jest" key, alternates passed with
// `--config`, `rootDir`/`<rootDir>`, `roots`, testMatch/testRegex, ignore patterns and projects.
import { JEST_CONFIG_EXTENSIONS, JEST_CONFIG_NAMES, namePattern } from './config-names.js'
import { JEST_DEFAULT_IGNORE, JEST_DEFAULT_TEST_MATCH } from './defaults.js'
import { CONFIG_LIKE, configObject, expandProjectEntry, loadConfig, setupPaths, type ReadState } from './load.js'
import { baseName, dirOf, joinRepo, stripDot } from './paths.js'
import { isDict, strings, type Dict } from './static.js'
import type { RunnerConfigFacts } from './types.js'

export const JEST_CONFIG = namePattern(JEST_CONFIG_NAMES)
/** A jest config a script passes with `--config` (`jest.config.integration.js`, NestJS's `test/jest-e2e.json`): adds tests, claims no directory. */
export const JEST_ALTERNATE = new RegExp(`^jest\\.(?:[\\w-]+\\.)?config(?:[.-][\\w-]+)?\\.(?:${JEST_CONFIG_EXTENSIONS.join('|')})$|^jest[.-][\\w-]+\\.json$`)

/** Keys that mark an object literal as a jest config when the export itself is not static. */
export const JEST_KEYS = [
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

/**
 * Reads one jest config (a file's object, a package.json "jest" value, or undefined for a project
 * directory without a config: jest's defaults) once per `path` and directory.
 * @param configDir repository-relative directory `<rootDir>` starts from
 */
export async function readJestConfig(state: ReadState, path: string, configDir: string, config: Dict | undefined): Promise<void> {
  if (!state.once(`${path}#${configDir}`)) return
  await readJestFacts(state, path, configDir, config)
}

/** `<rootDir>` and paths as jest resolves them, for one config whose rootDir is `rootDir`. */
function rootDirPaths(rootDir: string): { relativeGlob: (p: string) => string; regex: (p: string) => string } {
  const regexRoot = rootDir === '' ? '' : `/${rootDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`
  return {
    relativeGlob: (p) => stripDot(p.replace(/^<rootDir>\/?/, '').replace(/^\//, '')),
    regex: (p) => p.replaceAll('<rootDir>', regexRoot),
  }
}

async function readJestFacts(state: ReadState, path: string, configDir: string, config: Dict | undefined): Promise<void> {
  const rootDir = typeof config?.rootDir === 'string' ? (joinRepo(configDir, config.rootDir.replace(/^<rootDir>/, '.')) ?? configDir) : configDir
  const { relativeGlob, regex } = rootDirPaths(rootDir)
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
    setupFiles: setupPaths(state.ctx, rootDir, [strings(config?.setupFiles), strings(config?.setupFilesAfterEnv), strings(config?.globalSetup)]),
    explicit: testMatch !== undefined || testRegex !== undefined,
  }
  if (roots !== undefined) facts.roots = roots
  if (!Array.isArray(projects)) {
    state.add(facts)
    return
  }
  // With projects, the root config only sets global options; each project finds its own tests.
  state.add({ ...facts, include: [], testRegex: [], explicit: true })
  await readJestProjects(state, path, rootDir, projects as unknown[])
}

/** Each entry of a jest `projects` list: a glob of directories or config files, or an inline config. */
async function readJestProjects(state: ReadState, path: string, rootDir: string, projects: readonly unknown[]): Promise<void> {
  const { relativeGlob } = rootDirPaths(rootDir)
  for (const entry of projects) {
    if (typeof entry === 'string') {
      const { dirs, files } = expandProjectEntry(state.ctx, rootDir, relativeGlob(entry) || '.')
      for (const file of files) {
        if (!CONFIG_LIKE.test(baseName(file))) continue
        const config = await loadConfig(state.ctx, file)
        if (config !== undefined) await readJestConfig(state, file, dirOf(file), configObject(config, JEST_KEYS))
      }
      for (const project of dirs) {
        if (state.jestDirs.has(project)) continue
        state.jestDirs.add(project)
        await readJestConfig(state, path, project, undefined)
      }
    } else if (isDict(entry)) {
      await readJestFacts(state, path, rootDir, { rootDir: '<rootDir>', ...entry, projects: undefined })
    }
  }
}
