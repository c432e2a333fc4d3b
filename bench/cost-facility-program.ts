// Program cost (issue 16), this project: N Kentix alarm groups, each setting four fields (the same objects and
// requests as cost-peer-program.ts). bench/program-cost.ts measures it beside the peer and the trivial floor.
import * as pulumi from "@pulumi/pulumi";
import * as kentix from "pulumi-facility/kentix";
import { recordPeak } from "./cost-peak";

recordPeak();
const config = new pulumi.Config();
const n = config.requireNumber("count");
const site = kentix.connection({ url: config.require("url"), profile: "bench", caCertPem: config.get("caCertPem") });

for (let i = 0; i < n; i++) {
  new kentix.AlarmGroup(`group-${i}`, { connection: site, name: `Zone ${i}`, inheritArm: false, armDelay: 30 });
}
