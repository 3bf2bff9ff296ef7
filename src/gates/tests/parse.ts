// Parsers for the machine-readable output of vitest (json), jest (--json), mocha (json) and
// node --test (tap): pure functions from the reporter's text to counts and located failures.
import { existsSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

/** One failing test, or a test file or suite that failed outside any test (load error, hook). */
export interface TestFailure {
  /** Suite titles and the test title joined with ` > `; for a file-level failure `<file> (suite failed to run)`. */
  name: string
  /** Repository-relative path with forward slashes; null when the reporter names no file. */
  file: string | null
  /** 1-based line of the failure in `file` (the first stack frame in it, else the test's declaration). */
  line?: number
  /** The failure message without stack frames, ANSI colours removed. */
  message: string
}

/** What a reporter said. `failed` counts failing tests plus files/suites that failed outside any test. */
export interface ParsedReport {
  total: number
  passed: number
  failed: number
  skipped: number
  failures: TestFailure[]
}

/** The reporter output exists but is not what the runner should have written. */
export class ReportParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ReportParseError'
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g

/** Removes ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}

/** `file` relative to `root` with forward slashes; null when empty or outside the root. */
export function toRepoPath(root: string, file: string | undefined | null): string | null {
  if (file === undefined || file === null || file === '') return null
  const abs = file.startsWith('file://') ? fileURLToPath(file) : isAbsolute(file) ? file : join(root, file)
  const rel = relative(root, abs)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  return rel.split(sep).join('/')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The 1-based line of the first stack frame in `text` that points into `file` (repository-relative),
 * matching absolute paths, `file://` URLs and root-relative paths as runners print them.
 */
export function lineInFile(text: string, root: string, file: string): number | undefined {
  const abs = join(root, file)
  const absPattern = escapeRegExp(abs.split(sep).join('/'))
  const relPattern = escapeRegExp(file)
  // An absolute match wins over a relative one, which must not be the tail of another path.
  const re = new RegExp(`(?:(?:file://)?${absPattern}|(?<=^|[\\s(])${relPattern}):(\\d+)(?::\\d+)?`, 'm')
  const match = re.exec(text.split(sep).join('/'))
  const line = match?.[1] === undefined ? undefined : Number(match[1])
  return line !== undefined && line > 0 ? line : undefined
}

const STACK_FRAME = /^\s*at\s/

/** The first `maxLines` meaningful lines of a failure message: no stack frames, no ANSI, at most 1,000 chars. */
export function firstLines(message: string, maxLines = 6): string {
  const lines = stripAnsi(message)
    .split('\n')
    .filter((l) => !STACK_FRAME.test(l))
    .map((l) => l.trimEnd())
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift()
  const kept: string[] = []
  for (const l of lines) {
    if (kept.length >= maxLines) break
    if (l.trim() === '' && kept.at(-1)?.trim() === '') continue
    kept.push(l)
  }
  const out = kept.join('\n').trim()
  return out.length > 1_000 ? out.slice(0, 999) + '…' : out
}

function failure(root: string, name: string, fileAbs: string | undefined, message: string, declaredLine?: number): TestFailure {
  const file = toRepoPath(root, fileAbs)
  const clean = stripAnsi(message)
  const line = (file === null ? undefined : lineInFile(clean, root, file)) ?? declaredLine
  return { name, file, ...(line === undefined ? {} : { line }), message: firstLines(clean) }
}

function parseJson(text: string, runner: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ReportParseError(`${runner} wrote a report that is not JSON: ${(error as Error).message}`, { cause: error })
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

const SKIPPED_STATUSES = new Set(['skipped', 'pending', 'todo', 'disabled'])

/**
 * Parses the Jest-compatible JSON written by `vitest run --reporter=json` and `jest --json`: counts
 * per assertion result, one failure per failing test, and one per test file whose status is failed
 * without a failing test (syntax error, throwing hook). Throws ReportParseError on another shape.
 */
export function parseJestLikeJson(text: string, root: string, runner: 'vitest' | 'jest'): ParsedReport {
  const report = parseJson(text, runner)
  if (!isRecord(report) || !Array.isArray(report.testResults) || typeof report.numTotalTests !== 'number') {
    throw new ReportParseError(`${runner} wrote JSON without testResults and numTotalTests`)
  }
  const out: ParsedReport = { total: 0, passed: 0, failed: 0, skipped: 0, failures: [] }
  for (const file of report.testResults) {
    if (!isRecord(file)) throw new ReportParseError(`${runner} wrote a testResults entry that is not an object`)
    const fileName = typeof file.name === 'string' ? file.name : undefined
    const assertions = Array.isArray(file.assertionResults) ? file.assertionResults.filter(isRecord) : []
    let failedHere = 0
    for (const a of assertions) {
      const status = typeof a.status === 'string' ? a.status : 'unknown'
      const name = [...strings(a.ancestorTitles), typeof a.title === 'string' ? a.title : String(a.fullName ?? '?')].join(' > ')
      if (status === 'passed') {
        out.passed++
      } else if (SKIPPED_STATUSES.has(status)) {
        out.skipped++
      } else {
        // failed, or a status this parser does not know: fail closed.
        out.failed++
        failedHere++
        const messages = strings(a.failureMessages)
        const declared = isRecord(a.location) && typeof a.location.line === 'number' ? a.location.line : undefined
        out.failures.push(failure(root, name, fileName, messages.join('\n') || `status: ${status}`, declared))
      }
    }
    if (file.status === 'failed' && failedHere === 0) {
      const message = stripAnsi(typeof file.message === 'string' ? file.message : '').replace(/^\s*● Test suite failed to run\s*\n/, '')
      out.failed++
      const rel = toRepoPath(root, fileName) ?? fileName ?? '(unknown file)'
      // Jest buries the error (`SyntaxError: … (5:0)`) under paragraphs of advice; lead with it.
      const errorLine = /^\s*([A-Z]\w*Error\b.*)$/m.exec(message)?.[1]
      const text = errorLine === undefined || message.trimStart().startsWith(errorLine) ? message : `${errorLine}\n${message}`
      // vitest's JSON reporter drops the error of a hook that fails inside a describe block.
      out.failures.push(
        failure(root, `${rel} (suite failed to run)`, fileName, text || 'failed outside any test (a hook or the file itself); the reporter gave no message'),
      )
    }
  }
  out.total = out.passed + out.failed + out.skipped
  return out
}

/**
 * Parses `mocha --reporter json` output: passes, failures (tests and hooks) and pending tests.
 * Mocha's own `stats.tests` leaves out failing hooks, so the counts come from the arrays.
 * Throws ReportParseError on another shape.
 */
export function parseMochaJson(text: string, root: string): ParsedReport {
  const report = parseJson(text, 'mocha')
  if (!isRecord(report) || !isRecord(report.stats) || !Array.isArray(report.passes) || !Array.isArray(report.failures) || !Array.isArray(report.pending)) {
    throw new ReportParseError('mocha wrote JSON without stats, passes, failures and pending')
  }
  const failures = report.failures.filter(isRecord).map((t) => {
    const err = isRecord(t.err) ? t.err : {}
    const name = typeof t.fullTitle === 'string' ? t.fullTitle : String(t.title ?? '?')
    const stack = typeof err.stack === 'string' ? err.stack : ''
    const message = typeof err.message === 'string' ? err.message : stack
    // The stack locates the failure; the message alone keeps the finding short.
    const located = failure(root, name, typeof t.file === 'string' ? t.file : undefined, stack)
    return { ...located, message: firstLines(message || stack || 'failed without a message') }
  })
  const passed = report.passes.length
  const skipped = report.pending.length
  return { total: passed + failures.length + skipped, passed, failed: failures.length, skipped, failures }
}

interface TapPoint {
  ok: boolean
  name: string
  directive: 'skip' | 'todo' | undefined
  level: number
  diag: Record<string, unknown>
  children: TapPoint[]
  /** `# ` comment lines since the previous test point: node prints a crashed file's error there. */
  comments: string[]
}

const TAP_POINT = /^((?: {4})*)(ok|not ok) \d+(?: - (.*))?$/

/** Splits `name # DIRECTIVE reason` at the first unescaped `#` and undoes node's TAP escapes. */
function splitTapName(raw: string): { name: string; directive: 'skip' | 'todo' | undefined } {
  let name = ''
  let rest: string | undefined
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[++i] as string
      name += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[n] ?? n
    } else if (c === '#') {
      rest = raw.slice(i + 1).trim()
      break
    } else {
      name += c
    }
  }
  const directive = rest === undefined ? undefined : /^skip\b/i.test(rest) ? 'skip' : /^todo\b/i.test(rest) ? 'todo' : undefined
  return { name: name.trim(), directive }
}

/** Node's TAP diagnostics are YAML; a block the yaml package rejects still yields its simple keys. */
function parseDiagnostics(lines: string[]): Record<string, unknown> {
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length))
  const text = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n')
  try {
    const value: unknown = parseYaml(text)
    if (isRecord(value)) return value
  } catch {
    // fall through to the line-by-line reading
  }
  const out: Record<string, unknown> = {}
  for (const line of text.split('\n')) {
    const m = /^(\w+): '?(.*?)'?$/.exec(line)
    if (m?.[1] !== undefined) out[m[1]] = m[2]
  }
  return out
}

function parseLocation(value: unknown): { file: string; line: number } | undefined {
  if (typeof value !== 'string') return undefined
  const m = /^(.*):(\d+):(\d+)$/.exec(value)
  return m?.[1] === undefined ? undefined : { file: m[1], line: Number(m[2]) }
}

const SCRIPT_FILE = /\.[cm]?[jt]sx?$/

/**
 * Parses `node --test --test-reporter=tap` output. Subtests precede their parent's test point, so
 * points are gathered per nesting level and attached when the parent's line arrives. Leaves count
 * as tests; a suite counts as a failure only when it failed itself (a hook), not through a subtest.
 * Node reports a test file that declared no test as one passing test named after the file; such a
 * point is not counted (so an emptied suite reads as 0 tests), while a failing one (the file crashed)
 * is. `isFile` says whether a root-relative path is a file (default: it exists under `root`).
 * Throws ReportParseError when the TAP header or node's closing `# tests N` line is missing.
 */
export function parseNodeTap(text: string, root: string, isFile: (relPath: string) => boolean = (p) => existsSync(join(root, p))): ParsedReport {
  const lines = stripAnsi(text).split('\n')
  if (!lines.some((l) => /^TAP version \d+/.test(l))) throw new ReportParseError('node --test wrote no TAP header')
  if (!lines.some((l) => /^# tests \d+/.test(l))) {
    throw new ReportParseError('node --test TAP output ends before its summary (`# tests N`): the run did not finish')
  }
  const pending = new Map<number, TapPoint[]>()
  let comments: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const m = TAP_POINT.exec(lines[i] as string)
    if (m === null) {
      const c = /^\s*# (.*)$/.exec(lines[i] as string)
      if (c !== null && !/^Subtest: /.test(c[1] as string)) comments.push((c[1] as string).replace(/\\#/g, '#'))
      continue
    }
    const level = (m[1] as string).length / 4
    const { name, directive } = splitTapName(m[3] ?? '')
    const diagLines: string[] = []
    const marker = ' '.repeat(level * 4 + 2)
    if (lines[i + 1] === `${marker}---`) {
      let j = i + 2
      while (j < lines.length && lines[j] !== `${marker}...`) diagLines.push(lines[j++] as string)
      i = j
    }
    const point: TapPoint = { ok: m[2] === 'ok', name, directive, level, diag: parseDiagnostics(diagLines), children: pending.get(level + 1) ?? [], comments }
    comments = []
    pending.set(level + 1, [])
    pending.set(level, [...(pending.get(level) ?? []), point])
  }
  const out: ParsedReport = { total: 0, passed: 0, failed: 0, skipped: 0, failures: [] }
  const visit = (point: TapPoint, path: string[]): void => {
    const names = [...path, point.name]
    const isSuite = point.diag.type === 'suite' || (point.diag.type === undefined && point.children.length > 0)
    const loc = parseLocation(point.diag.location)
    const message = [
      point.diag.error,
      point.diag.expected === undefined ? undefined : `expected: ${JSON.stringify(point.diag.expected)}`,
      point.diag.actual === undefined ? undefined : `actual: ${JSON.stringify(point.diag.actual)}`,
    ]
      .filter((v) => v !== undefined && v !== null)
      .map(String)
      .join('\n')
    const stack = typeof point.diag.stack === 'string' ? point.diag.stack : ''
    const isFileWrapper = path.length === 0 && SCRIPT_FILE.test(point.name) && isFile(point.name)
    const located = (): TestFailure => {
      // A crashed file's error is in the comments before its point; its diagnostics only say "test failed".
      const printed = isFileWrapper ? point.comments.filter((l) => !/^Node\.js v\d/.test(l)).join('\n') : ''
      const f = failure(root, names.join(' > '), loc?.file, `${printed}\n${stack}`, loc?.line)
      const why = printed === '' ? message : printed
      return { ...f, message: firstLines(why || `failed (${String(point.diag.failureType ?? 'no reason given')})`, 8) }
    }
    if (isSuite) {
      if (!point.ok && point.diag.failureType !== 'subtestsFailed') {
        out.failed++
        out.failures.push(located())
      }
      for (const child of point.children) visit(child, names)
      return
    }
    if (point.directive !== undefined) {
      out.skipped++
    } else if (point.ok) {
      if (!isFileWrapper) out.passed++
    } else {
      out.failed++
      out.failures.push(located())
    }
  }
  for (const point of pending.get(0) ?? []) visit(point, [])
  out.total = out.passed + out.failed + out.skipped
  return out
}
