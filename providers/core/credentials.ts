import { ConfigError } from "./errors";
import { registerSecret } from "./redact";

/** The stack config handed to the provider's `configure` (secrets already decrypted by the engine). */
export interface ConfigSource {
  get(key: string): string | undefined;
}
let stackConfig: ConfigSource | undefined;
export const setStackConfig = (config: ConfigSource) => {
  stackConfig = config;
};
/** Forget the stack config (a host that outlives one run, and tests that share a process). */
export const clearStackConfig = () => {
  stackConfig = undefined;
};
/** Whether a stack config was handed over (the plugin's `configure`, or a data function in the program). */
export const hasStackConfig = () => stackConfig !== undefined;

/**
 * Where a credential is looked up, in order:
 *   stack config  `<vendor>:<profile>.<key>`   e.g. `pulumi config set --secret acme:hq.token ...`
 *   environment   `<VENDOR>_<PROFILE>_<KEY>`    e.g. ACME_HQ_TOKEN
 * Without a profile: `<vendor>:<key>` and `<VENDOR>_<KEY>`.
 */
export function credentialKeys(vendor: string, profile: string | undefined, key: string) {
  const configKey = profile ? `${vendor}:${profile}.${key}` : `${vendor}:${key}`;
  const envVar = [vendor, profile, key]
    .filter(Boolean)
    .join("_")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "_");
  return { configKey, envVar };
}

export function credential(
  vendor: string,
  profile: string | undefined,
  key: string,
  required = true,
): string | undefined {
  const { configKey, envVar } = credentialKeys(vendor, profile, key);
  const value = stackConfig?.get(configKey) ?? process.env[envVar];
  if (value) {
    // Only secrets are redacted: a user name such as "api" would otherwise mask every path that contains it.
    if (isSecretCredential(key)) registerSecret(value);
    return value;
  }
  if (!required) return undefined;
  throw new ConfigError(
    `${vendor}: no ${key} for ${profile ? `profile "${profile}"` : "the default profile"}. ` +
      `Set it with \`pulumi config set --secret ${configKey} <value>\` or the environment variable ${envVar}.`,
  );
}

/** Whether a credential is secret (tokens, passwords, keys) rather than an identifier (user name, phone id). */
export const isSecretCredential = (key: string) => /pass|token|secret|key/i.test(key);
