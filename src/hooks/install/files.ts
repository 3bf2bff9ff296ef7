// File tests the managers' modules share: is it a directory, is it executable, which `name` PATH finds.
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { delimiter, join } from 'node:path'

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

export async function isExecutable(path: string): Promise<boolean> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return false
    if (process.platform === 'win32') return true
    await access(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The first executable `name` on `pathValue` (PATH syntax), or undefined. */
export async function which(name: string, pathValue: string | undefined): Promise<string | undefined> {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name]
  for (const dir of (pathValue ?? '').split(delimiter)) {
    if (dir === '') continue
    for (const candidate of names) {
      if (await isExecutable(join(dir, candidate))) return join(dir, candidate)
    }
  }
  return undefined
}
