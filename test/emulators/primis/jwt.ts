/** HS256 JSON Web Tokens as the seed's samples show them: header {typ, alg}, claims iat, exp, user, phoneId. */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export interface Claims {
  iat: number;
  exp: number;
  user: string;
  phoneId: string;
}

export class Signer {
  private readonly key = randomBytes(32);

  sign(claims: Claims): string {
    const head = `${b64url(JSON.stringify({ typ: "JWT", alg: "HS256" }))}.${b64url(JSON.stringify(claims))}`;
    return `${head}.${createHmac("sha256", this.key).update(head).digest("base64url")}`;
  }

  /** The claims of a token this signer issued, or undefined (bad signature, malformed). Expiry is the caller's check. */
  verify(token: string): Claims | undefined {
    const [h, p, s] = token.split(".");
    if (!h || !p || !s) return undefined;
    const want = createHmac("sha256", this.key).update(`${h}.${p}`).digest();
    const got = Buffer.from(s, "base64url");
    if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
    try {
      return JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Claims;
    } catch {
      return undefined;
    }
  }
}
