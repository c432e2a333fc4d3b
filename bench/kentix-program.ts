// Benchmark program: N webhooks and N alarm groups (each firing its webhook) on one Kentix appliance.
import * as pulumi from "@pulumi/pulumi";
import * as kentix from "pulumi-facility/kentix";

const config = new pulumi.Config();
const n = config.requireNumber("count");
const bump = config.getNumber("bump"); // changes one field of one resource
const timeoutMs = config.getNumber("timeoutMs"); // the fault bench: a short client timeout its slow faults exceed
const site = kentix.connection({
  url: config.require("url"),
  profile: "bench",
  caCertPem: config.get("caCertPem"),
  ...(timeoutMs ? { timeoutMs } : {}),
});

for (let i = 0; i < n; i++) {
  const hook = new kentix.Webhook(`hook-${i}`, {
    connection: site,
    name: `Hook ${i}`,
    url: `https://soc.example/hook/${i}`,
    requestType: "POST",
  });
  new kentix.AlarmGroup(`group-${i}`, {
    connection: site,
    name: `Zone ${i}`,
    armDelay: i === 0 && bump ? bump : 30,
    webhooks: [{ webhookId: hook.id, event: "allAlarms", triggerOnAlarm: true, triggerOnWarning: false }],
  });
}
