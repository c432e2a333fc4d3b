// The engine's own floor: N dynamic resources whose provider methods make no request, in the same shape as
// kentix-program.ts (N + N, each second one depending on the first), so the difference is the providers' cost.
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const n = config.requireNumber("count");
const bump = config.getNumber("bump");

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `${inputs.name}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds) !== JSON.stringify(news) };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};

class Trivial extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, pulumi.Input<unknown>>) {
    super(provider, name, props);
  }
}

for (let i = 0; i < n; i++) {
  const hook = new Trivial(`hook-${i}`, { name: `Hook ${i}`, url: `https://soc.example/hook/${i}` });
  new Trivial(`group-${i}`, { name: `Zone ${i}`, armDelay: i === 0 && bump ? bump : 30, webhookId: hook.id });
}
