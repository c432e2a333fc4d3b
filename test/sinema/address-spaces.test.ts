import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../providers/core/resource/check";
import { Device, OpenVpnAddressSpace, Subnet, VirtualSubnetAddressSpace } from "../../providers/sinema";
import { calls, createChecked, lifecycleOf, type PlainArgs, updateChecked, useSinema } from "./support";

const rc = useSinema();
const lc = lifecycleOf;
const SPACE = { startAddress: "10.200.0.0", networkMask: "255.255.0.0", endAddress: "10.200.127.0" };
const device = (name: string) =>
  String(rc.emu.insert("devices", { name, password: "x", type: 2, connectionType: 1 }).id);
const natted = (deviceId: string, virtualIp: string, space: unknown = SPACE) =>
  ({
    connection: rc.connection,
    deviceId,
    name: "LAN",
    network: "192.168.10.0/24",
    natMode: "oneToOne",
    virtualIp,
    virtualIpSpace: space,
  }) as PlainArgs<typeof Subnet>;
const router = (fixedVpnAddress: string, space: unknown) =>
  ({
    connection: rc.connection,
    name: "Line 1 router",
    password: "device-pw-71c2",
    type: "M800",
    connectionType: "permanent",
    fixedVpnAddress,
    fixedVpnAddressSpace: space,
  }) as PlainArgs<typeof Device>;

describe("sinema address spaces", () => {
  it("VirtualSubnetAddressSpace: one POST with all three addresses activates the space; delete deactivates it", async () => {
    const { id, outs } = await createChecked(VirtualSubnetAddressSpace, {
      connection: rc.connection,
      ...SPACE,
      deletePolicy: "delete",
    });
    expect(calls(rc.emu).filter((c) => typeof c !== "string")).toEqual([
      { "POST /system/vpnaddressspace/virtualsubnetsettings": SPACE },
    ]);
    expect(rc.emu.setting("virtualsubnet")).toMatchObject({ ...SPACE, networkPoolActive: true });
    // The computed values come from the read before the write (as for every settings kind); refresh shows the new ones.
    const read = await lc(VirtualSubnetAddressSpace).read(id, outs);
    expect(read.props).toMatchObject({ networkPoolActive: true, totalAvailableNetworks: 128 });
    rc.emu.clearRequests();
    await lc(VirtualSubnetAddressSpace).delete(id, outs);
    expect(calls(rc.emu)).toEqual(["DELETE /system/vpnaddressspace/virtualsubnetsettings"]);
    expect(rc.emu.setting("virtualsubnet")).toMatchObject({ networkPoolActive: false });
  });

  it("VirtualSubnetAddressSpace: an end address outside the start address's network fails check", async () => {
    const res = await lc(VirtualSubnetAddressSpace).check(
      {},
      { connection: rc.connection, ...SPACE, endAddress: "10.201.0.0" },
    );
    expect(res.failures?.map((f) => f.property)).toEqual(["endAddress"]);
    expect(rc.emu.requests).toEqual([]);
  });

  it("OpenVpnAddressSpace: the fixed IP address space needs protocol, location and length together", async () => {
    const base = {
      connection: rc.connection,
      tcpStartIp: "172.30.0.0",
      tcpNetmask: "255.255.0.0",
      udpStartIp: "172.31.0.0",
      udpNetmask: "255.255.0.0",
    } as const;
    const res = await lc(OpenVpnAddressSpace).check({}, { ...base, fixedIpLength: 20 });
    expect(res.failures?.map((f) => f.property)).toEqual(["fixedIpProtocol", "fixedIpLocation"]);
    expect(res.failures![0]!.reason).toMatch(/only turned on with all of/);
    expect(rc.emu.requests).toEqual([]);
    const { id, outs } = await createChecked(OpenVpnAddressSpace, {
      ...base,
      fixedIpProtocol: "tcp",
      fixedIpLocation: "first",
      fixedIpLength: 20,
    });
    const read = await lc(OpenVpnAddressSpace).read(id, outs);
    expect(read.props).toMatchObject({ fixedIpActive: true, tcpEndIp: "172.30.255.255", udpEndIp: "172.31.255.255" });
  });

  it("Subnet: a virtualIp outside the declared space fails check on virtualIp, before any request", async () => {
    const d = device("Line 1");
    rc.emu.clearRequests();
    const res = await lc(Subnet).check({}, natted(d, "10.200.200.0"));
    expect(res.failures).toEqual([
      {
        property: "virtualIp",
        reason: expect.stringMatching(
          /10\.200\.200\.0 is outside the declared address space \(10\.200\.0\.0 to 10\.200\.127\.0\)/,
        ),
      },
    ]);
    expect(rc.emu.requests).toEqual([]);
  });

  it("Subnet: while the space is unknown (preview) check passes; the check of the resolved values before the create decides", async () => {
    const d = device("Line 1");
    const unknown = { startAddress: UNKNOWN, networkMask: UNKNOWN, endAddress: UNKNOWN };
    expect((await lc(Subnet).check({}, natted(d, "10.200.200.0", unknown))).failures).toBeUndefined();
    expect((await lc(Subnet).check({}, natted(d, "10.200.200.0", UNKNOWN))).failures).toBeUndefined();
    expect((await lc(Subnet).check({}, natted(d, "10.200.200.0"))).failures?.map((f) => f.property)).toEqual([
      "virtualIp",
    ]);
  });

  it("Subnet: the space is never sent, and a changed space is no change of the subnet", async () => {
    const d = device("Line 1");
    rc.emu.clearRequests();
    const { id, outs } = await createChecked(Subnet, natted(d, "10.200.5.0"));
    const post = calls(rc.emu).find((c) => typeof c !== "string" && "POST /connections/devices/subnets" in c);
    expect(post).toEqual({
      "POST /connections/devices/subnets": {
        deviceid: Number(d),
        name: "LAN",
        ipAddress: "192.168.10.0",
        subnetMask: "255.255.255.0",
        natMode: 1,
        virtualip: "10.200.5.0",
      },
    });
    const moved = natted(d, "10.200.5.0", { ...SPACE, endAddress: "10.200.64.0" });
    expect(await lc(Subnet).diff(id, outs, (await lc(Subnet).check(outs, moved)).inputs!)).toEqual({ changes: false });
  });

  it("Device: a fixedVpnAddress outside the OpenVPN space fails check; inside it, the space is never sent", async () => {
    const space = { startAddress: "172.30.0.0", networkMask: "255.255.0.0" };
    const res = await lc(Device).check({}, router("172.29.0.10", space));
    expect(res.failures?.map((f) => f.property)).toEqual(["fixedVpnAddress"]);
    expect(rc.emu.requests).toEqual([]);
    const { id, outs } = await createChecked(Device, router("172.30.0.10", space));
    const post = calls(rc.emu).find((c) => typeof c !== "string" && "POST /connections/devices" in c) as Record<
      string,
      Record<string, unknown>
    >;
    expect(post["POST /connections/devices"]).toMatchObject({ fixedVpnAddress: "172.30.0.10" });
    expect(post["POST /connections/devices"]).not.toHaveProperty("fixedVpnAddressSpace");
    rc.emu.clearRequests();
    await updateChecked(Device, id, outs, router("172.30.0.10", { ...space, networkMask: "255.255.255.0" }));
    expect(calls(rc.emu).filter((c) => typeof c !== "string")).toEqual([]);
  });
});
