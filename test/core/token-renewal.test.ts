import { describe, expect, it } from "vitest";
import { TokenSession } from "../../providers/core/auth";

// `renewsWithToken`: vendors without a refresh token that renew with the current, still valid token itself.
describe("TokenSession with renewsWithToken", () => {
  it("renews with the current token before it expires, and logs in once it has expired", async () => {
    const calls: string[] = [];
    let now = 0;
    const session = new TokenSession({
      login: async () => (
        calls.push("login"),
        { token: `login${calls.length}`, issuedAt: Date.now() - 3_600_000, expiresAt: Date.now() + 30_000 }
      ),
      renew: async (old) => (
        calls.push(`renew ${old.token}`), { token: `renewed${calls.length}`, expiresAt: Date.now() + now }
      ),
      renewsWithToken: true,
    });
    expect(await session.token()).toBe("login1"); // expires within the 60 s margin
    now = -1; // the renewed token is already expired: the next call must log in, not renew with it
    expect(await session.token()).toBe("renewed2");
    expect(await session.token()).toBe("login3");
    expect(calls).toEqual(["login", "renew login1", "login"]);
  });

  it("falls back to a login when the renewal is refused, and never renews without the option", async () => {
    const calls: string[] = [];
    const options = {
      login: async () => (
        calls.push("login"), { token: "t", issuedAt: Date.now() - 3_600_000, expiresAt: Date.now() + 1_000 }
      ),
      renew: async () => (calls.push("renew"), Promise.reject(new Error("Old token is not expiring yet."))),
    };
    const renewing = new TokenSession({ ...options, renewsWithToken: true });
    await renewing.token();
    await renewing.token();
    expect(calls).toEqual(["login", "renew", "login"]);
    calls.length = 0;
    const plain = new TokenSession(options);
    await plain.token();
    await plain.token();
    expect(calls).toEqual(["login", "login"]);
  });
});

describe("TokenSession renewal margin", () => {
  it("renews a short-lived token in the last quarter of its lifetime, not before every request", async () => {
    let logins = 0;
    // Lives 4 minutes: a fixed 5-minute margin would renew it on every request.
    const session = new TokenSession({
      login: async () => ({ token: `t${++logins}`, expiresAt: Date.now() + 240_000 }),
      renewBeforeMs: 300_000,
    });
    expect([await session.token(), await session.token(), await session.token()]).toEqual(["t1", "t1", "t1"]);
    expect(logins).toBe(1);
  });
});
