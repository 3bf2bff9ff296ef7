import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  compareCounterEvidence,
  compareProofgateConfig,
  compareWaivers,
  waiverKey
} from "./chunk-DJIWTX3R.js";
import "./chunk-2PCWBAUF.js";
import "./chunk-KP6SIVJC.js";
import "./chunk-R43OE7MV.js";
export {
  compareCounterEvidence,
  compareProofgateConfig,
  compareWaivers,
  waiverKey
};
