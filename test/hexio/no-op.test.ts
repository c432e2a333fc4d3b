/** No-op for every Hexio kind: the same declaration diffs as no change, and an up of it sends no request. */
import { describe, it } from "vitest";
import { expectNoOpUp } from "../support/lifecycle";
import { ALICE, useHexio } from "./support";

const hexio = useHexio();
const org = () => String(hexio.emu.insertOrg({ name: "ACME" }).orgId);
const project = (orgId: string) => String(hexio.emu.insertProject(Number(orgId), { name: "Sensors" }).projectId);

const CASES: { kind: string; declare: () => Record<string, unknown> }[] = [
  {
    kind: "Organization",
    declare: () => ({ name: "ACME Facilities", contactEmail: "facilities@acme.example", usersLimit: 50 }),
  },
  {
    kind: "Project",
    declare: () => ({
      orgId: org(),
      name: "Sensors",
      dataRetention: "90d",
      rateLimit: 100,
      description: "Room sensors",
    }),
  },
  { kind: "OrganizationMember", declare: () => ({ orgId: org(), userId: ALICE.userId, roles: [5, 3] }) },
  {
    kind: "ProjectMember",
    declare: () => {
      const orgId = org();
      return { orgId, projectId: project(orgId), userId: ALICE.userId, roles: [2] };
    },
  },
];

describe.each(CASES)("hexio.$kind lifecycle (no-op)", (c) => {
  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(`hexio:${c.kind}`, { connection: hexio.connection, ...c.declare() }, hexio.emu));
});
