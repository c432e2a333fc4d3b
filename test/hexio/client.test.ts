import { describe, expect, it } from "vitest";
import { openSession } from "../../providers/core/connection";
import { hexio as vendor, type HexioSession } from "../../providers/hexio/client";
import { ADMIN, calls, failure, useHexio } from "./support";

const hexio = useHexio();
const session = () => openSession(vendor, hexio.connection) as HexioSession;
const bearer = (i: number) => hexio.emu.requests[i]!.headers.authorization;
const loginCall = { "POST /auth/login/credentials": { username: ADMIN.username, password: ADMIN.password } };
const ORGS = "GET /orgs?limit=1000&offset=0&withCount=true";

describe("hexio client: login and token renewal", () => {
  it("logs in once for concurrent requests and sends the token as Bearer", async () => {
    const s = session();
    await Promise.all([s.list("GET /orgs"), s.list("GET /orgs"), s.list("GET /orgs")]);
    expect(calls(hexio.emu)).toEqual([loginCall, ORGS, ORGS, ORGS]);
    expect(new Set([bearer(1), bearer(2), bearer(3)]).size).toBe(1);
  });

  it("renews inside the last 10 minutes with the token itself (POST /auth/renewToken), not earlier", async () => {
    hexio.emu.options.tokenTtlMs = 60 * 60_000;
    await session().list("GET /orgs");
    await session().list("GET /orgs");
    expect(calls(hexio.emu)).toEqual([loginCall, ORGS, ORGS]); // an hour left: no renewal
    hexio.emu.clearRequests();
    hexio.emu.options.tokenAgeMs = 57 * 60_000; // tokens issued from now on have 3 minutes left: within the 5-minute margin
    hexio.emu.revokeTokens();
    const s = session();
    await s.list("GET /orgs"); // 401 -> one fresh login (a token with 3 minutes left)
    await s.list("GET /orgs"); // within the margin: renewal
    expect(calls(hexio.emu)).toEqual([ORGS, loginCall, ORGS, "POST /auth/renewToken", ORGS]);
    expect(hexio.emu.requests.map((r) => r.status)).toEqual([401, 200, 200, 200, 200]);
    expect(bearer(3)).toBe(bearer(2));
    expect(bearer(4)).not.toBe(bearer(2));
  });

  it("falls back to a login when the platform refuses the renewal (old token not expiring yet)", async () => {
    hexio.emu.options.tokenTtlMs = 60 * 60_000;
    hexio.emu.options.tokenAgeMs = 57 * 60_000; // 3 minutes left: within the 5-minute margin
    hexio.emu.options.renewWindowMs = 60_000; // a stricter server than the seed's 10 minutes
    const s = session();
    await s.list("GET /orgs");
    await s.list("GET /orgs");
    expect(calls(hexio.emu)).toEqual([loginCall, ORGS, "POST /auth/renewToken", loginCall, ORGS]);
    expect(hexio.emu.requests[2]!.status).toBe(400);
  });

  it("logs in again exactly once when a token expired early on the server (clock ahead)", async () => {
    const s = session();
    await s.list("GET /orgs");
    hexio.emu.advanceClock(2 * 3_600_000);
    hexio.emu.clearRequests();
    await s.list("GET /orgs");
    expect(hexio.emu.requests.map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual([
      "401 GET /v1/orgs",
      "200 POST /v1/auth/login/credentials",
      "200 GET /v1/orgs",
    ]);
  });

  it("reports a refused login once, without the password, and does not try again", async () => {
    hexio.emu.setPassword(ADMIN.username, "rotated-elsewhere-77");
    const first = await failure(session().list("GET /orgs"));
    const second = await failure(session().call("GET /orgs/{id}", { id: 1 }));
    expect(first.message).toBe(
      "hexio API 401 on POST /v1/auth/login/credentials: the username or password was refused; check hexio:<profile>.username and hexio:<profile>.password (or HEXIO_<PROFILE>_USERNAME / HEXIO_<PROFILE>_PASSWORD)",
    );
    expect(second).toBe(first);
    expect(calls(hexio.emu)).toEqual([loginCall]);
    expect(JSON.stringify({ m: first.message, s: first.stack, ...first })).not.toContain(ADMIN.password);
  });
});

describe("hexio client: generic collections", () => {
  it("pages by offset until count, whatever the page size, and drops soft-deleted items", async () => {
    hexio.emu.options.pageCap = 2;
    for (const name of ["A", "B", "C", "D", "E"]) hexio.emu.insertOrg({ name });
    hexio.emu.softDelete("org", 2);
    const items = await session().list("GET /orgs");
    expect(items.map((o) => o.name)).toEqual(["A", "C", "D", "E"]);
    expect(calls(hexio.emu).slice(1)).toEqual(
      [0, 2, 4].map((offset) => `GET /orgs?limit=1000&offset=${offset}&withCount=true`),
    );
  });

  it("encodes filters and sorting as indexed clauses", async () => {
    for (const name of ["Lab Prague", "Office", "Lab Brno", "Lab Old"])
      hexio.emu.insertOrg({ name, enabled: name !== "Lab Old" });
    const items = await session().list(
      "GET /orgs",
      {},
      {
        filter: [
          { field: "name", op: "starts", value: "lab" },
          { field: "active", op: "eq", value: "true" },
        ],
        sort: [{ field: "name", order: "desc" }],
      },
    );
    expect(items.map((o) => o.name)).toEqual(["Lab Prague", "Lab Brno"]);
    expect(hexio.emu.requests[1]!.query).toEqual({
      limit: "1000",
      offset: "0",
      withCount: "true",
      "filter[0][field]": "name",
      "filter[0][op]": "starts",
      "filter[0][value]": "lab",
      "filter[1][field]": "active",
      "filter[1][op]": "eq",
      "filter[1][value]": "true",
      "sort[0][field]": "name",
      "sort[0][order]": "desc",
    });
  });

  it("renders the API's error body {timestamp, status, error, message}", async () => {
    const err = await failure(session().list("GET /orgs", {}, { filter: [{ field: "size", op: "gt", value: "3" }] }));
    expect(err.message).toBe(
      "hexio API 400 on GET /v1/orgs: Validation error: Filter field 'size' is not allowed; allowed: name, companyId, vatId, active, fulltext.",
    );
  });
});
