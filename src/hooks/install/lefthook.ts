// lefthook: a `proofgate` command (or job) in lefthook.yml, inserted as text so the rest of the
// file keeps its bytes; its structure is read with yaml's node ranges.
import { existsSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml'
import { ProofgateError, type ConfigProblem } from '../../errors.js'
import { readIfExists, writeTextAtomic } from '../../util/state.js'
import { assertHooksDirInside, assertNotLinked } from '../safe-path.js'
import type { Located } from './locate.js'
import { blockAt, eolOf, insertBlock, linesEqualTo, type Span } from './text.js'
import { HOOK_NAMES, missingBinaryNote, PROOFGATE_BIN, type HookChange, type HookName, type InstallResult } from './types.js'

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
export function findLefthookBlocks(text: string): LefthookBlock[] {
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

export function lefthookWiringNote(hooksDir: string, hook: HookName, hookText: string | null): string | undefined {
  if (hookText !== null && /lefthook/i.test(hookText)) return undefined
  const file = join(hooksDir, hook)
  return `${file} ${hookText === null ? 'does not exist' : "is not lefthook's"}, so git does not run lefthook on ${hook}: run npx lefthook install`
}

export async function installLefthook(located: Located, file: string, hooks: readonly HookName[]): Promise<InstallResult> {
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

export async function uninstallLefthook(located: Located, file: string): Promise<InstallResult> {
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

/** True when the user configured a `proofgate` command or job for `hook` themselves (no marker). */
export function lefthookUserEntry(file: string, text: string, hook: HookName): boolean {
  try {
    return 'userEntry' in planLefthook(file, text, hook)
  } catch {
    return false
  }
}
