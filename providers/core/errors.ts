import { redact } from "./redact";

/**
 * Typed errors. Branch on `code`, not instanceof: the runtime may be loaded twice (program and
 * plugin copies). Messages are redacted at construction, so no secret can leak through them.
 */
export class FacilityError extends Error {
  readonly code: string = "FACILITY_ERROR";
  constructor(message: string, options?: { cause?: unknown }) {
    super(redact(message), options);
    this.name = new.target.name;
  }
}

export interface ApiErrorInit {
  vendor: string;
  method: string;
  path: string;
  status: number;
  detail?: string;
  body?: string;
}

/** The appliance answered with an error status: `acme API 422 on POST /api/zones: name: ...`. */
export class ApiError extends FacilityError {
  override readonly code = "FACILITY_API_ERROR";
  readonly vendor: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: string;
  constructor(init: ApiErrorInit) {
    super(`${init.vendor} API ${init.status} on ${init.method} ${init.path}${init.detail ? `: ${init.detail}` : ""}`);
    this.vendor = init.vendor;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.body = redact((init.body ?? "").slice(0, 500));
  }
}

/**
 * A success answer that is not what the vendor documents for this call (an HTML page, truncated JSON, an error
 * envelope, a bare string, nothing at all): an error naming vendor, method and path, never taken as an empty
 * collection or as a deleted object.
 */
export function malformedAnswer(
  vendor: string,
  method: string,
  path: string,
  body: unknown,
  expected: string,
): ApiError {
  return new ApiError({
    vendor,
    method,
    path: path.replace(/^https?:\/\/[^/]+/, "").split("?")[0]!,
    status: 200,
    detail: `expected ${expected}, got ${bodyExcerpt(body)}`,
    body: typeof body === "string" ? body : JSON.stringify(body ?? null),
  });
}

/** A short description of an answer body for an error message (redacted with the message). */
export function bodyExcerpt(body: unknown): string {
  if (body === null || body === undefined || body === "") return "an empty answer";
  if (typeof body === "string")
    return /^\s*</.test(body) ? "an HTML page" : `the text ${JSON.stringify(clip(body.replace(/\s+/g, " ")))}`;
  const json = JSON.stringify(body);
  return `${Array.isArray(body) ? "the array" : typeof body === "object" ? "the object" : "the value"} ${clip(json)}`;
}
const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** No HTTP answer: refused, reset, timed out, or the answer was lost. `sent` says whether the request may have been applied. */
export class TransportError extends FacilityError {
  override readonly code = "FACILITY_TRANSPORT_ERROR";
  constructor(
    message: string,
    readonly sent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The appliance's TLS certificate is not trusted; the message says how to trust it. */
export class TlsError extends FacilityError {
  override readonly code = "FACILITY_TLS_ERROR";
}

/** Missing or invalid connection settings or credentials. */
export class ConfigError extends FacilityError {
  override readonly code = "FACILITY_CONFIG_ERROR";
}

/** The object's natural key is taken on the appliance; the message names the id and how to adopt it. */
export class ConflictError extends FacilityError {
  override readonly code = "FACILITY_CONFLICT";
}

export const isApiError = (e: unknown): e is ApiError => (e as { code?: string })?.code === "FACILITY_API_ERROR";
export const isTransportError = (e: unknown): e is TransportError =>
  (e as { code?: string })?.code === "FACILITY_TRANSPORT_ERROR";
export const isNotFound = (e: unknown): boolean => isApiError(e) && e.status === 404;

/**
 * Marks an error raised after the appliance accepted a write, while following it up (polling an operation it
 * answered 202 for, say): the write may have been applied, as after a lost answer. Returns the error.
 */
export function afterAcceptance<E>(err: E): E {
  if (err && typeof err === "object") Object.assign(err, { accepted: true });
  return err;
}

/** Whether a failed write may nevertheless have been applied: its answer was lost, or a follow-up failed. */
export const mayHaveApplied = (e: unknown): boolean =>
  (isTransportError(e) && e.sent) || (e as { accepted?: unknown } | null)?.accepted === true;
