#!/usr/bin/env node
import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  VERSION
} from "./chunks/chunk-OPADRVR6.js";

// src/cli/bin.ts
var REQUIRED_MAJOR = 22, major = Number(process.versions.node.split(".")[0]), args = process.argv.slice(2);
if (major < REQUIRED_MAJOR)
  process.stderr.write(
    `proofgate: PG_NODE_VERSION: found Node ${process.version} at ${process.execPath}; proofgate needs Node >= ${REQUIRED_MAJOR}.
  hint: install Node ${REQUIRED_MAJOR} or 24 (nvm install 24), or run it through npx/npm scripts where the project provides one
`
  ), process.exitCode = 64;
else if (args.length === 1 && (args[0] === "--version" || args[0] === "-v"))
  process.stdout.write(`${VERSION}
`);
else {
  let { main } = await import("./chunks/main-5HZW2IWP.js");
  process.exitCode = await main(args, { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
}
