// The process-level cleanup registry: handlers exist only while something needs cleaning up, so a
// process with nothing to remove keeps the default SIGINT/SIGTERM behaviour.
import { describe, expect, it } from 'vitest'
import { onTerminationSignal } from '../../../src/util/termination.js'

describe('onTerminationSignal', () => {
  it('installs one SIGINT and one SIGTERM handler for any number of tasks, and removes them with the last task', () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]
    const first = onTerminationSignal(() => undefined)
    const second = onTerminationSignal(async () => undefined)
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual([before[0]! + 1, before[1]! + 1])
    first()
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual([before[0]! + 1, before[1]! + 1])
    second()
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before)
    // Unregistering twice changes nothing.
    second()
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before)
  })
})
