// node bench/cost-mocks.js <facility|peer|trivial> <N> [repository root]: the program process's own cost of N
// Kentix alarm groups (four fields set), without CLI or engine: the SDK in mock mode registers them and every
// registration resolves. Prints the process's CPU time and peak resident memory. The root (default: this
// repository) picks the pulumi-facility whose dist is measured, e.g. a checkout of an earlier commit. The same
// three programs as bench/program-cost.ts, which measures them through the real CLI (slow on a loaded machine).
const variant = process.argv[2];
const n = Number(process.argv[3]);
const root = process.argv[4] ?? require("node:path").join(__dirname, "..");
// By path, not by name: inside this repository `pulumi-facility` is a self-reference, whatever the root.
const req = (m) =>
  require(
    m.startsWith("pulumi-facility/") ? `${root}/dist/providers/${m.slice(16)}` : require.resolve(m, { paths: [root] }),
  );
const pulumi = req("@pulumi/pulumi");
pulumi.runtime.setMocks(
  {
    newResource: (a) => ({ id: `${a.name}-id`, state: { ...a.inputs, createdAt: "2026", updatedAt: "2026" } }),
    call: () => ({}),
  },
  "cost",
  "n",
  false,
);
const t0 = process.cpuUsage();
let K;
if (variant === "facility") {
  const kentix = req("pulumi-facility/kentix");
  const site = kentix.connection({ url: "https://10.0.0.1", profile: "bench" });
  K = (i) =>
    new kentix.AlarmGroup(`group-${i}`, { connection: site, name: `Zone ${i}`, inheritArm: false, armDelay: 30 });
} else if (variant === "peer") {
  const call = async (site, method, p, body) => {
    const https = require("node:https");
    return { site, method, p, body, https: !!https };
  };
  const provider = {
    async diff(_id, olds, news) {
      return { changes: ["name", "inheritArm", "armDelay"].some((k) => olds[k] !== news[k]) };
    },
    async create(inputs) {
      const m = await call(inputs.site, "POST", "/api/alarmgroups", inputs);
      return { id: String(m.p), outs: inputs };
    },
    async read(id, props) {
      await call(props.site, "GET", id);
      return { id, props };
    },
    async update(id, _o, news) {
      await call(news.site, "PATCH", id, news);
      return { outs: news };
    },
    async delete(id, props) {
      await call(props.site, "DELETE", id);
    },
  };
  class AlarmGroup extends pulumi.dynamic.Resource {
    constructor(name, args) {
      super(provider, name, { ...args, createdAt: undefined }, undefined, "peer", "AlarmGroup");
    }
  }
  const site = pulumi.secret({ url: "https://10.0.0.1", token: "t" });
  K = (i) => new AlarmGroup(`group-${i}`, { site, name: `Zone ${i}`, inheritArm: false, armDelay: 30 });
} else {
  const provider = {
    async create(inputs) {
      return { id: inputs.name, outs: inputs };
    },
    async delete() {},
  };
  class Trivial extends pulumi.dynamic.Resource {
    constructor(name, props) {
      super(provider, name, props);
    }
  }
  const site = { url: "https://10.0.0.1" };
  K = (i) => new Trivial(`group-${i}`, { site, name: `Zone ${i}`, inheritArm: false, armDelay: 30 });
}
const rs = [];
for (let i = 0; i < n; i++) rs.push(K(i));
Promise.all(rs.map((r) => new Promise((res) => r.urn.apply(res)))).then(() =>
  setTimeout(() => {
    const c = process.cpuUsage(t0);
    console.log(
      JSON.stringify({
        variant,
        root,
        n,
        cpuMs: Math.round((c.user + c.system) / 1000),
        maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        outputs: Object.keys(rs[0]).length,
      }),
    );
    process.exit(0);
  }, 500),
);
