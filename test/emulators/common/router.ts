/** Route table keyed by strings like "GET /api/items/{id}". Vendors decide what 404 and 405 look like. */
import type { EmulatorRequest, EmulatorResponse } from "./types";

export type Params = Record<string, string>;
export type RouteHandler = (req: EmulatorRequest, params: Params) => EmulatorResponse | Promise<EmulatorResponse>;

export type RouteMatch =
  | { kind: "found"; handler: RouteHandler; params: Params }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

interface Route {
  method: string;
  pattern: PathPattern;
  handler: RouteHandler;
}

/** A compiled "/api/items/{id}" pattern; each {param} matches one path segment. */
export interface PathPattern {
  match(path: string): Params | undefined;
}

export function compilePath(template: string): PathPattern {
  const names: string[] = [];
  const source = template
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      names.push(param[1]);
      return "([^/]+)";
    })
    .join("/");
  const re = new RegExp(`^${source}$`);
  return {
    match(path) {
      const m = re.exec(trimSlash(path));
      if (!m) return undefined;
      return Object.fromEntries(names.map((name, i) => [name, safeDecode(m[i + 1])]));
    },
  };
}

export class Router {
  private readonly routes: Route[] = [];

  /** Register "METHOD /path/{param}". Earlier routes win, so add literal paths before {param} ones. */
  add(route: string, handler: RouteHandler): this {
    const m = /^([A-Z]+) (\/\S*)$/.exec(route);
    if (!m) throw new Error(`bad route "${route}": expected "METHOD /path"`);
    this.routes.push({ method: m[1], pattern: compilePath(m[2]), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = route.pattern.match(path);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: "found", handler: route.handler, params };
      allowed.add(route.method);
    }
    return allowed.size ? { kind: "method-not-allowed", allowed: [...allowed] } : { kind: "not-found" };
  }
}

// Servers commonly treat "/items/" as "/items".
function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
