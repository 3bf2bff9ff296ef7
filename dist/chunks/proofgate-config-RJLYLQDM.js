import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  compareProofgateConfig,
  compareWaivers,
  waiverKey
} from "./chunk-6VGRYOBG.js";
import "./chunk-2PCWBAUF.js";
import "./chunk-WF2RQMFP.js";
import "./chunk-R43OE7MV.js";
export {
  compareProofgateConfig,
  compareWaivers,
  waiverKey
};
