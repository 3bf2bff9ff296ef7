// The GitHub reporters: the check run (created at run start, completed at run end), the job
// summary, the sticky pull request comment, and workflow-command annotations when the token
// cannot write. Each only warns on failure; none changes the verdict.
import * as core from '@actions/core'
import { isReadOnlyTokenError, statusOf, type GitHubClient, type RepoRef } from '../github/client.js'
import { completeCheckRun, createCheckRun, type CheckConclusion } from '../github/checks.js'
import { deleteComment, listComments, writeComment } from '../github/comments.js'
import type { Reporter, RunResult } from '../runner/types.js'
import { toCheckAnnotations, toWorkflowCommands } from './annotations.js'
import { renderCheckRun, type CheckRunOptions, type CheckRunOutput } from './templates/check-run.js'
import { renderJobSummary } from './templates/job-summary.js'
import { findMarkedComment, renderComment } from './templates/pr-comment.js'

/** What the GitHub reporters share: where to write and what happened to the writes. */
export interface GitHubPublishing {
  /** Undefined when no token was given: everything degrades to the log and the job summary. */
  client: GitHubClient | undefined
  repo: RepoRef
  checkName: string
  /** The commit the check run belongs to (a pull request's head commit). */
  headSha: string
  pullRequest?: number
  maxAnnotations: number
  /** Link from the check run to the workflow run. */
  detailsUrl?: string
  /** Set when a write was refused with HTTP 403 other than a rate limit (isReadOnlyTokenError): the token is read-only (fork, Dependabot). */
  readOnly: boolean
  /** The check run, once created. */
  checkRun?: { id: number; url: string | null }
  warn(message: string): void
  info(message: string): void
}

function conclusionOf(result: RunResult): CheckConclusion {
  return result.verdict === 'blocked' || result.exitCode !== 0 ? 'failure' : result.verdict === 'warn' ? 'neutral' : 'success'
}

function readOnlyNotice(p: GitHubPublishing, what: string, error: unknown): void {
  p.readOnly = true
  p.warn(
    `proofgate could not ${what} (HTTP ${statusOf(error) ?? '?'}: the token is read-only, as on a fork's pull request or for Dependabot); ` +
      "findings go to annotations in this job and to the job summary instead — proofgate's docs/action.md shows the workflow_run recipe for full checks on forks",
  )
}

/**
 * The check run: `in_progress` at run start, completed with title, summary and annotations at run
 * end. `render` makes the output (default {@link renderCheckRun}; release mode passes its own).
 */
export function checkRunReporter(p: GitHubPublishing, render: (result: RunResult, opts: CheckRunOptions) => CheckRunOutput = renderCheckRun): Reporter {
  const create = async (): Promise<void> => {
    if (p.client === undefined || p.readOnly || p.checkRun !== undefined) return
    try {
      p.checkRun = await createCheckRun(p.client, p.repo, {
        name: p.checkName,
        headSha: p.headSha,
        ...(p.detailsUrl === undefined ? {} : { detailsUrl: p.detailsUrl }),
      })
    } catch (error) {
      if (isReadOnlyTokenError(error)) return readOnlyNotice(p, 'create a check run', error)
      throw error
    }
  }
  return {
    name: 'check-run',
    onRunStart: create,
    async onRunEnd(result) {
      await create()
      if (p.client === undefined || p.checkRun === undefined) return
      const { annotations, notAnnotated, pathless } = toCheckAnnotations(result.findings, { budget: p.maxAnnotations })
      const output = render(result, { annotated: annotations.length, notAnnotated, pathless })
      try {
        const requests = await completeCheckRun(p.client, p.repo, p.checkRun.id, { conclusion: conclusionOf(result), ...output, annotations })
        p.info(
          `check run '${p.checkName}' completed: ${conclusionOf(result)}, ${annotations.length} annotation(s) in ${requests} request(s)${p.checkRun.url === null ? '' : ` — ${p.checkRun.url}`}`,
        )
      } catch (error) {
        if (isReadOnlyTokenError(error)) return readOnlyNotice(p, 'complete the check run', error)
        throw error
      }
    },
  }
}

/**
 * Workflow-command annotations (`::error file=…`), for when no check run could be written:
 * GitHub shows 10 per type per step and 50 per job, most severe first, then a notice of the rest.
 */
export function fallbackAnnotationsReporter(p: GitHubPublishing): Reporter {
  return {
    name: 'annotations',
    onRunEnd(result) {
      if (p.checkRun !== undefined && !p.readOnly) return
      const { commands, hidden } = toWorkflowCommands(result.findings)
      for (const c of commands) core[c.kind](c.message, c.properties)
      if (commands.length > 0) p.info(`${commands.length} annotation(s) written as workflow commands${hidden > 0 ? `, ${hidden} more in the job summary` : ''}`)
    },
  }
}

/** The job summary (GITHUB_STEP_SUMMARY), within GitHub's 1 MiB per step; `render` defaults to {@link renderJobSummary}. */
export function jobSummaryReporter(env: NodeJS.ProcessEnv, render: (result: RunResult) => string = renderJobSummary): Reporter {
  return {
    name: 'job-summary',
    async onRunEnd(result) {
      if (env.GITHUB_STEP_SUMMARY === undefined || env.GITHUB_STEP_SUMMARY === '') return
      await core.summary.addRaw(render(result), true).write()
    },
  }
}

/**
 * The sticky comment: found by its hidden marker, created once, edited in place. Mode
 * `on-failure` writes it only while the verdict is not a pass and deletes it once it is.
 */
export function pullRequestCommentReporter(p: GitHubPublishing, mode: 'always' | 'on-failure'): Reporter {
  return {
    name: 'pr-comment',
    async onRunEnd(result) {
      if (p.client === undefined || p.pullRequest === undefined) return
      const passing = result.verdict === 'pass' && result.exitCode === 0
      try {
        const existing = findMarkedComment(await listComments(p.client, p.repo, p.pullRequest), p.checkName)
        if (mode === 'on-failure' && passing) {
          if (existing !== undefined) {
            await deleteComment(p.client, p.repo, existing)
            p.info(`pull request comment ${existing} deleted: the pull request passes`)
          }
          return
        }
        const body = renderComment(result, {
          checkName: p.checkName,
          headSha: p.headSha,
          ...(p.checkRun?.url === null || p.checkRun === undefined ? {} : { checkRunUrl: p.checkRun.url }),
        })
        const written = await writeComment(p.client, p.repo, p.pullRequest, body, existing)
        p.info(`pull request comment ${written.created ? 'created' : 'updated'}: ${written.url}`)
      } catch (error) {
        if (isReadOnlyTokenError(error)) return readOnlyNotice(p, 'write the pull request comment', error)
        throw error
      }
    },
  }
}
