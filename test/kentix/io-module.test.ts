import { beforeEach, describe, expect, it } from "vitest";
import { IoModule } from "../../providers/kentix";
import { SEEDED_IOMODULES } from "../emulators/kentix";
import {
  calls,
  createChecked,
  expectNoOpUp,
  failingProperties,
  failure,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = IoModule;
const lc = () => lifecycleOf(kind);
beforeEach(() => {
  // 2 "Kentix I/O Module 7017" (Modbus/TCP, type 123), 10 "IO-Module RF" (type 124, no port)
  for (const module of SEEDED_IOMODULES) kentix.emu.insert("iomodules", module);
  kentix.emu.clearRequests();
});

describe("kentix.IoModule lifecycle (an existing IO module: configured, never created or deleted)", () => {
  it("a Modbus/TCP module selected by id: reads, keeps the values it had, writes the declared fields that differ", async () => {
    const rack = kentix.emu.insert("racks", { name: "Rack A" });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      ioModuleId: "2",
      moduleType: "modbusTcp",
      port: 5020,
      rackId: String(rack.id),
      output: { relay: true },
      webhookRelations: [[1, "alarm"]],
    });
    expect(id).toBe("2");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/iomodules/2",
      {
        "PATCH /api/iomodules/2": {
          rack_id: rack.id,
          port: 5020,
          output: { relay: true },
          webhooks: [[1, "alarm"]],
        },
      },
    ]);
    expect(outs).toMatchObject({
      type: 123,
      moduleType: "modbusTcp",
      restoreValues: { port: 502, rackId: null, output: { relay: false }, webhookRelations: [] },
    });
  });

  it("a module of another type selected by name takes the fields every module has", async () => {
    const { id } = await createChecked(kind, {
      connection: kentix.connection,
      name: "IO-Module RF",
      moduleType: "other",
      isActive: false,
    });
    expect(id).toBe("10");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/iomodules",
      "GET /api/iomodules/10",
      { "PATCH /api/iomodules/10": { is_active: false } },
    ]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      {
        connection: kentix.connection,
        ioModuleId: "2",
        moduleType: "modbusTcp",
        port: 502,
        external: { mode: 0 },
        deletePolicy: "restore",
      },
      kentix.emu,
    ));

  it("one change = one PATCH; refresh drift; destroy retains or restores, never a DELETE", async () => {
    const declared = { connection: kentix.connection, ioModuleId: "10", deletePolicy: "restore" } as const;
    const { id, outs } = await createChecked(kind, { ...declared, name: "RF 1" });
    kentix.emu.clearRequests();
    const { outs: next } = await updateChecked(kind, id, outs, { ...declared, name: "RF 2" });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/iomodules/10": { name: "RF 2" } }]);
    kentix.emu.edit("iomodules", 10, { name: "RF 3" });
    const { inputs, diff } = await refreshDiff(kind, id, next);
    expect(inputs).toMatchObject({ name: "RF 3" });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    kentix.emu.clearRequests();
    await lc().delete(id, next);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/iomodules/10": { name: "IO-Module RF" } }]);
    const kept = await createChecked(kind, { connection: kentix.connection, ioModuleId: "2", name: "Kept" });
    kentix.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("check refuses the port of another type, or a port without the type, naming it, before any request", async () => {
    const failures = async (news: Record<string, unknown>) =>
      (await lc().checkRaw({}, { connection: kentix.connection, ioModuleId: "10", ...news })).failures;
    expect(await failures({ moduleType: "other", port: 502 })).toEqual([
      { property: "port", reason: "has no effect while moduleType is other; set moduleType: modbusTcp to use it" },
    ]);
    expect(await failures({ port: 502 })).toEqual([
      { property: "moduleType", reason: "is required when port is set (they apply while moduleType is modbusTcp)" },
    ]);
    expect(
      await failingProperties(
        kind,
        unchecked({ connection: kentix.connection, ioModuleId: "2", moduleType: 123, webhookRelations: [{}] }),
      ),
    ).toEqual(["moduleType", "webhookRelations[0]"]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("a module of another type than declared fails at create after the GET, before any write; a changed type replaces", async () => {
    const err = await failure(
      createChecked(kind, { connection: kentix.connection, ioModuleId: "10", moduleType: "modbusTcp", port: 502 }),
    );
    expect(err.message).toMatch(
      /^moduleType: declared "modbusTcp", but kentix:IoModule 10 on the appliance \(.*\) has moduleType "other"; the provider never changes it/,
    );
    expect(calls(kentix.emu)).toEqual(["GET /api/iomodules/10"]);
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      ioModuleId: "2",
      moduleType: "modbusTcp",
    });
    kentix.emu.edit("iomodules", 2, { type: 124 });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ moduleType: "other" });
    expect(diff).toEqual({ replaces: ["moduleType"], deleteBeforeReplace: true });
  });
});
