/** Routes are data: "PATCH /api/alarmgroups/{id}" + {id: 7} -> ["PATCH", "/api/alarmgroups/7"]. */
export type Params = Record<string, string | number>;

export function expandRoute(route: string, params: Params = {}): { method: string; path: string } {
  const [method, template] = route.split(" ", 2);
  if (!method || !template) throw new Error(`invalid route "${route}"`);
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === "") throw new Error(`route "${route}" needs parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  return { method, path };
}

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
export const isIdempotent = (method: string) => IDEMPOTENT.has(method);
