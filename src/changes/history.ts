// The commits of a range and the file versions at any revision: what the change-integrity gates
// (test-mutation, gate-integrity) compare. One `git log` for the commits, one `git cat-file
// --batch` per set of reads, argument arrays only.
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ProofgateError } from '../errors.js'
import { parseNameStatus, type NameStatusEntry } from './diff.js'
import { catFileBatch } from './cat-file-batch.js'
import { runGit, runGitSync } from './git-exec.js'
import { isTextByPath } from './text-paths.js'
import type { ChangeSet } from './types.js'

/** One commit of base..head, oldest first. */
export interface RangeCommit {
  sha: string
  parents: string[]
  subject: string
  /**
   * Declared behaviour changes, in order: values of the trailer (e.g. `Behavior-Change: <why>`),
   * a Conventional Commits subject with `!` (`feat!: …`), a `BREAKING CHANGE:` footer, and `git revert`'s "This reverts commit <sha>".
   */
  declared: string[]
  /** Files the commit changed against its first parent (empty for merge commits, as `git log` shows them). */
  files: NameStatusEntry[]
}

/** A trailer key git accepts in `%(trailers:key=…)`: letters, digits and dashes. */
export const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/

/**
 * The commits reachable from `head` and not from `base`, oldest first, with their changed files
 * (renames detected) and the values of trailer `trailerKey`.
 * @throws Error when git fails (an unknown revision; the caller resolved both already).
 */
export async function listRangeCommits(root: string, base: string, head: string, trailerKey: string): Promise<RangeCommit[]> {
  if (!TRAILER_KEY.test(trailerKey)) throw new Error(`Invalid trailer key '${trailerKey}': expected letters, digits and dashes`)
  const format = `%x1e%H%x1f%P%x1f%s%x1f%(trailers:key=${trailerKey},valueonly,separator=%x1d)%x1f%b`
  const stdout = await runGit(
    root,
    [
      '-c',
      'core.quotePath=false',
      'log',
      '-z',
      '--reverse',
      '--name-status',
      '-M',
      '--no-ext-diff',
      '--no-textconv',
      `--format=${format}`,
      `${base}..${head}`,
      '--',
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  )
  const commits: RangeCommit[] = []
  for (const record of stdout.split('\x1e')) {
    if (record === '') continue
    const headerEnd = record.indexOf('\0')
    const header = headerEnd < 0 ? record : record.slice(0, headerEnd)
    const [sha = '', parents = '', subject = '', trailers = '', body = ''] = header.split('\x1f')
    const rest = headerEnd < 0 ? '' : record.slice(headerEnd + 1).replace(/^\n/, '')
    commits.push({
      sha,
      parents: parents === '' ? [] : parents.split(' '),
      subject,
      declared: [
        ...trailers
          .split('\x1d')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
        ...breakingSubject(subject),
        ...conventionalDeclarations(body),
      ],
      files: parseNameStatus(rest),
    })
  }
  return commits
}

/**
 * A Conventional Commits subject marked breaking with `!` before the colon (`feat!: …`,
 * `fix(api)!: …`), as `breaking change: <subject>`; none otherwise.
 */
export function breakingSubject(subject: string): string[] {
  return /^[A-Za-z]+(?:\([^()\r\n]*\))?!: *\S/.test(subject) ? [`breaking change: ${subject.trim()}`] : []
}

/** `BREAKING CHANGE: <why>` footers and `This reverts commit <sha>.` lines of a commit body. */
export function conventionalDeclarations(body: string): string[] {
  const out: string[] = []
  for (const m of body.matchAll(/^BREAKING[ -]CHANGE: *(.+)$/gm)) out.push(`breaking change: ${m[1]!.trim()}`)
  for (const m of body.matchAll(/^This reverts commit ([0-9a-f]{7,64})\b/gm)) out.push(`reverts ${m[1]!.slice(0, 12)}`)
  return out
}

/** A version of a file: `rev` is a commit or tree id, `path` repository-relative. */
export interface BlobRequest {
  rev: string
  path: string
}

/** Bytes of a blob inspected for a NUL when telling text from binary (git's own heuristic reads 8000). */
const BINARY_PROBE = 8000

/** True when `bytes` look binary to git's heuristic: a NUL among the first 8000 bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_PROBE).includes(0)
}

/**
 * Reads many objects with one `git cat-file --batch -z` (requests NUL-terminated, so any path,
 * newlines included, can be asked for). Each result is the blob's bytes, or null when the path is
 * absent at that revision or is not a blob. The trees on each path's way ride in the same batch,
 * so a path whose object is lost is told from an absent one without another git process.
 * @throws ProofgateError PG_GIT_FAILED when the blob the tree names, or a tree on the way, cannot
 *   be read; Error when git cannot start, exits non-zero, or its output does not parse.
 */
export async function readBlobBuffers(root: string, requests: readonly BlobRequest[]): Promise<Array<Buffer | null>> {
  return (await catFileBatch(root, requests)).map((found) => (found?.type === 'blob' ? found.body : null))
}

/** `git ls-tree` of `paths` at `rev`, the entries it lists: what the tree itself says is there. */
function lsTreeArgs(rev: string, paths: readonly string[]): string[] {
  return ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', rev, '--', ...paths]
}

/**
 * The error for a path `cat-file` answered `missing` although `ls-tree` lists it as a blob: the
 * tree names the file, its object is gone (a corrupt or incomplete repository). Null when no
 * such path is listed (the paths are truly absent).
 */
function unreadableListed(rev: string, paths: readonly string[], listing: string): ProofgateError | null {
  const wanted = new Set(paths)
  for (const record of listing.split('\0')) {
    const tab = record.indexOf('\t')
    if (tab < 0 || !wanted.has(record.slice(tab + 1))) continue
    const [, type, oid = ''] = record.slice(0, tab).split(' ')
    if (type !== 'blob') continue
    return new ProofgateError(
      'PG_GIT_FAILED',
      `git cat-file failed: the repository's data is not usable (object ${oid} of ${record.slice(tab + 1)} at ${rev.slice(0, 12)} cannot be read).`,
      { hint: 'run `git fsck --full` to see what is damaged; fetch the missing objects (`git fetch --refetch origin`) or clone the repository again' },
    )
  }
  return null
}

/** True for the errors that mean "no file at that path" (the version under test does not hold it). */
function absentOnDisk(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR'
}

/**
 * The UTF-8 text of `path` (repository-relative) in the work tree at `root`; null when there is no
 * file there.
 * @throws ProofgateError PG_FILE_UNREADABLE when it is there and cannot be read (EACCES, EIO): a
 *   file the gates cannot see must never pass for a deleted one.
 */
export async function readWorkTreeFile(root: string, path: string): Promise<string | null> {
  try {
    return await readFile(join(root, path), 'utf8')
  } catch (error) {
    if (absentOnDisk(error)) return null
    throw unreadableFile(path, error)
  }
}

function unreadableFile(path: string, error: unknown): ProofgateError {
  return new ProofgateError(
    'PG_FILE_UNREADABLE',
    `${path} is in the work tree but cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    {
      hint: 'make the file readable by the user running proofgate (check its permissions and the disk), then run again',
      cause: error,
    },
  )
}

/**
 * Reads many file versions with one `git cat-file --batch -z`. Each result is the UTF-8 text, or
 * null when the path is absent at that revision, is not a blob, or is binary (a NUL in the first
 * 8000 bytes) and not text by its name: a JS/TS, JSON, YAML or Markdown file is text whatever it
 * holds (see isTextByPath), so a NUL byte in a comment cannot hide it.
 * @throws what readBlobBuffers throws (PG_GIT_FAILED for a lost object).
 */
export async function readBlobs(root: string, requests: readonly BlobRequest[]): Promise<Array<string | null>> {
  const buffers = await readBlobBuffers(root, requests)
  return buffers.map((body, i) => (body === null || (looksBinary(body) && !isTextByPath(requests[i]!.path)) ? null : body.toString('utf8')))
}

/** The tree holding the version under test: the working-tree snapshot, the head commit's tree or the staged tree. */
export function headRevision(changes: ChangeSet): string {
  return changes.treeHash
}

/**
 * Reads files of the version under test: from the disk when the run includes the work tree,
 * else from the tree under test (`changes.treeHash`) with one `git cat-file --batch`. Each result
 * is the UTF-8 text, or null when the file is absent (binary blobs read as null).
 * @throws ProofgateError PG_GIT_FAILED when an object cannot be read, PG_FILE_UNREADABLE when a
 *   file on disk cannot; Error when git cannot start or exits non-zero.
 */
export async function readChangedFiles(changes: ChangeSet, paths: readonly string[]): Promise<Array<string | null>> {
  if (changes.includesWorkingTree) return Promise.all(paths.map((path) => readWorkTreeFile(changes.root, path)))
  return readBlobs(
    changes.root,
    paths.map((path) => ({ rev: changes.treeHash, path })),
  )
}

/** A LineReader whose files can be loaded ahead, in one batch. */
export interface LineReaderWithPrefetch {
  (path: string, line: number): string | undefined
  /** Loads `paths` not read yet in one batch (readChangedFiles), so later reads spawn nothing. */
  prefetch(paths: readonly string[]): Promise<void>
}

/**
 * A synchronous reader of 1-based lines of the version under test: the working tree when it is
 * part of the change set, else the blobs of the tree under test (the head commit's, or the
 * index's in pre-commit; read once per file). Binary and missing files read as undefined. Used
 * for fingerprints, so findings keep their identity across shifts; `prefetch` the paths of a
 * batch of findings first, or each file not yet read costs one synchronous `git cat-file`.
 * Reads throw what readChangedFiles throws (PG_GIT_FAILED, PG_FILE_UNREADABLE): only an absent
 * file reads as undefined.
 */
export function createLineReader(changes: ChangeSet): LineReaderWithPrefetch {
  const cache = new Map<string, string[] | null>()
  const binary = new Set(changes.files.filter((f) => f.binary).map((f) => f.path))
  const split = (text: string | null): string[] | null => (text === null ? null : text.split(/\r?\n/))
  const load = (path: string): string[] | null => (binary.has(path) ? null : split(readSync(changes, path)))
  const reader = (path: string, line: number): string | undefined => {
    let lines = cache.get(path)
    if (lines === undefined) {
      lines = load(path)
      cache.set(path, lines)
    }
    return lines?.[line - 1]
  }
  reader.prefetch = async (paths: readonly string[]): Promise<void> => {
    const wanted = [...new Set(paths)].filter((p) => !cache.has(p) && !binary.has(p))
    if (wanted.length === 0) return
    // A failed batch fails the caller: a file that cannot be read is not a missing one.
    const texts = await readChangedFiles(changes, wanted)
    wanted.forEach((path, i) => cache.set(path, split(texts[i] ?? null)))
  }
  return reader
}

/**
 * One file of the version under test, synchronously (the line reader's fallback when a path was
 * not prefetched): the disk, or `git cat-file blob <tree>:<path>`. Null when absent; when git
 * fails, the tree is asked whether it holds the path, so a lost object is never "absent".
 * @throws ProofgateError PG_GIT_FAILED or PG_FILE_UNREADABLE.
 */
function readSync(changes: ChangeSet, path: string): string | null {
  if (changes.includesWorkingTree) {
    try {
      return readFileSync(join(changes.root, path), 'utf8')
    } catch (error) {
      if (absentOnDisk(error)) return null
      throw unreadableFile(path, error)
    }
  }
  try {
    return runGitSync(changes.root, ['cat-file', 'blob', `${changes.treeHash}:${path}`], { maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    if (error instanceof ProofgateError) throw error
    const listed = unreadableListed(changes.treeHash, [path], runGitSync(changes.root, lsTreeArgs(changes.treeHash, [path])))
    if (listed !== null) throw listed
    return null
  }
}
