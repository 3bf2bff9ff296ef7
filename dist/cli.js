#!/usr/bin/env node
import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  VERSION
} from "./chunks/chunk-2HIFB4RV.js";
import "./chunks/chunk-R43OE7MV.js";

// src/cli/bin.ts
import nodeModule from "node:module";

// src/cli/node-version.ts
function nodeVersionProblem(version, execPath) {
  return Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN) >= 22 ? null : `proofgate: PG_NODE_VERSION: found Node ${version} at ${execPath}; proofgate needs Node >= 22.
  hint: install Node 22 or 24 (nvm install 24), or run it through npx/npm scripts where the project provides one
`;
}

// src/cli/bin.ts
var args = process.argv.slice(2), problem = nodeVersionProblem(process.version, process.execPath);
if (problem !== null)
  process.stderr.write(problem), process.exitCode = 64;
else if (args.length === 1 && (args[0] === "--version" || args[0] === "-v"))
  process.stdout.write(`${VERSION}
`);
else {
  let { enableCompileCache } = nodeModule;
  enableCompileCache?.();
  let [{ main }, { settleStdout, watchStream }] = await Promise.all([import("./chunks/main-C7WLKLAF.js"), import("./chunks/output-5F5T4LOS.js")]), stdout = watchStream(process.stdout), readStdin = async () => {
    if (process.stdin.isTTY) return "";
    let text = "";
    for await (let chunk of process.stdin) text += String(chunk);
    return text;
  }, code = await main(args, { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, readStdin });
  process.exitCode = await settleStdout(stdout, process.stderr, code);
}
