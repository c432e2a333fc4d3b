import { StaticCredential } from "../core/auth";
import type { Vendor, VendorSession } from "../core/connection";
import { HttpError, malformedAnswer, ProviderBugError } from "../core/errors";
import type { HttpClient } from "../core/http/client";
import { expandRoute } from "../core/http/route";
import { redact } from "../core/redact";

type Obj = Record<string, unknown>;

/**
 * Rhombus API (api2.rhombussystems.com): an API key in `x-auth-apikey` with `x-auth-scheme: api-token`,
 * every operation a POST with a JSON body (reads too), and business errors inside HTTP 200 answers
 * (`error`/`errorMsg`, `authError`, `failedGuids`, `misconfiguredDoors`), which become ApiErrors here:
 * a 200 is never taken as success on its own.
 */
export const rhombus: Vendor = {
  name: "rhombus",
  wireNames: "asNamed",
  credentials: ["apiKey"],
  // Rhombus limits requests per organization (one token bucket shared by every key): stay gentle.
  defaults: { maxConcurrency: 2, timeoutMs: 30_000 },
  open(http: HttpClient, { apiKey }): VendorSession {
    const headers = { accept: "application/json" };
    // A static API key: once refused (401), no later request of the run is sent with it.
    const auth = new StaticCredential({ "x-auth-apikey": apiKey, "x-auth-scheme": "api-token" });
    const call = async (route: string, params?: Record<string, string | number>, body?: unknown) => {
      const { method, path } = expandRoute(route, params);
      if (method !== "POST") throw new ProviderBugError(`rhombus: every Rhombus operation is a POST, not ${route}`);
      const res = await http.request({
        method,
        path,
        headers,
        auth,
        body: body ?? {},
        // Safe to repeat, so a 429 (honouring Retry-After), 502/503/504 or a lost answer is retried: the
        // get operations only read; an update V2 writes the whole settings object, read-modify-write with the
        // server-computed fields sent back as read, so the same body twice leaves the same settings (the
        // webhook and its token are kept); a delete of an integration already deleted changes nothing.
        idempotent: true,
        describe,
      });
      return checkBody(res.body, path);
    };
    return {
      call,
      async list(route, params) {
        const body = await call(route, params);
        if (!Array.isArray(body))
          throw malformedAnswer("rhombus", "POST", expandRoute(route, params).path, body, "a JSON array");
        return body as Obj[];
      },
      one,
      // A get V2 answer of an organization that never configured the integration: the envelope with no integration.
      gone: (body) =>
        !!body &&
        typeof body === "object" &&
        !Array.isArray(body) &&
        (body as Obj).error === false &&
        (body as Obj).orgIntegrationV2 == null,
    };
  },
};

/** The integration object of a get V2 answer; none when the organization has not configured it (or the answer is a write's). */
function one(body: unknown): Obj | undefined {
  const integration = (body as Obj | null)?.orgIntegrationV2;
  return integration && typeof integration === "object" && !Array.isArray(integration)
    ? (integration as Obj)
    : undefined;
}

const list = (v: unknown) => (Array.isArray(v) ? v.filter((x) => x !== null && x !== undefined).map(String) : []);

/** Business errors of a 200 answer, in order of severity; `warningMsg` alone is a success, reported on stderr. */
function checkBody(body: unknown, path: string): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const b = body as Obj;
  const errorMsg = typeof b.errorMsg === "string" && b.errorMsg ? b.errorMsg : undefined;
  let detail: string | undefined;
  if (b.authError === true)
    detail = `authentication failed${errorMsg ? `: ${errorMsg}` : ""} (for the Kisi integration: Kisi refused apiSecretKey)`;
  else if (b.error === true) detail = errorMsg ?? "the answer reported an error without a message";
  else if (list(b.failedGuids).length)
    detail = `these ids failed to update, nothing was saved: ${list(b.failedGuids).join(", ")}`;
  else if (list(b.misconfiguredDoors).length)
    detail = `doors assigned to several Rhombus locations (saved, but flagged): ${list(b.misconfiguredDoors).join(", ")}; assign each door to one location`;
  if (detail)
    throw new HttpError({
      vendor: "rhombus",
      method: "POST",
      path,
      status: 200,
      detail: `error reported in a 200 answer: ${detail}`,
      body: JSON.stringify(body),
    });
  if (typeof b.warningMsg === "string" && b.warningMsg)
    console.warn(redact(`warning: rhombus POST ${path}: ${b.warningMsg}`));
  return body;
}

function describe(body: unknown, status: number): string | undefined {
  if (status === 401 || status === 403) {
    return "the API key was refused or its role lacks permission; check rhombus:<profile>.apiKey (or RHOMBUS_<PROFILE>_APIKEY) and that the key belongs to this region's organization";
  }
  if (status === 429)
    return "rate limited (Rhombus shares one request budget per organization); retried as Retry-After asked, then gave up";
  const b = body as Obj | null;
  if (typeof b?.msg === "string") return b.msg;
  if (typeof b?.errorMsg === "string") return b.errorMsg;
  if (typeof body === "string" && body) return body.slice(0, 200);
  return undefined;
}
