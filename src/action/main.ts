// The Action: inputs → Settings → the engine → reporters and outputs. The one try/catch that
// turns an error into a failed step lives here; nothing below it calls process.exit.
import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { ensureHistory, fetchBranch, type FetchOptions } from '../changes/fetch.js'
import { openRepository, type Repository } from '../changes/git.js'
import { ExitCode, ProofgateError, formatError } from '../errors.js'
import type { Approval } from '../findings/types.js'
import { createGitHubClient, statusOf, type GitHubClient } from '../github/client.js'
import { findApproval, listReviews } from '../github/reviews.js'
import { checkRunReporter, fallbackAnnotationsReporter, jobSummaryReporter, pullRequestCommentReporter, type GitHubPublishing } from '../reporters/github.js'
import { htmlReporter } from '../reporters/html.js'
import { fromJsonReport, toJsonReport } from '../reporters/json.js'
import { toSarif } from '../reporters/sarif.js'
import { renderTerminal } from '../reporters/terminal.js'
import { runProofgate, type Settings } from '../runner/run.js'
import type { Reporter, RunResult } from '../runner/types.js'
import { writeTextAtomic } from '../util/state.js'
import { uploadHtmlArtifact } from './artifact.js'
import { readWorkflowContext, targetOf, type RunTarget, type WorkflowContext } from './event.js'
import { parseInputs, type ActionInputs } from './inputs.js'
import { runReleaseMode } from './release.js'

/** What the Action adds to the JSON report so a later job (the fork recipe) can publish it. */
export interface ReportGitHubContext {
  repository: string
  event: string
  headSha: string
  pullRequest?: number
}

/**
 * Runs the Action in this process (GitHub calls it through dist/index.js). Reads inputs with
 * @actions/core, sets the outputs `verdict`, `exit-code`, `findings-count`, `blocking-count`,
 * `report-path`, `sarif-path` (and `html-path` with `html-report: true`; release mode, src/action/release.ts,
 * sets neither), and fails the step when the run is blocked (exit code 1), when
 * warnings fail under `strict-warnings` (2), or on an error (64 usage, 70 internal, 78 config).
 * @returns the exit code it reported (for tests); never throws.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const inputs = parseInputs((name) => core.getInput(name))
    if (inputs.githubToken !== '') core.setSecret(inputs.githubToken)
    const exitCode = await runAction(inputs, env)
    core.setOutput('exit-code', String(exitCode))
    if (exitCode === ExitCode.blocked) core.setFailed('proofgate: blocked — see the findings above, the check run or the job summary')
    else if (exitCode === ExitCode.warningsFailed) core.setFailed('proofgate: warnings failed under strict-warnings')
    return exitCode
  } catch (error) {
    const code = error instanceof ProofgateError ? error.exitCode : ExitCode.internal
    const text =
      error instanceof ProofgateError
        ? formatError(error)
        : `proofgate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
    core.setOutput('exit-code', String(code))
    core.setFailed(text)
    return code
  }
}

async function runAction(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<number> {
  const context = await readWorkflowContext(env)
  const cwd = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), inputs.workingDirectory)
  const publishing: GitHubPublishing = {
    client:
      inputs.githubToken === '' ? undefined : createGitHubClient(inputs.githubToken, { baseUrl: context.apiUrl, log: (m) => core.info(`proofgate - ${m}`) }),
    repo: context.repository,
    checkName: inputs.checkName,
    headSha: context.sha,
    maxAnnotations: inputs.maxAnnotations,
    ...(context.runId === undefined
      ? {}
      : { detailsUrl: `${context.serverUrl}/${context.repository.owner}/${context.repository.repo}/actions/runs/${context.runId}` }),
    readOnly: inputs.githubToken === '',
    warn: (m) => core.warning(m),
    info: (m) => core.info(`proofgate - ${m}`),
  }
  if (inputs.githubToken === '') core.warning('github-token is empty: no check run or comment; findings go to annotations and the job summary')

  if (inputs.reportFrom !== undefined) return publishReport(inputs, context, cwd, publishing, env)
  if (inputs.mode === 'release') return runReleaseMode(inputs, context, cwd, publishing, env)

  const repo = await openRepository(cwd)
  const target = await targetOf(context, repo)
  const base = await prepareBase(repo, target, context, inputs)
  publishing.headSha = target.reportSha
  if (target.pullRequest !== undefined) publishing.pullRequest = target.pullRequest.number

  const labelled = target.pullRequest?.labels.includes(inputs.behaviorChangeLabel) === true
  const notes = [...target.notes]
  let refuse: string | undefined
  if (target.untrusted !== undefined) {
    if (inputs.allowUntrustedCode && target.head === undefined)
      notes.push("allow-untrusted-code: true — gates that run the repository's code ran on pull_request_target")
    else refuse = target.untrusted
  }
  const approval = await readApproval(publishing.client, context, target, notes)
  // With an approval the change's own config applies: the work tree, or the head commit when only it is read.
  const configRev = approval === undefined ? target.configRev : target.head
  const paths = outputPaths(inputs, env, repo.root)
  const github: ReportGitHubContext = {
    repository: `${context.repository.owner}/${context.repository.repo}`,
    event: context.eventName,
    headSha: target.reportSha,
    ...(target.pullRequest === undefined ? {} : { pullRequest: target.pullRequest.number }),
  }
  const settings: Settings = {
    cwd,
    env,
    strictWarnings: inputs.strictWarnings,
    failOn: inputs.failOn,
    notes,
    ...(base === undefined ? {} : { base }),
    ...(target.baseSource === undefined || base === undefined ? {} : { baseSource: target.baseSource }),
    ...(target.head === undefined ? {} : { head: target.head }),
    ...(configRev === undefined ? {} : { configRev }),
    ...(approval === undefined ? {} : { approval }),
    ...(inputs.gates === undefined ? {} : { gates: inputs.gates }),
    ...(inputs.filterMode === undefined ? {} : { filterMode: inputs.filterMode }),
    ...(inputs.config === undefined ? {} : { configFile: inputs.config }),
    ...(labelled ? { declarations: [`label '${inputs.behaviorChangeLabel}' on #${target.pullRequest!.number}`] } : {}),
    ...(refuse === undefined ? {} : { refuseRepositoryCode: refuse }),
    reporters: reportersFor(inputs, publishing, paths, github, env),
    warn: (m) => core.warning(`proofgate: ${m}`),
    debug: (m) => core.debug(m),
  }
  const result = await runProofgate(settings)
  setOutputs(result, paths)
  await publishHtml(inputs, paths)
  return result.exitCode
}

/**
 * The approval of the pull request's head commit (github/reviews.ts says which review counts), or
 * undefined with a note saying why there is none. Never throws: a 403 or 404 from the reviews API
 * (a token without `pull-requests: read`) means no approval.
 */
async function readApproval(client: GitHubClient | undefined, context: WorkflowContext, target: RunTarget, notes: string[]): Promise<Approval | undefined> {
  const pr = target.pullRequest
  if (pr === undefined) return undefined
  if (client === undefined) {
    notes.push("no approval: without a github-token the pull request's reviews cannot be read, so findings that need approval block")
    return undefined
  }
  try {
    const approval = findApproval(await listReviews(client, context.repository, pr.number), { headSha: pr.headSha, author: pr.author })
    if (approval === undefined)
      notes.push(
        `no approval: no owner, member or collaborator other than the author approved ${pr.headSha.slice(0, 12)}, so findings that need approval block`,
      )
    return approval
  } catch (error) {
    const status = statusOf(error)
    const why = status === undefined ? (error instanceof Error ? error.message : String(error)) : `HTTP ${status}`
    notes.push(
      `no approval: the pull request's reviews could not be read (${why}; the workflow needs pull-requests: read), so findings that need approval block`,
    )
    return undefined
  }
}

/**
 * The base commit, fetched into a shallow checkout together with the history down to the
 * merge-base. A forced push compares with the merge-base of the old and new tips; a new branch
 * with the merge-base of the default branch.
 */
async function prepareBase(repo: Repository, target: RunTarget, context: WorkflowContext, inputs: ActionInputs): Promise<string | undefined> {
  const fetchOptions = { token: inputs.githubToken, serverUrl: context.serverUrl, log: (m: string) => core.info(`proofgate - ${m}`) }
  const head = target.head ?? (await repo.resolveCommit('HEAD')) ?? context.sha
  let base = target.base
  if (base === undefined && context.eventName === 'push') {
    const branch = (context.payload.repository as { default_branch?: string } | undefined)?.default_branch
    if (branch !== undefined && `refs/heads/${branch}` !== context.payload.ref) base = await defaultBranchTip(repo, branch, fetchOptions, target.notes)
  }
  if (base === undefined) return undefined
  await ensureHistory(repo, base, head, fetchOptions)
  if (await repo.isAncestor(base, head)) return base
  // A forced push or a new branch: compare with where the histories meet, never all of history.
  const mergeBase = (
    await repo.mergeBase(base, head).catch((error: unknown) => {
      if (error instanceof ProofgateError) throw error
      // ensureHistory deepened a shallow clone already: these two share no history at all.
      throw new ProofgateError('PG_NO_MERGE_BASE', `${base.slice(0, 12)} and ${head.slice(0, 12)} have no common ancestor (unrelated histories).`, {
        hint: 'check the base branch of the pull request or push; the two commits must share history',
        cause: error,
      })
    })
  ).trim()
  target.notes.push(`${base.slice(0, 12)} is not an ancestor of ${head.slice(0, 12)}: compared with their merge-base ${mergeBase.slice(0, 12)}`)
  if (target.configRev === base) target.configRev = mergeBase
  return mergeBase
}

/**
 * The tip of the default branch a new branch is compared with, fetched with the run's credentials.
 * When the fetch fails, the tip last fetched is used with a note saying so; without one the run
 * fails with the fetch's error. Never a silent other base.
 * @throws ProofgateError PG_SHALLOW_CLONE when the branch cannot be fetched and was never fetched before.
 */
async function defaultBranchTip(repo: Repository, branch: string, fetchOptions: FetchOptions, notes: string[]): Promise<string | undefined> {
  try {
    return await fetchBranch(repo, branch, fetchOptions)
  } catch (error) {
    const stale = await repo.resolveCommit(`refs/remotes/origin/${branch}`)
    if (stale === null) throw error
    const why = error instanceof Error ? error.message : String(error)
    notes.push(
      `the default branch ${branch} could not be fetched (${why}): compared with its tip last fetched, ${stale.slice(0, 12)}, which may be out of date`,
    )
    return stale
  }
}

interface OutputPaths {
  report: string
  sarif: string
  /** The HTML report, beside the JSON report; `htmlWritten` turns true once this run wrote it. */
  html: string
  htmlWritten?: boolean
}

function outputPaths(inputs: ActionInputs, env: NodeJS.ProcessEnv, root: string): OutputPaths {
  const dir = env.RUNNER_TEMP !== undefined && env.RUNNER_TEMP !== '' ? join(env.RUNNER_TEMP, 'proofgate') : join(root, '.proofgate')
  const workspace = env.GITHUB_WORKSPACE ?? root
  return {
    report: join(dir, 'report.json'),
    html: join(dir, 'report.html'),
    sarif:
      inputs.sarifFile === undefined ? join(dir, 'proofgate.sarif') : isAbsolute(inputs.sarifFile) ? inputs.sarifFile : resolve(workspace, inputs.sarifFile),
  }
}

function reportersFor(inputs: ActionInputs, publishing: GitHubPublishing, paths: OutputPaths, github: ReportGitHubContext, env: NodeJS.ProcessEnv): Reporter[] {
  const reporters: Reporter[] = [
    { name: 'log', onRunEnd: (result) => void process.stdout.write(renderTerminal(result, false)) },
    { name: 'json', onRunEnd: (result) => writeTextAtomic(paths.report, JSON.stringify({ ...toJsonReport(result), github }, null, 2) + '\n') },
    { name: 'sarif', onRunEnd: (result) => writeTextAtomic(paths.sarif, JSON.stringify(toSarif(result), null, 2) + '\n') },
    checkRunReporter(publishing),
    fallbackAnnotationsReporter(publishing),
    jobSummaryReporter(env),
  ]
  if (inputs.comment !== 'off') reporters.push(pullRequestCommentReporter(publishing, inputs.comment))
  if (inputs.htmlReport)
    reporters.push(
      htmlReporter(async (text) => {
        await writeTextAtomic(paths.html, text)
        paths.htmlWritten = true
      }),
    )
  return reporters
}

/**
 * `html-report: true`: sets `html-path` and uploads the page as the artifact `html-artifact-name`.
 * A failed upload is a warning; the verdict stands. Nothing happens when the page was not written
 * (the html reporter failed, which already warned).
 */
async function publishHtml(inputs: ActionInputs, paths: OutputPaths): Promise<void> {
  if (!inputs.htmlReport || paths.htmlWritten !== true) return
  core.setOutput('html-path', paths.html)
  const upload = await uploadHtmlArtifact(paths.html, inputs.htmlArtifactName)
  if (upload.uploaded)
    core.info(`proofgate - HTML report uploaded as artifact '${inputs.htmlArtifactName}'${upload.id === undefined ? '' : ` (id ${upload.id})`}`)
  else core.warning(`proofgate: the HTML report was not uploaded: ${upload.reason}`)
}

function setOutputs(result: RunResult, paths: OutputPaths): void {
  const active = result.findings.filter((f) => f.waived === null)
  core.setOutput('verdict', result.verdict)
  core.setOutput('findings-count', String(active.length))
  core.setOutput('blocking-count', String(result.findings.filter((f) => f.blocking).length))
  core.setOutput('report-path', paths.report)
  core.setOutput('sarif-path', paths.sarif)
}

/**
 * `report-from`: publishes a JSON report made by an earlier job (a fork's pull_request run,
 * uploaded as an artifact) without running anything from the pull request. The report is
 * untrusted data: it is validated, and it must name this repository.
 */
async function publishReport(
  inputs: ActionInputs,
  context: WorkflowContext,
  cwd: string,
  publishing: GitHubPublishing,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const file = resolve(cwd, inputs.reportFrom!)
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new ProofgateError(
      'PG_USAGE',
      `Invalid input 'report-from': cannot read a JSON report at ${file}: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: 'download the artifact the pull_request job uploaded (its report-path output) first',
      },
    )
  }
  const result = fromJsonReport(raw, cwd)
  const github = (raw as { github?: Partial<ReportGitHubContext> }).github ?? {}
  const repository = `${context.repository.owner}/${context.repository.repo}`
  if (github.repository !== repository) throw new ProofgateError('PG_USAGE', `The report is for ${String(github.repository)}, not ${repository}.`)
  const runHead = (context.payload.workflow_run as { head_sha?: string } | undefined)?.head_sha
  if (runHead !== undefined && github.headSha !== runHead)
    throw new ProofgateError('PG_USAGE', `The report is for commit ${String(github.headSha)}, but the workflow run was for ${runHead}.`)
  publishing.headSha = github.headSha ?? result.head.sha
  if (typeof github.pullRequest === 'number') publishing.pullRequest = github.pullRequest
  const paths = outputPaths(inputs, env, cwd)
  const published = { ...paths, report: file }
  const reporters = reportersFor(inputs, publishing, published, github as ReportGitHubContext, env).filter((r) => r.name !== 'json')
  for (const reporter of reporters) {
    try {
      await reporter.onRunEnd?.(result)
    } catch (error) {
      core.warning(`proofgate: reporter ${reporter.name} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  setOutputs(result, published)
  await publishHtml(inputs, published)
  return result.exitCode
}
