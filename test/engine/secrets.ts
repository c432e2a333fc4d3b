/**
 * The passphrase secrets provider, as `pulumi stack init --secrets-provider passphrase` sets it up:
 * key = PBKDF2-SHA256(passphrase, 8-byte salt, 1,000,000 rounds, 32 bytes); values are AES-256-GCM
 * with a 12-byte nonce, written `v1:<nonce b64>:<ciphertext+tag b64>`; the salt state is
 * `v1:<salt b64>:<encryption of "pulumi">` so a wrong passphrase is detected up front.
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from "node:crypto";

export const DEFAULT_TEST_PASSPHRASE = "pulumi-facility-test-engine";
const ROUNDS = 1_000_000;
const keyCache = new Map<string, Buffer>(); // PBKDF2 costs ~0.3 s: derive once per passphrase and salt

export interface SecretsProviderState {
  type: "passphrase";
  state: { salt: string };
}

export class PassphraseCrypter {
  private constructor(
    private readonly key: Buffer,
    readonly providerState: SecretsProviderState,
  ) {}

  /** A fresh salt, as for a new stack. */
  static create(passphrase: string): PassphraseCrypter {
    const salt = randomBytes(8);
    const key = deriveKey(passphrase, salt);
    const check = encryptWith(key, "pulumi");
    return new PassphraseCrypter(key, {
      type: "passphrase",
      state: { salt: `v1:${salt.toString("base64")}:${check}` },
    });
  }

  /** Reopens a stack's secrets provider; throws when the passphrase is wrong. */
  static open(passphrase: string, state: SecretsProviderState): PassphraseCrypter {
    const parts = state.state.salt.split(":");
    if (parts.length !== 5 || parts[0] !== "v1") throw new Error("unrecognized passphrase salt state");
    const key = deriveKey(passphrase, Buffer.from(parts[1], "base64"));
    let check: string;
    try {
      check = decryptWith(key, parts.slice(2).join(":"));
    } catch {
      check = "";
    }
    if (check !== "pulumi") throw new Error("incorrect passphrase (PULUMI_CONFIG_PASSPHRASE) for this stack's state");
    return new PassphraseCrypter(key, state);
  }

  encrypt(plaintext: string): string {
    return encryptWith(this.key, plaintext);
  }

  decrypt(ciphertext: string): string {
    return decryptWith(this.key, ciphertext);
  }
}

function deriveKey(passphrase: string, salt: Buffer): Buffer {
  const id = `${passphrase}\u0000${salt.toString("base64")}`;
  let key = keyCache.get(id);
  if (!key) {
    key = pbkdf2Sync(passphrase, salt, ROUNDS, 32, "sha256");
    keyCache.set(id, key);
  }
  return key;
}

function encryptWith(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${nonce.toString("base64")}:${body.toString("base64")}`;
}

function decryptWith(key: Buffer, ciphertext: string): string {
  const [version, nonceB64, bodyB64] = ciphertext.split(":");
  if (version !== "v1" || !nonceB64 || !bodyB64) throw new Error("unrecognized secret ciphertext");
  const body = Buffer.from(bodyB64, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonceB64, "base64"));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
}
