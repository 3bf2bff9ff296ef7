// How far a node --test run is, read from the TAP its reporter is still writing: the live progress
// line's count. The other runners' reporters (vitest, jest and mocha JSON) write once at the end,
// so they have no count until then.
import { readFile } from 'node:fs/promises'

const TEST_POINT = /^( *)(not )?ok \d+ - /
const SUITE = /^ *type: 'suite'$/

/** The test points in `tap` so far, suites (a `describe`) left out: `done` tests, `failed` of them. */
export function tapProgress(tap: string): { done: number; failed: number } {
  const lines = tap.split('\n')
  let done = 0
  let failed = 0
  for (const [i, line] of lines.entries()) {
    const point = TEST_POINT.exec(line)
    if (point === null) continue
    // The point's YAML block (`---` … `...`) says `type: 'suite'` for a describe; it sits within a few lines.
    if (lines.slice(i + 1, i + 5).some((l) => SUITE.test(l))) continue
    done++
    if (point[2] !== undefined) failed++
  }
  return { done, failed }
}

/**
 * Reads `file` (the TAP reporter's destination) every `everyMs` (default 1,000) and tells `report`
 * the count, while the run lasts; returns the function that stops it. A file not written yet, or
 * unreadable, is skipped quietly: the count is only shown, never judged.
 */
export function watchTapProgress(file: string, report: (text: string) => void, everyMs = 1_000): () => void {
  let last = ''
  const timer = setInterval(() => {
    readFile(file, 'utf8').then(
      (tap) => {
        const { done, failed } = tapProgress(tap)
        const text = `${done} ${done === 1 ? 'test' : 'tests'} done${failed > 0 ? `, ${failed} failed` : ''}`
        if (done > 0 && text !== last) report((last = text))
      },
      () => undefined,
    )
  }, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
