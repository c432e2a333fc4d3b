import { describe, expect, it } from "vitest";
import { calls, createChecked, failingProperties, lifecycle, refreshDiff, updateChecked, useSinema } from "./support";

const rc = useSinema();
type Entity = Parameters<typeof rc.emu.list>[0];
interface Case {
  kind: string;
  entity: Entity;
  declared: Record<string, unknown>;
  /** An out-of-band edit (as the server stores it), the inputs refresh then reports, and the diff up then makes. */
  drift: [Record<string, unknown>, Record<string, unknown>, { replaces: string[]; deleteBeforeReplace: boolean }];
  /** The delete request, as `calls` shows it. */
  deleted: (id: string) => unknown;
  invalid: [Record<string, unknown>, string[]];
}
const CASES: Case[] = [
  {
    kind: "SmsGatewayProvider",
    entity: "sms",
    declared: { name: "Plant SMS", address: "4917012345678@sms.example", text: "$MSG" },
    drift: [{ text: "Wake up: $MSG" }, { text: "Wake up: $MSG" }, { replaces: [], deleteBeforeReplace: false }],
    deleted: (id) => ({ "DELETE /system/smsandemail/sms": { ID: Number(id) } }),
    invalid: [{ name: "", address: "" }, ["name", "address"]],
  },
  {
    kind: "StaticRoute",
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
  },
  {
    kind: "SyslogServer",
    entity: "syslog",
    declared: { serverIp: "10.0.0.50", port: 514, protocol: "udp" },
    drift: [{ port: "1514" }, { port: 1514 }, { replaces: ["port"], deleteBeforeReplace: true }],
    deleted: (id) => `DELETE /services/syslog/${id}`,
    invalid: [{ serverIp: "10.0.0", port: 0, protocol: "sctp" }, ["serverIp", "port", "protocol"]],
  },
];
const declare = (c: Case, extra: Record<string, unknown> = {}) => ({
  connection: rc.connection,
  ...c.declared,
  ...extra,
});

describe.each(CASES)("sinema.$kind lifecycle", (c) => {
  const kind = `sinema:${c.kind}`;

  it("reports an out-of-band edit as drift, and an object deleted out of band as gone", async () => {
    const { id, outs } = await createChecked(kind, declare(c));
    rc.emu.edit(c.entity, Number(id), c.drift[0]);
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject(c.drift[1]);
    expect(diff).toEqual(c.drift[2]);
    rc.emu.remove(c.entity, Number(id));
    expect(await lifecycle(kind).read(id, outs)).toEqual({});
  });

  it("deletes with one request, and deleting it again (404) succeeds", async () => {
    const { id, outs } = await createChecked(kind, declare(c));
    rc.emu.clearRequests();
    await lifecycle(kind).delete(id, outs);
    await lifecycle(kind).delete(id, outs);
    expect(calls(rc.emu)).toEqual([c.deleted(id), c.deleted(id)]);
    expect(rc.emu.requests.map((r) => r.status)).toEqual([200, 404]);
    expect(rc.emu.list(c.entity)).toEqual([]);
  });

  it("fails invalid input in check with the property path, before any request", async () => {
    expect(await failingProperties(kind, declare(c, c.invalid[0]))).toEqual(c.invalid[1]);
    expect(rc.emu.requests).toEqual([]);
  });
});

describe("sinema.SmsGatewayProvider lifecycle", () => {
  const [kind, sms] = ["sinema:SmsGatewayProvider", CASES[0]!];

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
    const { id, inputs, outs } = await createChecked("sinema:StaticRoute", declare(CASES[1]!));
    expect(await lifecycle("sinema:StaticRoute").diff(id, outs, { ...inputs, interface: "lan2" })).toEqual({
      replaces: ["interface"],
      deleteBeforeReplace: true,
    });
    expect(
      await lifecycle("sinema:StaticRoute").diff(id, outs, { ...inputs, destinationNetwork: "10.51.0.0" }),
    ).toEqual({ replaces: ["destinationNetwork"], deleteBeforeReplace: false });
    expect(await lifecycle("sinema:StaticRoute").diff(id, outs, { ...inputs })).toEqual({ changes: false });
  });
});
