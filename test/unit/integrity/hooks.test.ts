// RuleTester-style tables for hook-removed: two versions of a git hook script, lefthook config or
// GitHub workflow, with the exact rule id, line and column of what stops proofgate from running.
import { describe, expect, it } from 'vitest'
import { compareHooks, hookKind } from '../../../src/integrity/hooks.js'
import { lines, versionTable, type VersionCase } from '../../helpers/tables.js'

interface Case extends VersionCase {
  path: string
}

function table(cases: Case[]): void {
  versionTable(cases, (c) => compareHooks(c.path, c.old, c.new))
}

const HOOK = lines('#!/bin/sh', 'echo "proofgate - checking the push"', 'npx proofgate run --base origin/main')

describe('hook scripts', () => {
  table([
    { name: 'unchanged', path: '.husky/pre-push', old: HOOK, new: HOOK, errors: [] },
    {
      name: 'a message reworded, the runner swapped',
      path: '.husky/pre-push',
      old: HOOK,
      new: lines('#!/bin/sh', 'echo "proofgate - running"', 'pnpm exec proofgate run --base origin/main'),
      errors: [],
    },
    { name: 'a line added elsewhere', path: 'hooks/pre-commit', old: HOOK, new: HOOK + 'npm run lint\n', errors: [] },
    {
      name: 'the proofgate line removed',
      path: '.husky/pre-push',
      old: HOOK,
      new: lines('#!/bin/sh', 'echo "proofgate - checking the push"'),
      errors: [['hook-removed', 'high', undefined, undefined]],
      messages: ['Line "npx proofgate run --base origin/main" that ran proofgate removed (.husky/pre-push).'],
    },
    {
      name: 'the proofgate line commented out',
      path: '.husky/pre-push',
      old: HOOK,
      new: HOOK.replace('npx proofgate', '# npx proofgate'),
      errors: [['hook-removed', 'high', undefined, undefined]],
    },
    {
      name: 'the hook file deleted',
      path: '.githooks/pre-push',
      old: HOOK,
      new: null,
      errors: [['hook-removed', 'high', undefined, undefined]],
      messages: ['(the hook file was deleted)'],
    },
    {
      name: 'the exit code masked',
      path: '.husky/pre-push',
      old: HOOK,
      new: HOOK.replace('origin/main', 'origin/main || true'),
      errors: [['hook-removed', 'high', 3, 1]],
      messages: ["now ignores proofgate's exit code"],
    },
    {
      name: '`|| exit` keeps the failure: not a mask',
      path: '.husky/pre-push',
      old: HOOK,
      new: HOOK.replace('origin/main', 'origin/main || exit'),
      errors: [],
    },
    {
      name: 'gates narrowed',
      path: '.husky/pre-push',
      old: HOOK,
      new: HOOK.replace('run --base', 'run --gates evidence --base'),
      errors: [['hook-removed', 'high', 3, 1]],
      messages: ['now runs with --gates'],
    },
    {
      name: 'an unconditional exit before proofgate',
      path: '.husky/pre-push',
      old: HOOK,
      new: HOOK.replace('echo', 'exit 0\necho'),
      errors: [['hook-removed', 'high', 2, 1]],
    },
    {
      name: 'a guarded opt-out is not an unconditional exit',
      path: '.husky/pre-push',
      old: HOOK,
      new: HOOK.replace('echo', '[ "$PROOFGATE_SKIP" = 1 ] && exit 0\necho'),
      errors: [],
    },
  ])
})

const LEFTHOOK = lines('pre-push:', '  commands:', '    proofgate:', '      run: npx proofgate run', '    lint:', '      run: npm run lint')

describe('lefthook', () => {
  table([
    {
      name: 'unchanged; an unrelated command removed',
      path: 'lefthook.yml',
      old: LEFTHOOK,
      new: lines('pre-push:', '  commands:', '    proofgate:', '      run: npx proofgate run'),
      errors: [],
    },
    {
      name: 'the proofgate command removed',
      path: 'lefthook.yml',
      old: LEFTHOOK,
      new: lines('pre-push:', '  commands:', '    lint:', '      run: npm run lint'),
      errors: [['hook-removed', 'high', undefined, undefined]],
      messages: ['The lefthook pre-push command "proofgate" that ran proofgate removed'],
    },
    {
      name: 'skip: true added to it',
      path: '.lefthook.yml',
      old: LEFTHOOK,
      new: LEFTHOOK.replace('      run: npx proofgate run', '      run: npx proofgate run\n      skip: true'),
      errors: [['hook-removed', 'high', 5, 7]],
    },
    { name: 'renamed, same run', path: 'lefthook.yaml', old: LEFTHOOK, new: LEFTHOOK.replace('    proofgate:', '    verify:'), errors: [] },
    { name: 'not YAML (medium)', path: 'lefthook.yml', old: LEFTHOOK, new: 'pre-push: [', errors: [['hook-removed', 'medium', undefined, undefined]] },
  ])
})

const WORKFLOW = lines(
  'name: ci',
  'on: [push, pull_request]',
  'jobs:',
  '  check:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - name: proofgate',
  '        run: npx proofgate run --base ${{ github.event.pull_request.base.sha }}',
)

describe('GitHub workflows', () => {
  table([
    {
      name: 'unchanged; an unrelated step added',
      path: '.github/workflows/ci.yml',
      old: WORKFLOW,
      new: WORKFLOW.replace('      - name: proofgate', '      - run: npm ci\n      - name: proofgate'),
      errors: [],
    },
    {
      name: 'the proofgate step removed',
      path: '.github/workflows/ci.yml',
      old: WORKFLOW,
      new: WORKFLOW.replace(/ {6}- name: proofgate\n.*\n/, ''),
      errors: [['hook-removed', 'high', undefined, undefined]],
      messages: ['Workflow step "proofgate" (job check) that ran proofgate removed'],
    },
    {
      name: 'continue-on-error added to the step',
      path: '.github/workflows/ci.yml',
      old: WORKFLOW,
      new: WORKFLOW + '        continue-on-error: true\n',
      errors: [['hook-removed', 'high', 10, 9]],
    },
    {
      name: 'continue-on-error added to the job',
      path: '.github/workflows/ci.yml',
      old: WORKFLOW,
      new: WORKFLOW.replace('    runs-on', '    continue-on-error: true\n    runs-on'),
      errors: [['hook-removed', 'high', 5, 5]],
    },
    {
      name: 'if: ${{ false }} added to the step',
      path: '.github/workflows/ci.yaml',
      old: WORKFLOW,
      new: WORKFLOW.replace('      - name: proofgate', '      - name: proofgate\n        if: ${{ false }}'),
      errors: [['hook-removed', 'high', 9, 9]],
    },
    {
      name: 'a trigger dropped',
      path: '.github/workflows/ci.yml',
      old: WORKFLOW,
      new: WORKFLOW.replace('[push, pull_request]', '[push]'),
      errors: [['hook-removed', 'high', 2, 1]],
      messages: ['Trigger "pull_request" removed'],
    },
    {
      name: "an unnamed step, matched as its job's only proofgate step, masked in its run",
      path: '.github/workflows/gate.yml',
      old: lines('on: push', 'jobs:', '  a:', '    steps:', '      - run: npx proofgate run'),
      new: lines('on: push', 'jobs:', '  a:', '    steps:', '      - run: npx proofgate run || exit 0'),
      errors: [['hook-removed', 'high', 5, 9]],
    },
    {
      name: 'the workflow deleted',
      path: '.github/workflows/ci.yml',
      old: WORKFLOW,
      new: null,
      errors: [['hook-removed', 'high', undefined, undefined]],
      messages: ['(the workflow was deleted)'],
    },
  ])
})

describe('hookKind', () => {
  it.each([
    ['.husky/pre-push', 'script'],
    ['.husky/_/husky.sh', undefined],
    ['hooks/pre-commit', 'script'],
    ['lefthook.yml', 'lefthook'],
    ['.github/workflows/ci.yaml', 'workflow'],
    ['.github/actions/x/action.yml', undefined],
    // Every place `proofgate install` writes: custom husky directories and any core.hooksPath.
    ['.config/husky/pre-push', 'script'],
    ['.config/husky/_/pre-push', undefined],
    ['scripts/git-hooks/pre-commit', 'script'],
    ['tools/hooks/commit-msg', 'script'],
    ['node_modules/husky/pre-push', undefined],
    ['src/pre-push.ts', undefined],
    ['docs/pre-push.md', undefined],
    ['.config/lefthook.yml', 'lefthook'],
    ['.config/lefthook.yaml', 'lefthook'],
    ['.lefthook.yaml', 'lefthook'],
    ['lefthook-local.yml', 'lefthook'],
    ['sub/lefthook.yml', undefined],
  ])('%s → %s', (path, kind) => {
    expect(hookKind(path)).toBe(kind)
  })
})
