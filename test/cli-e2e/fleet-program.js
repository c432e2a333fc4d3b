// The program of test/cli-e2e/fleet.test.ts: one stack per site, the site file <sitesDir>/<stack>.json listing the
// site's alarm groups. The token comes from the environment (KENTIX_<STACK>_TOKEN), as in a CI secret store.
const fs = require("node:fs");
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const kentix = require("pulumi-facility/kentix");

const config = new pulumi.Config();
const stack = pulumi.getStack();
const site = JSON.parse(fs.readFileSync(path.join(config.require("sitesDir"), `${stack}.json`), "utf8"));
const connection = kentix.connection({
  url: config.require("kentixUrl"),
  profile: stack,
  caCertPem: config.require("kentixCaCertPem"),
});
for (const name of site.alarmGroups)
  new kentix.AlarmGroup(name.toLowerCase().replace(/\W+/g, "-"), { connection, name, stealthMode: false });
