/** Test TLS material (test/fixtures/tls): "ca" = server.pem signed by ca.pem; "self-signed" = other.pem. */
import { readFileSync } from "node:fs";
import * as path from "node:path";

export const TLS_FIXTURES_DIR = path.resolve(__dirname, "../../fixtures/tls");

export type TlsFixture = "ca.pem" | "server.pem" | "server.key" | "other.pem" | "other.key";

export function tlsFixture(name: TlsFixture): string {
  return readFileSync(path.join(TLS_FIXTURES_DIR, name), "utf8");
}

/** "ca": trusted through ca.pem. "self-signed": an unrelated self-signed cert (trust it by pin or as its own CA). */
export type HttpsMode = "ca" | "self-signed" | { cert: string; key: string } | false;

export function serverCredentials(mode: Exclude<HttpsMode, false>): { cert: string; key: string } {
  if (mode === "ca") return { cert: tlsFixture("server.pem"), key: tlsFixture("server.key") };
  if (mode === "self-signed") return { cert: tlsFixture("other.pem"), key: tlsFixture("other.key") };
  return mode;
}
