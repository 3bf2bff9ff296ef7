// The CLI: argv → Settings → run → exit code. The only try/catch that turns an error into an
// exit code lives here; nothing below it calls process.exit.
import { resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { openRepository, recordRunStart, trackedStatePaths } from '../changes/git.js'
import { configJsonSchema, loadConfig } from '../config/load.js'
import { FILTER_MODES, type FilterMode } from '../config/schema.js'
import { ExitCode, ProofgateError, formatError } from '../errors.js'
import { GATE_IDS, SEVERITIES, type GateId, type Severity } from '../findings/types.js'
import { GATES } from '../gates/index.js'
import { recordScope } from '../config/scope.js'
import { appendEvents } from '../journal/journal.js'
import { htmlReporter } from '../reporters/html.js'
import { jsonReporter } from '../reporters/json.js'
import { nextReporter } from '../reporters/next.js'
import { sarifReporter } from '../reporters/sarif.js'
import { terminalReporter, useColour, type TerminalOptions } from '../reporters/terminal.js'
import { liveProgress, progressReporter } from '../reporters/progress.js'
import { runProofgate, type Settings } from '../runner/run.js'
import { runRelease } from '../runner/release.js'
import { listChecklist, renderChecklist } from './checklist.js'
import type { Reporter } from '../runner/types.js'
import { checkStateDirectory, stateDir } from '../util/state.js'
import { VERSION } from '../version.js'
import { planOutput, writeOutput } from './output.js'
import { prefixLines, runHook } from '../hooks/hook.js'
import { renderDoctor, runDoctor } from '../loop/doctor.js'
import { buildHealth, renderHealth, thresholdsOf } from '../loop/health.js'
import { buildHistory, renderHistory } from '../loop/history.js'
import { readJournalRuns } from '../loop/journal-runs.js'
import { checkHooks, HOOK_NAMES, installHooks, uninstallHooks, type HookName, type InstallResult } from '../hooks/install.js'
import { stringify } from 'yaml'
import { formatInit, runInit } from '../init/init.js'

/** What the CLI reads and writes, so tests and other entry points can drive it in-process. */
export interface CliIO {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown; isTTY?: boolean }
  /** Reads stdin whole (git's pre-push input); absent means empty. */
  readStdin?(): Promise<string>
  signal?: AbortSignal
}

/** One command of the help text: the name in a 20-column field, the text wrapped at 90 columns under it. */
function helpEntry(name: string, text: string): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && 22 + line.length + 1 + word.length > 90) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line].map((l, i) => `${i === 0 ? `  ${name.padEnd(20)}` : ' '.repeat(22)}${l}`).join('\n')
}

/** The `--help` text; the usage block of docs/cli.md must equal it (test/unit/docs/readme.test.ts). */
export const USAGE = `Usage: proofgate <command> [options]

Commands:
  run                 Run the gates on the change set and print a verdict (the default)
${helpEntry(
  'scan [--all]',
  `Run the gates that can read the whole repository (${GATES.filter((g) => g.meta.scansAll === true)
    .map((g) => g.id)
    .join(', ')}) on the change set, or with --all on every test file, source file, package and Markdown file`,
)}
  start               Record the run-start commit and time in .proofgate/run-start.json, and
                      the scope lock (config with --config FILE and env overrides, proof
                      commands) in .proofgate/scope.json; the proof gate reports changes to it
  init [--dry-run]    Set proofgate up once: .proofgate.yml, the .gitignore lines, the pre-push
                      hook and .github/workflows/proofgate.yml for the detected setup; never
                      overwrites (prints the diff instead); --dry-run writes nothing
  install [HOOK...]   Install git hooks: pre-push (the default) and/or pre-commit, through
                      husky, lefthook, core.hooksPath or .git/hooks; existing hooks are chained
  install --check     Tell whether the hooks are installed and would run (exit 1 when not)
  uninstall           Remove exactly what install added
  hook HOOK [ARGS]    What the hooks run: pre-push (reads git's ref lines on stdin) or
                      pre-commit (the staged content); PROOFGATE_SKIP=1 skips, recorded
  config schema       Print the JSON Schema of .proofgate.yml (for editors)
  config print        Print the resolved configuration, defaults included
  history             Attempts per change, first-attempt pass rate, recurring failures and the
                      files most involved, from the journal (--branch B, --since DATE)
  health              The gate's own health over --window-hours (default 24): run volume,
                      blocked ratio and drift, gate error rates, skips, stale waivers
  doctor              Check that the loop is closed: hook, pull-request workflow, required
                      check, tests that ran, config, a run in the last 7 days (exit 1 when not)
  checklist           List the visible items of .proofgate/checklist.yml and their last status
  release [--tag TAG] Run every gate from the previous release tag (else the root commit) to
                      TAG (else HEAD), with the checklist's held-out items; writes
                      .proofgate/release-report.json

Options for run and scan:
  --base REV          Compare against REV (base.source: explicit)
  --head REV          Check the commit REV instead of HEAD plus the working tree
  --gates a,b         Run only these gates (${GATES.map((g) => g.id).join(', ')})
  --filter-mode MODE  added (default) | diff_context | file | nofilter
  --fail-on SEVERITY  Lowest severity that blocks: critical | high (default) | medium | low | info
  --format FORMAT     terminal (default) | json | sarif | html (one self-contained page);
                      doctor, history, health: terminal | json
  --output FILE       Write the report to FILE instead of stdout
  --strict-warnings   Exit 2 when the worst finding is medium (verdict warn); health: when a
                      check warns
  --config FILE       Config file relative to the repository root (default .proofgate.yml)
  --max-findings N    Print at most N findings on the terminal, then how many more
  --verbose           Print each gate's decisions and phase timings to stderr
  --all               scan only: the whole repository, not the change set
  --check             install only: check the installed hooks instead of installing
  --dry-run           init only: print what init would do, write nothing
  --tag TAG           release only: the tag to release (default HEAD)
  --checklist-file F  release only: an external checklist, every item held out, never
                      written to the repository (or PROOFGATE_CHECKLIST_FILE)

  -h, --help          Show this help
  -v, --version       Print the version

Exit codes: 0 pass · 1 blocked · 2 warnings failed under --strict-warnings ·
            64 usage error · 70 internal error · 74 output failed ·
            75 try again (state locked) · 78 configuration error
`

const OPTIONS = {
  base: { type: 'string' },
  head: { type: 'string' },
  gates: { type: 'string' },
  'filter-mode': { type: 'string' },
  'fail-on': { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'strict-warnings': { type: 'boolean' },
  all: { type: 'boolean' },
  config: { type: 'string' },
  'max-findings': { type: 'string' },
  verbose: { type: 'boolean' },
  check: { type: 'boolean' },
  branch: { type: 'string' },
  since: { type: 'string' },
  'window-hours': { type: 'string' },
  'dry-run': { type: 'boolean' },
  tag: { type: 'string' },
  'checklist-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options']

function usageError(message: string): ProofgateError {
  return new ProofgateError('PG_USAGE', message, { hint: 'proofgate --help lists commands and options' })
}

/**
 * proofgate's own words for a parseArgs error (whose wording, stray quote included, is Node's):
 * `unknown option '--x'; see proofgate --help`.
 */
export function parseArgsMessage(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code
  const message = error instanceof Error ? error.message : String(error)
  const option = /'(-{1,2}[^\s']+)/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option '${option}'; see proofgate --help`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    const name = option.replace(/^-+/, '')
    const takesValue = (OPTIONS as Record<string, { type: string }>)[name]?.type === 'string'
    return takesValue ? `option '${option}' needs a value: ${option} VALUE; see proofgate --help` : `option '${option}' takes no value; see proofgate --help`
  }
  return `${message.replace(/\.$/, '')}; see proofgate --help`
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) throw usageError(`Invalid ${name} '${value}': expected one of ${allowed.join(', ')}.`)
  return value as T
}

function parseGates(value: string | undefined): GateId[] | undefined {
  if (value === undefined) return undefined
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (ids.length === 0) throw usageError(`Invalid --gates '${value}': expected a comma-separated list of gate ids.`)
  for (const id of ids) {
    if (!(GATE_IDS as readonly string[]).includes(id)) throw usageError(`Unknown gate '${id}': expected one of ${GATES.map((g) => g.id).join(', ')}.`)
    if (!GATES.some((g) => g.id === id))
      throw usageError(`The ${id} gate is not available in proofgate ${VERSION} yet; available: ${GATES.map((g) => g.id).join(', ')}.`)
  }
  return ids as GateId[]
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values']

/** Validates `run` options into Settings (reporters added by the caller). */
export function toSettings(
  values: Values,
  io: CliIO,
): Omit<Settings, 'reporters' | 'warn'> & { format: 'terminal' | 'json' | 'sarif' | 'html'; output?: string } {
  const format = oneOf('--format', values.format, ['terminal', 'json', 'sarif', 'html'] as const) ?? 'terminal'
  const filterMode = oneOf<FilterMode>('--filter-mode', values['filter-mode'], FILTER_MODES)
  const failOn = oneOf<Severity>('--fail-on', values['fail-on'], SEVERITIES)
  const gates = parseGates(values.gates)
  for (const name of ['base', 'head'] as const) {
    const rev = values[name]
    if (rev !== undefined && (rev === '' || rev.startsWith('-'))) throw usageError(`Invalid --${name} '${rev}': expected a commit, branch or tag.`)
    // A range would be read by git as one revision (or rejected with git's own words).
    if (rev !== undefined && rev.includes('..')) {
      throw usageError(`Invalid --${name} '${rev}': expected one commit, branch or tag, not a range; pass the ends separately: --base A --head B.`)
    }
  }
  if (values.output === '') throw usageError("Invalid --output '': expected a file path.")
  if (values.config === '') throw usageError("Invalid --config '': expected a file path relative to the repository root.")
  return {
    cwd: io.cwd,
    env: io.env,
    strictWarnings: values['strict-warnings'] === true,
    format,
    ...(values.output === undefined ? {} : { output: values.output }),
    ...(values.base === undefined ? {} : { base: values.base }),
    ...(values.head === undefined ? {} : { head: values.head }),
    ...(gates === undefined ? {} : { gates }),
    ...(filterMode === undefined ? {} : { filterMode }),
    ...(failOn === undefined ? {} : { failOn }),
    ...(values.config === undefined ? {} : { configFile: values.config }),
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  }
}

/** `--max-findings N` (a positive integer) as the terminal reporter's options. */
function terminalOptions(values: Values): TerminalOptions {
  const raw = values['max-findings']
  if (raw === undefined) return {}
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw usageError(`Invalid --max-findings '${raw}': expected a positive whole number.`)
  return { maxFindings: Number(raw) }
}

async function commandRun(values: Values, io: CliIO, scan = false): Promise<number> {
  const { format, output, ...parsed } = toSettings(values, io)
  if (values.all === true && !scan) throw usageError('--all belongs to scan: proofgate scan --all.')
  // A directory or dangling link as --output fails now, not after every gate has run.
  const outputFile = output === undefined ? undefined : resolve(io.cwd, output)
  if (outputFile !== undefined) await planOutput(outputFile)
  const scope = scan && values.all === true ? ('all' as const) : ('changes' as const)
  const settings = {
    ...parsed,
    // A scan of every file needs no base; HEAD keeps the change set to the working tree.
    ...(scope === 'all' && parsed.base === undefined ? { base: 'HEAD', baseSource: 'scan' as const } : {}),
    ...(scan ? { scope, gates: parsed.gates ?? GATES.filter((g) => g.meta.scansAll === true).map((g) => g.id) } : {}),
  }
  if (scan && (settings.gates ?? []).some((id) => GATES.find((g) => g.id === id)?.meta.scansAll !== true)) {
    throw usageError(
      `scan runs only ${GATES.filter((g) => g.meta.scansAll === true)
        .map((g) => g.id)
        .join(', ')}; use run for the other gates.`,
    )
  }
  const { reporters, chunks } = reportersFor(format, output, values, io)
  reporters.push(nextReporter())
  const result = await runProofgate({
    ...settings,
    reporters,
    warn: (m) => void io.stderr.write(`proofgate: warning: ${m}\n`),
    ...(values.verbose === true ? { debug: (m: string) => void io.stderr.write(`proofgate: ${m}\n`) } : {}),
  })
  if (outputFile !== undefined) await writeOutput(outputFile, chunks.join(''))
  return result.exitCode
}

/** The reporters of `--format` (and the terminal beside `--output`); `chunks` collects what goes to `--output`. */
function reportersFor(
  format: ReturnType<typeof toSettings>['format'],
  output: string | undefined,
  values: Values,
  io: CliIO,
): { reporters: Reporter[]; chunks: string[] } {
  const chunks: string[] = []
  const toOutput = (text: string): void => {
    chunks.push(text)
  }
  const sink = output === undefined ? (text: string) => void io.stdout.write(text) : toOutput
  const reporters: Reporter[] = [
    // Progress on stderr, first so its live lines are erased before the report; never beside JSON or SARIF.
    ...(format === 'terminal'
      ? [progressReporter({ write: (t) => void io.stderr.write(t), live: liveProgress(io.stderr, io.env), prefix: 'proofgate: ' })]
      : []),
    format === 'json'
      ? jsonReporter(sink)
      : format === 'sarif'
        ? sarifReporter(sink)
        : format === 'html'
          ? htmlReporter(sink)
          : terminalReporter(sink, output === undefined && useColour(io.stdout, io.env), terminalOptions(values)),
  ]
  // With --output, people still see the verdict on the terminal.
  if (output !== undefined && format !== 'terminal')
    reporters.push(terminalReporter((t) => void io.stdout.write(t), useColour(io.stdout, io.env), terminalOptions(values)))
  return { reporters, chunks }
}

/** `proofgate release`: every gate over the release range with the held-out items (runner/release.ts); no next.json/next.md. */
async function commandRelease(values: Values, io: CliIO): Promise<number> {
  for (const name of ['base', 'head', 'gates', 'all'] as const) {
    if (values[name] !== undefined)
      throw usageError(`--${name} does not apply to release: the range is the previous release tag (else the root commit) to --tag (else HEAD).`)
  }
  if (values.tag !== undefined && (values.tag === '' || values.tag.startsWith('-') || values.tag.includes('..')))
    throw usageError(`Invalid --tag '${values.tag}': expected the name of a local tag.`)
  if (values['checklist-file'] === '') throw usageError("Invalid --checklist-file '': expected a file path.")
  const { format, output, base: _base, head: _head, ...parsed } = toSettings(values, io)
  void _base
  void _head
  const outputFile = output === undefined ? undefined : resolve(io.cwd, output)
  if (outputFile !== undefined) await planOutput(outputFile)
  const { reporters, chunks } = reportersFor(format, output, values, io)
  const result = await runRelease({
    ...parsed,
    ...(values.tag === undefined ? {} : { tag: values.tag }),
    ...(values['checklist-file'] === undefined ? {} : { checklistFile: values['checklist-file'] }),
    reporters,
    warn: (m) => void io.stderr.write(`proofgate: warning: ${m}\n`),
    ...(values.verbose === true ? { debug: (m: string) => void io.stderr.write(`proofgate: ${m}\n`) } : {}),
  })
  if (outputFile !== undefined) await writeOutput(outputFile, chunks.join(''))
  return result.exitCode
}

/** `proofgate checklist [--format json]`: the visible items and their last status. */
async function commandChecklist(values: Values, io: CliIO): Promise<number> {
  const format = oneOf('--format', values.format, ['terminal', 'json'] as const) ?? 'terminal'
  const { listing, warnings } = await listChecklist(io.cwd, { env: io.env, ...(values.config === undefined ? {} : { configFile: values.config }) })
  for (const warning of warnings) io.stderr.write(`proofgate: warning: ${warning}\n`)
  io.stdout.write(format === 'json' ? JSON.stringify(listing, null, 2) + '\n' : renderChecklist(listing))
  return ExitCode.pass
}

async function commandStart(values: Values, io: CliIO): Promise<number> {
  // The config is read first: an invalid one records nothing (exit 78).
  const repo = await openRepository(io.cwd)
  const loaded = await loadConfig(repo.root, { ...(values.config === undefined ? {} : { file: values.config }), env: io.env })
  // Nothing is recorded through a planted symlink or over committed state.
  await checkStateDirectory(repo.root, await trackedStatePaths(repo))
  const { root, sha, branch, startedAt } = await recordRunStart(io.cwd)
  // The scope lock: later runs of the proof gate report every difference from it (scope-changed).
  const scope = await recordScope(stateDir(root), { sha, configFile: loaded.file, config: loaded.config })
  await appendEvents(stateDir(root), [
    { runId: 'start', type: 'run-start-recorded', sha, ...(branch === undefined ? {} : { branch }) },
    {
      runId: 'start',
      type: 'scope-recorded',
      sha,
      configFile: scope.configFile,
      configHash: scope.configHash,
      proofHash: scope.proofHash,
      proofCommands: scope.proof.length,
    },
  ])
  io.stdout.write(`proofgate - run start recorded: ${sha.slice(0, 12)}${branch === undefined ? ' (detached)' : ` on ${branch}`} at ${startedAt}\n`)
  io.stdout.write(
    `proofgate - scope recorded in .proofgate/scope.json: ${scope.configFile ?? 'default configuration'} (${scope.configHash.slice(0, 12)}), ${scope.proof.length} proof command${scope.proof.length === 1 ? '' : 's'}\n`,
  )
  io.stdout.write(`proofgate - later runs compare against it (base.source: run-start) until you run proofgate start again\n`)
  return ExitCode.pass
}

async function commandConfig(sub: string | undefined, values: Values, io: CliIO): Promise<number> {
  if (sub === 'schema') {
    io.stdout.write(JSON.stringify(configJsonSchema(), null, 2) + '\n')
    return ExitCode.pass
  }
  if (sub === 'print') {
    const repo = await openRepository(io.cwd)
    const loaded = await loadConfig(repo.root, { ...(values.config === undefined ? {} : { file: values.config }), env: io.env })
    io.stdout.write(`# resolved from ${loaded.file ?? 'defaults (no .proofgate.yml)'}\n`)
    io.stdout.write(stringify(loaded.config))
    return ExitCode.pass
  }
  throw usageError(`Unknown config command '${sub ?? ''}': expected schema or print.`)
}

function printInstall(result: InstallResult, io: CliIO): void {
  const where = { husky: 'husky', lefthook: 'lefthook', 'hooks-path': 'core.hooksPath', git: 'git hooks directory' }[result.manager]
  for (const change of result.changes) {
    io.stdout.write(`proofgate - ${change.hook}: ${change.action} ${change.file} (${where})${change.detail === undefined ? '' : `: ${change.detail}`}\n`)
  }
  for (const note of result.notes) io.stdout.write(`proofgate - note: ${note}\n`)
}

async function commandInstall(rest: string[], values: Values, io: CliIO): Promise<number> {
  for (const name of rest) {
    if (!(HOOK_NAMES as readonly string[]).includes(name)) throw usageError(`Unknown hook '${name}': expected ${HOOK_NAMES.join(' or ')}.`)
  }
  if (values.check === true) {
    if (rest.length > 0) throw usageError('install --check checks every hook; it takes no hook names.')
    const report = await checkHooks(io.cwd, io.env)
    for (const hook of report.hooks) {
      const state = !hook.installed ? 'not installed' : hook.working ? 'installed and working' : 'installed but not working'
      io.stdout.write(`proofgate - ${hook.hook}: ${state} (${hook.file})\n`)
      for (const problem of hook.problems) io.stdout.write(`proofgate -   ${problem}\n`)
    }
    for (const note of report.notes) io.stdout.write(`proofgate - note: ${note}\n`)
    return report.ok ? ExitCode.pass : ExitCode.blocked
  }
  const hooks = rest.length === 0 ? (['pre-push'] as HookName[]) : (rest as HookName[])
  printInstall(await installHooks(io.cwd, hooks), io)
  return ExitCode.pass
}

async function commandDoctor(values: Values, io: CliIO): Promise<number> {
  const format = oneOf('--format', values.format, ['terminal', 'json'] as const) ?? 'terminal'
  const repo = await openRepository(io.cwd)
  const report = await runDoctor({ root: repo.root, env: io.env, ...(values.config === undefined ? {} : { configFile: values.config }) })
  io.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderDoctor(report))
  return report.ok ? ExitCode.pass : ExitCode.blocked
}

async function commandHistory(values: Values, io: CliIO): Promise<number> {
  const format = oneOf('--format', values.format, ['terminal', 'json'] as const) ?? 'terminal'
  const since = values.since === undefined ? undefined : Date.parse(values.since)
  if (since !== undefined && Number.isNaN(since))
    throw usageError(`Invalid --since '${values.since}': expected a date such as 2026-12-01 or 2026-12-01T08:00:00Z.`)
  if (values.branch === '') throw usageError("Invalid --branch '': expected a branch name.")
  const journal = await readJournalRuns((await openRepository(io.cwd)).root)
  for (const warning of journal.warnings) io.stderr.write(`proofgate: warning: ${warning}\n`)
  const report = buildHistory(journal, { ...(values.branch === undefined ? {} : { branch: values.branch }), ...(since === undefined ? {} : { since }) })
  io.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderHistory(report))
  return ExitCode.pass
}

async function commandHealth(values: Values, io: CliIO): Promise<number> {
  const format = oneOf('--format', values.format, ['terminal', 'json'] as const) ?? 'terminal'
  const root = (await openRepository(io.cwd)).root
  // The thresholds and the default window come from the working tree's .proofgate.yml (`loop.health`).
  const health = (await loadConfig(root, { ...(values.config === undefined ? {} : { file: values.config }), env: io.env })).config.loop.health
  const hours = values['window-hours'] === undefined ? health['window-hours'] : Number(values['window-hours'])
  if (!Number.isFinite(hours) || hours <= 0) throw usageError(`Invalid --window-hours '${values['window-hours']}': expected a positive number of hours.`)
  const journal = await readJournalRuns(root)
  for (const warning of journal.warnings) io.stderr.write(`proofgate: warning: ${warning}\n`)
  const report = buildHealth(journal, new Date(), hours, thresholdsOf(health))
  io.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderHealth(report))
  // Warnings inform; only --strict-warnings makes them fail (2), as for a run.
  return !report.healthy && values['strict-warnings'] === true ? ExitCode.warningsFailed : ExitCode.pass
}

async function commandUninstall(io: CliIO): Promise<number> {
  printInstall(await uninstallHooks(io.cwd), io)
  return ExitCode.pass
}

/**
 * Runs the CLI with `argv` (without node and the script) and returns the exit code.
 * Never throws: errors become a message on stderr and an exit code (64, 70, 78).
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  // A hook's every line starts with `proofgate - `, its errors included.
  let errors: { write(text: string): unknown; flush?(): void } = io.stderr
  try {
    let parsed
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
    } catch (error) {
      throw usageError(parseArgsMessage(error))
    }
    const { values, positionals } = parsed
    if (values.version === true) {
      io.stdout.write(`${VERSION}\n`)
      return ExitCode.pass
    }
    const [command = 'run', ...rest] = positionals
    if (values.check === true && command !== 'install') throw usageError('--check belongs to install: proofgate install --check.')
    if ((values.tag !== undefined || values['checklist-file'] !== undefined) && command !== 'release')
      throw usageError(`--${values.tag !== undefined ? 'tag' : 'checklist-file'} belongs to release: proofgate release --tag TAG.`)
    if (values['dry-run'] === true && command !== 'init') throw usageError('--dry-run belongs to init: proofgate init --dry-run.')
    if (values.help === true || command === 'help') {
      io.stdout.write(USAGE)
      return ExitCode.pass
    }
    switch (command) {
      case 'run':
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for run.`)
        return await commandRun(values, io)
      case 'scan':
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for scan.`)
        return await commandRun(values, io, true)
      case 'start':
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for start.`)
        return await commandStart(values, io)
      case 'config':
        return await commandConfig(rest[0], values, io)
      case 'hook': {
        const [name, ...hookArgs] = rest
        if (name !== 'pre-push' && name !== 'pre-commit') throw usageError(`Unknown hook '${name ?? ''}': expected pre-push or pre-commit.`)
        errors = prefixLines((t) => io.stderr.write(t))
        return await runHook(name, hookArgs, { ...io, readStdin: io.readStdin ?? (() => Promise.resolve('')) })
      }
      case 'init': {
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for init.`)
        const dryRun = values['dry-run'] === true
        io.stdout.write(formatInit(await runInit(io.cwd, { dryRun, env: io.env }), dryRun))
        return ExitCode.pass
      }
      case 'install':
        return await commandInstall(rest, values, io)
      case 'history':
      case 'health':
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for ${command}.`)
        return command === 'history' ? await commandHistory(values, io) : await commandHealth(values, io)
      case 'doctor':
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for doctor.`)
        return await commandDoctor(values, io)
      case 'checklist':
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for checklist.`)
        return await commandChecklist(values, io)
      case 'release':
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for release: pass the tag as --tag ${rest[0]}.`)
        return await commandRelease(values, io)
      case 'uninstall':
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for uninstall: it removes every hook install added.`)
        return await commandUninstall(io)
      default:
        throw usageError(`Unknown command '${command}'.`)
    }
  } catch (error) {
    if (error instanceof ProofgateError) {
      errors.write(formatError(error) + '\n')
      errors.flush?.()
      return error.exitCode
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    errors.write(`proofgate: internal error: ${detail}\n  hint: this is a bug in proofgate; please report it with the output above\n`)
    errors.flush?.()
    return ExitCode.internal
  }
}
