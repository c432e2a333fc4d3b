// Two tenants of a Hexio IoT cloud: organizations, their projects, and who may do what in each.
// `npm run build`, then run it through the test engine (test/e2e/hexio.test.ts) or with the Pulumi CLI:
//   pulumi config set hexioUrl https://api.iot.example/v1
//   pulumi config set hexio:cloud.username pulumi-bot && pulumi config set --secret hexio:cloud.password ...
import * as pulumi from "@pulumi/pulumi";
import * as hexio from "pulumi-facility/hexio";

const config = new pulumi.Config();

// Addressing and trust only; the login comes from stack config (hexio:cloud.*) or HEXIO_CLOUD_*, never from state.
const cloud = hexio.connection({
  url: config.require("hexioUrl"),
  profile: "cloud",
  caCertPem: config.get("hexioCaCertPem"),
});

// Users are not managed here: their platform IDs come from config. Roles are the platform's role IDs.
const alice = config.requireNumber("aliceUserId");
const bob = config.requireNumber("bobUserId");

// #region hexio:Organization
const acme = new hexio.Organization("acme", {
  connection: cloud,
  name: "ACME Facilities",
  contactEmail: "facilities@acme.example",
  contactPerson: "Jane Roe",
  contactLang: "English",
  projectsLimit: 10,
  usersLimit: 50,
});
// #endregion hexio:Organization

// #region hexio:Project
const sensors = new hexio.Project("sensors", {
  connection: cloud,
  orgId: acme.id,
  name: "Sensors",
  description: "Room climate sensors",
  dataRetention: config.get("sensorsRetention") ?? "90d",
  rateLimit: 100,
});
// #endregion hexio:Project

new hexio.Project("energy", {
  connection: cloud,
  orgId: acme.id,
  name: "Energy",
  dataRetention: "2y",
  rateLimit: 20,
  devicesLimit: 500,
});

// #region hexio:OrganizationMember
new hexio.OrganizationMember("alice-acme", { connection: cloud, orgId: acme.id, userId: alice, roles: [3, 5] });
// #endregion hexio:OrganizationMember
// #region hexio:ProjectMember
new hexio.ProjectMember("bob-sensors", {
  connection: cloud,
  orgId: acme.id,
  projectId: sensors.id,
  userId: bob,
  roles: [2],
});
// #endregion hexio:ProjectMember

// A second tenant that can be retired by setting `withLab` to false: its membership, project and
// organization are then deleted in dependency order (the platform refuses to delete an organization with projects).
if (config.getBoolean("withLab") ?? true) {
  const lab = new hexio.Organization("lab", { connection: cloud, name: "Lab", projectsLimit: 2, enabled: true });
  const pilot = new hexio.Project("pilot", {
    connection: cloud,
    orgId: lab.id,
    name: "Pilot",
    dataRetention: "30d",
    rateLimit: -1,
  });
  new hexio.ProjectMember("alice-pilot", {
    connection: cloud,
    orgId: lab.id,
    projectId: pilot.id,
    userId: alice,
    roles: [1, 2],
  });
}

export const acmeId = acme.id;
export const sensorsProjectId = sensors.id;
