// Named errors with a code and a remedy, and the exit codes they map to.
// Every error a user can cause is a ProofgateError; anything else is an internal error (exit 70).

/** Exit codes, the same for the CLI, the Action and the hooks (documented in docs/exit-codes.md). */
export const ExitCode = {
  pass: 0,
  blocked: 1,
  warningsFailed: 2,
  usage: 64,
  internal: 70,
  /** An output could not be written: a full disk, a closed pipe (EX_IOERR). */
  ioError: 74,
  /** Try again later: the state lock is held by another live run (EX_TEMPFAIL). */
  tempFail: 75,
  config: 78,
} as const
/** One of the {@link ExitCode} values: 0, 1, 2, 64, 70, 74, 75 or 78. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** Every error code proofgate raises on purpose. */
export type ErrorCode =
  | 'PG_USAGE'
  | 'PG_NODE_VERSION'
  | 'PG_NOT_A_GIT_REPO'
  | 'PG_NO_COMMITS'
  | 'PG_BASE_NOT_FOUND'
  | 'PG_HEAD_NOT_FOUND'
  | 'PG_SHALLOW_CLONE'
  | 'PG_NO_MERGE_BASE'
  | 'PG_HOOK_CONFLICT'
  | 'PG_HOOK_CONFIG_INVALID'
  | 'PG_HOOK_UNSAFE'
  | 'PG_UNMERGED_INDEX'
  | 'PG_PUSH_INPUT'
  | 'PG_GIT_FAILED'
  | 'PG_GIT_LOCKED'
  | 'PG_FETCH_UNREACHABLE'
  | 'PG_CONFIG_INVALID'
  | 'PG_WAIVERS_INVALID'
  | 'PG_CHECKLIST_INVALID'
  | 'PG_COUNTER_EVIDENCE_INVALID'
  | 'PG_STATE_LOCKED'
  | 'PG_WORKTREE_FAILED'
  | 'PG_STATE_UNSAFE'
  | 'PG_STATE_UNWRITABLE'
  | 'PG_OUTPUT_INVALID'
  | 'PG_OUTPUT_FAILED'
  | 'PG_GIT_NOT_FOUND'
  | 'PG_GIT_UNSAFE_DIRECTORY'
  | 'PG_INDEX_FILE_INVALID'
  | 'PG_CONFIG_ENCODING'
  | 'PG_CONFIG_TOO_LARGE'
  | 'PG_TMPDIR_UNUSABLE'
  | 'PG_STATE_CORRUPT'
  | 'PG_FILE_UNREADABLE'
  | 'PG_INIT_UNSAFE'
  | 'PG_RELEASE_EVENT'

const exitCodeOf: Record<ErrorCode, ExitCode> = {
  PG_USAGE: ExitCode.usage,
  PG_NODE_VERSION: ExitCode.usage,
  PG_NOT_A_GIT_REPO: ExitCode.usage,
  PG_NO_COMMITS: ExitCode.usage,
  PG_BASE_NOT_FOUND: ExitCode.usage,
  PG_HEAD_NOT_FOUND: ExitCode.usage,
  // The clone lacks the history to compare: the repository's data, not the command line.
  PG_SHALLOW_CLONE: ExitCode.config,
  PG_NO_MERGE_BASE: ExitCode.config,
  PG_HOOK_CONFLICT: ExitCode.usage,
  PG_HOOK_CONFIG_INVALID: ExitCode.config,
  PG_HOOK_UNSAFE: ExitCode.config,
  PG_UNMERGED_INDEX: ExitCode.usage,
  PG_PUSH_INPUT: ExitCode.usage,
  // A corrupt or missing object, an unreachable promisor remote, a format git cannot read.
  PG_GIT_FAILED: ExitCode.config,
  PG_GIT_LOCKED: ExitCode.tempFail,
  // The Action's fetch of the base could not reach the remote: a retry usually works.
  PG_FETCH_UNREACHABLE: ExitCode.tempFail,
  PG_CONFIG_INVALID: ExitCode.config,
  PG_WAIVERS_INVALID: ExitCode.config,
  PG_CHECKLIST_INVALID: ExitCode.config,
  PG_COUNTER_EVIDENCE_INVALID: ExitCode.config,
  PG_STATE_LOCKED: ExitCode.tempFail,
  // Raised inside a gate (which then errors and blocks); never the run's own exit code.
  PG_WORKTREE_FAILED: ExitCode.usage,
  PG_STATE_UNSAFE: ExitCode.config,
  PG_STATE_UNWRITABLE: ExitCode.config,
  PG_OUTPUT_INVALID: ExitCode.usage,
  PG_OUTPUT_FAILED: ExitCode.ioError,
  PG_GIT_NOT_FOUND: ExitCode.config,
  PG_GIT_UNSAFE_DIRECTORY: ExitCode.config,
  PG_INDEX_FILE_INVALID: ExitCode.usage,
  PG_CONFIG_ENCODING: ExitCode.config,
  PG_CONFIG_TOO_LARGE: ExitCode.config,
  PG_TMPDIR_UNUSABLE: ExitCode.config,
  PG_STATE_CORRUPT: ExitCode.config,
  // A file of the version under test is there and cannot be read: never taken for a deleted one.
  PG_FILE_UNREADABLE: ExitCode.ioError,
  // A file init would write is a link, a directory or unreadable: it writes nothing.
  PG_INIT_UNSAFE: ExitCode.config,
  // The Action's release mode on an event or a checkout that names no tag to release.
  PG_RELEASE_EVENT: ExitCode.usage,
}

/** One problem in a configuration file, positioned for an editor (1-based line and column). */
export interface ConfigProblem {
  file: string
  line: number
  column: number
  /** Dotted key path, e.g. `gates.tests.timeout`; empty for the document root. */
  path: string
  message: string
}

/**
 * An error the user can act on. `hint` says what to run or change next; `problems` lists
 * positioned configuration problems when there are several.
 */
export class ProofgateError extends Error {
  readonly code: ErrorCode
  readonly hint: string | undefined
  readonly problems: ConfigProblem[]

  constructor(code: ErrorCode, message: string, options: { hint?: string; problems?: ConfigProblem[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ProofgateError'
    this.code = code
    this.hint = options.hint
    this.problems = options.problems ?? []
  }

  get exitCode(): ExitCode {
    return exitCodeOf[this.code]
  }
}

/** Formats a ProofgateError for a terminal: `proofgate: <code>: message`, problems, then the hint. */
export function formatError(error: ProofgateError): string {
  const lines = [`proofgate: ${error.code}: ${error.message}`]
  for (const p of error.problems) {
    lines.push(`  ${p.file}:${p.line}:${p.column}  ${p.path === '' ? '(root)' : p.path}: ${p.message}`)
  }
  if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`)
  return lines.join('\n')
}
