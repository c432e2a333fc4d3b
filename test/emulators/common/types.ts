/** Shapes shared by every emulator: what a handler receives and returns, and what the log records. */

export type Scheme = "http" | "https";

/** One parsed HTTP request, as a handler sees it. */
export interface EmulatorRequest {
  method: string;
  /** Path without the query string, e.g. "/api/items/3". */
  path: string;
  /** Query parameters; the last value wins when a name repeats. */
  query: Record<string, string>;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Raw body text ("" when there is none). */
  text: string;
  /** JSON when the Content-Type says JSON and the text parses; otherwise the text; undefined when empty. */
  body: unknown;
  scheme: Scheme;
  /** scheme://host as the client addressed it (from the Host header), for absolute links. */
  origin: string;
}

/** What a handler returns. An object/array/number/boolean/null body is sent as JSON, a string as text. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Handler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export type FaultKind = "status" | "reset-after-commit" | "reset-before" | "delay";

/** Which requests a fault applies to. */
export interface FaultMatch {
  /** Any method when omitted. */
  method?: string;
  /** Exact path, a route pattern with {params}, or a RegExp on the path. Any path when omitted. */
  path?: string | RegExp;
  /** How many matching requests it hits (default 1; Infinity for all). */
  times?: number;
  /**
   * Consulted last, for a request that matches method and path: the fault hits only when it returns true. `seq`
   * numbers the requests (one per request, in arrival order), so faults that share one draw per request can tell
   * requests apart (see randomFaults).
   */
  when?: (request: { method: string; path: string; seq: number }) => boolean;
}

export type FaultSpec = FaultMatch &
  (
    | { kind: "status"; status: number; headers?: Record<string, string>; body?: unknown }
    | { kind: "reset-after-commit" }
    | { kind: "reset-before" }
    | { kind: "delay"; ms: number }
  );

export interface FaultHandle {
  readonly kind: FaultKind;
  /** Requests this fault has hit so far. */
  readonly hits: number;
  /** Hits left before it expires. */
  readonly remaining: number;
  cancel(): void;
}

/** One entry of the request log. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  scheme: Scheme;
  /** Status sent to the client; null when no response was delivered (reset) or it is still in flight. */
  status: number | null;
  /** The injected fault that hit this request, if any. */
  fault?: FaultKind;
  /** Set when the handler threw (the client got a 500). */
  error?: string;
}
