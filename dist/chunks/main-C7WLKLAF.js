import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  configJsonSchema,
  createGitHubClient,
  failFastReason,
  htmlReporter,
  jsonReporter,
  loadConfig,
  readJournalRuns,
  runProofgate,
  runRelease,
  sarifReporter,
  statusOf,
  terminalReporter,
  useColour
} from "./chunk-NIZWASR5.js";
import "./chunk-NGHP7UHC.js";
import {
  VERSION
} from "./chunk-2HIFB4RV.js";
import {
  CHECKLIST_RESULT_EVENT,
  COMMITTED_STATE_FILES,
  CONFIG_FILE_NAMES,
  DECLARABLE_RULES,
  FILTER_MODES,
  GATES,
  GATE_IDS,
  SEVERITIES,
  STATE_DIR_NAME,
  appendEvents,
  checkStateDirectory,
  detectRunner,
  forEachEvent,
  inert,
  journalPath,
  loadChecklist,
  openRepository,
  readChangedFile,
  readEvents,
  readIfExists,
  readPackageInfo,
  readRealFile,
  readTestResults,
  recordRunStart,
  recordScope,
  redactUrlCredentials,
  require_dist,
  runGit,
  seconds,
  stateDir,
  trackedStatePaths,
  tryGit,
  writeStateJson,
  writeStateText,
  writeTextAtomic
} from "./chunk-DJIWTX3R.js";
import "./chunk-2PCWBAUF.js";
import {
  planOutput,
  writeOutput
} from "./chunk-TINTI75C.js";
import {
  ExitCode,
  ProofgateError,
  formatError
} from "./chunk-KP6SIVJC.js";
import {
  __toESM
} from "./chunk-R43OE7MV.js";

// src/cli/main.ts
import { resolve as resolve2 } from "node:path";
import { parseArgs } from "node:util";

// src/reporters/next.ts
import { join } from "node:path";

// src/loop/next.ts
var NEXT_SCHEMA_VERSION = 1, NEXT_JSON_FILE = "next.json", NEXT_MD_FILE = "next.md", NEXT_RECORD_CAP = 100;
function parsePreviousNext(text) {
  if (text === null) return null;
  try {
    let value = JSON.parse(text);
    if (value.schemaVersion !== NEXT_SCHEMA_VERSION || typeof value.runId != "string" || !Array.isArray(value.findings)) return null;
    let fingerprints = new Set(value.findings.map((f) => f?.fingerprint).filter((f) => typeof f == "string"));
    return { runId: value.runId, branch: typeof value.branch == "string" ? value.branch : null, fingerprints };
  } catch {
    return null;
  }
}
function failingTestsOf(result) {
  let data = result.gates.find((g) => g.id === "tests")?.data;
  return Array.isArray(data?.failures) ? data.failures.map((f) => {
    let file = typeof f.file == "string" ? f.file : null, line = typeof f.line == "number" ? f.line : void 0, message = typeof f.message == "string" ? f.message : "";
    return {
      name: typeof f.name == "string" ? f.name : "(unnamed)",
      location: file === null ? null : line === void 0 ? file : `${file}:${line}`,
      firstError: (message.split(`
`).find((l) => l.trim() !== "") ?? "").trim().slice(0, 300)
    };
  }) : [];
}
function rank(findings) {
  let listed = findings.filter((f) => f.waived === null && (f.blocking || f.severity !== "info"));
  return [...listed.filter((f) => f.blocking), ...listed.filter((f) => !f.blocking)];
}
function buildNext(result, previous, sourceLine) {
  let branch = result.head.ref ?? null, before = previous !== null && previous.branch === branch ? previous : null, ranked = rank(result.findings), tests = failingTestsOf(result), shownFindings = ranked.slice(0, NEXT_RECORD_CAP), shownTests = tests.slice(0, Math.max(0, NEXT_RECORD_CAP - shownFindings.length));
  return {
    schemaVersion: NEXT_SCHEMA_VERSION,
    runId: result.runId,
    startedAt: result.startedAt,
    branch,
    headSha: result.head.sha,
    verdict: result.verdict,
    exitCode: result.exitCode,
    previousRunId: before?.runId ?? null,
    findings: shownFindings.map((f) => ({
      gate: f.gate,
      ruleId: f.ruleId,
      severity: f.severity,
      blocking: f.blocking,
      location: f.path === void 0 ? null : f.startLine === void 0 ? f.path : `${f.path}:${f.startLine}`,
      source: sourceLine(f),
      message: f.message,
      help: f.help ?? null,
      fingerprint: f.fingerprint,
      new: before === null || !before.fingerprints.has(f.fingerprint)
    })),
    failingTests: shownTests,
    inconclusive: result.inconclusive,
    omitted: { findings: ranked.length - shownFindings.length, failingTests: tests.length - shownTests.length }
  };
}
function firstLine(text) {
  return inert(text.split(`
`)[0].trim(), !0);
}
function renderNextMarkdown(next) {
  let blocking = next.findings.filter((f) => f.blocking), warnings = next.findings.filter((f) => !f.blocking), lines = [`# proofgate: ${next.verdict} (exit ${next.exitCode})`, ""];
  blocking.length === 0 && next.failingTests.length === 0 && next.inconclusive.length === 0 ? lines.push(next.verdict === "pass" ? "Nothing blocks. Do not change anything for proofgate." : "Nothing blocks; read the warnings below.", "") : lines.push("Fix these before your next attempt, in this order. Do not weaken tests, config or waivers to pass.", "");
  let item = (f, i) => [
    `${i + 1}. [${f.new ? "new" : "old"}] ${f.severity} ${f.gate}/${f.ruleId} at ${f.location === null ? "(no file)" : inert(f.location)}: ${firstLine(f.message)}`,
    ...f.source === null ? [] : [`   line: ${firstLine(f.source)}`],
    ...f.help === null ? [] : [`   do: ${firstLine(f.help)}`]
  ];
  blocking.length > 0 && lines.push("## Blocking", "", ...blocking.flatMap(item), ""), next.failingTests.length > 0 && lines.push(
    "## Failing tests",
    "",
    ...next.failingTests.map((t) => `- ${firstLine(t.name)}${t.location === null ? "" : ` (${inert(t.location)})`}: ${firstLine(t.firstError)}`),
    ""
  ), next.inconclusive.length > 0 && lines.push("## Could not decide (blocks until it can)", "", ...next.inconclusive.map((g) => `- ${g.gate}: ${firstLine(g.reason)}`), ""), warnings.length > 0 && lines.push("## Warnings", "", ...warnings.flatMap((f, i) => item(f, blocking.length + i)), "");
  let omitted = next.omitted.findings + next.omitted.failingTests;
  return omitted > 0 && lines.push(`${omitted} more left out (cap ${NEXT_RECORD_CAP}); run proofgate run --format json for all.`, ""), lines.push("[new] = not reported by the previous run of this branch. Details: .proofgate/next.json.", ""), lines.join(`
`);
}

// src/reporters/next.ts
var SOURCE_MAX = 200;
function nextReporter() {
  let changes;
  return {
    name: "next",
    onRunStart: (plan) => {
      changes = plan.changes;
    },
    onRunEnd: async (result) => {
      if (result.scope !== "changes") return;
      let dir = stateDir(result.root), previousFile = await readRealFile(result.root, join(dir, NEXT_JSON_FILE)), previous = parsePreviousNext(previousFile.kind === "file" ? previousFile.text : null), files = /* @__PURE__ */ new Map();
      for (let f of result.findings) {
        if (f.path === void 0 || f.startLine === void 0 || files.has(f.path) || changes === void 0) continue;
        let text = await readChangedFile(changes, f.path).catch(() => null);
        files.set(f.path, text === null ? null : text.split(`
`));
      }
      let next = buildNext(result, previous, (f) => {
        let line = f.path === void 0 || f.startLine === void 0 ? void 0 : files.get(f.path)?.[f.startLine - 1];
        return line === void 0 ? null : line.trim().slice(0, SOURCE_MAX);
      });
      await writeStateJson(join(dir, NEXT_JSON_FILE), next), await writeStateText(join(dir, NEXT_MD_FILE), renderNextMarkdown(next));
    }
  };
}

// src/reporters/progress.ts
var REDRAW_MS = 200, SLOW_GATE_MS = 2e3;
function liveProgress(stream, env) {
  let ci = env.CI !== void 0 && env.CI !== "" && env.CI !== "false" && env.CI !== "0";
  return stream.isTTY === !0 && !ci && env.TERM !== "dumb";
}
var ENDED = {
  pass: "passed",
  fail: "failed",
  errored: "errored",
  inconclusive: "was inconclusive",
  skipped: "was skipped"
};
function endLine(result) {
  return `${result.id} ${ENDED[result.status]} in ${seconds(result.durationMs)}`;
}
function progressReporter(options) {
  let prefix = options.prefix ?? "", slowMs = options.slowMs ?? SLOW_GATE_MS, running = /* @__PURE__ */ new Map(), drawn = 0, ticker, erase = () => drawn === 0 ? "" : `\r\x1B[${drawn}A\x1B[J`, redraw = () => {
    let now = performance.now(), lines = [...running].map(([id, r]) => `${prefix}${id} running\u2026 ${seconds(now - r.started)}${r.detail === void 0 ? "" : ` \xB7 ${r.detail}`}`);
    options.write(`${erase()}${lines.map((l) => `${l}
`).join("")}`), drawn = lines.length;
  }, stopTicker = () => {
    ticker !== void 0 && clearInterval(ticker), ticker = void 0;
  };
  return {
    name: "progress",
    onGateProgress(id, text) {
      let entry = running.get(id);
      entry !== void 0 && (entry.detail = text);
    },
    onGateStart(id) {
      let entry = { started: performance.now(), announced: !1 };
      if (running.set(id, entry), options.live) {
        ticker === void 0 && (ticker = setInterval(redraw, REDRAW_MS), ticker.unref()), redraw();
        return;
      }
      entry.timer = setTimeout(() => {
        entry.announced = !0, options.write(`${prefix}${id} started
`);
      }, slowMs), entry.timer.unref();
    },
    onGateEnd(result) {
      let entry = running.get(result.id);
      if (running.delete(result.id), entry !== void 0) {
        if (options.live) {
          running.size === 0 && stopTicker(), redraw();
          return;
        }
        clearTimeout(entry.timer), entry.announced && options.write(`${prefix}${endLine(result)}
`);
      }
    },
    onRunEnd() {
      stopTicker();
      for (let entry of running.values()) clearTimeout(entry.timer);
      running.clear(), options.live && drawn > 0 && options.write(erase()), drawn = 0;
    }
  };
}

// src/cli/checklist.ts
async function lastStatuses(root) {
  let last = /* @__PURE__ */ new Map(), read = await readRealFile(root, journalPath(stateDir(root)));
  if (read.kind === "missing") return { last, warnings: [] };
  if (read.kind !== "file") {
    let what = read.kind === "symlink" ? "a symbolic link" : read.kind === "not-a-file" ? "not a regular file" : `unreadable (${read.reason})`;
    throw new ProofgateError(read.kind === "unreadable" ? "PG_STATE_CORRUPT" : "PG_STATE_UNSAFE", `The journal .proofgate/journal/events.jsonl is ${what}.`, {
      hint: "delete .proofgate/journal/ (rm -r .proofgate/journal); the next run starts a new journal"
    });
  }
  let warnings = forEachEvent(read.text, "events.jsonl", (event) => {
    if (!(event.type !== CHECKLIST_RESULT_EVENT || !Array.isArray(event.items)))
      for (let item of event.items)
        typeof item.id == "string" && (item.status === "pass" || item.status === "fail" || item.status === "errored") && last.set(item.id, { status: item.status, runId: event.runId, ts: event.ts });
  });
  return { last, warnings };
}
async function listChecklist(cwd, options) {
  let repo = await openRepository(cwd), head = await repo.resolveCommit("HEAD"), checklist = head === null ? null : await loadChecklist(repo.root, head);
  if (checklist === null) return { listing: { source: null, items: [] }, warnings: [] };
  let config = (await loadConfig(repo.root, { ...options.configFile === void 0 ? {} : { file: options.configFile }, env: options.env })).config, { last, warnings } = await lastStatuses(repo.root), show = config.gates.checklist["show-held-out-count"];
  return {
    listing: {
      source: checklist.source,
      items: checklist.visible.map((i) => {
        let seen = last.get(i.id);
        return { id: i.id, title: i.title, severity: i.severity, status: seen?.status ?? null, lastRunId: seen?.runId ?? null, lastAt: seen?.ts ?? null };
      }),
      ...show ? { total: checklist.visible.length + checklist.heldOut.length, heldOut: checklist.heldOut.length } : {}
    },
    warnings
  };
}
function renderChecklist(listing) {
  if (listing.source === null) return `proofgate checklist: no .proofgate/checklist.yml at HEAD (see docs/checklist.md)
`;
  let count = listing.total === void 0 ? `${listing.items.length} items` : `${listing.total} items (${listing.heldOut ?? 0} held out)`, width = Math.max(2, ...listing.items.map((i) => i.id.length)), lines = listing.items.map((i) => `  ${(i.status ?? "not run").padEnd(8)} ${i.id.padEnd(width)}  ${i.title}`);
  return [`proofgate checklist: ${count} (${listing.source})`, ...lines, ""].join(`
`);
}

// src/changes/push.ts
var HEX_LENGTH = { sha1: 40, sha256: 64 }, OBJECT_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, isZero = (sha) => /^0+$/.test(sha), PUSH_INPUT_HINT = "proofgate hook pre-push reads what git writes to a pre-push hook; run it from the hook, or use proofgate run --base REV --head REV";
async function objectFormatOf(repo) {
  return await tryRaw(repo, ["rev-parse", "--show-object-format"]) === "sha256" ? "sha256" : "sha1";
}
function parsePushUpdates(text, objectFormat) {
  let updates = [], length = objectFormat === void 0 ? void 0 : HEX_LENGTH[objectFormat];
  return text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    let fields = line.trim().split(/\s+/), [localRef, localSha, remoteRef, remoteSha] = fields, at = `line ${String(index + 1)}`;
    if (fields.length !== 4 || !OBJECT_NAME.test(localSha) || !OBJECT_NAME.test(remoteSha))
      throw new ProofgateError(
        "PG_PUSH_INPUT",
        `Unexpected pre-push input on ${at}: '${line}'; expected '<local ref> <local sha> <remote ref> <remote sha>'.`,
        {
          hint: PUSH_INPUT_HINT
        }
      );
    if (length !== void 0) {
      let wrong = [localSha, remoteSha].find((sha) => sha.length !== length);
      if (wrong !== void 0)
        throw new ProofgateError(
          "PG_PUSH_INPUT",
          `Unexpected pre-push input on ${at}: '${line}': ${wrong.slice(0, 12)}\u2026 has ${String(wrong.length)} hex digits, but this repository's object names (${objectFormat}) have ${String(length)}.`,
          {
            hint: PUSH_INPUT_HINT
          }
        );
    }
    updates.push({ localRef, localSha, remoteRef, remoteSha, line: index + 1 });
  }), updates;
}
async function tryRaw(repo, args) {
  try {
    let out = (await runGit(repo.root, args)).trim();
    return out === "" ? null : out;
  } catch {
    return null;
  }
}
var short = (ref) => ref.replace(/^refs\/(heads|remotes|tags)\//, "");
async function newRefBase(repo, update, head, remote) {
  let remotes = (await tryRaw(repo, ["remote"]))?.split(`
`) ?? [], named = remote !== void 0 && remotes.includes(remote), candidates = [];
  named && candidates.push(`refs/remotes/${remote}/HEAD`);
  let upstream = update.localRef.startsWith("refs/heads/") ? await tryRaw(repo, ["for-each-ref", "--format=%(upstream)", "--", update.localRef]) : null;
  upstream !== null && candidates.push(upstream), named && candidates.push(`refs/remotes/${remote}/main`, `refs/remotes/${remote}/master`);
  for (let ref of candidates) {
    let target = await repo.resolveCommit(ref);
    if (target === null) continue;
    let base = await tryRaw(repo, ["merge-base", head, target]);
    if (base !== null) {
      let name = ref.endsWith("/HEAD") ? await tryRaw(repo, ["symbolic-ref", "--quiet", ref]) ?? ref : ref;
      return { base, why: `new on the remote: merge-base with ${short(name)}` };
    }
  }
  if (named) {
    let oldest = (await tryRaw(repo, ["rev-list", "--topo-order", "--reverse", head, "--not", `--remotes=${remote}`]))?.split(`
`)[0];
    if (oldest !== void 0) {
      let parent2 = await repo.resolveCommit(`${oldest}^`);
      if (parent2 !== null) return { base: parent2, why: `new on the remote: the commits no ${remote}/* branch contains` };
    }
  }
  let parent = await repo.resolveCommit(`${head}^`);
  return parent === null ? null : { base: parent, why: "new on the remote, which has no branch to compare with: the tip commit only (proofgate run --base REV checks more)" };
}
async function unresolvable(repo, update) {
  let at = update.line === void 0 ? `for ${update.remoteRef}` : `on line ${String(update.line)}`, type = await tryRaw(repo, ["cat-file", "-t", update.localSha]), what = type === null ? "is not an object in this repository" : `is a ${type}, not a commit`;
  return new ProofgateError(
    "PG_PUSH_INPUT",
    `Cannot check the pre-push input ${at}: local sha ${update.localSha} (${update.localRef} \u2192 ${update.remoteRef}) ${what}, so there is nothing proofgate could vouch for; the push is refused.`,
    {
      hint: "push again with git, which writes the hook's input itself (git fetch first if objects are missing); to check a range by hand, proofgate run --base REV --head REV"
    }
  );
}
async function planPush(repo, updates, options = {}) {
  let plan = { ranges: [], skipped: [] }, seen = /* @__PURE__ */ new Set();
  for (let update of updates) {
    let { remoteRef } = update;
    if (isZero(update.localSha)) {
      plan.skipped.push({ remoteRef, why: "deleted on the remote: nothing to check" });
      continue;
    }
    if ((remoteRef.startsWith("refs/tags/") || update.localRef.startsWith("refs/tags/")) && options.tags !== !0) {
      if (await tryRaw(repo, ["cat-file", "-t", update.localSha]) === null) throw await unresolvable(repo, update);
      plan.skipped.push({ remoteRef, why: "a tag: skipped (hooks.pre-push.tags: true checks tags)" });
      continue;
    }
    let head = await repo.resolveCommit(update.localSha);
    if (head === null) throw await unresolvable(repo, update);
    let chosen;
    if (isZero(update.remoteSha))
      chosen = await newRefBase(repo, update, head, options.remote);
    else {
      let old = await repo.resolveCommit(update.remoteSha), base = old === null ? null : await tryRaw(repo, ["merge-base", old, head]);
      base !== null ? chosen = { base, why: base === old ? "the remote tip..the pushed tip" : "force push: merge-base of the old and new tips" } : old === null ? (chosen = await newRefBase(repo, update, head, options.remote), chosen !== null && (chosen.why = `the remote tip ${update.remoteSha.slice(0, 12)} is not here (git fetch); ${chosen.why}`)) : chosen = await newRefBase(repo, update, head, options.remote);
    }
    if (chosen === null) {
      plan.skipped.push({ remoteRef, why: "a root commit with nothing to compare against: proofgate run --base REV checks it" });
      continue;
    }
    if (chosen.base === head) {
      plan.skipped.push({ remoteRef, why: "no new commits" });
      continue;
    }
    let key = `${chosen.base}..${head}`;
    seen.has(key) || (seen.add(key), plan.ranges.push({ remoteRef, base: chosen.base, head, why: chosen.why }));
  }
  return plan;
}

// src/hooks/hook.ts
var HOOK_PREFIX = "proofgate - ";
function prefixLines(write, prefix = HOOK_PREFIX) {
  let atLineStart = !0;
  return {
    write(text) {
      if (text === "") return;
      let lines = text.split(`
`), out = "";
      lines.forEach((line, i) => {
        let last = i === lines.length - 1;
        last && line === "" || (atLineStart && (out += prefix), out += line, last || (out += `
`), atLineStart = !last);
      }), write(out);
    },
    flush() {
      atLineStart || write(`
`), atLineStart = !0;
    }
  };
}
function combineExitCodes(codes) {
  let rank2 = (code) => code >= 64 ? 3 : code === ExitCode.blocked ? 2 : code === ExitCode.warningsFailed ? 1 : 0;
  return codes.reduce((worst, code) => rank2(code) > rank2(worst) ? code : worst, ExitCode.pass);
}
async function runHook(hook, args, io) {
  let out = prefixLines((t) => io.stdout.write(t)), err = prefixLines((t) => io.stderr.write(t));
  try {
    return await runHookInner(hook, args, io, out, err);
  } finally {
    out.flush(), err.flush();
  }
}
async function runHookInner(hook, args, io, out, err) {
  let say = (line) => err.write(`${line}
`), input = hook === "pre-push" ? await io.readStdin() : "", repo = await openRepository(io.cwd);
  if (io.env.PROOFGATE_SKIP === "1")
    return await recordSkip(hook, args, input, repo.root), say(`${hook} skipped (PROOFGATE_SKIP=1); recorded in .proofgate/journal/events.jsonl`), ExitCode.pass;
  let debug = io.env.PROOFGATE_DEBUG === "1" ? (m) => say(m) : void 0, loaded = await loadConfig(repo.root, { env: io.env }), common = {
    cwd: io.cwd,
    env: io.env,
    strictWarnings: !1,
    warn: (m) => say(`warning: ${m}`),
    ...debug === void 0 ? {} : { debug },
    ...io.signal === void 0 ? {} : { signal: io.signal }
  }, reporter = () => terminalReporter((t) => out.write(t), useColour(io.stdout, io.env)), live = liveProgress(io.stderr, io.env), progress = () => live ? progressReporter({ write: (t) => {
    io.stderr.write(t);
  }, live, prefix: HOOK_PREFIX }) : progressReporter({ write: (t) => err.write(t), live });
  return hook === "pre-commit" ? runPreCommit(io, loaded.config, common, reporter, say, progress) : runPrePush(repo, input, args, loaded.config, common, reporter, say, progress);
}
async function recordSkip(hook, args, input, root) {
  await appendEvents(stateDir(root), [
    {
      runId: "hook",
      type: "hook-skipped",
      hook,
      args: args.map(redactUrlCredentials),
      ...hook === "pre-push" ? {
        updates: input.trim().split(`
`).filter((l) => l !== "")
      } : {}
    }
  ]);
}
async function runPreCommit(io, config, common, reporter, say, progress) {
  let available = new Set(GATES.map((g) => g.id)), gates = config.hooks["pre-commit"].gates.filter((id) => available.has(id));
  try {
    return (await runProofgate({
      ...common,
      staged: !0,
      ...io.env.GIT_INDEX_FILE === void 0 || io.env.GIT_INDEX_FILE === "" ? {} : { indexFile: io.env.GIT_INDEX_FILE },
      gates,
      reporters: [progress(), reporter(), nextReporter()]
    })).exitCode;
  } catch (error) {
    if (error instanceof ProofgateError && error.code === "PG_NO_COMMITS")
      return say("the first commit: nothing to compare against, so nothing is checked (the pre-push hook checks it)"), ExitCode.pass;
    throw error;
  }
}
async function runPrePush(repo, input, args, config, common, reporter, say, progress) {
  let updates = parsePushUpdates(input, await objectFormatOf(repo)), plan = await planPush(repo, updates, { ...args[0] === void 0 ? {} : { remote: args[0] }, tags: config.hooks["pre-push"].tags });
  for (let s of plan.skipped) say(`${s.remoteRef}: ${s.why}`);
  if (plan.ranges.length === 0)
    return say(updates.length === 0 ? "nothing is being pushed: nothing to check" : "nothing to check in this push"), ExitCode.pass;
  let codes = [], blockOnApproval = config.hooks["pre-push"]["block-on-approval"], failFast = config.hooks["pre-push"]["fail-fast"];
  for (let range2 of plan.ranges) {
    say(`checking ${range2.remoteRef}: ${range2.base.slice(0, 12)}..${range2.head.slice(0, 12)} (${range2.why})`);
    let result = await runProofgate({
      ...common,
      repository: repo,
      base: range2.base,
      head: range2.head,
      baseSource: "push",
      labels: { base: range2.why, head: range2.remoteRef },
      approvalBlocks: blockOnApproval,
      failFast,
      reporters: [progress(), reporter(), nextReporter()]
    });
    codes.push(result.exitCode);
    let unstarted = failFastSkips(result.gates);
    unstarted !== null && say(unstarted);
    let pending = result.findings.filter((f) => f.needsApproval === !0 && f.approved === void 0), undeclared = pending.filter((f) => f.pendingWaiver === void 0 && DECLARABLE_RULES.has(`${f.gate}/${f.ruleId}`)).length, unapproved = pending.length - undeclared;
    undeclared > 0 && say(
      `UNDECLARED BEHAVIOUR CHANGE: ${undeclared} finding${undeclared === 1 ? "" : "s"} in ${range2.remoteRef} refuse the push until the change is declared (a \`Behavior-Change: <why>\` trailer, a \`feat!:\`/\`fix!:\` subject, a changeset or changelog entry) or the test is fixed`
    ), unapproved > 0 && (say(`NEEDS APPROVAL: ${unapproved} finding${unapproved === 1 ? "" : "s"} in ${range2.remoteRef} only a reviewer can resolve (see above)`), say(
      blockOnApproval ? "hooks.pre-push.block-on-approval is true: the push is refused until they are resolved" : "not blocking this push (hooks.pre-push.block-on-approval: false); the pull request's required check blocks until a reviewer approves"
    ));
  }
  let code = combineExitCodes(codes);
  if (plan.ranges.length > 1) {
    let failed = codes.filter((c) => c !== ExitCode.pass).length;
    say(
      `one verdict for the push: ${code === ExitCode.pass ? "pass" : code === ExitCode.blocked ? "blocked" : `exit ${String(code)}`} (${String(failed)} of ${String(codes.length)} refs did not pass)`
    );
  }
  return code === ExitCode.blocked && say("push blocked; fix the findings above, or push with PROOFGATE_SKIP=1 (recorded in the journal)"), code;
}
function failFastSkips(gates) {
  let prefix = failFastReason(""), skipped = gates.filter((g) => g.status === "skipped" && g.reason?.startsWith(prefix) === !0);
  if (skipped.length === 0) return null;
  let ids = skipped.map((g) => g.id === "tests" ? "the tests" : g.id), names = ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(", ")} and ${ids.at(-1)}`, block = skipped[0].reason.slice(prefix.length);
  return `${names} did not run: the push is already blocked by ${block} (hooks.pre-push.fail-fast: false runs them anyway)`;
}

// src/loop/doctor.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { readdir } from "node:fs/promises";
import { join as join10 } from "node:path";

// src/changes/wiring.ts
async function remoteUrl(root, name = "origin") {
  let url = await tryGit(root, ["config", "--get", `remote.${name}.url`]);
  return url.exitCode === 0 && url.stdout.trim() !== "" ? url.stdout.trim() : null;
}
async function defaultBranchName(root) {
  let head = await tryGit(root, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  return head.exitCode === 0 && head.stdout.trim() !== "" ? head.stdout.trim().replace(/^origin\//, "") : (await tryGit(root, ["rev-parse", "--verify", "--quiet", "refs/heads/main"])).exitCode === 0 ? "main" : "master";
}
async function committedState(root, path) {
  return (await tryGit(root, ["cat-file", "-e", `HEAD:${path}`])).exitCode !== 0 ? { committed: !1, edited: !0 } : { committed: !0, edited: (await tryGit(root, ["diff", "--quiet", "HEAD", "--", path])).exitCode !== 0 };
}

// src/hooks/install/husky.ts
import { existsSync as existsSync2 } from "node:fs";
import { chmod, rm } from "node:fs/promises";
import { join as join6, relative as relative3, sep as sep2 } from "node:path";

// src/hooks/safe-path.ts
import { lstat, realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join as join2, relative } from "node:path";
function errnoCode(error) {
  return error?.code;
}
async function resolvedPath(path) {
  let tail = [], current = path;
  for (; ; )
    try {
      return join2(await realpath(current), ...tail.reverse());
    } catch (error) {
      let parent = dirname(current);
      if (errnoCode(error) !== "ENOENT" || parent === current) throw error;
      tail.push(basename(current)), current = parent;
    }
}
function within(parent, child) {
  let rel = relative(parent, child);
  return rel === "" || !rel.startsWith("..") && !isAbsolute(rel);
}
async function assertHooksDirInside(dir, anchors) {
  let target = await resolvedPath(dir);
  for (let anchor of anchors) if (within(await resolvedPath(anchor), target)) return;
  throw new ProofgateError(
    "PG_HOOK_UNSAFE",
    `The hooks directory ${dir} lies outside the repository (it resolves to ${target}), and proofgate writes nothing outside the repository.`,
    {
      hint: "if it is a symbolic link, replace it with a directory in the repository; if core.hooksPath points there on purpose (hooks shared by several repositories), add proofgate's hook there yourself (see docs/hooks.md) or run `git config --unset core.hooksPath`"
    }
  );
}
async function isSymbolicLink(path) {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return !1;
    throw error;
  }
}
async function assertNotLinked(file) {
  if (await isSymbolicLink(file))
    throw new ProofgateError(
      "PG_HOOK_UNSAFE",
      `${file} is a symbolic link, and proofgate never edits a file through a link (its target may be outside the repository or shared).`,
      {
        hint: `replace the link with a copy of its target (cp --remove-destination "$(readlink -f '${file}')" '${file}') and run proofgate again, or add proofgate's lines to the target yourself (see docs/hooks.md)`
      }
    );
}

// src/hooks/install/locate.ts
import { existsSync } from "node:fs";
import { isAbsolute as isAbsolute2, join as join4, relative as relative2, resolve, sep } from "node:path";

// src/hooks/install/files.ts
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, join as join3 } from "node:path";
async function isDirectory(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return !1;
  }
}
async function isExecutable(path) {
  try {
    return (await stat(path)).isFile() ? (process.platform === "win32" || await access(path, constants.X_OK), !0) : !1;
  } catch {
    return !1;
  }
}
async function which(name, pathValue) {
  let names = process.platform === "win32" ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (let dir of (pathValue ?? "").split(delimiter))
    if (dir !== "") {
      for (let candidate of names)
        if (await isExecutable(join3(dir, candidate))) return join3(dir, candidate);
    }
}

// src/hooks/install/locate.ts
var LEFTHOOK_YAML = ["lefthook.yml", ".lefthook.yml", ".config/lefthook.yml", "lefthook.yaml", ".lefthook.yaml", ".config/lefthook.yaml"], LEFTHOOK_OTHER = [
  "lefthook.toml",
  ".lefthook.toml",
  ".config/lefthook.toml",
  "lefthook.json",
  ".lefthook.json",
  ".config/lefthook.json",
  "lefthook.jsonc",
  ".lefthook.jsonc"
];
async function gitConfig(repo, key) {
  let value = await repo.configGet(key) ?? "";
  return value === "" ? void 0 : value;
}
function normaliseHooksPath(root, hooksPath) {
  let trimmed = hooksPath.replace(/[\\/]+$/, "");
  if (!isAbsolute2(trimmed)) return trimmed.replace(/\\/g, "/").replace(/^\.\//, "");
  let rel = relative2(root, trimmed);
  return rel.startsWith("..") || isAbsolute2(rel) ? trimmed : rel.split(sep).join("/");
}
function huskyDirOf(root, hooksPath) {
  if (hooksPath === void 0) return;
  let path = normaliseHooksPath(root, hooksPath);
  if (path === ".husky" || path.startsWith(".husky/")) return ".husky";
  let custom = /^(.+)\/_$/.exec(path)?.[1];
  return custom !== void 0 && !isAbsolute2(custom) && existsSync(join4(root, custom, "_", "h")) ? custom : void 0;
}
async function locate(cwd) {
  let repo = await openRepository(cwd), root = repo.root, hooksPath = await gitConfig(repo, "core.hooksPath"), gitHooksDir = resolve(root, await repo.gitPath("hooks")), anchors = [root, resolve(root, await repo.commonDir())], husky = huskyDirOf(root, hooksPath) ?? (await isDirectory(join4(root, ".husky")) ? ".husky" : void 0);
  if (husky !== void 0) return { repo, gitHooksDir, hooksPath, anchors, location: { manager: "husky", dir: join4(root, husky), hooksPath } };
  let lefthook = LEFTHOOK_YAML.find((name) => existsSync(join4(root, name)));
  if (lefthook !== void 0) return { repo, gitHooksDir, hooksPath, anchors, location: { manager: "lefthook", file: join4(root, lefthook) } };
  let other = LEFTHOOK_OTHER.find((name) => existsSync(join4(root, name)));
  if (other !== void 0)
    throw new ProofgateError("PG_HOOK_CONFLICT", `lefthook is configured in ${join4(root, other)}, and proofgate edits only YAML lefthook configs.`, {
      hint: "add a command to each hook there yourself, running `node_modules/.bin/proofgate hook pre-push {1} {2}` with use_stdin: true (pre-push) and `node_modules/.bin/proofgate hook pre-commit` (pre-commit)"
    });
  return { repo, gitHooksDir, hooksPath, anchors, location: { manager: hooksPath === void 0 ? "git" : "hooks-path", dir: gitHooksDir } };
}

// src/hooks/install/text.ts
function eolOf(text) {
  return text.includes(`\r
`) ? `\r
` : `
`;
}
function insertBlock(text, offset, lines, eol) {
  let body = lines.join(eol);
  return offset === text.length && text !== "" && !text.endsWith(`
`) ? text + eol + body : text.slice(0, offset) + body + eol + text.slice(offset);
}
function blockAt(text, offset, lines, eol) {
  if (offset > 0 && text[offset - 1] !== `
`) return null;
  let body = lines.join(eol);
  return text.startsWith(body + eol, offset) ? { start: offset, end: offset + body.length + eol.length } : offset + body.length === text.length && text.endsWith(body) ? text.slice(offset - eol.length, offset) === eol ? { start: offset - eol.length, end: text.length } : { start: offset, end: text.length } : null;
}
function linesEqualTo(text, line) {
  let out = [], offset = 0;
  for (let raw of text.split(`
`)) {
    let content = raw.replace(/\r$/, ""), trimmed = content.replace(/^ +/, "");
    trimmed === line && out.push({ offset, indent: content.length - trimmed.length }), offset += raw.length + 1;
  }
  return out;
}

// src/hooks/install/types.ts
import { join as join5 } from "node:path";
var HOOK_NAMES = ["pre-push", "pre-commit"], PROOFGATE_BIN = join5("node_modules", ".bin", "proofgate"), INSTALL_PROOFGATE = "npm install -D github:proofgate/proofgate#v0";
function missingBinaryNote(manager) {
  return manager === "git" ? `${PROOFGATE_BIN} is missing, so the hooks will run npx --no-install proofgate: add proofgate to devDependencies (${INSTALL_PROOFGATE})` : `${PROOFGATE_BIN} is missing, and ${manager} runs that one: add proofgate to devDependencies (${INSTALL_PROOFGATE})`;
}

// src/hooks/install/husky.ts
var HUSKY_MARK = "# proofgate (added by proofgate install; proofgate uninstall removes these two lines)";
function huskyLines(hook) {
  return [HUSKY_MARK, `proofgate hook ${hook} "$@"`];
}
function findHuskyBlock(text, hook) {
  let eol = eolOf(text);
  for (let { offset, indent } of linesEqualTo(text, HUSKY_MARK)) {
    if (indent !== 0) continue;
    let span = blockAt(text, offset, huskyLines(hook), eol);
    if (span !== null) return span;
  }
  return null;
}
function huskyWiringProblem(root, dir, hooksPath) {
  let want = `${relative3(root, dir).split(sep2).join("/")}/_`;
  return hooksPath !== void 0 && normaliseHooksPath(root, hooksPath) === want ? void 0 : `${hooksPath === void 0 ? "core.hooksPath is not set" : `core.hooksPath is '${hooksPath}', not '${want}'`}, so git does not run husky's hooks: run npx husky (or npm install, whose prepare script runs it) so git uses ${want}`;
}
async function installHusky(located, dir, hooks) {
  let changes = [], notes = [];
  await assertHooksDirInside(dir, located.anchors);
  for (let hook of hooks) {
    let file = join6(dir, hook);
    await assertNotLinked(file);
    let text = await readIfExists(file);
    if (text !== null && findHuskyBlock(text, hook) !== null) {
      changes.push({ hook, file, action: "unchanged" });
      continue;
    }
    if (text !== null && linesEqualTo(text, HUSKY_MARK).length > 0) {
      changes.push({
        hook,
        file,
        action: "unchanged",
        detail: "proofgate's lines were edited by hand; left as they are (proofgate uninstall will not remove them)"
      });
      continue;
    }
    let eol = text === null ? `
` : eolOf(text);
    await writeTextAtomic(file, insertBlock(text ?? "", (text ?? "").length, huskyLines(hook), eol)), text === null ? (await chmod(file, 493), changes.push({ hook, file, action: "created" })) : changes.push({ hook, file, action: "added", detail: "after the existing lines, which run first" });
  }
  let wiring = huskyWiringProblem(located.repo.root, dir, located.hooksPath);
  return wiring !== void 0 && notes.push(wiring), existsSync2(join6(located.repo.root, PROOFGATE_BIN)) || notes.push(missingBinaryNote("husky")), { manager: "husky", target: dir, changes, notes };
}
async function uninstallHusky(located, dir) {
  let changes = [];
  await assertHooksDirInside(dir, located.anchors);
  for (let hook of HOOK_NAMES) {
    let file = join6(dir, hook);
    await assertNotLinked(file);
    let text = await readIfExists(file), span = text === null ? null : findHuskyBlock(text, hook);
    if (text === null || span === null) {
      changes.push({ hook, file, action: "absent" });
      continue;
    }
    let rest = text.slice(0, span.start) + text.slice(span.end);
    rest === "" ? (await rm(file), changes.push({ hook, file, action: "removed", detail: "the file held only proofgate's lines" })) : (await writeTextAtomic(file, rest), changes.push({ hook, file, action: "removed", detail: "proofgate's two lines" }));
  }
  return { manager: "husky", target: dir, changes, notes: [] };
}

// src/hooks/install/lefthook.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync as existsSync3 } from "node:fs";
import { dirname as dirname2, join as join7, sep as sep3 } from "node:path";
var LEFTHOOK_MARK = "# proofgate (added by proofgate install; proofgate uninstall removes it)", LEFTHOOK_FORMS = ["entry", "job", "commands", "hook"];
function lefthookLines(hook, form, indent, unit) {
  let pad = (n) => " ".repeat(n), fields = hook === "pre-push" ? [`run: ${PROOFGATE_BIN.split(sep3).join("/")} hook pre-push {1} {2}`, "use_stdin: true"] : [`run: ${PROOFGATE_BIN.split(sep3).join("/")} hook pre-commit`], body;
  return form === "job" ? body = [`-${pad(unit - 1)}name: proofgate`, ...fields.map((f) => pad(unit) + f)] : (body = ["proofgate:", ...fields.map((f) => pad(unit) + f)], form !== "entry" && (body = ["commands:", ...body.map((l) => pad(unit) + l)]), form === "hook" && (body = [`${hook}:`, ...body.map((l) => pad(unit) + l)])), [LEFTHOOK_MARK, ...body].map((l) => pad(indent) + l);
}
function findLefthookBlocks(text) {
  let eol = eolOf(text), lines = text.split(`
`), out = [];
  for (let { offset, indent } of linesEqualTo(text, LEFTHOOK_MARK)) {
    let index = text.slice(0, offset).split(`
`).length - 1, third = lines[index + 2] ?? "", unit = third.length - third.replace(/^ +/, "").length - indent;
    if (!(unit < 1))
      found: for (let hook of HOOK_NAMES)
        for (let form of LEFTHOOK_FORMS) {
          let span = blockAt(text, offset, lefthookLines(hook, form, indent, unit), eol);
          if (span !== null) {
            out.push({ hook, span });
            break found;
          }
        }
  }
  return out;
}
function lefthookError(file, text, lineCounter, offset, path, expected) {
  let { line, col } = lineCounter.linePos(Math.min(offset, text.length)), problem = { file, line, column: col, path, message: expected }, hint = path === "" ? `fix ${file} (npx lefthook validate checks it), then run proofgate install again` : `write ${path} in block style (one key per line) and run proofgate install again, or add proofgate's command there yourself (see proofgate's docs/hooks.md, "Where install puts them")`;
  return new ProofgateError("PG_HOOK_CONFIG_INVALID", `Cannot add proofgate to ${file}:${line}:${col}: ${expected}.`, { hint, problems: [problem] });
}
function nextLineStart(text, offset) {
  if (offset > 0 && text[offset - 1] === `
`) return offset;
  let nl = text.indexOf(`
`, offset);
  return nl === -1 ? text.length : nl + 1;
}
function planLefthook(file, text, hook) {
  let lineCounter = new import_yaml.LineCounter(), doc = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: !1 }), first = doc.errors[0];
  if (first !== void 0) throw lefthookError(file, text, lineCounter, first.pos[0], "", `not valid YAML (${first.message.split(`
`)[0]})`);
  let column = (offset) => lineCounter.linePos(offset).col - 1, start = (node) => node?.range?.[0] ?? 0, end = (node) => nextLineStart(text, node.range?.[1] ?? text.length), isBlockMap = (node) => (0, import_yaml.isMap)(node) && node.flow !== !0 && node.items.length > 0, isEmpty = (node) => node === null || (0, import_yaml.isScalar)(node) && node.value === null && text.slice(node.range?.[0], node.range?.[1]).trim() === "", keyOf = (pair) => (0, import_yaml.isScalar)(pair.key) ? pair.key.value : void 0, pairOf = (map, key) => map.items.find((p) => keyOf(p) === key), keyStart = (pair) => start(pair.key), nesting = (map) => {
    for (let pair of map.items)
      if (isBlockMap(pair.value)) return column(keyStart(pair.value.items[0])) - column(keyStart(pair));
  }, root = doc.contents;
  if (isEmpty(root)) return { offset: text.length, lines: lefthookLines(hook, "hook", 0, 2) };
  if (!isBlockMap(root)) throw lefthookError(file, text, lineCounter, start(root), "", "expected a block mapping of hook names at the top level");
  let unit = nesting(root) ?? 2, hookPair = pairOf(root, hook);
  if (hookPair === void 0)
    return { offset: text.length, lines: lefthookLines(hook, "hook", column(keyStart(root.items[0])), unit) };
  let hookMap = hookPair.value;
  if (isEmpty(hookMap)) return { offset: end(hookPair.key), lines: lefthookLines(hook, "commands", column(keyStart(hookPair)) + unit, unit) };
  if (!isBlockMap(hookMap))
    throw lefthookError(file, text, lineCounter, start(hookMap), hook, `expected ${hook} to be a block mapping (with commands: or jobs:)`);
  let jobs = pairOf(hookMap, "jobs");
  if (jobs !== void 0 && !isEmpty(jobs.value)) {
    let seq = jobs.value;
    if (!(0, import_yaml.isSeq)(seq) || seq.flow === !0 || seq.items.length === 0)
      throw lefthookError(file, text, lineCounter, start(seq), `${hook}.jobs`, `expected ${hook}.jobs to be a block sequence of jobs (- name: \u2026)`);
    let items = seq.items;
    if (items.some((item) => (0, import_yaml.isMap)(item) && item.get("name") === "proofgate")) return { userEntry: `a job named proofgate is already in ${hook}.jobs` };
    let dash = column(start(seq)), firstItem = items[0], itemUnit = isBlockMap(firstItem) ? column(keyStart(firstItem.items[0])) - dash : 2;
    return { offset: end(seq), lines: lefthookLines(hook, "job", dash, Math.max(itemUnit, 2)) };
  }
  let commands = pairOf(hookMap, "commands");
  if (commands === void 0)
    return { offset: end(hookMap), lines: lefthookLines(hook, "commands", column(keyStart(hookMap.items[0])), unit) };
  if (isEmpty(commands.value)) return { offset: end(commands.key), lines: lefthookLines(hook, "entry", column(keyStart(commands)) + unit, unit) };
  let commandMap = commands.value;
  if (!isBlockMap(commandMap))
    throw lefthookError(
      file,
      text,
      lineCounter,
      start(commandMap),
      `${hook}.commands`,
      `expected ${hook}.commands to be a block mapping of command names`
    );
  return pairOf(commandMap, "proofgate") !== void 0 ? { userEntry: `a proofgate command is already in ${hook}.commands` } : {
    offset: end(commandMap),
    lines: lefthookLines(hook, "entry", column(keyStart(commandMap.items[0])), nesting(commandMap) ?? unit)
  };
}
function lefthookWiringNote(hooksDir, hook, hookText) {
  return hookText !== null && /lefthook/i.test(hookText) ? void 0 : `${join7(hooksDir, hook)} ${hookText === null ? "does not exist" : "is not lefthook's"}, so git does not run lefthook on ${hook}: run npx lefthook install`;
}
async function installLefthook(located, file, hooks) {
  await assertHooksDirInside(dirname2(file), located.anchors), await assertNotLinked(file);
  let original = await readIfExists(file) ?? "", text = original, changes = [], notes = [];
  for (let hook of hooks) {
    if (findLefthookBlocks(text).some((block) => block.hook === hook))
      changes.push({ hook, file, action: "unchanged" });
    else {
      let plan = planLefthook(file, text, hook);
      "userEntry" in plan ? changes.push({ hook, file, action: "unchanged", detail: `${plan.userEntry} (not added by proofgate install; left as it is)` }) : (text = insertBlock(text, plan.offset, plan.lines, eolOf(text)), changes.push({ hook, file, action: "added" }));
    }
    let note = lefthookWiringNote(located.gitHooksDir, hook, await readIfExists(join7(located.gitHooksDir, hook)));
    note !== void 0 && notes.push(note);
  }
  return text !== original && await writeTextAtomic(file, text), existsSync3(join7(located.repo.root, PROOFGATE_BIN)) || notes.push(missingBinaryNote("lefthook")), { manager: "lefthook", target: file, changes, notes };
}
async function uninstallLefthook(located, file) {
  await assertHooksDirInside(dirname2(file), located.anchors), await assertNotLinked(file);
  let original = await readIfExists(file) ?? "", text = original, removed = /* @__PURE__ */ new Set();
  for (let block = findLefthookBlocks(text)[0]; block !== void 0; block = findLefthookBlocks(text)[0])
    text = text.slice(0, block.span.start) + text.slice(block.span.end), removed.add(block.hook);
  text !== original && await writeTextAtomic(file, text);
  let changes = HOOK_NAMES.map((hook) => ({ hook, file, action: removed.has(hook) ? "removed" : "absent" }));
  return { manager: "lefthook", target: file, changes, notes: [] };
}
function lefthookUserEntry(file, text, hook) {
  try {
    return "userEntry" in planLefthook(file, text, hook);
  } catch {
    return !1;
  }
}

// src/hooks/install/scripts.ts
import { existsSync as existsSync4, readFileSync } from "node:fs";
import { chmod as chmod2, mkdir, rename, rm as rm2 } from "node:fs/promises";
import { dirname as dirname3, join as join8 } from "node:path";
import { fileURLToPath } from "node:url";
var CHAIN_SUFFIX = ".pre-proofgate";
function isProofgateScript(text, hook) {
  return text.split(`
`).some((line) => line.startsWith(`# proofgate ${hook} hook (installed by \`proofgate install`));
}
var hooksDirCache;
function packageHooksDir() {
  if (hooksDirCache !== void 0) return hooksDirCache;
  let here = fileURLToPath(import.meta.url);
  for (let dir = dirname3(here); ; dir = dirname3(dir)) {
    if (existsSync4(join8(dir, "hooks", "pre-push")))
      try {
        if (JSON.parse(readFileSync(join8(dir, "package.json"), "utf8")).name === "proofgate")
          return hooksDirCache = join8(dir, "hooks");
      } catch {
      }
    if (dirname3(dir) === dir) throw new Error(`proofgate's hooks/ directory was not found above ${here}: the package is incomplete (reinstall proofgate)`);
  }
}
async function shippedHook(hook) {
  let text = await readIfExists(join8(packageHooksDir(), hook));
  if (text === null) throw new Error(`proofgate's ${hook} hook is missing from ${packageHooksDir()}: the package is incomplete (reinstall proofgate)`);
  return text;
}
async function installScripts(located, manager, dir, hooks) {
  let changes = [], notes = [];
  await assertHooksDirInside(dir, located.anchors), await mkdir(dir, { recursive: !0 });
  for (let hook of hooks) {
    let file = join8(dir, hook), chained = file + CHAIN_SUFFIX, ours = await shippedHook(hook), linked = await isSymbolicLink(file), existing = await readIfExists(file);
    if (!linked && existing !== null && isProofgateScript(existing, hook)) {
      let executable = await isExecutable(file);
      if (existing === ours && executable) {
        changes.push({ hook, file, action: "unchanged" });
        continue;
      }
      existing !== ours && await writeTextAtomic(file, ours), await chmod2(file, 493), changes.push({ hook, file, action: "updated", detail: existing === ours ? "made executable" : "replaced by this version of proofgate's hook" });
      continue;
    }
    let detail;
    if (existing !== null || linked) {
      if (existsSync4(chained) || await isSymbolicLink(chained))
        throw new ProofgateError(
          "PG_HOOK_CONFLICT",
          `${file} is not proofgate's, and ${chained} exists too, so proofgate has nowhere to move the existing hook.`,
          {
            hint: `merge the two into ${chained} (it runs first, with the same arguments and stdin) and delete ${file}, then run proofgate install again`
          }
        );
      await rename(file, chained), detail = `the existing hook moved to ${hook}${CHAIN_SUFFIX} and runs first`, await isExecutable(chained) || notes.push(
        `${chained} (your earlier ${hook} hook) is not executable, so git did not run it and proofgate's hook does not either: chmod +x it to run it`
      );
    }
    await writeTextAtomic(file, ours), await chmod2(file, 493), changes.push({ hook, file, action: "created", ...detail === void 0 ? {} : { detail } });
  }
  return existsSync4(join8(located.repo.root, PROOFGATE_BIN)) || notes.push(missingBinaryNote("git")), { manager, target: dir, changes, notes };
}
async function uninstallScripts(located, manager, dir) {
  let changes = [], notes = [];
  await assertHooksDirInside(dir, located.anchors);
  for (let hook of HOOK_NAMES) {
    let file = join8(dir, hook), chained = file + CHAIN_SUFFIX, existing = await readIfExists(file);
    if (existing !== null && !isProofgateScript(existing, hook)) {
      changes.push({ hook, file, action: "absent", detail: "the hook there is not proofgate's; left as it is" }), existsSync4(chained) && notes.push(`${chained} was left in place, since ${file} is not proofgate's`);
      continue;
    }
    existing !== null && await rm2(file), existsSync4(chained) || await isSymbolicLink(chained) ? (await rename(chained, file), changes.push({ hook, file, action: "restored", detail: `${hook}${CHAIN_SUFFIX} moved back` })) : changes.push({ hook, file, action: existing === null ? "absent" : "removed" });
  }
  return { manager, target: dir, changes, notes };
}

// src/hooks/install/check.ts
import { existsSync as existsSync5 } from "node:fs";
import { join as join9 } from "node:path";
async function checkHooks(cwd, env) {
  let located = await locate(cwd), { location, repo, gitHooksDir } = located, root = repo.root, notes = [], node = await which("node", env.PATH), binary = await isExecutable(join9(root, PROOFGATE_BIN)) || location.manager === "husky" && await which("proofgate", env.PATH) !== void 0, lefthookText = location.manager === "lefthook" ? await readIfExists(location.file) ?? "" : "", lefthookBlocks = findLefthookBlocks(lefthookText), hooks = [];
  for (let hook of HOOK_NAMES) {
    let { file, installed, problems, note } = location.manager === "husky" ? await checkHusky(root, location.dir, location.hooksPath, hook, binary) : location.manager === "lefthook" ? await checkLefthook(location.file, lefthookText, lefthookBlocks, gitHooksDir, hook, binary) : await checkScript(location.dir, hook);
    if (note !== void 0 && notes.push(note), !installed)
      problems.push(`proofgate's ${hook} hook is not installed: run proofgate install ${hook}`);
    else if (node === void 0) {
      let init = location.manager === "husky" ? "~/.config/husky/init.sh" : location.manager === "lefthook" ? "your shell profile" : "~/.config/proofgate/init.sh";
      problems.push(`node is not on PATH (${env.PATH ?? ""}), so the ${hook} hook cannot run proofgate: set PATH up in ${init} (e.g. . "$HOME/.nvm/nvm.sh")`);
    }
    hooks.push({ hook, installed, working: installed && problems.length === 0, file, problems });
  }
  (location.manager === "git" || location.manager === "hooks-path") && hooks.some((h) => h.installed) && !binary && notes.push(missingBinaryNote("git"));
  let ok = hooks.some((h) => h.installed) && hooks.every((h) => !h.installed || h.working);
  return { manager: location.manager, ok, hooks, notes };
}
async function checkHusky(root, dir, hooksPath, hook, binary) {
  let file = join9(dir, hook), problems = [], text = await readIfExists(file), installed = text !== null && findHuskyBlock(text, hook) !== null;
  if (installed) {
    let wiring = huskyWiringProblem(root, dir, hooksPath);
    wiring !== void 0 && problems.push(wiring);
    let runner = join9(dir, "_", hook);
    (!existsSync5(join9(dir, "_", "h")) || !await isExecutable(runner)) && problems.push(`husky's ${join9(dir, "_", "h")} or an executable ${runner} is missing: run npx husky to regenerate .husky/_`), binary || problems.push(`${PROOFGATE_BIN} is missing, and husky runs proofgate from there: ${INSTALL_PROOFGATE}`);
  }
  return { file, installed, problems };
}
async function checkLefthook(file, text, blocks, gitHooksDir, hook, binary) {
  let problems = [], installed = blocks.some((block) => block.hook === hook) || lefthookUserEntry(file, text, hook);
  if (installed) {
    let note = lefthookWiringNote(gitHooksDir, hook, await readIfExists(join9(gitHooksDir, hook)));
    note !== void 0 ? problems.push(note) : await isExecutable(join9(gitHooksDir, hook)) || problems.push(`${join9(gitHooksDir, hook)} is not executable, so git does not run it: run npx lefthook install`), binary || problems.push(`${PROOFGATE_BIN} is missing, and lefthook runs proofgate from there: ${INSTALL_PROOFGATE}`);
  }
  return { file, installed, problems };
}
async function checkScript(dir, hook) {
  let file = join9(dir, hook), problems = [], text = await readIfExists(file), installed = text !== null && isProofgateScript(text, hook);
  return installed ? (await isExecutable(file) || problems.push(`${file} is not executable, so git does not run it: chmod +x ${file} (or run proofgate install again)`), text !== await shippedHook(hook) ? { file, installed, problems, note: `${file} is an older copy of proofgate's ${hook} hook: run proofgate install ${hook} to update it` } : { file, installed, problems }) : { file, installed, problems };
}

// src/hooks/install.ts
function parseHookNames(hooks) {
  for (let hook of hooks)
    if (!HOOK_NAMES.includes(hook))
      throw new ProofgateError("PG_USAGE", `Unknown hook '${String(hook)}': expected ${HOOK_NAMES.join(" or ")}.`, {
        hint: "proofgate install pre-push pre-commit"
      });
  if (hooks.length === 0) throw new ProofgateError("PG_USAGE", "No hook to install.", { hint: "proofgate install pre-push (or pre-commit)" });
  return HOOK_NAMES.filter((hook) => hooks.includes(hook));
}
async function installHooks(cwd, hooks) {
  let wanted = parseHookNames(hooks), located = await locate(cwd), { location } = located;
  return location.manager === "husky" ? installHusky(located, location.dir, wanted) : location.manager === "lefthook" ? installLefthook(located, location.file, wanted) : installScripts(located, location.manager, location.dir, wanted);
}
async function uninstallHooks(cwd) {
  let located = await locate(cwd), { location } = located;
  return location.manager === "husky" ? uninstallHusky(located, location.dir) : location.manager === "lefthook" ? uninstallLefthook(located, location.file) : uninstallScripts(located, location.manager, location.dir);
}

// src/loop/doctor.ts
var RECENT_MS = 168 * 3600 * 1e3, pass = (id, detail) => ({ id, status: "pass", detail, remedy: null }), fail = (id, detail, remedy) => ({ id, status: "fail", detail, remedy }), unknown = (id, detail, remedy) => ({ id, status: "unknown", detail, remedy });
async function hookFact(root, env) {
  let report = await checkHooks(root, env), installed = report.hooks.filter((h) => h.installed);
  if (report.ok) return pass("hook", `${installed.map((h) => h.hook).join(" and ")} installed and working (${report.manager})`);
  let problem = report.hooks.flatMap((h) => h.problems)[0];
  return fail(
    "hook",
    installed.length === 0 ? "no proofgate hook is installed" : `installed but would not run: ${problem ?? "see proofgate install --check"}`,
    "run npx proofgate install (then npx proofgate install --check)"
  );
}
function stepRunsProofgate(step, ownAction) {
  if (typeof step != "object" || step === null) return null;
  let { uses, run } = step, withs = step.with, checkName = typeof withs?.["check-name"] == "string" ? withs["check-name"] : "proofgate";
  return typeof uses == "string" && (/proofgate/i.test(uses) || ownAction && uses === "./") ? { checkName } : typeof run == "string" && /\bproofgate\b[^\n]*\b(run|hook)\b/.test(run) ? { checkName: "proofgate" } : null;
}
function onPullRequests(on) {
  return (typeof on == "string" ? [on] : Array.isArray(on) ? on : typeof on == "object" && on !== null ? Object.keys(on) : []).some((e) => e === "pull_request" || e === "pull_request_target");
}
async function proofgateWorkflows(root) {
  let dir = join10(root, ".github", "workflows"), names = await readdir(dir).catch(() => []), action = await readRealFile(root, join10(root, "action.yml")), ownAction = action.kind === "file" && /^name:\s*['"]?proofgate/im.test(action.text), found = [];
  for (let name of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
    let read = await readRealFile(root, join10(dir, name));
    if (read.kind !== "file") continue;
    let doc;
    try {
      doc = (0, import_yaml2.parse)(read.text);
    } catch {
      continue;
    }
    if (doc === null || typeof doc != "object" || !onPullRequests(doc.on ?? doc.true)) continue;
    let checkNames = Object.values(doc.jobs ?? {}).flatMap(
      (job) => (Array.isArray(job?.steps) ? job.steps : []).map((s) => stepRunsProofgate(s, ownAction)?.checkName).filter((n) => n !== void 0)
    );
    checkNames.length > 0 && found.push({ file: `.github/workflows/${name}`, checkNames });
  }
  return found;
}
function workflowFact(workflows) {
  return workflows.length > 0 ? pass("workflow", `${workflows.map((w) => w.file).join(", ")} ${workflows.length === 1 ? "runs" : "run"} proofgate on pull requests`) : fail(
    "workflow",
    "no workflow under .github/workflows runs proofgate on pull_request",
    "add the workflow of README.md (Quick start, GitHub Action): on: pull_request, uses: proofgate/proofgate@v0"
  );
}
async function githubRemote(root) {
  let url = await remoteUrl(root), match = url === null ? null : /github\.com[:/]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url);
  return match === null ? null : { owner: match[1], repo: match[2] };
}
async function requiredCheckFact(root, env, checkNames) {
  let remedy = "require the proofgate check in the default branch protection (Settings \u2192 Branches, or a ruleset)", remote = await githubRemote(root);
  if (remote === null) return unknown("required-check", "unknown: the origin remote is not on github.com", remedy);
  let token = env.GITHUB_TOKEN;
  if (token === void 0 || token === "")
    return unknown("required-check", "unknown: GITHUB_TOKEN is not set, so GitHub was not asked", `set GITHUB_TOKEN to ask; ${remedy}`);
  let branch = await defaultBranchName(root), client = createGitHubClient(token, { baseUrl: env.GITHUB_API_URL ?? "https://api.github.com", rateLimitRetries: 0 }), contexts;
  try {
    let { data } = await client.rest.repos.getStatusChecksProtection({ ...remote, branch });
    contexts = [.../* @__PURE__ */ new Set([...data.contexts ?? [], ...(data.checks ?? []).map((c) => c.context)])];
  } catch (error) {
    let status = statusOf(error);
    return status === 404 ? fail("required-check", `${branch} of ${remote.owner}/${remote.repo} requires no status checks`, remedy) : unknown("required-check", `unknown: GitHub answered ${status ?? "with an error"} (the token may not read branch protection)`, remedy);
  }
  let names = checkNames.length === 0 ? ["proofgate"] : [...new Set(checkNames)], required = contexts.filter((c) => names.includes(c));
  return required.length > 0 ? pass("required-check", `${required.join(", ")} is required on ${branch}`) : fail("required-check", `${branch} requires ${contexts.length === 0 ? "no checks" : contexts.join(", ")}, not ${names.join(" or ")}`, remedy);
}
async function testsFact(root) {
  let remedy = "run npx proofgate run with the tests gate on (gates.tests.mode: blocking) and make the runner find the tests", results;
  try {
    results = await readTestResults(stateDir(root));
  } catch (error) {
    return fail("tests-ran", error instanceof Error ? error.message : String(error), remedy);
  }
  return results === null ? fail("tests-ran", "the tests gate has not run here (no .proofgate/test-results.json)", remedy) : (results.status === "unknown" || (results.total ?? 0) > 0) && (results.status === "passed" || results.status === "failed" || results.status === "unknown") ? pass(
    "tests-ran",
    `${results.runner} ran ${results.total === null ? "the test script" : `${results.total} tests`} (${results.status}) at ${results.finishedAt}`
  ) : fail("tests-ran", `the last tests gate run (${results.runner}) ended ${results.status} with ${results.total ?? 0} tests executed`, remedy);
}
async function configFact(root, env, configFile) {
  let loaded;
  try {
    loaded = await loadConfig(root, { ...configFile === void 0 ? {} : { file: configFile }, env });
  } catch (error) {
    if (!(error instanceof ProofgateError)) throw error;
    return fail("config", `invalid: ${error.message.split(`
`)[0]}`, error.hint ?? "fix .proofgate.yml (proofgate config print shows what applies)");
  }
  if (loaded.file === null) return pass("config", "no .proofgate.yml: the defaults apply, at every base");
  let state = await committedState(root, loaded.file);
  return state.committed ? state.edited ? pass("config", `${loaded.file} is valid and committed; its uncommitted edits apply only once merged (the base's config judges a change)`) : pass("config", `${loaded.file} is valid and committed (a change is judged by its base's copy)`) : fail(
    "config",
    `${loaded.file} is valid but not committed, so no base commit has it`,
    `commit ${loaded.file}: pull requests run under their base's config`
  );
}
async function recentRunFact(root, now) {
  let { events } = await readEvents(stateDir(root)), last = events.filter((e) => e.type === "verdict").at(-1), remedy = "run npx proofgate run (or install the hook so every push runs it)";
  return last === void 0 ? fail("recent-run", "the journal records no run", remedy) : now.getTime() - Date.parse(last.ts) <= RECENT_MS ? pass("recent-run", `last run ${last.ts} (${String(last.verdict)})`) : fail("recent-run", `last run ${last.ts}, more than 7 days ago`, remedy);
}
async function runDoctor(options) {
  let { root, env } = options, workflows = await proofgateWorkflows(root), facts = [
    await hookFact(root, env),
    workflowFact(workflows),
    await requiredCheckFact(
      root,
      env,
      workflows.flatMap((w) => w.checkNames)
    ),
    await testsFact(root),
    await configFact(root, env, options.configFile),
    await recentRunFact(root, options.now ?? /* @__PURE__ */ new Date())
  ];
  return { ok: facts.every((f) => f.status !== "fail"), facts };
}
function renderDoctor(report) {
  let mark = { pass: "\u2714", fail: "\u2716", unknown: "?" }, lines = report.facts.flatMap((f) => [
    `proofgate - ${mark[f.status]} ${f.id.padEnd(15)} ${f.detail}`,
    ...f.remedy === null || f.status === "pass" ? [] : [`proofgate -   \u2192 ${f.remedy}`]
  ]);
  return lines.push(`proofgate - ${report.ok ? "the loop is closed" : `${report.facts.filter((f) => f.status === "fail").length} fact(s) fail: exit 1`}`), lines.join(`
`) + `
`;
}

// src/loop/health.ts
var HEALTH_THRESHOLDS = {
  /** At least this many runs in the window. */
  minRuns: 1,
  /** At least this share of run events carry a run id that has a `run-started`. */
  minRunIdCoverage: 0.99,
  /** At most this share of runs blocked. */
  maxBlockedRatio: 0.5,
  /** At most this change of the blocked ratio against the previous window (absolute). */
  maxBlockedDrift: 0.25,
  /** Per gate, at most this share of its runs errored. */
  maxErrorRate: 0.05,
  /** Per gate, at most this share inconclusive. */
  maxInconclusiveRate: 0.1,
  /** At most this many `PROOFGATE_SKIP` uses. */
  maxSkips: 0,
  /** At most this many expired or unused waivers reported by the last run. */
  maxStaleWaivers: 0,
  /** A gate that ran at least this many times and passed every time is suspect (it may check nothing). */
  alwaysPassMinRuns: 20
};
function thresholdsOf(health) {
  return {
    minRuns: health["min-runs"],
    minRunIdCoverage: health["min-run-id-coverage"],
    maxBlockedRatio: health["max-blocked-ratio"],
    maxBlockedDrift: health["max-blocked-drift"],
    maxErrorRate: health["max-error-rate"],
    maxInconclusiveRate: health["max-inconclusive-rate"],
    maxSkips: health["max-skips"],
    maxStaleWaivers: health["max-stale-waivers"],
    alwaysPassMinRuns: health["always-pass-min-runs"]
  };
}
var ratio = (n, d) => d === 0 ? null : Math.round(n / d * 1e3) / 1e3;
function gateHealth(runs) {
  let byGate = /* @__PURE__ */ new Map();
  for (let run of runs)
    for (let g of run.gates) {
      let entry = byGate.get(g.gate) ?? { runs: 0, errored: 0, inconclusive: 0, skipped: 0, pass: 0 };
      entry.runs++, (g.status === "errored" || g.status === "inconclusive" || g.status === "skipped" || g.status === "pass") && entry[g.status]++, byGate.set(g.gate, entry);
    }
  return [...byGate].map(([gate, e]) => ({
    gate,
    runs: e.runs,
    errorRate: ratio(e.errored, e.runs),
    inconclusiveRate: ratio(e.inconclusive, e.runs),
    skippedRate: ratio(e.skipped, e.runs),
    passRate: ratio(e.pass, e.runs)
  })).sort((a, b) => a.gate.localeCompare(b.gate));
}
function blockedRatio(runs) {
  let finished = runs.filter((r) => r.verdict !== null);
  return ratio(finished.filter((r) => r.verdict === "blocked").length, finished.length);
}
function buildHealth(journal, now, hours, thresholds = HEALTH_THRESHOLDS) {
  let to = now.getTime(), from = to - hours * 36e5, inWindow = (t) => t > from && t <= to, runs = journal.runs.filter((r) => inWindow(r.time)), previous = journal.runs.filter((r) => r.time > from - hours * 36e5 && r.time <= from), events = journal.runEvents.filter((e) => inWindow(e.time)), ratioNow = blockedRatio(runs), ratioBefore = blockedRatio(previous), gates = gateHealth(runs), last = runs.filter((r) => r.verdict !== null).at(-1), metrics = {
    runs: runs.length,
    unfinishedRuns: runs.filter((r) => r.verdict === null).length,
    runIdCoverage: ratio(events.filter((e) => e.known).length, events.length),
    blockedRatio: ratioNow,
    blockedRatioDrift: ratioNow === null || ratioBefore === null ? null : Math.round((ratioNow - ratioBefore) * 1e3) / 1e3,
    gates,
    skipUses: journal.skips.filter(inWindow).length,
    waivers: last?.waivers ?? { expired: 0, unused: 0 },
    alwaysPass: gates.filter((g) => g.runs >= thresholds.alwaysPassMinRuns && g.passRate === 1).map((g) => g.gate),
    neverRan: gates.filter((g) => g.skippedRate === 1).map((g) => g.gate)
  }, checks = healthChecks(metrics, thresholds);
  return { window: { from: new Date(from).toISOString(), to: now.toISOString(), hours }, healthy: checks.every((c) => c.status === "pass"), metrics, checks };
}
var pct = (value) => value === null ? "n/a" : `${Math.round(value * 1e3) / 10}%`;
function healthChecks(m, t) {
  let check = (id, ok, message) => ({ id, status: ok ? "pass" : "warn", message }), errored = m.gates.filter((g) => g.errorRate > t.maxErrorRate), inconclusive = m.gates.filter((g) => g.inconclusiveRate > t.maxInconclusiveRate), stale = m.waivers.expired + m.waivers.unused;
  return [
    check(
      "run-volume",
      m.runs >= t.minRuns,
      `${m.runs} runs in the window (at least ${t.minRuns})${m.unfinishedRuns > 0 ? `, ${m.unfinishedRuns} without a verdict` : ""}`
    ),
    check(
      "run-id-coverage",
      m.runIdCoverage === null || m.runIdCoverage >= t.minRunIdCoverage,
      `run-id coverage ${pct(m.runIdCoverage)} (at least ${pct(t.minRunIdCoverage)})`
    ),
    check(
      "blocked-ratio",
      m.blockedRatio === null || m.blockedRatio <= t.maxBlockedRatio,
      `blocked ratio ${pct(m.blockedRatio)} (at most ${pct(t.maxBlockedRatio)})`
    ),
    check(
      "blocked-drift",
      m.blockedRatioDrift === null || Math.abs(m.blockedRatioDrift) <= t.maxBlockedDrift,
      `blocked ratio drift ${m.blockedRatioDrift === null ? "n/a" : `${m.blockedRatioDrift >= 0 ? "+" : ""}${pct(m.blockedRatioDrift)}`} against the previous window (at most \xB1${pct(t.maxBlockedDrift)})`
    ),
    check(
      "gate-errors",
      errored.length === 0,
      errored.length === 0 ? `no gate errored in over ${pct(t.maxErrorRate)} of its runs` : errored.map((g) => `${g.gate} errored in ${pct(g.errorRate)} of ${g.runs} runs`).join("; ")
    ),
    check(
      "gate-inconclusive",
      inconclusive.length === 0,
      inconclusive.length === 0 ? `no gate inconclusive in over ${pct(t.maxInconclusiveRate)} of its runs` : inconclusive.map((g) => `${g.gate} inconclusive in ${pct(g.inconclusiveRate)} of ${g.runs} runs`).join("; ")
    ),
    check("skip-uses", m.skipUses <= t.maxSkips, `${m.skipUses} PROOFGATE_SKIP uses (at most ${t.maxSkips})`),
    check(
      "stale-waivers",
      stale <= t.maxStaleWaivers,
      `${m.waivers.expired} expired and ${m.waivers.unused} unused waivers in the last run (at most ${t.maxStaleWaivers})`
    ),
    check(
      "gate-coverage",
      m.alwaysPass.length === 0 && m.neverRan.length === 0,
      [
        m.alwaysPass.length === 0 ? "no gate passed every one of 20+ runs" : `always passed: ${m.alwaysPass.join(", ")}`,
        m.neverRan.length === 0 ? "every gate ran a check" : `never ran a check (always skipped): ${m.neverRan.join(", ")}`
      ].join("; ")
    )
  ];
}
function renderHealth(h) {
  let lines = [
    `proofgate health over ${h.window.hours} h (${h.window.from} \u2192 ${h.window.to}): ${h.healthy ? "healthy" : `${h.checks.filter((c) => c.status === "warn").length} warning(s)`}`,
    ...h.checks.map((c) => `  ${c.status === "pass" ? "\u2714" : "!"} ${c.id.padEnd(18)} ${c.message}`)
  ];
  return h.metrics.gates.length > 0 && lines.push(
    "",
    "Gates (runs \xB7 errored \xB7 inconclusive \xB7 skipped)",
    ...h.metrics.gates.map((g) => `  ${g.gate.padEnd(18)} ${g.runs} \xB7 ${pct(g.errorRate)} \xB7 ${pct(g.inconclusiveRate)} \xB7 ${pct(g.skippedRate)}`)
  ), lines.join(`
`) + `
`;
}

// src/loop/history.ts
var RECURRING_RUNS = 3, SHOWN_CHANGES = 20, TOP_FILES = 10;
function groupChanges(runs, starts) {
  let byBranch = /* @__PURE__ */ new Map();
  for (let run of runs) {
    let list = byBranch.get(run.branch);
    list === void 0 ? byBranch.set(run.branch, [run]) : list.push(run);
  }
  let changes = [];
  for (let [branch, list] of byBranch) {
    let startTimes = starts.filter((s) => s.branch === branch).map((s) => s.time), current = null, previousTime = -1 / 0;
    for (let run of list) {
      let restarted = startTimes.some((t) => t > previousTime && t <= run.time);
      (current === null || current.passed || restarted) && (current = { branch, startedAt: run.startedAt, runs: 0, passed: !1, attemptsToPass: null, escalated: !1 }, changes.push(current)), current.runs++, run.escalated && (current.escalated = !0), run.verdict === "pass" && (current.passed = !0, current.attemptsToPass = current.runs), previousTime = run.time;
    }
  }
  return changes.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
function recurring(runs) {
  let seen = /* @__PURE__ */ new Map(), count = (kind, id, label, at) => {
    let key = `${kind}\0${id}`, entry = seen.get(key) ?? { kind, id, label, runs: 0, lastSeen: at };
    entry.runs++, entry.lastSeen = at, seen.set(key, entry);
  };
  for (let run of runs) {
    for (let t of new Map(run.failingTests.map((t2) => [`${t2.file ?? ""} > ${t2.name}`, t2])).entries()) count("test", t[0], t[1].name, run.startedAt);
    for (let f of new Map(run.blockingFindings.map((f2) => [f2.fingerprint, f2])).values())
      count("finding", f.fingerprint, `${f.gate}/${f.ruleId}${f.path === void 0 ? "" : ` at ${f.path}`}`, run.startedAt);
  }
  return [...seen.values()].filter((r) => r.runs >= RECURRING_RUNS).sort((a, b) => b.runs - a.runs || b.kind.localeCompare(a.kind) || a.id.localeCompare(b.id));
}
function topFiles(runs) {
  let counts = /* @__PURE__ */ new Map();
  for (let run of runs) {
    let paths = new Set(
      [...run.blockingFindings.map((f) => f.path), ...run.failingTests.map((t) => t.file)].filter((p) => typeof p == "string")
    );
    for (let path of paths) counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return [...counts].map(([path, n]) => ({ path, runs: n })).sort((a, b) => b.runs - a.runs || a.path.localeCompare(b.path)).slice(0, TOP_FILES);
}
var ratio2 = (n, d) => d === 0 ? null : Math.round(n / d * 1e3) / 1e3;
function buildHistory(journal, options = {}) {
  let runs = journal.runs.filter(
    (r) => r.scope === "changes" && r.verdict !== null && (options.branch === void 0 || r.branch === options.branch) && (options.since === void 0 || r.time >= options.since)
  ), changes = groupChanges(runs, journal.starts), passed = changes.filter((c) => c.passed), attempts = passed.map((c) => c.attemptsToPass).sort((a, b) => a - b);
  return {
    branch: options.branch ?? null,
    since: options.since === void 0 ? null : new Date(options.since).toISOString(),
    runs: runs.length,
    changes,
    metrics: {
      changes: changes.length,
      passedChanges: passed.length,
      attemptsToPass: attempts.length === 0 ? null : {
        mean: Math.round(attempts.reduce((a, b) => a + b, 0) / attempts.length * 100) / 100,
        median: attempts[Math.floor((attempts.length - 1) / 2)],
        max: attempts.at(-1)
      },
      firstAttemptPassRate: ratio2(changes.filter((c) => c.attemptsToPass === 1).length, changes.length),
      escalationRate: ratio2(changes.filter((c) => c.escalated).length, changes.length)
    },
    recurringFailures: recurring(runs),
    files: topFiles(runs)
  };
}
var pct2 = (value) => value === null ? "n/a" : `${Math.round(value * 100)}%`;
function renderHistory(h) {
  let m = h.metrics, lines = [
    `proofgate history${h.branch === null ? "" : ` of ${inert(h.branch)}`}${h.since === null ? "" : ` since ${h.since}`}: ${h.runs} runs, ${m.changes} changes, ${m.passedChanges} passed`,
    `  attempts to pass: ${m.attemptsToPass === null ? "n/a" : `mean ${m.attemptsToPass.mean}, median ${m.attemptsToPass.median}, max ${m.attemptsToPass.max}`}`,
    `  first-attempt pass rate: ${pct2(m.firstAttemptPassRate)} \xB7 escalation rate: ${pct2(m.escalationRate)}`,
    "",
    h.changes.length > SHOWN_CHANGES ? `Changes (the last ${SHOWN_CHANGES} of ${h.changes.length}; --format json lists all)` : "Changes",
    ...h.changes.length === 0 ? ["  (none)"] : [],
    ...h.changes.slice(-SHOWN_CHANGES).map(
      (c) => `  ${c.startedAt}  ${c.branch === null ? "(detached)" : inert(c.branch)}  ${c.runs} run${c.runs === 1 ? "" : "s"}  ${c.passed ? `passed on attempt ${c.attemptsToPass}` : "not passed yet"}`
    )
  ];
  return h.recurringFailures.length > 0 && lines.push("", `Recurring failures (${RECURRING_RUNS}+ runs)`, ...h.recurringFailures.map((r) => `  ${r.runs}\xD7  ${r.kind}  ${inert(r.label)}`)), h.files.length > 0 && lines.push("", "Files most often involved", ...h.files.map((f) => `  ${f.runs}\xD7  ${inert(f.path)}`)), lines.join(`
`) + `
`;
}

// src/cli/main.ts
var import_yaml3 = __toESM(require_dist(), 1);

// src/init/init.ts
import { existsSync as existsSync7 } from "node:fs";
import { join as join13, relative as relative5, sep as sep5 } from "node:path";

// src/init/detect.ts
import { existsSync as existsSync6 } from "node:fs";
import { relative as relative4, sep as sep4 } from "node:path";
import { join as join11 } from "node:path";
var LOCKFILES = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"]
];
function yarnFlavour(root, version) {
  return version !== void 0 ? /^1\./.test(version) ? "yarn-classic" : "yarn" : existsSync6(join11(root, ".yarnrc.yml")) ? "yarn" : "yarn-classic";
}
function detectPackageManager(root, pkg) {
  let lock = LOCKFILES.find(([file]) => existsSync6(join11(root, file))), field = typeof pkg.packageManager == "string" ? /^(npm|pnpm|yarn|bun)@([^\s+]+)/.exec(pkg.packageManager) : null;
  return field !== null ? { name: field[1] === "yarn" ? yarnFlavour(root, field[2]) : field[1], source: `packageManager ${pkg.packageManager}`, lockfile: lock !== void 0, field: !0 } : lock !== void 0 ? { name: lock[1] === "yarn" ? yarnFlavour(root, void 0) : lock[1], source: lock[0], lockfile: !0, field: !1 } : { name: "npm", source: "no lockfile; npm assumed", lockfile: !1, field: !1 };
}
var ESLINT_FLAT = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"], ESLINTRC = [".eslintrc.js", ".eslintrc.cjs", ".eslintrc.yaml", ".eslintrc.yml", ".eslintrc.json", ".eslintrc"];
function detectLinters(root, pkg) {
  let found = [], first = (names) => names.find((name) => existsSync6(join11(root, name))), flat = first(ESLINT_FLAT);
  flat !== void 0 && found.push({ name: "eslint-flat", source: flat });
  let rc = first(ESLINTRC) ?? (pkg.eslintConfig !== void 0 ? 'package.json "eslintConfig"' : void 0);
  rc !== void 0 && found.push({ name: "eslintrc", source: rc });
  let biome = first(["biome.json", "biome.jsonc"]);
  biome !== void 0 && found.push({ name: "biome", source: biome });
  let oxlint = first([".oxlintrc.json"]);
  return oxlint !== void 0 && found.push({ name: "oxlint", source: oxlint }), found;
}
function hasDependency(pkg, name) {
  return [pkg.dependencies, pkg.devDependencies].some((deps) => deps != null && typeof deps == "object" && name in deps);
}
async function detectSetup(cwd) {
  let located = await locate(cwd), root = located.repo.root, notes = [], pkg = {};
  try {
    pkg = readPackageInfo(root);
  } catch (error) {
    notes.push(`${error.message}; detection went on without it`);
  }
  let runner = null;
  try {
    runner = detectRunner(root, pkg);
  } catch (error) {
    notes.push(`test runner: ${error.message}`);
  }
  let { location } = located, target = location.manager === "lefthook" ? location.file : location.dir, shown = relative4(root, target).split(sep4).join("/");
  return {
    root,
    packageManager: detectPackageManager(root, pkg),
    runner,
    linters: detectLinters(root, pkg),
    typescript: existsSync6(join11(root, "tsconfig.json")),
    hooks: { manager: location.manager, target: shown.startsWith("..") || shown === "" ? target : shown },
    proofgateInstalled: hasDependency(pkg, "proofgate"),
    notes
  };
}

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    typeof options == "function" ? (callback = options, options = {}) : "callback" in options && (callback = options.callback);
    let oldString = this.castInput(oldStr, options), newString = this.castInput(newStr, options), oldTokens = this.removeEmpty(this.tokenize(oldString, options)), newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    let done = (value) => {
      if (value = this.postProcess(value, options), callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return;
      } else
        return value;
    }, newLen = newTokens.length, oldLen = oldTokens.length, editLength = 1, maxEditLength = newLen + oldLen;
    options.maxEditLength != null && (maxEditLength = Math.min(maxEditLength, options.maxEditLength));
    let maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : 1 / 0, abortAfterTimestamp = Date.now() + maxExecutionTime, bestPath = [{ oldPos: -1, lastComponent: void 0 }], newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen)
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    let minDiagonalToConsider = -1 / 0, maxDiagonalToConsider = 1 / 0, execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath, removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        removePath && (bestPath[diagonalPath - 1] = void 0);
        let canAdd = !1;
        if (addPath) {
          let addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        let canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos ? basePath = this.addToPath(addPath, !0, !1, 0, options) : basePath = this.addToPath(removePath, !1, !0, 1, options), newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options), basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen)
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || !0;
        bestPath[diagonalPath] = basePath, basePath.oldPos + 1 >= oldLen && (maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1)), newPos + 1 >= newLen && (minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1));
      }
      editLength++;
    };
    if (callback)
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp)
            return callback(void 0);
          execEditLength() || exec();
        }, 0);
      })();
    else
      for (; editLength <= maxEditLength && Date.now() <= abortAfterTimestamp; ) {
        let ret = execEditLength();
        if (ret)
          return ret;
      }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    let last = path.lastComponent;
    return last && !options.oneChangePerToken && last.added === added && last.removed === removed ? {
      oldPos: path.oldPos + oldPosInc,
      lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
    } : {
      oldPos: path.oldPos + oldPosInc,
      lastComponent: { count: 1, added, removed, previousComponent: last }
    };
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    let newLen = newTokens.length, oldLen = oldTokens.length, oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    for (; newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options); )
      newPos++, oldPos++, commonCount++, options.oneChangePerToken && (basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: !1, removed: !1 });
    return commonCount && !options.oneChangePerToken && (basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: !1, removed: !1 }), basePath.oldPos = oldPos, newPos;
  }
  equals(left, right, options) {
    return options.comparator ? options.comparator(left, right) : left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
  }
  removeEmpty(array) {
    let ret = [];
    for (let i = 0; i < array.length; i++)
      array[i] && ret.push(array[i]);
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return !1;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    let components = [], nextComponent;
    for (; lastComponent; )
      components.push(lastComponent), nextComponent = lastComponent.previousComponent, delete lastComponent.previousComponent, lastComponent = nextComponent;
    components.reverse();
    let componentLen = components.length, componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      let component = components[componentPos];
      if (component.removed)
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count)), oldPos += component.count;
      else {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            let oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          }), component.value = this.join(value);
        } else
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        newPos += component.count, component.added || (oldPos += component.count);
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments), this.tokenize = tokenize;
  }
  equals(left, right, options) {
    return options.ignoreWhitespace ? ((!options.newlineIsToken || !left.includes(`
`)) && (left = left.trim()), (!options.newlineIsToken || !right.includes(`
`)) && (right = right.trim())) : options.ignoreNewlineAtEof && !options.newlineIsToken && (left.endsWith(`
`) && (left = left.slice(0, -1)), right.endsWith(`
`) && (right = right.slice(0, -1))), super.equals(left, right, options);
  }
}, lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  options.stripTrailingCr && (value = value.replace(/\r\n/g, `
`));
  let retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  linesAndNewlines[linesAndNewlines.length - 1] || linesAndNewlines.pop();
  for (let i = 0; i < linesAndNewlines.length; i++) {
    let line = linesAndNewlines[i];
    i % 2 && !options.newlineIsToken ? retLines[retLines.length - 1] += line : retLines.push(line);
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  options ? typeof options == "function" ? optionsObj = { callback: options } : optionsObj = options : optionsObj = {}, typeof optionsObj.context > "u" && (optionsObj.context = 4);
  let context = optionsObj.context;
  if (optionsObj.newlineIsToken)
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  if (optionsObj.callback) {
    let { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      let patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  } else
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  function diffLinesResultToPatch(diff) {
    if (!diff)
      return;
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    let hunks = [], oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      let current = diff[i], lines = current.lines || splitLines(current.value);
      if (current.lines = lines, current.added || current.removed) {
        if (!oldRangeStart) {
          let prev = diff[i - 1];
          oldRangeStart = oldLine, newRangeStart = newLine, prev && (curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [], oldRangeStart -= curRange.length, newRangeStart -= curRange.length);
        }
        for (let line of lines)
          curRange.push((current.added ? "+" : "-") + line);
        current.added ? newLine += lines.length : oldLine += lines.length;
      } else {
        if (oldRangeStart)
          if (lines.length <= context * 2 && i < diff.length - 2)
            for (let line of contextLines(lines))
              curRange.push(line);
          else {
            let contextSize = Math.min(lines.length, context);
            for (let line of contextLines(lines.slice(0, contextSize)))
              curRange.push(line);
            let hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk), oldRangeStart = 0, newRangeStart = 0, curRange = [];
          }
        oldLine += lines.length, newLine += lines.length;
      }
    }
    for (let hunk of hunks)
      for (let i = 0; i < hunk.lines.length; i++)
        hunk.lines[i].endsWith(`
`) ? hunk.lines[i] = hunk.lines[i].slice(0, -1) : (hunk.lines.splice(i + 1, 0, "\\ No newline at end of file"), i++);
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function splitLines(text) {
  let hasTrailingNl = text.endsWith(`
`), result = text.split(`
`).map((line) => line + `
`);
  return hasTrailingNl ? result.pop() : result.push(result.pop().slice(0, -1)), result;
}

// src/init/line-diff.ts
function range(start, count) {
  return count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`;
}
function unifiedDiff(path, oldText, newText, context = 3) {
  if (oldText === newText) return "";
  let patch = structuredPatch("a", "b", oldText ?? "", newText, "", "", { context }), out = [oldText === null ? "--- /dev/null" : `--- a/${path}`, `+++ b/${path}`];
  if (!patch.hunks.some((h) => h.lines.some((l) => !l.startsWith("\\") && (l.startsWith("-") || l.startsWith("+")))) || (oldText ?? "").replace(/\n$/, "") === newText.replace(/\n$/, ""))
    return out.push("(the files differ only in the newline at the end)"), out.join(`
`) + `
`;
  for (let hunk of patch.hunks)
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines.filter((l) => !l.startsWith("\\")));
  return out.join(`
`) + `
`;
}

// src/init/templates.ts
var PROOFGATE_SPEC = INSTALL_PROOFGATE.replace(/^npm install -D /, ""), LINTER_LABEL = {
  "eslint-flat": "ESLint, flat config",
  eslintrc: "ESLint, eslintrc",
  biome: "Biome",
  oxlint: "oxlint"
}, HOOK_LABEL = { husky: "husky", lefthook: "lefthook", "hooks-path": "core.hooksPath", git: "git hooks directory" };
function describeSetup(setup) {
  let pm = setup.packageManager;
  return [
    ["package manager", `${pm.name === "yarn-classic" ? "yarn 1" : pm.name} (${pm.source})`],
    ["test runner", setup.runner === null ? "none found (the tests gate skips)" : `${setup.runner.runner} (${setup.runner.source})`],
    ["linter", setup.linters.length === 0 ? "none found" : setup.linters.map((l) => `${LINTER_LABEL[l.name]} (${l.source})`).join(", ")],
    ["TypeScript", setup.typescript ? "tsconfig.json (static-analysis runs tsc)" : "no tsconfig.json"],
    ["git hooks", `${HOOK_LABEL[setup.hooks.manager]} (${setup.hooks.target})`]
  ];
}
function renderConfig(setup) {
  let detected = describeSetup(setup).map(([label, value]) => `#   ${`${label}:`.padEnd(17)}${value}`);
  return [
    `# proofgate configuration, written by \`proofgate init\` (proofgate ${VERSION}).`,
    "# Every key is optional and shown at its default; `npx proofgate config print` shows all of them,",
    "# docs/configuration.md explains each. The base branch's copy of this file is the one that applies",
    "# to a change: loosening it in a pull request needs a reviewer's approval.",
    "# yaml-language-server: $schema=node_modules/proofgate/schema/proofgate.schema.json",
    "#",
    "# Detected by proofgate init:",
    ...detected,
    "",
    "# Which findings count: those on the lines a change adds (pre-existing ones only inform).",
    "filter-mode: added",
    "",
    "gates:",
    "  # The repository's own linter and TypeScript, on the changed files.",
    "  static-analysis:",
    "    mode: blocking",
    `  # The test suite, run with the detected runner (${setup.runner === null ? "none found" : setup.runner.runner}); auto keeps detecting.`,
    "  tests:",
    "    mode: blocking",
    "    runner: auto",
    "  # Opt in to line coverage of the added lines.",
    "  coverage:",
    "    mode: off",
    "",
    "# Commands that must exit 0 on the tree under test, e.g.:",
    "# proof:",
    `#   - { name: build, run: ${runScript(setup.packageManager.name)} build, timeout: 300 }`,
    "proof: []",
    "",
    "hooks:",
    "  pre-push:",
    "    tags: false",
    ""
  ].join(`
`);
}
function runScript(pm) {
  return pm === "npm" ? "npm run" : pm === "yarn-classic" ? "yarn" : pm;
}
function installSteps(setup) {
  let node = ["      - uses: actions/setup-node@v5", "        with: { node-version: 24 }"], { name, lockfile, field } = setup.packageManager;
  switch (name) {
    case "pnpm":
      return [
        "      - uses: pnpm/action-setup@v4",
        // Without a packageManager field the action needs the version; 10 is an assumption to check.
        ...field ? [] : ['        with: { version: 10 }   # or set "packageManager" in package.json'],
        ...node,
        `      - run: pnpm install${lockfile ? " --frozen-lockfile" : ""}`
      ];
    case "yarn":
      return [...node, "      - run: corepack enable", `      - run: yarn install${lockfile ? " --immutable" : ""}`];
    case "yarn-classic":
      return [...node, `      - run: yarn install${lockfile ? " --frozen-lockfile" : ""}`];
    case "bun":
      return [...node, "      - uses: oven-sh/setup-bun@v2", `      - run: bun install${lockfile ? " --frozen-lockfile" : ""}`];
    case "npm":
      return [...node, `      - run: ${lockfile ? "npm ci" : "npm install"}`];
  }
}
function renderWorkflow(setup) {
  return [
    `# Written by \`proofgate init\` (proofgate ${VERSION}); docs/action.md has every input and output.`,
    "name: proofgate",
    "on: pull_request",
    "permissions:",
    "  contents: read",
    "  checks: write          # the check run",
    "  pull-requests: write   # the sticky comment, and reading reviews (approvals)",
    "jobs:",
    "  proofgate:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v5",
    "        with:",
    "          fetch-depth: 0   # the whole history: the base and the merge-base are there",
    "      # The repository's own linter and test runner come from its dependencies.",
    ...installSteps(setup),
    "      - uses: proofgate/proofgate@v0",
    "        id: proofgate",
    ""
  ].join(`
`);
}
var GITIGNORE_LINES = [
  `${STATE_DIR_NAME}/*`,
  // `.proofgate/*` ignores `.proofgate/checklist/` itself: re-including the directory brings its held-out.json back.
  ...COMMITTED_STATE_FILES.map((name) => name.includes("/") ? `!${STATE_DIR_NAME}/${name.slice(0, name.indexOf("/"))}/` : `!${STATE_DIR_NAME}/${name}`)
], GITIGNORE_HEADER = "# proofgate: run state is never committed; waivers, checklist and counter-evidence are";
function addCommand(pm) {
  switch (pm) {
    case "pnpm":
      return `pnpm add -D ${PROOFGATE_SPEC}`;
    case "yarn":
    case "yarn-classic":
      return `yarn add -D ${PROOFGATE_SPEC}`;
    case "bun":
      return `bun add -d ${PROOFGATE_SPEC}`;
    case "npm":
      return `npm install -D ${PROOFGATE_SPEC}`;
  }
}

// src/init/write.ts
import { constants as constants2 } from "node:fs";
import { lstat as lstat2, mkdir as mkdir2, open } from "node:fs/promises";
import { join as join12 } from "node:path";
function unsafe(rel, what) {
  return new ProofgateError("PG_INIT_UNSAFE", `proofgate init manages ${rel}, and ${what}; it wrote nothing.`, {
    hint: `replace ${rel} with a regular file in the repository (or remove it), then run proofgate init again; proofgate never writes through a symbolic link`
  });
}
async function readManaged(root, rel) {
  let read = await readRealFile(root, join12(root, ...rel.split("/")));
  switch (read.kind) {
    case "missing":
      return null;
    case "file":
      return read.text;
    case "symlink":
      throw unsafe(rel, read.via === void 0 ? "it is a symbolic link" : `${read.via} on its way is a symbolic link`);
    case "not-a-file":
      throw unsafe(rel, "it is not a regular file");
    case "unreadable":
      throw unsafe(rel, `it cannot be read (${read.reason})`);
  }
}
async function ensureParents(root, rel) {
  let parts = rel.split("/").slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    let dir = join12(root, ...parts.slice(0, i)), shown = parts.slice(0, i).join("/"), stats = await lstat2(dir).catch((error) => error.code === "ENOENT" ? null : Promise.reject(error));
    if (stats === null && (await mkdir2(dir).catch((error) => error.code === "EEXIST" ? void 0 : Promise.reject(error)), stats = await lstat2(dir)), stats.isSymbolicLink()) throw unsafe(rel, `${shown} on its way is a symbolic link`);
    if (!stats.isDirectory()) throw unsafe(rel, `${shown} on its way is not a directory`);
  }
}
async function createManaged(root, rel, text) {
  await ensureParents(root, rel);
  let flags = constants2.O_WRONLY | constants2.O_CREAT | constants2.O_EXCL | (constants2.O_NOFOLLOW ?? 0), handle = await open(join12(root, ...rel.split("/")), flags, 420).catch(
    (error) => Promise.reject(error.code === "EEXIST" || error.code === "ELOOP" ? unsafe(rel, "it appeared while init was running") : error)
  );
  try {
    await handle.writeFile(text, "utf8");
  } finally {
    await handle.close();
  }
}
async function appendManaged(root, rel, text) {
  let flags = constants2.O_WRONLY | constants2.O_APPEND | (constants2.O_NOFOLLOW ?? 0), handle = await open(join12(root, ...rel.split("/")), flags).catch(
    (error) => Promise.reject(error.code === "ELOOP" ? unsafe(rel, "it is a symbolic link") : error)
  );
  try {
    await handle.writeFile(text, "utf8");
  } finally {
    await handle.close();
  }
}

// src/init/init.ts
var WORKFLOW_FILE = ".github/workflows/proofgate.yml";
async function planWhole(root, file, text) {
  let current = await readManaged(root, file);
  return current === null ? { file, action: "create", text } : current === text ? { file, action: "unchanged" } : { file, action: "differs", diff: unifiedDiff(file, current, text) };
}
var WHOLE_DIR = /^\/?\.proofgate\/?$/;
async function planGitignore(root, notes) {
  let current = await readManaged(root, ".gitignore"), lines = (current ?? "").split(`
`).map((l) => l.trim()), whole = lines.findIndex((l) => WHOLE_DIR.test(l));
  if (whole >= 0)
    return notes.push(
      `.gitignore line ${whole + 1} ignores all of .proofgate/, so .proofgate/waivers.yml cannot be committed; replace it with ${GITIGNORE_LINES.join(" ")} when you add waivers`
    ), { file: ".gitignore", action: "unchanged" };
  let missing = GITIGNORE_LINES.filter((line) => !lines.includes(line));
  if (missing.length === 0) return { file: ".gitignore", action: "unchanged" };
  let block = [GITIGNORE_HEADER, ...missing].join(`
`) + `
`;
  return current === null ? { file: ".gitignore", action: "create", text: block } : { file: ".gitignore", action: "append", text: (current === "" || current.endsWith(`
`) ? "" : `
`) + block, lines: missing.length + 1 };
}
async function runInit(cwd, options) {
  let setup = await detectSetup(cwd), { root } = setup, notes = [...setup.notes], configFile = CONFIG_FILE_NAMES.find((name) => existsSync7(join13(root, name))) ?? CONFIG_FILE_NAMES[0], files = [
    await planWhole(root, configFile, renderConfig(setup)),
    await planGitignore(root, notes),
    await planWhole(root, WORKFLOW_FILE, renderWorkflow(setup))
  ], hookInstalled = (await checkHooks(cwd, options.env)).hooks.some((h) => h.hook === "pre-push" && h.installed);
  if (options.dryRun) return { setup, files, hook: null, hookInstalled, notes };
  for (let step of files)
    step.action === "create" && await createManaged(root, step.file, step.text), step.action === "append" && await appendManaged(root, step.file, step.text);
  let hook = await installHooks(cwd, ["pre-push"]);
  return { setup, files, hook, hookInstalled, notes };
}
var WHERE = { husky: "husky", lefthook: "lefthook", "hooks-path": "core.hooksPath", git: "git hooks directory" };
function fileLines(step, dryRun) {
  let would = (done, planned) => dryRun ? planned : done;
  switch (step.action) {
    case "create":
      return [`${would("created", "would create")} ${step.file}`, ...dryRun ? [unifiedDiff(step.file, null, step.text).trimEnd()] : []];
    case "append":
      return [
        `${would("added", "would add")} ${step.lines} lines to ${step.file}`,
        ...dryRun ? step.text.replace(/^\n/, "").trimEnd().split(`
`).map((l) => `+${l}`) : []
      ];
    case "unchanged":
      return [`${step.file} is already set up`];
    case "differs":
      return [`left ${step.file} alone: it exists and differs from what init writes; the change it would make:`, step.diff.trimEnd()];
  }
}
function hookLines(result, dryRun) {
  let { setup } = result;
  if (dryRun)
    return [
      result.hookInstalled ? `pre-push: already installed (${WHERE[setup.hooks.manager]})` : `pre-push: would install through ${WHERE[setup.hooks.manager]} (${setup.hooks.target}), as proofgate install does`
    ];
  let hook = result.hook, shown = (file) => {
    let rel = relative5(setup.root, file);
    return rel.startsWith("..") ? file : rel.split(sep5).join("/");
  };
  return [
    ...hook.changes.map((c) => `${c.hook}: ${c.action} ${shown(c.file)} (${WHERE[hook.manager]})${c.detail === void 0 ? "" : `: ${c.detail}`}`),
    ...hook.notes.map((n) => `note: ${n}`)
  ];
}
function nothingToDo(result) {
  return (result.hook === null ? result.hookInstalled : result.hook.changes.every((c) => c.action === "unchanged")) && result.files.every((f) => f.action === "unchanged");
}
function formatInit(result, dryRun) {
  let prefix = (line) => `proofgate init - ${line}`, out = [prefix(`detected in ${result.setup.root}:`), ...describeSetup(result.setup).map(([label, value]) => `  ${label.padEnd(17)}${value}`)];
  for (let step of result.files) {
    let [first = "", ...rest] = fileLines(step, dryRun);
    out.push(prefix(first), ...rest);
  }
  if (out.push(...hookLines(result, dryRun).map(prefix), ...result.notes.map((n) => prefix(`note: ${n}`))), nothingToDo(result))
    return out.push(prefix("nothing to do: proofgate is already set up here")), out.join(`
`) + `
`;
  let touched = result.files.filter((f) => f.action === "create" || f.action === "append").map((f) => f.file), hook = result.hook;
  if (hook !== null && (hook.manager === "husky" || hook.manager === "lefthook"))
    for (let change of hook.changes) change.action !== "unchanged" && touched.push(relative5(result.setup.root, change.file).split(sep5).join("/"));
  dryRun && out.push(prefix("dry run: nothing was written; run proofgate init to do the above"));
  let steps = [
    ...result.setup.proofgateInstalled ? [] : [`add proofgate to devDependencies: ${addCommand(result.setup.packageManager.name)}`],
    ...touched.length === 0 ? [] : [`commit ${dryRun ? "them" : "what init wrote"}: git add ${touched.join(" ")} && git commit -m "Add proofgate"`],
    "push: the pre-push hook runs proofgate first, and pull requests get the proofgate check"
  ];
  return out.push(prefix("next:"), ...steps.map((s, i) => `  ${i + 1}. ${s}`)), out.join(`
`) + `
`;
}

// src/cli/main.ts
function helpEntry(name, text) {
  let lines = [], line = "";
  for (let word of text.split(" "))
    line !== "" && 22 + line.length + 1 + word.length > 90 ? (lines.push(line), line = word) : line = line === "" ? word : `${line} ${word}`;
  return [...lines, line].map((l, i) => `${i === 0 ? `  ${name.padEnd(20)}` : " ".repeat(22)}${l}`).join(`
`);
}
var USAGE = `Usage: proofgate <command> [options]

Commands:
  run                 Run the gates on the change set and print a verdict (the default)
${helpEntry(
  "scan [--all]",
  `Run the gates that can read the whole repository (${GATES.filter((g) => g.meta.scansAll === !0).map((g) => g.id).join(", ")}) on the change set, or with --all on every test file, source file, package and Markdown file`
)}
  start               Record the run-start commit and time in .proofgate/run-start.json, and
                      the scope lock (config with --config FILE and env overrides, proof
                      commands) in .proofgate/scope.json; the proof gate reports changes to it
  init [--dry-run]    Set proofgate up once: .proofgate.yml, the .gitignore lines, the pre-push
                      hook and .github/workflows/proofgate.yml for the detected setup; never
                      overwrites (prints the diff instead); --dry-run writes nothing
  install [HOOK...]   Install git hooks: pre-push (the default) and/or pre-commit, through
                      husky, lefthook, core.hooksPath or .git/hooks; existing hooks are chained
  install --check     Tell whether the hooks are installed and would run (exit 1 when not)
  uninstall           Remove exactly what install added
  hook HOOK [ARGS]    What the hooks run: pre-push (reads git's ref lines on stdin) or
                      pre-commit (the staged content); PROOFGATE_SKIP=1 skips, recorded
  config schema       Print the JSON Schema of .proofgate.yml (for editors)
  config print        Print the resolved configuration, defaults included
  history             Attempts per change, first-attempt pass rate, recurring failures and the
                      files most involved, from the journal (--branch B, --since DATE)
  health              The gate's own health over --window-hours (default 24): run volume,
                      blocked ratio and drift, gate error rates, skips, stale waivers
  doctor              Check that the loop is closed: hook, pull-request workflow, required
                      check, tests that ran, config, a run in the last 7 days (exit 1 when not)
  checklist           List the visible items of .proofgate/checklist.yml and their last status
  release [--tag TAG] Run every gate from the previous release tag (else the root commit) to
                      TAG (else HEAD), with the checklist's held-out items; writes
                      .proofgate/release-report.json

Options for run and scan:
  --base REV          Compare against REV (base.source: explicit)
  --head REV          Check the commit REV instead of HEAD plus the working tree
  --gates a,b         Run only these gates (${GATES.map((g) => g.id).join(", ")})
  --filter-mode MODE  added (default) | diff_context | file | nofilter
  --fail-on SEVERITY  Lowest severity that blocks: critical | high (default) | medium | low | info
  --format FORMAT     terminal (default) | json | sarif | html (one self-contained page);
                      doctor, history, health: terminal | json
  --output FILE       Write the report to FILE instead of stdout
  --strict-warnings   Exit 2 when the worst finding is medium (verdict warn); health: when a
                      check warns
  --config FILE       Config file relative to the repository root (default .proofgate.yml)
  --max-findings N    Print at most N findings on the terminal, then how many more
  --verbose           Print each gate's decisions and phase timings to stderr
  --all               scan only: the whole repository, not the change set
  --check             install only: check the installed hooks instead of installing
  --dry-run           init only: print what init would do, write nothing
  --tag TAG           release only: the tag to release (default HEAD)
  --checklist-file F  release only: an external checklist, every item held out, never
                      written to the repository (or PROOFGATE_CHECKLIST_FILE)

  -h, --help          Show this help
  -v, --version       Print the version

Exit codes: 0 pass \xB7 1 blocked \xB7 2 warnings failed under --strict-warnings \xB7
            64 usage error \xB7 70 internal error \xB7 74 output failed \xB7
            75 try again (state locked) \xB7 78 configuration error
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
  "max-findings": { type: "string" },
  verbose: { type: "boolean" },
  check: { type: "boolean" },
  branch: { type: "string" },
  since: { type: "string" },
  "window-hours": { type: "string" },
  "dry-run": { type: "boolean" },
  tag: { type: "string" },
  "checklist-file": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" }
};
function usageError(message) {
  return new ProofgateError("PG_USAGE", message, { hint: "proofgate --help lists commands and options" });
}
function parseArgsMessage(error) {
  let code = error?.code, message = error instanceof Error ? error.message : String(error), option = /'(-{1,2}[^\s']+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option !== void 0) return `unknown option '${option}'; see proofgate --help`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option !== void 0) {
    let name = option.replace(/^-+/, "");
    return OPTIONS[name]?.type === "string" ? `option '${option}' needs a value: ${option} VALUE; see proofgate --help` : `option '${option}' takes no value; see proofgate --help`;
  }
  return `${message.replace(/\.$/, "")}; see proofgate --help`;
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
    if (!GATES.some((g) => g.id === id))
      throw usageError(`The ${id} gate is not available in proofgate ${VERSION} yet; available: ${GATES.map((g) => g.id).join(", ")}.`);
  }
  return ids;
}
function toSettings(values, io) {
  let format = oneOf("--format", values.format, ["terminal", "json", "sarif", "html"]) ?? "terminal", filterMode = oneOf("--filter-mode", values["filter-mode"], FILTER_MODES), failOn = oneOf("--fail-on", values["fail-on"], SEVERITIES), gates = parseGates(values.gates);
  for (let name of ["base", "head"]) {
    let rev = values[name];
    if (rev !== void 0 && (rev === "" || rev.startsWith("-"))) throw usageError(`Invalid --${name} '${rev}': expected a commit, branch or tag.`);
    if (rev !== void 0 && rev.includes(".."))
      throw usageError(`Invalid --${name} '${rev}': expected one commit, branch or tag, not a range; pass the ends separately: --base A --head B.`);
  }
  if (values.output === "") throw usageError("Invalid --output '': expected a file path.");
  if (values.config === "") throw usageError("Invalid --config '': expected a file path relative to the repository root.");
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
function terminalOptions(values) {
  let raw = values["max-findings"];
  if (raw === void 0) return {};
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw usageError(`Invalid --max-findings '${raw}': expected a positive whole number.`);
  return { maxFindings: Number(raw) };
}
async function commandRun(values, io, scan = !1) {
  let { format, output, ...parsed } = toSettings(values, io);
  if (values.all === !0 && !scan) throw usageError("--all belongs to scan: proofgate scan --all.");
  let outputFile = output === void 0 ? void 0 : resolve2(io.cwd, output);
  outputFile !== void 0 && await planOutput(outputFile);
  let scope = scan && values.all === !0 ? "all" : "changes", settings = {
    ...parsed,
    // A scan of every file needs no base; HEAD keeps the change set to the working tree.
    ...scope === "all" && parsed.base === void 0 ? { base: "HEAD", baseSource: "scan" } : {},
    ...scan ? { scope, gates: parsed.gates ?? GATES.filter((g) => g.meta.scansAll === !0).map((g) => g.id) } : {}
  };
  if (scan && (settings.gates ?? []).some((id) => GATES.find((g) => g.id === id)?.meta.scansAll !== !0))
    throw usageError(
      `scan runs only ${GATES.filter((g) => g.meta.scansAll === !0).map((g) => g.id).join(", ")}; use run for the other gates.`
    );
  let { reporters, chunks } = reportersFor(format, output, values, io);
  reporters.push(nextReporter());
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
  return outputFile !== void 0 && await writeOutput(outputFile, chunks.join("")), result.exitCode;
}
function reportersFor(format, output, values, io) {
  let chunks = [], sink = output === void 0 ? (text) => {
    io.stdout.write(text);
  } : (text) => {
    chunks.push(text);
  }, reporters = [
    // Progress on stderr, first so its live lines are erased before the report; never beside JSON or SARIF.
    ...format === "terminal" ? [progressReporter({ write: (t) => {
      io.stderr.write(t);
    }, live: liveProgress(io.stderr, io.env), prefix: "proofgate: " })] : [],
    format === "json" ? jsonReporter(sink) : format === "sarif" ? sarifReporter(sink) : format === "html" ? htmlReporter(sink) : terminalReporter(sink, output === void 0 && useColour(io.stdout, io.env), terminalOptions(values))
  ];
  return output !== void 0 && format !== "terminal" && reporters.push(terminalReporter((t) => {
    io.stdout.write(t);
  }, useColour(io.stdout, io.env), terminalOptions(values))), { reporters, chunks };
}
async function commandRelease(values, io) {
  for (let name of ["base", "head", "gates", "all"])
    if (values[name] !== void 0)
      throw usageError(`--${name} does not apply to release: the range is the previous release tag (else the root commit) to --tag (else HEAD).`);
  if (values.tag !== void 0 && (values.tag === "" || values.tag.startsWith("-") || values.tag.includes("..")))
    throw usageError(`Invalid --tag '${values.tag}': expected the name of a local tag.`);
  if (values["checklist-file"] === "") throw usageError("Invalid --checklist-file '': expected a file path.");
  let { format, output, base: _base, head: _head, ...parsed } = toSettings(values, io), outputFile = output === void 0 ? void 0 : resolve2(io.cwd, output);
  outputFile !== void 0 && await planOutput(outputFile);
  let { reporters, chunks } = reportersFor(format, output, values, io), result = await runRelease({
    ...parsed,
    ...values.tag === void 0 ? {} : { tag: values.tag },
    ...values["checklist-file"] === void 0 ? {} : { checklistFile: values["checklist-file"] },
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
  return outputFile !== void 0 && await writeOutput(outputFile, chunks.join("")), result.exitCode;
}
async function commandChecklist(values, io) {
  let format = oneOf("--format", values.format, ["terminal", "json"]) ?? "terminal", { listing, warnings } = await listChecklist(io.cwd, { env: io.env, ...values.config === void 0 ? {} : { configFile: values.config } });
  for (let warning of warnings) io.stderr.write(`proofgate: warning: ${warning}
`);
  return io.stdout.write(format === "json" ? JSON.stringify(listing, null, 2) + `
` : renderChecklist(listing)), ExitCode.pass;
}
async function commandStart(values, io) {
  let repo = await openRepository(io.cwd), loaded = await loadConfig(repo.root, { ...values.config === void 0 ? {} : { file: values.config }, env: io.env });
  await checkStateDirectory(repo.root, await trackedStatePaths(repo));
  let { root, sha, branch, startedAt } = await recordRunStart(io.cwd), scope = await recordScope(stateDir(root), { sha, configFile: loaded.file, config: loaded.config });
  return await appendEvents(stateDir(root), [
    { runId: "start", type: "run-start-recorded", sha, ...branch === void 0 ? {} : { branch } },
    {
      runId: "start",
      type: "scope-recorded",
      sha,
      configFile: scope.configFile,
      configHash: scope.configHash,
      proofHash: scope.proofHash,
      proofCommands: scope.proof.length
    }
  ]), io.stdout.write(`proofgate - run start recorded: ${sha.slice(0, 12)}${branch === void 0 ? " (detached)" : ` on ${branch}`} at ${startedAt}
`), io.stdout.write(
    `proofgate - scope recorded in .proofgate/scope.json: ${scope.configFile ?? "default configuration"} (${scope.configHash.slice(0, 12)}), ${scope.proof.length} proof command${scope.proof.length === 1 ? "" : "s"}
`
  ), io.stdout.write(`proofgate - later runs compare against it (base.source: run-start) until you run proofgate start again
`), ExitCode.pass;
}
async function commandConfig(sub, values, io) {
  if (sub === "schema")
    return io.stdout.write(JSON.stringify(configJsonSchema(), null, 2) + `
`), ExitCode.pass;
  if (sub === "print") {
    let repo = await openRepository(io.cwd), loaded = await loadConfig(repo.root, { ...values.config === void 0 ? {} : { file: values.config }, env: io.env });
    return io.stdout.write(`# resolved from ${loaded.file ?? "defaults (no .proofgate.yml)"}
`), io.stdout.write((0, import_yaml3.stringify)(loaded.config)), ExitCode.pass;
  }
  throw usageError(`Unknown config command '${sub ?? ""}': expected schema or print.`);
}
function printInstall(result, io) {
  let where = { husky: "husky", lefthook: "lefthook", "hooks-path": "core.hooksPath", git: "git hooks directory" }[result.manager];
  for (let change of result.changes)
    io.stdout.write(`proofgate - ${change.hook}: ${change.action} ${change.file} (${where})${change.detail === void 0 ? "" : `: ${change.detail}`}
`);
  for (let note of result.notes) io.stdout.write(`proofgate - note: ${note}
`);
}
async function commandInstall(rest, values, io) {
  for (let name of rest)
    if (!HOOK_NAMES.includes(name)) throw usageError(`Unknown hook '${name}': expected ${HOOK_NAMES.join(" or ")}.`);
  if (values.check === !0) {
    if (rest.length > 0) throw usageError("install --check checks every hook; it takes no hook names.");
    let report = await checkHooks(io.cwd, io.env);
    for (let hook of report.hooks) {
      let state = hook.installed ? hook.working ? "installed and working" : "installed but not working" : "not installed";
      io.stdout.write(`proofgate - ${hook.hook}: ${state} (${hook.file})
`);
      for (let problem of hook.problems) io.stdout.write(`proofgate -   ${problem}
`);
    }
    for (let note of report.notes) io.stdout.write(`proofgate - note: ${note}
`);
    return report.ok ? ExitCode.pass : ExitCode.blocked;
  }
  let hooks = rest.length === 0 ? ["pre-push"] : rest;
  return printInstall(await installHooks(io.cwd, hooks), io), ExitCode.pass;
}
async function commandDoctor(values, io) {
  let format = oneOf("--format", values.format, ["terminal", "json"]) ?? "terminal", repo = await openRepository(io.cwd), report = await runDoctor({ root: repo.root, env: io.env, ...values.config === void 0 ? {} : { configFile: values.config } });
  return io.stdout.write(format === "json" ? JSON.stringify(report, null, 2) + `
` : renderDoctor(report)), report.ok ? ExitCode.pass : ExitCode.blocked;
}
async function commandHistory(values, io) {
  let format = oneOf("--format", values.format, ["terminal", "json"]) ?? "terminal", since = values.since === void 0 ? void 0 : Date.parse(values.since);
  if (since !== void 0 && Number.isNaN(since))
    throw usageError(`Invalid --since '${values.since}': expected a date such as 2026-12-01 or 2026-12-01T08:00:00Z.`);
  if (values.branch === "") throw usageError("Invalid --branch '': expected a branch name.");
  let journal = await readJournalRuns((await openRepository(io.cwd)).root);
  for (let warning of journal.warnings) io.stderr.write(`proofgate: warning: ${warning}
`);
  let report = buildHistory(journal, { ...values.branch === void 0 ? {} : { branch: values.branch }, ...since === void 0 ? {} : { since } });
  return io.stdout.write(format === "json" ? JSON.stringify(report, null, 2) + `
` : renderHistory(report)), ExitCode.pass;
}
async function commandHealth(values, io) {
  let format = oneOf("--format", values.format, ["terminal", "json"]) ?? "terminal", root = (await openRepository(io.cwd)).root, health = (await loadConfig(root, { ...values.config === void 0 ? {} : { file: values.config }, env: io.env })).config.loop.health, hours = values["window-hours"] === void 0 ? health["window-hours"] : Number(values["window-hours"]);
  if (!Number.isFinite(hours) || hours <= 0) throw usageError(`Invalid --window-hours '${values["window-hours"]}': expected a positive number of hours.`);
  let journal = await readJournalRuns(root);
  for (let warning of journal.warnings) io.stderr.write(`proofgate: warning: ${warning}
`);
  let report = buildHealth(journal, /* @__PURE__ */ new Date(), hours, thresholdsOf(health));
  return io.stdout.write(format === "json" ? JSON.stringify(report, null, 2) + `
` : renderHealth(report)), !report.healthy && values["strict-warnings"] === !0 ? ExitCode.warningsFailed : ExitCode.pass;
}
async function commandUninstall(io) {
  return printInstall(await uninstallHooks(io.cwd), io), ExitCode.pass;
}
async function main(argv, io) {
  let errors = io.stderr;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: !0, strict: !0 });
    } catch (error) {
      throw usageError(parseArgsMessage(error));
    }
    let { values, positionals } = parsed;
    if (values.version === !0)
      return io.stdout.write(`${VERSION}
`), ExitCode.pass;
    let [command = "run", ...rest] = positionals;
    if (values.check === !0 && command !== "install") throw usageError("--check belongs to install: proofgate install --check.");
    if ((values.tag !== void 0 || values["checklist-file"] !== void 0) && command !== "release")
      throw usageError(`--${values.tag !== void 0 ? "tag" : "checklist-file"} belongs to release: proofgate release --tag TAG.`);
    if (values["dry-run"] === !0 && command !== "init") throw usageError("--dry-run belongs to init: proofgate init --dry-run.");
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
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for start.`);
        return await commandStart(values, io);
      case "config":
        return await commandConfig(rest[0], values, io);
      case "hook": {
        let [name, ...hookArgs] = rest;
        if (name !== "pre-push" && name !== "pre-commit") throw usageError(`Unknown hook '${name ?? ""}': expected pre-push or pre-commit.`);
        return errors = prefixLines((t) => io.stderr.write(t)), await runHook(name, hookArgs, { ...io, readStdin: io.readStdin ?? (() => Promise.resolve("")) });
      }
      case "init": {
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for init.`);
        let dryRun = values["dry-run"] === !0;
        return io.stdout.write(formatInit(await runInit(io.cwd, { dryRun, env: io.env }), dryRun)), ExitCode.pass;
      }
      case "install":
        return await commandInstall(rest, values, io);
      case "history":
      case "health":
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for ${command}.`);
        return command === "history" ? await commandHistory(values, io) : await commandHealth(values, io);
      case "doctor":
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for doctor.`);
        return await commandDoctor(values, io);
      case "checklist":
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for checklist.`);
        return await commandChecklist(values, io);
      case "release":
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for release: pass the tag as --tag ${rest[0]}.`);
        return await commandRelease(values, io);
      case "uninstall":
        if (rest.length > 0) throw usageError(`Unexpected argument '${rest[0]}' for uninstall: it removes every hook install added.`);
        return await commandUninstall(io);
      default:
        throw usageError(`Unknown command '${command}'.`);
    }
  } catch (error) {
    if (error instanceof ProofgateError)
      return errors.write(formatError(error) + `
`), errors.flush?.(), error.exitCode;
    let detail = error instanceof Error ? error.stack ?? error.message : String(error);
    return errors.write(`proofgate: internal error: ${detail}
  hint: this is a bug in proofgate; please report it with the output above
`), errors.flush?.(), ExitCode.internal;
  }
}
export {
  USAGE,
  main,
  parseArgsMessage,
  toSettings
};
