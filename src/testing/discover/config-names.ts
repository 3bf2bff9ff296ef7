// The file names the test runners look their own configs up by, in one place: test discovery, the
// tests gate's runner detection and gate-integrity's test-config-weakened all read these lists.

/** Module extensions of a vitest or vite config, in vitest's lookup order; also jest's module ones. */
export const CONFIG_MODULE_EXTENSIONS: readonly string[] = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs']
/** Extensions of `jest.config.*`: jest's lookup list (js, ts, mjs, cjs, mts, cts, json). */
export const JEST_CONFIG_EXTENSIONS: readonly string[] = [...CONFIG_MODULE_EXTENSIONS, 'json']

/** `vitest.config.*`; it wins over `vite.config.*` in one directory. */
export const VITEST_CONFIG_NAMES: readonly string[] = CONFIG_MODULE_EXTENSIONS.map((ext) => `vitest.config.${ext}`)
/** `vite.config.*`: a vitest config when it has a `test` key. */
export const VITE_CONFIG_NAMES: readonly string[] = CONFIG_MODULE_EXTENSIONS.map((ext) => `vite.config.${ext}`)
/** `vitest.workspace.*` (vitest 1-3) and `vitest.projects.*`: lists of projects, JSON included. */
export const VITEST_WORKSPACE_NAMES: readonly string[] = ['workspace', 'projects'].flatMap((kind) =>
  [...CONFIG_MODULE_EXTENSIONS, 'json'].map((ext) => `vitest.${kind}.${ext}`),
)
/** `jest.config.*` (package.json's "jest" key is the other place jest reads). */
export const JEST_CONFIG_NAMES: readonly string[] = JEST_CONFIG_EXTENSIONS.map((ext) => `jest.config.${ext}`)
/** `.mocharc.*` in the order discovery takes the first of several (mocha reads one per directory). */
export const MOCHARC_NAMES: readonly string[] = [
  '.mocharc.js',
  '.mocharc.cjs',
  '.mocharc.mjs',
  '.mocharc.yaml',
  '.mocharc.yml',
  '.mocharc.jsonc',
  '.mocharc.json',
]

/** Which runner's config a file name (no directory) is; `vite` means a vite.config.* that may hold vitest's `test`. */
export type RunnerConfigName = 'vitest' | 'vite' | 'vitest-workspace' | 'jest' | 'mocha'

const BY_NAME = new Map<string, RunnerConfigName>([
  ...VITEST_CONFIG_NAMES.map((n) => [n, 'vitest'] as const),
  ...VITE_CONFIG_NAMES.map((n) => [n, 'vite'] as const),
  ...VITEST_WORKSPACE_NAMES.map((n) => [n, 'vitest-workspace'] as const),
  ...JEST_CONFIG_NAMES.map((n) => [n, 'jest'] as const),
  ...MOCHARC_NAMES.map((n) => [n, 'mocha'] as const),
])

/** The runner whose standard config file `name` (a base name, no directory) is, else undefined. */
export function runnerConfigOfName(name: string): RunnerConfigName | undefined {
  return BY_NAME.get(name)
}

/** A regex matching exactly the names of `names`, for code that tests names with `.test`. */
export function namePattern(names: readonly string[]): RegExp {
  return new RegExp(`^(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`)
}
