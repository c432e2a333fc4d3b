// Program cost (issue 16), the floor: N dynamic resources of the same shape as cost-facility-program.ts whose
// provider makes no request (one provider object, the four inputs returned as outputs).
import * as pulumi from "@pulumi/pulumi";
import { recordPeak } from "./cost-peak";

recordPeak();
const config = new pulumi.Config();
const n = config.requireNumber("count");

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `${inputs.name}`, outs: inputs };
  },
  async delete() {},
};

class Trivial extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, pulumi.Input<unknown>>) {
    super(provider, name, props);
  }
}

const site = { url: config.require("url") };
for (let i = 0; i < n; i++) {
  new Trivial(`group-${i}`, { site, name: `Zone ${i}`, inheritArm: false, armDelay: 30 });
}
