import { z } from "zod";
import { field } from "./resource/schema";
import { HttpClient } from "./http/client";
import { credential } from "./credentials";
import { normalizeFingerprint } from "./http/tls";
import type { CallOptions } from "./http/route";
import { observeWrites } from "./resource/listings";

/**
 * Addressing and TLS trust for one appliance. Never a credential: those come from stack config or the
 * environment by `profile`, so they never land in state and rotating one causes no diff.
 */
export const connectionShape = {
  url: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://10.20.0.5" })
    .refine((u) => !/\/\/[^/]*@/.test(u), { error: "must not carry credentials; use stack config or the environment" })
    .refine((u) => !/[?#]/.test(u), { error: "must not carry a query or fragment" }),
  profile: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, {
      error: "may contain letters, digits, _ and - only (it becomes part of a config key and an environment variable)",
    })
    .optional(),
  caCertPem: field(
    z
      .string()
      .includes("-----BEGIN CERTIFICATE-----", { error: "must be a PEM certificate (-----BEGIN CERTIFICATE-----)" })
      .optional(),
    { description: "PEM of the CA (or the self-signed certificate) to trust.", longText: true },
  ),
  certFingerprint: z
    .string()
    .refine((v) => normalizeFingerprint(v).length === 64 && /^(sha256:)?[0-9a-fA-F:]+$/i.test(v), {
      error: 'must be a SHA-256 certificate fingerprint, e.g. "sha256:AB:CD:..." (64 hex digits)',
    })
    .optional(),
  insecure: z.boolean().optional(),
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  maxConcurrency: z.number().int().min(1).max(64).optional(),
  retry: z
    .strictObject({
      maxRetries: z.number().int().min(0).max(10).optional(),
      baseDelayMs: z.number().int().min(0).max(60_000).optional(),
      maxDelayMs: z.number().int().min(0).max(600_000).optional(),
    })
    .optional(),
};

export const connectionSchema = field(
  z.strictObject(connectionShape).check((ctx) => {
    if (ctx.value.insecure && (ctx.value.caCertPem || ctx.value.certFingerprint)) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        path: ["insecure"],
        message: "conflicts with caCertPem/certFingerprint: choose one way to trust the appliance",
      });
    }
  }),
  { description: "Where the appliance is and how to trust its TLS certificate. Credentials are never part of it." },
);

export type Connection = z.output<typeof connectionSchema>;
export type ConnectionArgs = z.input<typeof connectionSchema>;

export interface VendorSession {
  /** One API call; returns the parsed body. Throws typed errors. `options.idempotent` marks a route whose body holds absolute values. */
  call(
    route: string,
    params?: Record<string, string | number>,
    body?: unknown,
    options?: CallOptions,
  ): Promise<unknown>;
  /** Every item of a collection, across pages. */
  list(route: string, params?: Record<string, string | number>): Promise<Record<string, unknown>[]>;
  /**
   * The items of the listing `route` that may carry the natural-key values `key` (wire names), for fewer requests
   * than the whole listing: the vendor's filter or lookup route, else paging that stops at the first page
   * `holds`. The caller matches the items exactly. Undefined: nothing cheaper here; the caller lists it all.
   */
  lookUp?(
    route: string,
    params: Record<string, string | number>,
    key: Record<string, unknown>,
    holds: (items: Record<string, unknown>[]) => boolean,
  ): Promise<Record<string, unknown>[] | undefined>;
  /** The single object inside a response body (vendors wrap it differently); undefined when there is none or it is soft-deleted. */
  one(body: unknown): Record<string, unknown> | undefined;
  /**
   * Whether a success answer to a read documents that the object is gone or not there (a soft delete, a
   * settings object never configured). Without it only a 404 means gone: a read answer without an object is
   * an error, since a malformed answer must never drop a resource from state.
   */
  gone?(body: unknown): boolean;
  /** The id of an object or create answer, where the vendor does not call it `id`. */
  idOf?(obj: Record<string, unknown>): string | undefined;
}

/** How a vendor's API names fields on the wire: `snake_case` of the property names, or the property names as they are (camelCase JSON). */
export type WireNaming = "snake_case" | "asNamed";

export interface Vendor {
  name: string;
  /** The wire-naming convention of every kind of this vendor (default `snake_case`); a kind overrides it only with a reason. */
  wireNames?: WireNaming;
  /** Credential keys looked up per profile, e.g. ["token"]. */
  credentials: string[];
  defaults: { maxConcurrency: number; timeoutMs: number };
  open(http: HttpClient, credentials: Record<string, string>, connection: Connection): VendorSession;
}

const sessions = new Map<string, VendorSession>();

/** Forget sessions and everything cached per session (natural-key indexes); for hosts that outlive one run, and tests. */
export const clearSessions = () => sessions.clear();

/** One session per vendor, connection and profile for the life of the process (pools and logins are reused). */
export function openSession(vendor: Vendor, connection: Connection): VendorSession {
  const key = JSON.stringify([vendor.name, connection]);
  let session = sessions.get(key);
  if (!session) {
    const creds = Object.fromEntries(
      vendor.credentials.map((k) => [k, credential(vendor.name, connection.profile, k)!]),
    );
    const http = new HttpClient({
      ...connection,
      vendor: vendor.name,
      timeoutMs: connection.timeoutMs ?? vendor.defaults.timeoutMs,
      maxConcurrency: connection.maxConcurrency ?? vendor.defaults.maxConcurrency,
      retry: connection.retry,
    });
    // Writes drop the listings that serve reads (resource/listings.ts).
    session = observeWrites(vendor.open(http, creds, connection));
    sessions.set(key, session);
  }
  return session;
}
