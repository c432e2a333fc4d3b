import { beforeEach, describe, expect, it } from "vitest";
import { SmartPdu } from "../../providers/kentix";
import { SEEDED_POWERMANAGERS } from "../emulators/kentix";
import {
  calls,
  createChecked,
  expectNoOpUp,
  failure,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = SmartPdu;
const lc = () => lifecycleOf(kind);
beforeEach(() => {
  // 2 "KentixPDU" (a SmartPDU, type 109), 11 "KPM Rack B" (a kmpdu, type 108)
  for (const pdu of SEEDED_POWERMANAGERS) kentix.emu.insert("powermanagers", pdu);
  kentix.emu.clearRequests();
});

describe("kentix.SmartPdu lifecycle (an existing PDU: configured, never created or deleted)", () => {
  it("a SmartPDU selected by id: reads, keeps the values it had, writes the declared fields that differ", async () => {
    const group = kentix.emu.insert("alarmgroups", { name: "Power" });
    const hook = kentix.emu.insert("webhooks", { name: "SOC", url: "https://soc.example/hook" });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      smartPduId: "2",
      pduType: "smartPdu",
      alarmGroupId: String(group.id),
      webhookIds: [String(hook.id)],
      synchronicity: { active: true },
      usesSignedIntegers: false,
      rcmSerial: null,
      meterType: 0, // already so: not written
    });
    expect(id).toBe("2");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/powermanagers/2",
      {
        "PATCH /api/powermanagers/2": {
          group_id: group.id,
          synchronicity: { active: true },
          webhooks: [hook.id],
          meter_type: 0, // travels with the SmartPDU's own fields
          uses_signed_integers: 0,
          rcm_serial: null,
        },
      },
    ]);
    expect(outs).toMatchObject({
      type: 109,
      pduType: "smartPdu",
      restoreValues: {
        alarmGroupId: null,
        webhookIds: [],
        synchronicity: { active: false },
        usesSignedIntegers: true,
        rcmSerial: "",
      },
    });
  });

  it("a kmpdu selected by name writes the kmpdu's own objects key by key", async () => {
    const { id } = await createChecked(kind, {
      connection: kentix.connection,
      name: "KPM Rack B",
      pduType: "kmpdu",
      fire: { active: true },
      rcm: { active: true },
    });
    expect(id).toBe("11");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/powermanagers",
      "GET /api/powermanagers/11",
      { "PATCH /api/powermanagers/11": { fire: { active: true }, rcm: { active: true } } },
    ]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      {
        connection: kentix.connection,
        smartPduId: "2",
        pduType: "smartPdu",
        usesSignedIntegers: true,
        rcmAddress: "100",
        rackId: null,
        deletePolicy: "restore",
      },
      kentix.emu,
    ));

  it("one change = one PATCH; refresh drift; destroy retains or restores, never a DELETE", async () => {
    const declared = { connection: kentix.connection, smartPduId: "11", deletePolicy: "restore" } as const;
    const { id, outs } = await createChecked(kind, { ...declared, address: "10.0.0.9" });
    kentix.emu.clearRequests();
    const { outs: next } = await updateChecked(kind, id, outs, { ...declared, address: "10.0.0.10" });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/powermanagers/11": { address: "10.0.0.10" } }]);
    kentix.emu.edit("powermanagers", 11, { address: "10.0.0.11" });
    const { inputs, diff } = await refreshDiff(kind, id, next);
    expect(inputs).toMatchObject({ address: "10.0.0.11" });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    kentix.emu.clearRequests();
    await lc().delete(id, next);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/powermanagers/11": { address: "192.168.100.227" } }]);
    const kept = await createChecked(kind, { connection: kentix.connection, smartPduId: "2", name: "Kept" });
    kentix.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("check refuses a field of the other variant, or one without the variant, naming it, before any request", async () => {
    const failures = async (news: Record<string, unknown>) =>
      (await lc().checkRaw({}, { connection: kentix.connection, smartPduId: "2", ...news })).failures;
    expect(await failures({ pduType: "kmpdu", meterType: 1, phases: [], fire: { active: true } })).toEqual([
      { property: "meterType", reason: "has no effect while pduType is kmpdu; set pduType: smartPdu to use it" },
      { property: "phases", reason: "has no effect while pduType is kmpdu; set pduType: smartPdu to use it" },
    ]);
    expect(await failures({ monitoring: { temperature: { max: 30 } } })).toEqual([
      { property: "pduType", reason: "is required when monitoring is set (they apply while pduType is kmpdu)" },
    ]);
    expect(
      (await failures(unchecked({ pduType: "pdu", usesSignedIntegers: 1, webhookIds: ["a"] })))?.map((f) => f.property),
    ).toEqual(["pduType", "webhookIds[0]", "usesSignedIntegers"]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("a PDU of another variant than declared fails at create after the GET, before any write", async () => {
    const err = await failure(
      createChecked(kind, { connection: kentix.connection, smartPduId: "11", pduType: "smartPdu", meterType: 1 }),
    );
    expect(err.message).toMatch(
      /^pduType: declared "smartPdu", but kentix:SmartPdu 11 on the appliance \(.*\) has pduType "kmpdu"; the provider never changes it, so nothing was written/,
    );
    expect(calls(kentix.emu)).toEqual(["GET /api/powermanagers/11"]);
  });

  it("a PDU whose type changed on the appliance is drift that replaces", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      smartPduId: "2",
      pduType: "smartPdu",
      rcmAddress: "101",
    });
    kentix.emu.edit("powermanagers", 2, { type: 108 });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ pduType: "kmpdu" });
    expect(diff).toEqual({ replaces: ["pduType"], deleteBeforeReplace: true });
  });
});
