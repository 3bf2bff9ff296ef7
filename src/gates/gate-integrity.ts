// The `gate-integrity` gate: changes in base..head that loosen the checks themselves — proofgate's
// config and waivers, suppression comments, test-runner and lint settings, hooks and CI steps.
import { join } from 'node:path'
import { headRevision, readBlobs, type BlobRequest } from '../changes/history.js'
import type { ChangedFile } from '../changes/types.js'
import { CONFIG_FILE_NAMES, WAIVERS_FILE } from '../config/load.js'
import { listTree } from '../docs/git.js'
import { compareAttributes, isAttributesPath } from '../integrity/attributes.js'
import { deletedProjects, inDeletedProject } from '../integrity/deleted-projects.js'
import { compareHooks, hookKind } from '../integrity/hooks.js'
import { compareLintConfigs, lintConfigKind, type FileVersions } from '../integrity/lint-config.js'
import { compareProofgateConfig, compareWaivers } from '../integrity/proofgate-config.js'
import { compareRunnerConfig, runnerConfigKind } from '../integrity/runner-config.js'
import { compareSuppressions, isSuppressionPath } from '../integrity/suppressions.js'
import { GATE_INTEGRITY_RULES, type IntegrityFinding } from '../integrity/types.js'
import type { TestDiscovery } from '../testing/discover.js'
import { discoveryOf } from '../testing/scan.js'
import { loadTypeScript } from '../testing/typescript.js'
import { readIfExists } from '../util/state.js'
import type { Gate } from './types.js'

type Kind = 'config' | 'suppressions' | 'runner' | 'lint' | 'hooks' | 'attributes'

const KINDS: Record<Kind, (path: string) => boolean> = {
  config: (path) => (CONFIG_FILE_NAMES as readonly string[]).includes(path),
  suppressions: isSuppressionPath,
  runner: (path) => runnerConfigKind(path) !== undefined,
  lint: (path) => lintConfigKind(path) !== undefined,
  hooks: (path) => hookKind(path) !== undefined,
  attributes: isAttributesPath,
}

const LABELS: Record<Kind, string> = { config: 'proofgate config', suppressions: 'source file', runner: 'runner config', lint: 'lint config', hooks: 'hook file', attributes: '.gitattributes file' }

/** One file compared as one kind; a rename into or out of a kind compares with absent. */
interface Comparison {
  kind: Kind
  file: ChangedFile
  /** The path findings are reported on: the new path, or the old one when the file left the kind. */
  path: string
  old: number | undefined
  next: number | undefined
}

/**
 * The `gate-integrity` gate: compares the base and head versions of every changed file that
 * configures a check (plus the waivers file, which is outside the change set) and reports what
 * loosens it; rule ids in integrity/types.ts. Not diff-filtered: a deleted line has no added line.
 */
export const gateIntegrityGate: Gate = {
  id: 'gate-integrity',
  meta: {
    description: 'Changes that loosen the checks themselves: proofgate config and waivers, suppression comments, test-runner, ESLint and tsconfig settings, hooks and workflow steps',
    defaultMode: 'blocking',
    rules: GATE_INTEGRITY_RULES,
    // A removed hook line or a deleted setting has no added line to sit on: these are facts about the range.
    diffFiltered: false,
  },
  warmUp(_root, changes) {
    // Only source files and runner configs are parsed; a docs or config-only push never pays for TypeScript.
    if (changes.files.some((f) => !f.binary && (KINDS.suppressions(f.path) || KINDS.runner(f.path) || (f.oldPath !== undefined && (KINDS.suppressions(f.oldPath) || KINDS.runner(f.oldPath)))))) {
      void loadTypeScript().catch(() => undefined)
    }
  },
  appliesTo(changes) {
    // The waivers file is never in the change set, so only an empty range is sure to hold nothing.
    if (changes.base.sha === changes.head.sha && !changes.includesWorkingTree && changes.index !== true) return { applies: false, reason: 'the base and the head are the same commit' }
    return true
  },
  async run(ctx) {
    const { changes, root } = ctx
    const requests: BlobRequest[] = []
    const ask = (rev: string, path: string): number => requests.push({ rev, path }) - 1
    const head = headRevision(changes)
    const comparisons: Comparison[] = []
    // A project deleted whole (its package.json with all its code and tests) takes its test and lint settings with it.
    const projects = await deletedProjects(changes.files, () => listTree(root, changes.treeHash, ctx.signal))
    for (const file of changes.files) {
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
          old: hadOld ? ask(changes.base.sha, oldPath) : undefined,
          next: hasNew ? ask(head, file.path) : undefined,
        })
      }
    }
    // `.proofgate/` is outside the change set and the tree snapshot: the head version is on disk.
    const waiversOld = ask(changes.base.sha, WAIVERS_FILE)
    const waiversHead = changes.includesWorkingTree ? undefined : ask(changes.treeHash, WAIVERS_FILE)
    const [blobs, waiversOnDisk] = await Promise.all([readBlobs(root, requests), changes.includesWorkingTree ? readIfExists(join(root, WAIVERS_FILE)) : Promise.resolve(null)])
    const text = (index: number | undefined): string | null => (index === undefined ? null : (blobs[index] ?? null))
    const waivers = { old: text(waiversOld), next: waiversHead === undefined ? waiversOnDisk : text(waiversHead) }
    const waiversChanged = waivers.old !== waivers.next

    const removed = projects.length === 0 ? '' : ` (${projects.length === 1 ? 'project' : 'projects'} deleted whole, not a loosening: ${projects.join(', ')})`
    if (comparisons.length === 0 && !waiversChanged) {
      return { status: 'skipped', reason: `no proofgate config, waiver, JS/TS source, runner or lint config, hook or workflow changed${removed}`, summary: `nothing that configures a check changed${removed}` }
    }

    const found: Array<{ path: string; finding: IntegrityFinding }> = []
    const add = (path: string, findings: readonly IntegrityFinding[]): void => {
      for (const finding of findings) found.push({ path, finding })
    }
    if (waiversChanged) add(WAIVERS_FILE, compareWaivers(waivers.old, waivers.next, WAIVERS_FILE))
    let discovery: Promise<TestDiscovery> | undefined
    const discover = (): Promise<TestDiscovery> => (discovery ??= discoveryOf(ctx))
    const counts: Record<Kind, number> = { config: 0, suppressions: 0, runner: 0, lint: 0, hooks: 0, attributes: 0 }
    let treeFiles: Promise<string[]> | undefined
    const lint: FileVersions[] = []
    for (const c of comparisons) {
      const prev = text(c.old)
      const next = text(c.next)
      if (prev === next) continue
      counts[c.kind]++
      switch (c.kind) {
        case 'config':
          add(c.path, compareProofgateConfig(prev, next, c.path))
          break
        case 'suppressions': {
          // TypeScript loads once per process (warmUp started it); only these kinds need it.
          const ts = await loadTypeScript()
          const plain = compareSuppressions(ts, c.path, prev, next, { addedLines: c.file.addedLines, testFile: false })
          // Test discovery reads the runner configs: paid only when a suppression was added.
          const testFile = plain.length > 0 && (await discover()).isTestFile(c.path)
          add(c.path, testFile ? compareSuppressions(ts, c.path, prev, next, { addedLines: c.file.addedLines, testFile }) : plain)
          break
        }
        case 'runner':
          add(c.path, compareRunnerConfig(await loadTypeScript(), c.path, prev, next, (await discover()).files))
          break
        case 'lint':
          // Compared together after the loop: settings may move between the files of a directory.
          lint.push({ path: c.path, oldText: prev, newText: next })
          break
        case 'hooks':
          add(c.path, compareHooks(c.path, prev, next))
          break
        case 'attributes':
          // The tree's files are listed only when an attributes file changed.
          add(c.path, compareAttributes(prev, next, c.path, await (treeFiles ??= listTree(root, head, ctx.signal))))
          break
      }
    }
    if (lint.length > 0) for (const { path, ...finding } of compareLintConfigs(await loadTypeScript(), lint)) add(path, [finding])
    for (const { path, finding } of found) ctx.report({ ...finding, path })
    const compared = (Object.entries(counts) as Array<[Kind, number]>).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${LABELS[kind]}${n === 1 ? '' : 's'}`)
    if (waiversChanged) compared.unshift('the waivers')
    return {
      summary: `${compared.length === 0 ? 'nothing that configures a check changed in content' : `compared ${compared.join(', ')}`}: ${found.length} finding${found.length === 1 ? '' : 's'}${removed}`,
      data: { compared: counts, waiversChanged, findings: found.length, deletedProjects: projects },
    }
  },
}
