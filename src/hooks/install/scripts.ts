// core.hooksPath and .git/hooks: a copy of the shipped script; an existing hook is moved aside
// to `<hook>.pre-proofgate` and chained (run first).
import { existsSync, readFileSync } from 'node:fs'
import { chmod, mkdir, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ProofgateError } from '../../errors.js'
import { readIfExists, writeTextAtomic } from '../../util/state.js'
import { assertHooksDirInside, isSymbolicLink } from '../safe-path.js'
import { isExecutable } from './files.js'
import type { Located } from './locate.js'
import { HOOK_NAMES, missingBinaryNote, PROOFGATE_BIN, type HookChange, type HookName, type InstallResult } from './types.js'

const CHAIN_SUFFIX = '.pre-proofgate'

/** The marker line of the shipped `hooks/<hook>`: a file carrying it is proofgate's. */
export function isProofgateScript(text: string, hook: HookName): boolean {
  return text.split('\n').some((line) => line.startsWith(`# proofgate ${hook} hook (installed by \`proofgate install`))
}

let hooksDirCache: string | undefined

/**
 * Absolute path of the `hooks/` directory shipped in the proofgate package: the nearest ancestor of
 * this module holding a package.json named `proofgate` and `hooks/pre-push` (from `src/hooks/` under
 * vitest, from `dist/` or `dist/chunks/` in the bundle).
 * @throws Error (an internal error) when there is none: the package is incomplete.
 */
export function packageHooksDir(): string {
  if (hooksDirCache !== undefined) return hooksDirCache
  const here = fileURLToPath(import.meta.url)
  for (let dir = dirname(here); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'hooks', 'pre-push'))) {
      try {
        if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'proofgate')
          return (hooksDirCache = join(dir, 'hooks'))
      } catch {
        // Not a package root; keep walking up.
      }
    }
    if (dirname(dir) === dir) throw new Error(`proofgate's hooks/ directory was not found above ${here}: the package is incomplete (reinstall proofgate)`)
  }
}

export async function shippedHook(hook: HookName): Promise<string> {
  const text = await readIfExists(join(packageHooksDir(), hook))
  if (text === null) throw new Error(`proofgate's ${hook} hook is missing from ${packageHooksDir()}: the package is incomplete (reinstall proofgate)`)
  return text
}

export async function installScripts(located: Located, manager: 'hooks-path' | 'git', dir: string, hooks: readonly HookName[]): Promise<InstallResult> {
  const changes: HookChange[] = []
  const notes: string[] = []
  await assertHooksDirInside(dir, located.anchors)
  await mkdir(dir, { recursive: true })
  for (const hook of hooks) {
    const file = join(dir, hook)
    const chained = file + CHAIN_SUFFIX
    const ours = await shippedHook(hook)
    // A linked hook is never written through (its target may be outside the repository): the
    // link itself moves aside and runs first, like any hook that is not proofgate's.
    const linked = await isSymbolicLink(file)
    const existing = await readIfExists(file)
    if (!linked && existing !== null && isProofgateScript(existing, hook)) {
      const executable = await isExecutable(file)
      if (existing === ours && executable) {
        changes.push({ hook, file, action: 'unchanged' })
        continue
      }
      if (existing !== ours) await writeTextAtomic(file, ours)
      await chmod(file, 0o755)
      changes.push({ hook, file, action: 'updated', detail: existing === ours ? 'made executable' : "replaced by this version of proofgate's hook" })
      continue
    }
    let detail: string | undefined
    if (existing !== null || linked) {
      if (existsSync(chained) || (await isSymbolicLink(chained))) {
        throw new ProofgateError(
          'PG_HOOK_CONFLICT',
          `${file} is not proofgate's, and ${chained} exists too, so proofgate has nowhere to move the existing hook.`,
          {
            hint: `merge the two into ${chained} (it runs first, with the same arguments and stdin) and delete ${file}, then run proofgate install again`,
          },
        )
      }
      // pre-commit's "migration mode": the old hook moves aside and the new one runs it first.
      await rename(file, chained)
      detail = `the existing hook moved to ${hook}${CHAIN_SUFFIX} and runs first`
      if (!(await isExecutable(chained))) {
        notes.push(
          `${chained} (your earlier ${hook} hook) is not executable, so git did not run it and proofgate's hook does not either: chmod +x it to run it`,
        )
      }
    }
    await writeTextAtomic(file, ours)
    await chmod(file, 0o755)
    changes.push({ hook, file, action: 'created', ...(detail === undefined ? {} : { detail }) })
  }
  if (!existsSync(join(located.repo.root, PROOFGATE_BIN))) notes.push(missingBinaryNote('git'))
  return { manager, target: dir, changes, notes }
}

export async function uninstallScripts(located: Located, manager: 'hooks-path' | 'git', dir: string): Promise<InstallResult> {
  const changes: HookChange[] = []
  const notes: string[] = []
  // rm and rename act on links themselves, but the directory must still be the repository's.
  await assertHooksDirInside(dir, located.anchors)
  for (const hook of HOOK_NAMES) {
    const file = join(dir, hook)
    const chained = file + CHAIN_SUFFIX
    const existing = await readIfExists(file)
    if (existing !== null && !isProofgateScript(existing, hook)) {
      changes.push({ hook, file, action: 'absent', detail: "the hook there is not proofgate's; left as it is" })
      if (existsSync(chained)) notes.push(`${chained} was left in place, since ${file} is not proofgate's`)
      continue
    }
    if (existing !== null) await rm(file)
    if (existsSync(chained) || (await isSymbolicLink(chained))) {
      await rename(chained, file)
      changes.push({ hook, file, action: 'restored', detail: `${hook}${CHAIN_SUFFIX} moved back` })
    } else {
      changes.push({ hook, file, action: existing === null ? 'absent' : 'removed' })
    }
  }
  return { manager, target: dir, changes, notes }
}
