export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseDelayMs: 250, maxDelayMs: 10_000 };
/** The appliance says it did not process the request (rate limited, unavailable): safe to repeat whatever the method. */
export const NOT_PROCESSED_STATUS = new Set([429, 503]);
/** A failure the request may have caused or seen half-done (server error, gateway): repeated only when it is idempotent. */
export const RETRY_IF_IDEMPOTENT_STATUS = new Set([500, 502, 504]);

/** Whether an answer with this status is worth sending again: `idempotent` is the route's property, not its method's. */
export const retryableStatus = (status: number, idempotent: boolean) =>
  NOT_PROCESSED_STATUS.has(status) || (idempotent && RETRY_IF_IDEMPOTENT_STATUS.has(status));

/** Full-jitter exponential backoff, or the server's Retry-After (seconds or HTTP date) when it gives one. */
export function retryDelay(attempt: number, policy: RetryPolicy, retryAfter?: string | null): number {
  const hinted = parseRetryAfter(retryAfter);
  if (hinted !== undefined) return Math.min(hinted, Math.max(policy.maxDelayMs, 60_000));
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(Math.random() * cap);
}

export function parseRetryAfter(value?: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
