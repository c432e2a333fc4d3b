import fc from "fast-check";
import { tlsFixture } from "../emulators/common";
import { testClient } from "../emulators/common/test-client";
import { describe, expect, it } from "vitest";
import { Organization } from "../../providers/hexio";
import { ADMIN, calls, createChecked, lifecycleOf, updateChecked, useHexio, failure } from "./support";

const hexio = useHexio();
const lc = () => lifecycleOf(Organization);
const login = { "POST /auth/login/credentials": { username: ADMIN.username, password: ADMIN.password } };
const QUOTAS = { projectsLimit: -1, usersLimit: -1, devicesLimit: -1, dashboardsLimit: -1, amountOfDatapoints: -1 };
const base = () => ({
  connection: hexio.connection,
  name: "ACME Facilities",
  contactEmail: "facilities@acme.example",
  usersLimit: 50,
});

describe("hexio.Organization lifecycle", () => {
  it("logs in once and creates with one POST of the request model; quotas default to -1 and enabled to true", async () => {
    const { id, outs } = await createChecked(Organization, base());
    expect(calls(hexio.emu)).toEqual([
      login,
      {
        "POST /orgs": {
          name: "ACME Facilities",
          contactEmail: "facilities@acme.example",
          ...QUOTAS,
          usersLimit: 50,
          enabled: true,
        },
      },
    ]);
    expect(hexio.emu.requests[1]!.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.\w+$/);
    expect(hexio.emu.requests[1]!.path).toBe("/v1/orgs"); // the connection URL's /v1 prefix is kept
    const live = hexio.emu.org(Number(id))!;
    expect(outs).toMatchObject({
      name: "ACME Facilities",
      usersLimit: 50,
      projectsLimit: -1,
      enabled: true,
      genId: live.genId,
      created: live.created,
      createdBy: ADMIN.username,
    });
    hexio.emu.clearRequests();
    const read = await lc().read(id, outs);
    expect(calls(hexio.emu)).toEqual([`GET /orgs/${id}`]);
    expect(await lc().diff(id, read.props!, outs)).toEqual({ changes: false });
  });

  it("updates by GET + PUT of the whole request model: undeclared live fields survive, server-set fields are not sent", async () => {
    const { id, outs } = await createChecked(Organization, base());
    hexio.emu.editOrg(Number(id), { vatId: "CZ12345678", note: "set in the web UI" });
    hexio.emu.clearRequests();
    const updated = await updateChecked(Organization, id, outs, {
      ...base(),
      usersLimit: 80,
      contactPerson: "Jane Roe",
    });
    expect(calls(hexio.emu)).toEqual([
      `GET /orgs/${id}`,
      {
        [`PUT /orgs/${id}`]: {
          name: "ACME Facilities",
          vatId: "CZ12345678",
          contactEmail: "facilities@acme.example",
          contactPerson: "Jane Roe",
          note: "set in the web UI",
          ...QUOTAS,
          usersLimit: 80,
          enabled: true,
        },
      },
    ]);
    expect(hexio.emu.org(Number(id))).toMatchObject({ usersLimit: 80, contactPerson: "Jane Roe", vatId: "CZ12345678" });
    expect(updated.outs.modified).toBe(hexio.emu.org(Number(id))!.modified);
  });

  it("reports drift property by property; server-set fields and the caller's permissions never do", async () => {
    const { id, outs } = await createChecked(Organization, base());
    // Metadata moves, and another login (other permissions) reads the same object: no drift.
    hexio.emu.editOrg(Number(id), { modifiedBy: "someone.else", createdBy: "someone.else" });
    const asViewer = { ...outs, connection: { ...hexio.connection, profile: "viewer" } };
    const quiet = await lc().read(id, asViewer);
    expect(quiet.props).toMatchObject({ modifiedBy: "someone.else" });
    expect(await lc().diff(id, quiet.props!, asViewer)).toEqual({ changes: false });

    hexio.emu.editOrg(Number(id), { usersLimit: 999, contactEmail: "attacker@evil.example", enabled: false });
    const drift = await lc().read(id, outs);
    expect(drift.inputs).toMatchObject({
      usersLimit: 999,
      contactEmail: "attacker@evil.example",
      enabled: false,
      name: "ACME Facilities",
    });
    expect(await lc().diff(id, drift.props!, outs)).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("sees an organization deleted out of band as gone (soft-deleted or 404), and a delete of a missing one succeeds", async () => {
    const { id, outs } = await createChecked(Organization, base());
    hexio.emu.softDelete("org", Number(id));
    expect(hexio.emu.org(Number(id))!.deleted).toBe(true);
    expect(await lc().read(id, outs)).toEqual({}); // GET answers the entity with deleted: true
    hexio.emu.options.softDeleted = "hidden";
    expect(await lc().read(id, outs)).toEqual({}); // GET answers 404
    hexio.emu.clearRequests();
    await lc().delete(id, outs); // the check for projects in the way already answers 404: nothing left to delete
    expect(hexio.emu.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["GET", `/v1/orgs/${id}/projects`, 404],
    ]);
  });

  it("refuses to delete an organization that still holds projects, naming them, without sending DELETE", async () => {
    const { id, outs } = await createChecked(Organization, base());
    const p1 = hexio.emu.insertProject(Number(id), { name: "Sensors" });
    const p2 = hexio.emu.insertProject(Number(id), { name: "Legacy" });
    const gone = hexio.emu.insertProject(Number(id), { name: "Old" });
    hexio.emu.softDelete("project", gone.projectId as number);
    hexio.emu.clearRequests();
    const err = await failure(lc().delete(id, outs));
    expect(err?.message).toContain(
      `hexio:Organization ${id} cannot be deleted while other objects depend on it: project "Sensors" (id ${p1.projectId}); project "Legacy" (id ${p2.projectId}).`,
    );
    expect(hexio.emu.writes()).toEqual([]);
    expect(hexio.emu.org(Number(id))!.deleted).toBe(false);
    // The API refuses too, in its own words, when the check is bypassed (projects created meanwhile).
    hexio.emu.clearRequests();
    const { status, body } = await fetchRaw(`DELETE /orgs/${id}`);
    expect([status, body.error, body.message]).toEqual([
      400,
      "Constraint violation error",
      "Organization cannot be deleted if contains any sub resources.",
    ]);
  });

  it("adopts only by id (names are not unique) and applies the declared settings", async () => {
    const twin1 = hexio.emu.insertOrg({ name: "Company ltd.", usersLimit: 5 });
    hexio.emu.insertOrg({ name: "Company ltd.", usersLimit: 7 });
    const byName = await lc().check({}, { ...base(), name: "Company ltd.", adopt: true });
    expect(byName.failures).toEqual([
      {
        property: "adopt",
        reason: "this resource has no natural key to find the object by; give the id of the object to adopt instead",
      },
    ]);
    const { id } = await createChecked(Organization, { ...base(), name: "Company ltd.", adopt: String(twin1.orgId) });
    expect(id).toBe(String(twin1.orgId));
    expect(hexio.emu.orgs().map((o) => [o.name, o.usersLimit])).toEqual([
      ["Company ltd.", 50],
      ["Company ltd.", 7],
    ]);
    expect(hexio.emu.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/auth/login/credentials",
      `PUT /v1/orgs/${id}`,
    ]);
  });

  it("says whether a 403 is a missing permission", async () => {
    const err = await failure(
      createChecked(Organization, { ...base(), connection: { ...hexio.connection, profile: "viewer" } }),
    );
    expect(err.message).toBe(
      "hexio API 403 on POST /v1/orgs: Access denied. You have insufficient permissions to access this endpoint. The login lacks a permission this call needs (memberships need ORG/GRANT or PROJECT/GRANT).",
    );
  });

  it("fails bad input in check with the property path, before any request", async () => {
    const res = await lc().checkRaw(
      {},
      {
        ...base(),
        name: "",
        contactEmail: "not-an-email",
        contactPhone: "call me",
        projectsLimit: -2,
        enabled: "yes",
        color: "red",
      },
    );
    expect(res.failures?.map((f) => f.property).sort()).toEqual([
      "(resource)",
      "contactEmail",
      "contactPhone",
      "enabled",
      "name",
      "projectsLimit",
    ]);
    expect(res.failures?.find((f) => f.property === "projectsLimit")?.reason).toContain(
      "must be -1 (unlimited) or more",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 129, maxLength: 140 }), fc.constant("")),
        fc.integer({ max: -2 }),
        async (name, limit) => {
          const r = await lc().check({}, { ...base(), name, devicesLimit: limit });
          expect(r.failures?.map((f) => f.property).sort()).toEqual(["devicesLimit", "name"]);
        },
      ),
      { numRuns: 30 },
    );
    expect(hexio.emu.requests).toEqual([]);
  });
});

/** One request with a fresh login, outside the provider (what the API itself answers). */
async function fetchRaw(route: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const [method, path] = route.split(" ") as [string, string];
  const api = testClient(`${hexio.emu.httpsUrl}/v1`, { ca: tlsFixture("ca.pem") });
  try {
    const { json } = await api.send("POST", "/auth/login/credentials", {
      body: { username: ADMIN.username, password: ADMIN.password },
    });
    const res = await api.send(method, path, { headers: { authorization: `Bearer ${json.token}` } });
    return { status: res.status, body: res.json };
  } finally {
    await api.close();
  }
}
