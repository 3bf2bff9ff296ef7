// The doc-coverage findings, built from what the gate found: each picks its rule's messageId and
// data (docs/rules.ts) and the severity, path and help that go with it. Pure functions, so the
// rule tables run them in-process on real analyses; the gate does the git reads around them.
import type { LastTouched } from '../changes/tree-reads.js'
import type { FindingInput, Scope, Severity } from '../findings/types.js'
import { plural } from '../util/text.js'
import type { PublicApi } from './entry-points.js'
import type { UndocumentedExport } from './exports.js'
import { hasHeadingNode, loadMarkdown, startsWithAtxHeading, type BrokenLink } from './markdown.js'
import { MIN_README_BYTES, packageOf, type PackageInfo } from './packages.js'
import { declarationKey, describeExposure, type Exposure } from './public-paths.js'
import { readmeSeverity, type ReadmeCause } from './readme.js'
import { docFinding } from './rules.js'

/** What is wrong with a README's text, as readme-missing's messageIds name it. */
export type ReadmeProblem = { kind: 'missing' } | { kind: 'notText' } | { kind: 'tooShort'; bytes: number } | { kind: 'noHeading' }

/**
 * What is wrong with a README's text, or null when it is fine. `undefined` text: no README; null:
 * not readable as text; under {@link MIN_README_BYTES} bytes (UTF-8) is too short.
 */
export async function readmeProblem(text: string | null | undefined): Promise<ReadmeProblem | null> {
  if (text === undefined) return { kind: 'missing' }
  if (text === null) return { kind: 'notText' }
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes < MIN_README_BYTES) return { kind: 'tooShort', bytes }
  // Most READMEs open with `# name`: then no parser is needed to know there is a heading.
  if (startsWithAtxHeading(text)) return null
  if (hasHeadingNode(await loadMarkdown(), text)) return null
  return { kind: 'noHeading' }
}

/** Where a README is (or should be), for messages: `the repository root` or `package @a/b (packages/b)`. */
export function placeOf(pkg: PackageInfo | undefined, dir: string): string {
  if (dir === '') return 'the repository root'
  return pkg?.name === undefined ? `package ${dir}` : `package ${pkg.name} (${dir})`
}

/** One README problem and what the gate learnt about it, for {@link readmeFinding}. */
export interface ReadmeFacts {
  /** The package directory ('' = the repository root). */
  dir: string
  /** The README's path in the tree under test; undefined when there is none. */
  path: string | undefined
  pkg: PackageInfo | undefined
  problem: ReadmeProblem
  cause: ReadmeCause
  /** The place is publishable (readmeSeverity's second argument). */
  publishable: boolean
  /** `all` under `scan --all`: no change is judged, so no sentence on the cause. */
  scope: Scope
}

/** The sentence after a README problem: whether this change caused it and how. */
function readmeWhy(f: ReadmeFacts): string {
  if (!f.cause.caused) return f.scope === 'all' ? '' : " It was already so at the base: not this change's debt, so it only informs."
  if (f.cause.why === 'new-package') return ' This change adds the package (or makes it publishable) without one.'
  return ` This change ${f.path === undefined ? 'deleted' : 'shortened'} a README that was fine at the base${f.publishable ? '' : ' (a private place: medium at most)'}.`
}

/** The readme-missing finding for one README problem; it has a path (the README's, or where one belongs) and no line. */
export function readmeFinding(f: ReadmeFacts): FindingInput {
  const { dir, path, pkg, problem } = f
  const data = { where: placeOf(pkg, dir), why: readmeWhy(f), path: path ?? '' }
  const place = {
    severity: readmeSeverity(f.cause, f.publishable),
    path: path ?? (dir === '' ? 'README.md' : `${dir}/README.md`),
    help: `write a README.md${dir === '' ? '' : ` in ${dir}/`} with a heading and what it is for and how to use it (${MIN_README_BYTES} bytes at least)${dir === '' ? '' : ', or mark the package "private": true'}`,
  }
  // A README path is only known when the tree has one, so `missing` comes with no path.
  if (path === undefined || problem.kind === 'missing') {
    return docFinding('readme-missing', dir === '' || pkg?.publishable !== true ? 'missing' : 'missingPublishable', data, place)
  }
  if (problem.kind === 'tooShort')
    return docFinding('readme-missing', 'tooShort', { ...data, size: plural(problem.bytes, 'byte'), min: MIN_README_BYTES }, place)
  return docFinding('readme-missing', problem.kind, data, place)
}

/** The broken-link finding for a link of Markdown file `path` that resolves to nothing; line and column of the link. */
export function brokenLinkFinding(path: string, link: BrokenLink): FindingInput {
  const { target } = link
  const kind = link.kind === 'image' ? 'Image' : link.kind === 'definition' ? 'Link reference definition' : 'Link'
  return docFinding(
    'broken-link',
    target.startsWith('../') || target === '..' ? 'outside' : 'unresolved',
    { kind, url: link.url, target },
    {
      severity: 'medium',
      path,
      startLine: link.line,
      startColumn: link.column,
      help: "fix the path (relative to this file's directory, or to the repository root with a leading /) or add the file; #fragments are not checked",
    },
  )
}

/** What docs-stale says: the changed sources, the docs named, when they were last committed, the limit. */
export interface StaleFacts {
  /** The changed source files, named as namePaths does. */
  sources: string
  /** The docs looked at, comma-separated. */
  docs: string
  last: LastTouched
  /** `gates.doc-coverage.stale-after`. */
  limit: number
  /** The root README's path, where the finding sits; none without one. */
  rootReadme: string | undefined
}

/** The docs-stale finding (low; on the root README when there is one, no line). */
export function staleFinding(f: StaleFacts): FindingInput {
  const { last } = f
  const data = { sources: f.sources, docs: f.docs, behind: plural(last.behind, 'commit'), limit: f.limit }
  const place = {
    severity: 'low' as const,
    ...(f.rootReadme === undefined ? {} : { path: f.rootReadme }),
    help: 'update the README or docs/ for what changed, in this change set',
  }
  return last.kind === 'commit'
    ? docFinding('docs-stale', 'stale', { ...data, sha: last.sha.slice(0, 7), date: last.date.slice(0, 10) }, place)
    : docFinding('docs-stale', 'neverCommitted', data, place)
}

/** How public an undocumented declaration is and the severity that follows ({@link exportSeverity}). */
export interface ExportPublicity {
  severity: Severity
  pkg: PackageInfo | undefined
  exposure?: Exposure
  public: boolean
}

/**
 * Severity of an undocumented declaration `key` ({@link declarationKey}) reported in `path`, by
 * how public it is and what the change did to it:
 *
 * | | doc comment deleted by the change | added or changed undocumented | pre-existing (edited, or `scan --all`) |
 * |---|---|---|---|
 * | public API | high | medium | low |
 * | other | medium | low | info |
 *
 * Public API: the package of `path` is publishable and an entry point exposes the declaration
 * (`exposure` says how), or the package has no entry point that maps to a source (today's rule,
 * said in the summary). A missing doc comment on a new export is a warning, not a block, as in
 * peer tools (eslint-plugin-jsdoc's `require-jsdoc` warns in its recommended config; SonarQube's
 * S1176 is a code smell that the default quality gate does not fail on): on 149 zod commits a
 * blocking severity stopped 18 honest ones. Deleting an existing doc comment is the change's own
 * regression and stays blocking on public API. `rules:` raises the rule for teams that require docs.
 */
export function exportSeverity(
  path: string,
  key: string,
  packages: ReadonlyMap<string, PackageInfo>,
  api: ReadonlyMap<string, PublicApi>,
  exposed: ReadonlyMap<string, ReadonlyMap<string, Exposure>>,
  debt: 'removed' | 'new' | 'pre-existing',
): ExportPublicity {
  const [pub, internal]: [Severity, Severity] = debt === 'removed' ? ['high', 'medium'] : debt === 'new' ? ['medium', 'low'] : ['low', 'info']
  const pkg = packageOf(path, packages)
  if (pkg?.publishable !== true) return { severity: internal, pkg, public: false }
  const found = api.get(pkg.dir)
  if (found === undefined || found.entries.length === 0) return { severity: pub, pkg, public: true }
  const exposure = exposed.get(pkg.dir)?.get(key)
  return exposure === undefined ? { severity: internal, pkg, public: false } : { severity: pub, pkg, exposure, public: true }
}

/** An undocumented export waiting for the one-per-symbol pass. */
export interface PendingExport {
  /** {@link declarationKey} of the undocumented declaration. */
  key: string
  /** Reported at the declaration itself (else at a re-export or `export *` that exposes it). */
  declaration: boolean
  finding: FindingInput
  /** For a re-export: the exposing module and name, asked of the base (was it exposed already?). */
  exposes?: { path: string; name: string; origin: { path: string; local: string } }
}

const EXPORT_HELP = 'add a /** … */ comment right above it: what it does, the shapes and units of what it takes and returns, and what it throws'

/** The messageId of an undocumented export: how it is exposed and, for a declaration, what the change did to its doc comment. */
function exportMessageId(u: UndocumentedExport, removed: boolean, preExisting: boolean) {
  if (u.via === 're-export') return 'reExport' as const
  if (u.via !== 'declaration') return 'exportAll' as const
  return removed ? ('docRemoved' as const) : preExisting ? ('undocumentedAtBase' as const) : ('undocumented' as const)
}

/**
 * The export-undocumented finding for one undocumented export of `path` (at its 1-based line and
 * column), worded for how it is exposed and how public it is; `removed`: the change deleted its
 * doc comment; `preExisting`: it had none at the base either.
 */
export function exportFinding(path: string, u: UndocumentedExport, publicity: ExportPublicity, removed: boolean, preExisting = false): PendingExport {
  const { severity, pkg, exposure, public: isPublic } = publicity
  const d = u.origin.declaration
  const label = pkg?.name ?? (pkg?.dir === '' ? 'at the root' : pkg?.dir)
  const why = !isPublic
    ? ''
    : exposure === undefined
      ? ` (publishable package ${label ?? ''})`
      : `; public API of publishable package ${label ?? ''}, ${describeExposure(exposure, d)}`
  const data = {
    kind: d.kind,
    name: d.local,
    alias: d.exported === d.local ? '' : ` (as \`${d.exported}\`)`,
    why,
    exported: u.exported,
    specifier: u.specifier ?? '',
    origin: u.origin.path,
    line: d.line,
  }
  const key = declarationKey(u.origin.path, d)
  const finding = docFinding('export-undocumented', exportMessageId(u, removed, preExisting), data, {
    severity,
    path,
    startLine: u.line,
    startColumn: u.column,
    help: u.via === 'declaration' ? EXPORT_HELP : `document the original in ${u.origin.path}; ${EXPORT_HELP}`,
  })
  return u.via === 'declaration'
    ? { key, declaration: true, finding }
    : { key, declaration: false, finding, exposes: { path, name: u.exported, origin: { path: u.origin.path, local: d.local } } }
}
