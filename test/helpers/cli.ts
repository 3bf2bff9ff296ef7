// Runs the built CLI (dist/cli.js, as users and hooks run it) in a real process, and
// normalises output for snapshots: absolute paths, SHAs, durations and run ids.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
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

/** Runs `node dist/cli.js ...args` in `cwd` with NO_COLOR and without inherited PROOFGATE_* settings. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...base, NO_COLOR: '1', ...env },
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
