// The `test-mutation` gate: tests edited to fit the code across base..HEAD and the uncommitted
// work — expected values changed, matchers weakened, assertions deleted, tests disabled.
import { changelogDeclarations } from '../changes/changelog.js'
import { changesetDeclarations } from '../changes/changesets.js'
import { posix } from 'node:path'
import { readFileSync } from 'node:fs'
import { headRevision, listRangeCommits, readBlobs, type BlobRequest } from '../changes/history.js'
import type { ChangedFile } from '../changes/types.js'
import { analyseFile, type AnalyseOptions } from '../testing/analyse.js'
import type { TestDiscovery } from '../testing/discover.js'
import {
  detectTestMutation,
  identifiersOf,
  summariseTestFile,
  TEST_MUTATION_RULES,
  type FileSummary,
  type SnapshotPair,
  type TestFilePair,
} from '../testing/mutation.js'
import { pairChangedImplementation, type PairingRoot } from '../testing/pairing.js'
import { createImportClassifier, type ImportClassifier } from '../testing/resolve.js'
import { removedExports } from '../testing/module-exports.js'
import { analyseOptions, discoveryOf } from '../testing/scan.js'
import { loadTypeScript, type TypeScript } from '../testing/typescript.js'
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

/** The changed files the gate reads: test files, snapshot files, and the implementation (path → status; a rename's old path counts as deleted). */
interface RangeFiles {
  tests: ChangedFile[]
  snapshots: ChangedFile[]
  implementation: Map<string, ChangedFile['status']>
}

function classifyChanges(files: readonly ChangedFile[], isTest: (path: string | undefined) => boolean): RangeFiles {
  const out: RangeFiles = { tests: [], snapshots: [], implementation: new Map() }
  for (const file of files) {
    if (file.binary) continue
    if (SNAPSHOT.test(file.path) && (file.status === 'modified' || file.status === 'renamed')) out.snapshots.push(file)
    else if (isTest(file.path) || isTest(file.oldPath)) out.tests.push(file)
    else if (CODE.test(file.path) && !DECLARATION.test(file.path) && !isToolConfigPath(file.path)) {
      out.implementation.set(file.path, file.status)
      if (file.status === 'renamed' && file.oldPath !== undefined) out.implementation.set(file.oldPath, 'deleted')
    }
  }
  return out
}

/** Where each version the gate compares sits in one `git cat-file --batch` answer (-1: not asked). */
interface ReadPlan {
  requests: BlobRequest[]
  tests: Array<{ oldPath: string | undefined; newPath: string | undefined; oldSlot: number; newSlot: number }>
  snapshots: Array<{ file: ChangedFile; owner: string | undefined; oldSlot: number; newSlot: number; ownerSlot: number }>
  /** Both versions of the changed implementation, for the names the range removed from it. */
  implementation: Array<{ paths: string[]; oldSlot: number; newSlot: number }>
}

function planReads(ctx: GateContext, range: RangeFiles, isTest: (path: string | undefined) => boolean, headRev: string): ReadPlan {
  const { changes } = ctx
  const requests: BlobRequest[] = []
  const ask = (rev: string, path: string): number => requests.push({ rev, path }) - 1
  const tests = range.tests.map((f) => {
    const oldPath = f.status === 'added' || f.status === 'copied' ? undefined : (f.oldPath ?? f.path)
    const newPath = f.status === 'deleted' ? undefined : f.path
    return {
      oldPath: isTest(oldPath) ? oldPath : undefined,
      newPath: isTest(newPath) ? newPath : undefined,
      oldSlot: oldPath !== undefined && isTest(oldPath) ? ask(changes.base.sha, oldPath) : -1,
      newSlot: newPath !== undefined && isTest(newPath) ? ask(headRev, newPath) : -1,
    }
  })
  const snapshots = range.snapshots.map((f) => {
    const owner = snapshotOwner(f.path)
    return {
      file: f,
      owner,
      oldSlot: ask(changes.base.sha, f.oldPath ?? f.path),
      newSlot: ask(headRev, f.path),
      ownerSlot: owner === undefined ? -1 : ask(headRev, owner),
    }
  })
  const implementation = changes.files
    .filter((f) => range.implementation.has(f.path))
    .slice(0, MAX_IMPLEMENTATION_READS)
    .map((f) => ({
      paths: f.oldPath === undefined ? [f.path] : [f.path, f.oldPath],
      oldSlot: f.status === 'added' || f.status === 'copied' ? -1 : ask(changes.base.sha, f.oldPath ?? f.path),
      newSlot: f.status === 'deleted' ? -1 : ask(headRev, f.path),
    }))
  return { requests, tests, snapshots, implementation }
}

/** The test file pairs as the detector compares them, the roots pairing walks from, and how many versions did not parse. */
function summariseTestFiles(
  ts: TypeScript,
  options: AnalyseOptions,
  plan: ReadPlan,
  texts: ReadonlyArray<string | null>,
): { pairs: TestFilePair[]; roots: PairingRoot[]; unparsed: number } {
  let unparsed = 0
  const summarise = (path: string, text: string | null | undefined): FileSummary | undefined => {
    if (text === null || text === undefined) return undefined
    const summary = summariseTestFile(analyseFile(ts, path, text, options), text)
    if (!summary.parsed) unparsed++
    return summary
  }
  const pairs: TestFilePair[] = []
  const roots: PairingRoot[] = []
  for (const slot of plan.tests) {
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
  return { pairs, roots, unparsed }
}

/** The changed snapshot files with both versions; adds each one's test file to `roots` when it is not there yet. */
function snapshotPairs(plan: ReadPlan, texts: ReadonlyArray<string | null>, roots: PairingRoot[]): SnapshotPair[] {
  const snapshots: SnapshotPair[] = []
  for (const { file, owner, oldSlot, newSlot, ownerSlot } of plan.snapshots) {
    const oldText = texts[oldSlot]
    const newText = texts[newSlot]
    if (typeof oldText !== 'string' || typeof newText !== 'string') continue
    snapshots.push({ path: file.path, oldText, newText, ...(owner === undefined ? {} : { testPath: owner }) })
    const ownerText = texts[ownerSlot]
    if (owner !== undefined && typeof ownerText === 'string' && !roots.some((r) => r.path === owner)) roots.push({ path: owner, texts: [ownerText] })
  }
  return snapshots
}

/**
 * The names the range removed from the implementation. A name counts as removed when one changed
 * file lost it entirely (a field dropped from a type is still a common word elsewhere: `promise`
 * in TanStack query's removal of prefetchInRender); removed everywhere when no changed file keeps it.
 */
function removedNamesOf(ts: TypeScript, plan: ReadPlan, texts: ReadonlyArray<string | null>): { removedNames: Set<string>; removedEverywhere: Set<string> } {
  const removedNames = new Set<string>()
  const keptAnywhere = new Set<string>()
  for (const { oldSlot, newSlot } of plan.implementation) {
    const oldText = oldSlot >= 0 ? texts[oldSlot] : null
    const newText = newSlot >= 0 ? texts[newSlot] : null
    const kept = new Set(typeof newText === 'string' ? identifiersOf(ts, newText) : [])
    for (const name of kept) keptAnywhere.add(name)
    if (typeof oldText === 'string') for (const name of identifiersOf(ts, oldText)) if (!kept.has(name)) removedNames.add(name)
  }
  return { removedNames, removedEverywhere: new Set([...removedNames].filter((name) => !keptAnywhere.has(name))) }
}

/**
 * The exports the range removed from the module a test file's specifier names (module-exports.ts),
 * read on first use: only a deleted test asks, so most runs parse no implementation file.
 */
function removedExportsOf(ts: TypeScript, plan: ReadPlan, texts: ReadonlyArray<string | null>, classifier: ImportClassifier) {
  const slots = new Map(plan.implementation.flatMap((slot) => slot.paths.map((path) => [path, slot] as const)))
  const memo = new Map<string, ReadonlySet<string>>()
  const none: ReadonlySet<string> = new Set()
  return (testPath: string, specifier: string): ReadonlySet<string> => {
    const path = classifier.classify(testPath, specifier).resolved
    const slot = path === undefined ? undefined : slots.get(path)
    if (path === undefined || slot === undefined) return none
    let removed = memo.get(path)
    if (removed === undefined) {
      const text = (at: number): string | null => (at >= 0 ? (texts[at] ?? null) : null)
      removed = removedExports(ts, path, text(slot.oldSlot), text(slot.newSlot))
      memo.set(path, removed)
    }
    return removed
  }
}

/** Which changed implementation each test file (pairing root) reaches, through its imports or its name. */
async function pairRoots(ctx: GateContext, ts: TypeScript, discovery: TestDiscovery, range: RangeFiles, roots: readonly PairingRoot[], headRev: string) {
  const { changes } = ctx
  const deleted = [...range.implementation].filter(([, s]) => s === 'deleted').map(([p]) => p)
  const classifier = await createImportClassifier(ctx.root, [...new Set([...discovery.files, ...deleted])].sort())
  const paired = await pairChangedImplementation({
    ts,
    classifier,
    changed: range.implementation,
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
  return { paired, classifier }
}

/** Behaviour changes the range declares, by path: commit trailers, changesets and changelog entries added in the range. */
async function rangeDeclarations(ctx: GateContext, trailer: string) {
  const { changes } = ctx
  // Declared behaviour changes: trailers of the commits that touched each file.
  const commits = await listRangeCommits(ctx.root, changes.base.sha, changes.head.sha, trailer)
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
  return { commits, declared, changesetFiles }
}

async function runTestMutation(ctx: GateContext): Promise<GateOutcome> {
  const { changes, config } = ctx
  const settings = config.gates['test-mutation']
  const [ts, discovery] = await Promise.all([loadTypeScript(), discoveryOf(ctx)])
  const isTest = (path: string | undefined): boolean => path !== undefined && CODE.test(path) && discovery.isTestFile(path)
  const headRev = headRevision(changes)
  const range = classifyChanges(changes.files, isTest)
  if (range.tests.length === 0 && range.snapshots.length === 0) {
    return { status: 'skipped', reason: 'no test file or snapshot changed in the range', summary: 'no test file or snapshot changed' }
  }
  const plan = planReads(ctx, range, isTest, headRev)
  const texts = await readBlobs(ctx.root, plan.requests)
  ctx.signal.throwIfAborted()
  const options = analyseOptions(config.gates['mock-integrity']['assertion-functions'])
  const { pairs, roots, unparsed } = summariseTestFiles(ts, options, plan, texts)
  const snapshots = snapshotPairs(plan, texts, roots)
  const { removedNames, removedEverywhere } = removedNamesOf(ts, plan, texts)
  const { paired, classifier } = await pairRoots(ctx, ts, discovery, range, roots, headRev)
  ctx.log(`changed: ${range.tests.length} test file(s), ${range.snapshots.length} snapshot(s), ${range.implementation.size} implementation file(s)`)
  for (const { path } of range.tests) {
    const reached = paired.get(path) ?? []
    ctx.log(`pairing: ${path} → ${reached.length === 0 ? 'no changed implementation file it imports' : reached.join(', ')}`)
  }
  const { commits, declared, changesetFiles } = await rangeDeclarations(ctx, settings.trailer)
  const renamedTo = new Map(changes.files.filter((f) => f.oldPath !== undefined).map((f) => [f.path, f.oldPath!]))
  // A project deleted whole (its package.json and every file under it) takes its tests with it.
  const projects = await deletedProjects(changes.files, () => listTree(ctx.root, changes.treeHash, ctx.signal))
  const findings = detectTestMutation(pairs, snapshots, {
    pairedChanges: (path) => paired.get(path) ?? [],
    implementationChanged: range.implementation.size > 0,
    // A run-level declaration (a pull request label) covers every file of the range.
    declared: (path) => [...new Set([...(declared.get(path) ?? []), ...(declared.get(renamedTo.get(path) ?? '') ?? []), ...ctx.declarations])],
    minAssertions: settings['min-assertions'],
    trailer: settings.trailer,
    removedNames,
    removedEverywhere,
    removedExports: removedExportsOf(ts, plan, texts, classifier),
    deletedWithCode: (path) => {
      if (inDeletedProject(path, projects)) return true
      const reached = paired.get(path) ?? []
      return reached.length > 0 && reached.every((p) => range.implementation.get(p) === 'deleted')
    },
  })
  for (const f of findings) ctx.report(f)
  const declaredCount = commits.filter((c) => c.declared.length > 0).length
  return {
    summary: summaryOf(ctx, { pairs, snapshots, commits: commits.length, declaredCount, changesetFiles, unparsed, findings: findings.length }),
    data: {
      testFiles: pairs.length,
      snapshotFiles: snapshots.length,
      commits: commits.length,
      declared: declaredCount,
      implementationFiles: range.implementation.size,
      unparsed,
    },
  }
}

/** The gate's one-line summary: files and tests compared, commits, declarations, unparsed versions, findings. */
function summaryOf(
  ctx: GateContext,
  run: {
    pairs: readonly TestFilePair[]
    snapshots: readonly SnapshotPair[]
    commits: number
    declaredCount: number
    changesetFiles: readonly string[]
    unparsed: number
    findings: number
  },
): string {
  const { pairs, snapshots, commits, declaredCount, changesetFiles, unparsed } = run
  const oldTests = pairs.reduce((n, p) => n + (p.old?.tests.filter((t) => t.kind === 'test').length ?? 0), 0)
  const newTests = pairs.reduce((n, p) => n + (p.new?.tests.filter((t) => t.kind === 'test').length ?? 0), 0)
  return (
    `${plural(pairs.length, 'test file')} compared (${oldTests} → ${newTests} tests)` +
    `${snapshots.length > 0 ? `, ${plural(snapshots.length, 'snapshot file')}` : ''}` +
    ` over ${plural(commits, 'commit')}${ctx.changes.includesWorkingTree ? ' and the working tree' : ''}` +
    `${declaredCount > 0 ? ` (${declaredCount} declaring a behaviour change)` : ''}` +
    `${ctx.declarations.length > 0 ? `; behaviour change declared by ${ctx.declarations.join(', ')}` : ''}` +
    `${changesetFiles.length > 0 ? `; behaviour change declared by ${changesetFiles.join(', ')}` : ''}` +
    `${unparsed > 0 ? `, ${unparsed} version${unparsed === 1 ? '' : 's'} not parsed` : ''}: ${plural(run.findings, 'finding')}`
  )
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
