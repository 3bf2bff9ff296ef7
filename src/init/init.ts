// `proofgate init [--dry-run]`: the one command a team runs once. Detects the setup, then writes
// .proofgate.yml, the .gitignore lines, the workflow and the pre-push hook (through install's own
// code path). Plans everything before it writes anything; never overwrites a file: one that exists
// and differs is left alone and the diff init would make is printed.
import { existsSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { CONFIG_FILE_NAMES } from '../config/files.js'
import { checkHooks, installHooks, type InstallResult } from '../hooks/install.js'
import { detectSetup, type Setup } from './detect.js'
import { unifiedDiff } from './line-diff.js'
import { addCommand, describeSetup, GITIGNORE_HEADER, GITIGNORE_LINES, renderConfig, renderWorkflow } from './templates.js'
import { appendManaged, createManaged, readManaged } from './write.js'

/** What init does (or would do) to one file. */
export type FileStep =
  | { file: string; action: 'create'; text: string }
  | { file: string; action: 'append'; text: string; lines: number }
  | { file: string; action: 'unchanged' }
  /** The file exists and differs from what init would write: left alone, `diff` shows the difference. */
  | { file: string; action: 'differs'; diff: string }

/** The outcome of {@link runInit}, for tests and callers that print it themselves. */
export interface InitResult {
  setup: Setup
  files: FileStep[]
  /** What install did, or in a dry run null (see `hookInstalled`). */
  hook: InstallResult | null
  /** The pre-push hook was already installed before this run. */
  hookInstalled: boolean
  notes: string[]
}

export const WORKFLOW_FILE = '.github/workflows/proofgate.yml'

/** A file init owns whole: created when absent, unchanged when equal, left alone (with its diff) when it differs. */
async function planWhole(root: string, file: string, text: string): Promise<FileStep> {
  const current = await readManaged(root, file)
  if (current === null) return { file, action: 'create', text }
  if (current === text) return { file, action: 'unchanged' }
  return { file, action: 'differs', diff: unifiedDiff(file, current, text) }
}

/** A line that ignores all of `.proofgate/`, which a `!` line below cannot re-include from. */
const WHOLE_DIR = /^\/?\.proofgate\/?$/

/** `.gitignore`: appends the lines it lacks (never edits or removes one). */
async function planGitignore(root: string, notes: string[]): Promise<FileStep> {
  const current = await readManaged(root, '.gitignore')
  const lines = (current ?? '').split('\n').map((l) => l.trim())
  const whole = lines.findIndex((l) => WHOLE_DIR.test(l))
  if (whole >= 0) {
    notes.push(
      `.gitignore line ${whole + 1} ignores all of .proofgate/, so .proofgate/waivers.yml cannot be committed; replace it with ${GITIGNORE_LINES.join(' ')} when you add waivers`,
    )
    return { file: '.gitignore', action: 'unchanged' }
  }
  const missing = GITIGNORE_LINES.filter((line) => !lines.includes(line))
  if (missing.length === 0) return { file: '.gitignore', action: 'unchanged' }
  const block = [GITIGNORE_HEADER, ...missing].join('\n') + '\n'
  if (current === null) return { file: '.gitignore', action: 'create', text: block }
  const separator = current === '' || current.endsWith('\n') ? '' : '\n'
  return { file: '.gitignore', action: 'append', text: separator + block, lines: missing.length + 1 }
}

/**
 * Runs `proofgate init` in the repository around `cwd`: detects the setup, plans the files, and
 * unless `dryRun` writes them and installs the pre-push hook with {@link installHooks}.
 * @throws ProofgateError PG_NOT_A_GIT_REPO; PG_INIT_UNSAFE when a file it manages (or a directory
 *   on the way) is a symbolic link or not a regular file, before anything is written; the
 *   errors of installHooks (PG_HOOK_CONFLICT, PG_HOOK_UNSAFE, PG_HOOK_CONFIG_INVALID).
 */
export async function runInit(cwd: string, options: { dryRun: boolean; env: NodeJS.ProcessEnv }): Promise<InitResult> {
  const setup = await detectSetup(cwd)
  const { root } = setup
  const notes = [...setup.notes]
  const configFile = CONFIG_FILE_NAMES.find((name) => existsSync(join(root, name))) ?? CONFIG_FILE_NAMES[0]
  const files = [
    await planWhole(root, configFile, renderConfig(setup)),
    await planGitignore(root, notes),
    await planWhole(root, WORKFLOW_FILE, renderWorkflow(setup)),
  ]
  const check = await checkHooks(cwd, options.env)
  const hookInstalled = check.hooks.some((h) => h.hook === 'pre-push' && h.installed)
  if (options.dryRun) return { setup, files, hook: null, hookInstalled, notes }
  for (const step of files) {
    if (step.action === 'create') await createManaged(root, step.file, step.text)
    if (step.action === 'append') await appendManaged(root, step.file, step.text)
  }
  const hook = await installHooks(cwd, ['pre-push'])
  return { setup, files, hook, hookInstalled, notes }
}

const WHERE = { husky: 'husky', lefthook: 'lefthook', 'hooks-path': 'core.hooksPath', git: 'git hooks directory' } as const

/** One line per file step, and a dry run's or a differing file's diff under it. */
function fileLines(step: FileStep, dryRun: boolean): string[] {
  const would = (done: string, planned: string): string => (dryRun ? planned : done)
  switch (step.action) {
    case 'create':
      return [`${would('created', 'would create')} ${step.file}`, ...(dryRun ? [unifiedDiff(step.file, null, step.text).trimEnd()] : [])]
    case 'append':
      return [
        `${would('added', 'would add')} ${step.lines} lines to ${step.file}`,
        ...(dryRun
          ? step.text
              .replace(/^\n/, '')
              .trimEnd()
              .split('\n')
              .map((l) => `+${l}`)
          : []),
      ]
    case 'unchanged':
      return [`${step.file} is already set up`]
    case 'differs':
      return [`left ${step.file} alone: it exists and differs from what init writes; the change it would make:`, step.diff.trimEnd()]
  }
}

function hookLines(result: InitResult, dryRun: boolean): string[] {
  const { setup } = result
  if (dryRun) {
    return [
      result.hookInstalled
        ? `pre-push: already installed (${WHERE[setup.hooks.manager]})`
        : `pre-push: would install through ${WHERE[setup.hooks.manager]} (${setup.hooks.target}), as proofgate install does`,
    ]
  }
  const hook = result.hook as InstallResult
  const shown = (file: string): string => {
    const rel = relative(setup.root, file)
    return rel.startsWith('..') ? file : rel.split(sep).join('/')
  }
  return [
    ...hook.changes.map((c) => `${c.hook}: ${c.action} ${shown(c.file)} (${WHERE[hook.manager]})${c.detail === undefined ? '' : `: ${c.detail}`}`),
    ...hook.notes.map((n) => `note: ${n}`),
  ]
}

/** True when the run changed (or would change) nothing: every file set up and the hook installed. */
export function nothingToDo(result: InitResult): boolean {
  const hookDone = result.hook === null ? result.hookInstalled : result.hook.changes.every((c) => c.action === 'unchanged')
  return hookDone && result.files.every((f) => f.action === 'unchanged')
}

/**
 * The text init prints: the detected setup, one line per file and for the hook (`proofgate init - `
 * first), notes, and the next step, or "nothing to do" when everything was already there.
 */
export function formatInit(result: InitResult, dryRun: boolean): string {
  const prefix = (line: string): string => `proofgate init - ${line}`
  const out = [prefix(`detected in ${result.setup.root}:`), ...describeSetup(result.setup).map(([label, value]) => `  ${label.padEnd(17)}${value}`)]
  for (const step of result.files) {
    const [first = '', ...rest] = fileLines(step, dryRun)
    out.push(prefix(first), ...rest)
  }
  out.push(...hookLines(result, dryRun).map(prefix), ...result.notes.map((n) => prefix(`note: ${n}`)))
  if (nothingToDo(result)) {
    out.push(prefix('nothing to do: proofgate is already set up here'))
    return out.join('\n') + '\n'
  }
  const touched = result.files.filter((f) => f.action === 'create' || f.action === 'append').map((f) => f.file)
  // husky's and lefthook's files live in the work tree: the team gets the hook when they are committed.
  const hook = result.hook
  if (hook !== null && (hook.manager === 'husky' || hook.manager === 'lefthook')) {
    for (const change of hook.changes) if (change.action !== 'unchanged') touched.push(relative(result.setup.root, change.file).split(sep).join('/'))
  }
  if (dryRun) out.push(prefix('dry run: nothing was written; run proofgate init to do the above'))
  const steps = [
    ...(result.setup.proofgateInstalled ? [] : [`add proofgate to devDependencies: ${addCommand(result.setup.packageManager.name)}`]),
    ...(touched.length === 0 ? [] : [`commit ${dryRun ? 'them' : 'what init wrote'}: git add ${touched.join(' ')} && git commit -m "Add proofgate"`]),
    'push: the pre-push hook runs proofgate first, and pull requests get the proofgate check',
  ]
  out.push(prefix('next:'), ...steps.map((s, i) => `  ${i + 1}. ${s}`))
  return out.join('\n') + '\n'
}
