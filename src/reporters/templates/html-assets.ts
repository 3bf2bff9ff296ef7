// The HTML report's inline stylesheet and script. Both are constants (no repository text ever
// reaches them), so the page's Content-Security-Policy can allow exactly these and nothing else.

/** The report's CSS: light and dark through `prefers-color-scheme`, no web fonts, no images. */
export const HTML_STYLE = `
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
`

/**
 * The report's script: the gate, rule and severity filters hide finding rows (and gate groups
 * left empty) and update the "N of M shown" count. It reads only the page's own data attributes.
 */
export const HTML_SCRIPT = `
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
`
