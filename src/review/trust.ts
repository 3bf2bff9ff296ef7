// Whether a reviewer command would run the repository's own code (a script in the repository,
// `npm run`, `npx`): such a command is refused on pull_request_target; one that gets the diff as data may run.

/** Interpreters whose first operand is a script file: `bash scripts/review.sh`, `node review.mjs`. */
const INTERPRETERS = new Set([
  'bash',
  'sh',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'node',
  'deno',
  'bun',
  'tsx',
  'ts-node',
  'python',
  'python3',
  'ruby',
  'perl',
  'php',
  'source',
  '.',
])
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'fish'])
/** Package managers and task runners that run the repository's scripts, binaries or build files. */
const RUNS_PACKAGE_CODE: Record<string, (args: readonly string[]) => boolean> = {
  npx: () => true,
  pnpx: () => true,
  bunx: () => true,
  npm: (args) => ['run', 'run-script', 'exec', 'x', 'test', 't', 'start', 'stop', 'restart', 'rum', 'urn', 'tst', 'install', 'i', 'ci'].includes(args[0] ?? ''),
  yarn: () => true,
  pnpm: () => true,
  make: () => true,
  just: () => true,
  task: () => true,
  gradle: () => true,
  mvn: () => true,
  cargo: () => true,
  go: (args) => ['run', 'generate', 'test'].includes(args[0] ?? ''),
}

/** The simple commands of a bash line, split at `;`, `&`, `|`, newlines, `(`, `)`, backticks and `$(`; quotes removed (roughly: the split is for this check, never for running). */
function simpleCommands(run: string): string[][] {
  const out: string[][] = []
  let words: string[] = []
  let word = ''
  let quote: '"' | "'" | null = null
  const endWord = (): void => {
    if (word !== '') words.push(word)
    word = ''
  }
  const endCommand = (): void => {
    endWord()
    if (words.length > 0) out.push(words)
    words = []
  }
  // What each open `$(` returns to at its `)`: inside double quotes or not.
  const open: Array<'"' | null> = []
  for (let i = 0; i < run.length; i++) {
    const ch = run[i]!
    if (quote === "'") {
      if (ch === "'") quote = null
      else word += ch
      continue
    }
    if (ch === '$' && run[i + 1] === '(') {
      // A command substitution is a command of its own, inside double quotes too.
      endCommand()
      open.push(quote)
      quote = null
      i++
    } else if (quote === '"') {
      if (ch === '"') quote = null
      else if (ch === '\\') word += run[++i] ?? ''
      else word += ch
    } else if (ch === '"' || ch === "'") quote = ch
    else if (ch === '\\') word += run[++i] ?? ''
    else if (ch === ')') {
      endCommand()
      quote = open.pop() ?? null
    } else if (ch === ' ' || ch === '\t') endWord()
    else if (';&|\n(`'.includes(ch)) endCommand()
    else word += ch
  }
  endCommand()
  return out
}

/** A path that resolves inside the working directory (the repository root): relative, not a bare name. */
function isRepositoryPath(word: string): boolean {
  return (
    !word.startsWith('/') && !word.startsWith('~') && !word.startsWith('$') && (word.includes('/') || /\.(?:sh|bash|js|mjs|cjs|ts|mts|py|rb|pl)$/.test(word))
  )
}

/**
 * True when `run` would execute code from the repository: a command word that is a relative path
 * (`./scripts/review.sh`, `bin/review`), an interpreter given a script that is not an absolute path
 * (`bash review.sh`, `node scripts/r.mjs`, `source .env`, `python -m pkg`), or a package manager or task runner that runs the
 * repository's scripts or binaries (`npm run`, `npm test`, `npx`, `yarn`, `pnpm`, `make`). Environment
 * assignments and `env`, `exec`, `command`, `time`, `nice`, `timeout N` prefixes are looked through.
 * A command that only reads repository files as data (`claude -p "$(cat .github/review.md)"`) is not.
 */
export function runsRepositoryCode(run: string): boolean {
  return simpleCommands(run).some((words) => {
    let rest = words
    for (;;) {
      const first = rest[0]
      if (first === undefined) return false
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first) || ['env', 'exec', 'command', 'time', 'nice', 'nohup'].includes(first)) rest = rest.slice(1)
      else if (first === 'timeout') rest = rest.slice(2)
      else break
    }
    const [command, ...args] = rest as [string, ...string[]]
    if (isRepositoryPath(command)) return true
    const name = command.slice(command.lastIndexOf('/') + 1)
    if (INTERPRETERS.has(name)) {
      const inline = args.findIndex((a) => a === '-c' || a === '-e' || a === '--eval')
      // `bash -c '<command>'` is a command line of its own; `node -e` code may require the repository's modules.
      if (inline >= 0) return SHELLS.has(name) && args[inline] === '-c' ? runsRepositoryCode(args[inline + 1] ?? '') : true
      // `python -m pkg` imports from the working directory first.
      if (args.includes('-m')) return true
      // An interpreter resolves a bare script name in the working directory too (`bash review`, `source .env`).
      const script = args.find((a) => !a.startsWith('-'))
      return script !== undefined && !script.startsWith('/') && !script.startsWith('~') && !script.startsWith('$')
    }
    return RUNS_PACKAGE_CODE[name]?.(args) ?? false
  })
}

/**
 * The repository files `run` executes by path: relative command words (`./scripts/review.sh`) and
 * interpreters' relative scripts (`node scripts/r.mjs`, `bash review.sh`), normalised without a
 * leading `./`. `npm run`, `npx` and the like are not resolved (what they run is not a path here).
 * Gate-integrity reports a change to one of these files: the review ran the change's own script.
 */
export function repositoryScripts(run: string): string[] {
  const out = new Set<string>()
  const relative = (w: string): boolean => !w.startsWith('/') && !w.startsWith('~') && !w.startsWith('$')
  for (const words of simpleCommands(run)) {
    let rest = words
    while (
      rest[0] !== undefined &&
      (/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]) || ['env', 'exec', 'command', 'time', 'nice', 'nohup', 'timeout'].includes(rest[0]))
    )
      rest = rest.slice(rest[0] === 'timeout' ? 2 : 1)
    const [command, ...args] = rest
    if (command === undefined) continue
    if (isRepositoryPath(command)) out.add(command)
    else if (INTERPRETERS.has(command.slice(command.lastIndexOf('/') + 1))) {
      const inline = args.findIndex((a) => a === '-c')
      if (inline >= 0) repositoryScripts(args[inline + 1] ?? '').forEach((p) => out.add(p))
      else {
        const script = args.find((a) => !a.startsWith('-'))
        if (script !== undefined && relative(script)) out.add(script)
      }
    }
  }
  return [...out].map((p) => p.replace(/^(\.\/)+/, ''))
}
