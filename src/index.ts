// The Action's entry point (action.yml runs dist/index.js): no logic, run() does it all.
import { run } from './action/main.js'

await run()
