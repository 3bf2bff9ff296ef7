// `proofgate doctor`, the loop-closure audit: six facts that together say the gate is wired in and
// used (a hook, a pull-request workflow, a required check, tests that ran, a valid base-applied
// config, a recent run), each with a remedy. Reads only; the GitHub API only with a token.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { committedState, defaultBranchName, remoteUrl } from '../changes/wiring.js'
import { loadConfig } from '../config/load.js'
import { ProofgateError } from '../errors.js'
import { readTestResults } from '../gates/tests/results.js'
import { createGitHubClient, statusOf } from '../github/client.js'
import { checkHooks } from '../hooks/install.js'
import { readEvents } from '../journal/journal.js'
import { readRealFile } from '../util/real-file.js'
import { stateDir } from '../util/state.js'

/** The facts, in the order they are printed. */
export const DOCTOR_FACTS = ['hook', 'workflow', 'required-check', 'tests-ran', 'config', 'recent-run'] as const
export type DoctorFactId = (typeof DOCTOR_FACTS)[number]

/** One fact: `pass`, `fail` (exit 1), or `unknown` (could not be asked; does not fail). */
export interface DoctorFact {
  id: DoctorFactId
  status: 'pass' | 'fail' | 'unknown'
  /** What was found, one line. */
  detail: string
  /** What to do when it is not `pass`; null when it passes. */
  remedy: string | null
}

/** `proofgate doctor --format json`. */
export interface DoctorReport {
  /** False when any fact fails (exit 1). */
  ok: boolean
  facts: DoctorFact[]
}

/** What doctor reads: the repository root, the environment (GITHUB_TOKEN, GITHUB_API_URL) and the clock. */
export interface DoctorOptions {
  root: string
  env: NodeJS.ProcessEnv
  configFile?: string
  now?: Date
}

/** A recent run is one in the last 7 days. */
const RECENT_MS = 7 * 24 * 3600 * 1000

const pass = (id: DoctorFactId, detail: string): DoctorFact => ({ id, status: 'pass', detail, remedy: null })
const fail = (id: DoctorFactId, detail: string, remedy: string): DoctorFact => ({ id, status: 'fail', detail, remedy })
const unknown = (id: DoctorFactId, detail: string, remedy: string): DoctorFact => ({ id, status: 'unknown', detail, remedy })

async function hookFact(root: string, env: NodeJS.ProcessEnv): Promise<DoctorFact> {
  const report = await checkHooks(root, env)
  const installed = report.hooks.filter((h) => h.installed)
  if (report.ok) return pass('hook', `${installed.map((h) => h.hook).join(' and ')} installed and working (${report.manager})`)
  const problem = report.hooks.flatMap((h) => h.problems)[0]
  return fail(
    'hook',
    installed.length === 0 ? 'no proofgate hook is installed' : `installed but would not run: ${problem ?? 'see proofgate install --check'}`,
    'run npx proofgate install (then npx proofgate install --check)',
  )
}

/** A workflow step that runs proofgate: the Action (`uses: …proofgate…`, or `./` in proofgate's own repository) or the CLI. */
function stepRunsProofgate(step: unknown, ownAction: boolean): { checkName: string } | null {
  if (typeof step !== 'object' || step === null) return null
  const { uses, run } = step as { uses?: unknown; run?: unknown; with?: unknown }
  const withs = (step as { with?: Record<string, unknown> }).with
  const checkName = typeof withs?.['check-name'] === 'string' ? withs['check-name'] : 'proofgate'
  if (typeof uses === 'string' && (/proofgate/i.test(uses) || (ownAction && uses === './'))) return { checkName }
  if (typeof run === 'string' && /\bproofgate\b[^\n]*\b(run|hook)\b/.test(run)) return { checkName: 'proofgate' }
  return null
}

/** Whether a workflow's `on:` includes pull requests. */
function onPullRequests(on: unknown): boolean {
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on : typeof on === 'object' && on !== null ? Object.keys(on) : []
  return events.some((e) => e === 'pull_request' || e === 'pull_request_target')
}

/** The workflows that run proofgate on pull requests, with the check names they report under. */
async function proofgateWorkflows(root: string): Promise<Array<{ file: string; checkNames: string[] }>> {
  const dir = join(root, '.github', 'workflows')
  const names = await readdir(dir).catch(() => [] as string[])
  const action = await readRealFile(root, join(root, 'action.yml'))
  const ownAction = action.kind === 'file' && /^name:\s*['"]?proofgate/im.test(action.text)
  const found: Array<{ file: string; checkNames: string[] }> = []
  for (const name of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const read = await readRealFile(root, join(dir, name))
    if (read.kind !== 'file') continue
    let doc: { on?: unknown; jobs?: Record<string, { steps?: unknown[] }> } | null
    try {
      doc = parse(read.text) as typeof doc
    } catch {
      continue
    }
    // YAML 1.1 readers turn `on` into true; the yaml package keeps the key.
    if (doc === null || typeof doc !== 'object' || !onPullRequests(doc.on ?? (doc as Record<string, unknown>)['true'])) continue
    const checkNames = Object.values(doc.jobs ?? {}).flatMap((job) =>
      (Array.isArray(job?.steps) ? job.steps : []).map((s) => stepRunsProofgate(s, ownAction)?.checkName).filter((n): n is string => n !== undefined),
    )
    if (checkNames.length > 0) found.push({ file: `.github/workflows/${name}`, checkNames })
  }
  return found
}

function workflowFact(workflows: ReadonlyArray<{ file: string }>): DoctorFact {
  if (workflows.length > 0)
    return pass('workflow', `${workflows.map((w) => w.file).join(', ')} ${workflows.length === 1 ? 'runs' : 'run'} proofgate on pull requests`)
  return fail(
    'workflow',
    'no workflow under .github/workflows runs proofgate on pull_request',
    'add the workflow of README.md (Quick start, GitHub Action): on: pull_request, uses: proofgate/proofgate@v0',
  )
}

/** `owner/repo` of the `origin` remote when it is on github.com. */
async function githubRemote(root: string): Promise<{ owner: string; repo: string } | null> {
  const url = await remoteUrl(root)
  const match = url === null ? null : /github\.com[:/]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url)
  return match === null ? null : { owner: match[1]!, repo: match[2]! }
}

async function requiredCheckFact(root: string, env: NodeJS.ProcessEnv, checkNames: readonly string[]): Promise<DoctorFact> {
  const remedy = 'require the proofgate check in the default branch protection (Settings → Branches, or a ruleset)'
  const remote = await githubRemote(root)
  if (remote === null) return unknown('required-check', 'unknown: the origin remote is not on github.com', remedy)
  const token = env.GITHUB_TOKEN
  if (token === undefined || token === '')
    return unknown('required-check', 'unknown: GITHUB_TOKEN is not set, so GitHub was not asked', `set GITHUB_TOKEN to ask; ${remedy}`)
  const branch = await defaultBranchName(root)
  const client = createGitHubClient(token, { baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com', rateLimitRetries: 0 })
  let contexts: string[]
  try {
    const { data } = await client.rest.repos.getStatusChecksProtection({ ...remote, branch })
    // Both lists name the same checks when both are present (contexts is the older form).
    contexts = [...new Set([...(data.contexts ?? []), ...(data.checks ?? []).map((c) => c.context)])]
  } catch (error) {
    const status = statusOf(error)
    if (status === 404) return fail('required-check', `${branch} of ${remote.owner}/${remote.repo} requires no status checks`, remedy)
    return unknown('required-check', `unknown: GitHub answered ${status ?? 'with an error'} (the token may not read branch protection)`, remedy)
  }
  const names = checkNames.length === 0 ? ['proofgate'] : [...new Set(checkNames)]
  const required = contexts.filter((c) => names.includes(c))
  if (required.length > 0) return pass('required-check', `${required.join(', ')} is required on ${branch}`)
  return fail('required-check', `${branch} requires ${contexts.length === 0 ? 'no checks' : contexts.join(', ')}, not ${names.join(' or ')}`, remedy)
}

async function testsFact(root: string): Promise<DoctorFact> {
  const remedy = 'run npx proofgate run with the tests gate on (gates.tests.mode: blocking) and make the runner find the tests'
  let results
  try {
    results = await readTestResults(stateDir(root))
  } catch (error) {
    return fail('tests-ran', error instanceof Error ? error.message : String(error), remedy)
  }
  if (results === null) return fail('tests-ran', 'the tests gate has not run here (no .proofgate/test-results.json)', remedy)
  const ran = results.status === 'unknown' || (results.total ?? 0) > 0
  if (ran && (results.status === 'passed' || results.status === 'failed' || results.status === 'unknown')) {
    return pass(
      'tests-ran',
      `${results.runner} ran ${results.total === null ? 'the test script' : `${results.total} tests`} (${results.status}) at ${results.finishedAt}`,
    )
  }
  return fail('tests-ran', `the last tests gate run (${results.runner}) ended ${results.status} with ${results.total ?? 0} tests executed`, remedy)
}

async function configFact(root: string, env: NodeJS.ProcessEnv, configFile: string | undefined): Promise<DoctorFact> {
  let loaded
  try {
    loaded = await loadConfig(root, { ...(configFile === undefined ? {} : { file: configFile }), env })
  } catch (error) {
    if (!(error instanceof ProofgateError)) throw error
    return fail('config', `invalid: ${error.message.split('\n')[0]}`, error.hint ?? 'fix .proofgate.yml (proofgate config print shows what applies)')
  }
  if (loaded.file === null) return pass('config', 'no .proofgate.yml: the defaults apply, at every base')
  // A pull request runs under its base commit's config: one that is not committed never judges one.
  const state = await committedState(root, loaded.file)
  if (!state.committed)
    return fail(
      'config',
      `${loaded.file} is valid but not committed, so no base commit has it`,
      `commit ${loaded.file}: pull requests run under their base's config`,
    )
  if (state.edited)
    return pass('config', `${loaded.file} is valid and committed; its uncommitted edits apply only once merged (the base's config judges a change)`)
  return pass('config', `${loaded.file} is valid and committed (a change is judged by its base's copy)`)
}

async function recentRunFact(root: string, now: Date): Promise<DoctorFact> {
  const { events } = await readEvents(stateDir(root))
  const last = events.filter((e) => e.type === 'verdict').at(-1)
  const remedy = 'run npx proofgate run (or install the hook so every push runs it)'
  if (last === undefined) return fail('recent-run', 'the journal records no run', remedy)
  const age = now.getTime() - Date.parse(last.ts)
  if (age <= RECENT_MS) return pass('recent-run', `last run ${last.ts} (${String(last.verdict)})`)
  return fail('recent-run', `last run ${last.ts}, more than 7 days ago`, remedy)
}

/** Checks the six facts. Never throws for what it finds; a git or file-system failure is a runtime error (70). */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const { root, env } = options
  const workflows = await proofgateWorkflows(root)
  const facts = [
    await hookFact(root, env),
    workflowFact(workflows),
    await requiredCheckFact(
      root,
      env,
      workflows.flatMap((w) => w.checkNames),
    ),
    await testsFact(root),
    await configFact(root, env, options.configFile),
    await recentRunFact(root, options.now ?? new Date()),
  ]
  return { ok: facts.every((f) => f.status !== 'fail'), facts }
}

/** The terminal text: one line per fact, its remedy under it. */
export function renderDoctor(report: DoctorReport): string {
  const mark = { pass: '✔', fail: '✖', unknown: '?' }
  const lines = report.facts.flatMap((f) => [
    `proofgate - ${mark[f.status]} ${f.id.padEnd(15)} ${f.detail}`,
    ...(f.remedy === null || f.status === 'pass' ? [] : [`proofgate -   → ${f.remedy}`]),
  ])
  lines.push(`proofgate - ${report.ok ? 'the loop is closed' : `${report.facts.filter((f) => f.status === 'fail').length} fact(s) fail: exit 1`}`)
  return lines.join('\n') + '\n'
}
