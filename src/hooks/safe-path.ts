// Where `proofgate install|uninstall` may write: only inside the repository (its work tree or its
// git directory), and never through a symbolic link, which could point anywhere.
import { lstat, realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative } from 'node:path'
import { ProofgateError } from '../errors.js'

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/** `path` with every existing part resolved (symlinks followed), the parts that do not exist yet appended as they are. */
async function resolvedPath(path: string): Promise<string> {
  const tail: string[] = []
  let current = path
  for (;;) {
    try {
      return join(await realpath(current), ...tail.reverse())
    } catch (error) {
      const parent = dirname(current)
      if (errnoCode(error) !== 'ENOENT' || parent === current) throw error
      tail.push(basename(current))
      current = parent
    }
  }
}

function within(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * Refuses a hooks directory (`.husky`, `.git/hooks`, core.hooksPath) that lies outside the
 * repository once symbolic links are followed: a link to a shared or system directory, or a
 * core.hooksPath shared by every repository. `anchors` are the work-tree root and git's common
 * directory (absolute); a link that stays inside them is fine.
 * @throws ProofgateError PG_HOOK_UNSAFE (exit 78) with the remedy.
 */
export async function assertHooksDirInside(dir: string, anchors: readonly string[]): Promise<void> {
  const target = await resolvedPath(dir)
  for (const anchor of anchors) if (within(await resolvedPath(anchor), target)) return
  throw new ProofgateError(
    'PG_HOOK_UNSAFE',
    `The hooks directory ${dir} lies outside the repository (it resolves to ${target}), and proofgate writes nothing outside the repository.`,
    {
      hint: `if it is a symbolic link, replace it with a directory in the repository; if core.hooksPath points there on purpose (hooks shared by several repositories), add proofgate's hook there yourself (see docs/hooks.md) or run \`git config --unset core.hooksPath\``,
    },
  )
}

/** True when `path` is a symbolic link (dangling or not); false when it is anything else or absent. */
export async function isSymbolicLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink()
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false
    throw error
  }
}

/**
 * Refuses to edit `file` in place (a husky hook, a lefthook config) when it is a symbolic link:
 * the edit would land in the link's target, which may be outside the repository or shared.
 * @throws ProofgateError PG_HOOK_UNSAFE (exit 78) with the remedy.
 */
export async function assertNotLinked(file: string): Promise<void> {
  if (!(await isSymbolicLink(file))) return
  throw new ProofgateError(
    'PG_HOOK_UNSAFE',
    `${file} is a symbolic link, and proofgate never edits a file through a link (its target may be outside the repository or shared).`,
    {
      hint: `replace the link with a copy of its target (cp --remove-destination "$(readlink -f '${file}')" '${file}') and run proofgate again, or add proofgate's lines to the target yourself (see docs/hooks.md)`,
    },
  )
}
