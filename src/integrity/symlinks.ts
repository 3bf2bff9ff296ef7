// A proofgate config or waivers file that became a symbolic link: proofgate never follows one (a
// link lets a change point the gate at a weaker file, or one outside the repository), so the
// version under test has no such file, and the change is reported like a deletion.
import { integrityFinding, LOOSENING_HELP, show, type IntegrityFinding } from './types.js'

/** Where the link was found and what it points to. */
export interface SymlinkFacts {
  /** The link's target as stored (the blob of a mode 120000 entry, or readlink on disk); null when unknown. */
  target: string | null
  /** A directory above the file that is the link (e.g. `.proofgate`), when the file itself is not one. */
  via?: string | undefined
  /** Whether the base held a regular file at the path: "replaced by" rather than "added as". */
  hadFile: boolean
}

/**
 * The critical `config-weakened` finding for `file` (repository-relative) being a symbolic link in
 * the version under test; `what` says what the file holds, for the message.
 */
export function symlinkFinding(file: string, what: 'configuration' | 'waivers' | 'counter-evidence', facts: SymlinkFacts): IntegrityFinding {
  const link = facts.via === undefined ? `a symlink${facts.target === null ? '' : ` (to ${show(facts.target)})`}` : `a file under the symlink ${facts.via}`
  return integrityFinding(
    'config-weakened',
    what === 'configuration' ? 'configSymlink' : what === 'waivers' ? 'waiversSymlink' : 'counterEvidenceSymlink',
    { file, how: facts.hadFile ? 'replaced by' : 'added as', link },
    { severity: 'critical', help: `make ${file} a regular file again; ${LOOSENING_HELP}` },
  )
}
