// Reading a configuration file (`.proofgate.yml`, `.proofgate/waivers.yml`) before it is parsed:
// a directory or unreadable file, the encoding, and the size and nesting limits, each a named
// error in milliseconds, before the YAML parser or zod spend anything on hostile input.
import { readFile } from 'node:fs/promises'
import { ProofgateError, type ErrorCode } from '../errors.js'

/** Documented limits of configuration files (docs/exit-codes.md, "Limits"). */
export const CONFIG_LIMITS = {
  /** Bytes of one file. */
  bytes: 1024 * 1024,
  /** Nesting depth of mappings and sequences, block and flow together. */
  depth: 64,
  /** Entries under `proof:`. */
  proofCommands: 1_000,
  /** Entries under `waivers:`. */
  waivers: 1_000,
  /** YAML aliases expanded in one file. */
  aliases: 100,
} as const

/** Which file is read: its error code for content problems. */
export type ConfigKind = 'config' | 'waivers'

function invalidCode(kind: ConfigKind): ErrorCode {
  return kind === 'config' ? 'PG_CONFIG_INVALID' : 'PG_WAIVERS_INVALID'
}

/**
 * The bytes of `absolute`, or null when it does not exist.
 * @throws ProofgateError PG_CONFIG_INVALID / PG_WAIVERS_INVALID (exit 78) naming `shown` when it is
 *   a directory, unreadable, or anything but a file.
 */
export async function readConfigBytes(absolute: string, shown: string, kind: ConfigKind): Promise<Buffer | null> {
  try {
    return await readFile(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return null
    const why =
      code === 'EISDIR'
        ? 'is a directory, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : code === 'ENOTDIR'
            ? 'has a parent that is not a directory'
            : code === 'ELOOP'
              ? 'is a symbolic link loop'
              : `cannot be read (${code ?? String(error)})`
    throw new ProofgateError(invalidCode(kind), `${kind === 'config' ? 'Configuration file' : 'Waivers file'} ${shown} ${why}.`, {
      hint:
        kind === 'config' ? `make ${shown} a readable YAML file, or pass --config with the file to use` : `make ${shown} a readable YAML file, or delete it`,
      cause: error,
    })
  }
}

function encodingError(shown: string, encoding: string): ProofgateError {
  return new ProofgateError('PG_CONFIG_ENCODING', `${shown} is ${encoding}; proofgate reads configuration as UTF-8.`, {
    hint: `save ${shown} as UTF-8 (a UTF-8 byte order mark is fine), e.g. iconv -f UTF-16 -t UTF-8`,
  })
}

function tooLarge(shown: string, what: string, limit: string): ProofgateError {
  return new ProofgateError('PG_CONFIG_TOO_LARGE', `${shown} ${what}; the limit is ${limit}.`, {
    hint: `configuration files are small and shallow: is ${shown} the file you meant? Move long lists into scripts the proof commands call`,
  })
}

/**
 * Decodes configuration bytes as UTF-8 (a UTF-8 BOM is dropped) and checks the size and nesting
 * limits.
 * @throws ProofgateError PG_CONFIG_ENCODING for UTF-16 (by BOM or NUL pattern), NUL bytes or
 *   invalid UTF-8; PG_CONFIG_TOO_LARGE over {@link CONFIG_LIMITS}.bytes or .depth.
 */
export function decodeConfigBytes(bytes: Buffer, shown: string): string {
  if (bytes.length > CONFIG_LIMITS.bytes) throw tooLarge(shown, `is ${bytes.length} bytes`, `${CONFIG_LIMITS.bytes} bytes (1 MB)`)
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    throw encodingError(shown, 'UTF-16 (byte order mark)')
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    // UTF-16 without a BOM: ASCII text with a NUL in every other byte.
    const utf16 = bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0)
    throw encodingError(shown, utf16 ? 'UTF-16 (NUL byte pattern, no byte order mark)' : `not text (a NUL byte at offset ${nul})`)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw encodingError(shown, 'not valid UTF-8')
  }
  return checkConfigText(text, shown)
}

/**
 * Checks already decoded configuration text (a file read from a commit): a leading BOM is
 * dropped, then the size, NUL and nesting limits apply as in {@link decodeConfigBytes}.
 * @throws ProofgateError PG_CONFIG_ENCODING or PG_CONFIG_TOO_LARGE.
 */
export function checkConfigText(text: string, shown: string): string {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const size = Buffer.byteLength(body)
  if (size > CONFIG_LIMITS.bytes) throw tooLarge(shown, `is ${size} bytes`, `${CONFIG_LIMITS.bytes} bytes (1 MB)`)
  if (body.includes('\0')) throw encodingError(shown, 'not UTF-8 text (it holds NUL characters; UTF-16?)')
  const depth = nestingDepth(body)
  if (depth > CONFIG_LIMITS.depth) throw tooLarge(shown, `nests ${depth} levels deep`, `${CONFIG_LIMITS.depth} levels`)
  return body
}

/** Characters after which a `[`, `{` or quote begins a flow collection or quoted scalar. */
const VALUE_START = new Set(['', ':', '-', '?', '[', '{', ','])

/**
 * The deepest nesting of `text`, counted without parsing (linear, no recursion): block levels
 * from indentation plus `- ` sequence markers, and flow `[`/`{` depth, skipping quoted scalars
 * and comments. An over-estimate for odd inputs is fine: it only has to bound the parser's depth.
 */
export function nestingDepth(text: string): number {
  let deepest = 0
  const indents: number[] = []
  let flow = 0
  for (const line of text.split('\n')) {
    const indent = /^ */.exec(line)![0].length
    const rest = line.slice(indent)
    if (flow === 0) {
      if (rest === '' || rest.startsWith('#')) continue
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop()
      indents.push(indent)
    }
    const dashes = /^(?:-[ \t]+)*/.exec(rest)![0].split('-').length - 1
    let previous = ''
    let quote: string | null = null
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i]!
      if (quote !== null) {
        if (quote === '"' && c === '\\') i++
        else if (c === quote) {
          if (quote === "'" && rest[i + 1] === "'") i++
          else quote = null
        }
        continue
      }
      if (c === ' ' || c === '\t') continue
      if (c === '#' && (i === 0 || rest[i - 1] === ' ' || rest[i - 1] === '\t')) break
      if ((c === '"' || c === "'") && (flow > 0 || VALUE_START.has(previous))) quote = c
      else if ((c === '[' || c === '{') && (flow > 0 || VALUE_START.has(previous))) flow++
      else if ((c === ']' || c === '}') && flow > 0) flow--
      previous = c
      deepest = Math.max(deepest, indents.length + dashes + flow)
    }
    deepest = Math.max(deepest, indents.length + dashes + flow)
  }
  return deepest
}
