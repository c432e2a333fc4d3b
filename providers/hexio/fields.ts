import { z } from "zod";
import { field } from "../core/resource/schema";

// The seed's e-mail pattern, verbatim (max 200 characters).
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const text = (max: number | undefined, description: string) =>
  field((max ? z.string().max(max) : z.string()).optional(), { description });

export const email = (description: string) =>
  field(z.string().max(200).regex(EMAIL, { error: "must be an e-mail address" }).optional(), { description });

export const phone = (description: string) =>
  field(
    z
      .string()
      .max(32)
      .regex(/^\+?[0-9 ]+$/, { error: "may contain digits, spaces and a leading + only" })
      .optional(),
    { description },
  );

/** A quota: required on the wire, -1 (unlimited) when the program does not set it; then managed like any setting. */
export const quota = (what: string) =>
  field(z.number().int().min(-1, { error: "must be -1 (unlimited) or more" }).default(-1), {
    description: `${what} -1 means unlimited (the default).`,
  });

/** Ids of roles; the API has no role catalogue (roles are opaque integers the platform administrator knows). */
export const roles = () =>
  field(
    z
      .array(z.number().int().positive())
      .min(1, { error: "must name at least one role; to remove the access, delete this resource" })
      .refine((r) => new Set(r).size === r.length, { error: "must not repeat a role" }),
    {
      description:
        "Role IDs the user has here; compared as a set. An empty list is refused: deleting the resource removes the access.",
      unordered: true,
    },
  );

/** Server-set metadata of every entity: outputs only, never compared (so they never cause a diff). */
export const stamps = () => ({
  genId: field(z.string().nullable(), { description: "Unique generated ID, set by the platform.", computed: true }),
  created: field(z.string().nullable(), { description: "When the entity was created (rfc3339).", computed: true }),
  createdBy: field(z.string().nullable(), { description: "Username of the account that created it.", computed: true }),
  modified: field(z.string().nullable(), {
    description: "When the entity was last modified (rfc3339).",
    computed: true,
  }),
  modifiedBy: field(z.string().nullable(), {
    description: "Username of the account that modified it last.",
    computed: true,
  }),
});
