// `proofgate hook pre-push|pre-commit`: what the git hooks call. Translates git's hook input
// (arguments, stdin, GIT_INDEX_FILE) into runs of the engine and their results into one exit code.
import { DECLARABLE_RULES } from '../findings/registry.generated.js'
import { openRepository } from '../changes/git.js'
import { objectFormatOf, parsePushUpdates, planPush } from '../changes/push.js'
import { loadConfig } from '../config/load.js'
import { ExitCode, ProofgateError } from '../errors.js'
import type { GateId } from '../findings/types.js'
import { GATES } from '../gates/index.js'
import { appendEvents } from '../journal/journal.js'
import { nextReporter } from '../reporters/next.js'
import { terminalReporter, useColour } from '../reporters/terminal.js'
import { runProofgate } from '../runner/run.js'
import { failFastReason } from '../runner/order.js'
import type { GateResult, Reporter } from '../runner/types.js'
import { liveProgress, progressReporter } from '../reporters/progress.js'
import { redactUrlCredentials } from '../util/repo-code.js'
import { stateDir } from '../util/state.js'

/** The prefix of every line a hook prints (husky prints `husky - `). */
export const HOOK_PREFIX = 'proofgate - '

/** A writer that starts every line with `prefix`; `flush()` ends a last unterminated line. */
export function prefixLines(write: (text: string) => unknown, prefix: string = HOOK_PREFIX): { write(text: string): void; flush(): void } {
  let atLineStart = true
  return {
    write(text) {
      if (text === '') return
      const lines = text.split('\n')
      let out = ''
      lines.forEach((line, i) => {
        const last = i === lines.length - 1
        if (last && line === '') return
        if (atLineStart) out += prefix
        out += line
        if (!last) out += '\n'
        atLineStart = !last
      })
      write(out)
    },
    flush() {
      if (!atLineStart) write('\n')
      atLineStart = true
    },
  }
}

/** The process around a hook run, injected so tests drive {@link runHook} without a real git hook: cwd, environment, output streams, stdin. */
export interface HookIO {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown; isTTY?: boolean }
  /** The hook's stdin, read whole (pre-push). */
  readStdin(): Promise<string>
  signal?: AbortSignal
}

/**
 * The worst of several runs' exit codes: an error (64, 70, 78) over blocked (1) over warnings
 * failed (2) over pass (0), so one push gets one verdict.
 */
export function combineExitCodes(codes: readonly number[]): number {
  const rank = (code: number): number => (code >= 64 ? 3 : code === ExitCode.blocked ? 2 : code === ExitCode.warningsFailed ? 1 : 0)
  return codes.reduce((worst, code) => (rank(code) > rank(worst) ? code : worst), ExitCode.pass)
}

/**
 * Runs one hook and returns its exit code (proofgate's: 0 pass, 1 blocked, …). Every line printed
 * starts with `proofgate - `. `PROOFGATE_SKIP=1` skips with a visible line and a `hook-skipped`
 * journal event; `PROOFGATE_DEBUG=1` prints the engine's diagnostics.
 * @throws ProofgateError for bad hook input or a git/config problem (the caller maps it to an exit code).
 */
export async function runHook(hook: 'pre-push' | 'pre-commit', args: readonly string[], io: HookIO): Promise<number> {
  const out = prefixLines((t) => io.stdout.write(t))
  const err = prefixLines((t) => io.stderr.write(t))
  try {
    return await runHookInner(hook, args, io, out, err)
  } finally {
    out.flush()
    err.flush()
  }
}

async function runHookInner(
  hook: 'pre-push' | 'pre-commit',
  args: readonly string[],
  io: HookIO,
  out: ReturnType<typeof prefixLines>,
  err: ReturnType<typeof prefixLines>,
): Promise<number> {
  const say = (line: string): void => err.write(`${line}\n`)
  const input = hook === 'pre-push' ? await io.readStdin() : ''
  const repo = await openRepository(io.cwd)
  if (io.env.PROOFGATE_SKIP === '1') {
    await recordSkip(hook, args, input, repo.root)
    say(`${hook} skipped (PROOFGATE_SKIP=1); recorded in .proofgate/journal/events.jsonl`)
    return ExitCode.pass
  }
  const debug = io.env.PROOFGATE_DEBUG === '1' ? (m: string) => say(m) : undefined
  const loaded = await loadConfig(repo.root, { env: io.env })
  const common = {
    cwd: io.cwd,
    env: io.env,
    strictWarnings: false,
    warn: (m: string) => say(`warning: ${m}`),
    ...(debug === undefined ? {} : { debug }),
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  }
  const reporter = (): ReturnType<typeof terminalReporter> => terminalReporter((t) => out.write(t), useColour(io.stdout, io.env))
  // Live lines are drawn raw (an erase sequence must not get a prefix); log lines go through `err`.
  const live = liveProgress(io.stderr, io.env)
  const progress = (): Reporter =>
    live ? progressReporter({ write: (t) => void io.stderr.write(t), live, prefix: HOOK_PREFIX }) : progressReporter({ write: (t) => err.write(t), live })

  if (hook === 'pre-commit') return runPreCommit(io, loaded.config, common, reporter, say, progress)
  return runPrePush(repo, input, args, loaded.config, common, reporter, say, progress)
}

type Repo = Awaited<ReturnType<typeof openRepository>>
type HookConfig = Awaited<ReturnType<typeof loadConfig>>['config']
/** The run options every hook run shares (cwd, env, warn, debug, signal). */
type CommonRunOptions = Pick<Parameters<typeof runProofgate>[0], 'cwd' | 'env' | 'strictWarnings' | 'warn' | 'debug' | 'signal'>
type MakeReporter = () => ReturnType<typeof terminalReporter>
type MakeProgress = () => Reporter

/** Journals a `PROOFGATE_SKIP=1` skip as a `hook-skipped` event in `root`'s state directory. */
async function recordSkip(hook: 'pre-push' | 'pre-commit', args: readonly string[], input: string, root: string): Promise<void> {
  // The pre-push hook's second argument is the remote URL, which may carry credentials.
  await appendEvents(stateDir(root), [
    {
      runId: 'hook',
      type: 'hook-skipped',
      hook,
      args: args.map(redactUrlCredentials),
      ...(hook === 'pre-push'
        ? {
            updates: input
              .trim()
              .split('\n')
              .filter((l) => l !== ''),
          }
        : {}),
    },
  ])
}

/** The pre-commit hook: one staged run of the configured gates; returns its exit code (0 on a first commit). */
async function runPreCommit(
  io: HookIO,
  config: HookConfig,
  common: CommonRunOptions,
  reporter: MakeReporter,
  say: (line: string) => void,
  progress: MakeProgress,
): Promise<number> {
  const available = new Set<string>(GATES.map((g) => g.id))
  const gates = config.hooks['pre-commit'].gates.filter((id) => available.has(id)) as GateId[]
  try {
    const result = await runProofgate({
      ...common,
      staged: true,
      ...(io.env.GIT_INDEX_FILE === undefined || io.env.GIT_INDEX_FILE === '' ? {} : { indexFile: io.env.GIT_INDEX_FILE }),
      gates,
      reporters: [progress(), reporter(), nextReporter()],
    })
    return result.exitCode
  } catch (error) {
    if (error instanceof ProofgateError && error.code === 'PG_NO_COMMITS') {
      say('the first commit: nothing to compare against, so nothing is checked (the pre-push hook checks it)')
      return ExitCode.pass
    }
    throw error
  }
}

/**
 * The pre-push hook: one run per pushed range (`input` is git's pre-push stdin, `args[0]` the remote);
 * returns the combined exit code of the runs.
 */
async function runPrePush(
  repo: Repo,
  input: string,
  args: readonly string[],
  config: HookConfig,
  common: CommonRunOptions,
  reporter: MakeReporter,
  say: (line: string) => void,
  progress: MakeProgress,
): Promise<number> {
  const updates = parsePushUpdates(input, await objectFormatOf(repo))
  const plan = await planPush(repo, updates, { ...(args[0] === undefined ? {} : { remote: args[0] }), tags: config.hooks['pre-push'].tags })
  for (const s of plan.skipped) say(`${s.remoteRef}: ${s.why}`)
  if (plan.ranges.length === 0) {
    say(updates.length === 0 ? 'nothing is being pushed: nothing to check' : 'nothing to check in this push')
    return ExitCode.pass
  }
  const codes: number[] = []
  const blockOnApproval = config.hooks['pre-push']['block-on-approval']
  const failFast = config.hooks['pre-push']['fail-fast']
  for (const range of plan.ranges) {
    say(`checking ${range.remoteRef}: ${range.base.slice(0, 12)}..${range.head.slice(0, 12)} (${range.why})`)
    const result = await runProofgate({
      ...common,
      repository: repo,
      base: range.base,
      head: range.head,
      baseSource: 'push',
      labels: { base: range.why, head: range.remoteRef },
      approvalBlocks: blockOnApproval,
      failFast,
      reporters: [progress(), reporter(), nextReporter()],
    })
    codes.push(result.exitCode)
    const unstarted = failFastSkips(result.gates)
    if (unstarted !== null) say(unstarted)
    const pending = result.findings.filter((f) => f.needsApproval === true && f.approved === undefined)
    // An undeclared behaviour change blocks here whatever block-on-approval says (verdict.ts judgeFinding).
    const undeclared = pending.filter((f) => f.pendingWaiver === undefined && DECLARABLE_RULES.has(`${f.gate}/${f.ruleId}`)).length
    const unapproved = pending.length - undeclared
    if (undeclared > 0)
      say(
        `UNDECLARED BEHAVIOUR CHANGE: ${undeclared} finding${undeclared === 1 ? '' : 's'} in ${range.remoteRef} refuse the push until the change is declared (a \`Behavior-Change: <why>\` trailer, a \`feat!:\`/\`fix!:\` subject, a changeset or changelog entry) or the test is fixed`,
      )
    if (unapproved > 0) {
      say(`NEEDS APPROVAL: ${unapproved} finding${unapproved === 1 ? '' : 's'} in ${range.remoteRef} only a reviewer can resolve (see above)`)
      say(
        blockOnApproval
          ? 'hooks.pre-push.block-on-approval is true: the push is refused until they are resolved'
          : "not blocking this push (hooks.pre-push.block-on-approval: false); the pull request's required check blocks until a reviewer approves",
      )
    }
  }
  const code = combineExitCodes(codes)
  if (plan.ranges.length > 1) {
    const failed = codes.filter((c) => c !== ExitCode.pass).length
    say(
      `one verdict for the push: ${code === ExitCode.pass ? 'pass' : code === ExitCode.blocked ? 'blocked' : `exit ${String(code)}`} (${String(failed)} of ${String(codes.length)} refs did not pass)`,
    )
  }
  if (code === ExitCode.blocked) say('push blocked; fix the findings above, or push with PROOFGATE_SKIP=1 (recorded in the journal)')
  return code
}

/**
 * The line that says which gates fail-fast left unstarted and why, e.g. `the tests and proof did not run:
 * the push is already blocked by test-mutation/tautology (hooks.pre-push.fail-fast: false runs
 * them anyway)`; null when fail-fast skipped none.
 */
export function failFastSkips(gates: readonly GateResult[]): string | null {
  const prefix = failFastReason('')
  const skipped = gates.filter((g) => g.status === 'skipped' && g.reason?.startsWith(prefix) === true)
  if (skipped.length === 0) return null
  const ids = skipped.map((g) => (g.id === 'tests' ? 'the tests' : g.id))
  const names = ids.length === 1 ? ids[0]! : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)!}`
  const block = skipped[0]!.reason!.slice(prefix.length)
  return `${names} did not run: the push is already blocked by ${block} (hooks.pre-push.fail-fast: false runs them anyway)`
}
