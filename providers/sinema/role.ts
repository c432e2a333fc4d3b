import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, intEnum, optional as opt } from "../core/resource/schema";
import { sinema } from "./client";
import { flatRights, GLOBAL_RIGHTS, globalRights, GROUP_RIGHTS, groupList, groupRights } from "./fields";

const names = (rights: Record<string, number>) =>
  Object.entries(rights)
    .map(([k, v]) => `${k} (${v})`)
    .join(", ");

const int = (min: number, max?: number) =>
  max === undefined ? z.number().int().min(min) : z.number().int().min(min).max(max);

/** A role: rights plus login and password policies, given to users. */
export const Role = collection({
  vendor: sinema,
  name: "Role",
  description:
    "A role: its rights and the login and password policies of its users. Rights are numbered 1-18 on the wire (a flat list); here they are named and split as the manual splits them, global rights (1-14) and group rights (15-18, for the groups of the role). Unset policies keep the server's defaults.",
  naturalKey: ["name"],
  routes: {
    list: "GET /accounts/roles",
    create: "POST /accounts/roles",
    read: "GET /accounts/roles/{id}",
    update: "PUT /accounts/roles/{id}",
    delete: "DELETE /accounts/roles/{id}",
  },
  fields: {
    name: field(z.string().min(1), { description: "Role name; unique on the server (409 otherwise)." }),
    rights: field(
      z
        .strictObject({
          global: globalRights("Global rights (1 manageUsersAndRoles ... 14 manageLayer2)."),
          group: groupRights(
            "Group rights: the same, limited to the role's own groups (15 manageOwnDevices ... 18 manageOwnLayer2).",
          ),
        })
        .optional(),
      {
        description: `Rights of the role, as the manual numbers them: \`global\` ${names(GLOBAL_RIGHTS)}; \`group\` (the same, limited to the role's own groups) ${names(GROUP_RIGHTS)}. Each list is compared as a set; \`readOnlyFullAccess\` cannot be combined with group rights (the server refuses it).`,
      },
    ),
    passwordExpire: opt(intEnum([0, 30, 90, 360]), "Days until a password expires; 0 never (server default)."),
    passwordExpirationInfiniteTolerance: opt(
      z.boolean(),
      'After expiry users can still log in and are sent to "Change password".',
    ),
    passwordExpirationToleranceTime: opt(
      int(0),
      "How long an expired password can still be used (unit not documented).",
    ),
    enablePasswordReset: opt(z.boolean(), 'Show the "Reset password" link on the login page.'),
    passwordResetLinkValidTime: opt(
      int(0),
      "Validity of the reset link (unit not documented; read back as `passwordResetLinkValidityTime`).",
    ),
    passwordReusing: opt(int(0, 5), "Different passwords before one may be reused; 0 off (server default 3)."),
    passwordChangeFirstLogin: opt(z.boolean(), "Force a password change at first login."),
    pkiDnFilterRule: opt(z.string(), "X.509 DN filter rule checked at login."),
    pkiDeleteTmpUser: opt(int(0, 72), "Hours until temporary PKI users are deleted; 0 off (server default 24)."),
    enable2FA: opt(z.boolean(), "Two-factor authentication for the role's users."),
    enableRememberToken: opt(z.boolean(), "Remember the one-time token."),
    rememberTokenTime: opt(int(1), "Days the one-time token is remembered (server default 1)."),
    accessTokenTimeout: opt(int(1), "Minutes a new access token is valid."),
    sessionNeverExpires: opt(z.boolean(), "Sessions never expire."),
    refreshTokenTimeout: opt(int(1), "Hours a session lasts."),
    umcUserGroup: opt(
      z.string(),
      "UMC user group (as named on the UMC server); non-empty turns on UMC login for the role.",
    ),
    umcDeleteTmpUser: opt(
      int(1, 9999),
      "Hours until temporary UMC users are deleted (server default 30 with UMC login).",
    ),
    oidcPolicies: field(
      z
        .array(
          z.strictObject({
            oidcKeyInToken: field(z.string().min(1), { description: "Claim key in the token." }),
            oidcValueInToken: field(z.string().min(1), { description: "Claim value." }),
          }),
        )
        .optional(),
      { description: "OAuth/OpenID claims that grant the role. Compared as a set.", unordered: true },
    ),
    oidcRelationBetweenClaims: opt(
      int(0),
      "AND (all claims) or OR (any claim); the manual does not document the numbers.",
    ),
    oidcDeleteTmpUser: opt(int(0), "Days until temporary OAuth/OpenID users are deleted."),
    groups: groupList("Participant groups of the role."),
  },
  parts: {
    groups: {
      add: "POST /accounts/roles/groups",
      remove: "DELETE /accounts/roles/groups",
      body: (_op, id, groupId) => ({ roleId: Number(id), groupId }),
    },
  },
  rules(inputs, fail) {
    const rights = inputs.rights as { global?: string[]; group?: string[] } | undefined;
    if (rights?.global?.includes("readOnlyFullAccess") && rights.group?.length)
      fail("rights", "readOnlyFullAccess cannot be combined with group rights");
  },
  toWire: (body) => (body.rights ? { ...body, rights: flatRights(body.rights).sort((a, b) => a - b) } : body),
  fromWire(wire) {
    const out = {
      ...wire,
      passwordResetLinkValidTime: wire.passwordResetLinkValidTime ?? wire.passwordResetLinkValidityTime,
    };
    if (wire.rights === undefined) return out;
    const all = flatRights(wire.rights);
    return { ...out, rights: { global: all.filter((r) => r <= 14), group: all.filter((r) => r >= 15) } };
  },
});
