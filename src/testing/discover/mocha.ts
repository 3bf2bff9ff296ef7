// Mocha's configs read statically: .mocharc.* (the first by mocha's precedence) or package.json's
// "mocha" key: spec (a directory means its files with the configured extensions), ignore, require.
import { MOCHARC_NAMES, namePattern } from './config-names.js'
import { setupPaths, type ReadState } from './load.js'
import { dirOf, GLOB_CHARS, joinRepo, stripDot } from './paths.js'
import { strings, type Dict } from './static.js'

const MOCHA_DEFAULT_EXTENSIONS = ['js', 'cjs', 'mjs']
export const MOCHARC = namePattern(MOCHARC_NAMES)
/** Mocha reads one of these in a directory; discovery takes the first present. */
export const MOCHARC_ORDER = MOCHARC_NAMES
/** Keys that mark an object literal as a mocha config when the export itself is not static. */
export const MOCHA_KEYS = ['spec', 'require', 'file', 'extension', 'recursive', 'ignore']

/** Reads one mocha config (an .mocharc's object or package.json's "mocha" value) at `path`. */
export function readMochaConfig(state: ReadState, path: string, config: Dict | undefined): void {
  const dir = dirOf(path)
  const spec = strings(config?.spec)
  const extensions = [...new Set([...MOCHA_DEFAULT_EXTENSIONS, ...(strings(config?.extension) ?? []).map((e) => e.replace(/^\./, ''))])]
  const extGlob = extensions.length === 1 ? `*.${extensions[0]}` : `*.{${extensions.join(',')}}`
  const recursive = config?.recursive === true
  const include = (spec ?? ['test']).map((entry) => {
    const pattern = stripDot(entry).replace(/\/$/, '')
    const path = joinRepo(dir, pattern)
    // A spec naming a directory means the files in it with the configured extensions.
    if (!GLOB_CHARS.test(pattern) && path !== undefined && state.ctx.dirs().has(path)) return `${pattern}/${recursive ? '**/' : ''}${extGlob}`
    return pattern
  })
  state.add({
    path,
    runner: 'mocha',
    dir,
    include,
    testRegex: [],
    exclude: (strings(config?.ignore) ?? strings(config?.exclude) ?? []).map(stripDot),
    excludeRegex: [],
    setupFiles: setupPaths(state.ctx, dir, [strings(config?.require), strings(config?.file)]),
    explicit: spec !== undefined,
  })
}
