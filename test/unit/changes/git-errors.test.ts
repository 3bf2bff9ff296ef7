import { describe, expect, it } from 'vitest'
import { classifyGitFailure } from '../../../src/changes/git-errors.js'
import { ProofgateError } from '../../../src/errors.js'

const DIFF = ['-c', 'core.quotePath=false', 'diff-tree', '-r', 'a', 'b']

describe('classifyGitFailure', () => {
  it.each([
    [
      'fatal: unable to read 41715495f45f651e6cf7d38f58a3d512abcfa440',
      'PG_GIT_FAILED',
      78,
      "git diff-tree failed: the repository's data is not usable (fatal: unable to read 41715495f45f651e6cf7d38f58a3d512abcfa440).",
    ],
    [
      'error: object file .git/objects/41/7154 is empty\nfatal: loose object 417154 (stored in .git/objects/41/7154) is corrupt',
      'PG_GIT_FAILED',
      78,
      "git diff-tree failed: the repository's data is not usable (error: object file .git/objects/41/7154 is empty).",
    ],
    ['fatal: bad object HEAD~3', 'PG_GIT_FAILED', 78, "git diff-tree failed: the repository's data is not usable (fatal: bad object HEAD~3)."],
    [
      "fatal: '/x/up' does not appear to be a git repository\nfatal: could not fetch 4171549 from promisor remote",
      'PG_GIT_FAILED',
      78,
      'git diff-tree needs an object this partial clone does not have, and its promisor remote did not supply it: fatal: could not fetch 4171549 from promisor remote',
    ],
    [
      'fatal: unknown repository extension found:\n\tworktreeconfig2',
      'PG_GIT_FAILED',
      78,
      "git diff-tree failed: this git cannot read the repository's format (fatal: unknown repository extension found:).",
    ],
    [
      "fatal: Unable to create '/r/.git/worktrees/x/index.lock': File exists.\n\nAnother git process seems to be running",
      'PG_GIT_LOCKED',
      75,
      "git diff-tree could not take a lock another git process holds: fatal: Unable to create '/r/.git/worktrees/x/index.lock': File exists.",
    ],
  ])('%s -> %s (exit %i)', (stderr, code, exit, message) => {
    const named = classifyGitFailure(new Error(stderr), DIFF)
    expect(named?.code).toBe(code)
    expect(named?.exitCode).toBe(exit)
    expect(named?.message).toBe(message)
  })

  it('leaves a failure that is proofgate asking git for something wrong to the internal error (null)', () => {
    expect(classifyGitFailure(new Error("fatal: ambiguous argument '': unknown revision or path not in the working tree."), DIFF)).toBeNull()
    expect(classifyGitFailure(new Error('git exited with code 1 and printed nothing'), ['merge-base', 'a', 'b'])).toBeNull()
    expect(classifyGitFailure(new ProofgateError('PG_USAGE', 'x'), DIFF)).toBeNull()
  })
})
