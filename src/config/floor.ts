// The base commit's config as a floor: what a range under test cannot loosen for itself (the
// gate-integrity mode, per-rule severities). The base is trusted; the change is not.
import { parse as parseYaml } from 'yaml'
import { readBlobs } from '../changes/history.js'
import { stricterRules, type RuleKey, type RuleLevels } from '../findings/rules.js'
import type { GateId } from '../findings/types.js'
import { CONFIG_FILE_NAMES, type LoadedConfig } from './load.js'
import { configSchema, GATE_MODES, type Config, type GateMode } from './schema.js'

/**
 * The text of the proofgate config at the base commit `base`: the loaded file's name first, then
 * the other accepted names; null when there is none (the defaults apply). One `git cat-file`.
 */
export async function baseConfigText(root: string, base: string, loaded: LoadedConfig): Promise<string | null> {
  const names = loaded.file === null ? CONFIG_FILE_NAMES : [loaded.file, ...CONFIG_FILE_NAMES.filter((n) => n !== loaded.file)]
  const texts = await readBlobs(
    root,
    names.map((path) => ({ rev: base, path })),
  )
  return texts.find((t) => t !== null) ?? null
}

/** The base config `text` parsed, or undefined when it does not parse (it then enforces nothing). */
function parseBaseConfig(text: string | null): Config | undefined {
  try {
    const parsed = configSchema.safeParse(text === null ? {} : (parseYaml(text) ?? {}))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/**
 * The mode of `gate` the base config (`text`, null for none: the defaults) enforces when it
 * is stricter than `current`, the mode the loaded config asks for; undefined when it is not, or
 * when the base config does not parse.
 */
export function stricterAtBase(text: string | null, gate: GateId, current: GateMode): GateMode | undefined {
  const base = parseBaseConfig(text)
  if (base === undefined) return undefined
  const mode = (base.gates as Record<string, { mode: GateMode }>)[gate]!.mode
  const rank = (m: GateMode): number => GATE_MODES.length - GATE_MODES.indexOf(m)
  return rank(mode) > rank(current) ? mode : undefined
}

/**
 * The per-rule severities of a range: the loaded config's, with the base commit's standing for
 * every rule the range weakened (see stricterRules). A base config that is absent (`text` null)
 * means defaults; one that does not parse enforces nothing, as for the gate-integrity mode.
 */
export function rulesOfRange(text: string | null, loaded: LoadedConfig): { rules: RuleLevels; kept: RuleKey[] } {
  const base = parseBaseConfig(text)
  if (base === undefined) return { rules: loaded.config.rules, kept: [] }
  return stricterRules(text === null ? {} : base.rules, loaded.config.rules)
}
