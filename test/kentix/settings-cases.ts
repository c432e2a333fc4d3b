/**
 * The lifecycle every Kentix system-settings singleton shares (issue 13), as one parameterised suite: take-over with
 * the values found kept for restore, the no-op, one change as one write, refresh drift, retain and restore on
 * destroy, bad input refused before any request, and secrets kept out of outputs, errors and drift. Each kind's
 * test file states its own expectations (requests and values) and adds what only it has.
 */
import { describe, expect, it } from "vitest";
import type { KentixEmulator, SYSTEM_SETTINGS } from "../emulators/kentix";
import type { FieldsOf, PlainArgs, Resource } from "../support/lifecycle";
import {
  calls,
  createChecked,
  expectNoOpUp,
  failingProperties,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
} from "./support";

type Props = Record<string, unknown>;

export interface SettingsCase<R extends Resource> {
  resource: R;
  /** The emulator's singleton. */
  setting: keyof typeof SYSTEM_SETTINGS;
  path: string;
  /** Declared fields (the connection is added). */
  declared: FieldsOf<R>;
  /** The create's write (after its GET). */
  createBody: Props;
  /** The declared fields' values found at create, in the program's shape. */
  restoreValues: Props;
  /** One declared field changed, and the update's body. */
  change: [Partial<FieldsOf<R>>, Props];
  /** An edit on the appliance (wire form) and what refresh then reports (program form). */
  drift: [Props, Props];
  /** The restore's write on destroy with deletePolicy "restore". */
  restoreBody: Props;
  /** Bad declarations and the properties check names. */
  bad: [Props, string[]][];
  /** Wire fields restore cannot put back (write-only: the value last written stays), with that value. */
  notRestored?: Props;
  /** The secret fields' declared values, never to appear in plaintext outside their own outputs. */
  secrets?: string[];
}

export function describeSettings<R extends Resource>(
  env: { emu: KentixEmulator; connection: PlainArgs<R>["connection"] },
  c: SettingsCase<R>,
) {
  const kind = c.resource;
  const lc = () => lifecycleOf(kind);
  const declare = (extra: Props = {}) => ({ connection: env.connection, ...c.declared, ...extra }) as never;

  describe(`${kind.kind} lifecycle (a singleton)`, () => {
    it("reads the settings, keeps the values found for restore, and writes the declared ones in one write", async () => {
      const { id, outs } = await createChecked(kind, declare());
      expect(id).toBe(c.setting);
      expect(calls(env.emu)).toEqual([`GET ${c.path}`, { [`PATCH ${c.path}`]: c.createBody }]);
      expect(outs.restoreValues).toEqual(c.restoreValues);
      for (const [k, v] of Object.entries(c.declared as Props))
        if (!(c.secrets ?? []).includes(k)) expect(outs[k]).toEqual(v);
    });

    it("diffs the same declaration as no change, and an up of it sends no request", () =>
      expectNoOpUp(kind, declare(), env.emu));

    it("writes one changed field with one write and leaves the fields it does not declare", async () => {
      const { id, outs } = await createChecked(kind, declare());
      const before = env.emu.setting(c.setting);
      env.emu.clearRequests();
      await updateChecked(kind, id, outs, declare(c.change[0] as Props));
      expect(calls(env.emu)).toEqual([{ [`PATCH ${c.path}`]: c.change[1] }]);
      expect(env.emu.setting(c.setting)).toEqual({ ...before, ...c.change[1] });
    });

    it("refresh shows a declared setting changed out of band", async () => {
      const { id, outs } = await createChecked(kind, declare());
      env.emu.editSetting(c.setting, c.drift[0]);
      const { inputs, diff } = await refreshDiff(kind, id, outs);
      expect(inputs).toMatchObject(c.drift[1]);
      expect(diff.changes).not.toBe(false);
    });

    it("destroy retains the settings by default (no request) and restores the values found at create on request", async () => {
      const kept = await createChecked(kind, declare());
      const written = env.emu.setting(c.setting);
      env.emu.clearRequests();
      await lc().delete(kept.id, kept.outs);
      expect(env.emu.requests).toEqual([]);
      expect(env.emu.setting(c.setting)).toEqual(written);

      env.emu.reset();
      const defaults = env.emu.setting(c.setting);
      const restored = await createChecked(kind, declare({ deletePolicy: "restore" }));
      env.emu.clearRequests();
      await lc().delete(restored.id, restored.outs);
      expect(calls(env.emu)).toEqual([{ [`PATCH ${c.path}`]: c.restoreBody }]);
      expect(env.emu.setting(c.setting)).toEqual({ ...defaults, ...c.notRestored });
    });

    it("refuses bad input in check, with the property path, before any request", async () => {
      for (const [input, properties] of c.bad)
        expect(await failingProperties(kind, unchecked({ connection: env.connection, ...input }))).toEqual(properties);
      expect(env.emu.requests).toEqual([]);
    });

    if (c.secrets?.length)
      it("keeps the secrets out of plaintext outputs other than their own, errors and the drift report", async () => {
        const { id, outs } = await createChecked(kind, declare());
        const values = c.secrets!.map((k) => String((c.declared as Props)[k]));
        // Their own outputs are secret outputs, and restoreValues is one secret output as a whole.
        const own = [...c.secrets!, "restoreValues"];
        const others = Object.fromEntries(Object.entries(outs).filter(([k]) => !own.includes(k)));
        for (const v of values) expect(JSON.stringify(others)).not.toContain(v);
        const { diff } = await refreshDiff(kind, id, outs);
        for (const v of values) expect(JSON.stringify(diff)).not.toContain(v);
        // An appliance whose 422 echoes the value sent: the error must still not show it.
        const echoed = values.join(", ");
        env.emu.inject({
          kind: "status",
          status: 422,
          method: "PATCH",
          body: { message: `Rejected: ${echoed}`, errors: { [c.secrets![0]!]: [`Rejected: ${echoed}`] } },
        });
        const err = await lc()
          .update(id, outs, declare(c.change[0] as Props))
          .then(
            () => undefined,
            (e: Error) => e,
          );
        expect(err).toBeInstanceOf(Error);
        for (const v of values) expect(JSON.stringify({ m: err?.message, s: err?.stack })).not.toContain(v);
      });
  });
}
