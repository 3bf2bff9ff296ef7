// Progress while the gates run, on stderr. On a terminal: one live line per running gate, redrawn
// in place and erased before the report. In logs (hooks, CI): a start and an end line, only for
// gates that take longer than a threshold, so a fast run prints nothing extra.
import type { GateId } from '../findings/types.js'
import type { GateResult, Reporter } from '../runner/types.js'
import { seconds } from '../util/text.js'

/** How often the live lines are redrawn on a terminal (ms). */
export const REDRAW_MS = 200
/** A gate that runs longer than this gets a start and an end line in non-terminal output (ms). */
export const SLOW_GATE_MS = 2_000

/** Where progress goes and how it behaves; `now` and the timers are injectable for unit tests. */
export interface ProgressOptions {
  write(text: string): void
  /** Live lines redrawn in place (a terminal) or start/end lines for slow gates (a log). */
  live: boolean
  /** Each line's prefix: `proofgate: ` on the CLI, '' where the writer adds its own (the hooks' `proofgate - `). */
  prefix?: string
  /** Default {@link SLOW_GATE_MS}. */
  slowMs?: number
}

/**
 * Whether progress may be drawn live: stderr is a terminal, the run is not in CI (`CI` set and not
 * `false`) and `TERM` is not `dumb`.
 */
export function liveProgress(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0'
  return stream.isTTY === true && !ci && env.TERM !== 'dumb'
}

const ENDED: Record<GateResult['status'], string> = {
  pass: 'passed',
  fail: 'failed',
  errored: 'errored',
  inconclusive: 'was inconclusive',
  skipped: 'was skipped',
}

/** `tests passed in 12.3 s`: a slow gate's end line (also the live mode's summary when one is needed). */
export function endLine(result: GateResult): string {
  return `${result.id} ${ENDED[result.status]} in ${seconds(result.durationMs)}`
}

/** A reporter that shows progress (see the file comment); it writes nothing after `onRunEnd`. */
export function progressReporter(options: ProgressOptions): Reporter {
  const prefix = options.prefix ?? ''
  const slowMs = options.slowMs ?? SLOW_GATE_MS
  const running = new Map<GateId, { started: number; announced: boolean; timer?: NodeJS.Timeout; detail?: string }>()
  let drawn = 0
  let ticker: NodeJS.Timeout | undefined

  const erase = (): string => (drawn === 0 ? '' : `\r\u001b[${drawn}A\u001b[J`)
  const redraw = (): void => {
    const now = performance.now()
    const lines = [...running].map(([id, r]) => `${prefix}${id} running… ${seconds(now - r.started)}${r.detail === undefined ? '' : ` · ${r.detail}`}`)
    // Cursor up over the last frame, erase to the end of the screen, draw the new one.
    options.write(`${erase()}${lines.map((l) => `${l}\n`).join('')}`)
    drawn = lines.length
  }
  const stopTicker = (): void => {
    if (ticker !== undefined) clearInterval(ticker)
    ticker = undefined
  }

  return {
    name: 'progress',
    onGateProgress(id, text) {
      const entry = running.get(id)
      if (entry !== undefined) entry.detail = text
    },
    onGateStart(id) {
      const entry: { started: number; announced: boolean; timer?: NodeJS.Timeout; detail?: string } = { started: performance.now(), announced: false }
      running.set(id, entry)
      if (options.live) {
        if (ticker === undefined) {
          ticker = setInterval(redraw, REDRAW_MS)
          ticker.unref()
        }
        redraw()
        return
      }
      // The start line waits until the gate has run `slowMs`: a fast gate prints nothing.
      entry.timer = setTimeout(() => {
        entry.announced = true
        options.write(`${prefix}${id} started\n`)
      }, slowMs)
      entry.timer.unref()
    },
    onGateEnd(result) {
      const entry = running.get(result.id)
      running.delete(result.id)
      if (entry === undefined) return
      if (options.live) {
        if (running.size === 0) stopTicker()
        redraw()
        return
      }
      clearTimeout(entry.timer)
      if (entry.announced) options.write(`${prefix}${endLine(result)}\n`)
    },
    onRunEnd() {
      stopTicker()
      for (const entry of running.values()) clearTimeout(entry.timer)
      running.clear()
      // The final table replaces the live lines.
      if (options.live && drawn > 0) options.write(erase())
      drawn = 0
    },
  }
}
