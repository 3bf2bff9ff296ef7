// One git module (issue 18.5): git starts only in src/changes/, through git-exec. The rest of
// src/ asks the Repository's named methods or changes/' read functions, never a process of its own.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const SRC = join(ROOT, 'src')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** What starts git, or reaches past the named methods to a raw one. */
const DIRECT_GIT = [
  { why: 'imports simple-git', pattern: /from\s+['"]simple-git['"]/ },
  { why: 'imports the git exec', pattern: /from\s+['"][^'"]*changes\/git-exec(?:\.js)?['"]/ },
  { why: 'calls a raw git method', pattern: /\.raw\(\s*\[/ },
  { why: 'spawns git', pattern: /\b(?:execa|execaSync|execFile|execFileSync|spawn|spawnSync|exec|execSync|runRepositoryCode)\(\s*['"`]git['"`]/ },
  { why: 'runs git through a shell string', pattern: /\b(?:exec|execSync|execaCommand|execaCommandSync)\(\s*['"`]git\s/ },
]

function offences(text: string): string[] {
  return DIRECT_GIT.filter(({ pattern }) => pattern.test(text)).map(({ why }) => why)
}

describe('one git module', () => {
  it('no file outside src/changes/ starts git or imports simple-git or the exec', () => {
    const found = sources(SRC)
      .map((file) => relative(ROOT, file).split('\\').join('/'))
      .filter((file) => !file.startsWith('src/changes/'))
      .flatMap((file) => offences(readFileSync(join(ROOT, file), 'utf8')).map((why) => `${file}: ${why}`))
    expect(found).toEqual([])
  })

  it('inside src/changes/, only git-exec.ts starts a process', () => {
    const found = sources(join(SRC, 'changes'))
      .filter((file) => !file.endsWith('git-exec.ts'))
      .filter((file) => /from\s+['"](?:execa|simple-git|node:child_process|child_process)['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file).split('\\').join('/'))
    expect(found).toEqual([])
  })

  it('recognises each way of starting git it forbids', () => {
    expect(offences(`import { simpleGit } from 'simple-git'`)).toEqual(['imports simple-git'])
    expect(offences(`import { runGit } from '../changes/git-exec.js'`)).toEqual(['imports the git exec'])
    expect(offences(`await repo.raw(['merge-base', a, b])`)).toEqual(['calls a raw git method'])
    expect(offences(`execFileSync('git', ['cat-file'])`)).toEqual(['spawns git'])
    expect(offences(`await execa("git", args)`)).toEqual(['spawns git'])
    expect(offences('execSync(`git log ${x}`)')).toEqual(['runs git through a shell string'])
    expect(offences(`await repo.mergeBase(a, b); spawn('node', [file])`)).toEqual([])
  })
})
