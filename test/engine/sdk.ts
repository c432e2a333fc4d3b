/**
 * The engine side talks to the plugin with the SDK's own generated gRPC stubs, loaded from the
 * engine's install (the plugin process resolves its own copy from the project folder).
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";

const here = createRequire(__filename);
const sdkRoot = dirname(here.resolve("@pulumi/pulumi/package.json"));
const sdkRequire = createRequire(`${sdkRoot}/package.json`);

export const grpc: typeof import("@grpc/grpc-js") = sdkRequire("@grpc/grpc-js");
export const providerGrpc: any = sdkRequire("./proto/provider_grpc_pb");
export const providerProto: any = sdkRequire("./proto/provider_pb");
export const statusProto: any = sdkRequire("./proto/status_pb");
export const structProto: any = sdkRequire("google-protobuf/google/protobuf/struct_pb");
export const emptyProto: any = sdkRequire("google-protobuf/google/protobuf/empty_pb");
export const sdkVersion: string = sdkRequire("./package.json").version;

/**
 * Where the CLI's `pulumi-resource-pulumi-nodejs` launcher finds the plugin: resolved from the
 * project folder, so a project without @pulumi/pulumi installed fails here as it would with the CLI.
 */
export function resolvePluginEntry(dir: string): string {
  try {
    return here.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [dir] });
  } catch {
    throw new Error(
      `cannot find @pulumi/pulumi/cmd/dynamic-provider from ${dir}: install @pulumi/pulumi in the project (the Pulumi CLI resolves the dynamic-provider plugin from the project folder too)`,
    );
  }
}
