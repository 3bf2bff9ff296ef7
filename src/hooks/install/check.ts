// `proofgate install --check`: whether each hook is installed where the detected manager looks,
// and whether git will run it.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { readIfExists } from '../../util/state.js'
import { isExecutable, which } from './files.js'
import { findHuskyBlock, huskyWiringProblem } from './husky.js'
import { findLefthookBlocks, lefthookUserEntry, lefthookWiringNote } from './lefthook.js'
import { locate } from './locate.js'
import { isProofgateScript, shippedHook } from './scripts.js'
import { HOOK_NAMES, missingBinaryNote, INSTALL_PROOFGATE, PROOFGATE_BIN, type HookCheck, type HookCheckResult, type HookName } from './types.js'

/**
 * `proofgate install --check` (and later `doctor`): for each hook, whether proofgate is installed
 * where the detected manager looks and whether git will run it — the manager wired into git
 * (core.hooksPath `.husky/_` with husky's `h` and `_/<hook>`; lefthook's script in the hooks
 * directory), the files git runs executable, `node` on `env.PATH`, and proofgate's binary in
 * node_modules/.bin where the manager needs it (git mode falls back to npx, said in `notes`).
 * @throws ProofgateError PG_NOT_A_GIT_REPO, or PG_HOOK_CONFLICT for a TOML/JSON lefthook config.
 */
export async function checkHooks(cwd: string, env: NodeJS.ProcessEnv): Promise<HookCheckResult> {
  const located = await locate(cwd)
  const { location, repo, gitHooksDir } = located
  const root = repo.root
  const notes: string[] = []
  const node = await which('node', env.PATH)
  const binary = (await isExecutable(join(root, PROOFGATE_BIN))) || (location.manager === 'husky' && (await which('proofgate', env.PATH)) !== undefined)
  const lefthookText = location.manager === 'lefthook' ? ((await readIfExists(location.file)) ?? '') : ''
  const lefthookBlocks = findLefthookBlocks(lefthookText)
  const hooks: HookCheck[] = []
  for (const hook of HOOK_NAMES) {
    const { file, installed, problems, note } =
      location.manager === 'husky'
        ? await checkHusky(root, location.dir, location.hooksPath, hook, binary)
        : location.manager === 'lefthook'
          ? await checkLefthook(location.file, lefthookText, lefthookBlocks, gitHooksDir, hook, binary)
          : await checkScript(location.dir, hook)
    if (note !== undefined) notes.push(note)
    if (!installed) {
      problems.push(`proofgate's ${hook} hook is not installed: run proofgate install ${hook}`)
    } else if (node === undefined) {
      const init =
        location.manager === 'husky' ? '~/.config/husky/init.sh' : location.manager === 'lefthook' ? 'your shell profile' : '~/.config/proofgate/init.sh'
      problems.push(`node is not on PATH (${env.PATH ?? ''}), so the ${hook} hook cannot run proofgate: set PATH up in ${init} (e.g. . "$HOME/.nvm/nvm.sh")`)
    }
    hooks.push({ hook, installed, working: installed && problems.length === 0, file, problems })
  }
  if ((location.manager === 'git' || location.manager === 'hooks-path') && hooks.some((h) => h.installed) && !binary) {
    notes.push(missingBinaryNote('git'))
  }
  const ok = hooks.some((h) => h.installed) && hooks.every((h) => !h.installed || h.working)
  return { manager: location.manager, ok, hooks, notes }
}

/** One hook where its manager looks: the file, whether proofgate is there, what stops git running it, and a note. */
interface ManagerCheck {
  file: string
  installed: boolean
  problems: string[]
  note?: string
}

/** husky: proofgate's two lines in `<dir>/<hook>`, husky wired into git (`<dir>/_`), the binary. */
async function checkHusky(root: string, dir: string, hooksPath: string | undefined, hook: HookName, binary: boolean): Promise<ManagerCheck> {
  const file = join(dir, hook)
  const problems: string[] = []
  const text = await readIfExists(file)
  const installed = text !== null && findHuskyBlock(text, hook) !== null
  if (installed) {
    const wiring = huskyWiringProblem(root, dir, hooksPath)
    if (wiring !== undefined) problems.push(wiring)
    const runner = join(dir, '_', hook)
    if (!existsSync(join(dir, '_', 'h')) || !(await isExecutable(runner))) {
      problems.push(`husky's ${join(dir, '_', 'h')} or an executable ${runner} is missing: run npx husky to regenerate .husky/_`)
    }
    if (!binary) problems.push(`${PROOFGATE_BIN} is missing, and husky runs proofgate from there: ${INSTALL_PROOFGATE}`)
  }
  return { file, installed, problems }
}

/** lefthook: proofgate's entry (or the user's own) in the config, lefthook's script in git's hooks directory, the binary. */
async function checkLefthook(
  file: string,
  text: string,
  blocks: ReturnType<typeof findLefthookBlocks>,
  gitHooksDir: string,
  hook: HookName,
  binary: boolean,
): Promise<ManagerCheck> {
  const problems: string[] = []
  const installed = blocks.some((block) => block.hook === hook) || lefthookUserEntry(file, text, hook)
  if (installed) {
    const note = lefthookWiringNote(gitHooksDir, hook, await readIfExists(join(gitHooksDir, hook)))
    if (note !== undefined) problems.push(note)
    else if (!(await isExecutable(join(gitHooksDir, hook))))
      problems.push(`${join(gitHooksDir, hook)} is not executable, so git does not run it: run npx lefthook install`)
    if (!binary) problems.push(`${PROOFGATE_BIN} is missing, and lefthook runs proofgate from there: ${INSTALL_PROOFGATE}`)
  }
  return { file, installed, problems }
}

/** core.hooksPath or .git/hooks: proofgate's script, executable, and this version's copy (else a note). */
async function checkScript(dir: string, hook: HookName): Promise<ManagerCheck> {
  const file = join(dir, hook)
  const problems: string[] = []
  const text = await readIfExists(file)
  const installed = text !== null && isProofgateScript(text, hook)
  if (!installed) return { file, installed, problems }
  if (!(await isExecutable(file))) problems.push(`${file} is not executable, so git does not run it: chmod +x ${file} (or run proofgate install again)`)
  if (text !== (await shippedHook(hook)))
    return { file, installed, problems, note: `${file} is an older copy of proofgate's ${hook} hook: run proofgate install ${hook} to update it` }
  return { file, installed, problems }
}
