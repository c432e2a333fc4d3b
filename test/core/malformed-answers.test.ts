/**
 * A 200 whose body is not the vendor's documented shape is an error naming vendor, method and path: never an
 * empty collection (a create would then duplicate an existing object) and never a deleted object (refresh would
 * drop the resource from state). Only the documented "gone" (404, Hexio's soft delete) means gone.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Organization, Project } from "../../providers/hexio";
import { Webhook } from "../../providers/kentix";
import { SyslogServer } from "../../providers/sinema";
import "../../providers/hexio";
import "../../providers/kentix";
import "../../providers/sinema";
import { clearSessions } from "../../providers/core/connection";
import { setStackConfig } from "../../providers/core/credentials";
import { startHexio } from "../emulators/hexio";
import { startKentix } from "../emulators/kentix";
import { startSinema } from "../emulators/sinema";
import { useEmulator } from "../support/emulator";
import { createChecked, failure, lifecycleOf, type PlainArgs } from "../support/lifecycle";

const kentix = useEmulator({
  start: () => startKentix({ tokens: ["kx-malformed-token-1"], https: "ca", stringNumbers: 0 }),
  profile: "hq",
  config: { "kentix:hq.token": "kx-malformed-token-1" },
});
const rc = useEmulator({
  start: () => startSinema({ accounts: [{ username: "api-admin", password: "rc-malformed-pw-1" }], https: "ca" }),
  profile: "plant",
  config: { "sinema:plant.username": "api-admin", "sinema:plant.password": "rc-malformed-pw-1" },
});
const hexio = useEmulator({
  start: () =>
    startHexio({ users: [{ userId: 1, username: "pulumi-bot", password: "hx-malformed-pw-1" }], https: "ca" }),
  profile: "cloud",
  path: "/v1",
  config: { "hexio:cloud.username": "pulumi-bot", "hexio:cloud.password": "hx-malformed-pw-1" },
});
// Each fixture sets the stack config to its own; all three vendors run in this file.
beforeEach(() => setStackConfig({ get: (key) => ({ ...kentix.config, ...rc.config, ...hexio.config })[key] }));

const JSON_TYPE = { "Content-Type": "application/json" };
const MALFORMED: { what: string; body: string | object; headers?: Record<string, string>; says: string }[] = [
  {
    what: "an HTML page",
    body: "<!DOCTYPE html><html><body>Maintenance</body></html>",
    headers: { "Content-Type": "text/html" },
    says: "an HTML page",
  },
  {
    what: "truncated JSON",
    body: '{"data":[{"id":1,"na',
    headers: JSON_TYPE,
    says: 'the text "{\\"data\\":[{\\"id\\":1,\\"na"',
  },
  { what: "an error envelope", body: { message: "Server busy" }, says: 'the object {"message":"Server busy"}' },
  { what: "a bare string", body: "OK", says: 'the text "OK"' },
  { what: "null", body: "null", headers: JSON_TYPE, says: "an empty answer" },
  { what: "an empty body", body: "", says: "an empty answer" },
];

describe.each(MALFORMED)("a 200 with $what", ({ body, headers, says }) => {
  it("on the natural-key listing fails the create, naming vendor, method and path, and writes nothing (kentix)", async () => {
    const declared: PlainArgs<typeof Webhook> = {
      connection: kentix.connection,
      name: "SOC",
      url: "https://soc.example/hook",
      requestType: "POST",
      contentType: "application/json",
    };
    await createChecked(Webhook, declared);
    clearSessions(); // a later run: the listing is fetched again
    kentix.emu.clearRequests();
    kentix.emu.inject({ method: "GET", path: "/api/webhooks", kind: "status", status: 200, body, headers });
    const err = await failure(createChecked(Webhook, declared));
    expect(err.message).toBe(`kentix API 200 on GET /api/webhooks: expected a kentix listing, got ${says}`);
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("on a read fails the refresh instead of reporting the object gone (kentix)", async () => {
    const { id, outs } = await createChecked(Webhook, {
      connection: kentix.connection,
      name: "SOC",
      url: "https://soc.example/hook",
    });
    kentix.emu.inject({ method: "GET", path: `/api/webhooks/${id}`, kind: "status", status: 200, body, headers });
    const err = await failure(lifecycleOf(Webhook).read(id, outs));
    expect(err.message).toBe(
      `kentix API 200 on GET /api/webhooks/${id}: expected a kentix Webhook object, got ${says}`,
    );
    expect((await lifecycleOf(Webhook).read(id, outs)).id).toBe(id); // the next answer is well-formed again
  });

  it("on the natural-key listing and on a read (sinema)", async () => {
    const declared: PlainArgs<typeof SyslogServer> = {
      connection: rc.connection,
      serverIp: "10.0.0.50",
      port: 514,
      protocol: "udp",
    };
    const { id, outs } = await createChecked(SyslogServer, declared);
    clearSessions();
    rc.emu.clearRequests();
    rc.emu.inject({ method: "GET", path: "/api/v1/services/syslog", kind: "status", status: 200, body, headers });
    const err = await failure(createChecked(SyslogServer, declared));
    expect(err.message).toBe(`sinema API 200 on GET /services/syslog: expected a sinema listing, got ${says}`);
    expect(rc.emu.writes().filter((r) => !r.path.endsWith("/api-auth"))).toEqual([]);
    rc.emu.inject({ method: "GET", path: `/api/v1/services/syslog/${id}`, kind: "status", status: 200, body, headers });
    const read = await failure(lifecycleOf(SyslogServer).read(id, outs));
    expect(read.message).toBe(
      `sinema API 200 on GET /services/syslog/${id}: expected a sinema SyslogServer object, got ${says}`,
    );
  });

  it("on a collection page and on a read (hexio)", async () => {
    const org = await createChecked(Organization, { connection: hexio.connection, name: "ACME" });
    const declared = {
      connection: hexio.connection,
      orgId: org.id,
      name: "Plant",
      dataRetention: "90d",
      rateLimit: 100,
    };
    await createChecked(Project, declared);
    clearSessions();
    hexio.emu.clearRequests();
    hexio.emu.inject({
      method: "GET",
      path: `/v1/orgs/${org.id}/projects`,
      kind: "status",
      status: 200,
      body,
      headers,
    });
    const err = await failure(createChecked(Project, declared));
    expect(err.message).toBe(
      `hexio API 200 on GET /orgs/${org.id}/projects: expected a hexio collection page ({items: [...]}), got ${says}`,
    );
    expect(hexio.emu.writes().filter((r) => !r.path.startsWith("/v1/auth/"))).toEqual([]);
    hexio.emu.inject({ method: "GET", path: `/v1/orgs/${org.id}`, kind: "status", status: 200, body, headers });
    // An organization's read is served from the /orgs listing (it carries whole objects); a listing answered with
    // the same body leaves the read to its GET, whose answer must then be an error too, never "gone".
    hexio.emu.inject({ method: "GET", path: "/v1/orgs", kind: "status", status: 200, body, headers });
    const read = await failure(lifecycleOf(Organization).read(org.id, org.outs));
    expect(read.message).toBe(
      `hexio API 200 on GET /orgs/${org.id}: expected a hexio Organization object, got ${says}`,
    );
  });
});

describe("the documented gone still means gone", () => {
  it("a 404 (kentix) and a soft delete (hexio) read as {}", async () => {
    const { id, outs } = await createChecked(Webhook, {
      connection: kentix.connection,
      name: "SOC",
      url: "https://soc.example/hook",
    });
    kentix.emu.remove("webhooks", Number(id));
    expect(await lifecycleOf(Webhook).read(id, outs)).toEqual({});
    const org = await createChecked(Organization, { connection: hexio.connection, name: "ACME" });
    hexio.emu.softDelete("org", Number(org.id));
    expect(await lifecycleOf(Organization).read(org.id, org.outs)).toEqual({});
  });
});
