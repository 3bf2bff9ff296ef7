// The doc-coverage rules as units: each rule's meta (findings/rule.ts) with its messages by
// messageId, and `docFinding`, the table's finding builder (gates/rule-table.ts), which formats a
// report by messageId + data as ESLint's `context.report` does. The templates reproduce the
// gate's former template literals byte for byte: fingerprints of line-less findings hash the
// message, and users' waivers cite them.
import { findingBuilder, type RuleTable } from '../gates/rule-table.js'

/** The doc-coverage gate's rules, default severities and messages (docs/rules/doc-coverage/<rule>.md list them). */
export const DOC_COVERAGE_RULES = {
  'readme-missing': {
    description:
      'No README.md (or README.markdown, any case) at the repository root or in a publishable package, or one under 64 bytes or without a heading: high when the change caused it (medium in a private place), low when it was already so',
    defaultSeverity: 'high',
    messages: {
      missing: 'No README.md at {{where}}.{{why}}',
      missingPublishable: 'No README.md at {{where}}, which is publishable (package.json has no "private": true).{{why}}',
      tooShort: '{{path}} at {{where}} is {{size}}, under the {{min}} a README needs to say what this is.{{why}}',
      notText: '{{path}} at {{where}} is not UTF-8 text.{{why}}',
      noHeading: '{{path}} at {{where}} has no Markdown heading (`# Title` or a setext underline).{{why}}',
    },
  },
  'docs-stale': {
    description: "Source changed, but the root README, docs/ and the changed packages' READMEs were last committed more than stale-after commits before HEAD",
    defaultSeverity: 'low',
    messages: {
      stale:
        'Source changed ({{sources}}), but the docs ({{docs}}) were last committed {{behind}} before HEAD, in {{sha}} ({{date}}); more than gates.doc-coverage.stale-after ({{limit}}).',
      neverCommitted:
        'Source changed ({{sources}}), but the docs ({{docs}}) were never committed (HEAD has {{behind}}); more than gates.doc-coverage.stale-after ({{limit}}).',
    },
  },
  'export-undocumented': {
    description:
      'An exported function, class, variable, interface, type alias or enum added or changed without a /** … */ doc comment: medium on public API, low elsewhere; high when the change deletes the doc comment of public API',
    defaultSeverity: 'medium',
    messages: {
      undocumented: 'Exported {{kind}} `{{name}}`{{alias}} has no doc comment{{why}}.',
      docRemoved: 'Exported {{kind}} `{{name}}`{{alias}} has no doc comment (this change removed it){{why}}.',
      undocumentedAtBase: 'Exported {{kind}} `{{name}}`{{alias}} has no doc comment (none at the base either: this change edits it){{why}}.',
      reExport: 'Re-export `{{exported}}` exposes {{kind}} `{{name}}` ({{origin}}:{{line}}), which has no doc comment{{why}}.',
      exportAll: "`export * from '{{specifier}}'` exposes {{kind}} `{{name}}` ({{origin}}:{{line}}), which has no doc comment{{why}}.",
    },
  },
  'broken-link': {
    description: 'A relative link, image or link reference definition in a changed Markdown file that resolves to no file or directory of the tree under test',
    defaultSeverity: 'medium',
    messages: {
      outside: '{{kind}} `{{url}}` points outside the repository.',
      unresolved: '{{kind}} `{{url}}` does not resolve: no file or directory `{{target}}` in the tree under test.',
    },
  },
} as const satisfies RuleTable

/** A key of {@link DOC_COVERAGE_RULES}, e.g. `broken-link`; a finding's `ruleId`. */
export type DocCoverageRuleId = keyof typeof DOC_COVERAGE_RULES

/**
 * A finding of a doc-coverage rule reported by messageId with data, its message formatted from the
 * rule's template (`gates/rule-table.ts`); the severity is the rule's default unless the place gives one.
 * @throws Error when the rule has no such messageId (a programming error, caught by the rule tests).
 */
export const docFinding = findingBuilder(DOC_COVERAGE_RULES)
