// Every rule page lists the rule's messages by messageId, generated from its meta (issue 18.2):
// the test-integrity rule units, doc-coverage's and gate-integrity's rules and the engine's rules, row for row.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOC_COVERAGE_RULES } from '../../../src/docs/rules.js'
import { GATE_INTEGRITY_RULES } from '../../../src/integrity/types.js'
import { MOCK_INTEGRITY_RULES, SEMANTIC_TESTS_RULES } from '../../../src/testing/rules.js'
import { ENGINE_GATE, ENGINE_RULES, RUN_LEVEL_RULES } from '../../../src/runner/engine-rules.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'

const pages: Array<[string, string, Readonly<Record<string, string>>]> = [
  ...Object.entries(MOCK_INTEGRITY_RULES).map(([id, m]): [string, string, Readonly<Record<string, string>>] => ['mock-integrity', id, m.messages]),
  ...Object.entries(SEMANTIC_TESTS_RULES).map(([id, m]): [string, string, Readonly<Record<string, string>>] => ['semantic-tests', id, m.messages]),
  ...Object.entries(DOC_COVERAGE_RULES).map(([id, m]): [string, string, Readonly<Record<string, string>>] => ['doc-coverage', id, m.messages]),
  ...Object.entries(GATE_INTEGRITY_RULES).map(([id, m]): [string, string, Readonly<Record<string, string>>] => ['gate-integrity', id, m.messages]),
  ...Object.entries({ ...ENGINE_RULES, ...RUN_LEVEL_RULES }).map(([id, m]): [string, string, Readonly<Record<string, string>>] => [
    ENGINE_GATE,
    id,
    m.messages,
  ]),
]

describe('rule pages list messageIds', () => {
  it.each(pages)('docs/rules/%s/%s.md', (gate, id, messages) => {
    const page = readFileSync(join(PROJECT_ROOT, 'docs/rules', gate, `${id}.md`), 'utf8')
    const header = page.slice(0, page.indexOf('<!-- rule-header:end -->'))
    const rows = header.split('\n').filter((l) => /^\| `[A-Za-z]+` \| /.test(l))
    expect(rows).toEqual(Object.entries(messages).map(([messageId, text]) => `| \`${messageId}\` | ${text.replaceAll('|', '\\|')} |`))
    expect(rows.length).toBeGreaterThan(0)
  })
})
