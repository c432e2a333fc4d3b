import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Project } from "../../providers/hexio";
import { clearSessions } from "../../providers/core/connection";
import { calls, createChecked, lifecycleOf, updateChecked, useHexio, failure } from "./support";

const hexio = useHexio();
const lc = () => lifecycleOf(Project);
const QUOTAS = { usersLimit: -1, devicesLimit: -1, dashboardsLimit: -1, amountOfDatapoints: -1 };
const listing = (orgId: unknown) => `GET /orgs/${orgId}/projects?limit=1000&offset=0&withCount=true`;

function org(name = "ACME", fields: Record<string, unknown> = {}) {
  return hexio.emu.insertOrg({ name, ...fields }).orgId as number;
}
const base = (orgId: number) => ({
  connection: hexio.connection,
  orgId: String(orgId),
  name: "Sensors",
  dataRetention: "90d",
  rateLimit: 100,
});

describe("hexio.Project lifecycle", () => {
  it("checks the name in the organization's listing, then creates with one POST (orgId in the path only)", async () => {
    const acme = org();
    const { id, outs } = await createChecked(Project, base(acme));
    expect(calls(hexio.emu).slice(1)).toEqual([
      listing(acme),
      { [`POST /orgs/${acme}/projects`]: { name: "Sensors", rateLimit: 100, dataRetention: "90d", ...QUOTAS } },
    ]);
    expect(hexio.emu.project(Number(id))).toMatchObject({
      orgId: acme,
      name: "Sensors",
      dataRetention: "90d",
      deleted: false,
    });
    expect(outs).toMatchObject({ orgId: String(acme), genId: hexio.emu.project(Number(id))!.genId });
    const read = await lc().read(id, outs);
    expect(await lc().diff(id, read.props!, outs)).toEqual({ changes: false });
  });

  it("updates in place by GET + PUT, and replaces on an orgId change (the move endpoint is not implemented)", async () => {
    const acme = org();
    const { id, outs } = await createChecked(Project, { ...base(acme), description: "Room sensors" });
    hexio.emu.editProject(Number(id), { logoUrl: "https://cdn.example/logo.png" });
    hexio.emu.clearRequests();
    await updateChecked(Project, id, outs, {
      ...base(acme),
      description: "Room sensors",
      dataRetention: "1y",
      rateLimit: 250.5,
    });
    expect(calls(hexio.emu)).toEqual([
      `GET /orgs/${acme}/projects/${id}`,
      {
        [`PUT /orgs/${acme}/projects/${id}`]: {
          name: "Sensors",
          description: "Room sensors",
          rateLimit: 250.5,
          dataRetention: "1y",
          logoUrl: "https://cdn.example/logo.png",
          ...QUOTAS,
        },
      },
    ]);
    const other = org("Other");
    expect(await lc().diff(id, outs, { ...base(other), description: "Room sensors" })).toEqual({
      replaces: ["orgId"],
      deleteBeforeReplace: false,
    });
  });

  it("keeps one natural-key index per organization: a taken name fails with the existing id, the same name elsewhere is fine", async () => {
    const acme = org();
    const lab = org("Lab");
    await createChecked(Project, base(acme));
    const taken = hexio.emu.insertProject(lab, { name: "Sensors" });
    const err = await failure(createChecked(Project, base(lab)));
    expect(err.message).toContain(
      `hexio:Project orgId "${lab}", name "Sensors" already exists on ${hexio.connection.url} with id ${taken.projectId}. To manage that object, set \`adopt: true\``,
    );
    const adopted = await createChecked(Project, { ...base(lab), rateLimit: 5, adopt: true });
    expect(adopted.id).toBe(String(taken.projectId));
    expect(hexio.emu.project(taken.projectId as number)).toMatchObject({ rateLimit: 5, dataRetention: "90d" });
    // A soft-deleted project does not hold its name.
    hexio.emu.softDelete("project", taken.projectId as number);
    clearSessions(); // a new run lists afresh
    const fresh = await createChecked(Project, base(lab));
    expect(fresh.id).not.toBe(String(taken.projectId));
  });

  it("never duplicates a project whose create answer was lost", async () => {
    const acme = org();
    hexio.emu.inject({ method: "POST", path: `/v1/orgs/${acme}/projects`, kind: "reset-after-commit" });
    const { id } = await createChecked(Project, base(acme));
    expect(hexio.emu.projects().map((p) => [p.projectId, p.name])).toEqual([[Number(id), "Sensors"]]);
    expect(hexio.emu.writes().filter((r) => r.method === "POST" && r.path.endsWith("/projects"))).toHaveLength(1);
  });

  it("tells a quota from a missing permission on 403, and renders the API's own uniqueness error", async () => {
    const small = org("Small", { projectsLimit: 1 });
    hexio.emu.insertProject(small, { name: "First" });
    const limit = await failure(createChecked(Project, base(small)));
    expect(limit.message).toBe(
      `hexio API 403 on POST /v1/orgs/${small}/projects: Limit exceeded. You have exceeded resources limitation. A limit of the organization is reached (projectsLimit, usersLimit, ...): raise it or remove objects.`,
    );
    hexio.emu.options.uniqueProjectNames = true;
    const acme = org();
    await createChecked(Project, base(acme)); // lists the organization once for this run
    const { id, outs } = await createChecked(Project, { ...base(acme), name: "Other" });
    const err = await failure(updateChecked(Project, id, outs, base(acme)));
    expect(err.message).toBe(
      `hexio API 400 on PUT /v1/orgs/${acme}/projects/${id}: Constraint violation error: Property \`name\` must be unique.`,
    );
  });

  it("sees a project deleted out of band as gone, and deletes by DELETE (404 = done)", async () => {
    const acme = org();
    const { id, outs } = await createChecked(Project, base(acme));
    hexio.emu.softDelete("project", Number(id));
    expect(await lc().read(id, outs)).toEqual({});
    hexio.emu.clearRequests();
    await lc().delete(id, outs);
    expect(hexio.emu.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["DELETE", `/v1/orgs/${acme}/projects/${id}`, 404],
    ]);
  });

  it("fails bad input in check, before any request", async () => {
    const res = await lc().check(
      {},
      { ...base(1), orgId: "acme", dataRetention: "90 days", rateLimit: -5, usersLimit: 1.5 },
    );
    expect(res.failures).toEqual([
      { property: "orgId", reason: expect.stringContaining("must be the numeric id of a Organization") },
      { property: "rateLimit", reason: "must be -1 (no limit) or more" },
      {
        property: "dataRetention",
        reason: expect.stringContaining('must be a number and a unit h, d, M (month) or y, e.g. "12h"'),
      },
      { property: "usersLimit", reason: expect.any(String) },
    ]);
    const missing = await lc().checkRaw({}, { connection: hexio.connection, orgId: "1", name: "X" });
    expect(missing.failures?.map((f) => f.property)).toEqual(["rateLimit", "dataRetention"]);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 12 }).filter((s) => !/^[1-9][0-9]*[hdMy]$/.test(s) || s.length > 8),
        async (retention) => {
          const r = await lc().check({}, { ...base(1), dataRetention: retention });
          expect([...new Set(r.failures?.map((f) => f.property))]).toEqual(["dataRetention"]);
        },
      ),
      { numRuns: 50 },
    );
    expect(hexio.emu.requests).toEqual([]);
  });
});
