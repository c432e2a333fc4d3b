import { ProviderBugError } from "../errors";

/** Routes are data: "PATCH /api/zones/{id}" + {id: 7} -> ["PATCH", "/api/zones/7"]. */
export type Params = Record<string, string | number>;

export function expandRoute(route: string, params: Params = {}): { method: string; path: string } {
  const [method, template] = route.split(" ", 2);
  if (!method || !template) throw new ProviderBugError(`invalid route "${route}"`);
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === "") throw new ProviderBugError(`route "${route}" needs parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  return { method, path };
}

/**
 * How a call may be repeated. `idempotent: true` says the route's request has the same effect when sent twice
 * whatever its method (a PATCH or settings POST carrying absolute values), so it is retried like a GET; left
 * out, the method decides (GET, HEAD, PUT, DELETE, OPTIONS).
 */
export interface CallOptions {
  idempotent?: boolean;
}

/** A vendor's request function: method, path (or absolute URL) and JSON body to the parsed answer body. */
export type Send = (method: string, path: string, body?: unknown, options?: CallOptions) => Promise<unknown>;

/** A session's `call` for a vendor whose routes are plain method + path: the route filled in, then `send`. */
export const callVia =
  (send: Send) =>
  (route: string, params?: Params, body?: unknown, options?: CallOptions): Promise<unknown> => {
    const { method, path } = expandRoute(route, params);
    return send(method, path, body, options);
  };

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
export const isIdempotent = (method: string) => IDEMPOTENT.has(method);
