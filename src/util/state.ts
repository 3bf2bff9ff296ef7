// The `.proofgate/` state directory is proofgate's own: every write under it goes through here.
// Parents are checked with lstat (real directories inside the repository, never symlinks), files
// are replaced by temp file + rename (which replaces a symlink itself, never its target), and
// appends open with O_NOFOLLOW, so a repository cannot aim proofgate's writes elsewhere.
import { constants } from 'node:fs'
import { lstat, mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path'
import { randomBytes } from 'node:crypto'
import writeFileAtomic from 'write-file-atomic'
import { ProofgateError } from '../errors.js'

/** The state directory's name under the repository root; git snapshots and diffs leave it out. */
export const STATE_DIR_NAME = '.proofgate'

/** Files under `.proofgate/` that belong to the repository (committed, read from the base), not to proofgate's state. */
export const COMMITTED_STATE_FILES: readonly string[] = ['waivers.yml', 'checklist.yml', 'checklist/held-out.json', 'counter-evidence.yml']

/**
 * Every path under `.proofgate/` proofgate writes (files, or directories with a trailing `/`).
 * A symlink or a tracked file at one of them is refused before a run writes anything.
 */
export const WRITTEN_STATE_PATHS: readonly string[] = [
  'run-start.json',
  'scope.json',
  'test-results.json',
  'evidence-inconclusive.json',
  'proof-results.jsonl',
  'next.json',
  'next.md',
  'release-report.json',
  'handoff/',
  'eslint-cache',
  'journal/',
  'journal/events.jsonl',
  'tmp/',
  'journal/events.jsonl.lock/',
  'proof-results.jsonl.lock/',
]

/** Absolute path of `.proofgate/` in the repository at `root`. */
export function stateDir(root: string): string {
  return join(root, STATE_DIR_NAME)
}

/**
 * The repository root, the state directory and the segments of `file` below it, or null when
 * `file` is not under a `.proofgate/`.
 */
function splitStatePath(file: string): { root: string; base: string; segments: string[] } | null {
  const parts = file.split(sep)
  const index = parts.lastIndexOf(STATE_DIR_NAME)
  if (index <= 0 || !isAbsolute(file)) return null
  const root = parts.slice(0, index).join(sep) || sep
  return { root, base: join(root, STATE_DIR_NAME), segments: parts.slice(index + 1) }
}

/** {@link splitStatePath}, or for a state directory not named `.proofgate` (tests, tools), the file's own directory as the base. */
function stateParts(file: string): { root: string; base: string; segments: string[] } {
  return splitStatePath(file) ?? { root: dirname(dirname(file)), base: dirname(file), segments: [basename(file)] }
}

function unsafe(path: string, what: string, root: string): ProofgateError {
  const shown = relative(root, path).split(sep).join('/')
  return new ProofgateError('PG_STATE_UNSAFE', `Refusing to write proofgate state: ${shown} is ${what}.`, {
    hint: `.proofgate/ is proofgate's own: delete ${shown} (rm ${shown}); if it is committed, git rm --cached ${shown} and commit, then run again`,
  })
}

/**
 * Maps an fs error met while writing state to a named error: a read-only or full disk, a path
 * component that is a file. Anything else is returned unchanged.
 */
export function stateWriteError(error: unknown, path: string, root: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const shown = relative(root, path).split(sep).join('/') || path
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ProofgateError(
      'PG_STATE_UNWRITABLE',
      `Cannot write proofgate state ${shown}: ${code === 'EROFS' ? 'the file system is read-only' : 'permission denied'}.`,
      {
        hint: 'run proofgate in a writable clone, or make .proofgate/ writable for this user',
        cause: error,
      },
    )
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ProofgateError('PG_STATE_UNWRITABLE', `Cannot write proofgate state ${shown}: no space left on the device.`, {
      hint: 'free some disk space, then run again',
      cause: error,
    })
  }
  if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'ELOOP' || code === 'EEXIST') {
    return new ProofgateError('PG_STATE_UNSAFE', `Refusing to write proofgate state: ${shown} is not where a state file can go (${code}).`, {
      hint: `.proofgate/ must be a directory proofgate owns: delete whatever is at ${STATE_DIR_NAME} or ${shown}, then run again`,
      cause: error,
    })
  }
  return error
}

/**
 * Makes sure the directory `dir` (under a `.proofgate/`) and each of its parents from `.proofgate`
 * down are real directories, creating missing ones one at a time (never through a symlink).
 * @throws ProofgateError PG_STATE_UNSAFE when one is a symlink or not a directory; PG_STATE_UNWRITABLE for a read-only or full disk.
 */
export async function ensureStateDirectory(dir: string): Promise<void> {
  const { root, base, segments } = stateParts(join(dir, '_'))
  let current = base
  for (const segment of [null, ...segments.slice(0, -1)]) {
    if (segment !== null) current = join(current, segment)
    let stats
    try {
      stats = await lstat(current)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw stateWriteError(error, current, root)
      try {
        await mkdir(current)
      } catch (mkdirError) {
        // Another process made it between the lstat and the mkdir: check what it made.
        if ((mkdirError as NodeJS.ErrnoException).code !== 'EEXIST') throw stateWriteError(mkdirError, current, root)
      }
      stats = await lstat(current)
    }
    if (stats.isSymbolicLink()) throw unsafe(current, 'a symbolic link', root)
    if (!stats.isDirectory()) throw unsafe(current, 'not a directory', root)
    if (segment === null) await ignoreRunState(current)
  }
}

/** What `.proofgate/.gitignore` holds: run state is never committed; the files people commit stay addable. */
export const STATE_GITIGNORE = [
  '# Written by proofgate: its run state is never committed (a committed state file is refused).',
  '*',
  // A committed file in a subdirectory needs its directory re-included first.
  ...COMMITTED_STATE_FILES.flatMap((name) => (name.includes('/') ? [`!${name.slice(0, name.indexOf('/'))}/`, `!${name}`] : [`!${name}`])),
  '',
].join('\n')

const ignored = new Set<string>()
/**
 * Writes `.proofgate/.gitignore` once when it is absent (never over an existing file or link), so a
 * `git add -A` cannot commit the journal or results, which the next run would then refuse
 * (pytest's and ruff's caches do the same).
 */
async function ignoreRunState(base: string): Promise<void> {
  if (ignored.has(base)) return
  ignored.add(base)
  try {
    const handle = await open(join(base, '.gitignore'), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644)
    try {
      await handle.writeFile(STATE_GITIGNORE)
    } finally {
      await handle.close()
    }
  } catch (error) {
    // Present already (the user's own, or a link: left alone), or a read-only tree the next write reports.
    if (!['EEXIST', 'ELOOP', 'EROFS', 'EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error
  }
}

/**
 * Refuses `file` when it is a symlink or anything but a regular file (or absent).
 * @throws ProofgateError PG_STATE_UNSAFE.
 */
async function assertReplaceable(file: string, root: string): Promise<void> {
  try {
    const stats = await lstat(file)
    if (stats.isSymbolicLink()) throw unsafe(file, 'a symbolic link', root)
    if (!stats.isFile()) throw unsafe(file, stats.isDirectory() ? 'a directory' : 'not a regular file', root)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw stateWriteError(error, file, root)
  }
}

/**
 * Makes `file` (absolute, under a `.proofgate/`) safe for another program to write by path, as
 * ESLint writes its cache: its parents are real directories (created when missing) and `file` is
 * absent or a regular file, never a symlink, a directory or anything else.
 * @throws ProofgateError PG_STATE_UNSAFE or PG_STATE_UNWRITABLE.
 */
export async function checkStateFile(file: string): Promise<void> {
  await ensureStateDirectory(dirname(file))
  await assertReplaceable(file, stateParts(file).root)
}

/**
 * Writes `text` to `file`, an absolute path under a `.proofgate/`, by a temp file in the same
 * directory and a rename: a crash never leaves half a file, and a symlink at `file` is refused
 * (never followed).
 * @throws ProofgateError PG_STATE_UNSAFE or PG_STATE_UNWRITABLE.
 */
export async function writeStateText(file: string, text: string): Promise<void> {
  const split = stateParts(file)
  await ensureStateDirectory(dirname(file))
  await assertReplaceable(file, split.root)
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    // wx: O_CREAT|O_EXCL, so a link planted at the temp name is never followed either.
    const handle = await open(temp, 'wx', 0o644)
    try {
      await handle.writeFile(text, 'utf8')
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw stateWriteError(error, file, split.root)
  }
}

/** {@link writeStateText} of `value` as pretty JSON. */
export async function writeStateJson(file: string, value: unknown): Promise<void> {
  await writeStateText(file, JSON.stringify(value, null, 2) + '\n')
}

/**
 * Appends `text` to `file` under a `.proofgate/`, opened with O_APPEND and O_NOFOLLOW after the
 * parent check, so a symlink at `file` is refused rather than appended through.
 * @throws ProofgateError PG_STATE_UNSAFE or PG_STATE_UNWRITABLE.
 */
export async function appendStateText(file: string, text: string): Promise<void> {
  const split = stateParts(file)
  await ensureStateDirectory(dirname(file))
  let handle
  try {
    handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw unsafe(file, 'a symbolic link', split.root)
    throw stateWriteError(error, file, split.root)
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw unsafe(file, 'not a regular file', split.root)
    await handle.writeFile(text, 'utf8')
  } catch (error) {
    throw stateWriteError(error, file, split.root)
  } finally {
    await handle.close()
  }
}

/**
 * Checks the state directory before a run writes anything: `.proofgate` and every path proofgate
 * writes ({@link WRITTEN_STATE_PATHS}) must be absent or real (no symlinks), and none may be
 * tracked by git (`tracked`: repository-relative paths under `.proofgate/`, from git ls-files).
 * Returns notes for other committed files under `.proofgate/` (not read as state).
 * @throws ProofgateError PG_STATE_UNSAFE naming the first offending path and the remedy.
 */
export async function checkStateDirectory(root: string, tracked: readonly string[] = []): Promise<string[]> {
  const dir = stateDir(root)
  try {
    const stats = await lstat(dir)
    if (stats.isSymbolicLink()) throw unsafe(dir, 'a symbolic link', root)
    if (!stats.isDirectory()) throw unsafe(dir, 'not a directory', root)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return trackedNotes(tracked, root)
    throw stateWriteError(error, dir, root)
  }
  for (const path of WRITTEN_STATE_PATHS) {
    const isDir = path.endsWith('/')
    const full = join(dir, path.replace(/\/$/, ''))
    let stats
    try {
      stats = await lstat(full)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') continue
      throw stateWriteError(error, full, root)
    }
    if (stats.isSymbolicLink()) throw unsafe(full, 'a symbolic link', root)
    if (isDir ? !stats.isDirectory() : path === 'eslint-cache' ? !stats.isFile() && !stats.isDirectory() : !stats.isFile()) {
      throw unsafe(full, isDir ? 'not a directory' : 'not a regular file', root)
    }
  }
  return trackedNotes(tracked, root)
}

function trackedNotes(tracked: readonly string[], root: string): string[] {
  const notes: string[] = []
  for (const path of tracked) {
    const inside = path.slice(STATE_DIR_NAME.length + 1)
    if (COMMITTED_STATE_FILES.includes(inside) || inside === '.gitignore') continue
    const written = WRITTEN_STATE_PATHS.some((p) => (p.endsWith('/') ? inside.startsWith(p) : inside === p || inside.startsWith(`${p}/`)))
    if (written) throw unsafe(join(root, path), 'tracked by git (committed state would be overwritten and could be forged)', root)
    notes.push(
      `${path} is committed; proofgate does not read it (only ${COMMITTED_STATE_FILES.map((f) => `${STATE_DIR_NAME}/${f}`).join(', ')} belong in the repository)`,
    )
  }
  return notes
}

/**
 * Writes text to `file` atomically, creating directories; for files outside `.proofgate/` (hook
 * scripts, the Action's report files). State files go through {@link writeStateText}.
 */
export async function writeTextAtomic(file: string, text: string): Promise<void> {
  if (splitStatePath(file) !== null) return writeStateText(file, text)
  await mkdir(dirname(file), { recursive: true })
  await writeFileAtomic(file, text, { encoding: 'utf8' })
}

/** {@link writeTextAtomic} of pretty JSON. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeTextAtomic(file, JSON.stringify(value, null, 2) + '\n')
}

/**
 * The UTF-8 text of `path`, or null when it does not exist.
 * @throws the read error for anything but ENOENT (a permission problem must not read as absent).
 */
export async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
