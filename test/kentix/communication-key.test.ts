import { describe, expect, it } from "vitest";
import { CommunicationKey } from "../../providers/kentix";
import { ACCESS_SETTINGS_DEFAULTS, COMMUNICATION_KEY_DEFAULTS } from "../emulators/kentix";
import { errorFields, secretPaths } from "../support/lifecycle";
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
const kind = CommunicationKey;
const lc = () => lifecycleOf(kind);
const KEY = "kx-comm-key-5d21c8e0a4";
const NEXT = "kx-comm-key-9f03b7e612";
const declared = (communicationKey = KEY) => ({ connection: kentix.connection, communicationKey });

describe("kentix.CommunicationKey lifecycle (a secret singleton)", () => {
  it("reads the key and writes only the key: the PIN length and RFID mode stay with AccessSettings", async () => {
    const { id, outs } = await createChecked(kind, declared());
    expect(id).toBe("communication-key");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/communicationkey",
      { "PATCH /api/communicationkey": { "communication-key": KEY } },
    ]);
    expect(kentix.emu.setting("communicationkey")).toEqual({ "communication-key": KEY });
    expect(kentix.emu.setting("accesssettings")).toEqual(ACCESS_SETTINGS_DEFAULTS);
    // The key is in no output but its own (marked secret, so the engine encrypts it), and the old key in none.
    expect(secretPaths(outs, KEY)).toEqual(["communicationKey"]);
    expect(secretPaths(outs, COMMUNICATION_KEY_DEFAULTS["communication-key"])).toEqual([]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(kind, declared(), kentix.emu));

  it("a rotated key is one PATCH of the key", async () => {
    const { id, outs } = await createChecked(kind, declared());
    kentix.emu.clearRequests();
    await updateChecked(kind, id, outs, declared(NEXT));
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/communicationkey": { "communication-key": NEXT } }]);
  });

  it("refresh shows a key changed out of band (the engine shows it as a secret value)", async () => {
    const { id, outs } = await createChecked(kind, declared());
    kentix.emu.editSetting("communicationkey", { "communication-key": NEXT });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ communicationKey: NEXT });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("destroy leaves the key (retain is the only policy) and sends nothing", async () => {
    const { id, outs } = await createChecked(kind, declared());
    kentix.emu.clearRequests();
    await lc().delete(id, outs);
    expect(kentix.emu.requests).toEqual([]);
    expect(kentix.emu.setting("communicationkey")).toEqual({ "communication-key": KEY });
    expect(lc().deletePolicies).toEqual(["retain"]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    const bad = (extra: Record<string, unknown>) =>
      failingProperties(kind, unchecked({ connection: kentix.connection, ...extra }));
    expect(await bad({})).toEqual(["communicationKey"]);
    expect(await bad({ communicationKey: "" })).toEqual(["communicationKey"]);
    expect(await bad({ communicationKey: KEY, deletePolicy: "restore" })).toEqual(["deletePolicy"]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("keeps the key out of an error the appliance answers, even when its body repeats it", async () => {
    const { id, outs } = await createChecked(kind, declared());
    kentix.emu.inject({
      method: "PATCH",
      path: "/api/communicationkey",
      kind: "status",
      status: 422,
      body: { message: `${NEXT} is too weak`, errors: { "communication-key": [`${NEXT} is too weak`] } },
    });
    const err = await failure(updateChecked(kind, id, outs, declared(NEXT)));
    expect(err.message).toContain("communication-key: [redacted] is too weak");
    expect(secretPaths(errorFields(err), NEXT)).toEqual([]);
  });
});
