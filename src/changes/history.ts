// The commits of a range and the file versions at any revision: what the change-integrity gates
// (test-mutation, gate-integrity) compare. One `git log` for the commits, one `git cat-file
// --batch` per set of reads, argument arrays only.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { execa } from 'execa'
import { parseNameStatus, type NameStatusEntry } from './diff.js'
import { gitEnv } from './git.js'
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
  const { stdout } = await execa(
    'git',
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
    { cwd: root, env: gitEnv(), extendEnv: false, stdin: 'ignore', maxBuffer: 256 * 1024 * 1024 },
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
 * absent at that revision or is not a blob.
 * @throws Error when git cannot start, exits non-zero, or its output does not parse.
 */
export async function readBlobBuffers(root: string, requests: readonly BlobRequest[]): Promise<Array<Buffer | null>> {
  if (requests.length === 0) return []
  const names = requests.map((r) => `${r.rev}:${r.path}`)
  // A NUL cannot be part of a request; nothing in git can name such a path anyway.
  const askable = names.map((name) => !name.includes('\0'))
  const input = names
    .filter((_, i) => askable[i])
    .map((name) => `${name}\0`)
    .join('')
  const { stdout } = await execa('git', ['cat-file', '--batch', '-z'], {
    cwd: root,
    env: gitEnv(),
    extendEnv: false,
    input,
    encoding: 'buffer',
    // A trailing `<request> missing` line keeps its newline, as the parser below expects.
    stripFinalNewline: false,
    maxBuffer: 1024 * 1024 * 1024,
  })
  const out = Buffer.from(stdout)
  const results: Array<Buffer | null> = []
  let offset = 0
  for (let i = 0; i < requests.length; i++) {
    if (!askable[i]) {
      results.push(null)
      continue
    }
    // `<request> missing` / `<request> ambiguous` echo the request, which may hold newlines
    // (git 2.39 has no NUL-terminated output): skip exactly that line.
    const echoed = [' missing\n', ' ambiguous\n']
      .map((tail) => Buffer.from(names[i] + tail))
      .find((line) => out.subarray(offset, offset + line.length).equals(line))
    if (echoed !== undefined) {
      offset += echoed.length
      results.push(null)
      continue
    }
    const lineEnd = out.indexOf(0x0a, offset)
    if (lineEnd < 0) throw new Error('git cat-file --batch ended early')
    const header = out.toString('utf8', offset, lineEnd)
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header)
    if (match === null) throw new Error(`Unexpected git cat-file --batch header: ${JSON.stringify(header)}`)
    offset = lineEnd + 1
    const size = Number(match[2])
    const body = out.subarray(offset, offset + size)
    offset += size + 1
    results.push(match[1] === 'blob' ? body : null)
  }
  return results
}

/**
 * Reads many file versions with one `git cat-file --batch -z`. Each result is the UTF-8 text, or
 * null when the path is absent at that revision, is not a blob, or is binary (a NUL in the first
 * 8000 bytes) and not text by its name: a JS/TS, JSON, YAML or Markdown file is text whatever it
 * holds (see isTextByPath), so a NUL byte in a comment cannot hide it.
 * @throws Error when git cannot start, exits non-zero, or its output does not parse.
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
 * is the UTF-8 text, or null when the file is absent or unreadable (binary blobs read as null).
 * @throws Error when git cannot start or exits non-zero.
 */
export async function readChangedFiles(changes: ChangeSet, paths: readonly string[]): Promise<Array<string | null>> {
  if (changes.includesWorkingTree) return Promise.all(paths.map((path) => readFile(join(changes.root, path), 'utf8').catch(() => null)))
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
 */
export function createLineReader(changes: ChangeSet): LineReaderWithPrefetch {
  const cache = new Map<string, string[] | null>()
  const binary = new Set(changes.files.filter((f) => f.binary).map((f) => f.path))
  const split = (text: string | null): string[] | null => (text === null ? null : text.split(/\r?\n/))
  const load = (path: string): string[] | null => {
    if (binary.has(path)) return null
    try {
      return split(
        changes.includesWorkingTree
          ? readFileSync(join(changes.root, path), 'utf8')
          : execFileSync('git', ['cat-file', 'blob', `${changes.treeHash}:${path}`], {
              cwd: changes.root,
              encoding: 'utf8',
              env: gitEnv({}),
              stdio: ['ignore', 'pipe', 'ignore'],
              maxBuffer: 64 * 1024 * 1024,
            }),
      )
    } catch {
      return null
    }
  }
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
    const texts = await readChangedFiles(changes, wanted).catch(() => null)
    // A failed batch leaves the files to the one-by-one reads.
    if (texts === null) return
    wanted.forEach((path, i) => cache.set(path, split(texts[i] ?? null)))
  }
  return reader
}
