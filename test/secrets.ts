/** Every secret the suite hands to the providers; states and error messages are scanned for each of them. */
export const SECRETS = {
  kentixToken: "kx-e2e-token-3b8e51",
  socToken: "soc-e2e-bearer-c41d09",
  sinemaPassword: "rc-e2e-login-8f2c71",
  sinemaDevicePassword: "rc-e2e-device-19ad3e",
  sinemaAlicePassword: "rc-e2e-alice-5b0c62",
  sinemaBobPassword: "rc-e2e-bob-7e41d8",
  hexioPassword: "hx-e2e-pass-6a0d2f",
  primisEmail: "ops-e2e@primis.example",
  primisPassword: "Pr1mis-e2e-pw-4c9a",
  rhombusApiKey: "rh-e2e-apikey-71b3d0",
  kisiSecretKey: "kisi-e2e-secret-2f86ce",
  kentixUserPassword: "kx-e2e-alice-pw-9d3f17",
  kentixUserPin: "907153",
  kentixUserCard: "04E2E5A1C9D7B3",
  kentixContractorCard: "04C0A7F3E8B215",
  kentixCommunicationKey: "kx-e2e-commkey-6e19a4",
  kentixSmtpPassword: "kx-smtp-pw-5c7e20",
  kentixLdapBindPassword: "kx-ldap-bind-8a41f3",
  kentixVdsKey: "a3f9c2e7b1d04856e9c7a2b3f1d0e8c4",
  kentixSmbPassword: "kx-smb-pw-2d9b64",
  kentixSmsGatewayPassword: "kx-smsgw-pw-71e3aa",
  kentixSnmpCommunity: "kx-snmp-community-4b81e0",
  kentixSnmpAuthPassword: "kx-snmp-auth-pw-93c5d2",
  kentixSnmpPrivPassword: "kx-snmp-priv-pw-0e7a6f",
} as const;

export function plaintextSecrets(text: string): string[] {
  return Object.values(SECRETS).filter((s) => text.includes(s));
}
