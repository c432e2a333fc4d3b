import { StaticCredential } from "../core/auth";
import type { HttpClient } from "../core/http/client";
import { listVia, lookUpVia } from "../core/http/pages";
import { callVia, expandRoute, type Send } from "../core/http/route";
import type { Vendor, VendorSession } from "../core/connection";

type Obj = Record<string, unknown>;

/**
 * Kentix SmartAPI: a Bearer token per user, `Accept: application/json` on every request (without it the
 * device redirects to its login page), Laravel errors and 25-item pages with an absolute `links.next`.
 */
export const kentix: Vendor = {
  name: "kentix",
  wireNames: "snake_case",
  credentials: ["token"],
  defaults: { maxConcurrency: 4, timeoutMs: 20_000 },
  open(http: HttpClient, { token }): VendorSession {
    const headers = { accept: "application/json" };
    // A static token: once refused (401), no later request of the run is sent with it.
    const auth = new StaticCredential({ authorization: `Bearer ${token}` });
    const send: Send = async (method, path, body, options) =>
      (await http.request({ method, path, headers, auth, body, idempotent: options?.idempotent, describe })).body;
    const pages = lookUpVia("kentix", send, page);
    return {
      call: callVia(send),
      list: listVia("kentix", send, page),
      // No filter is documented: a name is looked up in the collection's `/names` (one answer, `[{id, name}]`).
      // Without the names route (or with an answer of another shape), the pages up to the first that holds the key.
      async lookUp(route, params, key, holds) {
        const { path } = expandRoute(route, params);
        const names =
          typeof key.name === "string" ? await send("GET", `${path}/names`).catch(() => undefined) : undefined;
        if (!Array.isArray(names) || names.some((n) => !n || typeof n !== "object" || (n as Obj).id == null))
          return pages(route, params, key, holds);
        const hits = (names as Obj[]).filter((n) => n.name === key.name);
        if (Object.keys(key).every((k) => k === "name")) return hits;
        // Other key fields (an alarm group's parent) are not in the names: each object of that name is read.
        const objects = await Promise.all(hits.map((n) => send("GET", `${path}/${encodeURIComponent(String(n.id))}`)));
        return objects.map(one).filter((o): o is Obj => !!o);
      },
      one,
    };
  },
};

/** A listing page: a bare array, or a Laravel paginator (`data` and `links.next`); anything else is not a listing. */
function page(body: unknown): { items: Obj[]; next?: string | null } | undefined {
  if (Array.isArray(body)) return { items: body as Obj[] };
  const laravel = body as { data?: unknown; links?: { next?: string | null } } | null;
  if (!laravel || typeof laravel !== "object" || !Array.isArray(laravel.data)) return undefined;
  return { items: laravel.data as Obj[], next: laravel.links?.next };
}

/** A single object arrives bare, as a one-element array (Get Webhook, Get Usergroup) or wrapped in `data`. */
function one(body: unknown): Obj | undefined {
  if (Array.isArray(body)) return body[0] as Obj | undefined;
  if (body && typeof body === "object") {
    const data = (body as Obj).data;
    return data && typeof data === "object" && !Array.isArray(data) ? (data as Obj) : (body as Obj);
  }
  return undefined;
}

/** `name: The name has already been taken.` from a Laravel 422, and plain words for the auth failures. */
function describe(body: unknown, status: number): string | undefined {
  if (status >= 300 && status < 400) {
    return "redirected to the login page: the device wants `Accept: application/json` and a valid token";
  }
  if (status === 401) return "the token was refused; check kentix:<profile>.token or KENTIX_<PROFILE>_TOKEN";
  const errors = (body as { errors?: Record<string, string[] | string> } | null)?.errors;
  if (errors && typeof errors === "object" && Object.keys(errors).length) {
    return Object.entries(errors)
      .map(([field, msgs]) => `${field}: ${Array.isArray(msgs) ? msgs.join(" ") : msgs}`)
      .join("; ");
  }
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : undefined;
}
