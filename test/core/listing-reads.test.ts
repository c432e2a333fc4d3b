/**
 * Issue 16, "Refresh at the listing limit": within one plugin process, reads of a kind whose listing carries whole
 * objects (`listComplete`, Kentix webhooks) are served from one listing per collection, fetched by the first read
 * and shared by the reads that arrive meanwhile, and never older than what this process wrote. Request counts come
 * from the emulator's log; nothing here depends on timing (the snapshot's age is read from a clock the test sets).
 */
import { afterEach, describe, expect, it } from "vitest";
import { clearSessions } from "../../providers/core/connection";
import { SNAPSHOT_MAX_AGE_MS, setListingClock } from "../../providers/core/resource/listings";
import { AlarmGroup, Webhook } from "../../providers/kentix";
import { createChecked, lifecycleOf, refreshDiff, updateChecked, useKentix } from "../kentix/support";

type Props = Record<string, unknown>;

const kx = useKentix();
afterEach(() => setListingClock());

/** `n` webhooks created through the provider (a previous `up`); the next process starts with no session. */
async function deployed(n: number) {
  const made: { id: string; outs: Props }[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = Array.from({ length: Math.min(10, n - i) }, (_, j) =>
      createChecked(Webhook, {
        connection: kx.connection,
        name: `hook-${String(i + j).padStart(3, "0")}`,
        url: `https://soc.example/${i + j}`,
      }),
    );
    made.push(...(await Promise.all(batch)).map(({ id, outs }) => ({ id, outs: outs as Props })));
  }
  clearSessions(); // a new plugin process: the refresh
  kx.emu.clearRequests();
  return made;
}

const gets = () => kx.emu.requests.filter((r) => r.method === "GET").map((r) => `${r.path}${pageOf(r.query)}`);
const pageOf = (q: Record<string, string>) => (q.page ? `?page=${q.page}` : "");

describe("refresh of a kind whose listing carries whole objects (kentix webhooks)", () => {
  it("100 objects refreshed: 4 listing pages instead of 100 GETs, with the same result as the GETs", async () => {
    const made = await deployed(100);
    const read = lifecycleOf(Webhook).read;
    const fromListing = await Promise.all(made.map(({ id, outs }) => read(id, outs)));
    expect(gets()).toEqual(["/api/webhooks", "/api/webhooks?page=2", "/api/webhooks?page=3", "/api/webhooks?page=4"]);
    expect(fromListing.map((r) => r.id)).toEqual(made.map((m) => m.id));

    // The same reads by GET (a listing answered with something that is no listing leaves every read to its GET).
    clearSessions();
    kx.emu.clearRequests();
    kx.emu.inject({ method: "GET", path: "/api/webhooks", kind: "status", status: 200, body: "<html></html>" });
    const byGet = await Promise.all(made.map(({ id, outs }) => read(id, outs)));
    expect(gets().filter((p) => /^\/api\/webhooks\/\d+$/.test(p))).toHaveLength(100);
    expect(fromListing).toEqual(byGet);
  });

  it("shows an object changed out of band as drift, and reads one deleted out of band as gone (confirmed by its GET)", async () => {
    const [a, b, c] = await deployed(3);
    kx.emu.edit("webhooks", Number(b!.id), { url: "https://elsewhere.example/x" });
    kx.emu.remove("webhooks", Number(c!.id));
    const same = await refreshDiff(Webhook, a!.id, a!.outs);
    expect(same.diff.changes).toBe(false);
    const drifted = await refreshDiff(Webhook, b!.id, b!.outs);
    expect(drifted.inputs.url).toBe("https://elsewhere.example/x");
    expect(drifted.diff.changes).not.toBe(false);
    expect(await lifecycleOf(Webhook).read(c!.id, c!.outs)).toEqual({});
    // One listing for the three reads; the object the listing does not hold is asked for once (404 = gone).
    expect(gets()).toEqual(["/api/webhooks", `/api/webhooks/${c!.id}`]);
  });

  it("a write by this process followed by a read returns the written state (reads of that collection go by GET)", async () => {
    const [a, b] = await deployed(2);
    const read = lifecycleOf(Webhook).read;
    await read(a!.id, a!.outs); // the listing is taken
    const declared = { connection: kx.connection, name: "hook-000", url: "https://soc.example/v2" };
    const updated = await updateChecked(Webhook, a!.id, a!.outs, declared);
    const after = await read(a!.id, updated.outs as Props);
    expect((after.inputs as Props).url).toBe("https://soc.example/v2");
    // Out of band after our write: seen too, since the collection is now read object by object.
    kx.emu.edit("webhooks", Number(b!.id), { url: "https://elsewhere.example/b" });
    expect(((await read(b!.id, b!.outs)).inputs as Props).url).toBe("https://elsewhere.example/b");
    expect(gets()).toEqual(["/api/webhooks", `/api/webhooks/${a!.id}`, `/api/webhooks/${b!.id}`]);
  });

  it("a write that starts while the listing is on its way keeps the listing from serving the reads after it", async () => {
    const [a] = await deployed(1);
    const read = lifecycleOf(Webhook).read;
    const first = read(a!.id, a!.outs); // starts the listing
    const declared = { connection: kx.connection, name: "hook-000", url: "https://soc.example/during" };
    const updated = await updateChecked(Webhook, a!.id, a!.outs, declared);
    await first;
    const after = await read(a!.id, updated.outs as Props);
    expect((after.inputs as Props).url).toBe("https://soc.example/during");
  });

  it("a listing older than the bound is fetched again by the next read", async () => {
    let now = 1_000_000;
    setListingClock(() => now);
    const [a, b] = await deployed(2);
    const read = lifecycleOf(Webhook).read;
    await read(a!.id, a!.outs);
    now += SNAPSHOT_MAX_AGE_MS; // at the bound: still served
    await read(b!.id, b!.outs);
    expect(gets()).toEqual(["/api/webhooks"]);
    kx.emu.edit("webhooks", Number(b!.id), { url: "https://elsewhere.example/late" });
    now += 1;
    expect(((await read(b!.id, b!.outs)).inputs as Props).url).toBe("https://elsewhere.example/late");
    expect(gets()).toEqual(["/api/webhooks", "/api/webhooks"]);
  });

  it("a kind whose listing does not carry whole objects keeps its GET (alarm groups)", async () => {
    const { id, outs } = await createChecked(AlarmGroup, { connection: kx.connection, name: "Server room" });
    clearSessions();
    kx.emu.clearRequests();
    await lifecycleOf(AlarmGroup).read(id, outs as Props);
    expect(gets()).toEqual([`/api/alarmgroups/${id}`]);
  });
});
