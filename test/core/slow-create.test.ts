/**
 * Issue 16, item 1: a POST times out on the client (`timeoutMs`) while the appliance commits it later. The create must
 * find that object (never POST again, never leave it as an orphan that blocks every later `up`), and when it does not
 * appear, fail saying so. No timing is asserted: the emulator's delay is held and released by the test.
 */
import { describe, expect, it } from "vitest";
import { AlarmGroup } from "../../providers/kentix";
import { ParticipantGroup } from "../../providers/sinema";
import { type Emulator, holdWaits } from "../emulators/common";
import type { LoggedRequest } from "../emulators/common/types";
import { useKentix } from "../kentix/support";
import { useSinema } from "../sinema/support";
import { createChecked, failure, type PlainArgs, type Resource, unchangedUp } from "../support/lifecycle";

/** Resolves once `cond` holds; rejects when `settled` settles first (the scenario did not go as staged). */
async function until(cond: () => boolean, settled: Promise<unknown>): Promise<void> {
  let done = false;
  void settled.then(
    () => (done = true),
    () => (done = true),
  );
  while (!cond()) {
    if (done) throw new Error("the create settled before the staged condition held");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Answered listings (natural-key lookups) sent after the create's POST. */
const looksAfterPost = (requests: readonly LoggedRequest[], post: string, listing: string) => {
  const at = requests.findIndex((r) => r.method === "POST" && r.path === post);
  return at < 0
    ? []
    : requests.slice(at + 1).filter((r) => r.method === "GET" && r.path === listing && r.status !== null);
};

/**
 * The scenario: the POST is held by the appliance past the client's timeout; it commits only after the
 * client's first lookup found nothing. Returns the create's result and the POSTs the appliance saw.
 */
async function slowCreate<R extends Resource>(
  emu: Emulator,
  kind: R,
  declared: PlainArgs<R>,
  post: string,
  listing: string,
) {
  const held = holdWaits(emu);
  try {
    emu.inject({ method: "POST", path: post, kind: "delay", ms: 1500 });
    const creating = createChecked(kind, declared);
    const wait = await held.next(creating);
    // The client gave up and looked once, too early: the object is not there yet.
    await until(() => looksAfterPost(emu.requests, post, listing).length >= 1, creating);
    wait.release(); // the appliance commits now
    const created = await creating;
    return { ...created, posts: emu.requests.filter((r) => r.method === "POST" && r.path === post).length };
  } finally {
    held.restore();
  }
}

describe("a create that times out on the client and is committed later (kentix)", () => {
  const kx = useKentix();
  const kind = AlarmGroup;
  const declared = () => ({ connection: { ...kx.connection, timeoutMs: 1000 }, name: "Slow room" });

  it("takes the object that appears after the deadline: one POST, no orphan, and the next up changes nothing", async () => {
    // A lost create answer is looked up by name in the collection's `/names` (issue 16 item 6), not a new listing.
    const { id, outs, posts } = await slowCreate(
      kx.emu,
      kind,
      declared(),
      "/api/alarmgroups",
      "/api/alarmgroups/names",
    );
    expect(posts).toBe(1);
    expect(kx.emu.list("alarmgroups").map((g) => g.name)).toEqual(["Slow room"]); // 0 duplicates
    expect(id).toBe(String(kx.emu.list("alarmgroups")[0]!.id));
    // The second `up` of the same program converges without any user action: no change, no request that writes.
    kx.emu.clearRequests();
    const up = await unchangedUp(kind, id, outs, declared());
    expect(up.diff).toEqual({ changes: false });
    expect(kx.emu.writes()).toEqual([]);
  });

  it("fails with a clear error when the object never appears within the bounded looks, and POSTs once", async () => {
    const emu = kx.emu;
    const held = holdWaits(emu);
    try {
      emu.inject({ method: "POST", path: "/api/alarmgroups", kind: "delay", ms: 60_000 });
      const creating = createChecked(kind, declared());
      const wait = await held.next(creating);
      const err = await failure(creating);
      expect(err.message).toContain("kentix:AlarmGroup: the create timed out");
      expect(err.message).toContain('no kentix:AlarmGroup with name "Slow room", parentId null appeared on');
      expect(err.message).toContain("raise `timeoutMs` in the connection");
      // The first look right after the timeout, then three more after growing waits; never a second POST.
      expect(looksAfterPost(emu.requests, "/api/alarmgroups", "/api/alarmgroups/names")).toHaveLength(4);
      expect(kx.emu.writes().map((r) => r.method)).toEqual(["POST"]);
      expect(kx.emu.list("alarmgroups")).toEqual([]);
      const post = emu.requests.find((r) => r.method === "POST")!;
      wait.release(); // let the held request finish inside this test
      await until(() => post.status !== null, new Promise(() => undefined));
    } finally {
      held.restore();
    }
  });
});

describe("a create that times out on the client and is committed later (sinema)", () => {
  const rc = useSinema();
  const kind = ParticipantGroup;
  const path = "/api/v1/connections/groups";
  const declared = () => ({ connection: { ...rc.connection, timeoutMs: 1000 }, name: "Slow line" });

  it("takes the object that appears after the deadline: one POST, no orphan, and the next up changes nothing", async () => {
    const { id, outs, posts } = await slowCreate(rc.emu, kind, declared(), path, path);
    expect(posts).toBe(1);
    expect(rc.emu.list("groups").map((g) => g.name)).toEqual(["Slow line"]);
    expect(id).toBe(String(rc.emu.list("groups")[0]!.id));
    rc.emu.clearRequests();
    const up = await unchangedUp(kind, id, outs, declared());
    expect(up.diff).toEqual({ changes: false });
    expect(rc.emu.writes()).toEqual([]);
  });
});
