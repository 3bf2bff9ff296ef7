// The keys every gate has under `gates.<id>` (mode, timeout) and the zod schema of one gate's
// settings, built from what the gate declares in its meta. A leaf: gates import it at load time.
import * as z from 'zod'

/** How a gate's findings count: blocking (critical/high block the run), advisory (reported only), off (not run). */
export const GATE_MODES = ['blocking', 'advisory', 'off'] as const
/** One of GATE_MODES. */
export type GateMode = (typeof GATE_MODES)[number]

/** `gates.<id>.mode`, without its default. */
export const gateMode = z.enum(GATE_MODES).describe('blocking: critical/high findings block; advisory: reported only; off: not run')
/** Seconds, as in the config file; the runner converts to ms. */
// Under 1 s every run would time out (and read as a blocked change), so it is a config error.
export const timeoutSeconds = z.number().min(1).max(86_400).describe('Timeout in seconds (at least 1); a gate that exceeds it is errored (fails closed)')

/** What a gate declares about its settings (a part of its meta). */
export interface GateSettingsDeclaration<S extends z.ZodRawShape> {
  /** Sentence shown in docs, `config print` and as the JSON Schema description of `gates.<id>`. */
  description: string
  defaultMode: GateMode
  /** Default `gates.<id>.timeout`, in seconds. */
  defaultTimeout: number
  /** Replaces the generic timeout description when the gate's timeout means more (proof: all commands together). */
  timeoutDescription?: string
  /** The gate's own keys under `gates.<id>` (zod, defaults included); `{}` when it has none. */
  options: S
}

/**
 * The strict zod object for `gates.<id>`: `mode` and `timeout` with the gate's defaults, then its
 * own options, described by the gate's description. Unknown keys are rejected.
 */
export function gateSettingsSchema<S extends z.ZodRawShape>(meta: GateSettingsDeclaration<S>) {
  const timeout = timeoutSeconds.default(meta.defaultTimeout)
  return z
    .strictObject({
      mode: gateMode.default(meta.defaultMode),
      timeout: meta.timeoutDescription === undefined ? timeout : timeout.describe(meta.timeoutDescription),
      ...meta.options,
    })
    .describe(meta.description)
}
