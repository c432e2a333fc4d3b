/**
 * Issue 16, item 6: a create whose answer was lost is looked up by its natural key, not by listing the whole
 * collection again: with the vendor's filter or lookup route where the API has one (Kentix `/names`, Hexio's
 * `filter`, SINEMA's `search`), otherwise with the pages up to the first that holds the key. Request counts come
 * from the emulators' logs; no timing is asserted.
 */
import { describe, expect, it } from "vitest";
import { clearSessions, openSession } from "../../providers/core/connection";
import { Project } from "../../providers/hexio";
import { AlarmGroup, Webhook } from "../../providers/kentix";
import { kentix as kentixVendor } from "../../providers/kentix/client";
import { ParticipantGroup } from "../../providers/sinema";
import type { LoggedRequest } from "../emulators/common/types";
import { useHexio } from "../hexio/support";
import { useKentix } from "../kentix/support";
import { useSinema } from "../sinema/support";
import { createChecked } from "../support/lifecycle";

/** The requests after the create's POST, as `METHOD path?query`. */
const afterPost = (requests: readonly LoggedRequest[], post: string) => {
  const at = requests.findIndex((r) => r.method === "POST" && r.path === post);
  return requests.slice(at + 1).map((r) => {
    const q = new URLSearchParams(r.query).toString();
    return `${r.method} ${r.path}${q ? `?${decodeURIComponent(q)}` : ""}`;
  });
};

describe("kentix: no filter; the collection's /names", () => {
  const kx = useKentix();

  it("a lost create answer among 250 webhooks (10 pages) costs one lookup, not the 10 pages again", async () => {
    for (let i = 0; i < 250; i++) kx.emu.insert("webhooks", { name: `hook-${i}`, url: `https://soc.example/${i}` });
    kx.emu.inject({ method: "POST", path: "/api/webhooks", kind: "reset-after-commit" });
    const { id } = await createChecked(Webhook, {
      connection: kx.connection,
      name: "SOC",
      url: "https://soc.example/hook",
    });
    expect(
      kx.emu
        .list("webhooks")
        .filter((w) => w.name === "SOC")
        .map((w) => String(w.id)),
    ).toEqual([id]);
    const listing = kx.emu.requests.filter((r) => r.method === "GET" && r.path === "/api/webhooks");
    expect(listing).toHaveLength(10); // the natural-key check before the create: once per run
    // The lookup, then the read of the object found (the create answer was lost, so its values are read).
    expect(afterPost(kx.emu.requests, "/api/webhooks")).toEqual(["GET /api/webhooks/names", `GET /api/webhooks/${id}`]);
    expect(kx.emu.requests).toHaveLength(13);
  });

  it("a key with more than the name (an alarm group's parent): the names, then each object of that name", async () => {
    for (let i = 0; i < 250; i++) kx.emu.insert("alarmgroups", { name: `room-${i}` });
    kx.emu.inject({ method: "POST", path: "/api/alarmgroups", kind: "reset-after-commit" });
    const { id } = await createChecked(AlarmGroup, { connection: kx.connection, name: "Server room" });
    expect(
      kx.emu
        .list("alarmgroups")
        .filter((g) => g.name === "Server room")
        .map((g) => String(g.id)),
    ).toEqual([id]);
    expect(afterPost(kx.emu.requests, "/api/alarmgroups")).toEqual([
      "GET /api/alarmgroups/names",
      `GET /api/alarmgroups/${id}`, // the one object of that name, for its parent
      `GET /api/alarmgroups/${id}`, // the read of the object found
    ]);
  });

  it("without a usable /names answer: the pages up to the first that holds the key", async () => {
    for (let i = 0; i < 250; i++) kx.emu.insert("webhooks", { name: `hook-${i}`, url: `https://soc.example/${i}` });
    kx.emu.inject({ method: "GET", path: "/api/webhooks/names", kind: "status", status: 404 });
    const session = openSession(kentixVendor, kx.connection);
    const holds = (items: Record<string, unknown>[]) => items.some((w) => w.name === "hook-30");
    const found = await session.lookUp!("GET /api/webhooks", {}, { name: "hook-30" }, holds);
    expect(found!.some((w) => w.name === "hook-30")).toBe(true);
    expect(kx.emu.requests.map((r) => `${r.path}${r.query.page ? `?page=${r.query.page}` : ""}`)).toEqual([
      "/api/webhooks/names",
      "/api/webhooks",
      "/api/webhooks?page=2",
    ]);
    clearSessions();
  });
});

describe("hexio: the documented filter", () => {
  const hx = useHexio({ pageCap: 10 });

  it("a lost create answer among 60 projects (7 pages) costs one filtered page", async () => {
    const org = hx.emu.insertOrg({ name: "ACME" });
    for (let i = 0; i < 60; i++) hx.emu.insertProject(Number(org.orgId), { name: `p-${i}` });
    const post = `/v1/orgs/${org.orgId}/projects`;
    hx.emu.inject({ method: "POST", path: post, kind: "reset-after-commit" });
    const { id } = await createChecked(Project, {
      connection: hx.connection,
      orgId: String(org.orgId),
      name: "Plant",
      dataRetention: "90d",
      rateLimit: 100,
    });
    expect(
      hx.emu
        .projects()
        .filter((p) => p.name === "Plant")
        .map((p) => String(p.projectId)),
    ).toEqual([id]);
    expect(afterPost(hx.emu.requests, post)).toEqual([
      `GET ${post}?limit=1000&offset=0&withCount=true&filter[0][field]=name&filter[0][op]=eq&filter[0][value]=Plant`,
      `GET ${post}/${id}`, // the read of the object found
    ]);
  });
});

describe("sinema: search where the manual documents it", () => {
  const rc = useSinema({ pageSize: 10 });

  it("a lost create answer among 60 participant groups (7 pages) costs one search", async () => {
    for (let i = 0; i < 60; i++) rc.emu.insert("groups", { name: `line-${i}` });
    const post = "/api/v1/connections/groups";
    rc.emu.inject({ method: "POST", path: post, kind: "reset-after-commit" });
    const { id } = await createChecked(ParticipantGroup, { connection: rc.connection, name: "Slow line" });
    expect(
      rc.emu
        .list("groups")
        .filter((g) => g.name === "Slow line")
        .map((g) => String(g.id)),
    ).toEqual([id]);
    const looks = afterPost(rc.emu.requests, post).filter((r) => r.startsWith("GET /api/v1/connections/groups?"));
    expect(looks).toEqual(["GET /api/v1/connections/groups?search=Slow+line"]);
  });
});
