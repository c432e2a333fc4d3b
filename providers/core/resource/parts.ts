import type { z } from "zod";
import type { VendorSession } from "../connection";
import { isApiError, isNotFound } from "../errors";
import { canon, elementOf, fromWire, toWire, visit, wireName } from "./schema";

type Props = Record<string, unknown>;
type Params = Record<string, string | number>;

/**
 * A field kept on an endpoint of its own instead of in the object's body. Declared in `fields` like any
 * other field (schema, description, docs), and listed in the spec's `parts` with the calls that keep it.
 */
export type Part = ValuePart | SetPart;

/** One value with its own read and write call, e.g. an enabled flag at `/status/{id}`: `{[key]: value}` both ways. */
export interface ValuePart {
  read: string;
  write: string;
  /** Key of the value in both bodies. */
  key: string;
}

/**
 * A set kept by add and remove calls: memberships in an association collection, child entries with ids of
 * their own and no update call (`item`), or entries without ids, identified by their fields (a port
 * `{protocol, port}`). The field is a list, or a value whose codec lists its members (`portsByProtocol`).
 * Compared as a set; only the difference is written.
 */
export interface SetPart {
  /** Listing of the current members (`{id}` is the owner); absent: they come with the object's own GET under the field's wire name. */
  list?: string;
  /** Members are child objects: each listed id is read with this route (`{member}` is its id) and compared by content. */
  item?: string;
  add: string;
  /** `{member}` in the route is the member (a child's id). */
  remove: string;
  /** Body of an add or remove call, from the owner id, the member in wire form and the declared inputs. */
  body?: (op: "add" | "remove", owner: string, member: unknown, inputs: Props) => unknown;
}

const isSet = (p: Part): p is SetPart => "add" in p;
const memberKey = (v: unknown, element: z.ZodType) => JSON.stringify(canon(v, element));
/**
 * A member as an id: objects in listings carry theirs as `id`. An object without one (a port entry
 * `{protocol, port}`) is its own identity: it stays whole and compares by its fields.
 */
const idOf = (v: unknown) => (v && typeof v === "object" && "id" in v ? (v as Props).id : v);

interface Member {
  /** What the route's `{member}` stands for. */
  path: string;
  /** The member in wire form, for the call's body. */
  wire: unknown;
}
/**
 * A set field's members by canonical key: a list's elements, or the members its codec lists (a value that
 * stands for several, e.g. the port list `"77, 70-100"`).
 */
function membersOf(value: unknown, schema: z.ZodType, op: "add" | "remove"): Map<string, Member> {
  const element = elementOf(schema);
  if (element)
    return new Map(
      ((value as unknown[] | undefined) ?? []).map((m) => [
        memberKey(m, element),
        { path: String(op === "add" ? idOf(m) : m), wire: toWire(m, element) },
      ]),
    );
  const members = visit(schema, { codec: (c) => c.members, other: () => undefined });
  const listed = value === undefined || value === null || !members ? [] : members(value);
  return new Map(listed.map((w) => [JSON.stringify(w), { path: String(idOf(w)), wire: w }]));
}

/** Puts the declared parts' live values into the object's wire form (where the generic mapping then reads them). */
export async function readParts(
  session: VendorSession,
  parts: Readonly<Record<string, Part | undefined>>,
  keys: string[],
  shape: Record<string, z.ZodType>,
  live: Props,
  params: Params,
): Promise<Props> {
  const out = { ...live };
  for (const key of keys) {
    const part = parts[key]!;
    const wire = wireName(key, shape[key]);
    if (!isSet(part)) out[wire] = session.one(await session.call(part.read, params))?.[part.key] ?? null;
    else if (part.item) out[wire] = (await readChildren(session, part, params)).map(({ value }) => value);
    else if (part.list) out[wire] = (await session.list(part.list, params)).map(idOf);
    else out[wire] = Array.isArray(live[wire]) ? (live[wire] as unknown[]).map(idOf) : [];
  }
  return out;
}

async function readChildren(
  session: VendorSession,
  part: SetPart,
  params: Params,
): Promise<{ id: string; value: Props }[]> {
  const out: { id: string; value: Props }[] = [];
  for (const entry of await session.list(part.list!, params)) {
    const id = String(idOf(entry));
    const value = session.one(await session.call(part.item!, { ...params, member: id }));
    if (value) out.push({ id, value });
  }
  return out;
}

/**
 * Writes the parts among `keys` from `before` (the state, the live object, or nothing right after create) to
 * `after`. Sets write only the difference. "Already in that state" (409 on a write or add) and "already gone"
 * (404 on a remove) are success: both mean the appliance already matches.
 */
export async function writeParts(
  session: VendorSession,
  parts: Readonly<Record<string, Part | undefined>>,
  keys: string[],
  shape: Record<string, z.ZodType>,
  owner: string,
  before: Props | undefined,
  after: Props,
  params: Params,
): Promise<void> {
  for (const key of keys) {
    const part = parts[key]!;
    if (after[key] === undefined) continue;
    if (!isSet(part)) {
      await tolerate(409, session.call(part.write, params, { [part.key]: toWire(after[key], shape[key]!) }));
      continue;
    }
    const schema = shape[key]!;
    const old = membersOf(before?.[key], schema, "remove");
    const next = membersOf(after[key], schema, "add");
    const removed = [...old].filter(([k]) => !next.has(k));
    const added = [...next].filter(([k]) => !old.has(k)).map(([, m]) => m);
    const body = (op: "add" | "remove", m: Member) => part.body?.(op, owner, m.wire, after);
    if (removed.length && part.item) {
      // Children are removed by their own ids, which only the appliance knows: match the live ones by content.
      const element = elementOf(schema)!;
      const live = new Map(
        (await readChildren(session, part, params)).map((c) => [memberKey(fromWire(c.value, element), element), c.id]),
      );
      for (const [k] of removed) {
        const id = live.get(k);
        if (id) await tolerate(404, session.call(part.remove, { ...params, member: id }));
      }
    } else {
      for (const [, m] of removed)
        await tolerate(404, session.call(part.remove, { ...params, member: m.path }, body("remove", m)));
    }
    for (const m of added) await tolerate(409, session.call(part.add, { ...params, member: m.path }, body("add", m)));
  }
}

async function tolerate(status: number, call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (status === 404 ? !isNotFound(err) : !(isApiError(err) && err.status === status)) throw err;
  }
}
