// The ESLint worker: loads the repository's own ESLint, reads one request (eslint-protocol.ts) on
// stdin, lints, writes one response on stdout and exits. The gate starts it through
// runRepositoryCode, so the repository's eslint.config.* and its plugins run here, with the
// allow-listed environment, never inside proofgate. Self-contained (Node built-ins and type imports
// only): it runs as dist/eslint-worker.js, and from the sources with Node's type stripping.
import nodeModule from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { WorkerMessage, WorkerRequest, WorkerResponse } from './eslint-protocol.js'

// Taken before the repository's config can replace them: the config runs in this process.
const exit = process.exit.bind(process)
const stringify = JSON.stringify
// Pipes are written synchronously on Linux and macOS; the callback covers the rest.
const writeStdout = process.stdout.write.bind(process.stdout) as (text: string, done: () => void) => boolean

interface EslintResult {
  filePath: string
  messages: WorkerMessage[]
}

interface EslintInstance {
  /** ESLint 8 eslintrc mode (and every version): true for a file its ignore files or patterns exclude. */
  isPathIgnored(filePath: string): Promise<boolean>
  lintFiles(patterns: string[]): Promise<EslintResult[]>
  lintText(code: string, options: { filePath: string; warnIgnored?: boolean }): Promise<EslintResult[]>
  /** Flat config only (ESLint 8.57's FlatESLint, 9+). */
  findConfigFile?(filePath?: string): Promise<string | undefined>
  calculateConfigForFile(filePath: string): Promise<unknown>
  getRulesMetaForResults(results: EslintResult[]): Record<string, { docs?: { url?: string } } | undefined>
}

interface EslintClass {
  new (options: Record<string, unknown>): EslintInstance
  readonly version: string
}

/** What ESLint's module exports: the ESLint class and, from 8.57, loadESLint (which picks flat or eslintrc). */
interface EslintModule {
  ESLint?: EslintClass
  loadESLint?: (options: { cwd?: string }) => Promise<EslintClass>
}

/** The loaded ESLint: its class and whether that class reads a flat config or eslintrc. */
interface LoadedEslint {
  ESLint: EslintClass
  mode: 'flat' | 'eslintrc'
}

/**
 * Loads the repository's ESLint. 9+ is flat config. ESLint 8.57 asks its own loadESLint, which
 * picks FlatESLint when an `eslint.config.js` is at `root` and the eslintrc class otherwise, as
 * its CLI does; older 8.x only has the eslintrc class.
 */
async function loadEslint(entry: string, root: string | undefined): Promise<LoadedEslint> {
  const imported = (await import(pathToFileURL(entry).href)) as EslintModule & { default?: EslintModule }
  const mod = imported.ESLint === undefined && imported.default !== undefined ? imported.default : imported
  const ESLint = mod.ESLint
  if (ESLint === undefined) throw new Error(`ESLint at ${entry} exports no ESLint class`)
  const major = Number.parseInt(String(ESLint.version), 10)
  if (!(major < 9)) return { ESLint, mode: 'flat' }
  if (mod.loadESLint === undefined) return { ESLint, mode: 'eslintrc' }
  const chosen = await mod.loadESLint(root === undefined ? {} : { cwd: root })
  return { ESLint: chosen, mode: chosen === ESLint ? 'eslintrc' : 'flat' }
}

/** The first line on stdin (the request); stdin stays open, since it is the launcher's lifeline. */
function readRequest(): Promise<WorkerRequest> {
  return new Promise((resolve, reject) => {
    let text = ''
    const onData = (chunk: string): void => {
      text += chunk
      const end = text.indexOf('\n')
      if (end < 0) return
      process.stdin.off('data', onData)
      process.stdin.pause()
      try {
        resolve(JSON.parse(text.slice(0, end)) as WorkerRequest)
      } catch (error) {
        reject(error as Error)
      }
    }
    process.stdin.setEncoding('utf8')
    process.stdin.on('data', onData)
    process.stdin.on('end', () => reject(new Error('stdin closed before a request arrived')))
  })
}

/** The config ESLint finds for each path, asked once per directory (the lookup depends only on it). */
async function findConfigs(eslint: EslintInstance, paths: string[]): Promise<Record<string, string | null>> {
  // ESLint 10 looks the config up from each file's directory (ESLint 9 from cwd), so ask ESLint
  // itself rather than guessing; a file with no config would make lintFiles throw. Locating does
  // not load the config (a broken one still throws when linting); some 9.x versions throw for
  // "none found".
  const byDirectory = new Map<string, Promise<string | undefined>>()
  const configs: Record<string, string | null> = {}
  await Promise.all(
    paths.map(async (file) => {
      let found = byDirectory.get(dirname(file))
      if (found === undefined) {
        found = eslint.findConfigFile!(file).catch(() => undefined)
        byDirectory.set(dirname(file), found)
      }
      configs[file] = (await found) ?? null
    }),
  )
  return configs
}

/** The marker `configs` holds for a file an eslintrc config applies to (the class does not say which file). */
const ESLINTRC = 'eslintrc'

/**
 * eslintrc (ESLint 8): a file is linted when ESLint does not ignore it (`.eslintignore`,
 * `ignorePatterns`; isPathIgnored) and a config applies to it. Ignored files are left out here,
 * since lintFiles would warn about an explicitly named one. A file without any config maps to
 * null; a config that does not load throws here, reported as a lint failure.
 */
async function eslintrcConfigs(eslint: EslintInstance, paths: string[]): Promise<{ configs: Record<string, string | null>; ignored: Set<string> }> {
  const configs: Record<string, string | null> = {}
  const ignored = new Set<string>()
  for (const file of paths) {
    if (await eslint.isPathIgnored(file)) {
      ignored.add(file)
      configs[file] = ESLINTRC
      continue
    }
    try {
      await eslint.calculateConfigForFile(file)
      configs[file] = ESLINTRC
    } catch (error) {
      if ((error as { messageTemplate?: unknown }).messageTemplate !== 'no-config-found') throw error
      configs[file] = null
    }
  }
  return { configs, ignored }
}

/** Only the fields the gate reads: a plugin's extra properties never cross the pipe. */
function pick(m: WorkerMessage): WorkerMessage {
  const out: WorkerMessage = { ruleId: m.ruleId ?? null, severity: m.severity, message: String(m.message) }
  for (const key of ['messageId', 'fatal', 'line', 'column', 'endLine', 'endColumn'] as const) {
    if (m[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = m[key]
  }
  return out
}

/** The lowest ESLint major the gate runs (ESLint 8 through its eslintrc class or FlatESLint). */
const MIN_MAJOR = 8

async function lint({ ESLint, mode }: LoadedEslint, request: WorkerRequest): Promise<WorkerResponse> {
  const version = String(ESLint.version)
  if (!(Number.parseInt(version, 10) >= MIN_MAJOR)) return { ok: true, version, mode, configs: {}, results: [], fromTree: 0, docs: {} }
  const eslint = new ESLint({
    cwd: request.cwd,
    cache: true,
    cacheLocation: request.cacheLocation,
    // Content hashes, not mtimes: checkouts and rebases touch mtimes without changing files.
    cacheStrategy: 'content',
    errorOnUnmatchedPattern: false,
    // Files the config ignores (or has no config block for) are silently left out, not warned.
    // The eslintrc class has no such option (ignored files are left out by isPathIgnored).
    ...(mode === 'flat' ? { warnIgnored: false } : {}),
    // Changed paths are literal; `src/[id].ts` must not be read as a glob.
    globInputPaths: false,
  })
  const paths = [...request.files, ...request.texts.map((t) => t.filePath)]
  let configs: Record<string, string | null>
  let ignored = new Set<string>()
  if (mode === 'flat') configs = await findConfigs(eslint, paths)
  else {
    try {
      ;({ configs, ignored } = await eslintrcConfigs(eslint, paths))
    } catch (error) {
      // Every file counts as configured, so the gate reports the failure rather than "no config".
      configs = Object.fromEntries(paths.map((p) => [p, ESLINTRC]))
      return { ok: false, stage: 'lint', version, mode, configs, error: error instanceof Error ? error.message : String(error) }
    }
  }
  const files = request.files.filter((f) => configs[f] !== null && !ignored.has(f))
  const texts = request.texts.filter((t) => configs[t.filePath] !== null && t.text !== null && !ignored.has(t.filePath))
  const results: EslintResult[] = []
  let fromTree = 0
  try {
    if (files.length > 0) results.push(...(await eslint.lintFiles(files)))
    for (const t of texts) {
      // An ignored file gives no result, as with lintFiles.
      const linted = await eslint.lintText(t.text!, { filePath: t.filePath, warnIgnored: false })
      fromTree += linted.length
      results.push(...linted)
    }
  } catch (error) {
    return { ok: false, stage: 'lint', version, mode, configs, error: error instanceof Error ? error.message : String(error) }
  }
  const meta = eslint.getRulesMetaForResults(results)
  const docs: Record<string, string> = {}
  for (const m of results.flatMap((r) => r.messages)) {
    const url = m.ruleId === null ? undefined : meta[m.ruleId]?.docs?.url
    if (m.ruleId !== null && typeof url === 'string') docs[m.ruleId] = url
  }
  return { ok: true, version, mode, configs, results: results.map((r) => ({ filePath: r.filePath, messages: r.messages.map(pick) })), fromTree, docs }
}

/** JSON with every character outside printable ASCII escaped, so no output cleaning (control sequences, encodings) can alter it. */
function asciiJson(value: unknown): string {
  return stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * Loads the root's flat config (and the plugins it imports) before the request arrives, with a
 * throwaway instance that has no cache: Node keeps the imported modules (ESLint imports a config
 * by path and mtime), so the real instance finds them loaded. A config that throws here throws
 * again when linting, where it is reported.
 */
async function preloadConfig({ ESLint, mode }: LoadedEslint, root: string): Promise<void> {
  if (mode !== 'flat' || !(Number.parseInt(String(ESLint.version), 10) >= 9)) return
  await new ESLint({ cwd: root }).calculateConfigForFile(join(root, 'proofgate-warm-up.js'))
}

async function main(): Promise<void> {
  // V8's on-disk code cache, as ESLint's own bin does: ESLint and the config's plugins load faster.
  ;(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.()
  const [entry, root] = process.argv.slice(2)
  // ESLint loads while the gate is still computing what to lint (the warm-up).
  const loading = entry === undefined ? Promise.reject(new Error('no ESLint entry given')) : loadEslint(entry, root)
  loading.catch(() => undefined)
  const preloading = root === undefined ? Promise.resolve() : loading.then((loaded) => preloadConfig(loaded, root)).catch(() => undefined)
  const request = await readRequest()
  let response: WorkerResponse
  try {
    const loaded = await loading
    await preloading
    response = await lint(loaded, request)
  } catch (error) {
    response = { ok: false, stage: 'load', error: error instanceof Error ? error.message : String(error) }
  }
  // A plugin's open handle (a watcher, a timer) must not keep the worker, and so the gate, waiting.
  writeStdout(`\n${request.begin}\n${asciiJson(response)}\n${request.end}\n`, () => exit(0))
}

main().catch((error: unknown) => {
  process.stderr.write(`proofgate eslint worker: ${error instanceof Error ? error.message : String(error)}\n`)
  exit(3)
})
