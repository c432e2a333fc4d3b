import { TokenSession } from "../core/auth";
import type { Vendor, VendorSession } from "../core/connection";
import { credential } from "../core/credentials";
import { AcceptedWriteError, CheckError, ConfigError, HttpError } from "../core/errors";
import type { HttpClient, HttpResponse } from "../core/http/client";
import { sleep } from "../core/http/retry";
import { followPages, listVia, lookUpVia } from "../core/http/pages";
import { callVia, expandRoute, type Send } from "../core/http/route";

type Obj = Record<string, unknown>;
const API = "/api/v1";
const LOGIN_TYPES: Record<string, number> = { password: 1, "1": 1, umc: 2, "2": 2 };

/** Settings objects are written with POST; writing the same settings twice is harmless, so those POSTs may be retried. */
const settingsPaths = new Set<string>();
/** Per settings path: the properties its POST requires, each with why the server may hold no value for it. */
const requiredOnWrite = new Map<string, Record<string, string>>();
export function settings(path: string, required?: Record<string, string>) {
  settingsPaths.add(path);
  if (required) requiredOnWrite.set(path, required);
  return { read: `GET ${path}`, update: `POST ${path}` };
}

/**
 * A settings write carries the live values with the declared ones over them. Where a property the POST requires
 * is neither declared nor set on the server, the write would only earn a bare 422: say which one and to declare it.
 * (check cannot decide this: it makes no request, and a server that holds the value needs no declaration.)
 */
function refuseMissing(path: string, body: unknown): void {
  const required = requiredOnWrite.get(path);
  if (!required || !body || typeof body !== "object") return;
  for (const [k, why] of Object.entries(required)) {
    const v = (body as Obj)[k];
    if (v !== undefined && v !== null && v !== "") continue;
    throw new CheckError({
      property: k,
      reason: `the server requires ${k} in every write of these settings, and it has no value to keep (${why}): declare ${k}`,
    });
  }
}

/**
 * Siemens SINEMA Remote Connect API server (V3.2 SP4): `POST /api-auth` with `loginType` returns a token sent
 * as `Authorization: token <value>`; one request at a time per server by default (the seed: "allow the server
 * enough time before sending the next command"); 401 means a refused token *or* missing rights. The create
 * answers come in four shapes (`{id}`, `{ID}`, nothing, 202 with a status URL) and are reduced to `{id}` here.
 */
export const sinema: Vendor = {
  name: "sinema",
  wireNames: "asNamed",
  credentials: ["username", "password"],
  defaults: { maxConcurrency: 1, timeoutMs: 60_000 },
  open(http: HttpClient, { username, password }, connection): VendorSession {
    const profile = connection.profile;
    // 1 (password) or 2 (UMC) as the seed numbers them; one-digit values are not treated as secrets by the redactor.
    const typeName = credential("sinema", profile, "loginType", false) ?? "1";
    const loginType = LOGIN_TYPES[typeName.toLowerCase()];
    if (!loginType) throw new ConfigError(`sinema: loginType must be "password" (1) or "umc" (2), not "${typeName}"`);
    const otpToken = credential("sinema", profile, "otpToken", false);
    const accept = { accept: "application/json" };
    const auth = new TokenSession({
      async login() {
        const body = { username, password, loginType, ...(otpToken ? { otpToken } : {}) };
        const res = await http.request({
          method: "POST",
          path: `${API}/api-auth`,
          headers: accept,
          body,
          describe: describeLogin(profile),
        });
        const token = (res.body as Obj | null)?.token;
        if (typeof token !== "string" || !token) {
          const message = "sinema: the login answer carried no token";
          throw new HttpError({
            vendor: "sinema",
            method: "POST",
            path: `${API}/api-auth`,
            status: res.status,
            message,
          });
        }
        return { token }; // the lifetime (tokenExpireTime) has no documented unit: renewal happens on 401
      },
    });
    const send: Send = (method, path, body, options): Promise<unknown> =>
      auth.withAuth(
        (token) => ({ authorization: `token ${token}` }),
        async (tokenAuth): Promise<unknown> => {
          if (method === "POST") refuseMissing(path, body);
          const res = await http.request({
            method,
            path: /^https?:|^\/api\//.test(path) ? path : API + path,
            headers: accept,
            auth: tokenAuth,
            body,
            idempotent: options?.idempotent ?? (method === "POST" && settingsPaths.has(path) ? true : undefined),
            describe,
          });
          return res.status === 202 ? settle(res, (url) => send("GET", url)) : res.body;
        },
      );
    const pages = lookUpVia("sinema", send, page);
    return {
      call: callVia(send),
      list: listVia("sinema", send, page),
      // `search` (a substring of the name) where the manual documents it; elsewhere the pages up to the first
      // that holds the key. The caller keeps only exact matches.
      lookUp(route, params, key, holds) {
        const { path } = expandRoute(route, params);
        if (typeof key.name !== "string" || !SEARCHABLE.has(path) || !key.name) return pages(route, params, key, holds);
        return followPages("sinema", `${path}?search=${encodeURIComponent(key.name)}`, (p) => send("GET", p), page);
      },
      one: (body) => (body && typeof body === "object" && !Array.isArray(body) ? (body as Obj) : undefined),
      idOf: (obj) => ((obj.id ?? obj.ID) == null ? undefined : String(obj.id ?? obj.ID)),
    };
  },
};

/** The listings whose `search` parameter the manual documents (a substring of the name). */
const SEARCHABLE = new Set([
  "/connections/devices",
  "/connections/groups",
  "/accounts/roles",
  "/system/smsandemail/sms",
]);

/** A listing page: bare, or under a key with a `next` link; undefined when the answer is no listing. */
function page(body: unknown): { items: Obj[]; next?: string } | undefined {
  const found = Array.isArray(body) ? body : listIn(body);
  if (!found) return undefined;
  return {
    items: found.map((e) => (e && typeof e === "object" ? (e as Obj) : { id: e })),
    next: Array.isArray(body) ? undefined : nextLink(body),
  };
}

/**
 * Lists come bare or wrapped under a key that varies (`devices`, `groups`, `subnets` for nodes, `users` for static
 * routes, ...); undefined when the answer holds no list at all (an error envelope, HTML, nothing).
 */
function listIn(body: unknown): unknown[] | undefined {
  if (!body || typeof body !== "object") return undefined;
  return Object.values(body as Obj).find(Array.isArray) as unknown[] | undefined;
}

const nextLink = (body: unknown) => {
  const next = (body as Obj | null)?.next;
  return typeof next === "string" && next ? next : undefined;
};

/**
 * A 202 answer is an operation still running: poll its status URL until it leaves the pending states, then
 * answer `{id}` (the `...RequestId` the 202 carried). The status values are not documented: anything that
 * reads as a failure fails, anything that reads as still running is polled again, anything else is done.
 */
async function settle(res: HttpResponse, get: (url: string) => Promise<unknown>): Promise<unknown> {
  const body = (res.body ?? {}) as Obj;
  const url = Object.entries(body).find(([k, v]) => /url$/i.test(k.replace(/-/g, "")) && typeof v === "string")?.[1] as
    | string
    | undefined;
  const id = Object.entries(body).find(([k]) => /requestid$|^id$/i.test(k))?.[1];
  if (!url) return id === undefined ? body : { id };
  for (let delay = 100, waited = 0; waited < 120_000; waited += delay, delay = Math.min(delay * 2, 2_000)) {
    // The create or change was accepted: a failing poll leaves it applied or under way, not undone.
    const status = ((await get(url).catch((err) => Promise.reject(new AcceptedWriteError(err)))) ?? {}) as Obj;
    const state = String(status.status ?? "");
    if (/fail|error|invalid|reject/i.test(state)) {
      const field = status.errorField ? `${String(status.errorField)}: ` : "";
      const path = url.replace(/^https?:\/\/[^/]+/, "");
      const detail = `${field}${String(status.description ?? state)}`;
      // The appliance reported the operation failed: a refusal of the write, not a lost answer.
      const message = `sinema: the operation behind ${path} failed: ${detail}`;
      throw new HttpError({ vendor: "sinema", method: "GET", path, status: 200, detail, message });
    }
    if (!/pend|progress|running|process|accept|wait|queue/i.test(state)) return id === undefined ? status : { id };
    await sleep(delay);
  }
  throw new AcceptedWriteError(
    undefined,
    `sinema: the operation behind ${url} did not finish within 120 s; run the update again to pick it up`,
  );
}

/** `detail` carries the message (Django REST style); field errors are listed as `field: message`. */
function describe(body: unknown, status: number): string | undefined {
  const b = (body && typeof body === "object" ? body : {}) as Obj;
  const detail =
    typeof b.detail === "string"
      ? b.detail
      : typeof b.message === "string"
        ? b.message
        : typeof body === "string"
          ? body.slice(0, 200)
          : undefined;
  const errors =
    b.errors && typeof b.errors === "object"
      ? Object.entries(b.errors as Obj).map(([f, m]) => `${f}: ${Array.isArray(m) ? m.join(" ") : String(m)}`)
      : [];
  const text = [detail, ...errors].filter(Boolean).join("; ") || undefined;
  if (status === 401) {
    return `${text ?? "unauthorized"} (SINEMA RC answers 401 for missing rights as well as for a refused token; the token was renewed once, so the account lacks the right for this call)`;
  }
  return text;
}

function describeLogin(profile: string | undefined) {
  const where = profile
    ? `sinema:${profile}.username / sinema:${profile}.password`
    : "sinema:username / sinema:password";
  return (body: unknown, status: number) => {
    const text = describe(body, 0) ?? "login refused";
    if (status === 422)
      return `${text} (check sinema:${profile ? `${profile}.` : ""}otpToken: the one-time code is missing, used or wrong)`;
    // A server error or an overload says nothing about the credentials: they were not judged.
    if (status >= 500 || status === 408 || status === 429)
      return `${describe(body, 0) ?? "the server failed"} (the login itself failed on the server; the credentials were not judged)`;
    return `${text}; check ${where} and loginType; the login is not retried`;
  };
}
