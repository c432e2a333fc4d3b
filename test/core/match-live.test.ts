/**
 * `matchLive` fields of an existing object: the program states a property the provider never writes (a device's
 * type); create fails before any write when the live value differs; a change in the program or on the appliance
 * replaces. Driven through the Kentix emulator's MultiSensors standing in for such objects (no vendor rule involved).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { existing } from "../../providers/core/resource/archetypes";
import { lifecycles } from "../../providers/core/resource/registry";
import { field } from "../../providers/core/resource/schema";
import { kentix } from "../../providers/kentix/client";
import { calls, useKentix } from "../kentix/support";

const fields = {
  sensorId: field(z.string().optional(), { description: "its id", replaceOnChanges: true, wire: "id" }),
  model: field(z.string().optional(), {
    description: "its type",
    replaceOnChanges: true,
    matchLive: true,
    wire: "type_name",
  }),
  description: field(z.string().optional(), { description: "a setting" }),
};
existing({
  vendor: kentix,
  name: "TestMatchLive",
  description: "test-only: an existing object with a stated, never written property",
  select: { id: "sensorId" },
  routes: { read: "GET /api/multisensors/{id}", update: "PATCH /api/multisensors/{id}" },
  fields,
  deletePolicy: { default: "restore", options: ["retain", "restore"] },
});

const env = useKentix({ stringNumbers: 0 });
const lc = () => lifecycles.get("kentix:TestMatchLive")!;
const checked = async (news: Record<string, unknown>) => {
  const res = await lc().check({}, { connection: env.connection, ...news });
  expect(res.failures).toBeUndefined();
  return res.inputs;
};
const sensor = () => {
  const s = env.emu.insert("multisensors", { name: "TI", type_name: "MultiSensor-TI" });
  env.emu.clearRequests();
  return String(s.id);
};

describe("existing: a field that must match the live object (matchLive)", () => {
  it("matching: create reads, writes the settings only; the field is never sent, not even by restore", async () => {
    const id = sensor();
    const { outs } = await lc().create(await checked({ sensorId: id, model: "MultiSensor-TI", description: "x" }));
    expect(calls(env.emu)).toEqual([
      `GET /api/multisensors/${id}`,
      { [`PATCH /api/multisensors/${id}`]: { description: "x" } },
    ]);
    env.emu.clearRequests();
    await lc().delete(id, outs);
    expect(calls(env.emu)).toEqual([{ [`PATCH /api/multisensors/${id}`]: { description: "" } }]);
  });

  it("differing: create fails naming the property, the declared and the live value, after the GET and before any write", async () => {
    const id = sensor();
    const err = (await lc()
      .create(await checked({ sensorId: id, model: "MultiSensor-RF", description: "x" }))
      .then(
        () => undefined,
        (e: Error & { property?: string }) => e,
      ))!;
    expect(err.property).toBe("model");
    expect(err.message).toMatch(
      new RegExp(
        `^model: declared "MultiSensor-RF", but kentix:TestMatchLive ${id} on the appliance \\(https://127\\.0\\.0\\.1:\\d+\\) has model "MultiSensor-TI"; the provider never changes it, so nothing was written`,
      ),
    );
    expect(calls(env.emu)).toEqual([`GET /api/multisensors/${id}`]);
  });

  it("a change in the program, or of the live value seen at refresh, replaces", async () => {
    const id = sensor();
    const declared = await checked({ sensorId: id, model: "MultiSensor-TI" });
    const { outs } = await lc().create(declared);
    expect(await lc().diff(id, outs, { ...declared, model: "MultiSensor-RF" })).toEqual({
      replaces: ["model"],
      deleteBeforeReplace: false,
    });
    env.emu.edit("multisensors", Number(id), { type_name: "MultiSensor-RF" });
    const read = await lc().read(id, outs);
    expect(read.inputs).toMatchObject({ model: "MultiSensor-RF" });
    expect(await lc().diff(id, read.props!, declared)).toEqual({ replaces: ["model"], deleteBeforeReplace: false });
  });

  it("a definition without replaceOnChanges is refused at load", () => {
    expect(() =>
      existing({
        vendor: kentix,
        name: "TestMatchLiveBad",
        description: "test-only",
        select: { id: "sensorId" },
        routes: { read: "GET /api/multisensors/{id}", update: "PATCH /api/multisensors/{id}" },
        fields: {
          sensorId: fields.sensorId,
          model: field(z.string().optional(), { description: "its type", matchLive: true }),
        },
      }),
    ).toThrow("TestMatchLiveBad: matchLive needs replaceOnChanges: model");
  });
});
