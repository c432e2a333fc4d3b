import { describe, expect, it } from "vitest";
import { DnsSettings, ParticipantGroup, SmsGatewayProvider, StaticRoute, User } from "../../providers/sinema";
import { clearSessions, openSession } from "../../providers/core/connection";
import { sinema } from "../../providers/sinema/client";
import { ADMIN, API, calls, createChecked, lifecycleOf, type PlainArgs, useSinema } from "./support";

const rc = useSinema({ pageSize: 2, latencyMs: 2 });
const session = () => openSession(sinema, rc.connection as never);
const logins = () => rc.emu.requests.filter((r) => r.path === `${API}/api-auth`);
const group = (name: string) => ({ connection: rc.connection, name });

describe("sinema client", () => {
  it("logs in once with loginType and sends `Authorization: token`, one request at a time", async () => {
    for (const n of ["A", "B", "C", "D", "E"]) rc.emu.insert("groups", { name: n });
    await Promise.all(["1", "2", "3", "4", "5"].map((id) => session().call("GET /connections/groups/{id}", { id })));
    expect(logins().map((r) => r.body)).toEqual([{ username: ADMIN.username, password: ADMIN.password, loginType: 1 }]);
    const token = (logins()[0] && rc.emu.requests[1]!.headers.authorization)!;
    expect(token).toMatch(/^token [0-9a-f]{40}$/);
    expect(
      rc.emu.requests
        .slice(1)
        .every((r) => r.headers.authorization === token && r.headers.accept === "application/json"),
    ).toBe(true);
    expect(rc.emu.peakInFlight).toBe(1); // the vendor default: serialised per server
  });

  it("follows `next` links across pages and reads bare and wrapped lists", async () => {
    for (const n of ["A", "B", "C", "D", "E"]) rc.emu.insert("groups", { name: n });
    const groups = await session().list("GET /connections/groups");
    expect(groups.map((g) => g.name)).toEqual(["A", "B", "C", "D", "E"]);
    expect(calls(rc.emu)).toEqual([
      "GET /connections/groups",
      "GET /connections/groups?page=2",
      "GET /connections/groups?page=3",
    ]);
    const roles = await session().list("GET /accounts/roles");
    expect(roles.map((r) => r.name)).toEqual(["vpn_user", "admin", "Service", "Monitoring"]);
  });

  it("renews a token that ended mid-run exactly once, transparently", async () => {
    await session().call("GET /system/network/dns");
    rc.emu.expireTokens();
    rc.emu.clearRequests();
    await expect(session().call("GET /system/network/dns")).resolves.toMatchObject({ hostname: "sinemarc.local" });
    expect(rc.emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET ${API}/system/network/dns 401`,
      `POST ${API}/api-auth 200`,
      `GET ${API}/system/network/dns 200`,
    ]);
  });

  it("gives one clear error for a wrong password and never asks again (no retry storm)", async () => {
    rc.setConfig("sinema:plant.password", "wrong-password-77");
    const first = await createChecked(ParticipantGroup, group("Engineers")).catch((e) => e);
    const second = await createChecked(ParticipantGroup, group("Operators")).catch((e) => e);
    expect(first.message).toBe(
      "sinema API 400 on POST /api/v1/api-auth: Login is not possible with the entered login information.; check sinema:plant.username / sinema:plant.password and loginType; the login is not retried",
    );
    expect(second.message).toBe(first.message);
    expect(logins()).toHaveLength(1);
    expect(rc.emu.requests).toHaveLength(1);
    expect(JSON.stringify({ m: first.message, s: first.stack, b: first.body })).not.toContain("wrong-password-77");
  });

  it("logs in through UMC with loginType 2 and sends the one-time token when the account needs one", async () => {
    rc.emu.setAccounts([{ ...ADMIN, loginType: 2, otp: "492817" }]);
    rc.setConfig("sinema:plant.loginType", "2");
    const missing = await session()
      .call("GET /system/network/dns")
      .catch((e: Error) => e);
    expect((missing as Error).message).toBe(
      "sinema API 422 on POST /api/v1/api-auth: The one-time token is invalid (check sinema:plant.otpToken: the one-time code is missing, used or wrong)",
    );
    rc.emu.clearRequests();
    rc.setConfig("sinema:plant.otpToken", "492817");
    clearSessions();
    await session().call("GET /system/network/dns");
    expect(logins().map((r) => r.body)).toEqual([
      { username: ADMIN.username, password: ADMIN.password, loginType: 2, otpToken: "492817" },
    ]);
  });

  it("reports missing rights after one re-login, naming the cause", async () => {
    rc.emu.setAccounts([{ ...ADMIN, rights: [13] }]); // read-only full access
    const err = await createChecked(ParticipantGroup, group("Engineers")).catch((e) => e);
    expect(err.message).toBe(
      "sinema API 401 on POST /api/v1/connections/groups: The user does not have the necessary access rights (SINEMA RC answers 401 for missing rights as well as for a refused token; the token was renewed once, so the account lacks the right for this call)",
    );
    expect(logins()).toHaveLength(2);
    expect(rc.emu.list("groups")).toEqual([]);
  });

  it("polls a 202 operation's status URL and fails with the server's reason when it fails", async () => {
    const route: PlainArgs<typeof StaticRoute> = {
      connection: rc.connection,
      destinationNetwork: "10.50.0.0",
      networkMask: "255.255.0.0",
      gateway: "192.168.1.254",
      interface: "lan1",
    };
    const { id } = await createChecked(StaticRoute, route);
    expect(calls(rc.emu)).toEqual([
      "GET /system/network/staticroutes",
      {
        "POST /system/network/staticRoutes": {
          destinationNetwork: "10.50.0.0",
          networkMask: "255.255.0.0",
          gateway: "192.168.1.254",
          interface: 1,
        },
      },
      `GET /system/network/staticroutes/${id}/status`,
      `GET /system/network/staticroutes/${id}/status`,
      `GET /system/network/staticroutes/${id}`,
    ]);
    rc.emu.failNextAsync("gateway", "The gateway is not reachable");
    const err = await createChecked(StaticRoute, { ...route, destinationNetwork: "10.60.0.0" }).catch((e) => e);
    expect(err.message).toMatch(
      /^sinema: the operation behind \/api\/v1\/system\/network\/staticroutes\/\d+\/status failed: gateway: The gateway is not reachable$/,
    );
    expect(rc.emu.list("routes").map((r) => r.destinationNetwork)).toEqual(["10.50.0.0"]);
  });

  it("retries a settings write (POST that sets values) on 502; a create only after a look shows it made nothing", async () => {
    rc.emu.inject({ method: "POST", path: `${API}/system/network/dns`, kind: "status", status: 502 });
    await createChecked(DnsSettings, { connection: rc.connection, hostname: "rc.plant.example" });
    expect(rc.emu.requests.filter((r) => r.method === "POST" && r.path.endsWith("/dns")).map((r) => r.status)).toEqual([
      502, 200,
    ]);
    rc.emu.inject({
      method: "POST",
      path: `${API}/connections/groups`,
      kind: "status",
      status: 502,
      body: { detail: "Bad Gateway" },
    });
    rc.emu.clearRequests();
    const created = await createChecked(ParticipantGroup, group("Engineers"));
    // The HTTP layer never repeats a create by itself: the lifecycle lists the groups first, finds no "Engineers",
    // and only then sends the create again.
    const groups = rc.emu.requests.filter((r) => r.path.endsWith("/connections/groups"));
    expect(groups.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200", "POST 502", "GET 200", "POST 200"]);
    expect(
      rc.emu
        .list("groups")
        .filter((g) => g.name === "Engineers")
        .map((g) => String(g.id)),
    ).toEqual([created.id]);
  });

  it("reduces every create answer shape to an id: {id}, {ID}, nothing, 202", async () => {
    const g = await createChecked(ParticipantGroup, group("Engineers"));
    const sms = await createChecked(SmsGatewayProvider, {
      connection: rc.connection,
      name: "SMS",
      address: "49170@sms.example",
      text: "$MSG",
    });
    const user = await createChecked(User, {
      connection: rc.connection,
      username: "alice",
      password: "alice-pw-91",
    });
    expect([g.id, sms.id, user.id]).toEqual([
      String(rc.emu.list("groups")[0]!.id),
      String(rc.emu.list("sms")[0]!.id),
      String(rc.emu.list("users")[0]!.id),
    ]);
    await lifecycleOf(SmsGatewayProvider).delete(sms.id, sms.outs);
    expect(rc.emu.requests.at(-1)).toMatchObject({
      method: "DELETE",
      path: `${API}/system/smsandemail/sms`,
      body: { ID: Number(sms.id) },
    });
  });
});
