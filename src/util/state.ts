// The `.proofgate/` state directory: paths and atomic writes (write-file-atomic), so a crash
// mid-write never leaves a half-written state file.
import { mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'

/** The state directory's name under the repository root; git snapshots and diffs leave it out. */
export const STATE_DIR_NAME = '.proofgate'

/** Absolute path of `.proofgate/` in the repository at `root`. */
export function stateDir(root: string): string {
  return join(root, STATE_DIR_NAME)
}

/** Writes `value` as pretty JSON to `file` atomically (temp file + rename), creating directories. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', { encoding: 'utf8' })
}

/** Writes text to `file` atomically, creating directories. */
export async function writeTextAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFileAtomic(file, text, { encoding: 'utf8' })
}

/**
 * The UTF-8 text of `path`, or null when it does not exist.
 * @throws the read error for anything but ENOENT (a permission problem must not read as absent).
 */
export async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
