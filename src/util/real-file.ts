// Reads configuration and state files only when they are real files: a symbolic link anywhere
// below the repository root (the file, or a directory on the way) is reported, never followed.
import { constants } from 'node:fs'
import { lstat, open } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'

/** What {@link readRealFile} found at a path. */
export type RealFileRead =
  | { kind: 'missing' }
  | { kind: 'file'; text: string }
  /** The file is a symbolic link, or `via`, a directory above it (repository-relative, forward slashes), is one. */
  | { kind: 'symlink'; via?: string }
  /** A directory, FIFO, socket or device where a file was expected. */
  | { kind: 'not-a-file' }
  /** The file exists but could not be read; `reason` is the system's message (EACCES, EIO…). */
  | { kind: 'unreadable'; reason: string }

// O_NOFOLLOW makes the final open fail on a link even if one was swapped in after the lstat walk;
// O_NONBLOCK keeps a FIFO planted in place of the file from hanging the run. Windows has neither
// (0), and the lstat walk alone decides there.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The symbolic link on the way to `path` (absolute), if any: `path` itself (`{}`), or `via`, a
 * directory between `root` and it (repository-relative, forward slashes). Directories above
 * `root`, and `root` itself, may be links: that is where the user keeps the repository. Null when
 * there is none, or when something on the way is missing or unreadable (the read that follows
 * reports that).
 */
export async function linkOnPath(root: string, path: string): Promise<{ via?: string } | null> {
  const rel = relative(root, path)
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
  const parts = inside ? rel.split(sep) : []
  for (let i = 1; i < parts.length; i++) {
    const stats = await lstat(join(root, ...parts.slice(0, i))).catch(() => null)
    if (stats === null || !stats.isDirectory()) return stats?.isSymbolicLink() === true ? { via: parts.slice(0, i).join('/') } : null
  }
  const stats = await lstat(path).catch(() => null)
  return stats?.isSymbolicLink() === true ? {} : null
}

/**
 * Reads the UTF-8 text of `path` (absolute), refusing to follow symbolic links: `path` itself
 * and, when `path` lies inside `root`, every directory between `root` and it (see
 * {@link linkOnPath}); the final open is O_NOFOLLOW. Never throws for the file system's answers;
 * each is a {@link RealFileRead} kind.
 */
export async function readRealFile(root: string, path: string): Promise<RealFileRead> {
  const link = await linkOnPath(root, path)
  if (link !== null) return { kind: 'symlink', ...link }
  let stats
  try {
    stats = await lstat(path)
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return { kind: 'missing' }
    return { kind: 'unreadable', reason: message(error) }
  }
  if (stats.isSymbolicLink()) return { kind: 'symlink' }
  if (!stats.isFile()) return { kind: 'not-a-file' }
  let handle
  try {
    handle = await open(path, OPEN_FLAGS)
  } catch (error) {
    // ELOOP: the file became a link between the lstat and the open.
    if (code(error) === 'ELOOP') return { kind: 'symlink' }
    if (code(error) === 'ENOENT') return { kind: 'missing' }
    return { kind: 'unreadable', reason: message(error) }
  }
  try {
    if (!(await handle.stat()).isFile()) return { kind: 'not-a-file' }
    return { kind: 'file', text: await handle.readFile({ encoding: 'utf8' }) }
  } catch (error) {
    return { kind: 'unreadable', reason: message(error) }
  } finally {
    await handle.close()
  }
}

/**
 * Whether anything (a file, a directory, a link, dangling or not) sits at `path`; unlike
 * `existsSync`, a dangling link counts.
 */
export async function entryExists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch {
    return false
  }
}
