// Generates everything derived from action.yml and the gate registry (src/gates/index.ts), so
// nothing about a gate is written by hand twice (as actions/checkout's generate-docs does for
// its usage block). `node scripts/generate-docs.mjs` rewrites the files below; `--check` exits 1
// when one is stale and names it:
//   src/findings/registry.generated.ts  GATE_IDS and RULE_DEFAULTS (the findings model imports no gate)
//   schema/proofgate.schema.json        the config's JSON Schema
//   action.yml                          the gate list of the `gates` input
//   docs/action.md                      the Action usage block, from action.yml
//   docs/gates.md                       the gate index table; the rule table's severities are checked
//   docs/rules/<gate>/<rule>.md         the header of each rule's page (below it the page is hand-written)
//   docs/rules/README.md                the rule index
// and checks that the defaults in docs/configuration.md's example are the gates' own.
// The registry is TypeScript: it is bundled with esbuild (a devDependency) in memory and imported.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/** The marker line that opens the generated block in docs/action.md. */
export const START = '<!-- action-usage:start (generated from action.yml by scripts/generate-docs.mjs) -->'
/** The marker line that closes it. */
export const END = '<!-- action-usage:end -->'
/** The page that holds the block, relative to the repository root. */
export const PAGE = 'docs/action.md'
/** The markers of the gate index in docs/gates.md. */
export const GATES_START = '<!-- gate-index:start (generated from the gate registry by scripts/generate-docs.mjs) -->'
/** Closes the gate index. */
export const GATES_END = '<!-- gate-index:end -->'

/** The usage block: a workflow step with every input, its description as comments and its default. */
export function usageBlock(actionYaml) {
  const action = parse(actionYaml)
  const lines = ['```yaml', '- uses: proofgate/proofgate@v0', '  with:']
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    for (const line of wrap(input.description, 76)) lines.push(`    # ${line}`)
    const value =
      input.default === undefined || input.default === ''
        ? "''"
        : /^[\w.${}\- ]+$/.test(String(input.default))
          ? String(input.default)
          : JSON.stringify(String(input.default))
    lines.push(`    # Default: ${value}`, `    ${name}: ''`, '')
  }
  lines.pop()
  lines.push('```', '', '| output | description |', '|---|---|')
  for (const [name, output] of Object.entries(action.outputs ?? {})) lines.push(`| \`${name}\` | ${output.description} |`)
  return [START, ...lines, END].join('\n')
}

function wrap(text, width) {
  const out = []
  let line = ''
  for (const word of String(text).split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') out.push(line)
  return out
}

/** The page (docs/action.md's text) with its block replaced. @throws Error when the markers are missing. */
export function withUsage(page, actionYaml) {
  return between(page, START, END, usageBlock(actionYaml), PAGE)
}

function between(text, start, end, block, file) {
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < from) throw new Error(`${file} lacks the markers ${start} … ${end}`)
  return text.slice(0, from) + block + text.slice(to + end.length)
}

/**
 * The registry as data (src/gates/catalog.ts): `{ gates: [{ id, description, defaultMode, timeout
 * (s), preCommit, executesRepositoryCode, scansAll, options, rules }], configSchema }`. Bare
 * imports stay external, resolved from this script's node_modules, so the bundle is small.
 */
export async function loadCatalog(root) {
  const { build } = await import('esbuild')
  const external = {
    name: 'external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: import.meta.resolve(args.path), external: true }))
    },
  }
  const out = await build({
    absWorkingDir: fileURLToPath(root),
    entryPoints: ['src/gates/catalog.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    define: { __PROOFGATE_VERSION__: '"0.0.0-docs"' },
    plugins: [external],
    logLevel: 'error',
  })
  try {
    const module = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString('base64')}`)
    return module.catalog()
  } catch (error) {
    // The stack names the bundle by its data: URL, megabytes of base64.
    if (error instanceof Error && error.stack !== undefined)
      error.stack = error.stack.replace(/data:text\/javascript;base64,[A-Za-z0-9+/=]+/g, '<bundle of src/gates/catalog.ts>')
    throw error
  }
}

/** src/findings/registry.generated.ts: GATE_IDS and RULE_DEFAULTS, in report order. */
export function registryModule(catalog) {
  const lines = [
    '// Code generated by scripts/generate-docs.mjs from the gate registry (src/gates/index.ts). DO NOT EDIT.',
    '// `npm run docs` rewrites it; `--check` fails when it is stale. The findings model reads gate ids',
    '// and rule severities from here because it must not import the gates.',
    "import type { Severity } from './types.js'",
    '',
    '/** Gate ids, in report order (../shared/STYLE.md); `proofgate` is the engine itself (waivers, run-level checks). */',
    'export const GATE_IDS = [',
    ...catalog.gates.map((g) => `  '${g.id}',`),
    '] as const',
    '',
    "/** `<gate>/<rule>` → default severity, for every rule in the gates' `meta.rules`. */",
    'export const RULE_DEFAULTS = {',
    ...catalog.gates.flatMap((g) => g.rules.map((r) => `  '${g.id}/${r.id}': '${r.defaultSeverity}',`)),
    '} as const satisfies Record<string, Severity>',
    '',
    "/** `<gate>/<rule>` of the rules whose blocking findings a reviewer's approval resolves (RuleMeta.approval). */",
    'export const APPROVAL_RULES: ReadonlySet<string> = new Set([',
    ...catalog.gates.flatMap((g) => g.rules.filter((r) => r.approval === true).map((r) => `  '${g.id}/${r.id}',`)),
    '])',
    '',
    '/** `<gate>/<rule>` of the rules whose findings the change can declare (RuleMeta.declarable): the pre-push hook blocks them undeclared. */',
    'export const DECLARABLE_RULES: ReadonlySet<string> = new Set([',
    ...catalog.gates.flatMap((g) => g.rules.filter((r) => r.declarable === true).map((r) => `  '${g.id}/${r.id}',`)),
    '])',
    '',
  ]
  return lines.join('\n')
}

/** action.yml with the gate list of the `gates` input's description replaced. @throws Error when the list is not found. */
export function withActionGateList(actionYaml, catalog) {
  const pattern = /(Run only these gates, comma-separated \()[^)]*(\))/
  if (!pattern.test(actionYaml)) throw new Error('action.yml: the gates input no longer says "Run only these gates, comma-separated (…)"')
  return actionYaml.replace(pattern, `$1${catalog.gates.map((g) => g.id).join(', ')}$2`)
}

const yesNo = (flag) => (flag ? 'yes' : 'no')

/** The gate index of docs/gates.md: one row per gate, every fact the gate declares. */
export function gatesIndex(catalog) {
  const lines = [
    GATES_START,
    '| gate | default mode | timeout (s) | pre-commit | runs repository code | `scan --all` | options | rules (default severity) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const g of catalog.gates) {
    const runs = g.executesRepositoryCode === 'depends' ? 'depends on its settings' : g.executesRepositoryCode
    const options = g.options.length === 0 ? '—' : g.options.map((o) => `\`${o}\``).join(', ')
    const rules = g.rules.map((r) => `\`${r.id}\` ${r.defaultSeverity}`).join(', ')
    lines.push(`| \`${g.id}\` | ${g.defaultMode} | ${g.timeout} | ${yesNo(g.preCommit)} | ${runs} | ${yesNo(g.scansAll)} | ${options} | ${rules} |`)
  }
  lines.push(GATES_END)
  return lines.join('\n')
}

/**
 * Rows of the hand-written rule table in docs/gates.md (`` | `gate` | [`rule`](rules/<gate>/<rule>.md) | severity | … ``)
 * whose severity is not the declared default, whose rule id is not linked to its page, or that
 * name a rule no gate declares. Each problem is one sentence. A rule without a row is no problem:
 * the generated index lists every rule.
 */
export function ruleTableProblems(page, catalog) {
  const declared = new Map(catalog.gates.flatMap((g) => g.rules.map((r) => [`${g.id}/${r.id}`, r.defaultSeverity])))
  const problems = []
  for (const m of page.matchAll(/^\| `([a-z-]+)` \| (\[)?`([a-z-]+)`(?:\]\(([^)]*)\))? \| ([a-z]+) \|/gm)) {
    const [, gate, , rule, link, severity] = m
    const key = `${gate}/${rule}`
    if (!catalog.gates.some((g) => g.id === gate)) continue
    if (!declared.has(key)) problems.push(`docs/gates.md: the rule table lists ${key}, which no gate declares`)
    else if (declared.get(key) !== severity)
      problems.push(`docs/gates.md: the rule table gives ${key} severity ${severity}; the gate declares ${declared.get(key)}`)
    else if (link !== `rules/${key}.md`) problems.push(`docs/gates.md: the rule table's ${key} does not link to its page rules/${key}.md`)
  }
  return problems
}

/**
 * Settings in the `gates:` of the first ```yaml example of docs/configuration.md whose value is not
 * the gate's default (keys the example leaves out, or comments out, are not checked). One sentence each.
 */
export function configurationExampleProblems(page, catalog) {
  const block = /```yaml\n([\s\S]*?)```/.exec(page)?.[1]
  const example = block === undefined ? undefined : parse(block)?.gates
  if (example === undefined || example === null) return ['docs/configuration.md: the first yaml example has no gates:']
  const problems = []
  for (const [id, settings] of Object.entries(example)) {
    const gate = catalog.gates.find((g) => g.id === id)
    if (gate === undefined) {
      problems.push(`docs/configuration.md: the example configures gates.${id}, which no gate declares`)
      continue
    }
    for (const [key, value] of Object.entries(settings ?? {})) {
      if (!(key in gate.defaults)) problems.push(`docs/configuration.md: the example sets gates.${id}.${key}, which the gate does not declare`)
      else if (JSON.stringify(value) !== JSON.stringify(gate.defaults[key])) {
        problems.push(
          `docs/configuration.md: the example gives gates.${id}.${key} ${JSON.stringify(value)}; the default is ${JSON.stringify(gate.defaults[key])}`,
        )
      }
    }
  }
  return problems
}

/** The marker line that opens the generated header of a rule page. */
export const RULE_START = '<!-- rule-header:start (generated from the rule meta by scripts/generate-docs.mjs) -->'
/** Closes it; everything below is written by hand. */
export const RULE_END = '<!-- rule-header:end -->'
/** Where rule pages live, relative to the repository root. */
export const RULES_DIR = 'docs/rules'
/** The generated rule index. */
export const RULES_INDEX = `${RULES_DIR}/README.md`
/** The hand-written sections every rule page has, in order, below its header. */
export const RULE_SECTIONS = ['Why', 'Example', 'Fix']

/**
 * Every rule with a page, in report order: each gate's declared rules, then the engine's (under
 * `catalog.engineGate`). `{ gate, id, description, defaultSeverity, page, kind: 'gate' | 'runner'
 * | 'run-level', diffFiltered }`, `page` repository-relative.
 */
export function ruleEntries(catalog) {
  const own = catalog.gates.flatMap((g) => g.rules.map((r) => ({ ...r, gate: g.id, kind: 'gate', diffFiltered: g.diffFiltered && r.filter !== 'always' })))
  const engine = catalog.engineRules.map((r) => ({ ...r, gate: catalog.engineGate, diffFiltered: false }))
  return [...own, ...engine].map((r) => ({ ...r, page: `${RULES_DIR}/${r.gate}/${r.id}.md` }))
}

const UNLOWERABLE = 'gate-integrity'
const NEVER_WAIVED = 'gate-integrity/config-weakened'

function severityLine(rule) {
  const key = `${rule.gate}/${rule.id}`
  if (rule.kind === 'runner') return "**Severity:** always critical: the runner's fail-closed findings are not configurable."
  if (rule.kind === 'run-level' && rule.id === 'escalation')
    return '**Severity:** medium and non-blocking by default; `loop.escalation.severity: high` makes it block ([configuration](../../configuration.md)).'
  if (rule.kind === 'run-level') return `**Severity:** ${rule.defaultSeverity} and never blocking; not configurable.`
  const link = '([per-rule severity](../../configuration.md#per-rule-severity-rules))'
  if (rule.gate === UNLOWERABLE) {
    if (rule.defaultSeverity === 'critical') return `**Severity:** critical, and \`rules:\` in \`.proofgate.yml\` can never lower it or turn it off ${link}.`
    return `**Severity:** can be raised, never lowered or turned off, with \`rules:\` in \`.proofgate.yml\`, e.g. \`rules: { ${key}: critical }\` ${link}.`
  }
  const example = ['low', 'info'].includes(rule.defaultSeverity) ? 'high' : 'low'
  return `**Severity:** set another one, or \`off\`, with \`rules:\` in \`.proofgate.yml\`, e.g. \`rules: { ${key}: ${example} }\` ${link}.`
}

function waiverLine(rule) {
  const key = `${rule.gate}/${rule.id}`
  if (key === NEVER_WAIVED)
    return "**Waiver:** never waivable, not even by the base's waivers: only a reviewer's approval resolves it ([waivers](../../waivers.md))."
  if (rule.kind === 'run-level' && !rule.id.startsWith('waiver-'))
    return '**Waiver:** not waivable: it is reported after the waivers apply ([waivers](../../waivers.md)).'
  if (rule.kind === 'run-level') return '**Waiver:** not waivable: edit the waiver it names in `.proofgate/waivers.yml` ([waivers](../../waivers.md)).'
  if (rule.kind === 'runner')
    return '**Waiver:** only by `fingerprint` (the finding has no path for a `rule:` waiver); fix the cause instead ([waivers](../../waivers.md)).'
  const except = rule.gate === UNLOWERABLE ? ', except a finding on `.proofgate.yml` or `.proofgate/waivers.yml`' : ''
  return `**Waiver:** one finding by its \`fingerprint\`, or \`rule: ${key}\` with a \`path\` glob, in \`.proofgate/waivers.yml\`${except} ([waivers](../../waivers.md)).`
}

function filterText(rule) {
  if (rule.kind === 'runner') return 'does not apply (the finding has no path)'
  if (rule.kind === 'run-level') return 'does not apply (a run-level finding)'
  if (rule.filter === 'always') return 'does not apply (reported wherever it sits in a changed file)'
  if (!rule.diffFiltered) return 'does not apply (the gate itself decides which findings concern the change)'
  if (rule.filter === 'lines') return "applies (`filter-mode`, default `added` lines) to the finding's line and the lines that cause it"
  return 'applies (`filter-mode`, default `added` lines)'
}

/** The header's list of the rule's messages by messageId (the `messageId` of JSON and SARIF reports), or no lines. */
function messageLines(rule) {
  const entries = Object.entries(rule.messages ?? {})
  if (entries.length === 0) return []
  return [
    '',
    '| messageId | message (`{{name}}` is filled in per finding) |',
    '| --- | --- |',
    // A message that goes on over several lines (a command's last output) breaks its table cell only at <br>.
    ...entries.map(([id, text]) => `| \`${id}\` | ${text.replaceAll('|', '\\|').replaceAll('\n', '<br>')} |`),
  ]
}

/** The generated header of a rule's page, markers included. */
export function ruleHeader(rule) {
  const gate =
    rule.kind === 'gate'
      ? `[\`${rule.gate}\`](../../gates.md)`
      : rule.kind === 'runner'
        ? `${rule.reportedFor} (its id is the rule's \`<gate>\`)`
        : '`proofgate` (the run itself)'
  return [
    RULE_START,
    `# \`${rule.kind === 'runner' ? '<gate>' : rule.gate}/${rule.id}\``,
    '',
    /[.!?]$/.test(rule.description) ? rule.description : `${rule.description}.`,
    '',
    '| gate | default severity | diff filter |',
    '| --- | --- | --- |',
    `| ${gate} | ${rule.defaultSeverity} | ${filterText(rule)} |`,
    '',
    `- ${severityLine(rule)}`,
    `- ${waiverLine(rule)}`,
    ...(rule.approval === true
      ? [
          rule.declarable === true
            ? "- **Approval:** a blocking finding *needs approval*: a reviewer's approval of the pull request resolves it ([approvals](../../action.md)), and so does a declaration of the behaviour change in the range, which makes it medium ([declarations](../../gates.md)); the pre-push hook, where nobody can approve, blocks it until it is declared."
            : "- **Approval:** a blocking finding *needs approval*: a reviewer's approval of the pull request resolves it ([approvals](../../action.md)); the pre-push hook warns and lets the push go unless `hooks.pre-push.block-on-approval` is true.",
        ]
      : []),
    ...(rule.family === true
      ? [
          `- **Reported as:** \`${rule.id}/<name>\`, one rule id per ${rule.id} (SARIF, waivers by \`rule:\`); \`rules: { ${rule.gate}/${rule.id}: … }\` sets the severity of them all.`,
        ]
      : []),
    ...messageLines(rule),
    RULE_END,
  ].join('\n')
}

/** A rule page with its header replaced, or (no page yet) the header and empty hand-written sections. */
export function rulePage(page, rule) {
  if (page === undefined) return `${ruleHeader(rule)}\n${RULE_SECTIONS.map((s) => `\n## ${s}\n\n<!-- to write -->\n`).join('')}`
  return between(page, RULE_START, RULE_END, ruleHeader(rule), rule.page)
}

/** docs/rules/README.md: one row per rule, linked to its page. */
export function rulesIndex(catalog) {
  const lines = [
    '<!-- Code generated by scripts/generate-docs.mjs from the rule meta. DO NOT EDIT; npm run docs rewrites it. -->',
    '# Rules',
    '',
    'One page per rule: what it catches, a finding as the terminal report prints it, and the fix. The',
    'gates themselves are described in [gates](../gates.md); severities are set with `rules:` in',
    '[configuration](../configuration.md#per-rule-severity-rules), findings waived in',
    '[waivers](../waivers.md). SARIF logs link each rule here (`helpUri`). Each example finding is',
    "proofgate's output for the example as shown, its short fingerprint included (it depends on the",
    'path and the code, not on the line number).',
    '',
    '| rule | default severity | description |',
    '| --- | --- | --- |',
  ]
  for (const r of ruleEntries(catalog))
    lines.push(`| [\`${r.kind === 'runner' ? '<gate>' : r.gate}/${r.id}\`](${r.gate}/${r.id}.md) | ${r.defaultSeverity} | ${r.description} |`)
  return `${lines.join('\n')}\n`
}

/** Pages under docs/rules/<dir>/ (from `list`, repository-relative paths) that document no rule. One sentence each. */
export function orphanPageProblems(pages, catalog) {
  const known = new Set(ruleEntries(catalog).map((r) => r.page))
  return pages.filter((p) => p !== RULES_INDEX && !known.has(p)).map((p) => `${p}: no rule is declared for this page; delete it or declare the rule`)
}

/** What --check and a plain run report beside stale files: hand-written docs that disagree with the registry. */
export function docsProblems(read, catalog, pages = []) {
  return [
    ...ruleTableProblems(read('docs/gates.md'), catalog),
    ...configurationExampleProblems(read('docs/configuration.md'), catalog),
    ...orphanPageProblems(pages, catalog),
  ]
}

/**
 * Every generated file as `{ path, next }` (repository-relative path, expected text), from the
 * current texts; `read` returns undefined for a file that does not exist (a rule page not written yet).
 */
export function generatedFiles(read, catalog) {
  const action = withActionGateList(read('action.yml'), catalog)
  return [
    { path: 'src/findings/registry.generated.ts', next: registryModule(catalog) },
    { path: 'schema/proofgate.schema.json', next: `${JSON.stringify(catalog.configSchema, null, 2)}\n` },
    { path: 'action.yml', next: action },
    { path: PAGE, next: withUsage(read(PAGE), action) },
    { path: 'docs/gates.md', next: between(read('docs/gates.md'), GATES_START, GATES_END, gatesIndex(catalog), 'docs/gates.md') },
    { path: RULES_INDEX, next: rulesIndex(catalog) },
    ...ruleEntries(catalog).map((r) => ({ path: r.page, next: rulePage(read(r.page), r) })),
  ]
}

const STALE = {
  [PAGE]: `${PAGE}: the Action usage block is stale; run npm run docs`,
}

/** The --check sentence for a generated file that is missing (`now` undefined) or differs. */
function staleProblem(path, now) {
  if (now === undefined)
    return path.startsWith(`${RULES_DIR}/`) ? `${path}: the rule has no page; run npm run docs and write it` : `${path} is missing; run npm run docs`
  if (path.startsWith(`${RULES_DIR}/`) && path !== RULES_INDEX) return `${path}: the header is stale; run npm run docs`
  return STALE[path] ?? `${path} is stale; run npm run docs`
}

/** Rule pages on disk, `docs/rules/<dir>/<name>.md`, repository-relative, sorted. */
function listRulePages(root) {
  const dir = new URL(`${RULES_DIR}/`, root)
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(new URL(`${d.name}/`, dir))
        .filter((n) => n.endsWith('.md'))
        .map((n) => `${RULES_DIR}/${d.name}/${n}`),
    )
    .sort()
}

// Run as a script, not imported (by the tests). Compared as paths: a URL spells a space or a
// non-ASCII character percent-encoded, and import.meta.url is the real path behind any symlink.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const root = new URL('../', import.meta.url)
  const read = (path) => (existsSync(new URL(path, root)) ? readFileSync(new URL(path, root), 'utf8') : undefined)
  const write = (path, text) => {
    mkdirSync(new URL('./', new URL(path, root)), { recursive: true })
    writeFileSync(new URL(path, root), text)
  }
  let catalog = await loadCatalog(root)
  let files = generatedFiles(read, catalog)
  if (process.argv.includes('--check')) {
    const problems = files.filter((f) => f.next !== read(f.path)).map((f) => staleProblem(f.path, read(f.path)))
    problems.push(...docsProblems(read, catalog, listRulePages(root)))
    for (const p of problems) console.error(p)
    if (problems.length > 0) process.exit(1)
  } else {
    // The config schema reads GATE_IDS and RULE_DEFAULTS from the generated module: after a gate
    // is added, write that module first and bundle again, so the rest is generated from it.
    const [registry] = files
    if (registry.next !== read(registry.path)) {
      write(registry.path, registry.next)
      catalog = await loadCatalog(root)
      files = generatedFiles(read, catalog)
    }
    for (const f of files) if (f.next !== read(f.path)) write(f.path, f.next)
    const problems = docsProblems(read, catalog, listRulePages(root))
    for (const p of problems) console.error(p)
    if (problems.length > 0) process.exit(1)
  }
}
