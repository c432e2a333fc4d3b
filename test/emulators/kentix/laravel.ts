/** The Laravel conventions the Kentix device shows on the wire: messages, 422 bodies, paginator, 404/405, login redirect. */
import type { EmulatorRequest, EmulatorResponse } from "../common";

/** Laravel's displayable attribute name: underscores become spaces, dots stay ("webhooks.0.webhook id"). */
export const attr = (key: string): string => key.replace(/_/g, " ");

/** Laravel 9 English validation messages (the wording the brief fixes, e.g. "must be between"). */
export const msg = {
  required: (k: string) => `The ${attr(k)} field is required.`,
  requiredIf: (k: string, other: string, value: unknown) =>
    `The ${attr(k)} field is required when ${attr(other)} is ${String(value)}.`,
  prohibited: (k: string) => `The ${attr(k)} field is prohibited.`,
  string: (k: string) => `The ${attr(k)} must be a string.`,
  maxChars: (k: string, max: number) => `The ${attr(k)} must not be greater than ${max} characters.`,
  integer: (k: string) => `The ${attr(k)} must be an integer.`,
  boolean: (k: string) => `The ${attr(k)} field must be true or false.`,
  between: (k: string, min: number, max: number) => `The ${attr(k)} must be between ${min} and ${max}.`,
  min: (k: string, min: number) => `The ${attr(k)} must be at least ${min}.`,
  invalid: (k: string) => `The selected ${attr(k)} is invalid.`,
  taken: (k: string) => `The ${attr(k)} has already been taken.`,
  url: (k: string) => `The ${attr(k)} must be a valid URL.`,
  date: (k: string) => `The ${attr(k)} is not a valid date.`,
  array: (k: string) => `The ${attr(k)} must be an array.`,
};

/** Collects field errors in the order they are found; the first one becomes the summary message. */
export class ValidationErrors {
  private readonly map = new Map<string, string[]>();

  add(key: string, message: string): void {
    const list = this.map.get(key) ?? [];
    list.push(message);
    this.map.set(key, list);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  get empty(): boolean {
    return this.map.size === 0;
  }

  /** 422 with Laravel's summary: first message + " (and N more error[s])". */
  response(): EmulatorResponse {
    const all = [...this.map.values()].flat();
    const more = all.length - 1;
    const suffix = more > 0 ? ` (and ${more} more ${more === 1 ? "error" : "errors"})` : "";
    return { status: 422, body: { message: all[0] + suffix, errors: Object.fromEntries(this.map) } };
  }
}

/** A 422 that is not about input fields (e.g. a delete blocked by references). */
export function unprocessable(key: string, message: string): EmulatorResponse {
  return { status: 422, body: { message, errors: { [key]: [message] } } };
}

export const PER_PAGE = 25;

/** Laravel's paginator envelope; links are absolute, built from the Host the client used. */
export interface Page {
  data: unknown[];
  links: { first: string; last: string; prev: string | null; next: string | null };
  meta: Record<string, unknown>;
}

export function paginate(req: EmulatorRequest, items: unknown[]): Page {
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / PER_PAGE));
  const requested = /^\d+$/.test(req.query.page ?? "") ? Number(req.query.page) : 1;
  const page = Math.max(requested, 1); // Laravel falls back to page 1 for junk
  const start = (page - 1) * PER_PAGE;
  const data = items.slice(start, start + PER_PAGE);
  const path = req.origin + req.path;
  const url = (n: number) => `${path}?page=${n}`;
  const prev = page > 1 ? url(page - 1) : null;
  const next = page < lastPage ? url(page + 1) : null;
  const pageLinks = Array.from({ length: lastPage }, (_, i) => ({
    url: url(i + 1),
    label: String(i + 1),
    active: i + 1 === page,
  }));
  return {
    data,
    links: { first: url(1), last: url(lastPage), prev, next },
    meta: {
      current_page: page,
      from: data.length ? start + 1 : null,
      last_page: lastPage,
      links: [
        { url: prev, label: "&laquo; Previous", active: false },
        ...pageLinks,
        { url: next, label: "Next &raquo;", active: false },
      ],
      path,
      per_page: PER_PAGE,
      to: data.length ? start + data.length : null,
      total,
    },
  };
}

/** Route-model binding miss: `No query results for model [App\Models\Alarmgroup] 99`. */
export function modelNotFound(model: string, id: string): EmulatorResponse {
  return { status: 404, body: { message: `No query results for model [App\\Models\\${model}] ${id}` } };
}

export function routeNotFound(path: string): EmulatorResponse {
  return { status: 404, body: { message: `The route ${path.replace(/^\//, "")} could not be found.` } };
}

export function methodNotAllowed(method: string, path: string, allowed: string[]): EmulatorResponse {
  const methods = allowed.flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m])).join(", ");
  return {
    status: 405,
    headers: { Allow: methods },
    body: {
      message: `The ${method} method is not supported for route ${path.replace(/^\//, "")}. Supported methods: ${methods}.`,
    },
  };
}

export const unauthenticated = (): EmulatorResponse => ({ status: 401, body: { message: "Unauthenticated." } });

/**
 * Laravel's expectsJson(): the most preferred Accept entry must be JSON. "*\/*", a missing header or
 * "text/html, application/json" all count as a browser and get the login redirect.
 */
export function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const entries = accept
    .split(",")
    .map((part, index) => {
      const [type, ...params] = part.split(";").map((s) => s.trim());
      const q = params.find((p) => p.startsWith("q="));
      return { type: type.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return /[/+]json$/.test(entries[0]?.type ?? "");
}

/** Symfony's RedirectResponse, as the device sends it to a request that did not ask for JSON. */
export function redirectToLogin(origin: string): EmulatorResponse {
  const target = `${origin}/login`;
  const html = `<!DOCTYPE html>
<html>
    <head>
        <meta charset="UTF-8" />
        <meta http-equiv="refresh" content="0;url='${target}'" />
        <title>Redirecting to ${target}</title>
    </head>
    <body>
        Redirecting to <a href="${target}">${target}</a>.
    </body>
</html>`;
  return { status: 302, headers: { Location: target, "Content-Type": "text/html; charset=UTF-8" }, body: html };
}

/** The web UI's login page, so a client that follows the redirect gets HTML 200, as on the device. */
export function loginPage(): EmulatorResponse {
  return {
    status: 200,
    headers: { "Content-Type": "text/html; charset=UTF-8" },
    body: '<!DOCTYPE html><html><head><title>KentixONE - Login</title></head><body><form method="post" action="/login"></form></body></html>',
  };
}

/** Laravel serialises timestamps with microseconds: "2023-01-07T18:08:44.000000Z". */
export function laravelTimestamp(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, ".000000Z");
}

/** Laravel only reads a JSON body when the request says it is JSON; anything else is empty input. */
export function jsonInput(req: EmulatorRequest): Record<string, unknown> {
  const isJson = /[/+]json\b/i.test(req.headers["content-type"] ?? "");
  return isJson && isPlainObject(req.body) ? req.body : {};
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
