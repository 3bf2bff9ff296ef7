// action.yml is the Action's contract: its inputs are the ones run() reads, it runs the bundle
// on node24, and the usage block of docs/action.md is generated from it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { INPUT_NAMES, parseInputs } from '../../../src/action/inputs.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'
// @ts-expect-error -- a plain .mjs script without types; its two exports are used as documented.
import { withUsage } from '../../../scripts/generate-docs.mjs'

const actionText = readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')
const action = parse(actionText) as {
  runs: { using: string; main: string }
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
}

describe('action.yml', () => {
  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the inputs run() reads, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort())
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description.length, name).toBeGreaterThan(20)
  })

  it('has defaults that parse into the documented settings', () => {
    const defaults = parseInputs((name) => (name === 'github-token' ? 'token' : (action.inputs[name]?.default ?? '')))
    expect(defaults).toEqual({
      failOn: 'high',
      githubToken: 'token',
      comment: 'on-failure',
      checkName: 'proofgate',
      strictWarnings: false,
      workingDirectory: '.',
      maxAnnotations: 500,
      behaviorChangeLabel: 'behavior-change',
      allowUntrustedCode: false,
      htmlReport: false,
      htmlArtifactName: 'proofgate-report',
      mode: 'run',
    })
  })

  it('declares the seven outputs', () => {
    expect(Object.keys(action.outputs)).toEqual(['verdict', 'exit-code', 'findings-count', 'blocking-count', 'report-path', 'sarif-path', 'html-path'])
  })

  it('is documented in docs/action.md by the generated usage block (npm run docs)', () => {
    const page = readFileSync(join(PROJECT_ROOT, 'docs', 'action.md'), 'utf8')
    expect(withUsage(page, actionText)).toBe(page)
  })
})
