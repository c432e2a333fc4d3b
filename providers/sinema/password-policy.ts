import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field, wireEnum } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

const count = (description: string) =>
  field(z.number().int().min(0).optional(), { description: `${description} Applies with policy \`userDefined\`.` });
const MINIMA = [
  "minPasswordLength",
  "minNumericCharacter",
  "minSpecialCharacter",
  "minLowercaseLetter",
  "minUppercaseLetter",
] as const;

/** What a password must contain (Security > General > Configure access). */
export const PasswordPolicy = settings({
  vendor: sinema,
  name: "PasswordPolicy",
  description:
    "The server's password policy: the pre-configured rules (`default`) or your own minimums (`userDefined`). It applies to passwords set from then on; the manual says nothing of existing passwords being refused, so it needs no acknowledgement (the provider's login keeps working). Only the declared settings are managed. Destroy leaves the policy (`retain`) or writes back the values found before (`restore`).",
  id: "passwordpolicy",
  updateMerge: true,
  routes: settingsRoutes("/security/general/passwordpolicy"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    policy: field(wireEnum({ default: 0, userDefined: 1 }).optional(), {
      description: "`default`: the pre-configured rules; `userDefined`: the minimums below.",
    }),
    minPasswordLength: count("Minimum length of a password."),
    minNumericCharacter: count("Minimum number of digits."),
    minSpecialCharacter: count("Minimum number of special characters."),
    minLowercaseLetter: count("Minimum number of lowercase letters."),
    minUppercaseLetter: count("Minimum number of uppercase letters."),
  },
  rules(inputs, fail) {
    if (inputs.policy === "userDefined") return;
    for (const k of MINIMA)
      if (inputs[k] !== undefined) fail(k, 'applies only with policy "userDefined"; declare policy: "userDefined"');
  },
});
