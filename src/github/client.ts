// The only place that builds an Octokit: @actions/github's client with the retry and throttling
// plugins, so 5xx answers and secondary rate limits are retried before a reporter gives up.
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

/** The Octokit instance {@link createGitHubClient} returns (REST methods plus `paginate`), retrying and throttled. */
export type GitHubClient = ReturnType<typeof getOctokit>

/** `owner/name` of the repository the calls address. */
export interface RepoRef {
  owner: string
  repo: string
}

/** Where {@link createGitHubClient} sends requests and how long it keeps trying under rate limits. */
export interface ClientOptions {
  /** REST API root, e.g. `https://api.github.com` (GITHUB_API_URL); tests point it at 127.0.0.1. */
  baseUrl: string
  /** Retries of a request that hit a rate limit (primary or secondary) before it fails; default 2. */
  rateLimitRetries?: number
  /** Where retry decisions are logged (never the token). */
  log?(message: string): void
}

/**
 * An authenticated client. 5xx and network errors are retried by @octokit/plugin-retry (3 times,
 * 1 s × n² apart); rate limits by @octokit/plugin-throttling, waiting the `retry-after` GitHub
 * sends (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 */
export function createGitHubClient(token: string, options: ClientOptions): GitHubClient {
  const retries = options.rateLimitRetries ?? 2
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string; request: object }, _octokit: unknown, retryCount: number): boolean => {
      const again = retryCount < retries
      options.log?.(`${kind} rate limit on ${request.method} ${request.url}: ${again ? `retrying in ${retryAfter} s` : 'giving up'}`)
      return again
    }
  return getOctokit(
    token,
    {
      baseUrl: options.baseUrl.replace(/\/$/, ''),
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
      // Octokit's default logger prints warnings to the console; route them to the step log.
      log: { debug: () => {}, info: () => {}, warn: (m: string) => options.log?.(m), error: (m: string) => options.log?.(m) },
    },
    retry,
    throttling,
  )
}

/** The HTTP status of an Octokit RequestError, or undefined for other errors. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

/** True for the 403 a read-only token gets on a write (a fork's pull request, Dependabot), not a rate limit. */
export function isReadOnlyTokenError(error: unknown): boolean {
  if (statusOf(error) !== 403) return false
  const message = error instanceof Error ? error.message : ''
  return !/rate limit/i.test(message)
}
