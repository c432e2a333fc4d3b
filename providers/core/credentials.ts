import { ConfigError } from "./errors";
import { registerSecret } from "./redact";

/** The stack config handed to the provider's `configure` (secrets already decrypted by the engine). */
export interface ConfigSource {
  get(key: string): string | undefined;
}
let stackConfig: ConfigSource | undefined;
export const setStackConfig = (config: ConfigSource) => void (stackConfig = config);

/**
 * Where a credential is looked up, in order:
 *   stack config  `<vendor>:<profile>.<key>`   e.g. `pulumi config set --secret kentix:hq.token ...`
 *   environment   `<VENDOR>_<PROFILE>_<KEY>`    e.g. KENTIX_HQ_TOKEN
 * Without a profile: `<vendor>:<key>` and `<VENDOR>_<KEY>`.
 */
export function credentialKeys(vendor: string, profile: string | undefined, key: string) {
  const configKey = profile ? `${vendor}:${profile}.${key}` : `${vendor}:${key}`;
  const envVar = [vendor, profile, key].filter(Boolean).join("_").toUpperCase().replace(/[^A-Z0-9]/g, "_");
  return { configKey, envVar };
}

export function credential(vendor: string, profile: string | undefined, key: string, required = true): string | undefined {
  const { configKey, envVar } = credentialKeys(vendor, profile, key);
  const value = stackConfig?.get(configKey) ?? process.env[envVar];
  if (value) {
    registerSecret(value);
    return value;
  }
  if (!required) return undefined;
  throw new ConfigError(
    `${vendor}: no ${key} for ${profile ? `profile "${profile}"` : "the default profile"}. ` +
      `Set it with \`pulumi config set --secret ${configKey} <value>\` or the environment variable ${envVar}.`,
  );
}
