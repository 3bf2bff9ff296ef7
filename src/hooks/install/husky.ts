// husky: two lines at the end of .husky/<hook>, and husky's wiring into git (core.hooksPath
// `<dir>/_`, husky 9).
import { existsSync } from 'node:fs'
import { chmod, rm } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { readIfExists, writeTextAtomic } from '../../util/state.js'
import { assertHooksDirInside, assertNotLinked } from '../safe-path.js'
import { normaliseHooksPath, type Located } from './locate.js'
import { blockAt, eolOf, insertBlock, linesEqualTo, type Span } from './text.js'
import { HOOK_NAMES, missingBinaryNote, PROOFGATE_BIN, type HookChange, type HookName, type InstallResult } from './types.js'

const HUSKY_MARK = '# proofgate (added by proofgate install; proofgate uninstall removes these two lines)'

function huskyLines(hook: HookName): string[] {
  // husky 9 runs .husky/<hook> with `sh -e` and node_modules/.bin on PATH (husky's `h`).
  return [HUSKY_MARK, `proofgate hook ${hook} "$@"`]
}

export function findHuskyBlock(text: string, hook: HookName): Span | null {
  const eol = eolOf(text)
  for (const { offset, indent } of linesEqualTo(text, HUSKY_MARK)) {
    if (indent !== 0) continue
    const span = blockAt(text, offset, huskyLines(hook), eol)
    if (span !== null) return span
  }
  return null
}

/** The note when git does not go through husky: core.hooksPath must be `<husky dir>/_` (husky 9). */
export function huskyWiringProblem(root: string, dir: string, hooksPath: string | undefined): string | undefined {
  const want = `${relative(root, dir).split(sep).join('/')}/_`
  if (hooksPath !== undefined && normaliseHooksPath(root, hooksPath) === want) return undefined
  const now = hooksPath === undefined ? 'core.hooksPath is not set' : `core.hooksPath is '${hooksPath}', not '${want}'`
  return `${now}, so git does not run husky's hooks: run npx husky (or npm install, whose prepare script runs it) so git uses ${want}`
}

export async function installHusky(located: Located, dir: string, hooks: readonly HookName[]): Promise<InstallResult> {
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

export async function uninstallHusky(located: Located, dir: string): Promise<InstallResult> {
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
