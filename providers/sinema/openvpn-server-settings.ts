import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field, wireEnum, optional as opt } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

const port = z.number().int().min(1).max(65535);
const seconds = z.number().int().min(0);
const OUTAGE =
  "status deactivated turns the OpenVPN server off: every device and user tunnel ends, including the one this provider uses if it reaches the server through SINEMA RC. Set acknowledgeConnectionLoss: true to declare it anyway.";

/** The OpenVPN server's basic settings (Security > VPN connections). */
export const OpenVpnServerSettings = settings({
  vendor: sinema,
  name: "OpenVpnServerSettings",
  description:
    "Basic settings of the server's OpenVPN service: on/off, ports, timers, DH key length, cipher, hash, TLS version and the interfaces it listens on. The API itself runs over HTTPS, but turning OpenVPN off ends every tunnel (the provider's too, where it reaches the server through one), so it needs `acknowledgeConnectionLoss`. Devices pick up changed ciphers with their next configuration. Only the declared settings are managed. Destroy leaves them (`retain`) or writes back the values found before (`restore`).",
  id: "openvpn",
  updateMerge: true,
  routes: settingsRoutes("/security/openvpn", { status: "the server reports no OpenVPN status" }),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    status: opt(wireEnum({ deactivated: 0, activated: 1 }), "The OpenVPN server is on or off."),
    tcp: opt(port, "TCP port."),
    udp: opt(port, "UDP port."),
    keepAlive: opt(seconds, "Keep-alive interval in seconds."),
    timeout: opt(seconds, "Connection timeout in seconds."),
    key: opt(wireEnum({ dh1024: 1, dh1536: 2, dh2048: 3, dh4096: 4 }), "Diffie-Hellman key length in bits."),
    cipher: opt(
      wireEnum({ aes128: 1, aes192: 2, aes256: 3, desEde: 4, desEde3: 5 }),
      "Cipher: AES-128, AES-192, AES-256, DES-EDE or DES-EDE3.",
    ),
    hash: opt(wireEnum({ sha1: 1, sha256: 2, sha512: 3 }), "Hash method."),
    tls: opt(wireEnum({ tls10: 0, tls11: 1, tls12: 2 }), "TLS version: 1.0, 1.1 or 1.2."),
    interface: opt(
      wireEnum({ wan: 0, lan: 1, wanAndLan: 2 }),
      "The local VPN endpoint: the WAN interface, the LAN interfaces, or both.",
    ),
    acknowledgeConnectionLoss: field(z.boolean().optional(), {
      description:
        "Must be `true` to declare `status: deactivated`: acknowledges that every OpenVPN tunnel ends, the provider's too where it reaches the server through one. Not sent.",
      writeOnly: true,
    }),
  },
  rules(inputs, fail) {
    if (inputs.status === "deactivated" && inputs.acknowledgeConnectionLoss !== true)
      fail("acknowledgeConnectionLoss", OUTAGE);
  },
  toWire: ({ acknowledgeConnectionLoss: _local, ...body }) => body,
});
