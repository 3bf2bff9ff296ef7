import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);

// src/gates/static-analysis/eslint-worker.ts
import nodeModule from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
var exit = process.exit.bind(process), stringify = JSON.stringify, writeStdout = process.stdout.write.bind(process.stdout);
async function loadEslint(entry, root) {
  let imported = await import(pathToFileURL(entry).href), mod = imported.ESLint === void 0 && imported.default !== void 0 ? imported.default : imported, ESLint = mod.ESLint;
  if (ESLint === void 0) throw new Error(`ESLint at ${entry} exports no ESLint class`);
  if (!(Number.parseInt(String(ESLint.version), 10) < 9)) return { ESLint, mode: "flat" };
  if (mod.loadESLint === void 0) return { ESLint, mode: "eslintrc" };
  let chosen = await mod.loadESLint(root === void 0 ? {} : { cwd: root });
  return { ESLint: chosen, mode: chosen === ESLint ? "eslintrc" : "flat" };
}
function readRequest() {
  return new Promise((resolve, reject) => {
    let text = "", onData = (chunk) => {
      text += chunk;
      let end = text.indexOf(`
`);
      if (!(end < 0)) {
        process.stdin.off("data", onData), process.stdin.pause();
        try {
          resolve(JSON.parse(text.slice(0, end)));
        } catch (error) {
          reject(error);
        }
      }
    };
    process.stdin.setEncoding("utf8"), process.stdin.on("data", onData), process.stdin.on("end", () => reject(new Error("stdin closed before a request arrived")));
  });
}
async function findConfigs(eslint, paths) {
  let byDirectory = /* @__PURE__ */ new Map(), configs = {};
  return await Promise.all(
    paths.map(async (file) => {
      let found = byDirectory.get(dirname(file));
      found === void 0 && (found = eslint.findConfigFile(file).catch(() => {
      }), byDirectory.set(dirname(file), found)), configs[file] = await found ?? null;
    })
  ), configs;
}
var ESLINTRC = "eslintrc";
async function eslintrcConfigs(eslint, paths) {
  let configs = {}, ignored = /* @__PURE__ */ new Set();
  for (let file of paths) {
    if (await eslint.isPathIgnored(file)) {
      ignored.add(file), configs[file] = ESLINTRC;
      continue;
    }
    try {
      await eslint.calculateConfigForFile(file), configs[file] = ESLINTRC;
    } catch (error) {
      if (error.messageTemplate !== "no-config-found") throw error;
      configs[file] = null;
    }
  }
  return { configs, ignored };
}
function pick(m) {
  let out = { ruleId: m.ruleId ?? null, severity: m.severity, message: String(m.message) };
  for (let key of ["messageId", "fatal", "line", "column", "endLine", "endColumn"])
    m[key] !== void 0 && (out[key] = m[key]);
  return out;
}
var MIN_MAJOR = 8;
async function lint({ ESLint, mode }, request) {
  let version = String(ESLint.version);
  if (!(Number.parseInt(version, 10) >= MIN_MAJOR)) return { ok: !0, version, mode, configs: {}, results: [], fromTree: 0, docs: {} };
  let eslint = new ESLint({
    cwd: request.cwd,
    cache: !0,
    cacheLocation: request.cacheLocation,
    // Content hashes, not mtimes: checkouts and rebases touch mtimes without changing files.
    cacheStrategy: "content",
    errorOnUnmatchedPattern: !1,
    // Files the config ignores (or has no config block for) are silently left out, not warned.
    // The eslintrc class has no such option (ignored files are left out by isPathIgnored).
    ...mode === "flat" ? { warnIgnored: !1 } : {},
    // Changed paths are literal; `src/[id].ts` must not be read as a glob.
    globInputPaths: !1
  }), paths = [...request.files, ...request.texts.map((t) => t.filePath)], configs, ignored = /* @__PURE__ */ new Set();
  if (mode === "flat") configs = await findConfigs(eslint, paths);
  else
    try {
      ({ configs, ignored } = await eslintrcConfigs(eslint, paths));
    } catch (error) {
      return configs = Object.fromEntries(paths.map((p) => [p, ESLINTRC])), { ok: !1, stage: "lint", version, mode, configs, error: error instanceof Error ? error.message : String(error) };
    }
  let files = request.files.filter((f) => configs[f] !== null && !ignored.has(f)), texts = request.texts.filter((t) => configs[t.filePath] !== null && t.text !== null && !ignored.has(t.filePath)), results = [], fromTree = 0;
  try {
    files.length > 0 && results.push(...await eslint.lintFiles(files));
    for (let t of texts) {
      let linted = await eslint.lintText(t.text, { filePath: t.filePath, warnIgnored: !1 });
      fromTree += linted.length, results.push(...linted);
    }
  } catch (error) {
    return { ok: !1, stage: "lint", version, mode, configs, error: error instanceof Error ? error.message : String(error) };
  }
  let meta = eslint.getRulesMetaForResults(results), docs = {};
  for (let m of results.flatMap((r) => r.messages)) {
    let url = m.ruleId === null ? void 0 : meta[m.ruleId]?.docs?.url;
    m.ruleId !== null && typeof url == "string" && (docs[m.ruleId] = url);
  }
  return { ok: !0, version, mode, configs, results: results.map((r) => ({ filePath: r.filePath, messages: r.messages.map(pick) })), fromTree, docs };
}
function asciiJson(value) {
  return stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
async function preloadConfig({ ESLint, mode }, root) {
  mode !== "flat" || !(Number.parseInt(String(ESLint.version), 10) >= 9) || await new ESLint({ cwd: root }).calculateConfigForFile(join(root, "proofgate-warm-up.js"));
}
async function main() {
  nodeModule.enableCompileCache?.();
  let [entry, root] = process.argv.slice(2), loading = entry === void 0 ? Promise.reject(new Error("no ESLint entry given")) : loadEslint(entry, root);
  loading.catch(() => {
  });
  let preloading = root === void 0 ? Promise.resolve() : loading.then((loaded) => preloadConfig(loaded, root)).catch(() => {
  }), request = await readRequest(), response;
  try {
    let loaded = await loading;
    await preloading, response = await lint(loaded, request);
  } catch (error) {
    response = { ok: !1, stage: "load", error: error instanceof Error ? error.message : String(error) };
  }
  writeStdout(`
${request.begin}
${asciiJson(response)}
${request.end}
`, () => exit(0));
}
main().catch((error) => {
  process.stderr.write(`proofgate eslint worker: ${error instanceof Error ? error.message : String(error)}
`), exit(3);
});
