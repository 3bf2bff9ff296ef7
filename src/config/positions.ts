// Parses a YAML configuration file with positions (yaml's LineCounter) and validates it with a zod
// schema, turning YAML errors and zod issues into ConfigProblems at file:line:column and key path.
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import * as z from 'zod'
import type { ConfigProblem } from '../errors.js'
import { checkConfigText, CONFIG_LIMITS } from './read.js'

type PathSegment = PropertyKey

/** What {@link validateYaml} found: the parsed value when it is valid, else every problem. */
export interface YamlValidation<T> {
  /** The schema's output (defaults applied); undefined when there are problems. */
  data: T | undefined
  /** In document order; empty when `data` is set. */
  problems: ConfigProblem[]
  /** 1-based line of the node at `path`, for callers that report positions of valid entries. */
  lineOf(path: readonly PathSegment[]): number
}

/**
 * Parses `text` as one YAML 1.2 document and validates it with `schema`. An empty document (or
 * comments only) validates as `{}`, so an empty file means defaults. YAML errors (syntax,
 * duplicate keys, several documents) and all zod issues are returned together; after a syntax
 * error the tree is unreliable, so zod is not run. `file` is only copied into the problems.
 * @throws ProofgateError PG_CONFIG_ENCODING or PG_CONFIG_TOO_LARGE (see config/read.ts) before parsing.
 */
export function validateYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  options: {
    /** Extra keys (dotted paths) to suggest for an unknown key at `path`, e.g. `gates.tests` at the top. */
    elsewhere?: (path: readonly PathSegment[], key: string) => string | undefined
    /** Called with the plain value before the schema sees it; throws to stop (a size limit), so zod never walks a huge list. */
    precheck?: (value: unknown) => void
  } = {},
): YamlValidation<z.output<S>> {
  // Size and nesting first (a named error in milliseconds): the parser recurses per level.
  text = checkConfigText(text, file)
  const lineCounter = new LineCounter()
  // prettyErrors adds a code snippet to each message; positions come from the LineCounter instead.
  // merge: false keeps `<<` an ordinary (unknown) key, so merge keys cannot multiply a document.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: false })
  const at = (offset: number | undefined): { line: number; column: number } => {
    if (offset === undefined) return { line: 1, column: 1 }
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const lineOf = (path: readonly PathSegment[]): number => at(locate(doc, path).offset).line

  const problems: ConfigProblem[] = doc.errors.map((error) => {
    const offset = error.pos[0]
    if (error.code === 'DUPLICATE_KEY') {
      const path = pathOfKeyAt(doc.contents, offset, [])
      const key = path?.at(-1)
      return {
        file,
        ...at(offset),
        path: path === null ? '' : dotted(path),
        message: key === undefined ? 'duplicate key (keys must be unique)' : `duplicate key "${String(key)}" (keys must be unique)`,
      }
    }
    return { file, ...at(offset), path: '', message: `YAML syntax error: ${error.message}` }
  })
  // Duplicate keys leave a well-formed tree (the last value wins), so its other problems are
  // worth reporting in the same run; after any other error they would only be noise.
  if (problems.length > 0 && doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
    return { data: undefined, problems: sortProblems(problems), lineOf }
  }

  let value: unknown
  try {
    value = doc.contents === null ? {} : doc.toJS({ maxAliasCount: CONFIG_LIMITS.aliases })
  } catch (error) {
    // toJS throws on alias bombs and unresolvable aliases.
    problems.push({ file, ...at(doc.contents?.range?.[0]), path: '', message: `YAML error: ${(error as Error).message}` })
    return { data: undefined, problems: sortProblems(problems), lineOf }
  }

  options.precheck?.(value)
  const result = schema.safeParse(value, { error: issueMessage })
  if (result.success && problems.length === 0) return { data: result.data, problems: [], lineOf }
  for (const issue of result.error?.issues ?? []) {
    if (issue.code === 'unrecognized_keys') {
      const candidates = objectKeysAt(schema, issue.path)
      for (const key of issue.keys) {
        const path = [...issue.path, key]
        problems.push({
          file,
          ...at(locate(doc, path, { keyOfLast: true }).offset),
          path: dotted(path),
          message: `unknown key "${key}"${suggest(key, candidates, options.elsewhere?.(issue.path, key))}${expectedKeys(candidates)}`,
        })
      }
      continue
    }
    // A missing key resolves to its deepest existing ancestor: the map it should be in.
    problems.push({ file, ...at(locate(doc, issue.path).offset), path: dotted(issue.path), message: issue.message })
  }
  return { data: undefined, problems: sortProblems(problems), lineOf }
}

/** Longest list of allowed keys a message spells out (`rules:` has one key per rule id). */
const MAX_LISTED_KEYS = 16

function expectedKeys(candidates: readonly string[]): string {
  if (candidates.length === 0) return ''
  if (candidates.length > MAX_LISTED_KEYS) return `; expected one of ${candidates.length} keys (\`proofgate config schema\` lists them)`
  return `; expected one of ${candidates.join(', ')}`
}

function suggest(key: string, candidates: readonly string[], elsewhere: string | undefined): string {
  const near = didYouMean(key, candidates)
  return near !== '' || elsewhere === undefined ? near : ` (did you mean "${elsewhere}"?)`
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column)
}

/** Dotted key path as in ConfigProblem: `gates.tests.timeout`, `waivers.0.reason`. */
export function dotted(path: readonly PathSegment[]): string {
  return path.map(String).join('.')
}

/**
 * The offset of the node at `path`, or of its deepest existing ancestor when the path runs out
 * (defaults, missing keys). With `keyOfLast`, the last segment's key is located instead of its
 * value, so an unknown key is reported where it is written.
 */
function locate(doc: Document, path: readonly PathSegment[], options: { keyOfLast?: boolean } = {}): { offset: number | undefined } {
  let node: unknown = doc.contents
  let offset = isNode(node) ? node.range?.[0] : undefined
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))
      if (pair === undefined) break
      const value = pair.value
      // `key:` with nothing after it is an empty scalar; pointing at the key reads better.
      const empty = !isNode(value) || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1])
      const wantKey = options.keyOfLast === true && index === path.length - 1
      offset = wantKey || empty ? (pair.key as Node).range?.[0] : (value as Node).range?.[0]
      node = value
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment]
      if (!isNode(item)) break
      node = item
      offset = item.range?.[0]
    } else {
      break
    }
  }
  return { offset }
}

/** The key path of the map key that starts at `offset`, or null when no key starts there. */
function pathOfKeyAt(node: unknown, offset: number, path: PathSegment[]): PathSegment[] | null {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue
      const key = pair.key.value as PathSegment
      if (pair.key.range?.[0] === offset) return [...path, key]
      const inner = pathOfKeyAt(pair.value, offset, [...path, key])
      if (inner !== null) return inner
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const inner = pathOfKeyAt(item, offset, [...path, index])
      if (inner !== null) return inner
    }
  }
  return null
}

/** Strips the wrappers that do not change an object's keys (default, optional, pipe input). */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodPrefault) {
      current = current.unwrap()
    } else if (current instanceof z.ZodPipe) {
      current = current.in
    } else {
      return current
    }
  }
}

/** The keys the schema allows in the object at `path`, for "did you mean" suggestions. */
function objectKeysAt(schema: z.core.$ZodType, path: readonly PathSegment[]): string[] {
  let current = unwrap(schema)
  for (const segment of path) {
    if (current instanceof z.ZodObject) {
      const child = (current.shape as Record<PropertyKey, z.core.$ZodType | undefined>)[segment]
      if (child === undefined) return []
      current = unwrap(child)
    } else if (current instanceof z.ZodArray) {
      current = unwrap(current.element)
    } else {
      return []
    }
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape).filter((key) => key !== '$schema') : []
}

/** ` (did you mean "tests"?)` for the closest candidate, or '' when none is close enough. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  // Case and `_` vs `-` are the commonest slips (filter_mode, Static-Analysis): they cost nothing.
  const normalise = (s: string): string => s.toLowerCase().replaceAll('_', '-')
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(normalise(input), normalise(candidate))
    if (best === undefined || distance < best.distance) best = { candidate, distance }
  }
  if (best === undefined) return ''
  const limit = Math.max(2, Math.floor(Math.max(input.length, best.candidate.length) / 3))
  return best.distance <= limit && best.distance < best.candidate.length ? ` (did you mean "${best.candidate}"?)` : ''
}

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions, so `tset` is two
 * edits from `tests`, not three. Small enough not to warrant a dependency.
 */
function editDistance(a: string, b: string): number {
  const width = b.length + 1
  const d: number[] = Array.from({ length: (a.length + 1) * width }, (_, k) => (k < width ? k : k % width === 0 ? k / width : 0))
  const at = (i: number, j: number): number => d[i * width + j] ?? 0
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      d[i * width + j] = best
    }
  }
  return at(a.length, b.length)
}

/** How a YAML value reads in a message: `string "120s"`, `number -5`, `a list`. */
function describe(value: unknown): string {
  if (value === null) return 'an empty value'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return 'a date'
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value)}`
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`
    case 'object':
      return 'a mapping'
    default:
      return typeof value
  }
}

const expectedNames: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
}

/**
 * Per-parse zod error map: messages in the config's own terms (mapping, list, key). zod gives
 * schema-level messages (`a reason is mandatory`) precedence, and falls back to its own for
 * codes not handled here.
 */
const issueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) {
        const key = issue.path?.at(-1)
        return key === undefined ? undefined : `missing required key "${String(key)}"`
      }
      return `expected ${expectedNames[issue.expected] ?? issue.expected}, got ${describe(issue.input)}`
    }
    case 'invalid_value': {
      const got = typeof issue.input === 'string' ? JSON.stringify(issue.input) : describe(issue.input)
      const values = issue.values.map(String)
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, values) : ''
      return values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}, got ${got}` : `expected one of ${values.join(', ')}, got ${got}${hint}`
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum
      const small = issue.code === 'too_small'
      if (issue.origin === 'number') {
        const op = small ? (issue.inclusive === true ? '>=' : '>') : issue.inclusive === true ? '<=' : '<'
        return `expected a number ${op} ${String(bound)}, got ${String(issue.input)}`
      }
      if (issue.origin === 'string') {
        return small && Number(bound) === 1 ? 'expected a non-empty string' : `expected ${small ? 'at least' : 'at most'} ${String(bound)} characters`
      }
      if (issue.origin === 'array') return `expected ${small ? 'at least' : 'at most'} ${String(bound)} items`
      return undefined
    }
    case 'invalid_format': {
      const got = describe(issue.input)
      if (issue.format === 'date') return `expected a date as YYYY-MM-DD, got ${got}`
      if (issue.format === 'regex' && issue.pattern !== undefined) return `expected a string matching ${issue.pattern}, got ${got}`
      return `expected ${issue.format}, got ${got}`
    }
    default:
      return undefined
  }
}
