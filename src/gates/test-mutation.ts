// The `test-mutation` gate: tests edited to fit the code across base..HEAD and the uncommitted
// work — expected values changed, matchers weakened, assertions deleted, tests disabled.
import { changelogDeclarations } from '../changes/changelog.js'
import { changesetDeclarations } from '../changes/changesets.js'
import { posix } from 'node:path'
import { readFileSync } from 'node:fs'
import { headRevision, listRangeCommits, readBlobs, type BlobRequest } from '../changes/history.js'
import type { ChangedFile } from '../changes/types.js'
import { analyseFile } from '../testing/analyse.js'
import {
  detectTestMutation,
  identifiersOf,
  summariseTestFile,
  TEST_MUTATION_RULES,
  type FileSummary,
  type SnapshotPair,
  type TestFilePair,
} from '../testing/mutation.js'
import { pairChangedImplementation } from '../testing/pairing.js'
import { createImportClassifier } from '../testing/resolve.js'
import { analyseOptions, discoveryOf } from '../testing/scan.js'
import { loadTypeScript } from '../testing/typescript.js'
import { plural } from '../util/text.js'
import { deletedProjects, inDeletedProject } from '../integrity/deleted-projects.js'
import { listTree } from '../docs/git.js'
import type { Gate, GateContext, GateOutcome } from './types.js'
import { isToolConfigPath } from '../changes/paths.js'
import * as z from 'zod'

const CODE = /\.(?:[cm]?[jt]sx?)$/
const DECLARATION = /\.d\.[cm]?ts$/
const SNAPSHOT = /\.snap$/
/** Changed implementation files read for removed names; a range beyond it only loses that softening. */
const MAX_IMPLEMENTATION_READS = 2_000

/** `__snapshots__/x.test.ts.snap` → `x.test.ts` beside the `__snapshots__` directory. */
function snapshotOwner(path: string): string | undefined {
  const match = /^(.*?)(?:^|\/)__snapshots__\/([^/]+)\.snap$/.exec(path)
  if (match === null) return undefined
  return match[1] === '' ? match[2] : `${match[1]}/${match[2]}`
}

async function runTestMutation(ctx: GateContext): Promise<GateOutcome> {
  const { changes, config } = ctx
  const settings = config.gates['test-mutation']
  const [ts, discovery] = await Promise.all([loadTypeScript(), discoveryOf(ctx)])
  const isTest = (path: string | undefined): boolean => path !== undefined && CODE.test(path) && discovery.isTestFile(path)
  const headRev = headRevision(changes)

  const testChanges: ChangedFile[] = []
  const snapshotChanges: ChangedFile[] = []
  const implementation = new Map<string, ChangedFile['status']>()
  for (const file of changes.files) {
    if (file.binary) continue
    if (SNAPSHOT.test(file.path) && (file.status === 'modified' || file.status === 'renamed')) snapshotChanges.push(file)
    else if (isTest(file.path) || isTest(file.oldPath)) testChanges.push(file)
    else if (CODE.test(file.path) && !DECLARATION.test(file.path) && !isToolConfigPath(file.path)) {
      implementation.set(file.path, file.status)
      if (file.status === 'renamed' && file.oldPath !== undefined) implementation.set(file.oldPath, 'deleted')
    }
  }
  if (testChanges.length === 0 && snapshotChanges.length === 0) {
    return { status: 'skipped', reason: 'no test file or snapshot changed in the range', summary: 'no test file or snapshot changed' }
  }

  // Every version the gate compares, in one `git cat-file --batch`.
  const requests: BlobRequest[] = []
  const ask = (rev: string, path: string): number => requests.push({ rev, path }) - 1
  const slots = testChanges.map((f) => {
    const oldPath = f.status === 'added' || f.status === 'copied' ? undefined : (f.oldPath ?? f.path)
    const newPath = f.status === 'deleted' ? undefined : f.path
    return {
      oldPath: isTest(oldPath) ? oldPath : undefined,
      newPath: isTest(newPath) ? newPath : undefined,
      oldSlot: oldPath !== undefined && isTest(oldPath) ? ask(changes.base.sha, oldPath) : -1,
      newSlot: newPath !== undefined && isTest(newPath) ? ask(headRev, newPath) : -1,
    }
  })
  const snapshotSlots = snapshotChanges.map((f) => {
    const owner = snapshotOwner(f.path)
    return {
      file: f,
      owner,
      oldSlot: ask(changes.base.sha, f.oldPath ?? f.path),
      newSlot: ask(headRev, f.path),
      ownerSlot: owner === undefined ? -1 : ask(headRev, owner),
    }
  })
  // Both versions of the changed implementation, for the names the range removed from it.
  const implementationSlots = changes.files
    .filter((f) => implementation.has(f.path))
    .slice(0, MAX_IMPLEMENTATION_READS)
    .map((f) => ({
      oldSlot: f.status === 'added' || f.status === 'copied' ? -1 : ask(changes.base.sha, f.oldPath ?? f.path),
      newSlot: f.status === 'deleted' ? -1 : ask(headRev, f.path),
    }))
  const texts = await readBlobs(ctx.root, requests)
  ctx.signal.throwIfAborted()

  const options = analyseOptions(config.gates['mock-integrity']['assertion-functions'])
  let unparsed = 0
  const summarise = (path: string, text: string | null | undefined): FileSummary | undefined => {
    if (text === null || text === undefined) return undefined
    const summary = summariseTestFile(analyseFile(ts, path, text, options), text)
    if (!summary.parsed) unparsed++
    return summary
  }
  const pairs: TestFilePair[] = []
  const roots: Array<{ path: string; texts: string[] }> = []
  for (const slot of slots) {
    const oldText = slot.oldSlot >= 0 ? texts[slot.oldSlot] : null
    const newText = slot.newSlot >= 0 ? texts[slot.newSlot] : null
    const pair: TestFilePair = {}
    const old = slot.oldPath === undefined ? undefined : summarise(slot.oldPath, oldText)
    const fresh = slot.newPath === undefined ? undefined : summarise(slot.newPath, newText)
    // A version that does not parse is compared as absent: its tests would all look deleted.
    if (old !== undefined && old.parsed && fresh?.parsed !== false) {
      pair.oldPath = slot.oldPath!
      pair.old = old
    }
    if (fresh !== undefined && fresh.parsed) {
      pair.newPath = slot.newPath!
      pair.new = fresh
    }
    if (pair.old === undefined && pair.new === undefined) continue
    pairs.push(pair)
    roots.push({ path: pair.newPath ?? pair.oldPath!, texts: [newText, oldText].filter((t): t is string => typeof t === 'string') })
  }
  const snapshots: SnapshotPair[] = []
  for (const { file, owner, oldSlot, newSlot, ownerSlot } of snapshotSlots) {
    const oldText = texts[oldSlot]
    const newText = texts[newSlot]
    if (typeof oldText !== 'string' || typeof newText !== 'string') continue
    snapshots.push({ path: file.path, oldText, newText, ...(owner === undefined ? {} : { testPath: owner }) })
    const ownerText = texts[ownerSlot]
    if (owner !== undefined && typeof ownerText === 'string' && !roots.some((r) => r.path === owner)) roots.push({ path: owner, texts: [ownerText] })
  }

  // A name counts as removed when one changed file lost it entirely (a field dropped from a type
  // is still a common word elsewhere: `promise` in TanStack query's removal of prefetchInRender).
  const removedNames = new Set<string>()
  const keptAnywhere = new Set<string>()
  for (const { oldSlot, newSlot } of implementationSlots) {
    const oldText = oldSlot >= 0 ? texts[oldSlot] : null
    const newText = newSlot >= 0 ? texts[newSlot] : null
    const kept = new Set(typeof newText === 'string' ? identifiersOf(ts, newText) : [])
    for (const name of kept) keptAnywhere.add(name)
    if (typeof oldText === 'string') for (const name of identifiersOf(ts, oldText)) if (!kept.has(name)) removedNames.add(name)
  }
  const removedEverywhere = new Set([...removedNames].filter((name) => !keptAnywhere.has(name)))

  // Pairing: which changed implementation each test file reaches.
  const deleted = [...implementation].filter(([, s]) => s === 'deleted').map(([p]) => p)
  const classifier = await createImportClassifier(ctx.root, [...new Set([...discovery.files, ...deleted])].sort())
  const paired = await pairChangedImplementation({
    ts,
    classifier,
    changed: implementation,
    roots,
    read: async (paths) =>
      changes.includesWorkingTree
        ? paths.map((p) => readWorkingTree(ctx.root, p))
        : readBlobs(
            ctx.root,
            paths.map((path) => ({ rev: headRev, path })),
          ),
  })
  ctx.signal.throwIfAborted()

  // Declared behaviour changes: trailers of the commits that touched each file.
  const commits = await listRangeCommits(ctx.root, changes.base.sha, changes.head.sha, settings.trailer)
  const declared = new Map<string, string[]>()
  for (const commit of commits) {
    if (commit.declared.length === 0) continue
    const reason = `${commit.declared.join('; ')} (${commit.sha.slice(0, 7)})`
    for (const f of commit.files) for (const p of [f.path, f.oldPath]) if (p !== undefined) declared.set(p, [...(declared.get(p) ?? []), reason])
  }
  // A changeset added in the range declares the change of the packages it names.
  const changesets = await changesetDeclarations(ctx.root, changes)
  for (const [p, reasons] of changesets) declared.set(p, [...(declared.get(p) ?? []), ...reasons])
  // So does an entry added to a hand-written changelog (History.md, CHANGELOG.md) that covers them.
  const changelog = await changelogDeclarations(ctx.root, changes)
  for (const [p, reasons] of changelog.declared) declared.set(p, [...(declared.get(p) ?? []), ...reasons])
  const changesetFiles = [...new Set([...[...changesets.values()].flat().map((r) => r.split(' ')[1]!), ...changelog.changelogs.map((c) => c.path)])].sort()
  const renamedTo = new Map(changes.files.filter((f) => f.oldPath !== undefined).map((f) => [f.path, f.oldPath!]))

  // A project deleted whole (its package.json and every file under it) takes its tests with it.
  const projects = await deletedProjects(changes.files, () => listTree(ctx.root, changes.treeHash, ctx.signal))
  const findings = detectTestMutation(pairs, snapshots, {
    pairedChanges: (path) => paired.get(path) ?? [],
    implementationChanged: implementation.size > 0,
    // A run-level declaration (a pull request label) covers every file of the range.
    declared: (path) => [...new Set([...(declared.get(path) ?? []), ...(declared.get(renamedTo.get(path) ?? '') ?? []), ...ctx.declarations])],
    minAssertions: settings['min-assertions'],
    trailer: settings.trailer,
    removedNames,
    removedEverywhere,
    deletedWithCode: (path) => {
      if (inDeletedProject(path, projects)) return true
      const reached = paired.get(path) ?? []
      return reached.length > 0 && reached.every((p) => implementation.get(p) === 'deleted')
    },
  })
  for (const f of findings) ctx.report(f)
  const oldTests = pairs.reduce((n, p) => n + (p.old?.tests.filter((t) => t.kind === 'test').length ?? 0), 0)
  const newTests = pairs.reduce((n, p) => n + (p.new?.tests.filter((t) => t.kind === 'test').length ?? 0), 0)
  const declaredCount = commits.filter((c) => c.declared.length > 0).length
  return {
    summary:
      `${plural(pairs.length, 'test file')} compared (${oldTests} → ${newTests} tests)` +
      `${snapshots.length > 0 ? `, ${plural(snapshots.length, 'snapshot file')}` : ''}` +
      ` over ${plural(commits.length, 'commit')}${changes.includesWorkingTree ? ' and the working tree' : ''}` +
      `${declaredCount > 0 ? ` (${declaredCount} declaring a behaviour change)` : ''}` +
      `${ctx.declarations.length > 0 ? `; behaviour change declared by ${ctx.declarations.join(', ')}` : ''}` +
      `${changesetFiles.length > 0 ? `; behaviour change declared by ${changesetFiles.join(', ')}` : ''}` +
      `${unparsed > 0 ? `, ${unparsed} version${unparsed === 1 ? '' : 's'} not parsed` : ''}: ${plural(findings.length, 'finding')}`,
    data: {
      testFiles: pairs.length,
      snapshotFiles: snapshots.length,
      commits: commits.length,
      declared: declaredCount,
      implementationFiles: implementation.size,
      unparsed,
    },
  }
}

/** A file of the working tree; null when absent. Synchronous: hundreds of small source files, read once each. */
function readWorkingTree(root: string, path: string): string | null {
  try {
    return readFileSync(posix.join(root, path), 'utf8')
  } catch {
    return null
  }
}

/** `gates.test-mutation` keys besides mode and timeout. */
const TEST_MUTATION_OPTIONS = {
  trailer: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'expected a git trailer key: letters, digits and dashes')
    .default('Behavior-Change')
    .describe(
      "Commit trailer that declares a behaviour change (`Behavior-Change: <why>`): the commit's expected-value-changed, assertion-deleted and snapshot-rewritten findings drop to medium",
    ),
  'min-assertions': z
    .number()
    .int()
    .min(0)
    .default(1)
    .describe(
      'low-assertion-density: assertions that check a value (not toBeDefined/toBeTruthy/not.toThrow) each test added in the range must have, following helpers',
    ),
}

/**
 * The `test-mutation` gate: compares the base and head versions of each changed test file and
 * snapshot, pairs them with the implementation they reach, and reports tests edited to fit the
 * code. A declared behaviour change (a commit trailer, `gates.test-mutation.trailer`, or a pull
 * request label) lowers the implementation-tied findings to medium. Not diff-filtered.
 */
export const testMutationGate: Gate<'test-mutation', typeof TEST_MUTATION_OPTIONS> = {
  id: 'test-mutation',
  meta: {
    description:
      'Tests edited to fit the code across the range: expected values changed, matchers weakened, assertions deleted, tests disabled or swallowed, snapshots rewritten',
    defaultMode: 'blocking',
    defaultTimeout: 300,
    options: TEST_MUTATION_OPTIONS,
    preCommit: true,
    rules: TEST_MUTATION_RULES,
    // A deleted assertion has no added line; the findings are facts about the range.
    diffFiltered: false,
  },
  warmUp() {
    void loadTypeScript().catch(() => undefined)
  },
  appliesTo(changes) {
    return changes.files.some((f) => !f.binary && (CODE.test(f.path) || SNAPSHOT.test(f.path)))
      ? true
      : { applies: false, reason: 'no code or snapshot file changed' }
  },
  run: runTestMutation,
}
