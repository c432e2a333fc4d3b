// Program cost (issue 16), the peer: a hand-written dynamic provider for Kentix alarm groups, written well (one
// provider object for the kind, a few declared outputs, a shared keep-alive agent with the appliance's 4 requests
// in flight), sending the same create, read and delete requests as this project does for cost-facility-program.ts.
import * as pulumi from "@pulumi/pulumi";
import { recordPeak } from "./cost-peak";

recordPeak();

interface Site {
  url: string;
  caCertPem?: string;
  token: string;
}

/** One request; the agent lives in the plugin process, shared by every call. */
async function call(site: Site, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const https = require("node:https") as typeof import("node:https");
  const g = globalThis as { peerAgent?: import("node:https").Agent };
  g.peerAgent ??= new https.Agent({ keepAlive: true, maxSockets: 4, ca: site.caCertPem });
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, site.url),
      {
        method,
        agent: g.peerAgent,
        headers: {
          accept: "application/json",
          authorization: `Bearer ${site.token}`,
          ...(text ? { "content-type": "application/json", "content-length": Buffer.byteLength(text) } : {}),
        },
      },
      (res) => {
        let data = "";
        res.on("data", (c) => (data += c));
        res.on("end", () => {
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${data}`));
          else resolve(data ? (JSON.parse(data) as Record<string, unknown>) : {});
        });
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

const unwrap = (b: Record<string, unknown>) => (b.data ?? b) as Record<string, unknown>;
const wire = (p: Record<string, unknown>) => ({
  arm_delay: p.armDelay,
  buzzer_arm_duration: 0,
  inherit_arm: p.inheritArm,
  name: p.name,
});

const provider: pulumi.dynamic.ResourceProvider = {
  async diff(_id, olds, news) {
    return { changes: ["name", "inheritArm", "armDelay"].some((k) => olds[k] !== news[k]) };
  },
  async create(inputs) {
    const made = unwrap(await call(inputs.site, "POST", "/api/alarmgroups", wire(inputs)));
    return {
      id: String(made.id),
      outs: { ...inputs, createdAt: made.created_at ?? null, updatedAt: made.updated_at ?? null },
    };
  },
  async read(id, props) {
    const got = unwrap(await call(props.site, "GET", `/api/alarmgroups/${id}`));
    const { name, arm_delay: armDelay, created_at: createdAt = null, updated_at: updatedAt = null } = got;
    return { id, props: { ...props, name, armDelay, createdAt, updatedAt } };
  },
  async update(id, _olds, news) {
    await call(news.site, "PATCH", `/api/alarmgroups/${id}`, { name: news.name, arm_delay: news.armDelay });
    return { outs: news };
  },
  async delete(id, props) {
    await call(props.site, "DELETE", `/api/alarmgroups/${id}`);
  },
};

interface GroupArgs {
  site: pulumi.Input<Site>;
  name: pulumi.Input<string>;
  inheritArm: pulumi.Input<boolean>;
  armDelay: pulumi.Input<number>;
}

const config = new pulumi.Config();
// `sameOutputs` (the bench's peerOutputs variant): also offer updatedAt, as this project's AlarmGroup does.
const offered = config.getBoolean("sameOutputs")
  ? { createdAt: undefined, updatedAt: undefined }
  : { createdAt: undefined };

class AlarmGroup extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly armDelay: pulumi.Output<number>;
  declare readonly createdAt: pulumi.Output<string | null>;
  constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args, ...offered }, opts, "peer", "AlarmGroup");
  }
}

const n = config.requireNumber("count");
const site = pulumi.secret({
  url: config.require("url"),
  caCertPem: config.get("caCertPem"),
  token: config.require("token"),
});

for (let i = 0; i < n; i++) {
  new AlarmGroup(`group-${i}`, { site, name: `Zone ${i}`, inheritArm: false, armDelay: 30 });
}
