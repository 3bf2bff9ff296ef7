// `proofgate run --format html --output FILE` end to end: the real CLI (main, in-process) on a real
// git repository with a planted tautology (whose message and file name carry `<script>` and an
// `onerror` handler), focused and skipped tests and a base waiver; the page is then opened from
// file:// in Debian's headless Chromium through playwright-core and checked through its DOM.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, type CliRun } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A fresh profile (user-data-dir) per launch, so nothing from another run (cache, service workers) is in play. */
async function launch(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'proofgate-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Whether Chromium starts here; when not, the browser tests skip and say why, never silently. */
async function probeChromium(): Promise<string | null> {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (.ci/run installs Debian's chromium package with apt-get)`
  try {
    const b = await launch()
    await b.close()
    return null
  } catch (error) {
    return `${CHROMIUM} does not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
  }
}

const whyNot = await probeChromium()
const chromiumRuns = whyNot === null
if (!chromiumRuns) console.warn(`proofgate: SKIPPING the HTML report's Chromium tests: ${whyNot}`)

const PACKAGE_JSON = JSON.stringify({ name: 'calc', private: true, type: 'module' }, null, 2) + '\n'
const SUM = 'export function sum(a, b) {\n  return a + b\n}\n'
// Severities set in the base's config, so the report holds high, medium and low findings.
const CONFIG = 'rules:\n  mock-integrity/focused-test: medium\n  mock-integrity/skipped-test: low\n'
const WAIVERS =
  'waivers:\n  - rule: mock-integrity/skipped-test\n    path: "test/legacy*.js"\n    reason: "legacy suite <b>parked</b> until the rewrite"\n    proof: out-of-scope\n'
// A file name and an assertion that would run script if the page did not escape them.
const HOSTILE_FILE = 'test/<script>alert(1)<img src=x onerror="window.__pwned=1">.test.js'
const HOSTILE_TEST =
  "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit('is true', () => {\n  expect('<script>window.__pwned=1</script>').toBe('<script>window.__pwned=1</script>')\n  expect(sum(1, 2)).toBe(3)\n})\n"
const FOCUSED_AND_SKIPPED =
  "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit.only('adds', () => {\n  expect(sum(1, 2)).toBe(3)\n})\nit.skip('adds more', () => {\n  expect(sum(2, 2)).toBe(4)\n})\n"
const GATES = 'mock-integrity,test-mutation,doc-coverage,static-analysis'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

describe('proofgate run --format html', () => {
  const r = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, 'src/sum.js': SUM, '.proofgate.yml': CONFIG, '.proofgate/waivers.yml': WAIVERS } })
  repos.push(r)
  const base = r.head()
  r.commit('agent work', { [HOSTILE_FILE]: HOSTILE_TEST, 'test/sum.test.js': FOCUSED_AND_SKIPPED, 'test/legacy.test.js': FOCUSED_AND_SKIPPED })
  const reportFile = join(r.dir, 'out', 'report.html')
  let run: CliRun
  let html: string
  beforeAll(async () => {
    run = await runCli(['run', '--base', base, '--gates', GATES, '--format', 'html', '--output', 'out/report.html'], r.dir)
    html = readFileSync(reportFile, 'utf8')
  })

  it('writes one self-contained page to --output, prints the verdict on the terminal and exits 1', () => {
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('BLOCKED · 3 high, 2 medium, 1 low · 3 blocking · 1 waived · exit 1')
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    // No URL the page could fetch: no src or href attribute, no http(s) or protocol-relative URL, one inline script.
    expect(html.match(/<[a-z][^>]*\s(?:src|href)\s*=/gi)).toBeNull()
    expect(html.match(/https?:\/\/|url\(/gi)).toBeNull()
    expect(html.match(/<script/g)).toEqual(['<script'])
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-`)
    // Repository text arrives escaped.
    expect(html).toContain('test/&lt;script&gt;alert(1)&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;.test.js:5:3')
    expect(html).toContain('legacy suite &lt;b&gt;parked&lt;/b&gt; until the rewrite')
  })

  it('writes the page to stdout without --output, as ESLint -f html does', async () => {
    const toStdout = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'html'], r.dir)
    expect(toStdout.exitCode).toBe(1)
    expect(toStdout.stdout.startsWith('<!doctype html>\n')).toBe(true)
    expect(toStdout.stdout.endsWith('</html>\n')).toBe(true)
    expect(toStdout.stdout.match(/class="finding"/g)).toHaveLength(5)
  })

  it.skipIf(!chromiumRuns)('renders in headless Chromium from file:// with working filters, code context, inert repository text and no request', async () => {
    const b = await launch()
    try {
      const page = await b.context.newPage()
      const requests: string[] = []
      page.on('request', (req) => requests.push(req.url()))
      const errors: string[] = []
      page.on('pageerror', (err) => errors.push(err.message))
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text())
      })
      const url = pathToFileURL(reportFile).href
      await page.goto(url)
      expect(await page.textContent('#verdict')).toBe('BLOCKED')
      expect(await page.textContent('#exit-code')).toBe(
        'exit code 1: blocked: an unwaived finding at or above fail-on in a blocking gate, or a gate that errored',
      )
      // The timeline: one row per gate, a bar for each gate that ran, none for skipped ones.
      expect(
        await page.$$eval('tr.gate', (rows) => rows.map((row) => [row.getAttribute('data-gate'), row.querySelector('td:nth-child(3)')!.textContent])),
      ).toEqual([
        ['static-analysis', 'skipped'],
        ['mock-integrity', 'fail'],
        ['test-mutation', 'fail'],
        ['doc-coverage', 'skipped'],
      ])
      // Each bar starts after the run's own setup (config, git) and ends within the run.
      const bars = await page.$$eval('tr.gate .bar', (els) =>
        els.map((el) => [parseFloat(el.getAttribute('style')!.split('left:')[1]!), parseFloat(el.getAttribute('style')!.split('width:')[1]!)]),
      )
      expect(bars).toHaveLength(2)
      for (const [left, width] of bars) {
        expect(left).toBeGreaterThan(0)
        expect(left! + width!).toBeLessThanOrEqual(100.01)
      }
      // Every finding is a row, grouped by gate.
      expect(await page.$$eval('.finding', (rows) => rows.length)).toBe(7)
      expect(await page.$$eval('.gate-group', (groups) => groups.map((g) => [g.getAttribute('data-gate'), g.querySelectorAll('.finding').length]))).toEqual([
        ['mock-integrity', 5],
        ['test-mutation', 2],
      ])
      // The code around the tautology: line 5 highlighted, lines 2-7 shown (the file's final newline is no line).
      const tautology = page.locator('.finding[data-rule="tautological-assertion"]')
      expect(await tautology.locator('pre.context span.hit').textContent()).toBe(
        "5  expect('<script>window.__pwned=1</script>').toBe('<script>window.__pwned=1</script>')",
      )
      expect(await tautology.locator('pre.context span i').allTextContents()).toEqual(['2', '3', '4', '5', '6', '7'])
      expect(await tautology.locator('code.where').textContent()).toBe(`${HOSTILE_FILE}:5:3`)
      // Nothing from the repository ran or became an element.
      expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
      expect(await page.$$eval('img, iframe, link, object, embed', (els) => els.length)).toBe(0)
      expect(await page.$$eval('script', (els) => els.length)).toBe(1)
      // The waiver with its reason, as text.
      expect(await page.textContent('#waivers')).toBe(
        'mock-integrity/skipped-test test/legacy.test.js:7:1: legacy suite <b>parked</b> until the rewrite (proof: out-of-scope, waivers.yml:2)',
      )
      // Filters: unchecking high hides the three high rows; a rule filter keeps only its rows.
      const visible = (): Promise<number> => page.$$eval('.finding', (rows) => rows.filter((row) => !(row as unknown as { hidden: boolean }).hidden).length)
      await page.uncheck('#filter-severity-high')
      expect(await visible()).toBe(4)
      expect(await page.textContent('#shown-count')).toBe('4')
      expect(await page.$$eval('.gate-group', (groups) => groups.map((g) => (g as unknown as { hidden: boolean }).hidden))).toEqual([false, true])
      await page.check('#filter-severity-high')
      await page.selectOption('#filter-rule', 'focused-test')
      expect(await visible()).toBe(2)
      await page.selectOption('#filter-rule', '')
      await page.selectOption('#filter-gate', 'test-mutation')
      expect(await page.$$eval('.finding:not([hidden])', (rows) => rows.map((row) => row.getAttribute('data-rule')))).toEqual([
        'test-disabled',
        'test-disabled',
      ])
      expect(errors).toEqual([])
      expect(requests).toEqual([url])
    } finally {
      await b.close()
    }
  })
})
