/**
 * The SINEMA RC HTTP surface under /api/v1: token login, rights and dispatch. The routes live per area of the API
 * (devices, groups, accounts, system, settings); shared.ts holds the route table and the helpers they share.
 */
import { randomBytes } from "node:crypto";
import type { EmulatorRequest, Handler } from "../../common";
import { accountRoutes } from "./accounts";
import { deviceRoutes } from "./devices";
import { groupRoutes } from "./groups";
import { portGroupRoutes } from "./port-groups";
import { settingRoutes } from "./settings";
import { type Account, API, type ApiOptions, body, createContext, fail, notFound, ok, type Res } from "./shared";
import { systemRoutes } from "./system";

export type { Account, ApiOptions } from "./shared";
export { ROLE, roleDefaults } from "./accounts";

const NO_RIGHTS = "The user does not have the necessary access rights";

export function createSinemaHandler(o: ApiOptions): Handler {
  const tokens = new Map<string, { username: string; expires: number }>();
  o.onTokens?.(() => tokens.clear());
  const c = createContext(o);
  // Earlier routes win, so the order is part of the behaviour: each area registers its literal sub-paths before
  // its /{id} ones (the Syslog hostname setting before /services/syslog/{id}; port groups before /subnets/{id}).
  portGroupRoutes(c);
  deviceRoutes(c);
  groupRoutes(c);
  accountRoutes(c);
  systemRoutes(c);
  settingRoutes(c);

  const login = (req: EmulatorRequest): Res => {
    const b = body(req);
    const account = o.accounts().find((a) => a.username === b.username && a.password === b.password);
    if (typeof b.username !== "string" || typeof b.password !== "string" || !Number.isInteger(b.loginType))
      return fail(400, "Invalid parameters specified");
    if (!account || (account.loginType ?? 1) !== b.loginType)
      return fail(400, "Login is not possible with the entered login information.");
    if (account.otp !== undefined && b.otpToken !== account.otp) return fail(422, "The one-time token is invalid");
    if (o.singleTokenPerUser) for (const [t, v] of tokens) if (v.username === account.username) tokens.delete(t);
    const token = randomBytes(20).toString("hex");
    tokens.set(token, { username: account.username, expires: Date.now() + o.tokenTtlMs() });
    return ok({ token });
  };

  return (req) => {
    if (!req.path.startsWith(`${API}/`)) return notFound();
    if (req.method === "POST" && req.path === `${API}/api-auth`) return login(req);
    const token = /^token ([0-9a-f]+)$/.exec(req.headers.authorization ?? "")?.[1];
    const session = token ? tokens.get(token) : undefined;
    if (!session || session.expires <= Date.now()) {
      if (token) tokens.delete(token);
      return fail(401, "Invalid token.");
    }
    const account = o.accounts().find((a) => a.username === session.username);
    if (!account || !allowed(account, req.method, req.path.slice(API.length))) return fail(401, NO_RIGHTS);
    const match = c.router.match(req.method, req.path);
    if (match.kind === "not-found") return notFound();
    if (match.kind === "method-not-allowed")
      return {
        status: 405,
        headers: { Allow: match.allowed.join(", ") },
        body: { detail: `Method "${req.method}" not allowed.` },
      };
    return match.handler(req, match.params);
  };
}

/** Which right a call needs (1 users/roles, 4 system and services, 5 devices, 7 remote connections; 13 reads everything). */
function allowed(account: Account, method: string, path: string): boolean {
  const rights = account.rights ?? Array.from({ length: 18 }, (_, i) => i + 1);
  if (method === "GET" && rights.includes(13)) return true;
  const need = path.startsWith("/accounts/")
    ? 1
    : path.startsWith("/connections/devices")
      ? 5
      : path.startsWith("/connections/groups")
        ? 7
        : 4;
  return rights.includes(need);
}
