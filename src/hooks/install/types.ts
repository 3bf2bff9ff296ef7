// What install, uninstall and install --check return, the hook names and managers, and what
// every manager's module shares: where proofgate's binary is and the note when it is missing.
import { join } from 'node:path'

/** The git hooks proofgate ships (`hooks/<name>` in the package). */
export type HookName = 'pre-push' | 'pre-commit'
/** Every {@link HookName}, in the order results list them. */
export const HOOK_NAMES: readonly HookName[] = ['pre-push', 'pre-commit']

/**
 * Who runs the repository's hooks, in the order {@link installHooks} looks: husky (core.hooksPath
 * `.husky/_` or a `.husky/` directory), lefthook (a lefthook YAML config), `hooks-path` (another
 * core.hooksPath) or plain `git` (`.git/hooks`, worktree-aware).
 */
export type HookManager = 'husky' | 'lefthook' | 'hooks-path' | 'git'

/**
 * What install or uninstall did to one hook. `created`: a file proofgate wrote (in git mode an
 * existing hook was moved aside and chained, see `detail`); `added`: proofgate's lines inserted
 * into the manager's file; `updated`: an outdated copy replaced; `unchanged`: already there;
 * `removed`: proofgate's file or lines taken out; `restored`: the chained hook moved back;
 * `absent`: nothing of proofgate's to remove.
 */
export interface HookChange {
  hook: HookName
  /** Absolute path of the file changed (or looked at). */
  file: string
  action: 'created' | 'added' | 'updated' | 'unchanged' | 'removed' | 'restored' | 'absent'
  detail?: string
}

/** What {@link installHooks} or {@link uninstallHooks} did, one change per hook. */
export interface InstallResult {
  manager: HookManager
  /** Absolute: the `.husky` directory, the lefthook config file, or the hooks directory. */
  target: string
  changes: HookChange[]
  /** What the user still has to do or should know (run `npx husky`, a chained hook not executable…). */
  notes: string[]
}

/** One hook as `proofgate install --check` sees it. */
export interface HookCheck {
  hook: HookName
  /** proofgate's file, lines or entry is where the detected manager looks. */
  installed: boolean
  /** Installed, and git will run it: the manager is wired into git, files executable, node found. */
  working: boolean
  /** Absolute: the hook file, husky file or lefthook config looked at. */
  file: string
  /** Sentences, each with its remedy; empty when the hook works. */
  problems: string[]
}

/** What {@link checkHooks} found, one {@link HookCheck} per hook name. */
export interface HookCheckResult {
  manager: HookManager
  /** Every installed hook works and at least one is installed. */
  ok: boolean
  hooks: HookCheck[]
  /** Not problems, but worth saying (npx will be used, an outdated copy). */
  notes: string[]
}

export const PROOFGATE_BIN = join('node_modules', '.bin', 'proofgate')

/**
 * How proofgate is added to a project today: from its git tag (the committed dist/ makes it run
 * without a build). `npm install -D proofgate` works only once it is published on the registry.
 */
export const INSTALL_PROOFGATE = 'npm install -D github:proofgate/proofgate#v0'

/** What to tell the user when node_modules/.bin/proofgate is missing, for the manager that runs it. */
export function missingBinaryNote(manager: HookManager): string {
  return manager === 'git'
    ? `${PROOFGATE_BIN} is missing, so the hooks will run npx --no-install proofgate: add proofgate to devDependencies (${INSTALL_PROOFGATE})`
    : `${PROOFGATE_BIN} is missing, and ${manager} runs that one: add proofgate to devDependencies (${INSTALL_PROOFGATE})`
}
