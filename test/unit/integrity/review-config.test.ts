// config-weakened on the `review:` section: the gate off without reviewers is no loosening; a
// reviewer removed or weakened, the devil's advocate changed, inconclusive: warn, a lower pick are.
import { describe } from 'vitest'
import { compareProofgateConfig } from '../../../src/integrity/proofgate-config.js'
import { lines, versionTable, type VersionCase } from '../../helpers/tables.js'

const REVIEWERS = ['review:', '  reviewers:', '    - { name: sec, run: claude -p, paths: ["src/**"] }', '    - { name: llm, run: llm -s x }']

describe('compareProofgateConfig on review:', () => {
  versionTable<VersionCase>(
    [
      { name: 'gates.review.mode: off without reviewers (the default is off too)', old: null, new: lines('gates:', '  review: { mode: off }'), errors: [] },
      {
        name: 'reviewers added: the gate turns on (stricter)',
        old: null,
        new: lines(...REVIEWERS),
        errors: [
          ['config-weakened', 'medium', 3, 7],
          ['config-weakened', 'medium', 4, 7],
          ['config-weakened', 'medium', undefined, undefined],
        ],
        messages: ["Reviewer 'sec' added", "Reviewer 'llm' added", '`gates.review.mode` changed from "off" to "blocking"'],
      },
      {
        name: 'the gate turned off while reviewers exist',
        old: lines(...REVIEWERS),
        new: lines('gates:', '  review: { mode: off }', ...REVIEWERS),
        errors: [['config-weakened', 'critical', 2, 13]],
        messages: ['`gates.review.mode` lowered from blocking to off'],
      },
      {
        name: 'every reviewer removed: the gate goes off and each removal is named',
        old: lines(...REVIEWERS),
        new: lines('review: {}'),
        errors: [
          ['config-weakened', 'critical', undefined, undefined],
          ['config-weakened', 'critical', undefined, undefined],
          ['config-weakened', 'critical', undefined, undefined],
        ],
        messages: ['`gates.review.mode` lowered from blocking to off', "Reviewer 'sec' removed", "Reviewer 'llm' removed"],
      },
      {
        name: "a reviewer's command, paths and env changed",
        old: lines(...REVIEWERS),
        new: lines(
          'review:',
          '  reviewers:',
          '    - { name: sec, run: "claude -p || true", paths: ["src/**"] }',
          '    - { name: llm, run: llm -s x, env: [GITHUB_TOKEN] }',
        ),
        errors: [
          ['config-weakened', 'critical', 3, 7],
          ['config-weakened', 'critical', 4, 7],
        ],
        messages: ["Reviewer 'sec' changed its command", "Reviewer 'llm' now receives GITHUB_TOKEN"],
      },
      {
        name: "the devil's advocate removed, inconclusive: warn, a lower pick",
        old: lines(...REVIEWERS, '  devils-advocate: { name: da, run: claude -p }'),
        new: lines(...REVIEWERS, '  inconclusive: warn', '  pick: 1'),
        errors: [
          ['config-weakened', 'critical', 5, 3],
          ['config-weakened', 'critical', 6, 3],
          ['config-weakened', 'critical', undefined, undefined],
        ],
        messages: ['a reviewer that gives no verdict no longer blocks', 'fewer reviewers look at each change', "Devil's advocate 'da' removed"],
      },
      {
        name: "the devil's advocate's command changed",
        old: lines(...REVIEWERS, '  devils-advocate: { name: da, run: claude -p }'),
        new: lines(...REVIEWERS, '  devils-advocate: { name: da, run: "true" }'),
        errors: [['config-weakened', 'critical', 5, 32]],
        messages: ["Devil's advocate 'devils-advocate' changed its command"],
      },
    ],
    (c) => compareProofgateConfig(c.old, c.new, '.proofgate.yml'),
  )
})
