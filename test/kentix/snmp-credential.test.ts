import { describe, expect, it } from "vitest";
import { SnmpCredential } from "../../providers/kentix";
import { errorFields, secretPaths } from "../support/lifecycle";
import { SECRETS } from "../secrets";
import {
  calls,
  createChecked,
  failingProperties,
  failure,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = SnmpCredential;
const lc = () => lifecycleOf(kind);
const COMMUNITY = SECRETS.kentixSnmpCommunity;
const AUTH = SECRETS.kentixSnmpAuthPassword;
const PRIV = SECRETS.kentixSnmpPrivPassword;
const v3 = {
  name: "NMS",
  version: "v3",
  mode: "sendTraps",
  address: "192.0.2.10",
  port: 162,
  username: "kentix",
  authenticationProtocol: "hmacSha",
  authenticationPassword: AUTH,
  privacyProtocol: "aes128",
  privacyPassword: PRIV,
  sendAlarmTrap: true,
} as const;

describe("kentix.SnmpCredential lifecycle (fields by version and mode; secrets)", () => {
  it("creates an SNMPv2 agent with one POST; the community is a secret output, read back", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Monitoring",
      version: "v2",
      mode: "provideData",
      community: COMMUNITY,
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/snmpcredentials",
      { "POST /api/snmpcredentials": { name: "Monitoring", version: 2, mode: 1, community: COMMUNITY } },
    ]);
    expect(outs).toMatchObject({ version: "v2", mode: "provideData" });
    kentix.emu.edit("snmpcredentials", Number(id), { community: "changed-by-hand" });
    const { inputs } = await refreshDiff(kind, id, outs);
    expect(inputs.community).toBe("changed-by-hand");
  });

  it("creates an SNMPv3 trap receiver; the passwords are write-only: sent, never read back, no drift", async () => {
    const declared = { connection: kentix.connection, ...v3 };
    const { id, outs } = await createChecked(kind, declared);
    expect(calls(kentix.emu)[1]).toEqual({
      "POST /api/snmpcredentials": {
        name: "NMS",
        version: 3,
        mode: 2,
        address: "192.0.2.10",
        port: 162,
        send_alarm_trap: true,
        username: "kentix",
        authentication_protocol: 3,
        authentication_password: AUTH,
        privacy_protocol: 4,
        privacy_password: PRIV,
      },
    });
    expect(kentix.emu.get("snmpcredentials", Number(id))).toMatchObject({ authentication_password: AUTH });
    expect(outs).toMatchObject({ authenticationPassword: AUTH, privacyPassword: PRIV });
    const { diff } = await refreshDiff(kind, id, outs);
    expect(diff).toMatchObject({ changes: false });
    // A new password is one PATCH with it (the group it belongs to travels with it).
    kentix.emu.clearRequests();
    await updateChecked(kind, id, outs, { ...declared, privacyPassword: `${PRIV}-2` });
    expect(calls(kentix.emu)).toEqual([
      { [`PATCH /api/snmpcredentials/${id}`]: { privacy_protocol: 4, privacy_password: `${PRIV}-2` } },
    ]);
  });

  it("one changed field is one PATCH; delete is one DELETE", async () => {
    const declared = { connection: kentix.connection, ...v3 };
    const { id, outs } = await createChecked(kind, declared);
    kentix.emu.clearRequests();
    const { outs: later } = await updateChecked(kind, id, outs, { ...declared, sendLoginTrap: true });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/snmpcredentials/${id}`]: { send_login_trap: true } }]);
    kentix.emu.clearRequests();
    await lc().delete(id, later);
    expect(calls(kentix.emu)).toEqual([`DELETE /api/snmpcredentials/${id}`]);
  });

  it("refuses fields of another version or mode, and missing ones, in check, before any request", async () => {
    const c = kentix.connection;
    expect(
      await failingProperties(kind, { connection: c, name: "A", version: "v2", mode: "pollData", username: "u" }),
    ).toEqual(["community", "username", "address", "port", "heartbeatInterval"]);
    expect(
      await failingProperties(kind, {
        connection: c,
        name: "B",
        version: "v3",
        mode: "provideData",
        username: "u",
        authenticationProtocol: "none",
        authenticationPassword: AUTH,
        privacyProtocol: "des",
        community: COMMUNITY,
        port: 161,
      }),
    ).toEqual(["community", "authenticationPassword", "privacyPassword", "port"]);
    expect(
      await failingProperties(kind, unchecked({ connection: c, name: "", version: 1, mode: "poll", port: 0 })),
    ).toEqual(["name", "version", "mode", "port"]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("keeps the secrets out of errors and outputs' plaintext paths", async () => {
    kentix.emu.inject({
      method: "POST",
      path: "/api/snmpcredentials",
      kind: "status",
      status: 422,
      body: { message: `The community ${COMMUNITY} is invalid.`, errors: { community: [`bad ${COMMUNITY}`] } },
    });
    const err = await failure(
      createChecked(kind, {
        connection: kentix.connection,
        name: "X",
        version: "v2",
        mode: "provideData",
        community: COMMUNITY,
      }),
    );
    expect(secretPaths(errorFields(err), COMMUNITY)).toEqual([]);
  });
});
