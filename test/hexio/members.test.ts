import fc from "fast-check";
import { DEFAULT_RETRY } from "../../providers/core/http/retry";
import { describe, expect, it } from "vitest";
import { OrganizationMember, ProjectMember } from "../../providers/hexio";
import {
  ALICE,
  BOB,
  calls,
  createChecked,
  failingProperties,
  lifecycleOf,
  refreshDiff,
  unchangedUp,
  updateChecked,
  useHexio,
  failure,
  type PlainArgs,
} from "./support";
import type { Resource } from "../support/lifecycle";

const hexio = useHexio();
const org = () => hexio.emu.insertOrg({ name: "ACME" }).orgId as number;
const project = (orgId: number) => hexio.emu.insertProject(orgId, { name: "Sensors" }).projectId as number;
const orgMember = (orgId: number, userId = ALICE.userId, roles = [5, 3]) => ({
  connection: hexio.connection,
  orgId: String(orgId),
  userId,
  roles,
});
const projectMember = (orgId: number, projectId: number, userId = BOB.userId, roles = [2]) => ({
  ...orgMember(orgId, userId, roles),
  projectId: String(projectId),
});

describe("hexio.OrganizationMember lifecycle", () => {
  it("creates by a one-item PUT (merge) and confirms it with a GET; the id is scope/resource/user", async () => {
    const acme = org();
    hexio.emu.setRoles("ORG", acme, BOB.userId, [4]);
    const { id, outs } = await createChecked(OrganizationMember, orgMember(acme));
    expect(id).toBe(`org/${acme}/user/${ALICE.userId}`);
    expect(calls(hexio.emu).slice(1)).toEqual([
      `GET /orgs/${acme}/permissions`,
      {
        [`PUT /orgs/${acme}/permissions`]: [
          { userId: ALICE.userId, resourceType: "ORG", resourceId: acme, roles: [5, 3] },
        ],
      },
      `GET /orgs/${acme}/permissions`,
    ]);
    expect(hexio.emu.assignments("ORG", acme)).toEqual([
      { userId: ALICE.userId, resourceType: "ORG", resourceId: acme, roles: [3, 5] },
      { userId: BOB.userId, resourceType: "ORG", resourceId: acme, roles: [4] },
    ]);
    // The platform sorts the roles; they compare as a set.
    const read = await lc(OrganizationMember).read(id, outs);
    expect(read.inputs).toMatchObject({ roles: [5, 3], userId: ALICE.userId, orgId: String(acme) });
    expect(await lc(OrganizationMember).diff(id, read.props!, outs)).toEqual({ changes: false });
  });

  it("updates only this user's roles, deletes with empty roles, and leaves other users alone", async () => {
    const acme = org();
    hexio.emu.setRoles("ORG", acme, BOB.userId, [4]);
    const { id, outs } = await createChecked(OrganizationMember, orgMember(acme));
    hexio.emu.clearRequests();
    const updated = await updateChecked(OrganizationMember, id, outs, orgMember(acme, ALICE.userId, [1]));
    expect(calls(hexio.emu)).toEqual([
      {
        [`PUT /orgs/${acme}/permissions`]: [
          { userId: ALICE.userId, resourceType: "ORG", resourceId: acme, roles: [1] },
        ],
      },
    ]);
    expect(await lc(OrganizationMember).diff(id, updated.outs, orgMember(acme, BOB.userId, [1]))).toEqual({
      replaces: ["userId"],
      deleteBeforeReplace: false,
    });
    hexio.emu.clearRequests();
    await lc(OrganizationMember).delete(id, updated.outs);
    expect(calls(hexio.emu)).toEqual([
      {
        [`PUT /orgs/${acme}/permissions`]: [{ userId: ALICE.userId, resourceType: "ORG", resourceId: acme, roles: [] }],
      },
    ]);
    expect(hexio.emu.assignments()).toEqual([
      { userId: BOB.userId, resourceType: "ORG", resourceId: acme, roles: [4] },
    ]);
  });

  it("reports changed roles as drift, a removed access as gone, and a deleted organization as gone", async () => {
    const acme = org();
    const { id, outs } = await createChecked(OrganizationMember, orgMember(acme));
    hexio.emu.setRoles("ORG", acme, ALICE.userId, [1, 3]);
    const drift = await lc(OrganizationMember).read(id, outs);
    expect(drift.inputs).toMatchObject({ roles: [1, 3] });
    expect(await lc(OrganizationMember).diff(id, drift.props!, outs)).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
    });
    hexio.emu.setRoles("ORG", acme, ALICE.userId, []);
    expect(await lc(OrganizationMember).read(id, outs)).toEqual({});
    hexio.emu.softDelete("org", acme);
    expect(await lc(OrganizationMember).read(id, outs)).toEqual({});
    await lc(OrganizationMember).delete(id, outs); // 404 on the organization: nothing to remove
  });

  it("fails empty or repeated roles in check, before any request", async () => {
    const empty = await lc(OrganizationMember).check({}, orgMember(1, ALICE.userId, []));
    expect(empty.failures).toEqual([
      { property: "roles", reason: "must name at least one role; to remove the access, delete this resource" },
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 })
          .filter((r) => new Set(r).size < r.length),
        async (roles) => {
          const r = await lc(OrganizationMember).check({}, orgMember(1, ALICE.userId, roles));
          expect(r.failures).toEqual([{ property: "roles", reason: "must not repeat a role" }]);
        },
      ),
      { numRuns: 30 },
    );
    const bad = await lc(OrganizationMember).checkRaw({}, { ...orgMember(1), userId: -3, roles: [1, "admin"] });
    expect(bad.failures?.map((f) => f.property)).toEqual(["userId", "roles[1]"]);
    expect(hexio.emu.requests).toEqual([]);
  });
});

describe("hexio.ProjectMember lifecycle", () => {
  it("writes resourceType PROJECT on the project's permissions, and never reports orgId (not in the answer) as drift", async () => {
    const acme = org();
    const sensors = project(acme);
    const { id, outs } = await createChecked(ProjectMember, projectMember(acme, sensors));
    expect(id).toBe(`project/${sensors}/user/${BOB.userId}`);
    expect(calls(hexio.emu).slice(1)).toEqual([
      `GET /orgs/${acme}/projects/${sensors}/permissions`,
      {
        [`PUT /orgs/${acme}/projects/${sensors}/permissions`]: [
          { userId: BOB.userId, resourceType: "PROJECT", resourceId: sensors, roles: [2] },
        ],
      },
      `GET /orgs/${acme}/projects/${sensors}/permissions`,
    ]);
    const read = await lc(ProjectMember).read(id, outs);
    expect(read.inputs).toMatchObject({ orgId: String(acme), projectId: String(sensors) });
    expect(await lc(ProjectMember).diff(id, read.props!, outs)).toEqual({ changes: false });
    // An organization assignment of the same user is another resource.
    await createChecked(OrganizationMember, orgMember(acme, BOB.userId, [1]));
    await lc(ProjectMember).delete(id, outs);
    expect(hexio.emu.assignments()).toEqual([
      { userId: BOB.userId, resourceType: "ORG", resourceId: acme, roles: [1] },
    ]);
  });

  it("explains a missing GRANT permission", async () => {
    const acme = org();
    const sensors = project(acme);
    const viewer = { ...hexio.connection, profile: "viewer" };
    const err = await failure(
      createChecked(ProjectMember, {
        connection: viewer,
        orgId: String(acme),
        projectId: String(sensors),
        userId: BOB.userId,
        roles: [2],
      }),
    );
    expect(err.message).toBe(
      `hexio API 403 on GET /v1/orgs/${acme}/projects/${sensors}/permissions: Access denied. You have insufficient permissions to access this endpoint. The login lacks a permission this call needs (memberships need ORG/GRANT or PROJECT/GRANT).`,
    );
  });

  it("changes the roles with one PUT, reports roles changed out of band as drift, and replaces on a new project or user", async () => {
    const acme = org();
    const [sensors, pilot] = [project(acme), project(acme)];
    const { id, outs } = await createChecked(ProjectMember, projectMember(acme, sensors));
    hexio.emu.clearRequests();
    const updated = await updateChecked(ProjectMember, id, outs, projectMember(acme, sensors, BOB.userId, [2, 4]));
    expect(calls(hexio.emu)).toEqual([
      {
        [`PUT /orgs/${acme}/projects/${sensors}/permissions`]: [
          { userId: BOB.userId, resourceType: "PROJECT", resourceId: sensors, roles: [2, 4] },
        ],
      },
    ]);
    hexio.emu.setRoles("PROJECT", sensors, BOB.userId, [1]);
    const { inputs, diff } = await refreshDiff(ProjectMember, id, updated.outs);
    expect(inputs).toMatchObject({ roles: [1], projectId: String(sensors), orgId: String(acme) });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    expect(await lc(ProjectMember).diff(id, updated.outs, projectMember(acme, pilot, BOB.userId, [2, 4]))).toEqual({
      replaces: ["projectId"],
      deleteBeforeReplace: false,
    });
    expect(await lc(ProjectMember).diff(id, updated.outs, projectMember(acme, sensors, ALICE.userId, [2, 4]))).toEqual({
      replaces: ["userId"],
      deleteBeforeReplace: false,
    });
  });

  it("fails invalid input in check with the property path, before any request", async () => {
    expect(
      await failingProperties(ProjectMember, { ...projectMember(1, 1, BOB.userId, []), projectId: "sensors" }),
    ).toEqual(["projectId", "roles"]);
    expect(hexio.emu.requests).toEqual([]);
  });
});

/** The two membership kinds: a user's roles on an organization or on a project, kept in that resource's permission list. */
const MEMBERSHIPS = [
  {
    kind: "OrganizationMember",
    resource: OrganizationMember as Resource,
    scope: "ORG" as const,
    at: () => ({ orgId: String(org()) }),
    resourceId: (d: Scope) => Number(d.orgId),
    path: (d: Scope) => `/orgs/${d.orgId}/permissions`,
  },
  {
    kind: "ProjectMember",
    resource: ProjectMember as Resource,
    scope: "PROJECT" as const,
    at: () => {
      const acme = org();
      return { orgId: String(acme), projectId: String(project(acme)) };
    },
    resourceId: (d: Scope) => Number(d.projectId),
    path: (d: Scope) => `/orgs/${d.orgId}/projects/${d.projectId}/permissions`,
  },
];
type Scope = { orgId: string; projectId?: string };

describe.each(MEMBERSHIPS)("hexio.$kind lifecycle (adopt, partial create, delete of a missing assignment)", (m) => {
  /** The rows share this declaration; its keys are checked against ProjectMember's (a superset of OrganizationMember's). */
  const member = (
    at: Scope,
    userId = ALICE.userId,
    roles = [5, 3],
  ): Omit<PlainArgs<typeof ProjectMember>, "projectId"> => ({
    connection: hexio.connection,
    ...at,
    userId,
    roles,
  });
  const idOf = (at: Scope, userId = ALICE.userId) => `${m.scope.toLowerCase()}/${m.resourceId(at)}/user/${userId}`;
  const assignment = (at: Scope, userId: number, roles: number[]) => ({
    userId,
    resourceType: m.scope,
    resourceId: m.resourceId(at),
    roles,
  });

  it("fails on an existing assignment of the user naming its id; adopt: true takes it over with one listing, its read and one PUT", async () => {
    const at = m.at();
    hexio.emu.setRoles(m.scope, m.resourceId(at), ALICE.userId, [2]);
    const err = await failure(createChecked(m.resource, member(at)));
    expect(err.message).toContain(
      `already exists on ${hexio.connection.url} with id ${idOf(at)}. To manage that object, set \`adopt: true\``,
    );
    expect(hexio.emu.writes().map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/auth/login/credentials"]);
    hexio.emu.clearRequests();
    const { id } = await createChecked(m.resource, { ...member(at), adopt: true });
    expect(id).toBe(idOf(at));
    expect(calls(hexio.emu)).toEqual([
      `GET ${m.path(at)}`,
      `GET ${m.path(at)}`,
      { [`PUT ${m.path(at)}`]: [assignment(at, ALICE.userId, [5, 3])] },
    ]);
    expect(hexio.emu.assignments(m.scope, m.resourceId(at))).toEqual([assignment(at, ALICE.userId, [3, 5])]);
  });

  it("keeps the assignment in state when the confirming read fails (partial create); the next up has nothing left to write", async () => {
    const at = m.at();
    await createChecked(m.resource, member(at, BOB.userId, [4])); // this run has listed the assignments
    hexio.emu.inject({
      method: "GET",
      path: `/v1${m.path(at)}`,
      kind: "status",
      status: 500,
      times: 1 + DEFAULT_RETRY.maxRetries,
    }); // a GET is retried after a 500
    const partial = await failure(createChecked(m.resource, member(at)));
    expect(partial).toMatchObject({
      id: idOf(at),
      properties: member(at),
      reasons: [`hexio API 500 on GET /v1${m.path(at)}: Internal Server Error`],
    });
    expect(partial.message).toBe(
      `created ${idOf(at)}, but completing it failed: hexio API 500 on GET /v1${m.path(at)}: Internal Server Error`,
    );
    expect(hexio.emu.assignments(m.scope, m.resourceId(at)).map((a) => a.userId)).toEqual([ALICE.userId, BOB.userId]);
    hexio.emu.clearRequests();
    const up = await unchangedUp(m.resource, partial.id!, partial.properties!, member(at));
    expect(up.diff).toEqual({ changes: false });
    expect(hexio.emu.requests).toEqual([]);
    expect((await refreshDiff(m.resource, partial.id!, partial.properties!)).diff).toEqual({ changes: false });
  });

  it("deletes an assignment already removed out of band with one PUT of empty roles, leaving the others", async () => {
    const at = m.at();
    hexio.emu.setRoles(m.scope, m.resourceId(at), BOB.userId, [4]);
    const { id, outs } = await createChecked(m.resource, member(at));
    hexio.emu.setRoles(m.scope, m.resourceId(at), ALICE.userId, []);
    hexio.emu.clearRequests();
    await expect(lc(m.resource).delete(id, outs)).resolves.toBeUndefined();
    expect(calls(hexio.emu)).toEqual([{ [`PUT ${m.path(at)}`]: [assignment(at, ALICE.userId, [])] }]);
    expect(hexio.emu.assignments(m.scope, m.resourceId(at))).toEqual([assignment(at, BOB.userId, [4])]);
  });
});

const lc = lifecycleOf;
