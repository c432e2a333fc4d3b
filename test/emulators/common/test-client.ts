/** A tiny undici client for emulator tests: one Agent per base URL, TLS trust via a CA PEM, no redirects. */
import { Agent, request } from "undici";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: any;
}

export interface TestClient {
  send(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string | undefined> },
  ): Promise<Reply>;
  close(): Promise<void>;
}

/** `headers` go with every request (e.g. Accept and Authorization); a per-call header overrides one, undefined removes it. */
export function testClient(
  baseUrl: string,
  options: { ca?: string; headers?: Record<string, string> } = {},
): TestClient {
  const agent = new Agent({ connect: options.ca ? { ca: options.ca } : undefined });
  return {
    async send(method, path, { body, headers } = {}) {
      const url = /^https?:/.test(path) ? path : baseUrl + path;
      const all: Record<string, string | undefined> = { ...options.headers, ...headers };
      let payload: string | undefined;
      if (body !== undefined) {
        payload = typeof body === "string" ? body : JSON.stringify(body);
        if (!Object.keys(all).some((h) => h.toLowerCase() === "content-type")) all["content-type"] = "application/json";
      }
      for (const [k, v] of Object.entries(all)) if (v === undefined) delete all[k];
      const res = await request(url, {
        method: method as "GET",
        headers: all as Record<string, string>,
        body: payload,
        dispatcher: agent,
      });
      const text = await res.body.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, headers: res.headers, text, json };
    },
    close: () => agent.close(),
  };
}
