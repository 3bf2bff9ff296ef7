// Where the hooks go: which manager runs the repository's hooks (husky, lefthook, core.hooksPath,
// .git/hooks) and the directories install may write under.
import { existsSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { openRepository, type Repository } from '../../changes/git.js'
import { ProofgateError } from '../../errors.js'
import { isDirectory } from './files.js'

export type Location =
  { manager: 'husky'; dir: string; hooksPath: string | undefined } | { manager: 'lefthook'; file: string } | { manager: 'hooks-path' | 'git'; dir: string }

export interface Located {
  repo: Repository
  /** The directory git runs hooks from (`git rev-parse --git-path hooks`, core.hooksPath applied). */
  gitHooksDir: string
  /** core.hooksPath as configured (relative to the work-tree root, or absolute); undefined when unset. */
  hooksPath: string | undefined
  location: Location
  /** The work-tree root and git's common directory: install writes only under these. */
  anchors: string[]
}

/** lefthook's main config names, YAML first, in lefthook's own lookup order (lefthook.dev "Config file name"). */
const LEFTHOOK_YAML = ['lefthook.yml', '.lefthook.yml', '.config/lefthook.yml', 'lefthook.yaml', '.lefthook.yaml', '.config/lefthook.yaml']
const LEFTHOOK_OTHER = [
  'lefthook.toml',
  '.lefthook.toml',
  '.config/lefthook.toml',
  'lefthook.json',
  '.lefthook.json',
  '.config/lefthook.json',
  'lefthook.jsonc',
  '.lefthook.jsonc',
]

async function gitConfig(repo: Repository, key: string): Promise<string | undefined> {
  const value = (await repo.configGet(key)) ?? ''
  return value === '' ? undefined : value
}

/** core.hooksPath relative to the root with `/` separators (as husky writes it), or absolute when outside. */
export function normaliseHooksPath(root: string, hooksPath: string): string {
  const trimmed = hooksPath.replace(/[\\/]+$/, '')
  if (!isAbsolute(trimmed)) return trimmed.replace(/\\/g, '/').replace(/^\.\//, '')
  const rel = relative(root, trimmed)
  return rel.startsWith('..') || isAbsolute(rel) ? trimmed : rel.split(sep).join('/')
}

/** The husky directory (relative) core.hooksPath names: `.husky`, `.husky/…`, or `<dir>/_` holding husky's `h`. */
function huskyDirOf(root: string, hooksPath: string | undefined): string | undefined {
  if (hooksPath === undefined) return undefined
  const path = normaliseHooksPath(root, hooksPath)
  if (path === '.husky' || path.startsWith('.husky/')) return '.husky'
  // `husky <dir>` (husky 9) sets core.hooksPath to `<dir>/_` and writes `<dir>/_/h` there.
  const custom = /^(.+)\/_$/.exec(path)?.[1]
  return custom !== undefined && !isAbsolute(custom) && existsSync(join(root, custom, '_', 'h')) ? custom : undefined
}

export async function locate(cwd: string): Promise<Located> {
  const repo = await openRepository(cwd)
  const root = repo.root
  const hooksPath = await gitConfig(repo, 'core.hooksPath')
  // Relative output of --git-path is relative to where git ran: repo.raw runs in the root.
  const gitHooksDir = resolve(root, await repo.gitPath('hooks'))
  const anchors = [root, resolve(root, await repo.commonDir())]
  const husky = huskyDirOf(root, hooksPath) ?? ((await isDirectory(join(root, '.husky'))) ? '.husky' : undefined)
  if (husky !== undefined) return { repo, gitHooksDir, hooksPath, anchors, location: { manager: 'husky', dir: join(root, husky), hooksPath } }
  const lefthook = LEFTHOOK_YAML.find((name) => existsSync(join(root, name)))
  if (lefthook !== undefined) return { repo, gitHooksDir, hooksPath, anchors, location: { manager: 'lefthook', file: join(root, lefthook) } }
  const other = LEFTHOOK_OTHER.find((name) => existsSync(join(root, name)))
  if (other !== undefined) {
    throw new ProofgateError('PG_HOOK_CONFLICT', `lefthook is configured in ${join(root, other)}, and proofgate edits only YAML lefthook configs.`, {
      hint: `add a command to each hook there yourself, running \`node_modules/.bin/proofgate hook pre-push {1} {2}\` with use_stdin: true (pre-push) and \`node_modules/.bin/proofgate hook pre-commit\` (pre-commit)`,
    })
  }
  return { repo, gitHooksDir, hooksPath, anchors, location: { manager: hooksPath === undefined ? 'git' : 'hooks-path', dir: gitHooksDir } }
}
