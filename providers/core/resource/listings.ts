import type { VendorSession } from "../connection";
import { isCredentialError } from "../errors";
import { expandRoute } from "../http/route";

type Props = Record<string, unknown>;

/**
 * Reads served from one listing per collection (refresh at the listing limit). Pulumi reads every resource with
 * its own call; for a kind whose listing carries whole objects (`listComplete`) one listing per collection
 * (per session and expanded listing route) serves them all: fetched by the first read, awaited by the reads
 * that arrive meanwhile. The listing is one snapshot of the collection taken during this run, and it is
 * served only while nothing this process did could have changed the collection since:
 *
 * - a write (any call other than GET/HEAD) through the session drops every snapshot of a related path (the
 *   collection, one of its objects, a parent or a child path), also while the write is in flight, and from
 *   then on reads of that collection are GETs for the rest of the process: this process's own writes are
 *   newer than any listing, and a read after one always sees the written state;
 * - a snapshot is used for {@link SNAPSHOT_MAX_AGE_MS} from the moment its listing started; an older one is
 *   fetched again by the next read;
 * - an object the listing does not hold is read with its GET (a 404 then says it is gone), and a listing that
 *   fails leaves the reads to their GETs, so a snapshot never makes a read say less than its GET would (refused
 *   credentials fail the read that sent the listing with the refusal; the session sends nothing more).
 *
 * Kinds that have no GET by id read through a listing anyway (`readFromList`); their reads share one listing the
 * same way (`anyWrite`), with a stricter rule, since their writes need not go to a path under the listing (a kind
 * may write `/api/zone_state` and read its objects from `/api/{deviceId}/zones`):
 * any write through the session drops such a snapshot, and after one none is taken again in this process.
 */
export const SNAPSHOT_MAX_AGE_MS = 60_000;

interface Snapshot {
  startedAt: number;
  /** Dropped by any write through the session, whatever its path (`fromListing`'s `anyWrite`). */
  anyWrite?: boolean;
  items: Promise<Map<string, Props> | undefined>;
  /** Why the listing failed, when it did. */
  error?: unknown;
}

interface SessionState {
  snapshots: Map<string, Snapshot>;
  /** Paths this process has written to (or is writing to) through the session. */
  written: Set<string>;
  /** Whether this process has written anything through the session. */
  wroteAny?: boolean;
}

const states = new WeakMap<VendorSession, SessionState>();
let clock: () => number = Date.now;

/** For tests: the clock snapshot ages are measured with (default `Date.now`). */
export function setListingClock(now?: () => number): void {
  clock = now ?? Date.now;
}

function stateOf(session: VendorSession): SessionState {
  let state = states.get(session);
  if (!state) {
    state = { snapshots: new Map(), written: new Set() };
    states.set(session, state);
  }
  return state;
}

const bare = (path: string) => path.replace(/[?#].*$/, "").replace(/\/+$/, "");

/** Two paths are related when one is the other or lies under it (an object of a collection, a child collection). */
const related = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

function noteWrite(session: VendorSession, path: string): void {
  const state = stateOf(session);
  const p = bare(path);
  state.written.add(p);
  state.wroteAny = true;
  for (const [listing, snapshot] of [...state.snapshots])
    if (snapshot.anyWrite || related(bare(listing), p)) state.snapshots.delete(listing);
}

/**
 * Makes the session report its writes to the listing snapshots (once per session, when it is opened): every
 * call other than GET/HEAD drops the snapshots of related paths when it starts and again when it ends.
 */
export function observeWrites<S extends VendorSession>(session: S): S {
  const call = session.call.bind(session);
  session.call = async (route, params, body, options) => {
    let path: string | undefined;
    try {
      const expanded = expandRoute(route, params);
      if (expanded.method !== "GET" && expanded.method !== "HEAD") path = expanded.path;
    } catch {
      // a bad route: the call itself reports it
    }
    if (path === undefined) return call(route, params, body, options);
    noteWrite(session, path);
    try {
      return await call(route, params, body, options);
    } finally {
      noteWrite(session, path);
    }
  };
  return session;
}

/**
 * The object `id` from this run's listing at `listing` (a `GET` route with its parameters), or undefined when
 * the read must use its GET: the collection was written by this process, the listing failed, or does not hold it.
 */
export async function fromListing(
  session: VendorSession,
  route: string,
  params: Record<string, string | number>,
  id: string,
  idOf: (item: Props) => string | undefined,
  /** The listing is the kind's only read (no GET by id): any write through the session makes it stale. */
  anyWrite = false,
): Promise<Props | undefined> {
  let path: string;
  try {
    path = expandRoute(route, params).path;
  } catch {
    // A parameter of the listing is not known: read by GET. A listing that is the kind's only read is keyed by
    // its route instead (the vendor's session fills in a parameter of its own, such as a device id it registered).
    if (!anyWrite) return undefined;
    path = `${route} ${JSON.stringify([...route.matchAll(/\{(\w+)\}/g)].map((m) => params[m[1]!]))}`;
  }
  const state = stateOf(session);
  const p = bare(path);
  if (anyWrite && state.wroteAny) return undefined;
  for (const w of state.written) if (related(w, p)) return undefined;
  let snapshot = state.snapshots.get(path);
  const starts = !snapshot || clock() - snapshot.startedAt > SNAPSHOT_MAX_AGE_MS;
  if (starts) {
    const fresh: Snapshot = { startedAt: clock(), anyWrite, items: Promise.resolve(undefined) };
    fresh.items = session.list(route, params).then(
      (list) => {
        const byId = new Map<string, Props>();
        for (const item of list) {
          const itemId = idOf(item);
          if (itemId !== undefined) byId.set(itemId, item);
        }
        return byId;
      },
      (err: unknown) => {
        fresh.error = err; // the reads fall back to their GETs, which report what is wrong with each
        return undefined;
      },
    );
    snapshot = fresh;
    state.snapshots.set(path, snapshot);
  } else if (anyWrite) snapshot!.anyWrite = true;
  const byId = await snapshot!.items;
  // Refused credentials: the read that sent the listing reports the refusal (the others' GETs are refused
  // without being sent, as every later request of the session is).
  // A listing that is the kind's only read: its failure is the read's (the other reads list for themselves).
  const failed = snapshot!.error;
  if (starts && failed !== undefined && (anyWrite || isCredentialError(failed))) throw failed;
  // A write to the collection that started while the listing was on its way: the listing may predate it.
  if (state.snapshots.get(path) !== snapshot) return undefined;
  return byId?.get(id);
}
