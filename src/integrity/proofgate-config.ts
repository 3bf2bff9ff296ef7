// config-weakened: compares the effective `.proofgate.yml` (defaults applied), the waivers and the
// counter-evidence of the base with those of the version under test, and says which loosen proofgate.
import { validateYaml } from '../config/positions.js'
import { counterEvidenceFileSchema } from '../config/counter-evidence.js'
import { GATES } from '../gates/index.js'
import type { Gate } from '../gates/types.js'
import { configDifferences, proofDifferences } from '../config/diff.js'
import { configSchema, waiversFileSchema, type Config, type ProofCommand, type Waiver } from '../config/schema.js'
import type { ConfigProblem } from '../errors.js'
import type { Severity } from '../findings/types.js'
import { levelStrength, RULE_DEFAULTS, type RuleKey, type RuleLevel } from '../findings/rules.js'
import { parseYamlFile, type Span, type YamlFile } from './positions.js'
import type { MessageData } from '../findings/rule.js'
import { integrityFinding, show, type GateIntegrityMessageId, type IntegrityFinding } from './types.js'

const MODE_RANK: Record<string, number> = { off: 0, advisory: 1, blocking: 2 }
/** How much of the findings a filter mode lets count: nofilter > file > diff_context > added. */
const FILTER_RANK: Record<string, number> = { added: 0, diff_context: 1, file: 2, nofilter: 3 }
const MEDIUM_HELP = "have a reviewer confirm the change; no waivers file can waive a finding about proofgate's own config or waivers"
/** config-weakened is never waivable (findings/trust.ts): only a reviewer's approval resolves it. */
const LOOSENING_HELP =
  'revert the change, or have a reviewer approve the pull request (an owner, member or collaborator other than its author, on its head commit); no waiver can waive a loosening of proofgate itself'

type Path = ReadonlyArray<string | number>

interface Change {
  path: Path
  severity: Severity
  messageId: GateIntegrityMessageId<'config-weakened'>
  data: MessageData
  /** Where in the new version: the key, or an added list entry. */
  span?: Span | undefined
}

/** A parsed side: the effective config, or the problem that kept it from being read. */
type Side<T> = { ok: true; data: T; yaml: YamlFile | undefined } | { ok: false; problem: string; line: number; column: number }

function readSide<T>(
  text: string | null,
  file: string,
  parse: (text: string) => { data: T | undefined; problems: readonly ConfigProblem[] },
  empty: T,
): Side<T> {
  if (text === null) return { ok: true, data: empty, yaml: undefined }
  const result = parse(text)
  if (result.data === undefined) {
    const first = result.problems[0]
    return {
      ok: false,
      problem: first === undefined ? `${file} is invalid` : `${first.path === '' ? '' : `${first.path}: `}${first.message}`,
      line: first?.line ?? 1,
      column: first?.column ?? 1,
    }
  }
  return { ok: true, data: result.data, yaml: parseYamlFile(text) }
}

function dotted(path: Path): string {
  return path.map(String).join('.')
}

/** Each entry of `next` beyond what `prev` holds (a multiset difference), in order. */
function addedEntries(prev: readonly unknown[], next: readonly unknown[]): Array<{ value: unknown; index: number }> {
  const left = prev.map((v) => JSON.stringify(v))
  const out: Array<{ value: unknown; index: number }> = []
  next.forEach((value, index) => {
    const i = left.indexOf(JSON.stringify(value))
    if (i >= 0) left.splice(i, 1)
    else out.push({ value, index })
  })
  return out
}

/** Lists whose added entries loosen a check, each entry reported on its own line. */
const LOOSENING_LISTS: Record<string, string> = {
  'test-files.exclude': 'fewer files are checked as tests',
  'gates.mock-integrity.assertion-functions': 'more calls count as assertions, so fewer tests read as asserting nothing',
  'env-pass': "the repository's code (tests, proof commands) may read that variable of the environment proofgate runs in, a credential included",
}

/** Numbers whose move in one direction loosens a check: +1 when raising loosens, -1 when lowering does. */
const LOOSENING_NUMBERS: Record<string, { direction: 1 | -1; why: string }> = {
  'gates.mock-integrity.internal-mock-ratio.max-ratio': { direction: 1, why: "more of a test file's modules may be mocked before it is reported" },
  'gates.mock-integrity.internal-mock-ratio.min-mocks': { direction: 1, why: 'more mocks are needed before the ratio is reported' },
  'gates.test-mutation.min-assertions': { direction: -1, why: 'new tests may check fewer values' },
  'gates.doc-coverage.stale-after': { direction: 1, why: 'docs may fall further behind the code before docs-stale reports them' },
  'gates.coverage.min-patch-coverage': { direction: -1, why: 'less of the changed code needs to be executed by a test' },
  'review.pick': { direction: -1, why: 'fewer reviewers look at each change' },
  'review.max-diff-bytes': { direction: -1, why: 'reviewers see less of the diff' },
}

type ReviewerEntry = { name: string; run: string; paths?: string[]; always: boolean; env: string[] }

/** What a kept reviewer lost between two versions, or null: its command changed, its paths changed, `always` dropped, env names added. */
function reviewerLoss(before: ReviewerEntry, after: ReviewerEntry): string | null {
  if (before.run !== after.run) return `changed its command from ${show(before.run)} to ${show(after.run)}`
  if (JSON.stringify(before.paths ?? null) !== JSON.stringify(after.paths ?? null))
    return `changed its paths from ${show(before.paths ?? 'every file')} to ${show(after.paths ?? 'every file')}`
  if (before.always && !after.always) return 'is no longer `always`'
  const added = after.env.filter((n) => !before.env.includes(n))
  if (added.length > 0) return `now receives ${added.join(', ')} from the environment`
  return null
}

/**
 * `review.reviewers`, `review.devils-advocate` and `review.judges`, matched by name: one removed,
 * or a kept one weakened ({@link reviewerLoss}), is critical; one added, medium.
 */
function classifyReviewers(key: string, prev: unknown, next: unknown, where: string): Array<Omit<Change, 'span'> & { entry?: number }> {
  const list = (v: unknown): ReviewerEntry[] => (Array.isArray(v) ? (v as ReviewerEntry[]) : v === undefined || v === null ? [] : [v as ReviewerEntry])
  const who = key === 'review.devils-advocate' ? "Devil's advocate" : key === 'review.judges' ? 'Judge' : 'Reviewer'
  const path = key.split('.')
  const then = list(prev)
  const now = list(next)
  const out: Array<Omit<Change, 'span'> & { entry?: number }> = []
  for (const old of then) {
    const kept = now.findIndex((r) => r.name === old.name)
    if (kept < 0) out.push({ path, severity: 'critical', messageId: 'reviewerWeakened', data: { who, name: old.name, what: 'removed', where } })
    else {
      const loss = reviewerLoss(old, now[kept]!)
      if (loss !== null) {
        out.push({
          path,
          ...(Array.isArray(next) ? { entry: kept } : {}),
          severity: 'critical',
          messageId: 'reviewerWeakened',
          data: { who, name: old.name, what: loss, where },
        })
      }
    }
  }
  now.forEach((r, index) => {
    if (!then.some((old) => old.name === r.name))
      out.push({ path, ...(Array.isArray(next) ? { entry: index } : {}), severity: 'medium', messageId: 'reviewerAdded', data: { who, name: r.name, where } })
  })
  if (out.length === 0) out.push({ path, severity: 'medium', messageId: 'changed', data: { key, moved: `from ${show(prev)} to ${show(next)}`, where } })
  return out
}

const REVIEWER_KEYS = new Set(['review.reviewers', 'review.devils-advocate', 'review.judges'])

/** The config as the runner applies it: a gate the config gives nothing to do (GateMeta.enabled) is off, so `mode: off` on it loosens nothing. */
function effectiveGates(config: Config): Config {
  const gates = { ...config.gates } as Record<string, { mode: string }>
  for (const gate of GATES as readonly Gate[]) {
    if (gate.meta.enabled !== undefined && !gate.meta.enabled(config) && gates[gate.id] !== undefined) gates[gate.id] = { ...gates[gate.id]!, mode: 'off' }
  }
  return { ...config, gates: gates as Config['gates'] }
}

/**
 * The `proof:` list, matched by name: a command removed, or its `run` changed, is critical (what
 * counts as proof got weaker, or may have: `npm test` → `npm test || true`); a command added, or a
 * timeout changed, is medium. `entry` is the index in the new list, for the line.
 */
function classifyProof(prev: readonly ProofCommand[], next: readonly ProofCommand[], where: string): Array<Omit<Change, 'span'> & { entry?: number }> {
  const diff = proofDifferences(prev, next)
  const path = ['proof']
  const out: Array<Omit<Change, 'span'> & { entry?: number }> = [
    ...diff.added.map(({ command, index }) => ({
      path,
      entry: index,
      severity: 'medium' as const,
      messageId: 'proofAdded' as const,
      data: { name: command.name, where },
    })),
    ...diff.changed.map(({ before, after, index }) =>
      before.run !== after.run
        ? {
            path,
            entry: index,
            severity: 'critical' as const,
            messageId: 'proofRunChanged' as const,
            data: { name: after.name, from: show(before.run), to: show(after.run), where },
          }
        : {
            path,
            entry: index,
            severity: 'medium' as const,
            messageId: 'proofTimeoutChanged' as const,
            data: { name: after.name, from: String(before.timeout), to: String(after.timeout), where },
          },
    ),
    ...diff.removed.map((removed) => ({
      path,
      severity: 'critical' as const,
      messageId: 'proofRemoved' as const,
      data: { name: removed.name, run: show(removed.run), where },
    })),
  ]
  if (out.length === 0) out.push({ path, severity: 'medium', messageId: 'proofReordered', data: { where } })
  return out
}

/**
 * One `rules.<gate>/<rule>` entry: a level below the one in force before (the base's, else the
 * rule's default) loosens the gate, critical; `off` most of all. A raise is medium.
 */
function classifyRule(rule: string, prev: RuleLevel | undefined, next: RuleLevel | undefined, where: string): Array<Omit<Change, 'span'>> {
  const fallback: RuleLevel = RULE_DEFAULTS[rule as RuleKey] ?? 'info'
  const then = prev ?? fallback
  const now = next ?? fallback
  const label = (level: RuleLevel, set: boolean): string => (set ? level : `${level} (the default)`)
  const moved = `from ${label(then, prev !== undefined)} to ${label(now, next !== undefined)}`
  const path = next === undefined ? ['rules'] : ['rules', rule]
  if (levelStrength(now) < levelStrength(then)) {
    if (now === 'off') return [{ path, severity: 'critical', messageId: 'ruleOff', data: { rule, was: then, where } }]
    return [
      { path, severity: 'critical', messageId: levelStrength(now) < levelStrength('high') ? 'ruleUnblocked' : 'ruleLowered', data: { rule, moved, where } },
    ]
  }
  return [{ path, severity: 'medium', messageId: 'ruleRaised', data: { rule, moved, where } }]
}

const TURNED_OFF = new Set(['gates.static-analysis.eslint', 'gates.static-analysis.biome', 'gates.static-analysis.oxlint', 'gates.static-analysis.typescript'])

/** Classifies one changed setting; `prev`/`next` are effective values (defaults applied). */
function classify(path: Path, prev: unknown, next: unknown, where: string): Array<Omit<Change, 'span'> & { entry?: number }> {
  const key = dotted(path)
  const moved = `from ${show(prev)} to ${show(next)}`
  const gateMode = /^gates\.[^.]+\.mode$/.test(key)
  if (gateMode || key === 'filter-mode') {
    const rank = gateMode ? MODE_RANK : FILTER_RANK
    const lowered = (rank[String(next)] ?? 0) < (rank[String(prev)] ?? 0)
    if (lowered) {
      return [
        { path, severity: 'critical', messageId: gateMode ? 'modeLowered' : 'filterNarrowed', data: { key, from: String(prev), to: String(next), where } },
      ]
    }
    return [{ path, severity: 'medium', messageId: 'stricter', data: { key, moved, where } }]
  }
  if (path[0] === 'rules' && path.length === 2) return classifyRule(String(path[1]), prev as RuleLevel | undefined, next as RuleLevel | undefined, where)
  if (TURNED_OFF.has(key) && prev === true && next === false) {
    return [{ path, severity: 'critical', messageId: 'turnedOff', data: { key, where } }]
  }
  if (key === 'proof' && Array.isArray(prev) && Array.isArray(next)) return classifyProof(prev as ProofCommand[], next as ProofCommand[], where)
  if (REVIEWER_KEYS.has(key)) return classifyReviewers(key, prev, next, where)
  // A devil's advocate on both sides is compared key by key.
  if (key === 'review.devils-advocate.run' || key === 'review.devils-advocate.paths') {
    const what = key.endsWith('.run') ? `changed its command ${moved}` : `changed its paths ${moved}`
    return [{ path, severity: 'critical', messageId: 'reviewerWeakened', data: { who: "Devil's advocate", name: 'devils-advocate', what, where } }]
  }
  if (key === 'review.devils-advocate.env' && Array.isArray(prev) && Array.isArray(next) && next.some((n) => !prev.includes(n))) {
    return [
      {
        path,
        severity: 'critical',
        messageId: 'reviewerWeakened',
        data: { who: "Devil's advocate", name: 'devils-advocate', what: `now receives more of the environment (${moved})`, where },
      },
    ]
  }
  if (key === 'review.inconclusive' && prev === 'block' && next === 'warn') {
    return [{ path, severity: 'critical', messageId: 'numberLowered', data: { key, moved, where, why: 'a reviewer that gives no verdict no longer blocks' } }]
  }
  if (key === 'gates.coverage.min-patch-coverage' && typeof prev === 'number' && next === undefined) {
    return [{ path, severity: 'critical', messageId: 'minimumRemoved', data: { key, where, was: prev } }]
  }
  const list = LOOSENING_LISTS[key]
  if (list !== undefined && Array.isArray(prev) && Array.isArray(next)) {
    const added = addedEntries(prev, next)
    if (added.length > 0) {
      return added.map(({ value, index }) => ({
        path,
        entry: index,
        severity: 'critical' as const,
        messageId: 'entryAdded' as const,
        data: { value: show(value), key, where, why: list },
      }))
    }
    return [{ path, severity: 'medium', messageId: 'entriesRemoved', data: { key, moved, where } }]
  }
  const number = LOOSENING_NUMBERS[key]
  if (number !== undefined && typeof prev === 'number' && typeof next === 'number' && Math.sign(next - prev) === number.direction) {
    return [{ path, severity: 'critical', messageId: number.direction === 1 ? 'numberRaised' : 'numberLowered', data: { key, moved, where, why: number.why } }]
  }
  if (/^gates\.[^.]+\.timeout$/.test(key)) {
    // Neither direction loosens: a gate that runs out of time errors, and an errored gate blocks.
    return [{ path, severity: 'medium', messageId: 'timeoutChanged', data: { key, moved, where } }]
  }
  return [{ path, severity: 'medium', messageId: 'changed', data: { key, moved, where } }]
}

/**
 * Compares two versions of `.proofgate.yml` (`null` = absent, which means defaults) as effective
 * configs: each changed setting is one finding, critical when it loosens proofgate (a gate mode
 * lowered, the filter mode narrowed, ESLint or TypeScript turned off, `test-files.exclude` or
 * `assertion-functions` entries added, the mock-ratio thresholds raised, `min-assertions`
 * lowered, `doc-coverage.stale-after` raised, `coverage.min-patch-coverage` lowered or removed, a
 * `proof` command removed or its `run` changed), medium otherwise (timeouts, args, the trailer, anything stricter). Comments and
 * formatting are not settings. A version under test that is not a valid config gives one medium
 * finding saying it could not be compared; an invalid base counts as defaults.
 * @param file the config's repository-relative path, for messages
 * @param absence why `newText` is null: the file was deleted, or replaced by a symbolic link
 *   (which proofgate never follows, so it counts as a deletion); only the messages differ
 */
export function compareProofgateConfig(
  oldText: string | null,
  newText: string | null,
  file: string,
  absence: 'deleted' | 'symlink' = 'deleted',
): IntegrityFinding[] {
  const defaults: Config = configSchema.parse({})
  const parse = (text: string) => validateYaml(text, file, configSchema)
  const next = readSide<Config>(newText, file, parse, defaults)
  if (!next.ok) {
    return [
      integrityFinding(
        'config-weakened',
        'invalidConfig',
        { file, problem: next.problem },
        { severity: 'medium', startLine: next.line, startColumn: next.column, help: 'fix the config; proofgate exits 78 on it' },
      ),
    ]
  }
  const prevSide = readSide<Config>(oldText, file, parse, defaults)
  const prev = prevSide.ok ? prevSide.data : defaults
  const where =
    newText === null
      ? `(${file} ${absence === 'symlink' ? 'replaced by a symlink, which proofgate never follows' : 'deleted'}, so the default applies)`
      : `in ${file}`
  const changes = configDifferences(effectiveGates(prev), effectiveGates(next.data))
  const findings: IntegrityFinding[] = []
  for (const change of changes) {
    for (const c of classify(change.path, change.prev, change.next, where)) {
      const span = next.yaml?.spanAt(c.entry === undefined ? c.path : [...c.path, c.entry])
      findings.push(
        integrityFinding('config-weakened', c.messageId, c.data, {
          severity: c.severity,
          ...(span === undefined ? {} : { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn }),
          help: c.severity === 'critical' ? LOOSENING_HELP : MEDIUM_HELP,
        }),
      )
    }
  }
  // In file order; settings no longer written (no line) keep the schema's order, last.
  return findings.sort((a, b) => (a.startLine ?? Infinity) - (b.startLine ?? Infinity) || (a.startColumn ?? 0) - (b.startColumn ?? 0))
}

function describeWaiver(w: Waiver): string {
  const what = w.fingerprint !== undefined ? `fingerprint ${w.fingerprint}` : `rule ${w.rule} on ${w.path}`
  return `${what} (${w.proof}: "${w.reason}")`
}

/** Waivers match across versions by what they waive: the fingerprint, else the rule and path glob. */
export function waiverKey(w: Waiver): string {
  return w.fingerprint !== undefined ? `fingerprint\0${w.fingerprint}` : `rule\0${w.rule}\0${w.path}`
}

/**
 * Compares two versions of `.proofgate/waivers.yml` (`null` = absent): every waiver of the new
 * version that the old one lacks (matched by fingerprint, else rule and path glob; a shortened
 * fingerprint or widened glob is a new waiver) is critical at its line, and so is a kept waiver
 * whose `expires` moved later or was dropped. Removing waivers, or editing a reason or proof, is
 * not a finding. A new version that is invalid gives one medium finding; an invalid old version
 * counts as no waivers, so each waiver of the new one is reported.
 * @param file the waivers file's repository-relative path, for messages
 */
export function compareWaivers(oldText: string | null, newText: string | null, file: string): IntegrityFinding[] {
  if (newText === null) return []
  const parse = (text: string) => validateYaml(text, file, waiversFileSchema)
  type Waivers = { waivers: Waiver[] }
  const next = readSide<Waivers>(newText, file, parse, { waivers: [] })
  if (!next.ok) {
    return [
      integrityFinding(
        'config-weakened',
        'invalidWaivers',
        { file, problem: next.problem },
        { severity: 'medium', startLine: next.line, startColumn: next.column, help: 'fix the waivers file; proofgate exits 78 on it' },
      ),
    ]
  }
  const prevSide = readSide<Waivers>(oldText, file, parse, { waivers: [] })
  const unmatched = new Map<string, Waiver[]>()
  for (const w of prevSide.ok ? prevSide.data.waivers : []) unmatched.set(waiverKey(w), [...(unmatched.get(waiverKey(w)) ?? []), w])
  const findings: IntegrityFinding[] = []
  next.data.waivers.forEach((w, index) => {
    const span = next.yaml?.spanAt(['waivers', index])
    const at = span === undefined ? {} : { startLine: span.line, startColumn: span.column }
    const old = unmatched.get(waiverKey(w))?.shift()
    if (old === undefined) {
      findings.push(
        integrityFinding('config-weakened', 'waiverAdded', { file, waiver: describeWaiver(w) }, { severity: 'critical', ...at, help: LOOSENING_HELP }),
      )
      return
    }
    const later = old.expires !== undefined && (w.expires === undefined || w.expires > old.expires)
    if (later) {
      const place = { severity: 'critical' as const, ...at, help: LOOSENING_HELP }
      const waiver = describeWaiver(w)
      findings.push(
        w.expires === undefined
          ? integrityFinding('config-weakened', 'waiverNeverExpires', { waiver, file, was: String(old.expires) }, place)
          : integrityFinding('config-weakened', 'waiverExpiresLater', { waiver, file, from: String(old.expires), to: String(w.expires) }, place),
      )
    }
  })
  return findings
}

type Evidence = { fingerprint: string; claim: string; proofType: string; artifacts: string[] }

/**
 * Compares two versions of `.proofgate/counter-evidence.yml` (`null` = absent): every entry of the
 * new version that the old one lacks, or holds with another claim, proof type or artifacts, is
 * critical at its line — once merged, it lets the council waive a blocking finding, so a human
 * approves it as they would a waiver. Removing an entry is not a finding. A new version that is
 * invalid gives one medium finding (proofgate exits 78 on it); an invalid old version counts as none.
 * @param file the counter-evidence file's repository-relative path, for messages
 */
export function compareCounterEvidence(oldText: string | null, newText: string | null, file: string): IntegrityFinding[] {
  if (newText === null) return []
  const parse = (text: string) => validateYaml(text, file, counterEvidenceFileSchema)
  type File = { 'counter-evidence': Evidence[] }
  const next = readSide<File>(newText, file, parse, { 'counter-evidence': [] })
  if (!next.ok) {
    return [
      integrityFinding(
        'config-weakened',
        'invalidCounterEvidence',
        { file, problem: next.problem },
        { severity: 'medium', startLine: next.line, startColumn: next.column, help: 'fix the counter-evidence file; proofgate exits 78 on it' },
      ),
    ]
  }
  const prev = readSide<File>(oldText, file, parse, { 'counter-evidence': [] })
  const before = new Map<string, Evidence[]>()
  for (const e of prev.ok ? prev.data['counter-evidence'] : []) before.set(e.fingerprint, [...(before.get(e.fingerprint) ?? []), e])
  const same = (a: Evidence, b: Evidence): boolean =>
    JSON.stringify([a.claim, a.proofType, a.artifacts]) === JSON.stringify([b.claim, b.proofType, b.artifacts])
  const findings: IntegrityFinding[] = []
  next.data['counter-evidence'].forEach((e, index) => {
    const olds = before.get(e.fingerprint) ?? []
    const twin = olds.findIndex((o) => same(o, e))
    if (twin >= 0) {
      olds.splice(twin, 1)
      return
    }
    const span = next.yaml?.spanAt(['counter-evidence', index])
    const at = span === undefined ? {} : { startLine: span.line, startColumn: span.column }
    const messageId = olds.length === 0 ? 'counterEvidenceAdded' : 'counterEvidenceChanged'
    if (olds.length > 0) olds.shift()
    findings.push(
      integrityFinding(
        'config-weakened',
        messageId,
        { file, fingerprint: e.fingerprint, proofType: e.proofType },
        { severity: 'critical', ...at, help: LOOSENING_HELP },
      ),
    )
  })
  return findings
}
