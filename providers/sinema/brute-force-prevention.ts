import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { codec, field, wireEnum } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

const unreadable = "The server returns only `policy`, so drift on it cannot be seen.";
const detail = (description: string) =>
  field(z.number().int().min(0).optional(), {
    description: `${description} Applies with policy \`userDefined\`. ${unreadable}`,
    writeOnly: true,
  });
/** A flag the manual types as an integer: true/false here, 1/0 on the wire. */
const flag = codec(z.boolean(), {
  kind: "bool",
  toWire: (v) => (v === true ? 1 : v === false ? 0 : v),
  fromWire: (v) => (v === 1 || v === true ? true : v === 0 || v === false ? false : v),
  canon: (v) => v,
  describe: "boolean (1/0 on the wire)",
});
const LOCKOUT =
  "disableInsteadOfBlock disables the account after too many failed logins instead of blocking it for a while: a wrong or rotated password in this stack's config (or someone guessing at the API user's name) would disable the API user this provider logs in with, and only an administrator can turn it on again. Set acknowledgeLockoutRisk: true to declare it anyway.";
const DETAILS = [
  "failedLoginsBeforeBlocked",
  "ipAddressBlockPeriod",
  "disableInsteadOfBlock",
  "failedTokenRequestsBeforeBlocked",
] as const;

/** How the server answers repeated failed logins (Security > General > Brute Force Prevention). */
export const BruteForcePrevention = settings({
  vendor: sinema,
  name: "BruteForcePrevention",
  description:
    "Brute Force Prevention: the pre-configured rule (`default`) or your own limits (`userDefined`). The server returns only `policy`, so every declared limit travels with every write and drift shows on `policy` alone. Disabling accounts instead of blocking them can lock this provider out and needs `acknowledgeLockoutRisk`. Destroy leaves the settings (`retain`) or puts the pre-configured rule back (`disable`: policy `default`).",
  id: "bruteforceprevention",
  updateMerge: true,
  routes: settingsRoutes("/security/general/bruteforceprevention"),
  deletePolicy: { default: "retain", options: ["retain", "disable"], disable: { policy: "default" } },
  fields: {
    policy: field(wireEnum({ default: 0, userDefined: 1 }), {
      description: "`default`: the pre-configured rule; `userDefined`: the limits below.",
    }),
    failedLoginsBeforeBlocked: detail("Failed logins accepted before further attempts are blocked for a while."),
    ipAddressBlockPeriod: detail("How long logins stay blocked after too many failures (the manual gives no unit)."),
    disableInsteadOfBlock: field(flag.optional(), {
      description: `Disable the user or device instead of blocking the login. Needs \`acknowledgeLockoutRisk\`. Applies with policy \`userDefined\`. ${unreadable}`,
      writeOnly: true,
    }),
    failedTokenRequestsBeforeBlocked: detail(
      "With two-factor authentication: wrong one-time tokens before the account is locked.",
    ),
    acknowledgeLockoutRisk: field(z.boolean().optional(), {
      description:
        "Must be `true` to set `disableInsteadOfBlock`: acknowledges that failed logins can then disable the API user this provider logs in with. Not sent.",
      writeOnly: true,
    }),
  },
  writeTogether: [["policy", ...DETAILS]],
  rules(inputs, fail) {
    if (inputs.disableInsteadOfBlock === true && inputs.acknowledgeLockoutRisk !== true)
      fail("acknowledgeLockoutRisk", LOCKOUT);
    if (inputs.policy === "userDefined") return;
    for (const k of DETAILS)
      if (inputs[k] !== undefined) fail(k, 'applies only with policy "userDefined"; declare policy: "userDefined"');
  },
  toWire: ({ acknowledgeLockoutRisk: _local, ...body }) => body,
});
