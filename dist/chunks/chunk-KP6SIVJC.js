import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);

// src/errors.ts
var ExitCode = {
  pass: 0,
  blocked: 1,
  warningsFailed: 2,
  usage: 64,
  internal: 70,
  /** An output could not be written: a full disk, a closed pipe (EX_IOERR). */
  ioError: 74,
  /** Try again later: the state lock is held by another live run (EX_TEMPFAIL). */
  tempFail: 75,
  config: 78
}, exitCodeOf = {
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
  PG_RELEASE_EVENT: ExitCode.usage
}, ProofgateError = class extends Error {
  code;
  hint;
  problems;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause }), this.name = "ProofgateError", this.code = code, this.hint = options.hint, this.problems = options.problems ?? [];
  }
  get exitCode() {
    return exitCodeOf[this.code];
  }
};
function formatError(error) {
  let lines = [`proofgate: ${error.code}: ${error.message}`];
  for (let p of error.problems)
    lines.push(`  ${p.file}:${p.line}:${p.column}  ${p.path === "" ? "(root)" : p.path}: ${p.message}`);
  return error.hint !== void 0 && lines.push(`  hint: ${error.hint}`), lines.join(`
`);
}

export {
  ExitCode,
  ProofgateError,
  formatError
};
