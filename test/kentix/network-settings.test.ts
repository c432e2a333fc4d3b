/**
 * NetworkSettings: a guarded singleton. The addressing fields need the acknowledgement, check refuses a static
 * address that is not the host the provider connects to (before any request), and destroy only retains.
 */
import { describe, expect, it } from "vitest";
import { NetworkSettings } from "../../providers/kentix";
import {
  calls,
  createChecked,
  expectNoOpUp,
  failingProperties,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const lc = lifecycleOf(NetworkSettings);
// The emulator listens on 127.0.0.1: the address the provider reaches the appliance at.
const here = {
  dhcpActive: false,
  staticActive: true,
  staticAddress: "127.0.0.1",
  staticNetmask: "255.0.0.0",
  gateway: "127.0.0.254",
  dns1: "192.0.2.53",
  acknowledgeConnectionLoss: true,
} as const;
const declare = (extra: Record<string, unknown> = {}) => ({ connection: kentix.connection, ...here, ...extra });
const refusal = async (props: Record<string, unknown>) =>
  (await lc.checkRaw({}, unchecked(props))).failures?.map((f) => [f.property, f.reason]) ?? [];

describe("kentix.NetworkSettings lifecycle (a guarded singleton)", () => {
  it("reads the settings and writes the declared ones in one write, without the acknowledgement", async () => {
    expect(new URL(kentix.connection.url).hostname).toBe("127.0.0.1");
    const { id, outs } = await createChecked(NetworkSettings, declare());
    expect(id).toBe("network");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/network",
      {
        "PATCH /api/network": {
          dhcp_active: false,
          static_active: true,
          static_address: "127.0.0.1",
          static_netmask: "255.0.0.0",
          gateway: "127.0.0.254",
          dns1: "192.0.2.53",
        },
      },
    ]);
    expect(outs).toMatchObject({ ...here, dhcpAddress: "192.168.100.224", dhcpNetmask: "255.255.255.0" });
    // retain is the only policy: nothing is kept to write back.
    expect(outs.restoreValues).toBeUndefined();
    expect(lc.deletePolicies).toEqual(["retain"]);
  });

  it("an up of the same declaration sends no request", () => expectNoOpUp(NetworkSettings, declare(), kentix.emu));

  it("one changed field is one write; the acknowledgement alone changing is no request", async () => {
    const { id, outs } = await createChecked(NetworkSettings, declare());
    kentix.emu.clearRequests();
    await updateChecked(NetworkSettings, id, outs, declare({ dns1: "192.0.2.54" }));
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/network": { dns1: "192.0.2.54" } }]);
    expect(kentix.emu.setting("network")).toMatchObject({ dns1: "192.0.2.54", static_address: "127.0.0.1" });

    // DNS alone needs no acknowledgement; adding it afterwards sends nothing (an empty write could restart the network).
    const dns = { connection: kentix.connection, dns1: "192.0.2.54" };
    const taken = await createChecked(NetworkSettings, dns);
    kentix.emu.clearRequests();
    await updateChecked(NetworkSettings, taken.id, taken.outs, { ...dns, acknowledgeConnectionLoss: true });
    expect(kentix.emu.requests).toEqual([]);
  });

  it("refresh shows a setting changed on the appliance", async () => {
    const { id, outs } = await createChecked(NetworkSettings, declare());
    kentix.emu.editSetting("network", { gateway: "127.0.0.1" });
    const { inputs, diff } = await refreshDiff(NetworkSettings, id, outs);
    expect(inputs).toMatchObject({ gateway: "127.0.0.1", acknowledgeConnectionLoss: true });
    expect(diff.changes).not.toBe(false);
  });

  it("destroy retains the settings: no request", async () => {
    const { id, outs } = await createChecked(NetworkSettings, declare());
    kentix.emu.clearRequests();
    await lc.delete(id, outs);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("check refuses, before any request, what would cut the provider off the appliance", async () => {
    const url = kentix.connection;
    // Addressing without the acknowledgement: every declared addressing field is named.
    const [[property, reason]] = (await refusal({ connection: url, dhcpActive: true, staticActive: false })) as [
      string,
      string,
    ][];
    expect(property).toBe("acknowledgeConnectionLoss");
    expect(reason).toMatch(/^dhcpActive, staticActive: .*cuts the provider off the appliance/);
    // A static address the provider does not connect to: named, why, and what to do.
    const moved = await refusal(declare({ staticAddress: "192.0.2.10" }));
    expect(moved).toEqual([
      [
        "staticAddress",
        "192.0.2.10 is not the address this provider reaches the appliance at (the host of connection.url is 127.0.0.1): " +
          "the appliance would move away from the provider in the middle of the run, and the provider would lose it. " +
          "Point connection.url at 192.0.2.10 in the same change and set acknowledgeConnectionLoss: true " +
          "(the provider then reads and writes through 192.0.2.10, so the appliance must answer there).",
      ],
    ]);
    expect(
      await failingProperties(NetworkSettings, unchecked({ ...declare(), acknowledgeConnectionLoss: false })),
    ).toEqual(["acknowledgeConnectionLoss"]);
    expect(await failingProperties(NetworkSettings, unchecked(declare({ dhcpActive: true })))).toEqual([
      "staticActive",
    ]);
    expect(
      await failingProperties(NetworkSettings, unchecked(declare({ staticNetmask: "24", deletePolicy: "restore" }))),
    ).toEqual(["staticNetmask", "deletePolicy"]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("lets through what check cannot judge: DHCP (the address is not in effect) and a host name in the url", async () => {
    const dhcp = { connection: kentix.connection, dhcpActive: true, staticActive: false, staticAddress: "192.0.2.10" };
    expect(await refusal({ ...dhcp, acknowledgeConnectionLoss: true })).toEqual([]);
    const byName = { ...kentix.connection, url: "https://alarm.example.com" };
    expect(await refusal({ ...declare({ staticAddress: "192.0.2.10" }), connection: byName })).toEqual([]);
    // The url pointed at the new address in the same change passes.
    const there = { ...kentix.connection, url: "https://192.0.2.10:8443" };
    expect(await refusal({ ...declare({ staticAddress: "192.0.2.10" }), connection: there })).toEqual([]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
