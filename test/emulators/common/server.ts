/**
 * A real HTTP(S) server on 127.0.0.1 around one handler, with the knobs every vendor emulator needs:
 * latency, injected faults, and a request log. State lives in the handler, not here.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { FaultQueue } from "./faults";
import { serverCredentials, type HttpsMode } from "./tls";
import type {
  EmulatorRequest,
  EmulatorResponse,
  FaultHandle,
  FaultSpec,
  Handler,
  LoggedRequest,
  Scheme,
} from "./types";

export interface EmulatorOptions {
  handler: Handler;
  /** When set, an HTTPS listener runs next to the HTTP one (same handler, same state). */
  https?: HttpsMode;
  /** Fixed ports (0 = any free port, the default). */
  port?: number;
  httpsPort?: number;
  latencyMs?: number;
}

let recorder: ((entry: LoggedRequest) => void) | undefined;
/** Called with every request once it is answered (test/support/request-log.setup.ts records them to compare runs). */
export const setRequestRecorder = (record: (entry: LoggedRequest) => void) => {
  recorder = record;
};

export class Emulator {
  /** Added to every request before it is handled. */
  latencyMs: number;
  /** How the emulator waits (latency, delay faults); a test replaces it to see the waits without timing them (holdWaits). */
  sleep: (ms: number) => Promise<void> = sleep;
  /** Every request received, in arrival order. */
  readonly requests: LoggedRequest[] = [];
  readonly httpUrl: string;
  readonly httpsUrl: string | undefined;
  private readonly faults = new FaultQueue();
  private inFlightNow = 0;
  private peak = 0;

  constructor(
    private readonly handler: Handler,
    private readonly servers: { http: http.Server; https?: https.Server },
    latencyMs: number,
  ) {
    this.latencyMs = latencyMs;
    this.httpUrl = urlOf("http", servers.http);
    this.httpsUrl = servers.https ? urlOf("https", servers.https) : undefined;
  }

  /** The HTTPS URL when there is one, else the HTTP URL. */
  get url(): string {
    return this.httpsUrl ?? this.httpUrl;
  }

  /** Requests being served right now, and the most at once since start or clearRequests(). */
  get inFlight(): number {
    return this.inFlightNow;
  }
  get peakInFlight(): number {
    return this.peak;
  }

  inject(spec: FaultSpec): FaultHandle {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  clearRequests(): void {
    this.requests.length = 0;
    this.peak = this.inFlightNow;
  }

  /** Logged requests that are not GET (or HEAD): what a client changed, or tried to. */
  writes(): LoggedRequest[] {
    return this.requests.filter((r) => r.method !== "GET" && r.method !== "HEAD");
  }

  async close(): Promise<void> {
    this.faults.clear();
    await Promise.all([closeServer(this.servers.http), this.servers.https && closeServer(this.servers.https)]);
  }

  /** @internal request entry point for both listeners. */
  async serve(scheme: Scheme, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const text = await readBody(req);
    const request = parseRequest(scheme, req, text);
    const entry: LoggedRequest = {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      body: request.body,
      scheme,
      status: null,
    };
    this.requests.push(entry);
    this.inFlightNow += 1;
    this.peak = Math.max(this.peak, this.inFlightNow);
    try {
      const fault = this.faults.take(request.method, request.path)?.spec;
      if (fault) entry.fault = fault.kind;
      if (this.latencyMs > 0) await this.sleep(this.latencyMs);
      if (fault?.kind === "delay") await this.sleep(fault.ms);
      if (fault?.kind === "reset-before") return resetSocket(res);

      const response =
        fault?.kind === "status"
          ? {
              status: fault.status,
              headers: fault.headers,
              body: fault.body ?? { message: http.STATUS_CODES[fault.status] },
            }
          : await this.invoke(request, entry);
      // The handler ran and its state change stands; the client never learns the outcome.
      if (fault?.kind === "reset-after-commit") return resetSocket(res);

      entry.status = response.status;
      send(res, response);
    } finally {
      this.inFlightNow -= 1;
      recorder?.(entry);
    }
  }

  private async invoke(request: EmulatorRequest, entry: LoggedRequest): Promise<EmulatorResponse> {
    try {
      return await this.handler(request);
    } catch (err) {
      entry.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      return { status: 500, body: { message: `emulator handler failed: ${String(err)}` } };
    }
  }
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  let emulator: Emulator | undefined;
  const listener = (scheme: Scheme) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    void emulator!.serve(scheme, req, res).catch(() => resetSocket(res));
  };
  const httpServer = http.createServer(listener("http"));
  const httpsServer = options.https
    ? https.createServer(serverCredentials(options.https), listener("https"))
    : undefined;
  await listen(httpServer, options.port ?? 0);
  if (httpsServer) await listen(httpsServer, options.httpsPort ?? 0);
  emulator = new Emulator(options.handler, { http: httpServer, https: httpsServer }, options.latencyMs ?? 0);
  return emulator;
}

function parseRequest(scheme: Scheme, req: http.IncomingMessage, text: string): EmulatorRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const local = req.socket.localPort;
  const origin = `${scheme}://${headers.host ?? `127.0.0.1:${local}`}`;
  const url = new URL(req.url ?? "/", `${scheme}://127.0.0.1:${local}`);
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    text,
    body: parseBody(text, headers["content-type"]),
    scheme,
    origin,
  };
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === "") return undefined;
  if (contentType && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function send(res: http.ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === "content-type");
  let payload = "";
  if (typeof response.body === "string") {
    payload = response.body;
    if (!hasType) headers["Content-Type"] = "text/plain; charset=utf-8";
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    if (!hasType) headers["Content-Type"] = "application/json";
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Drop the connection without a response: a TCP RST where the socket allows it, else a plain close. */
function resetSocket(res: http.ServerResponse): void {
  const socket = res.socket as Socket | null;
  if (!socket) return;
  try {
    socket.resetAndDestroy(); // TLS sockets refuse this; they get a plain destroy.
  } catch {
    socket.destroy();
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections(); // keep-alive sockets would hold close() open
  });
}

function urlOf(scheme: Scheme, server: http.Server): string {
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
