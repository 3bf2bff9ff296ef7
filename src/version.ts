// proofgate's version, injected at build time (esbuild define / vitest define) from package.json.
declare const __PROOFGATE_VERSION__: string | undefined

/** The package version the JSON and SARIF reports and `--version` print; `0.0.0-dev` when run from source without the define (tsx, plain node). */
export const VERSION: string = typeof __PROOFGATE_VERSION__ === 'string' ? __PROOFGATE_VERSION__ : '0.0.0-dev'
