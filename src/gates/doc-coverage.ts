// The `doc-coverage` gate: documentation that keeps up with the code — a README with a heading,
// docs touched within N commits of source changes, doc comments on new exports, links that resolve.
import { posix } from 'node:path'
import picomatch from 'picomatch'
import { readBlobs } from '../changes/history.js'
import { isToolConfigPath, namePaths } from '../changes/paths.js'
import type { ChangeSet } from '../changes/types.js'
import { analyseExports, judgeModule, reExportTargets, resolveModule, type ModuleExports } from '../docs/exports.js'
import { exposedAtBase } from '../docs/base-exposure.js'
import {
  exportFinding,
  exportSeverity,
  brokenLinkFinding,
  readmeFinding,
  readmeProblem,
  staleFinding,
  type PendingExport,
  type ReadmeProblem,
} from '../docs/findings.js'
import { declarationKey, exposedDeclarations, type Exposure } from '../docs/public-paths.js'
import { saysGenerated } from '../docs/generated.js'
import { lastTouched, linguistExcluded, listTree } from '../docs/git.js'
import { checkLinks, indexTree, isMarkdownPath, loadMarkdown, type TreeIndex } from '../docs/markdown.js'
import { publicFiles, type PublicApi } from '../docs/entry-points.js'
import { judgeReadmeCause, readmeBaseRequests, type ReadmeBaseRead } from '../docs/readme.js'
import { DOC_COVERAGE_RULES } from '../docs/rules.js'
import { inNonSourceDir, isReadmeName, manifestPaths, packageInfo, packageOf, readmeOf, readmesByDir, type PackageInfo } from '../docs/packages.js'
import { inFilter } from '../findings/filter.js'
import type { FindingInput } from '../findings/types.js'
import { CONVENTION_PATTERNS } from '../testing/discover.js'
import { discoveryOf } from '../testing/scan.js'
import { loadTypeScript, type TypeScript } from '../testing/typescript.js'
import type { Gate, GateContext, GateOutcome } from './types.js'
import { plural } from '../util/text.js'
import * as z from 'zod'

/** JS/TS files, declaration files included. */
const CODE = /\.(?:[cm]?[jt]sx?)$/i
/** Test data directories: their Markdown is fixture content, not documentation (scan --all only). */
const FIXTURE_DIR = /(?:^|\/)(?:fixtures|__fixtures__|node_modules)\//
/** The cheap test-file check appliesTo can afford; run() asks the repository's runner configs. */
const conventionTest = picomatch(CONVENTION_PATTERNS, { dot: true })

/** A JS/TS file that may be source: not a tool config, not under a test, mock or fixture directory. */
function maybeSource(path: string): boolean {
  return CODE.test(path) && !isToolConfigPath(path) && !inNonSourceDir(path)
}

/** What the gate looked at, for the JSON report. */
export interface DocCoverageData {
  sourceFiles: number
  /** Exports judged (locals, re-exports and names `export *` exposes). */
  exports: number
  undocumented: number
  /** Source files TypeScript's parser rejected (not judged; static-analysis reports them). */
  unparsed: number
  /** JS/TS files whose header says they are generated (`@generated`, `Code generated … DO NOT EDIT`): not judged. */
  generated: number
  markdownFiles: number
  links: number
  brokenLinks: number
  readmes: number
  /** Commits between the docs' last commit and HEAD, when docs-stale was evaluated. */
  docsBehind?: number
}

/** The tree under test as the gate reads it: its listing, the files to judge, and the blobs read so far. */
interface TreeRead {
  paths: string[]
  index: TreeIndex
  /** JS/TS files that may be source: the tree's under scan --all, the change set's otherwise. */
  codeCandidates: string[]
  /** Markdown files whose links are checked. */
  markdownTargets: string[]
  /** The repository's test discovery, started while the blobs are read; none without code to judge. */
  discovery: ReturnType<typeof discoveryOf> | undefined
  manifests: string[]
  attributeFiles: string[]
  readmes: Map<string, string[]>
  rootReadme: string | undefined
  /** Blob text by path (null: absent or not text), filled by `read`. */
  texts: Map<string, string | null>
  /** Reads the blobs of `wanted` from the tree under test that are not in `texts` yet, in one batch. */
  read: (wanted: readonly string[]) => Promise<void>
}

/** Lists the tree under test and reads its first batch: every package.json, the attribute files, the root README and the candidate files. */
async function readTree(ctx: GateContext, phase: (name: string) => void): Promise<TreeRead> {
  const { changes } = ctx
  const all = ctx.scope === 'all'
  const tree = changes.treeHash
  const paths = await listTree(ctx.root, tree, ctx.signal)
  const index = indexTree(paths)
  const codeCandidates = all ? paths.filter(maybeSource) : [...new Set(changes.files.filter((f) => maybeSource(f.path)).map((f) => f.path))]
  const markdownTargets = all
    ? paths.filter((p) => isMarkdownPath(p) && !FIXTURE_DIR.test(p))
    : changes.files.filter((f) => f.status !== 'deleted' && !f.binary && isMarkdownPath(f.path)).map((f) => f.path)
  const discovery = codeCandidates.length > 0 ? discoveryOf(ctx) : undefined
  phase(`tree listing (${paths.length} files)`)
  ctx.log(
    `candidates: ${codeCandidates.length} possible source file(s), ${markdownTargets.length} Markdown file(s)${all ? ' (the whole repository)' : ' (changed)'}`,
  )

  const manifests = manifestPaths(paths)
  const attributeFiles = paths.filter((p) => p === '.gitattributes' || p.endsWith('/.gitattributes'))
  const readmes = readmesByDir(paths)
  const rootReadme = readmeOf('', index.files, readmes)
  const liveCode = codeCandidates.filter((p) => index.files.has(p))
  const firstPaths = [...manifests, ...attributeFiles, ...(rootReadme === undefined ? [] : [rootReadme]), ...liveCode, ...markdownTargets]
  const texts = new Map<string, string | null>()
  const read = async (wanted: readonly string[]): Promise<void> => {
    const missing = [...new Set(wanted)].filter((p) => !texts.has(p))
    const got = await readBlobs(
      ctx.root,
      missing.map((path) => ({ rev: tree, path })),
    )
    missing.forEach((p, i) => texts.set(p, got[i] ?? null))
  }
  await read(firstPaths)
  ctx.signal.throwIfAborted()
  phase(`first read (${firstPaths.length} blobs)`)
  return { paths, index, codeCandidates, markdownTargets, discovery, manifests, attributeFiles, readmes, rootReadme, texts, read }
}

/**
 * The files the gate judges: source files that are the repository's own (not linguist-generated
 * or vendored, not tests, not generated by a tool) and Markdown files that are not vendored.
 */
async function judgedFiles(ctx: GateContext, t: TreeRead): Promise<{ sourceFiles: string[]; markdownFiles: string[]; generated: Set<string> }> {
  const all = ctx.scope === 'all'
  const { changes } = ctx
  // Generated and vendored files (GitHub linguist's attributes) are not the repository's own docs or
  // API. The base is trusted, the change is not: a range reads the base's attributes, so adding
  // `src/** linguist-generated` cannot exempt the change's own exports (gate-integrity reports that
  // line). The tree's own attribute files only gate the lookup: without them, nothing is excluded,
  // which is the stricter side. `scan --all` judges the tree as it is.
  const linguist = t.attributeFiles.some((p) => /linguist-(?:generated|vendored)/.test(t.texts.get(p) ?? ''))
    ? await linguistExcluded(
        ctx.root,
        all ? changes.treeHash : changes.base.sha,
        all && changes.includesWorkingTree,
        [...t.codeCandidates, ...t.markdownTargets],
        ctx.signal,
      )
    : new Set<string>()
  const tests = t.discovery === undefined ? undefined : await t.discovery
  const ownCode = t.codeCandidates.filter((p) => !linguist.has(p) && tests?.isTestFile(p) !== true)
  const generated = await generatedFiles(ctx, ownCode, t.texts)
  return { sourceFiles: ownCode.filter((p) => !generated.has(p)), markdownFiles: t.markdownTargets.filter((p) => !linguist.has(p)), generated }
}

/** readme-missing's places: the root always; publishable packages holding a changed file (all of them under scan --all). */
function readmeTargets(ctx: GateContext, packages: ReadonlyMap<string, PackageInfo>, t: TreeRead): Array<{ dir: string; path: string | undefined }> {
  const readmeDirs = new Set<string>([''])
  const owners =
    ctx.scope === 'all' ? [...packages.values()] : ctx.changes.files.map((f) => packageOf(f.path, packages)).filter((p): p is PackageInfo => p !== undefined)
  for (const pkg of owners) if (pkg.dir !== '' && pkg.publishable) readmeDirs.add(pkg.dir)
  return [...readmeDirs].map((dir) => ({ dir, path: readmeOf(dir, t.index.files, t.readmes) }))
}

async function runDocCoverage(ctx: GateContext): Promise<GateOutcome> {
  const { changes } = ctx
  const all = ctx.scope === 'all'
  let mark = performance.now()
  const phase = (name: string): void => {
    const now = performance.now()
    ctx.log(`${name}: ${Math.round(now - mark)} ms`)
    mark = now
  }

  const t = await readTree(ctx, phase)
  const { sourceFiles, markdownFiles, generated } = await judgedFiles(ctx, t)
  phase('attributes and test discovery')

  if (!all && sourceFiles.length === 0 && markdownFiles.length === 0) {
    const reason = `no JS/TS source or Markdown file changed, only tests, config or other files: ${namePaths(changes.files.map((f) => f.path))}`
    return { status: 'skipped', reason, summary: reason }
  }

  const packages = new Map<string, PackageInfo>(t.manifests.map((m) => packageInfo(m, t.texts.get(m) ?? null)).map((p) => [p.dir, p]))
  const findings: FindingInput[] = []
  const report = (finding: FindingInput): void => {
    findings.push(finding)
    ctx.report(finding)
  }

  const readmePaths = readmeTargets(ctx, packages, t)
  await t.read(readmePaths.flatMap((r) => (r.path === undefined ? [] : [r.path])))
  await judgeReadmes(ctx, readmePaths, t.texts, packages, report)
  ctx.signal.throwIfAborted()
  phase(`READMEs (${readmePaths.length})`)

  const exportsResult = await judgeExports(ctx, sourceFiles, t.texts, t.read, packages, t.index.files, report)
  phase(`exports (${sourceFiles.length} files)`)
  const linkResult = await judgeLinks(ctx, markdownFiles, t.texts, t.index, report)
  phase(`links (${markdownFiles.length} Markdown files)`)

  let docsBehind: number | undefined
  if (!all && sourceFiles.length > 0) {
    docsBehind = await judgeStaleness(ctx, sourceFiles, packages, t.readmes, t.index, t.rootReadme, report)
    phase('docs-stale')
  }

  return docCoverageOutcome({
    sourceFiles: sourceFiles.length,
    generated: generated.size,
    markdownFiles: markdownFiles.length,
    readmes: readmePaths.length,
    findings: findings.length,
    exportsResult,
    linkResult,
    ...(docsBehind === undefined ? {} : { docsBehind }),
  })
}

/** The counts a doc-coverage run ends with: files judged, findings reported, and the exports and links results. */
interface DocCoverageCounts {
  sourceFiles: number
  generated: number
  markdownFiles: number
  readmes: number
  findings: number
  exportsResult: Awaited<ReturnType<typeof judgeExports>>
  linkResult: Awaited<ReturnType<typeof judgeLinks>>
  docsBehind?: number
}

/** The gate's outcome from its final counts: the `DocCoverageData` and the one-line summary. */
function docCoverageOutcome(counts: DocCoverageCounts): GateOutcome {
  const { exportsResult, linkResult, docsBehind } = counts
  const data: DocCoverageData = {
    sourceFiles: counts.sourceFiles,
    exports: exportsResult.judged,
    undocumented: exportsResult.undocumented,
    unparsed: exportsResult.unparsed,
    generated: counts.generated,
    markdownFiles: counts.markdownFiles,
    links: linkResult.links,
    brokenLinks: linkResult.broken,
    readmes: counts.readmes,
    ...(docsBehind === undefined ? {} : { docsBehind }),
  }
  const skippedFiles = [
    ...(exportsResult.unparsed > 0 ? [`${exportsResult.unparsed} not parsed`] : []),
    ...(counts.generated > 0 ? [`${counts.generated} generated ones not judged`] : []),
  ]
  const unparsed = skippedFiles.length > 0 ? ` (${skippedFiles.join(', ')})` : ''
  return {
    summary:
      `${plural(counts.sourceFiles, 'source file')}${unparsed}, ${plural(exportsResult.judged, 'export')} judged, ` +
      `${plural(counts.markdownFiles, 'Markdown file')} (${plural(linkResult.links, 'relative link')}), ${plural(counts.readmes, 'README')} checked: ${plural(counts.findings, 'finding')}` +
      `${exportsResult.api === undefined ? '' : `; public API: ${exportsResult.api}`}`,
    data,
  }
}

/**
 * The files among `paths` whose header says a tool generated them ({@link saysGenerated}): not
 * source, so their exports are not judged (re-exports through them are still followed). The base
 * is trusted, the change is not: in a range the base version (its old path, for a rename) must
 * say so too, so a change cannot exempt its own code by adding the header — a file the range adds
 * or copies is judged (a rename keeps its old path's word); `scan --all` reads the tree as it is.
 */
async function generatedFiles(ctx: GateContext, paths: readonly string[], texts: ReadonlyMap<string, string | null>): Promise<Set<string>> {
  const marked = paths.filter((p) => {
    const text = texts.get(p)
    return typeof text === 'string' && saysGenerated(text)
  })
  if (ctx.scope === 'all' || marked.length === 0) return new Set(marked)
  const byPath = new Map(ctx.changes.files.map((f) => [f.path, f]))
  // A copy's old path is another file that stays: its header vouches for itself, not for the copy.
  const asked = marked.filter((p) => byPath.get(p)?.status !== 'added' && byPath.get(p)?.status !== 'copied')
  const base = await readBlobs(
    ctx.root,
    asked.map((p) => ({ rev: ctx.changes.base.sha, path: byPath.get(p)?.oldPath ?? p })),
  )
  return new Set(
    asked.filter((_, i) => {
      const text = base[i]
      return typeof text === 'string' && saysGenerated(text)
    }),
  )
}

/** Where the base versions of READMEs and manifests are read from, for judgeReadmes. */
async function readAtBase(ctx: GateContext, paths: readonly string[]): Promise<Map<string, string | null>> {
  const unique = [...new Set(paths)]
  const got = await readBlobs(
    ctx.root,
    unique.map((path) => ({ rev: ctx.changes.base.sha, path })),
  )
  return new Map(unique.map((p, i) => [p, got[i] ?? null]))
}

/**
 * readme-missing, new debt only: each README problem at the version under test is high (medium
 * for a private place) when this change caused it — it deleted or gutted a README that was fine
 * at the base, or added a publishable package without one — and low otherwise (scan --all judges
 * no change, so everything there is low).
 */
async function judgeReadmes(
  ctx: GateContext,
  readmePaths: ReadonlyArray<{ dir: string; path: string | undefined }>,
  texts: ReadonlyMap<string, string | null>,
  packages: ReadonlyMap<string, PackageInfo>,
  report: (finding: FindingInput) => void,
): Promise<void> {
  const problems: Array<{ dir: string; path: string | undefined; problem: ReadmeProblem; read: ReadmeBaseRead }> = []
  for (const { dir, path } of [...readmePaths].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0))) {
    const problem = await readmeProblem(path === undefined ? undefined : texts.get(path))
    if (problem === null) continue
    const read: ReadmeBaseRead = ctx.scope === 'all' ? { readmes: [], manifestAdded: false } : readmeBaseRequests(dir, ctx.changes)
    problems.push({ dir, path, problem, read })
  }
  if (problems.length === 0) return
  const base = await readAtBase(
    ctx,
    problems.flatMap((p) => [...p.read.readmes, ...(p.read.manifest === undefined ? [] : [p.read.manifest])]),
  )
  const anyPublishable = [...packages.values()].some((p) => p.publishable)
  for (const { dir, path, problem, read } of problems) {
    const baseReadme = read.readmes.find((r) => base.get(r) !== null)
    const baseProblem = read.readmes.length === 0 ? undefined : await readmeProblem(baseReadme === undefined ? undefined : base.get(baseReadme))
    const pkg = packages.get(dir)
    const cause = judgeReadmeCause({ dir, pkg, read, baseProblem, baseManifest: read.manifest === undefined ? undefined : base.get(read.manifest) })
    const publishable = pkg !== undefined ? pkg.publishable : dir === '' && anyPublishable
    report(readmeFinding({ dir, path, pkg, problem, cause, publishable, scope: ctx.scope }))
  }
}

/** The public API of every publishable package holding a judged file, keyed by package directory. */
async function publicApis(
  ctx: GateContext,
  reExports: (path: string) => readonly string[],
  live: readonly string[],
  texts: Map<string, string | null>,
  read: (paths: readonly string[]) => Promise<void>,
  packages: ReadonlyMap<string, PackageInfo>,
  files: ReadonlySet<string>,
): Promise<Map<string, PublicApi>> {
  const out = new Map<string, PublicApi>()
  const dirs = new Set(
    live.flatMap((p) => {
      const pkg = packageOf(p, packages)
      return pkg?.publishable === true ? [pkg.dir] : []
    }),
  )
  for (const dir of [...dirs].sort()) {
    const pkg = packages.get(dir)!
    let manifest: Record<string, unknown> = {}
    try {
      const value: unknown = JSON.parse(texts.get(pkg.manifest) ?? '{}')
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) manifest = value as Record<string, unknown>
    } catch {
      // An unreadable package.json has no entry points: every export counts.
    }
    const found = await publicFiles(
      (path) => reExports(path),
      dir,
      manifest,
      files,
      async (paths) => {
        await read(paths)
        return texts
      },
    )
    ctx.signal.throwIfAborted()
    out.set(dir, found)
  }
  return out
}

/** `public API: packages/lib from src/index.ts (12 files)` or `… has no entry point that maps to a source, so every export counts`, for the summary. */
function describeApis(api: ReadonlyMap<string, PublicApi>): string {
  return [...api.entries()]
    .map(([dir, a]) => {
      const name = dir === '' ? 'the root package' : dir
      return a.entries.length === 0
        ? `${name} has no entry point that maps to a source${a.unmapped.length > 0 ? ` (${a.unmapped.slice(0, 3).join(', ')})` : ''}, so every export counts as public`
        : `${name} from ${a.entries.slice(0, 3).join(', ')}${a.entries.length > 3 ? ', …' : ''} (${plural(a.reachable.size, 'file')})`
    })
    .join('; ')
}

/** The modules export-undocumented reads, analysed once each, and how their re-exports resolve in the tree. */
interface ExportGraph {
  /** The exports of `path`, analysed on first use; undefined when its text is not read (or not text). */
  analyse: (path: string) => ModuleExports | undefined
  resolve: (from: string, specifier: string) => string | undefined
  /** The files the re-exports and `export *` of `path` lead to. */
  targetsOf: (path: string) => string[]
}

/** The {@link ExportGraph} over the blobs read so far (`texts`) and the tree's file list. */
function exportGraph(ts: TypeScript, texts: ReadonlyMap<string, string | null>, files: ReadonlySet<string>): ExportGraph {
  const modules = new Map<string, ModuleExports>()
  const analyse = (path: string): ModuleExports | undefined => {
    let found = modules.get(path)
    if (found === undefined) {
      const text = texts.get(path)
      if (typeof text !== 'string') return undefined
      found = analyseExports(ts, path, text)
      modules.set(path, found)
    }
    return found
  }
  const resolve = (from: string, specifier: string): string | undefined => resolveModule(from, specifier, files)
  const targetsOf = (path: string): string[] => {
    const m = analyse(path)
    return m === undefined ? [] : reExportTargets(path, m, resolve)
  }
  return { analyse, resolve, targetsOf }
}

/** Loads the modules re-exports lead to from `live`, breadth first, one `git cat-file --batch` per level. */
async function loadReExported(ctx: GateContext, live: readonly string[], graph: ExportGraph, read: (paths: readonly string[]) => Promise<void>): Promise<void> {
  let frontier = live.flatMap(graph.targetsOf)
  const visited = new Set(live)
  while (frontier.length > 0) {
    ctx.signal.throwIfAborted()
    const next = [...new Set(frontier)].filter((p) => !visited.has(p))
    for (const p of next) visited.add(p)
    await read(next)
    frontier = next.flatMap(graph.targetsOf)
  }
}

/** What export-undocumented's judging step reads besides the modules: the base's exports and each package's public API. */
interface ExportContext {
  graph: ExportGraph
  atBase: ReadonlyMap<string, BaseExports>
  packages: ReadonlyMap<string, PackageInfo>
  api: ReadonlyMap<string, PublicApi>
  exposed: ReadonlyMap<string, ReadonlyMap<string, Exposure>>
}

/**
 * Judges the exports of each live file whose spans the change touched (all under scan --all), and
 * words a finding for each undocumented one; `unparsed` counts the files the parser rejected.
 */
function pendingExports(ctx: GateContext, live: readonly string[], x: ExportContext): { judged: number; unparsed: number; pending: PendingExport[] } {
  const all = ctx.scope === 'all'
  const byPath = new Map(ctx.changes.files.map((f) => [f.path, f]))
  const touched = (path: string, spans: readonly { start: number; end: number }[]): boolean => {
    if (all) return true
    const ranges = byPath.get(path)?.addedLines ?? []
    return spans.some((s) => ranges.some((r) => r.start <= s.end && s.start <= r.end))
  }
  let judged = 0
  let unparsed = 0
  const pending: PendingExport[] = []
  for (const path of live) {
    if (x.graph.analyse(path)?.parsed !== true) {
      unparsed++
      continue
    }
    const base = x.atBase.get(path)
    const documented = base?.documented
    const result = judgeModule(
      path,
      x.graph.analyse,
      x.graph.resolve,
      (spans) => touched(path, spans),
      (name) => documented?.has(name) === true,
    )
    judged += result.judged
    for (const u of result.undocumented) {
      // New debt only: an export the base already had without a doc comment, edited by the range,
      // is pre-existing debt (one step lower, as under scan --all); a new one or a deleted doc comment is not.
      const removed = documented?.has(u.exported) === true
      const preExisting = u.via === 'declaration' && !removed && base?.undocumented.has(u.exported) === true
      const debt = all || preExisting ? 'pre-existing' : removed ? 'removed' : 'new'
      const publicity = exportSeverity(path, declarationKey(u.origin.path, u.origin.declaration), x.packages, x.api, x.exposed, debt)
      pending.push(exportFinding(path, u, publicity, removed, preExisting))
    }
  }
  return { judged, unparsed, pending }
}

/**
 * One finding per symbol: at its declaration when that is reported too, else at the first
 * re-export that exposes it (a `default` alias, a barrel and the declaration are one symbol).
 */
function onePerSymbol(fresh: readonly PendingExport[]): FindingInput[] {
  const declared = new Set(fresh.filter((p) => p.declaration).map((p) => p.key))
  const emitted = new Set<string>()
  const out: FindingInput[] = []
  for (const p of fresh) {
    if (emitted.has(p.key) || (!p.declaration && declared.has(p.key))) continue
    emitted.add(p.key)
    out.push(p.finding)
  }
  return out
}

/**
 * export-undocumented: the exports of the changed source files (every source file under scan
 * --all), re-exports followed, each undocumented one reported once with a severity by how public
 * it is and what the change did to its doc comment. Reads more blobs through `read`.
 */
async function judgeExports(
  ctx: GateContext,
  sourceFiles: readonly string[],
  texts: Map<string, string | null>,
  read: (paths: readonly string[]) => Promise<void>,
  packages: ReadonlyMap<string, PackageInfo>,
  files: ReadonlySet<string>,
  report: (finding: FindingInput) => void,
): Promise<{ judged: number; undocumented: number; unparsed: number; api?: string }> {
  const all = ctx.scope === 'all'
  const live = sourceFiles.filter((p) => typeof texts.get(p) === 'string')
  if (live.length === 0) return { judged: 0, undocumented: 0, unparsed: 0 }
  const ts = await loadTypeScript()
  const graph = exportGraph(ts, texts, files)
  await loadReExported(ctx, live, graph, read)
  const atBase = all ? new Map<string, BaseExports>() : await exportsAtBase(ctx, live, graph.analyse, ts)
  const api = await publicApis(ctx, graph.targetsOf, live, texts, read, packages, files)
  const exposed = new Map([...api].map(([dir, a]) => [dir, exposedDeclarations(a, graph.analyse, graph.resolve)]))
  const { judged, unparsed, pending } = pendingExports(ctx, live, { graph, atBase, packages, api, exposed })
  const findings = onePerSymbol(all ? pending : await newlyExposed(ctx, pending, ts))
  for (const finding of findings) report(finding)
  return { judged, undocumented: findings.length, unparsed, ...(api.size === 0 ? {} : { api: describeApis(api) }) }
}

/** The exported names of a file's base version: with a doc comment, and without one. */
interface BaseExports {
  documented: Set<string>
  undocumented: Set<string>
}

/**
 * The exported names of the base version (its old path, for a rename) of each changed file with an
 * undocumented export: was its doc comment just deleted (`documented`), or was it already
 * undocumented before the range edited it (`undocumented`)? Added and copied files have none.
 */
async function exportsAtBase(
  ctx: GateContext,
  live: readonly string[],
  analyse: (path: string) => ModuleExports | undefined,
  ts: TypeScript,
): Promise<Map<string, BaseExports>> {
  const byPath = new Map(ctx.changes.files.map((f) => [f.path, f]))
  const out = new Map<string, BaseExports>()
  const suspects = live.filter((p) => {
    const file = byPath.get(p)
    const m = analyse(p)
    return file !== undefined && file.status !== 'added' && file.status !== 'copied' && m?.parsed === true && m.locals.some((l) => !l.documented)
  })
  const baseTexts = await readBlobs(
    ctx.root,
    suspects.map((p) => ({ rev: ctx.changes.base.sha, path: byPath.get(p)?.oldPath ?? p })),
  )
  suspects.forEach((p, i) => {
    const text = baseTexts[i]
    if (typeof text !== 'string') return
    const old = analyseExports(ts, p, text)
    out.set(p, {
      documented: new Set(old.locals.filter((l) => l.documented).map((l) => l.exported)),
      undocumented: new Set(old.locals.filter((l) => !l.documented).map((l) => l.exported)),
    })
  })
  return out
}

/**
 * New debt only: a re-export or `export *` finding stands when the base version of its module
 * (its old path, for a rename) did not already expose that name bound to the same declaration
 * (same local name in the same file, renames followed) — an edited, reformatted or regrouped
 * re-export line is not a new exposure. Declaration findings pass through unchanged.
 */
async function newlyExposed(ctx: GateContext, pending: readonly PendingExport[], ts: TypeScript): Promise<PendingExport[]> {
  const asks = pending.filter((p) => p.exposes !== undefined)
  if (asks.length === 0) return [...pending]
  const oldPath = new Map(ctx.changes.files.map((f) => [f.path, f.oldPath ?? f.path]))
  const added = new Set(ctx.changes.files.filter((f) => f.status === 'added').map((f) => f.path))
  const basePath = (p: string): string => oldPath.get(p) ?? p
  const asked = asks.filter((p) => !added.has(p.exposes!.path))
  const origins = await exposedAtBase(
    ctx.root,
    ctx.changes.base.sha,
    ts,
    asked.map((p) => ({ path: basePath(p.exposes!.path), name: p.exposes!.name })),
    ctx.signal,
  )
  const already = new Set<PendingExport>()
  asked.forEach((p, i) => {
    const was = origins[i]
    if (was !== undefined && was.path === basePath(p.exposes!.origin.path) && was.local === p.exposes!.origin.local) already.add(p)
  })
  return pending.filter((p) => !already.has(p))
}

async function judgeLinks(
  ctx: GateContext,
  markdownFiles: readonly string[],
  texts: ReadonlyMap<string, string | null>,
  index: TreeIndex,
  report: (finding: FindingInput) => void,
): Promise<{ links: number; broken: number }> {
  const live = markdownFiles.filter((p) => typeof texts.get(p) === 'string')
  if (live.length === 0) return { links: 0, broken: 0 }
  const fromMarkdown = await loadMarkdown()
  const { changes } = ctx
  // A link to a file the change deleted or moved away was broken by this change, wherever it sits.
  const removed = new Set(
    changes.files.flatMap((f) => (f.status === 'deleted' ? [f.path] : f.status === 'renamed' && f.oldPath !== undefined ? [f.oldPath] : [])),
  )
  const byPath = new Map(changes.files.map((f) => [f.path, f]))
  let links = 0
  let broken = 0
  for (const path of live) {
    const checked = checkLinks(fromMarkdown, path, texts.get(path)!, index)
    links += checked.relative
    for (const link of checked.broken) {
      const finding = brokenLinkFinding(path, link)
      // The gate is not diff-filtered as a whole (readme-missing has no line); links follow the run's filter mode.
      if (ctx.scope !== 'all' && !removed.has(link.target) && !inFilter(finding, changes, ctx.config['filter-mode'], byPath)) continue
      broken++
      report(finding)
    }
  }
  return { links, broken }
}

async function judgeStaleness(
  ctx: GateContext,
  sourceFiles: readonly string[],
  packages: ReadonlyMap<string, PackageInfo>,
  readmes: ReadonlyMap<string, readonly string[]>,
  tree: TreeIndex,
  rootReadme: string | undefined,
  report: (finding: FindingInput) => void,
): Promise<number | undefined> {
  const { changes } = ctx
  // The root's docs, and the README of each package that holds changed source.
  const owners = new Set<string>([''])
  for (const path of sourceFiles) {
    const pkg = packageOf(path, packages)
    if (pkg !== undefined) owners.add(pkg.dir)
  }
  const isDoc = (path: string): boolean =>
    path.startsWith('docs/') || (isReadmeName(posix.basename(path)) && owners.has(posix.dirname(path) === '.' ? '' : posix.dirname(path)))
  // Docs edited in this change set (committed in the range or not) are fresh by definition.
  if (changes.files.some((f) => isDoc(f.path) || (f.oldPath !== undefined && isDoc(f.oldPath)))) return undefined
  const docPaths = new Set<string>(['docs'])
  for (const dir of owners) {
    for (const p of readmes.get(dir) ?? []) docPaths.add(p)
    docPaths.add(dir === '' ? 'README.md' : `${dir}/README.md`)
  }
  const last = await lastTouched(ctx.root, changes.head.sha, [...docPaths].sort(), ctx.signal)
  const limit = ctx.config.gates['doc-coverage']['stale-after']
  if (last.behind <= limit) return last.behind
  const named = [...[...docPaths].filter((p) => tree.files.has(p)).sort(), ...(tree.dirs.has('docs') ? ['docs/'] : [])]
  const docs = named.length === 0 ? 'README.md, docs/' : named.join(', ')
  report(staleFinding({ sources: namePaths(sourceFiles), docs, last, limit, rootReadme }))
  return last.behind
}

/** True when the change set has something this gate reads: a JS/TS source file or a Markdown file. */
function relevant(changes: ChangeSet): boolean {
  return changes.files.some((f) => isMarkdownPath(f.path) || (maybeSource(f.path) && !conventionTest(f.path)))
}

/** `gates.doc-coverage` keys besides mode and timeout. */
const DOC_COVERAGE_OPTIONS = {
  'stale-after': z
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('docs-stale: source changed but README.md and docs/ were last touched more than this many commits before HEAD'),
}

/**
 * The `doc-coverage` gate: `readme-missing` (high), `docs-stale` (low), `export-undocumented`
 * (medium on public API, high for a doc comment the change deletes) and `broken-link` (medium), read from the tree under
 * test through git; nothing of the repository is executed. Skipped when only tests or config changed.
 */
export const docCoverageGate: Gate<'doc-coverage', typeof DOC_COVERAGE_OPTIONS> = {
  id: 'doc-coverage',
  meta: {
    description:
      'Documentation that keeps up with the code: a README with a heading, docs touched near source changes, doc comments on new exports, relative links that resolve',
    defaultMode: 'blocking',
    defaultTimeout: 120,
    options: DOC_COVERAGE_OPTIONS,
    rules: DOC_COVERAGE_RULES,
    // A missing README has no line and is usually not in the change set; exports are judged on
    // their added lines by the gate itself, and links follow the filter mode inside the gate.
    diffFiltered: false,
    scansAll: true,
  },
  warmUp(_root, changes) {
    if (changes.files.some((f) => maybeSource(f.path))) void loadTypeScript().catch(() => undefined)
    if (changes.files.some((f) => isMarkdownPath(f.path))) void loadMarkdown().catch(() => undefined)
  },
  appliesTo(changes) {
    if (relevant(changes)) return true
    return {
      applies: false,
      reason: `no JS/TS source or Markdown file changed, only tests, config or other files: ${namePaths(changes.files.map((f) => f.path))}`,
    }
  },
  run: runDocCoverage,
}
