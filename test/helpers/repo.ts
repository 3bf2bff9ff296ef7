// Real git repositories in temp dirs for tests: a local identity (no global config needed),
// proofgate's own node_modules linked in so ESLint, TypeScript and vitest resolve from the repo.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** Environment for git in tests: no prompts, no user or system config, fixed identity and dates. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'proofgate tests',
  GIT_AUTHOR_EMAIL: 'tests@proofgate.invalid',
  GIT_COMMITTER_NAME: 'proofgate tests',
  GIT_COMMITTER_EMAIL: 'tests@proofgate.invalid',
}

export interface TempRepo {
  /** Absolute, symlink-free path of the work tree. */
  dir: string
  git(...args: string[]): string
  write(files: Record<string, string>): void
  /** Stages everything and commits; returns the new HEAD sha. */
  commit(message: string, files?: Record<string, string>): string
  head(): string
  /** The work trees git knows for this repository (`worktree <path>` lines of `git worktree list --porcelain`). */
  worktrees(): string[]
  cleanup(): void
}

export interface TempRepoOptions {
  files?: Record<string, string>
  /** Symlink proofgate's node_modules into the repo (ignored by the repo's .gitignore). */
  linkNodeModules?: boolean
  /** Make an initial commit of `files` (default true). */
  initialCommit?: boolean
  branch?: string
}

/** Writes `files` (paths relative to `dir`, directories created as needed). */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, content)
  }
}

const tempDirs: string[] = []

/** A real temp directory (no git) holding `files`; `removeTempDirs()` deletes every one made so far. */
export function makeTempDir(files: Record<string, string> = {}, prefix = 'proofgate-dir-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)))
  tempDirs.push(dir)
  writeFiles(dir, files)
  return dir
}

/** Deletes the directories makeTempDir created (call it in afterAll). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/**
 * Gives `dir` a real `node_modules` directory whose entries are links to proofgate's own packages
 * (and `.bin`). The caches the repository's tools write there (`.vite/vitest`, `.cache`, ESLint's)
 * land in the temp repository, never in proofgate's own node_modules.
 */
function linkPackages(dir: string): void {
  const own = join(PROJECT_ROOT, 'node_modules')
  mkdirSync(join(dir, 'node_modules'))
  for (const entry of readdirSync(own)) {
    if (entry.startsWith('.') && entry !== '.bin') continue
    symlinkSync(join(own, entry), join(dir, 'node_modules', entry), 'dir')
  }
}

/** Creates a real git repository in a temp dir. */
export function makeTempGitRepo(options: TempRepoOptions = {}): TempRepo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'proofgate-test-')))
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  git('init', '-q', '-b', options.branch ?? 'main')
  git('config', 'user.name', 'proofgate tests')
  git('config', 'user.email', 'tests@proofgate.invalid')
  git('config', 'commit.gpgsign', 'false')
  git('config', 'core.autocrlf', 'false')
  const write = (files: Record<string, string>): void => writeFiles(dir, files)
  if (options.linkNodeModules === true) {
    linkPackages(dir)
    write({ '.gitignore': 'node_modules\n' })
  }
  const commit = (message: string, files?: Record<string, string>): string => {
    if (files !== undefined) write(files)
    git('add', '-A')
    git('commit', '-q', '--allow-empty', '-m', message)
    return git('rev-parse', 'HEAD')
  }
  if (options.files !== undefined) write(options.files)
  if (options.initialCommit !== false) commit('initial')
  return {
    dir,
    git,
    write,
    commit,
    head: () => git('rev-parse', 'HEAD'),
    worktrees: () =>
      git('worktree', 'list', '--porcelain')
        .split('\n')
        .filter((l) => l.startsWith('worktree ')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
