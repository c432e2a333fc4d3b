/** No-op for every Hexio kind: the same declaration diffs as no change, and an up of it sends no request. */
import { describe, it } from "vitest";
import { Organization, OrganizationMember, Project, ProjectMember } from "../../providers/hexio";
import { expectNoOpUp, type FieldsOf, type Resource } from "../support/lifecycle";
import { ALICE, useHexio } from "./support";

const hexio = useHexio();
const org = () => String(hexio.emu.insertOrg({ name: "ACME" }).orgId);
const project = (orgId: string) => String(hexio.emu.insertProject(Number(orgId), { name: "Sensors" }).projectId);

interface Case<R extends Resource = Resource> {
  /** The resource class's name, which titles the tests. */
  kind: string;
  resource: R;
  declare: () => FieldsOf<R>;
}
/** A case whose declaration is typed as its resource's args. */
const kase = <R extends Resource>(resource: R, declare: NoInfer<Case<R>["declare"]>) =>
  ({ kind: resource.name, resource, declare }) as unknown as Case;
const CASES: Case[] = [
  kase(
    Organization,
    (): FieldsOf<typeof Organization> => ({
      name: "ACME Facilities",
      contactEmail: "facilities@acme.example",
      usersLimit: 50,
    }),
  ),
  kase(
    Project,
    (): FieldsOf<typeof Project> => ({
      orgId: org(),
      name: "Sensors",
      dataRetention: "90d",
      rateLimit: 100,
      description: "Room sensors",
    }),
  ),
  kase(
    OrganizationMember,
    (): FieldsOf<typeof OrganizationMember> => ({ orgId: org(), userId: ALICE.userId, roles: [5, 3] }),
  ),
  kase(ProjectMember, (): FieldsOf<typeof ProjectMember> => {
    const orgId = org();
    return { orgId, projectId: project(orgId), userId: ALICE.userId, roles: [2] };
  }),
];

describe.each(CASES)("hexio.$kind lifecycle (no-op)", (c) => {
  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(c.resource, { connection: hexio.connection, ...c.declare() }, hexio.emu));
});
