import { describe, expect, it } from "vitest";
import { ControlledAreaState } from "../../providers/primis";
import { DEFAULT_RETRY } from "../../providers/core/http/retry";
import { clearSessions } from "../../providers/core/connection";
import { setStackConfig } from "../../providers/core/credentials";
import { AREA, createChecked, EMAIL, lifecycleOf, PASSWORD, PHONE_ID, type PlainArgs, usePrimis } from "./support";

// Access tokens live 61 s: the provider renews 60 s before expiry, so a token is good for about one second.
const primis = usePrimis({ accessTtlSeconds: 61 });
const kind = ControlledAreaState;
const paths = () => primis.emu.requests.map((r) => `${r.method} ${r.path}`);
const declare = (controlledAreaId: string, state: PlainArgs<typeof kind>["state"] = "open") => ({
  connection: primis.connection,
  controlledAreaId,
  state,
});

describe("primis client: one device, tokens in memory", () => {
  it("renews with the refresh token, logs in again after a 401, and never registers a second device", async () => {
    primis.emu.setConfig({ accessTtlSeconds: 3600, accessAgeSeconds: 3550 }); // tokens with 50 s left: inside the 60 s margin
    // The server room is locked down: the create writes, so this process's later reads list again (listings.ts).
    const { id, outs } = await createChecked(kind, declare(AREA.serverRoom));
    primis.emu.setConfig({ accessAgeSeconds: 0 }); // the renewal answers a fresh token
    await lifecycleOf(kind).read(id, outs);
    const renewal = primis.emu.requests.find((r) => r.path === "/api/mobile/access_token")!;
    expect(renewal.body).toEqual({});
    expect(renewal.headers.authorization).toBe(`Bearer ${primis.emu.issuedTokens()[1]}`); // the refresh token of the login

    primis.emu.revokeAccessTokens(); // e.g. a server restart: the next request gets 401
    primis.emu.setConfig({ accessTtlSeconds: 3600, accessAgeSeconds: 0 });
    primis.emu.clearRequests();
    await lifecycleOf(kind).read(id, outs);
    expect(paths()).toEqual([
      `GET /api/mobile/${PHONE_ID}/controlled_areas`,
      "POST /api/mobile/login",
      `GET /api/mobile/${PHONE_ID}/controlled_areas`,
    ]);

    clearSessions(); // a new plugin process: a new login with the same phoneId
    await createChecked(kind, declare(AREA.lobby));
    expect(primis.emu.registrations()).toEqual([{ phoneId: PHONE_ID, email: EMAIL }]);
    expect(primis.emu.registrationLog()).toEqual([{ phoneId: PHONE_ID, email: EMAIL }]); // one seat, ever
    const logins = primis.emu.requests.filter((r) => r.path === "/api/mobile/login").map((r) => r.body);
    expect(logins).toEqual([{ phoneId: PHONE_ID }, { phoneId: PHONE_ID }]); // the re-login and the new process's login
  });

  it("keeps no token, password or beacon key in outputs or errors", async () => {
    const { outs } = await createChecked(kind, declare(AREA.lobby));
    const secrets = [PASSWORD, ...primis.emu.issuedTokens(), "ibZWPUctxIkkwMujyetstEYrxsVqiMrU"];
    expect(secrets.filter((s) => JSON.stringify(outs).includes(s))).toEqual([]);
    primis.emu.inject({
      method: "GET",
      path: `/api/mobile/${PHONE_ID}/controlled_areas`,
      kind: "status",
      status: 500,
      body: { status: 500, message: `boom ${primis.emu.issuedTokens()[0]}` },
      times: 1 + DEFAULT_RETRY.maxRetries,
    });
    clearSessions();
    const err = await lifecycleOf(kind)
      .read(AREA.lobby, outs)
      .catch((e) => e);
    expect(err.message).toMatch(/^primis API 500 on GET \/api\/mobile\/.*\/controlled_areas: boom \[redacted\]$/);
  });

  it("refuses a wrong password with one login attempt and a message naming the config keys", async () => {
    setStackConfig({
      get: (key) =>
        ({ "primis:hq.email": EMAIL, "primis:hq.password": "Wrong-pw-1", "primis:hq.phoneId": PHONE_ID })[key],
    });
    try {
      const err = await createChecked(kind, declare(AREA.lobby)).catch((e) => e);
      expect(err.message).toBe(
        "primis API 401 on POST /api/mobile/login: the e-mail/password or the token was refused; check primis:<profile>.email and primis:<profile>.password (or PRIMIS_<PROFILE>_EMAIL / PRIMIS_<PROFILE>_PASSWORD)",
      );
      expect(paths()).toEqual(["POST /api/mobile/login"]);
    } finally {
      setStackConfig({
        get: (key) =>
          ({ "primis:hq.email": EMAIL, "primis:hq.password": PASSWORD, "primis:hq.phoneId": PHONE_ID })[key],
      });
    }
  });

  it("explains the licence limit when the configured device cannot be registered", async () => {
    primis.emu.setConfig({ systemSeats: 0 });
    try {
      const err = await createChecked(kind, declare(AREA.lobby)).catch((e) => e);
      expect(err.message).toBe(
        "primis API 400 on POST /api/mobile/login: Unable to register mobile device due to licensing, please contact system administrator. Every distinct phoneId takes a licence seat: keep primis:<profile>.phoneId stable, or deregister a device first.",
      );
      expect(primis.emu.registrations()).toEqual([]);
    } finally {
      primis.emu.setConfig({ systemSeats: 25 });
    }
  });

  it("refuses a plain-http connection before any request", async () => {
    const res = await lifecycleOf(kind).check(
      {},
      { ...declare(AREA.lobby), connection: { url: primis.emu.httpUrl, profile: "hq" } },
    );
    expect(res.failures?.[0]?.property).toBe("connection.url");
    await expect(
      lifecycleOf(kind).read(AREA.lobby, {
        ...declare(AREA.lobby),
        connection: { url: primis.emu.httpUrl, profile: "hq" },
      }),
    ).rejects.toThrow(/^primis: connection.url must be an https URL/);
    expect(primis.emu.requests).toEqual([]);
  });
});
