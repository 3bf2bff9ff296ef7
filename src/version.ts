// proofgate's version, injected at build time (esbuild define / vitest define) from package.json.
declare const __PROOFGATE_VERSION__: string | undefined

export const VERSION: string = typeof __PROOFGATE_VERSION__ === 'string' ? __PROOFGATE_VERSION__ : '0.0.0-dev'
