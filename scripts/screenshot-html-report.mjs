#!/usr/bin/env node
// Makes docs/images/html-report.png: a blocked run's HTML report (a temp git repository with a
// planted tautology, focused and skipped tests and a base waiver; the built dist/cli.js with
// --format html --output), opened from file:// in Debian's headless Chromium.
// Usage: npm run build && node scripts/screenshot-html-report.mjs [--dark]
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dark = process.argv.includes('--dark')
const out = join(root, 'docs', 'images', dark ? 'html-report-dark.png' : 'html-report.png')
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'proofgate-screenshot-')))
const profile = mkdtempSync(join(tmpdir(), 'proofgate-chromium-'))
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', NO_COLOR: '1' }
const git = (...args) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim()
const write = (files) => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}

const focused = (name) =>
  `import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit.only('${name}', () => {\n  expect(sum(1, 2)).toBe(3)\n})\nit.skip('adds more', () => {\n  expect(sum(2, 2)).toBe(4)\n})\n`
try {
  git('init', '-q', '-b', 'main')
  git('config', 'user.name', 'proofgate docs')
  git('config', 'user.email', 'docs@proofgate.invalid')
  write({
    'package.json': '{ "name": "calc", "private": true, "type": "module" }\n',
    'src/sum.js': 'export function sum(a, b) {\n  return a + b\n}\n',
    '.proofgate.yml': 'rules:\n  mock-integrity/focused-test: medium\n  mock-integrity/skipped-test: low\n',
    '.proofgate/waivers.yml':
      'waivers:\n  - rule: mock-integrity/skipped-test\n    path: "test/legacy*.js"\n    reason: legacy suite parked until the rewrite (#41)\n    proof: out-of-scope\n',
  })
  git('add', '-A')
  git('commit', '-q', '-m', 'base')
  write({
    'test/sum-edge.test.js':
      "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit('handles negatives', () => {\n  const expected = -1\n  expect(expected).toBe(expected)\n  expect(sum(1, 2)).toBe(3)\n})\n",
    'test/sum.test.js': focused('adds'),
    'test/legacy.test.js': focused('adds (legacy)'),
  })
  git('add', '-A')
  git('commit', '-q', '-m', 'agent work')
  const report = join(dir, 'report.html')
  const args = ['run', '--base', 'HEAD~1', '--gates', 'mock-integrity,test-mutation,doc-coverage,static-analysis', '--format', 'html', '--output', report]
  try {
    execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: dir, env, stdio: 'inherit' })
    throw new Error('expected a blocked run (exit 1)')
  } catch (error) {
    if (error.status !== 1) throw error
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    headless: true,
    viewport: { width: 1100, height: 900 },
    colorScheme: dark ? 'dark' : 'light',
  })
  try {
    const page = await context.newPage()
    await page.goto(pathToFileURL(report).href)
    mkdirSync(dirname(out), { recursive: true })
    await page.screenshot({ path: out, fullPage: true })
  } finally {
    await context.close()
  }
  console.log(`wrote ${out}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
  rmSync(profile, { recursive: true, force: true })
}
