// `proofgate install|uninstall|install --check`: puts proofgate's git hooks where the repository's
// hook manager looks (husky, lefthook, core.hooksPath, .git/hooks), removes exactly what it added.
// The work is in install/: locate.ts (which manager), husky.ts, lefthook.ts, scripts.ts
// (core.hooksPath and .git/hooks), check.ts (install --check); this module dispatches.
import { ProofgateError } from '../errors.js'
import { installHusky, uninstallHusky } from './install/husky.js'
import { installLefthook, uninstallLefthook } from './install/lefthook.js'
import { locate } from './install/locate.js'
import { installScripts, uninstallScripts } from './install/scripts.js'
import { HOOK_NAMES, type HookName, type InstallResult } from './install/types.js'

export { checkHooks } from './install/check.js'
export { packageHooksDir } from './install/scripts.js'
export { HOOK_NAMES, type HookChange, type HookCheck, type HookCheckResult, type HookManager, type HookName, type InstallResult } from './install/types.js'

function parseHookNames(hooks: readonly HookName[]): HookName[] {
  for (const hook of hooks) {
    if (!HOOK_NAMES.includes(hook)) {
      throw new ProofgateError('PG_USAGE', `Unknown hook '${String(hook)}': expected ${HOOK_NAMES.join(' or ')}.`, {
        hint: 'proofgate install pre-push pre-commit',
      })
    }
  }
  if (hooks.length === 0) throw new ProofgateError('PG_USAGE', 'No hook to install.', { hint: 'proofgate install pre-push (or pre-commit)' })
  return HOOK_NAMES.filter((hook) => hooks.includes(hook))
}

/**
 * `proofgate install [hook…]`: adds proofgate to `hooks` where the repository's hook manager looks,
 * `cwd` being anywhere in a work tree (a linked worktree too). First match wins:
 * - husky (core.hooksPath `.husky`/`.husky/…`/`<dir>/_`, or a `.husky/` directory): two lines
 *   appended to `.husky/<hook>` (created 0o755 when absent); husky 9 runs it with `sh -e` and
 *   node_modules/.bin on PATH, so earlier lines run first and their failure stops git;
 * - lefthook (a YAML config at the root): a `proofgate` command (or, under `jobs:`, a job)
 *   inserted as text, the rest of the file kept byte for byte;
 * - core.hooksPath elsewhere (`hooks-path`) or `git rev-parse --git-path hooks` (`git`): a copy of
 *   the shipped script, 0o755, written atomically; a hook already there is moved to
 *   `<hook>.pre-proofgate` and run first (pre-commit's "migration mode").
 * Idempotent: a second run changes no byte and reports `unchanged`.
 * @throws ProofgateError PG_NOT_A_GIT_REPO; PG_USAGE for an unknown hook name; PG_HOOK_CONFLICT
 *   when `<hook>.pre-proofgate` is taken or lefthook is configured in TOML/JSON;
 *   PG_HOOK_CONFIG_INVALID (file, line, column) for a lefthook config that does not parse or
 *   is not shaped as expected; PG_HOOK_UNSAFE when the hooks directory (or the lefthook config's)
 *   resolves outside the repository, or a husky hook or lefthook config is a symbolic link. A
 *   `.git/hooks`/core.hooksPath hook that is a link is moved aside and chained, never written through.
 */
export async function installHooks(cwd: string, hooks: readonly HookName[]): Promise<InstallResult> {
  const wanted = parseHookNames(hooks)
  const located = await locate(cwd)
  const { location } = located
  if (location.manager === 'husky') return installHusky(located, location.dir, wanted)
  if (location.manager === 'lefthook') return installLefthook(located, location.file, wanted)
  return installScripts(located, location.manager, location.dir, wanted)
}

/**
 * `proofgate uninstall`: takes out, for both hooks, exactly what {@link installHooks} added where
 * the manager detected now looks: husky's two lines (the file deleted when nothing else is left),
 * lefthook's marked entries, proofgate's script (only when it carries proofgate's marker line),
 * moving `<hook>.pre-proofgate` back. Files install did not touch keep their bytes and modes.
 * @throws ProofgateError PG_NOT_A_GIT_REPO, PG_HOOK_CONFLICT for a TOML/JSON lefthook config, or
 *   PG_HOOK_UNSAFE (as for install: a hooks directory outside the repository, a linked file to edit).
 */
export async function uninstallHooks(cwd: string): Promise<InstallResult> {
  const located = await locate(cwd)
  const { location } = located
  if (location.manager === 'husky') return uninstallHusky(located, location.dir)
  if (location.manager === 'lefthook') return uninstallLefthook(located, location.file)
  return uninstallScripts(located, location.manager, location.dir)
}
