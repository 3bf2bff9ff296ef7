// Scenario repositories for the checklist tests: a committed .proofgate/checklist.yml whose items
// pass or fail on demand, and the reservation computed independently of proofgate's own module.
import { createHash } from 'node:crypto'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

/** Every gate but checklist and gate-integrity off: the scenarios are about the checklist. */
export const CONFIG = [
  'gates:',
  ...['static-analysis', 'tests', 'mock-integrity', 'test-mutation', 'semantic-tests', 'doc-coverage', 'evidence', 'proof', 'coverage'].map(
    (id) => `  ${id}: { mode: off }`,
  ),
  '',
].join('\n')

/** `item-00` … : zero-padded so no id is a substring of another. */
export function ids(n: number, prefix = 'item'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`)
}

/** A distinctive title per id, so a leak of the title is found by a plain search. */
export function titleOf(id: string): string {
  return `Wombat acceptance ${id.toUpperCase()} qx`
}

/** The checklist YAML: each id's verify exits with `exits[id]` (default 0). */
export function checklistYaml(list: readonly string[], exits: Record<string, number> = {}): string {
  return ['items:', ...list.map((id) => `  - { id: ${id}, title: "${titleOf(id)}", verify: "exit ${exits[id] ?? 0}", timeout: 30 }`), ''].join('\n')
}

/** The held-out ids as the issue defines them, computed here with node:crypto alone. */
export function expectedHeldOut(list: readonly string[]): string[] {
  const n = list.length
  const count = n < 4 ? 0 : Math.min(5, Math.max(1, Math.round(0.25 * n)))
  return list
    .map((id) => ({ id, hash: createHash('sha256').update(id).digest('hex') }))
    .sort((a, b) => a.hash.localeCompare(b.hash))
    .slice(0, count)
    .map((e) => e.id)
}

/** A repository with the config and the checklist committed (the base of every run). */
export function checklistRepo(list: readonly string[], exits: Record<string, number> = {}, repos?: TempRepo[]): TempRepo {
  const repo = makeTempGitRepo({
    files: { '.gitignore': 'node_modules\n', '.proofgate.yml': CONFIG, '.proofgate/checklist.yml': checklistYaml(list, exits), 'src/a.txt': 'a\n' },
  })
  repos?.push(repo)
  return repo
}
