import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  getOctokit,
  require_light,
  retry
} from "./chunk-NGHP7UHC.js";
import {
  VERSION
} from "./chunk-2HIFB4RV.js";
import {
  APPROVAL_RULES,
  CHECKLIST_FILE_VARIABLE,
  CONFIG_FILE_NAMES,
  CONFIG_LIMITS,
  COUNTER_EVIDENCE_FILE,
  DECLARABLE_RULES,
  FILTER_MODES,
  GATES,
  GATE_IDS,
  GATE_MODES,
  GateTimeoutError,
  JOURNAL_VERSION,
  SCOPE_FILE,
  SEVERITIES,
  WAIVERS_FILE,
  WAIVER_PROOFS,
  WORKTREES_DIR,
  _enum,
  addedLineCount,
  appendEvents,
  applyRuleLevel,
  array,
  askReviewer,
  boolean,
  buildRequest,
  checkStateDirectory,
  configSchema,
  createLineReader,
  declaredRuleId,
  decodeConfigBytes,
  describeRuleLevels,
  didYouMean,
  entryExists,
  executesRepositoryCode,
  forEachEvent,
  formatMessage,
  inFilter,
  indexByPath,
  inert,
  journalPath,
  linkOnPath,
  literal,
  loadChecklist,
  number,
  object,
  openRepository,
  parseCounterEvidence,
  readBasePrompt,
  readBlobs,
  readCommittedFile,
  readConfigBytes,
  readExternalChecklist,
  readFilePatches,
  readRealFile,
  record,
  removeRunTree,
  require_dist,
  require_picomatch,
  resolveChanges,
  runGit,
  runsRepositoryCode,
  scopePath,
  seconds,
  setSha256,
  severityRank,
  severitySourceText,
  stateDir,
  stricterRules,
  string,
  sweepStaleStateTmp,
  sweepStaleWorktrees,
  toJSONSchema,
  trackedStatePaths,
  treeEntryKinds,
  tryGit,
  unknown,
  validateYaml,
  waiverKey,
  waiversFileSchema,
  withJournalLock,
  workTreeDifference,
  writeStateJson,
  writeStateText
} from "./chunk-DJIWTX3R.js";
import {
  ExitCode,
  ProofgateError
} from "./chunk-KP6SIVJC.js";
import {
  __toESM
} from "./chunk-R43OE7MV.js";

// src/config/load.ts
import { isAbsolute, join, relative, resolve, sep } from "node:path";
var ENVIRONMENT = "environment";
async function loadConfig(root, options = {}) {
  let env = options.env ?? process.env, found = options.rev === void 0 ? await findConfigFile(root, options.file) : await findConfigFileAt(root, options.rev, options.file), problems = [], config = configSchema.parse({});
  if (found !== null) {
    let result = validateYaml(found.text, found.file, configSchema, {
      // A gate written at the top level instead of under `gates:` is the likeliest slip.
      elsewhere: (path, key2) => path.length === 0 && key2 in configSchema.shape.gates.unwrap().shape ? `gates.${key2}` : void 0,
      precheck: (value) => checkCount(value, "proof", CONFIG_LIMITS.proofCommands, found.file, "proof commands")
    });
    result.data === void 0 ? problems.push(...result.problems) : config = result.data;
  }
  let overrides = readEnvOverrides(env);
  if (problems.push(...overrides.problems), problems.length > 0) {
    let sources = [...new Set(problems.map((p) => p.file))].map((f) => f === ENVIRONMENT ? "the environment" : f);
    throw new ProofgateError("PG_CONFIG_INVALID", `Invalid configuration in ${sources.join(" and ")}: ${count(problems.length, "problem")}`, {
      problems,
      hint: syntaxHint(problems) ?? (found !== null && problems.some((p) => p.file === found.file) ? `Fix the keys listed in ${found.file}; \`proofgate config schema\` prints the JSON Schema your editor can check it against.` : `Unset or correct the variables listed; gate modes are ${GATE_MODES.join(", ")}, filter modes ${FILTER_MODES.join(", ")}.`)
    });
  }
  config = structuredClone(config);
  for (let [id, override] of Object.entries(overrides.gates))
    id in config.gates && (config.gates[id].mode = override.mode);
  return overrides.filterMode !== null && (config["filter-mode"] = overrides.filterMode.mode), {
    config,
    file: found?.path ?? null,
    rev: options.rev ?? null,
    gateModeOverrides: overrides.gates,
    filterModeOverride: overrides.filterMode
  };
}
function parseWaivers(text, file) {
  let result = validateYaml(text, file, waiversFileSchema, {
    precheck: (value) => checkCount(value, "waivers", CONFIG_LIMITS.waivers, file, "waivers")
  });
  if (result.data === void 0)
    throw new ProofgateError("PG_WAIVERS_INVALID", `Invalid waivers in ${file}: ${count(result.problems.length, "problem")}`, {
      problems: result.problems,
      hint: syntaxHint(result.problems) ?? `Each waiver needs a reason, a proof (${WAIVER_PROOFS.join(", ")}) and either a fingerprint or a rule with a path glob.`
    });
  return result.data.waivers.map((waiver, index) => ({ ...waiver, line: result.lineOf(["waivers", index]) }));
}
var JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema", CONFIG_SCHEMA_ID = "https://unpkg.com/proofgate/schema/proofgate.schema.json";
function configJsonSchema() {
  return withHeader(CONFIG_SCHEMA_ID, "proofgate configuration", toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }));
}
function withHeader(id, title, schema) {
  return { $schema: JSON_SCHEMA_DIALECT, $id: id, title, ...schema };
}
async function findConfigFileAt(root, rev, explicit) {
  let sha = await (await openRepository(root)).resolveCommit(rev);
  if (sha === null)
    throw new ProofgateError("PG_BASE_NOT_FOUND", `Cannot read the configuration at ${rev}: no such commit here.`, {
      hint: "fetch it first (git fetch origin <sha>); in GitHub Actions set fetch-depth: 0 on actions/checkout"
    });
  let names = explicit === void 0 ? [...CONFIG_FILE_NAMES] : [repoRelative(root, isAbsolute(explicit) ? explicit : resolve(root, explicit))], [kinds, texts] = await Promise.all([
    treeEntryKinds(root, sha, names),
    readBlobs(
      root,
      names.map((path) => ({ rev: sha, path }))
    )
  ]);
  kinds.forEach((kind, i) => {
    let refused = refusal(names[i], `${sha.slice(0, 12)}:${names[i]}`, kind);
    if (refused !== null) throw new ProofgateError("PG_CONFIG_INVALID", refused.message, { hint: refused.hint });
  });
  let found = names.flatMap((path, i) => texts[i] === null || texts[i] === void 0 ? [] : [{ file: `${sha.slice(0, 12)}:${path}`, path, text: texts[i] }]);
  if (found.length > 1)
    throw new ProofgateError("PG_CONFIG_INVALID", `Both ${CONFIG_FILE_NAMES.join(" and ")} exist at ${sha.slice(0, 12)}`, {
      hint: "Keep one of them and delete the other on the base branch."
    });
  return found[0] ?? null;
}
async function findConfigFile(root, explicit) {
  if (explicit !== void 0) {
    let absolute = isAbsolute(explicit) ? explicit : resolve(root, explicit), file = repoRelative(root, absolute), bytes = await readRealConfigBytes(root, absolute, file, "config"), text = bytes === null ? null : decodeConfigBytes(bytes, file);
    if (text === null)
      throw new ProofgateError("PG_CONFIG_INVALID", `Configuration file ${file} not found`, {
        hint: `Create it, or drop the option to use ${CONFIG_FILE_NAMES[0]} at the repository root.`
      });
    return { file, path: file, text };
  }
  let found = [];
  for (let name of CONFIG_FILE_NAMES) {
    let bytes = await readRealConfigBytes(root, join(resolve(root), name), name, "config");
    bytes !== null && found.push({ file: name, path: name, text: decodeConfigBytes(bytes, name) });
  }
  if (found.length > 1)
    throw new ProofgateError("PG_CONFIG_INVALID", `Both ${CONFIG_FILE_NAMES.join(" and ")} exist`, {
      hint: "Keep one of them and delete the other."
    });
  return found[0] ?? null;
}
function refusal(path, shown, kind) {
  return kind.kind === "symlink" ? symlinkRefusal(shown, "configuration", kind.via) : kind.kind === "not-a-file" ? { message: `${shown} is not a regular file (a directory or a submodule)`, hint: `Make ${path} a regular file, or remove it.` } : null;
}
function symlinkRefusal(shown, what, via) {
  return {
    message: `${shown} ${via === void 0 ? "is a symbolic link" : `lies under the symbolic link ${via}`}; proofgate reads its ${what} only from a regular file`,
    // A link lets a change point the gate at another file, inside the repository or outside it.
    hint: "Replace the link with a regular file holding the content (git rm the link, add the file, commit); proofgate never follows a link."
  };
}
async function readRealConfigBytes(root, absolute, shown, kind) {
  let link = await linkOnPath(resolve(root), absolute);
  if (link !== null) {
    let refused = symlinkRefusal(shown, kind === "config" ? "configuration" : "waivers", link.via);
    throw new ProofgateError(kind === "config" ? "PG_CONFIG_INVALID" : "PG_WAIVERS_INVALID", refused.message, { hint: refused.hint });
  }
  return readConfigBytes(absolute, shown, kind);
}
function repoRelative(root, absolute) {
  return relative(resolve(root), absolute).split(sep).join("/");
}
var GATE_VAR_PREFIX = "PROOFGATE_GATE_", FILTER_MODE_VAR = "PROOFGATE_FILTER_MODE";
function gateModeVariable(id) {
  return GATE_VAR_PREFIX + id.toUpperCase().replaceAll("-", "_");
}
function readEnvOverrides(env) {
  let gates = {}, problems = [], problem = (variable, message) => {
    problems.push({ file: ENVIRONMENT, line: 0, column: 0, path: variable, message });
  }, variables = new Map(GATE_IDS.map((id) => [gateModeVariable(id), id]));
  for (let variable of Object.keys(env).sort()) {
    if (!variable.startsWith(GATE_VAR_PREFIX)) continue;
    let value = normalise(env[variable]);
    if (value === null) continue;
    let id = variables.get(variable);
    if (id === void 0) {
      problem(variable, `unknown gate in ${variable}${didYouMean(variable, [...variables.keys()])}; gates are ${GATE_IDS.join(", ")}`);
      continue;
    }
    if (!isOneOf(value, GATE_MODES)) {
      problem(variable, `expected one of ${GATE_MODES.join(", ")}, got ${JSON.stringify(env[variable])}${didYouMean(value, GATE_MODES)}`);
      continue;
    }
    gates[id] = { mode: value, source: "env", variable };
  }
  let filterMode = null, filterValue = normalise(env[FILTER_MODE_VAR]);
  return filterValue !== null && (isOneOf(filterValue, FILTER_MODES) ? filterMode = { mode: filterValue, source: "env", variable: FILTER_MODE_VAR } : problem(
    FILTER_MODE_VAR,
    `expected one of ${FILTER_MODES.join(", ")}, got ${JSON.stringify(env[FILTER_MODE_VAR])}${didYouMean(filterValue, FILTER_MODES)}`
  )), { gates, filterMode, problems };
}
function normalise(value) {
  let trimmed = value?.trim().toLowerCase() ?? "";
  return trimmed === "" ? null : trimmed;
}
function isOneOf(value, allowed) {
  return allowed.includes(value);
}
function syntaxHint(problems) {
  let syntax = problems.find((p) => p.message.startsWith("YAML syntax error") || p.message.startsWith("YAML error"));
  if (syntax !== void 0)
    return `YAML syntax error at ${syntax.file}:${syntax.line}:${syntax.column}: fix the YAML there first (indentation, quoting, a missing colon); its keys are checked once it parses.`;
}
function checkCount(value, key2, max, file, noun) {
  let list = typeof value == "object" && value !== null ? value[key2] : void 0;
  if (Array.isArray(list) && list.length > max)
    throw new ProofgateError("PG_CONFIG_TOO_LARGE", `${file} lists ${list.length} ${noun}; the limit is ${max}.`, {
      hint: "configuration files are small: split long command lists into scripts the proof commands call"
    });
}
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// src/reporters/html.ts
import { createHash } from "node:crypto";
import { realpath } from "node:fs/promises";
import { isAbsolute as isAbsolute2, join as join2, sep as sep2 } from "node:path";

// src/findings/council.ts
function describeVotes(votes) {
  let pass = votes.filter((v) => v.vote === "pass").length, fail = votes.filter((v) => v.vote === "fail").length, none = votes.length - pass - fail, parts = [`${pass} of ${votes.length} judges passed`];
  return fail > 0 && parts.push(`${fail} failed`), none > 0 && parts.push(`${none} gave no verdict`), parts.join(", ");
}
function describeDecision(decision) {
  return `${decision.outcome === "approved" ? "the override council approved the counter-evidence" : decision.outcome === "rejected" ? "the override council rejected the counter-evidence" : "the override council was inconclusive (fewer than two judges passed or failed it), so the finding still blocks"} (${describeVotes(decision.votes)})`;
}
function waiverText(w) {
  return w.council !== void 0 ? `${w.reason} (proof: ${w.proof}; ${w.council.file}:${w.line}; override council, ${w.council.approvals} of ${w.council.judges} judges)` : `${w.reason} (proof: ${w.proof}${w.expires === void 0 ? "" : `, expires ${w.expires}`}; .proofgate/waivers.yml:${w.line})`;
}
function councilRefusalText(f) {
  let c = f.council;
  return c === void 0 || c.outcome === "approved" ? "" : `${c.evidence.file}:${c.evidence.line}: ${describeDecision(c)}: ${c.evidence.claim} (proof: ${c.evidence.proofType})`;
}
function councilEvidenceText(c) {
  return `votes: ${c.votes.map((v) => `${v.judge} ${v.vote === "none" ? `no verdict${v.error === void 0 ? "" : ` (${v.error})`}` : v.vote}`).join(", ")}${c.evidence.artifacts.length === 0 ? "" : ` \xB7 artifacts: ${c.evidence.artifacts.join(", ")}`}`;
}

// src/reporters/templates/html-assets.ts
var HTML_STYLE = `
:root { --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --mark: #fff8c5;
  --critical: #a40e26; --high: #cf222e; --medium: #9a6700; --low: #0969da; --info: #59636e;
  --pass: #1a7f37; --blocked: #cf222e; --warn: #9a6700; --bar: #0969da; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --mark: #3b2e00;
    --critical: #ff7b72; --high: #f85149; --medium: #d29922; --low: #58a6ff; --info: #9198a1;
    --pass: #3fb950; --blocked: #f85149; --warn: #d29922; --bar: #58a6ff; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.verdict { display: inline-block; padding: 4px 12px; border-radius: 6px; color: #fff; font-weight: 600; font-size: 16px; }
.verdict-pass { background: var(--pass); } .verdict-blocked { background: var(--blocked); } .verdict-warn { background: var(--warn); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
td.mono { white-space: nowrap; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.track { position: relative; height: 14px; min-width: 160px; background: var(--panel); border-radius: 3px; }
.bar { position: absolute; top: 0; bottom: 0; min-width: 2px; background: var(--bar); border-radius: 3px; }
.status-fail, .status-errored { color: var(--blocked); font-weight: 600; } .status-pass { color: var(--pass); }
.status-inconclusive { color: var(--warn); font-weight: 600; } .status-skipped { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: center; padding: 10px 12px; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; position: sticky; top: 0; z-index: 1; }
.filters label { white-space: nowrap; } select { max-width: 260px; }
.finding { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.finding[data-severity="critical"] { border-left-color: var(--critical); } .finding[data-severity="high"] { border-left-color: var(--high); }
.finding[data-severity="medium"] { border-left-color: var(--medium); } .finding[data-severity="low"] { border-left-color: var(--low); }
.finding[data-severity="info"] { border-left-color: var(--info); }
.sev { font-weight: 700; text-transform: uppercase; font-size: 11px; letter-spacing: .04em; }
.sev-critical { color: var(--critical); } .sev-high { color: var(--high); } .sev-medium { color: var(--medium); }
.sev-low { color: var(--low); } .sev-info { color: var(--info); }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 10px; border: 1px solid var(--line); margin-left: 4px; }
.tag-blocking { border-color: var(--blocked); color: var(--blocked); }
.message { margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.context { background: var(--panel); border-radius: 4px; padding: 6px 0; margin: 6px 0 0; overflow-x: auto; }
pre.context span { display: block; padding: 0 10px; white-space: pre; }
pre.context span.hit { background: var(--mark); }
pre.context i { display: inline-block; min-width: 4.5em; color: var(--muted); font-style: normal; user-select: none; }
[hidden] { display: none !important; }
ul.plain { padding-left: 20px; } footer { margin-top: 32px; font-size: 12px; }
`, HTML_SCRIPT = `
(function () {
  var gate = document.getElementById('filter-gate');
  var rule = document.getElementById('filter-rule');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter-severity]'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.gate-group'));
  var count = document.getElementById('shown-count');
  function apply() {
    var severities = {};
    boxes.forEach(function (b) { severities[b.getAttribute('data-filter-severity')] = b.checked; });
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (gate.value === '' || row.getAttribute('data-gate') === gate.value) &&
        (rule.value === '' || row.getAttribute('data-rule') === rule.value) &&
        severities[row.getAttribute('data-severity')] === true;
      row.hidden = !visible;
      if (visible) shown++;
    });
    groups.forEach(function (g) { g.hidden = g.querySelector('.finding:not([hidden])') === null; });
    count.textContent = String(shown);
  }
  if (gate === null || rule === null || count === null) return;
  gate.addEventListener('change', apply);
  rule.addEventListener('change', apply);
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
})();
`;

// src/reporters/html.ts
var CONTEXT_LINES = 3, MAX_SPAN_LINES = 12, MAX_CONTEXTS = 1e3;
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
var e = escapeHtml, EXIT_MEANING = {
  0: "pass",
  1: "blocked: an unwaived finding at or above fail-on in a blocking gate, or a gate that errored",
  2: "warnings failed under --strict-warnings"
}, SCRIPT_HASH = createHash("sha256").update(HTML_SCRIPT).digest("base64"), CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;
function where(f) {
  return f.path === void 0 ? "(run)" : f.startLine === void 0 ? f.path : `${f.path}:${f.startLine}${f.startColumn === void 0 ? "" : `:${f.startColumn}`}`;
}
function ms(value) {
  return value < 1e3 ? `${value} ms` : `${(value / 1e3).toFixed(1)} s`;
}
function header(result) {
  let meaning = EXIT_MEANING[result.exitCode] ?? "error", ref = (r) => `${e(r.sha.slice(0, 12))}${r.ref === void 0 ? "" : ` (${e(r.ref)})`}`, active = result.findings.filter((f) => f.waived === null).length;
  return `<header>
<h1>proofgate report</h1>
<p><span class="verdict verdict-${e(result.verdict)}" id="verdict">${e(result.verdict.toUpperCase())}</span>
 <span id="exit-code">exit code ${result.exitCode}: ${e(meaning)}</span></p>
<dl class="meta">
<dt>base</dt><dd class="mono">${ref(result.base)} \xB7 ${e(result.base.source)}</dd>
<dt>head</dt><dd class="mono">${ref(result.head)}</dd>
<dt>scope</dt><dd>${result.scope === "all" ? "whole repository (scan --all)" : `${result.changedFiles} changed file${result.changedFiles === 1 ? "" : "s"}`} \xB7 filter ${e(result.filterMode)}</dd>
<dt>findings</dt><dd>${active} unwaived, ${result.findings.filter((f) => f.blocking).length} blocking, ${result.findings.length - active} waived</dd>
<dt>run</dt><dd>${e(result.startedAt)} \xB7 ${ms(result.durationMs)} \xB7 <span class="mono">${e(result.runId)}</span></dd>
</dl>
</header>`;
}
function notes(result) {
  let items = [
    ...result.inconclusive.map((i) => `<li class="inconclusive"><strong>inconclusive</strong>: ${e(i.gate)}: ${e(i.reason)}</li>`),
    ...result.notes.map((n) => `<li>${e(n)}</li>`)
  ];
  return items.length === 0 ? "" : `<section id="notes"><h2>Notes</h2><ul class="plain">${items.join(`
`)}</ul></section>`;
}
function timeline(result, starts) {
  let cursor = 0, spans = result.gates.map((g) => {
    let start = starts.get(g.id) ?? cursor;
    return cursor = start + g.durationMs, { g, start };
  }), total = Math.max(1, result.durationMs, ...spans.map((s) => s.start + s.g.durationMs)), pct = (value) => `${(100 * value / total).toFixed(2)}%`, rows = spans.map(({ g, start }) => {
    let why = g.status === "pass" || g.status === "fail" ? g.summary : g.reason ?? g.summary;
    return `<tr class="gate" data-gate="${e(g.id)}">
<td class="mono">${e(g.id)}</td><td>${e(g.mode)}</td><td class="status-${e(g.status)}">${e(g.status)}</td>
<td>${e(why)}</td><td class="mono">${g.status === "skipped" ? "\u2013" : ms(g.durationMs)}</td>
<td><div class="track" title="starts at ${ms(start)}, takes ${ms(g.durationMs)}">${g.status === "skipped" ? "" : `<div class="bar" style="left:${pct(start)};width:${pct(g.durationMs)}"></div>`}</div></td>
</tr>`;
  });
  return `<section id="gates"><h2>Gates</h2>
<table><thead><tr><th>gate</th><th>mode</th><th>status</th><th>summary or reason</th><th>time</th><th>timeline (0 \u2013 ${ms(total)})</th></tr></thead>
<tbody>${rows.join(`
`)}</tbody></table></section>`;
}
function filters(findings) {
  let gates = [...new Set(findings.map((f) => f.gate))].sort(), rules = [...new Set(findings.map((f) => f.ruleId))].sort(), present = new Set(findings.map((f) => f.severity)), option = (v) => `<option value="${e(v)}">${e(v)}</option>`, boxes = SEVERITIES.map(
    (s) => `<label><input type="checkbox" data-filter-severity="${s}" id="filter-severity-${s}" checked${present.has(s) ? "" : " disabled"}> ${s}</label>`
  );
  return `<div class="filters">
<label>gate <select id="filter-gate"><option value="">all gates</option>${gates.map(option).join("")}</select></label>
<label>rule <select id="filter-rule"><option value="">all rules</option>${rules.map(option).join("")}</select></label>
${boxes.join(`
`)}
<span><span id="shown-count">${findings.length}</span> of ${findings.length} shown</span>
</div>`;
}
function tags(f) {
  let out = [];
  return f.blocking && out.push('<span class="tag tag-blocking">blocking</span>'), f.waived !== null && out.push('<span class="tag tag-waived">waived</span>'), f.needsApproval === !0 && out.push(
    `<span class="tag tag-approval">${f.approved === void 0 ? "needs approval" : `approved by @${e(f.approved.by)} on ${e(f.approved.sha.slice(0, 12))}`}</span>`
  ), out.join("");
}
function context(lines2) {
  return lines2 === void 0 || lines2.length === 0 ? "" : `<pre class="context">${lines2.map((l) => `<span${l.hit ? ' class="hit"' : ""}><i>${l.line}</i>${e(l.text)}</span>`).join("")}</pre>`;
}
function finding(f, contexts) {
  let extra = [];
  f.waived !== null && extra.push(
    f.council === void 0 ? `<p class="waiver">waived by .proofgate/waivers.yml:${f.waived.line}: ${e(f.waived.reason)} (proof: ${e(f.waived.proof)}${f.waived.expires === void 0 ? "" : `, expires ${e(f.waived.expires)}`})</p>` : `<p class="waiver">waived: ${e(waiverText(f.waived))} \xB7 ${e(councilEvidenceText(f.council))}</p>`
  );
  let refused = councilRefusalText(f);
  return refused !== "" && extra.push(`<p class="waiver">${e(refused)} \xB7 ${e(councilEvidenceText(f.council))}</p>`), f.pendingWaiver !== void 0 && extra.push(
    `<p class="waiver">.proofgate/waivers.yml:${f.pendingWaiver.line} would waive this once approved: ${e(f.pendingWaiver.reason)} (proof: ${e(f.pendingWaiver.proof)})</p>`
  ), f.help !== void 0 && extra.push(`<p class="help muted">${e(f.help)}</p>`), `<article class="finding" data-gate="${e(f.gate)}" data-rule="${e(f.ruleId)}" data-severity="${f.severity}" data-fingerprint="${e(f.fingerprint)}">
<div><span class="sev sev-${f.severity}">${f.severity}</span> <code class="rule">${e(f.ruleId)}</code> <code class="where">${e(where(f))}</code>${tags(f)}</div>
<p class="message">${e(f.message)}</p>${extra.join("")}${context(contexts.get(f.fingerprint))}
</article>`;
}
function findingsSection(result, contexts) {
  if (result.findings.length === 0) return '<section id="findings"><h2>Findings</h2><p>No findings.</p></section>';
  let byGate = new Map(result.gates.map((g) => [g.id, []]));
  for (let f of result.findings) {
    let list = byGate.get(f.gate);
    list === void 0 ? byGate.set(f.gate, [f]) : list.push(f);
  }
  let groups2 = [...byGate].filter(([, list]) => list.length > 0).map(
    ([gate, list]) => `<section class="gate-group" data-gate="${e(gate)}"><h3>${e(gate)} <span class="muted">(${list.length})</span></h3>
${list.map((f) => finding(f, contexts)).join(`
`)}</section>`
  );
  return `<section id="findings"><h2>Findings</h2>${filters(result.findings)}${groups2.join(`
`)}</section>`;
}
function reviewSection(result) {
  let waived = result.findings.filter((f) => f.waived !== null), approval = result.findings.filter((f) => f.needsApproval === !0);
  if (waived.length === 0 && approval.length === 0) return "";
  let item = (f, why) => `<li><code>${e(f.gate)}/${e(f.ruleId)}</code> <code>${e(where(f))}</code>: ${why}</li>`;
  return `<section id="review"><h2>Waivers and approvals</h2>
${waived.length === 0 ? "" : `<h3>Waived (${waived.length})</h3><ul class="plain" id="waivers">${waived.map((f) => item(f, f.waived.council === void 0 ? `${e(f.waived.reason)} (proof: ${e(f.waived.proof)}, waivers.yml:${f.waived.line})` : e(waiverText(f.waived)))).join(`
`)}</ul>`}
${approval.length === 0 ? "" : `<h3>Needs a reviewer's approval (${approval.length})</h3><ul class="plain" id="needs-approval">${approval.map((f) => item(f, f.approved === void 0 ? "needs approval" : `approved by @${e(f.approved.by)}`)).join(`
`)}</ul>`}
</section>`;
}
function renderHtml(result, contexts = /* @__PURE__ */ new Map(), starts = /* @__PURE__ */ new Map()) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>proofgate: ${e(result.verdict)} \xB7 ${e(result.head.sha.slice(0, 12))}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
${header(result)}
${notes(result)}
${timeline(result, starts)}
${findingsSection(result, contexts)}
${reviewSection(result)}
<footer class="muted">proofgate ${e(VERSION)} \xB7 ${SEVERITIES.map((s) => `${s} ${result.findings.filter((f) => f.severity === s && f.waived === null).length}`).join(" \xB7 ")}</footer>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
function insideByName(path) {
  return path !== "" && !isAbsolute2(path) && !path.includes("\0") && !path.split(/[\\/]/).includes("..");
}
async function readContexts(changes, findings) {
  let out = /* @__PURE__ */ new Map(), wanted = findings.filter((f) => f.path !== void 0 && f.startLine !== void 0 && insideByName(f.path)).slice(0, MAX_CONTEXTS), paths = [...new Set(wanted.map((f) => f.path))], allowed = /* @__PURE__ */ new Set(), root = await realpath(changes.root).catch(() => null);
  for (let path of paths)
    if (!changes.includesWorkingTree) allowed.add(path);
    else if (root !== null) {
      let real = await realpath(join2(changes.root, path)).catch(() => null);
      real !== null && real.startsWith(root + sep2) && allowed.add(path);
    }
  let reader = createLineReader(changes);
  try {
    await reader.prefetch([...allowed]);
  } catch {
    return out;
  }
  for (let f of wanted) {
    if (!allowed.has(f.path)) continue;
    let first = f.startLine, last = Math.min(Math.max(first, f.endLine ?? first), first + MAX_SPAN_LINES - 1), lines2 = [];
    for (let n = Math.max(1, first - CONTEXT_LINES); n <= last + CONTEXT_LINES; n++) {
      let text;
      try {
        text = reader(f.path, n);
      } catch {
        text = void 0;
      }
      if (text === void 0) break;
      lines2.push({ line: n, text, hit: n >= first && n <= last });
    }
    for (; lines2.length > 0 && !lines2.at(-1).hit && lines2.at(-1).text === ""; ) lines2.pop();
    lines2.length > 0 && out.set(f.fingerprint, lines2);
  }
  return out;
}
function htmlReporter(write) {
  let changes, ends = /* @__PURE__ */ new Map();
  return {
    name: "html",
    onRunStart: (plan) => {
      changes = plan.changes;
    },
    onGateEnd: (gate) => {
      ends.set(gate.id, performance.now());
    },
    onRunEnd: async (result) => {
      let runStart = performance.now() - result.durationMs, starts = /* @__PURE__ */ new Map();
      for (let gate of result.gates) {
        let end = ends.get(gate.id);
        end !== void 0 && starts.set(gate.id, Math.max(0, Math.round(end - gate.durationMs - runStart)));
      }
      let contexts = changes === void 0 ? /* @__PURE__ */ new Map() : await readContexts(changes, result.findings);
      await write(renderHtml(result, contexts, starts));
    }
  };
}

// src/reporters/json.ts
var SCHEMA_VERSION = 1;
function toJsonReport(result) {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "proofgate", version: VERSION },
    runId: result.runId,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    base: result.base,
    head: result.head,
    treeHash: result.treeHash,
    diffHash: result.diffHash,
    scope: result.scope,
    filterMode: result.filterMode,
    changedFiles: result.changedFiles,
    verdict: result.verdict,
    exitCode: result.exitCode,
    gates: result.gates.map((g) => ({
      id: g.id,
      mode: g.mode,
      status: g.status,
      durationMs: g.durationMs,
      ...g.queuedMs === void 0 ? {} : { queuedMs: g.queuedMs },
      summary: g.summary,
      ...g.reason === void 0 ? {} : { reason: g.reason },
      counts: g.counts,
      filteredOut: g.filteredOut,
      ...g.data === void 0 ? {} : { data: g.data }
    })),
    findings: result.findings.map((f) => ({
      gate: f.gate,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...f.messageId === void 0 ? {} : { messageId: f.messageId },
      ...f.path === void 0 ? {} : { path: f.path },
      ...f.startLine === void 0 ? {} : { startLine: f.startLine },
      ...f.endLine === void 0 ? {} : { endLine: f.endLine },
      ...f.startColumn === void 0 ? {} : { startColumn: f.startColumn },
      ...f.endColumn === void 0 ? {} : { endColumn: f.endColumn },
      fingerprint: f.fingerprint,
      ...f.help === void 0 ? {} : { help: f.help },
      ...f.severitySource === void 0 ? {} : { severitySource: f.severitySource, defaultSeverity: f.defaultSeverity },
      blocking: f.blocking,
      waived: f.waived,
      ...f.needsApproval === !0 ? { needsApproval: !0 } : {},
      ...f.pendingWaiver === void 0 ? {} : { pendingWaiver: f.pendingWaiver },
      ...f.approved === void 0 ? {} : { approved: f.approved },
      ...f.council === void 0 ? {} : { council: f.council }
    })),
    inconclusive: result.inconclusive,
    notes: result.notes,
    ...result.approval === void 0 ? {} : { approval: result.approval },
    ...result.release === void 0 ? {} : { release: result.release }
  };
}
function jsonReporter(write) {
  return {
    name: "json",
    onRunEnd: (result) => write(JSON.stringify(toJsonReport(result), null, 2) + `
`)
  };
}
var severity = _enum(SEVERITIES), waiverRef = object({
  reason: string(),
  proof: _enum(WAIVER_PROOFS),
  expires: string().optional(),
  line: number(),
  council: object({ file: string(), approvals: number(), judges: number(), artifacts: array(string()) }).optional()
}), councilDecision = object({
  outcome: _enum(["approved", "rejected", "inconclusive"]),
  evidence: object({ file: string(), line: number(), claim: string(), proofType: _enum(WAIVER_PROOFS), artifacts: array(string()) }),
  votes: array(
    object({
      judge: string(),
      vote: _enum(["pass", "fail", "none"]),
      durationMs: number(),
      exitCode: number().nullable(),
      timedOut: boolean(),
      error: string().optional()
    })
  )
}), reportSchema = object({
  schemaVersion: literal(SCHEMA_VERSION),
  runId: string(),
  startedAt: string(),
  durationMs: number(),
  base: object({
    sha: string(),
    source: _enum(["explicit", "run-start", "merge-base", "pull-request", "push", "pre-commit", "scan"]),
    ref: string().optional()
  }),
  head: object({ sha: string(), ref: string().optional() }),
  treeHash: string(),
  diffHash: string(),
  scope: _enum(["changes", "all"]),
  filterMode: _enum(FILTER_MODES),
  changedFiles: number(),
  verdict: _enum(["pass", "blocked", "warn"]),
  exitCode: number(),
  gates: array(
    object({
      id: _enum(GATE_IDS),
      mode: _enum(GATE_MODES),
      status: _enum(["pass", "fail", "inconclusive", "skipped", "errored"]),
      durationMs: number(),
      queuedMs: number().optional(),
      summary: string(),
      reason: string().optional(),
      counts: record(severity, number()),
      filteredOut: number(),
      data: unknown().optional()
    })
  ),
  findings: array(
    object({
      gate: _enum([...GATE_IDS, "proofgate"]),
      ruleId: string(),
      severity,
      message: string(),
      messageId: string().optional(),
      path: string().optional(),
      startLine: number().int().positive().optional(),
      endLine: number().int().positive().optional(),
      startColumn: number().int().positive().optional(),
      endColumn: number().int().positive().optional(),
      fingerprint: string(),
      help: string().optional(),
      severitySource: literal("config").optional(),
      defaultSeverity: severity.optional(),
      blocking: boolean(),
      waived: waiverRef.nullable(),
      needsApproval: literal(!0).optional(),
      pendingWaiver: waiverRef.optional(),
      approved: object({ by: string(), sha: string() }).optional(),
      council: councilDecision.optional()
    })
  ),
  inconclusive: array(object({ gate: _enum(GATE_IDS), reason: string() })),
  notes: array(string()),
  approval: object({ by: string(), sha: string(), association: string() }).optional(),
  release: object({
    tag: string().nullable(),
    base: object({ sha: string(), source: _enum(["previous-tag", "root"]), tag: string().optional() }),
    visible: array(object({ id: string(), title: string(), status: _enum(["pass", "fail", "errored"]) })),
    heldOut: object({ total: number(), passed: number(), failed: number(), setSha256: string() }),
    heldOutFailures: array(object({ id: string(), title: string(), message: string() }))
  }).optional()
});
function fromJsonReport(value, root) {
  let parsed = reportSchema.safeParse(value);
  if (!parsed.success) {
    let issue = parsed.error.issues[0];
    throw new ProofgateError(
      "PG_USAGE",
      `Not a proofgate JSON report (schemaVersion ${SCHEMA_VERSION}): ${issue.path.join(".") || "(root)"}: ${issue.message}`,
      {
        hint: "pass the file written by `proofgate run --format json --output FILE` or by the Action (report-path output)"
      }
    );
  }
  let report = parsed.data, findings = report.findings.map((f) => dropUndefined(f));
  return {
    ...report,
    root,
    base: dropUndefined(report.base),
    head: dropUndefined(report.head),
    gates: report.gates.map((g) => ({ ...dropUndefined(g), findings: findings.filter((f) => f.gate === g.id) })),
    findings
  };
}
function dropUndefined(value) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== void 0));
}

// src/loop/journal-runs.ts
var DETAIL_CAP = 50;
function journalDetails(findings, gates) {
  let blocking = findings.filter((f) => f.blocking), data = gates.find((g) => g.id === "tests")?.data, failures = Array.isArray(data?.failures) ? data.failures : [];
  return {
    blockingFindings: blocking.slice(0, DETAIL_CAP).map((f) => ({ gate: f.gate, ruleId: f.ruleId, ...f.path === void 0 ? {} : { path: f.path }, fingerprint: f.fingerprint })),
    failingTests: failures.slice(0, DETAIL_CAP).map((f) => ({ name: typeof f.name == "string" ? f.name : "(unnamed)", file: typeof f.file == "string" ? f.file : null })),
    waivers: {
      expired: findings.filter((f) => f.gate === "proofgate" && f.ruleId === "waiver-expired").length,
      unused: findings.filter((f) => f.gate === "proofgate" && f.ruleId === "waiver-unused").length
    },
    ...findings.some((f) => f.gate === "proofgate" && f.ruleId === "escalation") ? { escalated: !0 } : {}
  };
}
var RUN_EVENT_TYPES = /* @__PURE__ */ new Set(["run-started", "gate-started", "gate-ended", "verdict"]);
function str(value) {
  return typeof value == "string" ? value : null;
}
function collectRuns(events) {
  let collector = createCollector();
  for (let e2 of events) collector.add(e2);
  return collector.runs;
}
function createCollector() {
  let byId = /* @__PURE__ */ new Map(), out = { runs: [], starts: [], skips: [], orphanEvents: [], runEvents: [] };
  return { add: (e2) => {
    let time = Date.parse(e2.ts);
    if (e2.type === "run-start-recorded" ? out.starts.push({ branch: str(e2.branch), time }) : e2.type === "hook-skipped" && out.skips.push(time), !RUN_EVENT_TYPES.has(e2.type)) return;
    if (e2.type === "run-started") {
      let run2 = newRun(e2, time);
      byId.set(e2.runId, run2), out.runs.push(run2);
    }
    let run = byId.get(e2.runId);
    if (out.runEvents.push({ time, known: run !== void 0 && e2.runId !== "" }), run === void 0) {
      out.orphanEvents.push({ time });
      return;
    }
    e2.type === "gate-ended" && run.gates.push({ gate: String(e2.gate), status: e2.status }), e2.type === "verdict" && readVerdict(run, e2);
  }, runs: out };
}
function newRun(e2, time) {
  let head = e2.head;
  return {
    runId: e2.runId,
    startedAt: e2.ts,
    time,
    branch: str(head?.ref),
    scope: str(e2.scope) ?? "changes",
    diffHash: str(e2.diffHash),
    verdict: null,
    exitCode: null,
    gates: [],
    blockingFindings: [],
    failingTests: [],
    waivers: { expired: 0, unused: 0 },
    inconclusive: 0,
    escalated: !1
  };
}
function readVerdict(run, e2) {
  run.verdict = e2.verdict === "pass" || e2.verdict === "blocked" || e2.verdict === "warn" ? e2.verdict : null, run.exitCode = typeof e2.exitCode == "number" ? e2.exitCode : null, Array.isArray(e2.blockingFindings) && (run.blockingFindings = e2.blockingFindings), Array.isArray(e2.failingTests) && (run.failingTests = e2.failingTests);
  let waivers = e2.waivers;
  run.waivers = { expired: Number(waivers?.expired ?? 0) || 0, unused: Number(waivers?.unused ?? 0) || 0 }, run.inconclusive = Array.isArray(e2.inconclusive) ? e2.inconclusive.length : 0, run.escalated = e2.escalated === !0;
}
async function readJournalRuns(root) {
  let file = journalPath(stateDir(root)), read = await readRealFile(root, file);
  if (read.kind === "missing") return { ...collectRuns([]), warnings: [] };
  if (read.kind !== "file") {
    let what = read.kind === "symlink" ? "a symbolic link" : read.kind === "not-a-file" ? "not a regular file" : `unreadable (${read.reason})`;
    throw new ProofgateError(read.kind === "unreadable" ? "PG_STATE_CORRUPT" : "PG_STATE_UNSAFE", `The journal .proofgate/journal/events.jsonl is ${what}.`, {
      hint: "delete .proofgate/journal/ (rm -r .proofgate/journal); the next run starts a new journal"
    });
  }
  let collector = createCollector(), warnings = forEachEvent(read.text, "events.jsonl", collector.add);
  return { ...collector.runs, warnings };
}

// src/reporters/sarif.ts
import { pathToFileURL } from "node:url";

// src/findings/waivers.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var ENGINE_GATE = "proofgate", WAIVER_RULES = {
  "waiver-expired": {
    description: "A waiver's expires date has passed; it no longer applies",
    defaultSeverity: "low",
    reportedFor: ENGINE_GATE,
    filter: "always",
    messages: { expired: "Waiver for {{waiver}} expired on {{expires}}; it no longer applies." }
  },
  "waiver-unused": {
    description: "A waiver matched no finding in this run",
    defaultSeverity: "low",
    reportedFor: ENGINE_GATE,
    filter: "always",
    messages: { unused: "Waiver for {{waiver}} matched no finding in this run." }
  }
};
function ruleMatches(rule, finding2) {
  return rule === finding2.ruleId || rule === `${finding2.gate}/${finding2.ruleId}`;
}
function createWaiverMatcher(waivers, today, options = {}) {
  let used = /* @__PURE__ */ new Set(), observed = /* @__PURE__ */ new Set(), globs = new Map(waivers.map((w) => [w, w.path === void 0 ? null : (0, import_picomatch.default)(w.path, { dot: !0 })])), active = (w) => w.expires === void 0 || w.expires >= today, matches = (w, finding2) => {
    if (w.fingerprint !== void 0) return finding2.fingerprint.startsWith(w.fingerprint);
    let glob = globs.get(w) ?? null;
    return w.rule !== void 0 && ruleMatches(w.rule, finding2) && finding2.path !== void 0 && glob !== null && glob(finding2.path);
  };
  return {
    match(finding2) {
      if (options.unwaivable?.(finding2) === !0) return null;
      for (let w of waivers)
        if (matches(w, finding2) && (used.add(w), !!active(w)))
          return { reason: w.reason, proof: w.proof, ...w.expires === void 0 ? {} : { expires: w.expires }, line: w.line };
      return null;
    },
    observe(finding2) {
      if (options.unwaivable?.(finding2) === !0) return;
      let w = waivers.find((w2) => active(w2) && matches(w2, finding2));
      w !== void 0 && observed.add(w);
    },
    report(waiversFile, quiet, undecided) {
      let out = [];
      for (let w of waivers) {
        if (quiet?.has(w) === !0) continue;
        let what = w.fingerprint !== void 0 ? `fingerprint ${w.fingerprint}` : `rule ${w.rule} on ${w.path}`;
        if (active(w)) {
          if (!used.has(w) && !observed.has(w) && undecided?.(w) !== !0) {
            let meta = WAIVER_RULES["waiver-unused"];
            out.push({
              ruleId: "waiver-unused",
              messageId: "unused",
              severity: meta.defaultSeverity,
              message: formatMessage("waiver-unused", meta, "unused", { waiver: what }),
              path: waiversFile,
              startLine: w.line,
              help: "remove it if the finding is gone"
            });
          }
        } else {
          let meta = WAIVER_RULES["waiver-expired"];
          out.push({
            ruleId: "waiver-expired",
            messageId: "expired",
            severity: meta.defaultSeverity,
            message: formatMessage("waiver-expired", meta, "expired", { waiver: what, expires: w.expires ?? "" }),
            path: waiversFile,
            startLine: w.line,
            help: "fix the finding, or renew the waiver with a new expires date and a reason"
          });
        }
      }
      return out;
    }
  };
}

// src/loop/escalation.ts
import { createHash as createHash2 } from "node:crypto";
import { join as join3 } from "node:path";
var ESCALATION_N = 3, ESCALATION_R = 2, DEFAULT_KNOBS = { runs: ESCALATION_N, rounds: ESCALATION_R }, P2_LOOKBACK = 10;
function toEscalationRun(run) {
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    diffHash: run.diffHash,
    blocked: run.verdict === "blocked",
    fingerprints: run.blockingFindings.map((f) => f.fingerprint)
  };
}
var key = (fingerprints) => [...new Set(fingerprints)].sort().join(",");
function proxiesAt(runs, i, n = ESCALATION_N) {
  let run = runs[i], last = i >= n - 1 ? runs.slice(i - n + 1, i + 1) : [], sameDiff = last.length === n && run.diffHash !== null && last.every((r) => r.blocked && r.diffHash === run.diffHash), findings = key(run.fingerprints), sameFindings = last.length === n && findings !== "" && last.every((r) => r.blocked && key(r.fingerprints) === findings), previous = runs[i - 1], oscillation = run.diffHash !== null && previous !== void 0 && previous.diffHash !== run.diffHash && runs.slice(Math.max(0, i - P2_LOOKBACK), i - 1).some((r) => r.diffHash === run.diffHash);
  return { sameDiff, oscillation, sameFindings };
}
var hot = (p) => [p.sameDiff, p.oscillation, p.sameFindings].filter(Boolean).length >= 2;
function decideEscalation(runs, knobs = DEFAULT_KNOBS) {
  let streak = 0;
  for (let i = runs.length - 1; i >= 0 && hot(proxiesAt(runs, i, knobs.runs)); i--) streak++;
  return streak !== knobs.rounds ? null : { proxies: proxiesAt(runs, runs.length - 1, knobs.runs), streak: runs.slice(-Math.max(knobs.runs, knobs.rounds) - 2) };
}
function renderHandoff(branch, decision, n = ESCALATION_N) {
  let names = [
    decision.proxies.sameDiff ? `P1: the same diff on ${n} blocked runs (no change between attempts)` : null,
    decision.proxies.oscillation ? "P2: a diff that came back after another (A\u2192B\u2192A oscillation)" : null,
    decision.proxies.sameFindings ? `P3: the same blocking findings on ${n} runs` : null
  ].filter((n2) => n2 !== null), recurring = [...new Set(decision.streak.flatMap((r) => r.fingerprints))].filter((f) => decision.streak.every((r) => r.fingerprints.includes(f))), json = {
    schemaVersion: 1,
    branch,
    proxies: decision.proxies,
    reasons: names,
    attempts: decision.streak.map((r) => ({
      runId: r.runId,
      startedAt: r.startedAt,
      diffHash: r.diffHash,
      blocked: r.blocked,
      blockingFindings: r.fingerprints.length
    })),
    recurringFingerprints: recurring,
    diffHashes: [...new Set(decision.streak.map((r) => r.diffHash))],
    humanReviewRequired: !0
  }, markdown = [
    `# proofgate: human review required${branch === null ? "" : ` (${branch})`}`,
    "",
    "The agent is going in circles. Stop retrying; a person should look at the change.",
    "",
    ...names.map((n2) => `- ${n2}`),
    "",
    "## Attempts",
    "",
    ...decision.streak.map(
      (r) => `- ${r.startedAt}  ${r.blocked ? "blocked" : "not blocked"}  diff ${r.diffHash?.slice(0, 12) ?? "-"}  ${r.fingerprints.length} blocking`
    ),
    "",
    "## Failing in every attempt",
    "",
    ...recurring.length === 0 ? ["- (none in common)"] : recurring.map((f) => `- ${f}`),
    "",
    "Details: the matching .json file and .proofgate/next.md.",
    ""
  ].join(`
`);
  return { json, markdown };
}
var ESCALATION_RULES = {
  escalation: {
    description: "The attempts at this change are going in circles (two of the three uncertainty proxies hot on consecutive runs): human review required",
    defaultSeverity: "medium",
    reportedFor: "proofgate",
    filter: "always",
    messages: {
      escalated: "Human review required: {{reasons}}. The handoff is in {{handoff}}."
    }
  }
}, ESCALATION_OPT_OUT = "PROOFGATE_ESCALATION";
async function escalateRun(current) {
  let settings = current.settings ?? { enabled: !0, ...DEFAULT_KNOBS, severity: "medium" };
  if (current.env[ESCALATION_OPT_OUT] === "off" || !settings.enabled || !current.blocked) return null;
  let earlier = (await readJournalRuns(current.root)).runs.filter((r) => r.scope === "changes" && r.verdict !== null && r.branch === current.branch && r.runId !== current.runId).slice(-(P2_LOOKBACK + settings.runs + settings.rounds)).map(toEscalationRun), decision = decideEscalation([...earlier, current], settings);
  if (decision === null) return null;
  let stamp = current.startedAt.replace(/[:.]/g, "-"), handoff = `.proofgate/handoff/${stamp}.md`, { json, markdown } = renderHandoff(current.branch, decision, settings.runs);
  await writeStateText(join3(stateDir(current.root), "handoff", `${stamp}.md`), markdown), await writeStateJson(join3(stateDir(current.root), "handoff", `${stamp}.json`), { ...json, runId: current.runId }), current.warn(`ESCALATION: human review required, the attempts are going in circles; handoff in ${handoff} (${ESCALATION_OPT_OUT}=off turns this off)`);
  let reasons = json.reasons.map((r) => r.split(":")[0]).join(" and ");
  return {
    gate: "proofgate",
    ruleId: "escalation",
    severity: settings.severity,
    messageId: "escalated",
    message: formatMessage("escalation", ESCALATION_RULES.escalation, "escalated", { reasons: `${reasons} hot on ${settings.rounds} runs in a row`, handoff }),
    help: `Stop retrying: read ${handoff} and have a person review the change.`,
    fingerprint: createHash2("sha256").update(`escalation\0${current.branch ?? ""}\0${decision.streak[0]?.runId ?? ""}`).digest("hex").slice(0, 32),
    // High (`loop.escalation.severity`) blocks, as any high finding of the run would.
    blocking: settings.severity === "high",
    waived: null
  };
}

// src/review/run-council.ts
import { basename } from "node:path";

// src/review/council.ts
function tallyVotes(votes) {
  let count2 = (vote) => votes.filter((v) => v.vote === vote).length;
  return count2("pass") >= 2 ? "approved" : count2("fail") >= 2 ? "rejected" : "inconclusive";
}

// src/review/run-council.ts
var COUNCIL_RULES = {
  "council-not-configured": {
    description: "Counter-evidence contests a blocking finding, but no judges are configured (review.judges), so the council cannot hear it",
    // Medium, not high: the contested finding keeps blocking on its own (fail closed); this one
    // only says why the counter-evidence was not heard, and must not add a second blocker.
    defaultSeverity: "medium",
    reportedFor: ENGINE_GATE,
    filter: "always",
    messages: {
      notConfigured: "Counter-evidence contests the blocking finding {{fingerprint}} ({{rule}}), but review.judges is not configured: the override council cannot hear it, so the finding still blocks."
    }
  }
}, JUDGE_INSTRUCTIONS = 'You are one of three judges of proofgate\'s override council; you do not see the others\' answers. `finding` was reported by a gate and blocks this change; `counterEvidence` claims it is wrong (`proofType` says what kind of proof, `artifacts` where it is). Check the claim against the diff and the artifacts. Answer pass only if the evidence shows the finding should not block; otherwise, or when you cannot tell, fail. Print one JSON object on stdout: {"verdict":"pass"|"fail","findings":[]} (schema/review-response.schema.json), or a line `VERDICT: PASS` or `VERDICT: FAIL`.';
function contestedBy(evidence, finding2) {
  return evidence.find((e2) => finding2.fingerprint.startsWith(e2.fingerprint));
}
function voteOf(judge, answer) {
  return {
    judge,
    vote: answer.verdict ?? "none",
    durationMs: answer.durationMs,
    exitCode: answer.exitCode,
    timedOut: answer.timedOut,
    ...answer.verdict === null && answer.error !== void 0 ? { error: answer.error } : {}
  };
}
function createCouncil(options) {
  let unheard = [], prompt, promptOnce = () => prompt ??= (options.prompt?.() ?? Promise.resolve(void 0)).then(
    (text) => text === void 0 ? {} : { text },
    (error) => ({ error: error instanceof Error ? error.message : String(error) })
  ), hear = async (gate, finding2, evidence) => {
    let trusted = await promptOnce(), votes = await Promise.all(
      options.judges.map(async (judge) => {
        let refused = options.refused?.(judge);
        if (refused !== void 0) return { judge: judge.name, vote: "none", durationMs: 0, exitCode: null, timedOut: !1, error: `refused: ${refused}` };
        if (trusted.error !== void 0)
          return { judge: judge.name, vote: "none", durationMs: 0, exitCode: null, timedOut: !1, error: `no prompt: ${trusted.error}` };
        let request;
        try {
          request = await options.request(judge, finding2, evidence);
        } catch (error) {
          return {
            judge: judge.name,
            vote: "none",
            durationMs: 0,
            exitCode: null,
            timedOut: !1,
            error: `no request: ${error instanceof Error ? error.message : String(error)}`
          };
        }
        let answer = await askReviewer(judge, request, {
          cwd: options.root,
          ...options.signal === void 0 ? {} : { signal: options.signal },
          ...options.env === void 0 ? {} : { baseEnv: options.env },
          ...trusted.text === void 0 ? {} : { prompt: trusted.text }
        });
        return voteOf(judge.name, answer);
      })
    ), outcome = tallyVotes(votes), about = { runId: options.runId, gate, ruleId: finding2.ruleId, fingerprint: finding2.fingerprint, evidenceLine: evidence.line };
    return await options.journal([
      ...votes.map((v) => ({
        ...about,
        type: "council-vote",
        judge: v.judge,
        vote: v.vote,
        durationMs: v.durationMs,
        exitCode: v.exitCode,
        timedOut: v.timedOut
      })),
      { ...about, type: "council-decided", outcome, approvals: votes.filter((v) => v.vote === "pass").length, judges: votes.length }
    ]), {
      outcome,
      evidence: { file: COUNTER_EVIDENCE_FILE, line: evidence.line, claim: evidence.claim, proofType: evidence.proofType, artifacts: [...evidence.artifacts] },
      votes
    };
  }, apply = (finding2, decision) => {
    if (decision.outcome !== "approved") return { ...finding2, council: decision };
    let { claim, proofType, artifacts, file, line: line2 } = decision.evidence, approvals = decision.votes.filter((v) => v.vote === "pass").length;
    return {
      ...finding2,
      blocking: !1,
      waived: { reason: claim, proof: proofType, line: line2, council: { file, approvals, judges: decision.votes.length, artifacts } },
      council: decision
    };
  };
  return {
    async settle(gate, findings) {
      let out = [];
      for (let finding2 of findings) {
        let evidence = finding2.blocking && !options.unwaivable(finding2) ? contestedBy(options.evidence, finding2) : void 0;
        evidence === void 0 ? out.push(finding2) : options.judges.length === 0 ? (unheard.push(notConfigured(finding2, evidence)), out.push(finding2)) : out.push(apply(finding2, await hear(gate, finding2, evidence)));
      }
      return out;
    },
    report: () => [...unheard]
  };
}
function notConfigured(finding2, evidence) {
  let meta = COUNCIL_RULES["council-not-configured"];
  return {
    ruleId: "council-not-configured",
    messageId: "notConfigured",
    severity: meta.defaultSeverity,
    message: formatMessage("council-not-configured", meta, "notConfigured", {
      fingerprint: finding2.fingerprint.slice(0, 12),
      rule: `${finding2.gate}/${finding2.ruleId}`
    }),
    path: COUNTER_EVIDENCE_FILE,
    startLine: evidence.line,
    help: "configure three judges under review.judges in .proofgate.yml (see docs/council.md), or fix the finding"
  };
}
function judgeRequests(root, changes, config, env) {
  let patches, files = changes.files.map((f) => ({
    path: f.path,
    status: f.status,
    ...f.oldPath === void 0 ? {} : { oldPath: f.oldPath },
    binary: f.binary,
    addedLines: addedLineCount(f)
  })), repository = env.GITHUB_REPOSITORY !== void 0 && env.GITHUB_REPOSITORY !== "" ? env.GITHUB_REPOSITORY : basename(root);
  return async (judge, finding2, evidence) => ({
    ...buildRequest({
      role: "judge",
      reviewer: judge.name,
      focus: judge.focus,
      repository,
      baseSha: changes.base.sha,
      headSha: changes.head.sha,
      files,
      patches: await (patches ??= readFilePatches(root, changes.base.sha, changes.treeHash, changes.files)),
      maxDiffBytes: config.review["max-diff-bytes"],
      finding: {
        fingerprint: finding2.fingerprint,
        gate: finding2.gate,
        ruleId: finding2.ruleId,
        severity: finding2.severity,
        message: finding2.message,
        ...finding2.path === void 0 ? {} : { path: finding2.path },
        ...finding2.startLine === void 0 ? {} : { line: finding2.startLine }
      },
      counterEvidence: { claim: evidence.claim, proofType: evidence.proofType, artifacts: [...evidence.artifacts] }
    }),
    instructions: JUDGE_INSTRUCTIONS
  });
}

// src/runner/fail-closed.ts
var FAIL_CLOSED_RULES = {
  "gate-errored": {
    description: "The gate threw; a gate that cannot finish fails closed",
    defaultSeverity: "critical",
    reportedFor: "any gate",
    filter: "always",
    messages: { crashed: "The {{gate}} gate crashed: {{error}}", couldNotRun: "The {{gate}} gate could not run: {{error}}" }
  },
  "gate-timeout": {
    description: "The gate exceeded its timeout",
    defaultSeverity: "critical",
    reportedFor: "any gate",
    filter: "always",
    messages: { timedOut: "The {{gate}} gate {{reason}}." }
  },
  "gate-refused": {
    description: "The gate executes the repository's code and refused to run where that code is untrusted",
    defaultSeverity: "critical",
    reportedFor: "gates that run repository code",
    filter: "always",
    messages: { refused: "The {{gate}} gate executes the repository's code and refused to run: {{reason}}" }
  }
};
function isFailClosedRule(ruleId) {
  return Object.hasOwn(FAIL_CLOSED_RULES, ruleId);
}
function failClosed(ruleId, messageId, data, help) {
  let meta = FAIL_CLOSED_RULES[ruleId];
  return { ruleId, messageId, severity: meta.defaultSeverity, message: formatMessage(ruleId, meta, messageId, data), help };
}
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
function erroredFinding(gate, error) {
  let help = "a gate that cannot finish fails closed; fix the cause (see the message) and run again";
  return error instanceof ProofgateError ? failClosed("gate-errored", "couldNotRun", { gate, error: error.message }, error.hint ?? help) : failClosed("gate-errored", "crashed", { gate, error: messageOf(error) }, help);
}
function timeoutFinding(gate, reason) {
  return failClosed("gate-timeout", "timedOut", { gate, reason }, `raise gates.${gate}.timeout in .proofgate.yml if the work is legitimately slow`);
}
function refusedFinding(gate, reason) {
  return failClosed(
    "gate-refused",
    "refused",
    { gate, reason },
    "run proofgate on the pull_request event (read-only token), or drop this gate from the gates input; allow-untrusted-code: true only if you accept the risk"
  );
}

// src/runner/engine-rules.ts
var ENGINE_RULES = FAIL_CLOSED_RULES, ENGINE_RULES_FOR_EVERY_GATE = ["gate-errored", "gate-timeout"], RUN_LEVEL_RULES = { ...WAIVER_RULES, ...ESCALATION_RULES, ...COUNCIL_RULES };
function ruleDocsPath(gate, ruleId) {
  return `docs/rules/${Object.hasOwn(ENGINE_RULES, ruleId) || gate === ENGINE_GATE && Object.hasOwn(RUN_LEVEL_RULES, ruleId) ? ENGINE_GATE : gate}/${ruleId}.md`;
}

// src/reporters/sarif.ts
var SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json", INFORMATION_URI = "https://github.com/proofgate/proofgate", FINGERPRINT_KEY = "proofgate/v1", SRCROOT = "%SRCROOT%";
function sarifLevel(severity2) {
  switch (severity2) {
    case "critical":
    case "high":
      return "error";
    case "medium":
      return "warning";
    default:
      return "note";
  }
}
function sarifRuleId(gate, ruleId) {
  return `${gate}/${ruleId}`;
}
function pathToUri(path) {
  return path.split("/").map(encodeURIComponent).join("/");
}
function ruleHelpUri(gate, ruleId) {
  return `${INFORMATION_URI}/blob/main/${ruleDocsPath(gate, ruleId)}`;
}
function ownHelpUri(f) {
  let url = /^See (https?:\/\/\S+)$/.exec(f.help ?? "")?.[1];
  return url === void 0 || !URL.canParse(url) ? void 0 : url;
}
function descriptor(gate, ruleId, meta, helpUri) {
  return {
    id: sarifRuleId(gate, ruleId),
    name: ruleId,
    // Rules a gate reports without declaring them (ESLint rule ids, TypeScript codes) have no
    // catalogue entry: say where they come from and leave the default level to the result.
    shortDescription: { text: meta?.description ?? `Reported by the ${gate} gate` },
    ...helpUri === void 0 ? {} : { helpUri },
    ...meta === void 0 ? {} : { defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) } },
    properties: { tags: [gate] }
  };
}
function ruleCatalogue(findings) {
  let rules = [], index = /* @__PURE__ */ new Map(), add = (gate, ruleId, meta, helpUri = meta === void 0 ? void 0 : ruleHelpUri(gate, ruleId)) => {
    let id = sarifRuleId(gate, ruleId);
    index.has(id) || (index.set(id, rules.length), rules.push(descriptor(gate, ruleId, meta, helpUri)));
  };
  for (let gate of GATES) {
    for (let [ruleId, meta] of Object.entries(gate.meta.rules)) add(gate.id, ruleId, meta);
    for (let ruleId of ENGINE_RULES_FOR_EVERY_GATE) add(gate.id, ruleId, ENGINE_RULES[ruleId]);
  }
  for (let [ruleId, meta] of Object.entries(RUN_LEVEL_RULES)) add(ENGINE_GATE, ruleId, meta);
  for (let f of findings) {
    let gateRules = GATES.find((g) => g.id === f.gate)?.meta.rules ?? {}, family = declaredRuleId(gateRules, f.ruleId);
    if (family !== void 0 && family !== f.ruleId) {
      add(f.gate, f.ruleId, gateRules[family], ruleHelpUri(f.gate, family));
      continue;
    }
    let meta = f.gate === ENGINE_GATE ? RUN_LEVEL_RULES[f.ruleId] : ENGINE_RULES[f.ruleId];
    add(f.gate, f.ruleId, meta, meta === void 0 ? ownHelpUri(f) : ruleHelpUri(f.gate, f.ruleId));
  }
  return { rules, index };
}
function position(n) {
  return n !== void 0 && Number.isInteger(n) && n >= 1 ? n : void 0;
}
function location(path, region) {
  let startLine = position(region.startLine), endLine = startLine !== void 0 && (position(region.endLine) ?? 0) >= startLine ? region.endLine : void 0, startColumn = position(region.startColumn), sameLine = endLine === void 0 || endLine === startLine, endColumn = position(region.endColumn) !== void 0 && (!sameLine || startColumn === void 0 || region.endColumn >= startColumn) ? region.endColumn : void 0;
  return {
    physicalLocation: {
      artifactLocation: { uri: pathToUri(path), uriBaseId: SRCROOT },
      // A region needs a start line; a column or end without one would describe nothing.
      ...startLine === void 0 ? {} : {
        region: {
          startLine,
          ...endLine === void 0 ? {} : { endLine },
          ...startColumn === void 0 ? {} : { startColumn },
          ...endColumn === void 0 ? {} : { endColumn }
        }
      }
    }
  };
}
function toResult(f, ruleIndex) {
  return {
    ruleId: sarifRuleId(f.gate, f.ruleId),
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: `${f.message}${severitySourceText(f)}${f.help === void 0 ? "" : `

Help: ${f.help}`}` },
    // No path, no location: SARIF allows it; code scanning does not display such results.
    ...f.path === void 0 ? {} : { locations: [location(f.path, f)] },
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...f.waived === null ? {} : {
      suppressions: [
        {
          kind: "external",
          status: "accepted",
          justification: f.waived.council === void 0 ? `${f.waived.reason} (proof: ${f.waived.proof}${f.waived.expires === void 0 ? "" : `, expires ${f.waived.expires}`})` : `${f.waived.reason} (proof: ${f.waived.proof}; ${f.council === void 0 ? `override council, ${f.waived.council.approvals} of ${f.waived.council.judges} judges` : describeDecision(f.council)})`,
          location: location(f.waived.council?.file ?? WAIVERS_FILE, { startLine: f.waived.line })
        }
      ]
    },
    properties: {
      severity: f.severity,
      // Not message.id: SARIF (3.11.10) makes that a key into the rule's messageStrings, filled
      // from positional arguments; our text is final and carries the severity note and the help.
      ...f.messageId === void 0 ? {} : { messageId: f.messageId },
      blocking: f.blocking,
      ...f.severitySource === void 0 ? {} : { severitySource: f.severitySource, defaultSeverity: f.defaultSeverity },
      ...f.needsApproval === !0 ? { needsApproval: !0 } : {},
      ...f.pendingWaiver === void 0 ? {} : { pendingWaiver: f.pendingWaiver },
      ...f.approved === void 0 ? {} : { approved: f.approved },
      ...f.council === void 0 ? {} : { council: f.council }
    }
  };
}
function notifications(result) {
  let out = [];
  for (let g of result.gates)
    g.status === "errored" && out.push({ level: "error", message: { text: `${g.id} errored: ${g.reason ?? g.summary}` }, properties: { gate: g.id, status: g.status } });
  for (let i of result.inconclusive)
    out.push({ level: "warning", message: { text: `${i.gate} inconclusive: ${i.reason}` }, properties: { gate: i.gate, status: "inconclusive" } });
  for (let note of result.notes) out.push({ level: "note", message: { text: note } });
  return out;
}
function invocation(result) {
  let started = Date.parse(result.startedAt), toolExecutionNotifications = notifications(result);
  return {
    // A gate that errored did not finish its analysis: the run is not a complete one.
    executionSuccessful: !result.gates.some((g) => g.status === "errored"),
    exitCode: result.exitCode,
    ...Number.isNaN(started) ? {} : { startTimeUtc: new Date(started).toISOString(), endTimeUtc: new Date(started + result.durationMs).toISOString() },
    ...toolExecutionNotifications.length === 0 ? {} : { toolExecutionNotifications },
    properties: {
      verdict: result.verdict,
      base: result.base,
      head: result.head,
      gates: result.gates.map((g) => ({
        id: g.id,
        mode: g.mode,
        status: g.status,
        summary: g.summary,
        ...g.reason === void 0 ? {} : { reason: g.reason }
      }))
    }
  };
}
function toSarif(result, options = {}) {
  let { rules, index } = ruleCatalogue(result.findings), results = result.findings.map((f) => toResult(f, index.get(sarifRuleId(f.gate, f.ruleId)) ?? -1)), category = options.category?.replace(/\/+$/, ""), run = {
    tool: { driver: { name: "proofgate", version: VERSION, informationUri: INFORMATION_URI, rules } },
    invocations: [invocation(result)],
    ...options.stripRoot === !1 ? { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(result.root).href.replace(/\/?$/, "/") } } } : {},
    ...category === void 0 || category === "" ? {} : { automationDetails: { id: `${category}/${result.runId}` } },
    columnKind: "utf16CodeUnits",
    results,
    // versionControlDetails requires repositoryUri, which a run does not know: the revision goes here.
    properties: {
      runId: result.runId,
      revisionId: result.head.sha,
      ...result.head.ref === void 0 ? {} : { branch: result.head.ref },
      scope: result.scope,
      filterMode: result.filterMode,
      changedFiles: result.changedFiles,
      treeHash: result.treeHash,
      diffHash: result.diffHash
    }
  };
  return { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run] };
}
function sarifReporter(write, options = {}) {
  return {
    name: "sarif",
    onRunEnd: (result) => write(JSON.stringify(toSarif(result, options), null, 2) + `
`)
  };
}

// src/reporters/terminal.ts
import { styleText } from "node:util";
var QUEUED_SHOWN_MS = 1e3;
function useColour(stream, env) {
  return stream.isTTY === !0 && (env.NO_COLOR === void 0 || env.NO_COLOR === "") && env.TERM !== "dumb";
}
var SEVERITY_STYLE = { critical: ["bold", "red"], high: "red", medium: "yellow", low: "cyan", info: "gray" }, STATUS_MARK = { pass: "\u2714", fail: "\u2716", errored: "\u2716", inconclusive: "?", skipped: "-" }, STATUS_STYLE = { pass: "green", fail: "red", errored: ["bold", "red"], inconclusive: "yellow", skipped: "gray" };
function location2(f) {
  return f.path === void 0 ? "(run)" : f.startLine === void 0 ? inert(f.path) : `${inert(f.path)}:${f.startLine}:${f.startColumn ?? 1}`;
}
function line(text) {
  return inert(text, !0);
}
function lines(text) {
  return text.split(`
`).map(line);
}
function shortFingerprint(f) {
  return f.fingerprint.slice(0, 12);
}
function approvalState(f) {
  return f.needsApproval !== !0 ? "" : f.approved === void 0 ? "needs approval" : `approved by @${f.approved.by} on ${f.approved.sha.slice(0, 12)}`;
}
function pendingWaiverText(f) {
  let w = f.pendingWaiver;
  return w === void 0 ? "" : `.proofgate/waivers.yml:${w.line} would waive this once approved: ${w.reason} (proof: ${w.proof}${w.expires === void 0 ? "" : `, expires ${w.expires}`})`;
}
var SUMMARY_ABOVE = 20;
function findingSummary(active) {
  if (active.length <= SUMMARY_ABOVE) return [];
  let byGate = /* @__PURE__ */ new Map();
  for (let f of active) {
    let rules = byGate.get(f.gate) ?? /* @__PURE__ */ new Map();
    rules.set(f.ruleId, (rules.get(f.ruleId) ?? 0) + 1), byGate.set(f.gate, rules);
  }
  let total = (rules) => [...rules.values()].reduce((a, b) => a + b, 0), gates = [...byGate].sort(([a, ra], [b, rb]) => total(rb) - total(ra) || a.localeCompare(b)), width = Math.max(...gates.map(([g]) => g.length)), countWidth = String(Math.max(...gates.map(([, r]) => total(r)))).length, rows = gates.map(([gate, rules]) => {
    let list = [...rules].sort(([a, na], [b, nb]) => nb - na || a.localeCompare(b)).map(([rule, n]) => `${inert(rule)} ${n}`).join(" \xB7 ");
    return `  ${gate.padEnd(width)}  ${String(total(rules)).padStart(countWidth)}  ${list}`;
  });
  return [`SUMMARY (${active.length} findings by gate and rule)`, ...rows];
}
function renderTerminal(result, colour, options = {}) {
  let paint = (style, text) => colour ? styleText(style, text, { validateStream: !1 }) : text, out = [], baseRef = result.base.ref === void 0 ? "" : ` ${inert(result.base.ref)}`;
  out.push(
    `proofgate ${VERSION} \xB7 base ${result.base.sha.slice(0, 12)} (${result.base.source}${baseRef}) \u2192 head ${result.head.sha.slice(0, 12)}${result.head.ref === void 0 ? " (detached)" : ` (${inert(result.head.ref)})`} \xB7 ${result.scope === "all" ? "scan of the whole repository" : `${result.changedFiles} changed file${result.changedFiles === 1 ? "" : "s"} \xB7 filter ${result.filterMode}`}`
  );
  let active = result.findings.filter((f) => f.waived === null), summary = findingSummary(active);
  summary.length > 0 && out.push("", ...summary);
  let limit = options.maxFindings ?? Number.POSITIVE_INFINITY, shown = 0;
  for (let severity2 of SEVERITIES) {
    let group = active.filter((f) => f.severity === severity2);
    if (group.length === 0 || shown >= limit) continue;
    out.push("", paint(SEVERITY_STYLE[severity2], `${severity2.toUpperCase()} (${group.length})`));
    let printed = group.slice(0, limit - shown);
    shown += printed.length;
    for (let f of printed) {
      let message = lines(f.message);
      out.push(
        `  ${location2(f)}  ${paint(SEVERITY_STYLE[severity2], severity2)}  ${inert(f.ruleId)}  ${message[0]}${severitySourceText(f)}  ${paint("gray", `[${f.gate} ${shortFingerprint(f)}]`)}`
      );
      for (let rest of message.slice(1, 8)) out.push(`      ${paint("gray", rest)}`);
      let approval = approvalState(f);
      approval !== "" && out.push(
        `      ${f.approved === void 0 ? paint(["bold", "yellow"], `\u26A0 ${approval.toUpperCase()}: only a reviewer's approval of the pull request resolves this`) : paint("green", `\u2714 ${inert(approval)}`)}`
      );
      let pending = pendingWaiverText(f);
      pending !== "" && out.push(`      ${paint("yellow", inert(pending))}`);
      let refused = councilRefusalText(f);
      refused !== "" && out.push(`      ${paint("yellow", inert(refused))}`, `      ${paint("gray", inert(councilEvidenceText(f.council)))}`), f.help !== void 0 && (f.blocking || approval !== "") && out.push(`      ${paint("gray", `\u2192 ${line(f.help)}`)}`);
    }
  }
  shown < active.length && out.push("", `\u2026 and ${active.length - shown} more, see --format json`);
  let waived = result.findings.filter((f) => f.waived !== null);
  if (waived.length > 0) {
    out.push("", paint("gray", `WAIVED (${waived.length})`));
    for (let f of waived)
      out.push(`  ${location2(f)}  ${f.severity}  ${inert(f.ruleId)}  ${lines(f.message)[0]}${severitySourceText(f)}  [${f.gate} ${shortFingerprint(f)}]`), out.push(`      waived: ${inert(waiverText(f.waived))}`), f.council !== void 0 && out.push(`      ${inert(councilEvidenceText(f.council))}`);
  }
  out.push("", "Gates");
  let label = (g) => g.mode === "blocking" ? g.id : `${g.id} (${g.mode})`, width = Math.max(...result.gates.map((g) => label(g).length), 4);
  for (let g of result.gates) {
    let mark = paint(STATUS_STYLE[g.status], `${STATUS_MARK[g.status]} ${g.status.padEnd(12)}`), hidden = g.filteredOut > 0 ? ` \xB7 ${g.filteredOut} outside the ${result.filterMode} filter` : "", queued = (g.queuedMs ?? 0) > QUEUED_SHOWN_MS ? ` \xB7 queued ${seconds(g.queuedMs)}` : "";
    out.push(`  ${mark} ${label(g).padEnd(width)}  ${seconds(g.durationMs).padStart(7)}  ${inert(g.summary, !0)}${hidden}${queued}`);
  }
  for (let i of result.inconclusive) out.push(paint("yellow", `inconclusive: ${i.gate}: ${inert(i.reason, !0)}`));
  for (let note of result.notes) out.push(paint("gray", `note: ${inert(note, !0)}`));
  let blocking = result.findings.filter((f) => f.blocking).length, needApproval = result.findings.filter((f) => f.needsApproval === !0 && f.approved === void 0).length, approved = result.findings.filter((f) => f.approved !== void 0).length, counts = SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(", "), errored = result.gates.filter((g) => g.status === "errored" && g.mode === "blocking").map((g) => g.id), verdictStyle = result.verdict === "pass" ? ["bold", "green"] : result.verdict === "warn" ? ["bold", "yellow"] : ["bold", "red"], why = [
    counts === "" ? "no findings" : counts,
    blocking > 0 ? `${blocking} blocking` : "",
    needApproval > 0 ? `${needApproval} need${needApproval === 1 ? "s" : ""} approval` : "",
    approved > 0 ? `${approved} approved by @${result.approval?.by ?? "?"}` : "",
    errored.length > 0 ? `errored: ${errored.join(", ")}` : "",
    waived.length > 0 ? `${waived.length} waived` : ""
  ].filter((s) => s !== "").join(" \xB7 ");
  return out.push("", `${paint(verdictStyle, result.verdict.toUpperCase())} \xB7 ${why} \xB7 exit ${result.exitCode} \xB7 ${seconds(result.durationMs)}`), out.join(`
`) + `
`;
}
function terminalReporter(write, colour, options = {}) {
  return { name: "terminal", onRunEnd: (result) => write(renderTerminal(result, colour, options)) };
}

// src/runner/run.ts
import { randomUUID } from "node:crypto";
import { join as join5, resolve as resolve2 } from "node:path";

// src/findings/fingerprint.ts
import { createHash as createHash3 } from "node:crypto";
function normaliseCode(text) {
  return text.replace(/\s+/g, " ").trim();
}
function keyOf(gate, finding2, readLine) {
  let lined = finding2.path !== void 0 && finding2.startLine !== void 0, line2 = lined ? normaliseCode(readLine(finding2.path, finding2.startLine) ?? "") : "", code = lined ? finding2.fingerprintKey === void 0 ? line2 : `${line2}\0${finding2.fingerprintKey}` : normaliseCode(finding2.fingerprintKey ?? finding2.message);
  return [gate, finding2.ruleId, finding2.path ?? "", code].join("\0");
}
function fingerprintFindings(items, readLine) {
  let ordered = items.map((item, index) => ({ ...item, index, key: keyOf(item.gate, item.finding, readLine) })).sort((a, b) => (a.finding.startLine ?? 0) - (b.finding.startLine ?? 0) || (a.finding.startColumn ?? 0) - (b.finding.startColumn ?? 0) || a.index - b.index), seen = /* @__PURE__ */ new Map(), out = new Array(items.length);
  for (let item of ordered) {
    let occurrence = seen.get(item.key) ?? 0;
    seen.set(item.key, occurrence + 1);
    let fingerprint = createHash3("sha256").update(`${item.key}\0${occurrence}`).digest("hex").slice(0, 32), { fingerprintKey: _key, ...finding2 } = item.finding;
    out[item.index] = { ...finding2, gate: item.gate, fingerprint };
  }
  return out;
}

// src/findings/verdict.ts
function blocksAt(severity2, failOn = "high") {
  return severityRank(severity2) <= severityRank(failOn);
}
function needsReviewer(finding2) {
  return APPROVAL_RULES.has(`${finding2.gate}/${finding2.ruleId}`);
}
function judgeFinding(finding2, options) {
  let pending = options.pendingWaiver === null ? {} : { pendingWaiver: options.pendingWaiver }, wouldBlock = options.waived === null && options.mode === "blocking" && blocksAt(finding2.severity, options.failOn);
  if (!wouldBlock || options.pendingWaiver === null && !needsReviewer(finding2)) return { blocking: wouldBlock, ...pending };
  let { approval } = options.policy;
  if (approval !== void 0) return { blocking: !1, needsApproval: !0, ...pending, approved: { by: approval.by, sha: approval.sha } };
  let declarable = options.pendingWaiver === null && DECLARABLE_RULES.has(`${finding2.gate}/${finding2.ruleId}`);
  return { blocking: options.policy.blocks || declarable, needsApproval: !0, ...pending };
}
function decideVerdict(findings, gates) {
  return findings.some((f) => f.blocking) || gates.some((g) => g.mode === "blocking" && g.status === "errored") ? "blocked" : findings.some((f) => f.waived === null && severityRank(f.severity) <= severityRank("medium")) ? "warn" : "pass";
}
function exitCodeFor(verdict, strictWarnings) {
  return verdict === "blocked" ? ExitCode.blocked : verdict === "warn" && strictWarnings ? ExitCode.warningsFailed : ExitCode.pass;
}

// src/findings/trust.ts
import { join as join4 } from "node:path";
function isUnwaivable(finding2, protectedPaths) {
  return needsReviewer(finding2) || finding2.gate === "gate-integrity" && finding2.path !== void 0 && protectedPaths.includes(finding2.path);
}
function widenedWaivers(trusted, next) {
  let unmatched = /* @__PURE__ */ new Map();
  for (let w of trusted) unmatched.set(waiverKey(w), [...unmatched.get(waiverKey(w)) ?? [], w]);
  return next.filter((w) => {
    let old = unmatched.get(waiverKey(w))?.shift();
    return old === void 0 || old.expires !== void 0 && (w.expires === void 0 || w.expires > old.expires);
  });
}
async function readWorkTreeWaivers(root) {
  let found = await readRealFile(root, join4(root, WAIVERS_FILE));
  if (found.kind === "unreadable")
    throw new ProofgateError("PG_WAIVERS_INVALID", `Cannot read ${WAIVERS_FILE}: ${found.reason}`, {
      hint: `Make ${WAIVERS_FILE} readable by the user running proofgate.`
    });
  return found.kind === "file" ? found.text : null;
}
async function resolveWaivers(options) {
  let { root, changes } = options, trustedRev = options.scope === "all" ? changes.head.sha : changes.base.sha, [trustedText, nextText] = await Promise.all([
    readCommittedFile(root, trustedRev, WAIVERS_FILE),
    changes.includesWorkingTree ? readWorkTreeWaivers(root) : readCommittedFile(root, changes.treeHash, WAIVERS_FILE)
  ]), next = nextText === null ? [] : parseWaivers(nextText, WAIVERS_FILE), notes2 = [];
  if (options.approval !== void 0)
    return nextText !== trustedText && notes2.push(`waivers read from the change's ${WAIVERS_FILE}, approved by @${options.approval.by} on ${options.approval.sha.slice(0, 12)}`), { applied: next, pending: [], removed: /* @__PURE__ */ new Set(), notes: notes2 };
  let trusted = [];
  if (trustedText !== null)
    try {
      trusted = parseWaivers(trustedText, `${trustedRev.slice(0, 12)}:${WAIVERS_FILE}`);
    } catch (error) {
      if (!(error instanceof ProofgateError)) throw error;
      notes2.push(`${WAIVERS_FILE} at ${trustedRev.slice(0, 12)} is not a valid waivers file, so no waiver applies (${error.message})`);
    }
  let pending = nextText === trustedText ? [] : widenedWaivers(trusted, next), twins = /* @__PURE__ */ new Map();
  for (let w of next) twins.set(waiverKey(w), [...twins.get(waiverKey(w)) ?? [], w]);
  let removed = /* @__PURE__ */ new Set(), applied = trusted.map((w) => {
    let twin = twins.get(waiverKey(w))?.shift();
    return twin !== void 0 ? { ...w, line: twin.line } : (removed.add(w), w);
  });
  return pending.length > 0 && notes2.push(
    `${pending.length} waiver${pending.length === 1 ? "" : "s"} added or extended by this change (${WAIVERS_FILE}) ${pending.length === 1 ? "is" : "are"} pending: waivers apply from ${trustedRev.slice(0, 12)} until a reviewer approves the change`
  ), { applied, pending, removed, notes: notes2 };
}
async function readWorkTreeCounterEvidence(root) {
  let found = await readRealFile(root, join4(root, COUNTER_EVIDENCE_FILE));
  if (found.kind === "unreadable")
    throw new ProofgateError("PG_COUNTER_EVIDENCE_INVALID", `Cannot read ${COUNTER_EVIDENCE_FILE}: ${found.reason}`, {
      hint: `Make ${COUNTER_EVIDENCE_FILE} readable by the user running proofgate.`
    });
  return found.kind === "file" ? found.text : null;
}
async function resolveCounterEvidence(options) {
  let { root, changes } = options, trustedRev = options.scope === "all" ? changes.head.sha : changes.base.sha, [trustedText, nextText] = await Promise.all([
    readCommittedFile(root, trustedRev, COUNTER_EVIDENCE_FILE),
    changes.includesWorkingTree ? readWorkTreeCounterEvidence(root) : readCommittedFile(root, changes.treeHash, COUNTER_EVIDENCE_FILE)
  ]), next = nextText === null ? [] : parseCounterEvidence(nextText, COUNTER_EVIDENCE_FILE);
  if (options.approval !== void 0) {
    let notes2 = nextText === trustedText ? [] : [`counter-evidence read from the change's ${COUNTER_EVIDENCE_FILE}, approved by @${options.approval.by} on ${options.approval.sha.slice(0, 12)}`];
    return { applied: next, notes: notes2 };
  }
  if (trustedText === null)
    return { applied: [], notes: next.length === 0 ? [] : [untrustedNote(next.length, trustedRev)] };
  try {
    let trusted = parseCounterEvidence(trustedText, `${trustedRev.slice(0, 12)}:${COUNTER_EVIDENCE_FILE}`), known = new Set(trusted.map(entryKey)), added = next.filter((e2) => !known.has(entryKey(e2))).length;
    return { applied: trusted, notes: nextText === trustedText || added === 0 ? [] : [untrustedNote(added, trustedRev)] };
  } catch (error) {
    if (!(error instanceof ProofgateError)) throw error;
    return {
      applied: [],
      notes: [`${COUNTER_EVIDENCE_FILE} at ${trustedRev.slice(0, 12)} is not a valid counter-evidence file, so the council hears none (${error.message})`]
    };
  }
}
function entryKey(e2) {
  return JSON.stringify([e2.fingerprint, e2.claim, e2.proofType, e2.artifacts]);
}
function untrustedNote(count2, trustedRev) {
  return `${count2} counter-evidence entr${count2 === 1 ? "y" : "ies"} added or changed by this change (${COUNTER_EVIDENCE_FILE}) ${count2 === 1 ? "is" : "are"} not heard: the council hears the entries of ${trustedRev.slice(0, 12)} until a reviewer approves the change`;
}

// src/config/floor.ts
var import_yaml = __toESM(require_dist(), 1);
async function baseConfigText(root, base, loaded) {
  let names = loaded.file === null ? CONFIG_FILE_NAMES : [loaded.file, ...CONFIG_FILE_NAMES.filter((n) => n !== loaded.file)];
  return (await readBlobs(
    root,
    names.map((path) => ({ rev: base, path }))
  )).find((t) => t !== null) ?? null;
}
function parseBaseConfig(text) {
  try {
    let parsed = configSchema.safeParse(text === null ? {} : (0, import_yaml.parse)(text) ?? {});
    return parsed.success ? parsed.data : void 0;
  } catch {
    return;
  }
}
function stricterAtBase(text, gate, current) {
  let base = parseBaseConfig(text);
  if (base === void 0) return;
  let mode = base.gates[gate].mode, rank = (m) => GATE_MODES.length - GATE_MODES.indexOf(m);
  return rank(mode) > rank(current) ? mode : void 0;
}
function rulesOfRange(text, loaded) {
  let base = parseBaseConfig(text);
  return base === void 0 ? { rules: loaded.config.rules, kept: [] } : stricterRules(text === null ? {} : base.rules, loaded.config.rules);
}

// src/journal/retention.ts
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { dirname } from "node:path";
var RETENTION_DAYS = 30, AGGREGATE_RUN_ID = "retention";
async function oldestEventTime(file) {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    let buffer = Buffer.alloc(1048576), { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    for (let line2 of buffer.subarray(0, bytesRead).toString("utf8").split(`
`).slice(0, -1))
      try {
        let e2 = JSON.parse(line2);
        if (e2.type !== "day-aggregate" && typeof e2.ts == "string") return Date.parse(e2.ts);
      } catch {
      }
    return null;
  } finally {
    await handle.close();
  }
}
function emptyDay(day) {
  return {
    v: JOURNAL_VERSION,
    ts: `${day}T00:00:00.000Z`,
    runId: AGGREGATE_RUN_ID,
    type: "day-aggregate",
    day,
    events: 0,
    runs: 0,
    verdicts: {},
    gates: {},
    skips: 0
  };
}
function fold(day, e2) {
  if (day.events++, e2.type === "run-started" && day.runs++, e2.type === "verdict" && (day.verdicts[String(e2.verdict)] = (day.verdicts[String(e2.verdict)] ?? 0) + 1), e2.type === "hook-skipped" && day.skips++, e2.type === "gate-ended") {
    let gate = day.gates[String(e2.gate)] ??= {};
    gate[String(e2.status)] = (gate[String(e2.status)] ?? 0) + 1;
  }
}
function compact(text, cutoff) {
  let days = /* @__PURE__ */ new Map(), kept = [], compacted = 0;
  for (let line2 of text.split(`
`)) {
    if (line2.trim() === "") continue;
    let e2 = null;
    try {
      e2 = JSON.parse(line2);
    } catch {
    }
    if (e2 !== null && e2.type === "day-aggregate" && typeof e2.day == "string") {
      days.set(e2.day, e2);
      continue;
    }
    let time = e2 === null || typeof e2.ts != "string" ? NaN : Date.parse(e2.ts);
    if (e2 === null || Number.isNaN(time) || time >= cutoff) {
      kept.push(line2);
      continue;
    }
    let key2 = e2.ts.slice(0, 10), day = days.get(key2) ?? emptyDay(key2);
    days.set(key2, day), fold(day, e2), compacted++;
  }
  return { text: [...[...days.values()].sort((a, b) => a.day.localeCompare(b.day)).map((d) => JSON.stringify(d)), ...kept].map((l) => `${l}
`).join(""), compacted };
}
async function compactJournal(stateDir2, options = {}) {
  let file = journalPath(stateDir2), cutoff = (options.now ?? /* @__PURE__ */ new Date()).getTime() - (options.days ?? RETENTION_DAYS) * 24 * 36e5, oldest = await oldestEventTime(file);
  return oldest === null || oldest >= cutoff ? 0 : withJournalLock(file, async () => {
    let read = await readRealFile(dirname(stateDir2), file);
    if (read.kind !== "file") return 0;
    let result = compact(read.text, cutoff);
    return result.compacted > 0 && await writeStateText(file, result.text), result.compacted;
  });
}

// src/runner/order.ts
var COST_ORDER = [
  "gate-integrity",
  "mock-integrity",
  "test-mutation",
  "semantic-tests",
  "doc-coverage",
  "static-analysis",
  "tests",
  "coverage",
  "proof",
  "checklist",
  "review",
  "evidence"
], SUITE_GATES = /* @__PURE__ */ new Set(["tests", "coverage", "proof", "review"]), STATIC_GATES = new Set(
  COST_ORDER.slice(
    0,
    COST_ORDER.findIndex((id) => SUITE_GATES.has(id))
  )
);
function costRank(id) {
  let rank = COST_ORDER.indexOf(id);
  return rank === -1 ? COST_ORDER.length : rank;
}
function byCost(gates) {
  return [...gates].sort((a, b) => costRank(a.gate.id) - costRank(b.gate.id));
}
function firstBlock(results) {
  for (let result of [...results].sort((a, b) => costRank(a.id) - costRank(b.id))) {
    let finding2 = result.findings.find((f) => f.blocking);
    if (finding2 !== void 0) return `${result.id}/${finding2.ruleId}`;
  }
  return null;
}
function failFastReason(block) {
  return `not run: the push is already blocked by ${block}`;
}
var EMPTY_CHANGE_SET_REASON = "not run: the change set is empty (evidence/empty-change-set decides the run)";

// src/runner/runner.ts
var ABORT_GRACE_MS = 5e3;
function emptyCounts() {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}
function notRun(reason) {
  return { status: "skipped", outcome: null, reason, findings: [], durationMs: 0 };
}
async function executeGate(gate, timeoutMs, options, results) {
  let started = performance.now(), findings = [], applies = options.scope === "all" ? !0 : askAppliesTo(gate, options.changes);
  if (applies !== !0 && "error" in applies)
    return findings.push(erroredFinding(gate.id, applies.error)), { status: "errored", outcome: null, reason: messageOf2(applies.error), findings, durationMs: Math.round(performance.now() - started) };
  if (applies !== !0) return { status: "skipped", outcome: null, reason: applies.reason, findings, durationMs: 0 };
  if (options.refuseRepositoryCode !== void 0 && executesRepositoryCode(gate, options.config))
    return findings.push(refusedFinding(gate.id, options.refuseRepositoryCode)), { status: "errored", outcome: null, reason: `refused: ${options.refuseRepositoryCode}`, findings, durationMs: 0 };
  let timeout = new AbortController(), signal = options.signal === void 0 ? timeout.signal : AbortSignal.any([options.signal, timeout.signal]), timer = setTimeout(() => timeout.abort(new GateTimeoutError(timeoutMs)), timeoutMs), abandon, onAbort, abandoned = new Promise((_, reject) => {
    onAbort = () => {
      abandon = setTimeout(() => reject(signal.reason instanceof Error ? signal.reason : new Error("cancelled")), options.abortGraceMs ?? ABORT_GRACE_MS);
    }, signal.addEventListener("abort", onAbort, { once: !0 });
  });
  abandoned.catch(() => {
  });
  try {
    let outcome = await Promise.race([
      gate.run({
        root: options.root,
        stateDir: options.stateDir,
        runId: options.runId,
        changes: options.changes,
        scope: options.scope,
        config: options.config,
        declarations: options.declarations ?? [],
        signal,
        timeoutMs,
        report: (f) => findings.push(f),
        log: (m) => options.log?.(gate.id, m),
        progress: (text) => options.onGateProgress?.(gate.id, text),
        results,
        ...options.env === void 0 ? {} : { env: options.env },
        ...options.release === void 0 ? {} : { release: options.release }
      }),
      abandoned
    ]), durationMs = Math.round(performance.now() - started);
    if (signal.aborted) {
      let reason = signal.reason instanceof Error ? signal.reason.message : "cancelled";
      return findings.some((f) => f.severity === "critical") || findings.push(timeoutFinding(gate.id, reason)), { status: "errored", outcome, reason, findings, durationMs };
    }
    return { status: null, outcome, findings, durationMs };
  } catch (error) {
    let durationMs = Math.round(performance.now() - started), timedOut = error instanceof GateTimeoutError || signal.aborted && signal.reason instanceof GateTimeoutError, reason = messageOf2(error);
    return findings.push(timedOut ? timeoutFinding(gate.id, reason) : erroredFinding(gate.id, error)), { status: "errored", outcome: null, reason, findings, durationMs };
  } finally {
    clearTimeout(timer), abandon !== void 0 && clearTimeout(abandon), onAbort !== void 0 && signal.removeEventListener("abort", onAbort);
  }
}
function messageOf2(error) {
  return error instanceof Error ? error.message : String(error);
}
function askAppliesTo(gate, changes) {
  try {
    let applies = gate.appliesTo?.(changes) ?? !0;
    return applies === !0 ? !0 : applies === !1 ? { applies: !1, reason: "does not apply to this change set" } : applies;
  } catch (error) {
    return { error };
  }
}
function disposeGate(gate) {
  try {
    gate.dispose?.();
  } catch {
  }
}
function statusOf(raw, findings, failOn) {
  return raw.status !== null ? raw.status : findings.some((f) => f.waived === null && blocksAt(f.severity, failOn)) ? "fail" : raw.outcome?.status ?? "pass";
}
async function runGates(options) {
  let byPath = indexByPath(options.changes), shared = /* @__PURE__ */ new Map(), enabled = new Set(options.gates.map((g) => g.gate.id)), done = /* @__PURE__ */ new Map(), phaseStarted = performance.now(), empty = options.decideEmpty === !0 && options.scope === "changes" && options.changes.files.length === 0 && options.gates.some((g) => g.gate.id === "evidence" && g.mode === "blocking"), skipBeforeStart = async (id) => {
    if (empty && id !== "evidence") return EMPTY_CHANGE_SET_REASON;
    if (options.failFast !== !0 || !SUITE_GATES.has(id)) return null;
    barrier ??= failFastBarrier();
    let block = await barrier;
    return block === null ? null : failFastReason(block);
  }, barrier, failFastBarrier = async () => {
    let cheap = options.gates.filter((g) => STATIC_GATES.has(g.gate.id) && !executesRepositoryCode(g.gate, options.config)), finished = [];
    return new Promise((resolve4, reject) => {
      cheap.length === 0 && resolve4(null);
      for (let entry of cheap)
        start(entry).then((result) => {
          finished.push(result);
          let block = firstBlock(finished);
          (block !== null || finished.length === cheap.length) && resolve4(block);
        }, reject);
    });
  }, start = (entry) => {
    let existing = done.get(entry.gate.id);
    if (existing !== void 0) return existing;
    let promise = (async () => {
      let deps = (entry.gate.dependsOn ?? []).filter((d) => enabled.has(d));
      await Promise.all(deps.map((d) => start(options.gates.find((g) => g.gate.id === d))));
      let skip = await skipBeforeStart(entry.gate.id), queuedMs = Math.round(performance.now() - phaseStarted);
      skip === null && await options.onGateStart?.(entry.gate.id);
      let raw = skip === null ? await executeGate(entry.gate, entry.timeoutMs, options, shared) : notRun(skip);
      disposeGate(entry.gate), await options.readLine.prefetch?.(raw.findings.flatMap((f) => f.path !== void 0 && f.startLine !== void 0 ? [f.path] : []));
      let rules = options.rules ?? options.config.rules, configured = raw.findings.flatMap((finding2) => {
        let applied = isFailClosedRule(finding2.ruleId) ? finding2 : applyRuleLevel(entry.gate.id, finding2, rules);
        return applied === null ? [] : [{ gate: entry.gate.id, finding: applied }];
      }), stamped = fingerprintFindings(configured, options.readLine), filteredOut = 0, kept = [], filtered = entry.gate.meta.diffFiltered !== !1;
      for (let { filterLines, ...finding2 } of stamped) {
        if (filtered && !inFilter({ ...finding2, ...filterLines === void 0 ? {} : { filterLines } }, options.changes, options.config["filter-mode"], byPath)) {
          filteredOut++, options.waivers.observe(finding2);
          continue;
        }
        let waived = options.waivers.match(finding2), pendingWaiver = waived === null ? options.pendingWaivers?.match(finding2) ?? null : null, judged = judgeFinding(finding2, { waived, pendingWaiver, mode: entry.mode, failOn: options.failOn, policy: options.approval ?? { blocks: !0 } });
        kept.push({ ...finding2, ...judged, waived });
      }
      kept.sort(compareFindings), options.settle !== void 0 && (kept = await options.settle(entry.gate.id, kept));
      let counts = emptyCounts();
      for (let f of kept) f.waived === null && counts[f.severity]++;
      let status = statusOf(raw, kept, options.failOn), outcome = raw.outcome, result = {
        id: entry.gate.id,
        mode: entry.mode,
        status,
        durationMs: raw.durationMs,
        queuedMs,
        summary: outcome?.summary ?? (status === "errored" ? `errored: ${raw.reason ?? "unknown"}` : status === "skipped" ? `skipped: ${raw.reason ?? ""}` : ""),
        ...raw.reason !== void 0 ? { reason: raw.reason } : outcome?.reason !== void 0 ? { reason: outcome.reason } : {},
        counts,
        filteredOut,
        findings: kept,
        ...outcome?.data !== void 0 ? { data: outcome.data } : {}
      };
      return shared.set(entry.gate.id, { status, ...outcome?.data !== void 0 ? { data: outcome.data } : {} }), await options.onGateEnd?.(result), result;
    })();
    return done.set(entry.gate.id, promise), promise;
  };
  for (let entry of byCost(options.gates)) start(entry);
  return Promise.all(options.gates.map(start));
}
function compareFindings(a, b) {
  return severityRank(a.severity) - severityRank(b.severity) || (a.path ?? "").localeCompare(b.path ?? "") || (a.startLine ?? 0) - (b.startLine ?? 0) || (a.startColumn ?? 0) - (b.startColumn ?? 0) || a.ruleId.localeCompare(b.ruleId);
}

// src/runner/waiver-scope.ts
var import_picomatch2 = __toESM(require_picomatch(), 1);
function ownersOf(waiver, gates) {
  let all = gates.map((g) => g.id);
  if (waiver.fingerprint !== void 0 || waiver.rule === void 0) return all;
  let slash = waiver.rule.indexOf("/"), named = slash < 0 ? void 0 : gates.find((g) => g.id === waiver.rule.slice(0, slash));
  if (named !== void 0) return [named.id];
  let declaring = gates.filter((g) => Object.hasOwn(g.meta.rules, waiver.rule)).map((g) => g.id);
  return declaring.length > 0 ? declaring : all;
}
function undecidedWaivers(results, gates, changes, scope) {
  let finished = new Set(results.filter((r) => r.status === "pass" || r.status === "fail").map((r) => r.id));
  return (waiver) => {
    let owners = ownersOf(waiver, gates);
    if (owners.some((id) => !finished.has(id))) return !0;
    if (scope === "all" || waiver.fingerprint !== void 0 || waiver.path === void 0 || owners.every((id) => gates.find((g) => g.id === id)?.meta.diffFiltered === !1)) return !1;
    let glob = (0, import_picomatch2.default)(waiver.path, { dot: !0 });
    return !changes.files.some((f) => f.status !== "deleted" && glob(f.path));
  };
}

// src/runner/warm.ts
function provisionalChanges(root, files, options) {
  return {
    root,
    base: { sha: "", source: "explicit" },
    head: { sha: "" },
    treeHash: "",
    includesWorkingTree: options.includesWorkingTree,
    ...options.staged ? { index: !0 } : {},
    files,
    diffHash: ""
  };
}
function createWarmer(root, scope, planned, config) {
  let warmed = /* @__PURE__ */ new Set();
  return Object.assign((candidate) => {
    for (let { gate } of planned)
      if (!(warmed.has(gate.id) || gate.warmUp === void 0) && !(scope !== "all" && askAppliesTo(gate, candidate) !== !0)) {
        warmed.add(gate.id);
        try {
          gate.warmUp(root, candidate, config);
        } catch {
        }
      }
  }, { warmed });
}

// src/runner/run.ts
function effectiveModes(config, subset, scope = "changes") {
  let modes = /* @__PURE__ */ new Map();
  for (let gate of GATES) {
    let meta = gate.meta, set = config.gates[gate.id]?.mode ?? meta.defaultMode, configured = meta.enabled !== void 0 && !meta.enabled(config) ? "off" : set, selected = (subset === void 0 || subset.includes(gate.id)) && (scope === "changes" || gate.meta.scansAll === !0);
    modes.set(gate.id, selected ? configured : "off");
  }
  return modes;
}
function timeoutMsOf(config, id) {
  let seconds2 = config.gates[id]?.timeout ?? 600;
  return Math.round(seconds2 * 1e3);
}
var GUARDED_GATE = "gate-integrity";
async function callReporters(reporters, warn, call) {
  for (let reporter of reporters)
    try {
      await call(reporter);
    } catch (error) {
      warn(`reporter ${reporter.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
}
async function planRun(settings, phase) {
  let repo = settings.repository ?? await openRepository(settings.cwd), root = repo.root, stateChecked = trackedStatePaths(repo).then((tracked) => checkStateDirectory(root, tracked));
  stateChecked.catch(() => {
  });
  let swept = sweepStaleWorktrees(root), loaded = await loadConfig(root, {
    ...settings.configFile === void 0 ? {} : { file: settings.configFile },
    ...settings.configRev === void 0 ? {} : { rev: settings.configRev },
    env: settings.env
  }), stateNotes = await stateChecked;
  sweepStaleStateTmp(join5(stateDir(root), "tmp"));
  let scope = settings.scope ?? "changes", filterMode = scope === "all" ? "nofilter" : settings.filterMode, config = filterMode === void 0 ? loaded.config : { ...loaded.config, "filter-mode": filterMode };
  phase("config");
  let modes = effectiveModes(config, settings.gates, scope), guarded = loaded.rev === null && scope === "changes" && (settings.gates === void 0 || settings.gates.includes(GUARDED_GATE)) && loaded.gateModeOverrides[GUARDED_GATE] === void 0 && GATES.some((g) => g.id === GUARDED_GATE), modeOf = (id) => guarded && id === GUARDED_GATE && modes.get(id) !== "blocking" ? "blocking" : modes.get(id), planned = GATES.filter((g) => modeOf(g.id) !== "off").map((gate) => ({ gate, mode: modeOf(gate.id), timeoutMs: timeoutMsOf(config, gate.id) })), nothingToRun = () => new ProofgateError(
    "PG_USAGE",
    scope === "all" ? "Every gate that can scan the whole repository is off for this run." : "Every gate is off for this run, so it could prove nothing.",
    {
      hint: "enable a gate in .proofgate.yml, or check --gates and PROOFGATE_GATE_* variables"
    }
  );
  if (planned.length === 0) throw nothingToRun();
  return { repo, root, loaded, config, scope, modes, guarded, planned, stateNotes, swept, nothingToRun };
}
async function resolveRun(settings, p, phase) {
  let { repo, root, loaded, config, scope, modes, guarded, stateNotes, nothingToRun } = p, planned = p.planned, warmed = settings.refuseRepositoryCode === void 0 ? planned : planned.filter((p2) => !executesRepositoryCode(p2.gate, config)), warm = createWarmer(root, scope, warmed, config), { changes, notes: notes2 } = await resolveChanges({
    // A provisional change set: names and statuses only (no shas, binary flags or line ranges yet).
    onNames: (files) => warm(provisionalChanges(root, files, { includesWorkingTree: settings.head === void 0 && settings.staged !== !0, staged: settings.staged === !0 })),
    repo,
    ...settings.base === void 0 ? {} : { base: settings.base },
    ...settings.head === void 0 ? {} : { head: settings.head },
    ...settings.baseSource === void 0 ? {} : { baseSource: settings.baseSource },
    ...settings.labels === void 0 ? {} : { labels: settings.labels },
    ...settings.staged === !0 ? { staged: !0, ...settings.indexFile === void 0 ? {} : { indexFile: resolve2(settings.cwd, settings.indexFile) } } : {}
  });
  warm(changes), !changes.includesWorkingTree && planned.some((p2) => executesRepositoryCode(p2.gate, config) && askAppliesTo(p2.gate, changes) === !0) && workTreeDifference(changes).catch(() => {
  });
  let inRange = loaded.rev === null && scope === "changes", baseConfig = guarded || inRange ? baseConfigText(root, changes.base.sha, loaded) : Promise.resolve(null), trustOptions = { root, changes, scope, ...settings.approval === void 0 ? {} : { approval: settings.approval } }, [enforced, range, waivers, counterEvidence] = await Promise.all([
    // Nothing is stricter than blocking: no git read on the common path.
    guarded && modes.get(GUARDED_GATE) !== "blocking" ? baseConfig.then((text) => stricterAtBase(text, GUARDED_GATE, modes.get(GUARDED_GATE))) : Promise.resolve(void 0),
    inRange ? baseConfig.then((text) => rulesOfRange(text, loaded)) : Promise.resolve(void 0),
    // The waivers that apply are the base's (git objects), never the change's own: see findings/trust.ts.
    resolveWaivers(trustOptions),
    // The counter-evidence the council hears is the base's too; the change's own is validated, not heard.
    resolveCounterEvidence(trustOptions)
  ]);
  if (guarded) {
    let mode = enforced ?? modes.get(GUARDED_GATE);
    if (planned = planned.filter((p2) => p2.gate.id !== GUARDED_GATE || mode !== "off").map((p2) => p2.gate.id === GUARDED_GATE ? { ...p2, mode } : p2), planned.length === 0) throw nothingToRun();
    enforced !== void 0 && notes2.push(
      `${GUARDED_GATE} runs ${enforced}, as the base commit's config says: the range cannot loosen the gate that judges it (PROOFGATE_GATE_GATE_INTEGRITY overrides)`
    );
  }
  let rules = config.rules;
  if (range !== void 0 && (rules = range.rules, range.kept.length > 0 && notes2.push(
    `rules weakened in this change run at the base commit's level: ${range.kept.join(", ")} (the range cannot lower a severity that judges it; gate-integrity reports the edit)`
  )), describeRuleLevels(rules) !== "" && notes2.push(`severity set in .proofgate.yml: ${describeRuleLevels(rules)}`), notes2.unshift(...settings.notes ?? []), notes2.push(...stateNotes), !planned.some((p2) => p2.gate.id === "proof") && await entryExists(scopePath(stateDir(root))) && notes2.push(
    `the scope recorded by proofgate start (.proofgate/${SCOPE_FILE}) was not checked: the proof gate is off for this run (${settings.gates === void 0 ? `mode ${modes.get("proof")}` : "--gates"})`
  ), loaded.rev !== null && notes2.push(
    `configuration read from ${loaded.file === null ? `the defaults (no ${settings.configFile ?? CONFIG_FILE_NAMES[0]} at` : `${loaded.file} at`} ${loaded.rev.slice(0, 12)}${loaded.file === null ? ")" : ""}: edits to it in this change apply once merged`
  ), notes2.push(...waivers.notes, ...counterEvidence.notes), settings.approval !== void 0) {
    let { by, sha, association } = settings.approval;
    notes2.push(`approved by @${by} (${association.toLowerCase()}) on ${sha.slice(0, 12)}: findings that need approval do not block`);
  }
  if (planned.some((p2) => p2.gate.id === "checklist") && scope === "changes") {
    let rev = settings.release === void 0 ? changes.base.sha : changes.head.sha;
    await loadChecklist(root, rev, settings.release === void 0 ? {} : { external: settings.release.external });
  }
  return phase("change set and waivers"), { changes, notes: notes2, planned, rules, waivers, counterEvidence };
}
async function executeRun(settings, p, r, runId, phase) {
  let { root, loaded, config, scope, swept } = p, { changes, notes: notes2, planned, rules, waivers } = r, stateDir2 = stateDir(root), plan = { runId, scope, changes, gates: planned.map((p2) => ({ id: p2.gate.id, mode: p2.mode })), filterMode: config["filter-mode"], notes: notes2 }, journal = async (events) => appendEvents(stateDir2, events);
  await journal([
    {
      runId,
      type: "run-started",
      base: changes.base,
      head: changes.head,
      treeHash: changes.treeHash,
      diffHash: changes.diffHash,
      files: changes.files.length,
      scope,
      gates: plan.gates,
      filterMode: plan.filterMode,
      configFile: loaded.file,
      configRev: loaded.rev
    }
  ]), await callReporters(settings.reporters, settings.warn, (r2) => r2.onRunStart?.(plan)), phase("journal and run start");
  let today = (settings.now ?? /* @__PURE__ */ new Date()).toISOString().slice(0, 10), protectedPaths = [...CONFIG_FILE_NAMES, WAIVERS_FILE, COUNTER_EVIDENCE_FILE, ...loaded.file === null ? [] : [loaded.file]], unwaivable = (finding2) => isUnwaivable(finding2, protectedPaths), matcher = createWaiverMatcher(waivers.applied, today, { unwaivable }), pendingMatcher = createWaiverMatcher(waivers.pending, today, { unwaivable }), readLine = createLineReader(changes), council = councilOf(settings, p, r, runId, unwaivable, journal), removed = await swept;
  removed.length > 0 && settings.debug?.(`removed ${removed.length} stale worktree(s) under ${WORKTREES_DIR}: ${removed.join(", ")}`);
  let gateResults = await runGates({
    root,
    stateDir: stateDir2,
    runId,
    changes,
    scope,
    config,
    gates: planned,
    waivers: matcher,
    pendingWaivers: pendingMatcher,
    approval: { blocks: settings.approvalBlocks ?? !0, ...settings.approval === void 0 ? {} : { approval: settings.approval } },
    readLine,
    failOn: settings.failOn ?? "high",
    rules,
    env: settings.env,
    ...settings.declarations === void 0 ? {} : { declarations: settings.declarations },
    ...settings.refuseRepositoryCode === void 0 ? {} : { refuseRepositoryCode: settings.refuseRepositoryCode },
    ...settings.release === void 0 ? {} : { release: settings.release },
    ...settings.signal === void 0 ? {} : { signal: settings.signal },
    ...settings.failFast === !0 ? { failFast: !0 } : {},
    decideEmpty: !0,
    ...council === null ? {} : { settle: (gate, findings) => council.settle(gate, findings) },
    onGateProgress: (id, text) => {
      for (let reporter of settings.reporters)
        try {
          reporter.onGateProgress?.(id, text);
        } catch (error) {
          settings.warn(`reporter ${reporter.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    },
    onGateStart: async (id) => {
      await journal([{ runId, type: "gate-started", gate: id }]), await callReporters(settings.reporters, settings.warn, (r2) => r2.onGateStart?.(id));
    },
    onGateEnd: async (result) => {
      await journal([
        {
          runId,
          type: "gate-ended",
          gate: result.id,
          mode: result.mode,
          status: result.status,
          durationMs: result.durationMs,
          counts: result.counts,
          filteredOut: result.filteredOut,
          ...result.reason === void 0 ? {} : { reason: result.reason }
        }
      ]), await callReporters(settings.reporters, settings.warn, (r2) => r2.onGateEnd?.(result));
    },
    log: (gate, message) => settings.debug?.(`[${gate}] ${message}`)
  }).finally(() => removeRunTree(runId));
  return phase("gates"), { gateResults, matcher, readLine, journal, council };
}
function councilOf(settings, p, r, runId, unwaivable, journal) {
  if (r.counterEvidence.applied.length === 0) return null;
  let refuse = settings.refuseRepositoryCode;
  return createCouncil({
    root: p.root,
    runId,
    judges: p.config.review.judges ?? [],
    evidence: r.counterEvidence.applied,
    unwaivable,
    request: judgeRequests(p.root, r.changes, p.config, settings.env),
    journal,
    ...refuse === void 0 ? {} : { refused: (judge) => runsRepositoryCode(judge.run) ? refuse : void 0 },
    env: settings.env,
    ...settings.signal === void 0 ? {} : { signal: settings.signal },
    prompt: () => readBasePrompt(p.root, r.changes.base.sha, p.config.review)
  });
}
async function runProofgate(settings) {
  let startedAt = /* @__PURE__ */ new Date(), started = performance.now(), mark = started, phase = (name) => {
    let now = performance.now();
    settings.debug?.(`${name}: ${Math.round(now - mark)} ms`), mark = now;
  }, planning = await planRun(settings, phase), resolution = await resolveRun(settings, planning, phase), runId = randomUUID(), executed = await executeRun(settings, planning, resolution, runId, phase);
  return finishRun(settings, planning, resolution, { ...executed, runId, startedAt, started }, phase);
}
async function finishRun(settings, p, r, e2, phase) {
  let { root, config, scope } = p, { changes, notes: notes2, waivers } = r, { gateResults, matcher, readLine, journal, council, runId, startedAt, started } = e2, runLevel = fingerprintFindings(
    [...matcher.report(WAIVERS_FILE, waivers.removed, undecidedWaivers(gateResults, GATES, changes, scope)), ...council?.report() ?? []].map((finding2) => ({
      gate: "proofgate",
      finding: finding2
    })),
    readLine
  ).map((f) => ({ ...f, blocking: !1, waived: null })), findings = [...gateResults.flatMap((g) => g.findings), ...runLevel].sort(compareFindings), verdict = decideVerdict(findings, gateResults);
  if (scope === "changes") {
    let escalation = await escalateRun({
      root,
      runId,
      startedAt: startedAt.toISOString(),
      branch: changes.head.ref ?? null,
      diffHash: changes.diffHash,
      blocked: verdict === "blocked",
      fingerprints: findings.filter((f) => f.blocking).map((f) => f.fingerprint),
      env: settings.env,
      warn: settings.warn,
      settings: config.loop.escalation
    });
    escalation !== null && findings.push(escalation), escalation !== null && findings.sort(compareFindings), escalation?.blocking === !0 && (verdict = decideVerdict(findings, gateResults));
  }
  let exitCode = exitCodeFor(verdict, settings.strictWarnings), inconclusive = gateResults.filter((g) => g.status === "inconclusive").map((g) => ({ gate: g.id, reason: g.reason ?? g.summary }));
  await journal([
    {
      runId,
      type: "verdict",
      verdict,
      exitCode,
      base: changes.base.sha,
      head: changes.head.sha,
      treeHash: changes.treeHash,
      diffHash: changes.diffHash,
      blocking: findings.filter((f) => f.blocking).length,
      findings: findings.length,
      inconclusive,
      // What `proofgate history` and `health` read back (loop/journal-runs.ts): capped, never the messages.
      ...journalDetails(findings, gateResults)
    }
  ]), await compactJournal(stateDir(root), { days: config.loop["retention-days"] }).catch(
    (error) => settings.warn(`journal retention failed: ${error instanceof Error ? error.message : String(error)}`)
  );
  let result = {
    runId,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    root,
    base: changes.base,
    head: changes.head,
    treeHash: changes.treeHash,
    diffHash: changes.diffHash,
    scope,
    filterMode: config["filter-mode"],
    changedFiles: changes.files.length,
    verdict,
    exitCode,
    gates: gateResults,
    findings,
    inconclusive,
    notes: notes2,
    ...settings.approval === void 0 ? {} : { approval: settings.approval }
  };
  return phase("verdict and journal"), await callReporters(settings.reporters, settings.warn, (r2) => r2.onRunEnd?.(result)), phase("reporters"), result;
}

// src/runner/release.ts
import { join as join6, resolve as resolve3 } from "node:path";

// src/changes/release.ts
async function resolveReleaseRange(root, tag) {
  let target = tag === void 0 ? "HEAD" : `refs/tags/${tag}`, resolved = await tryGit(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${target}^{commit}`]);
  if (resolved.exitCode !== 0)
    throw tag === void 0 ? new ProofgateError("PG_NO_COMMITS", "The repository has no commit to release.", { hint: "commit, tag and run proofgate release again" }) : new ProofgateError("PG_HEAD_NOT_FOUND", `Invalid --tag '${tag}': expected a tag that exists locally.`, {
      hint: `create it (git tag ${tag}) or fetch tags (git fetch --tags), then run again`
    });
  let head = resolved.stdout.trim(), described = await tryGit(root, ["describe", "--tags", "--abbrev=0", "--end-of-options", `${head}^`]);
  if (described.exitCode === 0) {
    let previous = described.stdout.trim(), sha = (await runGit(root, ["rev-parse", "--verify", "--end-of-options", `refs/tags/${previous}^{commit}`])).trim();
    return { tag: tag ?? null, head, base: { sha, source: "previous-tag", tag: previous } };
  }
  let roots = (await runGit(root, ["rev-list", "--max-parents=0", "--end-of-options", head])).trim().split(`
`);
  return { tag: tag ?? null, head, base: { sha: roots.at(-1), source: "root" } };
}

// src/runner/release.ts
var RELEASE_REPORT_FILE = ".proofgate/release-report.json", HELDOUT_EVAL_EVENT = "heldout-eval";
function deferRunEnd(reporters) {
  return reporters.map((r) => ({
    name: r.name,
    ...r.onRunStart === void 0 ? {} : { onRunStart: (plan) => r.onRunStart(plan) },
    ...r.onGateStart === void 0 ? {} : { onGateStart: (id) => r.onGateStart(id) },
    ...r.onGateEnd === void 0 ? {} : { onGateEnd: (result) => r.onGateEnd(result) },
    ...r.onGateProgress === void 0 ? {} : { onGateProgress: (id, text) => r.onGateProgress(id, text) }
  }));
}
function releaseInfo(result, range) {
  let data = result.gates.find((g) => g.id === "checklist")?.data;
  return {
    tag: range.tag,
    base: range.base,
    visible: data?.items ?? [],
    heldOut: data?.release?.heldOut ?? { total: 0, passed: 0, failed: 0, setSha256: setSha256([]) },
    heldOutFailures: data?.release?.heldOutFailures ?? []
  };
}
async function runRelease(settings) {
  let repo = settings.repository ?? await openRepository(settings.cwd), range = await resolveReleaseRange(repo.root, settings.tag), file = settings.checklistFile ?? nonEmpty(settings.env[CHECKLIST_FILE_VARIABLE]), external = file === void 0 ? [] : await readExternalChecklist(resolve3(settings.cwd, file)), { tag: _tag, checklistFile: _file, ...run } = settings, result = await runProofgate({
    ...run,
    repository: repo,
    base: range.base.sha,
    head: range.head,
    baseSource: "explicit",
    // The header reads `base <sha> (explicit v1.1.0) → head <sha> (v1.2.0)`: the refs, not bare SHAs.
    labels: {
      base: range.base.source === "previous-tag" && range.base.tag !== void 0 ? range.base.tag : "the root commit",
      ...range.tag === null ? {} : { head: range.tag }
    },
    reporters: deferRunEnd(settings.reporters),
    release: { external, ...file === void 0 ? {} : { externalFile: file } },
    notes: [
      ...settings.notes ?? [],
      `release ${range.tag ?? `of HEAD (${range.head.slice(0, 12)})`}: base ${range.base.source === "previous-tag" ? `the previous release tag ${range.base.tag}` : "the root commit"} (${range.base.sha.slice(0, 12)})`
    ]
  }), release = releaseInfo(result, range), checklist = result.gates.find((g) => g.id === "checklist"), unevaluated = checklist === void 0 ? "the checklist gate is off for this release: no checklist item, held out or visible, was evaluated" : checklist.status === "skipped" || checklist.status === "errored" ? `the checklist gate ${checklist.status === "skipped" ? "was skipped" : "errored"}${checklist.reason === void 0 ? "" : ` (${checklist.reason})`}: no held-out item was evaluated` : null, { total, passed, failed } = release.heldOut, counted = total === 0 ? null : `held-out checklist items: ${total} evaluated, ${passed} passed, ${failed} failed`, notes2 = [...result.notes, ...[counted, unevaluated].filter((n) => n !== null)], final = { ...result, release, notes: notes2 };
  await appendEvents(stateDir(result.root), [
    {
      runId: result.runId,
      type: HELDOUT_EVAL_EVENT,
      verdict: result.verdict,
      passed: release.heldOut.passed,
      failed: release.heldOut.failed,
      heldOutSha256: release.heldOut.setSha256
    }
  ]), await writeStateJson(join6(stateDir(result.root), "release-report.json"), toJsonReport(final));
  for (let reporter of settings.reporters)
    try {
      await reporter.onRunEnd?.(final);
    } catch (error) {
      settings.warn(`reporter ${reporter.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  return final;
}
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light = __toESM(require_light(), 1), VERSION2 = "0.0.0-development", noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  let { pathname } = new URL(options.url, "http://github.test"), isAuth = isAuthRequest(options.method, pathname), isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD", isSearch = options.method === "GET" && pathname.startsWith("/search/"), isGraphQL = pathname.startsWith("/graphql"), jobOptions = ~~request.retryCount > 0 ? { priority: 0, weight: 0 } : {};
  state.clustering && (jobOptions.expiration = 1e3 * 60), (isWrite || isGraphQL) && await state.write.key(state.id).schedule(jobOptions, noop), isWrite && state.triggersNotification(pathname) && await state.notifications.key(state.id).schedule(jobOptions, noop), isSearch && await state.search.key(state.id).schedule(jobOptions, noop);
  let req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    let res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED"))
      throw Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  let regex2 = `^(?:${paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  ).map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default), triggersNotification = regex.test.bind(regex), groups = {}, createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  }), groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  }), groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  }), groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  }), groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  let {
    enabled = !0,
    Bottleneck = import_light.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled)
    return {};
  let common = { timeout };
  typeof connection < "u" && (common.connection = connection);
  let state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit != "function" || typeof state.onRateLimit != "function")
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  let initialized = !1, initializeBottleneck = () => {
    if (initialized)
      return;
    initialized = !0, groups.global == null && createGroups(Bottleneck, common), state.global = state.global ?? groups.global, state.auth = state.auth ?? groups.auth, state.search = state.search ?? groups.search, state.write = state.write ?? groups.write, state.notifications = state.notifications ?? groups.notifications, state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    let events = {}, emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit), events.on("rate-limit", state.onRateLimit), events.on(
      "error",
      (e2) => octokit.log.warn("Error in throttling-plugin limit handler", e2)
    ), state.retryLimiter.on("failed", async function(error, info) {
      let [state2, request, options] = info.args, { pathname } = new URL(options.url, "http://github.test");
      if (!(pathname.startsWith("/graphql") && error.status !== 401 || error.status === 403 || error.status === 429))
        return;
      let retryCount = ~~request.retryCount;
      request.retryCount = retryCount, options.request.retryCount = retryCount;
      let { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          let retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          return { wantRetry: await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          ), retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          let rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime(), retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          return { wantRetry: await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          ), retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry)
        return request.retryCount++, retryAfter * state2.retryAfterBaseValue;
    });
  };
  return octokit.hook.wrap("request", (request, options) => (initializeBottleneck(), wrapRequest(state, request, options))), {};
}
throttling.VERSION = VERSION2;
throttling.triggersNotification = triggersNotification;

// src/github/client.ts
function createGitHubClient(token, options) {
  let retries = options.rateLimitRetries ?? 2, onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
    let again = retryCount < retries;
    return options.log?.(`${kind} rate limit on ${request.method} ${request.url}: ${again ? `retrying in ${retryAfter} s` : "giving up"}`), again;
  };
  return getOctokit(
    token,
    {
      baseUrl: options.baseUrl.replace(/\/$/, ""),
      throttle: { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") },
      // Octokit's default logger prints warnings to the console; route them to the step log.
      log: { debug: () => {
      }, info: () => {
      }, warn: (m) => options.log?.(m), error: (m) => options.log?.(m) }
    },
    retry,
    throttling
  );
}
function statusOf2(error) {
  let status = error?.status;
  return typeof status == "number" ? status : void 0;
}
function isReadOnlyTokenError(error) {
  if (statusOf2(error) !== 403) return !1;
  let message = error instanceof Error ? error.message : "";
  return !/rate limit/i.test(message);
}

export {
  loadConfig,
  configJsonSchema,
  waiverText,
  councilRefusalText,
  councilEvidenceText,
  htmlReporter,
  toJsonReport,
  jsonReporter,
  fromJsonReport,
  readJournalRuns,
  toSarif,
  sarifReporter,
  useColour,
  renderTerminal,
  terminalReporter,
  failFastReason,
  runProofgate,
  RELEASE_REPORT_FILE,
  runRelease,
  createGitHubClient,
  statusOf2 as statusOf,
  isReadOnlyTokenError
};
