import { describe, expect, it } from "vitest";
import { SubnetPortGroup } from "../../providers/sinema";
import {
  API,
  calls,
  createChecked,
  expectNoOpUp,
  lifecycleOf,
  type PlainArgs,
  refreshDiff,
  updateChecked,
  useSinema,
} from "./support";

const rc = useSinema();
const lc = lifecycleOf;
const PORTS = "/connections/devices/subnets/portgroups/ports";
const GROUPS = "/connections/devices/subnets/portgroups/groups";
const group = (name: string) => String(rc.emu.insert("groups", { name, communicationAllowed: false }).id);
const lan = () => {
  const d = rc.emu.insert("devices", { name: "Line 1", password: "x", type: 2, connectionType: 1 });
  return String(
    rc.emu.insert("subnets", {
      deviceid: d.id,
      name: "LAN",
      ipAddress: "192.168.10.0",
      subnetMask: "255.255.255.0",
      natMode: 0,
    }).id,
  );
};
const portGroup = (
  subnetId: string,
  extra: Partial<PlainArgs<typeof SubnetPortGroup>> = {},
): PlainArgs<typeof SubnetPortGroup> => ({
  connection: rc.connection,
  subnetId,
  name: "PLC access",
  icmpEnabled: true,
  ports: { tcp: "8000-8100, 102, 502", udp: "161" },
  ...extra,
});
const port = (id: string, protocol: string, p: number | string) => ({ portgroupId: Number(id), protocol, port: p });

describe("sinema.SubnetPortGroup lifecycle", () => {
  it("creates the group, then one call per port entry (a port as a number, a range as lo-hi) and per group; a reordered list is no drift", async () => {
    const s = lan();
    const eng = group("Engineers");
    const { id, inputs, outs } = await createChecked(SubnetPortGroup, portGroup(s, { groups: [eng] }));
    expect(calls(rc.emu)).toEqual([
      `GET /connections/devices/subnets/portgroups?subnetId=${s}`,
      {
        "POST /connections/devices/subnets/portgroups": { subnetId: Number(s), name: "PLC access", icmpEnabled: true },
      },
      { [`POST ${PORTS}`]: port(id, "TCP", 102) },
      { [`POST ${PORTS}`]: port(id, "TCP", 502) },
      { [`POST ${PORTS}`]: port(id, "TCP", "8000-8100") },
      { [`POST ${PORTS}`]: port(id, "UDP", 161) },
      { [`POST ${GROUPS}`]: { portgroupId: Number(id), groupId: Number(eng) } },
      `GET /connections/devices/subnets/portgroups/${id}`,
    ]);
    rc.emu.clearRequests();
    const read = await lc(SubnetPortGroup).read(id, outs);
    // The declaration's own order is kept: the canonical order is only for comparing.
    expect(read.inputs).toEqual(inputs);
    expect(calls(rc.emu)).toEqual([
      `GET /connections/devices/subnets/portgroups/${id}`,
      `GET ${GROUPS}?portgroupId=${id}`,
    ]);
    expect(
      await lc(SubnetPortGroup).diff(id, outs, { ...inputs, ports: { tcp: "102,502 , 8000 - 8100, 502", udp: "161" } }),
    ).toEqual({ changes: false });
  });

  it("an up of the same declaration makes no request", () => expectNoOpUp(SubnetPortGroup, portGroup(lan()), rc.emu));

  it("writes only the entries and groups that changed, and the name and ICMP flag with one PUT", async () => {
    const s = lan();
    const [eng, ops] = [group("Engineers"), group("Operators")];
    const { id, outs } = await createChecked(SubnetPortGroup, portGroup(s, { groups: [eng] }));
    rc.emu.clearRequests();
    await updateChecked(
      SubnetPortGroup,
      id,
      outs,
      portGroup(s, {
        name: "PLC",
        icmpEnabled: false,
        ports: { tcp: "443, 102, 8000-8100" },
        groups: [eng, ops],
      }),
    );
    expect(calls(rc.emu)).toEqual([
      { [`PUT /connections/devices/subnets/portgroups/${id}`]: { name: "PLC", icmpEnabled: false } },
      { [`DELETE ${PORTS}`]: port(id, "TCP", 502) },
      { [`DELETE ${PORTS}`]: port(id, "UDP", 161) },
      { [`POST ${PORTS}`]: port(id, "TCP", 443) },
      { [`POST ${GROUPS}`]: { portgroupId: Number(id), groupId: Number(ops) } },
    ]);
    expect(rc.emu.get("portgroups", Number(id))).toMatchObject({
      name: "PLC",
      icmpEnabled: false,
      ports: [
        { protocol: "TCP", port: 102 },
        { protocol: "TCP", port: "8000-8100" },
        { protocol: "TCP", port: 443 },
      ],
    });
  });

  it("takes 'The port already exists' (409) as done: a port whose add answer was lost is not an error when sent again", async () => {
    const s = lan();
    const { id, outs } = await createChecked(SubnetPortGroup, portGroup(s, { ports: { tcp: "102" } }));
    rc.emu.inject({ method: "POST", path: `${API}${PORTS}`, kind: "reset-after-commit" });
    const lost = await updateChecked(SubnetPortGroup, id, outs, portGroup(s, { ports: { tcp: "102, 502" } })).catch(
      (e: Error) => e,
    );
    expect(lost).toBeInstanceOf(Error);
    rc.emu.clearRequests();
    await updateChecked(SubnetPortGroup, id, outs, portGroup(s, { ports: { tcp: "102, 502" } }));
    expect(rc.emu.requests.map((r) => `${r.method} ${r.path.slice(API.length)} ${r.status}`)).toEqual([
      `POST ${PORTS} 409`,
    ]);
    expect(rc.emu.get("portgroups", Number(id))?.ports).toEqual([
      { protocol: "TCP", port: 102 },
      { protocol: "TCP", port: 502 },
    ]);
  });

  it("a lost create answer never makes a second port group: it is found again by subnet and name", async () => {
    const s = lan();
    rc.emu.inject({
      method: "POST",
      path: `${API}/connections/devices/subnets/portgroups`,
      kind: "reset-after-commit",
    });
    const { id } = await createChecked(SubnetPortGroup, portGroup(s));
    expect(rc.emu.list("portgroups").map((g) => [String(g.id), g.name])).toEqual([[id, "PLC access"]]);
    expect(rc.emu.get("portgroups", Number(id))?.ports).toHaveLength(4);
  });

  it("reports ports, groups and ICMP changed out of band as drift, in the canonical order, and a port group deleted out of band as gone", async () => {
    const s = lan();
    const eng = group("Engineers");
    const { id, outs } = await createChecked(SubnetPortGroup, portGroup(s));
    rc.emu.edit("portgroups", Number(id), {
      icmpEnabled: false,
      ports: [
        { protocol: "TCP", port: 502 },
        { protocol: "UDP", port: "5000-5010" },
        { protocol: "TCP", port: 22 },
      ],
    });
    rc.emu.relate("portgroupGroups", Number(id), Number(eng));
    const { inputs, diff } = await refreshDiff(SubnetPortGroup, id, { ...outs, groups: [] });
    expect(inputs).toMatchObject({
      icmpEnabled: false,
      ports: { tcp: "22, 502", udp: "5000-5010" },
      groups: [eng],
      subnetId: s,
    });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    rc.emu.remove("subnets", Number(s)); // the port group goes with its subnet
    expect(await lc(SubnetPortGroup).read(id, outs)).toEqual({});
  });

  it("replaces on another subnet, and deletes with one DELETE", async () => {
    const s = lan();
    const { id, inputs, outs } = await createChecked(SubnetPortGroup, portGroup(s));
    expect(await lc(SubnetPortGroup).diff(id, outs, { ...inputs, subnetId: "99" })).toEqual({
      replaces: ["subnetId"],
      deleteBeforeReplace: true,
    });
    rc.emu.clearRequests();
    await lc(SubnetPortGroup).delete(id, outs);
    expect(calls(rc.emu)).toEqual([`DELETE /connections/devices/subnets/portgroups/${id}`]);
    expect(rc.emu.list("portgroups")).toEqual([]);
  });

  it("fails bad ports in check, naming the property and the entry, before any request", async () => {
    const res = await lc(SubnetPortGroup).check(
      {},
      {
        ...portGroup("1"),
        name: "",
        ports: { tcp: "80, 70000", udp: "100-70", sctp: "9" } as never,
        groups: ["engineers"],
      },
    );
    expect(res.failures).toEqual([
      { property: "name", reason: expect.any(String) },
      { property: "ports.tcp", reason: "70000 is not a port (1 to 65535)" },
      { property: "ports.udp", reason: "the range 100-70 starts above its end; write 70-100" },
      { property: "ports", reason: expect.stringContaining("sctp") },
      { property: "groups[0]", reason: "must be the numeric id of a ParticipantGroup" },
    ]);
    const text = await lc(SubnetPortGroup).check({}, { ...portGroup("1"), ports: { tcp: "http" } });
    expect(text.failures).toEqual([
      { property: "ports.tcp", reason: '"http" is not a port or a port range; write e.g. "77, 70-100"' },
    ]);
    expect(rc.emu.requests).toEqual([]);
  });
});
