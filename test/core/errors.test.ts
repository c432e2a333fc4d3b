/**
 * The typed errors: each guard recognises its class (and subclasses) and no other, also for errors made by a second
 * loaded copy of the module (the program and the plugin each load the package): the built copy in dist/ and a fresh
 * copy of the source. The partial-create error is read by the Pulumi SDK's own dynamic-provider code.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { StaticCredential, TokenSession } from "../../providers/core/auth";
import * as source from "../../providers/core/errors";
import { timedOut } from "../../providers/core/http/client";
import { registerSecret } from "../../providers/core/redact";

type Errors = typeof source;
const root = path.join(__dirname, "..", "..");
const built = createRequire(__filename)(path.join(root, "dist/providers/core/errors.js")) as Errors;

/** One instance of every class, made by the given copy of the module. */
function samples(m: Errors) {
  const http = new m.HttpError({
    vendor: "acme",
    method: "POST",
    path: "/api/zones",
    status: 422,
    detail: "name: taken",
  });
  return {
    FacilityError: new m.FacilityError("generic"),
    CheckError: new m.CheckError({ property: "armDelay", reason: "must be one of 0, 30, 60" }),
    HttpError: http,
    CredentialError: m.CredentialError.from(
      new m.HttpError({ vendor: "acme", method: "POST", path: "/login", status: 401, detail: "bad password" }),
    ),
    TransportError: new m.TransportError("acme: GET /x failed: timed out", true, { timedOut: true }),
    TlsError: new m.TlsError("acme: TLS verification failed"),
    ConfigError: new m.ConfigError("acme: connection.url is required"),
    ConflictError: new m.ConflictError("zone 7 exists"),
    PartialCreateError: new m.PartialCreateError({ id: "7", properties: { name: "a" }, cause: http }),
    AcceptedWriteError: new m.AcceptedWriteError(http),
    ProviderBugError: new m.ProviderBugError("impossible"),
  };
}
type Name = keyof ReturnType<typeof samples>;

const guards: Record<Name, keyof Errors> = {
  FacilityError: "isFacilityError",
  CheckError: "isCheckError",
  HttpError: "isHttpError",
  CredentialError: "isCredentialError",
  TransportError: "isTransportError",
  TlsError: "isTlsError",
  ConfigError: "isConfigError",
  ConflictError: "isConflictError",
  PartialCreateError: "isPartialCreateError",
  AcceptedWriteError: "isAcceptedWriteError",
  ProviderBugError: "isProviderBugError",
};
/** Which classes each class is (itself and its ancestors). */
const is = (name: Name): Name[] =>
  name === "FacilityError"
    ? ["FacilityError"]
    : name === "CredentialError"
      ? ["FacilityError", "HttpError", "CredentialError"]
      : ["FacilityError", name];
const names = Object.keys(guards) as Name[];
const guardOf = (m: Errors, name: Name) => m[guards[name]] as (e: unknown) => boolean;

describe("typed errors", () => {
  it("are two copies here: the built one in dist/ is another module with other classes", () => {
    expect(built.HttpError).not.toBe(source.HttpError);
    expect(typeof built.isPartialCreateError).toBe("function");
  });

  it("fresh copy of the source, too (vi.resetModules)", async () => {
    vi.resetModules();
    const again = await vi.importActual<Errors>("../../providers/core/errors");
    expect(again.HttpError).not.toBe(source.HttpError);
    const made = samples(again);
    for (const madeName of names) {
      for (const asked of names) {
        const guard = guardOf(source, asked);
        expect(guard(made[madeName]), `${String(guards[asked])}(${madeName} of the fresh copy)`).toBe(
          is(madeName).includes(asked),
        );
      }
    }
  });

  for (const [copy, maker, asker] of [
    ["source, asked by source", source, source],
    ["dist, asked by source", built, source],
    ["source, asked by dist", source, built],
  ] as const) {
    it(`each guard and instanceof recognise their class and its subclasses, and no other (made by ${copy})`, () => {
      const made = samples(maker);
      for (const madeName of names) {
        const e = made[madeName];
        expect(e.name).toBe(madeName);
        expect(e).toBeInstanceOf(Error);
        for (const asked of names) {
          const guard = guardOf(asker, asked);
          const expected = is(madeName).includes(asked);
          expect(guard(e), `${String(guards[asked])}(${madeName})`).toBe(expected);
          expect(e instanceof (asker[asked] as unknown as new () => unknown), `${madeName} instanceof ${asked}`).toBe(
            expected,
          );
        }
      }
    });
  }

  it("reject what is not theirs: plain errors, look-alikes with the same code string, nothing", () => {
    const lookAlike = Object.assign(new Error("acme API 404 on GET /x"), { code: "FACILITY_API_ERROR", status: 404 });
    for (const e of [
      new Error("x"),
      lookAlike,
      { code: "FACILITY_CONFLICT" },
      "FACILITY_API_ERROR",
      null,
      undefined,
      42,
    ]) {
      for (const asked of names) expect(guardOf(source, asked)(e)).toBe(false);
    }
    expect(source.isNotFound(lookAlike)).toBe(false);
  });

  it("keep their stable codes (ApiError is HttpError under its former name)", () => {
    const made = samples(source);
    expect(Object.fromEntries(names.map((n) => [n, made[n].code]))).toEqual({
      FacilityError: "FACILITY_ERROR",
      CheckError: "FACILITY_CHECK_ERROR",
      HttpError: "FACILITY_API_ERROR",
      CredentialError: "FACILITY_CREDENTIAL_ERROR",
      TransportError: "FACILITY_TRANSPORT_ERROR",
      TlsError: "FACILITY_TLS_ERROR",
      ConfigError: "FACILITY_CONFIG_ERROR",
      ConflictError: "FACILITY_CONFLICT",
      PartialCreateError: "FACILITY_PARTIAL_CREATE",
      AcceptedWriteError: "FACILITY_ACCEPTED_WRITE",
      ProviderBugError: "FACILITY_PROVIDER_BUG",
    });
    expect(source.ApiError).toBe(source.HttpError);
    expect(source.isApiError).toBe(source.isHttpError);
  });

  it("redact their messages at construction", () => {
    registerSecret("s3cret-pa55word");
    const http = new source.HttpError({
      vendor: "acme",
      method: "POST",
      path: "/login",
      status: 401,
      detail: "password s3cret-pa55word refused",
      body: '{"password":"s3cret-pa55word"}',
    });
    const made = [
      http,
      source.CredentialError.from(http),
      new source.CheckError({ property: "pin", reason: "s3cret-pa55word is too short" }),
      new source.PartialCreateError({ id: "1", properties: {}, cause: new Error("s3cret-pa55word") }),
      new source.AcceptedWriteError(new Error("lost s3cret-pa55word")),
      new source.ProviderBugError("s3cret-pa55word"),
    ];
    for (const e of made) expect(JSON.stringify({ ...e, message: e.message })).not.toContain("s3cret-pa55word");
  });

  it("CredentialError: the refusal's message and fields, an HttpError too", () => {
    const refusal = new source.HttpError({ vendor: "acme", method: "POST", path: "/login", status: 401, body: "no" });
    const refused = source.CredentialError.from(refusal);
    expect(refused).toMatchObject({
      message: refusal.message,
      vendor: "acme",
      method: "POST",
      path: "/login",
      status: 401,
    });
    expect(refused.cause).toBe(refusal);
    expect(source.CredentialError.from(refused)).toBe(refused);
  });

  it("a refused login is a CredentialError with the login's message, remembered: no second login", async () => {
    let logins = 0;
    const answer = new source.HttpError({ vendor: "acme", method: "POST", path: "/login", status: 401, detail: "no" });
    const session = new TokenSession({
      login: async () => {
        logins++;
        throw answer;
      },
    });
    const first = await session.token().catch((e: unknown) => e);
    expect(source.isCredentialError(first)).toBe(true);
    expect(first).toMatchObject({ message: answer.message, status: 401, path: "/login" });
    expect(await session.token().catch((e: unknown) => e)).toBe(first);
    expect(logins).toBe(1);
    // An overloaded or failing server did not judge the credentials: an HttpError, and the next call logs in again.
    const busy = new TokenSession({
      login: async () => {
        throw new source.HttpError({ vendor: "acme", method: "POST", path: "/login", status: 503 });
      },
    });
    const failed = await busy.token().catch((e: unknown) => e);
    expect([source.isHttpError(failed), source.isCredentialError(failed)]).toEqual([true, false]);
  });

  it("a static credential answered 401 is a CredentialError, for its own request and every later one", () => {
    const auth = new StaticCredential({ "x-api-key": "k" });
    const refused = new source.HttpError({ vendor: "acme", method: "GET", path: "/a", status: 401, detail: "bad key" });
    const thrown = auth.failure(refused);
    expect(source.isCredentialError(thrown)).toBe(true);
    expect(thrown.message).toBe(refused.message);
    const other = new source.HttpError({ vendor: "acme", method: "GET", path: "/a", status: 403 });
    expect(auth.failure(other)).toBe(other);
    auth.settled({ "x-api-key": "k" }, 401, refused);
    let later: unknown;
    try {
      auth.headers();
    } catch (e) {
      later = e;
    }
    expect(source.isCredentialError(later)).toBe(true);
    expect((later as Error).message).toBe(
      "acme API 401 on GET /a: bad key (refused by an earlier request of this run; no further request is sent with this credential)",
    );
  });

  it("AcceptedWriteError wraps the failure after an accepted write: may have applied; 404 and timeout seen through", () => {
    const notFound = new source.HttpError({ vendor: "acme", method: "GET", path: "/ops/1", status: 404 });
    const wrapped = new source.AcceptedWriteError(notFound);
    expect(wrapped.message).toBe(notFound.message);
    expect(wrapped.cause).toBe(notFound);
    expect(source.mayHaveApplied(wrapped)).toBe(true);
    expect(source.mayHaveApplied(notFound)).toBe(false);
    expect(source.isNotFound(wrapped)).toBe(true);
    const lost = new source.TransportError("acme: GET /ops/1 failed: timed out", true, { timedOut: true });
    expect(timedOut(new source.AcceptedWriteError(lost))).toBe(true);
    expect(timedOut(lost)).toBe(true);
    expect(timedOut(new source.TransportError("reset", true))).toBe(false);
    const late = new source.AcceptedWriteError(undefined, "the operation did not finish within 120 s");
    expect(late.message).toBe("the operation did not finish within 120 s");
    expect("cause" in late).toBe(false);
    expect(source.mayHaveApplied(new source.TransportError("lost", true))).toBe(true);
    expect(source.mayHaveApplied(new source.TransportError("refused", false))).toBe(false);
  });

  it("ProviderBugError asks for a report at the package's bugs URL", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { bugs: { url: string } };
    expect(source.BUGS_URL).toBe(pkg.bugs.url);
    expect(new source.ProviderBugError("unknown operation x").message).toBe(
      `unknown operation x; this is a bug in pulumi-facility, please report it at ${pkg.bugs.url}`,
    );
  });

  it("PartialCreateError is read by the SDK's dynamic provider as a partial create (ErrorResourceInitFailed)", () => {
    const toResponse = sdkErrorResponse();
    const cause = new source.HttpError({ vendor: "acme", method: "PATCH", path: "/api/zones/7", status: 500 });
    for (const m of [source, built]) {
      const e = new m.PartialCreateError({ id: "7", properties: { name: "a", tags: ["x"], n: null }, cause });
      const detail = initFailed(toResponse(e));
      expect(detail).toEqual({
        id: "7",
        properties: { name: "a", tags: ["x"], n: null },
        reasons: ["acme API 500 on PATCH /api/zones/7"],
      });
      expect(e.message).toBe("created 7, but completing it failed: acme API 500 on PATCH /api/zones/7");
    }
    // Any other error is a plain failure to the SDK: nothing is kept in state.
    expect(initFailed(toResponse(new source.AcceptedWriteError(cause)))).toBeUndefined();
  });
});

// ---- the SDK's own error-to-gRPC code ------------------------------------------------------------

const sdkRequire = createRequire(createRequire(__filename).resolve("@pulumi/pulumi/package.json"));

/**
 * `grpcResponseFromError` from @pulumi/pulumi/cmd/dynamic-provider, run as the SDK ships it. The module is not
 * loaded (it starts the plugin's gRPC server when loaded and exports nothing else): the function's text is taken
 * from it and given the modules it uses.
 */
function sdkErrorResponse(): (e: unknown) => { metadata: { get(key: string): unknown[] } } {
  const file = sdkRequire.resolve("./cmd/dynamic-provider/index.js");
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf("function grpcResponseFromError(e) {");
  const end = text.indexOf("\n}\n", start);
  expect(start, "grpcResponseFromError in the SDK's dynamic provider").toBeGreaterThan(0);
  const modules = {
    grpc: sdkRequire("@grpc/grpc-js"),
    statusproto: sdkRequire("./proto/status_pb"),
    provproto: sdkRequire("./proto/provider_pb"),
    structproto: sdkRequire("google-protobuf/google/protobuf/struct_pb"),
    anyproto: sdkRequire("google-protobuf/google/protobuf/any_pb"),
  };
  const body = `${text.slice(start, end + 2)}\nreturn grpcResponseFromError;`;
  return new Function(...Object.keys(modules), body)(...Object.values(modules));
}

/** What the engine decodes from the response: the ErrorResourceInitFailed detail, if any. */
function initFailed(response: { metadata: { get(key: string): unknown[] } }) {
  const bin = response.metadata.get("grpc-status-details-bin")[0] as Buffer | undefined;
  if (!bin) return undefined;
  const status = sdkRequire("./proto/status_pb").Status.deserializeBinary(new Uint8Array(bin));
  const any = status.getDetailsList().find((d: any) => d.getTypeName() === "pulumirpc.ErrorResourceInitFailed");
  const detail = sdkRequire("./proto/provider_pb").ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
  return { id: detail.getId(), properties: detail.getProperties()?.toJavaScript(), reasons: detail.getReasonsList() };
}
