// Benchmark program: N controlled-area states on one Primis server.
import * as pulumi from "@pulumi/pulumi";
import * as primis from "pulumi-facility/primis";

const config = new pulumi.Config();
const n = config.requireNumber("count");
const bump = config.getBoolean("bump"); // changes the state of one area
const site = primis.connection({ url: config.require("url"), profile: "bench", caCertPem: config.get("caCertPem") });

for (let i = 0; i < n; i++) {
  const controlledAreaId = `13${String(i + 1).padStart(10, "0")}`;
  new primis.ControlledAreaState(`area-${i}`, {
    connection: site,
    controlledAreaId,
    state: i === 0 && bump ? "open" : { code: 13, reads: "LOCKDOWN" },
  });
}
