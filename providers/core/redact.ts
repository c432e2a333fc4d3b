// Secrets known to this process (credentials, secret inputs). Every message that leaves the
// runtime (errors, logs, warnings) passes through redact(), so a value the appliance echoes
// back can never be printed.
const known = new Set<string>();
const SECRET_KEY = /pass(word)?|token|secret|pin|api[_-]?key|authorization|private|cookie/i;
export const REDACTED = "[redacted]";

// Longest first, so a secret that contains another (a password containing a token) is masked whole.
let longestFirst: string[] = [];

export function registerSecret(value: unknown): void {
  if (typeof value !== "string" || value.length < 3 || known.has(value)) return;
  known.add(value);
  longestFirst = [...known].sort((a, b) => b.length - a.length);
}

/** Every string inside a secret value (an object or array of secrets: a captured settings object, a map). */
export function registerSecrets(value: unknown): void {
  if (typeof value === "string") registerSecret(value);
  else if (Array.isArray(value)) value.forEach(registerSecrets);
  else if (value && typeof value === "object") Object.values(value).forEach(registerSecrets);
}

/** Forget every registered secret: a fresh process, for tests of what a process knows only from state. */
export function forgetSecrets(): void {
  known.clear();
  longestFirst = [];
}

export function redact(text: string): string {
  let out = text;
  for (const s of longestFirst) if (out.includes(s)) out = out.split(s).join(REDACTED);
  // key: "value" pairs whose key looks secret, in JSON or query strings
  out = out.replace(/("([^"]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (m, head: string, key: string) =>
    SECRET_KEY.test(key) ? `${head}"${REDACTED}"` : m,
  );
  return out.replace(/\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${REDACTED}`);
}

/** Deep copy of a JSON value with every string redacted (appliance values shown in a report); keys and structure kept. */
export function redactStrings(value: unknown): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v)]));
  return value;
}

/** Deep copy of a JSON value with secret-looking keys and known secrets masked. */
export function redactValue(value: unknown): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v != null ? REDACTED : redactValue(v)]),
    );
  }
  return value;
}
