import { type RequestAuth, TokenSession, type TokenGrant } from "../core/auth";
import type { Vendor, VendorSession } from "../core/connection";
import { ConfigError, HttpError, malformedAnswer } from "../core/errors";
import type { HttpClient } from "../core/http/client";
import { type CallOptions, expandRoute } from "../core/http/route";
import { registerSecret } from "../core/redact";
import { UNKNOWN } from "../core/resource/check";

type Obj = Record<string, unknown>;

const HTTPS_ONLY =
  "must be an https URL: the Primis Mobile API is served over https only (the Mobile API User Guide, Getting Started)";

/** Routes that authenticate with the mobile user's e-mail and password (HTTP Basic); all others with the access token. */
const BASIC = new Set(["POST /api/mobile/login", "DELETE /api/mobile/registration"]);

/**
 * Identiv Primis Mobile API. The provider acts as one mobile user on one registered device: `phoneId` comes
 * from config (`primis:<profile>.phoneId`), chosen once by the operator, because every distinct phoneId
 * takes a licence seat. Login (Basic, e-mail + password, `{phoneId}`) gives a JWT access token and a refresh
 * token; both live in memory only. Renewal uses the refresh token (not rotated by Primis), a refused
 * renewal falls back to one login, and a 401 leads to exactly one re-login (`TokenSession`).
 * Operation outcomes are in the body: a state change succeeded only when `result` is "Granted".
 */
export const primis: Vendor = {
  name: "primis",
  wireNames: "snake_case",
  credentials: ["email", "password", "phoneId"],
  defaults: { maxConcurrency: 4, timeoutMs: 30_000 },
  open(http: HttpClient, { email, password, phoneId }, connection): VendorSession {
    if (!/^https:/i.test(connection.url)) throw new ConfigError(`primis: connection.url ${HTTPS_ONLY}`);
    const basic = `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;
    registerSecret(basic.slice("Basic ".length));
    const send = async (
      method: string,
      path: string,
      body: unknown,
      authorization: string | RequestAuth,
      idempotent?: boolean,
    ): Promise<unknown> => {
      const auth = typeof authorization === "string" ? undefined : authorization;
      const headers = { accept: "application/json", ...(typeof authorization === "string" ? { authorization } : {}) };
      const res = await http.request({ method, path, headers, auth, body, idempotent, describe });
      forgetSecrets(res.body);
      return checkGranted(res.body, method, path, res.status);
    };
    const tokens = new TokenSession({
      login: async () => grantOf(await send("POST", "/api/mobile/login", { phoneId }, basic)),
      // Primis does not rotate the refresh token: the renewal answer carries a new access token only.
      renew: async (old) => ({
        ...grantOf(await send("POST", "/api/mobile/access_token", {}, `Bearer ${old.refreshToken}`)),
        refreshToken: old.refreshToken,
      }),
    });
    const call = async (
      route: string,
      params: Record<string, string | number> = {},
      body?: unknown,
      options?: CallOptions,
    ) => {
      // `{phoneId}` in a path (the admin listings) is always this session's own registered device.
      const { method, path } = expandRoute(route, { ...params, phoneId });
      if (BASIC.has(route)) return send(method, path, body, basic);
      return tokens.withAuth(
        (token) => ({ authorization: `Bearer ${token}` }),
        (auth) => send(method, path, body, auth, options?.idempotent),
      );
    };
    return {
      call,
      async list(route, params) {
        const body = await call(route, params);
        if (!Array.isArray(body) || body.some((item) => !item || typeof item !== "object"))
          throw malformedAnswer(
            "primis",
            "GET",
            expandRoute(route, { ...params, phoneId }).path,
            body,
            "a JSON array of objects",
          );
        return body as Obj[];
      },
      one,
    };
  },
};

/** `check` rule shared by every Primis resource: the connection must be https, before any request. */
export function httpsOnly(inputs: Obj, fail: (property: "connection.url", reason: string) => void): void {
  const url = (inputs.connection as { url?: unknown } | undefined)?.url;
  if (typeof url === "string" && url !== UNKNOWN && !/^https:/i.test(url)) fail("connection.url", HTTPS_ONLY);
}

/** The single object of an answer, without tokens or the beacon configuration (it holds an API key); a bare `{status, result}` is none. */
export function one(body: unknown): Obj | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const { jwt: _jwt, refreshToken: _refresh, beacon: _beacon, ...rest } = body as Obj;
  return Object.keys(rest).every((k) => k === "status" || k === "result") ? undefined : rest;
}

/** The login answer's `beacon` is JSON inside JSON (documented as an object, sent as a string). */
export function parseBeacon(value: unknown): Obj | undefined {
  if (value && typeof value === "object") return value as Obj;
  if (typeof value !== "string") return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Obj) : undefined;
  } catch {
    return undefined;
  }
}

/** Tokens of any login (also a DeviceRegistration's, which are discarded) and the beacon API key never reach a message. */
function forgetSecrets(body: unknown): void {
  if (!body || typeof body !== "object") return;
  const b = body as Obj;
  registerSecret(b.jwt);
  registerSecret(b.refreshToken);
  registerSecret(parseBeacon(b.beacon)?.apiKey);
}

function grantOf(body: unknown): TokenGrant {
  const b = (body ?? {}) as Obj;
  if (typeof b.jwt !== "string")
    throw new HttpError({
      vendor: "primis",
      method: "POST",
      path: "/api/mobile/login",
      status: 200,
      detail: "the answer carried no access token (jwt)",
    });
  return {
    token: b.jwt,
    expiresAt: claimOf(b.jwt, "exp"),
    issuedAt: claimOf(b.jwt, "iat"),
    refreshToken: typeof b.refreshToken === "string" ? b.refreshToken : undefined,
  };
}

/** `exp` or `iat` of a JWT (seconds) in epoch ms; read from the token, since lifetimes are configured per server. */
function claimOf(jwt: string, name: "exp" | "iat"): number | undefined {
  try {
    const value = (
      JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>
    )[name];
    return typeof value === "number" ? value * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** `status: "ok"` only means the API reached Primis; the outcome is `result`, "Granted" on success (per item for batches). */
function checkGranted(body: unknown, method: string, path: string, status: number): unknown {
  const items = Array.isArray(body) ? body : [body];
  items.forEach((item, i) => {
    const result = item && typeof item === "object" ? (item as Obj).result : undefined;
    if (result === undefined || result === "Granted") return;
    const where = Array.isArray(body) ? ` for item ${i}` : "";
    throw new HttpError({
      vendor: "primis",
      method,
      path,
      status,
      detail: `Primis did not grant the operation${where}: result ${JSON.stringify(result)}`,
      body: JSON.stringify(body),
    });
  });
  return body;
}

function describe(body: unknown, status: number): string | undefined {
  const message = typeof (body as Obj | null)?.message === "string" ? ((body as Obj).message as string) : undefined;
  if (status === 401) {
    return "the e-mail/password or the token was refused; check primis:<profile>.email and primis:<profile>.password (or PRIMIS_<PROFILE>_EMAIL / PRIMIS_<PROFILE>_PASSWORD)";
  }
  if (status === 400 && message && /licens/i.test(message)) {
    return `${message} Every distinct phoneId takes a licence seat: keep primis:<profile>.phoneId stable, or deregister a device first.`;
  }
  if (status === 403)
    return `${message ?? "forbidden"} (states, schedules and the admin listings need a Primis administrator)`;
  return message;
}
