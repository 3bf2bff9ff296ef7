// The static-analysis gate's own rules, with their messages by messageId. Findings of the
// repository's ESLint rules and tsc's TS codes keep the tool's rule id and message as the tool
// gives them: those rules are not proofgate's and declare nothing here.
import { findingBuilder, type RuleTable } from '../rule-table.js'

/** The rule id of the finding for a declared but uninstalled ESLint (missing-eslint.ts). */
export const ESLINT_NOT_INSTALLED = 'eslint-not-installed'

/** The rule id of the finding for a Biome or oxlint the repository uses but did not install (cli-linters.ts). */
export const LINTER_NOT_INSTALLED = 'linter-not-installed'

/** The gate's `meta.rules`: proofgate's own rule ids beside ESLint's and tsc's. */
export const STATIC_ANALYSIS_RULES = {
  // Reported with `filter: 'always'`: a file ESLint could not parse was not checked at all.
  'parse-error': {
    description: 'ESLint could not parse a changed file',
    defaultSeverity: 'high',
    filter: 'always',
    messages: { parseError: '{{message}}' },
  },
  'eslint-directive': {
    description: 'A problem with an eslint-disable or inline configuration comment',
    defaultSeverity: 'medium',
    messages: { directive: '{{message}}' },
  },
  [ESLINT_NOT_INSTALLED]: {
    description: 'package.json declares eslint but it is not installed (no `npm ci` before proofgate)',
    defaultSeverity: 'medium',
    messages: { notInstalled: 'ESLint did not run: {{reason}}, so the changed files were not linted.' },
  },
  [LINTER_NOT_INSTALLED]: {
    description: 'The repository configures Biome or oxlint (biome.json, .oxlintrc.json) but it is not installed',
    defaultSeverity: 'medium',
    messages: { notInstalled: '{{linter}} did not run: {{reason}}, so the changed files were not linted.' },
  },
} as const satisfies RuleTable

/** A finding of one of {@link STATIC_ANALYSIS_RULES}, its message formatted from `messageId` + data. */
export const staticAnalysisFinding = findingBuilder(STATIC_ANALYSIS_RULES)
