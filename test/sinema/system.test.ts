import { describe, expect, it } from "vitest";
import { SmsGatewayProvider, StaticRoute, SyslogServer } from "../../providers/sinema";
import type { Resource } from "../support/lifecycle";
import {
  calls,
  createChecked,
  failingProperties,
  lifecycleOf,
  type FieldsOf,
  type PlainArgs,
  refreshDiff,
  unchecked,
  updateChecked,
  useSinema,
} from "./support";

const rc = useSinema();
type Entity = Parameters<typeof rc.emu.list>[0];
type Props = Record<string, unknown>;
interface Case<R extends Resource = Resource> {
  /** The resource class's name, which titles the tests. */
  kind: string;
  resource: R;
  entity: Entity;
  declared: FieldsOf<R>;
  /** An out-of-band edit (as the server stores it), the inputs refresh then reports, and the diff up then makes. */
  drift: [Props, Partial<PlainArgs<R>>, { replaces: string[]; deleteBeforeReplace: boolean }];
  /** The delete request, as `calls` shows it. */
  deleted: (id: string) => unknown;
  /** Input that check refuses (bad on purpose, so not typed as the args), and the properties it names. */
  invalid: [Props, string[]];
}
/** A case whose declarations are typed as its resource's args. */
const kase = <R extends Resource>(resource: R, c: NoInfer<Omit<Case<R>, "kind" | "resource">>) =>
  ({ kind: resource.name, resource, ...c }) as unknown as Case;
const CASES: Case[] = [
  kase(SmsGatewayProvider, {
    entity: "sms",
    declared: { name: "Plant SMS", address: "4917012345678@sms.example", text: "$MSG" },
    drift: [{ text: "Wake up: $MSG" }, { text: "Wake up: $MSG" }, { replaces: [], deleteBeforeReplace: false }],
    deleted: (id) => ({ "DELETE /system/smsandemail/sms": { ID: Number(id) } }),
    invalid: [{ name: "", address: "" }, ["name", "address"]],
  }),
  kase(StaticRoute, {
    entity: "routes",
    declared: {
      destinationNetwork: "10.50.0.0",
      networkMask: "255.255.0.0",
      gateway: "192.168.1.254",
      interface: "lan1",
    },
    drift: [
      { gateway: "192.168.1.253" },
      { gateway: "192.168.1.253" },
      { replaces: ["gateway"], deleteBeforeReplace: true },
    ],
    deleted: (id) => `DELETE /system/network/staticroutes/${id}`,
    invalid: [{ networkMask: "255.255.0.300", interface: "lan9" }, ["networkMask", "interface"]],
  }),
  kase(SyslogServer, {
    entity: "syslog",
    declared: { serverIp: "10.0.0.50", port: 514, protocol: "udp" },
    drift: [{ port: "1514" }, { port: 1514 }, { replaces: ["port"], deleteBeforeReplace: true }],
    deleted: (id) => `DELETE /services/syslog/${id}`,
    invalid: [{ serverIp: "10.0.0", port: 0, protocol: "sctp" }, ["serverIp", "port", "protocol"]],
  }),
];
const declare = (c: Case, extra: Props = {}) => ({
  connection: rc.connection,
  ...c.declared,
  ...extra,
});

describe.each(CASES)("sinema.$kind lifecycle", (c) => {
  const kind = c.resource;

  it("reports an out-of-band edit as drift, and an object deleted out of band as gone", async () => {
    const { id, outs } = await createChecked(kind, declare(c));
    rc.emu.edit(c.entity, Number(id), c.drift[0]);
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject(c.drift[1]);
    expect(diff).toEqual(c.drift[2]);
    rc.emu.remove(c.entity, Number(id));
    expect(await lifecycleOf(kind).read(id, outs)).toEqual({});
  });

  it("deletes with one request, and deleting it again (404) succeeds", async () => {
    const { id, outs } = await createChecked(kind, declare(c));
    rc.emu.clearRequests();
    await lifecycleOf(kind).delete(id, outs);
    await lifecycleOf(kind).delete(id, outs);
    expect(calls(rc.emu)).toEqual([c.deleted(id), c.deleted(id)]);
    expect(rc.emu.requests.map((r) => r.status)).toEqual([200, 404]);
    expect(rc.emu.list(c.entity)).toEqual([]);
  });

  it("fails invalid input in check with the property path, before any request", async () => {
    expect(await failingProperties(kind, unchecked(declare(c, c.invalid[0])))).toEqual(c.invalid[1]);
    expect(rc.emu.requests).toEqual([]);
  });
});

describe("sinema.SmsGatewayProvider lifecycle", () => {
  const [kind, sms] = [CASES[0]!.resource, CASES[0]!];

  it("creates with one POST (the answer carries only the ID), reads the object back, and changes one field with one PUT", async () => {
    const { id, outs } = await createChecked(kind, declare(sms, { subject: "Wake-up" }));
    expect(calls(rc.emu)).toEqual([
      "GET /system/smsandemail/sms",
      {
        "POST /system/smsandemail/sms": {
          name: "Plant SMS",
          address: "4917012345678@sms.example",
          text: "$MSG",
          subject: "Wake-up",
        },
      },
      `GET /system/smsandemail/sms/${id}`,
    ]);
    expect(outs).toMatchObject({ name: "Plant SMS", subject: "Wake-up" });
    rc.emu.clearRequests();
    await updateChecked(kind, id, outs, declare(sms, { subject: "Wake-up", text: "RC: $MSG" }));
    expect(calls(rc.emu)).toEqual([{ [`PUT /system/smsandemail/sms/${id}`]: { text: "RC: $MSG" } }]);
    expect(rc.emu.get("sms", Number(id))).toMatchObject({ text: "RC: $MSG", subject: "Wake-up" });
  });
});

describe("sinema.StaticRoute lifecycle", () => {
  it("replaces on any change (there is no update call), deleting first when the destination stays", async () => {
    const { id, inputs, outs } = await createChecked(CASES[1]!.resource, declare(CASES[1]!));
    expect(await lifecycleOf(StaticRoute).diff(id, outs, { ...inputs, interface: "lan2" })).toEqual({
      replaces: ["interface"],
      deleteBeforeReplace: true,
    });
    expect(await lifecycleOf(StaticRoute).diff(id, outs, { ...inputs, destinationNetwork: "10.51.0.0" })).toEqual({
      replaces: ["destinationNetwork"],
      deleteBeforeReplace: false,
    });
    expect(await lifecycleOf(StaticRoute).diff(id, outs, { ...inputs })).toEqual({ changes: false });
  });
});
