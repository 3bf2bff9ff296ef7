// Small wordings shared by the gates' summaries and the reporters, so every report says a count
// and a duration the same way.

/** `1 file`, `3 files`: `n` with `word`, plural by adding `s`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** A duration in ms as seconds with one decimal: `1234` → `1.2 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
