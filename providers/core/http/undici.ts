/**
 * undici, loaded by the first connection that sends a request. The program process declares resources and sends
 * nothing, and a preview's plugin checks inputs without a request: neither pays undici's load (about 65 ms of CPU,
 * 110 modules) before its first request.
 */
let loaded: typeof import("undici") | undefined;

export function undici(): typeof import("undici") {
  loaded ??= require("undici") as typeof import("undici");
  return loaded;
}
