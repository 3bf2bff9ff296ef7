// The `.proofgate/checklist.yml` schema (zod): the acceptance items a release must pass, each a
// command that must exit 0. Also parses a checklist file with file:line:column problems.
import * as z from 'zod'
import { ProofgateError } from '../errors.js'
import { timeoutSeconds } from '../config/gate-options.js'
import { validateYaml } from '../config/positions.js'

/** The committed checklist, repository-relative. */
export const CHECKLIST_FILE = '.proofgate/checklist.yml'
/** `$id` of `schema/checklist.schema.json`; see config/load.ts CONFIG_SCHEMA_ID. */
export const CHECKLIST_SCHEMA_ID = 'https://unpkg.com/proofgate/schema/checklist.schema.json'
/** Seconds an item's `verify` may run when it sets no `timeout`. */
export const DEFAULT_ITEM_TIMEOUT = 300
/** Items one checklist may list (a size limit, like `proof:`'s). */
export const MAX_ITEMS = 1_000
/** An item id: lower case, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const ITEM_ID = /^[a-z0-9][a-z0-9._-]*$/

const itemSchema = z.strictObject({
  id: z.string().regex(ITEM_ID, 'an id is lower case letters, digits, ".", "_" or "-", starting with a letter or digit').max(128),
  title: z.string().trim().min(1, 'a title says what the item checks').max(300),
  verify: z.string().trim().min(1, 'verify is the command that must exit 0'),
  timeout: timeoutSeconds.default(DEFAULT_ITEM_TIMEOUT).describe('Seconds the verify command may run; it is killed with its process group after'),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']).default('critical').describe('Severity of checklist-item-failed when it fails'),
})

/** The checklist file: `items`, ids unique. */
export const checklistSchema = z.strictObject({ items: z.array(itemSchema).max(MAX_ITEMS) }).superRefine((value, ctx) => {
  const seen = new Set<string>()
  value.items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: `duplicate id "${item.id}" (ids must be unique)` })
    seen.add(item.id)
  })
})

/** One checklist item, defaults applied: `timeout` in seconds. */
export type ChecklistItem = z.output<typeof itemSchema>

/**
 * Parses the text of a checklist file; `file` names it in problems (`<sha>:<path>` for a commit's
 * version, the path given for an external file).
 * @throws ProofgateError PG_CHECKLIST_INVALID (exit 78) with every problem at file:line:column;
 *   PG_CONFIG_ENCODING / PG_CONFIG_TOO_LARGE as the config loader.
 */
export function parseChecklist(text: string, file: string): ChecklistItem[] {
  const result = validateYaml(text, file, checklistSchema)
  if (result.data === undefined) {
    const n = result.problems.length
    throw new ProofgateError('PG_CHECKLIST_INVALID', `Invalid checklist in ${file}: ${n} problem${n === 1 ? '' : 's'}`, {
      problems: result.problems,
      hint: `each item needs an id (${ITEM_ID.source}), a title and a verify command; see docs/checklist.md`,
    })
  }
  return result.data.items
}

/** JSON Schema (draft 2020-12) of the checklist, input side (defaults optional); committed as `schema/checklist.schema.json`. */
export function checklistJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(checklistSchema, { io: 'input', target: 'draft-2020-12' })
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CHECKLIST_SCHEMA_ID,
    title: 'proofgate checklist',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  }
}
