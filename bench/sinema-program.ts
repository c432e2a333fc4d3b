// Benchmark program: N remote devices on one SINEMA RC server, each with one subnet behind it.
import * as pulumi from "@pulumi/pulumi";
import * as sinema from "pulumi-facility/sinema";

const config = new pulumi.Config();
const n = config.requireNumber("count");
const bump = config.get("bump"); // changes one field of one resource
const timeoutMs = config.getNumber("timeoutMs"); // the fault bench: a short client timeout its slow faults exceed
const rc = sinema.connection({
  url: config.require("url"),
  profile: "bench",
  caCertPem: config.get("caCertPem"),
  ...(timeoutMs ? { timeoutMs } : {}),
});
const password = config.requireSecret("devicePassword");

for (let i = 0; i < n; i++) {
  const device = new sinema.Device(`device-${i}`, {
    connection: rc,
    name: `Device ${i}`,
    password,
    type: "M800",
    connectionType: "permanent",
    location: i === 0 && bump ? bump : "Plant",
  });
  new sinema.Subnet(`subnet-${i}`, {
    connection: rc,
    deviceId: device.id,
    name: "LAN",
    network: `10.${Math.floor(i / 256)}.${i % 256}.0/24`,
    natMode: "none",
  });
}
