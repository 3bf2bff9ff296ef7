// The Action's inputs (action.yml) validated into one typed object; every error names the input
// and what was expected. The only module that knows the inputs' names.
import * as z from 'zod'
import { FILTER_MODES, type FilterMode } from '../config/schema.js'
import { ProofgateError } from '../errors.js'
import { GATE_IDS, SEVERITIES, type GateId, type Severity } from '../findings/types.js'
import { GATES } from '../gates/index.js'

/** Values of the `comment` input; `on-failure` (the default) keeps the sticky comment only while the verdict is not a pass. */
export const COMMENT_MODES = ['always', 'on-failure', 'off'] as const
/** When the sticky pull request comment is written: see {@link COMMENT_MODES}. */
export type CommentMode = (typeof COMMENT_MODES)[number]

/** Values of the `mode` input: `run` (the default) judges a change; `release` is the release door (src/action/release.ts). */
export const ACTION_MODES = ['run', 'release'] as const
/** What the Action does: see {@link ACTION_MODES}. */
export type ActionMode = (typeof ACTION_MODES)[number]

/** The Action's inputs after validation, defaults applied (`fail-on` high, `max-annotations` 500, `check-name` proofgate). */
export interface ActionInputs {
  gates?: GateId[]
  filterMode?: FilterMode
  failOn: Severity
  /** Config file relative to the repository root. */
  config?: string
  /** Never printed; registered as a secret before anything else runs. */
  githubToken: string
  comment: CommentMode
  /** Where the SARIF log goes; undefined = `<RUNNER_TEMP>/proofgate/proofgate.sarif`. */
  sarifFile?: string
  checkName: string
  strictWarnings: boolean
  workingDirectory: string
  /** Annotations sent to the check run at most (50 per request); the summary counts the rest. */
  maxAnnotations: number
  /** The pull request label that declares a behaviour change (test-mutation's trailer). */
  behaviorChangeLabel: string
  /** Run the gates that execute the repository's code on `pull_request_target` anyway. */
  allowUntrustedCode: boolean
  /** Publish this JSON report of an earlier run instead of running the gates (the fork recipe). */
  reportFrom?: string
  /** Write the HTML report and upload it as the artifact {@link htmlArtifactName} (`html-report`, default false). */
  htmlReport: boolean
  /** The HTML report's artifact name (default `proofgate-report`). */
  htmlArtifactName: string
  /** `run` (default) or `release`. */
  mode: ActionMode
  /**
   * Release mode only: a file of held-out checklist items the workflow wrote from a secret, relative
   * to the workspace or absolute. Its content is never read here and never printed.
   */
  checklistFile?: string
}

/** The inputs action.yml declares, for the docs test that keeps both in step. */
export const INPUT_NAMES = [
  'gates',
  'filter-mode',
  'fail-on',
  'config',
  'github-token',
  'comment',
  'sarif-file',
  'check-name',
  'strict-warnings',
  'working-directory',
  'max-annotations',
  'behavior-change-label',
  'allow-untrusted-code',
  'report-from',
  'html-report',
  'html-artifact-name',
  'mode',
  'checklist-file',
] as const
type InputName = (typeof INPUT_NAMES)[number]

// The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them.
const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

function invalid(name: InputName, value: string, expected: string): ProofgateError {
  return new ProofgateError('PG_USAGE', `Invalid input '${name}': expected ${expected}, got '${value}'.`, {
    hint: "see the inputs in proofgate's docs/action.md or action.yml",
  })
}

function oneOf<T extends string>(name: InputName, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw invalid(name, value, `one of ${allowed.join(', ')}`)
  return value as T
}

function bool(name: InputName, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (TRUE.includes(value)) return true
  if (FALSE.includes(value)) return false
  throw invalid(name, value, 'true or false')
}

const positiveInt = z.coerce.number().int().min(0).max(100_000)
const checkName = z.string().min(1).max(100)
const label = z.string().min(1).max(50)
// The characters @actions/artifact refuses in a name, refused here with the input's name instead.
const artifactName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^":<>|*?\r\n\\/]+$/)

/**
 * Reads and validates every input. `get(name)` returns the raw value, trimmed, '' when unset
 * (what @actions/core's getInput returns).
 * @throws ProofgateError PG_USAGE naming the input, the value and what was expected.
 */
export function parseInputs(get: (name: InputName) => string): ActionInputs {
  const value = (name: InputName): string => get(name).trim()
  const gatesText = value('gates')
  let gates: GateId[] | undefined
  if (gatesText !== '') {
    gates = gatesText.split(/[\s,]+/).filter((s) => s !== '') as GateId[]
    for (const id of gates) {
      if (!(GATE_IDS as readonly string[]).includes(id) || !GATES.some((g) => g.id === id))
        throw invalid('gates', gatesText, `a comma-separated list of ${GATES.map((g) => g.id).join(', ')}`)
    }
  }
  // Without a token nothing is published, but the gates still run and the step still fails.
  const token = get('github-token')
  const max = positiveInt.safeParse(value('max-annotations') === '' ? '500' : value('max-annotations'))
  if (!max.success) throw invalid('max-annotations', value('max-annotations'), 'a whole number from 0 to 100000')
  const name = checkName.safeParse(value('check-name') === '' ? 'proofgate' : value('check-name'))
  if (!name.success) throw invalid('check-name', value('check-name'), 'a name of 1 to 100 characters')
  const labelValue = label.safeParse(value('behavior-change-label') === '' ? 'behavior-change' : value('behavior-change-label'))
  if (!labelValue.success) throw invalid('behavior-change-label', value('behavior-change-label'), 'a label name of 1 to 50 characters')
  const artifact = artifactName.safeParse(value('html-artifact-name') === '' ? 'proofgate-report' : value('html-artifact-name'))
  if (!artifact.success)
    throw invalid('html-artifact-name', value('html-artifact-name'), 'an artifact name of 1 to 100 characters without " : < > | * ? \\ / or a line break')
  const optional = (n: InputName): string | undefined => (value(n) === '' ? undefined : value(n))
  const filterMode = optional('filter-mode')
  const config = optional('config')
  const sarifFile = optional('sarif-file')
  const reportFrom = optional('report-from')
  const mode = oneOf('mode', value('mode') === '' ? 'run' : value('mode'), ACTION_MODES)
  const checklistFile = optional('checklist-file')
  // Held-out items judge a release, never a change: in run mode they would be silently ignored.
  if (checklistFile !== undefined && mode !== 'release')
    throw new ProofgateError('PG_USAGE', "Invalid input 'checklist-file': it is read only with mode: release.", {
      hint: 'set mode: release on the release job, or remove checklist-file from this step',
    })
  if (reportFrom !== undefined && mode === 'release')
    throw new ProofgateError('PG_USAGE', "Invalid input 'report-from': release mode runs the gates itself and cannot publish an earlier report.", {
      hint: 'remove report-from from the release step',
    })
  return {
    ...(gates === undefined ? {} : { gates }),
    ...(filterMode === undefined ? {} : { filterMode: oneOf('filter-mode', filterMode, FILTER_MODES) }),
    failOn: oneOf('fail-on', value('fail-on') === '' ? 'high' : value('fail-on'), SEVERITIES),
    ...(config === undefined ? {} : { config }),
    githubToken: token.trim(),
    comment: oneOf('comment', value('comment') === '' ? 'on-failure' : value('comment'), COMMENT_MODES),
    ...(sarifFile === undefined ? {} : { sarifFile }),
    checkName: name.data,
    strictWarnings: bool('strict-warnings', value('strict-warnings'), false),
    workingDirectory: value('working-directory') === '' ? '.' : value('working-directory'),
    maxAnnotations: max.data,
    behaviorChangeLabel: labelValue.data,
    allowUntrustedCode: bool('allow-untrusted-code', value('allow-untrusted-code'), false),
    ...(reportFrom === undefined ? {} : { reportFrom }),
    htmlReport: bool('html-report', value('html-report'), false),
    htmlArtifactName: artifact.data,
    mode,
    ...(checklistFile === undefined ? {} : { checklistFile }),
  }
}
