// Where proofgate's own config and waivers live. A leaf: gate-integrity reads these names while
// the registry loads, before the config loader (which imports the registry) is evaluated.
import { STATE_DIR_NAME } from '../util/state.js'

/** Config file names looked up at the repository root, in this order. */
export const CONFIG_FILE_NAMES = ['.proofgate.yml', '.proofgate.yaml'] as const
/** The waivers file, relative to the repository root. */
export const WAIVERS_FILE = `${STATE_DIR_NAME}/waivers.yml`
/** The counter-evidence file (the override council's input), relative to the repository root. */
export const COUNTER_EVIDENCE_FILE = `${STATE_DIR_NAME}/counter-evidence.yml`
