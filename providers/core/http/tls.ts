import * as net from "node:net";
import * as tls from "node:tls";
import type { buildConnector } from "undici";
import { undici } from "./undici";
import { TlsError } from "../errors";

export interface TlsSettings {
  caCertPem?: string;
  certFingerprint?: string;
  insecure?: boolean;
}

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

export const normalizeFingerprint = (fp: string) =>
  fp
    .replace(/^sha256:/i, "")
    .replace(/[^0-9a-f]/gi, "")
    .toUpperCase();
const formatFingerprint = (hex: string) => `sha256:${hex.match(/../g)?.join(":")}`;

/**
 * undici connect options for one appliance. A pinned fingerprint replaces chain validation (the
 * usual way to trust one self-signed appliance); `insecure` skips verification entirely.
 */
export function connectOptions(settings: TlsSettings): buildConnector.BuildOptions | buildConnector.connector {
  const pin = settings.certFingerprint ? normalizeFingerprint(settings.certFingerprint) : undefined;
  const verifyChain = pin === undefined && !settings.insecure;
  const base = { ca: settings.caCertPem, rejectUnauthorized: verifyChain };
  if (!pin) return base;
  // No TLS session resumption for pinned connections: a resumed session presents no certificate to compare,
  // and undici caches the session when the handshake ends, before the pin is checked here. Every connection
  // therefore makes a full handshake and is compared with the pin before any request is written on it.
  const connect = undici().buildConnector({ ...base, maxCachedSessions: 0 });
  return (opts, callback) =>
    connect(opts, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error("no socket"), null);
      if (!(socket instanceof tls.TLSSocket)) return callback(null, socket);
      const presented = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? "");
      if (presented === pin && !socket.isSessionReused()) return callback(null, socket);
      socket.destroy();
      callback(
        new TlsError(
          presented
            ? `the certificate presented by ${opts.hostname}:${opts.port} has fingerprint ${formatFingerprint(presented)}, ` +
                `not the pinned ${formatFingerprint(pin)}; no request was sent. If the appliance's certificate was renewed, ` +
                `compare the new fingerprint with the one the appliance displays, then update connection.certFingerprint`
            : `${opts.hostname}:${opts.port} presented no certificate to compare with the pinned ${formatFingerprint(pin)}; no request was sent`,
        ),
        null,
      );
    });
}

export function isTlsFailure(err: unknown): boolean {
  const code = (err as { code?: string; cause?: { code?: string } })?.code;
  const causeCode = (err as { cause?: { code?: string } })?.cause?.code;
  return TLS_CODES.has(code ?? "") || TLS_CODES.has(causeCode ?? "");
}

/** Reads the certificate an appliance presents (handshake only, no HTTP request) so the error can show its fingerprint. */
export function presentedFingerprint(host: string, port: number, timeoutMs = 3000): Promise<string | undefined> {
  return new Promise((resolve) => {
    // Diagnostic handshake only: it reads the presented certificate for the error message and sends
    // no request, so skipping verification here is not an insecure data path.
    const servername = net.isIP(host) ? undefined : host;
    const socket = tls.connect({ host, port, servername, rejectUnauthorized: false }); // not insecure: no data sent
    const done = (fp?: string) => {
      socket.destroy();
      resolve(fp);
    };
    socket.setTimeout(timeoutMs, () => done());
    socket.once("secureConnect", () => done(socket.getPeerCertificate().fingerprint256));
    socket.once("error", () => done());
  });
}

export async function tlsFailure(vendor: string, origin: string, err: unknown): Promise<TlsError> {
  const url = new URL(origin);
  const fp = await presentedFingerprint(url.hostname, Number(url.port || 443));
  const reason = (err as { cause?: { message?: string } })?.cause?.message ?? (err as Error).message;
  const altname = [err, (err as { cause?: unknown })?.cause].find(
    (e) => (e as { code?: string })?.code === "ERR_TLS_CERT_ALTNAME_INVALID",
  ) as { host?: string; cert?: { subjectaltname?: string; subject?: { CN?: string } } } | undefined;
  if (altname) {
    const names =
      altname.cert?.subjectaltname ?? (altname.cert?.subject?.CN ? `CN ${altname.cert.subject.CN}` : "no names");
    return new TlsError(
      `${vendor}: TLS verification failed for ${origin}: the certificate is not issued for ${altname.host ?? url.hostname} ` +
        `(it names ${names}); no request was sent. Address the appliance by a name or address its certificate names in connection.url` +
        (fp
          ? `, or pin this certificate with connection.certFingerprint: "${formatFingerprint(normalizeFingerprint(fp))}" (compare it with the appliance's display before trusting it)`
          : `, or pin its certificate with connection.certFingerprint`) +
        `.`,
      { cause: err },
    );
  }
  return new TlsError(
    `${vendor}: TLS verification failed for ${origin} (${reason}); no request was sent. Trust the appliance with connection.caCertPem ` +
      `(its CA or self-signed certificate in PEM)` +
      (fp
        ? ` or pin it with connection.certFingerprint: "${formatFingerprint(normalizeFingerprint(fp))}" (the certificate it presents now; compare it with the appliance's display before trusting it)`
        : ` or pin its certificate with connection.certFingerprint`) +
      `. connection.insecure: true turns verification off and is not recommended.`,
    { cause: err },
  );
}
