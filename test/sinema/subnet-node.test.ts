import { describe, expect, it } from "vitest";
import { Node, Subnet } from "../../providers/sinema";
import {
  calls,
  createChecked,
  failingProperties,
  lifecycleOf,
  type PlainArgs,
  refreshDiff,
  updateChecked,
  useSinema,
} from "./support";

const rc = useSinema();
const device = (name: string) =>
  String(rc.emu.insert("devices", { name, password: "x", type: 2, connectionType: 1 }).id);
const group = (name: string) =>
  String(rc.emu.insert("groups", { name, description: "", communicationAllowed: false }).id);
const lan = (deviceId: string) =>
  String(
    rc.emu.insert("subnets", {
      deviceid: Number(deviceId),
      name: "LAN",
      ipAddress: "192.168.10.0",
      subnetMask: "255.255.255.0",
      natMode: 0,
    }).id,
  );
const node = (subnetId: string) => ({ connection: rc.connection, subnetId, name: "PLC", nodeIp: "192.168.10.20" });
const subnet = (deviceId: string, extra: Partial<PlainArgs<typeof Subnet>> = {}): PlainArgs<typeof Subnet> => ({
  connection: rc.connection,
  deviceId,
  name: "LAN",
  network: "192.168.10.0/24",
  natMode: "none",
  ...extra,
});

describe("sinema.Subnet lifecycle", () => {
  it("writes the network as ipAddress + subnetMask, and its groups with the casing each call documents", async () => {
    const d = device("Line 1");
    const [eng, ops] = [group("Engineers"), group("Operators")];
    const { id, inputs, outs } = await createChecked(Subnet, subnet(d, { groups: [eng] }));
    expect(calls(rc.emu)).toEqual([
      `GET /connections/devices/subnets?deviceId=${d}`,
      {
        "POST /connections/devices/subnets": {
          deviceid: Number(d),
          name: "LAN",
          ipAddress: "192.168.10.0",
          subnetMask: "255.255.255.0",
          natMode: 0,
        },
      },
      {
        "POST /connections/devices/subnets/groups": { deviceID: Number(d), subnetId: Number(id), groupId: Number(eng) },
      },
      `GET /connections/devices/subnets/${id}`,
    ]);
    rc.emu.clearRequests();
    const read = await lc(Subnet).read(id, outs);
    expect(read.inputs).toEqual(inputs);
    expect(calls(rc.emu)).toEqual([
      `GET /connections/devices/subnets/${id}`,
      `GET /connections/devices/subnets/groups?subnetId=${id}`,
    ]);
    rc.emu.clearRequests();
    await updateChecked(Subnet, id, outs, subnet(d, { network: "192.168.20.0/23", groups: [ops] }));
    expect(calls(rc.emu)).toEqual([
      { [`PUT /connections/devices/subnets/${id}`]: { ipAddress: "192.168.20.0", subnetMask: "255.255.254.0" } },
      {
        "DELETE /connections/devices/subnets/groups": {
          deviceID: Number(d),
          subnetID: Number(id),
          groupID: Number(eng),
        },
      },
      {
        "POST /connections/devices/subnets/groups": { deviceID: Number(d), subnetId: Number(id), groupId: Number(ops) },
      },
    ]);
  });

  it("looks names up per device: the same subnet name behind two devices is no conflict", async () => {
    const [a, b] = [device("A"), device("B")];
    await createChecked(Subnet, subnet(a));
    await createChecked(Subnet, subnet(b, { network: "192.168.11.0/24" }));
    expect(rc.emu.list("subnets").map((s) => [s.deviceid, s.name])).toEqual([
      [Number(a), "LAN"],
      [Number(b), "LAN"],
    ]);
    const dup = await createChecked(Subnet, subnet(a, { network: "192.168.12.0/24" })).catch((e) => e);
    expect(dup.message).toMatch(/^sinema:Subnet name "LAN" already exists on .* with id 1\./);
  });

  it("replaces on a new device or virtual address, and reports the server's overlap refusal by field", async () => {
    const [a, b] = [device("A"), device("B")];
    const { id, inputs, outs } = await createChecked(Subnet, subnet(a));
    expect(await lc(Subnet).diff(id, outs, { ...inputs, deviceId: b })).toEqual({
      replaces: ["deviceId"],
      deleteBeforeReplace: true,
    });
    const overlap = await createChecked(Subnet, subnet(b, { name: "Other", network: "192.168.10.128/25" })).catch(
      (e) => e,
    );
    expect(overlap.message).toBe(
      "sinema API 422 on POST /api/v1/connections/devices/subnets: Invalid entry; ipAddress: overlaps 192.168.10.0/24 (subnet 1)",
    );
  });

  it("rejects a network with host bits set in check", async () => {
    const res = await lc(Subnet).check({}, subnet("1", { network: "192.168.10.5/24" }));
    expect(res.failures).toEqual([
      { property: "network", reason: "has host bits set; give the network address (e.g. 192.168.10.0/24)" },
    ]);
  });

  it("reports out-of-band edits as drift, and a subnet deleted out of band as gone", async () => {
    const d = device("Line 1");
    const eng = group("Engineers");
    const { id, outs } = await createChecked(Subnet, subnet(d, { groups: [] }));
    rc.emu.edit("subnets", Number(id), { ipAddress: "192.168.11.0", natMode: 1 });
    rc.emu.relate("subnetGroups", Number(id), Number(eng));
    const { inputs, diff } = await refreshDiff(Subnet, id, outs);
    expect(inputs).toMatchObject({ network: "192.168.11.0/24", natMode: "oneToOne", groups: [eng], deviceId: d });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    rc.emu.remove("subnets", Number(id));
    expect(await lc(Subnet).read(id, outs)).toEqual({});
  });

  it("renames with one PUT of the name alone", async () => {
    const d = device("Line 1");
    const { id, outs } = await createChecked(Subnet, subnet(d));
    rc.emu.clearRequests();
    await updateChecked(Subnet, id, outs, subnet(d, { name: "LAN 2" }));
    expect(calls(rc.emu)).toEqual([{ [`PUT /connections/devices/subnets/${id}`]: { name: "LAN 2" } }]);
    expect(rc.emu.get("subnets", Number(id))).toMatchObject({ name: "LAN 2", ipAddress: "192.168.10.0" });
  });
});

describe("sinema.Node lifecycle", () => {
  it("creates in its subnet, replaces on any change of its own fields, and keeps its groups in place", async () => {
    const s = lan(device("Line 1"));
    const eng = group("Engineers");
    const plc = node(s);
    const { id, inputs, outs } = await createChecked(Node, plc);
    expect(calls(rc.emu)).toEqual([
      `GET /connections/devices/subnets/nodes?subnetId=${s}`,
      { "POST /connections/devices/subnets/nodes": { subnetId: Number(s), name: "PLC", nodeIp: "192.168.10.20" } },
      `GET /connections/devices/subnets/nodes/${id}`,
    ]);
    expect(outs.ipAddress).toBe("192.168.10.20");
    expect(await lc(Node).diff(id, outs, { ...inputs, name: "PLC 2" })).toEqual({
      replaces: ["name"],
      deleteBeforeReplace: false,
    });
    expect(await lc(Node).diff(id, outs, { ...inputs, groups: [eng] })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
    });
    rc.emu.clearRequests();
    await updateChecked(Node, id, outs, { ...plc, groups: [eng] });
    expect(calls(rc.emu)).toEqual([
      { "POST /connections/devices/subnets/nodes/groups": { nodeId: Number(id), groupId: Number(eng) } },
    ]);
    const outside = await createChecked(Node, { ...plc, name: "Far", nodeIp: "10.0.0.1" }).catch((e) => e);
    expect(outside.message).toBe(
      "sinema API 422 on POST /api/v1/connections/devices/subnets/nodes: Invalid entry; nodeIp: does not fit into the subnet",
    );
  });

  it("reports a rename out of band as drift that replaces, new groups as drift in place, and a node deleted out of band as gone", async () => {
    const { id, outs } = await createChecked(Node, node(lan(device("Line 1"))));
    const eng = group("Engineers");
    rc.emu.edit("nodes", Number(id), { name: "PLC old" });
    const renamed = await refreshDiff(Node, id, outs);
    expect(renamed.inputs).toMatchObject({ name: "PLC old", nodeIp: "192.168.10.20" });
    expect(renamed.diff).toEqual({ replaces: ["name"], deleteBeforeReplace: false });
    rc.emu.edit("nodes", Number(id), { name: "PLC" });
    rc.emu.relate("nodeGroups", Number(id), Number(eng));
    const grouped = await refreshDiff(Node, id, { ...outs, groups: [] });
    expect(grouped.inputs).toMatchObject({ groups: [eng] });
    expect(grouped.diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    rc.emu.remove("nodes", Number(id));
    expect(await lc(Node).read(id, outs)).toEqual({});
  });

  it("deletes with one DELETE", async () => {
    const { id, outs } = await createChecked(Node, node(lan(device("Line 1"))));
    rc.emu.clearRequests();
    await lc(Node).delete(id, outs);
    expect(calls(rc.emu)).toEqual([`DELETE /connections/devices/subnets/nodes/${id}`]);
    expect(rc.emu.list("nodes")).toEqual([]);
  });

  it("fails invalid input in check with the property path, before any request", async () => {
    expect(
      await failingProperties(Node, {
        ...node("lan"),
        name: "",
        nodeIp: "192.168.10.300",
        groups: ["engineers"],
      }),
    ).toEqual(["subnetId", "name", "nodeIp", "groups[0]"]);
    expect(rc.emu.requests).toEqual([]);
  });
});

const lc = lifecycleOf;
