import { isApiError } from "./errors";
import { registerSecret } from "./redact";

/** What a vendor login returns: the token, when it expires (epoch ms), and an optional refresh token. */
export interface TokenGrant {
  token: string;
  expiresAt?: number;
  refreshToken?: string;
}

export interface TokenSessionOptions {
  /** Full login with the configured credentials. */
  login: () => Promise<TokenGrant>;
  /** Cheaper renewal with the refresh token, where the vendor has one; a failure falls back to login. */
  renew?: (grant: TokenGrant) => Promise<TokenGrant>;
  /** Renew this long before `expiresAt` (default 60 s). */
  renewBeforeMs?: number;
  /** The vendor renews with the current, still valid token itself (no refresh token): `renew` is tried before it expires. */
  renewsWithToken?: boolean;
}

/**
 * A bearer-style token for one appliance, shared by every request of the process: one login in flight at a
 * time, renewal before expiry, and exactly one re-login when the appliance answers 401 (a token that expired
 * early or was revoked). A refused login is not retried: a wrong password gives one clear error, no storm.
 * The refusal is remembered for the life of the session, so later requests fail with the same error without
 * asking the appliance again (appliances lock accounts after repeated failed logins).
 */
export class TokenSession {
  private grant?: TokenGrant;
  private pending?: Promise<TokenGrant>;
  private refused?: unknown;

  constructor(private readonly options: TokenSessionOptions) {}

  async token(): Promise<string> {
    if (this.refused) throw this.refused;
    const grant = this.grant;
    const margin = this.options.renewBeforeMs ?? 60_000;
    if (grant && (grant.expiresAt === undefined || grant.expiresAt - margin > Date.now())) return grant.token;
    return (await this.refresh(grant)).token;
  }

  /** Runs `send` with the token; on 401 logs in again once and repeats it. */
  async withToken<T>(send: (token: string) => Promise<T>): Promise<T> {
    const token = await this.token();
    try {
      return await send(token);
    } catch (err) {
      if (!isApiError(err) || err.status !== 401) throw err;
      if (this.grant?.token === token) this.grant = undefined;
      return send(await this.token());
    }
  }

  private refresh(old: TokenGrant | undefined): Promise<TokenGrant> {
    this.pending ??= (async () => {
      try {
        let next: TokenGrant | undefined;
        const renewable = old?.refreshToken || (old && this.options.renewsWithToken && (old.expiresAt ?? Infinity) > Date.now());
        if (renewable && this.options.renew) next = await this.options.renew(old!).catch(() => undefined);
        next ??= await this.options.login().catch((err: unknown) => {
          if (isApiError(err) && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429) this.refused = err;
          throw err;
        });
        registerSecret(next.token);
        registerSecret(next.refreshToken);
        this.grant = next;
        return next;
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }
}
