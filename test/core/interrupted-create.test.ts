/**
 * Issue 16: creates whose outcome the provider could not learn. A 500 answering the create call is resolved by a look
 * (taken when the appliance made the object, sent once more when it did not); a create an `up` left in flight when it
 * was killed is recorded on this machine, and the next create of that object takes the object over instead of
 * failing with "already exists". No timing is asserted.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { Webhook } from "../../providers/kentix";
import { createJournal } from "../../providers/core/resource/journal";
import { models } from "../../providers/core/resource/registry";
import { useKentix } from "../kentix/support";
import type { KindModel } from "../../providers/core/resource/model";
import { createChecked, lifecycleOf, type PlainArgs } from "../support/lifecycle";

const kentix = useKentix();
const declared = (name: string): PlainArgs<typeof Webhook> => ({
  connection: kentix.connection,
  name,
  url: "https://soc.example/hook",
  requestType: "POST",
});
/** Where the journal keeps the record of a create (its documented naming: a hash of appliance, kind, key, folder). */
const recordOf = (model: KindModel, inputs: Record<string, unknown>) => {
  const what = [kentix.connection.url, model.kind, model.keys.text(inputs), process.cwd()].join("\n");
  const name = `${createHash("sha256").update(what).digest("hex").slice(0, 32)}.json`;
  return path.join(process.env.PULUMI_FACILITY_HOME!, "creates", name);
};
const posts = () => kentix.emu.requests.filter((r) => r.method === "POST" && r.path === "/api/webhooks");
const named = (name: string) => kentix.emu.list("webhooks").filter((w) => w.name === name);

describe("a create whose outcome is unknown", () => {
  it("a 500 before the appliance made anything: one look finds nothing, the create is sent again, one object", async () => {
    kentix.emu.inject({ method: "POST", path: "/api/webhooks", kind: "status", status: 500 });
    const created = await createChecked(Webhook, declared("SOC"));
    expect(posts().map((r) => r.status)).toEqual([500, 201]);
    expect(named("SOC")).toHaveLength(1);
    expect(String(named("SOC")[0]!.id)).toBe(created.id);
  });

  it("an answer lost after the appliance made the object: the look finds it and it is taken, never sent again", async () => {
    kentix.emu.inject({ method: "POST", path: "/api/webhooks", kind: "reset-after-commit" });
    const created = await createChecked(Webhook, declared("Late"));
    expect(posts()).toHaveLength(1);
    expect(named("Late").map((w) => String(w.id))).toEqual([created.id]);
  });

  it("a 500 on every attempt: three create calls with a look before each repeat, then the 500 is reported", async () => {
    kentix.emu.inject({ method: "POST", path: "/api/webhooks", kind: "status", status: 500, times: 3 });
    await expect(createChecked(Webhook, declared("Down"))).rejects.toThrow(/kentix API 500 on POST \/api\/webhooks/);
    expect(posts()).toHaveLength(3);
    expect(named("Down")).toHaveLength(0);
  });

  it("an object an interrupted up made is taken over by the next create, with a warning; only then", async () => {
    const model = models.get("kentix:Webhook")!;
    const inputs = { ...declared("Crashed") } as Record<string, unknown>;
    // What a killed `up` leaves: the object on the appliance, the record of its create written by another run.
    const first = await createChecked(Webhook, declared("Crashed"));
    fs.mkdirSync(path.dirname(recordOf(model, inputs)), { recursive: true });
    fs.writeFileSync(recordOf(model, inputs), JSON.stringify({ kind: model.kind, run: "an-earlier-run" }));
    expect(createJournal.interrupted(model, inputs)).toBe(true);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const again = await createChecked(Webhook, declared("Crashed"));
      expect(again.id).toBe(first.id);
      expect(posts()).toHaveLength(1);
      expect(warn.mock.calls.join("\n")).toMatch(/an earlier `up` was interrupted while creating it; took over/);
    } finally {
      warn.mockRestore();
    }
    // The record now names this run until the engine has the object in its state (here: a read of it).
    expect(createJournal.interrupted(model, inputs)).toBe(false);
    await lifecycleOf(Webhook).read(first.id, first.outs);
    expect(fs.existsSync(recordOf(model, inputs))).toBe(false);
  });

  it("a second resource with the same natural key in the same run still conflicts", async () => {
    await createChecked(Webhook, declared("Twice"));
    await expect(createChecked(Webhook, declared("Twice"))).rejects.toThrow(/already exists .* set `adopt: true`/);
  });

  it("a create the appliance refuses leaves no record", async () => {
    const model = models.get("kentix:Webhook")!;
    kentix.emu.inject({ method: "POST", path: "/api/webhooks", kind: "status", status: 422 });
    await expect(createChecked(Webhook, declared("Refused"))).rejects.toThrow(/422/);
    expect(fs.existsSync(recordOf(model, { ...declared("Refused") }))).toBe(false);
  });

  it("a create that completes keeps its record, naming this run, until the engine has saved the object", async () => {
    const model = models.get("kentix:Webhook")!;
    const created = await createChecked(Webhook, declared("Clean"));
    expect(fs.existsSync(recordOf(model, { ...declared("Clean") }))).toBe(true);
    expect(createJournal.interrupted(model, { ...declared("Clean") })).toBe(false);
    await lifecycleOf(Webhook).diff(created.id, created.outs, created.outs);
    expect(fs.existsSync(recordOf(model, { ...declared("Clean") }))).toBe(false);
  });
});
