/** Users and roles: their rights, group memberships, role assignments and enabled state. */
import type { Row } from "../store";
import type { Rules } from "../validate";
import { body, checked, type Context, fail, id, notFound, ok } from "./shared";

export function accountRoutes({ o, db, T, R, route, names, unique, list, pairs, associate, status }: Context): void {
  const USER: Rules = {
    username: { kind: "string", required: true, min: 1 },
    firstName: { kind: "string" },
    lastName: { kind: "string" },
    phone: { kind: "string" },
    email: { kind: "string" },
    loginMethod: { kind: "int", required: true, values: [1, 2] },
    pkiFilterRule: { kind: "string" },
    rights: { kind: "ints", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] },
    macAddress: { kind: "string" },
    layer2Activated: { kind: "bool" },
    fixedVpnAddress: { kind: "ipv4" },
    password: { kind: "string", required: true, min: 1 },
  };
  const userRules = (current?: Row) => (v: Record<string, unknown>) =>
    v.pkiFilterRule && (v.loginMethod ?? current?.loginMethod) !== 2
      ? { pkiFilterRule: "only permissible when loginMethod = 2" }
      : {};
  const effectiveRights = (u: Row) => {
    const all = new Set<number>((u.rights as number[] | undefined) ?? []);
    for (const r of R.userRoles.membersOf(u.id))
      for (const x of (T.roles.get(r)?.rights as number[] | undefined) ?? []) all.add(x);
    const sorted = [...all].sort((a, b) => a - b);
    return { global_privileges: sorted.filter((r) => r <= 14), group_privileges: sorted.filter((r) => r >= 15) };
  };
  route("GET /accounts/users", (req) =>
    list(
      req,
      T.users.all().map((u) => ({ id: u.id, name: u.username })),
      "users",
    ),
  );
  route("POST /accounts/users", (req) =>
    checked(
      req.body,
      USER,
      false,
      "Invalid entry",
      (v) => {
        if (unique("users", "username", v.username)) return fail(409, "The user already exists.");
        if (T.users.size >= o.licenses.users) return fail(403, "Not enough licenses");
        const row = T.users.insert({ ...v, createdSince: new Date().toISOString() });
        db.status.users.set(row.id, true);
        return ok(); // the seed documents no body for this answer
      },
      userRules(),
    ),
  );
  route("GET /accounts/users/groups", (req) => pairs("userGroups", "users", "groups", id(req.query.userId)));
  route("POST /accounts/users/groups", (req) =>
    associate("userGroups", "users", "groups", "userId", "groupId", "add", body(req)),
  );
  route("DELETE /accounts/users/groups", (req) =>
    associate("userGroups", "users", "groups", "userId", "groupId", "remove", body(req)),
  );
  route("GET /accounts/users/roles", (req) => pairs("userRoles", "users", "roles", id(req.query.userId), "roles"));
  route("POST /accounts/users/roles", (req) =>
    associate("userRoles", "users", "roles", "userId", "roleId", "add", body(req)),
  );
  route("DELETE /accounts/users/roles", (req) =>
    associate("userRoles", "users", "roles", "userId", "roleId", "remove", body(req)),
  );
  status("users", "user");
  route("GET /accounts/users/{id}", (_q, p) => {
    const u = T.users.get(id(p.id));
    if (!u) return notFound();
    return ok({
      username: u.username,
      loginMethod: u.loginMethod,
      firstname: u.firstName ?? "",
      lastname: u.lastName ?? "",
      phone: u.phone ?? "",
      pkiFilterRule: u.pkiFilterRule ?? "",
      email: u.email ?? "",
      roles: names("roles", R.userRoles.membersOf(u.id)),
      rights: effectiveRights(u),
      groups: names("groups", R.userGroups.membersOf(u.id)),
      state: false,
      lastLogin: "",
      createdSince: u.createdSince,
      vpnAddress: "none",
      layer2Configuration: "",
      macAddress: u.macAddress ?? "",
      layer2Activated: u.layer2Activated ?? false,
      password_policy: "",
      "2FA": false,
      sessionPolicy: "",
    });
  });
  // The edit path is printed with a doubled "users"; the emulator serves it as printed (see README).
  route("PUT /accounts/users/users/{id}", (req, p) => {
    const u = T.users.get(id(p.id));
    if (!u) return notFound();
    return checked(
      req.body,
      USER,
      true,
      "Invalid entry",
      (v) => {
        if (v.username !== undefined && unique("users", "username", v.username, () => true, u.id))
          return fail(409, "The user already exists.");
        T.users.update(u.id, v);
        return ok({ id: u.id });
      },
      userRules(u),
    );
  });
  route("DELETE /accounts/users/{id}", (_q, p) => (db.remove("users", id(p.id)) ? ok() : notFound()));

  route("GET /accounts/roles", (req) =>
    list(
      req,
      T.roles.all().map((r) => ({ id: r.id, name: r.name })),
      null,
    ),
  ); // bare array, as in the worked example
  route("POST /accounts/roles", (req) =>
    checked(
      req.body,
      ROLE,
      false,
      "Invalid entry",
      (v) => {
        if (unique("roles", "name", v.name)) return fail(409, "The role already exists.");
        return ok({ id: T.roles.insert(roleDefaults(v)).id });
      },
      roleRules,
    ),
  );
  route("GET /accounts/roles/groups", (req) => pairs("roleGroups", "roles", "groups", id(req.query.roleId)));
  route("POST /accounts/roles/groups", (req) =>
    associate("roleGroups", "roles", "groups", "roleId", "groupId", "add", body(req)),
  );
  route("DELETE /accounts/roles/groups", (req) =>
    associate("roleGroups", "roles", "groups", "roleId", "groupId", "remove", body(req)),
  );
  route("GET /accounts/roles/{id}", (_q, p) => {
    const r = T.roles.get(id(p.id));
    if (!r) return notFound();
    const { id: _i, passwordResetLinkValidTime, ...fields } = r;
    return ok({
      ...fields,
      passwordResetLinkValidityTime: passwordResetLinkValidTime,
      groups: names("groups", R.roleGroups.membersOf(r.id)),
    });
  });
  route("PUT /accounts/roles/{id}", (req, p) => {
    const r = T.roles.get(id(p.id));
    if (!r) return notFound();
    return checked(req.body, ROLE, true, "Invalid entry", (v) => {
      if (v.name !== undefined && unique("roles", "name", v.name, () => true, r.id))
        return fail(409, "The role already exists.");
      const rights = (v.rights ?? r.rights) as number[];
      if (rights.includes(13) && rights.some((x) => x >= 15))
        return fail(422, "Group authorizations and read-only access cannot be used at the same time");
      T.roles.update(r.id, v);
      return ok({ id: r.id });
    });
  });
  route("DELETE /accounts/roles/{id}", (_q, p) => (db.remove("roles", id(p.id)) ? ok() : notFound()));
}

export const ROLE: Rules = {
  name: { kind: "string", required: true, min: 1 },
  rights: { kind: "ints", values: Array.from({ length: 18 }, (_, i) => i + 1) },
  passwordExpire: { kind: "int", values: [0, 30, 90, 360] },
  passwordExpirationInfiniteTolerance: { kind: "bool" },
  passwordExpirationToleranceTime: { kind: "int", min: 0 },
  enablePasswordReset: { kind: "bool" },
  passwordResetLinkValidTime: { kind: "int", min: 0 },
  passwordReusing: { kind: "int", min: 0, max: 5 },
  passwordChangeFirstLogin: { kind: "bool" },
  pkiDnFilterRule: { kind: "string" },
  pkiDeleteTmpUser: { kind: "int", min: 0, max: 72 },
  enable2FA: { kind: "bool" },
  enableRememberToken: { kind: "bool" },
  rememberTokenTime: { kind: "int", min: 1 },
  accessTokenTimeout: { kind: "int", min: 1 },
  sessionNeverExpires: { kind: "bool" },
  refreshTokenTimeout: { kind: "int", min: 1 },
  umcUserGroup: { kind: "string" },
  umcDeleteTmpUser: { kind: "int", min: 1, max: 9999 },
  oidcPolicies: { kind: "policies" },
  oidcRelationBetweenClaims: { kind: "int", min: 0 },
  oidcDeleteTmpUser: { kind: "int", min: 0 },
};

const roleRules = (v: Record<string, unknown>) => {
  const rights = (v.rights as number[] | undefined) ?? [];
  return rights.includes(13) && rights.some((x) => x >= 15)
    ? { rights: "Group authorizations and read-only access cannot be used at the same time" }
    : {};
};

/** The server's defaults for a new role (the seed names them). */
export function roleDefaults(v: Record<string, unknown>): Record<string, unknown> {
  return {
    rights: [],
    passwordExpire: 0,
    passwordExpirationInfiniteTolerance: false,
    passwordExpirationToleranceTime: 0,
    enablePasswordReset: false,
    passwordResetLinkValidTime: 24,
    passwordReusing: 3,
    passwordChangeFirstLogin: false,
    pkiDnFilterRule: "",
    pkiDeleteTmpUser: 24,
    enable2FA: false,
    enableRememberToken: false,
    rememberTokenTime: 1,
    accessTokenTimeout: 60,
    sessionNeverExpires: false,
    refreshTokenTimeout: 8,
    umcUserGroup: "",
    umcDeleteTmpUser: 30,
    oidcPolicies: [],
    oidcRelationBetweenClaims: 0,
    oidcDeleteTmpUser: 1,
    ...v,
  };
}
