import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "./connection";
import { ConfigError } from "./errors";
import { reservedInProgram, reservedText } from "./resource/check";
import { type DeepInput, opaqueInput } from "./resource/define";

/** `<vendor>.connection({...})`: addressing and TLS trust for one appliance, shared by its resources. */
export function connectionHelper(vendor: string) {
  return (args: DeepInput<ConnectionArgs> & object): DeepInput<ConnectionArgs> => {
    // `{"__proto__": {"insecure": true}}` would reach the appliance as `insecure: true`, with no warning.
    const reserved = reservedInProgram(args, opaqueInput, ["connection"]);
    if (reserved.length) throw new ConfigError(reservedText(`${vendor}.connection`, reserved));
    pulumi.output((args as { insecure?: pulumi.Input<boolean> }).insecure).apply((insecure) => {
      if (insecure) {
        pulumi.log.warn(
          `${vendor}: TLS verification is off for ${JSON.stringify((args as { url?: unknown }).url)} (insecure: true); prefer caCertPem or certFingerprint`,
        );
      }
    });
    return args;
  };
}
