// `proofgate install|uninstall|install --check`: puts proofgate's git hooks where the repository's
// hook manager looks (husky, lefthook, core.hooksPath, .git/hooks), removes exactly what it added.
import { constants, existsSync, readFileSync } from 'node:fs'
import { access, chmod, mkdir, rename, rm, stat } from 'node:fs/promises'
import { delimiter, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml'
import { openRepository, type Repository } from '../changes/git.js'
import { ProofgateError, type ConfigProblem } from '../errors.js'
import { readIfExists, writeTextAtomic } from '../util/state.js'
import { assertHooksDirInside, assertNotLinked, isSymbolicLink } from './safe-path.js'

/** The git hooks proofgate ships (`hooks/<name>` in the package). */
export type HookName = 'pre-push' | 'pre-commit'
/** Every {@link HookName}, in the order results list them. */
export const HOOK_NAMES: readonly HookName[] = ['pre-push', 'pre-commit']

/**
 * Who runs the repository's hooks, in the order {@link installHooks} looks: husky (core.hooksPath
 * `.husky/_` or a `.husky/` directory), lefthook (a lefthook YAML config), `hooks-path` (another
 * core.hooksPath) or plain `git` (`.git/hooks`, worktree-aware).
 */
export type HookManager = 'husky' | 'lefthook' | 'hooks-path' | 'git'

/**
 * What install or uninstall did to one hook. `created`: a file proofgate wrote (in git mode an
 * existing hook was moved aside and chained, see `detail`); `added`: proofgate's lines inserted
 * into the manager's file; `updated`: an outdated copy replaced; `unchanged`: already there;
 * `removed`: proofgate's file or lines taken out; `restored`: the chained hook moved back;
 * `absent`: nothing of proofgate's to remove.
 */
export interface HookChange {
  hook: HookName
  /** Absolute path of the file changed (or looked at). */
  file: string
  action: 'created' | 'added' | 'updated' | 'unchanged' | 'removed' | 'restored' | 'absent'
  detail?: string
}

/** What {@link installHooks} or {@link uninstallHooks} did, one change per hook. */
export interface InstallResult {
  manager: HookManager
  /** Absolute: the `.husky` directory, the lefthook config file, or the hooks directory. */
  target: string
  changes: HookChange[]
  /** What the user still has to do or should know (run `npx husky`, a chained hook not executable…). */
  notes: string[]
}

/** One hook as `proofgate install --check` sees it. */
export interface HookCheck {
  hook: HookName
  /** proofgate's file, lines or entry is where the detected manager looks. */
  installed: boolean
  /** Installed, and git will run it: the manager is wired into git, files executable, node found. */
  working: boolean
  /** Absolute: the hook file, husky file or lefthook config looked at. */
  file: string
  /** Sentences, each with its remedy; empty when the hook works. */
  problems: string[]
}

/** What {@link checkHooks} found, one {@link HookCheck} per hook name. */
export interface HookCheckResult {
  manager: HookManager
  /** Every installed hook works and at least one is installed. */
  ok: boolean
  hooks: HookCheck[]
  /** Not problems, but worth saying (npx will be used, an outdated copy). */
  notes: string[]
}

const PROOFGATE_BIN = join('node_modules', '.bin', 'proofgate')
const CHAIN_SUFFIX = '.pre-proofgate'

// ---------------------------------------------------------------------------------------------
// Where the hooks go

type Location =
  { manager: 'husky'; dir: string; hooksPath: string | undefined } | { manager: 'lefthook'; file: string } | { manager: 'hooks-path' | 'git'; dir: string }

interface Located {
  repo: Repository
  /** The directory git runs hooks from (`git rev-parse --git-path hooks`, core.hooksPath applied). */
  gitHooksDir: string
  /** core.hooksPath as configured (relative to the work-tree root, or absolute); undefined when unset. */
  hooksPath: string | undefined
  location: Location
  /** The work-tree root and git's common directory: install writes only under these. */
  anchors: string[]
}

/** lefthook's main config names, YAML first, in lefthook's own lookup order (lefthook.dev "Config file name"). */
const LEFTHOOK_YAML = ['lefthook.yml', '.lefthook.yml', '.config/lefthook.yml', 'lefthook.yaml', '.lefthook.yaml', '.config/lefthook.yaml']
const LEFTHOOK_OTHER = [
  'lefthook.toml',
  '.lefthook.toml',
  '.config/lefthook.toml',
  'lefthook.json',
  '.lefthook.json',
  '.config/lefthook.json',
  'lefthook.jsonc',
  '.lefthook.jsonc',
]

async function gitConfig(repo: Repository, key: string): Promise<string | undefined> {
  const value = (await repo.configGet(key)) ?? ''
  return value === '' ? undefined : value
}

/** core.hooksPath relative to the root with `/` separators (as husky writes it), or absolute when outside. */
function normaliseHooksPath(root: string, hooksPath: string): string {
  const trimmed = hooksPath.replace(/[\\/]+$/, '')
  if (!isAbsolute(trimmed)) return trimmed.replace(/\\/g, '/').replace(/^\.\//, '')
  const rel = relative(root, trimmed)
  return rel.startsWith('..') || isAbsolute(rel) ? trimmed : rel.split(sep).join('/')
}

/** The husky directory (relative) core.hooksPath names: `.husky`, `.husky/…`, or `<dir>/_` holding husky's `h`. */
function huskyDirOf(root: string, hooksPath: string | undefined): string | undefined {
  if (hooksPath === undefined) return undefined
  const path = normaliseHooksPath(root, hooksPath)
  if (path === '.husky' || path.startsWith('.husky/')) return '.husky'
  // `husky <dir>` (husky 9) sets core.hooksPath to `<dir>/_` and writes `<dir>/_/h` there.
  const custom = /^(.+)\/_$/.exec(path)?.[1]
  return custom !== undefined && !isAbsolute(custom) && existsSync(join(root, custom, '_', 'h')) ? custom : undefined
}

async function locate(cwd: string): Promise<Located> {
  const repo = await openRepository(cwd)
  const root = repo.root
  const hooksPath = await gitConfig(repo, 'core.hooksPath')
  const gitHooksDir = resolve(root, await repo.gitPath('hooks'))
  const anchors = [root, resolve(root, await repo.commonDir())]
  const husky = huskyDirOf(root, hooksPath) ?? ((await isDirectory(join(root, '.husky'))) ? '.husky' : undefined)
  if (husky !== undefined) return { repo, gitHooksDir, hooksPath, anchors, location: { manager: 'husky', dir: join(root, husky), hooksPath } }
  const lefthook = LEFTHOOK_YAML.find((name) => existsSync(join(root, name)))
  if (lefthook !== undefined) return { repo, gitHooksDir, hooksPath, anchors, location: { manager: 'lefthook', file: join(root, lefthook) } }
  const other = LEFTHOOK_OTHER.find((name) => existsSync(join(root, name)))
  if (other !== undefined) {
    throw new ProofgateError('PG_HOOK_CONFLICT', `lefthook is configured in ${join(root, other)}, and proofgate edits only YAML lefthook configs.`, {
      hint: `add a command to each hook there yourself, running \`node_modules/.bin/proofgate hook pre-push {1} {2}\` with use_stdin: true (pre-push) and \`node_modules/.bin/proofgate hook pre-commit\` (pre-commit)`,
    })
  }
  return { repo, gitHooksDir, hooksPath, anchors, location: { manager: hooksPath === undefined ? 'git' : 'hooks-path', dir: gitHooksDir } }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return false
    if (process.platform === 'win32') return true
    await access(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function parseHookNames(hooks: readonly HookName[]): HookName[] {
  for (const hook of hooks) {
    if (!HOOK_NAMES.includes(hook)) {
      throw new ProofgateError('PG_USAGE', `Unknown hook '${String(hook)}': expected ${HOOK_NAMES.join(' or ')}.`, {
        hint: 'proofgate install pre-push pre-commit',
      })
    }
  }
  if (hooks.length === 0) throw new ProofgateError('PG_USAGE', 'No hook to install.', { hint: 'proofgate install pre-push (or pre-commit)' })
  return HOOK_NAMES.filter((hook) => hooks.includes(hook))
}

// ---------------------------------------------------------------------------------------------
// Text blocks inserted and removed byte for byte

interface Span {
  start: number
  end: number
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n'
}

/**
 * Inserts whole `lines` at `offset` (a line start, or the end). At the end of a text without a
 * final newline, a newline goes before the block and none after it, so the file keeps its shape
 * and {@link blockAt} can take out exactly what was added.
 */
function insertBlock(text: string, offset: number, lines: readonly string[], eol: string): string {
  const body = lines.join(eol)
  if (offset === text.length && text !== '' && !text.endsWith('\n')) return text + eol + body
  return text.slice(0, offset) + body + eol + text.slice(offset)
}

/** The span {@link insertBlock} added when `lines` start at `offset`, or null when they are not there exactly. */
function blockAt(text: string, offset: number, lines: readonly string[], eol: string): Span | null {
  if (offset > 0 && text[offset - 1] !== '\n') return null
  const body = lines.join(eol)
  if (text.startsWith(body + eol, offset)) return { start: offset, end: offset + body.length + eol.length }
  if (offset + body.length === text.length && text.endsWith(body)) {
    return text.slice(offset - eol.length, offset) === eol ? { start: offset - eol.length, end: text.length } : { start: offset, end: text.length }
  }
  return null
}

/** Offsets of the lines whose text, leading spaces aside, is `line`, with that indentation. */
function linesEqualTo(text: string, line: string): Array<{ offset: number; indent: number }> {
  const out: Array<{ offset: number; indent: number }> = []
  let offset = 0
  for (const raw of text.split('\n')) {
    const content = raw.replace(/\r$/, '')
    const trimmed = content.replace(/^ +/, '')
    if (trimmed === line) out.push({ offset, indent: content.length - trimmed.length })
    offset += raw.length + 1
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// husky: two lines at the end of .husky/<hook>

const HUSKY_MARK = '# proofgate (added by proofgate install; proofgate uninstall removes these two lines)'

function huskyLines(hook: HookName): string[] {
  // husky 9 runs .husky/<hook> with `sh -e` and node_modules/.bin on PATH (husky's `h`).
  return [HUSKY_MARK, `proofgate hook ${hook} "$@"`]
}

function findHuskyBlock(text: string, hook: HookName): Span | null {
  const eol = eolOf(text)
  for (const { offset, indent } of linesEqualTo(text, HUSKY_MARK)) {
    if (indent !== 0) continue
    const span = blockAt(text, offset, huskyLines(hook), eol)
    if (span !== null) return span
  }
  return null
}

/** The note when git does not go through husky: core.hooksPath must be `<husky dir>/_` (husky 9). */
function huskyWiringProblem(root: string, dir: string, hooksPath: string | undefined): string | undefined {
  const want = `${relative(root, dir).split(sep).join('/')}/_`
  if (hooksPath !== undefined && normaliseHooksPath(root, hooksPath) === want) return undefined
  const now = hooksPath === undefined ? 'core.hooksPath is not set' : `core.hooksPath is '${hooksPath}', not '${want}'`
  return `${now}, so git does not run husky's hooks: run npx husky (or npm install, whose prepare script runs it) so git uses ${want}`
}

async function installHusky(located: Located, dir: string, hooks: readonly HookName[]): Promise<InstallResult> {
  const changes: HookChange[] = []
  const notes: string[] = []
  await assertHooksDirInside(dir, located.anchors)
  for (const hook of hooks) {
    const file = join(dir, hook)
    await assertNotLinked(file)
    const text = await readIfExists(file)
    if (text !== null && findHuskyBlock(text, hook) !== null) {
      changes.push({ hook, file, action: 'unchanged' })
      continue
    }
    if (text !== null && linesEqualTo(text, HUSKY_MARK).length > 0) {
      changes.push({
        hook,
        file,
        action: 'unchanged',
        detail: `proofgate's lines were edited by hand; left as they are (proofgate uninstall will not remove them)`,
      })
      continue
    }
    const eol = text === null ? '\n' : eolOf(text)
    await writeTextAtomic(file, insertBlock(text ?? '', (text ?? '').length, huskyLines(hook), eol))
    if (text === null) {
      // git runs husky's `_/<hook>`, which runs this one with sh; 0o755 also suits husky 8 (run directly).
      await chmod(file, 0o755)
      changes.push({ hook, file, action: 'created' })
    } else {
      changes.push({ hook, file, action: 'added', detail: 'after the existing lines, which run first' })
    }
  }
  const wiring = huskyWiringProblem(located.repo.root, dir, located.hooksPath)
  if (wiring !== undefined) notes.push(wiring)
  if (!existsSync(join(located.repo.root, PROOFGATE_BIN))) notes.push(missingBinaryNote('husky'))
  return { manager: 'husky', target: dir, changes, notes }
}

async function uninstallHusky(located: Located, dir: string): Promise<InstallResult> {
  const changes: HookChange[] = []
  await assertHooksDirInside(dir, located.anchors)
  for (const hook of HOOK_NAMES) {
    const file = join(dir, hook)
    await assertNotLinked(file)
    const text = await readIfExists(file)
    const span = text === null ? null : findHuskyBlock(text, hook)
    if (text === null || span === null) {
      changes.push({ hook, file, action: 'absent' })
      continue
    }
    const rest = text.slice(0, span.start) + text.slice(span.end)
    if (rest === '') {
      await rm(file)
      changes.push({ hook, file, action: 'removed', detail: "the file held only proofgate's lines" })
    } else {
      await writeTextAtomic(file, rest)
      changes.push({ hook, file, action: 'removed', detail: "proofgate's two lines" })
    }
  }
  return { manager: 'husky', target: dir, changes, notes: [] }
}

// ---------------------------------------------------------------------------------------------
// lefthook: a `proofgate` command (or job) in lefthook.yml, inserted as text

const LEFTHOOK_MARK = '# proofgate (added by proofgate install; proofgate uninstall removes it)'
/** How the entry is wrapped: in `commands:`, as a `jobs:` item, with its own `commands:`, or a whole `<hook>:` block. */
type LefthookForm = 'entry' | 'job' | 'commands' | 'hook'
const LEFTHOOK_FORMS: readonly LefthookForm[] = ['entry', 'job', 'commands', 'hook']

/**
 * The lines proofgate inserts, marker first, at `indent` spaces, nesting by `unit` (for a job, the
 * column of the item's keys after its `- `). `{1} {2}` are the hook's arguments (remote name and
 * URL) and `use_stdin` passes git's ref lines through (lefthook.dev, `use_stdin`).
 */
function lefthookLines(hook: HookName, form: LefthookForm, indent: number, unit: number): string[] {
  const pad = (n: number): string => ' '.repeat(n)
  const fields =
    hook === 'pre-push'
      ? [`run: ${PROOFGATE_BIN.split(sep).join('/')} hook pre-push {1} {2}`, 'use_stdin: true']
      : [`run: ${PROOFGATE_BIN.split(sep).join('/')} hook pre-commit`]
  let body: string[]
  if (form === 'job') {
    body = [`-${pad(unit - 1)}name: proofgate`, ...fields.map((f) => pad(unit) + f)]
  } else {
    body = ['proofgate:', ...fields.map((f) => pad(unit) + f)]
    if (form !== 'entry') body = ['commands:', ...body.map((l) => pad(unit) + l)]
    if (form === 'hook') body = [`${hook}:`, ...body.map((l) => pad(unit) + l)]
  }
  return [LEFTHOOK_MARK, ...body].map((l) => pad(indent) + l)
}

interface LefthookBlock {
  hook: HookName
  span: Span
}

/** proofgate's blocks in a lefthook config: each marker line followed by exactly what install wrote. */
function findLefthookBlocks(text: string): LefthookBlock[] {
  const eol = eolOf(text)
  const lines = text.split('\n')
  const out: LefthookBlock[] = []
  for (const { offset, indent } of linesEqualTo(text, LEFTHOOK_MARK)) {
    // The third line of every form sits one unit deeper than the marker.
    const index = text.slice(0, offset).split('\n').length - 1
    const third = lines[index + 2] ?? ''
    const unit = third.length - third.replace(/^ +/, '').length - indent
    if (unit < 1) continue
    found: for (const hook of HOOK_NAMES) {
      for (const form of LEFTHOOK_FORMS) {
        const span = blockAt(text, offset, lefthookLines(hook, form, indent, unit), eol)
        if (span !== null) {
          out.push({ hook, span })
          break found
        }
      }
    }
  }
  return out
}

/** Where one entry goes, or why none is added. */
type LefthookPlan = { offset: number; lines: string[] } | { userEntry: string }

function lefthookError(file: string, text: string, lineCounter: LineCounter, offset: number, path: string, expected: string): ProofgateError {
  const { line, col } = lineCounter.linePos(Math.min(offset, text.length))
  const problem: ConfigProblem = { file, line, column: col, path, message: expected }
  const hint =
    path === ''
      ? `fix ${file} (npx lefthook validate checks it), then run proofgate install again`
      : `write ${path} in block style (one key per line) and run proofgate install again, or add proofgate's command there yourself (see proofgate's docs/hooks.md, "Where install puts them")`
  return new ProofgateError('PG_HOOK_CONFIG_INVALID', `Cannot add proofgate to ${file}:${line}:${col}: ${expected}.`, { hint, problems: [problem] })
}

/** Offset of the line after the one holding `offset` (the end when there is none). */
function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset
  const nl = text.indexOf('\n', offset)
  return nl === -1 ? text.length : nl + 1
}

/** Plans the insertion of proofgate's entry for `hook`, reading the structure with yaml's node ranges. */
function planLefthook(file: string, text: string, hook: HookName): LefthookPlan {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const first = doc.errors[0]
  if (first !== undefined) throw lefthookError(file, text, lineCounter, first.pos[0], '', `not valid YAML (${first.message.split('\n')[0]})`)
  const column = (offset: number): number => lineCounter.linePos(offset).col - 1
  const start = (node: Node | null | undefined): number => node?.range?.[0] ?? 0
  const end = (node: Node): number => nextLineStart(text, node.range?.[1] ?? text.length)
  const isBlockMap = (node: unknown): node is YAMLMap<unknown, unknown> => isMap(node) && node.flow !== true && node.items.length > 0
  const isEmpty = (node: unknown): boolean =>
    node === null || (isScalar(node) && node.value === null && text.slice(node.range?.[0], node.range?.[1]).trim() === '')
  const keyOf = (pair: Pair<unknown, unknown>): unknown => (isScalar(pair.key) ? pair.key.value : undefined)
  const pairOf = (map: YAMLMap<unknown, unknown>, key: string): Pair<unknown, unknown> | undefined => map.items.find((p) => keyOf(p) === key)
  const keyStart = (pair: Pair<unknown, unknown>): number => start(pair.key as Node)
  /** Columns between a key and the keys of its block-mapping value: the file's indentation. */
  const nesting = (map: YAMLMap<unknown, unknown>): number | undefined => {
    for (const pair of map.items) {
      if (isBlockMap(pair.value)) return column(keyStart(pair.value.items[0] as Pair<unknown, unknown>)) - column(keyStart(pair))
    }
    return undefined
  }

  const root = doc.contents
  if (isEmpty(root)) return { offset: text.length, lines: lefthookLines(hook, 'hook', 0, 2) }
  if (!isBlockMap(root)) throw lefthookError(file, text, lineCounter, start(root), '', 'expected a block mapping of hook names at the top level')
  const unit = nesting(root) ?? 2
  const hookPair = pairOf(root, hook)
  if (hookPair === undefined)
    return { offset: text.length, lines: lefthookLines(hook, 'hook', column(keyStart(root.items[0] as Pair<unknown, unknown>)), unit) }
  const hookMap = hookPair.value
  if (isEmpty(hookMap)) return { offset: end(hookPair.key as Node), lines: lefthookLines(hook, 'commands', column(keyStart(hookPair)) + unit, unit) }
  if (!isBlockMap(hookMap)) {
    throw lefthookError(file, text, lineCounter, start(hookMap as Node), hook, `expected ${hook} to be a block mapping (with commands: or jobs:)`)
  }

  const jobs = pairOf(hookMap, 'jobs')
  if (jobs !== undefined && !isEmpty(jobs.value)) {
    const seq = jobs.value
    if (!isSeq(seq) || seq.flow === true || seq.items.length === 0) {
      throw lefthookError(file, text, lineCounter, start(seq as Node), `${hook}.jobs`, `expected ${hook}.jobs to be a block sequence of jobs (- name: …)`)
    }
    const items = (seq as YAMLSeq<unknown>).items
    if (items.some((item) => isMap(item) && item.get('name') === 'proofgate')) return { userEntry: `a job named proofgate is already in ${hook}.jobs` }
    const dash = column(start(seq))
    const firstItem = items[0]
    const itemUnit = isBlockMap(firstItem) ? column(keyStart(firstItem.items[0] as Pair<unknown, unknown>)) - dash : 2
    return { offset: end(seq), lines: lefthookLines(hook, 'job', dash, Math.max(itemUnit, 2)) }
  }
  const commands = pairOf(hookMap, 'commands')
  if (commands === undefined) {
    return { offset: end(hookMap), lines: lefthookLines(hook, 'commands', column(keyStart(hookMap.items[0] as Pair<unknown, unknown>)), unit) }
  }
  if (isEmpty(commands.value)) return { offset: end(commands.key as Node), lines: lefthookLines(hook, 'entry', column(keyStart(commands)) + unit, unit) }
  const commandMap = commands.value
  if (!isBlockMap(commandMap)) {
    throw lefthookError(
      file,
      text,
      lineCounter,
      start(commandMap as Node),
      `${hook}.commands`,
      `expected ${hook}.commands to be a block mapping of command names`,
    )
  }
  if (pairOf(commandMap, 'proofgate') !== undefined) return { userEntry: `a proofgate command is already in ${hook}.commands` }
  return {
    offset: end(commandMap),
    lines: lefthookLines(hook, 'entry', column(keyStart(commandMap.items[0] as Pair<unknown, unknown>)), nesting(commandMap) ?? unit),
  }
}

function lefthookWiringNote(hooksDir: string, hook: HookName, hookText: string | null): string | undefined {
  if (hookText !== null && /lefthook/i.test(hookText)) return undefined
  const file = join(hooksDir, hook)
  return `${file} ${hookText === null ? 'does not exist' : "is not lefthook's"}, so git does not run lefthook on ${hook}: run npx lefthook install`
}

async function installLefthook(located: Located, file: string, hooks: readonly HookName[]): Promise<InstallResult> {
  await assertHooksDirInside(dirname(file), located.anchors)
  await assertNotLinked(file)
  const original = (await readIfExists(file)) ?? ''
  let text = original
  const changes: HookChange[] = []
  const notes: string[] = []
  for (const hook of hooks) {
    if (findLefthookBlocks(text).some((block) => block.hook === hook)) {
      changes.push({ hook, file, action: 'unchanged' })
    } else {
      const plan = planLefthook(file, text, hook)
      if ('userEntry' in plan) {
        changes.push({ hook, file, action: 'unchanged', detail: `${plan.userEntry} (not added by proofgate install; left as it is)` })
      } else {
        text = insertBlock(text, plan.offset, plan.lines, eolOf(text))
        changes.push({ hook, file, action: 'added' })
      }
    }
    const note = lefthookWiringNote(located.gitHooksDir, hook, await readIfExists(join(located.gitHooksDir, hook)))
    if (note !== undefined) notes.push(note)
  }
  if (text !== original) await writeTextAtomic(file, text)
  if (!existsSync(join(located.repo.root, PROOFGATE_BIN))) notes.push(missingBinaryNote('lefthook'))
  return { manager: 'lefthook', target: file, changes, notes }
}

async function uninstallLefthook(located: Located, file: string): Promise<InstallResult> {
  await assertHooksDirInside(dirname(file), located.anchors)
  await assertNotLinked(file)
  const original = (await readIfExists(file)) ?? ''
  let text = original
  const removed = new Set<HookName>()
  // One at a time from the start: removing a block can turn the next one into the file's end.
  for (let block = findLefthookBlocks(text)[0]; block !== undefined; block = findLefthookBlocks(text)[0]) {
    text = text.slice(0, block.span.start) + text.slice(block.span.end)
    removed.add(block.hook)
  }
  if (text !== original) await writeTextAtomic(file, text)
  const changes = HOOK_NAMES.map((hook): HookChange => ({ hook, file, action: removed.has(hook) ? 'removed' : 'absent' }))
  return { manager: 'lefthook', target: file, changes, notes: [] }
}

// ---------------------------------------------------------------------------------------------
// core.hooksPath and .git/hooks: a copy of the shipped script; an existing hook is chained

/** The marker line of the shipped `hooks/<hook>`: a file carrying it is proofgate's. */
function isProofgateScript(text: string, hook: HookName): boolean {
  return text.split('\n').some((line) => line.startsWith(`# proofgate ${hook} hook (installed by \`proofgate install`))
}

let hooksDirCache: string | undefined

/**
 * Absolute path of the `hooks/` directory shipped in the proofgate package: the nearest ancestor of
 * this module holding a package.json named `proofgate` and `hooks/pre-push` (from `src/hooks/` under
 * vitest, from `dist/` or `dist/chunks/` in the bundle).
 * @throws Error (an internal error) when there is none: the package is incomplete.
 */
export function packageHooksDir(): string {
  if (hooksDirCache !== undefined) return hooksDirCache
  const here = fileURLToPath(import.meta.url)
  for (let dir = dirname(here); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'hooks', 'pre-push'))) {
      try {
        if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'proofgate')
          return (hooksDirCache = join(dir, 'hooks'))
      } catch {
        // Not a package root; keep walking up.
      }
    }
    if (dirname(dir) === dir) throw new Error(`proofgate's hooks/ directory was not found above ${here}: the package is incomplete (reinstall proofgate)`)
  }
}

async function shippedHook(hook: HookName): Promise<string> {
  const text = await readIfExists(join(packageHooksDir(), hook))
  if (text === null) throw new Error(`proofgate's ${hook} hook is missing from ${packageHooksDir()}: the package is incomplete (reinstall proofgate)`)
  return text
}

async function installScripts(located: Located, manager: 'hooks-path' | 'git', dir: string, hooks: readonly HookName[]): Promise<InstallResult> {
  const changes: HookChange[] = []
  const notes: string[] = []
  await assertHooksDirInside(dir, located.anchors)
  await mkdir(dir, { recursive: true })
  for (const hook of hooks) {
    const file = join(dir, hook)
    const chained = file + CHAIN_SUFFIX
    const ours = await shippedHook(hook)
    // A linked hook is never written through (its target may be outside the repository): the
    // link itself moves aside and runs first, like any hook that is not proofgate's.
    const linked = await isSymbolicLink(file)
    const existing = await readIfExists(file)
    if (!linked && existing !== null && isProofgateScript(existing, hook)) {
      const executable = await isExecutable(file)
      if (existing === ours && executable) {
        changes.push({ hook, file, action: 'unchanged' })
        continue
      }
      if (existing !== ours) await writeTextAtomic(file, ours)
      await chmod(file, 0o755)
      changes.push({ hook, file, action: 'updated', detail: existing === ours ? 'made executable' : "replaced by this version of proofgate's hook" })
      continue
    }
    let detail: string | undefined
    if (existing !== null || linked) {
      if (existsSync(chained) || (await isSymbolicLink(chained))) {
        throw new ProofgateError(
          'PG_HOOK_CONFLICT',
          `${file} is not proofgate's, and ${chained} exists too, so proofgate has nowhere to move the existing hook.`,
          {
            hint: `merge the two into ${chained} (it runs first, with the same arguments and stdin) and delete ${file}, then run proofgate install again`,
          },
        )
      }
      // pre-commit's "migration mode": the old hook moves aside and the new one runs it first.
      await rename(file, chained)
      detail = `the existing hook moved to ${hook}${CHAIN_SUFFIX} and runs first`
      if (!(await isExecutable(chained))) {
        notes.push(
          `${chained} (your earlier ${hook} hook) is not executable, so git did not run it and proofgate's hook does not either: chmod +x it to run it`,
        )
      }
    }
    await writeTextAtomic(file, ours)
    await chmod(file, 0o755)
    changes.push({ hook, file, action: 'created', ...(detail === undefined ? {} : { detail }) })
  }
  if (!existsSync(join(located.repo.root, PROOFGATE_BIN))) notes.push(missingBinaryNote('git'))
  return { manager, target: dir, changes, notes }
}

async function uninstallScripts(located: Located, manager: 'hooks-path' | 'git', dir: string): Promise<InstallResult> {
  const changes: HookChange[] = []
  const notes: string[] = []
  // rm and rename act on links themselves, but the directory must still be the repository's.
  await assertHooksDirInside(dir, located.anchors)
  for (const hook of HOOK_NAMES) {
    const file = join(dir, hook)
    const chained = file + CHAIN_SUFFIX
    const existing = await readIfExists(file)
    if (existing !== null && !isProofgateScript(existing, hook)) {
      changes.push({ hook, file, action: 'absent', detail: "the hook there is not proofgate's; left as it is" })
      if (existsSync(chained)) notes.push(`${chained} was left in place, since ${file} is not proofgate's`)
      continue
    }
    if (existing !== null) await rm(file)
    if (existsSync(chained) || (await isSymbolicLink(chained))) {
      await rename(chained, file)
      changes.push({ hook, file, action: 'restored', detail: `${hook}${CHAIN_SUFFIX} moved back` })
    } else {
      changes.push({ hook, file, action: existing === null ? 'absent' : 'removed' })
    }
  }
  return { manager, target: dir, changes, notes }
}

function missingBinaryNote(manager: HookManager): string {
  return manager === 'git'
    ? `${PROOFGATE_BIN} is missing, so the hooks will run npx --no-install proofgate: add proofgate to devDependencies (npm install -D proofgate)`
    : `${PROOFGATE_BIN} is missing, and ${manager} runs that one: add proofgate to devDependencies (npm install -D proofgate)`
}

// ---------------------------------------------------------------------------------------------
// The exported operations

/**
 * `proofgate install [hook…]`: adds proofgate to `hooks` where the repository's hook manager looks,
 * `cwd` being anywhere in a work tree (a linked worktree too). First match wins:
 * - husky (core.hooksPath `.husky`/`.husky/…`/`<dir>/_`, or a `.husky/` directory): two lines
 *   appended to `.husky/<hook>` (created 0o755 when absent); husky 9 runs it with `sh -e` and
 *   node_modules/.bin on PATH, so earlier lines run first and their failure stops git;
 * - lefthook (a YAML config at the root): a `proofgate` command (or, under `jobs:`, a job)
 *   inserted as text, the rest of the file kept byte for byte;
 * - core.hooksPath elsewhere (`hooks-path`) or `git rev-parse --git-path hooks` (`git`): a copy of
 *   the shipped script, 0o755, written atomically; a hook already there is moved to
 *   `<hook>.pre-proofgate` and run first (pre-commit's "migration mode").
 * Idempotent: a second run changes no byte and reports `unchanged`.
 * @throws ProofgateError PG_NOT_A_GIT_REPO; PG_USAGE for an unknown hook name; PG_HOOK_CONFLICT
 *   when `<hook>.pre-proofgate` is taken or lefthook is configured in TOML/JSON;
 *   PG_HOOK_CONFIG_INVALID (file, line, column) for a lefthook config that does not parse or
 *   is not shaped as expected; PG_HOOK_UNSAFE when the hooks directory (or the lefthook config's)
 *   resolves outside the repository, or a husky hook or lefthook config is a symbolic link. A
 *   `.git/hooks`/core.hooksPath hook that is a link is moved aside and chained, never written through.
 */
export async function installHooks(cwd: string, hooks: readonly HookName[]): Promise<InstallResult> {
  const wanted = parseHookNames(hooks)
  const located = await locate(cwd)
  const { location } = located
  if (location.manager === 'husky') return installHusky(located, location.dir, wanted)
  if (location.manager === 'lefthook') return installLefthook(located, location.file, wanted)
  return installScripts(located, location.manager, location.dir, wanted)
}

/**
 * `proofgate uninstall`: takes out, for both hooks, exactly what {@link installHooks} added where
 * the manager detected now looks: husky's two lines (the file deleted when nothing else is left),
 * lefthook's marked entries, proofgate's script (only when it carries proofgate's marker line),
 * moving `<hook>.pre-proofgate` back. Files install did not touch keep their bytes and modes.
 * @throws ProofgateError PG_NOT_A_GIT_REPO, PG_HOOK_CONFLICT for a TOML/JSON lefthook config, or
 *   PG_HOOK_UNSAFE (as for install: a hooks directory outside the repository, a linked file to edit).
 */
export async function uninstallHooks(cwd: string): Promise<InstallResult> {
  const located = await locate(cwd)
  const { location } = located
  if (location.manager === 'husky') return uninstallHusky(located, location.dir)
  if (location.manager === 'lefthook') return uninstallLefthook(located, location.file)
  return uninstallScripts(located, location.manager, location.dir)
}

/** The first executable `name` on `pathValue` (PATH syntax), or undefined. */
async function which(name: string, pathValue: string | undefined): Promise<string | undefined> {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name]
  for (const dir of (pathValue ?? '').split(delimiter)) {
    if (dir === '') continue
    for (const candidate of names) {
      if (await isExecutable(join(dir, candidate))) return join(dir, candidate)
    }
  }
  return undefined
}

/**
 * `proofgate install --check` (and later `doctor`): for each hook, whether proofgate is installed
 * where the detected manager looks and whether git will run it — the manager wired into git
 * (core.hooksPath `.husky/_` with husky's `h` and `_/<hook>`; lefthook's script in the hooks
 * directory), the files git runs executable, `node` on `env.PATH`, and proofgate's binary in
 * node_modules/.bin where the manager needs it (git mode falls back to npx, said in `notes`).
 * @throws ProofgateError PG_NOT_A_GIT_REPO, or PG_HOOK_CONFLICT for a TOML/JSON lefthook config.
 */
export async function checkHooks(cwd: string, env: NodeJS.ProcessEnv): Promise<HookCheckResult> {
  const located = await locate(cwd)
  const { location, repo, gitHooksDir } = located
  const root = repo.root
  const notes: string[] = []
  const node = await which('node', env.PATH)
  const binary = (await isExecutable(join(root, PROOFGATE_BIN))) || (location.manager === 'husky' && (await which('proofgate', env.PATH)) !== undefined)
  const lefthookText = location.manager === 'lefthook' ? ((await readIfExists(location.file)) ?? '') : ''
  const lefthookBlocks = findLefthookBlocks(lefthookText)
  const hooks: HookCheck[] = []
  for (const hook of HOOK_NAMES) {
    const problems: string[] = []
    let installed: boolean
    let file: string
    if (location.manager === 'husky') {
      file = join(location.dir, hook)
      const text = await readIfExists(file)
      installed = text !== null && findHuskyBlock(text, hook) !== null
      if (installed) {
        const wiring = huskyWiringProblem(root, location.dir, location.hooksPath)
        if (wiring !== undefined) problems.push(wiring)
        const runner = join(location.dir, '_', hook)
        if (!existsSync(join(location.dir, '_', 'h')) || !(await isExecutable(runner))) {
          problems.push(`husky's ${join(location.dir, '_', 'h')} or an executable ${runner} is missing: run npx husky to regenerate .husky/_`)
        }
        if (!binary) problems.push(`${PROOFGATE_BIN} is missing, and husky runs proofgate from there: npm install -D proofgate`)
      }
    } else if (location.manager === 'lefthook') {
      file = location.file
      installed = lefthookBlocks.some((block) => block.hook === hook) || lefthookUserEntry(file, lefthookText, hook)
      if (installed) {
        const note = lefthookWiringNote(gitHooksDir, hook, await readIfExists(join(gitHooksDir, hook)))
        if (note !== undefined) problems.push(note)
        else if (!(await isExecutable(join(gitHooksDir, hook))))
          problems.push(`${join(gitHooksDir, hook)} is not executable, so git does not run it: run npx lefthook install`)
        if (!binary) problems.push(`${PROOFGATE_BIN} is missing, and lefthook runs proofgate from there: npm install -D proofgate`)
      }
    } else {
      file = join(location.dir, hook)
      const text = await readIfExists(file)
      installed = text !== null && isProofgateScript(text, hook)
      if (installed) {
        if (!(await isExecutable(file))) problems.push(`${file} is not executable, so git does not run it: chmod +x ${file} (or run proofgate install again)`)
        if (text !== (await shippedHook(hook))) notes.push(`${file} is an older copy of proofgate's ${hook} hook: run proofgate install ${hook} to update it`)
      }
    }
    if (!installed) {
      problems.push(`proofgate's ${hook} hook is not installed: run proofgate install ${hook}`)
    } else if (node === undefined) {
      const init =
        location.manager === 'husky' ? '~/.config/husky/init.sh' : location.manager === 'lefthook' ? 'your shell profile' : '~/.config/proofgate/init.sh'
      problems.push(`node is not on PATH (${env.PATH ?? ''}), so the ${hook} hook cannot run proofgate: set PATH up in ${init} (e.g. . "$HOME/.nvm/nvm.sh")`)
    }
    hooks.push({ hook, installed, working: installed && problems.length === 0, file, problems })
  }
  if ((location.manager === 'git' || location.manager === 'hooks-path') && hooks.some((h) => h.installed) && !binary) {
    notes.push(missingBinaryNote('git'))
  }
  const ok = hooks.some((h) => h.installed) && hooks.every((h) => !h.installed || h.working)
  return { manager: location.manager, ok, hooks, notes }
}

/** True when the user configured a `proofgate` command or job for `hook` themselves (no marker). */
function lefthookUserEntry(file: string, text: string, hook: HookName): boolean {
  try {
    return 'userEntry' in planLefthook(file, text, hook)
  } catch {
    return false
  }
}
