// readme-missing as new debt: whether the change under test caused a README problem (deleted or
// gutted a README that was fine at the base, or added a publishable package without one), and the
// severity that follows. A README that was already missing or short at the base only informs.
import { posix } from 'node:path'
import type { ChangeSet, ChangedFile } from '../changes/types.js'
import type { Severity } from '../findings/types.js'
import { isReadmeName, packageInfo, type PackageInfo } from './packages.js'

/** Why a README problem counts as this change's, or that it does not. */
export type ReadmeCause = { caused: true; why: 'readme-broken' | 'new-package' } | { caused: false }

/** What {@link readmeBaseRequests} needs read at the base, and how {@link judgeReadmeCause} uses it. */
export interface ReadmeBaseRead {
  /** Base paths of the READMEs of `dir` this change touched (deleted, modified or renamed away). */
  readmes: string[]
  /** Base path of the package.json of `dir` when this change modified it (was it private then?). */
  manifest?: string
  /** True when this change added `dir`'s package.json (or moved or copied it there). */
  manifestAdded: boolean
}

function dirOf(path: string): string {
  const dir = posix.dirname(path)
  return dir === '.' ? '' : dir
}

/**
 * The base blobs the cause of a README problem in `dir` ('' = root) depends on, from the change
 * set alone: a README of `dir` the change did not touch is the same at the base (pre-existing).
 */
export function readmeBaseRequests(dir: string, changes: ChangeSet): ReadmeBaseRead {
  const readmes: string[] = []
  let manifest: string | undefined
  let manifestAdded = false
  const manifestPath = dir === '' ? 'package.json' : `${dir}/package.json`
  for (const f of changes.files as readonly ChangedFile[]) {
    const old = f.oldPath ?? f.path
    const hadOld = f.status !== 'added' && f.status !== 'copied'
    if (hadOld && dirOf(old) === dir && isReadmeName(posix.basename(old))) readmes.push(old)
    if (f.path === manifestPath && f.status !== 'deleted') {
      if (f.status === 'modified' || f.status === 'type-changed' || (f.status === 'renamed' && f.oldPath === manifestPath)) manifest = manifestPath
      else manifestAdded = true
    }
  }
  readmes.sort((a, b) => (posix.basename(a) === 'README.md' ? -1 : posix.basename(b) === 'README.md' ? 1 : a < b ? -1 : a > b ? 1 : 0))
  return { readmes, ...(manifest === undefined ? {} : { manifest }), manifestAdded }
}

/**
 * Whether this change caused the README problem found in `dir` at the version under test.
 * `baseProblem` is readmeProblem of the base README (the first of `read.readmes` that existed),
 * or undefined when the change touched no README of `dir` (then the base is what HEAD has: not
 * caused, unless the package is new). A package is new when its package.json was added, or was
 * `"private": true` at the base (`baseManifest`) and is publishable now.
 */
export function judgeReadmeCause(options: {
  dir: string
  pkg: PackageInfo | undefined
  read: ReadmeBaseRead
  baseProblem: object | null | undefined
  baseManifest: string | null | undefined
}): ReadmeCause {
  const { dir, pkg, read } = options
  if (read.readmes.length > 0 && options.baseProblem === null) return { caused: true, why: 'readme-broken' }
  if (dir !== '' && pkg?.publishable === true) {
    if (read.manifestAdded) return { caused: true, why: 'new-package' }
    if (read.manifest !== undefined && options.baseManifest !== undefined && !packageInfo(read.manifest, options.baseManifest).publishable)
      return { caused: true, why: 'new-package' }
  }
  return { caused: false }
}

/**
 * readme-missing's severity: low when the change did not cause it (never blocks); when it did,
 * high for a publishable place (a publishable package; the root when its package.json is not
 * private, or, without one, when some package of the repository is publishable), else medium: a
 * private package is never above medium.
 */
export function readmeSeverity(cause: ReadmeCause, publishable: boolean): Severity {
  if (!cause.caused) return 'low'
  return publishable ? 'high' : 'medium'
}
