// The Action's release mode: a published release or a pushed tag → runRelease → a check run and a
// job summary that show visible checklist items by name and held-out items only as counts.
import * as core from '@actions/core'
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { openRepository, type Repository } from '../changes/git.js'
import { ProofgateError } from '../errors.js'
import type { ReportedFinding } from '../findings/types.js'
import { checkRunReporter, fallbackAnnotationsReporter, jobSummaryReporter, type GitHubPublishing } from '../reporters/github.js'
import { renderReleaseCheckRun, renderReleaseSummary, type ReleaseView } from '../reporters/templates/release.js'
import { renderTerminal } from '../reporters/terminal.js'
import { RELEASE_REPORT_FILE, runRelease, type ReleaseResult } from '../runner/release.js'
import type { Reporter, RunResult } from '../runner/types.js'
import type { WorkflowContext } from './event.js'
import type { ActionInputs } from './inputs.js'

/** The rule id of a failing held-out item (the checklist gate's); such findings are never published by name. */
export const HELD_OUT_RULE = 'heldout-failed'
/** What stands in for a held-out id or title that leaked into a published text of the checklist gate. */
export const REDACTED = '[held-out]'

const EVENT_HINT =
  'run the release job on `release: types: [published]` and `push: tags: [...]`, with actions/checkout at the tag (fetch-depth: 0); see docs/release.md'

/**
 * The tag a release-mode run releases, from the event: `release` with action `published`
 * (`release.tag_name`), or a `push` of `refs/tags/<tag>` that did not delete it.
 * @throws ProofgateError PG_RELEASE_EVENT for any other event or action, naming what was expected.
 */
export function releaseTagOf(context: Pick<WorkflowContext, 'eventName' | 'payload'>): string {
  const { eventName, payload } = context
  if (eventName === 'release') {
    const action = payload.action
    const tag = (payload.release as { tag_name?: unknown } | undefined)?.tag_name
    if (action !== 'published')
      throw new ProofgateError('PG_RELEASE_EVENT', `mode: release runs on a published release, not on release '${String(action)}'.`, { hint: EVENT_HINT })
    if (typeof tag !== 'string' || tag === '')
      throw new ProofgateError('PG_RELEASE_EVENT', 'The release event payload has no release.tag_name.', { hint: EVENT_HINT })
    return tag
  }
  if (eventName === 'push') {
    const ref = typeof payload.ref === 'string' ? payload.ref : ''
    if (!ref.startsWith('refs/tags/') || ref === 'refs/tags/')
      throw new ProofgateError('PG_RELEASE_EVENT', `mode: release runs on a push of a tag (refs/tags/*), not of '${ref}'.`, { hint: EVENT_HINT })
    if (payload.deleted === true) throw new ProofgateError('PG_RELEASE_EVENT', `The push deleted ${ref}: there is nothing to release.`, { hint: EVENT_HINT })
    return ref.slice('refs/tags/'.length)
  }
  throw new ProofgateError(
    'PG_RELEASE_EVENT',
    `mode: release runs on a published release or a push of a tag, not on ${eventName}: a ${eventName} run has no tag to release.`,
    { hint: `${EVENT_HINT}; on pull requests and branch pushes use mode: run` },
  )
}

/**
 * The checklist-file input as an absolute path (relative to the workspace), after checking it is
 * a readable regular file. Its content is not read here, and never printed anywhere.
 * @throws ProofgateError PG_CHECKLIST_INVALID (exit 78) when it is missing, not a file or unreadable.
 */
export async function checklistFileOf(input: string, workspace: string): Promise<string> {
  const file = isAbsolute(input) ? input : resolve(workspace, input)
  const fail = (why: string): ProofgateError =>
    new ProofgateError('PG_CHECKLIST_INVALID', `Invalid input 'checklist-file': ${file} ${why}.`, {
      hint: 'write the file from the secret in a step before this one (see .github/workflows/proofgate-release.yml), or remove checklist-file',
    })
  const info = await stat(file).catch(() => null)
  if (info === null) throw fail('does not exist (is the secret PROOFGATE_HELDOUT_CHECKLIST set for this environment?)')
  if (!info.isFile()) throw fail('is not a regular file')
  await access(file, constants.R_OK).catch(() => {
    throw fail('cannot be read')
  })
  return file
}

/** The commit tag `tag` names (an annotated tag peeled), checked to be the checked-out HEAD. */
async function taggedCommit(repo: Repository, tag: string): Promise<string> {
  if (await repo.isShallow())
    throw new ProofgateError('PG_SHALLOW_CLONE', 'Release mode needs the whole history and the tags: this checkout is shallow.', {
      hint: 'set fetch-depth: 0 on actions/checkout in the release job (the base is the previous release tag)',
    })
  const sha = await repo.resolveCommit(`refs/tags/${tag}`)
  if (sha === null)
    throw new ProofgateError('PG_HEAD_NOT_FOUND', `The tag '${tag}' of the event does not exist in this checkout.`, {
      hint: 'set fetch-depth: 0 on actions/checkout (it fetches the tags), or git fetch --tags',
    })
  const head = await repo.resolveCommit('HEAD')
  // The checklist's commands run in the work tree: it must be the commit that is released.
  if (head !== sha)
    throw new ProofgateError(
      'PG_RELEASE_EVENT',
      `HEAD is ${head?.slice(0, 12) ?? '(none)'}, but the tag '${tag}' is ${sha.slice(0, 12)}: release mode judges the tagged commit.`,
      { hint: 'check out the tag (actions/checkout does on release and tag push events without a ref input)' },
    )
  return sha
}

/** Replaces every occurrence of each secret (longest first, so a title containing an id goes whole). */
function scrubber(secrets: readonly string[]): (text: string) => string {
  const sorted = [...new Set(secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length)
  return (text) => sorted.reduce((t, s) => t.split(s).join(REDACTED), text)
}

/**
 * What may be published of a release: the result with each `heldout-failed` finding replaced by
 * one that says only that a held-out item failed (no id, title, output, path or fingerprint), the
 * checklist gate's data dropped and the failing held-out ids and titles scrubbed from its summary,
 * its reason and the notes, and `release.heldOutFailures` emptied; {@link approvalNote} is added
 * to the notes. Verdict, exit code and counts are unchanged. Pure.
 */
export function publishableRelease(result: ReleaseResult): ReleaseResult {
  const scrub = scrubber(result.release.heldOutFailures.flatMap((f) => [f.id, f.title]))
  const failed = result.findings.filter((f) => f.ruleId === HELD_OUT_RULE).length
  const replaced = new Map<ReportedFinding, ReportedFinding>()
  const redact = (f: ReportedFinding): ReportedFinding => {
    if (f.ruleId !== HELD_OUT_RULE) return f
    let r = replaced.get(f)
    if (r === undefined) {
      const n = replaced.size + 1
      r = {
        gate: f.gate,
        ruleId: f.ruleId,
        severity: f.severity,
        message: `a held-out checklist item failed (${n} of ${failed}); which one is named in the release report only`,
        fingerprint: `heldout-failed-${n}`,
        blocking: f.blocking,
        // A waiver's reason is the repository's text, but it may name the item it waives.
        waived: f.waived === null ? null : { ...f.waived, reason: scrub(f.waived.reason) },
      }
      replaced.set(f, r)
    }
    return r
  }
  const findings = result.findings.map(redact)
  const gates = result.gates.map((g) => {
    if (g.id !== 'checklist') return { ...g, findings: g.findings.map(redact) }
    const { data: _data, ...rest } = g
    void _data
    return { ...rest, summary: scrub(g.summary), ...(g.reason === undefined ? {} : { reason: scrub(g.reason) }), findings: g.findings.map(redact) }
  })
  return {
    ...result,
    gates,
    findings,
    notes: [...result.notes.map(scrub), ...[approvalNote(result)].filter((n) => n !== undefined)],
    inconclusive: result.inconclusive.map((i) => (i.gate === 'checklist' ? { ...i, reason: scrub(i.reason) } : i)),
    release: { ...result.release, heldOutFailures: [] },
  }
}

/**
 * `error` with the problems positioned in the secret checklist file stripped of their messages,
 * which may quote it (a duplicate id): the log keeps the line, the column and the key path only.
 */
export function withheld(error: unknown, secretFile: string): unknown {
  if (!(error instanceof ProofgateError) || !error.problems.some((p) => p.file === secretFile)) return error
  const problems = error.problems.map((p) =>
    p.file === secretFile ? { ...p, message: 'invalid (the message is withheld: this file holds held-out items)' } : p,
  )
  return new ProofgateError(error.code, error.message, { ...(error.hint === undefined ? {} : { hint: error.hint }), problems })
}

/** The template's view of a release: visible items by name, held-out items as counts only. */
export function releaseViewOf(result: ReleaseResult): ReleaseView {
  const { tag, base, visible, heldOut } = result.release
  return { tag, base: { sha: base.sha, source: base.source }, visible, heldOut: { total: heldOut.total, passed: heldOut.passed, failed: heldOut.failed } }
}

/** A reporter that sees only the publishable release (and no per-gate hooks, which carry gate findings unredacted). */
function publishingOnly(reporter: Reporter): Reporter {
  return {
    name: reporter.name,
    ...(reporter.onRunStart === undefined ? {} : { onRunStart: reporter.onRunStart.bind(reporter) }),
    ...(reporter.onRunEnd === undefined ? {} : { onRunEnd: (result: RunResult) => reporter.onRunEnd!(publishableRelease(result as ReleaseResult)) }),
  }
}

/** Note added when findings need a human approval: release mode has no pull request to approve on. */
export function approvalNote(result: RunResult): string | undefined {
  const pending = result.findings.filter((f) => f.needsApproval === true && f.approved === undefined).length
  if (pending === 0) return undefined
  return (
    `${pending} finding${pending === 1 ? ' needs' : 's need'} a human approval and ${pending === 1 ? 'blocks' : 'block'}: a release has no pull request to approve on. ` +
    'A loosening of the gate must be approved on its pull request before tagging; proofgate does not read pull request approvals at release, so it blocks here (docs/release.md, Approvals)'
  )
}

/**
 * Release mode: validates the event and the checklist file, runs {@link runRelease} on the tagged
 * commit, publishes the check run `<check-name> release` on that commit and the job summary
 * (redacted: {@link publishableRelease}), and sets `verdict`, `findings-count`, `blocking-count` and
 * `report-path` (the release report, which names failing held-out items: keep it on the runner).
 * @returns the run's exit code.
 * @throws ProofgateError PG_RELEASE_EVENT, PG_CHECKLIST_INVALID, PG_SHALLOW_CLONE, PG_HEAD_NOT_FOUND, or what runRelease throws.
 */
export async function runReleaseMode(
  inputs: ActionInputs,
  context: WorkflowContext,
  cwd: string,
  publishing: GitHubPublishing,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const tag = releaseTagOf(context)
  // Outputs that would publish the findings elsewhere are not written in release mode: say so rather than ignore the input.
  if (inputs.htmlReport) core.warning('proofgate: html-report is not written in release mode (the job summary and the release report are)')
  if (inputs.sarifFile !== undefined) core.warning('proofgate: sarif-file is not written in release mode (the job summary and the release report are)')
  const workspace = env.GITHUB_WORKSPACE ?? cwd
  const checklistFile = inputs.checklistFile === undefined ? undefined : await checklistFileOf(inputs.checklistFile, workspace)
  const repo = await openRepository(cwd)
  publishing.headSha = await taggedCommit(repo, tag)
  publishing.checkName = `${inputs.checkName} release`
  const render = (result: RunResult): ReleaseView => releaseViewOf(result as ReleaseResult)
  const reporters = [
    { name: 'log', onRunEnd: (result: RunResult) => void process.stdout.write(renderTerminal(result, false)) },
    checkRunReporter(publishing, (result) => renderReleaseCheckRun(result, render(result))),
    fallbackAnnotationsReporter(publishing),
    jobSummaryReporter(env, (result) => renderReleaseSummary(result, render(result))),
  ].map(publishingOnly)
  const result = await runRelease({
    cwd,
    env,
    repository: repo,
    tag,
    ...(checklistFile === undefined ? {} : { checklistFile }),
    strictWarnings: inputs.strictWarnings,
    failOn: inputs.failOn,
    ...(inputs.gates === undefined ? {} : { gates: inputs.gates }),
    ...(inputs.filterMode === undefined ? {} : { filterMode: inputs.filterMode }),
    ...(inputs.config === undefined ? {} : { configFile: inputs.config }),
    // No approval exists here: findings that need one block, as on a push (docs/release.md).
    approvalBlocks: true,
    reporters,
    warn: (m) => core.warning(`proofgate: ${m}`),
    debug: (m) => core.debug(m),
  }).catch((error: unknown) => {
    throw checklistFile === undefined ? error : withheld(error, checklistFile)
  })
  const active = result.findings.filter((f) => f.waived === null)
  core.setOutput('verdict', result.verdict)
  core.setOutput('findings-count', String(active.length))
  core.setOutput('blocking-count', String(result.findings.filter((f) => f.blocking).length))
  core.setOutput('report-path', join(result.root, RELEASE_REPORT_FILE))
  return result.exitCode
}
