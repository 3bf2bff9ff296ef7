// How `proofgate init` reads and writes the files it manages, all inside the repository and never
// through a symbolic link: every directory on the way is lstat-checked (and created one at a
// time), new files are opened O_CREAT|O_EXCL|O_NOFOLLOW (never replacing anything), appends are
// O_APPEND|O_NOFOLLOW.
import { constants } from 'node:fs'
import { lstat, mkdir, open } from 'node:fs/promises'
import { join } from 'node:path'
import { ProofgateError } from '../errors.js'
import { readRealFile } from '../util/real-file.js'

function unsafe(rel: string, what: string): ProofgateError {
  return new ProofgateError('PG_INIT_UNSAFE', `proofgate init manages ${rel}, and ${what}; it wrote nothing.`, {
    hint: `replace ${rel} with a regular file in the repository (or remove it), then run proofgate init again; proofgate never writes through a symbolic link`,
  })
}

/**
 * The text of `rel` (repository-relative, `/`-separated) under `root`, or null when absent.
 * @throws ProofgateError PG_INIT_UNSAFE when it (or a directory on the way) is a symbolic link,
 *   is not a regular file, or cannot be read.
 */
export async function readManaged(root: string, rel: string): Promise<string | null> {
  const read = await readRealFile(root, join(root, ...rel.split('/')))
  switch (read.kind) {
    case 'missing':
      return null
    case 'file':
      return read.text
    case 'symlink':
      throw unsafe(rel, read.via === undefined ? 'it is a symbolic link' : `${read.via} on its way is a symbolic link`)
    case 'not-a-file':
      throw unsafe(rel, 'it is not a regular file')
    case 'unreadable':
      throw unsafe(rel, `it cannot be read (${read.reason})`)
  }
}

/** Creates each missing directory of `rel`'s parents one at a time; refuses one that is a link or not a directory. */
async function ensureParents(root: string, rel: string): Promise<void> {
  const parts = rel.split('/').slice(0, -1)
  for (let i = 1; i <= parts.length; i++) {
    const dir = join(root, ...parts.slice(0, i))
    const shown = parts.slice(0, i).join('/')
    let stats = await lstat(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)))
    if (stats === null) {
      await mkdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)))
      stats = await lstat(dir)
    }
    if (stats.isSymbolicLink()) throw unsafe(rel, `${shown} on its way is a symbolic link`)
    if (!stats.isDirectory()) throw unsafe(rel, `${shown} on its way is not a directory`)
  }
}

/**
 * Writes `text` to the new file `rel` under `root` (0o644), creating its directories.
 * @throws ProofgateError PG_INIT_UNSAFE when something appeared there since it was read, or a
 *   directory on the way is a link or a file.
 */
export async function createManaged(root: string, rel: string, text: string): Promise<void> {
  await ensureParents(root, rel)
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)
  const handle = await open(join(root, ...rel.split('/')), flags, 0o644).catch((error: NodeJS.ErrnoException) =>
    Promise.reject(error.code === 'EEXIST' || error.code === 'ELOOP' ? unsafe(rel, 'it appeared while init was running') : error),
  )
  try {
    await handle.writeFile(text, 'utf8')
  } finally {
    await handle.close()
  }
}

/** Appends `text` to the existing regular file `rel` under `root`, never through a link. */
export async function appendManaged(root: string, rel: string, text: string): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0)
  const handle = await open(join(root, ...rel.split('/')), flags).catch((error: NodeJS.ErrnoException) =>
    Promise.reject(error.code === 'ELOOP' ? unsafe(rel, 'it is a symbolic link') : error),
  )
  try {
    await handle.writeFile(text, 'utf8')
  } finally {
    await handle.close()
  }
}
