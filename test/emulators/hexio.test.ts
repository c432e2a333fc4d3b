// The Hexio emulator on its own (raw HTTP): the behaviour the seed documents and the decisions in its README.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tlsFixture } from "./common";
import { testClient, type TestClient } from "./common/test-client";
import { type HexioEmulator, startHexio } from "./hexio";

const ADMIN = { userId: 1, username: "admin", password: "emu-admin-pass" };
const VIEWER = { userId: 2, username: "viewer", password: "emu-viewer-pass", access: "read-only" as const };
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const ORG = {
  name: "Company ltd.",
  projectsLimit: 1,
  usersLimit: 5,
  devicesLimit: 50,
  dashboardsLimit: 5,
  amountOfDatapoints: 500,
  enabled: true,
};
const PROJECT = {
  name: "My Project",
  rateLimit: 1000,
  dataRetention: "2y",
  usersLimit: 1,
  devicesLimit: 10,
  dashboardsLimit: 100,
  amountOfDatapoints: 1000,
};

let emu: HexioEmulator;
let api: TestClient;
let token: string;
const send = (method: string, path: string, body?: unknown, as = token) =>
  api.send(method, path, { body, headers: { authorization: as ? `Bearer ${as}` : undefined } });
const login = async (u: { username: string; password: string }) =>
  (await api.send("POST", "/auth/login/credentials", { body: { username: u.username, password: u.password } })).json
    .token as string;

beforeAll(async () => {
  emu = await startHexio({ users: [ADMIN, VIEWER], https: "ca" });
  api = testClient(`${emu.httpsUrl}/v1`, { ca: tlsFixture("ca.pem") });
});
afterAll(async () => {
  await api.close();
  await emu.close();
});
beforeEach(async () => {
  emu.reset();
  token = await login(ADMIN);
});

describe("Hexio emulator", () => {
  it("issues JWTs with exp, refuses bad logins with 401, and answers errors as {timestamp, status, error, message}", async () => {
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ sub: "1", name: "admin", exp: expect.any(Number), iat: expect.any(Number) });
    const bad = await api.send("POST", "/auth/login/credentials", { body: { username: "admin", password: "nope" } });
    expect([bad.status, bad.json.error, bad.json.message, bad.json.status]).toEqual([
      401,
      "Unauthorized",
      "Invalid credentials.",
      401,
    ]);
    expect(bad.json.timestamp).toMatch(RFC3339);
    expect((await send("GET", "/orgs", undefined, "")).status).toBe(401);
    expect((await api.send("GET", "/orgs")).status).toBe(401);
    const outside = await testClient(emu.httpUrl).send("GET", "/orgs"); // the API lives under /v1
    expect(outside.status).toBe(404);
  });

  it("renews only in the last 10 minutes", async () => {
    const early = await send("POST", "/auth/renewToken");
    expect([early.status, early.json.message]).toEqual([400, "Old token is not expiring yet."]);
    emu.advanceClock(55 * 60_000);
    const renewed = await send("POST", "/auth/renewToken");
    expect(renewed.status).toBe(200);
    expect(renewed.json.token).not.toBe(token);
    emu.advanceClock(6 * 60_000);
    expect((await send("GET", "/orgs")).status).toBe(401); // the old token expired
    expect((await send("GET", "/orgs", undefined, renewed.json.token)).status).toBe(200);
  });

  it("validates request models strictly: missing, unknown and server-set properties are 400 Validation error", async () => {
    const missing = await send("POST", "/orgs", { ...ORG, name: undefined });
    expect([missing.status, missing.json.error, missing.json.message]).toEqual([
      400,
      "Validation error",
      "Property 'name' is required.",
    ]);
    const serverSet = await send("POST", "/orgs", { ...ORG, genId: "x" });
    expect(serverSet.json.message).toBe("Property 'genId' is not allowed.");
    const phone = await send("POST", "/orgs", { ...ORG, contactPhone: "call me" });
    expect(phone.json.message).toMatch(/^Property 'contactPhone' must match the pattern/);
  });

  it("treats PUT as a full replacement and keeps identifiers and creation metadata", async () => {
    const created = (await send("POST", "/orgs", { ...ORG, description: "x", vatId: "CZ1" })).json;
    expect(created).toMatchObject({
      orgId: 1,
      genId: expect.stringMatching(/^\w{8}$/),
      createdBy: "admin",
      deleted: false,
      permissions: expect.arrayContaining(["ORG/GRANT"]),
    });
    const updated = (await send("PUT", "/orgs/1", { ...ORG, name: "Renamed" })).json;
    expect(updated).toMatchObject({ orgId: 1, genId: created.genId, created: created.created, name: "Renamed" });
    expect(updated.description).toBeUndefined();
    expect(updated.vatId).toBeUndefined();
    expect(updated.modified > created.modified).toBe(true);
  });

  it("refuses to delete an organization with live projects (400), then soft-deletes it", async () => {
    await send("POST", "/orgs", ORG);
    const project = (await send("POST", "/orgs/1/projects", PROJECT)).json;
    expect(project).toMatchObject({ orgId: 1, projectId: 1001, genId: expect.any(String), dataRetention: "2y" });
    const refused = await send("DELETE", "/orgs/1");
    expect([refused.status, refused.json.error, refused.json.message]).toEqual([
      400,
      "Constraint violation error",
      "Organization cannot be deleted if contains any sub resources.",
    ]);
    expect((await send("DELETE", "/orgs/1/projects/1001")).status).toBe(204);
    expect((await send("GET", "/orgs/1/projects/1001")).json.deleted).toBe(true);
    expect((await send("DELETE", "/orgs/1")).status).toBe(204);
    expect((await send("GET", "/orgs/1")).json).toMatchObject({ orgId: 1, deleted: true });
    expect((await send("DELETE", "/orgs/1")).status).toBe(404);
    expect((await send("GET", "/orgs")).json).toMatchObject({
      items: [{ orgId: 1, deleted: true }],
      limit: 100,
      offset: 0,
      permissions: ["ORG/CREATE"],
    });
    emu.options.softDeleted = "hidden";
    expect((await send("GET", "/orgs/1")).status).toBe(404);
    expect((await send("GET", "/orgs?withCount=true")).json).toMatchObject({ items: [], count: 0 });
  });

  it('tells "Limit exceeded." from "Access denied." on 403', async () => {
    expect((await send("POST", "/orgs", { ...ORG, note: "internal" })).json.note).toBe("internal");
    await send("POST", "/orgs/1/projects", PROJECT);
    const limit = await send("POST", "/orgs/1/projects", { ...PROJECT, name: "Second" });
    expect([limit.status, limit.json.error, limit.json.message]).toEqual([
      403,
      "Limit exceeded.",
      "You have exceeded resources limitation.",
    ]);
    const viewer = await login(VIEWER);
    const denied = await send("POST", "/orgs", ORG, viewer);
    expect([denied.status, denied.json.error, denied.json.message]).toEqual([
      403,
      "Access denied.",
      "You have insufficient permissions to access this endpoint.",
    ]);
    expect((await send("GET", "/orgs/1/permissions", undefined, viewer)).json.error).toBe("Access denied.");
    const seen = (await send("GET", "/orgs/1", undefined, viewer)).json;
    expect(seen.permissions).toEqual([]);
    expect(seen).not.toHaveProperty("note");
  });

  it("merges role assignments: an empty array changes nothing, empty roles remove one, others stay", async () => {
    await send("POST", "/orgs", ORG);
    const put = (body: unknown) => send("PUT", "/orgs/1/permissions", body);
    expect(
      (
        await put([
          { userId: 1, resourceType: "ORG", resourceId: 1, roles: [5, 3, 3] },
          { userId: 2, resourceType: "ORG", resourceId: 1, roles: [4] },
        ])
      ).status,
    ).toBe(204);
    expect((await put([])).status).toBe(204);
    expect((await put([{ userId: 2, resourceType: "ORG", resourceId: 1, roles: [] }])).status).toBe(204);
    const res = await send("GET", "/orgs/1/permissions?withUsers=true&withOrgs=true");
    expect(res.json).toEqual({
      assignedRoles: [{ userId: 1, resourceType: "ORG", resourceId: 1, roles: [3, 5] }],
      users: [
        {
          userId: 1,
          username: "admin",
          firstName: "admin",
          lastName: "Test",
          email: "admin@example.test",
          hasProfilePicture: false,
          enabled: true,
        },
      ],
      orgs: [{ orgId: 1, name: "Company ltd.", enabled: true }],
    });
    const wrongType = await put([{ userId: 1, resourceType: "PROJECT", resourceId: 1, roles: [1] }]);
    expect([wrongType.status, wrongType.json.message]).toEqual([400, "[0]: Property 'resourceType' must be ORG."]);
    expect((await put([{ userId: 1, resourceType: "ORG", resourceId: 1, roles: [9] }])).json.message).toBe(
      "[0]: Role 9 does not exist.",
    );
    expect((await put([{ userId: 77, resourceType: "ORG", resourceId: 1, roles: [1] }])).json).toMatchObject({
      status: 404,
      message: "User 77 was not found.",
    });
  });

  it("answers a taken e-mail with 400 Constraint violation error, and not-implemented endpoints with 501", async () => {
    const profile = (await send("GET", "/auth/profile")).json;
    expect(profile).toMatchObject({ userId: 1, type: "regular", username: "admin", lang: "en" });
    const taken = await send("PUT", "/auth/profile", {
      firstName: "A",
      lastName: "B",
      email: "viewer@example.test",
      lang: "en",
    });
    expect([taken.status, taken.json.error, taken.json.message]).toEqual([
      400,
      "Constraint violation error",
      "Property `email` must be unique.",
    ]);
    for (const [method, path] of [
      ["PUT", "/orgs/1/projects/2/move"],
      ["POST", "/orgs/1/invite"],
      ["GET", "/orgs/1/projects/2/channels/mqtt"],
      ["POST", "/auth/logout"],
    ] as const) {
      expect((await send(method, path, {})).status).toBe(501);
    }
  });
});
