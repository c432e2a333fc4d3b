import { z } from "zod";
import { codec, field, ref, wireEnum } from "../core/resource/schema";

/** Dotted IPv4 address. */
export const ipv4 = () => z.ipv4({ error: "must be an IPv4 address such as 192.168.10.1" });

/** Participant groups an object belongs to, kept through the association calls the spec's `parts` names. */
export const groupList = (description: string, wire?: string) =>
  field(z.array(ref("ParticipantGroup")).optional(), {
    description: `${description} Compared as a set; only additions and removals are written.`,
    unordered: true,
    ...(wire ? { wire } : {}),
  });

/** The enabled state, kept at `/status/{id}` (`{status: bool}`); 409 "already in that state" counts as done. */
export const enabledField = (what: string) =>
  field(z.boolean().optional(), {
    description: `Whether the ${what} is activated. Kept on its own endpoint (\`/status/{id}\`), written after create and only when it changes.`,
  });

/** Rights as the seed numbers them: 1-14 global, 15-18 group ("own") rights. */
export const GLOBAL_RIGHTS = {
  manageUsersAndRoles: 1,
  createBackupCopies: 2,
  restoreSystem: 3,
  editSystemParameters: 4,
  manageDevices: 5,
  manageAddressSpaces: 6,
  manageRemoteConnections: 7,
  certificateManagement: 8,
  manageFirmwareUpdates: 9,
  forceComment: 10,
  downloadClientSoftware: 11,
  seeLogfileMessages: 12,
  readOnlyFullAccess: 13,
  manageLayer2: 14,
} as const;
export const GROUP_RIGHTS = {
  manageOwnDevices: 15,
  manageOwnUsers: 16,
  manageOwnRemoteConnections: 17,
  manageOwnLayer2: 18,
} as const;

export const globalRights = (description: string) =>
  field(z.array(wireEnum(GLOBAL_RIGHTS)).default([]), { description, unordered: true });
export const groupRights = (description: string) =>
  field(z.array(wireEnum(GROUP_RIGHTS)).default([]), { description, unordered: true });

/** Rights as read: a flat list (role GET, worked example) or `{global_privileges, group_privileges}` (user GET); both flatten to numbers. */
export function flatRights(rights: unknown): number[] {
  if (Array.isArray(rights)) return rights.map(Number);
  if (rights && typeof rights === "object")
    return Object.values(rights).flatMap((v) => (Array.isArray(v) ? v.map(Number) : []));
  return [];
}

const ipInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const isIpv4 = (v: unknown): v is string => typeof v === "string" && z.ipv4().safeParse(v).success;

/** A dotted network mask (contiguous ones): 255.255.0.0. */
export const netmask = () =>
  ipv4().refine((m) => /^1*0*$/.test(ipInt(m).toString(2).padStart(32, "0")), {
    error: "must be a network mask such as 255.255.0.0",
  });

/**
 * The address space an address must fall in, as the program passes it from the address-space resource it declares
 * (`{startAddress: space.startAddress, networkMask: space.networkMask}`): a check-only input. It is never sent, and
 * a changed range is no change of the object that names it (it only decides whether check accepts the address).
 */
export const addressSpaceInput = (description: string) =>
  field(
    codec(
      z.strictObject({
        startAddress: ipv4(),
        networkMask: netmask(),
        endAddress: ipv4().optional(),
      }),
      {
        kind: "checkOnly",
        toWire: () => undefined,
        fromWire: (v) => v,
        canon: () => null,
        describe: "address space `{startAddress, networkMask, endAddress?}` (checked, never sent)",
      },
    ).optional(),
    { description, writeOnly: true },
  );

/**
 * Whether `ip` lies inside the space: from its start address up to its end address, and never past the network
 * the start address and mask span. `undefined` while any of them is still unknown (preview): the check that runs
 * before the create, with the values resolved, decides.
 */
export function outsideSpace(ip: unknown, space: unknown): string | undefined {
  if (!space || typeof space !== "object") return undefined;
  const { startAddress, networkMask, endAddress } = space as Record<string, unknown>;
  if (!isIpv4(ip) || !isIpv4(startAddress) || !isIpv4(networkMask)) return undefined;
  if (endAddress !== undefined && !isIpv4(endAddress)) return undefined;
  const start = ipInt(startAddress);
  const last = (start | (~ipInt(networkMask) >>> 0)) >>> 0;
  const end = endAddress === undefined ? last : Math.min(last, ipInt(endAddress));
  const n = ipInt(ip);
  if (n >= start && n <= end) return undefined;
  const dotted = [24, 16, 8, 0].map((s) => Math.floor(end / 2 ** s) % 256).join(".");
  return `${ip} is outside the declared address space (${startAddress} to ${dotted}): declare an address inside it, or change the space`;
}
