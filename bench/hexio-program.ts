// Benchmark program: one Hexio organization with N projects and a membership in the first project.
import * as pulumi from "@pulumi/pulumi";
import * as hexio from "pulumi-facility/hexio";

const config = new pulumi.Config();
const n = config.requireNumber("count");
const bump = config.get("bump"); // changes one field of one project
const cloud = hexio.connection({ url: config.require("url"), profile: "bench", caCertPem: config.get("caCertPem") });

const org = new hexio.Organization("tenant", { connection: cloud, name: "Bench tenant", projectsLimit: -1 });
for (let i = 0; i < n; i++) {
  new hexio.Project(`project-${i}`, {
    connection: cloud,
    orgId: org.id,
    name: `Project ${i}`,
    dataRetention: i === 0 && bump ? bump : "90d",
    rateLimit: 100,
  });
}
