// The `proof` gate: the commands under `proof:` must exit 0 on the tree under test, judged from what
// the proof-results journal recorded for this run (fail closed), and the scope `proofgate start` locked must hold.
import { describeRunTree, runTreeFor } from '../changes/worktree.js'
import type { Config } from '../config/schema.js'
import type { FindingInput } from '../findings/types.js'
import { runProofCommand } from './proof/command.js'
import { appendProofResult, judgeProofResults, PROOF_RESULT_TYPE, readProofResults, type ProofVerdict } from './proof/results.js'
import { PROOF_RULES, proofRuleFinding } from './proof/rules.js'
import { describeChanges, hashValue, minuteOf, readScope, scopeChanges, scopeParts, type ScopeState } from '../config/scope.js'
import type { Gate, GateContext, GateOutcome } from './types.js'
import { plural, seconds } from '../util/text.js'

export { outputTail, runProofCommand, TAIL_BYTES, TAIL_LINES } from './proof/command.js'
export { appendProofResult, judgeProofResults, PROOF_RESULTS_FILE, proofResultsPath, readProofResults } from './proof/results.js'
export type { ProofResult, ProofStatus, ProofVerdict } from './proof/results.js'
export { PROOF_RULES } from './proof/rules.js'
export { canonicalJson, describeChanges, hashValue, parseScope, readScope, recordScope, SCOPE_FILE, scopeChanges, scopePath } from '../config/scope.js'
export type { ScopeRecord, ScopeState } from '../config/scope.js'

/** `data` of the gate's result, for the JSON report. */
export interface ProofData {
  commands: Array<{
    name: string
    status: ProofVerdict['status'] | 'not-run'
    exitCode: number | null
    signal: string | null
    timedOut: boolean
    durationMs: number | null
  }>
  scope: 'unchanged' | 'changed' | 'none'
  /** When `proofgate start` recorded the scope (ISO 8601); absent without a readable lock. */
  scopeRecordedAt?: string
}

const NO_COMMANDS = 'no proof commands in .proofgate.yml'
const RESTART_HELP = 'run `proofgate start` again to accept the new scope'

interface ScopeCheck {
  state: ProofData['scope']
  summary: string
  recordedAt?: string
}

/** Compares the effective config with the recorded scope and reports `scope-changed` when they differ. */
async function checkScope(ctx: GateContext): Promise<ScopeCheck> {
  let recorded: ScopeState
  try {
    recorded = await readScope(ctx.stateDir)
  } catch (error) {
    recorded = { state: 'unreadable', reason: error instanceof Error ? error.message : String(error) }
  }
  if (recorded.state === 'none') return { state: 'none', summary: 'no scope lock (run proofgate start)' }
  if (recorded.state === 'unreadable') {
    ctx.report(
      proofRuleFinding(
        'scope-changed',
        'unreadable',
        { reason: recorded.reason },
        { fingerprintKey: 'scope', help: 'run `proofgate start` again to record the scope afresh' },
      ),
    )
    return { state: 'changed', summary: 'the recorded scope is unreadable' }
  }
  const { scope } = recorded
  const recordedAt = minuteOf(scope.recordedAt)
  const since = `since proofgate start ${recordedAt}`
  const parts = scopeParts(ctx.config)
  if (hashValue(parts.config) === scope.configHash && hashValue(parts.proof) === scope.proofHash) {
    return { state: 'unchanged', summary: `scope unchanged ${since}`, recordedAt: scope.recordedAt }
  }
  const items = scopeChanges(scope, ctx.config)
  const changes = items.length === 0 ? 'the recorded hashes differ from the current ones' : describeChanges(items)
  ctx.report(proofRuleFinding('scope-changed', 'changed', { recordedAt, changes }, { fingerprintKey: 'scope', help: RESTART_HELP }))
  return { state: 'changed', summary: `scope changed ${since}`, recordedAt: scope.recordedAt }
}

/** A command as it fits in a message: its first line, at most 120 characters. */
function shown(run: string): string {
  const lines = run.trim().split('\n')
  const first = lines[0]!.trim()
  if (first.length > 120) return `${first.slice(0, 119)}…`
  return lines.length > 1 ? `${first} …` : first
}

/** A command's last output as the messages show it after `Last output:`. */
function lastOutput(tail: string): string {
  return tail === '' ? '(it printed nothing)' : tail
}

/** The finding for one judged command, or null when it passed. */
export function proofFinding(verdict: ProofVerdict): FindingInput | null {
  const { command, result } = verdict
  const output = lastOutput(result?.outputTail ?? '')
  const data = { name: command.name, command: shown(command.run) }
  switch (verdict.status) {
    case 'passed':
      return null
    case 'unrecorded':
      return proofRuleFinding(
        'proof-unrecorded',
        'unrecorded',
        { ...data, problem: verdict.problem ?? 'none was recorded' },
        {
          fingerprintKey: command.name,
          help: 'check that .proofgate/ is writable and not locked by a stuck proofgate process (--verbose shows why), then run again',
        },
      )
    case 'timeout': {
      const help = `find what hangs (a watch mode, a prompt, a server left running); raise its \`timeout\` under \`proof:\` only if it is legitimately slower`
      // Killed before its own timeout: the gate's timeout ran out, or the run was cancelled.
      if (result !== null && result.durationMs < command.timeout * 1000) {
        return proofRuleFinding('proof-timeout', 'stopped', { ...data, duration: seconds(result.durationMs), output }, { fingerprintKey: command.name, help })
      }
      return proofRuleFinding('proof-timeout', 'timedOut', { ...data, timeout: command.timeout, output }, { fingerprintKey: command.name, help })
    }
    case 'signal':
      return proofRuleFinding(
        'proof-signal',
        'killed',
        { ...data, signal: result?.signal ?? 'a signal', output },
        {
          fingerprintKey: command.name,
          help: 'something killed it: the command itself, a crash (SIGSEGV, SIGABRT) or the system (the OOM killer sends SIGKILL); run it again and make it exit 0',
        },
      )
    case 'failed':
      return proofRuleFinding(
        'proof-failed',
        'failed',
        { ...data, exitCode: result?.exitCode ?? 'none', output },
        { fingerprintKey: command.name, help: `run \`${shown(command.run)}\` in the repository root and make it exit 0` },
      )
  }
}

/** `3 proof commands: 2 passed, 1 failed (build, exit 2)`. */
export function commandsSummary(verdicts: readonly ProofVerdict[]): string {
  const group = (status: ProofVerdict['status'], label: string, detail: (v: ProofVerdict) => string): string | null => {
    const these = verdicts.filter((v) => v.status === status)
    return these.length === 0 ? null : `${these.length} ${label} (${these.map(detail).join('; ')})`
  }
  const parts = [
    `${verdicts.filter((v) => v.status === 'passed').length} passed`,
    group('failed', 'failed', (v) => `${v.command.name}, exit ${v.result?.exitCode ?? '?'}`),
    group('timeout', 'timed out', (v) => `${v.command.name}, ${v.command.timeout} s`),
    group('signal', 'killed', (v) => `${v.command.name}, ${v.result?.signal ?? '?'}`),
    group('unrecorded', 'unrecorded', (v) => v.command.name),
  ].filter((p): p is string => p !== null)
  return `${plural(verdicts.length, 'proof command')}: ${parts.join(', ')}`
}

function dataOf(scope: ScopeCheck, commands: ProofData['commands']): ProofData {
  return { commands, scope: scope.state, ...(scope.recordedAt === undefined ? {} : { scopeRecordedAt: scope.recordedAt }) }
}

/** Runs each proof command in config order in `cwd` and appends its result; an append that fails is only logged (the verdict reads the journal). */
async function runAll(ctx: GateContext, commands: Config['proof'], cwd: string): Promise<Set<string>> {
  const notRun = new Set<string>()
  for (const command of commands) {
    if (ctx.signal.aborted) {
      notRun.add(command.name)
      continue
    }
    ctx.log(`proof: running '${command.name}': bash -c ${JSON.stringify(command.run)} (timeout ${command.timeout} s)`)
    const outcome = await runProofCommand(command, { cwd, signal: ctx.signal, envPass: ctx.config['env-pass'], baseEnv: ctx.env })
    ctx.log(
      `proof: '${command.name}' ended: exit ${outcome.exitCode ?? '-'}, signal ${outcome.signal ?? '-'}, timed out ${outcome.timedOut}, ${seconds(outcome.durationMs)}`,
    )
    try {
      await appendProofResult(ctx.stateDir, {
        runId: ctx.runId,
        type: PROOF_RESULT_TYPE,
        name: command.name,
        command: command.run,
        ...outcome,
        headSha: ctx.changes.head.sha,
        treeHash: ctx.changes.treeHash,
      })
    } catch (error) {
      ctx.log(`proof: warning: the result of '${command.name}' was not recorded: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return notRun
}

/**
 * The `proof` gate: runs the commands under `proof:` (`bash -c`, in the repository root, or a
 * temporary worktree of the version under test when the disk is not it; in config order,
 * each in its own process group with its own timeout), appends each result to
 * `.proofgate/proof-results.jsonl`, and judges this run id's lines read back from that journal.
 * Also checks the scope `proofgate start` recorded (`scope-changed`).
 */
export const proofGate: Gate<'proof', Record<never, never>> = {
  id: 'proof',
  // Proof commands (builds, e2e suites) would compete with the test suite for the CPU.
  dependsOn: ['tests'],
  meta: {
    description:
      'The commands under `proof:` must exit 0 on the tree under test, judged from .proofgate/proof-results.jsonl; the scope `proofgate start` recorded must not have changed',
    defaultMode: 'blocking',
    defaultTimeout: 3_600,
    timeoutDescription: 'Timeout in seconds for all proof commands together; each command also has its own',
    options: {},
    executesRepositoryCode: true,
    // Facts about the run, not about changed lines.
    diffFiltered: false,
    rules: PROOF_RULES,
  },

  async run(ctx: GateContext): Promise<GateOutcome> {
    // Deleting every proof command is what the lock exists to catch, so it runs first and always.
    const scope = await checkScope(ctx)
    const commands = ctx.config.proof
    if (commands.length === 0) {
      if (scope.state === 'none') return { status: 'skipped', reason: NO_COMMANDS, summary: `${NO_COMMANDS}; ${scope.summary}`, data: dataOf(scope, []) }
      return { summary: `0 proof commands; ${scope.summary}`, data: dataOf(scope, []) }
    }
    // Before anything runs: a pass on files other than the version under test proves nothing about
    // it, so the commands run in a temporary worktree of that version when the disk is not it.
    const tree = await runTreeFor(ctx.changes, ctx.runId)
    if (tree.temporary) ctx.log(`proof: running ${describeRunTree(ctx.changes, tree)}: ${tree.dir}`)
    const notRun = await runAll(ctx, commands, tree.dir)
    // The verdict is what the journal holds for this run, never what is in memory: a result that
    // was not written down does not count.
    const { events, warnings } = await readProofResults(ctx.stateDir)
    for (const warning of warnings) ctx.log(`proof: warning: ${warning}`)
    const verdicts = judgeProofResults(commands, ctx.runId, events).map((v) =>
      v.status === 'unrecorded' && notRun.has(v.command.name)
        ? { ...v, problem: 'it was not run: the gate was stopped first (its timeout or a cancelled run)' }
        : v,
    )
    for (const verdict of verdicts) {
      const finding = proofFinding(verdict)
      if (finding !== null) ctx.report(finding)
    }
    return {
      summary: `${commandsSummary(verdicts)}${tree.temporary ? ` ${describeRunTree(ctx.changes, tree)}` : ''}; ${scope.summary}`,
      data: dataOf(
        scope,
        verdicts.map((v) => ({
          name: v.command.name,
          status: v.status,
          exitCode: v.result?.exitCode ?? null,
          signal: v.result?.signal ?? null,
          timedOut: v.result?.timedOut ?? false,
          durationMs: v.result?.durationMs ?? null,
        })),
      ),
    }
  },
}
