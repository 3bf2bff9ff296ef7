// Push ranges for the pre-push hook: git's `<local ref> <local sha> <remote ref> <remote sha>`
// lines on stdin become the commit ranges to check, one base..head per ref that is updated.
import { ProofgateError } from '../errors.js'
import { runGit } from './git-exec.js'
import type { Repository } from './git.js'

/** One line of the pre-push hook's stdin (githooks(5)): shas are full hex object names. */
export interface PushUpdate {
  localRef: string
  localSha: string
  remoteRef: string
  remoteSha: string
  /** The 1-based stdin line it came from, for errors; absent when built by hand. */
  line?: number
}

/** A range to check: `base` and `head` are full commit shas; `why` says how the base was chosen. */
export interface PushRange {
  remoteRef: string
  base: string
  head: string
  why: string
}

/** What {@link planPush} decided for one push: the ranges to run proofgate on, and the updates it skipped. */
export interface PushPlan {
  ranges: PushRange[]
  /** Updates with nothing to check (a deletion, a tag, nothing new), each with the reason. */
  skipped: Array<{ remoteRef: string; why: string }>
}

/** The repository's hash function, as `git rev-parse --show-object-format` names it. */
export type ObjectFormat = 'sha1' | 'sha256'

const HEX_LENGTH: Record<ObjectFormat, number> = { sha1: 40, sha256: 64 }
const OBJECT_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/
const isZero = (sha: string): boolean => /^0+$/.test(sha)
const PUSH_INPUT_HINT = 'proofgate hook pre-push reads what git writes to a pre-push hook; run it from the hook, or use proofgate run --base REV --head REV'

/**
 * The repository's object format: `sha256` when git says so, else `sha1` (git before 2.29 has
 * only SHA-1 and does not know the option).
 */
export async function objectFormatOf(repo: Repository): Promise<ObjectFormat> {
  const out = await tryRaw(repo, ['rev-parse', '--show-object-format'])
  return out === 'sha256' ? 'sha256' : 'sha1'
}

/**
 * Parses the pre-push hook's stdin: one `<local ref> <local sha> <remote ref> <remote sha>` line per
 * ref; blank lines are ignored. A local ref of `(delete)` comes with an all-zero local sha. With
 * `objectFormat`, every sha must have that format's length (40 hex digits for sha1, 64 for
 * sha256), the all-zero ones included; without it, either length is accepted.
 * @throws ProofgateError PG_PUSH_INPUT naming the 1-based line that is not four fields with hex
 *   shas of the right length.
 */
export function parsePushUpdates(text: string, objectFormat?: ObjectFormat): PushUpdate[] {
  const updates: PushUpdate[] = []
  const length = objectFormat === undefined ? undefined : HEX_LENGTH[objectFormat]
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return
    const fields = line.trim().split(/\s+/)
    const [localRef, localSha, remoteRef, remoteSha] = fields
    const at = `line ${String(index + 1)}`
    if (fields.length !== 4 || !OBJECT_NAME.test(localSha!) || !OBJECT_NAME.test(remoteSha!)) {
      throw new ProofgateError(
        'PG_PUSH_INPUT',
        `Unexpected pre-push input on ${at}: '${line}'; expected '<local ref> <local sha> <remote ref> <remote sha>'.`,
        {
          hint: PUSH_INPUT_HINT,
        },
      )
    }
    if (length !== undefined) {
      const wrong = [localSha!, remoteSha!].find((sha) => sha.length !== length)
      if (wrong !== undefined) {
        // A 64-digit name in a SHA-1 repository (or the reverse) names nothing here: checking "nothing" would let the push through.
        throw new ProofgateError(
          'PG_PUSH_INPUT',
          `Unexpected pre-push input on ${at}: '${line}': ${wrong.slice(0, 12)}… has ${String(wrong.length)} hex digits, but this repository's object names (${objectFormat!}) have ${String(length)}.`,
          {
            hint: PUSH_INPUT_HINT,
          },
        )
      }
    }
    updates.push({ localRef: localRef!, localSha: localSha!, remoteRef: remoteRef!, remoteSha: remoteSha!, line: index + 1 })
  })
  return updates
}

/** Options of {@link planPush}; without `remote`, a new ref falls back to its upstream, else to its tip commit alone. */
export interface PlanOptions {
  /** The remote's name as git passes it to the hook (`$1`); a URL when the push named no remote. */
  remote?: string
  /** Check pushed tags too (default false: tags are skipped, as most pre-push checks do). */
  tags?: boolean
}

async function tryRaw(repo: Repository, args: string[]): Promise<string | null> {
  try {
    const out = (await runGit(repo.root, args)).trim()
    return out === '' ? null : out
  } catch {
    return null
  }
}

const short = (ref: string): string => ref.replace(/^refs\/(heads|remotes|tags)\//, '')

/**
 * The base of a ref the remote does not have (or whose old tip is not known here): the merge-base
 * with the remote's default branch (`refs/remotes/<remote>/HEAD`), else with the local branch's
 * upstream, else with `<remote>/main` or `<remote>/master`; else the parent of the oldest commit
 * no remote-tracking ref of that remote contains. Never all history: with no remote ref at all,
 * only the tip commit is checked. Null when `head` is a root commit with nothing to compare.
 */
async function newRefBase(repo: Repository, update: PushUpdate, head: string, remote: string | undefined): Promise<{ base: string; why: string } | null> {
  const remotes = (await tryRaw(repo, ['remote']))?.split('\n') ?? []
  const named = remote !== undefined && remotes.includes(remote)
  const candidates: string[] = []
  if (named) candidates.push(`refs/remotes/${remote}/HEAD`)
  const upstream = update.localRef.startsWith('refs/heads/') ? await tryRaw(repo, ['for-each-ref', '--format=%(upstream)', '--', update.localRef]) : null
  if (upstream !== null) candidates.push(upstream)
  if (named) candidates.push(`refs/remotes/${remote}/main`, `refs/remotes/${remote}/master`)
  for (const ref of candidates) {
    const target = await repo.resolveCommit(ref)
    if (target === null) continue
    const base = await tryRaw(repo, ['merge-base', head, target])
    if (base !== null) {
      const name = ref.endsWith('/HEAD') ? ((await tryRaw(repo, ['symbolic-ref', '--quiet', ref])) ?? ref) : ref
      return { base, why: `new on the remote: merge-base with ${short(name)}` }
    }
  }
  if (named) {
    const fresh = await tryRaw(repo, ['rev-list', '--topo-order', '--reverse', head, '--not', `--remotes=${remote}`])
    const oldest = fresh?.split('\n')[0]
    if (oldest !== undefined) {
      const parent = await repo.resolveCommit(`${oldest}^`)
      if (parent !== null) return { base: parent, why: `new on the remote: the commits no ${remote}/* branch contains` }
    }
  }
  const parent = await repo.resolveCommit(`${head}^`)
  if (parent === null) return null
  return { base: parent, why: 'new on the remote, which has no branch to compare with: the tip commit only (proofgate run --base REV checks more)' }
}

/**
 * The error for a pushed local sha that is not a commit here: git only ever hands the hook
 * objects it is about to send, so an unknown one is input proofgate cannot check, and checking
 * nothing would let the push through.
 */
async function unresolvable(repo: Repository, update: PushUpdate): Promise<ProofgateError> {
  const at = update.line === undefined ? `for ${update.remoteRef}` : `on line ${String(update.line)}`
  const type = await tryRaw(repo, ['cat-file', '-t', update.localSha])
  const what = type === null ? 'is not an object in this repository' : `is a ${type}, not a commit`
  return new ProofgateError(
    'PG_PUSH_INPUT',
    `Cannot check the pre-push input ${at}: local sha ${update.localSha} (${update.localRef} → ${update.remoteRef}) ${what}, so there is nothing proofgate could vouch for; the push is refused.`,
    {
      hint: "push again with git, which writes the hook's input itself (git fetch first if objects are missing); to check a range by hand, proofgate run --base REV --head REV",
    },
  )
}

/**
 * Turns pre-push updates into ranges: a normal push checks remote..local; a new ref, the merge-base
 * with the remote's default branch or the upstream (see newRefBase); a force push, the merge-base of
 * the old and new tips; a deletion (all-zero local sha) nothing; tags nothing unless `tags`.
 * Identical ranges are checked once. A remote sha that is not here (the remote has commits this
 * clone lacks) is handled like a new ref, the reason saying to fetch. Peers: lefthook's
 * `{push_files}` and husky recipes compare `remote sha..local sha`; they diff a new branch against
 * nothing or all history, which this avoids.
 * @throws ProofgateError PG_PUSH_INPUT when a local sha (other than all zeros) is not a commit here:
 *   not an object at all (a tag line too, though tags are skipped), or a tree or blob.
 */
export async function planPush(repo: Repository, updates: readonly PushUpdate[], options: PlanOptions = {}): Promise<PushPlan> {
  const plan: PushPlan = { ranges: [], skipped: [] }
  const seen = new Set<string>()
  for (const update of updates) {
    const { remoteRef } = update
    if (isZero(update.localSha)) {
      plan.skipped.push({ remoteRef, why: 'deleted on the remote: nothing to check' })
      continue
    }
    if ((remoteRef.startsWith('refs/tags/') || update.localRef.startsWith('refs/tags/')) && options.tags !== true) {
      // Skipped, but never on input that names nothing: that is not what git writes.
      if ((await tryRaw(repo, ['cat-file', '-t', update.localSha])) === null) throw await unresolvable(repo, update)
      plan.skipped.push({ remoteRef, why: 'a tag: skipped (hooks.pre-push.tags: true checks tags)' })
      continue
    }
    const head = await repo.resolveCommit(update.localSha)
    if (head === null) throw await unresolvable(repo, update)
    let chosen: { base: string; why: string } | null
    if (!isZero(update.remoteSha)) {
      const old = await repo.resolveCommit(update.remoteSha)
      const base = old === null ? null : await tryRaw(repo, ['merge-base', old, head])
      if (base !== null) chosen = { base, why: base === old ? 'the remote tip..the pushed tip' : 'force push: merge-base of the old and new tips' }
      else if (old === null) {
        chosen = await newRefBase(repo, update, head, options.remote)
        if (chosen !== null) chosen.why = `the remote tip ${update.remoteSha.slice(0, 12)} is not here (git fetch); ${chosen.why}`
      } else chosen = await newRefBase(repo, update, head, options.remote)
    } else {
      chosen = await newRefBase(repo, update, head, options.remote)
    }
    if (chosen === null) {
      plan.skipped.push({ remoteRef, why: 'a root commit with nothing to compare against: proofgate run --base REV checks it' })
      continue
    }
    if (chosen.base === head) {
      plan.skipped.push({ remoteRef, why: 'no new commits' })
      continue
    }
    const key = `${chosen.base}..${head}`
    if (seen.has(key)) continue
    seen.add(key)
    plan.ranges.push({ remoteRef, base: chosen.base, head, why: chosen.why })
  }
  return plan
}
