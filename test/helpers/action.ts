// Runs the built Action (dist/index.js, as GitHub runs it: `node24`, env only) in a real process,
// with the GITHUB_* variables a runner sets, INPUT_* from a map, and the output files read back.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GIT_ENV, PROJECT_ROOT } from './repo.js'
import { writeEventFile } from './github-events.js'

export const ACTION = join(PROJECT_ROOT, 'dist', 'index.js')
const NODE = join(PROJECT_ROOT, 'node_modules', '.bin', 'node')

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  /** `GITHUB_OUTPUT` as a map (`verdict`, `exit-code`, …). */
  outputs: Record<string, string>
  /** What the step wrote to `GITHUB_STEP_SUMMARY`. */
  summary: string
  /** Workflow commands (`::error file=…::message`) printed on stdout. */
  commands: Array<{ kind: string; properties: string; message: string }>
  /** Wall time from spawn to exit, ms. */
  durationMs: number
  /** performance.timeOrigin-based time of the spawn, ms (to compare with request times). */
  spawnedAt: number
}

export interface ActionOptions {
  /** The workspace (a clone). */
  workspace: string
  eventName: string
  payload: unknown
  /** GITHUB_SHA. */
  sha: string
  apiUrl: string
  inputs?: Record<string, string>
  repository?: string
  env?: Record<string, string>
}

/** `name<<delimiter\nvalue\ndelimiter` entries, as @actions/core writes them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!)
    if (m === null) continue
    const end = lines.indexOf(m[2]!, i + 1)
    outputs[m[1]!] = lines.slice(i + 1, end).join('\n')
    i = end
  }
  return outputs
}

const DEFAULT_INPUTS: Record<string, string> = {
  'github-token': 'test-token',
  'fail-on': 'high',
  comment: 'on-failure',
  'check-name': 'proofgate',
  'strict-warnings': 'false',
  'working-directory': '.',
  'max-annotations': '500',
  'behavior-change-label': 'behavior-change',
  'allow-untrusted-code': 'false',
}

/** Runs dist/index.js once and collects what a runner would see. */
export async function runAction(options: ActionOptions): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), 'proofgate-runner-'))
  const outputFile = join(temp, 'output')
  const summaryFile = join(temp, 'summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // As in cliEnv (helpers/cli.ts): repeated blocked runs of one scenario must not escalate.
    PROOFGATE_ESCALATION: 'off',
    HOME: process.env.HOME ?? temp,
    ...(GIT_ENV as Record<string, string>),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: writeEventFile(temp, options.payload),
    GITHUB_REPOSITORY: options.repository ?? 'Codertocat/Hello-World',
    GITHUB_SHA: options.sha,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_RUN_ID: '4242',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
    ...options.env,
  }
  for (const [name, value] of Object.entries({ ...DEFAULT_INPUTS, ...options.inputs })) env[`INPUT_${name.toUpperCase()}`] = value
  const spawnedAt = performance.timeOrigin + performance.now()
  const child = spawn(NODE, [ACTION], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const commands = [...stdout.matchAll(/^::(error|warning|notice)( [^:]*)?::(.*)$/gm)].map((m) => ({
    kind: m[1]!,
    properties: (m[2] ?? '').trim(),
    message: m[3]!,
  }))
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    commands,
    durationMs: Math.round(performance.timeOrigin + performance.now() - spawnedAt),
    spawnedAt,
  }
}
