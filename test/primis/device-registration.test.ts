import { describe, expect, it } from "vitest";
import { ControlledAreaState, DeviceRegistration } from "../../providers/primis";
import { calls, createChecked, EMAIL, expectNoOpUp, lifecycleOf, PHONE_ID, usePrimis } from "./support";

const primis = usePrimis();
const kind = DeviceRegistration;
const lc = () => lifecycleOf(kind);
const KIOSK = "kiosk-lobby-01";

describe("primis.DeviceRegistration lifecycle", () => {
  it("registers with one Basic login, keeps none of its tokens, and deregisters with a JSON body on delete", async () => {
    const { id, outs } = await createChecked(kind, { connection: primis.connection, phoneId: KIOSK });
    expect(id).toBe(KIOSK);
    expect(calls(primis.emu)).toEqual([{ "POST /api/mobile/login": { phoneId: KIOSK } }]);
    expect(primis.emu.requests[0]!.headers.authorization).toMatch(/^Basic /);
    expect(outs).toEqual({ connection: primis.connection, phoneId: KIOSK, isAdmin: true, zoneAccess: 2 });
    expect(primis.emu.registrations()).toEqual([{ phoneId: KIOSK, email: EMAIL }]);

    primis.emu.clearRequests();
    await lc().delete(id, outs);
    expect(calls(primis.emu)).toEqual([{ "DELETE /api/mobile/registration": { phoneId: KIOSK } }]);
    expect(primis.emu.registrations()).toEqual([]);
    await expect(lc().delete(id, outs)).resolves.toBeUndefined(); // already gone: still success
  });

  it("registering the profile's own device takes no second seat", async () => {
    await createChecked(ControlledAreaState, {
      connection: primis.connection,
      controlledAreaId: "130000000001",
      state: "open",
    });
    await createChecked(kind, { connection: primis.connection, phoneId: PHONE_ID });
    expect(primis.emu.registrations()).toEqual([{ phoneId: PHONE_ID, email: EMAIL }]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(kind, { connection: primis.connection, phoneId: KIOSK }, primis.emu));

  it("replaces on a phoneId change, deleting first so no second seat is needed", async () => {
    const { inputs, id, outs } = await createChecked(kind, { connection: primis.connection, phoneId: KIOSK });
    expect(await lc().diff(id, outs, { ...inputs, phoneId: "kiosk-lobby-02" })).toEqual({
      replaces: ["phoneId"],
      deleteBeforeReplace: true,
    });
    expect(await lc().diff(id, outs, inputs)).toEqual({ changes: false });
  });

  it("cannot be read back (the API lists no registrations): refresh keeps the state and makes no request", async () => {
    const { inputs, id, outs } = await createChecked(kind, { connection: primis.connection, phoneId: KIOSK });
    primis.emu.clearRequests();
    expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs });
    expect(primis.emu.requests).toEqual([]);
    const adopt = await lc().check({}, { connection: primis.connection, phoneId: KIOSK, adopt: KIOSK });
    expect(adopt.failures).toEqual([
      {
        property: "adopt",
        reason: "this resource cannot be read from the API, so there is no existing object to adopt",
      },
    ]);
  });

  it("reports the licence limit as the error Primis gives, with what to do", async () => {
    primis.emu.setConfig({ systemSeats: 1 });
    try {
      await createChecked(kind, { connection: primis.connection, phoneId: KIOSK });
      const err = await createChecked(kind, { connection: primis.connection, phoneId: "kiosk-2" }).catch((e) => e);
      expect(err.message).toMatch(
        /^primis API 400 on POST \/api\/mobile\/login: Unable to register mobile device due to licensing.* Every distinct phoneId takes a licence seat/,
      );
      expect(primis.emu.registrations().map((r) => r.phoneId)).toEqual([KIOSK]);
    } finally {
      primis.emu.setConfig({ systemSeats: 25 });
    }
  });

  it("rejects invalid phoneIds in check without a request", async () => {
    const res = await lc().check({}, { connection: primis.connection, phoneId: "has space" });
    expect(res.failures).toEqual([{ property: "phoneId", reason: "must not contain spaces" }]);
    expect((await lc().checkRaw({}, { connection: primis.connection })).failures).toEqual([
      { property: "phoneId", reason: "is required" },
    ]);
    expect(primis.emu.requests).toEqual([]);
  });
});
