import { UNKNOWN } from "./resource/check";

/**
 * The host the provider reaches the appliance at, for a kind's `rules` (the checked inputs carry the connection):
 * the host of `connection.url`, lower case, an IPv6 address without its brackets. Undefined while the URL is
 * unknown (preview: the real check runs at `up`) or absent. Guarded settings compare it with an address they
 * would change (the address the provider itself connects through).
 */
export function connectionHost(inputs: object): string | undefined {
  const url = (inputs as { connection?: { url?: unknown } }).connection?.url;
  if (typeof url !== "string" || url === UNKNOWN) return undefined;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^\[(.*)\]$/, "$1") || undefined;
  } catch {
    return undefined;
  }
}

/** Whether a host is an IPv4 address in dotted-quad form (not a name that may resolve to one). */
export const isIpv4 = (host: string): boolean =>
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(host);
