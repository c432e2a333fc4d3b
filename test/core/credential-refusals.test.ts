/**
 * A refused credential costs one request per appliance and run, and a token that expires in a busy run costs one
 * 401, not one per queued request: credentials are taken when a request gets its turn in the appliance's limiter.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { AlarmGroup, Webhook } from "../../providers/kentix";
import { SmsGatewayProvider } from "../../providers/sinema";
import "../../providers/kentix";
import "../../providers/sinema";
import { setStackConfig } from "../../providers/core/credentials";
import { startKentix } from "../emulators/kentix";
import { startSinema } from "../emulators/sinema";
import { useEmulator } from "../support/emulator";
import { lifecycleOf } from "../support/lifecycle";

const kentix = useEmulator({
  start: () => startKentix({ tokens: ["kx-right-token-3f1"], https: "ca", stringNumbers: 0 }),
  profile: "hq",
  config: { "kentix:hq.token": "kx-right-token-3f1" },
});
const rc = useEmulator({
  start: () => startSinema({ accounts: [{ username: "api-admin", password: "rc-refusal-pw-1" }], https: "ca" }),
  profile: "plant",
  config: { "sinema:plant.username": "api-admin", "sinema:plant.password": "rc-refusal-pw-1" },
});
beforeEach(() => setStackConfig({ get: (key) => ({ ...kentix.config, ...rc.config })[key] }));

describe("a static token refused by the appliance", () => {
  it("costs one request: a refresh of 16 webhooks sends one GET, and every read fails with the refusal", async () => {
    const ids = Array.from({ length: 16 }, (_, i) =>
      String(kentix.emu.insert("webhooks", { name: `Hook ${i}`, url: "https://x.example" }).id),
    );
    kentix.config["kentix:hq.token"] = "kx-wrong-token-9a0";
    const results = await Promise.allSettled(
      ids.map((id) =>
        lifecycleOf(Webhook).read(id, { connection: kentix.connection, name: "x", url: "https://x.example" }),
      ),
    );
    expect(kentix.emu.requests).toHaveLength(1);
    expect(kentix.emu.requests[0]!.status).toBe(401);
    const messages = results.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "read"));
    // The one request is the webhooks' listing: a refresh of a kind whose listing carries whole objects reads them
    // from one listing per collection (issue 16, "Refresh at the listing limit"), no longer one GET each.
    const first = `kentix API 401 on GET /api/webhooks: the token was refused; check kentix:<profile>.token or KENTIX_<PROFILE>_TOKEN`;
    expect(messages[0]).toBe(first);
    expect(messages.slice(1)).toEqual(
      Array(15).fill(
        `${first} (refused by an earlier request of this run; no further request is sent with this credential)`,
      ),
    );
    expect(messages.join()).not.toContain("kx-wrong-token-9a0");
  });

  it("lets every request through once the first is answered", async () => {
    // Alarm groups: each is read with its own GET (webhooks would be read from one listing, a single request).
    const ids = Array.from({ length: 6 }, (_, i) => String(kentix.emu.insert("alarmgroups", { name: `Room ${i}` }).id));
    const results = await Promise.all(
      ids.map((id) => lifecycleOf(AlarmGroup).read(id, { connection: kentix.connection, name: "x" })),
    );
    expect(results.map((r) => r.id)).toEqual(ids);
    expect(kentix.emu.requests.map((r) => r.status)).toEqual(Array(6).fill(200));
  });
});

describe("a token that expires while requests wait for their turn", () => {
  it("costs one 401 and one login, not one 401 per queued request (SINEMA RC: one request at a time)", async () => {
    const ids = Array.from({ length: 8 }, (_, i) =>
      String(rc.emu.insert("sms", { name: `SMS ${i}`, address: `4917${i}@sms.example`, text: "$MSG" }).id),
    );
    const read = (id: string) =>
      lifecycleOf(SmsGatewayProvider).read(id, {
        connection: rc.connection,
        name: "x",
        address: "x@sms.example",
        text: "$MSG",
      });
    await read(ids[0]!); // logged in
    rc.emu.expireTokens();
    rc.emu.clearRequests();
    const results = await Promise.all(ids.map(read));
    expect(results.map((r) => r.id)).toEqual(ids);
    const statuses = rc.emu.requests.map(
      (r) => `${r.method} ${r.path.endsWith("/api-auth") ? "login" : "read"} ${r.status}`,
    );
    expect(statuses.filter((s) => s.endsWith(" 401"))).toEqual(["GET read 401"]);
    expect(statuses.filter((s) => s.includes("login"))).toEqual(["POST login 200"]);
    expect(statuses).toHaveLength(1 + 1 + 8);
  });
});
