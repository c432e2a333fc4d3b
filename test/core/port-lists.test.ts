/**
 * Port lists (`"77, 70-100"`) and set parts whose members have no id of their own: the codec's parsing and
 * canonical form, and a test-only spec whose set is a list of `{protocol, port}` entries, identified by their
 * fields, driven through real HTTP (the SINEMA RC emulator's port group calls).
 */
import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { parsePorts, portList, portsByProtocol } from "../../providers/core/resource/codecs";
import { defineResource } from "../../providers/core/resource/define";
import { canon, field, fromWire, ref, toWire, wireAsNamed } from "../../providers/core/resource/schema";
import { sinema } from "../../providers/sinema/client";
import { calls, createChecked, lifecycleOf, refreshDiff, updateChecked, useSinema } from "../sinema/support";

describe("port lists", () => {
  it("parses ports and ranges into the canonical order, an entry given twice once, overlaps kept", () => {
    expect(parsePorts("77, 70-100, 22,77, 80-80, 70 - 90")).toEqual({
      ranges: [
        [22, 22],
        [70, 90],
        [70, 100],
        [77, 77],
        [80, 80],
      ],
    });
    expect(parsePorts("")).toEqual({ ranges: [] });
    expect(parsePorts("0")).toEqual({ problem: "0 is not a port (1 to 65535)" });
    expect(parsePorts("1-65536")).toEqual({ problem: "65536 is not a port (1 to 65535)" });
    expect(parsePorts("100-70")).toEqual({ problem: "the range 100-70 starts above its end; write 70-100" });
    expect(parsePorts("80,,443")).toEqual({ problem: '"" is not a port or a port range; write e.g. "77, 70-100"' });
  });

  it("compares in canonical order, so a reordered or respaced list is the same list", () => {
    const list = portList();
    expect(canon("77, 70-100", list)).toBe(canon("70-100,77", list));
    expect(canon("77, 70-100", list)).toBe("70-100, 77");
    expect(fromWire([77, "70-100"], list)).toBe("70-100, 77");
    expect(list.safeParse("77, 65536").error?.issues[0]?.message).toBe("65536 is not a port (1 to 65535)");
  });

  it("property: any order and spacing of the same entries is the same list; a port outside 1-65535 is refused, naming it", () => {
    const list = portList();
    const port = fc.integer({ min: 1, max: 65535 });
    const entry = fc.oneof(
      port.map(String),
      fc.tuple(port, port).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.nat(), (entries, seed) => {
        const shuffled = [...entries].sort((x, y) => ((x.length * 31 + seed) % 7) - ((y.length * 31 + seed) % 7));
        const text = canon(entries.join(", "), list);
        expect(canon(shuffled.join(" ,"), list)).toBe(text);
        expect(canon(text, list)).toBe(text); // the canonical text is its own canonical form
        expect(list.safeParse(shuffled.join(",")).success).toBe(true);
      }),
    );
    const outside = fc.oneof(fc.integer({ min: 65536, max: 99999 }), fc.constant(0));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), outside, (entries, bad) => {
        const issue = list.safeParse([...entries, String(bad)].join(", ")).error?.issues[0]?.message;
        expect(issue).toBe(`${bad} is not a port (1 to 65535)`);
      }),
    );
  });

  it("by protocol: one wire member per port or range, read back from entries holding a port, a range or a list", () => {
    const ports = portsByProtocol({ tcp: "TCP", udp: "UDP" });
    expect(toWire({ tcp: "8000-8100, 102", udp: "161" }, ports)).toEqual([
      { protocol: "TCP", port: 102 },
      { protocol: "TCP", port: "8000-8100" },
      { protocol: "UDP", port: 161 },
    ]);
    const live = [
      { protocol: "UDP", port: "161" },
      { protocol: "tcp", port: "8000-8100, 102" },
    ];
    expect(fromWire(live, ports)).toEqual({ tcp: "102, 8000-8100", udp: "161" });
    expect(fromWire([], ports)).toEqual({});
    // A protocol left out has no ports.
    expect(canon({ tcp: "102" }, ports)).toEqual(canon({ tcp: "102", udp: "" }, ports));
  });
});

/** A set of entries without ids: the port group's ports, declared as a plain list of `{protocol, port}` objects. */
const TestEntries = defineResource({
  vendor: sinema,
  name: "TestEntries",
  description: "test-only: a set part whose members are objects without an id",
  naturalKey: ["name"],
  routes: {
    list: "GET /connections/devices/subnets/portgroups?subnetId={subnetId}",
    create: "POST /connections/devices/subnets/portgroups",
    read: "GET /connections/devices/subnets/portgroups/{id}",
    delete: "DELETE /connections/devices/subnets/portgroups/{id}",
  },
  fields: wireAsNamed({
    subnetId: field(ref("subnet"), { description: "parent", replaceOnChanges: true, writeOnly: true }),
    name: field(z.string(), { description: "name", replaceOnChanges: true }),
    ports: field(z.array(z.strictObject({ protocol: z.enum(["TCP", "UDP"]), port: z.number().int() })).optional(), {
      description: "entries",
      unordered: true,
    }),
  }),
  parts: {
    ports: {
      add: "POST /connections/devices/subnets/portgroups/ports",
      remove: "DELETE /connections/devices/subnets/portgroups/ports",
      body: (_op, id, entry) => ({ portgroupId: Number(id), ...(entry as object) }),
    },
  },
});

const rc = useSinema();

describe("set parts: members without an id", () => {
  it("reads them whole, compares them by their fields, and adds and removes only the ones that differ", async () => {
    const d = rc.emu.insert("devices", { name: "D", password: "x", type: 2, connectionType: 1 });
    const s = String(
      rc.emu.insert("subnets", { deviceid: d.id, name: "LAN", ipAddress: "10.1.0.0", subnetMask: "255.255.0.0" }).id,
    );
    const declared = {
      connection: rc.connection,
      subnetId: s,
      name: "G",
      ports: [
        { protocol: "TCP" as const, port: 22 },
        { protocol: "UDP" as const, port: 22 },
      ],
    };
    const { id, inputs, outs } = await createChecked(TestEntries, declared);
    const read = await lifecycleOf(TestEntries).read(id, outs);
    expect(read.inputs).toEqual(inputs);
    rc.emu.clearRequests();
    await updateChecked(TestEntries, id, outs, {
      ...declared,
      ports: [
        { protocol: "UDP", port: 22 },
        { protocol: "TCP", port: 443 },
      ],
    });
    const path = "/connections/devices/subnets/portgroups/ports";
    expect(calls(rc.emu)).toEqual([
      { [`DELETE ${path}`]: { portgroupId: Number(id), protocol: "TCP", port: 22 } },
      { [`POST ${path}`]: { portgroupId: Number(id), protocol: "TCP", port: 443 } },
    ]);
    rc.emu.edit("portgroups", Number(id), { ports: [{ protocol: "UDP", port: 22 }] });
    const drift = await refreshDiff(TestEntries, id, { ...outs, ports: read.inputs?.ports });
    expect(drift.inputs?.ports).toEqual([{ protocol: "UDP", port: 22 }]);
  });
});
