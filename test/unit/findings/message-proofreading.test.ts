// Proofreads every message template the rule tables declare (each gate's meta.rules, the engine's
// fail-closed and run-level rules), rendered with sample data: no doubled spaces, no empty
// parentheses, no space before punctuation, and a rule table whose messages end in a full stop
// has every message end in one. Found on real repositories: "(0 files ())", "was deleted no
// implementation changed in the range".
import { describe, expect, it } from 'vitest'
import { interpolate } from '../../../src/findings/rule.js'
import { GATES } from '../../../src/gates/index.js'
import { ENGINE_RULES, RUN_LEVEL_RULES } from '../../../src/runner/engine-rules.js'

interface Template {
  key: string
  table: string
  text: string
}

function templates(): Template[] {
  const out: Template[] = []
  const add = (table: string, rules: Readonly<Record<string, { messages?: Readonly<Record<string, string>> }>>): void => {
    for (const [rule, meta] of Object.entries(rules))
      for (const [id, text] of Object.entries(meta.messages ?? {})) out.push({ key: `${table}/${rule}/${id}`, table, text })
  }
  for (const gate of GATES) add(gate.id, gate.meta.rules)
  // The runner's fail-closed messages end in the error they carry; the run-level ones are sentences of their own.
  add('proofgate (fail closed)', ENGINE_RULES)
  add('proofgate', RUN_LEVEL_RULES)
  return out
}

/** Every `{{name}}` filled with a sample word, so the template's own words and punctuation are what is checked. */
function render(text: string): string {
  const data = Object.fromEntries([...text.matchAll(/\{\{(\w+)\}\}/g)].map(([, name]) => [name!, `<${name!}>`]))
  return interpolate(text, data)
}

const PROBLEMS: Array<[string, RegExp]> = [
  ['a doubled space', / {2}/],
  ['empty parentheses', /(?<![\w$])\(\s*\)/],
  ['a space before punctuation', / [.,;:)](?!\w)/],
  ['a doubled full stop', /(?<!\.)\.\.(?!\.)/],
  ['a leading or trailing space', /^\s|\s$/],
]

describe('message templates', () => {
  const all = templates()

  it('are found in every rule table', () => {
    expect(all.length).toBeGreaterThan(150)
    expect(new Set(all.map((t) => t.table)).size).toBe(GATES.length + 2)
  })

  it('render without doubled spaces, empty parentheses or stray punctuation', () => {
    const found = all.flatMap((t) => PROBLEMS.filter(([, re]) => re.test(render(t.text))).map(([what]) => `${t.key}: ${what}: ${render(t.text)}`))
    expect(found).toEqual([])
  })

  it('end in a full stop in a table where most messages do', () => {
    const unfinished: string[] = []
    for (const table of new Set(all.map((t) => t.table))) {
      const own = all.filter((t) => t.table === table && render(t.text).trim() !== '<message>')
      const stops = own.filter((t) => /[.!?]$|\.\)$|[.:]`?$/.test(render(t.text).replace(/<\w+>$/, '')))
      if (stops.length * 2 <= own.length) continue
      for (const t of own) if (!stops.includes(t)) unfinished.push(`${t.key}: ${render(t.text)}`)
    }
    expect(unfinished).toEqual([])
  })
})
