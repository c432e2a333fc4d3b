import { describe, expect, it } from "vitest";
import { VdsSettings } from "../../providers/kentix";
import { SECRETS } from "../secrets";
import { describeSettings } from "./settings-cases";
import { calls, createChecked, lifecycleOf, updateChecked, useKentix } from "./support";

const kentix = useKentix();
const key = SECRETS.kentixVdsKey;
const declared = {
  isActive: true,
  connectionIdentifier: "HQ-0815",
  key,
  authenticationMode: "encrypted",
  address1: "198.51.100.10",
  port1: 5001,
  address2: "198.51.100.11",
  sendConnectionLoss: true,
} as const;

describeSettings(kentix, {
  resource: VdsSettings,
  setting: "vds",
  path: "/api/vds",
  declared,
  createBody: {
    is_active: true,
    connection_identifier: "HQ-0815",
    key,
    authentication_mode: "encrypted",
    address1: "198.51.100.10",
    port1: 5001,
    address2: "198.51.100.11",
    send_connection_loss: true,
  },
  restoreValues: {
    isActive: false,
    connectionIdentifier: "",
    key: null,
    authenticationMode: "default",
    address1: "",
    port1: 5000,
    address2: "",
    sendConnectionLoss: false,
  },
  // is_active is required in every write, so it travels with each change.
  change: [{ port1: 5000 }, { is_active: true, port1: 5000 }],
  drift: [{ key: "00000000000000000000000000000000", address2: "198.51.100.99" }, { address2: "198.51.100.99" }],
  restoreBody: {
    is_active: false,
    connection_identifier: "",
    key: null,
    authentication_mode: "default",
    address1: "",
    port1: 5000,
    address2: "",
    send_connection_loss: false,
  },
  bad: [
    [{}, ["isActive"]],
    [{ isActive: true, key: "short" }, ["key"]],
    [{ isActive: true, address1: "vds.example.com", port2: 0 }, ["address1", "port2"]],
  ],
  secrets: ["key"],
});

describe("kentix.VdsSettings specifics", () => {
  it("destroy can turn the transmission off (disable) with one write", async () => {
    const { id, outs } = await createChecked(VdsSettings, {
      connection: kentix.connection,
      ...declared,
      deletePolicy: "disable",
    });
    kentix.emu.clearRequests();
    await lifecycleOf(VdsSettings).delete(id, outs);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/vds": { is_active: false } }]);
    expect(kentix.emu.setting("vds")).toMatchObject({ is_active: false, key });
  });

  it("a change of isActive alone is one write of is_active", async () => {
    const { id, outs } = await createChecked(VdsSettings, { connection: kentix.connection, ...declared });
    kentix.emu.clearRequests();
    await updateChecked(VdsSettings, id, outs, { connection: kentix.connection, ...declared, isActive: false });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/vds": { is_active: false } }]);
  });
});
