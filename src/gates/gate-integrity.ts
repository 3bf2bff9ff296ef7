// The `gate-integrity` gate: changes in base..head that loosen the checks themselves — proofgate's
// config, waivers and counter-evidence, suppression comments, test-runner and lint settings, hooks and CI steps.
import { readlink } from 'node:fs/promises'
import { join, posix } from 'node:path'
import { treeEntryKinds, type TreeEntryKind } from '../changes/entries.js'
import { CHECKLIST_FILE, HELD_OUT_FILE } from '../checklist/load.js'
import { compareChecklist, type ChecklistVersions } from '../integrity/checklist.js'
import { headRevision, readBlobs, type BlobRequest } from '../changes/history.js'
import type { ChangedFile } from '../changes/types.js'
import { CONFIG_FILE_NAMES, COUNTER_EVIDENCE_FILE, WAIVERS_FILE } from '../config/files.js'
import { listTree } from '../docs/git.js'
import { compareAttributes, isAttributesPath } from '../integrity/attributes.js'
import { deletedProjects, inDeletedProject } from '../integrity/deleted-projects.js'
import { compareHooks, hookKind } from '../integrity/hooks.js'
// Types only (erased): the module itself is loaded in run(), see there.
import type { compareProofgateConfig } from '../integrity/proofgate-config.js'
import type { OutputFacts } from '../integrity/build-output.js'
import { compareLintConfigs, lintConfigKind, type FileVersions } from '../integrity/lint-config.js'
import { directoryHadTests, staysInItsDirectory } from '../integrity/new-project.js'
import { compareRunnerConfig, runnerConfigKind } from '../integrity/runner-config.js'
import { compareSuppressions, isSuppressionPath, removedSuppressions } from '../integrity/suppressions.js'
import { symlinkFinding, type SymlinkFacts } from '../integrity/symlinks.js'
import { inheritedCompilerOptions } from '../integrity/tsconfig-extends.js'
import { GATE_INTEGRITY_RULES, integrityFinding, type IntegrityFinding } from '../integrity/types.js'
import { repositoryScripts } from '../review/trust.js'
import type { TestDiscovery } from '../testing/discover.js'
import { discoveryOf } from '../testing/scan.js'
import { loadTypeScript } from '../testing/typescript.js'
import { readRealFile, type RealFileRead } from '../util/real-file.js'
import type { Gate, GateContext, GateOutcome } from './types.js'

type Kind = 'config' | 'suppressions' | 'runner' | 'lint' | 'hooks' | 'attributes'

const KINDS: Record<Kind, (path: string) => boolean> = {
  config: (path) => (CONFIG_FILE_NAMES as readonly string[]).includes(path),
  suppressions: isSuppressionPath,
  runner: (path) => runnerConfigKind(path) !== undefined,
  lint: (path) => lintConfigKind(path) !== undefined,
  hooks: (path) => hookKind(path) !== undefined,
  attributes: isAttributesPath,
}

/**
 * The committed files under `.proofgate/` that can loosen the gate once merged: outside the change
 * set (git snapshots leave `.proofgate/` out), so both versions are read here.
 */
const STATE_FILES = [
  { file: WAIVERS_FILE, what: 'waivers' },
  { file: COUNTER_EVIDENCE_FILE, what: 'counter-evidence' },
] as const

/** One of {@link STATE_FILES}, read at both ends. */
interface StateFileVersions {
  file: (typeof STATE_FILES)[number]['file']
  what: (typeof STATE_FILES)[number]['what']
  old: string | null
  next: string | null
  link: SymlinkFacts | null
  changed: boolean
}

/** The proofgate files whose git mode matters: a symbolic link there is never followed. */
const LINK_CHECKED = [...CONFIG_FILE_NAMES, ...STATE_FILES.map((s) => s.file)]

interface Links {
  base: Map<string, TreeEntryKind>
  head: Map<string, TreeEntryKind>
}

/** What the proofgate config and waivers paths are at the base and in the tree under test (two `git ls-tree`). */
async function linksOf(root: string, base: string, head: string): Promise<Links> {
  const at = async (rev: string): Promise<Map<string, TreeEntryKind>> => {
    const kinds = await treeEntryKinds(root, rev, LINK_CHECKED)
    return new Map(LINK_CHECKED.map((path, i) => [path, kinds[i]!]))
  }
  const [b, h] = await Promise.all([at(base), at(head)])
  return { base: b, head: h }
}

/**
 * The base and head texts of a state file (waivers, counter-evidence), a symlink counting as no
 * file; `link` is set when the version under test has a symlink there and the base did not (the
 * critical finding). `head` is what the disk holds (a run with the work tree) or the tree's blob.
 */
async function stateFileVersions(
  root: string,
  links: Links,
  file: string,
  oldText: string | null,
  head: RealFileRead | { kind: 'blob'; text: string | null },
): Promise<{ old: string | null; next: string | null; link: SymlinkFacts | null }> {
  const linkedBefore = links.base.get(file)?.kind === 'symlink'
  const old = linkedBefore ? null : oldText
  const headLink = head.kind === 'blob' ? links.head.get(file) : head
  if (headLink?.kind === 'symlink') {
    const target = headLink.via !== undefined ? null : head.kind === 'blob' ? head.text : await readlink(join(root, file)).catch(() => null)
    return { old, next: null, link: linkedBefore ? null : { target, via: headLink.via, hadFile: old !== null } }
  }
  const next = head.kind === 'blob' || head.kind === 'file' ? head.text : null
  return { old, next, link: null }
}

const LABELS: Record<Kind, string> = {
  config: 'proofgate config',
  suppressions: 'source file',
  runner: 'runner config',
  lint: 'lint config',
  hooks: 'hook file',
  attributes: '.gitattributes file',
}

/** A lint config's two versions, with the path of the old one (a rename moves what `extends` is relative to). */
type LintVersions = FileVersions & { oldPath: string }

/**
 * What the lint comparison reads besides the files themselves: each tsconfig's `extends` chain,
 * the old one from the base tree and the new one from the tree under test; and, when an ESLint
 * config changed, the tree's files and the `.gitignore` files above those configs (to tell build
 * output from code). One `git cat-file` per file read.
 */
async function lintInputs(
  root: string,
  revs: { base: string; head: string },
  lint: readonly LintVersions[],
  treeFiles: () => Promise<string[]>,
): Promise<{ files: FileVersions[]; output: OutputFacts | undefined }> {
  const ts = await loadTypeScript()
  const cache = new Map<string, Promise<string | null>>()
  const reader =
    (rev: string) =>
    (path: string): Promise<string | null> => {
      const key = `${rev}\0${path}`
      if (!cache.has(key))
        cache.set(
          key,
          readBlobs(root, [{ rev, path }]).then((b) => b[0] ?? null),
        )
      return cache.get(key)!
    }
  const files = await Promise.all(
    lint.map(async ({ oldPath, ...file }): Promise<FileVersions> => {
      if (lintConfigKind(file.path) !== 'tsconfig') return file
      return {
        ...file,
        oldInherited: file.oldText === null ? undefined : await inheritedCompilerOptions(ts, oldPath, file.oldText, reader(revs.base)),
        newInherited: file.newText === null ? undefined : await inheritedCompilerOptions(ts, file.path, file.newText, reader(revs.head)),
      }
    }),
  )
  const eslintDirs = lint.filter((f) => f.newText !== null && lintConfigKind(f.path) !== 'tsconfig').map((f) => posix.dirname(f.path))
  if (eslintDirs.length === 0) return { files, output: undefined }
  const tree = await treeFiles()
  // The .gitignore files of each config's directory and its ancestors: those that can ignore what its patterns name.
  const within = (dir: string, of: string): boolean => dir === '.' || of === dir || of.startsWith(`${dir}/`)
  const ignoreFiles = tree.filter((p) => posix.basename(p) === '.gitignore' && eslintDirs.some((d) => within(posix.dirname(p), d)))
  const texts = await Promise.all(ignoreFiles.map((p) => reader(revs.head)(p)))
  const gitignores = new Map(ignoreFiles.map((p, i) => [posix.dirname(p) === '.' ? '' : posix.dirname(p), texts[i] ?? '']))
  return { files, output: { files: tree, gitignores } }
}

/** One file compared as one kind; a rename into or out of a kind compares with absent. */
interface Comparison {
  kind: Kind
  file: ChangedFile
  /** The path findings are reported on: the new path, or the old one when the file left the kind. */
  path: string
  old: number | undefined
  next: number | undefined
}

/** A blob to read: `ask` queues one and returns its index in the batch. */
type Ask = (rev: string, path: string) => number

/**
 * Which changed files to compare, as which kinds: each text file of the change set once per kind
 * it was or is (a rename into or out of a kind compares with absent), skipping files of a project
 * deleted whole. Queues their base and head blobs through `ask`.
 */
function planComparisons(files: readonly ChangedFile[], projects: readonly string[], revs: { base: string; head: string }, ask: Ask): Comparison[] {
  const comparisons: Comparison[] = []
  for (const file of files) {
    if (file.binary) continue
    if (file.status === 'deleted' && inDeletedProject(file.path, projects)) continue
    const oldPath = file.oldPath ?? file.path
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const matches = KINDS[kind]
      // A copy's source still exists unchanged: the copy is new.
      const hadOld = file.status !== 'added' && file.status !== 'copied' && matches(oldPath)
      const hasNew = file.status !== 'deleted' && matches(file.path)
      if (!hadOld && !hasNew) continue
      comparisons.push({
        kind,
        file,
        path: hasNew ? file.path : oldPath,
        old: hadOld ? ask(revs.base, oldPath) : undefined,
        next: hasNew ? ask(revs.head, file.path) : undefined,
      })
    }
  }
  return comparisons
}

/** The texts the comparisons read, the git modes of proofgate's files, and both versions of the state files. */
interface Inputs {
  /** The text of a queued blob; null when absent or not text, or when nothing was queued. */
  text: (index: number | undefined) => string | null
  links: Links
  /** In {@link STATE_FILES} order: the waivers, then the counter-evidence. */
  stateFiles: StateFileVersions[]
}

/**
 * Reads the queued blobs in one batch, with both versions of each state file (the head one from
 * disk when the run includes the work tree), and the git modes of proofgate's files when they matter.
 */
async function readInputs(ctx: GateContext, head: string, requests: BlobRequest[], comparisons: readonly Comparison[], ask: Ask): Promise<Inputs> {
  const { changes, root } = ctx
  // `.proofgate/` is outside the change set and the tree snapshot: the head version is on disk.
  const asked = STATE_FILES.map((s) => ({
    ...s,
    old: ask(changes.base.sha, s.file),
    head: changes.includesWorkingTree ? undefined : ask(changes.treeHash, s.file),
  }))
  const [blobs, ...onDisk] = await Promise.all([
    readBlobs(root, requests),
    ...asked.map((s) => (s.head === undefined ? readRealFile(root, join(root, s.file)) : Promise.resolve(null))),
  ])
  const text = (index: number | undefined): string | null => (index === undefined ? null : (blobs[index] ?? null))
  // The git modes matter only where a config file is compared or a state file differs: the same
  // text at both ends (most often none at all) loosens nothing, whatever the modes.
  const headText = (i: number): string | null => {
    const disk = onDisk[i] ?? null
    return asked[i]!.head === undefined ? (disk !== null && 'text' in disk ? disk.text : null) : text(asked[i]!.head)
  }
  const modesMatter = comparisons.some((c) => c.kind === 'config') || asked.some((s, i) => text(s.old) !== headText(i) || onDisk[i]?.kind === 'symlink')
  const links: Links = modesMatter ? await linksOf(root, changes.base.sha, head) : { base: new Map(), head: new Map() }
  const stateFiles = await Promise.all(
    asked.map(async (s, i) => {
      const headRead = s.head === undefined ? (onDisk[i] ?? { kind: 'missing' as const }) : { kind: 'blob' as const, text: text(s.head) }
      const v = await stateFileVersions(root, links, s.file, text(s.old), headRead)
      return { file: s.file, what: s.what, ...v, changed: v.old !== v.next || v.link !== null }
    }),
  )
  return { text, links, stateFiles }
}

/** Where each comparison's findings go, and the lazily read facts several comparisons share. */
interface CompareState {
  ctx: GateContext
  head: string
  add: (path: string, findings: readonly IntegrityFinding[]) => void
  lint: LintVersions[]
  /** Suppressions removed from the change's files, by key: one that reappears in another file moved. */
  movedFrom: Map<string, number>
  discover: () => Promise<TestDiscovery>
  treeFiles: () => Promise<string[]>
  baseFiles: () => Promise<string[]>
  compareProofgateConfig: typeof compareProofgateConfig
}

/**
 * Compares one file of one kind whose text changed; lint configs are only collected (compared
 * together after). `next` is null for a config that is now a symbolic link, whose blob (its
 * target) is `linkBlob`.
 */
async function compareOne(
  st: CompareState,
  c: Comparison,
  versions: { prev: string | null; next: string | null; linkNow: TreeEntryKind | undefined; linkBlob: string | null },
): Promise<void> {
  const { prev, next, linkNow } = versions
  switch (c.kind) {
    case 'config':
      if (linkNow?.kind === 'symlink') {
        st.add(c.path, [
          symlinkFinding(c.path, 'configuration', { target: linkNow.via === undefined ? versions.linkBlob : null, via: linkNow.via, hadFile: prev !== null }),
        ])
        st.add(c.path, st.compareProofgateConfig(prev, null, c.path, 'symlink'))
      } else st.add(c.path, st.compareProofgateConfig(prev, next, c.path))
      break
    case 'suppressions': {
      // TypeScript loads once per process (warmUp started it); only these kinds need it.
      const ts = await loadTypeScript()
      const pool = new Map(st.movedFrom)
      const plain = compareSuppressions(ts, c.path, prev, next, { addedLines: c.file.addedLines, testFile: false, movedFrom: pool })
      // Test discovery reads the runner configs: paid only when a suppression was added.
      const testFile = plain.length > 0 && (await st.discover()).isTestFile(c.path)
      st.add(c.path, testFile ? compareSuppressions(ts, c.path, prev, next, { addedLines: c.file.addedLines, testFile, movedFrom: st.movedFrom }) : plain)
      if (!testFile) for (const [key, n] of pool) st.movedFrom.set(key, n)
      break
    }
    case 'runner': {
      // The files of the version under test (not the disk: `--head` and the pre-push hook judge a commit).
      const ts = await loadTypeScript()
      const files = await st.treeFiles()
      const findings = compareRunnerConfig(ts, c.path, prev, next, files)
      const fresh = prev === null && findings.length > 0 && next !== null && staysInItsDirectory(next) && !directoryHadTests(c.path, await st.baseFiles())
      st.add(c.path, fresh ? compareRunnerConfig(ts, c.path, prev, next, files, { newProject: true }) : findings)
      break
    }
    case 'lint':
      // Compared together after the loop: settings may move between the files of a directory.
      st.lint.push({ path: c.path, oldPath: c.file.oldPath ?? c.file.path, oldText: prev, newText: next })
      break
    case 'hooks':
      st.add(c.path, compareHooks(c.path, prev, next))
      break
    case 'attributes':
      // The tree's files are listed only when an attributes file changed.
      st.add(c.path, compareAttributes(prev, next, c.path, await st.treeFiles()))
      break
  }
}

/** Compares every planned file whose text changed (a link counting as no file) and the lint configs together; returns how many of each kind. */
async function compareAll(st: CompareState, comparisons: readonly Comparison[], inputs: Inputs): Promise<Record<Kind, number>> {
  const { text, links } = inputs
  const counts: Record<Kind, number> = { config: 0, suppressions: 0, runner: 0, lint: 0, hooks: 0, attributes: 0 }
  const suppressionFiles = comparisons.filter((c) => c.kind === 'suppressions')
  if (suppressionFiles.length > 1) {
    const ts = await loadTypeScript()
    for (const c of suppressionFiles) removedSuppressions(ts, c.path, text(c.old), text(c.next), st.movedFrom)
  }
  for (const c of comparisons) {
    // A link's blob is its target path, never the config: a link counts as no file at all.
    const linkedBefore = c.kind === 'config' && c.old !== undefined && links.base.get(c.file.oldPath ?? c.file.path)?.kind === 'symlink'
    const linkNow = c.kind === 'config' && c.next !== undefined ? links.head.get(c.path) : undefined
    const prev = linkedBefore ? null : text(c.old)
    const next = linkNow?.kind === 'symlink' ? null : text(c.next)
    if (prev === next && linkNow?.kind !== 'symlink') continue
    counts[c.kind]++
    await compareOne(st, c, { prev, next, linkNow, linkBlob: text(c.next) })
  }
  if (st.lint.length > 0) {
    const { ctx, head } = st
    const { files, output } = await lintInputs(ctx.root, { base: ctx.changes.base.sha, head }, st.lint, st.treeFiles)
    for (const { path, ...finding } of compareLintConfigs(await loadTypeScript(), files, output)) st.add(path, [finding])
  }
  return counts
}

/**
 * Queues the base's checklist and reservation (and the head's, from git, when the run does not
 * include the work tree) in the gate's one blob batch, so a repository without a checklist pays
 * no extra git process; returns how to read both versions once the batch is read (the work
 * tree's from disk, links never followed).
 */
function queueChecklist(ctx: GateContext, ask: Ask): (text: (index: number | undefined) => string | null) => Promise<ChecklistVersions> {
  const { changes, root } = ctx
  const base = [ask(changes.base.sha, CHECKLIST_FILE), ask(changes.base.sha, HELD_OUT_FILE)]
  const head = changes.includesWorkingTree ? null : [ask(changes.treeHash, CHECKLIST_FILE), ask(changes.treeHash, HELD_OUT_FILE)]
  const onDisk = async (path: string): Promise<string | null> => {
    const read = await readRealFile(root, join(root, path))
    return read.kind === 'file' ? read.text : null
  }
  return async (text) => {
    const [checklistNext, reservationNext] = head === null ? await Promise.all([onDisk(CHECKLIST_FILE), onDisk(HELD_OUT_FILE)]) : head.map(text)
    return {
      checklist: { old: text(base[0]), next: checklistNext ?? null },
      reservation: { old: text(base[1]), next: reservationNext ?? null },
    }
  }
}

/**
 * The review's own inputs that the change touches: the base config's `review.prompt` file, and the
 * repository scripts a reviewer, the devil's advocate or a judge runs by path (review/trust.ts).
 * Reviewers read the base's prompt (review/prompt.ts), but later runs would read the new text; a
 * script runs as the change has it, so that review already used the change's reviewer. Each is
 * critical and needs approval, like every loosening of proofgate's own inputs.
 */
function reviewInputChanges(ctx: GateContext): Array<{ path: string; finding: IntegrityFinding }> {
  const review = ctx.config.review
  const changeOf = (path: string): string | null => {
    const file = ctx.changes.files.find((f) => f.path === path || f.oldPath === path)
    if (file === undefined) return null
    return file.status === 'deleted' ? 'deleted' : file.path !== path ? `moved to ${file.path}` : file.status === 'added' ? 'added' : 'edited'
  }
  const help = 'revert the edit, or have a reviewer approve the pull request (an owner, member or collaborator other than its author, on its head commit)'
  const out: Array<{ path: string; finding: IntegrityFinding }> = []
  const promptHow = review.prompt === undefined ? null : changeOf(review.prompt)
  if (review.prompt !== undefined && promptHow !== null)
    out.push({
      path: review.prompt,
      finding: integrityFinding('config-weakened', 'reviewPromptChanged', { file: review.prompt, how: promptHow }, { severity: 'critical', help }),
    })
  const commands = [
    ...review.reviewers.map((r) => ({ who: 'reviewer', r })),
    ...(review['devils-advocate'] === undefined ? [] : [{ who: "devil's advocate", r: review['devils-advocate'] }]),
    ...(review.judges ?? []).map((r) => ({ who: 'judge', r })),
  ]
  for (const { who, r } of commands)
    for (const file of repositoryScripts(r.run)) {
      const how = changeOf(file)
      if (how !== null)
        out.push({
          path: file,
          finding: integrityFinding('config-weakened', 'reviewerScriptChanged', { who, name: r.name, file, how }, { severity: 'critical', help }),
        })
    }
  return out
}

/** The gate's run: plan the comparisons, read both versions, compare, report in order. */
async function runGateIntegrity(ctx: GateContext): Promise<GateOutcome> {
  const { changes, root } = ctx
  const requests: BlobRequest[] = []
  const ask: Ask = (rev, path) => requests.push({ rev, path }) - 1
  const head = headRevision(changes)
  // A project deleted whole (its package.json with all its code and tests) takes its test and lint settings with it.
  const projects = await deletedProjects(changes.files, () => listTree(root, changes.treeHash, ctx.signal))
  const comparisons = planComparisons(changes.files, projects, { base: changes.base.sha, head }, ask)
  const checklistVersions = queueChecklist(ctx, ask)
  const inputs = await readInputs(ctx, head, requests, comparisons, ask)
  const { stateFiles } = inputs
  const [waivers, counterEvidence] = stateFiles as [StateFileVersions, StateFileVersions]
  const stateChanged = stateFiles.some((s) => s.changed)
  // `.proofgate/` is outside the change set: the checklist and its reservation are compared here, whatever changed.
  const checklist = compareChecklist(await checklistVersions(inputs.text))
  const checklistChanged = checklist.length > 0

  const reviewInputs = reviewInputChanges(ctx)

  const removed = projects.length === 0 ? '' : ` (${projects.length === 1 ? 'project' : 'projects'} deleted whole, not a loosening: ${projects.join(', ')})`
  if (comparisons.length === 0 && !stateChanged && !checklistChanged && reviewInputs.length === 0) {
    return {
      status: 'skipped',
      reason: `no proofgate config, waiver, counter-evidence, JS/TS source, runner or lint config, hook or workflow changed${removed}`,
      summary: `nothing that configures a check changed${removed}`,
    }
  }

  // Loaded here, not imported: comparing configs needs the config schema, which is built from the
  // gate registry, which holds this gate; a static import would close that loop at load time.
  const { compareProofgateConfig, compareWaivers, compareCounterEvidence } = await import('../integrity/proofgate-config.js')
  const found: Array<{ path: string; finding: IntegrityFinding }> = []
  const add = (path: string, findings: readonly IntegrityFinding[]): void => {
    for (const finding of findings) found.push({ path, finding })
  }
  for (const s of stateFiles) if (s.link !== null) add(s.file, [symlinkFinding(s.file, s.what, s.link)])
  if (waivers.changed) add(WAIVERS_FILE, compareWaivers(waivers.old, waivers.next, WAIVERS_FILE))
  if (counterEvidence.changed) add(COUNTER_EVIDENCE_FILE, compareCounterEvidence(counterEvidence.old, counterEvidence.next, COUNTER_EVIDENCE_FILE))
  for (const { path, finding } of checklist) add(path, [finding])
  for (const { path, finding } of reviewInputs) add(path, [finding])
  let discovery: Promise<TestDiscovery> | undefined
  let treeFiles: Promise<string[]> | undefined
  let baseFiles: Promise<string[]> | undefined
  const counts = await compareAll(
    {
      ctx,
      head,
      add,
      lint: [],
      movedFrom: new Map(),
      discover: () => (discovery ??= discoveryOf(ctx)),
      treeFiles: () => (treeFiles ??= listTree(root, head, ctx.signal)),
      baseFiles: () => (baseFiles ??= listTree(root, changes.base.sha, ctx.signal)),
      compareProofgateConfig,
    },
    comparisons,
    inputs,
  )
  for (const { path, finding } of found) ctx.report({ ...finding, path })
  const compared = (Object.entries(counts) as Array<[Kind, number]>).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${LABELS[kind]}${n === 1 ? '' : 's'}`)
  if (counterEvidence.changed) compared.unshift('the counter-evidence')
  if (waivers.changed) compared.unshift('the waivers')
  if (checklistChanged) compared.unshift('the checklist')
  if (reviewInputs.length > 0) compared.unshift("the review's prompt or scripts")
  return {
    summary: `${compared.length === 0 ? 'nothing that configures a check changed in content' : `compared ${compared.join(', ')}`}: ${found.length} finding${found.length === 1 ? '' : 's'}${removed}`,
    data: {
      compared: counts,
      waiversChanged: waivers.changed,
      counterEvidenceChanged: counterEvidence.changed,
      findings: found.length,
      deletedProjects: projects,
    },
  }
}

/**
 * The `gate-integrity` gate: compares the base and head versions of every changed file that
 * configures a check (plus the waivers and counter-evidence files, which are outside the change set) and reports what
 * loosens it; rule ids in integrity/types.ts. Not diff-filtered: a deleted line has no added line.
 */
export const gateIntegrityGate: Gate<'gate-integrity', Record<never, never>> = {
  id: 'gate-integrity',
  meta: {
    description:
      'Changes that loosen the checks themselves: proofgate config, waivers and counter-evidence, suppression comments, test-runner, ESLint and tsconfig settings, hooks and workflow steps',
    defaultMode: 'blocking',
    defaultTimeout: 120,
    options: {},
    preCommit: true,
    rules: GATE_INTEGRITY_RULES,
    // A removed hook line or a deleted setting has no added line to sit on: these are facts about the range.
    diffFiltered: false,
  },
  warmUp(_root, changes) {
    // Only source files and runner configs are parsed; a docs or config-only push never pays for TypeScript.
    if (
      changes.files.some(
        (f) =>
          !f.binary &&
          (KINDS.suppressions(f.path) || KINDS.runner(f.path) || (f.oldPath !== undefined && (KINDS.suppressions(f.oldPath) || KINDS.runner(f.oldPath)))),
      )
    ) {
      void loadTypeScript().catch(() => undefined)
    }
  },
  appliesTo(changes) {
    // The waivers file is never in the change set, so only an empty range is sure to hold nothing.
    // Such a range has no changed names either; asking for none lets the warm-up's provisional change
    // set (names only, empty shas) decide from its names on a pre-push too.
    if (changes.files.length === 0 && changes.base.sha === changes.head.sha && !changes.includesWorkingTree && changes.index !== true) {
      return { applies: false, reason: 'the base and the head are the same commit' }
    }
    return true
  },
  run: runGateIntegrity,
}
