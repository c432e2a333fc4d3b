import { redact } from "./redact";

/**
 * Typed errors, one class per stable `code` (as undici does). The runtime is loaded twice (the program's copy and
 * the plugin's), so an error made by one copy must be recognised by the other: every error carries the codes of its
 * class and its ancestors under a `Symbol.for` key, the `is…Error` guards read them, and `instanceof` does too
 * (`Symbol.hasInstance`). Messages are redacted at construction, so no secret can leak through them.
 */
const kCodes = Symbol.for("pulumi-facility.error.codes");

/** Where users report bugs (package.json `bugs.url`; a test keeps the two equal). */
export const BUGS_URL = "https://github.com/pulumi-facility/pulumi-facility/issues";

type Codes = { readonly [kCodes]?: readonly string[] };

/** Whether `e` was made by the class with this code or a subclass of it, by any loaded copy of this module. */
function hasCode(e: unknown, code: string): boolean {
  const codes = e && typeof e === "object" ? (e as Codes)[kCodes] : undefined;
  return Array.isArray(codes) && codes.includes(code);
}

const guard =
  <T>(code: string) =>
  (e: unknown): e is T =>
    hasCode(e, code);

export class FacilityError extends Error {
  static readonly code: string = "FACILITY_ERROR";
  readonly code: string;
  declare readonly [kCodes]: readonly string[];

  constructor(message: string, options?: { cause?: unknown }) {
    super(redact(message), options);
    this.name = new.target.name;
    this.code = new.target.code;
    const codes: string[] = [];
    for (let c: { code?: string } = new.target; c !== Error; c = Object.getPrototypeOf(c)) codes.push(c.code!);
    Object.defineProperty(this, kCodes, { value: Object.freeze(codes) });
  }

  /** `instanceof` by code: true for errors of this class made by another copy of this module. */
  static override [Symbol.hasInstance](e: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass asked about (`e instanceof ConfigError`)
    return hasCode(e, this.code);
  }
}

/** Invalid input found before any request was sent: which property, and why. */
export class CheckError extends FacilityError {
  static override readonly code = "FACILITY_CHECK_ERROR";
  readonly property: string;
  readonly reason: string;
  constructor(init: { property: string; reason: string; message?: string }, options?: { cause?: unknown }) {
    super(init.message ?? `${init.property}: ${init.reason}`, options);
    this.property = init.property;
    this.reason = redact(init.reason);
  }
}

export interface HttpErrorInit {
  vendor: string;
  method: string;
  path: string;
  status: number;
  detail?: string;
  body?: string;
  /** The whole message, where the vendor's own wording says more than `<vendor> API <status> on <method> <path>`. */
  message?: string;
}
/** @deprecated the former name of {@link HttpErrorInit}. */
export type ApiErrorInit = HttpErrorInit;

/**
 * The appliance answered with an error status (`acme API 422 on POST /api/zones: name: ...`), or with a success
 * status and an answer that is not what the vendor documents (an HTML page, an error envelope, no token).
 */
export class HttpError extends FacilityError {
  static override readonly code: string = "FACILITY_API_ERROR";
  readonly vendor: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The vendor's explanation (redacted), as it appears after the colon in the message. */
  readonly detail?: string;
  readonly body: string;
  constructor(init: HttpErrorInit, options?: { cause?: unknown }) {
    super(
      init.message ??
        `${init.vendor} API ${init.status} on ${init.method} ${init.path}${init.detail ? `: ${init.detail}` : ""}`,
      options,
    );
    this.vendor = init.vendor;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    if (init.detail) this.detail = redact(init.detail);
    this.body = redact((init.body ?? "").slice(0, 500));
  }
}

/** The former name of {@link HttpError}, kept for existing imports. */
export const ApiError = HttpError;
export type ApiError = HttpError;

/**
 * The appliance refused the credentials: a login answered 4xx, or a static token or key answered 401. An
 * {@link HttpError} too (status, vendor, path); the message is the refusal's.
 */
export class CredentialError extends HttpError {
  static override readonly code = "FACILITY_CREDENTIAL_ERROR";
  /** The same answer as a credential refusal (same message and fields). */
  static from(refusal: HttpError): CredentialError {
    return isCredentialError(refusal) ? refusal : new CredentialError(refusal, { cause: refusal });
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
): HttpError {
  return new HttpError({
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

/**
 * No HTTP answer: refused, reset, timed out, or the answer was lost. `sent` says whether the request may have been
 * applied; `timedOut` that the client stopped waiting (the appliance may still apply it later).
 */
export class TransportError extends FacilityError {
  static override readonly code = "FACILITY_TRANSPORT_ERROR";
  readonly timedOut: boolean;
  constructor(
    message: string,
    readonly sent: boolean,
    options?: { cause?: unknown; timedOut?: boolean },
  ) {
    super(message, options);
    this.timedOut = options?.timedOut === true;
  }
}

/** The appliance's TLS certificate is not trusted; the message says how to trust it. */
export class TlsError extends FacilityError {
  static override readonly code = "FACILITY_TLS_ERROR";
}

/** Missing or invalid connection settings, credentials settings or installation. */
export class ConfigError extends FacilityError {
  static override readonly code = "FACILITY_CONFIG_ERROR";
}

/** The object's natural key is taken on the appliance; the message names the id and how to adopt it. */
export class ConflictError extends FacilityError {
  static override readonly code = "FACILITY_CONFLICT";
}

/**
 * The object was created, but a follow-up call failed. Carries exactly what the Pulumi SDK's dynamic provider reads
 * to keep a partially created object in state (`id`, `properties`, `reasons`; see `grpcResponseFromError` in
 * `@pulumi/pulumi/cmd/dynamic-provider`), so nothing is orphaned: the next `up` updates it.
 */
export class PartialCreateError extends FacilityError {
  static override readonly code = "FACILITY_PARTIAL_CREATE";
  readonly id: string;
  /** The outputs as written so far (JSON-safe). */
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];
  constructor(init: { id: string; properties: Record<string, unknown>; cause: unknown }) {
    const reason = messageOf(init.cause);
    super(`created ${init.id}, but completing it failed: ${reason}`, { cause: init.cause });
    this.id = init.id;
    this.properties = init.properties;
    this.reasons = [redact(reason)];
  }
}

/**
 * A failure that came after the appliance accepted a write (polling an operation it answered 202 for, say): the
 * write may have been applied, as after a lost answer. Wraps the failure (`cause`); the message is the cause's
 * unless one is given.
 */
export class AcceptedWriteError extends FacilityError {
  static override readonly code = "FACILITY_ACCEPTED_WRITE";
  constructor(cause: unknown, message?: string) {
    super(message ?? messageOf(cause), cause === undefined ? undefined : { cause });
  }
}

/** An impossible state: a bug in pulumi-facility, not in the user's program or the appliance. */
export class ProviderBugError extends FacilityError {
  static override readonly code = "FACILITY_PROVIDER_BUG";
  constructor(message: string, options?: { cause?: unknown }) {
    super(`${message}; this is a bug in pulumi-facility, please report it at ${BUGS_URL}`, options);
  }
}

export const isFacilityError = guard<FacilityError>(FacilityError.code);
export const isCheckError = guard<CheckError>(CheckError.code);
export const isHttpError = guard<HttpError>(HttpError.code);
export const isCredentialError = guard<CredentialError>(CredentialError.code);
export const isTransportError = guard<TransportError>(TransportError.code);
export const isTlsError = guard<TlsError>(TlsError.code);
export const isConfigError = guard<ConfigError>(ConfigError.code);
export const isConflictError = guard<ConflictError>(ConflictError.code);
export const isPartialCreateError = guard<PartialCreateError>(PartialCreateError.code);
export const isAcceptedWriteError = guard<AcceptedWriteError>(AcceptedWriteError.code);
export const isProviderBugError = guard<ProviderBugError>(ProviderBugError.code);
/** The former name of {@link isHttpError}. */
export const isApiError = isHttpError;

/** The appliance answered 404, directly or while following up a write it had accepted. */
export const isNotFound = (e: unknown): boolean => {
  const answer = isAcceptedWriteError(e) ? e.cause : e;
  return isHttpError(answer) && answer.status === 404;
};

/** Whether a failed write may nevertheless have been applied: its answer was lost, or a follow-up failed. */
export const mayHaveApplied = (e: unknown): boolean => (isTransportError(e) && e.sent) || isAcceptedWriteError(e);

function messageOf(err: unknown): string {
  return err instanceof Error || (err && typeof err === "object" && "message" in err)
    ? String((err as { message: unknown }).message)
    : String(err);
}
