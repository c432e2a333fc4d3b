/**
 * An appliance may echo a secret back in its error text or in another field. Every known secret is redacted from
 * such text before it reaches an error, a log or a drift report: the current values and the previous ones, which
 * a process knows only from state (the old outputs of update, read and delete). Each test starts as a fresh
 * process would: nothing registered but what the operation itself receives.
 */
import { describe, expect, it } from "vitest";
import { Webhook } from "../../providers/kentix";
import { clearSessions, openSession } from "../../providers/core/connection";
import { deployedResources, detectDrift } from "../../providers/core/drift";
import { forgetSecrets } from "../../providers/core/redact";
import { errorFields, failure, secretPaths, type PlainArgs } from "../support/lifecycle";
import { kentix as vendor } from "../../providers/kentix/client";
import { createChecked, lifecycleOf, TOKEN, useKentix } from "../kentix/support";

const kentix = useKentix();
const kind = Webhook;
const OLD = "old-hook-pw-5d1e9a";
const NEW = "new-hook-pw-83c0f2";
const declared = (password: string): PlainArgs<typeof Webhook> => ({
  connection: kentix.connection,
  name: "SOC",
  url: "https://soc.example/hook",
  authenticationMode: "basic",
  username: "soc",
  password,
});
const echo = (password: string) => ({ message: `Authentication against soc.example failed with password ${password}` });

/** A webhook created with OLD by an earlier run; this "process" has seen nothing of it. */
async function deployed() {
  const created = await createChecked(kind, declared(OLD));
  forgetSecrets();
  clearSessions();
  return created;
}

const leaks = (err: Error) => [...secretPaths(errorFields(err), OLD), ...secretPaths(errorFields(err), NEW)];

describe("secrets echoed by an appliance", () => {
  it("are redacted from an update's error, the previous value included (it exists only in state)", async () => {
    const { id, outs, inputs } = await deployed();
    kentix.emu.inject({
      method: "PATCH",
      path: `/api/webhooks/${id}`,
      kind: "status",
      status: 422,
      body: { message: `password ${OLD} may not be reused; ${NEW} rejected` },
    });
    const checked = await lifecycleOf(kind).check(inputs, declared(NEW));
    const err = await failure(lifecycleOf(kind).update(id, outs, checked.inputs!));
    expect(err.message).toBe(
      `kentix API 422 on PATCH /api/webhooks/${id}: password [redacted] may not be reused; [redacted] rejected`,
    );
    expect(leaks(err)).toEqual([]);
  });

  it("are redacted from refresh and delete errors, which receive only the state", async () => {
    const { id, outs } = await deployed();
    // A webhook's read is served from the webhooks' listing; a listing that fails leaves the read to its GET.
    for (const path of ["/api/webhooks", `/api/webhooks/${id}`]) {
      kentix.emu.inject({ method: "GET", path, kind: "status", status: 500, body: echo(OLD), times: Infinity });
    }
    const read = await failure(lifecycleOf(kind).read(id, outs));
    expect(read.message).toContain("failed with password [redacted]");
    expect(leaks(read)).toEqual([]);

    forgetSecrets();
    kentix.emu.inject({
      method: "DELETE",
      path: `/api/webhooks/${id}`,
      kind: "status",
      status: 500,
      body: echo(OLD),
      times: Infinity,
    });
    const del = await failure(lifecycleOf(kind).delete(id, outs));
    expect(del.message).toContain("failed with password [redacted]");
    expect(leaks(del)).toEqual([]);
  });

  it("are masked whole when one contains another, whichever was seen first", async () => {
    const password = `hook-${TOKEN}-pw`; // contains the appliance's API token
    const created = await createChecked(kind, declared(password));
    forgetSecrets();
    clearSessions();
    openSession(vendor, kentix.connection as never); // the token is known first, the password later from state
    kentix.emu.inject({
      method: "DELETE",
      path: `/api/webhooks/${created.id}`,
      kind: "status",
      status: 500,
      body: echo(password),
      times: Infinity,
    });
    const err = await failure(lifecycleOf(kind).delete(created.id, created.outs));
    expect(err.message).toBe(
      `kentix API 500 on DELETE /api/webhooks/${created.id}: Authentication against soc.example failed with password [redacted]`,
    );
  });

  const SIG = "4dabf18193072939515e22adb298388d";
  const exported = (id: string, outs: Record<string, unknown>, password: unknown) => ({
    deployment: {
      resources: [
        {
          type: `pulumi-nodejs:dynamic/${kind.kind}`,
          urn: `urn:pulumi:dev::site::pulumi-nodejs:dynamic/${kind.kind}::soc`,
          id,
          inputs: { ...outs, password },
          outputs: { ...outs, password },
        },
      ],
    },
  });

  it("are redacted from drift reports: plaintext of a --show-secrets export, values the appliance reports", async () => {
    const { id, outs } = await deployed();
    // The export carries the plaintext: the listing and the read fail, echoing it.
    kentix.emu.inject({
      method: "GET",
      path: /^\/api\/webhooks/,
      kind: "status",
      status: 500,
      body: echo(OLD),
      times: Infinity,
    });
    const shown = await detectDrift(
      deployedResources(
        exported(id, outs, { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(OLD) }),
        "dev",
      ),
    );
    expect(shown.resources.map((r) => r.status)).toEqual(["unreadable"]);
    expect(shown.errors).toHaveLength(1);
    expect(secretPaths(shown, OLD)).toEqual([]);
    expect(JSON.stringify(shown)).toContain("failed with password [redacted]");

    // An encrypted export: the appliance reports the password in clear (seed) and copies it into another field.
    kentix.emu.clearFaults();
    forgetSecrets();
    clearSessions();
    kentix.emu.edit("webhooks", Number(id), { url: `https://soc.example/hook?pw=${OLD}` });
    const encrypted = await detectDrift(
      deployedResources(exported(id, outs, { [SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" }), "dev"),
    );
    expect(encrypted.resources[0]!.properties).toEqual([
      { path: "url", declared: "https://soc.example/hook", live: "https://soc.example/hook?pw=[redacted]" },
    ]);
    expect(secretPaths(encrypted, OLD)).toEqual([]);
  });
});
