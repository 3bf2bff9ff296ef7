// The messages between the static-analysis gate and its ESLint worker (eslint-worker.ts): one
// request on the worker's stdin, one response on its stdout between the request's
// two marker lines. Types only: the worker imports nothing but Node's built-ins.

/** What the gate asks: everything the worker needs, since it reads neither git nor proofgate's config. */
export interface WorkerRequest {
  /**
   * The lines the worker writes before and after the response JSON on stdout (random per request),
   * so whatever the repository's config prints around it is never read as the response.
   */
  begin: string
  end: string
  /** ESLint's cwd: the repository root. */
  cwd: string
  /** Absolute path of `.proofgate/eslint-cache`, checked by the gate before the request is sent. */
  cacheLocation: string
  /** Absolute paths linted from the disk (lintFiles). */
  files: string[]
  /** Files linted from their blob in the tree under test (lintText), under their absolute path; `text` null when the blob could not be read (not linted; the gate refuses if a config applies). */
  texts: Array<{ filePath: string; text: string | null }>
}

/** The subset of ESLint's LintMessage the gate reads (ESLint 8, 9, 10). Lines and columns 1-based. */
export interface WorkerMessage {
  ruleId: string | null
  /** 1 warning, 2 error. */
  severity: number
  message: string
  messageId?: string
  fatal?: boolean
  line?: number
  column?: number
  endLine?: number
  endColumn?: number
}

/**
 * The worker's answer. `configs` maps every requested path to the flat config ESLint found for it,
 * or `eslintrc` when an eslintrc config applies (null: none). Files ESLint ignores have no result.
 */
export type WorkerResponse =
  | {
      ok: true
      /** ESLint's version; when its major is below 8 nothing else was done (`configs` and `results` empty). */
      version: string
      /** `flat`: eslint.config.* (ESLint 9+, or 8.57 when the repository has one); `eslintrc`: ESLint 8's `.eslintrc.*` / package.json `eslintConfig`. */
      mode: 'flat' | 'eslintrc'
      configs: Record<string, string | null>
      results: Array<{ filePath: string; messages: WorkerMessage[] }>
      /** How many of `results` came from `texts`. */
      fromTree: number
      /** The docs URL of each rule id in `results` that has one (getRulesMetaForResults). */
      docs: Record<string, string>
    }
  | {
      ok: false
      /** `load`: ESLint itself did not load; `lint`: linting threw (typically a config that does not load). */
      stage: 'load' | 'lint'
      version?: string
      mode?: 'flat' | 'eslintrc'
      configs?: Record<string, string | null>
      error: string
    }
