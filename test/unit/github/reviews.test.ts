// Which pull request review counts as an approval: table-driven over findApproval.
import { describe, expect, it } from 'vitest'
import { findApproval, type PullRequestReview } from '../../../src/github/reviews.js'

const HEAD = 'b'.repeat(40)
const OLD = 'a'.repeat(40)
let id = 0
const review = (login: string, state: string, commit: string, association = 'COLLABORATOR'): PullRequestReview => ({
  id: ++id,
  user: { login },
  state,
  commit_id: commit,
  author_association: association,
})

describe('findApproval', () => {
  it.each<[string, PullRequestReview[], string | undefined]>([
    ['a collaborator approves the head', [review('ann', 'APPROVED', HEAD)], 'ann'],
    ['a member approves the head', [review('ann', 'APPROVED', HEAD, 'MEMBER')], 'ann'],
    ['an owner approves the head', [review('ann', 'APPROVED', HEAD, 'OWNER')], 'ann'],
    ['a contributor without write access', [review('ann', 'APPROVED', HEAD, 'CONTRIBUTOR')], undefined],
    ['the author approves their own pull request', [review('Author', 'APPROVED', HEAD, 'OWNER')], undefined],
    ['the author, in another case', [review('AUTHOR', 'APPROVED', HEAD, 'OWNER')], undefined],
    ['an approval of an older commit', [review('ann', 'APPROVED', OLD)], undefined],
    ['approved, then changes requested', [review('ann', 'APPROVED', HEAD), review('ann', 'CHANGES_REQUESTED', HEAD)], undefined],
    ['approved, then only commented', [review('ann', 'APPROVED', HEAD), review('ann', 'COMMENTED', HEAD)], 'ann'],
    ['approved, then dismissed', [review('ann', 'APPROVED', HEAD), review('ann', 'DISMISSED', HEAD)], undefined],
    ['one reviewer blocks, another approves', [review('bob', 'CHANGES_REQUESTED', HEAD), review('ann', 'APPROVED', HEAD)], 'ann'],
    ['a deleted user (user null)', [{ id: 99, user: null, state: 'APPROVED', commit_id: HEAD, author_association: 'OWNER' }], undefined],
    ['two approvals: the later one is named', [review('ann', 'APPROVED', HEAD), review('bob', 'APPROVED', HEAD, 'MEMBER')], 'bob'],
  ])('%s', (_name, reviews, expected) => {
    expect(findApproval(reviews, { headSha: HEAD, author: 'author' })?.by).toBe(expected)
  })

  it('names the head SHA and the association, and counts nothing when the author is unknown', () => {
    expect(findApproval([review('ann', 'APPROVED', HEAD, 'MEMBER')], { headSha: HEAD, author: 'author' })).toEqual({
      by: 'ann',
      sha: HEAD,
      association: 'MEMBER',
    })
    expect(findApproval([review('ann', 'APPROVED', HEAD)], { headSha: HEAD, author: undefined })).toBeUndefined()
  })
})
