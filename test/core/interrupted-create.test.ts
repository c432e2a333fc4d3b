/**
 * Issue 16: creates whose outcome the provider could not learn. A 500 answering the create call is resolved by a look
 * (taken when the appliance made the object, sent once more when it did not); a create an `up` left in flight when it
 * was killed is recorded on this machine, and the next create of that object takes the object over instead of
 * failing with "already exists". No timing is asserted.
 */
import { describe, expect, it, vi } from "vitest";
import { Webhook } from "../../providers/kentix";
import { createJournal } from "../../providers/core/resource/journal";
import { models } from "../../providers/core/resource/registry";
import { useKentix } from "../kentix/support";
import { createChecked, type PlainArgs } from "../support/lifecycle";

const kentix = useKentix();
const declared = (name: string): PlainArgs<typeof Webhook> => ({
  connection: kentix.connection,
  name,
  url: "https://soc.example/hook",
  requestType: "POST",
});
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
    const inputs = { ...declared("Crashed") } as Record<string, unknown>;
    // What a killed `up` leaves: the object on the appliance, the record of its create in flight.
    const first = await createChecked(Webhook, declared("Crashed"));
    createJournal.begin(models.get("kentix:Webhook")!, inputs);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const again = await createChecked(Webhook, declared("Crashed"));
      expect(again.id).toBe(first.id);
      expect(posts()).toHaveLength(1);
      expect(warn.mock.calls.join("\n")).toMatch(/an earlier `up` was interrupted while creating it; took over/);
    } finally {
      warn.mockRestore();
    }
    // The record is settled: a third create of the same object is a conflict again.
    expect(createJournal.interrupted(models.get("kentix:Webhook")!, inputs)).toBe(false);
    await expect(createChecked(Webhook, declared("Crashed"))).rejects.toThrow(/already exists .* set `adopt: true`/);
  });

  it("a create that completes leaves no record", async () => {
    await createChecked(Webhook, declared("Clean"));
    expect(createJournal.interrupted(models.get("kentix:Webhook")!, { ...declared("Clean") })).toBe(false);
  });
});
