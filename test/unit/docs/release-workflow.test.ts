// .github/workflows/proofgate-release.yml is a recipe users copy: it must parse, give the Action only
// inputs action.yml defines, keep the held-out secret out of every command line and log, hold the
// least permissions, and put the publish behind a human sign-off (an environment) after the check.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../../helpers/repo.js'

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  env?: Record<string, string>
  with?: Record<string, unknown>
}
interface Job {
  needs?: string | string[]
  if?: string
  environment?: string
  permissions?: Record<string, string>
  steps: Step[]
}

const text = readFileSync(join(PROJECT_ROOT, '.github', 'workflows', 'proofgate-release.yml'), 'utf8')
const workflow = parse(text) as { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, Job> }
const action = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }
const check = workflow.jobs['release-check']!
const publish = workflow.jobs.publish!
const SECRET = '${{ secrets.PROOFGATE_HELDOUT_CHECKLIST }}'

describe('the release workflow', () => {
  it('runs on a published release and on pushed tags, with no default permissions', () => {
    expect(workflow.on).toEqual({ release: { types: ['published'] }, push: { tags: ['v*'] } })
    expect(workflow.permissions).toEqual({})
    expect(Object.keys(workflow.jobs)).toEqual(['release-check', 'publish'])
  })

  it('checks in the release-checklist environment with least permissions and the whole history', () => {
    expect(check.environment).toBe('release-checklist')
    expect(check.permissions).toEqual({ contents: 'read', checks: 'write' })
    const checkout = check.steps.find((s) => s.uses?.startsWith('actions/checkout@') === true)
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false })
  })

  it('gives the Action only inputs action.yml defines: release mode and the checklist file', () => {
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps.filter((s) => s.uses === './'))
    expect(steps).toHaveLength(1)
    for (const key of Object.keys(steps[0]!.with ?? {})) expect(Object.keys(action.inputs), key).toContain(key)
    expect(steps[0]!.with).toEqual({ mode: 'release', 'checklist-file': '${{ runner.temp }}/proofgate-held-out.yml' })
  })

  it('writes the secret to a mode-600 file in RUNNER_TEMP through an env variable, after npm ci, and removes it', () => {
    // The secret appears exactly once in the file: as the env value of one step, never in a run: line.
    expect(text.split(SECRET)).toHaveLength(2)
    const index = check.steps.findIndex((s) => s.env?.HELDOUT === SECRET)
    const write = check.steps[index]!
    expect(write.run).toContain('umask 077')
    expect(write.run).toContain(`printf '%s\\n' "$HELDOUT" > "$RUNNER_TEMP/proofgate-held-out.yml"`)
    expect(write.run).toContain('chmod 600 "$RUNNER_TEMP/proofgate-held-out.yml"')
    // Nothing prints it: the only echo is the error for a missing secret; no shell tracing.
    for (const line of write.run!.split('\n').filter((l) => /\becho\b/.test(l))) expect(line).not.toContain('$HELDOUT')
    expect(write.run).not.toMatch(/set -[a-z]*x/)
    expect(check.steps.findIndex((s) => s.run === 'npm ci')).toBeLessThan(index)
    expect(check.steps.findIndex((s) => s.uses === './')).toBe(index + 1)
    expect(check.steps.at(-1)).toMatchObject({ if: 'always()', run: 'rm -f "$RUNNER_TEMP/proofgate-held-out.yml"' })
  })

  it('publishes only after the check, in the release environment (required reviewers), without the secret', () => {
    expect(publish.needs).toBe('release-check')
    expect(publish.environment).toBe('release')
    expect(publish.if).toBe("github.event_name == 'release'")
    expect(publish.permissions).toEqual({ contents: 'read' })
    expect(JSON.stringify(publish)).not.toContain('secrets.')
    // The tag reaches the shell as an env variable, never spliced into the script.
    for (const step of publish.steps) expect(step.run ?? '').not.toContain('${{')
  })
})
