// The README and docs/ are the contract users read: the CLI page's usage block is the CLI's
// --help, every rule id a gate declares is documented on the gates page, the README keeps its two
// set-up commands and links every page of docs/.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { USAGE } from '../../../src/cli/main.js'
import { configSchema } from '../../../src/config/schema.js'
import { extractLinks, linkPath, loadMarkdown, type FromMarkdown } from '../../../src/docs/markdown.js'
import { GATES } from '../../../src/gates/index.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'

const read = (...path: string[]): string => readFileSync(join(PROJECT_ROOT, ...path), 'utf8')
const readme = read('README.md')

describe('docs/cli.md', () => {
  it('shows the CLI usage exactly as --help prints it', () => {
    expect(read('docs', 'cli.md')).toContain('```text\n' + USAGE + '```')
  })
})

describe('docs/gates.md', () => {
  const gates = read('docs', 'gates.md')
  it.each(GATES.flatMap((g) => Object.entries(g.meta.rules).map(([rule, meta]) => [g.id, rule, meta.defaultSeverity] as const)))(
    'documents %s rule %s (%s), linked to its page',
    (gate, rule, severity) => {
      expect(gates).toContain(`| \`${gate}\` | [\`${rule}\`](rules/${gate}/${rule}.md) | ${severity} |`)
    },
  )
})

describe('README', () => {
  it('gives exactly two set-up commands: the main job and the tests', () => {
    const setup = /## Set up\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1]?.trim().split('\n') ?? []
    expect(setup).toHaveLength(2)
    expect(setup[0]).toMatch(/^npm ci && npx proofgate run/)
    expect(setup[1]).toMatch(/^npm test\b/)
  })

  it('gives review configs that the config schema accepts as pasted: claude -p, codex exec, llm and a shell reviewer', () => {
    const block = /## Blind review\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
    const config = configSchema.parse(parse(block))
    expect(config.review.reviewers.map((r) => [r.name, r.run.split(' ')[0]])).toEqual([
      ['claude', 'claude'],
      ['codex', '{'],
      ['llm', 'llm'],
      ['debugger', './scripts/review-debugger.sh'],
    ])
    expect(config.review.prompt).toBe('.github/review-prompt.md')
    expect(read('docs', 'review.md')).toContain('# scripts/review-debugger.sh')
  })

  it('stays short: at most 10 KB (user docs live in docs/)', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(10 * 1024)
  })

  it('links every page of docs/ and ARCHITECTURE.md', () => {
    const pages = readdirSync(join(PROJECT_ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .sort()
    expect(pages).toEqual([
      'action.md',
      'checklist.md',
      'cli.md',
      'configuration.md',
      'council.md',
      'development.md',
      'exit-codes.md',
      'gates.md',
      'hooks.md',
      'install.md',
      'release.md',
      'reports.md',
      'review.md',
      'state.md',
      'waivers.md',
    ])
    for (const page of [...pages.map((p) => `docs/${p}`), 'ARCHITECTURE.md']) expect(readme, page).toContain(`](${page})`)
  })
})

interface MdNode {
  type: string
  value?: string
  children?: MdNode[]
}

/** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as `-`. */
function anchors(fromMarkdown: FromMarkdown, text: string): Set<string> {
  const out = new Set<string>()
  const textOf = (node: MdNode): string => node.value ?? (node.children ?? []).map(textOf).join('')
  const visit = (node: MdNode): void => {
    if (node.type === 'heading')
      out.add(
        textOf(node)
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s_-]/gu, '')
          .replace(/\s/g, '-'),
      )
    for (const child of node.children ?? []) visit(child)
  }
  visit(fromMarkdown(text) as unknown as MdNode)
  return out
}

describe('links between the README, ARCHITECTURE.md and docs/', () => {
  const pages = [
    'README.md',
    'ARCHITECTURE.md',
    ...readdirSync(join(PROJECT_ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
      .filter((n) => n.endsWith('.md'))
      .map((n) => `docs/${n.split('\\').join('/')}`)
      .sort(),
  ]

  it('every relative link resolves, and its #fragment names a heading of the page', async () => {
    const fromMarkdown = await loadMarkdown()
    const broken: string[] = []
    for (const page of pages) {
      for (const link of extractLinks(fromMarkdown, read(page))) {
        const [, fragment] = link.url.split('#')
        const target = link.url.startsWith('#') ? page : linkPath(page, link.url)
        if (target === null) continue
        if (!existsSync(join(PROJECT_ROOT, target))) broken.push(`${page}:${link.line}: ${link.url} (no ${target})`)
        else if (fragment !== undefined && target.endsWith('.md') && !anchors(fromMarkdown, read(target)).has(fragment))
          broken.push(`${page}:${link.line}: ${link.url} (no heading #${fragment} in ${target})`)
      }
    }
    expect(broken).toEqual([])
  })
})
