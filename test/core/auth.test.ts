import { describe, expect, it } from "vitest";
import { TokenSession } from "../../providers/core/auth";
import { ApiError } from "../../providers/core/errors";

const unauthorized = () => new ApiError({ vendor: "test", method: "GET", path: "/x", status: 401 });

describe("TokenSession", () => {
  it("logs in once for concurrent requests and reuses the token", async () => {
    let logins = 0;
    const session = new TokenSession({ login: async () => ({ token: `t${++logins}` }) });
    expect(await Promise.all([session.token(), session.token(), session.token()])).toEqual(["t1", "t1", "t1"]);
    expect(logins).toBe(1);
  });

  it("renews before expiry, with the refresh token when there is one", async () => {
    let logins = 0;
    let renewals = 0;
    const session = new TokenSession({
      // Issued an hour ago, expiring in 30 s: within the 60 s margin (a quarter of its lifetime is more).
      login: async () => ({
        token: `login${++logins}`,
        issuedAt: Date.now() - 3_600_000,
        expiresAt: Date.now() + 30_000,
        refreshToken: "r",
      }),
      renew: async () => ({ token: `renewed${++renewals}`, expiresAt: Date.now() + 3_600_000, refreshToken: "r" }),
    });
    expect(await session.token()).toBe("login1"); // expires within the 60 s margin
    expect(await session.token()).toBe("renewed1");
    expect(await session.token()).toBe("renewed1");
    expect([logins, renewals]).toEqual([1, 1]);
  });

  it("logs in again exactly once when the appliance answers 401", async () => {
    let logins = 0;
    const seen: string[] = [];
    const session = new TokenSession({ login: async () => ({ token: `t${++logins}` }) });
    const result = await session.withToken(async (token) => {
      seen.push(token);
      if (token === "t1") throw unauthorized();
      return "ok";
    });
    expect([result, seen, logins]).toEqual(["ok", ["t1", "t2"], 2]);
    const always401 = await session.withToken(async () => Promise.reject(unauthorized())).catch((e) => e);
    expect(always401.status).toBe(401);
    expect(logins).toBe(3); // one re-login, no storm
  });

  it("does not retry a refused login", async () => {
    let logins = 0;
    const session = new TokenSession({ login: async () => Promise.reject(new Error(`login refused (${++logins})`)) });
    await expect(session.withToken(async () => "never")).rejects.toThrow("login refused (1)");
    expect(logins).toBe(1);
  });
});
