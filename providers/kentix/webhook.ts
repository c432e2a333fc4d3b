import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, wireEnum } from "../core/resource/schema";
import { kentix } from "./client";

const stamps = {
  createdAt: field(z.string().nullable(), { description: "When the appliance created the webhook.", computed: true }),
  updatedAt: field(z.string().nullable(), {
    description: "When the appliance last changed the webhook.",
    computed: true,
  }),
};

/** An outgoing HTTP notification the appliance sends when an alarm group fires it. */
export const Webhook = collection({
  vendor: kentix,
  name: "Webhook",
  description:
    "An outgoing HTTP request the appliance sends on events (assigned to alarm groups with `AlarmGroup.webhooks`).",
  naturalKey: ["name"],
  listComplete: true, // list items are whole objects (real clients compare webhook fields from the listing)
  routes: {
    list: "GET /api/webhooks",
    create: "POST /api/webhooks",
    read: "GET /api/webhooks/{id}",
    update: "PATCH /api/webhooks/{id}",
    delete: "DELETE /api/webhooks/{id}",
  },
  fields: {
    name: field(z.string().min(1).max(255), {
      description: "Name of the webhook; unique per appliance (enforced by this provider).",
    }),
    isActive: field(z.boolean().optional(), {
      description: "Whether the webhook is enabled (appliance default: true).",
    }),
    url: field(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }), {
      description:
        "URL the request is sent to. The SmartAPI documentation warns that some parameters must be URL-encoded.",
    }),
    requestType: field(wireEnum({ POST: 0, GET: 1, PATCH: 2, DELETE: 3 }).optional(), {
      description: "HTTP method of the request.",
    }),
    contentType: field(wireEnum({ "text/plain": 0, "application/json": 1, "application/xml": 2 }).optional(), {
      description: "Content type of `data`.",
    }),
    data: field(z.string().nullable().optional(), {
      description: "Payload template; the appliance substitutes variables such as `$GROUP_ID$`.",
      longText: true,
    }),
    authenticationMode: field(wireEnum({ none: 0, basic: 1, bearer: 2 }).optional(), {
      description: "How the request authenticates.",
    }),
    username: field(z.string().min(1).optional(), {
      description: "Basic-auth user name (authenticationMode `basic`).",
    }),
    password: field(z.string().min(1).optional(), {
      description:
        "Basic-auth password (authenticationMode `basic`). Secret; write-only, because the SmartAPI documentation does not say whether the appliance returns it or a placeholder.",
      secret: true,
      writeOnly: true,
    }),
    bearerToken: field(z.string().min(1).optional(), {
      description:
        "Bearer token (authenticationMode `bearer`); sent in the wire field `username`. Secret and write-only.",
      secret: true,
      writeOnly: true,
    }),
  },
  computed: stamps,
  rules(inputs, fail) {
    const mode = inputs.authenticationMode ?? "none";
    const needs: Record<string, string[]> = { none: [], basic: ["username", "password"], bearer: ["bearerToken"] };
    const need = needs[mode] ?? [];
    for (const key of ["username", "password", "bearerToken"] as const) {
      if (need.includes(key) && inputs[key] === undefined)
        fail(key, `is required when authenticationMode is "${mode}"`);
      if (!need.includes(key) && inputs[key] !== undefined)
        fail(key, `has no effect when authenticationMode is "${mode}"`);
    }
  },
  writeTogether: [["authenticationMode", "username", "password", "bearerToken"]],
  // The wire has one `username` field: the user name for Basic, the token for Bearer. Credentials the
  // mode does not use are cleared, so a token does not linger on the appliance.
  toWire(body) {
    if (!("authentication_mode" in body)) return body;
    const { bearer_token, ...rest } = body;
    return { ...rest, username: bearer_token ?? rest.username ?? null, password: rest.password ?? null };
  },
  fromWire(wire) {
    const { username, ...rest } = wire;
    return String(wire.authentication_mode) === "2" ? { ...rest, bearer_token: username } : wire;
  },
});
