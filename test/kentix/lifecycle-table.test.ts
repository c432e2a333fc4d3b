/** The lifecycle aspects the three Kentix kinds share (no-op, delete of a missing object, adopt), as one table. */
import { describe, expect, it } from "vitest";
import { clearSessions } from "../../providers/core/connection";
import { type KentixCollection, USERGROUP_PERMISSIONS } from "../emulators/kentix";
import {
  AlarmGroup,
  EventProfile,
  LevelProfile,
  Rack,
  Report,
  SnmpCredential,
  User,
  UserGroup,
  VdsLine,
  Webhook,
} from "../../providers/kentix";
import type { FieldsOf, PlainArgs, Resource } from "../support/lifecycle";
import { calls, createChecked, expectNoOpUp, failure, lifecycleOf, useKentix } from "./support";

const kentix = useKentix();
type Props = Record<string, unknown>;

interface Case<R extends Resource = Resource> {
  /** The resource class; its name titles the tests. */
  kind: string;
  resource: R;
  collection: KentixCollection;
  declared: FieldsOf<R>;
  /** Where not tested with the kind: a change declared with `adopt: true`, and the requests after the object's GET (its writes). */
  adopt?: [Partial<PlainArgs<R>>, (id: string) => unknown[]];
  /** Whether a delete of an object deleted out of band is still to be tested here. */
  gone?: boolean;
}
/** A case whose declarations are typed as its resource's args. */
const kase = <R extends Resource>(resource: R, c: NoInfer<Omit<Case<R>, "kind" | "resource">>) =>
  ({ kind: resource.name, resource, ...c }) as unknown as Case;
const CASES: Case[] = [
  kase(AlarmGroup, { collection: "alarmgroups", declared: { name: "Lobby", armDelay: 30, stealthMode: true } }),
  kase(Webhook, {
    collection: "webhooks",
    declared: { name: "SOC", url: "https://soc.example/hook", requestType: "POST", contentType: "application/json" },
    adopt: [
      { url: "https://soc.example/v2" },
      (id) => [{ [`PATCH /api/webhooks/${id}`]: { url: "https://soc.example/v2" } }],
    ],
    gone: true,
  }),
  kase(UserGroup, {
    collection: "usergroups",
    declared: { name: "Operators", permissions: { "alarmgroups.view": true } },
    // Permissions are managed per declared key: the write goes over the live map, the one adoption just read.
    adopt: [
      { permissions: { "alarmgroups.view": true, "alarmgroups.edit": true } },
      (id) => [
        {
          [`PATCH /api/usergroups/${id}`]: {
            permissions: Object.fromEntries(
              USERGROUP_PERMISSIONS.map((k) => [k, ["alarmgroups.view", "alarmgroups.edit"].includes(k)]),
            ),
          },
        },
      ],
    ],
    gone: true,
  }),
  kase(User, { collection: "users", declared: { username: "carol", fullname: "Carol", pin: "7391" }, gone: true }),
  kase(LevelProfile, { collection: "levelprofiles", declared: { name: "Visitors", doorLockIds: [] }, gone: true }),
  kase(Rack, {
    collection: "racks",
    declared: { name: "R1", description: "Row A", ioIds: [1] },
    adopt: [{ ioIds: [1, 2] }, (id) => [{ [`PATCH /api/racks/${id}`]: { ios: [1, 2] } }]],
    gone: true,
  }),
  kase(EventProfile, { collection: "eventprofiles", declared: { name: "Night", type: "group" }, gone: true }),
  kase(VdsLine, {
    collection: "vdslines",
    declared: { line: 3, alarmType: "fire" },
    gone: true,
  }),
  kase(Report, {
    collection: "reports",
    declared: { name: "Weekly", type: "sum", interval: "weekly" },
    adopt: [{ interval: "monthly" }, (id) => [{ [`PATCH /api/reports/${id}`]: { interval_mode: 3 } }]],
    gone: true,
  }),
  kase(SnmpCredential, {
    collection: "snmpcredentials",
    declared: { name: "NMS", version: "v2", mode: "provideData", community: "kx-snmp-community-4b81e0" },
    adopt: [{ isActive: false }, (id) => [{ [`PATCH /api/snmpcredentials/${id}`]: { is_active: false } }]],
    gone: true,
  }),
];
const kindOf = (c: Case) => c.resource.kind;
const declare = (c: Case, extra: Props = {}) => ({ connection: kentix.connection, ...c.declared, ...extra });

describe.each(CASES)("kentix.$kind lifecycle (no-op)", (c) => {
  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(c.resource, declare(c), kentix.emu));
});

describe.each(CASES.filter((c) => c.gone))("kentix.$kind lifecycle (delete of a missing object)", (c) => {
  it("succeeds when the object was deleted out of band (404 is done), with one DELETE", async () => {
    const { id, outs } = await createChecked(c.resource, declare(c));
    kentix.emu.remove(c.collection, Number(id));
    kentix.emu.clearRequests();
    await expect(lifecycleOf(c.resource).delete(id, outs)).resolves.toBeUndefined();
    expect(kentix.emu.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["DELETE", `/api/${c.collection}/${id}`, 404],
    ]);
  });
});

describe.each(CASES.filter((c) => c.adopt))("kentix.$kind lifecycle (adopt)", (c) => {
  it("fails on an existing name naming its id, and takes it over with adopt: true: one listing, its GET, only the differing writes", async () => {
    const { id } = await createChecked(c.resource, declare(c)); // made by an earlier run
    clearSessions();
    kentix.emu.clearRequests();
    const taken = await failure(createChecked(c.resource, declare(c)));
    expect(taken.message).toBe(
      `${kindOf(c)} name ${JSON.stringify(c.declared.name)} already exists on ${kentix.connection.url} with id ${id}. To manage that object, set \`adopt: true\` on this resource (its declared settings are then applied to it); otherwise choose another name.`,
    );
    expect(calls(kentix.emu)).toEqual([`GET /api/${c.collection}`]);
    const [change, then] = c.adopt!;
    kentix.emu.clearRequests();
    const adopted = await createChecked(c.resource, declare(c, { ...change, adopt: true }));
    expect(adopted.id).toBe(id);
    expect(calls(kentix.emu)).toEqual([`GET /api/${c.collection}`, `GET /api/${c.collection}/${id}`, ...then(id)]);
    expect(kentix.emu.list(c.collection).map((o) => String(o.id))).toEqual([id]);
  });
});
