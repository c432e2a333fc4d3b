import { CredentialError, HttpError, isHttpError } from "./errors";
import { registerSecret } from "./redact";

/** What a vendor login returns: the token, when it expires (epoch ms), and an optional refresh token. */
export interface TokenGrant {
  token: string;
  expiresAt?: number;
  /** When it was issued (epoch ms; default: when it arrived): with `expiresAt`, its lifetime. */
  issuedAt?: number;
  refreshToken?: string;
}

export interface TokenSessionOptions {
  /** Full login with the configured credentials. */
  login: () => Promise<TokenGrant>;
  /** Cheaper renewal with the refresh token, where the vendor has one; a failure falls back to login. */
  renew?: (grant: TokenGrant) => Promise<TokenGrant>;
  /** Renew at most this long before `expiresAt` (default 60 s); never earlier than the last quarter of the token's lifetime. */
  renewBeforeMs?: number;
  /** The vendor renews with the current, still valid token itself (no refresh token): `renew` is tried before it expires. */
  renewsWithToken?: boolean;
}

/**
 * How one request authenticates, asked by the HTTP client around the request's turn in the appliance's limiter:
 * `ready` before it queues (a login or renewal happens here, outside any turn), `headers` once it has its turn
 * (so a token that went stale while it waited is never sent), `settled` with the answer's status before the turn
 * is released (so a 401 is known before the next queued request is sent).
 */
export interface RequestAuth {
  ready(): Promise<void>;
  /** The headers to send now; undefined sends the request back to `ready`. Throws to fail it without sending. */
  headers(): Record<string, string> | undefined;
  /** The answer's status (undefined: no answer) to the request sent with `headers`; its error for a 401. */
  settled(headers: Record<string, string>, status: number | undefined, error?: HttpError): void;
  /** The error to throw for an error answer (a refused static credential makes it a CredentialError); default: as is. */
  failure?(error: HttpError): HttpError;
}

/** The share of a token's lifetime renewed early at most: a short-lived token is not renewed before every request. */
const RENEW_FRACTION = 0.25;

/**
 * A bearer-style token for one appliance, shared by every request of the process: one login in flight at a
 * time, renewal before expiry, and exactly one re-login when the appliance answers 401 (a token that expired
 * early or was revoked). A refused login is not retried: a wrong password gives one clear error, no storm.
 * The refusal is remembered for the life of the session, so later requests fail with the same error without
 * asking the appliance again (appliances lock accounts after repeated failed logins).
 */
export class TokenSession {
  private grant?: TokenGrant & { issuedAt: number };
  private pending?: Promise<TokenGrant>;
  private refused?: unknown;

  constructor(private readonly options: TokenSessionOptions) {}

  async token(): Promise<string> {
    if (this.refused) throw this.refused;
    const grant = this.grant;
    if (grant && !this.dueForRenewal(grant)) return grant.token;
    return (await this.refresh(grant)).token;
  }

  /** Runs `send` with the token; on 401 logs in again once and repeats it. */
  async withToken<T>(send: (token: string) => Promise<T>): Promise<T> {
    const token = await this.token();
    try {
      return await send(token);
    } catch (err) {
      if (!isHttpError(err) || err.status !== 401) throw err;
      if (this.grant?.token === token) this.grant = undefined;
      return send(await this.token());
    }
  }

  /**
   * Runs `send` with a `RequestAuth` for the HTTP client: the token is taken when the request gets its turn,
   * and a 401 drops it before the next queued request is sent (one 401 per expiry, not one per queued
   * request). On 401 the request is repeated once, after a fresh login.
   */
  async withAuth<T>(
    format: (token: string) => Record<string, string>,
    send: (auth: RequestAuth) => Promise<T>,
  ): Promise<T> {
    const auth: RequestAuth = {
      ready: async () => void (await this.token()),
      headers: () => {
        if (this.refused) throw this.refused;
        const grant = this.grant;
        return grant && (grant.expiresAt === undefined || grant.expiresAt > Date.now())
          ? format(grant.token)
          : undefined;
      },
      settled: (headers, status) => {
        if (status === 401 && this.grant && sameHeaders(format(this.grant.token), headers)) this.grant = undefined;
      },
    };
    try {
      return await send(auth);
    } catch (err) {
      if (!isHttpError(err) || err.status !== 401) throw err;
      return send(auth);
    }
  }

  private dueForRenewal(grant: TokenGrant & { issuedAt: number }): boolean {
    if (grant.expiresAt === undefined) return false;
    const lifetime = Math.max(0, grant.expiresAt - grant.issuedAt);
    const margin = Math.min(this.options.renewBeforeMs ?? 60_000, lifetime * RENEW_FRACTION);
    return grant.expiresAt - margin <= Date.now();
  }

  private refresh(old: TokenGrant | undefined): Promise<TokenGrant> {
    this.pending ??= (async () => {
      try {
        let next: TokenGrant | undefined;
        const renewable =
          old?.refreshToken || (old && this.options.renewsWithToken && (old.expiresAt ?? Infinity) > Date.now());
        if (renewable && this.options.renew) next = await this.options.renew(old!).catch(() => undefined);
        next ??= await this.options.login().catch((err: unknown) => {
          if (isHttpError(err) && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429) {
            this.refused = CredentialError.from(err);
            throw this.refused;
          }
          throw err;
        });
        registerSecret(next.token);
        registerSecret(next.refreshToken);
        this.grant = { ...next, issuedAt: next.issuedAt ?? Date.now() };
        return next;
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }
}

const sameHeaders = (a: Record<string, string>, b: Record<string, string>) =>
  Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * A static credential (an API token or key, no login): the first request of a session goes alone, and once
 * the appliance has refused the credential (401) no later request of the session is sent: it fails with
 * that refusal (appliances lock accounts after repeated failures; a wrong key costs one request per run).
 */
export class StaticCredential implements RequestAuth {
  private confirmed = false;
  private refusal?: CredentialError;
  private probe?: Promise<void>;
  private release?: () => void;

  constructor(private readonly fixed: Record<string, string>) {}

  async ready(): Promise<void> {
    while (!this.confirmed) {
      this.check();
      if (!this.probe) {
        // This request is the probe; the others wait for its answer.
        this.probe = new Promise((resolve) => (this.release = resolve));
        return;
      }
      await this.probe;
    }
  }

  headers(): Record<string, string> {
    this.check();
    return this.fixed;
  }

  settled(_headers: Record<string, string>, status: number | undefined, error?: HttpError): void {
    if (status === 401)
      this.refusal ??= CredentialError.from(error ?? new HttpError({ vendor: "?", method: "?", path: "?", status }));
    else if (status !== undefined) this.confirmed = true;
    // No answer (a reset): the next waiting request becomes the probe.
    const release = this.release;
    this.probe = this.release = undefined;
    release?.();
  }

  failure(error: HttpError): HttpError {
    return error.status === 401 ? CredentialError.from(error) : error;
  }

  private check(): void {
    const first = this.refusal;
    if (!first) return;
    throw new CredentialError({
      vendor: first.vendor,
      method: first.method,
      path: first.path,
      status: 401,
      detail: `${first.message.replace(/^.*? on \S+ \S+: /, "")} (refused by an earlier request of this run; no further request is sent with this credential)`,
      body: first.body,
    });
  }
}
