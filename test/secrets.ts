/** Every secret the suite hands to the providers; states and error messages are scanned for each of them. */
export const SECRETS = {
  kentixToken: "kx-e2e-token-3b8e51",
  socToken: "soc-e2e-bearer-c41d09",
} as const;

export function plaintextSecrets(text: string): string[] {
  return Object.values(SECRETS).filter((s) => text.includes(s));
}
