// What the gate-integrity comparisons return, and the gate's rule ids: each comparison is a pure
// function of two versions of a file, so its findings carry no path (the gate adds it).
import type { FindingInput, Severity } from '../findings/types.js'

/** A finding about one file; positions are 1-based and refer to the version under test. */
export type IntegrityFinding = Omit<FindingInput, 'path'>

/** The gate-integrity gate's rules and default severities (the rule table of docs/gates.md lists the same ids). */
export const GATE_INTEGRITY_RULES = {
  'config-weakened': {
    description:
      'The proofgate config or its waivers changed so that a gate is off or advisory, a threshold is loosened, the filter narrowed or a waiver added (any other config change: medium)',
    defaultSeverity: 'critical',
  },
  'suppression-added': {
    description: 'A new eslint-disable, @ts-ignore, @ts-nocheck, @ts-expect-error, istanbul/c8/v8 ignore comment in a changed JS/TS file (high in test files)',
    defaultSeverity: 'medium',
  },
  'test-config-weakened': {
    description:
      'The test runner config (vitest, jest, mocha, package.json) changed so that tests pass more easily: passWithNoTests, fewer test files, lower coverage thresholds, more retries, far longer timeouts, masks',
    defaultSeverity: 'high',
  },
  'lint-config-weakened': {
    description:
      "ESLint rules turned off or downgraded, ignores added, shared configs dropped, or tsconfig strictness flags turned off, in the file's own settings",
    defaultSeverity: 'high',
  },
  'attributes-weakened': {
    description:
      'A .gitattributes line added that marks JS/TS code or tests binary, -diff, -text, linguist-generated or linguist-vendored (hidden from diffs and reviews)',
    defaultSeverity: 'high',
  },
  'hook-removed': {
    description: 'A git hook line, lefthook command or workflow step that runs proofgate removed, disabled or made unable to fail',
    defaultSeverity: 'high',
  },
} as const satisfies Record<string, { description: string; defaultSeverity: Severity }>

/** What to do about a loosening: the same two ways out for every rule. */
export const LOOSENING_HELP = 'revert the change, or have a reviewer approve it and waive this finding by its fingerprint in .proofgate/waivers.yml'

/**
 * Shell endings that turn a failing command into a passing one: `|| true`, `|| :`, `|| exit 0`,
 * `|| echo …`, `; exit 0`. (`|| exit` alone keeps the failure: exit takes the last status.)
 */
export const EXIT_CODE_MASK = /\|\|\s*(?:true|:|exit\s+0|echo)(?=\s|$|;|&|\)|#)|;\s*exit\s+0\b/

/** Formats a value for a message: strings quoted, lists bracketed, absent as "unset". */
export function show(value: unknown): string {
  if (value === undefined) return 'unset'
  if (typeof value === 'string') return `"${value}"`
  return JSON.stringify(value)
}
