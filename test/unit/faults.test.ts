// The fault suite, in-process part: hostile input to the CLI's main(argv, io), the config and
// waivers loaders and the state writers, without spawning. Table-driven: each row names the
// exit code and PG_* code it must end in, and a sentinel directory outside the temp repository
// is compared byte for byte before and after. Every row fails on main unless marked a regression guard.
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { loadConfig, loadWaivers } from '../../src/config/load.js'
import { ProofgateError } from '../../src/errors.js'
import { recordScope } from '../../src/config/scope.js'
import { appendProofResult } from '../../src/gates/proof/results.js'
import { writeTestResults, type TestResults } from '../../src/gates/tests.js'
import { appendEvents } from '../../src/journal/journal.js'
import { configSchema } from '../../src/config/schema.js'
import { makeTempDir, removeTempDirs } from '../helpers/repo.js'

afterAll(() => removeTempDirs())

/** Every entry under `dir` with its bytes (a symlink as its target), for a byte-for-byte comparison. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const full = join(dir, name)
    const stats = lstatSync(full)
    out[name] = stats.isSymbolicLink() ? '(link)' : stats.isFile() ? readFileSync(full, 'latin1') : '(dir)'
  }
  return out
}

/** How a row ended: the exit code and the PG_* code (null for success), and the text shown. */
interface Outcome {
  exit: number
  code: string | null
  text: string
}

async function viaMain(argv: string[], cwd: string): Promise<Outcome> {
  let stdout = ''
  let stderr = ''
  const exit = await main(argv, { cwd, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } })
  return { exit, code: /proofgate: (PG_[A-Z_]+):/.exec(stderr)?.[1] ?? null, text: stderr + stdout }
}

async function viaCall(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call()
    return { exit: 0, code: null, text: '' }
  } catch (error) {
    if (!(error instanceof ProofgateError)) return { exit: 70, code: null, text: String(error) }
    return {
      exit: error.exitCode,
      code: error.code,
      text: [error.message, ...error.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`), error.hint ?? ''].join('\n'),
    }
  }
}

interface Row {
  name: string
  /** Writes the hostile input into `dir` (the repository stand-in); `outside` is the sentinel's target file. */
  setup?(dir: string, outside: string): void
  act(dir: string): Promise<Outcome>
  exit: number
  code: string | null
  /** A substring the message must hold. */
  /** A part of the message (for an accepted input, of the empty text it gives). */
  says: string
}

const config = (text: string | Buffer) => (dir: string) => writeFileSync(join(dir, '.proofgate.yml'), text)
const waivers = (text: string) => (dir: string) => {
  mkdirSync(join(dir, '.proofgate'), { recursive: true })
  writeFileSync(join(dir, '.proofgate', 'waivers.yml'), text)
}
const load = (dir: string) => viaCall(() => loadConfig(dir, { env: {} }))
const linkState = (file: string) => (dir: string, outside: string) => {
  mkdirSync(join(dir, '.proofgate', file, '..'), { recursive: true })
  symlinkSync(outside, join(dir, '.proofgate', file))
}
const TEST_RESULTS: TestResults = {
  schemaVersion: 1,
  runner: 'node',
  status: 'passed',
  command: ['node', '--test'],
  total: 1,
  passed: 1,
  failed: 0,
  skipped: 0,
  durationMs: 1,
  failures: [],
  treeHash: 't',
  headSha: 'h',
  runId: 'r',
  exitCode: 0,
  finishedAt: '2026-01-01T00:00:00.000Z',
}

const rows: Row[] = [
  // Usage errors, in proofgate's own words.
  { name: 'an unknown option', act: (d) => viaMain(['run', '--bogus'], d), exit: 64, code: 'PG_USAGE', says: "unknown option '--bogus'; see proofgate --help" },
  { name: 'an option missing its value', act: (d) => viaMain(['run', '--base'], d), exit: 64, code: 'PG_USAGE', says: "option '--base' needs a value" },
  { name: '--base A..B', act: (d) => viaMain(['run', '--base', 'main..topic'], d), exit: 64, code: 'PG_USAGE', says: 'not a range' },
  { name: '--head A...B', act: (d) => viaMain(['run', '--head', 'main...topic'], d), exit: 64, code: 'PG_USAGE', says: 'not a range' },
  { name: "--config ''", act: (d) => viaMain(['run', '--config', ''], d), exit: 64, code: 'PG_USAGE', says: "Invalid --config ''" },
  { name: "--output ''", act: (d) => viaMain(['run', '--output', ''], d), exit: 64, code: 'PG_USAGE', says: "Invalid --output ''" },
  // The config file: kind, encoding, syntax.
  {
    name: '.proofgate.yml a directory',
    setup: (d) => mkdirSync(join(d, '.proofgate.yml')),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_INVALID',
    says: '.proofgate.yml is a directory',
  },
  {
    name: '--config .git (a directory)',
    setup: (d) => mkdirSync(join(d, '.git')),
    act: (d) => viaCall(() => loadConfig(d, { file: '.git', env: {} })),
    exit: 78,
    code: 'PG_CONFIG_INVALID',
    says: 'Configuration file .git is a directory',
  },
  {
    name: 'UTF-16 with a BOM',
    setup: config(Buffer.from('\uFEFFfilter-mode: file\n', 'utf16le')),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_ENCODING',
    says: 'is UTF-16 (byte order mark)',
  },
  {
    name: 'UTF-16 without a BOM',
    setup: config(Buffer.from('filter-mode: file\n', 'utf16le')),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_ENCODING',
    says: 'UTF-16 (NUL byte pattern',
  },
  {
    name: 'invalid UTF-8',
    setup: config(Buffer.from([0x66, 0x69, 0x6c, 0x74, 0xe9, 0x72, 0x0a])),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_ENCODING',
    says: 'not valid UTF-8',
  },
  // Regression guard: a UTF-8 BOM was accepted on main too.
  { name: 'a UTF-8 BOM is accepted', setup: config('\uFEFFfilter-mode: file\n'), act: load, exit: 0, code: null, says: '' },
  {
    name: 'a YAML syntax error says so, at file:line:col',
    setup: config('gates: [\n'),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_INVALID',
    says: 'YAML syntax error at .proofgate.yml:2:1',
  },
  // Limits.
  {
    name: 'a config over 1 MB',
    setup: config('proof:\n' + '  - { name: c, run: "true" }\n'.repeat(60_000)),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_TOO_LARGE',
    says: 'the limit is 1048576 bytes (1 MB)',
  },
  {
    name: '5,000-deep flow nesting',
    setup: config(`proof: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_TOO_LARGE',
    says: 'nests 5001 levels deep',
  },
  {
    name: '100-deep block nesting',
    setup: config(Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n'),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_TOO_LARGE',
    says: 'the limit is 64 levels',
  },
  {
    name: '1,001 proof commands',
    setup: config('proof:\n' + Array.from({ length: 1_001 }, (_, i) => `  - { name: c${i}, run: "true" }\n`).join('')),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_TOO_LARGE',
    says: 'lists 1001 proof commands; the limit is 1000',
  },
  {
    name: 'a timeout under 1 s',
    setup: config('gates:\n  tests: { timeout: 0.5 }\n'),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_INVALID',
    says: 'expected a number >= 1, got 0.5',
  },
  // Regression guards: aliases were bounded on main, and merge keys were never expanded.
  {
    name: 'an alias bomb',
    setup: config('a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [' + Array(10).fill('*a').join(', ') + ']\nc: &c [' + Array(20).fill('*b').join(', ') + ']\n'),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_INVALID',
    says: 'YAML error',
  },
  {
    name: 'a merge key is an unknown key',
    setup: config('base: &b { mode: off }\ngates:\n  tests:\n    <<: *b\n'),
    act: load,
    exit: 78,
    code: 'PG_CONFIG_INVALID',
    says: 'unknown key "<<"; expected one of mode, timeout, runner, args',
  },
  // The waivers file.
  {
    name: 'waivers.yml a directory',
    setup: (d) => mkdirSync(join(d, '.proofgate', 'waivers.yml'), { recursive: true }),
    act: (d) => viaCall(() => loadWaivers(d)),
    exit: 78,
    code: 'PG_WAIVERS_INVALID',
    says: 'Waivers file .proofgate/waivers.yml is a directory',
  },
  {
    name: '1,001 waivers',
    setup: waivers(
      'waivers:\n' +
        Array.from({ length: 1_001 }, (_, i) => `  - { fingerprint: ${(i + 0x10000000).toString(16)}, reason: r, proof: out-of-scope }\n`).join(''),
    ),
    act: (d) => viaCall(() => loadWaivers(d)),
    exit: 78,
    code: 'PG_CONFIG_TOO_LARGE',
    says: 'lists 1001 waivers; the limit is 1000',
  },
  // State writers never write through a symlink.
  {
    name: 'test-results.json a symlink',
    setup: linkState('test-results.json'),
    act: (d) => viaCall(() => writeTestResults(join(d, '.proofgate'), TEST_RESULTS)),
    exit: 78,
    code: 'PG_STATE_UNSAFE',
    says: '.proofgate/test-results.json is a symbolic link',
  },
  {
    name: 'scope.json a symlink',
    setup: linkState('scope.json'),
    act: (d) => viaCall(() => recordScope(join(d, '.proofgate'), { sha: 'a'.repeat(40), configFile: null, config: configSchema.parse({}) })),
    exit: 78,
    code: 'PG_STATE_UNSAFE',
    says: '.proofgate/scope.json is a symbolic link',
  },
  {
    name: 'journal/events.jsonl a symlink',
    setup: linkState('journal/events.jsonl'),
    act: (d) => viaCall(() => appendEvents(join(d, '.proofgate'), [{ runId: 'r', type: 't' }])),
    exit: 78,
    code: 'PG_STATE_UNSAFE',
    says: '.proofgate/journal/events.jsonl is a symbolic link',
  },
  {
    name: 'proof-results.jsonl a symlink',
    setup: linkState('proof-results.jsonl'),
    act: (d) =>
      viaCall(() =>
        appendProofResult(join(d, '.proofgate'), {
          runId: 'r',
          type: 'proof-result',
          name: 'n',
          command: 'c',
          exitCode: 0,
          signal: null,
          timedOut: false,
          durationMs: 1,
          outputTail: '',
          headSha: 'h',
          treeHash: 't',
        }),
      ),
    exit: 78,
    code: 'PG_STATE_UNSAFE',
    says: '.proofgate/proof-results.jsonl is a symbolic link',
  },
  {
    name: 'the journal directory a symlink',
    setup: linkState('journal'),
    act: (d) => viaCall(() => appendEvents(join(d, '.proofgate'), [{ runId: 'r', type: 't' }])),
    exit: 78,
    code: 'PG_STATE_UNSAFE',
    says: '.proofgate/journal is a symbolic link',
  },
]

describe('the fault suite (in-process)', () => {
  it.each(rows)('$name → exit $exit, $code', async (row) => {
    const outside = makeTempDir({ 'target.txt': 'do not touch\n' }, 'proofgate-sentinel-')
    const before = listing(outside)
    const dir = makeTempDir({}, 'proofgate-fault-')
    row.setup?.(dir, join(outside, 'target.txt'))
    const started = performance.now()
    const outcome = await row.act(dir)
    // Limits answer before any expensive work.
    expect(performance.now() - started).toBeLessThan(3_000)
    expect({ exit: outcome.exit, code: outcome.code }).toEqual({ exit: row.exit, code: row.code })
    expect(outcome.text).toContain(row.says)
    expect(outcome.text).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/)
    expect(listing(outside)).toEqual(before)
  })
})
