import { describe, expect, it } from "vitest";
import { calls, createChecked, lifecycleOf, type PlainArgs, TOKEN, useKentix } from "./support";
import { Webhook } from "../../providers/kentix";

const kentix = useKentix();
const kind = Webhook;
const lc = () => lifecycleOf(kind);
const SOC_TOKEN = "soc-bearer-91c2e77d";
const base = (): PlainArgs<typeof Webhook> => ({
  connection: kentix.connection,
  name: "SOC",
  url: "https://soc.example/hook",
  requestType: "POST",
  contentType: "application/json",
});

describe("kentix.Webhook lifecycle", () => {
  it("maps readable enums and the bearer token to the wire in one POST", async () => {
    const { id, outs } = await createChecked(kind, { ...base(), authenticationMode: "bearer", bearerToken: SOC_TOKEN });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/webhooks",
      {
        "POST /api/webhooks": {
          name: "SOC",
          url: "https://soc.example/hook",
          request_type: 0,
          content_type: 1,
          authentication_mode: 2,
          username: SOC_TOKEN,
          password: null,
        },
      },
    ]);
    expect(outs).toMatchObject({
      requestType: "POST",
      contentType: "application/json",
      authenticationMode: "bearer",
      bearerToken: SOC_TOKEN,
    });
    // GET by id answers a one-element array (seed); read unwraps it and keeps write-only secrets as declared.
    const read = await lc().read(id, outs);
    expect(read.inputs).toMatchObject({ name: "SOC", requestType: "POST", bearerToken: SOC_TOKEN });
    expect(await lc().diff(id, read.props!, outs)).toEqual({ changes: false });
  });

  it("sends the authentication settings together when one of them changes, clearing unused credentials", async () => {
    const { inputs, id, outs } = await createChecked(kind, {
      ...base(),
      authenticationMode: "basic",
      username: "soc",
      password: "pw-one-2b9f",
    });
    kentix.emu.clearRequests();
    const next = (
      await lc().check(inputs, { ...base(), authenticationMode: "basic", username: "soc", password: "pw-two-77aa" })
    ).inputs;
    await lc().update(id, outs, next);
    expect(calls(kentix.emu)).toEqual([
      { [`PATCH /api/webhooks/${id}`]: { authentication_mode: 1, username: "soc", password: "pw-two-77aa" } },
    ]);
    kentix.emu.clearRequests();
    const none = (await lc().check(next, { ...base(), authenticationMode: "none" })).inputs;
    await lc().update(id, { ...outs, ...next }, none);
    expect(calls(kentix.emu)).toEqual([
      { [`PATCH /api/webhooks/${id}`]: { authentication_mode: 0, username: null, password: null } },
    ]);
  });

  it("detects drift on readable fields, and sees a webhook deleted out of band as gone", async () => {
    const { id, outs } = await createChecked(kind, base());
    kentix.emu.edit("webhooks", Number(id), { url: "https://attacker.example/x", request_type: 1 });
    const read = await lc().read(id, outs);
    expect(read.inputs).toMatchObject({ url: "https://attacker.example/x", requestType: "GET" });
    kentix.emu.remove("webhooks", Number(id));
    expect(await lc().read(id, outs)).toEqual({});
  });

  it("finds a taken name on a later page of the listing (follows links.next)", async () => {
    for (let i = 0; i < 60; i++) kentix.emu.insert("webhooks", { name: `Hook ${i}`, url: "https://x.example" });
    const taken = kentix.emu.list("webhooks").find((w) => w.name === "Hook 55")!;
    const err = await createChecked(kind, { ...base(), name: "Hook 55" }).catch((e) => e);
    expect(err.message).toContain(`with id ${taken.id}.`);
    expect(kentix.emu.requests.map((r) => r.query.page ?? "1")).toEqual(["1", "2", "3"]);
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("never puts the token or a secret into an error message", async () => {
    kentix.emu.setTokens(["another-token"]);
    try {
      const err = await createChecked(kind, { ...base(), authenticationMode: "bearer", bearerToken: SOC_TOKEN }).catch(
        (e) => e,
      );
      expect(err.message).toBe(
        "kentix API 401 on GET /api/webhooks: the token was refused; check kentix:<profile>.token or KENTIX_<PROFILE>_TOKEN",
      );
      expect(JSON.stringify({ ...err, m: err.message, s: err.stack })).not.toMatch(new RegExp(`${TOKEN}|${SOC_TOKEN}`));
    } finally {
      kentix.emu.setTokens([TOKEN]);
    }
  });
});
