// Turns a git failure whose cause is the repository's data (a corrupt or missing object, a
// partial clone whose promisor cannot be reached, a format git cannot read, a held lock) into a
// named ProofgateError with a remedy; anything else stays an internal error (a bug: exit 70).
import { ProofgateError } from '../errors.js'

/** What git prints when an object it needs is damaged or absent (loose, packed or promised). */
const CORRUPT = [
  /\bunable to read [0-9a-f]{7,64}\b/i,
  /\bbad object\b/i,
  /\bmissing (?:blob|tree|commit|tag) object\b/i,
  /\b(?:loose object|object file) .* is (?:corrupt|empty)\b/i,
  /\bpackfile .* (?:cannot be accessed|is corrupt|does not match)\b/i,
  /\binflate: data stream error\b/i,
  /\bcorrupt (?:loose object|packed object)\b/i,
  /\bbad tree object\b/i,
  /\bfailed to read object\b/i,
  /\bcould not (?:read|parse) (?:commit|object) [0-9a-f]{7,64}\b/i,
  // `git ls-tree` through a tree whose object is gone.
  /\bcould not read [0-9a-f]{7,64}\b/i,
  /\bnot our ref\b/i,
]
/** A partial clone (`--filter=blob:none`) asked its promisor remote for an object and did not get it. */
const PROMISOR = [/\bcould not fetch [0-9a-f]{7,64} from promisor remote\b/i, /\bpromisor remote\b/i]
/** A repository git is too old (or too new) to read. */
const FORMAT = [/\bunknown repository extension/i, /\bexpected git repo version\b/i, /\bunknown index entry format\b/i]
/** Another git process holds a lock: try again (exit 75). */
const LOCKED = [/\bunable to create '[^']*\.lock': file exists\b/i, /\banother git process seems to be running\b/i]

/** The line git printed that matches `patterns`, else the first `fatal:`/`error:` line, else the first line. */
function reasonOf(message: string, patterns: RegExp[]): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  return lines.find((l) => patterns.some((p) => p.test(l))) ?? lines.find((l) => /^(?:fatal|error):/.test(l)) ?? lines[0] ?? 'git failed'
}

/** The git subcommand in `args` (`diff-tree`), skipping global options and `-c key=value` pairs. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') i++
    else if (!args[i]!.startsWith('-')) return args[i]!
  }
  return ''
}

/**
 * Names a failure of `git <args>` when the repository's data is the cause.
 * @param error what git-exec rejected with (a GitCommandError, whose message is git's stderr).
 * @param args the argument array, shown shortened in the message (never a secret: proofgate
 *   passes credentials through the environment only).
 * @returns a ProofgateError — PG_GIT_FAILED (exit 78) for a corrupt or missing object, an
 *   unreachable promisor remote or an unreadable repository format; PG_GIT_LOCKED (exit 75) for
 *   a lock another git process holds — or null when the failure is not one of those (an
 *   internal error: proofgate asked git for something wrong).
 */
export function classifyGitFailure(error: unknown, args: readonly string[]): ProofgateError | null {
  if (error instanceof ProofgateError) return null
  const message = error instanceof Error ? error.message : String(error)
  const command = `git ${subcommand(args)}`
  let reason = ''
  const has = (patterns: RegExp[]): boolean => {
    reason = reasonOf(message, patterns)
    return patterns.some((p) => p.test(message))
  }
  if (has(LOCKED)) {
    return new ProofgateError('PG_GIT_LOCKED', `${command} could not take a lock another git process holds: ${reason}`, {
      hint: 'wait for the other git command to finish and run proofgate again; if none is running, delete the stale .lock file git names',
      cause: error,
    })
  }
  if (has(PROMISOR)) {
    return new ProofgateError(
      'PG_GIT_FAILED',
      `${command} needs an object this partial clone does not have, and its promisor remote did not supply it: ${reason}`,
      {
        hint: 'make the remote reachable and run `git fetch --refetch origin` (or clone without --filter); in GitHub Actions use actions/checkout without `filter:`',
        cause: error,
      },
    )
  }
  if (has(CORRUPT)) {
    return new ProofgateError('PG_GIT_FAILED', `${command} failed: the repository's data is not usable (${reason}).`, {
      hint: 'run `git fsck --full` to see what is damaged; fetch the missing objects (`git fetch --refetch origin`) or clone the repository again',
      cause: error,
    })
  }
  if (has(FORMAT)) {
    return new ProofgateError('PG_GIT_FAILED', `${command} failed: this git cannot read the repository's format (${reason}).`, {
      hint: 'upgrade git to the version that created the repository (proofgate needs 2.30 or later)',
      cause: error,
    })
  }
  return null
}
