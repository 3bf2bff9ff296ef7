// Applies waivers from `.proofgate/waivers.yml` to findings: a waived finding stays in every
// report with its reason; expired and unused waivers are reported (low).
import picomatch from 'picomatch'
import type { Waiver } from '../config/schema.js'
import { formatMessage, type RuleMeta } from './rule.js'
import type { Finding, FindingInput, WaiverRef } from './types.js'

/** The gate id of run-level findings (the engine itself), and the docs directory of every engine rule's page. */
export const ENGINE_GATE = 'proofgate'

/** Run-level rules (gate `proofgate`) the matcher reports about the waivers themselves; the diff filter never drops them. */
export const WAIVER_RULES = {
  'waiver-expired': {
    description: "A waiver's expires date has passed; it no longer applies",
    defaultSeverity: 'low',
    reportedFor: ENGINE_GATE,
    filter: 'always',
    messages: { expired: 'Waiver for {{waiver}} expired on {{expires}}; it no longer applies.' },
  },
  'waiver-unused': {
    description: 'A waiver matched no finding in this run',
    defaultSeverity: 'low',
    reportedFor: ENGINE_GATE,
    filter: 'always',
    messages: { unused: 'Waiver for {{waiver}} matched no finding in this run.' },
  },
} as const satisfies Record<string, RuleMeta & { reportedFor: string; messages: Record<string, string> }>

/** A waiver as loaded, with its 1-based line in the waivers file. */
export type LoadedWaiver = Waiver & { line: number }

/** The waivers of one run, built by {@link createWaiverMatcher}; it remembers which waivers matched so `report` can name the unused ones. */
export interface WaiverMatcher {
  /** The waiver that applies to `finding`, or null. Marks the waiver used. */
  match(finding: Finding): WaiverRef | null
  /**
   * Notes a finding the run left out (the diff filter): a waiver that would match it is not
   * unused, as removing it would bring the finding back once its lines change. Applies nothing.
   */
  observe(finding: Finding): void
  /**
   * Findings about the waivers themselves: every expired waiver (whether or not a finding would
   * have matched it), and every active one that matched no finding; waivers in `quiet` (those the
   * change removes) are not reported, nor is an unused one for which `undecided` returns true
   * (its finding could not have been reported in this run: its gate did not run).
   */
  report(waiversFile: string, quiet?: ReadonlySet<LoadedWaiver>, undecided?: (waiver: LoadedWaiver) => boolean): FindingInput[]
}

function ruleMatches(rule: string, finding: Finding): boolean {
  return rule === finding.ruleId || rule === `${finding.gate}/${finding.ruleId}`
}

/**
 * Builds a matcher over `waivers`, judged on `today` (YYYY-MM-DD, UTC). A waiver matches by
 * fingerprint, or by rule id (`rule` or `gate/rule`) together with a picomatch path glob.
 * An expired waiver matches nothing; it is reported once as `waiver-expired`. A finding for
 * which `options.unwaivable` returns true is matched by no waiver (see findings/trust.ts).
 */
export function createWaiverMatcher(
  waivers: readonly LoadedWaiver[],
  today: string,
  options: { unwaivable?: (finding: Finding) => boolean } = {},
): WaiverMatcher {
  const used = new Set<LoadedWaiver>()
  // Matched only by findings the run left out: neither used nor unused.
  const observed = new Set<LoadedWaiver>()
  const globs = new Map(waivers.map((w) => [w, w.path === undefined ? null : picomatch(w.path, { dot: true })]))
  const active = (w: LoadedWaiver): boolean => w.expires === undefined || w.expires >= today
  const matches = (w: LoadedWaiver, finding: Finding): boolean => {
    if (w.fingerprint !== undefined) return finding.fingerprint.startsWith(w.fingerprint)
    const glob = globs.get(w) ?? null
    return w.rule !== undefined && ruleMatches(w.rule, finding) && finding.path !== undefined && glob !== null && glob(finding.path)
  }
  return {
    match(finding) {
      if (options.unwaivable?.(finding) === true) return null
      for (const w of waivers) {
        if (!matches(w, finding)) continue
        used.add(w)
        if (!active(w)) continue
        return { reason: w.reason, proof: w.proof, ...(w.expires === undefined ? {} : { expires: w.expires }), line: w.line }
      }
      return null
    },
    observe(finding) {
      if (options.unwaivable?.(finding) === true) return
      const w = waivers.find((w) => active(w) && matches(w, finding))
      if (w !== undefined) observed.add(w)
    },
    report(waiversFile, quiet, undecided) {
      const out: FindingInput[] = []
      for (const w of waivers) {
        if (quiet?.has(w) === true) continue
        const what = w.fingerprint !== undefined ? `fingerprint ${w.fingerprint}` : `rule ${w.rule} on ${w.path}`
        if (!active(w)) {
          const meta = WAIVER_RULES['waiver-expired']
          out.push({
            ruleId: 'waiver-expired',
            messageId: 'expired',
            severity: meta.defaultSeverity,
            message: formatMessage('waiver-expired', meta, 'expired', { waiver: what, expires: w.expires ?? '' }),
            path: waiversFile,
            startLine: w.line,
            help: 'fix the finding, or renew the waiver with a new expires date and a reason',
          })
        } else if (!used.has(w) && !observed.has(w) && undecided?.(w) !== true) {
          const meta = WAIVER_RULES['waiver-unused']
          out.push({
            ruleId: 'waiver-unused',
            messageId: 'unused',
            severity: meta.defaultSeverity,
            message: formatMessage('waiver-unused', meta, 'unused', { waiver: what }),
            path: waiversFile,
            startLine: w.line,
            help: 'remove it if the finding is gone',
          })
        }
      }
      return out
    },
  }
}
