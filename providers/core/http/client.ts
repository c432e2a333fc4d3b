import type { Pool } from "undici";
import { undici } from "./undici";
import { HttpError, TransportError, isAcceptedWriteError, isTlsError, isTransportError } from "../errors";
import { redact } from "../redact";
import { Limiter } from "./limit";
import { DEFAULT_RETRY, type RetryPolicy, retryableStatus, retryDelay, sleep } from "./retry";
import { connectOptions, isTlsFailure, tlsFailure, type TlsSettings } from "./tls";
import { isIdempotent } from "./route";
import type { RequestAuth } from "../auth";

export interface HttpSettings extends TlsSettings {
  /** Origin plus optional path prefix, e.g. https://10.20.0.5 or https://proxy/appliance. */
  url: string;
  vendor: string;
  timeoutMs: number;
  maxConcurrency: number;
  retry?: Partial<RetryPolicy>;
}

export interface HttpRequest {
  method: string;
  /** Path below the connection URL, or an absolute URL on the same origin (pagination links). */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
  /**
   * The route's request has the same effect when repeated (a PATCH or settings POST with absolute values); left
   * out, the method decides. Idempotent requests are retried after 500/502/504 and lost answers; every request
   * after 429/503 (not processed) and connection failures before it was sent; a POST never after a lost answer.
   */
  idempotent?: boolean;
  /** Vendor hook turning an error body into `field: message` text. */
  describe?: (body: unknown, status: number) => string | undefined;
  /** Credentials taken when the request gets its turn (not before it queues), told about a 401 before the turn ends. */
  auth?: RequestAuth;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Process-wide: one pool and one limiter per appliance origin and TLS setting, reused for every resource. */
const pools = new Map<string, Pool>();
const limiters = new Map<string, Limiter>();

export class HttpClient {
  private readonly origin: string;
  private readonly prefix: string;
  private readonly pool: Pool;
  private readonly limiter: Limiter;
  private readonly retry: RetryPolicy;

  constructor(private readonly settings: HttpSettings) {
    const url = new URL(settings.url);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, "");
    const key = JSON.stringify([
      this.origin,
      settings.caCertPem ?? "",
      settings.certFingerprint ?? "",
      !!settings.insecure,
    ]);
    let pool = pools.get(key);
    if (!pool) {
      pool = new (undici().Pool)(this.origin, {
        connections: settings.maxConcurrency,
        connect: connectOptions(settings),
        keepAliveTimeout: 10_000,
      });
      pools.set(key, pool);
    }
    this.pool = pool;
    const limitKey = `${this.origin}|${settings.maxConcurrency}`;
    let limiter = limiters.get(limitKey);
    if (!limiter) {
      limiter = new Limiter(settings.maxConcurrency);
      limiters.set(limitKey, limiter);
    }
    this.limiter = limiter;
    this.retry = { ...DEFAULT_RETRY, ...settings.retry };
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const path = this.resolvePath(req);
    const idempotent = req.idempotent ?? isIdempotent(req.method);
    for (let attempt = 0, stale = 0; ; attempt++) {
      let res: HttpResponse | undefined;
      try {
        await req.auth?.ready();
        res = await this.limiter.run(() => this.authorized(req, path));
      } catch (err) {
        // A request that never left (refused, no connection) is safe to send again; one whose answer was lost only when idempotent.
        if (isTransportError(err) && (idempotent || !err.sent) && attempt < this.retry.maxRetries) {
          await sleep(retryDelay(attempt, this.retry));
          continue;
        }
        throw err;
      }
      // The credentials went stale while the request waited for its turn (another request's 401, expiry): get fresh ones.
      if (!res) {
        if (++stale > 3)
          throw new TransportError(
            `${this.settings.vendor}: ${req.method} ${displayPath(path)} was not sent: no valid credentials`,
            false,
          );
        attempt--;
        continue;
      }
      if (retryableStatus(res.status, idempotent) && attempt < this.retry.maxRetries) {
        await sleep(retryDelay(attempt, this.retry, header(res, "retry-after")));
        continue;
      }
      if (res.status >= 300) {
        const error = this.apiError(req, path, res);
        throw req.auth?.failure?.(error) ?? error;
      }
      return res;
    }
  }

  private apiError(req: HttpRequest, path: string, res: HttpResponse): HttpError {
    const detail = req.describe?.(res.body, res.status) ?? defaultDetail(res);
    return new HttpError({
      vendor: this.settings.vendor,
      method: req.method,
      path: displayPath(path),
      status: res.status,
      detail,
      body: typeof res.body === "string" ? res.body : JSON.stringify(res.body),
    });
  }

  /** One attempt inside the request's turn: credentials as they are now, and the outcome reported before the turn ends. */
  private async authorized(req: HttpRequest, path: string): Promise<HttpResponse | undefined> {
    if (!req.auth) return this.once(req, path);
    const headers = req.auth.headers();
    if (!headers) return undefined;
    let status: number | undefined;
    let res: HttpResponse | undefined;
    try {
      res = await this.once({ ...req, headers: { ...req.headers, ...headers } }, path);
      status = res.status;
      return res;
    } finally {
      req.auth.settled(headers, status, status === 401 ? this.apiError(req, path, res!) : undefined);
    }
  }

  private resolvePath(req: HttpRequest): string {
    let path: string;
    if (/^https?:\/\//.test(req.path)) {
      const target = new URL(req.path);
      // A device may advertise its own idea of its host in pagination links; never follow them off-origin.
      if (target.origin !== this.origin && !target.host.startsWith("localhost")) {
        throw new TransportError(
          `${this.settings.vendor}: refusing to follow a link to another origin (${target.origin})`,
          false,
        );
      }
      path = target.pathname + target.search;
    } else {
      path = this.prefix + req.path;
    }
    const query = Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined);
    if (query.length === 0) return path;
    const qs = new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)])).toString();
    return path + (path.includes("?") ? "&" : "?") + qs;
  }

  private async once(req: HttpRequest, path: string): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...req.headers };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers["content-type"] ??= "application/json";
    }
    try {
      const res = await this.pool.request({
        method: req.method as never,
        path,
        headers,
        body,
        headersTimeout: this.settings.timeoutMs,
        bodyTimeout: this.settings.timeoutMs,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, body: parseBody(text, res.headers["content-type"]) };
    } catch (err) {
      if (isTlsFailure(err)) throw await tlsFailure(this.settings.vendor, this.origin, err);
      if (isTlsError(err)) throw err;
      throw transportError(this.settings.vendor, req.method, displayPath(path), err);
    }
  }
}

function transportError(vendor: string, method: string, path: string, err: unknown): TransportError {
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code ?? "";
  const notSent =
    code === "ECONNREFUSED" || code === "UND_ERR_CONNECT_TIMEOUT" || code === "ENOTFOUND" || code === "EHOSTUNREACH";
  const timeout = code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
  const reason = timeout ? "timed out" : (err as Error).message || code;
  return new TransportError(
    `${vendor}: ${method} ${path} failed: ${reason}${notSent ? "" : " (the request may have been applied)"}`,
    !notSent,
    { cause: err, timedOut: timeout },
  );
}

/**
 * Whether the client stopped waiting for the answer (the connection's `timeoutMs`): unlike a reset, the appliance may
 * still be working on the request and apply it later.
 */
export const timedOut = (err: unknown): boolean => {
  const failure = isAcceptedWriteError(err) ? err.cause : err;
  return isTransportError(failure) && failure.timedOut;
};

function parseBody(text: string, contentType: string | string[] | undefined): unknown {
  if (text === "") return null;
  const type = String(contentType ?? "");
  if (type.includes("json") || /^[[{]/.test(text.trimStart())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function defaultDetail({ status, body, headers }: HttpResponse): string | undefined {
  if (status >= 300 && status < 400)
    return `redirected to ${String(headers.location ?? "?")} (redirects are not followed)`;
  if (body && typeof body === "object" && "message" in body) return String((body as { message: unknown }).message);
  if (typeof body === "string" && /^\s*</.test(body)) return "the answer was an HTML page, not JSON";
  if (typeof body === "string" && body.length > 0) return redact(body.slice(0, 200).replace(/\s+/g, " "));
  return undefined;
}

const displayPath = (path: string) => path.split("?")[0]!;
const header = (res: HttpResponse, name: string) => {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
