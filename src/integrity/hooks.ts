// hook-removed: the places that make proofgate run — git hook scripts, lefthook commands, CI
// workflow steps — compared between two versions: an invocation removed, disabled or unable to fail.
import { isHookScriptPath, isLefthookConfigPath } from '../changes/paths.js'
import { parseYamlFile, type Span, type YamlFile } from './positions.js'
import type { MessageData } from '../findings/rule.js'
import { EXIT_CODE_MASK, integrityFinding, LOOSENING_HELP, show, type GateIntegrityMessageId, type IntegrityFinding } from './types.js'

/** A file that runs proofgate: a hook script (`.husky/`, `hooks/`, `.githooks/`), a lefthook config, or a GitHub Actions workflow. */
export type HookKind = 'script' | 'lefthook' | 'workflow'

/** The kind of hook file at `path`, or undefined when it is not one this rule reads. */
export function hookKind(path: string): HookKind | undefined {
  if (isHookScriptPath(path)) return 'script'
  if (isLefthookConfigPath(path)) return 'lefthook'
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ? 'workflow' : undefined
}

const MENTIONS = /proofgate/i
/** Options and variables that make a run check less. */
const NARROWING = /--gates\b|--fail-on\b|--filter-mode\b|--head\b|PROOFGATE_GATE_\w+=|PROOFGATE_FILTER_MODE=/g

/** One hook-removed report before its file is known: the messageId, its data (`file` is added last) and where. */
interface Report {
  messageId: GateIntegrityMessageId<'hook-removed'>
  data: MessageData
  span?: Span | undefined
}

/** Lines of a hook script that run proofgate: not comments, not echo/printf of a message. */
function invocations(text: string): Array<{ line: number; text: string; normalised: string }> {
  const out: Array<{ line: number; text: string; normalised: string }> = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || /^(?:echo|printf)\b/.test(line) || !MENTIONS.test(line)) return
    out.push({ line: i + 1, text: line, normalised: line.replace(/\s+/g, ' ') })
  })
  return out
}

function narrowedBy(before: string, after: string): string[] {
  const had = new Set([...before.matchAll(NARROWING)].map((m) => m[0]))
  return [...new Set([...after.matchAll(NARROWING)].map((m) => m[0]))].filter((flag) => !had.has(flag))
}

/** Unconditional `exit` lines (at column 1) before the first proofgate line: the hook ends before proofgate runs. */
function earlyExits(text: string): Array<{ line: number; text: string }> {
  const lines = text.split(/\r?\n/)
  const first = invocations(text)[0]?.line ?? lines.length + 1
  const out: Array<{ line: number; text: string }> = []
  for (let i = 0; i < first - 1; i++) {
    if (/^exit(?:\s+0)?\s*(?:#.*)?$/.test(lines[i] as string)) out.push({ line: i + 1, text: lines[i] as string })
  }
  return out
}

function compareScript(oldText: string | null, newText: string | null): Report[] {
  const out: Report[] = []
  const removed = invocations(oldText ?? '')
  const added: Array<{ line: number; text: string; normalised: string }> = []
  for (const inv of invocations(newText ?? '')) {
    const i = removed.findIndex((r) => r.normalised === inv.normalised)
    if (i >= 0) removed.splice(i, 1)
    else added.push(inv)
  }
  const span = (line: number, text: string): Span => ({ line, column: 1, endLine: line, endColumn: text.length + 1 })
  // An edited line pairs with the removed line it replaced, in order.
  for (const inv of added) {
    const replaced = removed.shift()
    if (replaced === undefined) continue
    if (EXIT_CODE_MASK.test(inv.text) && !EXIT_CODE_MASK.test(replaced.text)) {
      out.push({ messageId: 'lineMasked', data: { from: show(replaced.text), to: show(inv.text) }, span: span(inv.line, inv.text) })
      continue
    }
    const narrowed = narrowedBy(replaced.text, inv.text)
    if (narrowed.length > 0)
      out.push({
        messageId: 'lineNarrowed',
        data: { flags: narrowed.join(', '), from: show(replaced.text), to: show(inv.text) },
        span: span(inv.line, inv.text),
      })
  }
  for (const r of removed) out.push({ messageId: newText === null ? 'hookFileDeleted' : 'lineRemoved', data: { line: show(r.text) } })
  const exitsBefore = earlyExits(oldText ?? '').length
  for (const exit of earlyExits(newText ?? '').slice(exitsBefore)) {
    if (invocations(newText ?? '').length === 0) break
    out.push({ messageId: 'earlyExit', data: { exit: show(exit.text.trim()) }, span: span(exit.line, exit.text) })
  }
  return out
}

function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const isTrue = (value: unknown): boolean => value === true || /^\s*(?:\$\{\{\s*)?true(?:\s*\}\})?\s*$/i.test(typeof value === 'string' ? value : '')
const isFalseCondition = (value: unknown): boolean =>
  value === false ||
  value === 0 ||
  (typeof value === 'string' &&
    ['false', '0', "''", '""', 'null'].includes(
      value
        .replace(/^\s*\$\{\{\s*|\s*\}\}\s*$/g, '')
        .trim()
        .toLowerCase(),
    ))

interface LefthookEntry {
  id: string
  hook: string
  run: string
  skip: unknown
  path: Array<string | number>
}

/** Every command, script and job of a lefthook config, with its hook and key path. */
function lefthookEntries(value: unknown): LefthookEntry[] {
  const out: LefthookEntry[] = []
  if (!isDict(value)) return out
  for (const [hook, config] of Object.entries(value)) {
    if (!isDict(config)) continue
    for (const section of ['commands', 'scripts'] as const) {
      const entries = config[section]
      if (!isDict(entries)) continue
      for (const [name, entry] of Object.entries(entries)) {
        if (!isDict(entry)) continue
        out.push({
          id: `${hook}.${section}.${name}`,
          hook,
          run: `${String(entry.run ?? entry.runner ?? '')} ${section === 'scripts' ? name : ''}`.trim(),
          skip: entry.skip,
          path: [hook, section, name],
        })
      }
    }
    const jobs = (list: unknown, path: Array<string | number>): void => {
      if (!Array.isArray(list)) return
      list.forEach((job: unknown, i) => {
        if (!isDict(job)) return
        const name = typeof job.name === 'string' ? job.name : String(i)
        out.push({ id: `${hook}.jobs.${name}`, hook, run: String(job.run ?? job.script ?? ''), skip: job.skip, path: [...path, i] })
        if (isDict(job.group)) jobs(job.group.jobs, [...path, i, 'group', 'jobs'])
      })
    }
    jobs(config.jobs, [hook, 'jobs'])
  }
  return out
}

function compareLefthook(prevFile: YamlFile | undefined, nextFile: YamlFile | undefined): Report[] {
  const out: Report[] = []
  const prevValue = prevFile?.value
  const nextValue = nextFile?.value
  const before = lefthookEntries(prevValue).filter((e) => MENTIONS.test(e.run))
  const after = lefthookEntries(nextValue)
  const hookSkip = (value: unknown, hook: string): unknown => (isDict(value) && isDict(value[hook]) ? value[hook].skip : undefined)
  for (const old of before) {
    const same = after.find((e) => e.id === old.id && MENTIONS.test(e.run)) ?? after.find((e) => e.hook === old.hook && e.run === old.run)
    const label = `lefthook ${old.hook} command ${show(old.id.split('.').slice(2).join('.'))}`
    if (same === undefined) {
      out.push({ messageId: nextFile === undefined ? 'lefthookDeleted' : 'commandRemoved', data: { label } })
      continue
    }
    if (isTrue(same.skip) && !isTrue(old.skip)) out.push({ messageId: 'commandSkipped', data: { label }, span: nextFile?.spanAt([...same.path, 'skip']) })
    if (isTrue(hookSkip(nextValue, old.hook)) && !isTrue(hookSkip(prevValue, old.hook)))
      out.push({ messageId: 'hookSkipped', data: { hook: old.hook }, span: nextFile?.spanAt([old.hook, 'skip']) })
    if (EXIT_CODE_MASK.test(same.run) && !EXIT_CODE_MASK.test(old.run))
      out.push({ messageId: 'commandMasked', data: { label, run: show(same.run) }, span: nextFile?.spanAt(same.path) })
    const narrowed = narrowedBy(old.run, same.run)
    if (narrowed.length > 0) out.push({ messageId: 'commandNarrowed', data: { label, flags: narrowed.join(', ') }, span: nextFile?.spanAt(same.path) })
  }
  return out
}

interface Step {
  job: string
  index: number
  name?: string | undefined
  uses?: string | undefined
  run?: string | undefined
  value: Record<string, unknown>
  jobValue: Record<string, unknown>
}

function steps(value: unknown): Step[] {
  const out: Step[] = []
  if (!isDict(value) || !isDict(value.jobs)) return out
  for (const [job, jobValue] of Object.entries(value.jobs)) {
    if (!isDict(jobValue) || !Array.isArray(jobValue.steps)) continue
    jobValue.steps.forEach((step: unknown, index) => {
      if (!isDict(step)) return
      const text = (key: string): string | undefined => (typeof step[key] === 'string' ? (step[key] as string) : undefined)
      out.push({ job, index, name: text('name'), uses: text('uses'), run: text('run'), value: step, jobValue })
    })
  }
  return out
}

const runsProofgate = (step: Step): boolean => MENTIONS.test(step.uses ?? '') || MENTIONS.test(step.run ?? '')

function events(value: unknown): string[] {
  if (!isDict(value)) return []
  // YAML 1.1 readers turn `on` into true; the yaml package (1.2) keeps the key.
  const on = value.on ?? value.true
  if (typeof on === 'string') return [on]
  if (Array.isArray(on)) return on.map(String)
  return isDict(on) ? Object.keys(on) : []
}

function compareWorkflow(prevFile: YamlFile | undefined, nextFile: YamlFile | undefined): Report[] {
  const out: Report[] = []
  const before = steps(prevFile?.value).filter(runsProofgate)
  const after = steps(nextFile?.value).filter(runsProofgate)
  const taken = new Set<Step>()
  const pick = (test: (s: Step) => boolean): Step | undefined => {
    const found = after.find((s) => !taken.has(s) && test(s))
    if (found !== undefined) taken.add(found)
    return found
  }
  const describe = (s: Step): string => `${show(s.name ?? s.uses ?? s.run?.split('\n')[0] ?? `step ${s.index + 1}`)} (job ${s.job})`
  const at = (s: Step, key?: string): Span | undefined => nextFile?.spanAt(['jobs', s.job, 'steps', s.index, ...(key === undefined ? [] : [key])])
  for (const old of before) {
    // Steps match by name, then by `uses`, then by `run`, then as the job's only proofgate step.
    const same =
      (old.name !== undefined ? (pick((s) => s.name === old.name && s.job === old.job) ?? pick((s) => s.name === old.name)) : undefined) ??
      (old.uses !== undefined ? (pick((s) => s.uses === old.uses && s.job === old.job) ?? pick((s) => s.uses === old.uses)) : undefined) ??
      (old.run !== undefined ? pick((s) => s.run === old.run) : undefined) ??
      (before.filter((s) => s.job === old.job).length === 1 && after.filter((s) => s.job === old.job).length === 1 ? pick((s) => s.job === old.job) : undefined)
    if (same === undefined) {
      out.push({ messageId: nextFile === undefined ? 'workflowDeleted' : 'stepRemoved', data: { step: describe(old) } })
      continue
    }
    if (isTrue(same.value['continue-on-error']) && !isTrue(old.value['continue-on-error'])) {
      out.push({ messageId: 'stepContinueOnError', data: { step: describe(same) }, span: at(same, 'continue-on-error') })
    }
    if (isTrue(same.jobValue['continue-on-error']) && !isTrue(old.jobValue['continue-on-error'])) {
      out.push({ messageId: 'jobContinueOnError', data: { job: same.job }, span: nextFile?.spanAt(['jobs', same.job, 'continue-on-error']) })
    }
    if (isFalseCondition(same.value.if) && !isFalseCondition(old.value.if)) {
      out.push({ messageId: 'stepDisabled', data: { condition: String(same.value.if), step: describe(same) }, span: at(same, 'if') })
    }
    if (isFalseCondition(same.jobValue.if) && !isFalseCondition(old.jobValue.if)) {
      out.push({ messageId: 'jobDisabled', data: { condition: String(same.jobValue.if), job: same.job }, span: nextFile?.spanAt(['jobs', same.job, 'if']) })
    }
    if (EXIT_CODE_MASK.test(same.run ?? '') && !EXIT_CODE_MASK.test(old.run ?? '')) {
      out.push({ messageId: 'stepMasked', data: { step: describe(same) }, span: at(same, 'run') })
    }
    const narrowed = narrowedBy(`${old.run ?? ''} ${JSON.stringify(old.value.with ?? {})}`, `${same.run ?? ''} ${JSON.stringify(same.value.with ?? {})}`)
    if (narrowed.length > 0) out.push({ messageId: 'stepNarrowed', data: { step: describe(same), flags: narrowed.join(', ') }, span: at(same) })
  }
  if (before.length > 0 && after.length > 0) {
    const now = new Set(events(nextFile?.value))
    for (const event of events(prevFile?.value)) {
      if (!now.has(event)) out.push({ messageId: 'triggerRemoved', data: { event: show(event) }, span: nextFile?.spanAt(['on']) })
    }
  }
  return out
}

/**
 * Compares two versions (`null` = absent) of a file that makes proofgate run and reports (high)
 * what stops it: in hook scripts (`.husky/*`, `hooks/*`, `.githooks/*`), a line running proofgate
 * removed (echo/printf and comments are not runs), edited to ignore its exit code (`|| true`) or
 * to pass narrowing options (`--gates`, `--fail-on`, `PROOFGATE_GATE_*=`), or an unconditional
 * `exit` put before it; in lefthook configs, a command running proofgate removed, skipped or
 * masked; in GitHub workflows, a step whose `uses` or `run` mentions proofgate removed (steps
 * match by name, uses, run, or as their job's only proofgate step), `continue-on-error: true` or
 * a false `if` added to it or its job, its exit code masked, or a trigger of its workflow
 * dropped. A YAML file that does not parse at the new version is medium.
 */
export function compareHooks(path: string, oldText: string | null, newText: string | null): IntegrityFinding[] {
  const kind = hookKind(path)
  if (kind === undefined) return []
  let reports: Report[]
  let severity: 'high' | 'medium' = 'high'
  if (kind === 'script') {
    reports = compareScript(oldText, newText)
  } else {
    const next = newText === null ? undefined : parseYamlFile(newText)
    const prev = oldText === null ? undefined : parseYamlFile(oldText)
    if (next?.broken === true) {
      severity = 'medium'
      reports = [{ messageId: 'notYaml', data: {} }]
    } else {
      const usable = prev?.broken === true ? undefined : prev
      reports = kind === 'lefthook' ? compareLefthook(usable, next) : compareWorkflow(usable, next)
    }
  }
  return reports.map((r) =>
    integrityFinding(
      'hook-removed',
      r.messageId,
      { ...r.data, file: path },
      {
        severity,
        ...(r.span === undefined ? {} : { startLine: r.span.line, startColumn: r.span.column, endLine: r.span.endLine, endColumn: r.span.endColumn }),
        help: LOOSENING_HELP,
      },
    ),
  )
}
