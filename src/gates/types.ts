// The gate contract, shaped like an ESLint rule: metadata plus behaviour that reports through
// its context. The runner stamps the gate id, fingerprints, applies the filter and waivers.
import type * as z from 'zod'
import type { ChangeSet } from '../changes/types.js'
import type { GateSettingsDeclaration } from '../config/gate-options.js'
import type { Config } from '../config/schema.js'
import type { RuleMeta } from '../findings/rule.js'
import type { FindingInput, GateId, GateStatus, Scope } from '../findings/types.js'

/**
 * What a gate declares about itself, the single source for everything derived from the registry
 * (gates/index.ts): its settings under `gates.<id>` (description, default mode, default timeout
 * in seconds, its own zod options), its rule ids with default severities, whether the pre-commit
 * hook runs it by default, and how the runner treats it.
 */
export interface GateMeta<S extends z.ZodRawShape = z.ZodRawShape> extends GateSettingsDeclaration<S> {
  /** Rule id → its meta (findings/rule.ts): description, default severity, messages by messageId, diff-filter behaviour. */
  rules: Record<string, RuleMeta>
  /** True when `hooks.pre-commit.gates` lists the gate by default: it reads the staged content without running it. */
  preCommit?: boolean
  /**
   * false when the gate's findings are facts about the whole change rather than about the lines
   * it touched (a test broken by the change fails wherever the test lives): the diff filter
   * does not apply to them. Default true.
   */
  diffFiltered?: boolean
  /** True when the gate can look at the whole repository (`proofgate scan --all`), not only the change set. */
  scansAll?: boolean
  /**
   * True when the gate executes code from the repository under test (its test suite, its ESLint
   * config and plugins, proof commands). Such gates refuse to run where that code is untrusted and
   * a write token is in reach (`pull_request_target` with the pull request checked out). A function
   * decides from the effective config (the coverage gate with `runner: report` only reads a file).
   */
  executesRepositoryCode?: boolean | ((config: Config) => boolean)
  /**
   * False when the config gives the gate nothing to do, so it is `off` whatever `gates.<id>.mode`
   * says (the review gate without reviewers); unset: always enabled. gate-integrity compares modes
   * after applying it, so `mode: off` on a gate that was not enabled is no loosening.
   */
  enabled?(config: Config): boolean
}

// The run's vocabulary the findings model needs too; declared there so it imports no gate.
export type { GateStatus, Scope }

/** What a gate reads and how it reports. */
export interface GateContext {
  /** Absolute repository root. */
  root: string
  /** Absolute path of `.proofgate/` under the root. */
  stateDir: string
  runId: string
  changes: ChangeSet
  /** `all` under `proofgate scan --all`: gates with `meta.scansAll` read the whole repository. */
  scope: Scope
  config: Config
  /** Aborted on the gate's timeout or when the run is cancelled; pass it to every child process. */
  signal: AbortSignal
  /** The gate's timeout in ms. */
  timeoutMs: number
  report(finding: FindingInput): void
  /** Diagnostic output (shown with --verbose, never parsed). */
  log(message: string): void
  /** How far the gate's work is, in a few words (`412 tests done`), for the live progress line; absent: nobody shows it. */
  progress?(text: string): void
  /**
   * Behaviour changes declared for the whole run rather than by a commit (a pull request label);
   * each entry says where it comes from, e.g. `label 'behavior-change' on #12`.
   */
  declarations: readonly string[]
  /** Results of gates this gate depends on, finished before it starts. */
  results: ReadonlyMap<GateId, { status: GateStatus; data?: unknown }>
  /**
   * proofgate's environment (the CLI's `io.env`): what the repository's code inherits, filtered
   * (pass it as runRepositoryCode's `baseEnv`). Absent: `process.env`.
   */
  env?: NodeJS.ProcessEnv
}

/** What `run()` returns; findings go through `context.report()`. */
export interface GateOutcome {
  /** One line for the reports, e.g. `42 tests, 1 failed (vitest)`. */
  summary: string
  /** `skipped` or `inconclusive`; otherwise the runner derives pass/fail from the findings. */
  status?: 'skipped' | 'inconclusive'
  /** Why skipped or inconclusive; every report shows it. */
  reason?: string
  /** Structured facts for the JSON report and dependent gates (e.g. test counts). */
  data?: unknown
}

/**
 * A gate: metadata plus `run`, like an ESLint rule; registered in gates/index.ts under its id.
 * `Id` and `S` (its options' zod shape) let the config schema type `gates.<id>` from the registry.
 */
export interface Gate<Id extends GateId = GateId, S extends z.ZodRawShape = z.ZodRawShape> {
  readonly id: Id
  readonly meta: GateMeta<S>
  /** Gates whose results this gate reads; it starts after they finish. */
  readonly dependsOn?: readonly GateId[]
  /**
   * Starts loading heavy modules (TypeScript, the repository's ESLint) once the changed files are
   * known and the gate applies to them, so the load overlaps git's patch and a change that needs no
   * parser (a docs-only push) never pays for one. `changes` may be provisional: its files carry
   * names and statuses only (binary false, no line ranges) and its shas are empty. Called at most
   * once per run, with the run's effective config. Never throws: errors surface in run(). A gate
   * that starts a process here kills it in {@link Gate.dispose}.
   */
  warmUp?(root: string, changes: ChangeSet, config?: Config): void
  /**
   * Called once the run is done with the gate, whether it ran, was skipped, refused, errored or
   * timed out: releases what warmUp started (a worker process waiting for its request). Never throws.
   */
  dispose?(): void
  /** A cheap check; `false` or `{ applies: false, reason }` gives status `skipped` (with that reason). */
  appliesTo?(changes: ChangeSet): boolean | { applies: false; reason: string }
  /** A throw or a timeout makes the gate `errored`, which blocks when the gate is blocking. */
  run(context: GateContext): Promise<GateOutcome>
}

/**
 * The reason a gate's signal carries when the runner's timeout for it (`gates.<id>.timeout`)
 * ran out, as opposed to a cancelled run; `timeoutMs` is that timeout in ms.
 */
export class GateTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs < 1_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`)
    this.name = 'GateTimeoutError'
  }
}

/** True when `signal` aborted because a timeout ran out (the runner's, or `AbortSignal.timeout`), not because the run was cancelled. */
export function abortedByTimeout(signal: AbortSignal): boolean {
  const reason: unknown = signal.reason
  return signal.aborted && (reason instanceof GateTimeoutError || (reason instanceof DOMException && reason.name === 'TimeoutError'))
}

/** Whether `gate` executes the repository's code under `config` (GateMeta.executesRepositoryCode). */
export function executesRepositoryCode(gate: Gate, config: Config): boolean {
  const flag = gate.meta.executesRepositoryCode
  return typeof flag === 'function' ? flag(config) : flag === true
}
