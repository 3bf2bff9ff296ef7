import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  ExitCode,
  FILTER_MODES,
  GATES,
  GATE_IDS,
  ProofgateError,
  SEVERITIES,
  appendEvents,
  configJsonSchema,
  formatError,
  jsonReporter,
  loadConfig,
  openRepository,
  recordRunStart,
  require_dist,
  runProofgate,
  sarifReporter,
  stateDir,
  terminalReporter,
  useColour,
  writeTextAtomic
} from "./chunk-SFKOPWUY.js";
import {
  VERSION
} from "./chunk-2HIFB4RV.js";
import {
  __toESM
} from "./chunk-R43OE7MV.js";

// src/cli/main.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";
var import_yaml = __toESM(require_dist(), 1), USAGE = `Usage: proofgate <command> [options]

Commands:
  run                 Run the gates on the change set and print a verdict (the default)
  scan [--all]        Run the test-integrity gates (mock-integrity, semantic-tests) on the
                      change set, or with --all on every test file of the repository
  start               Record the run-start commit and time in .proofgate/run-start.json
  config schema       Print the JSON Schema of .proofgate.yml (for editors)
  config print        Print the resolved configuration, defaults included

Options for run and scan:
  --base REV          Compare against REV (base.source: explicit)
  --head REV          Check the commit REV instead of HEAD plus the working tree
  --gates a,b         Run only these gates (${GATES.map((g) => g.id).join(", ")})
  --filter-mode MODE  added (default) | diff_context | file | nofilter
  --fail-on SEVERITY  Lowest severity that blocks: critical | high (default) | medium | low | info
  --format FORMAT     terminal (default) | json | sarif
  --output FILE       Write the report to FILE instead of stdout
  --strict-warnings   Exit 2 when the worst finding is medium (verdict warn)
  --config FILE       Config file relative to the repository root (default .proofgate.yml)
  --verbose           Print gate diagnostics to stderr
  --all               scan only: every test file of the repository, not the change set

  -h, --help          Show this help
  -v, --version       Print the version

Exit codes: 0 pass \xB7 1 blocked \xB7 2 warnings failed under --strict-warnings \xB7
            64 usage error \xB7 70 internal error \xB7 78 configuration error
`, OPTIONS = {
  base: { type: "string" },
  head: { type: "string" },
  gates: { type: "string" },
  "filter-mode": { type: "string" },
  "fail-on": { type: "string" },
  format: { type: "string" },
  output: { type: "string" },
  "strict-warnings": { type: "boolean" },
  all: { type: "boolean" },
  config: { type: "string" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" }
};
function usageError(message) {
  return new ProofgateError("PG_USAGE", message, { hint: "proofgate --help lists commands and options" });
}
function oneOf(name, value, allowed) {
  if (value !== void 0) {
    if (!allowed.includes(value)) throw usageError(`Invalid ${name} '${value}': expected one of ${allowed.join(", ")}.`);
    return value;
  }
}
function parseGates(value) {
  if (value === void 0) return;
  let ids = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (ids.length === 0) throw usageError(`Invalid --gates '${value}': expected a comma-separated list of gate ids.`);
  for (let id of ids) {
    if (!GATE_IDS.includes(id)) throw usageError(`Unknown gate '${id}': expected one of ${GATES.map((g) => g.id).join(", ")}.`);
    if (!GATES.some((g) => g.id === id)) throw usageError(`The ${id} gate is not available in proofgate ${VERSION} yet; available: ${GATES.map((g) => g.id).join(", ")}.`);
  }
  return ids;
}
function toSettings(values, io) {
  let format = oneOf("--format", values.format, ["terminal", "json", "sarif"]) ?? "terminal", filterMode = oneOf("--filter-mode", values["filter-mode"], FILTER_MODES), failOn = oneOf("--fail-on", values["fail-on"], SEVERITIES), gates = parseGates(values.gates);
  for (let name of ["base", "head"]) {
    let rev = values[name];
    if (rev !== void 0 && (rev === "" || rev.startsWith("-"))) throw usageError(`Invalid --${name} '${rev}': expected a commit, branch or tag.`);
  }
  return {
    cwd: io.cwd,
    env: io.env,
    strictWarnings: values["strict-warnings"] === !0,
    format,
    ...values.output === void 0 ? {} : { output: values.output },
    ...values.base === void 0 ? {} : { base: values.base },
    ...values.head === void 0 ? {} : { head: values.head },
    ...gates === void 0 ? {} : { gates },
    ...filterMode === void 0 ? {} : { filterMode },
    ...failOn === void 0 ? {} : { failOn },
    ...values.config === void 0 ? {} : { configFile: values.config },
    ...io.signal === void 0 ? {} : { signal: io.signal }
  };
}
async function commandRun(values, io, scan = !1) {
  let { format, output, ...parsed } = toSettings(values, io);
  if (values.all === !0 && !scan) throw usageError("--all belongs to scan: proofgate scan --all.");
  let scope = scan && values.all === !0 ? "all" : "changes", settings = {
    ...parsed,
    // A scan of every file needs no base; HEAD keeps the change set to the working tree.
    ...scope === "all" && parsed.base === void 0 ? { base: "HEAD" } : {},
    ...scan ? { scope, gates: parsed.gates ?? GATES.filter((g) => g.meta.scansAll === !0).map((g) => g.id) } : {}
  };
  if (scan && (settings.gates ?? []).some((id) => GATES.find((g) => g.id === id)?.meta.scansAll !== !0))
    throw usageError(`scan runs only ${GATES.filter((g) => g.meta.scansAll === !0).map((g) => g.id).join(", ")}; use run for the other gates.`);
  let chunks = [], sink = output === void 0 ? (text) => {
    io.stdout.write(text);
  } : (text) => {
    chunks.push(text);
  }, reporters = [
    format === "json" ? jsonReporter(sink) : format === "sarif" ? sarifReporter(sink) : terminalReporter(sink, output === void 0 && useColour(io.stdout, io.env))
  ];
  output !== void 0 && format !== "terminal" && reporters.push(terminalReporter((t) => {
    io.stdout.write(t);
  }, useColour(io.stdout, io.env)));
  let result = await runProofgate({
    ...settings,
    reporters,
    warn: (m) => {
      io.stderr.write(`proofgate: warning: ${m}
`);
    },
    ...values.verbose === !0 ? { debug: (m) => {
      io.stderr.write(`proofgate: ${m}
`);
    } } : {}
  });
  if (output !== void 0) {
    let file = resolve(io.cwd, output);
    await writeTextAtomic(file, chunks.join(""));
  }
  return result.exitCode;
}
async function commandStart(io) {
  let { root, sha, branch, startedAt } = await recordRunStart(io.cwd);
  return await appendEvents(stateDir(root), [{ runId: "start", type: "run-start-recorded", sha, ...branch === void 0 ? {} : { branch } }]), io.stdout.write(`proofgate - run start recorded: ${sha.slice(0, 12)}${branch === void 0 ? " (detached)" : ` on ${branch}`} at ${startedAt}
`), io.stdout.write(`proofgate - later runs compare against it (base.source: run-start) until you run proofgate start again
`), ExitCode.pass;
}
async function commandConfig(sub, values, io) {
  if (sub === "schema")
    return io.stdout.write(JSON.stringify(configJsonSchema(), null, 2) + `
`), ExitCode.pass;
  if (sub === "print") {
    let repo = await openRepository(io.cwd), loaded = await loadConfig(repo.root, { ...values.config === void 0 ? {} : { file: values.config }, env: io.env });
    return io.stdout.write(`# resolved from ${loaded.file ?? "defaults (no .proofgate.yml)"}
`), io.stdout.write((0, import_yaml.stringify)(loaded.config)), ExitCode.pass;
  }
  throw usageError(`Unknown config command '${sub ?? ""}': expected schema or print.`);
}
async function main(argv, io) {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: !0, strict: !0 });
    } catch (error) {
      throw usageError(error instanceof Error ? error.message : String(error));
    }
    let { values, positionals } = parsed;
    if (values.version === !0)
      return io.stdout.write(`${VERSION}
`), ExitCode.pass;
    let [command = "run", ...rest] = positionals;
    if (values.help === !0 || command === "help")
      return io.stdout.write(USAGE), ExitCode.pass;
    switch (command) {
      case "run":
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for run.`);
        return await commandRun(values, io);
      case "scan":
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for scan.`);
        return await commandRun(values, io, !0);
      case "start":
        return await commandStart(io);
      case "config":
        return await commandConfig(rest[0], values, io);
      default:
        throw usageError(`Unknown command '${command}'.`);
    }
  } catch (error) {
    if (error instanceof ProofgateError)
      return io.stderr.write(formatError(error) + `
`), error.exitCode;
    let detail = error instanceof Error ? error.stack ?? error.message : String(error);
    return io.stderr.write(`proofgate: internal error: ${detail}
  hint: this is a bug in proofgate; please report it with the output above
`), ExitCode.internal;
  }
}
export {
  USAGE,
  main,
  toSettings
};
