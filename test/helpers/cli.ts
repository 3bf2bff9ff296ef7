// Runs the CLI in-process through main(argv, io) (runCli), or the built dist/cli.js in a real
// process as users and hooks run it (spawnCli, for the smoke tests of the process boundary), and
// normalises output for snapshots: absolute paths, SHAs, durations and run ids.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { PROJECT_ROOT } from './repo.js'

export const CLI = join(PROJECT_ROOT, 'dist', 'cli.js')

export interface CliRun {
  exitCode: number | null
  stdout: string
  stderr: string
  /** stdout parsed as the JSON report. */
  json(): JsonReport
}

/** The parts of the JSON report the tests read. */
export interface JsonReport {
  schemaVersion: number
  verdict: string
  exitCode: number
  base: { sha: string; source: string; ref?: string }
  head: { sha: string; ref?: string }
  treeHash: string
  gates: Array<{
    id: string
    mode: string
    status: string
    summary: string
    reason?: string
    counts: Record<string, number>
    filteredOut: number
    data?: unknown
  }>
  findings: Array<{
    gate: string
    ruleId: string
    /** Which of the rule's messages the text was formatted from, when the rule declares messages. */
    messageId?: string
    severity: string
    message: string
    path?: string
    startLine?: number
    startColumn?: number
    fingerprint: string
    blocking: boolean
    waived: null | { reason: string; proof: string; line: number }
  }>
  inconclusive: Array<{ gate: string; reason: string }>
  notes: string[]
}

/**
 * The environment both runners give the CLI: the test process's own, without inherited
 * PROOFGATE_* settings, with NO_COLOR and PROOFGATE_ESCALATION=off, then `env` (an `undefined` value removes the variable).
 */
export function cliEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // Escalation off by default: tests that repeat one blocked run would otherwise escalate on the
  // fourth; test/integration/loop/escalation.test.ts turns it on (PROOFGATE_ESCALATION: undefined).
  const merged: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_'))),
    NO_COLOR: '1',
    PROOFGATE_ESCALATION: 'off',
    ...env,
  }
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined))
}

/**
 * Runs the CLI in-process: `main(args, io)` with `cwd`, {@link cliEnv}(env) and captured stdout
 * and stderr (not TTYs), stdin empty. No Node start-up and no build per call; main reads nothing
 * of this process's own cwd, environment or streams, so two runs share no state.
 */
export async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const exitCode = await main(args, {
    cwd,
    env: cliEnv(env),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: () => Promise.resolve(''),
  })
  return { exitCode, stdout, stderr, json: () => JSON.parse(stdout) as JsonReport }
}

/** Runs `node dist/cli.js ...args` in `cwd` with {@link cliEnv}(env): the process boundary itself (needs `npm run build`). */
export function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: cliEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  })
  return {
    exitCode: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout) as JsonReport,
  }
}

/** Replaces `dir`, 40-hex SHAs, 12-hex short SHAs and timings with stable placeholders. */
export function normalise(text: string, dir: string): string {
  return text
    .split(dir)
    .join('<repo>')
    .replace(/\b[0-9a-f]{40}\b/g, '<sha>')
    .replace(/\b[0-9a-f]{12}\b/g, '<short-sha>')
    .replace(/\b\d+\.\d s\b/g, '<t> s')
    .replace(/\b\d+ ms\b/g, '<t> ms')
}
