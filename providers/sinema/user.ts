import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, ref, wireEnum, optional as opt } from "../core/resource/schema";
import { sinema } from "./client";
import { enabledField, GLOBAL_RIGHTS, groupList, ipv4 } from "./fields";

/** A user account (VPN user, administrator, service technician). */
export const User = collection({
  vendor: sinema,
  name: "User",
  description:
    "A user account. The create call answers without an id, so the user is found by `username` afterwards. Its enabled state, roles and participant groups live on endpoints of their own and are written after it exists.",
  naturalKey: ["username"],
  routes: {
    list: "GET /accounts/users",
    create: "POST /accounts/users",
    read: "GET /accounts/users/{id}",
    update: "PUT /accounts/users/users/{id}", // path as printed in the seed (doubled "users")
    delete: "DELETE /accounts/users/{id}",
  },
  fields: {
    username: field(z.string().min(1), { description: "Login name; unique on the server." }),
    password: field(z.string().min(1), {
      description:
        "Password. Secret and write-only: the server never returns it; a change is sent with the next update.",
      secret: true,
      writeOnly: true,
    }),
    loginMethod: field(wireEnum({ password: 1, pki: 2 }).default("password"), {
      description: "How the user logs in: password, or PKI certificate.",
    }),
    firstName: opt(z.string(), "First name (read back as `firstname`)."),
    lastName: opt(z.string(), "Last name (read back as `lastname`)."),
    phone: opt(z.string(), "Phone number."),
    email: opt(z.email({ error: "must be an e-mail address" }), "E-mail address (password-expiry mails go here)."),
    pkiFilterRule: opt(z.string(), "PKI DN filter rule checked at login; only with loginMethod `pki`."),
    rights: field(z.array(wireEnum(GLOBAL_RIGHTS)).optional(), {
      description:
        "Rights given to the user directly (the global rights 1-14; group rights come only through roles). Write-only: the user's GET answers the effective rights, its own merged with its roles', so they cannot be compared.",
      unordered: true,
      writeOnly: true,
    }),
    macAddress: opt(
      z
        .string()
        .regex(/^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$/, { error: "must be a MAC address such as 00:1b:1b:00:00:01" }),
      "Layer 2 MAC address.",
    ),
    layer2Activated: opt(z.boolean(), "Layer 2 on for the user."),
    fixedVpnAddress: opt(
      ipv4(),
      'Fixed VPN address; setting it turns on "Use fixed VPN address". The server never returns it.',
      { writeOnly: true },
    ),
    enabled: enabledField("user"),
    roles: field(z.array(ref("Role")).optional(), {
      description: "Roles of the user. Compared as a set; only additions and removals are written.",
      unordered: true,
    }),
    groups: groupList("Participant groups of the user."),
  },
  parts: {
    enabled: { read: "GET /accounts/users/status/{id}", write: "PUT /accounts/users/status/{id}", key: "status" },
    roles: {
      add: "POST /accounts/users/roles",
      remove: "DELETE /accounts/users/roles",
      body: (_op, id, roleId) => ({ userId: Number(id), roleId }),
    },
    groups: {
      add: "POST /accounts/users/groups",
      remove: "DELETE /accounts/users/groups",
      body: (_op, id, groupId) => ({ userId: Number(id), groupId }),
    },
  },
  computed: {
    vpnAddress: field(z.string().nullable(), {
      description: "Current VPN address (`none` while not connected).",
      computed: true,
    }),
    createdSince: field(z.string().nullable(), { description: "When the account was created (UTC).", computed: true }),
  },
  rules(inputs, fail) {
    if (inputs.pkiFilterRule !== undefined && inputs.loginMethod !== "pki")
      fail("pkiFilterRule", 'only applies with loginMethod "pki"');
  },
  // Listings name users `name`; the GET spells first and last name in lower case.
  fromWire: ({ firstname, lastname, ...wire }) => ({
    ...wire,
    username: wire.username ?? wire.name,
    firstName: wire.firstName ?? firstname,
    lastName: wire.lastName ?? lastname,
  }),
});
