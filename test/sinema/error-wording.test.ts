/** Error wording: user names are identifiers, not secrets; a login the server failed is not a credential problem. */
import { beforeEach, describe, expect, it } from "vitest";
import { ParticipantGroup } from "../../providers/sinema";
import { clearSessions } from "../../providers/core/connection";
import { forgetSecrets } from "../../providers/core/redact";
import { API, createChecked, failure, useSinema } from "./support";

const rc = useSinema();
const API_USER = { username: "api", password: "rc-api-pw-4c8e1b" };
const group = (name: string) => ({ connection: rc.connection, name });

beforeEach(() => {
  forgetSecrets();
  rc.emu.setAccounts([API_USER]);
  rc.setConfig("sinema:plant.username", API_USER.username);
  rc.setConfig("sinema:plant.password", API_USER.password);
});

describe("sinema error wording", () => {
  it("does not redact a user name as if it were a secret (user `api`: the paths stay readable); the password still is", async () => {
    rc.emu.inject({
      method: "POST",
      path: `${API}/connections/groups`,
      kind: "status",
      status: 422,
      body: { detail: `user api (password ${API_USER.password}) may not create groups` },
    });
    const err = await failure(createChecked(ParticipantGroup, group("Engineers")));
    expect(err.message).toBe(
      `sinema API 422 on POST ${API}/connections/groups: user api (password [redacted]) may not create groups`,
    );

    rc.setConfig("sinema:plant.password", "wrong-pw-61d0");
    clearSessions();
    const refused = await failure(createChecked(ParticipantGroup, group("Operators")));
    expect(refused.message).toMatch(
      new RegExp(
        `^sinema API 400 on POST ${API}/api-auth: .*; check sinema:plant.username / sinema:plant.password and loginType; the login is not retried$`,
      ),
    );
    expect(refused.message).not.toContain("wrong-pw-61d0");
  });

  it("describes a login the server failed (500) as a server failure, not as a wrong username or password", async () => {
    rc.emu.inject({
      method: "POST",
      path: `${API}/api-auth`,
      kind: "status",
      status: 500,
      body: { detail: "Internal server error" },
    });
    const err = await failure(createChecked(ParticipantGroup, group("Engineers")));
    expect(err.message).toBe(
      `sinema API 500 on POST ${API}/api-auth: Internal server error (the login itself failed on the server; the credentials were not judged)`,
    );
    // Not remembered as a refusal: the next request logs in and succeeds.
    await expect(createChecked(ParticipantGroup, group("Engineers"))).resolves.toMatchObject({
      id: expect.any(String),
    });
  });
});
