// `.proofgate/test-results.json`: what the last tests gate run found, keyed by tree hash, written
// atomically by the tests gate and read by the evidence gate.
import { dirname, join } from 'node:path'
import * as z from 'zod'
import { readRealFile } from '../../util/real-file.js'
import { writeStateJson } from '../../util/state.js'

/** The file name of the record under the state directory (`.proofgate/`). */
export const TEST_RESULTS_FILE = 'test-results.json'

/**
 * How the run ended: `passed` (tests ran, none failed), `failed` (a test, file or suite failed),
 * `no-tests` (the runner executed 0 tests), `crashed` (no usable report), `timeout`, `unknown`
 * (the `test` script passed but gives no counts).
 */
export const TEST_RUN_STATUSES = ['passed', 'failed', 'no-tests', 'crashed', 'timeout', 'unknown'] as const
/** How a test run ended; see {@link TEST_RUN_STATUSES}. */
export type TestRunStatus = (typeof TEST_RUN_STATUSES)[number]

const count = z.number().int().nonnegative().nullable()

const testResultsSchema = z.object({
  schemaVersion: z.literal(1),
  runner: z.enum(['vitest', 'jest', 'node', 'mocha', 'script']),
  status: z.enum(TEST_RUN_STATUSES),
  command: z.array(z.string()),
  total: count,
  passed: count,
  failed: count,
  skipped: count,
  durationMs: z.number().nonnegative(),
  failures: z.array(
    z.object({
      name: z.string(),
      file: z.string().nullable(),
      line: z.number().int().positive().optional(),
      message: z.string(),
    }),
  ),
  treeHash: z.string(),
  headSha: z.string(),
  runId: z.string(),
  exitCode: z.number().int().nullable(),
  finishedAt: z.string(),
})

/**
 * The tests gate's record of one run (schemaVersion 1; fields are only ever added).
 * Counts are null when the runner gave none (the `script` runner, a crash, a timeout); `failed`
 * counts failing tests plus files or suites that failed outside any test. `command` is the argv
 * run, with proofgate's process-group launcher left out. `exitCode` is null when the runner was
 * killed. `finishedAt` is an ISO 8601 timestamp; `durationMs` is wall-clock milliseconds.
 */
export type TestResults = z.infer<typeof testResultsSchema>

/** Writes `<stateDir>/test-results.json` atomically. */
export async function writeTestResults(stateDir: string, results: TestResults): Promise<void> {
  await writeStateJson(join(stateDir, TEST_RESULTS_FILE), results)
}

/**
 * Reads `<stateDir>/test-results.json`. Returns null when the file does not exist; throws an Error
 * naming the file and what is wrong when it is not JSON or not a schemaVersion 1 record, or is a
 * symbolic link (never followed), not a regular file or unreadable.
 */
export async function readTestResults(stateDir: string): Promise<TestResults | null> {
  const file = join(stateDir, TEST_RESULTS_FILE)
  const hint = 'delete it and run the tests gate again (`proofgate run --gates tests`)'
  // Never through a link: a results file planted elsewhere must not vouch for this tree.
  const found = await readRealFile(dirname(stateDir), file)
  if (found.kind === 'missing') return null
  if (found.kind === 'symlink')
    throw new Error(`${file} is a symbolic link${found.via === undefined ? '' : ` (through ${found.via})`}, which proofgate never follows; ${hint}`)
  if (found.kind === 'not-a-file') throw new Error(`${file} is not a regular file; ${hint}`)
  if (found.kind === 'unreadable') throw new Error(`${file} cannot be read (${found.reason}); ${hint}`)
  const text = found.text
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); ${hint}`, { cause: error })
  }
  const parsed = testResultsSchema.safeParse(value)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
    throw new Error(`${file} is not a test results file this proofgate understands (${problems}); ${hint}`)
  }
  return parsed.data
}
