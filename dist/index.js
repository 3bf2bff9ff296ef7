import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  RELEASE_REPORT_FILE,
  councilEvidenceText,
  councilRefusalText,
  createGitHubClient,
  fromJsonReport,
  htmlReporter,
  isReadOnlyTokenError,
  renderTerminal,
  runProofgate,
  runRelease,
  statusOf,
  toJsonReport,
  toSarif,
  waiverText
} from "./chunks/chunk-NIZWASR5.js";
import {
  core_exports,
  debug,
  getInput,
  info,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-TKDYWETM.js";
import "./chunks/chunk-NGHP7UHC.js";
import "./chunks/chunk-2HIFB4RV.js";
import {
  FILTER_MODES,
  GATES,
  GATE_IDS,
  SEVERITIES,
  SEVERITY_SOURCE_NOTE,
  coerce_exports,
  openRepository,
  runGit,
  seconds,
  severityRank,
  string,
  tryGit,
  writeTextAtomic
} from "./chunks/chunk-DJIWTX3R.js";
import "./chunks/chunk-2PCWBAUF.js";
import {
  ExitCode,
  ProofgateError,
  formatError
} from "./chunks/chunk-KP6SIVJC.js";
import "./chunks/chunk-R43OE7MV.js";

// src/action/main.ts
import { readFile as readFile2 } from "node:fs/promises";
import { isAbsolute as isAbsolute2, join as join2, resolve as resolve2 } from "node:path";

// src/changes/fetch.ts
var DEPTHS = [50, 400, 3e3];
async function ensureHistory(repo, base, head, options = {}) {
  let remote = options.remote ?? "origin", env = await credentialEnv(repo, options), report = { fetched: [], deepened: [] }, git = async (args) => {
    let r = await tryGit(repo.root, args, { env });
    return { ok: r.exitCode === 0, stderr: r.stderr };
  }, shallow = await repo.isShallow(), missing = [];
  for (let sha of /* @__PURE__ */ new Set([base, head])) await repo.resolveCommit(sha) === null && missing.push(sha);
  if (missing.length > 0) {
    options.log?.(`fetching ${missing.map((s) => s.slice(0, 12)).join(", ")} from ${remote}`);
    let r = await git(["fetch", "--no-tags", "--no-recurse-submodules", ...shallow ? ["--depth=1"] : [], remote, ...missing]), still = [];
    for (let sha of missing) await repo.resolveCommit(sha) === null && still.push(sha);
    if (!r.ok || still.length > 0) {
      let what = `Commit ${(still[0] ?? missing[0]).slice(0, 12)} is not in this clone and could not be fetched from ${remote}`;
      throw unreachable(what, r.stderr) ?? new ProofgateError("PG_SHALLOW_CLONE", `${what}: ${lastLine(r.stderr)}`, {
        hint: "check out with history: actions/checkout with fetch-depth: 0 (and the token, for a private fork)"
      });
    }
    report.fetched.push(...missing);
  }
  if (!await repo.isShallow()) return report;
  let mergeBase = async () => (await git(["merge-base", base, head])).ok;
  for (let depth of [...DEPTHS, "unshallow"]) {
    if (await mergeBase()) return report;
    options.log?.(depth === "unshallow" ? "no merge-base yet: fetching the whole history" : `no merge-base yet: deepening to ${depth} commits`);
    let r = await git(["fetch", "--no-tags", "--no-recurse-submodules", depth === "unshallow" ? "--unshallow" : `--depth=${depth}`, remote, base, head]);
    if (report.deepened.push(depth), !r.ok && depth === "unshallow") break;
  }
  if (await mergeBase()) return report;
  throw new ProofgateError("PG_SHALLOW_CLONE", `No merge-base of ${base.slice(0, 12)} and ${head.slice(0, 12)}, even with the whole history of ${remote}.`, {
    hint: "the two commits share no history; check the base branch, or check out with fetch-depth: 0"
  });
}
async function fetchBranch(repo, branch, options = {}) {
  let remote = options.remote ?? "origin", tracking = `refs/remotes/${remote}/${branch}`, env = await credentialEnv(repo, options);
  options.log?.(`fetching branch ${branch} from ${remote}`);
  let depth = await repo.isShallow() ? ["--depth=1"] : [], r = await tryGit(repo.root, ["fetch", "--no-tags", "--no-recurse-submodules", ...depth, remote, `+refs/heads/${branch}:${tracking}`], { env }), sha = r.exitCode === 0 ? await repo.resolveCommit(tracking) : null;
  if (sha === null) {
    let what = `Branch ${branch} could not be fetched from ${remote}`;
    throw unreachable(what, r.stderr) ?? new ProofgateError("PG_SHALLOW_CLONE", `${what}: ${lastLine(r.stderr) || "no such branch"}`, {
      hint: "check that the branch exists on the remote and that the token can read the repository"
    });
  }
  return sha;
}
async function credentialEnv(repo, options) {
  if (options.token === void 0 || options.token === "" || options.serverUrl === void 0 || !options.serverUrl.startsWith("https://")) return {};
  if ((await runGit(repo.root, ["config", "--get-regexp", "^http\\..*\\.extraheader$"]).catch(() => "")).trim() !== "") return {};
  let basic = Buffer.from(`x-access-token:${options.token}`).toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: `http.${options.serverUrl.replace(/\/$/, "")}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`
  };
}
var UNREACHABLE = [
  /could not resolve host/i,
  /failed to connect to/i,
  /connection (?:refused|timed out|reset)/i,
  /operation timed out/i,
  /the requested url returned error: 5\d\d/i,
  /rpc failed/i,
  /early eof/i,
  /temporary failure in name resolution/i
];
function unreachable(what, stderr) {
  let line = stderr.split(`
`).find((l) => UNREACHABLE.some((p) => p.test(l)));
  return line === void 0 ? null : new ProofgateError("PG_FETCH_UNREACHABLE", `${what}: the remote could not be reached (${line.trim()}).`, {
    hint: "re-run the job (a network or server failure is usually temporary); if it persists, check the remote URL and the runner's network"
  });
}
function lastLine(text) {
  return text.trim().split(`
`).at(-1) ?? "";
}

// src/github/reviews.ts
var TRUSTED_ASSOCIATIONS = ["OWNER", "MEMBER", "COLLABORATOR"];
async function listReviews(client, repo, pull) {
  return client.paginate(client.rest.pulls.listReviews, { ...repo, pull_number: pull, per_page: 100 });
}
function findApproval(reviews, options) {
  if (options.author === void 0 || options.author === "") return;
  let author = options.author.toLowerCase(), latest = /* @__PURE__ */ new Map();
  reviews.forEach((review, index) => {
    let login = review.user?.login;
    login === void 0 || review.state === "COMMENTED" || review.state === "PENDING" || latest.set(login.toLowerCase(), { review, index });
  });
  let found;
  for (let [login, { review, index }] of latest)
    review.state !== "APPROVED" || review.commit_id !== options.headSha || login === author || TRUSTED_ASSOCIATIONS.includes(review.author_association) && (found === void 0 || index > found.index) && (found = { approval: { by: review.user.login, sha: options.headSha, association: review.author_association }, index });
  return found?.approval;
}

// src/reporters/templates/markdown.ts
var MAX_MESSAGE_CHARS = 1e3, DEFAULT_MORE_HINT = "see the JSON report / job summary", ELLIPSIS = "\u2026", ZWJ = "\u200D";
function measure(text, unit) {
  return unit === "chars" ? text.length : Buffer.byteLength(text, "utf8");
}
function truncate(text, max, unit = "chars") {
  if (measure(text, unit) <= max) return text;
  let room = max - measure(ELLIPSIS, unit);
  if (room < 0) return "";
  if (unit === "chars") {
    let cut2 = room, last = text.charCodeAt(cut2 - 1);
    return cut2 > 0 && last >= 55296 && last <= 56319 && (cut2 -= 1), text.slice(0, cut2) + ELLIPSIS;
  }
  let bytes = Buffer.from(text, "utf8"), cut = room;
  for (; cut > 0 && ((bytes[cut] ?? 0) & 192) === 128; ) cut -= 1;
  return bytes.subarray(0, cut).toString("utf8") + ELLIPSIS;
}
var UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
function clean(text) {
  return text.replace(/\r\n?/g, `
`).replace(UNSAFE_CHARS, "\uFFFD");
}
function escapeText(text, maxChars = MAX_MESSAGE_CHARS) {
  return clean(truncate(text, maxChars)).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`).replace(/@/g, `@${ZWJ}`).replace(/#(?=\d)/g, `#${ZWJ}`).replace(/\t/g, " ").replace(/\n/g, "<br>");
}
function codeSpan(text, maxChars = MAX_MESSAGE_CHARS) {
  let body = clean(truncate(text, maxChars)).replace(/[\n\t]/g, " ").replace(/<!--/g, `<${ZWJ}!--`), longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run2) => run2.length)), fence = "`".repeat(longest + 1), pad = body.startsWith("`") || body.endsWith("`") || body === "" ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}
function cellCode(text, maxChars = MAX_MESSAGE_CHARS) {
  return /[|\\<>&]/.test(text) ? `<code>${escapeText(text, maxChars)}</code>` : codeSpan(text, maxChars);
}
function tableRow(cells) {
  return `| ${cells.join(" | ")} |`;
}
var SEPARATOR = `

`;
function moreRow(section, hidden) {
  let first = `\u2026 ${hidden} more (${section.hint ?? DEFAULT_MORE_HINT})`;
  return tableRow([first, ...section.header.slice(1).map(() => " ")]);
}
function notShown(section) {
  return `\u2026 ${section.rows.length} ${section.noun} not shown (${section.hint ?? DEFAULT_MORE_HINT})`;
}
function renderTable(section, keep) {
  let lines = [];
  section.before !== void 0 && lines.push(section.before), lines.push(tableRow(section.header), tableRow(section.header.map(() => "---")));
  for (let row of section.rows.slice(0, keep)) lines.push(tableRow(row));
  return keep < section.rows.length && lines.push(moreRow(section, section.rows.length - keep)), section.after !== void 0 && lines.push(section.after), lines.join(`
`);
}
function renderNote(section) {
  return [section.before, notShown(section), section.after].filter((line) => line !== void 0).join(`
`);
}
function renderSection(section, state) {
  return section.kind === "text" ? state.kind === "dropped" ? section.dropNote ?? "" : section.text : state.kind === "note" ? section.rows.length === 0 ? "" : renderNote(section) : renderTable(section, state.kind === "rows" ? state.keep : section.rows.length);
}
function tableSizer(section, unit) {
  let fixed = [section.before, tableRow(section.header), tableRow(section.header.map(() => "---")), section.after].filter(
    (line) => line !== void 0
  ), fixedSize = fixed.reduce((sum, line) => sum + measure(line, unit), 0) + (fixed.length - 1), prefix = [0];
  for (let row of section.rows) prefix.push(prefix[prefix.length - 1] + measure(tableRow(row), unit) + 1);
  return (keep) => {
    let more = keep < section.rows.length ? measure(moreRow(section, section.rows.length - keep), unit) + 1 : 0;
    return fixedSize + prefix[keep] + more;
  };
}
function fitSections(sections, budget, unit) {
  let states = sections.map(() => ({ kind: "full" })), sizers = sections.map((s) => s.kind === "table" ? tableSizer(s, unit) : void 0), partSize = (i) => {
    let section = sections[i], state = states[i];
    return section.kind === "table" && (state.kind === "full" || state.kind === "rows") ? sizers[i](state.kind === "rows" ? state.keep : section.rows.length) : measure(renderSection(section, state), unit);
  }, total = () => {
    let sum = 0, parts = 0;
    for (let i = 0; i < sections.length; i++) {
      let size2 = partSize(i);
      size2 !== 0 && (sum += size2, parts += 1);
    }
    return sum + Math.max(0, parts - 1) * SEPARATOR.length;
  }, size = total(), trimmed = !1, order = sections.map((s, i) => ({ s, i })).filter(({ s }) => !(s.kind === "text" && s.required === !0)).sort((a, b) => b.s.priority - a.s.priority || b.i - a.i);
  for (let { s: section, i } of order) {
    if (size <= budget) break;
    if (trimmed = !0, section.kind === "text") {
      states[i] = { kind: "dropped" }, size = total();
      continue;
    }
    let current = partSize(i), sizer = sizers[i], fitted = !1;
    for (let keep = section.rows.length - 1; keep >= 0; keep--)
      if (size - current + sizer(keep) <= budget) {
        states[i] = { kind: "rows", keep }, fitted = !0;
        break;
      }
    fitted || (states[i] = { kind: "note" }), size = total();
  }
  let text = sections.map((s, i) => renderSection(s, states[i])).filter((part) => part !== "").join(SEPARATOR);
  return measure(text, unit) <= budget ? { text, trimmed } : { text: truncate(text, budget, unit), trimmed: !0 };
}
var VERDICT_WORD = { pass: "Passed", warn: "Warnings", blocked: "Blocked" }, VERDICT_MARK = { pass: "\u2705", warn: "\u26A0\uFE0F", blocked: "\u274C" }, STATUS_MARK = { pass: "\u2705", fail: "\u274C", errored: "\u{1F4A5}", inconclusive: "\u2754", skipped: "\u23ED\uFE0F" };
function activeFindings(result) {
  return bySeverity(result.findings.filter((f) => f.waived === null));
}
function waivedFindings(result) {
  return bySeverity(result.findings.filter((f) => f.waived !== null));
}
function bySeverity(findings) {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i).map(({ f }) => f);
}
function countsText(findings) {
  let counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]).filter(([, n]) => n > 0);
  return counts.length === 0 ? "no findings" : counts.map(([s, n]) => `${n} ${s}`).join(", ");
}
function erroredGates(result) {
  return result.gates.filter((g) => g.status === "errored" && g.mode === "blocking").map((g) => g.id);
}
function verdictLine(result) {
  let active = activeFindings(result), blocking = result.findings.filter((f) => f.blocking).length, needApproval = result.findings.filter((f) => f.needsApproval === !0 && f.approved === void 0).length, approved = result.findings.filter((f) => f.approved !== void 0).length, waived = result.findings.length - active.length, errored = erroredGates(result);
  return [
    `${VERDICT_MARK[result.verdict]} **${VERDICT_WORD[result.verdict]}**`,
    countsText(active),
    blocking > 0 ? `${blocking} blocking` : "",
    needApproval > 0 ? `${needApproval} need${needApproval === 1 ? "s" : ""} approval` : "",
    approved > 0 ? `${approved} approved by ${escapeText(`@${result.approval?.by ?? "?"}`, 100)}` : "",
    errored.length > 0 ? `errored: ${errored.join(", ")}` : "",
    waived > 0 ? `${waived} waived` : "",
    `exit ${result.exitCode}`,
    seconds(result.durationMs)
  ].filter((p) => p !== "").join(" \xB7 ");
}
function headerLine(result) {
  let baseRef = result.base.ref === void 0 ? "" : ` ${cellCode(result.base.ref, 200)}`, headRef = result.head.ref === void 0 ? " (detached)" : ` (${cellCode(result.head.ref, 200)})`, scope = result.scope === "all" ? "scan of the whole repository" : `${result.changedFiles} changed file${result.changedFiles === 1 ? "" : "s"} \xB7 filter ${codeSpan(result.filterMode)}`;
  return `base ${codeSpan(result.base.sha.slice(0, 12))} (${result.base.source}${baseRef}) \u2192 head ${codeSpan(result.head.sha.slice(0, 12))}${headRef} \xB7 ${scope}`;
}
function inconclusiveText(result) {
  return result.inconclusive.map((i) => `- \u2754 inconclusive \u2014 passed through: ${i.gate}: ${escapeText(i.reason)}`).join(`
`);
}
function notesText(result) {
  return result.notes.map((n) => `- note: ${escapeText(n)}`).join(`
`);
}
function locationCell(f) {
  return f.path === void 0 || f.path === "" ? "(run)" : f.startLine === void 0 ? cellCode(f.path) : cellCode(`${f.path}:${f.startLine}:${f.startColumn ?? 1}`);
}
function ruleCell(f) {
  return cellCode(`${f.gate}/${f.ruleId}`, 200);
}
function severityCell(f) {
  let set = f.severitySource === "config" ? ` \xB7 ${SEVERITY_SOURCE_NOTE} (gate: ${f.defaultSeverity ?? "?"})` : "", approval = f.needsApproval !== !0 ? "" : f.approved === void 0 ? " \xB7 **needs approval**" : ` \xB7 approved by ${escapeText(`@${f.approved.by}`, 100)} on ${codeSpan(f.approved.sha.slice(0, 12))}`;
  return f.blocking ? `**${f.severity}** \xB7 blocking${set}${approval}` : (f.waived === null ? f.severity : `${f.severity} \xB7 waived`) + set + approval;
}
function messageCell(f) {
  let w = f.pendingWaiver, council = f.council === void 0 ? "" : `<br>\u2696 ${escapeText(councilText(f), 600)}`;
  return w === void 0 ? escapeText(f.message) + council : `${escapeText(f.message)}<br>\u23F3 \`.proofgate/waivers.yml:${w.line}\` would waive this once approved: ${escapeText(w.reason, 300)} (proof: ${w.proof})${council}`;
}
var FINDING_HEADER = ["severity", "rule", "location", "message"];
function findingRow(f) {
  return [severityCell(f), ruleCell(f), locationCell(f), messageCell(f)];
}
var GATE_HEADER = ["gate", "mode", "status", "summary"];
function reasonBesideSummary(g) {
  let reason = g.reason ?? "";
  return reason === "" || g.summary.includes(reason) || reason.split("; ").map((part) => part.replace(/^[\w.-]+: /, "")).every((part) => part !== "" && g.summary.includes(part)) ? "" : reason;
}
function gateRow(result, g) {
  let shown = reasonBesideSummary(g), reason = shown !== "" && g.status !== "pass" && g.status !== "fail" ? ` \u2014 ${shown}` : "", hidden = g.filteredOut > 0 ? ` \xB7 ${g.filteredOut} outside the ${result.filterMode} filter` : "";
  return [g.id, g.mode, `${STATUS_MARK[g.status]} ${g.status}`, escapeText(`${g.summary}${reason}`) + escapeText(hidden)];
}
function waiverText2(f) {
  return f.waived === null ? "" : waiverText(f.waived);
}
function councilText(f) {
  let c = f.council;
  return `${c.outcome === "approved" && f.waived !== null ? `waived by the override council: ${waiverText(f.waived)}` : councilRefusalText(f)} \xB7 ${councilEvidenceText(c)}`;
}

// src/reporters/annotations.ts
var ANNOTATIONS_PER_REQUEST = 50, ANNOTATION_TEXT_BYTES = 64 * 1024, ANNOTATION_TITLE_CHARS = 255, LEVEL = { critical: "failure", high: "failure", medium: "warning", low: "notice", info: "notice" }, KIND = { critical: "error", high: "error", medium: "warning", low: "notice", info: "notice" };
function byPriority(a, b) {
  let rank = severityRank(a.severity) - severityRank(b.severity);
  if (rank !== 0) return rank;
  let pa = a.path ?? "", pb = b.path ?? "";
  return pa !== pb ? pa < pb ? -1 : 1 : (a.startLine ?? 0) - (b.startLine ?? 0) || (a.startColumn ?? 0) - (b.startColumn ?? 0);
}
var positive = (n) => n !== void 0 && Number.isInteger(n) && n >= 1 ? n : void 0;
function position(f) {
  let startLine = positive(f.startLine) ?? 1, endLine = Math.max(startLine, positive(f.endLine) ?? startLine);
  if (startLine !== endLine) return { startLine, endLine };
  let startColumn = positive(f.startColumn);
  if (startColumn === void 0) return { startLine, endLine };
  let endColumn = positive(f.endColumn);
  return endColumn !== void 0 && endColumn >= startColumn ? { startLine, endLine, startColumn, endColumn } : { startLine, endLine, startColumn };
}
function title(f) {
  return truncate(`${f.gate}/${f.ruleId} (${f.severity}${f.severitySource === "config" ? `, ${SEVERITY_SOURCE_NOTE}` : ""})`, ANNOTATION_TITLE_CHARS);
}
function toCheckAnnotations(findings, opts) {
  let active = findings.filter((f) => f.waived === null), located = active.filter((f) => f.path !== void 0 && f.path !== "").sort(byPriority), budget = Math.max(0, Math.floor(opts.budget)), annotations = located.slice(0, budget).map((f) => {
    let at = position(f), annotation = {
      path: f.path,
      start_line: at.startLine,
      end_line: at.endLine,
      annotation_level: LEVEL[f.severity],
      message: truncate(f.message === "" ? f.ruleId : f.message, ANNOTATION_TEXT_BYTES, "bytes"),
      title: title(f)
    };
    return at.startColumn !== void 0 && (annotation.start_column = at.startColumn), at.endColumn !== void 0 && (annotation.end_column = at.endColumn), f.help !== void 0 && f.help !== "" && (annotation.raw_details = truncate(f.help, ANNOTATION_TEXT_BYTES, "bytes")), annotation;
  });
  return { annotations, notAnnotated: located.length - annotations.length, pathless: active.length - located.length };
}
function batches(items, size = ANNOTATIONS_PER_REQUEST) {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Invalid batch size ${size}: expected a whole number of at least 1.`);
  let out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
var COMMAND_MESSAGE_CHARS = 4e3;
function toWorkflowCommands(findings, opts = {}) {
  let perType = Math.max(0, Math.floor(opts.perTypeLimit ?? 10)), perJob = Math.max(0, Math.floor(opts.perJobLimit ?? 50)), sorted = findings.filter((f) => f.waived === null).sort(byPriority), select = (noticeLimit, totalLimit) => {
    let used = { error: 0, warning: 0, notice: 0 }, chosen2 = [];
    for (let f of sorted) {
      if (chosen2.length >= totalLimit) break;
      let kind = KIND[f.severity];
      used[kind] >= (kind === "notice" ? noticeLimit : perType) || (used[kind] += 1, chosen2.push(f));
    }
    return chosen2;
  }, chosen = select(perType, perJob);
  chosen.length < sorted.length && (chosen = select(perType - 1, perJob - 1));
  let hidden = sorted.length - chosen.length, commands = chosen.map((f) => {
    let properties = { title: title(f) };
    if (f.path !== void 0 && f.path !== "") {
      let at = position(f);
      properties.file = f.path, properties.startLine = at.startLine, properties.endLine = at.endLine, at.startColumn !== void 0 && (properties.startColumn = at.startColumn), at.endColumn !== void 0 && (properties.endColumn = at.endColumn);
    }
    return { kind: KIND[f.severity], message: truncate(f.message === "" ? f.ruleId : f.message, COMMAND_MESSAGE_CHARS), properties };
  });
  return hidden > 0 && perType >= 1 && perJob >= 1 && commands.push({
    kind: "notice",
    message: `proofgate: ${hidden} more finding${hidden === 1 ? "" : "s"} not annotated (GitHub shows ${perType} per type per step); see the job summary`,
    properties: { title: "proofgate" }
  }), { commands, hidden };
}

// src/github/checks.ts
async function createCheckRun(client, repo, options) {
  let { data } = await client.rest.checks.create({
    ...repo,
    name: options.name,
    head_sha: options.headSha,
    status: "in_progress",
    started_at: (/* @__PURE__ */ new Date()).toISOString(),
    ...options.detailsUrl === void 0 ? {} : { details_url: options.detailsUrl },
    ...options.externalId === void 0 ? {} : { external_id: options.externalId }
  });
  return { id: data.id, url: data.html_url };
}
async function completeCheckRun(client, repo, id, options) {
  let output = { title: options.title, summary: options.summary, ...options.text === void 0 ? {} : { text: options.text } }, batches2 = batches(options.annotations), last = batches2.pop() ?? [];
  for (let batch of batches2) await client.rest.checks.update({ ...repo, check_run_id: id, output: { ...output, annotations: batch } });
  return await client.rest.checks.update({
    ...repo,
    check_run_id: id,
    status: "completed",
    conclusion: options.conclusion,
    completed_at: (/* @__PURE__ */ new Date()).toISOString(),
    output: { ...output, ...last.length === 0 ? {} : { annotations: last } }
  }), batches2.length + 1;
}

// src/github/comments.ts
async function listComments(client, repo, issue) {
  return client.paginate(client.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
}
async function writeComment(client, repo, issue, body, id) {
  if (id !== void 0) {
    let { data: data2 } = await client.rest.issues.updateComment({ ...repo, comment_id: id, body });
    return { id: data2.id, url: data2.html_url, created: !1 };
  }
  let { data } = await client.rest.issues.createComment({ ...repo, issue_number: issue, body });
  return { id: data.id, url: data.html_url, created: !0 };
}
async function deleteComment(client, repo, id) {
  await client.rest.issues.deleteComment({ ...repo, comment_id: id });
}

// src/reporters/templates/check-run.ts
var CHECK_RUN_MAX_CHARS = 65535, CHECK_RUN_TITLE_CHARS = 255, HINT = "see the job summary / JSON report";
function checkRunTitle(result) {
  let errored = erroredGates(result), parts = [
    `${VERDICT_WORD[result.verdict]}: ${countsText(activeFindings(result))}`,
    errored.length > 0 ? `errored: ${errored.join(", ")}` : "",
    result.inconclusive.length > 0 ? `${result.inconclusive.length} inconclusive` : ""
  ];
  return truncate(parts.filter((p) => p !== "").join(" \xB7 "), CHECK_RUN_TITLE_CHARS);
}
function renderCheckRun(result, opts) {
  let maxChars = opts.maxChars ?? CHECK_RUN_MAX_CHARS, active = activeFindings(result), sections = [{ kind: "text", priority: 0, required: !0, text: `${verdictLine(result)}

${headerLine(result)}` }];
  result.inconclusive.length > 0 && sections.push({ kind: "text", priority: 1, required: !0, text: inconclusiveText(result) }), sections.push({
    kind: "table",
    priority: 3,
    noun: "gates",
    hint: HINT,
    before: "### Gates",
    header: GATE_HEADER,
    rows: result.gates.map((g) => gateRow(result, g))
  }), result.notes.length > 0 && sections.push({ kind: "text", priority: 4, text: notesText(result) }), active.length > 0 && sections.push({
    kind: "table",
    priority: 5,
    noun: "findings",
    hint: HINT,
    before: `### Findings (${active.length})`,
    header: FINDING_HEADER,
    rows: active.map(findingRow)
  });
  let budgetLines = [];
  opts.notAnnotated > 0 && budgetLines.push(
    `${opts.notAnnotated} finding${opts.notAnnotated === 1 ? " was" : "s were"} not annotated (budget ${opts.annotated}); see the job summary.`
  );
  let pathless = opts.pathless ?? 0;
  pathless > 0 && budgetLines.push(
    `${pathless} finding${pathless === 1 ? " has" : "s have"} no file location, so ${pathless === 1 ? "it is" : "they are"} in this summary only.`
  ), budgetLines.length > 0 && sections.push({ kind: "text", priority: 2, text: budgetLines.join(`

`) });
  let output = { title: checkRunTitle(result), summary: fitSections(sections, maxChars, "chars").text }, text = renderDetails(result, maxChars);
  return text !== "" && (output.text = text), output;
}
function renderDetails(result, maxChars) {
  let sections = [], blockingWithHelp = result.findings.filter((f) => f.blocking && f.help !== void 0 && f.help !== "");
  blockingWithHelp.length > 0 && sections.push({
    kind: "table",
    priority: 0,
    noun: "findings",
    hint: HINT,
    before: "### What to do next",
    header: ["rule", "location", "next step"],
    rows: blockingWithHelp.map((f) => [ruleCell(f), locationCell(f), escapeText(f.help)])
  });
  let waived = waivedFindings(result);
  return waived.length > 0 && sections.push({
    kind: "table",
    priority: 1,
    noun: "waived findings",
    hint: HINT,
    before: `### Waived (${waived.length})`,
    header: [...FINDING_HEADER, "waiver"],
    rows: waived.map((f) => [...findingRow(f), escapeText(waiverText2(f))])
  }), sections.length === 0 ? "" : fitSections(sections, maxChars, "chars").text;
}

// src/reporters/templates/job-summary.ts
var JOB_SUMMARY_MAX_BYTES = 1048576, HINT2 = "see the JSON report";
function gateDetails(result, g) {
  let counts = countsText(g.findings.filter((f) => f.waived === null)), lines = [
    `- mode: ${g.mode}`,
    `- summary: ${escapeText(g.summary)}`,
    reasonBesideSummary(g) !== "" ? `- reason: ${escapeText(reasonBesideSummary(g))}` : "",
    `- findings: ${counts}`,
    g.filteredOut > 0 ? `- outside the ${result.filterMode} filter: ${g.filteredOut}` : ""
  ].filter((line) => line !== "");
  return [`<details><summary>${g.id} \u2014 ${gateRow(result, g)[2]} \xB7 ${seconds(g.durationMs)}</summary>`, "", ...lines, "", "</details>"].join(`
`);
}
function renderJobSummary(result, opts = {}) {
  let maxBytes = opts.maxBytes ?? JOB_SUMMARY_MAX_BYTES, active = activeFindings(result), waived = waivedFindings(result), sections = [
    {
      kind: "text",
      priority: 0,
      required: !0,
      text: `## ${VERDICT_MARK[result.verdict]} proofgate: ${VERDICT_WORD[result.verdict]}

${verdictLine(result)}

${headerLine(result)}`
    }
  ];
  result.inconclusive.length > 0 && sections.push({ kind: "text", priority: 1, required: !0, text: inconclusiveText(result) }), result.notes.length > 0 && sections.push({ kind: "text", priority: 2, text: notesText(result) }), sections.push({
    kind: "table",
    priority: 3,
    noun: "gates",
    hint: HINT2,
    before: "### Gates",
    header: ["gate", "mode", "status", "time", "summary"],
    rows: result.gates.map((g) => {
      let [id, mode, status, summary2] = gateRow(result, g);
      return [id, mode, status, seconds(g.durationMs), summary2];
    })
  }), active.length > 0 && sections.push({
    kind: "table",
    priority: 4,
    noun: "findings",
    hint: HINT2,
    before: `### Findings (${active.length})`,
    header: FINDING_HEADER,
    rows: active.map(findingRow)
  }), waived.length > 0 && sections.push({
    kind: "table",
    priority: 5,
    noun: "waived findings",
    hint: HINT2,
    before: `### Waived (${waived.length})`,
    header: [...FINDING_HEADER, "reason", "proof", "expires", "waiver"],
    rows: waived.map((f) => [
      ...findingRow(f),
      escapeText(f.waived.reason),
      f.waived.proof,
      f.waived.expires === void 0 ? "\u2014" : escapeText(f.waived.expires, 40),
      f.waived.council === void 0 ? `.proofgate/waivers.yml:${f.waived.line}` : `${f.waived.council.file}:${f.waived.line} (override council, ${f.waived.council.approvals} of ${f.waived.council.judges} judges)`
    ])
  });
  for (let g of result.gates) sections.push({ kind: "text", priority: 6, text: gateDetails(result, g) });
  return fitSections(sections, maxBytes, "bytes").text;
}

// src/reporters/templates/pr-comment.ts
var COMMENT_MAX_CHARS = 65536;
function commentMarker(checkName2) {
  return `<!-- proofgate:comment check-name=${encodeURIComponent(checkName2)} -->`;
}
var HINT3 = "see the check run / job summary";
function renderComment(result, opts) {
  let maxChars = opts.maxChars ?? COMMENT_MAX_CHARS, active = activeFindings(result), blocking = active.filter((f) => f.blocking), rest = [...active.filter((f) => !f.blocking), ...waivedFindings(result)], heading = `### ${VERDICT_MARK[result.verdict]} ${escapeText(opts.checkName, 100)}: ${VERDICT_WORD[result.verdict]}`, sections = [{ kind: "text", priority: 0, required: !0, text: `${commentMarker(opts.checkName)}
${heading}

${verdictLine(result)}` }];
  result.inconclusive.length > 0 && sections.push({ kind: "text", priority: 1, required: !0, text: inconclusiveText(result) }), blocking.length > 0 && sections.push({
    kind: "table",
    priority: 2,
    noun: "blocking findings",
    hint: HINT3,
    before: `#### Blocking (${blocking.length})`,
    header: FINDING_HEADER,
    rows: blocking.map(findingRow)
  }), rest.length > 0 && sections.push({
    kind: "table",
    priority: 3,
    noun: "findings",
    hint: HINT3,
    before: `<details>
<summary>${rest.length} other finding${rest.length === 1 ? "" : "s"} (not blocking or waived)</summary>
`,
    after: `
</details>`,
    header: FINDING_HEADER,
    rows: rest.map(findingRow)
  });
  let link = opts.checkRunUrl !== void 0 && /^https:\/\/[^\s<>()[\]"'`\\]+$/.test(opts.checkRunUrl) ? ` \xB7 [check run](${opts.checkRunUrl})` : "";
  return sections.push({ kind: "text", priority: 1, required: !0, text: `<sub>updated for ${codeSpan(opts.headSha.slice(0, 7))}${link}</sub>` }), fitSections(sections, maxChars, "chars").text;
}
function findMarkedComment(comments, checkName2) {
  let marker = commentMarker(checkName2);
  return comments.find((c) => c.user?.type === "Bot" && typeof c.body == "string" && c.body.startsWith(marker))?.id;
}

// src/reporters/github.ts
function conclusionOf(result) {
  return result.verdict === "blocked" || result.exitCode !== 0 ? "failure" : result.verdict === "warn" ? "neutral" : "success";
}
function readOnlyNotice(p, what, error) {
  p.readOnly = !0, p.warn(
    `proofgate could not ${what} (HTTP ${statusOf(error) ?? "?"}: the token is read-only, as on a fork's pull request or for Dependabot); findings go to annotations in this job and to the job summary instead \u2014 proofgate's docs/action.md shows the workflow_run recipe for full checks on forks`
  );
}
function checkRunReporter(p, render = renderCheckRun) {
  let create = async () => {
    if (!(p.client === void 0 || p.readOnly || p.checkRun !== void 0))
      try {
        p.checkRun = await createCheckRun(p.client, p.repo, {
          name: p.checkName,
          headSha: p.headSha,
          ...p.detailsUrl === void 0 ? {} : { detailsUrl: p.detailsUrl }
        });
      } catch (error) {
        if (isReadOnlyTokenError(error)) return readOnlyNotice(p, "create a check run", error);
        throw error;
      }
  };
  return {
    name: "check-run",
    onRunStart: create,
    async onRunEnd(result) {
      if (await create(), p.client === void 0 || p.checkRun === void 0) return;
      let { annotations, notAnnotated, pathless } = toCheckAnnotations(result.findings, { budget: p.maxAnnotations }), output = render(result, { annotated: annotations.length, notAnnotated, pathless });
      try {
        let requests = await completeCheckRun(p.client, p.repo, p.checkRun.id, { conclusion: conclusionOf(result), ...output, annotations });
        p.info(
          `check run '${p.checkName}' completed: ${conclusionOf(result)}, ${annotations.length} annotation(s) in ${requests} request(s)${p.checkRun.url === null ? "" : ` \u2014 ${p.checkRun.url}`}`
        );
      } catch (error) {
        if (isReadOnlyTokenError(error)) return readOnlyNotice(p, "complete the check run", error);
        throw error;
      }
    }
  };
}
function fallbackAnnotationsReporter(p) {
  return {
    name: "annotations",
    onRunEnd(result) {
      if (p.checkRun !== void 0 && !p.readOnly) return;
      let { commands, hidden } = toWorkflowCommands(result.findings);
      for (let c of commands) core_exports[c.kind](c.message, c.properties);
      commands.length > 0 && p.info(`${commands.length} annotation(s) written as workflow commands${hidden > 0 ? `, ${hidden} more in the job summary` : ""}`);
    }
  };
}
function jobSummaryReporter(env, render = renderJobSummary) {
  return {
    name: "job-summary",
    async onRunEnd(result) {
      env.GITHUB_STEP_SUMMARY === void 0 || env.GITHUB_STEP_SUMMARY === "" || await summary.addRaw(render(result), !0).write();
    }
  };
}
function pullRequestCommentReporter(p, mode) {
  return {
    name: "pr-comment",
    async onRunEnd(result) {
      if (p.client === void 0 || p.pullRequest === void 0) return;
      let passing = result.verdict === "pass" && result.exitCode === 0;
      try {
        let existing = findMarkedComment(await listComments(p.client, p.repo, p.pullRequest), p.checkName);
        if (mode === "on-failure" && passing) {
          existing !== void 0 && (await deleteComment(p.client, p.repo, existing), p.info(`pull request comment ${existing} deleted: the pull request passes`));
          return;
        }
        let body = renderComment(result, {
          checkName: p.checkName,
          headSha: p.headSha,
          ...p.checkRun?.url === null || p.checkRun === void 0 ? {} : { checkRunUrl: p.checkRun.url }
        }), written = await writeComment(p.client, p.repo, p.pullRequest, body, existing);
        p.info(`pull request comment ${written.created ? "created" : "updated"}: ${written.url}`);
      } catch (error) {
        if (isReadOnlyTokenError(error)) return readOnlyNotice(p, "write the pull request comment", error);
        throw error;
      }
    }
  };
}

// src/action/artifact.ts
import { basename, dirname } from "node:path";
async function uploadHtmlArtifact(file, name) {
  try {
    let { DefaultArtifactClient } = await import("./chunks/artifact-SJEWTBTL.js"), response = await new DefaultArtifactClient().uploadArtifact(name, [file], dirname(file));
    return { uploaded: !0, ...response.id === void 0 ? {} : { id: response.id }, ...response.size === void 0 ? {} : { size: response.size } };
  } catch (error) {
    return { uploaded: !1, reason: `${basename(file)} as artifact '${name}': ${error instanceof Error ? error.message : String(error)}` };
  }
}

// src/action/event.ts
import { readFile } from "node:fs/promises";
async function readWorkflowContext(env) {
  let need = (name) => {
    let value = env[name];
    if (value === void 0 || value === "")
      throw new ProofgateError("PG_USAGE", `${name} is not set: proofgate's Action runs inside a GitHub Actions job.`, {
        hint: "outside GitHub Actions, run the CLI: npx proofgate run"
      });
    return value;
  }, [owner = "", repo = ""] = need("GITHUB_REPOSITORY").split("/"), eventPath = env.GITHUB_EVENT_PATH, payload = {};
  if (eventPath !== void 0 && eventPath !== "")
    try {
      payload = JSON.parse(await readFile(eventPath, "utf8"));
    } catch (error) {
      throw new ProofgateError(
        "PG_USAGE",
        `Cannot read the event payload at GITHUB_EVENT_PATH (${eventPath}): ${error instanceof Error ? error.message : String(error)}`
      );
    }
  return {
    eventName: need("GITHUB_EVENT_NAME"),
    payload,
    repository: { owner, repo },
    sha: need("GITHUB_SHA"),
    serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    runId: env.GITHUB_RUN_ID
  };
}
var ZERO = /^0{40}$/;
function pullRequestOf(payload) {
  let pr = payload.pull_request;
  if (!(pr?.base?.sha === void 0 || pr.head?.sha === void 0 || typeof pr.number != "number"))
    return {
      number: pr.number,
      baseSha: pr.base.sha,
      headSha: pr.head.sha,
      baseRef: pr.base.ref ?? "",
      labels: (pr.labels ?? []).flatMap((l) => typeof l.name == "string" ? [l.name] : []),
      // A deleted fork has head.repo null: treat it as a fork.
      fork: pr.head.repo?.full_name !== pr.base.repo?.full_name,
      ...typeof pr.user?.login == "string" ? { author: pr.user.login } : {}
    };
}
async function targetOf(context, repo) {
  let { eventName, payload } = context, notes = [], head = await repo.resolveCommit("HEAD");
  if (eventName === "pull_request" || eventName === "pull_request_target") {
    let pr = pullRequestOf(payload);
    if (pr === void 0) throw new ProofgateError("PG_USAGE", `The ${eventName} event payload has no pull_request with base and head commits.`);
    let parents = [...(head === null ? "" : await repo.catFileCommit(head).catch(() => "")).split(`

`)[0].matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]), checkedOut = head === pr.headSha ? "head" : parents.length === 2 && parents[1] === pr.headSha ? "merge" : "other", base = checkedOut === "merge" ? parents[0] : pr.baseSha, common = { baseSource: "pull-request", reportSha: pr.headSha, configRev: base, pullRequest: pr, notes };
    return checkedOut === "merge" && notes.push(`checked out the merge commit ${head.slice(0, 12)}: compared with its first parent ${base.slice(0, 12)}`), eventName === "pull_request_target" ? checkedOut === "other" ? (notes.push(
      `pull_request_target: the pull request's code is not checked out; proofgate reads its head commit ${pr.headSha.slice(0, 12)} from git and runs nothing from it`
    ), {
      ...common,
      base,
      head: pr.headSha,
      untrusted: "the pull request's code is not checked out (pull_request_target checks out the base branch), and gates must not run it with this workflow's write token"
    }) : {
      ...common,
      base,
      untrusted: "pull_request_target runs with a write token and the repository's secrets while the pull request's own code is checked out; running its tests or its ESLint config would let the pull request execute anything with them (a 'pwn request')"
    } : (checkedOut === "other" && notes.push(
      `HEAD ${head?.slice(0, 12) ?? "(none)"} is neither the pull request's head ${pr.headSha.slice(0, 12)} nor its merge commit: checked the work tree against ${base.slice(0, 12)}`
    ), { ...common, base });
  }
  if (eventName === "push") {
    let before = typeof payload.before == "string" ? payload.before : void 0, after = typeof payload.after == "string" && !ZERO.test(payload.after) ? payload.after : context.sha;
    return before === void 0 || ZERO.test(before) ? (notes.push("push of a new branch: compared with the merge-base of the default branch"), { reportSha: after, notes }) : { base: before, baseSource: "push", reportSha: after, notes };
  }
  if (eventName === "merge_group") {
    let group = payload.merge_group;
    if (group?.base_sha !== void 0 && group.head_sha !== void 0) return { base: group.base_sha, baseSource: "explicit", reportSha: group.head_sha, notes };
  }
  return { reportSha: context.sha, notes };
}

// src/action/inputs.ts
var COMMENT_MODES = ["always", "on-failure", "off"], ACTION_MODES = ["run", "release"];
var TRUE = ["true", "True", "TRUE"], FALSE = ["false", "False", "FALSE"];
function invalid(name, value, expected) {
  return new ProofgateError("PG_USAGE", `Invalid input '${name}': expected ${expected}, got '${value}'.`, {
    hint: "see the inputs in proofgate's docs/action.md or action.yml"
  });
}
function oneOf(name, value, allowed) {
  if (!allowed.includes(value)) throw invalid(name, value, `one of ${allowed.join(", ")}`);
  return value;
}
function bool(name, value, fallback) {
  if (value === "") return fallback;
  if (TRUE.includes(value)) return !0;
  if (FALSE.includes(value)) return !1;
  throw invalid(name, value, "true or false");
}
var positiveInt = coerce_exports.number().int().min(0).max(1e5), checkName = string().min(1).max(100), label = string().min(1).max(50), artifactName = string().min(1).max(100).regex(/^[^":<>|*?\r\n\\/]+$/);
function parseInputs(get) {
  let value = (name2) => get(name2).trim(), gatesText = value("gates"), gates;
  if (gatesText !== "") {
    gates = gatesText.split(/[\s,]+/).filter((s) => s !== "");
    for (let id of gates)
      if (!GATE_IDS.includes(id) || !GATES.some((g) => g.id === id))
        throw invalid("gates", gatesText, `a comma-separated list of ${GATES.map((g) => g.id).join(", ")}`);
  }
  let token = get("github-token"), max = positiveInt.safeParse(value("max-annotations") === "" ? "500" : value("max-annotations"));
  if (!max.success) throw invalid("max-annotations", value("max-annotations"), "a whole number from 0 to 100000");
  let name = checkName.safeParse(value("check-name") === "" ? "proofgate" : value("check-name"));
  if (!name.success) throw invalid("check-name", value("check-name"), "a name of 1 to 100 characters");
  let labelValue = label.safeParse(value("behavior-change-label") === "" ? "behavior-change" : value("behavior-change-label"));
  if (!labelValue.success) throw invalid("behavior-change-label", value("behavior-change-label"), "a label name of 1 to 50 characters");
  let artifact = artifactName.safeParse(value("html-artifact-name") === "" ? "proofgate-report" : value("html-artifact-name"));
  if (!artifact.success)
    throw invalid("html-artifact-name", value("html-artifact-name"), 'an artifact name of 1 to 100 characters without " : < > | * ? \\ / or a line break');
  let optional = (n) => value(n) === "" ? void 0 : value(n), filterMode = optional("filter-mode"), config = optional("config"), sarifFile = optional("sarif-file"), reportFrom = optional("report-from"), mode = oneOf("mode", value("mode") === "" ? "run" : value("mode"), ACTION_MODES), checklistFile = optional("checklist-file");
  if (checklistFile !== void 0 && mode !== "release")
    throw new ProofgateError("PG_USAGE", "Invalid input 'checklist-file': it is read only with mode: release.", {
      hint: "set mode: release on the release job, or remove checklist-file from this step"
    });
  if (reportFrom !== void 0 && mode === "release")
    throw new ProofgateError("PG_USAGE", "Invalid input 'report-from': release mode runs the gates itself and cannot publish an earlier report.", {
      hint: "remove report-from from the release step"
    });
  return {
    ...gates === void 0 ? {} : { gates },
    ...filterMode === void 0 ? {} : { filterMode: oneOf("filter-mode", filterMode, FILTER_MODES) },
    failOn: oneOf("fail-on", value("fail-on") === "" ? "high" : value("fail-on"), SEVERITIES),
    ...config === void 0 ? {} : { config },
    githubToken: token.trim(),
    comment: oneOf("comment", value("comment") === "" ? "on-failure" : value("comment"), COMMENT_MODES),
    ...sarifFile === void 0 ? {} : { sarifFile },
    checkName: name.data,
    strictWarnings: bool("strict-warnings", value("strict-warnings"), !1),
    workingDirectory: value("working-directory") === "" ? "." : value("working-directory"),
    maxAnnotations: max.data,
    behaviorChangeLabel: labelValue.data,
    allowUntrustedCode: bool("allow-untrusted-code", value("allow-untrusted-code"), !1),
    ...reportFrom === void 0 ? {} : { reportFrom },
    htmlReport: bool("html-report", value("html-report"), !1),
    htmlArtifactName: artifact.data,
    mode,
    ...checklistFile === void 0 ? {} : { checklistFile }
  };
}

// src/action/release.ts
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";

// src/reporters/templates/release.ts
var HINT4 = "see the release report", STATUS_CELL = { pass: "\u2705 pass", fail: "\u274C fail", errored: "\u26A0\uFE0F errored" };
function releaseTitle(result, view) {
  let held = view.heldOut.total === 0 ? "no held-out items" : `held-out ${view.heldOut.passed}/${view.heldOut.total} passed`, tag = view.tag === null ? "Release" : `Release ${view.tag}`;
  return truncate(`${tag} \u2014 ${VERDICT_WORD[result.verdict]}: ${countsText(activeFindings(result))} \xB7 ${held}`, CHECK_RUN_TITLE_CHARS);
}
function rangeLine(result, view) {
  let tag = view.tag === null ? "no tag" : `tag ${cellCode(view.tag, 200)}`, base = view.base.source === "root" ? "the root commit: no earlier release tag" : "the previous release tag";
  return `${tag} at ${codeSpan(result.head.sha.slice(0, 12))} \xB7 base ${codeSpan(view.base.sha.slice(0, 12))} (${base})`;
}
function heldOutText(view) {
  let h = view.heldOut;
  if (h.total === 0) return "**Held-out items:** none (the checklist has fewer than 4 items and no held-out file was given).";
  let errored = h.total - h.passed - h.failed;
  return `**Held-out items:** ${[`${h.passed} passed`, `${h.failed} failed`, errored > 0 ? `${errored} not run` : ""].filter((s) => s !== "").join(", ")} of ${h.total}. Which items they are is in the release report on the runner only, never here.`;
}
function sectionsOf(result, view, heading) {
  let active = activeFindings(result), sections = [
    { kind: "text", priority: 0, required: !0, text: `${heading}${verdictLine(result)}

${rangeLine(result, view)}

${heldOutText(view)}` }
  ];
  return result.inconclusive.length > 0 && sections.push({ kind: "text", priority: 1, required: !0, text: inconclusiveText(result) }), result.notes.length > 0 && sections.push({ kind: "text", priority: 2, text: notesText(result) }), sections.push({
    kind: "table",
    // Display order is checklist, gates, findings; under budget the findings are kept longest.
    priority: 4,
    noun: "checklist items",
    hint: HINT4,
    before: `### Checklist (${view.visible.length} visible)`,
    header: ["id", "title", "status"],
    rows: view.visible.map((item) => [cellCode(item.id, 200), escapeText(item.title, 300), STATUS_CELL[item.status]])
  }), sections.push({
    kind: "table",
    priority: 5,
    noun: "gates",
    hint: HINT4,
    before: "### Gates",
    header: GATE_HEADER,
    rows: result.gates.map((g) => gateRow(result, g))
  }), active.length > 0 && sections.push({
    kind: "table",
    priority: 3,
    noun: "findings",
    hint: HINT4,
    before: `### Findings (${active.length})`,
    header: FINDING_HEADER,
    rows: active.map(findingRow)
  }), sections;
}
function renderReleaseCheckRun(result, view, opts = {}) {
  let maxChars = opts.maxChars ?? CHECK_RUN_MAX_CHARS;
  return { title: releaseTitle(result, view), summary: fit(sectionsOf(result, view, ""), maxChars, "chars") };
}
function renderReleaseSummary(result, view, opts = {}) {
  let tag = view.tag === null ? "" : ` ${escapeText(view.tag, 200)}`, heading = `## ${VERDICT_MARK[result.verdict]} proofgate release${tag}: ${VERDICT_WORD[result.verdict]}

`;
  return fit(sectionsOf(result, view, heading), opts.maxBytes ?? JOB_SUMMARY_MAX_BYTES, "bytes");
}
function fit(sections, budget, unit) {
  return fitSections(sections, budget, unit).text;
}

// src/action/release.ts
var HELD_OUT_RULE = "heldout-failed", REDACTED = "[held-out]", EVENT_HINT = "run the release job on `release: types: [published]` and `push: tags: [...]`, with actions/checkout at the tag (fetch-depth: 0); see docs/release.md";
function releaseTagOf(context) {
  let { eventName, payload } = context;
  if (eventName === "release") {
    let action = payload.action, tag = payload.release?.tag_name;
    if (action !== "published")
      throw new ProofgateError("PG_RELEASE_EVENT", `mode: release runs on a published release, not on release '${String(action)}'.`, { hint: EVENT_HINT });
    if (typeof tag != "string" || tag === "")
      throw new ProofgateError("PG_RELEASE_EVENT", "The release event payload has no release.tag_name.", { hint: EVENT_HINT });
    return tag;
  }
  if (eventName === "push") {
    let ref = typeof payload.ref == "string" ? payload.ref : "";
    if (!ref.startsWith("refs/tags/") || ref === "refs/tags/")
      throw new ProofgateError("PG_RELEASE_EVENT", `mode: release runs on a push of a tag (refs/tags/*), not of '${ref}'.`, { hint: EVENT_HINT });
    if (payload.deleted === !0) throw new ProofgateError("PG_RELEASE_EVENT", `The push deleted ${ref}: there is nothing to release.`, { hint: EVENT_HINT });
    return ref.slice(10);
  }
  throw new ProofgateError(
    "PG_RELEASE_EVENT",
    `mode: release runs on a published release or a push of a tag, not on ${eventName}: a ${eventName} run has no tag to release.`,
    { hint: `${EVENT_HINT}; on pull requests and branch pushes use mode: run` }
  );
}
async function checklistFileOf(input, workspace) {
  let file = isAbsolute(input) ? input : resolve(workspace, input), fail = (why) => new ProofgateError("PG_CHECKLIST_INVALID", `Invalid input 'checklist-file': ${file} ${why}.`, {
    hint: "write the file from the secret in a step before this one (see .github/workflows/proofgate-release.yml), or remove checklist-file"
  }), info2 = await stat(file).catch(() => null);
  if (info2 === null) throw fail("does not exist (is the secret PROOFGATE_HELDOUT_CHECKLIST set for this environment?)");
  if (!info2.isFile()) throw fail("is not a regular file");
  return await access(file, constants.R_OK).catch(() => {
    throw fail("cannot be read");
  }), file;
}
async function taggedCommit(repo, tag) {
  if (await repo.isShallow())
    throw new ProofgateError("PG_SHALLOW_CLONE", "Release mode needs the whole history and the tags: this checkout is shallow.", {
      hint: "set fetch-depth: 0 on actions/checkout in the release job (the base is the previous release tag)"
    });
  let sha = await repo.resolveCommit(`refs/tags/${tag}`);
  if (sha === null)
    throw new ProofgateError("PG_HEAD_NOT_FOUND", `The tag '${tag}' of the event does not exist in this checkout.`, {
      hint: "set fetch-depth: 0 on actions/checkout (it fetches the tags), or git fetch --tags"
    });
  let head = await repo.resolveCommit("HEAD");
  if (head !== sha)
    throw new ProofgateError(
      "PG_RELEASE_EVENT",
      `HEAD is ${head?.slice(0, 12) ?? "(none)"}, but the tag '${tag}' is ${sha.slice(0, 12)}: release mode judges the tagged commit.`,
      { hint: "check out the tag (actions/checkout does on release and tag push events without a ref input)" }
    );
  return sha;
}
function scrubber(secrets) {
  let sorted = [...new Set(secrets.filter((s) => s !== ""))].sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((t, s) => t.split(s).join(REDACTED), text);
}
function publishableRelease(result) {
  let scrub = scrubber(result.release.heldOutFailures.flatMap((f) => [f.id, f.title])), failed = result.findings.filter((f) => f.ruleId === HELD_OUT_RULE).length, replaced = /* @__PURE__ */ new Map(), redact = (f) => {
    if (f.ruleId !== HELD_OUT_RULE) return f;
    let r = replaced.get(f);
    if (r === void 0) {
      let n = replaced.size + 1;
      r = {
        gate: f.gate,
        ruleId: f.ruleId,
        severity: f.severity,
        message: `a held-out checklist item failed (${n} of ${failed}); which one is named in the release report only`,
        fingerprint: `heldout-failed-${n}`,
        blocking: f.blocking,
        // A waiver's reason is the repository's text, but it may name the item it waives.
        waived: f.waived === null ? null : { ...f.waived, reason: scrub(f.waived.reason) }
      }, replaced.set(f, r);
    }
    return r;
  }, findings = result.findings.map(redact), gates = result.gates.map((g) => {
    if (g.id !== "checklist") return { ...g, findings: g.findings.map(redact) };
    let { data: _data, ...rest } = g;
    return { ...rest, summary: scrub(g.summary), ...g.reason === void 0 ? {} : { reason: scrub(g.reason) }, findings: g.findings.map(redact) };
  });
  return {
    ...result,
    gates,
    findings,
    notes: [...result.notes.map(scrub), ...[approvalNote(result)].filter((n) => n !== void 0)],
    inconclusive: result.inconclusive.map((i) => i.gate === "checklist" ? { ...i, reason: scrub(i.reason) } : i),
    release: { ...result.release, heldOutFailures: [] }
  };
}
function withheld(error, secretFile) {
  if (!(error instanceof ProofgateError) || !error.problems.some((p) => p.file === secretFile)) return error;
  let problems = error.problems.map(
    (p) => p.file === secretFile ? { ...p, message: "invalid (the message is withheld: this file holds held-out items)" } : p
  );
  return new ProofgateError(error.code, error.message, { ...error.hint === void 0 ? {} : { hint: error.hint }, problems });
}
function releaseViewOf(result) {
  let { tag, base, visible, heldOut } = result.release;
  return { tag, base: { sha: base.sha, source: base.source }, visible, heldOut: { total: heldOut.total, passed: heldOut.passed, failed: heldOut.failed } };
}
function publishingOnly(reporter) {
  return {
    name: reporter.name,
    ...reporter.onRunStart === void 0 ? {} : { onRunStart: reporter.onRunStart.bind(reporter) },
    ...reporter.onRunEnd === void 0 ? {} : { onRunEnd: (result) => reporter.onRunEnd(publishableRelease(result)) }
  };
}
function approvalNote(result) {
  let pending = result.findings.filter((f) => f.needsApproval === !0 && f.approved === void 0).length;
  if (pending !== 0)
    return `${pending} finding${pending === 1 ? " needs" : "s need"} a human approval and ${pending === 1 ? "blocks" : "block"}: a release has no pull request to approve on. A loosening of the gate must be approved on its pull request before tagging; proofgate does not read pull request approvals at release, so it blocks here (docs/release.md, Approvals)`;
}
async function runReleaseMode(inputs, context, cwd, publishing, env) {
  let tag = releaseTagOf(context);
  inputs.htmlReport && warning("proofgate: html-report is not written in release mode (the job summary and the release report are)"), inputs.sarifFile !== void 0 && warning("proofgate: sarif-file is not written in release mode (the job summary and the release report are)");
  let workspace = env.GITHUB_WORKSPACE ?? cwd, checklistFile = inputs.checklistFile === void 0 ? void 0 : await checklistFileOf(inputs.checklistFile, workspace), repo = await openRepository(cwd);
  publishing.headSha = await taggedCommit(repo, tag), publishing.checkName = `${inputs.checkName} release`;
  let render = (result2) => releaseViewOf(result2), reporters = [
    { name: "log", onRunEnd: (result2) => {
      process.stdout.write(renderTerminal(result2, !1));
    } },
    checkRunReporter(publishing, (result2) => renderReleaseCheckRun(result2, render(result2))),
    fallbackAnnotationsReporter(publishing),
    jobSummaryReporter(env, (result2) => renderReleaseSummary(result2, render(result2)))
  ].map(publishingOnly), result = await runRelease({
    cwd,
    env,
    repository: repo,
    tag,
    ...checklistFile === void 0 ? {} : { checklistFile },
    strictWarnings: inputs.strictWarnings,
    failOn: inputs.failOn,
    ...inputs.gates === void 0 ? {} : { gates: inputs.gates },
    ...inputs.filterMode === void 0 ? {} : { filterMode: inputs.filterMode },
    ...inputs.config === void 0 ? {} : { configFile: inputs.config },
    // No approval exists here: findings that need one block, as on a push (docs/release.md).
    approvalBlocks: !0,
    reporters,
    warn: (m) => warning(`proofgate: ${m}`),
    debug: (m) => debug(m)
  }).catch((error) => {
    throw checklistFile === void 0 ? error : withheld(error, checklistFile);
  }), active = result.findings.filter((f) => f.waived === null);
  return setOutput("verdict", result.verdict), setOutput("findings-count", String(active.length)), setOutput("blocking-count", String(result.findings.filter((f) => f.blocking).length)), setOutput("report-path", join(result.root, RELEASE_REPORT_FILE)), result.exitCode;
}

// src/action/main.ts
async function run(env = process.env) {
  try {
    let inputs = parseInputs((name) => getInput(name));
    inputs.githubToken !== "" && setSecret(inputs.githubToken);
    let exitCode = await runAction(inputs, env);
    return setOutput("exit-code", String(exitCode)), exitCode === ExitCode.blocked ? setFailed("proofgate: blocked \u2014 see the findings above, the check run or the job summary") : exitCode === ExitCode.warningsFailed && setFailed("proofgate: warnings failed under strict-warnings"), exitCode;
  } catch (error) {
    let code = error instanceof ProofgateError ? error.exitCode : ExitCode.internal, text = error instanceof ProofgateError ? formatError(error) : `proofgate: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
    return setOutput("exit-code", String(code)), setFailed(text), code;
  }
}
async function runAction(inputs, env) {
  let context = await readWorkflowContext(env), cwd = resolve2(env.GITHUB_WORKSPACE ?? process.cwd(), inputs.workingDirectory), publishing = {
    client: inputs.githubToken === "" ? void 0 : createGitHubClient(inputs.githubToken, { baseUrl: context.apiUrl, log: (m) => info(`proofgate - ${m}`) }),
    repo: context.repository,
    checkName: inputs.checkName,
    headSha: context.sha,
    maxAnnotations: inputs.maxAnnotations,
    ...context.runId === void 0 ? {} : { detailsUrl: `${context.serverUrl}/${context.repository.owner}/${context.repository.repo}/actions/runs/${context.runId}` },
    readOnly: inputs.githubToken === "",
    warn: (m) => warning(m),
    info: (m) => info(`proofgate - ${m}`)
  };
  if (inputs.githubToken === "" && warning("github-token is empty: no check run or comment; findings go to annotations and the job summary"), inputs.reportFrom !== void 0) return publishReport(inputs, context, cwd, publishing, env);
  if (inputs.mode === "release") return runReleaseMode(inputs, context, cwd, publishing, env);
  let repo = await openRepository(cwd), target = await targetOf(context, repo), base = await prepareBase(repo, target, context, inputs);
  publishing.headSha = target.reportSha, target.pullRequest !== void 0 && (publishing.pullRequest = target.pullRequest.number);
  let labelled = target.pullRequest?.labels.includes(inputs.behaviorChangeLabel) === !0, notes = [...target.notes], refuse;
  target.untrusted !== void 0 && (inputs.allowUntrustedCode && target.head === void 0 ? notes.push("allow-untrusted-code: true \u2014 gates that run the repository's code ran on pull_request_target") : refuse = target.untrusted);
  let approval = await readApproval(publishing.client, context, target, notes), configRev = approval === void 0 ? target.configRev : target.head, paths = outputPaths(inputs, env, repo.root), github = {
    repository: `${context.repository.owner}/${context.repository.repo}`,
    event: context.eventName,
    headSha: target.reportSha,
    ...target.pullRequest === void 0 ? {} : { pullRequest: target.pullRequest.number }
  }, settings = {
    cwd,
    env,
    strictWarnings: inputs.strictWarnings,
    failOn: inputs.failOn,
    notes,
    ...base === void 0 ? {} : { base },
    ...target.baseSource === void 0 || base === void 0 ? {} : { baseSource: target.baseSource },
    ...target.head === void 0 ? {} : { head: target.head },
    ...configRev === void 0 ? {} : { configRev },
    ...approval === void 0 ? {} : { approval },
    ...inputs.gates === void 0 ? {} : { gates: inputs.gates },
    ...inputs.filterMode === void 0 ? {} : { filterMode: inputs.filterMode },
    ...inputs.config === void 0 ? {} : { configFile: inputs.config },
    ...labelled ? { declarations: [`label '${inputs.behaviorChangeLabel}' on #${target.pullRequest.number}`] } : {},
    ...refuse === void 0 ? {} : { refuseRepositoryCode: refuse },
    reporters: reportersFor(inputs, publishing, paths, github, env),
    warn: (m) => warning(`proofgate: ${m}`),
    debug: (m) => debug(m)
  }, result = await runProofgate(settings);
  return setOutputs(result, paths), await publishHtml(inputs, paths), result.exitCode;
}
async function readApproval(client, context, target, notes) {
  let pr = target.pullRequest;
  if (pr !== void 0) {
    if (client === void 0) {
      notes.push("no approval: without a github-token the pull request's reviews cannot be read, so findings that need approval block");
      return;
    }
    try {
      let approval = findApproval(await listReviews(client, context.repository, pr.number), { headSha: pr.headSha, author: pr.author });
      return approval === void 0 && notes.push(
        `no approval: no owner, member or collaborator other than the author approved ${pr.headSha.slice(0, 12)}, so findings that need approval block`
      ), approval;
    } catch (error) {
      let status = statusOf(error), why = status === void 0 ? error instanceof Error ? error.message : String(error) : `HTTP ${status}`;
      notes.push(
        `no approval: the pull request's reviews could not be read (${why}; the workflow needs pull-requests: read), so findings that need approval block`
      );
      return;
    }
  }
}
async function prepareBase(repo, target, context, inputs) {
  let fetchOptions = { token: inputs.githubToken, serverUrl: context.serverUrl, log: (m) => info(`proofgate - ${m}`) }, head = target.head ?? await repo.resolveCommit("HEAD") ?? context.sha, base = target.base;
  if (base === void 0 && context.eventName === "push") {
    let branch = context.payload.repository?.default_branch;
    branch !== void 0 && `refs/heads/${branch}` !== context.payload.ref && (base = await defaultBranchTip(repo, branch, fetchOptions, target.notes));
  }
  if (base === void 0) return;
  if (await ensureHistory(repo, base, head, fetchOptions), await repo.isAncestor(base, head)) return base;
  let mergeBase = (await repo.mergeBase(base, head).catch((error) => {
    throw error instanceof ProofgateError ? error : new ProofgateError("PG_NO_MERGE_BASE", `${base.slice(0, 12)} and ${head.slice(0, 12)} have no common ancestor (unrelated histories).`, {
      hint: "check the base branch of the pull request or push; the two commits must share history",
      cause: error
    });
  })).trim();
  return target.notes.push(`${base.slice(0, 12)} is not an ancestor of ${head.slice(0, 12)}: compared with their merge-base ${mergeBase.slice(0, 12)}`), target.configRev === base && (target.configRev = mergeBase), mergeBase;
}
async function defaultBranchTip(repo, branch, fetchOptions, notes) {
  try {
    return await fetchBranch(repo, branch, fetchOptions);
  } catch (error) {
    let stale = await repo.resolveCommit(`refs/remotes/origin/${branch}`);
    if (stale === null) throw error;
    let why = error instanceof Error ? error.message : String(error);
    return notes.push(
      `the default branch ${branch} could not be fetched (${why}): compared with its tip last fetched, ${stale.slice(0, 12)}, which may be out of date`
    ), stale;
  }
}
function outputPaths(inputs, env, root) {
  let dir = env.RUNNER_TEMP !== void 0 && env.RUNNER_TEMP !== "" ? join2(env.RUNNER_TEMP, "proofgate") : join2(root, ".proofgate"), workspace = env.GITHUB_WORKSPACE ?? root;
  return {
    report: join2(dir, "report.json"),
    html: join2(dir, "report.html"),
    sarif: inputs.sarifFile === void 0 ? join2(dir, "proofgate.sarif") : isAbsolute2(inputs.sarifFile) ? inputs.sarifFile : resolve2(workspace, inputs.sarifFile)
  };
}
function reportersFor(inputs, publishing, paths, github, env) {
  let reporters = [
    { name: "log", onRunEnd: (result) => {
      process.stdout.write(renderTerminal(result, !1));
    } },
    { name: "json", onRunEnd: (result) => writeTextAtomic(paths.report, JSON.stringify({ ...toJsonReport(result), github }, null, 2) + `
`) },
    { name: "sarif", onRunEnd: (result) => writeTextAtomic(paths.sarif, JSON.stringify(toSarif(result), null, 2) + `
`) },
    checkRunReporter(publishing),
    fallbackAnnotationsReporter(publishing),
    jobSummaryReporter(env)
  ];
  return inputs.comment !== "off" && reporters.push(pullRequestCommentReporter(publishing, inputs.comment)), inputs.htmlReport && reporters.push(
    htmlReporter(async (text) => {
      await writeTextAtomic(paths.html, text), paths.htmlWritten = !0;
    })
  ), reporters;
}
async function publishHtml(inputs, paths) {
  if (!inputs.htmlReport || paths.htmlWritten !== !0) return;
  setOutput("html-path", paths.html);
  let upload = await uploadHtmlArtifact(paths.html, inputs.htmlArtifactName);
  upload.uploaded ? info(`proofgate - HTML report uploaded as artifact '${inputs.htmlArtifactName}'${upload.id === void 0 ? "" : ` (id ${upload.id})`}`) : warning(`proofgate: the HTML report was not uploaded: ${upload.reason}`);
}
function setOutputs(result, paths) {
  let active = result.findings.filter((f) => f.waived === null);
  setOutput("verdict", result.verdict), setOutput("findings-count", String(active.length)), setOutput("blocking-count", String(result.findings.filter((f) => f.blocking).length)), setOutput("report-path", paths.report), setOutput("sarif-path", paths.sarif);
}
async function publishReport(inputs, context, cwd, publishing, env) {
  let file = resolve2(cwd, inputs.reportFrom), raw;
  try {
    raw = JSON.parse(await readFile2(file, "utf8"));
  } catch (error) {
    throw new ProofgateError(
      "PG_USAGE",
      `Invalid input 'report-from': cannot read a JSON report at ${file}: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: "download the artifact the pull_request job uploaded (its report-path output) first"
      }
    );
  }
  let result = fromJsonReport(raw, cwd), github = raw.github ?? {}, repository = `${context.repository.owner}/${context.repository.repo}`;
  if (github.repository !== repository) throw new ProofgateError("PG_USAGE", `The report is for ${String(github.repository)}, not ${repository}.`);
  let runHead = context.payload.workflow_run?.head_sha;
  if (runHead !== void 0 && github.headSha !== runHead)
    throw new ProofgateError("PG_USAGE", `The report is for commit ${String(github.headSha)}, but the workflow run was for ${runHead}.`);
  publishing.headSha = github.headSha ?? result.head.sha, typeof github.pullRequest == "number" && (publishing.pullRequest = github.pullRequest);
  let published = { ...outputPaths(inputs, env, cwd), report: file }, reporters = reportersFor(inputs, publishing, published, github, env).filter((r) => r.name !== "json");
  for (let reporter of reporters)
    try {
      await reporter.onRunEnd?.(result);
    } catch (error) {
      warning(`proofgate: reporter ${reporter.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  return setOutputs(result, published), await publishHtml(inputs, published), result.exitCode;
}

// src/index.ts
await run();
