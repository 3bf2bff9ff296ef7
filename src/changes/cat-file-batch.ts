// One `git cat-file --batch -z` for many `<rev>:<path>` reads, failing closed: git answers
// `missing` both for a path the tree does not hold and for one whose object is lost, so the
// trees on each path's way are read in the same batch and say which one it is.
import { ProofgateError } from '../errors.js'
import { runGitBuffer } from './git-exec.js'

/** An object git handed back. */
interface Found {
  oid: string
  type: string
  body: Buffer
}

/** What git answered for one request: the object, `missing`, or `ambiguous` (a short name). */
type Answer = Found | 'missing' | 'ambiguous'

/** `a/b/c` → `''`, `a`, `a/b`: the directories on a path's way, the root first. */
function treesOnTheWay(path: string): string[] {
  const parts = path.split('/')
  return parts.map((_, i) => parts.slice(0, i).join('/'))
}

/** Parses git's answers to `names`, in order (`--batch` output; echoed names may hold newlines). */
function parseAnswers(out: Buffer, names: readonly string[]): Answer[] {
  const answers: Answer[] = []
  let offset = 0
  for (const name of names) {
    // `<request> missing` / `<request> ambiguous` echo the request, which may hold newlines
    // (git 2.39 has no NUL-terminated output): skip exactly that line.
    const echoed = (['missing', 'ambiguous'] as const).find((tail) => {
      const line = Buffer.from(`${name} ${tail}\n`)
      return out.subarray(offset, offset + line.length).equals(line)
    })
    if (echoed !== undefined) {
      offset += Buffer.byteLength(`${name} ${echoed}\n`)
      answers.push(echoed)
      continue
    }
    const lineEnd = out.indexOf(0x0a, offset)
    if (lineEnd < 0) throw new Error('git cat-file --batch ended early')
    const header = out.toString('utf8', offset, lineEnd)
    const match = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header)
    if (match === null) throw new Error(`Unexpected git cat-file --batch header: ${JSON.stringify(header)}`)
    offset = lineEnd + 1
    const size = Number(match[3])
    answers.push({ oid: match[1]!, type: match[2]!, body: out.subarray(offset, offset + size) })
    offset += size + 1
  }
  return answers
}

/** The entry `name` of a tree object (`<mode> <name>\0<raw id>`…), or undefined. */
function treeEntry(tree: Found, name: string): { mode: string; oid: string } | undefined {
  const idBytes = tree.oid.length / 2
  const wanted = Buffer.from(name)
  let offset = 0
  while (offset < tree.body.length) {
    const space = tree.body.indexOf(0x20, offset)
    const nul = tree.body.indexOf(0, space)
    if (space < 0 || nul < 0) return undefined
    if (tree.body.subarray(space + 1, nul).equals(wanted)) {
      return { mode: tree.body.toString('latin1', offset, space), oid: tree.body.toString('hex', nul + 1, nul + 1 + idBytes) }
    }
    offset = nul + 1 + idBytes
  }
  return undefined
}

function lostObject(what: string, rev: string): ProofgateError {
  return new ProofgateError('PG_GIT_FAILED', `git cat-file failed: the repository's data is not usable (${what} at ${rev.slice(0, 12)} cannot be read).`, {
    hint: 'run `git fsck --full` to see what is damaged; fetch the missing objects (`git fetch --refetch origin`) or clone the repository again',
  })
}

/**
 * Why git answered `missing` for `<rev>:<path>`, from the trees on its way (`answers` by name):
 * returns normally when the path is not there (absent), and throws when a tree on the way names
 * the next step and that object cannot be read.
 * @throws ProofgateError PG_GIT_FAILED naming the lost object (the root tree, a subtree or the blob).
 */
function assertAbsent(rev: string, path: string, answers: ReadonlyMap<string, Answer>): void {
  const dirs = treesOnTheWay(path)
  const parts = path.split('/')
  for (let i = 0; i < dirs.length; i++) {
    const tree = answers.get(`${rev}:${dirs[i]}`)
    if (tree === undefined || tree === 'ambiguous') return
    if (tree === 'missing') {
      // The root tree is named by the revision alone; a subtree by its parent, checked already.
      throw lostObject(i === 0 ? `the tree of ${rev}` : `tree of ${dirs[i]}`, rev)
    }
    if (tree.type !== 'tree') return
    const entry = treeEntry(tree, parts[i]!)
    if (entry === undefined) return
    const last = i === dirs.length - 1
    // A submodule's commit is not in this repository: the path is not a file here (as before).
    if (entry.mode === '160000') return
    if (last) {
      if (entry.mode !== '40000') throw lostObject(`object ${entry.oid} of ${path}`, rev)
      return
    }
    if (entry.mode !== '40000') return
    if (answers.get(`${rev}:${dirs[i + 1]}`) === 'missing') throw lostObject(`tree ${entry.oid} of ${dirs[i + 1]}`, rev)
  }
}

/**
 * Reads `<rev>:<path>` for each request with one `git cat-file --batch -z`. Each result is the
 * object (a blob, or a tree/commit the caller will not take for a file), or null when the path is
 * not in that revision, or its name is ambiguous or holds a NUL.
 * @throws ProofgateError PG_GIT_FAILED when the revision's tree, a tree on the way or the blob the
 *   tree names cannot be read (a lost object is never an absent file); Error when git cannot
 *   start, exits non-zero or its output does not parse.
 */
export async function catFileBatch(root: string, requests: ReadonlyArray<{ rev: string; path: string }>): Promise<Array<Found | null>> {
  if (requests.length === 0) return []
  // A NUL cannot be part of a request; nothing in git can name such a path anyway.
  const askable = requests.filter((r) => !`${r.rev}:${r.path}`.includes('\0'))
  const names = [...new Set(askable.flatMap((r) => [...treesOnTheWay(r.path).map((dir) => `${r.rev}:${dir}`), `${r.rev}:${r.path}`]))]
  // The output is kept whole: a trailing `<request> missing` line keeps its newline, as the parser expects.
  const out = await runGitBuffer(root, ['cat-file', '--batch', '-z'], { input: names.map((name) => `${name}\0`).join(''), maxBuffer: 1024 * 1024 * 1024 })
  const answers = new Map<string, Answer>()
  parseAnswers(out, names).forEach((answer, i) => answers.set(names[i]!, answer))
  return requests.map((r) => {
    const answer = answers.get(`${r.rev}:${r.path}`)
    if (answer === undefined || answer === 'ambiguous') return null
    if (answer === 'missing') {
      assertAbsent(r.rev, r.path, answers)
      return null
    }
    return answer
  })
}
