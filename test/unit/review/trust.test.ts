// Which reviewer commands would run the repository's code (refused on pull_request_target) and which get the diff as data.
import { describe, expect, it } from 'vitest'
import { repositoryScripts, runsRepositoryCode } from '../../../src/review/trust.js'

describe('runsRepositoryCode', () => {
  const repositoryCode = [
    './scripts/review.sh',
    './scripts/review.sh --adversarial',
    'bin/review',
    'bash scripts/review.sh',
    'sh -x review.sh',
    'node scripts/review.mjs',
    'python3 tools/review.py',
    'python3 -m reviewer',
    'bash review',
    'source .env && claude -p',
    'npm run review',
    'npm test',
    'npx my-reviewer',
    'yarn review',
    'pnpm exec review',
    'make review',
    'FOO=1 ./review.sh',
    'env A=b timeout 60 ./review.sh',
    'claude -p "$(./scripts/prompt.sh)"',
    'cat prompt | ./review',
    "bash -c './scripts/review.sh'",
    'node -e \'require("./lib/review")\'',
  ]
  const data = [
    'claude -p --output-format json',
    'claude -p --output-format json "$(cat .github/review-prompt.md)"',
    '{ cat .github/review-prompt.md; cat; } | codex exec --sandbox read-only -',
    'llm -m gpt-4o-mini -s "$(cat .github/review-prompt.md)"',
    'claude -p --output-format json "$PROOFGATE_REVIEW_PROMPT"',
    '{ printf "%s\\n" "$PROOFGATE_REVIEW_PROMPT"; cat; } | codex exec --sandbox read-only -',
    'llm -s "$PROOFGATE_REVIEW_PROMPT"',
    '/usr/local/bin/review --strict',
    'node /opt/reviewers/review.mjs',
    'npm view proofgate version',
    "bash -c 'claude -p'",
    "jq -r '.diff[].patch' | grep -q debugger && echo 'VERDICT: FAIL' || echo 'VERDICT: PASS'",
  ]
  it.each(repositoryCode)('runs repository code: %s', (run) => expect(runsRepositoryCode(run)).toBe(true))
  it.each(data)('gets the diff as data: %s', (run) => expect(runsRepositoryCode(run)).toBe(false))
})

describe('repositoryScripts', () => {
  it.each([
    ['./scripts/review.sh --strict', ['scripts/review.sh']],
    ['node scripts/review.mjs', ['scripts/review.mjs']],
    ['FOO=1 timeout 30 bash review.sh', ['review.sh']],
    ["bash -c './a.sh && ./b.sh'", ['a.sh', 'b.sh']],
    ['cat prompt | ./review', ['review']],
    ['claude -p "$PROOFGATE_REVIEW_PROMPT"', []],
    ['/usr/local/bin/review --strict', []],
    ['npx some-reviewer', []],
  ])('%s runs %j', (run, files) => {
    expect(repositoryScripts(run)).toEqual(files)
  })
})
